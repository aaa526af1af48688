"""`python manage.py seed_demo`: a realistic running promotion to try Magellan, with one login per role.

« Promotion 8 » started on the first day of the month three months ago, so its phase 2 runs today. It holds
20 défis in 10 administrations, 42 EIG of mixed métiers, their porteurs and sponsors, a coach team,
parrains and marraines, intervenants and alumni, and three months of accompagnement (magellan.demo_accompagnement):
a published calendar, registrations, mentorat, heures, carnets, bureau d'aide, comités. Names come from seeded
Faker and random generators: two runs give the same people. The command does nothing when the promotion
exists, unless `--reset` is given.
"""

import logging
import random
from collections import Counter

import factory.random
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.text import slugify

from accompagnement.models import Session
from defis.factories import corps_markdown
from defis.models import Defi, MembreEquipe
from magellan.demo import (
    ADMINISTRATIONS, ALUMNI, COACHS, DEFIS, DOMAINE, FONCTIONS_EIG, FONCTIONS_PORTEUR, FONCTIONS_SPONSOR,
    INTERVENANTS, PARRAINS, PART_DE_DEFIS_A_DEUX_PORTEURS,
)
from magellan.celery import app as celery_app
from magellan.demo_accompagnement import accompagnement_construire, accompagnement_effacer
from magellan.demo_groupes import demo_groupes
from magellan.demo_meteo import demo_meteo
from programme.factories import PersonneFactory, debut_promotion_en_cours
from programme.models import Administration, Expertise, Personne, Promotion, Role, Theme
from programme.services import promotion_creer, promotion_replanifier

GRAINE = 8
NOM_PROMOTION = "Promotion 8"
URL_CONNEXION = "http://127.0.0.1:8000/comptes/login/code/"
# Mails the services send while the demo is built (cycles booked, rapports published…) stay in memory.
EMAILS_EN_MEMOIRE = "django.core.mail.backends.locmem.EmailBackend"


class Annuaire:
    """The demo's people, built unsaved with PersonneFactory, their roles and métiers, then saved in bulk."""

    def __init__(self):
        self.personnes: list[Personne] = []
        self.roles: list[tuple[Personne, str, bool]] = []
        self.metiers: list[tuple[Personne, str]] = []
        self.adresses: set[str] = set()

    def ajouter(self, type_role, *, fonction, feminin, metier=None, email=None, hors_promotion=False):
        """A new person with a role (in the promotion, or in the whole programme); returns the unsaved person."""
        personne = PersonneFactory.build(femme=feminin, homme=not feminin, fonction=fonction)
        personne.email = email or self._adresse(personne)
        self.adresses.add(personne.email)
        self.personnes.append(personne)
        self.roles.append((personne, type_role, hors_promotion))
        if metier:
            self.metiers.append((personne, metier))
        return personne

    def _adresse(self, personne):
        base = f"{slugify(personne.prenom)}.{slugify(personne.nom_usage)}"
        adresse, n = f"{base}@{DOMAINE}", 1
        while adresse in self.adresses:
            n += 1
            adresse = f"{base}{n}@{DOMAINE}"
        return adresse

    def enregistrer(self, promotion, expertises):
        """Save people, métiers and roles; coach roles one by one, since `Role.save` gives coaches the admin."""
        Personne.objects.bulk_create(self.personnes)
        Personne.expertises.through.objects.bulk_create(
            Personne.expertises.through(personne_id=p.pk, expertise_id=expertises[m].pk) for p, m in self.metiers
        )
        roles = [
            Role(personne=p, promotion=None if hors_promotion else promotion, type=t)
            for p, t, hors_promotion in self.roles
        ]
        Role.objects.bulk_create(r for r in roles if r.type != Role.Type.COACH)
        for role in roles:
            if role.type == Role.Type.COACH:
                role.save()


def adresse_de(type_role: Role.Type) -> str:
    """The memorable address of the demo's login for a role: coach@magellan.test, eig@magellan.test…"""
    return f"{type_role.value}@{DOMAINE}"


def _par_nom(modele, noms, **champs_par_nom):
    """The rows of a taxonomy named `noms`, the missing ones created in one query."""
    existants = {o.nom: o for o in modele.objects.filter(nom__in=noms)}
    manquants = [modele(nom=nom, **champs_par_nom.get(nom, {})) for nom in noms if nom not in existants]
    modele.objects.bulk_create(manquants)
    return existants | {o.nom: o for o in modele.objects.filter(nom__in=[m.nom for m in manquants])}


def demo_effacer(promotion: Promotion):
    """Remove the demo's people (every address on its domain), the promotion's défis and its accompagnement
    (sessions, comités…); keep the promotion."""
    accompagnement_effacer(promotion)
    Defi.objects.filter(promotion=promotion).delete()
    Personne.objects.filter(email__iendswith=f"@{DOMAINE}").delete()
    promotion.date_debut = debut_promotion_en_cours()
    promotion.save(update_fields=["date_debut"])
    promotion_replanifier(promotion)


