"""Reads of the groupes de partage: who takes part in a month (with défi and métier), the month's groups for
the coaches' preview with its warnings, and an EIG's own groups.

Each list comes with what its page shows prefetched, so that a page's number of queries does not grow with
the number of EIG or groups.
"""

import datetime
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Prefetch, QuerySet

from defis.models import MembreEquipe
from programme.dates import mois_precedent, mois_suivant, premier_du_mois
from programme.models import Expertise, Personne, Promotion, Role
from programme.selectors import promotions_en_cours

from ..groupes_algo import Participant
from ..models import GroupePartage, MembreGroupe

PAIRS, PLURI = GroupePartage.Type.PAIRS, GroupePartage.Type.PLURI


def nombre_de_mois(promotion: Promotion) -> int:
    """How many months the promotion spans, its first and last months included (10 for a usual promotion)."""
    if not promotion.date_debut or not promotion.date_fin:
        return 10
    debut, fin = promotion.date_debut, promotion.date_fin
    return (fin.year - debut.year) * 12 + fin.month - debut.month + 1


def _equipes_eig(promotion_id, chemin="equipes"):
    return Prefetch(
        chemin, to_attr="equipes_eig",
        queryset=MembreEquipe.objects.filter(defi__promotion_id=promotion_id, role=MembreEquipe.Role.EIG)
        .select_related("defi").only("personne_id", "defi__titre").order_by("defi__titre", "defi_id"),
    )


def _metiers(chemin="expertises"):
    return Prefetch(chemin, queryset=Expertise.objects.order_by("nom"), to_attr="metiers")


def _avec_defi_et_metier(personne: Personne) -> Personne:
    """Sets `defi` (their first défi as EIG in the promotion) and `metier` (their first métier by name)."""
    personne.defi = personne.equipes_eig[0].defi if personne.equipes_eig else None
    personne.metier = personne.metiers[0] if personne.metiers else None
    return personne


def eig_participants(promotion: Promotion) -> list[Personne]:
    """The promotion's active EIG by id, each with `defi` and `metier` set: those who take part in its groups."""
    personnes = (
        Personne.objects.filter(roles__promotion=promotion, roles__type=Role.Type.EIG, is_active=True).distinct()
        .prefetch_related(_equipes_eig(promotion.pk), _metiers()).order_by("pk")
    )
    return [_avec_defi_et_metier(personne) for personne in personnes]


def participants_algo(personnes: list[Personne]) -> list[Participant]:
    """The composition algorithm's view of the people: ids of person, défi and métier."""
    return [Participant(id=p.pk, defi=p.defi.pk if p.defi else None, metier=p.metier.pk if p.metier else None)
            for p in personnes]


def historique_pluri(promotion: Promotion, avant: datetime.date) -> list[list[list[int]]]:
    """The promotion's pluridisciplinary groups of the months before `avant`, oldest month first (one query)."""
    lignes = (MembreGroupe.objects.filter(promotion=promotion, type=PLURI, mois__lt=avant)
              .order_by("mois", "groupe__numero", "personne_id").values_list("mois", "groupe_id", "personne_id"))
    mois: dict[datetime.date, dict[int, list[int]]] = {}
    for jour, groupe, personne in lignes:
        mois.setdefault(jour, {}).setdefault(groupe, []).append(personne)
    return [list(groupes.values()) for groupes in mois.values()]


def presentations_passees(promotion: Promotion, avant: datetime.date) -> dict[int, int]:
    """How many times each EIG has presented in a pluridisciplinary group before `avant`."""
    compte: dict[int, int] = {}
    for personne in (GroupePartage.objects.filter(promotion=promotion, type=PLURI, mois__lt=avant,
                                                  presentateur__isnull=False)
                     .values_list("presentateur_id", flat=True)):
        compte[personne] = compte.get(personne, 0) + 1
    return compte


