"""The comité reminders (evaluations.rappels_comites): supports due, the comité the day before, the rapport to
publish — who gets what, when, once, in Paris calendar days."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.factories import ComiteFactory, ObjectifFactory, RapportFactory, SupportFactory
from evaluations.services.rappels import etape_support, rappels_comites
from evaluations.services.rapports import rapport_publier
from evaluations.services.supports import support_rouvrir, support_soumettre
from evaluations.tasks import rappels_comites as tache_rappels_comites
from programme import notifications
from programme.factories import CoachFactory, PromotionFactory
from programme.models import Notification, RefusNotification
from tests.constantes import constante_changer

PARIS = ZoneInfo("Europe/Paris")


def paris(annee, mois, jour, heure=8, minute=0):
    return datetime.datetime(annee, mois, jour, heure, minute, tzinfo=PARIS)


@pytest.fixture
def monde(db):
    """A promotion of 2026, a défi with an EIG, a porteuse and a sponsor, a coach of the comité, another coach of
    the promotion, and the comité of phase 2 on Monday 22 June 2026 at 14:00 (support due Monday 15 June)."""
    promotion = PromotionFactory(date_debut=datetime.date(2026, 3, 1))
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux", slug="hospi-flux")
    equipe = {
        role: MembreEquipeFactory(defi=defi, role=getattr(MembreEquipe.Role, role.upper())).personne
        for role in ("eig", "porteur", "sponsor")
    }
    coach = CoachFactory(promotion=promotion)
    autre_coach = CoachFactory(promotion=promotion)
    comite = ComiteFactory(defi=defi, numero=2, debut=paris(2026, 6, 22, 14), coachs=[coach])
    return {"promotion": promotion, "defi": defi, "coach": coach, "autre_coach": autre_coach, "comite": comite,
            **equipe}


def lancer(capture, maintenant):
    mail.outbox.clear()
    with capture(execute=True):
        rappels_comites(maintenant=maintenant)
    return list(mail.outbox)


def destinataires(messages, contient=""):
    return sorted(adresse for message in messages if contient in message.subject for adresse in message.to)


def test_etape_support_est_la_derniere_atteinte():
    """Days before the deadline map to the latest step reached, nothing before J-14 nor after the day."""
    assert [etape_support(jours) for jours in (15, 14, 10, 7, 3, 2, 1, 0, -1)] == [
        None, "J-14", "J-14", "J-7", "J-7", "J-2", "J-2", "J0", None
    ]


def test_support_rappele_a_l_equipe_a_j14_j7_j2_et_le_jour_meme(monde, django_capture_on_commit_callbacks):
    """Run every morning from J-16 to J+1, the EIG and the porteuse (not the sponsor) receive four reminders:
    at J-14, J-7, J-2 and on the deadline day, each with the right delay in the subject."""
    sujets = {}
    for jour in range(30, 32):
        for message in lancer(django_capture_on_commit_callbacks, paris(2026, 5, jour)):
            sujets.setdefault(message.subject, []).extend(message.to)
    for jour in range(1, 17):
        for message in lancer(django_capture_on_commit_callbacks, paris(2026, 6, jour)):
            sujets.setdefault(message.subject, []).extend(message.to)
    equipe = sorted([monde["eig"].email, monde["porteur"].email])
    assert {sujet: sorted(adresses) for sujet, adresses in sujets.items()} == {
        f"[Magellan] Support du comité d'évaluation attendu {quand} : Hospi'Flux": equipe
        for quand in ("dans 14 jours", "dans 7 jours", "dans 2 jours", "aujourd'hui")
    }


def test_un_comite_encore_au_brouillon_du_calendrier_ne_rappelle_rien(monde, django_capture_on_commit_callbacks):
    """A comité whose session is still a draft of the planned calendar is not announced yet: neither its support
    nor the comité itself is reminded; once published, both are."""
    from accompagnement.models import Session

    session = monde["comite"].session
    Session.objects.filter(pk=session.pk).update(statut=Session.Statut.BROUILLON)
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 15)) == []
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 21)) == []
    Session.objects.filter(pk=session.pk).update(statut=Session.Statut.PUBLIEE)
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 15))
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 21))


def test_rappel_de_support_en_francais_avec_le_lien_et_les_preferences(monde, django_capture_on_commit_callbacks):
    """The support reminder gives the deadline in Paris time, the support page in clear and as a button, and
    the link to the notification preferences (comité reminders can be declined)."""
    messages = lancer(django_capture_on_commit_callbacks, paris(2026, 6, 8))
    message = next(m for m in messages if m.to == [monde["eig"].email])
    lien = "http://testserver/defis/hospi-flux/evaluations/phase-2/support/"
    assert message.subject == "[Magellan] Support du comité d'évaluation attendu dans 7 jours : Hospi'Flux"
    assert f"Bonjour {monde['eig'].prenom}," in message.body
    assert "lundi 15 juin 2026 à 14 h 00" in message.body
    assert lien in message.body
    assert "http://testserver/comptes/notifications/" in message.body
    html = message.alternatives[0][0]
    assert f'href="{lien}"' in html and "Compléter le support" in html


def test_aucun_rappel_une_fois_le_support_soumis_et_de_nouveau_s_il_est_rouvert(
    monde, django_capture_on_commit_callbacks
):
    """A submitted support stops the reminders; once a coach reopens it, the next step reaches the team again."""
    support = SupportFactory(comite=monde["comite"])
    ObjectifFactory(support=support)
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 1)), "Support")
    support_soumettre(support, par=monde["porteur"], maintenant=paris(2026, 6, 5))
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 8)), "Support") == []
    support_rouvrir(support, par=monde["coach"])
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 13)), "Support") == sorted(
        [monde["eig"].email, monde["porteur"].email]
    )


def test_jour_manque_envoie_la_derniere_etape_une_seule_fois(monde, django_capture_on_commit_callbacks):
    """When the task did not run at J-14 nor J-7, the first run at J-5 sends the J-7 step only, and the runs
    of the following days send nothing until J-2."""
    premiers = lancer(django_capture_on_commit_callbacks, paris(2026, 6, 10))
    assert [m.subject for m in premiers] == ["[Magellan] Support du comité d'évaluation attendu dans 5 jours : "
                                             "Hospi'Flux"] * 2
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 11)) == []
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 12)) == []
    cles = set(Notification.objects.filter(cle__startswith=f"support:{monde['comite'].pk}:")
               .values_list("cle", flat=True))
    assert cles == {f"support:{monde['comite'].pk}:rappel:J-7:{monde[p].pk}" for p in ("eig", "porteur")}


def test_comite_rappele_la_veille_a_ses_participants_et_coachs(monde, django_capture_on_commit_callbacks):
    """The day before the comité, its participants (the team) and its coach receive a reminder with the time in
    Paris and the comité's page; the coach not on the comité receives nothing."""
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 20)), "Comité") == []
    messages = lancer(django_capture_on_commit_callbacks, paris(2026, 6, 21))
    assert destinataires(messages, "Comité") == sorted(
        [monde["eig"].email, monde["porteur"].email, monde["coach"].email]
    )
    message = next(m for m in messages if m.to == [monde["coach"].email])
    assert message.subject == "[Magellan] Comité d'évaluation demain : Hospi'Flux"
    assert "lundi 22 juin 2026, de 14 h 00 à 15 h 30" in message.body
    assert "http://testserver/defis/hospi-flux/evaluations/phase-2/" in message.body


