"""The public catalogue, a défi's page and the open-data exports, as a visitor sees them."""

import csv
import io
import json

import pytest

from defis import views as vues_defis
from defis.factories import DefiFactory, MembreEquipeFactory, RealisationFactory
from defis.models import Defi, MembreEquipe
from programme.factories import AdministrationFactory, ExpertiseFactory, PromotionFactory, ThemeFactory
from tests.constantes import constante_changer

pytestmark = pytest.mark.django_db


def test_catalogue_filtre_par_promotion_theme_metier_et_administration(client):
    """Each filter keeps only the défis that match it, and the count says so."""
    promo_a, promo_b = PromotionFactory(), PromotionFactory()
    sante, justice = ThemeFactory(nom="Santé"), ThemeFactory(nom="Justice")
    design = ExpertiseFactory(nom="Design")
    culture = AdministrationFactory(nom="Ministère de la Culture")
    cible = DefiFactory(titre="Hospi'Flux", promotion=promo_a, themes=[sante], expertises=[design],
                        administration=culture)
    DefiFactory(titre="Greffe numérique", promotion=promo_b, themes=[justice])
    DefiFactory(titre="Défi caché", promotion=promo_a, themes=[sante], visible=False)

    filtres = [f"promotion={promo_a.pk}", f"theme={sante.pk}", f"expertise={design.pk}",
               f"administration={culture.pk}"]
    for filtre in filtres:
        page = client.get(f"/defis/?{filtre}").content.decode()
        assert "Hospi&#x27;Flux" in page, filtre
        assert "Greffe numérique" not in page, filtre
        assert "Défi caché" not in page, filtre
        assert "1 défi" in page
    assert cible.titre


def test_catalogue_recherche_dans_le_titre_et_la_description(client):
    """The search box finds a word of the title or the description."""
    DefiFactory(titre="Karfu'r", description="Cartographier les fours à pain")
    DefiFactory(titre="Autre chose", description="Sans rapport")
    page = client.get("/defis/?recherche=fours").content.decode()
    assert "Karfu" in page and "Autre chose" not in page


def test_catalogue_ignore_un_filtre_inconnu_sans_erreur(client):
    """A stale link with an unknown promotion shows the catalogue and says the choice is invalid, not a 500."""
    DefiFactory(titre="Toujours là")
    reponse = client.get("/defis/?promotion=999999")
    assert reponse.status_code == 200
    assert "Toujours là" in reponse.content.decode()
    assert "Sélectionnez un choix valide" in reponse.content.decode()


def test_catalogue_pagine_par_10(client):
    """With 25 défis, the first and second pages show 10 each, the third the last 5, and all say 25."""
    promotion = PromotionFactory()
    for i in range(25):
        DefiFactory(titre=f"Défi numéro {i:02d}", promotion=promotion)
    page1 = client.get("/defis/").content.decode()
    page3 = client.get("/defis/?page=3").content.decode()
    assert page1.count('class="fr-card__title"') == 10
    assert page3.count('class="fr-card__title"') == 5
    assert "25 défis" in page1 and "25 défis" in page3


def test_catalogue_en_nombre_constant_de_requetes(client, django_assert_max_num_queries):
    """The catalogue's queries do not grow with the number of défis."""
    promotion = PromotionFactory()
    themes = [ThemeFactory(), ThemeFactory()]
    for _ in range(5):
        DefiFactory(promotion=promotion, themes=themes, expertises=[ExpertiseFactory()])
    with django_assert_max_num_queries(12) as peu:
        client.get("/defis/")
    for _ in range(40):
        DefiFactory(promotion=promotion, themes=themes, expertises=[ExpertiseFactory()])
    with django_assert_max_num_queries(len(peu.captured_queries)):
        client.get("/defis/")


def test_page_du_defi_montre_equipe_realisations_et_corps_sans_script(client):
    """A défi's page shows its team by role, its réalisations, and its body without any script."""
    defi = DefiFactory(titre="SIRANo", corps="## Le défi\n\nTexte <script>alert('x')</script> **gras**")
    eig = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG).personne
    porteur = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.PORTEUR).personne
    RealisationFactory(defi=defi, titre="Code source de SIRANo", url="https://github.com/exemple/sirano")
    page = client.get(defi.get_absolute_url()).content.decode()
    assert "<h1>SIRANo</h1>" in page
    assert eig.nom_complet in page and porteur.nom_complet in page
    assert "Porteurs et porteuses de projet" in page
    assert 'href="https://github.com/exemple/sirano"' in page
    assert "<strong>gras</strong>" in page
    assert "<script>alert" not in page


def test_page_du_defi_en_nombre_constant_de_requetes(client, django_assert_max_num_queries):
    """A défi's page costs the same number of queries with 2 or 20 team members."""
    defi = DefiFactory()
    MembreEquipeFactory.create_batch(2, defi=defi)
    with django_assert_max_num_queries(10) as peu:
        client.get(defi.get_absolute_url())
    MembreEquipeFactory.create_batch(18, defi=defi)
    RealisationFactory.create_batch(5, defi=defi)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        client.get(defi.get_absolute_url())


def _contenu(reponse):
    """What a streamed export sends, read to its end as the visitor's browser does."""
    assert reponse.status_code == 200 and reponse.streaming
    return b"".join(reponse.streaming_content)


