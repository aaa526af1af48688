"""The resource pages as people read them: the list by group, a page, the search (French full text on PostgreSQL,
a plain match on SQLite), and the coaches' edit in the admin with its preview and its history."""

import html
import re

import pytest

from programme.factories import CoachFactory, EIGFactory
from ressources.factories import RessourceFactory
from ressources.models import Ressource
from ressources.rendu import contenu_en_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return {
        "bienvenue": RessourceFactory(slug="bienvenue", titre="Bienvenue dans la communauté", groupe="accueil",
                                      publique=True, contenu="Vous êtes lauréat du programme."),
        "valeurs": RessourceFactory(slug="valeurs", titre="Les valeurs", groupe="programme", publique=True,
                                    contenu="## L'accessibilité numérique\n\nUn service public accessible."),
        "licences": RessourceFactory(slug="licences-libres", titre="Comprendre les licences libres",
                                     contenu="## Des licences pour les logiciels\n\nLa licence MIT est permissive."),
    }


def test_la_liste_range_les_pages_comme_le_site_et_ne_montre_a_l_anonyme_que_les_publiques(client, pages):
    """Signed in, a person sees each group with its pages; an anonymous visitor only the public pages."""
    anonyme = html.unescape(client.get("/ressources/").content.decode())
    assert "Bienvenue dans la communauté" in anonyme and "Les valeurs" in anonyme
    assert "Comprendre les licences libres" not in anonyme

    client.force_login(EIGFactory())
    page = html.unescape(client.get("/ressources/").content.decode())
    assert page.index(">Bienvenue</h2>") < page.index(">Le programme</h2>") < page.index(">Les ressources</h2>")
    assert '<a href="/ressources/licences-libres/">Comprendre les licences libres</a>' in page
    assert "Réservée à la communauté" in page


def test_une_page_reservee_demande_de_se_connecter(client, pages):
    """A page for the community sends an anonymous visitor to log in, and opens once signed in."""
    reponse = client.get("/ressources/licences-libres/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/login/")

    client.force_login(EIGFactory())
    page = html.unescape(client.get("/ressources/licences-libres/").content.decode())
    assert '<h1 id="titre-ressource">Comprendre les licences libres</h1>' in page
    assert '<h2 id="des-licences-pour-les-logiciels">Des licences pour les logiciels</h2>' in page


def test_la_recherche_trouve_les_pages_lisibles_par_le_visiteur(client, pages):
    """Searching « licence » finds the licences page for a signed-in person, not for an anonymous visitor, who is
    told some pages need logging in; a word found nowhere says so."""
    anonyme = html.unescape(client.get("/ressources/?q=licence").content.decode())
    assert "0 résultat pour « licence »" in anonyme
    assert "Certaines ressources ne sont lisibles qu'une fois connecté" in anonyme

    client.force_login(EIGFactory())
    page = html.unescape(client.get("/ressources/?q=licence").content.decode())
    resultats = page.split('id="titre-resultats"')[1].split("</section>")[0]
    assert "1 résultat pour « licence »" in resultats
    assert '<a href="/ressources/licences-libres/">Comprendre les licences libres</a>' in resultats
    assert "Aucune ressource ne correspond à cette recherche." in client.get("/ressources/?q=zeppelin").content.decode()


def test_une_recherche_trop_longue_est_refusee_en_francais(client, pages):
    """A search past its bound is refused with a message, and the page still answers."""
    reponse = client.get("/ressources/?q=" + "a" * 300)
    assert reponse.status_code == 200
    assert "Assurez-vous que cette valeur comporte au plus 200 caractères" in html.unescape(reponse.content.decode())


@pytest.mark.postgres
def test_la_recherche_plein_texte_francaise_trouve_les_formes_voisines_et_classe_le_titre_d_abord(client, pages):
    """On PostgreSQL, « logiciel » finds « logiciels » (French stemming), and a page titled with the word comes
    before one that only mentions it."""
    client.force_login(EIGFactory())
    page = html.unescape(client.get("/ressources/?q=logiciel").content.decode())
    assert '<a href="/ressources/licences-libres/">' in page.split('id="titre-resultats"')[1]

    page = html.unescape(client.get("/ressources/?q=valeurs accessibles").content.decode())
    resultats = page.split('id="titre-resultats"')[1].split("</section>")[0]
    assert '<a href="/ressources/valeurs/">Les valeurs</a>' in resultats


def test_le_contenu_est_nettoye_de_tout_script(client):
    """Raw HTML with a script, an event attribute or a javascript: link never reaches the page."""
    RessourceFactory(slug="piege", publique=True, contenu=(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[clic](javascript:alert(3))\n\n"
        '<p style="color:red">rouge</p>'))
    page = client.get("/ressources/piege/").content.decode()
    contenu = page.split('id="titre-ressource"')[1].split("</article>")[0]
    assert "alert(1)" not in contenu and "onerror" not in contenu and "javascript:" not in contenu
    assert "style=" not in contenu


def test_le_coach_previsualise_son_texte_sans_l_enregistrer(client, pages):
    """The preview shows the unsaved Markdown as the page will read (callout, headings), and saves nothing."""
    client.force_login(CoachFactory())
    reponse = client.post("/admin/ressources/ressource/apercu/", {
        "titre": "Les valeurs revues", "contenu": "## Nouveau titre\n\n::: warning Prudence\nÀ relire.\n:::\n"})
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200
    assert "Aperçu : rien n'est enregistré" in page
    assert '<div class="fr-alert fr-alert--warning">' in page and "Prudence" in page
    assert Ressource.objects.get(slug="valeurs").titre == "Les valeurs"

    formulaire = html.unescape(client.get(f"/admin/ressources/ressource/{pages['valeurs'].pk}/change/")
                               .content.decode())
    assert 'formaction="/admin/ressources/ressource/apercu/" formtarget="_blank"' in formulaire


def test_la_modification_d_un_coach_est_gardee_dans_l_historique(client, pages):
    """A coach's edit in the admin is saved, and the history keeps the previous text and names the coach."""
    coach = CoachFactory(prenom="Camille")
    client.force_login(coach)
    ressource = pages["valeurs"]
    reponse = client.post(f"/admin/ressources/ressource/{ressource.pk}/change/", {
        "titre": "Les valeurs", "slug": "valeurs", "groupe": "programme", "ordre": "0", "publique": "on",
        "contenu": "## L'accessibilité numérique\n\nUn service public accessible à toutes et à tous.",
        **{f"{prefixe}-{champ}": valeur for prefixe in ("competences", "rappels")
           for champ, valeur in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    })
    assert reponse.status_code == 302
    ressource.refresh_from_db()
    assert ressource.contenu.endswith("à toutes et à tous.")
    derniere, precedente = ressource.history.all()[:2]
    assert derniere.history_user == coach
    assert precedente.contenu.endswith("Un service public accessible.")


def test_les_titres_ne_sautent_aucun_niveau_sous_le_titre_de_la_page():
    """The coaches' site jumps from its « # » title to « ### » sections: rendered under the page's h1, they become
    h2, and a « #### » under them h3, so that the outline a screen reader reads has no missing level."""
    html = contenu_en_html("Intro\n\n### L'écosystème\n\n#### Une synergie\n\n### L'accompagnement\n\n# Ailleurs\n")
    niveaux = re.findall(r"<h(\d)", html)
    assert niveaux == ["2", "3", "2", "2"]
    assert 'id="lécosystème"' in html