def test_comite_juste_apres_le_passage_a_l_heure_d_hiver_rappele_la_veille_en_date_de_paris(
    monde, django_capture_on_commit_callbacks
):
    """A comité on Monday 26 October 2026 at 00:30 in Paris (still Sunday 25 in UTC, the night after the clocks
    went back) is reminded on Sunday 25 October, not on Saturday 24 as UTC dates would say."""
    comite = ComiteFactory(defi=monde["defi"], numero=3, debut=paris(2026, 10, 26, 0, 30), coachs=[monde["coach"]])
    assert comite.debut.astimezone(datetime.timezone.utc).date() == datetime.date(2026, 10, 25)
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 10, 24)), "Comité") == []
    messages = lancer(django_capture_on_commit_callbacks, paris(2026, 10, 25))
    assert destinataires(messages, "Comité d'évaluation demain") == sorted(
        [monde["eig"].email, monde["porteur"].email, monde["coach"].email]
    )
    assert "lundi 26 octobre 2026, de 0 h 30 à 2 h 00" in messages[0].body


def test_rapport_non_publie_rappele_aux_coachs_du_comite_sept_jours_apres(monde, django_capture_on_commit_callbacks):
    """Seven days after the comité, its coach (only) is asked once to publish the rapport, with its page;
    the following days send nothing more."""
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 28)), "Rapport") == []
    messages = lancer(django_capture_on_commit_callbacks, paris(2026, 6, 29))
    assert destinataires(messages, "Rapport") == [monde["coach"].email]
    assert messages[0].subject == "[Magellan] Rapport d'évaluation à publier : Hospi'Flux, phase 2"
    assert "http://testserver/defis/hospi-flux/evaluations/phase-2/rapport/" in messages[0].body
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 7, 3)) == []


def test_rapport_d_un_comite_sans_coach_rappele_aux_coachs_de_la_promotion(monde, django_capture_on_commit_callbacks):
    """A comité without coaches: every coach of its promotion is asked to publish the rapport."""
    monde["comite"].coachs.clear()
    messages = lancer(django_capture_on_commit_callbacks, paris(2026, 6, 30))
    assert destinataires(messages, "Rapport") == sorted([monde["coach"].email, monde["autre_coach"].email])


