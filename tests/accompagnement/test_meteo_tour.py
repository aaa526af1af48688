"""The daily round of the météo (task `accompagnement.meteo_vagues`): who is invited, with which link, who is
reminded and when, when rounds close — and that running it twice sends nothing twice."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accompagnement.models import ReponseMeteo, VagueMeteo
from accompagnement.services import meteo as services_meteo
from accompagnement.services.meteo import meteo_tour
from accompagnement.tasks.meteo import meteo_vagues
from programme import notifications
from programme.factories import CoachFactory, EIGFactory, PersonneFactory, PorteurFactory, RoleFactory
from programme.models import Notification, RefusNotification, Role
from tests.constantes import constante_changer

from .outils_meteo import a_paris, promotion_2026

pytestmark = pytest.mark.django_db

VENDREDI = datetime.date(2026, 1, 9)  # the first round of promotion_2026 (Fridays, from the week of 5 January)
LIEN = re.compile(r"http://testserver/meteo/lien/[^/\s]+/")


@pytest.fixture
def promotion():
    return promotion_2026()


def _tourner(maintenant, captures):
    with captures(execute=True):
        return meteo_tour(maintenant)


def _destinataires():
    return sorted(message.to[0] for message in mail.outbox)


def test_seuls_les_eig_actifs_de_la_promotion_sont_invites(promotion, django_capture_on_commit_callbacks):
    """On the round's day at noon, each active EIG of the promotion gets one invitation with a personal link;
    not an inactive EIG, nor a porteur, a coach, or an EIG of another promotion."""
    eig = [EIGFactory(promotion=promotion) for _ in range(3)]
    inactif = EIGFactory(promotion=promotion)
    inactif.is_active = False
    inactif.save()
    PorteurFactory(promotion=promotion)
    CoachFactory(promotion=promotion)
    EIGFactory(promotion=promotion_2026(nom="Autre promotion", date_debut=datetime.date(2026, 1, 12)))
    bilan = _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    assert bilan["ouvertes"] == 1 and bilan["invitations"] == 3
    vague = VagueMeteo.objects.get(promotion=promotion)
    assert vague.date == VENDREDI and vague.ouverte_le == a_paris(VENDREDI)
    assert vague.fermee_le == a_paris(VENDREDI + datetime.timedelta(days=7))
    assert _destinataires() == sorted(p.email for p in eig)
    assert set(ReponseMeteo.objects.values_list("eig", flat=True)) == {p.pk for p in eig}
    message = mail.outbox[0]
    assert message.subject == "[Magellan] Météo entrepreneuriale : comment allez-vous ?"
    liens = {LIEN.search(m.body).group(0) for m in mail.outbox}
    assert len(liens) == 3, "chaque EIG reçoit son propre lien"
    assert "vendredi 16 janvier à 12h00" in message.body
    assert "Choisir les rappels" not in message.body, "une invitation n'est pas un rappel qu'on peut refuser"


def test_rien_ne_s_ouvre_hors_du_jour_de_vague(promotion, django_capture_on_commit_callbacks):
    """The week between two rounds, and the morning of a round's day, the task opens nothing."""
    EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI, 11, 59), django_capture_on_commit_callbacks)
    _tourner(a_paris(datetime.date(2026, 1, 16)), django_capture_on_commit_callbacks)
    _tourner(a_paris(datetime.date(2026, 1, 22)), django_capture_on_commit_callbacks)
    assert not VagueMeteo.objects.exists() and mail.outbox == []


def test_deux_passages_au_meme_moment_n_envoient_rien_deux_fois(promotion, django_capture_on_commit_callbacks):
    """Running the task twice at the same moment opens one round and sends each invitation once."""
    for _ in range(3):
        EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    bilan = _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    assert bilan["invitations"] == 0 and bilan["ouvertes"] == 0
    assert VagueMeteo.objects.count() == 1 and ReponseMeteo.objects.count() == 3 and len(mail.outbox) == 3


