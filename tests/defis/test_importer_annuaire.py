"""What the import of the public site gives the annuaire: the parrains' domains, and nothing shown by default."""

import io

import pytest
from django.core.management import call_command

from programme.models import Domaine, Personne, Role

pytestmark = pytest.mark.django_db


def importer_site(chemin) -> str:
    sortie = io.StringIO()
    call_command("import_site_eig", str(chemin), stdout=sortie)
    return sortie.getvalue()


def domaines_de(slug) -> list[str]:
    return list(Personne.objects.get(slug=slug).domaines.values_list("nom", flat=True))


def test_les_parrains_du_site_recoivent_les_domaines_que_disent_leurs_metiers_et_leur_fonction(site_eig):
    """Accessibility agents are in Accessibilité, the Etalab data scientist in Sciences de la donnée, the open data
    officer and data.gouv.fr's developer in Données ouvertes; an EIG gets no domain."""
    importer_site(site_eig)

    assert domaines_de("erwall-le-gall") == ["Accessibilité"]
    assert domaines_de("yaacov-cohen") == ["Accessibilité"]
    assert domaines_de("kim-montalibet-1") == ["Sciences de la donnée"]
    assert domaines_de("mario-restuccia") == ["Données ouvertes"]
    assert domaines_de("estelle-maudet") == ["Données ouvertes"]
    assert not Personne.domaines.through.objects.exclude(personne__roles__type=Role.Type.PARRAIN).exists()


def test_l_import_ne_montre_rien_de_plus_que_ce_que_chacun_a_choisi(site_eig):
    """Imported people have their job, métiers, links and presentation, but the annuaire shows none of the optional
    parts until they choose it: every choice stays off."""
    importer_site(site_eig)

    importees = Personne.objects.filter(slug__isnull=False)
    assert importees.exclude(linkedin="").exists() and importees.exclude(presentation="").exists()
    for choix in ("annuaire_photo", "annuaire_presentation", "annuaire_liens", "annuaire_courriel"):
        assert not importees.filter(**{choix: True}).exists(), choix


def test_un_second_import_garde_les_choix_et_les_domaines_ajoutes_par_la_personne(site_eig):
    """A parrain who showed their links and added a domain keeps both after the site is imported again."""
    importer_site(site_eig)
    erwan = Personne.objects.get(slug="erwall-le-gall")
    erwan.domaines.add(Domaine.objects.get(nom="Écoresponsabilité"))
    Personne.objects.filter(pk=erwan.pk).update(annuaire_liens=True)

    sortie = importer_site(site_eig)

    erwan.refresh_from_db()
    assert erwan.annuaire_liens
    assert sorted(domaines_de("erwall-le-gall")) == ["Accessibilité", "Écoresponsabilité"]
    assert "Total : 0 créé, 0 mis à jour," in sortie
