"""The journal of changes, for the coaches in the admin: who changed what, with the old and new value, across the
programme's historised records — roles, promotion settings, heures d'accélération, sessions, comités, supports and
rapports (each keeps its versions with django-simple-history).

The journal reads each model's history table with the same filters (author, model, object, dates), merges them
newest first and names the related rows of a page in one query per related model: the queries of a page do not
grow with its rows.
"""

import dataclasses
import datetime
from collections import defaultdict

from django.apps import apps
from django.db.models import OuterRef, Subquery

from accompagnement.models import HeureAcceleration, Session
from evaluations.models import AtteinteObjectif, Comite, Objectif, Rapport, Support
from programme.dates import PARIS
from programme.historique import ACTIONS, Changement, differences, valeurs
from programme.models import Personne, Phase, Promotion, Role
from ressources.models import Ressource

# The historised models, in the order of the model filter, with the fields the journal leaves aside.
SUIVIS = {
    "programme.role": (Role, ()),
    "programme.promotion": (Promotion, ()),
    "accompagnement.heureacceleration": (HeureAcceleration, ()),
    "accompagnement.session": (Session, ()),
    "evaluations.comite": (Comite, ()),
    "evaluations.support": (Support, ()),
    "evaluations.objectif": (Objectif, ()),
    "evaluations.rapport": (Rapport, ()),
    "evaluations.atteinteobjectif": (AtteinteObjectif, ()),
    "ressources.ressource": (Ressource, ("empreinte_import", "modifiee_le")),
}
# What a related row's name reads, fetched with it.
RELATIONS_A_SUIVRE = {
    Phase: ["promotion"],
    Role: ["personne", "promotion"],
    Comite: ["defi", "phase"],
    Support: ["comite__defi", "comite__phase"],
    Rapport: ["comite__defi", "comite__phase"],
    Objectif: [],
    AtteinteObjectif: ["objectif"],
}


@dataclasses.dataclass(frozen=True)
class Filtres:
    """What the coach asked for: an author, a model (its label in `SUIVIS`), one object of it, a span of days."""

    auteur: object = None
    modele: str = ""
    objet: int | None = None
    du: datetime.date | None = None
    au: datetime.date | None = None


@dataclasses.dataclass
class EntreeJournal:
    date: datetime.datetime
    auteur: object
    modele: str
    label: str
    objet_id: int
    objet: str
    action: str
    changements: list
    version_id: int
    lien_historique: str = ""


def modeles_suivis() -> list[tuple[str, str]]:
    """The model filter's choices: each historised model's label and French name."""
    return [(label, str(modele._meta.verbose_name).capitalize()) for label, (modele, _i) in SUIVIS.items()]