def groupe_precedent_entre_pairs(promotion: Promotion, mois: datetime.date) -> dict[tuple, GroupePartage]:
    """Last month's entre-pairs groups by (métier, rank within the métier): where this month's topics come from."""
    return _par_metier_et_rang(
        GroupePartage.objects.filter(promotion=promotion, mois=mois_precedent(mois), type=PAIRS).order_by("numero")
    )


def _par_metier_et_rang(groupes) -> dict[tuple, GroupePartage]:
    index: dict[tuple, GroupePartage] = {}
    rangs: dict[int | None, int] = {}
    for groupe in groupes:
        rang = rangs.get(groupe.expertise_id, 0)
        rangs[groupe.expertise_id] = rang + 1
        index[(groupe.expertise_id, rang)] = groupe
    return index


def groupe_correspondant_du_mois_suivant(groupe: GroupePartage) -> GroupePartage | None:
    """Next month's entre-pairs group of the same métier and rank as `groupe`, when it is composed."""
    du_mois = _par_metier_et_rang(GroupePartage.objects.filter(promotion_id=groupe.promotion_id, mois=groupe.mois,
                                                               type=PAIRS).order_by("numero"))
    rang = next(r for (_metier, r), g in du_mois.items() if g.pk == groupe.pk)
    suivants = _par_metier_et_rang(GroupePartage.objects.filter(
        promotion_id=groupe.promotion_id, mois=mois_suivant(groupe.mois), type=PAIRS).order_by("numero"))
    return suivants.get((groupe.expertise_id, rang))


def _lignes_detaillees(groupes: list[GroupePartage], promotion_id) -> list[MembreGroupe]:
    """The memberships of `groupes` by kind then name, in one query for the lines and their people, each person
    with `equipes_eig` and `metiers`; each group gets its own lines as `lignes`, in the same order."""
    par_id = {groupe.pk: groupe for groupe in groupes}
    # Only what the page shows: a promotion of 300 EIG has 600 lines.
    lignes = list(MembreGroupe.objects.filter(groupe_id__in=par_id).select_related("personne")
                  .only("groupe_id", "type", "personne__prenom", "personne__nom_usage")
                  .prefetch_related(_equipes_eig(promotion_id, "personne__equipes"),
                                    _metiers("personne__expertises"))
                  .order_by("type", "personne__nom_usage", "personne__prenom", "pk"))
    for groupe in groupes:
        groupe.lignes = []
    for ligne in lignes:
        ligne.groupe = par_id[ligne.groupe_id]
        ligne.groupe.lignes.append(ligne)
    return lignes


def _avec_membres_detailles(groupes: QuerySet[GroupePartage], promotion_id):
    """Groups with `membres_liste` (people with `defi` and `metier`), their session, métier and presenter, and
    every membership line of these groups (see `_lignes_detaillees`)."""
    groupes = list(groupes.select_related("session", "expertise", "presentateur", "promotion"))
    lignes = _lignes_detaillees(groupes, promotion_id)
    for groupe in groupes:
        groupe.membres_liste = [_avec_defi_et_metier(ligne.personne) for ligne in groupe.lignes]
    return groupes, lignes


@dataclass
class GroupeApercu:
    """A group as the coaches preview it, with what deserves a look."""

    groupe: GroupePartage
    alertes: list[str] = field(default_factory=list)


@dataclass
class Apercu:
    """One month of a promotion: its groups of each kind, whether they are composed and published, and every
    membership of the month by kind then name (the choices of a move, with person and group already read)."""

    promotion: Promotion
    mois: datetime.date
    entre_pairs: list[GroupeApercu]
    pluri: list[GroupeApercu]
    membres: list[MembreGroupe] = field(default_factory=list)

    @property
    def groupes(self):
        return self.entre_pairs + self.pluri

    @property
    def compose(self) -> bool:
        return bool(self.groupes)

    @property
    def a_publier(self) -> int:
        return sum(1 for g in self.groupes if g.groupe.publie_le is None)


def _paires(ids):
    return {tuple(sorted(paire)) for paire in combinations(ids, 2)}


