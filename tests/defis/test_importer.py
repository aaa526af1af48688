"""The import of the public EIG site: the real content, then small sites written by each test."""

import datetime
import io
from textwrap import dedent

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from defis.importer import defis as import_des_defis
from defis.models import Defi, MembreEquipe, Realisation
from programme.models import Expertise, Personne, Phase, Promotion, Role, Theme

pytestmark = pytest.mark.django_db

PERSONNES_DU_SITE = 431


def importer_site(chemin) -> str:
    sortie = io.StringIO()
    call_command("import_site_eig", str(chemin), stdout=sortie)
    return sortie.getvalue()


def ecrire(racine, chemin, texte):
    fichier = racine / chemin
    fichier.parent.mkdir(parents=True, exist_ok=True)
    fichier.write_text(dedent(texte).lstrip(), encoding="utf-8")


@pytest.fixture
def petit_site(tmp_path):
    """A site of a few files: two promotions, a good défi, a défi of an unknown promotion, a broken file."""
    site = tmp_path / "site"
    ecrire(site, "promos/promotion-1.md", "---\ntitle: Promotion 1\n---\n")
    ecrire(site, "promos/defis-dig.md", "---\ntitle: Promotion 3 - DIG\n---\n")
    ecrire(site, "themes/sante.md", "---\ntitle: Santé\n---\n")
    ecrire(site, "expertises/accompagnement.md", '---\ntitle: "Accompagnement "\n---\n')
    ecrire(site, "defis/_index.md", "---\ntitle: Les projets\nvisible: false\n---\n")
    ecrire(site, "defis/alpha.md", """
        ---
        title: Alpha
        description: " Ouvrir les données de santé "
        who: Ministère de la Santé
        themes:
          - Santé
        promos:
          - Promotion 1
        town: Paris
        date: 2017-01-15T10:00:00.000Z
        expertises:
          - Data science
        visible: true
        isSET: true
        urlSET: https://beta.gouv.fr/startups/alpha.html
        ---
        ## Le défi{.subtitle}
        {{< arrow-link url="https://github.com/eig/alpha" title="Code source" target="true" >}}
        {{< arrow-link url="https://www.data.gouv.fr/fr/datasets/alpha/" title="Open data" target="true" >}}
        """)
    ecrire(site, "defis/bêta.md", """
        ---
        title: Bêta
        who: Ministère de l'Intérieur
        promos:
          - Promotion 9
        date: 2022
        visible: true
        ---
        Corps du défi.
        """)
    ecrire(site, "defis/casse.md", "---\ntitle: Cassé\nwho: Ministère: Justice\n---\nCorps.\n")
    ecrire(site, "personnes/ada-lovelace.md", """
        ---
        title: Ada  Lovelace de Byron
        job: Développeuse
        role: participant
        promos:
          - Promotion 1
        defis:
          - "ALPHA "
          - Défi fantôme
        expertises:
          - Développement
        image: img/ada.jpg
        linkedin: https://www.linkedin.com/in/ada
        github: pas une adresse
        ---
        Première programmeuse.
        """)
    ecrire(site, "personnes/grace-hopper.md", """
        ---
        title: Grace Hopper
        job: " Sponsor "
        role: agent-public
        defis:
          - Bêta
        ---
        """)
    ecrire(site, "personnes/alan-turing.md", "---\ntitle: Alan Turing\nrole: agent-ecosysteme\n---\n")
    ecrire(site, "personnes/sans-titre.md", "---\njob: Designer\nrole: participant\n---\n")
    ecrire(site, "personnes/liste.md", "---\n- title\n- Ada\n---\n")
    (site / "personnes" / "latin1.md").write_bytes("---\ntitle: Zoé\n---\n".encode("latin-1"))
    return site


# The real site.


def test_import_cree_les_131_defis_et_8_promotions(site_eig):
    """The whole public site gives its 131 défis and its 8 promotions, each with its four phases."""
    importer_site(site_eig)

    assert Defi.objects.count() == 131
    assert set(Promotion.objects.values_list("nom", flat=True)) == {
        *(f"Promotion {numero}" for numero in range(1, 8)), "Promotion 3 - DIG"
    }
    assert Phase.objects.count() == 8 * 4
    assert Promotion.objects.get(nom="Promotion 3 - DIG").numero == 3


