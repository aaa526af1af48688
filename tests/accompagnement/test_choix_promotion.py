"""The chooser of a promotion on the coaches' pages (carnets, météo, groupes de partage): one form, the same
everywhere, named for screen readers, that keeps the promotion chosen."""

import re

import pytest

from programme.factories import CoachFactory, PromotionFactory

pytestmark = pytest.mark.django_db

PAGES = ["/coachs/carnets/", "/coachs/meteo/", "/coachs/groupes/"]


@pytest.mark.parametrize("adresse", PAGES)
def test_le_choix_de_la_promotion_est_le_meme_formulaire_partout(client, adresse):
    """Each page shows a GET form named « Choisir la promotion… », a labelled select of the promotions with the
    chosen one selected, and an « Afficher » button."""
    premiere, seconde = PromotionFactory(), PromotionFactory()
    client.force_login(CoachFactory(promotion=premiere))
    page = client.get(adresse, {"promotion": seconde.pk}).content.decode()
    formulaire = re.search(r'<form method="get" aria-label="Choisir la promotion[^"]*" novalidate>.*?</form>', page,
                           re.S).group(0)
    assert '<label class="fr-label" for="id_promotion">Promotion' in formulaire
    assert f'<option value="{seconde.pk}" selected>{seconde}</option>' in formulaire
    assert f'<option value="{premiere.pk}">{premiere}</option>' in formulaire
    assert '<button class="fr-btn" type="submit">Afficher</button>' in formulaire


def test_une_promotion_inconnue_est_signalee_et_la_page_garde_la_promotion_par_defaut(client):
    """An unknown promotion is named as an error in the form; the page shows the default promotion."""
    promotion = PromotionFactory()
    client.force_login(CoachFactory(promotion=promotion))
    page = client.get("/coachs/meteo/", {"promotion": "999999"}).content.decode()
    assert "Le formulaire contient des erreurs" in page and f"<h2>{promotion}</h2>" in page