def test_rapport_publie_ne_declenche_aucun_rappel(monde, django_capture_on_commit_callbacks):
    """A rapport published after the comité is not reminded to anyone."""
    rapport = RapportFactory(comite=monde["comite"])
    with django_capture_on_commit_callbacks(execute=True):
        rapport_publier(rapport, par=monde["coach"], maintenant=paris(2026, 6, 23))
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 29)), "Rapport") == []


def test_rappels_refuses_non_envoyes_mais_le_rapport_a_publier_si(monde, django_capture_on_commit_callbacks):
    """A porteuse who declined comité reminders gets none while the EIG still does; a coach who declined them
    still receives the rapport to publish, which is part of the coaches' work."""
    for personne in (monde["porteur"], monde["coach"]):
        RefusNotification.objects.create(personne=personne, categorie=Notification.Categorie.RAPPEL_COMITE)
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 8)), "Support") == [
        monde["eig"].email
    ]
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 21)), "Comité") == [
        monde["eig"].email
    ]
    assert destinataires(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 29)), "Rapport") == [
        monde["coach"].email
    ]


def test_service_lance_deux_fois_n_envoie_rien_deux_fois(monde, django_capture_on_commit_callbacks):
    """The same morning run twice sends each reminder once."""
    assert len(lancer(django_capture_on_commit_callbacks, paris(2026, 6, 8))) == 2
    assert lancer(django_capture_on_commit_callbacks, paris(2026, 6, 8, 9)) == []


def test_tache_celery_lancee_deux_fois_envoie_chaque_courriel_une_fois(db, django_capture_on_commit_callbacks):
    """The Celery task, run twice today, sends the support due in six days, tomorrow's comité and the rapport
    waiting for eight days to their people once each."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion)
    eig = MembreEquipeFactory(defi=defi).personne
    coach = CoachFactory(promotion=promotion)
    demain_midi = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(12),
                                            tzinfo=PARIS)
    ComiteFactory(defi=defi, numero=1, debut=demain_midi - datetime.timedelta(days=9), coachs=[coach])
    ComiteFactory(defi=defi, numero=2, debut=demain_midi, coachs=[coach])
    ComiteFactory(defi=defi, numero=3, debut=demain_midi + datetime.timedelta(days=12), coachs=[coach])
    envoyes = []
    for _ in range(2):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            tache_rappels_comites.delay()
        envoyes.append(sorted((m.to[0], m.subject.split(" :")[0]) for m in mail.outbox))
    assert envoyes == [sorted([
        (eig.email, "[Magellan] Support du comité d'évaluation attendu dans 6 jours"),
        (eig.email, "[Magellan] Comité d'évaluation demain"),
        (coach.email, "[Magellan] Comité d'évaluation demain"),
        (coach.email, "[Magellan] Rapport d'évaluation à publier"),
    ]), []]


@pytest.mark.parametrize("jour", [paris(2026, 6, 8), paris(2026, 6, 21), paris(2026, 6, 29)])
def test_requetes_constantes_quel_que_soit_le_nombre_de_comites(monde, django_assert_max_num_queries, jour):
    """A morning's run (supports due, comités of tomorrow, rapports to publish) reads and writes a bounded
    number of queries, however many comités are concerned."""
    for _ in range(5):
        defi = DefiFactory(promotion=monde["promotion"])
        MembreEquipeFactory(defi=defi)
        ComiteFactory(defi=defi, numero=2, debut=paris(2026, 6, 22, 14), coachs=[monde["coach"]])
    with django_assert_max_num_queries(16):
        assert rappels_comites(maintenant=jour) >= 6


def test_un_lot_de_courriels_de_plus_ne_coute_qu_une_insertion(monde, django_assert_num_queries, monkeypatch):
    """On the morning when the supports of 5 or of 20 défis are due in 7 days (one e-mail per EIG), the reminders
    read the same: with e-mails inserted 5 at a time, 15 more défis cost three inserts and no other query."""
    constante_changer(monkeypatch, notifications, "COURRIELS_PAR_INSERTION", 5)
    monde["comite"].delete()

    def echeances(nombre):
        for _ in range(nombre):
            defi = DefiFactory(promotion=monde["promotion"])
            MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG)
            ComiteFactory(defi=defi, numero=2, debut=paris(2026, 6, 22, 14))

    echeances(5)
    with CaptureQueriesContext(connection) as cinq:
        assert rappels_comites(maintenant=paris(2026, 6, 8)) == 5
    Notification.objects.all().delete()
    echeances(15)
    with django_assert_num_queries(len(cinq) + 3):
        assert rappels_comites(maintenant=paris(2026, 6, 8)) == 20