def apercu_du_mois(promotion: Promotion, mois: datetime.date) -> Apercu:
    """The coaches' preview of a month: every group with members (défi, métier), presenter, topic, and
    warnings — two EIG of the same défi together, or pluridisciplinary pairs who already met."""
    mois = premier_du_mois(mois)
    groupes, membres = _avec_membres_detailles(GroupePartage.objects.filter(promotion=promotion, mois=mois)
                                               .order_by("type", "numero"), promotion.pk)
    deja_vus = set()
    for groupes_du_mois in historique_pluri(promotion, mois):
        for ids in groupes_du_mois:
            deja_vus |= _paires(ids)
    noms = {p.pk: p.nom_complet for g in groupes for p in g.membres_liste}
    entre_pairs, pluri = [], []
    for groupe in groupes:
        apercu = GroupeApercu(groupe)
        par_defi: dict[int, list[str]] = {}
        for personne in groupe.membres_liste:
            if personne.defi:
                par_defi.setdefault(personne.defi.pk, []).append(personne.nom_complet)
        for personnes in par_defi.values():
            if len(personnes) > 1:
                apercu.alertes.append(f"Même défi : {' et '.join(personnes)}.")
        if groupe.type == PLURI:
            revus = sorted(_paires(p.pk for p in groupe.membres_liste) & deja_vus)
            apercu.alertes += [f"Se sont déjà rencontrés : {noms[a]} et {noms[b]}." for a, b in revus]
            pluri.append(apercu)
        else:
            entre_pairs.append(apercu)
    return Apercu(promotion, mois, entre_pairs, pluri, membres)


def _avec_membres(groupes: QuerySet[GroupePartage]) -> list[GroupePartage]:
    groupes = list(groupes.select_related("session", "expertise", "presentateur", "promotion").prefetch_related(
        Prefetch("participations", to_attr="lignes", queryset=MembreGroupe.objects.select_related("personne")
                 .order_by("personne__nom_usage", "personne__prenom"))))
    for groupe in groupes:
        groupe.membres_liste = [ligne.personne for ligne in groupe.lignes]
    return groupes


def groupes_de(personne) -> list[GroupePartage]:
    """The published groups a person belongs to: this month's first, then the coming months', then the past ones
    from the latest; entre pairs before pluri; each with `membres_liste`, session, métier and presenter."""
    ids = MembreGroupe.objects.filter(personne=personne).values("groupe_id")
    groupes = _avec_membres(GroupePartage.objects.filter(pk__in=ids, publie_le__isnull=False)
                            .order_by("mois", "type", "numero"))
    ce_mois = premier_du_mois()
    # Stable sort: within a month, the database's order stays.
    return sorted(groupes, key=lambda groupe: (groupe.mois < ce_mois, abs((groupe.mois - ce_mois).days)))


def groupes_avec_membres(ids) -> list[GroupePartage]:
    """The groups of `ids`, in order, with `membres_liste` and their session: what an invitation tells."""
    return _avec_membres(GroupePartage.objects.filter(pk__in=ids).order_by("type", "numero"))


def groupes_du_mois(promotion: Promotion, mois: datetime.date) -> QuerySet[GroupePartage]:
    """The month's groups of a promotion, in order."""
    return GroupePartage.objects.filter(promotion=promotion, mois=premier_du_mois(mois)).order_by("type", "numero")


def membres_du_mois(promotion: Promotion, mois: datetime.date) -> QuerySet[MembreGroupe]:
    """Every membership of the month, with person and group: the choices of a move."""
    return (MembreGroupe.objects.filter(promotion=promotion, mois=premier_du_mois(mois))
            .select_related("personne", "groupe").order_by("type", "personne__nom_usage", "personne__prenom"))


def promotions_concernees(jour: datetime.date) -> QuerySet[Promotion]:
    """The promotions that run during the month after `jour`: those whose next month's groups are due."""
    suivant = mois_suivant(premier_du_mois(jour))
    fin_du_suivant = mois_suivant(suivant) - datetime.timedelta(days=1)
    return promotions_en_cours(suivant, fin_du_suivant)
