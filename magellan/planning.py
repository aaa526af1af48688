"""The recurring work of the programme, as django-celery-beat rows: its one definition, applied by
`planning_appliquer` at every migrate and deployment; the coaches edit the rows in the admin and a later
application keeps what they changed. Times are Europe/Paris; delays in descriptions come from their constants."""

import datetime

from django.conf import settings
from django.db import connection, transaction

from accompagnement.services.meteo import RELANCE_AVANT_CLOTURE, cadence_en_clair
from accompagnement.services.rappels import RAPPEL_SESSION_AVANCE
from evaluations.services.rappels import ETAPES_SUPPORT, RAPPORT_DELAI_JOURS


def taches() -> list[tuple]:
    """The schedule: name shown in the admin, task, crontab (minute, hour, day of month, month, day of week),
    description; read at each application, so a changed constant shows in the next one."""
    etapes = ", ".join(nom for jours, nom in ETAPES_SUPPORT if jours)
    return [
        ("Courriels non partis : nouvel essai", "programme.notifications_relancer", ("*/10", "*", "*", "*", "*"),
         "Renvoie au worker les courriels enregistrés qu'aucun worker n'a pris (courtier arrêté, tâche perdue)."),
        ("Courriels anciens : effacement des destinataires et des objets", "programme.notifications_purger",
         ("30", "3", "*", "*", "*"),
         "Chaque nuit : efface l'adresse, le destinataire et l'objet des courriels enregistrés il y a plus de "
         f"{settings.NOTIFICATIONS_CONSERVATION_JOURS} jours ; seule leur clé reste, pour qu'aucun ne reparte. Efface "
         f"le contenu des courriels en échec depuis plus de {settings.COURRIELS_EN_ECHEC_JOURS} jours."),
        ("Documents des promotions terminées : suppression", "magellan.documents_echus_supprimer",
         ("0", "4", "*", "*", "*"),
         "Chaque nuit : supprime les fichiers joints aux supports et les documents du bureau d'aide des promotions "
         f"terminées depuis plus de {settings.DOCUMENTS_CONSERVATION_JOURS} jours ; leurs pages disent qu'ils ont été "
         "supprimés à la fin de leur durée de conservation."),
        ("Météo entrepreneuriale : ouverture, relance, clôture", "accompagnement.meteo_vagues",
         ("0", "12", "*", "*", "*"),
         f"Chaque jour à midi : ouvre la vague des promotions dont c'est le jour ({cadence_en_clair()}, depuis la "
         "semaine de référence de la promotion), relance ceux qui n'ont pas répondu "
         f"{RELANCE_AVANT_CLOTURE.days} jours avant la clôture, clôt les vagues échues."),
        ("Groupes de partage du mois suivant", "accompagnement.groupes_preparer", ("0", "8", "*", "*", "*"),
         "À partir du 15 : compose les groupes du mois suivant (entre pairs et pluridisciplinaires) en brouillon et "
         "prévient les coachs ; à partir du 22 : publie ceux qu'ils n'ont pas publiés et envoie les invitations."),
        ("Rappels la veille des sessions", "accompagnement.rappels_sessions", ("0", "*", "*", "*", "*"),
         "Chaque heure : rappelle aux personnes inscrites les sessions qui commencent dans les "
         f"{RAPPEL_SESSION_AVANCE // datetime.timedelta(hours=1)} heures."),
        ("Rappel mensuel du carnet de bord", "accompagnement.rappel_carnet", ("0", "9", "20", "*", "*"),
         "Le 20 de chaque mois : rappelle aux EIG qui ne l'ont pas encore écrite l'entrée du mois."),
        ("Récapitulatif mensuel des heures d'accélération", "accompagnement.resume_heures", ("0", "8", "1", "*", "*"),
         "Le 1er de chaque mois : envoie à chaque parrain ou marraine et aux coachs les heures du mois écoulé."),
        ("Rappels des comités d'évaluation", "evaluations.rappels_comites", ("0", "8", "*", "*", "*"),
         f"Chaque matin : supports attendus ({etapes} et le jour même, jusqu'à leur soumission), comité du "
         f"lendemain, rapport non publié {RAPPORT_DELAI_JOURS} jours après le comité."),
    ]


def _crontab_en_clair(crontab) -> str:
    return " ".join([crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week,
                     str(crontab.timezone)])


def planning_appliquer(**kwargs) -> dict[str, int]:
    """Create the missing schedule rows and update, field by field (task, crontab, enabled, description), those
    still holding what the code last wrote; a field a coach changed in the admin is kept. Idempotent: run by
    every migrate and by `manage.py planning_appliquer` at deployment."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    from .models import PlanningEcrit

    bilan = {"creees": 0, "modifiees": 0}
    # A migrate that stops short of the schedule's tables (`migrate magellan zero`, an older target) has nothing
    # to apply to: the next full migrate applies it.
    tables = connection.introspection.table_names()
    if PlanningEcrit._meta.db_table not in tables or PeriodicTask._meta.db_table not in tables:
        return bilan
    definition = taches()
    ecrits = {e.nom: e for e in PlanningEcrit.objects.all()}
    lignes = {t.name: t for t in PeriodicTask.objects.select_related("crontab").filter(
        name__in=[nom for nom, *_ in definition])}
    for nom, tache, (minute, heure, jour, mois, jour_semaine), description in definition:
        with transaction.atomic():
            crontab, _ = CrontabSchedule.objects.get_or_create(
                minute=minute, hour=heure, day_of_month=jour, month_of_year=mois, day_of_week=jour_semaine,
                timezone=settings.TIME_ZONE,
            )
            voulu = {"tache": tache, "crontab": _crontab_en_clair(crontab), "active": True, "description": description}
            ligne, ecrit = lignes.get(nom), ecrits.get(nom)
            if ligne is None:
                PeriodicTask.objects.create(name=nom, task=tache, crontab=crontab, description=description)
                bilan["creees"] += 1
            else:
                actuel = {"tache": ligne.task, "crontab": _crontab_en_clair(ligne.crontab) if ligne.crontab else None,
                          "active": ligne.enabled, "description": ligne.description}
                # Without a record of what the code wrote, only the fields already as wanted are the code's.
                dernier = {c: getattr(ecrit, c) for c in voulu} if ecrit else voulu
                a_changer = [c for c in voulu if actuel[c] == dernier[c] and actuel[c] != voulu[c]]
                if a_changer:
                    valeurs = {"tache": ("task", tache), "crontab": ("crontab", crontab),
                               "active": ("enabled", True), "description": ("description", description)}
                    for champ in a_changer:
                        setattr(ligne, *valeurs[champ])
                    ligne.save()
                    bilan["modifiees"] += 1
                # A coach's value stays recorded as theirs (never equal to what the code wrote) until they undo it.
                voulu = {c: (voulu[c] if actuel[c] == dernier[c] or actuel[c] == voulu[c] else dernier[c])
                         for c in voulu}
            if ecrit is None or any(getattr(ecrit, c) != v for c, v in voulu.items()):
                PlanningEcrit.objects.update_or_create(nom=nom, defaults=voulu)
    return bilan
