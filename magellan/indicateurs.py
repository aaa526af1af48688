"""The programme's indicators, computed from the data: the public home's figures, and the promotions compared
year by year with the two budget indicators (EIG recruited; EIG still in public service after their promotion).

Public, so aggregates only: a count of people under the anonymity threshold (the météo's) is hidden, and so is the
count of EIG in public service when those outside it are fewer than that; when a single cell of a column is
hidden, the next smallest is hidden too, so that the total does not give it back."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import render

from accompagnement.selectors.meteo import SEUIL_ANONYMAT
from defis.models import Defi
from programme.models import Promotion, Role, SuiviCarriere


def chiffres_publics() -> dict[str, int]:
    """The home's figures: talents (people who were EIG), visible défis, and the administrations hosting them."""
    defis = Defi.objects.filter(visible=True).aggregate(
        defis=Count("pk"), administrations=Count("administration", distinct=True))
    talents = Role.objects.filter(type=Role.Type.EIG).values("personne").distinct().count()
    return {"talents": talents, **defis}


@dataclass
class Ligne:
    """One promotion (or the total): None for a hidden count."""

    nom: str
    annee: int | None
    eig: int | None
    defis: int
    administrations: int
    suivis: int | None
    dans_la_fonction_publique: int | None

    @property
    def part(self) -> int | None:
        if self.suivis and self.dans_la_fonction_publique is not None:
            return round(100 * self.dans_la_fonction_publique / self.suivis)
        return None


def _cachee(valeur: int, complement: int | None = None) -> bool:
    return valeur < SEUIL_ANONYMAT or (complement is not None and complement < SEUIL_ANONYMAT)


def _masquer(valeurs: list[int], complements: list[int] | None = None) -> list[int | None]:
    """A column of counts of people with the small ones hidden, and a second one when a single one is."""
    complements = complements or [None] * len(valeurs)
    masques = [None if _cachee(v, c) else v for v, c in zip(valeurs, complements)]
    visibles = [i for i, v in enumerate(masques) if v is not None]
    if len(masques) - len(visibles) == 1 and visibles:
        masques[min(visibles, key=lambda i: masques[i])] = None
    return masques


def comparaison_des_promotions() -> tuple[list[Ligne], Ligne]:
    """Each promotion, oldest first, and the total: EIG recruited, visible défis and their administrations, EIG
    whose situation after the promotion is known and how many of them were in public service (each EIG's latest
    record). Four queries, whatever the number of promotions and people."""
    promotions = list(Promotion.objects.order_by("date_debut", "numero", "nom"))
    derniere_situation = Subquery(SuiviCarriere.objects.filter(role=OuterRef("pk")).order_by("-constate_le")
                                  .values("dans_la_fonction_publique")[:1])
    eig = {ligne["promotion"]: ligne for ligne in (
        Role.objects.filter(type=Role.Type.EIG, promotion__isnull=False).annotate(situation=derniere_situation)
        .values("promotion").order_by()
        .annotate(eig=Count("pk"), suivis=Count("pk", filter=Q(situation__isnull=False)),
                  dedans=Count("pk", filter=Q(situation=True)))
    )}
    visibles = Defi.objects.filter(visible=True, promotion__isnull=False)
    defis = {ligne["promotion"]: ligne for ligne in (
        visibles.values("promotion").order_by()
        .annotate(defis=Count("pk"), administrations=Count("administration", distinct=True))
    )}
    administrations = visibles.aggregate(n=Count("administration", distinct=True))["n"]

    vide = {"eig": 0, "suivis": 0, "dedans": 0, "defis": 0, "administrations": 0}
    bruts = [{**vide, **eig.get(p.pk, {}), **defis.get(p.pk, {})} for p in promotions]
    colonne_eig = _masquer([b["eig"] for b in bruts])
    colonne_suivis = _masquer([b["suivis"] for b in bruts])
    colonne_dedans = _masquer([b["dedans"] for b in bruts], [b["suivis"] - b["dedans"] for b in bruts])
    lignes = [
        Ligne(str(p), p.date_debut.year if p.date_debut else None, colonne_eig[i], bruts[i]["defis"],
              bruts[i]["administrations"], colonne_suivis[i], colonne_dedans[i])
        for i, p in enumerate(promotions)
    ]
    somme = {cle: sum(b[cle] for b in bruts) for cle in vide}
    total = Ligne(
        "Toutes les promotions", None, None if _cachee(somme["eig"]) else somme["eig"], somme["defis"],
        administrations, None if _cachee(somme["suivis"]) else somme["suivis"],
        None if _cachee(somme["dedans"], somme["suivis"] - somme["dedans"]) else somme["dedans"],
    )
    return lignes, total


def indicateurs(request):
    """Public: the promotions compared year by year, aggregates only."""
    lignes, total = comparaison_des_promotions()
    return render(request, "magellan/indicateurs.html", {
        "lignes": lignes, "total": total, "seuil": SEUIL_ANONYMAT, "chiffres": chiffres_publics(),
        "fil_ariane": {"courant": "Indicateurs du programme"},
    })
