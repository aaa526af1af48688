"""Helpers of the groupes de partage tests: a promotion with its EIG spread over défis and métiers, and Paris
instants to set the clock of the services."""

import datetime

import pytest
from django.utils import timezone

from defis.factories import DefiFactory, MembreEquipeFactory
from programme.factories import ExpertiseFactory, PromotionFactory

METIERS = ["Développement", "Design", "Data science", "Direction de produit"]


def promotion_avec_eig(nombre=12, par_defi=2, metiers=METIERS, promotion=None, **champs):
    """A running promotion (unless given) with `nombre` EIG, `par_defi` per défi, métiers taken in turn; returns
    (promotion, EIG in order of creation)."""
    promotion = promotion or PromotionFactory(**champs)
    expertises = [ExpertiseFactory(nom=nom) for nom in metiers]
    defis = [DefiFactory(promotion=promotion) for _ in range(-(-nombre // par_defi))]
    eig = []
    for rang in range(nombre):
        personne = MembreEquipeFactory(defi=defis[rang // par_defi]).personne
        if expertises:
            personne.expertises.add(expertises[rang % len(expertises)])
        eig.append(personne)
    return promotion, eig


@pytest.fixture
def composition_rapide(settings):
    """For tests about what happens around the groups (sessions, moves, e-mails, schedule), not their quality:
    the real algorithm with a short search (its quality is tested in test_groupes_algo.py, full budget)."""
    settings.GROUPES_ITERATIONS = 200


def a_paris(jour: datetime.date, heure: int = 8, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(heure, minute)))


def mois_prochain(jour: datetime.date | None = None) -> datetime.date:
    jour = (jour or timezone.localdate()).replace(day=1)
    return (jour + datetime.timedelta(days=32)).replace(day=1)


def groupes_construits(promotion, eig, mois: datetime.date, taille=5, publies=False):
    """The month's groups built directly, without the composition algorithm: pluridisciplinary groups of
    `taille` in order, one entre-pairs group per métier, each with a session inviting its members."""
    from accompagnement.factories import SessionFactory
    from accompagnement.models import GroupePartage, MembreGroupe, Session

    publie_le = timezone.now() if publies else None
    statut = Session.Statut.PUBLIEE if publies else Session.Statut.BROUILLON
    debut = a_paris(mois + datetime.timedelta(days=9), 14, 30)
    par_metier: dict = {}
    for personne in eig:
        par_metier.setdefault(personne.expertises.first(), []).append(personne)
    composition = [(GroupePartage.Type.PLURI, None, eig[debut_groupe:debut_groupe + taille])
                   for debut_groupe in range(0, len(eig), taille)]
    composition += [(GroupePartage.Type.PAIRS, metier, membres) for metier, membres in par_metier.items()]
    groupes = []
    for numero, (type_groupe, metier, membres) in enumerate(composition, start=1):
        slug = "partage-pluridisciplinaire" if type_groupe == GroupePartage.Type.PLURI else "partage-entre-pairs"
        session = SessionFactory(promotion=promotion, dispositif=slug, statut=statut,
                                 audience=Session.Audience.LISTE, invites=membres, debut=debut)
        groupe = GroupePartage.objects.create(
            promotion=promotion, mois=mois, type=type_groupe, numero=numero, expertise=metier, session=session,
            presentateur=membres[0] if type_groupe == GroupePartage.Type.PLURI else None, publie_le=publie_le)
        MembreGroupe.objects.bulk_create([MembreGroupe(groupe=groupe, personne=p, promotion=promotion, mois=mois,
                                                       type=type_groupe) for p in membres])
        groupes.append(groupe)
    return groupes
