"""The menu asks the same rules as the pages: an entry shows exactly when its page answers 200 to the visitor."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from magellan.menu import RUBRIQUES
from programme.factories import (
    AlumniFactory,
    CoachFactory,
    IntervenantFactory,
    ParrainFactory,
    PersonneFactory,
    PromotionFactory,
)

pytestmark = pytest.mark.django_db

NAVIGATION = re.compile(r'<nav[^>]*id="navigation-principale".*?</nav>', re.S)
OUTILS = re.compile(r'<h1>Mon espace</h1>.*?</nav>', re.S)
LIEN = re.compile(r'<a [^>]*href="([^"]+)"')
ENTREES = [entree for rubrique in RUBRIQUES for entree in rubrique.entrees]


def _monde():
    """One person per kind of visitor, in one promotion; the EIG, the porteuse and the sponsor share a défi."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion)

    def membre(role):
        return MembreEquipeFactory(defi=defi, role=role).personne

    return {
        "coach": CoachFactory(promotion=promotion),
        "eig": membre(MembreEquipe.Role.EIG),
        "porteur": membre(MembreEquipe.Role.PORTEUR),
        "sponsor": membre(MembreEquipe.Role.SPONSOR),
        "parrain": ParrainFactory(promotion=promotion),
        "intervenant": IntervenantFactory(promotion=promotion),
        "alumni": AlumniFactory(promotion=promotion),
        "sans_role": PersonneFactory(),
    }


def _liens(client, zone, adresse="/espace/") -> set[str]:
    page = client.get(adresse).content.decode()
    return {unescape(lien) for lien in LIEN.findall(zone.search(page).group())}


def _liens_anonymes(client) -> set[str]:
    client.logout()
    return _liens(client, NAVIGATION, adresse="/")


def _repond(client, lien) -> bool:
    """The page answers 200 to the visitor, itself (after its own redirects, not to another page)."""
    reponse = client.get(lien, follow=True)
    return reponse.status_code == 200 and urlsplit(reponse.request["PATH_INFO"]).path == urlsplit(lien).path


@pytest.mark.parametrize(("zone", "entrees"), [
    (NAVIGATION, [entree for entree in ENTREES if entree.menu]),
    (OUTILS, [entree for entree in ENTREES if entree.tuile]),
], ids=["menu", "mon espace"])
def test_chaque_entree_montre_exactement_les_pages_ouvertes_au_visiteur(client, zone, entrees):
    """For each visitor and each entry of the one definition (magellan.menu), the header (or the tiles of
    'Mon espace') links to the page exactly when that page answers 200 to them."""
    monde = _monde()
    ecarts = []
    for nom, personne in monde.items():
        client.force_login(personne)
        liens = _liens(client, zone)
        for entree in entrees:
            lien = reverse(entree.nom)
            if _repond(client, lien) != (lien in liens):
                ecarts.append(f"{nom} : {lien} {'montré' if lien in liens else 'caché'} à tort")
    assert not ecarts, " ; ".join(ecarts)


def test_le_menu_et_mon_espace_ne_montrent_que_les_entrees_de_la_definition(client):
    """Every link of the signed-in part of the menu and of 'Mon espace' tools comes from magellan.menu, and
    each entry is shown to somebody."""
    monde = _monde()
    publics = _liens_anonymes(client)
    definis = {reverse(entree.nom) for entree in ENTREES}
    vus = set()
    for personne in monde.values():
        client.force_login(personne)
        vus |= (_liens(client, NAVIGATION) - publics) | _liens(client, OUTILS)
    assert vus == definis


def test_l_entree_courante_est_marquee_page_et_sa_rubrique_aussi(client):
    """On 'Mon agenda', that entry alone carries aria-current="page" and the 'Mon espace' button is current;
    'Piloter' is not."""
    client.force_login(CoachFactory())
    page = client.get("/agenda/").content.decode()
    navigation = NAVIGATION.search(page).group()
    courantes = re.findall(r'<a [^>]*href="([^"]+)"[^>]*aria-current="page"', navigation)
    assert courantes == ["/agenda/"]
    assert re.search(r'aria-controls="menu-mon-espace" aria-current="true"', navigation)
    assert not re.search(r'aria-controls="menu-piloter" aria-current', navigation)