def test_import_cree_une_personne_par_fichier_lisible(site_eig):
    """Each of the 431 readable people files gives one person, without an e-mail."""
    importer_site(site_eig)

    assert Personne.objects.count() == PERSONNES_DU_SITE
    assert not Personne.objects.filter(email__isnull=False).exists()


def test_import_signale_les_deux_carnets_illisibles(site_eig):
    """The two notebooks of personnes/ are reported by name, with why, and the import goes on."""
    sortie = importer_site(site_eig)

    assert "personnes/ecriture_automatique_profile.ipynb : pas d'en-tête YAML (front matter)" in sortie
    assert (
        "personnes/ecriture_automatique_profile_porteur_porteuse_sponsor.ipynb : pas d'en-tête YAML (front matter)"
        in sortie
    )
    assert "Fichiers non importés (2)" in sortie


def test_second_import_ne_change_rien(site_eig):
    """Importing the same content twice creates nothing, updates nothing and duplicates nothing."""
    importer_site(site_eig)
    comptes = [modele.objects.count() for modele in (Defi, Personne, Role, MembreEquipe, Realisation, Theme)]

    sortie = importer_site(site_eig)

    assert [modele.objects.count() for modele in (Defi, Personne, Role, MembreEquipe, Realisation, Theme)] == comptes
    assert "Total : 0 créé, 0 mis à jour," in sortie


