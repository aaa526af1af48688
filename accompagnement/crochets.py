"""Hooks by which an app further down the line of dependencies keeps its rows in step with the sessions, without
accompagnement importing it.

`session_verifiee` is sent by `Session.clean` (so by the services' `full_clean`, the coaches' session form and the
admin's), with `session=` the session about to be written: a receiver raises a `ValidationError` to refuse it,
which the forms show next to their fields.

`session_enregistree` is sent, within the writing transaction, after every session written by the session
services (`session_creer`, `session_modifier`), by the planner and by the admin, with `session=` the session
saved. A receiver may raise a `ValidationError`: the write is then undone and the coach reads the message.
evaluations listens, so that a session of the « comité d'évaluation » dispositif is the comité of its défi and
phase, whoever planned it.

`flux_agenda_lu` is sent each time a person's calendar feed is read by their calendar application, with
`personne=` its owner: magellan notes the first time, the step « subscribe to my agenda » of the arrival path.
"""

from django.dispatch import Signal

session_verifiee = Signal()
session_enregistree = Signal()
flux_agenda_lu = Signal()
