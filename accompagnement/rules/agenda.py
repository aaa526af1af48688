"""Permissions of the accompagnement: agenda.

Everyone who logs in has an agenda (possibly empty). The feed needs no login: its secret link is the
permission. A session's .ics goes to whoever may open the session (`accompagnement.voir_session`).
"""

import rules

rules.add_perm("accompagnement.voir_agenda", rules.is_authenticated)
