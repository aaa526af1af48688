"""The retention of a promotion's documents: kept through the configured number of days after its end, removed
from the day after; a promotion without an end date keeps them."""

import datetime

import pytest

from programme.conservation import documents_conserves_jusqu_au, documents_supprimes, promotions_aux_documents_echus
from programme.factories import PromotionFactory
from programme.models import Promotion

pytestmark = pytest.mark.django_db


def test_les_documents_sont_gardes_jusqu_au_dernier_jour_de_la_duree_configuree(settings):
    """With 90 days configured, a promotion ended on 30 June 2026 keeps its documents through 28 September and
    is listed for removal from 29 September; one without an end date keeps them."""
    settings.DOCUMENTS_CONSERVATION_JOURS = 90
    finie = PromotionFactory()
    Promotion.objects.filter(pk=finie.pk).update(date_debut=datetime.date(2025, 9, 1),
                                                 date_fin=datetime.date(2026, 6, 30))
    finie.refresh_from_db()
    sans_fin = PromotionFactory()
    Promotion.objects.filter(pk=sans_fin.pk).update(date_fin=None)
    sans_fin.refresh_from_db()
    assert documents_conserves_jusqu_au(finie) == datetime.date(2026, 9, 28)
    assert not documents_supprimes(finie, datetime.date(2026, 9, 28))
    assert documents_supprimes(finie, datetime.date(2026, 9, 29))
    assert list(promotions_aux_documents_echus(datetime.date(2026, 9, 28))) == []
    assert list(promotions_aux_documents_echus(datetime.date(2026, 9, 29))) == [finie]
    assert documents_conserves_jusqu_au(sans_fin) is None and not documents_supprimes(sans_fin)
    assert documents_conserves_jusqu_au(None) is None
