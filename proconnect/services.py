"""Who an agent back from ProConnect is in Magellan: the person already linked to their `sub`, or the invited
person whose address ProConnect vouches for, linked now. Nobody else gets in, and no account is created."""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from .models import LienProConnect

journal = logging.getLogger(__name__)


class AgentNonInvite(Exception):
    """No person of Magellan has this address: the agent was not invited."""


class ConflitProConnect(Exception):
    """The address belongs to a person already linked to another ProConnect identity."""


@transaction.atomic
def agent_identifier(sub: str, email: str):
    """The person an agent signs in as, for ProConnect's `sub` and verified `email`.

    A linked `sub` decides alone. Otherwise the active person with this address (case-insensitive) is linked to
    `sub`, unless another `sub` holds them already: that conflict is refused and logged.
    """
    lien = LienProConnect.objects.select_related("personne").filter(sub=sub).first()
    if lien is not None:
        return lien.personne
    personne = get_user_model().objects.filter(email__iexact=email).first() if email else None
    if personne is None:
        journal.info("ProConnect : agent non invité (sub %s), aucun compte créé.", sub)
        raise AgentNonInvite(email)
    deja = LienProConnect.objects.filter(personne=personne).first()
    if deja is not None:
        journal.warning(
            "ProConnect : connexion refusée, l'adresse de la personne %s est déjà liée à l'identité %s, "
            "pas à %s.", personne.pk, deja.sub, sub,
        )
        raise ConflitProConnect(email)
    try:
        with transaction.atomic():
            LienProConnect.objects.create(personne=personne, sub=sub)
    except IntegrityError as erreur:
        # Two first logins at once: the other one linked first.
        journal.warning("ProConnect : liaison concurrente refusée pour la personne %s (sub %s).", personne.pk, sub)
        raise ConflitProConnect(email) from erreur
    journal.info("ProConnect : la personne %s est liée à l'identité %s.", personne.pk, sub)
    return personne
