"""Load the seventeen dispositifs of the catalogue; an existing entry (edited by coaches) is left as is."""

from django.db import migrations


def charger(apps, schema_editor):
    from accompagnement.referentiel import dispositifs_charger

    dispositifs_charger(apps.get_model("accompagnement", "Dispositif"))


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0001_initial")]
    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