def _debut_du_jour(jour: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(jour, datetime.time.min, tzinfo=PARIS)


def _versions(modele, filtres: Filtres):
    historique = modele.history.model
    versions = historique.objects.all()
    if filtres.auteur is not None:
        versions = versions.filter(history_user=filtres.auteur)
    if filtres.objet is not None:
        versions = versions.filter(id=filtres.objet)
    if filtres.du:
        versions = versions.filter(history_date__gte=_debut_du_jour(filtres.du))
    if filtres.au:
        versions = versions.filter(history_date__lt=_debut_du_jour(filtres.au + datetime.timedelta(days=1)))
    return versions


class Journal:
    """The journal's entries, newest first, as a sequence a paginator slices: a slice reads only the versions it
    shows (and, per model, the versions just before them)."""

    def __init__(self, filtres: Filtres):
        self.filtres = filtres
        labels = [filtres.modele] if filtres.modele in SUIVIS else list(SUIVIS)
        self.suivis = {label: SUIVIS[label] for label in labels}
        self._nombre = None

    def count(self) -> int:
        if self._nombre is None:
            self._nombre = sum(_versions(modele, self.filtres).count() for modele, _i in self.suivis.values())
        return self._nombre

    def __len__(self):
        return self.count()

    def __getitem__(self, tranche):
        if not isinstance(tranche, slice):
            raise TypeError("Le journal se lit par tranches.")
        debut, fin = tranche.start or 0, tranche.stop if tranche.stop is not None else self.count()
        lus = []
        for label, (modele, _i) in self.suivis.items():
            precedente = modele.history.model.objects.filter(
                id=OuterRef("id"), history_id__lt=OuterRef("history_id")).order_by("-history_id").values("history_id")
            versions = (_versions(modele, self.filtres).select_related("history_user")
                        .annotate(precedente_id=Subquery(precedente[:1])).order_by("-history_date", "-history_id"))
            lus += [(label, version) for version in versions[:fin]]
        lus.sort(key=lambda paire: (paire[1].history_date, paire[1].history_id), reverse=True)
        return _entrees(lus[debut:fin])


def _entrees(lus) -> list[EntreeJournal]:
    """The entries of versions read (label, version): each against the version before it, relations named."""
    precedentes = {}
    par_modele = defaultdict(list)
    for label, version in lus:
        par_modele[label].append(version)
    for label, versions in par_modele.items():
        ids = [v.precedente_id for v in versions if v.precedente_id]
        historique = SUIVIS[label][0].history.model
        precedentes.update({(label, v.history_id): v for v in historique.objects.filter(history_id__in=ids)})
    liees = _lignes_liees([*lus, *((label, v) for (label, _id), v in precedentes.items())])
    noms = {cle: str(ligne) for cle, ligne in liees.items()}
    membres = _membres([*lus, *((label, v) for (label, _id), v in precedentes.items())])
    entrees = []
    for label, version in lus:
        modele, ignores = SUIVIS[label]
        ignores = {"id", *ignores}
        precedente = precedentes.get((label, version.precedente_id))
        ignores |= set(_champs_m2m(modele))
        if version.history_type == "~" and precedente is not None:
            changements = differences(version, precedente, modele, ignores, noms)
        else:
            changements = valeurs(version, modele, ignores, relations=True, noms=noms)
        changements += _changements_m2m(label, version, precedente, membres)
        entrees.append(EntreeJournal(
            date=version.history_date, auteur=version.history_user, modele=str(modele._meta.verbose_name),
            label=label, objet_id=version.id, objet=_nom(version, modele, liees), action=_action(version, precedente),
            changements=changements, version_id=version.history_id,
        ))
    return entrees


def _champs_m2m(modele) -> list[str]:
    """The many-to-many fields whose members each version keeps (`m2m_fields` of its history)."""
    return [champ.name for champ in getattr(modele.history.model, "_history_m2m_fields", [])]


def _membres(lus) -> dict:
    """The members of each many-to-many field in each version read, as names by (label, field, history_id):
    one query per field and one for the people's names, whatever the number of versions."""
    ids_par_label = defaultdict(set)
    for label, version in lus:
        ids_par_label[label].add(version.history_id)
    lignes = []
    for label, ids in ids_par_label.items():
        modele = SUIVIS[label][0]
        historique = modele.history.model
        for champ in _champs_m2m(modele):
            cible = modele._meta.get_field(champ).m2m_reverse_field_name()
            membres = apps.get_model(modele._meta.app_label, f"{historique.__name__}_{champ}").objects
            lignes += [(label, champ, *ligne) for ligne in
                       membres.filter(history_id__in=ids).values_list("history_id", f"{cible}_id")]
    personnes = Personne.objects.in_bulk({pk for *_debut, pk in lignes if pk is not None})
    resultat = defaultdict(set)
    for label, champ, history_id, pk in lignes:
        personne = personnes.get(pk)
        resultat[(label, champ, history_id)].add(personne.get_full_name() or personne.email if personne
                                                  else "une personne effacée")
    return resultat


def _changements_m2m(label, version, precedente, membres) -> list[Changement]:
    """Who joined and who left each many-to-many field (facilitators, invitees, a comité's coaches and
    participants) between the version before and this one; the members of a created or deleted row."""
    changements = []
    modele = SUIVIS[label][0]
    if version.history_type == "-":
        return changements
    for champ in _champs_m2m(modele):
        apres = membres.get((label, champ, version.history_id), set())
        avant = membres.get((label, champ, precedente.history_id), set()) if precedente is not None else set()
        partis, venus = sorted(avant - apres), sorted(apres - avant)
        segments = []
        if partis:
            segments += [("egal", "en moins : "), ("retire", ", ".join(partis))]
        if venus:
            segments += [("egal", " ; " if partis else ""), ("egal", "en plus : "), ("ajoute", ", ".join(venus))]
        if segments:
            libelle = str(modele._meta.get_field(champ).verbose_name).capitalize()
            changements.append(Changement(libelle, [s for s in segments if s[1]]))
    return changements


def _action(version, precedente) -> str:
    if version.history_type == "~" and precedente is None:
        return "Modification (version antérieure non enregistrée)"
    return ACTIONS[version.history_type]


def _relations(version, modele):
    """The (field, related model, id) of each relation a version fills."""
    for field in modele._meta.concrete_fields:
        valeur = getattr(version, field.attname, None)
        if field.is_relation and valeur is not None:
            yield field, field.related_model, valeur


def _lignes_liees(lus) -> dict:
    """Each row the versions point to, by (model, id), with what its name reads: one query per related model."""
    ids = defaultdict(set)
    for label, version in lus:
        for _field, modele, valeur in _relations(version, SUIVIS[label][0]):
            ids[modele].add(valeur)
    liees = {}
    for modele, valeurs_ids in ids.items():
        lignes = modele._default_manager.select_related(*RELATIONS_A_SUIVRE.get(modele, [])).in_bulk(valeurs_ids)
        liees.update({(modele, pk): ligne for pk, ligne in lignes.items()})
    return liees


def _nom(version, modele, liees) -> str:
    """The object's name as it was in this version, its related rows taken from those read (no query per row);
    an object whose related row is gone is named by its number."""
    # Not `version.instance`, which reads the fields the history leaves aside from the live row: a query per row.
    instance = modele(**{field.attname: getattr(version, field.attname) for field in modele._meta.concrete_fields
                         if hasattr(version, field.attname)})
    for field, modele_lie, valeur in _relations(version, modele):
        if (modele_lie, valeur) not in liees:
            return f"{str(modele._meta.verbose_name).capitalize()} n° {version.id}"
        field.set_cached_value(instance, liees[(modele_lie, valeur)])
    return str(instance)
