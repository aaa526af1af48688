"""Permissions of the accompagnement: sessions.

Coaches manage every session. Anyone else sees a published (or cancelled) session when they are invited,
registered or lead it; never a draft. Only the invited or registered people answer a published session, and
never its facilitators, who are part of it without a seat.
"""

import rules

from programme.rules import est_coach

from ..models import Session
from ..selectors.sessions import invites_de


@rules.predicate
def session_sortie_du_brouillon(personne, session):
    return session.statut != Session.Statut.BROUILLON


@rules.predicate
def session_publiee(personne, session):
    return session.statut == Session.Statut.PUBLIEE


@rules.predicate
def invite_a_la_session(personne, session):
    return personne.is_authenticated and invites_de(session).filter(pk=personne.pk).exists()


@rules.predicate
def a_repondu_a_la_session(personne, session):
    return personne.is_authenticated and session.inscriptions.filter(personne=personne).exists()


@rules.predicate
def anime_la_session(personne, session):
    return personne.is_authenticated and session.facilitateurs.filter(pk=personne.pk).exists()


rules.add_perm("accompagnement.gerer_sessions", est_coach)
rules.add_perm(
    "accompagnement.voir_session",
    est_coach | (session_sortie_du_brouillon & (anime_la_session | invite_a_la_session | a_repondu_a_la_session)),
)
rules.add_perm("accompagnement.repondre_session",
               session_publiee & ~anime_la_session & (invite_a_la_session | a_repondu_a_la_session))
rules.add_perm("accompagnement.voir_inscrits_session", est_coach | anime_la_session)
