"""Load the compétences of each phase, for EIG and for porteurs (doc-coachs/programme/approche.md)."""

from django.db import migrations


def charger(apps, schema_editor):
    from programme.referentiel import COMPETENCES

    Competence = apps.get_model("programme", "Competence")
    for phase, publics in COMPETENCES.items():
        for public, noms in publics.items():
            for ordre, nom in enumerate(noms):
                Competence.objects.update_or_create(phase=phase, public=public, nom=nom, defaults={"ordre": ordre})


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(charger, migrations.RunPython.noop)]