def test_export_json_donne_les_defis_visibles_et_la_licence(client):
    """The JSON export lists visible défis only, with their taxonomies, and states the Licence Ouverte."""
    visible = DefiFactory(titre="Visible", themes=[ThemeFactory(nom="Santé")])
    RealisationFactory(defi=visible)
    DefiFactory(titre="Caché", visible=False)
    reponse = client.get("/defis/export.json")
    donnees = json.loads(_contenu(reponse))
    assert "Licence Ouverte" in donnees["licence"]
    assert [d["titre"] for d in donnees["defis"]] == ["Visible"]
    assert donnees["defis"][0]["themes"] == ["Santé"]
    assert donnees["defis"][0]["url"].endswith(visible.get_absolute_url())
    assert len(donnees["defis"][0]["realisations"]) == 1
    assert 'rel="license"' in reponse["Link"]


def test_export_csv_lisible_par_un_tableur(client):
    """The CSV export opens in a spreadsheet with accents, one row per visible défi."""
    DefiFactory(titre="Égalité d'accès", themes=[ThemeFactory(nom="Santé"), ThemeFactory(nom="Social")])
    DefiFactory(titre="Caché", visible=False)
    reponse = client.get("/defis/export.csv")
    assert reponse["Content-Type"].startswith("text/csv")
    lignes = list(csv.DictReader(io.StringIO(_contenu(reponse).decode("utf-8-sig"))))
    assert [ligne["titre"] for ligne in lignes] == ["Égalité d'accès"]
    assert lignes[0]["themes"] == "Santé | Social"


def test_exports_en_nombre_constant_de_requetes(client, django_assert_max_num_queries):
    """The exports cost a fixed number of queries whatever the number of défis."""
    DefiFactory.create_batch(3, themes=[ThemeFactory()])
    with django_assert_max_num_queries(6) as peu:
        _contenu(client.get("/defis/export.json"))
    DefiFactory.create_batch(30, themes=[ThemeFactory()])
    with django_assert_max_num_queries(len(peu.captured_queries)):
        _contenu(client.get("/defis/export.json"))


def test_un_catalogue_national_s_exporte_avec_les_requetes_d_un_petit(client, django_assert_num_queries):
    """The CSV and JSON exports of a national catalogue (1,000 défis, each with its theme) cost the same queries as
    those of three défis: the national catalogue fits one batch."""
    theme = ThemeFactory(nom="Santé")
    DefiFactory.create_batch(3, themes=[theme])
    # The défis and their themes, métiers and réalisations; the JSON counts them first.
    requetes = {"/defis/export.csv": 4, "/defis/export.json": 5}
    for url, nombre in requetes.items():
        with django_assert_num_queries(nombre):
            _contenu(client.get(url))
    nouveaux = Defi.objects.bulk_create(Defi(slug=f"defi-national-{n}", titre=f"Défi national {n}") for n in range(997))
    Defi.themes.through.objects.bulk_create(Defi.themes.through(defi=defi, theme=theme) for defi in nouveaux)
    for url, nombre in requetes.items():
        with django_assert_num_queries(nombre):
            contenu = _contenu(client.get(url)).decode()
        assert contenu.count("Défi national") == 997 and contenu.count("Santé") == 1000


@pytest.fixture
def catalogue_en_lots(monkeypatch):
    """A catalogue of seven défis read by batches of three (the exports stream them batch by batch)."""
    constante_changer(monkeypatch, vues_defis, "LOT_EXPORT", 3)
    defis = [DefiFactory(titre=f"Défi n° {n}", themes=[ThemeFactory(nom=f"Thème « {n} »")]) for n in range(7)]
    for defi in defis[::2]:
        RealisationFactory(defi=defi)
    return sorted(defis, key=lambda d: d.slug)


def test_export_json_en_flux_par_lots_donne_le_meme_document(client, catalogue_en_lots):
    """The JSON export arrives as a stream, batch after batch, and reads as the document written at once did: the
    same keys and values, indented by two spaces with the accents as they are, every défi with its themes and
    achievements."""
    texte = _contenu(client.get("/defis/export.json")).decode()
    donnees = json.loads(texte)
    assert texte == json.dumps(donnees, ensure_ascii=False, indent=2)
    assert list(donnees) == ["titre", "licence", "licence_url", "producteur", "genere_le", "nombre", "defis"]
    assert donnees["nombre"] == 7
    assert [d["identifiant"] for d in donnees["defis"]] == [d.slug for d in catalogue_en_lots]
    assert [d["themes"] for d in donnees["defis"]] == [[t.nom for t in d.themes.all()] for d in catalogue_en_lots]
    assert [len(d["realisations"]) for d in donnees["defis"]] == [d.realisations.count() for d in catalogue_en_lots]


def test_export_json_d_un_catalogue_vide_reste_un_document(client):
    """Without any visible défi the JSON export is still a valid document, with an empty list."""
    donnees = json.loads(_contenu(client.get("/defis/export.json")))
    assert donnees["nombre"] == 0 and donnees["defis"] == []


def test_export_csv_en_flux_par_lots_donne_chaque_ligne(client, catalogue_en_lots):
    """The CSV export arrives as a stream, batch after batch: one header, one row per défi in order, accents kept."""
    texte = _contenu(client.get("/defis/export.csv")).decode("utf-8")
    assert texte.startswith("\ufeffidentifiant,titre,")
    lignes = list(csv.DictReader(io.StringIO(texte.removeprefix("\ufeff"))))
    assert [ligne["identifiant"] for ligne in lignes] == [d.slug for d in catalogue_en_lots]
    assert lignes[0]["themes"] == catalogue_en_lots[0].themes.get().nom
    assert [bool(ligne["realisations"]) for ligne in lignes] == [d.realisations.exists() for d in catalogue_en_lots]

