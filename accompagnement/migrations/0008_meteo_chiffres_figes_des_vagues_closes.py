"""Freeze the figures of the météo rounds already closed (or past their closing time) when this migration runs:
from now on, their pages read these figures and no erasure moves them."""

from django.db import migrations
from django.db.models import Avg, Count, Q
from django.utils import timezone


def figer(apps, schema_editor):
    VagueMeteo = apps.get_model("accompagnement", "VagueMeteo")
    ReponseMeteo = apps.get_model("accompagnement", "ReponseMeteo")
    maintenant = timezone.now()
    closes = VagueMeteo.objects.filter(Q(cloturee_le__isnull=False) | Q(fermee_le__lte=maintenant),
                                       figee_le__isnull=True)
    repondues = Q(repondue_le__isnull=False)
    for vague in closes.iterator():
        chiffres = ReponseMeteo.objects.filter(vague=vague).aggregate(
            invites=Count("pk"), repondants=Count("pk", filter=repondues), moy_meteo=Avg("meteo", filter=repondues),
            moy_equipe=Avg("vie_equipe", filter=repondues),
            moy_epanouissement=Avg("epanouissement", filter=repondues),
        )
        VagueMeteo.objects.filter(pk=vague.pk).update(
            figee_le=vague.cloturee_le or maintenant, invites_figes=chiffres["invites"],
            repondants_figes=chiffres["repondants"], moy_meteo_figee=chiffres["moy_meteo"],
            moy_equipe_figee=chiffres["moy_equipe"], moy_epanouissement_figee=chiffres["moy_epanouissement"],
        )


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0007_effacement_anonyme_chiffres_figes")]

    operations = [migrations.RunPython(figer, migrations.RunPython.noop)]
