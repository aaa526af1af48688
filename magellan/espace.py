"""« Mon espace », the page people land on after logging in: for each promotion they belong to, its phase and
their défis, and for each of their roles what to do next, read from each app's selectors.

Each role's block costs a fixed number of queries, whatever the size of the data (one block per kind of role:
a role in a promotion already over has none), so the page's number of queries does not grow with the data.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from accompagnement.selectors import carnet as carnet_selectors
from accompagnement.selectors import heures as heures_selectors
from accompagnement.selectors import mentorat as mentorat_selectors
from accompagnement.selectors import meteo as meteo_selectors
from accompagnement.selectors import sessions as sessions_selectors
from accompagnement.services import meteo as meteo_calendrier
from defis.models import MembreEquipe
from defis.rules import roles_dans_les_defis_connus
from defis.selectors import equipes_de
from evaluations import selectors as evaluations_selectors
from programme.dates import premier_du_mois
from programme.models import Phase, Promotion, Role
from programme.rules import types_de_role_connus
from programme.selectors import promotion_par_defaut, roles_de

from .selectors_arrivee import parcours_de

SESSIONS_MONTREES = 3
SEMINAIRE_PORTEURS = "seminaire-porteurs"
PUBLIE = evaluations_selectors.StatutRapport.PUBLIE

TITRES = {
    Role.Type.COACH: "Coach",
    Role.Type.EIG: "EIG",
    Role.Type.PORTEUR: "Porteur ou porteuse du défi",
    Role.Type.SPONSOR: "Sponsor",
    Role.Type.PARRAIN: "Parrain ou marraine",
    Role.Type.INTERVENANT: "Intervenant ou intervenante",
    Role.Type.ALUMNI: "Alumni",
}


@dataclass
class BlocRole:
    """What one role of the person has to do next; `gabarit` shows `donnees`."""

    type: str
    promotion: Promotion | None
    donnees: dict

    @property
    def titre(self) -> str:
        return TITRES[self.type]

    @property
    def gabarit(self) -> str:
        return f"magellan/espace/{self.type}.html"


@dataclass
class Section:
    """One promotion of the person (None: the whole programme) with their roles, défis and role blocks."""

    promotion: Promotion | None
    roles: list[Role] = field(default_factory=list)
    equipes: list[MembreEquipe] = field(default_factory=list)
    blocs: list[BlocRole] = field(default_factory=list)
    phases: list = field(default_factory=list)
    phase_en_cours: object = None
    terminee: bool = False
    # The arrival path of each newcomer role of the person in this promotion, until it is done.
    parcours: list = field(default_factory=list)


def _terminee(promotion: Promotion | None, jour: datetime.date) -> bool:
    return bool(promotion and promotion.date_fin and promotion.date_fin < jour)


def _en_cours(promotion: Promotion | None, jour: datetime.date) -> bool:
    return bool(promotion and promotion.date_debut and promotion.date_debut <= jour
                and (promotion.date_fin is None or jour <= promotion.date_fin))


def _defis(equipes, promotion, role) -> list:
    return [e.defi for e in equipes if e.role == role and e.defi.promotion_id == getattr(promotion, "pk", None)]


def _comites_des(defis, maintenant) -> list[dict]:
    """Each défi with its comités and the next one not over."""
    comites = evaluations_selectors.comites_des_defis(defis, maintenant) if defis else {}
    return [{"defi": defi, "comites": comites.get(defi.pk, []),
             "prochain": evaluations_selectors.prochain_comite(comites.get(defi.pk, []), maintenant)}
            for defi in defis]


def _meteo(personne, promotion, maintenant) -> dict:
    """The round to answer (open until when), or the one answered, and the day the next one opens."""
    jour = timezone.localdate(maintenant)
    reponse = meteo_selectors.derniere_reponse_de(personne, promotion)
    ouverte = reponse is not None and not meteo_calendrier.vague_est_close(reponse.vague, maintenant)
    # A round opens at noon: until its record exists, today may still be the next round's day.
    depuis = jour if reponse and reponse.vague.date >= jour else jour - datetime.timedelta(days=1)
    return {
        "a_repondre": reponse if ouverte and not reponse.repondue_le else None,
        "repondue": reponse if ouverte and reponse.repondue_le else None,
        "prochaine": meteo_calendrier.prochaine_date_de_vague(promotion, depuis),
    }


def _eig(personne, promotion, equipes, maintenant) -> dict:
    jour = timezone.localdate(maintenant)
    mois = premier_du_mois(jour)
    en_cours = _en_cours(promotion, jour)
    return {
        "meteo": _meteo(personne, promotion, maintenant)
        if personne.has_perm("accompagnement.repondre_meteo") else None,
        "carnet": {"mois": mois, "ecrit_le": carnet_selectors.carnet_du_mois_ecrit_le(personne, mois)}
        if en_cours and personne.has_perm("accompagnement.tenir_carnet") else None,
        "defis": _comites_des(_defis(equipes, promotion, MembreEquipe.Role.EIG), maintenant),
        "sessions": sessions_selectors.sessions_inscrites_a_venir(personne, SESSIONS_MONTREES),
        "cycle": mentorat_selectors.cycle_en_cours_de(personne),
        "peut_reserver": personne.has_perm("accompagnement.reserver_cycle"),
        "phase": promotion.phase_en_cours(jour),
    }


def _porteur(personne, promotion, equipes, maintenant) -> dict:
    defis = _comites_des(_defis(equipes, promotion, MembreEquipe.Role.PORTEUR), maintenant)
    return {
        "defis": defis,
        "rapports": [c for d in defis for c in d["comites"] if c.statut_rapport == PUBLIE],
        "seminaire": next(iter(sessions_selectors.sessions_invitant_a_venir(
            personne, 1, dispositif_slug=SEMINAIRE_PORTEURS)), None),
        "cycle": mentorat_selectors.cycle_en_cours_de(personne),
        "peut_reserver": personne.has_perm("accompagnement.reserver_cycle"),
    }


def _sponsor(personne, promotion, equipes, maintenant) -> dict:
    defis = _comites_des(_defis(equipes, promotion, MembreEquipe.Role.SPONSOR), maintenant)
    for ligne in defis:
        ligne["rapports"] = [c for c in ligne["comites"] if c.statut_rapport == PUBLIE]
    return {"defis": defis}


def _parrain(personne, promotion, equipes, maintenant) -> dict:
    mois = premier_du_mois(timezone.localdate(maintenant))
    saisit = personne.has_perm("accompagnement.saisir_heures")
    return {
        "mois": mois,
        "compteurs": heures_selectors.compteurs_du_parrain(personne, mois) if saisit else [],
        "saisies": heures_selectors.saisies_du_mois(personne, mois) if saisit else [],
        "saisit": saisit,
        "creneaux": mentorat_selectors.creneaux_a_venir_en_bref(personne)
        if personne.has_perm("accompagnement.publier_creneaux") else None,
        # The mentorats collectifs (or any session) they lead.
        "sessions": sessions_selectors.sessions_animees_a_venir(personne, SESSIONS_MONTREES),
    }


def _intervenant(personne, promotion, equipes, maintenant) -> dict:
    return {"sessions": sessions_selectors.sessions_animees_a_venir(personne, SESSIONS_MONTREES)}


def _alumni(personne, promotion, equipes, maintenant) -> dict:
    return {"sessions": sessions_selectors.sessions_invitant_a_venir(personne, SESSIONS_MONTREES)}


def _coach(personne, promotion, equipes, maintenant) -> dict:
    suivie = promotion or promotion_par_defaut(personne)
    return {"promotion": suivie, "phase": suivie.phase_en_cours(timezone.localdate(maintenant)) if suivie else None}


# Roles whose block needs no promotion, and those that keep one once their promotion is over.
SANS_PROMOTION = {Role.Type.COACH, Role.Type.ALUMNI, Role.Type.PARRAIN, Role.Type.INTERVENANT}
APRES_LA_PROMOTION = {Role.Type.COACH, Role.Type.ALUMNI}

CONSTRUCTEURS = {
    Role.Type.EIG: _eig, Role.Type.PORTEUR: _porteur, Role.Type.SPONSOR: _sponsor, Role.Type.PARRAIN: _parrain,
    Role.Type.INTERVENANT: _intervenant, Role.Type.ALUMNI: _alumni, Role.Type.COACH: _coach,
}


def espace_de(personne, maintenant: datetime.datetime | None = None) -> list[Section]:
    """The person's sections: the current promotion first, then the whole programme, then the others, newest
    first; each role of a promotion not over has its block (one per kind of role, in the first section)."""
    maintenant = maintenant or timezone.now()
    jour = timezone.localdate(maintenant)
    courante = promotion_par_defaut(personne, jour)
    equipes = equipes_de(personne)
    roles = list(roles_de(personne))
    # The rules the blocks ask below read the same roles and memberships: they get them from here.
    roles_dans_les_defis_connus(personne, equipes)
    types_de_role_connus(personne, roles)
    sections: dict[int, Section] = {}

    def section_de(promotion):
        return sections.setdefault(promotion.pk if promotion else 0, Section(promotion))

    for role in roles:
        section_de(role.promotion).roles.append(role)
    for equipe in equipes:
        section_de(equipe.defi.promotion).equipes.append(equipe)

    def rang(section):
        promotion = section.promotion
        if promotion is None:
            return (1, 0)
        return (0 if courante and promotion.pk == courante.pk else 2, -(promotion.numero or 0))

    ordonnees = sorted(sections.values(), key=rang)
    # One query for the phases of every promotion, whether it comes from a role or a défi.
    prefetch_related_objects([s.promotion for s in ordonnees if s.promotion],
                             Prefetch("phases", queryset=Phase.objects.order_by("numero")))
    faits = set()
    for section in ordonnees:
        promotion = section.promotion
        section.phases = list(promotion.phases.all()) if promotion else []
        section.phase_en_cours = promotion.phase_en_cours(jour) if promotion else None
        section.terminee = _terminee(promotion, jour)
        if promotion and not section.terminee:
            section.parcours = [p for p in parcours_de(personne, promotion, [r.type for r in section.roles])
                                if not p.fini]
        for role in section.roles:
            if (role.type in faits or (section.terminee and role.type not in APRES_LA_PROMOTION)
                    or (promotion is None and role.type not in SANS_PROMOTION)):
                continue
            faits.add(role.type)
            donnees = CONSTRUCTEURS[role.type](personne, promotion, equipes, maintenant)
            section.blocs.append(BlocRole(role.type, promotion, donnees))
    return ordonnees
