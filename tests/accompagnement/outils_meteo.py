"""Helpers of the météo tests: the Paris clock, rounds and responses built directly, answered responses."""

import datetime
import zoneinfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accompagnement.models import ReponseMeteo, VagueMeteo
from accompagnement.services.meteo import vague_horaires
from programme.factories import EIGFactory, PromotionFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def a_paris(jour: datetime.date, heure=12, minute=0) -> datetime.datetime:
    """An aware datetime at `heure:minute` in Paris on `jour`."""
    return datetime.datetime.combine(jour, datetime.time(heure, minute), tzinfo=PARIS)


def promotion_2026(**champs):
    """A promotion of 2026 (from Monday 5 January to 31 December), its météo on Fridays from its first week."""
    champs = {"date_debut": datetime.date(2026, 1, 5), "date_fin": datetime.date(2026, 12, 31), **champs}
    return PromotionFactory(**champs)


class VagueMeteoFactory(DjangoModelFactory):
    """A round of a running promotion opened `jours_depuis_ouverture` days ago (2 by default), still open."""

    class Meta:
        model = VagueMeteo

    class Params:
        jours_depuis_ouverture = 2

    promotion = factory.SubFactory(PromotionFactory)
    date = factory.LazyAttribute(
        lambda o: timezone.localdate() - datetime.timedelta(days=o.jours_depuis_ouverture))
    ouverte_le = factory.LazyAttribute(lambda o: vague_horaires(o.promotion, o.date)[0])
    fermee_le = factory.LazyAttribute(lambda o: vague_horaires(o.promotion, o.date)[1])


def vague_close(promotion, semaines_avant=2, **champs):
    """A round of `promotion` opened `semaines_avant` weeks ago, closed since."""
    vague = VagueMeteoFactory(promotion=promotion, jours_depuis_ouverture=7 * semaines_avant, **champs)
    vague.cloturee_le = vague.fermee_le
    vague.save(update_fields=["cloturee_le"])
    return vague


def reponse(vague, eig=None, meteo=None, vie_equipe=None, epanouissement=None, **champs) -> ReponseMeteo:
    """An EIG's response to `vague`; answered (at the round's opening) when `meteo` is given."""
    eig = eig or EIGFactory(promotion=vague.promotion)
    if meteo is not None:
        champs = {"repondue_le": vague.ouverte_le, "vie_equipe": vie_equipe or meteo,
                  "epanouissement": epanouissement or meteo, **champs}
    return ReponseMeteo.objects.create(vague=vague, eig=eig, meteo=meteo, **champs)
