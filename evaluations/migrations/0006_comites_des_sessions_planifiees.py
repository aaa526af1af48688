"""The comité sessions the planner drafted before evaluations followed them become their défi's comités: each
live « comité d'évaluation » session of a défi and a phase without a comité gets one, at its time, with the
défi's EIG and porteurs as participants, registered to it."""

import datetime

from django.db import migrations

DELAI_PAR_DEFAUT = 7


def comites_rattacher(apps, schema_editor):
    Session = apps.get_model("accompagnement", "Session")
    Inscription = apps.get_model("accompagnement", "Inscription")
    Comite = apps.get_model("evaluations", "Comite")
    ReglagesEvaluation = apps.get_model("evaluations", "ReglagesEvaluation")
    MembreEquipe = apps.get_model("defis", "MembreEquipe")
    existants = set(Comite.objects.values_list("defi_id", "phase_id"))
    delais = dict(ReglagesEvaluation.objects.values_list("promotion_id", "delai_support_jours"))
    orphelines = (Session.objects.filter(dispositif__slug="comite-evaluation", defi__isnull=False,
                                         phase__isnull=False, comite__isnull=True)
                  .exclude(statut="annulee").order_by("debut", "pk"))
    for session in orphelines:
        if (session.defi_id, session.phase_id) in existants:
            continue
        existants.add((session.defi_id, session.phase_id))
        delai = delais.get(session.promotion_id, DELAI_PAR_DEFAUT)
        comite = Comite.objects.create(
            defi_id=session.defi_id, phase_id=session.phase_id, debut=session.debut,
            duree_minutes=max(int((session.fin - session.debut).total_seconds() // 60), 1),
            lien_visio=session.lien_visio, echeance_support=session.debut - datetime.timedelta(days=delai),
            session=session,
        )
        equipe = set(MembreEquipe.objects.filter(defi_id=session.defi_id, role__in=["eig", "porteur"])
                     .values_list("personne_id", flat=True))
        comite.participants.set(equipe)
        deja = set(Inscription.objects.filter(session=session).values_list("personne_id", flat=True))
        Inscription.objects.bulk_create(Inscription(session=session, personne_id=pk, statut="inscrite")
                                        for pk in sorted(equipe - deja))


class Migration(migrations.Migration):

    dependencies = [
        ("accompagnement", "0009_libelles_en_francais"),
        ("defis", "0004_libelles_en_francais"),
        ("evaluations", "0005_libelles_en_francais"),
    ]

    operations = [migrations.RunPython(comites_rattacher, migrations.RunPython.noop)]
