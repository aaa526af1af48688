"""Shared world of the evaluations tests: a running promotion, a défi with its team, a coach, a comité."""

import datetime

import pytest
from django.utils import timezone

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from evaluations.factories import ComiteFactory
from programme.factories import CoachFactory, PromotionFactory


@pytest.fixture
def equipe(db):
    """A promotion (phase 2 today), a défi with an EIG, a porteuse and a sponsor, and a coach."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    membres = {
        role: MembreEquipeFactory(defi=defi, role=getattr(MembreEquipe.Role, role.upper())).personne
        for role in ("eig", "porteur", "sponsor")
    }
    return {"promotion": promotion, "defi": defi, "coach": CoachFactory(promotion=promotion), **membres}


@pytest.fixture
def comite(equipe):
    """The défi's comité of phase 2, in ten days, with the coach on it (deadline: three days ago)."""
    debut = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    return ComiteFactory(defi=equipe["defi"], numero=2, debut=debut, coachs=[equipe["coach"]])