def test_la_tache_planifiee_appelle_le_tour(promotion, django_capture_on_commit_callbacks):
    """The scheduled task, run twice at noon on a round's day, invites each EIG once."""
    eig = EIGFactory(promotion=promotion)
    with time_machine.travel(a_paris(VENDREDI, 12, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            meteo_vagues.delay()
            meteo_vagues.delay()
    assert _destinataires() == [eig.email]


def test_un_eig_arrive_pendant_la_vague_est_invite_le_lendemain(promotion, django_capture_on_commit_callbacks):
    """An EIG who joins the promotion while a round is open is invited on the next daily run, the others not
    again."""
    premier = EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    nouveau = EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI + datetime.timedelta(days=1)), django_capture_on_commit_callbacks)
    assert _destinataires() == sorted([premier.email, nouveau.email])


def test_la_relance_va_seulement_a_ceux_qui_n_ont_pas_repondu_et_une_fois(promotion,
                                                                          django_capture_on_commit_callbacks):
    """Two days before closing, only the EIG who have not answered are reminded (a declinable reminder with
    the preferences link), once however often the task runs; who declined reminders gets none."""
    repond, oublie, refuse = (EIGFactory(promotion=promotion) for _ in range(3))
    RefusNotification.objects.create(personne=refuse, categorie=Notification.Categorie.RAPPEL_METEO)
    _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    ReponseMeteo.objects.filter(eig=repond).update(repondue_le=a_paris(VENDREDI, 13), meteo=4, vie_equipe=4,
                                                   epanouissement=4)
    mail.outbox.clear()
    _tourner(a_paris(datetime.date(2026, 1, 13)), django_capture_on_commit_callbacks)
    assert mail.outbox == [], "pas de relance avant les deux derniers jours"
    relance = a_paris(datetime.date(2026, 1, 14))
    assert _tourner(relance, django_capture_on_commit_callbacks)["relances"] == 1
    _tourner(relance, django_capture_on_commit_callbacks)
    _tourner(a_paris(datetime.date(2026, 1, 15)), django_capture_on_commit_callbacks)
    assert _destinataires() == [oublie.email]
    message = mail.outbox[0]
    assert message.subject == ("[Magellan] Météo entrepreneuriale : vous pouvez encore répondre, "
                               "jusqu'au vendredi 16 janvier à 12h00")
    assert LIEN.search(message.body) and "http://testserver/comptes/notifications/" in message.body
    assert VagueMeteo.objects.get().relancee_le == relance


def test_la_relance_suit_le_delai_de_sa_constante(promotion, monkeypatch, django_capture_on_commit_callbacks):
    """With `RELANCE_AVANT_CLOTURE` at three days, the EIG who has not answered is reminded three days before the
    round closes (Tuesday 13 January at noon), not an hour earlier."""
    constante_changer(monkeypatch, services_meteo, "RELANCE_AVANT_CLOTURE", datetime.timedelta(days=3))
    EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert _tourner(a_paris(datetime.date(2026, 1, 13), 11), django_capture_on_commit_callbacks)["relances"] == 0
    assert _tourner(a_paris(datetime.date(2026, 1, 13)), django_capture_on_commit_callbacks)["relances"] == 1
    assert len(mail.outbox) == 1


def test_la_vague_se_clot_a_son_heure(promotion, django_capture_on_commit_callbacks):
    """The run at the closing time records the round as closed; the run before does not."""
    EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    _tourner(a_paris(datetime.date(2026, 1, 16), 11, 59), django_capture_on_commit_callbacks)
    assert VagueMeteo.objects.get().cloturee_le is None
    fin = a_paris(datetime.date(2026, 1, 16))
    assert _tourner(fin, django_capture_on_commit_callbacks)["cloturees"] == 1
    assert VagueMeteo.objects.get().cloturee_le == fin


