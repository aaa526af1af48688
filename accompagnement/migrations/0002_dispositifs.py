"""Load the seventeen dispositifs of the catalogue; an existing entry (edited by coaches) is left as is."""

from django.db import migrations


def charger(apps, schema_editor):
    from accompagnement.referentiel import DISPOSITIFS

    Dispositif = apps.get_model("accompagnement", "Dispositif")
    for ordre, champs in enumerate(DISPOSITIFS):
        Dispositif.objects.get_or_create(slug=champs["slug"], defaults={**champs, "ordre": ordre})


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0001_initial")]
    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
