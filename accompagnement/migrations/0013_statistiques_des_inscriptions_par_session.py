"""PostgreSQL samples 300 × 100 rows to estimate how many sessions the registrations name: on 1.46 M registrations
it saw 15,600 sessions out of 104,000, so it believed each session had 90 registrations instead of 14 and read
the whole table where an index on the promotion's 2,600 sessions would do (the coaches' dashboard: 190 ms to
40 ms). A larger sample for that column fixes the estimate; other databases have nothing to set."""

from django.db import migrations

ECHANTILLON = 2000


def echantillon_agrandir(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE accompagnement_inscription ALTER COLUMN session_id "
                              f"SET STATISTICS {ECHANTILLON}")


def echantillon_par_defaut(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE accompagnement_inscription ALTER COLUMN session_id SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0012_index_des_reponses_meteo_repondues")]

    operations = [migrations.RunPython(echantillon_agrandir, echantillon_par_defaut, elidable=False)]
