"""The import of the coaches' documentation site (`ressources_importer`, `manage.py ressources_importer`)."""

import re
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from programme.factories import CoachFactory, EIGFactory
from ressources.models import Ressource
from ressources.services import ressource_enregistrer, ressources_importer

pytestmark = pytest.mark.django_db

PROGRAMME = {"approche", "dispositifs", "ecosysteme", "enjeux", "indicateurs", "roles", "services", "valeurs"}
GUIDES = {"accessibilite", "algorithmes", "communication", "design", "documentation", "ecriture-inclusive",
          "integration", "licences-libres", "open-data", "open-source", "prototyper", "securite",
          "travailler-distance"}


def test_l_import_donne_les_huit_pages_du_programme_les_treize_guides_et_l_accueil(doc_coachs):
    """Each page of the site becomes a page of Magellan, in its group, titled by its first heading."""
    rapport = ressources_importer(doc_coachs)

    assert set(Ressource.objects.filter(groupe="programme").values_list("slug", flat=True)) == PROGRAMME
    assert set(Ressource.objects.filter(groupe="ressources").values_list("slug", flat=True)) == GUIDES
    accueil = Ressource.objects.get(slug="bienvenue")
    assert accueil.groupe == "accueil" and accueil.publique
    assert accueil.titre == "Bienvenue dans la communauté des Entrepreneur(e)s d’intérêt général !"
    assert Ressource.objects.get(slug="dispositifs").titre == "Les dispositifs"
    assert len(rapport.creees) == 22


def test_les_encadres_du_site_deviennent_des_encadres_du_dsfr(client, doc_coachs):
    """« ::: tip » is a DSFR callout with its title, « ::: danger » an error alert."""
    ressources_importer(doc_coachs)
    client.force_login(EIGFactory())

    page = client.get("/ressources/accessibilite/").content.decode()

    assert re.search(r'<div class="fr-callout">\s*<p class="fr-callout__title">Changement de nom du Reférentiel', page)
    assert re.search(r'<div class="fr-alert fr-alert--error">\s*<p class="fr-alert__title">Version antérieure</p>',
                     page)
    assert ":::" not in page
    approche = client.get("/ressources/approche/").content.decode()
    assert approche.count('class="fr-callout"') == 4


def test_chaque_lien_interne_rendu_mene_a_une_page_qui_repond(client, doc_coachs):
    """Every link between pages, once rendered, leads to a Magellan page that answers 200, and its anchor (when it
    keeps one) is a heading of that page."""
    ressources_importer(doc_coachs)
    client.force_login(EIGFactory())
    liens = set()
    for slug in Ressource.objects.values_list("slug", flat=True):
        page = client.get(f"/ressources/{slug}/")
        assert page.status_code == 200
        liens |= set(re.findall(r'href="(/ressources/[^"]*)"', page.content.decode()))
    internes = {lien for lien in liens if not lien.startswith("/ressources/images/")}
    assert len(internes) > 20
    for lien in internes:
        chemin, _diese, ancre = lien.partition("#")
        reponse = client.get(chemin)
        assert reponse.status_code == 200, lien
        if ancre:
            assert f'id="{ancre}"' in reponse.content.decode(), lien
    bienvenue = client.get("/ressources/bienvenue/").content.decode()
    assert 'href="/ressources/roles/#coachs-eig"' in bienvenue
    assert 'href="/ressources/enjeux/#embrasser-une-diversité-de-contextes-et-denjeux"' in bienvenue


def test_l_import_signale_par_fichier_et_ligne_ce_qu_il_ne_sait_pas_lire(doc_coachs):
    """A link to a page the site does not have, a missing image: named by file and line, the import goes on."""
    rapport = ressources_importer(doc_coachs)
    signalements = [str(probleme) for probleme in rapport.problemes]

    assert "programme/dispositifs.md, ligne 8 : lien vers « phases.md » : page introuvable, texte gardé sans lien" \
        in signalements
    assert any(s.startswith("ressources/accessibilite.md, ligne 123 : image « ./images/exemple-asqatasun.png » "
                            "absente") for s in signalements)
    assert "Image non disponible : Exemple de résultat" in Ressource.objects.get(slug="accessibilite").contenu


