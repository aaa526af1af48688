"""`seed_demo` builds a realistic running promotion, prints working logins and never builds it twice.

The demo is built once for the class below; each test runs in its own transaction nested in that one and
rolled back after it, so a test that runs the command again (`--reset`) leaves the next one the same demo.
"""

import datetime
import re
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accompagnement.models import (
    AutoEvaluation,
    CarnetDeBord,
    Creneau,
    Cycle,
    DemandeAide,
    HeureAcceleration,
    Inscription,
    Reservation,
    Session,
    TypeMentorat,
)
from accompagnement.selectors.agenda import evenements_de
from accompagnement.services.planificateur import est_ouvre
from defis.models import Defi, MembreEquipe
from evaluations.models import Comite, Rapport, Support
from programme.factories import EIGFactory
from programme.models import Administration, Expertise, Personne, Promotion, Role, Theme

pytestmark = pytest.mark.django_db


ADRESSE_SERVIE = "http://127.0.0.1:8123"


def seed_demo(*args) -> str:
    """Run the command and return what it printed."""
    sortie = StringIO()
    call_command("seed_demo", *args, stdout=sortie)
    return sortie.getvalue()


def effectifs() -> dict[str, int]:
    """How many rows of each kind the database holds."""
    modeles = [
        Promotion, Personne, Role, Defi, MembreEquipe, Administration, Theme, Expertise, Session, Inscription,
        Creneau, Cycle, Reservation, HeureAcceleration, CarnetDeBord, AutoEvaluation, DemandeAide, Comite, Support,
        Rapport,
    ]
    return {modele.__name__: modele.objects.count() for modele in modeles}


def debut_du_mois(decalage: int = 0) -> datetime.date:
    """The first day of this month (in Paris), moved by `decalage` months."""
    return timezone.localdate().replace(day=1) + relativedelta(months=decalage)


def a_minuit(jour: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(0, 0)))


def identifiants(sortie: str) -> dict[str, str]:
    """The printed logins: role label → e-mail address."""
    return {
        label: adresse
        for label, adresse in re.findall(r"^\s+(\S.*?)\s{2,}(\S+@magellan\.test)\s", sortie, flags=re.MULTILINE)
    }


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for the class, rolled back after its last test; returns what the command printed. The
    site is served at another address than the default, as `make run ADRESSE=…` does."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(SITE_URL=ADRESSE_SERVIE):
        yield seed_demo()
        transaction.set_rollback(True)


def empreinte_de_l_accompagnement() -> dict[str, list]:
    """What the demo's accompagnement holds, by value rather than by id: two builds compare equal."""
    return {
        "sessions": sorted(Session.objects.values_list("titre", "debut", "statut")),
        "inscriptions": sorted(
            Inscription.objects.values_list("session__titre", "session__debut", "personne__email", "statut", "present")
        ),
        "creneaux": sorted(Creneau.objects.values_list("mentor__email", "debut", "type")),
        "heures": sorted(HeureAcceleration.objects.values_list("defi__slug", "date", "duree_minutes")),
        "niveaux": sorted(AutoEvaluation.objects.values_list("carnet__mois", "competence__nom", "niveau")),
    }


