"""The real public site, imported, reads well in Magellan: every défi page and the catalogue render."""

import io

import pytest
from django.core.management import call_command

from defis.models import Defi

pytestmark = pytest.mark.django_db


def test_chaque_defi_du_site_public_s_affiche_sans_reste_de_hugo(client, site_eig, django_assert_max_num_queries):
    """After the import, all 131 défi pages answer 200, with no Hugo shortcode left and no script."""
    call_command("import_site_eig", str(site_eig), stdout=io.StringIO())
    for defi in Defi.objects.all():
        reponse = client.get(defi.get_absolute_url())
        page = reponse.content.decode()
        assert reponse.status_code == 200, defi.slug
        assert "{{&lt;" not in page and "{{<" not in page and "{.subtitle}" not in page, defi.slug
    with django_assert_max_num_queries(12):
        catalogue = client.get("/defis/?page=2")
    assert "131 défis" in catalogue.content.decode()
