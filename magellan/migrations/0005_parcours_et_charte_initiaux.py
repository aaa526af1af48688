"""The charter's first version, and the default arrival path of each existing promotion (new ones get it when
they are created)."""

from django.db import migrations


def charger(apps, schema_editor):
    from magellan.charte import charte_charger
    from magellan.services_arrivee import etapes_initialiser

    charte_charger(apps.get_model("magellan", "VersionCharte"))
    EtapeParcours = apps.get_model("magellan", "EtapeParcours")
    for promotion in apps.get_model("programme", "Promotion").objects.all():
        etapes_initialiser(promotion, EtapeParcours)


class Migration(migrations.Migration):
    dependencies = [("magellan", "0004_parcours_arrivee_charte")]

    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
