"""The demo's météo entrepreneuriale, for `manage.py seed_demo`: four closed rounds answered by the promotion's
EIG (varied levels, one drop that raised an alert; their figures frozen as at their closing) and the round of
this week, open, a few answers in.

The promotion's météo moves to Mondays, anchored on the current week, so the open round is always current.
Rows are written directly rather than through the services: the demo sends no e-mail.
"""

import datetime

from django.utils import timezone

from accompagnement.models import AlerteMeteo, ReponseMeteo, VagueMeteo
from accompagnement.services.meteo import (
    HEURE_OUVERTURE,
    RELANCE_AVANT_CLOTURE,
    SEMAINES_ENTRE_VAGUES,
    meteo_jour_de_vague,
    vague_horaires,
    vagues_figer,
)
from programme.dates import PARIS
from programme.models import Personne, Promotion, Role

LUNDI = 0
VAGUES_CLOSES = 4
REUSSITES = [
    "Premier entretien utilisateur mené seule, et les retours sont encourageants.",
    "Le prototype tourne chez deux agents de l'hôpital pilote.",
    "La direction a validé l'ouverture des données du défi.",
    "Belle démo au séminaire : trois équipes veulent réutiliser notre brique.",
]
DIFFICULTES = [
    "L'accès aux données de production prend plus de temps que prévu.",
    "Difficile de trouver un créneau avec le service juridique.",
    "",
    "Beaucoup de réunions, peu de temps pour construire.",
]


def _niveau(rang_eig: int, rang_vague: int) -> int:
    """A varied but calm météo: between 3 and 5 most of the time."""
    return 3 + (rang_eig + rang_vague) % 3


def demo_meteo(promotion: Promotion, maintenant: datetime.datetime | None = None) -> dict[str, int]:
    """Create the promotion's past and open rounds with answers; nothing when it already has rounds."""
    if promotion.vagues_meteo.exists():
        return {"vagues": 0, "reponses": 0, "alertes": 0}
    maintenant = maintenant or timezone.now()
    aujourdhui = timezone.localtime(maintenant, PARIS).date()
    lundi = aujourdhui - datetime.timedelta(days=aujourdhui.weekday())
    # Before noon on a Monday, this week's round is not open yet: last week's is the open one, until noon.
    avant_midi = aujourdhui == lundi and timezone.localtime(maintenant, PARIS).time() < HEURE_OUVERTURE
    ouverte_le_jour = lundi - datetime.timedelta(weeks=1) if avant_midi else lundi
    promotion.meteo_jour, promotion.meteo_ancre = LUNDI, ouverte_le_jour
    promotion.save(update_fields=["meteo_jour", "meteo_ancre"])
    dates = [ouverte_le_jour - datetime.timedelta(weeks=SEMAINES_ENTRE_VAGUES * n)
             for n in range(VAGUES_CLOSES, -1, -1)]
    dates = [date for date in dates if date == ouverte_le_jour or meteo_jour_de_vague(promotion, date)]
    eig = list(Personne.objects.filter(roles__promotion=promotion, roles__type=Role.Type.EIG, is_active=True)
               .distinct().order_by("pk"))
    bilan = {"vagues": 0, "reponses": 0, "alertes": 0}
    for rang_vague, date in enumerate(dates):
        ouverte_le, fermee_le = vague_horaires(promotion, date)
        ouverte = date == ouverte_le_jour
        vague = VagueMeteo.objects.create(
            promotion=promotion, date=date, ouverte_le=ouverte_le, fermee_le=fermee_le,
            relancee_le=None if ouverte else fermee_le - RELANCE_AVANT_CLOTURE,
            cloturee_le=None if ouverte else fermee_le,
        )
        bilan["vagues"] += 1
        for rang_eig, personne in enumerate(eig):
            # In the open round only one EIG in three has answered yet; in closed ones, one in five skipped.
            repond = rang_eig % 3 == 0 if ouverte else (rang_eig + rang_vague) % 5 != 4
            reponse = ReponseMeteo(vague=vague, eig=personne)
            if repond:
                chute = rang_eig == 0 and rang_vague == len(dates) - 2
                # The first EIG is fine until the round where their météo drops by two levels or more.
                niveau = 4 + rang_vague % 2 if rang_eig == 0 else _niveau(rang_eig, rang_vague)
                reponse.meteo = 2 if chute else niveau
                reponse.vie_equipe = max(1, niveau - rang_eig % 2)
                reponse.epanouissement = niveau
                reponse.reussites = REUSSITES[(rang_eig + rang_vague) % len(REUSSITES)]
                reponse.difficultes = DIFFICULTES[(rang_eig + 2 * rang_vague) % len(DIFFICULTES)]
                reponse.souhaite_echanger = chute
                reponse.repondue_le = ouverte_le + datetime.timedelta(hours=2 + rang_eig)
            reponse.save()
            bilan["reponses"] += 1
            if repond and reponse.souhaite_echanger:
                for motif in (AlerteMeteo.Motif.BAISSE, AlerteMeteo.Motif.ECHANGE):
                    alerte = AlerteMeteo.objects.create(reponse=reponse, motif=motif)
                    # Raised when the EIG answered, not when the demo was built.
                    AlerteMeteo.objects.filter(pk=alerte.pk).update(created_at=reponse.repondue_le)
                    bilan["alertes"] += 1
    vagues_figer(promotion.vagues_meteo.filter(cloturee_le__isnull=False), maintenant)
    return bilan
