"""`python manage.py seed_demo`: a realistic running promotion to try Magellan, with one login per role.

« Promotion 8 » started on the first day of the month three months ago, so its phase 2 runs today. It holds
20 défis in 10 administrations, 42 EIG of mixed métiers, their porteurs and sponsors, a coach team,
parrains and marraines, intervenants and alumni, and three months of accompagnement: a published calendar,
registrations, mentorat, heures, carnets, bureau d'aide, comités. The demo package builds it (demo.construction);
two runs give the same people. The command does nothing when the promotion exists, unless `--reset` is given.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from demo.arrivee import ADRESSE_NOUVELLE_EIG
from demo.construction import NOM_PROMOTION, adresse_de, demo_construire, demo_effacer
from demo.contenu import DOMAINE
from demo.ressources import demo_ressources
from magellan.celery import app as celery_app
from programme.factories import debut_promotion_en_cours
from programme.models import Personne, Promotion, Role
from programme.services import promotion_creer

# Mails the services send while the demo is built (cycles booked, rapports published…) stay in memory.
EMAILS_EN_MEMOIRE = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = "Crée une promotion de démonstration en cours (« Promotion 8 ») et affiche un identifiant par rôle."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true",
            help="Supprime les personnes, les défis et l'accompagnement de la démonstration, puis les reconstruit.",
        )

    def handle(self, *args, reset=False, **options):
        promotion = Promotion.objects.filter(nom=NOM_PROMOTION).first()
        if promotion and not reset:
            self.stdout.write(
                f"Les données de démonstration existent déjà (« {NOM_PROMOTION} ») : rien n'a été modifié. "
                "Relancez avec --reset pour les reconstruire."
            )
        else:
            # The notifications' tasks run here at the commit, still inside the override: nothing is left queued
            # for the worker, which would send them with the real backend.
            eager = celery_app.conf.task_always_eager
            celery_app.conf.task_always_eager = True
            journal = logging.getLogger("celery.app.trace")
            niveau = journal.level
            journal.setLevel(logging.WARNING)  # not one line per demo e-mail
            try:
                with override_settings(EMAIL_BACKEND=EMAILS_EN_MEMOIRE), transaction.atomic():
                    if promotion:
                        demo_effacer(promotion)
                    else:
                        Personne.objects.filter(email__iendswith=f"@{DOMAINE}").delete()
                        promotion = promotion_creer(NOM_PROMOTION, numero=8, date_debut=debut_promotion_en_cours())
                    comptes = demo_construire(promotion)
            finally:
                celery_app.conf.task_always_eager = eager
                journal.setLevel(niveau)
            self._resume(promotion, comptes)
        self.stdout.write(demo_ressources())
        self._connexions()

    def _resume(self, promotion, comptes):
        """Print what was built: the promotion's dates, its running phase and how many of each."""
        phase = promotion.phase_en_cours()
        self.stdout.write(self.style.SUCCESS(
            f"Données de démonstration prêtes : {NOM_PROMOTION}, du {promotion.date_debut:%d/%m/%Y} "
            f"au {promotion.date_fin:%d/%m/%Y}" + (f", phase {phase.numero} – {phase.nom} en cours." if phase else ".")
        ))
        self.stdout.write(
            f"  {comptes['defis']} défis dans {comptes['administrations']} administrations, "
            f"{comptes[Role.Type.EIG]} EIG, {comptes[Role.Type.PORTEUR]} porteurs et porteuses, "
            f"{comptes[Role.Type.SPONSOR]} sponsors, {comptes[Role.Type.COACH]} coachs, "
            f"{comptes[Role.Type.PARRAIN]} parrains et marraines, {comptes[Role.Type.INTERVENANT]} intervenants, "
            f"{comptes[Role.Type.ALUMNI]} alumni."
        )
        self.stdout.write(
            f"  Accompagnement : {comptes['sessions']} sessions publiées sur les quatre phases, "
            f"{comptes['inscriptions']} inscriptions, {comptes['creneaux']} créneaux de mentorat et "
            f"{comptes['cycles']} cycles réservés, {comptes['heures']} saisies d'heures d'accélération, "
            f"{comptes['carnets']} carnets de bord, {comptes['demandes']} demandes au bureau d'aide, "
            f"{comptes['comites']} comités d'évaluation et {comptes['rapports']} rapport publié."
        )
        self.stdout.write(
            f"  Météo entrepreneuriale : {comptes['vagues']} vagues, {comptes['reponses']} réponses, "
            f"{comptes['alertes']} alertes ; {comptes['groupes de partage']} groupes de partage sur deux mois."
        )
        self.stdout.write(
            f"  Parcours d'arrivée : {comptes['parcours commencés']} personnes en chemin, "
            f"{comptes['nouvelles personnes invitées']} EIG tout juste invitée."
        )

    def _connexions(self):
        """Print one login per role: the person, their role and where they stand."""
        adresses = [adresse_de(t) for t in Role.Type]
        personnes = {
            p.email: p for p in Personne.objects.filter(email__in=adresses).prefetch_related("equipes__defi")
        }
        self.stdout.write("")
        self.stdout.write("Connexion par code, sans mot de passe :")
        connexion = settings.SITE_URL.rstrip("/") + reverse("account_request_login_code")
        self.stdout.write(f"  1. ouvrez {connexion} (le site tourne avec « make run ») ;")
        self.stdout.write("  2. saisissez l'une des adresses ci-dessous ;")
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            self.stdout.write("  3. le code de connexion s'affiche dans la console du serveur : recopiez-le.")
        else:
            self.stdout.write(
                f"  3. le code part par courriel ({settings.EMAIL_BACKEND}) : sans EMAIL_URL, "
                "il s'afficherait dans la console du serveur."
            )
        self.stdout.write("")
        for type_role, adresse in zip(Role.Type, adresses):
            personne = personnes.get(adresse)
            if personne is None:
                continue
            defis = sorted({m.defi.titre.split(" – ")[0] for m in personne.equipes.all()})
            detail = f"{personne.nom_complet}, {personne.fonction}" + (f" – {', '.join(defis)}" if defis else "")
            self.stdout.write(f"  {type_role.label:<32}  {adresse:<28}  {detail}")
        nouvelle = Personne.objects.filter(email=ADRESSE_NOUVELLE_EIG).first()
        if nouvelle:
            self.stdout.write(f"  {'EIG tout juste invitée':<32}  {ADRESSE_NOUVELLE_EIG:<28}  {nouvelle.nom_complet}, "
                              "à sa première connexion : son parcours d'arrivée")
