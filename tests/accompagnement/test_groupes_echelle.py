"""The groupes de partage of a whole promotion: composing and publishing a month costs the same number of queries
whatever the number of groups (a 300-EIG promotion has about a hundred), every session still written and checked
by the sessions' service."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accompagnement.models import GroupePartage, Session
from accompagnement.services import groupes as services
from programme.models import Notification
from tests.accompagnement.outils_groupes import mois_prochain, promotion_avec_eig

pytestmark = pytest.mark.django_db


def _requetes_du_mois(nombre, django_capture_on_commit_callbacks):
    """The queries of composing then publishing next month's groups of a promotion of `nombre` EIG, and its groups."""
    promotion, _ = promotion_avec_eig(nombre)
    mois = mois_prochain()
    with CaptureQueriesContext(connection) as composer:
        services.groupes_composer(promotion, mois)
    with CaptureQueriesContext(connection) as publier, django_capture_on_commit_callbacks(execute=False):
        services.groupes_publier(promotion, mois)
    # The e-mails are one bulk insert, which SQLite cuts into batches of its parameter limit: counted apart.
    publier = [q for q in publier.captured_queries if '"programme_notification" ("cle"' not in q["sql"]]
    return len(composer), len(publier), GroupePartage.objects.filter(promotion=promotion, mois=mois)


def test_composer_et_publier_coutent_autant_de_requetes_pour_20_que_pour_100_eig(composition_rapide,
                                                                                django_capture_on_commit_callbacks):
    """Eight groups or thirty-six: the same number of queries to compose the month and to publish it (but the
    batches of the e-mails' bulk insert), each group has its published session inviting exactly its members, and
    each member their invitation."""
    peu = _requetes_du_mois(20, django_capture_on_commit_callbacks)
    beaucoup = _requetes_du_mois(100, django_capture_on_commit_callbacks)
    assert beaucoup[2].count() >= 4 * peu[2].count()
    assert beaucoup[:2] == peu[:2]
    for groupe in beaucoup[2].select_related("session"):
        assert groupe.session.statut == Session.Statut.PUBLIEE
        assert set(groupe.session.invites.values_list("pk", flat=True)) == set(
            groupe.participations.values_list("personne_id", flat=True))
    assert Notification.objects.filter(cle__startswith="groupe:").count() == 2 * (20 + 100)