@pytest.mark.django_db(transaction=True)
def test_seed_demo_garde_en_memoire_les_courriels_envoyes_pendant_la_construction(settings, capsys):
    """The mails the services send while the demo is built (cycles, bureau d'aide, rapport) do not reach the
    configured backend: the console shows the logins, not a flood of messages."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    seed_demo()

    assert "Subject:" not in capsys.readouterr().out
    assert any("cycle de mentorat" in message.subject for message in mail.outbox)
    assert any("Rapport d'évaluation publié" in message.subject for message in mail.outbox)


@pytest.mark.usefixtures("demo")
class TestDemonstration:
    """What a newcomer finds after `make run`: a promotion, its people and three months of accompagnement."""

    def test_seed_demo_cree_une_promotion_en_cours_en_phase_2(self):
        """The demo promotion started on the first day of a month and is in phase 2 today."""
        promotion = Promotion.objects.get()
        assert (promotion.nom, promotion.numero) == ("Promotion 8", 8)
        assert promotion.date_debut.day == 1
        assert promotion.phase_en_cours().numero == 2

    def test_seed_demo_place_une_quarantaine_d_eig_chacun_sur_un_defi(self):
        """About 40 EIG, each on exactly one défi of the promotion, each with a métier."""
        eig = Personne.objects.filter(roles__type=Role.Type.EIG).prefetch_related("equipes", "expertises")
        assert 35 <= len(eig) <= 50
        for personne in eig:
            assert [m.role for m in personne.equipes.all()] == [MembreEquipe.Role.EIG]
            assert personne.expertises.count() == 1

    def test_seed_demo_donne_a_chaque_defi_porteur_sponsor_et_metiers_melanges(self):
        """About 20 défis, each with a porteur, a sponsor and a team of 2 or 3 EIG of different métiers."""
        defis = Defi.objects.prefetch_related("membres__personne__expertises")
        assert 15 <= len(defis) <= 25
        for defi in defis:
            roles = [m.role for m in defi.membres.all()]
            metiers = [
                e.nom for m in defi.membres.all() if m.role == MembreEquipe.Role.EIG
                for e in m.personne.expertises.all()
            ]
            assert 1 <= roles.count(MembreEquipe.Role.PORTEUR) <= 2, defi
            assert roles.count(MembreEquipe.Role.SPONSOR) == 1, defi
            assert roles.count(MembreEquipe.Role.EIG) in (2, 3), defi
            assert len(set(metiers)) == len(metiers), defi
            assert "## Le défi à relever" in defi.corps and "## L'hypothèse à vérifier" in defi.corps

    def test_seed_demo_affiche_un_identifiant_existant_par_role(self, demo):
        """Each printed address belongs to a person who holds the role printed beside it."""
        logins = identifiants(demo)
        assert set(logins) == {t.label for t in Role.Type} | {"EIG tout juste invitée"}
        # The newly invited EIG has never logged in: her first login shows her whole arrival path.
        nouvelle = Personne.objects.get(email=logins.pop("EIG tout juste invitée"))
        assert nouvelle.last_login is None and nouvelle.invitations.get().acceptee_le
        assert not nouvelle.jalons_arrivee.exists() and not nouvelle.carnets.exists()
        for type_role in Role.Type:
            personne = Personne.objects.get(email=logins[type_role.label])
            assert personne.roles.filter(type=type_role).exists(), type_role
        assert f"{ADRESSE_SERVIE}/comptes/login/code/" in demo

    def test_seed_demo_met_eig_porteur_et_sponsor_de_demonstration_sur_le_meme_defi(self):
        """eig@, porteur@ and sponsor@ meet on one défi, the sponsor's administration's."""
        defi = Defi.objects.get(membres__personne__email="eig@magellan.test")
        membres = {m.personne.email: m.role for m in defi.membres.select_related("personne")}
        assert membres["porteur@magellan.test"] == MembreEquipe.Role.PORTEUR
        assert membres["sponsor@magellan.test"] == MembreEquipe.Role.SPONSOR

    def test_seed_demo_donne_au_coach_l_acces_a_l_administration_sans_superutilisateur(self, client):
        """The demo coach is an ordinary person, without flag or password, whose coach role opens the admin."""
        coach = Personne.objects.get(email="coach@magellan.test")
        assert not coach.is_staff and not coach.is_superuser
        assert not coach.has_usable_password()
        client.force_login(coach)
        assert client.get("/admin/").status_code == 200

    def test_seed_demo_ne_duplique_rien_au_second_passage(self):
        """Run again, the command says the demo exists and writes nothing, accompagnement included."""
        avant = effectifs()

        sortie = seed_demo()

        assert "existent déjà" in sortie
        assert effectifs() == avant

    def test_seed_demo_reset_reconstruit_les_memes_effectifs(self):
        """`--reset` rebuilds the demo with the same counts of every kind, accompagnement included."""
        avant = effectifs()

        seed_demo("--reset")

        assert effectifs() == avant

    def test_seed_demo_reset_redonne_les_memes_noms(self):
        """The generators are seeded: a rebuilt demo has the same people."""
        avant = sorted(Personne.objects.values_list("email", "prenom", "nom_usage"))

        seed_demo("--reset")

        assert sorted(Personne.objects.values_list("email", "prenom", "nom_usage")) == avant

    def test_seed_demo_reset_redonne_le_meme_accompagnement(self):
        """The same sessions, registrations and attendance, slots, hours and levels after `--reset`."""
        avant = empreinte_de_l_accompagnement()

        seed_demo("--reset")

        assert empreinte_de_l_accompagnement() == avant

    def test_seed_demo_reset_efface_l_accompagnement_avant_de_le_reconstruire(self):
        """`--reset` removes the previous sessions, slots, hours, carnets, requests and comités: none survives."""
        modeles = [Session, Inscription, Creneau, Cycle, HeureAcceleration, CarnetDeBord, DemandeAide, Comite, Support,
                   Rapport]
        avant = {modele: set(modele.objects.values_list("pk", flat=True)) for modele in modeles}

        seed_demo("--reset")

        for modele in modeles:
            assert not modele.objects.filter(pk__in=avant[modele]).exists(), modele.__name__

    def test_seed_demo_reset_garde_les_personnes_hors_demonstration(self):
        """`--reset` removes only the demo's people: someone invited into the promotion stays."""
        invitee = EIGFactory(promotion=Promotion.objects.get(nom="Promotion 8"))

        seed_demo("--reset")

        assert invitee.roles.filter(promotion__nom="Promotion 8", type=Role.Type.EIG).exists()

    def test_seed_demo_publie_un_calendrier_couvrant_les_quatre_phases(self):
        """The planned calendar is published whole: every phase has its séminaire porteurs, its ateliers and one
        comité session per défi — the comités of phases 1 and 2 are not doubled by the planner."""
        promotion = Promotion.objects.get(nom="Promotion 8")
        sessions = Session.objects.filter(promotion=promotion)
        assert not sessions.filter(statut=Session.Statut.BROUILLON).exists()
        nombre_defis = promotion.defis.count()
        for numero in (1, 2, 3, 4):
            de_la_phase = sessions.filter(phase__numero=numero, statut=Session.Statut.PUBLIEE)
            assert de_la_phase.filter(dispositif__slug="seminaire-porteurs").count() == 1, numero
            assert de_la_phase.filter(dispositif__slug="atelier-collaboratif").count() >= nombre_defis, numero
            assert de_la_phase.filter(dispositif__slug="comite-evaluation").count() == nombre_defis, numero
        assert sessions.filter(dispositif__slug="seminaire-integration").count() == 1
        assert sessions.filter(dispositif__slug="conference").count() == 10

    def test_seed_demo_donne_un_lieu_a_chaque_expedition_apprenante(self):
        """Each expédition apprenante of the demo says where the promotion goes."""
        expeditions = Session.objects.filter(promotion__nom="Promotion 8", dispositif__slug="expedition-apprenante")
        assert expeditions.exists()
        assert not expeditions.filter(lieu="").exists()

    def test_seed_demo_remplit_l_agenda_de_l_eig_ce_mois_ci(self):
        """eig@'s agenda of this month holds sessions they registered to (not only mentorat), none on a waiting
        list, and next month's too."""
        eig = Personne.objects.get(email="eig@magellan.test")
        for decalage in (0, 1):
            evenements = evenements_de(eig, a_minuit(debut_du_mois(decalage)), a_minuit(debut_du_mois(decalage + 1)))
            sessions = [e for e in evenements if not e.est_mentorat]
            assert sessions, decalage
            assert not any(e.en_attente or e.annule for e in sessions)

    def test_seed_demo_inscrit_d_autres_eig_et_le_porteur_au_seminaire_porteurs(self):
        """Other EIG registered to sessions to come, and porteur@ to the next séminaire porteurs."""
        a_venir = Inscription.objects.filter(session__debut__gt=timezone.now(), statut=Inscription.Statut.INSCRITE,
                                             session__dispositif__slug__in=["conference", "atelier-collaboratif"])
        assert a_venir.exclude(personne__email="eig@magellan.test").values("personne").distinct().count() >= 5
        seminaire = Session.objects.filter(dispositif__slug="seminaire-porteurs", debut__gt=timezone.now()).first()
        assert seminaire.inscriptions.filter(personne__email="porteur@magellan.test",
                                             statut=Inscription.Statut.INSCRITE).exists()

    def test_seed_demo_marque_les_presences_des_sessions_passees(self):
        """Sessions already held have their attendance sheet: most registered people came, a few did not; none
        of the sessions to come is marked."""
        passees = Inscription.objects.filter(session__fin__lt=timezone.now())
        assert passees.filter(present=True).count() > passees.filter(present=False).count() > 0
        assert not Inscription.objects.filter(session__debut__gt=timezone.now(), present__isnull=False).exists()

    def test_seed_demo_publie_des_creneaux_du_coach_et_du_parrain_sur_cinq_semaines(self):
        """The demo coach offers mentorat individuel and the demo parrain mentorat, each week of the next five."""
        for adresse, type_mentorat in [("coach@magellan.test", TypeMentorat.INDIVIDUEL),
                                       ("parrain@magellan.test", TypeMentorat.MENTORAT)]:
            creneaux = Creneau.objects.filter(mentor__email=adresse, type=type_mentorat)
            assert all(c.debut > timezone.now() for c in creneaux)
            semaines = {timezone.localtime(c.debut).isocalendar()[:2] for c in creneaux}
            assert len(semaines) == 5, adresse

    def test_seed_demo_reserve_un_cycle_individuel_a_l_eig_de_demonstration(self):
        """eig@ booked a cycle of four weekly séances of mentorat individuel with the demo coach."""
        cycle = Cycle.objects.get(demandeur__email="eig@magellan.test")
        assert cycle.mentor.email == "coach@magellan.test"
        assert (cycle.type, cycle.annule_le) == (TypeMentorat.INDIVIDUEL, None)
        debuts = [r.creneau.debut for r in Reservation.objects.filter(cycle=cycle).select_related("creneau")]
        assert len(debuts) == 4
        assert [b - a for a, b in zip(debuts, debuts[1:])] == [datetime.timedelta(weeks=1)] * 3

    def test_seed_demo_propose_un_mentorat_collectif_du_parrain_rejoint_par_l_eig(self):
        """The demo parrain leads a published mentorat collectif open to the promotion's EIG, in the agenda of eig@
        who joined it, with seats left for whoever visits the demo."""
        session = Session.objects.get(dispositif__slug="mentorat-collectif")
        assert [p.email for p in session.facilitateurs.all()] == ["parrain@magellan.test"]
        assert (session.audience, session.statut) == (Session.Audience.EIG, Session.Statut.PUBLIEE)
        inscrites = set(session.inscriptions.filter(statut=Inscription.Statut.INSCRITE)
                        .values_list("personne__email", flat=True))
        assert "eig@magellan.test" in inscrites and len(inscrites) < session.capacite
        eig = Personne.objects.get(email="eig@magellan.test")
        assert session.titre in [e.titre for e in evenements_de(eig, session.debut, session.fin)]

    def test_seed_demo_donne_des_heures_du_parrain_sous_le_plafond(self):
        """The demo parrain gave hours to two or three défis last month and this month, each month under the cap."""
        promotion = Promotion.objects.get(nom="Promotion 8")
        heures = HeureAcceleration.objects.filter(parrain__email="parrain@magellan.test")
        assert 2 <= heures.values("defi").distinct().count() <= 3
        for decalage in (-1, 0):
            du_mois = heures.filter(date__gte=debut_du_mois(decalage), date__lt=debut_du_mois(decalage + 1))
            minutes = sum(h.duree_minutes for h in du_mois)
            assert 0 < minutes <= promotion.plafond_heures_acceleration * 60, decalage

    def test_seed_demo_remplit_les_carnets_des_mois_passes_de_l_eig(self):
        """eig@ wrote one carnet per month since the promotion started, with the month's phase compétences and
        levels that rise; this month's is left to write."""
        promotion = Promotion.objects.get(nom="Promotion 8")
        carnets = list(CarnetDeBord.objects.filter(eig__email="eig@magellan.test").order_by("mois")
                       .select_related("phase").prefetch_related("evaluations__competence"))
        mois = [promotion.date_debut + relativedelta(months=n) for n in range(3)]
        assert [c.mois for c in carnets] == mois
        assert debut_du_mois() not in [c.mois for c in carnets]
        for carnet in carnets:
            assert carnet.objectifs and carnet.apprentissages
            assert carnet.phase == promotion.phase_en_cours(carnet.mois)
            assert {e.competence.phase for e in carnet.evaluations.all()} == {carnet.phase.numero}
        premier, second = ({e.competence_id: e.niveau for e in c.evaluations.all()} for c in carnets[:2])
        assert all(second[pk] >= niveau for pk, niveau in premier.items())
        assert sum(second.values()) > sum(premier.values())

    def test_seed_demo_laisse_une_demande_en_attente_et_une_planifiee_au_bureau_d_aide(self):
        """The demo team has one request waiting and one taken by a coach, with a séance to come they attend."""
        demandes = DemandeAide.objects.filter(defi__membres__personne__email="eig@magellan.test")
        attente = demandes.get(statut=DemandeAide.Statut.NOUVELLE)
        planifiee = demandes.get(statut=DemandeAide.Statut.PLANIFIEE)
        assert attente.coach is None and planifiee.coach.roles.filter(type=Role.Type.COACH).exists()
        seance = planifiee.sessions.get()
        assert seance.debut > timezone.now()
        assert seance.inscriptions.filter(personne__email="eig@magellan.test").exists()

    def test_seed_demo_publie_le_rapport_de_phase_1_du_defi_de_demonstration(self):
        """Every défi has its comités of the four phases; the demo défi's phase 1 support was submitted on time by
        porteur@ and its rapport published by coach@; its phase 2 support is a draft."""
        promotion = Promotion.objects.get(nom="Promotion 8")
        assert Comite.objects.filter(defi__promotion=promotion).count() == 4 * promotion.defis.count()
        defi = Defi.objects.get(membres__personne__email="eig@magellan.test")
        support = Support.objects.get(comite__defi=defi, comite__phase__numero=1)
        assert (support.statut, support.en_retard) == (Support.Statut.SOUMIS, False)
        assert support.soumis_par.email == "porteur@magellan.test"
        assert support.objectifs.count() == 4
        rapport = Rapport.objects.get(comite__defi=defi, comite__phase__numero=1)
        assert rapport.est_publie and rapport.publie_par.email == "coach@magellan.test"
        assert rapport.publie_le > rapport.comite.debut
        assert rapport.atteintes.count() == 4
        assert Support.objects.get(comite__defi=defi, comite__phase__numero=2).statut == Support.Statut.BROUILLON
        assert not Rapport.objects.filter(comite__phase__numero=2).exists()

    def test_seed_demo_rattache_les_comites_des_quatre_phases_a_leurs_sessions(self):
        """Each défi's comité of each phase is its published comité session, on a working day; a phase's comités
        follow one another (never two at once) with the same two coaches, who can therefore staff them all."""
        promotion = Promotion.objects.get(nom="Promotion 8")
        for numero in (1, 2, 3, 4):
            comites = list(Comite.objects.filter(defi__promotion=promotion, phase__numero=numero)
                           .select_related("session").prefetch_related("coachs").order_by("debut"))
            assert len(comites) == promotion.defis.count(), numero
            for comite in comites:
                session = comite.session
                assert (session.defi_id, session.phase_id, session.debut) == (comite.defi_id, comite.phase_id,
                                                                              comite.debut)
                assert session.statut == Session.Statut.PUBLIEE and est_ouvre(timezone.localdate(comite.debut))
                assert len(comite.coachs.all()) == 2
            assert all(avant.fin <= apres.debut for avant, apres in zip(comites, comites[1:])), numero
            assert len({frozenset(c.pk for c in comite.coachs.all()) for comite in comites}) == 1, numero

    def test_seed_demo_affiche_ce_que_contient_l_accompagnement(self, demo):
        """The summary counts the accompagnement made: sessions, cycles, carnets, comités."""
        ligne = next(ligne for ligne in demo.splitlines() if "Accompagnement" in ligne)
        assert f"{Session.objects.filter(statut=Session.Statut.PUBLIEE).count()} sessions publiées" in ligne
        assert "2 cycles réservés" in ligne and "3 carnets de bord" in ligne and "80 comités" in ligne