def test_chaque_courriel_part_une_fois_sur_toute_une_vague_rejouee(promotion, django_capture_on_commit_callbacks):
    """Every daily run of a whole round, each played twice, sends each EIG one invitation and at most one
    reminder, and the next round sends new invitations."""
    eig = [EIGFactory(promotion=promotion) for _ in range(2)]
    for jours in range(15):
        for _ in range(2):
            _tourner(a_paris(VENDREDI + datetime.timedelta(days=jours)), django_capture_on_commit_callbacks)
    sujets = [m.subject for m in mail.outbox]
    assert sujets.count("[Magellan] Météo entrepreneuriale : comment allez-vous ?") == 4
    assert sum("vous pouvez encore répondre" in sujet for sujet in sujets) == 2
    assert len(mail.outbox) == 6 and Notification.objects.count() == 6
    assert VagueMeteo.objects.count() == 2 and ReponseMeteo.objects.count() == 4
    assert all(p.email in _destinataires() for p in eig)


def _requetes_pour_5_puis_60_eig(promotion) -> list[int]:
    """The queries of opening a round for a promotion of 5 EIG, then for one of 60 (a round a week later)."""
    nombreuse = promotion_2026(nom="Promotion nombreuse", meteo_ancre=datetime.date(2026, 1, 12))
    for _ in range(5):
        EIGFactory(promotion=promotion)
    for personne in PersonneFactory.create_batch(60):
        RoleFactory(personne=personne, promotion=nombreuse, type=Role.Type.EIG)
    requetes = []
    for jour, invitations in [(VENDREDI, 5), (datetime.date(2026, 1, 16), 60)]:
        with CaptureQueriesContext(connection) as capture:
            assert meteo_tour(a_paris(jour))["invitations"] == invitations
        requetes.append(len(capture))
    return requetes


def test_ouvrir_une_vague_coute_un_nombre_de_requetes_constant(promotion):
    """Opening a round is a handful of queries, the same for a promotion of 5 EIG and one of 60 (bulk writes)."""
    requetes = _requetes_pour_5_puis_60_eig(promotion)
    assert requetes[0] == requetes[1] <= 20, requetes


def test_une_vague_nombreuse_ne_coute_qu_une_insertion_par_lot_de_courriels(promotion, monkeypatch):
    """With e-mails inserted 10 at a time, inviting 60 EIG instead of 5 costs five more inserts of e-mails and no
    other query: the responses are written and read once, the refusals and known keys read once."""
    constante_changer(monkeypatch, notifications, "COURRIELS_PAR_INSERTION", 10)
    requetes = _requetes_pour_5_puis_60_eig(promotion)
    assert requetes[1] == requetes[0] + 5, requetes


def test_changer_de_jour_n_ouvre_pas_une_vague_pendant_qu_une_autre_court(promotion,
                                                                          django_capture_on_commit_callbacks):
    """When a coach moves the météo to Mondays and its anchor to the next week while Friday's round is still open,
    the Monday that falls inside that round opens nothing and sends nothing; the next Monday of the new
    fortnight opens normally."""
    EIGFactory(promotion=promotion)
    _tourner(a_paris(VENDREDI), django_capture_on_commit_callbacks)
    promotion.meteo_jour, promotion.meteo_ancre = 0, datetime.date(2026, 1, 12)
    promotion.save()
    mail.outbox.clear()
    bilan = _tourner(a_paris(datetime.date(2026, 1, 12)), django_capture_on_commit_callbacks)
    assert bilan["ouvertes"] == 0 and mail.outbox == []
    assert list(VagueMeteo.objects.values_list("date", flat=True)) == [VENDREDI]
    _tourner(a_paris(datetime.date(2026, 1, 26)), django_capture_on_commit_callbacks)
    assert sorted(VagueMeteo.objects.values_list("date", flat=True)) == [VENDREDI, datetime.date(2026, 1, 26)]
    assert len(mail.outbox) == 1
