"""The menu asks the same rules as the pages: an entry shows exactly when its page answers 200 to the visitor."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
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
LIEN = re.compile(r'<a [^>]*href="([^"]+)"')


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


def _liens_du_menu(client, adresse="/espace/") -> set[str]:
    page = client.get(adresse).content.decode()
    return {unescape(lien) for lien in LIEN.findall(NAVIGATION.search(page).group())}


def _repond(client, lien) -> bool:
    """The page answers 200 to the visitor, itself (after its own redirects, not to another page)."""
    reponse = client.get(lien, follow=True)
    return reponse.status_code == 200 and urlsplit(reponse.request["PATH_INFO"]).path == urlsplit(lien).path


def test_chaque_entree_du_menu_montre_exactement_les_pages_ouvertes_au_visiteur(client):
    """For each visitor, each link of the menu leads to a 200 page, and each page of the menu's list that
    answers 200 to them is shown in their menu; the list is the union of the links every visitor sees."""
    monde = _monde()
    menus = {}
    for nom, personne in monde.items():
        client.force_login(personne)
        menus[nom] = _liens_du_menu(client)
    tous = set().union(*menus.values())
    assert {"/agenda/", "/mentorat/", "/carnet-de-bord/", "/bureau-aide/", "/heures/", "/admin/"} <= tous
    ecarts = []
    for nom, personne in monde.items():
        client.force_login(personne)
        for lien in sorted(tous):
            if _repond(client, lien) != (lien in menus[nom]):
                ecarts.append(f"{nom} : {lien} {'montré' if lien in menus[nom] else 'caché'} à tort")
    assert not ecarts, " ; ".join(ecarts)


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
