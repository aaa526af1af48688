"""Safe rendering of a défi's body, and the réalisations read from it."""

import re

import pytest

from defis.contenu import corps_en_html, realisations_du_corps
from defis.importer import lire_fichier
from defis.models import Realisation


def test_corps_en_html_rend_le_markdown():
    """Emphasis, lists and links of the markdown become HTML."""
    html = corps_en_html("Du **gras**, de l'*italique*.\n\n* un\n* deux\n\n[Etalab](https://www.etalab.gouv.fr/)")

    assert "<strong>gras</strong>" in html
    assert "<em>italique</em>" in html
    assert "<li>deux</li>" in html
    assert '<a href="https://www.etalab.gouv.fr/" rel="noopener noreferrer">Etalab</a>' in html


def test_corps_en_html_retire_les_scripts():
    """A <script> in the body is removed with its content."""
    html = corps_en_html("Avant\n\n<script>alert('pirate')</script>\n\nAprès <script>alert(2)</script>")

    assert "<script" not in html
    assert "alert" not in html
    assert "Après" in html


def test_corps_en_html_retire_les_attributs_on():
    """Event attributes such as onclick never reach the page."""
    html = corps_en_html('<p onclick="voler()">Bonjour</p>\n\n<a href="https://a.fr" onmouseover="x()">lien</a>')

    assert "onclick" not in html
    assert "onmouseover" not in html
    assert "Bonjour" in html


def test_corps_en_html_retire_le_html_brut_non_autorise():
    """Raw iframes, styles and divs are dropped: only the text tags the page allows remain."""
    html = corps_en_html(
        '<div class="x">texte</div>\n\n<iframe src="https://evil.example"></iframe>\n\n<style>p{}</style><img src=x>'
    )

    assert set(re.findall(r"</?(\w+)", html)) == {"p"}
    assert "texte" in html
    assert "evil" not in html


def test_corps_en_html_refuse_les_liens_javascript():
    """A javascript: link keeps its text and loses its address."""
    html = corps_en_html("[cliquez](javascript:alert(1))")

    assert "javascript" not in html
    assert "cliquez" in html


def test_corps_en_html_rend_un_arrow_link_en_lien():
    """The arrow-link shortcode becomes a plain link showing its title."""
    html = corps_en_html('{{< arrow-link url="https://github.com/eig/x" title="Code source" target="true" >}}')

    assert html == '<p><a href="https://github.com/eig/x" rel="noopener noreferrer">Code source</a></p>'


def test_corps_en_html_rend_une_video_dailymotion_en_lien():
    """The dailymotion shortcode becomes a link to the video, named by its title."""
    html = corps_en_html('{{< dailymotion x8akknj "Vidéo de présentation du défi SIRANo">}}')

    assert 'href="https://www.dailymotion.com/video/x8akknj"' in html
    assert ">Voir la vidéo : Vidéo de présentation du défi SIRANo</a>" in html


def test_corps_en_html_ignore_une_video_sans_identifiant():
    """A dailymotion shortcode without a video id (only a quoted title) shows nothing."""
    html = corps_en_html(
        'Avant\n\n{{< dailymotion"Vidéo de présentation du défi LABEL">}}\n\n{{< dailymotion "Video" >}}'
    )

    assert html == "<p>Avant</p>"


def test_corps_en_html_retire_les_autres_shortcodes():
    """Any other Hugo shortcode is dropped, its inner text kept."""
    html = corps_en_html('{{< figure src="x.png" >}}\n\n{{% note %}}Remarque{{% /note %}}')

    assert "{{" not in html
    assert "figure" not in html
    assert "Remarque" in html


def test_corps_en_html_retire_le_marqueur_subtitle():
    """The {.subtitle} marker at the end of a heading is not shown."""
    html = corps_en_html("## Le défi\n\n#### La problématique identifiée{.subtitle}\n### Un titre")

    assert "subtitle" not in html
    assert "<h4>La problématique identifiée</h4>" in html


def test_corps_en_html_ne_rend_rien_au_dessus_de_h2():
    """A body starting at # is shifted down so that its first level is h2, under the page's h1."""
    html = corps_en_html("# Solution\n\n## Détail\n\n###### Fin")

    assert "<h1" not in html
    assert "<h2>Solution</h2>" in html
    assert "<h3>Détail</h3>" in html
    assert "<h6>Fin</h6>" in html


def test_corps_en_html_garde_les_titres_qui_commencent_a_h2():
    """A body already starting at ## keeps its levels."""
    html = corps_en_html("## Le défi\n\n#### Le besoin")

    assert "<h2>Le défi</h2>" in html
    assert "<h4>Le besoin</h4>" in html


def test_corps_en_html_renvoie_les_liens_relatifs_vers_le_site_public():
    """A link to /img/… of the site points to the public site, not to Magellan."""
    html = corps_en_html('{{< arrow-link url="/img/restitution.pdf" title="Restitution" >}}')

    assert 'href="https://eig.numerique.gouv.fr/img/restitution.pdf"' in html


def test_corps_en_html_remplace_une_image_par_un_lien():
    """An image of the body is shown as a link to it, with its description, not loaded from another host."""
    html = corps_en_html("![Le parcours des usagers](/img/parcours.png)")

    assert "<img" not in html
    assert '<a href="https://eig.numerique.gouv.fr/img/parcours.png" rel="noopener noreferrer">' in html
    assert "Image : Le parcours des usagers" in html


def test_corps_en_html_rend_tous_les_defis_du_site_sans_artefact(site_eig):
    """No body of the real site shows a shortcode, an attribute marker or a heading above h2."""
    for chemin in sorted((site_eig / "defis").glob("*.md")):
        _champs, corps = lire_fichier(chemin)

        html = corps_en_html(corps)

        assert "{{" not in html, chemin.name
        assert "{.subtitle}" not in html, chemin.name
        assert "<h1" not in html, chemin.name


@pytest.mark.parametrize(
    ("url", "type_"),
    [
        ("https://github.com/entrepreneur-interet-general/gobelins", Realisation.Type.CODE),
        ("https://gitlab.com/healthdatahub", Realisation.Type.CODE),
        ("https://framagit.org/eig/x", Realisation.Type.CODE),
        ("https://code.gouv.fr/sill", Realisation.Type.CODE),
        ("https://www.data.gouv.fr/fr/datasets/interventions-des-pompiers/", Realisation.Type.DONNEES),
        ("https://matchid.io/", Realisation.Type.SITE),
    ],
)
def test_realisations_du_corps_types_par_adresse(url, type_):
    """A réalisation's type follows its address: forges are code, data.gouv.fr data, anything else a site."""
    corps = f'{{{{< arrow-link url="{url}" title="Lien" target="true" >}}}}'

    assert realisations_du_corps(corps) == [(type_, "Lien", url)]


def test_realisations_du_corps_lit_les_videos_et_ignore_les_doublons():
    """A dailymotion video is a réalisation of type video; the same address twice counts once."""
    corps = (
        '{{< dailymotion x6y055b "Vidéo Prévisecours">}}\n'
        '{{< dailymotion"Sans identifiant">}}\n'
        '{{< arrow-link url="https://www.dailymotion.com/video/x6y055b" title="Encore" >}}'
    )

    assert realisations_du_corps(corps) == [
        (Realisation.Type.VIDEO, "Vidéo Prévisecours", "https://www.dailymotion.com/video/x6y055b")
    ]
