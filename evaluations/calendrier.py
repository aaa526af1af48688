"""The last working day of a period, by the programme's own calendar (the planner's working days)."""

import datetime

from accompagnement.services.planificateur import est_ouvre


def dernier_jour_ouvre(jusqu_au: datetime.date) -> datetime.date:
    """The last working day on or before `jusqu_au`: no week-end, public holiday or year-end break."""
    jour = jusqu_au
    while not est_ouvre(jour):
        jour -= datetime.timedelta(days=1)
    return jour
