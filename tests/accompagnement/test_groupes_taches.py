"""The daily task preparing next month's groupes de partage: composed from the 15th with a word to the coaches,
published from the 22nd, each e-mail once however often it runs, only for promotions running next month."""

import datetime

import pytest
from django.core import mail

from accompagnement.models import GroupePartage, Session
from accompagnement.services.groupes import groupes_composer, groupes_preparer, groupes_publier
from accompagnement.tasks.groupes import groupes_preparer as tache
from programme.factories import CoachFactory
from tests.accompagnement.outils_groupes import a_paris, promotion_avec_eig

pytestmark = pytest.mark.django_db
JANVIER = datetime.date(2027, 1, 1)


@pytest.fixture
def promotion(composition_rapide):
    """A promotion from September 2026 to June 2027 with 10 EIG and one coach."""
    promotion, _eig = promotion_avec_eig(10, date_debut=datetime.date(2026, 9, 1))
    CoachFactory(promotion=promotion, email="coach@exemple.test")
    return promotion


def _executer(jour, capture, heure=8):
    with capture(execute=True):
        return groupes_preparer(maintenant=a_paris(jour, heure))


def test_avant_le_15_rien_n_est_compose(promotion, django_capture_on_commit_callbacks):
    """On the 14th, next month's groups are not composed yet and nobody gets an e-mail."""
    _executer(datetime.date(2026, 12, 14), django_capture_on_commit_callbacks)
    assert not GroupePartage.objects.exists() and not mail.outbox


def test_a_partir_du_15_les_groupes_sont_composes_et_les_coachs_prevenus_une_fois(
        promotion, django_capture_on_commit_callbacks):
    """From the 15th, next month's groups are composed as drafts and the coach is told once, with a link to the
    preview, however many days the task runs before the 22nd."""
    for jour in (15, 15, 16, 21):
        _executer(datetime.date(2026, 12, jour), django_capture_on_commit_callbacks)
    groupes = GroupePartage.objects.filter(promotion=promotion, mois=JANVIER)
    assert groupes.exists() and not groupes.filter(publie_le__isnull=False).exists()
    assert [m.to for m in mail.outbox] == [["coach@exemple.test"]]
    message = mail.outbox[0]
    assert message.subject == f"[Magellan] Groupes de partage de janvier 2027 à relire ({promotion})"
    assert f"http://testserver/coachs/groupes/?promotion={promotion.pk}&mois=2027-01" in message.body
    assert "22 décembre" in message.body


def test_a_partir_du_22_les_brouillons_sont_publies_et_les_invitations_parties_une_fois(
        promotion, django_capture_on_commit_callbacks):
    """From the 22nd the drafts are published and each EIG invited once per group, even when the task runs
    again the next days."""
    _executer(datetime.date(2026, 12, 15), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    for jour in (22, 22, 23):
        _executer(datetime.date(2026, 12, jour), django_capture_on_commit_callbacks)
    groupes = GroupePartage.objects.filter(promotion=promotion, mois=JANVIER)
    assert not groupes.filter(publie_le__isnull=True).exists()
    assert not Session.objects.filter(groupe_partage__in=groupes).exclude(statut=Session.Statut.PUBLIEE).exists()
    assert len(mail.outbox) == 20
    assert {m.subject.split(" : ")[0] for m in mail.outbox} == {
        "[Magellan] Groupe de partage entre pairs de janvier 2027",
        "[Magellan] Groupe de partage pluridisciplinaire de janvier 2027"}


def test_des_groupes_deja_publies_par_les_coachs_ne_sont_pas_reinvites(promotion, django_capture_on_commit_callbacks):
    """Groups the coaches already published are not published again on the 22nd: no second invitation."""
    groupes_composer(promotion, JANVIER)
    with django_capture_on_commit_callbacks(execute=True):
        groupes_publier(promotion, JANVIER)
    envoyes = len(mail.outbox)
    _executer(datetime.date(2026, 12, 22), django_capture_on_commit_callbacks)
    assert envoyes == 20 and len(mail.outbox) == envoyes


def test_une_promotion_qui_finit_avant_le_mois_suivant_n_a_pas_de_groupes(promotion,
                                                                           django_capture_on_commit_callbacks):
    """In June 2027, the promotion's last month, nothing is composed for July, after its end."""
    _executer(datetime.date(2027, 6, 16), django_capture_on_commit_callbacks)
    assert not GroupePartage.objects.exists() and not mail.outbox


def test_la_tache_celery_compose_les_groupes_du_mois_suivant(promotion):
    """The Celery task `accompagnement.groupes_preparer` runs the service on today's date."""
    assert tache.name == "accompagnement.groupes_preparer"
    bilan = tache.delay().get()
    assert set(bilan) == {"composes", "publies"}


def test_le_31_c_est_bien_le_mois_suivant_qui_est_publie(promotion, django_capture_on_commit_callbacks):
    """Run first on 31 January (the worker stopped since the 14th), the task composes and publishes February's
    groups, not March's, and invites each EIG once per kind."""
    _executer(datetime.date(2027, 1, 31), django_capture_on_commit_callbacks)
    publies = {(g.mois, g.publie_le is not None) for g in GroupePartage.objects.all()}
    assert publies == {(datetime.date(2027, 2, 1), True)}
    assert len(mail.outbox) == 20


def test_le_dernier_mois_de_la_promotion_a_ses_groupes(promotion, django_capture_on_commit_callbacks):
    """June 2027 is the promotion's last month: its groups are composed on 15 May like any other month's."""
    _executer(datetime.date(2027, 5, 15), django_capture_on_commit_callbacks)
    assert set(GroupePartage.objects.values_list("mois", flat=True)) == {datetime.date(2027, 6, 1)}
