"""The demo's annuaire: parrains and marraines in every domain of the seed deck, each reachable from their card."""

from io import StringIO

import pytest
from django.core.management import call_command

from programme.models import Domaine, Personne, Role

pytestmark = pytest.mark.django_db


def test_seed_demo_met_des_parrains_et_marraines_dans_chaque_domaine(client):
    """After seed_demo every domain has a parrain or marraine, who chose to show their presentation and address,
    and the demo EIG finds them by domain in the annuaire."""
    call_command("seed_demo", stdout=StringIO())
    client.force_login(Personne.objects.get(email="eig@magellan.test"))

    for domaine in Domaine.objects.all():
        parrains = Personne.objects.filter(domaines=domaine, roles__type=Role.Type.PARRAIN)
        assert parrains.exists(), domaine.nom
        assert all(p.annuaire_presentation and p.annuaire_courriel for p in parrains)
        page = client.get(f"/annuaire/?domaine={domaine.pk}").content.decode()
        assert all(p.nom_complet in page and f"mailto:{p.email}" in page for p in parrains), domaine.nom


def test_seed_demo_donne_une_photo_a_l_eig_et_au_parrain_de_la_demonstration(client):
    """The demo EIG and parrain chose to show a photo: the annuaire draws it on their cards, and the photo answers
    as a PNG to another member."""
    call_command("seed_demo", stdout=StringIO())
    client.force_login(Personne.objects.get(email="coach@magellan.test"))
    for adresse in ("eig@magellan.test", "parrain@magellan.test"):
        personne = Personne.objects.get(email=adresse)
        assert personne.annuaire_photo and personne.photo
        page = client.get(f"/annuaire/?nom={personne.nom_usage}").content.decode()
        assert f'src="/annuaire/photos/{personne.pk}/"' in page
        reponse = client.get(f"/annuaire/photos/{personne.pk}/")
        assert reponse.status_code == 200 and reponse["Content-Type"] == "image/png"
