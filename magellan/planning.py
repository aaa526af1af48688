"""The recurring work of the programme, as django-celery-beat rows: created on migrate if missing, then the
coaches' to edit in the admin (a later migrate never overwrites their changes). Times are Europe/Paris."""

from django.conf import settings

# name shown in the admin, task, crontab (minute, hour, day of month, month, day of week), description
TACHES = [
    ("Courriels non partis : nouvel essai", "programme.notifications_relancer", ("*/10", "*", "*", "*", "*"),
     "Renvoie au worker les courriels enregistrés qu'aucun worker n'a pris (courtier arrêté, tâche perdue)."),
    ("Météo entrepreneuriale : ouverture, relance, clôture", "accompagnement.meteo_vagues",
     ("0", "12", "*", "*", "*"),
     "Chaque jour à midi : ouvre la vague des promotions dont c'est le jour (une semaine sur deux, depuis la "
     "semaine de référence de la promotion), relance ceux qui n'ont pas répondu deux jours avant la clôture, "
     "clôt les vagues échues."),
    ("Groupes de partage du mois suivant", "accompagnement.groupes_preparer", ("0", "8", "*", "*", "*"),
     "À partir du 15 : compose les groupes du mois suivant (entre pairs et pluridisciplinaires) en brouillon et "
     "prévient les coachs ; à partir du 22 : publie ceux qu'ils n'ont pas publiés et envoie les invitations."),
    ("Rappels la veille des sessions", "accompagnement.rappels_sessions", ("0", "*", "*", "*", "*"),
     "Chaque heure : rappelle aux inscrits les sessions qui commencent dans les 24 heures."),
    ("Rappel mensuel du carnet de bord", "accompagnement.rappel_carnet", ("0", "9", "20", "*", "*"),
     "Le 20 de chaque mois : rappelle aux EIG qui ne l'ont pas encore écrite l'entrée du mois."),
    ("Récapitulatif mensuel des heures d'accélération", "accompagnement.resume_heures", ("0", "8", "1", "*", "*"),
     "Le 1er de chaque mois : envoie à chaque parrain ou marraine et aux coachs les heures du mois écoulé."),
    ("Rappels des comités d'évaluation", "evaluations.rappels_comites", ("0", "8", "*", "*", "*"),
     "Chaque matin : supports attendus (J-14, J-7, J-2 et le jour même, jusqu'à leur soumission), comité du "
     "lendemain, rapport non publié 7 jours après le comité."),
]


def planning_installer(**kwargs):
    """Create the missing schedule rows; rows already there, perhaps edited by a coach, are left as they are."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    for nom, tache, (minute, heure, jour, mois, jour_semaine), description in TACHES:
        if PeriodicTask.objects.filter(name=nom).exists():
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=heure, day_of_month=jour, month_of_year=mois, day_of_week=jour_semaine,
            timezone=settings.TIME_ZONE,
        )
        PeriodicTask.objects.create(name=nom, task=tache, crontab=crontab, description=description)