def test_second_import_n_ecrit_rien_en_base(site_eig):
    """A second run over the same content only reads: no insert, update or delete reaches the database."""
    importer_site(site_eig)

    with CaptureQueriesContext(connection) as requetes:
        importer_site(site_eig)

    ecritures = [q["sql"] for q in requetes.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert ecritures == []


def test_import_fait_d_un_participant_un_eig_de_son_defi(site_eig):
    """A participant of the site is an EIG of their promotion and a member of their défi's team."""
    importer_site(site_eig)

    abdelali = Personne.objects.get(slug="abdelali-boulajine")
    assert (abdelali.prenom, abdelali.nom_usage) == ("Abdelali", "Boulajine")
    assert Role.objects.filter(personne=abdelali, type=Role.Type.EIG, promotion__nom="Promotion 6").exists()
    assert MembreEquipe.objects.filter(personne=abdelali, defi__slug="sirano", role=MembreEquipe.Role.EIG).exists()


def test_import_donne_le_role_sponsor_quand_la_fonction_le_dit(site_eig):
    """An agent public whose job says "Sponsor" is the sponsor of their défi, not its porteuse."""
    importer_site(site_eig)

    anne = Personne.objects.get(slug="anne-moutel-seiller")
    assert list(anne.roles.values_list("type", "promotion__nom")) == [(Role.Type.SPONSOR, "Promotion 5")]
    assert list(anne.equipes.values_list("defi__slug", "role")) == [("e-pshad", MembreEquipe.Role.SPONSOR)]


def test_import_retrouve_un_defi_nomme_avec_une_autre_casse_et_des_espaces(site_eig):
    """People naming "TRISTAN " or " DataESR" are members of the défis TRISTAN and DataESR."""
    importer_site(site_eig)

    assert MembreEquipe.objects.filter(defi__slug="tristan").count() >= 2
    assert MembreEquipe.objects.filter(defi__slug="dataesr").count() >= 2


def test_import_signale_les_defis_inconnus_des_personnes(site_eig):
    """A défi title that matches no défi is reported with the file and the title."""
    sortie = importer_site(site_eig)

    assert "personnes/emmanuel-ronot.md : défi inconnu « e-PSHAD »" in sortie
    assert Personne.objects.filter(slug="emmanuel-ronot").exists()


def test_reimport_garde_l_adresse_et_les_roles_saisis_par_un_coach(site_eig):
    """An e-mail and a role a coach added by hand survive a new import."""
    importer_site(site_eig)
    abdelali = Personne.objects.get(slug="abdelali-boulajine")
    abdelali.email = "abdelali@example.org"
    abdelali.save()
    Role.objects.create(personne=abdelali, promotion=Promotion.objects.get(nom="Promotion 7"), type=Role.Type.COACH)

    importer_site(site_eig)

    abdelali.refresh_from_db()
    assert abdelali.email == "abdelali@example.org"
    assert set(abdelali.roles.values_list("type", "promotion__nom")) == {
        (Role.Type.EIG, "Promotion 6"), (Role.Type.COACH, "Promotion 7")
    }


def test_reimport_remet_les_champs_du_site_et_le_compte(site_eig):
    """A défi changed in Magellan gets the site's values back, counted as updated."""
    importer_site(site_eig)
    Defi.objects.filter(slug="sirano").update(titre="Autre titre", ville="Lyon")

    sortie = importer_site(site_eig)

    sirano = Defi.objects.get(slug="sirano")
    assert (sirano.titre, sirano.ville) == ("SIRANo", "Paris (75)")
    assert "Total : 0 créé, 1 mis à jour," in sortie


# Small sites written by the tests.


def test_un_fichier_mal_forme_est_signale_et_le_reste_importe(petit_site):
    """A défi whose YAML does not parse is reported with its line, the other défis are imported."""
    sortie = importer_site(petit_site)

    assert "defis/casse.md : en-tête YAML invalide, ligne 3 (mapping values are not allowed here)" in sortie
    assert set(Defi.objects.values_list("slug", flat=True)) == {"alpha", "bêta"}


@pytest.mark.parametrize(
    ("fichier", "raison"),
    [
        ("personnes/sans-titre.md", "pas de titre (title)"),
        ("personnes/liste.md", "l'en-tête YAML n'est pas une liste de champs"),
        ("personnes/latin1.md", "fichier non lisible en UTF-8"),
    ],
)
def test_un_fichier_illisible_est_signale_avec_sa_raison(petit_site, fichier, raison):
    """A file without a title, with a front matter that is not a mapping, or not in UTF-8, is reported."""
    sortie = importer_site(petit_site)

    assert f"{fichier} : {raison}" in sortie


def test_une_promotion_inconnue_est_creee_avec_un_avertissement(petit_site):
    """A défi of a promotion the site does not declare is imported in that new promotion, with a warning."""
    sortie = importer_site(petit_site)

    assert "defis/bêta.md : promotion inconnue du site « Promotion 9 », créée" in sortie
    assert Defi.objects.get(slug="bêta").promotion.numero == 9
    assert Promotion.objects.get(nom="Promotion 9").phases.count() == 4


def test_un_defi_inconnu_d_une_personne_est_signale_et_la_personne_importee(petit_site):
    """A person naming an unknown défi is imported with their other défis, and the name is reported."""
    sortie = importer_site(petit_site)

    assert "personnes/ada-lovelace.md : défi inconnu « Défi fantôme »" in sortie
    ada = Personne.objects.get(slug="ada-lovelace")
    assert list(ada.equipes.values_list("defi__slug", flat=True)) == ["alpha"]


def test_import_reprend_les_champs_d_un_defi(petit_site):
    """Every field of a défi's front matter lands on the défi, names stripped."""
    importer_site(petit_site)

    alpha = Defi.objects.get(slug="alpha")
    assert alpha.titre == "Alpha"
    assert alpha.description == "Ouvrir les données de santé"
    assert alpha.administration.nom == "Ministère de la Santé"
    assert alpha.promotion.nom == "Promotion 1"
    assert alpha.ville == "Paris"
    assert list(alpha.themes.values_list("nom", flat=True)) == ["Santé"]
    assert list(alpha.expertises.values_list("nom", flat=True)) == ["Data science"]
    assert (alpha.est_startup_etat, alpha.url_startup_etat) == (True, "https://beta.gouv.fr/startups/alpha.html")
    assert alpha.corps.startswith("## Le défi{.subtitle}")


def test_une_date_iso_donne_la_date_en_utc(petit_site):
    """An ISO datetime becomes the défi's date, in UTC, without a year of its own."""
    importer_site(petit_site)

    alpha = Defi.objects.get(slug="alpha")
    assert alpha.date == datetime.datetime(2017, 1, 15, 10, 0, tzinfo=datetime.UTC)
    assert alpha.annee is None


def test_une_annee_seule_donne_l_annee(petit_site):
    """A bare year such as 2022 fills the défi's year and leaves its date empty."""
    importer_site(petit_site)

    beta = Defi.objects.get(slug="bêta")
    assert (beta.annee, beta.date) == (2022, None)


def test_les_noms_des_metiers_sont_nettoyes(petit_site):
    """"Accompagnement " with its trailing space is the métier "Accompagnement"."""
    importer_site(petit_site)

    assert Expertise.objects.filter(nom="Accompagnement").exists()
    assert not Expertise.objects.filter(nom__endswith=" ").exists()


def test_import_cree_les_realisations_du_corps(petit_site):
    """The arrow-links of a body become the défi's réalisations, typed by their address."""
    importer_site(petit_site)

    assert set(Realisation.objects.values_list("defi__slug", "type", "titre")) == {
        ("alpha", Realisation.Type.CODE, "Code source"),
        ("alpha", Realisation.Type.DONNEES, "Open data"),
    }


def test_import_decoupe_le_nom_et_ignore_un_lien_invalide(petit_site):
    """The title gives first name and last name; an invalid GitHub address is left blank, with a warning."""
    sortie = importer_site(petit_site)

    ada = Personne.objects.get(slug="ada-lovelace")
    assert (ada.prenom, ada.nom_usage) == ("Ada", "Lovelace de Byron")
    assert (ada.linkedin, ada.github) == ("https://www.linkedin.com/in/ada", "")
    assert ada.presentation == "Première programmeuse."
    assert "personnes/ada-lovelace.md : adresse GitHub invalide « pas une adresse », ignorée" in sortie


def test_un_membre_sans_promotion_a_son_role_dans_la_promotion_du_defi(petit_site):
    """A sponsor the site gives no promotion is sponsor of their défi, in the défi's promotion."""
    importer_site(petit_site)

    grace = Personne.objects.get(slug="grace-hopper")
    assert list(grace.roles.values_list("type", "promotion__nom")) == [(Role.Type.SPONSOR, "Promotion 9")]
    assert list(grace.equipes.values_list("defi__slug", "role")) == [("bêta", MembreEquipe.Role.SPONSOR)]


def test_un_role_sans_promotion_vaut_pour_tout_le_programme(petit_site):
    """An agent of the ecosystem without promotion is a parrain of the whole programme."""
    importer_site(petit_site)

    alan = Personne.objects.get(slug="alan-turing")
    assert list(alan.roles.values_list("type", "promotion")) == [(Role.Type.PARRAIN, None)]


def test_un_echec_d_enregistrement_ne_perd_que_son_fichier(petit_site, monkeypatch):
    """A file failing in the database is reported and rolled back alone; the next files still import."""
    ecrire(petit_site, "defis/gamma.md", "---\ntitle: Gamma\nthemes: [Nouveau thème]\n---\nBOUM\n")
    ecrire(petit_site, "defis/zeta.md", "---\ntitle: Zeta\nthemes: [Nouveau thème]\n---\nCorps.\n")
    lire_realisations = import_des_defis.realisations_du_corps

    def realisations_du_corps(corps):
        if "BOUM" in corps:
            raise IntegrityError("contrainte violée")
        return lire_realisations(corps)

    monkeypatch.setattr(import_des_defis, "realisations_du_corps", realisations_du_corps)

    sortie = importer_site(petit_site)

    assert "defis/gamma.md : enregistrement impossible (IntegrityError : contrainte violée)" in sortie
    assert not Defi.objects.filter(slug="gamma").exists()
    assert list(Defi.objects.get(slug="zeta").themes.values_list("nom", flat=True)) == ["Nouveau thème"]


def test_second_import_d_un_petit_site_ne_change_rien(petit_site):
    """Re-importing a site with unknown promotions and défis still changes nothing the second time."""
    importer_site(petit_site)

    sortie = importer_site(petit_site)

    assert "Total : 0 créé, 0 mis à jour," in sortie
    assert Promotion.objects.filter(nom="Promotion 9").count() == 1


def test_un_chemin_absent_arrete_la_commande(tmp_path):
    """A folder that does not exist stops the command with a French error."""
    with pytest.raises(CommandError, match="Dossier introuvable"):
        importer_site(tmp_path / "absent")


def test_un_dossier_sans_defis_arrete_la_commande(tmp_path):
    """A folder without defis/ is not the site's content: the command stops and says so."""
    with pytest.raises(CommandError, match="Pas de dossier defis/"):
        importer_site(tmp_path)