def test_un_second_import_ne_change_rien(doc_coachs):
    """Run again on the same site, the import writes nothing: no page, no version in the history."""
    ressources_importer(doc_coachs)
    versions = Ressource.history.count()
    avant = {r.slug: (r.titre, r.contenu, r.modifiee_le) for r in Ressource.objects.all()}

    rapport = ressources_importer(doc_coachs)

    assert len(rapport.inchangees) == 22 and not (rapport.creees or rapport.mises_a_jour or rapport.gardees)
    assert {r.slug: (r.titre, r.contenu, r.modifiee_le) for r in Ressource.objects.all()} == avant
    assert Ressource.history.count() == versions


def test_l_edition_d_un_coach_survit_a_l_import_qui_le_dit(doc_coachs, tmp_path):
    """A page a coach edited is kept by the next import, which says so; the pages nobody edited follow the site;
    `--ecraser` replaces the coach's text."""
    site = tmp_path / "doc-coachs"
    shutil.copytree(doc_coachs, site)
    ressources_importer(site)
    valeurs = Ressource.objects.get(slug="valeurs")
    valeurs.contenu += "\nUn paragraphe ajouté par une coach.\n"
    ressource_enregistrer(valeurs, par=CoachFactory())
    for nom in ("programme/valeurs.md", "programme/roles.md"):
        fichier = site / nom
        fichier.chmod(0o644)
        fichier.write_text(fichier.read_text(encoding="utf-8") + "\nUne phrase ajoutée sur le site.\n",
                           encoding="utf-8")

    rapport = ressources_importer(site)

    assert rapport.gardees == ["valeurs"] and rapport.mises_a_jour == ["roles"]
    assert any("programme/valeurs.md" in str(p) and "--ecraser" in str(p) for p in rapport.problemes)
    assert "ajouté par une coach" in Ressource.objects.get(slug="valeurs").contenu
    assert "ajoutée sur le site" in Ressource.objects.get(slug="roles").contenu

    rapport = ressources_importer(site, ecraser=True)

    assert rapport.ecrasees == ["valeurs"]
    valeurs = Ressource.objects.get(slug="valeurs")
    assert "ajoutée sur le site" in valeurs.contenu and "ajouté par une coach" not in valeurs.contenu
    assert valeurs.history.count() == 3


def test_l_import_lit_le_sommaire_et_copie_les_images_presentes(tmp_path, client):
    """`[[toc]]` becomes the DSFR summary; a relative image present beside the page is copied into Magellan's
    storage and served from there."""
    site = tmp_path / "site"
    (site / "ressources" / "images").mkdir(parents=True)
    (site / "ressources" / "images" / "schema.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    (site / "ressources" / "guide.md").write_text(
        "# Un guide\n\n[[toc]]\n\n## Première partie\n\n![Un schéma](./images/schema.png)\n\n## Seconde partie\n",
        encoding="utf-8")

    ressources_importer(site)
    client.force_login(EIGFactory())
    page = client.get("/ressources/guide/").content.decode()

    assert '<nav aria-labelledby="sommaire-titre" class="fr-summary">' in page
    assert '<a class="fr-summary__link" href="#première-partie"' in page
    image = re.search(r'<img alt="Un schéma" src="(/ressources/images/[0-9a-f]{16}\.png)"', page).group(1)
    reponse = client.get(image)
    assert reponse.status_code == 200 and reponse["Content-Type"] == "image/png"
    assert b"".join(reponse.streaming_content).startswith(b"\x89PNG")


def test_la_commande_dit_ce_qu_elle_a_fait_et_refuse_un_dossier_inconnu(doc_coachs, tmp_path):
    """The command reports counts and each problem; a folder that is not the site is refused in French."""
    sortie, erreurs = StringIO(), StringIO()
    call_command("ressources_importer", str(doc_coachs), stdout=sortie, stderr=erreurs)
    assert "22 créée(s)" in sortie.getvalue()
    assert "phases.md" in erreurs.getvalue()

    with pytest.raises(CommandError, match="n'est pas un dossier"):
        call_command("ressources_importer", str(tmp_path / "absent"))