def demo_construire(promotion: Promotion) -> dict[str, int]:
    """Fill the promotion with administrations, défis and people, then their accompagnement; returns how many of
    each were made."""
    factory.random.reseed_random(GRAINE)
    rng = random.Random(GRAINE)
    expertises = _par_nom(Expertise, sorted({m for *_r, m in COACHS + PARRAINS + INTERVENANTS + ALUMNI}
                                            | {m for d in DEFIS for m in d.metiers}))
    themes = _par_nom(Theme, sorted({t for d in DEFIS for t in d.themes}))
    par_nom = _par_nom(
        Administration, [nom for nom, _s, _v in ADMINISTRATIONS],
        **{nom: {"sigle": sigle} for nom, sigle, _v in ADMINISTRATIONS},
    )
    administrations = [par_nom[nom] for nom, _s, _v in ADMINISTRATIONS]

    annuaire = Annuaire()
    for type_role, gens, hors_promotion in [
        (Role.Type.COACH, COACHS, False), (Role.Type.PARRAIN, PARRAINS, False),
        (Role.Type.INTERVENANT, INTERVENANTS, False), (Role.Type.ALUMNI, ALUMNI, True),
    ]:
        for rang, (fonction, feminin, metier) in enumerate(gens):
            annuaire.ajouter(
                type_role, fonction=fonction, feminin=feminin, metier=metier, hors_promotion=hors_promotion,
                email=adresse_de(type_role) if rang == 0 else None,
            )

    sponsors = []
    for index, (_nom, sigle, _ville) in enumerate(ADMINISTRATIONS):
        feminin = rng.random() < 0.5
        fonction = rng.choice(FONCTIONS_SPONSOR)[feminin]
        sponsors.append(annuaire.ajouter(
            Role.Type.SPONSOR, fonction=f"{fonction} ({sigle})", feminin=feminin,
            email=adresse_de(Role.Type.SPONSOR) if index == 0 else None,
        ))

    defis, membres = [], []
    for index, idee in enumerate(DEFIS):
        nom_admin, sigle, ville = ADMINISTRATIONS[idee.administration]
        defi = Defi(
            slug=slugify(idee.nom_court), titre=idee.titre, description=idee.description,
            administration=administrations[idee.administration], promotion=promotion, ville=ville,
            annee=promotion.date_debut.year, visible=True,
            corps=f"Administration d'accueil : {nom_admin} ({sigle}).\n\n" + corps_markdown(idee.enjeu, idee.hypothese),
        )
        defis.append(defi)
        membres.append(MembreEquipe(defi=defi, personne=sponsors[idee.administration], role=MembreEquipe.Role.SPONSOR))
        for rang, metier in enumerate(idee.metiers):
            feminin = rng.random() < 0.5
            eig = annuaire.ajouter(
                Role.Type.EIG, fonction=FONCTIONS_EIG[metier][feminin], feminin=feminin, metier=metier,
                email=adresse_de(Role.Type.EIG) if index == rang == 0 else None,
            )
            membres.append(MembreEquipe(defi=defi, personne=eig, role=MembreEquipe.Role.EIG))
        nombre_porteurs = 2 if rng.random() < PART_DE_DEFIS_A_DEUX_PORTEURS else 1
        for rang in range(nombre_porteurs):
            feminin = rng.random() < 0.5
            porteur = annuaire.ajouter(
                Role.Type.PORTEUR, fonction=f"{rng.choice(FONCTIONS_PORTEUR)[feminin]} ({sigle})", feminin=feminin,
                email=adresse_de(Role.Type.PORTEUR) if index == rang == 0 else None,
            )
            membres.append(MembreEquipe(defi=defi, personne=porteur, role=MembreEquipe.Role.PORTEUR))

    annuaire.enregistrer(promotion, expertises)
    Defi.objects.bulk_create(defis)
    Defi.themes.through.objects.bulk_create(
        Defi.themes.through(defi_id=d.pk, theme_id=themes[t].pk) for d, i in zip(defis, DEFIS) for t in i.themes
    )
    Defi.expertises.through.objects.bulk_create(
        Defi.expertises.through(defi_id=d.pk, expertise_id=expertises[m].pk)
        for d, i in zip(defis, DEFIS) for m in i.metiers
    )
    MembreEquipe.objects.bulk_create(membres)

    demo = {t: Personne.objects.get(email=adresse_de(t)) for t in Role.Type}
    comptes = {
        "defis": len(defis), "administrations": len(administrations), **Counter(t for _p, t, _h in annuaire.roles),
        **accompagnement_construire(promotion, demo, random.Random(GRAINE)),
        **demo_meteo(promotion),
        "groupes de partage": len(demo_groupes(promotion)),
    }
    # The groups' sessions come on top of the calendar's.
    comptes["sessions"] = Session.objects.filter(promotion=promotion, statut=Session.Statut.PUBLIEE).count()
    return comptes


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

    def _connexions(self):
        """Print one login per role: the person, their role and where they stand."""
        adresses = [adresse_de(t) for t in Role.Type]
        personnes = {
            p.email: p for p in Personne.objects.filter(email__in=adresses).prefetch_related("equipes__defi")
        }
        self.stdout.write("")
        self.stdout.write("Connexion par code, sans mot de passe :")
        self.stdout.write(f"  1. ouvrez {URL_CONNEXION} (le site tourne avec « make run ») ;")
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
