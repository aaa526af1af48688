"""Load the compétences of each phase, for EIG and for porteurs (doc-coachs/programme/approche.md)."""

from django.db import migrations


def charger(apps, schema_editor):
    from programme.referentiel import competences_charger

    competences_charger(apps.get_model("programme", "Competence"))


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
