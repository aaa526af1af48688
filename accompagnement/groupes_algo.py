"""Composing the groupes de partage: pure Python, no Django, deterministic for a given input and seed.

- Entre pairs: one group per métier, large métiers split in balanced groups of at most 8.
- Pluridisciplinaire: groups of 4 to 6, never two EIG of the same défi together, métiers mixed, as few pairs
  meeting again over the months as possible, presenters rotating (everyone before anyone twice).

The pluridisciplinary months are planned all at once (a social-golfer problem): a greedy schedule that keeps the
players' "freedom" high (Triska & Musliu), then a tabu search swapping two people of the same month
(Dotú & Van Hentenryck) on a weighted cost — same-défi pairs, then pairs meeting again, then same-métier pairs.
Every bound is an iteration count, never a clock, so the same input always gives the same plan. With fewer
than 8 participants there is a single group (groups of 4 to 6 cannot be formed).

The tight case where the local search stalls — 16 or 32 people in groups of 4 — is planned by the structured
search of `groupes_construction` instead (zero repeated pair over 5 or 10 months), the défi duos placed on the
pairs that never meet; the tabu search only runs after it if a larger défi still puts two teammates together.
"""

import random
from dataclasses import dataclass

from programme.models import GROUPES_TAILLE_MAX as TAILLE_MAX
from programme.models import GROUPES_TAILLE_MIN as TAILLE_MIN

from .groupes_construction import plan_par_translations

# A same-défi pair must never happen; a repeated pair costs more than any métier mix of a whole group.
POIDS_DEFI = 1_000_000
POIDS_REPETITION = 100
POIDS_METIER = 1
# Tabu search: swaps evaluated in all by default (iterations × months × people in conflict × people), people in
# conflict examined per month and iteration, iterations without improvement before a perturbation (and, four
# times as many, before giving up), tabu tenure.
EVALUATIONS = 15_000_000
CANDIDATS_PAR_ITERATION = 16
PALIER_SANS_PROGRES = 2_000
TABOU_MIN, TABOU_MAX = 2, 6


@dataclass(frozen=True)
class Participant:
    id: int
    defi: int | None = None
    metier: int | None = None


@dataclass
class Composition:
    groupes: list[list[int]]
    presentateurs: list[int]  # presentateurs[i] is a member of groupes[i]


def groupes_entre_pairs(participants: list[Participant], taille_max: int = 8) -> list[tuple[int | None, list[int]]]:
    """(métier, members) per group; a métier larger than `taille_max` is split in balanced groups."""
    par_metier: dict[int | None, list[int]] = {}
    for participant in sorted(participants, key=lambda p: p.id):
        par_metier.setdefault(participant.metier, []).append(participant.id)
    resultat = []
    for metier in sorted(par_metier, key=lambda m: (m is None, m or 0)):
        membres = par_metier[metier]
        nombre = -(-len(membres) // taille_max)
        for index in range(nombre):
            resultat.append((metier, membres[index::nombre]))
    return resultat


def tailles_des_groupes(nombre: int, taille: int = 5) -> list[int]:
    """The sizes of the month's groups: balanced, between 4 and 6, as near `taille` as possible; one group
    when there are fewer than 8 people (two groups of 4 need 8)."""
    if nombre < 2 * TAILLE_MIN:
        return [nombre] if nombre else []
    minimum, maximum = -(-nombre // TAILLE_MAX), nombre // TAILLE_MIN
    groupes = min(max(int(nombre / max(taille, 1) + 0.5), minimum), maximum)
    return [nombre // groupes + (1 if index < nombre % groupes else 0) for index in range(groupes)]


def paires_repetees(mois: list[list[list[int]]]) -> int:
    """How many meetings, over the months given, are a pair meeting again (a pair together 3 times counts 2)."""
    compte: dict[tuple[int, int], int] = {}
    for groupes in mois:
        for groupe in groupes:
            membres = sorted(groupe)
            for i, premier in enumerate(membres):
                for second in membres[i + 1:]:
                    compte[premier, second] = compte.get((premier, second), 0) + 1
    return sum(fois - 1 for fois in compte.values())


def planifier(participants: list[Participant], nb_mois: int, taille: int = 5, graine: int = 0,
              historique: list[list[list[int]]] | None = None, iterations: int | None = None,
              construction: bool = True) -> list[list[list[int]]]:
    """The groups of the months still to come (`nb_mois` minus the months of `historique`, at least one), each
    month a list of groups of ids; the months held count in the pairs already met. `iterations` bounds the
    tabu search (by default, from the size of the problem)."""
    ids = sorted({p.id for p in participants})
    if not ids:
        return [[] for _ in range(max(1, nb_mois - len(historique or [])))]
    par_id = {p.id: p for p in participants}
    index = {identifiant: rang for rang, identifiant in enumerate(ids)}
    nombre = len(ids)
    a_venir = max(1, nb_mois - len(historique or []))
    tailles = tailles_des_groupes(nombre, taille)
    deja = [[0] * nombre for _ in range(nombre)]
    for groupes in historique or []:
        for groupe in groupes:
            connus = sorted({index[i] for i in groupe if i in index})
            for rang, premier in enumerate(connus):
                for second in connus[rang + 1:]:
                    deja[premier][second] += 1
                    deja[second][premier] += 1
    statique = [[0] * nombre for _ in range(nombre)]
    for premier in range(nombre):
        p = par_id[ids[premier]]
        for second in range(nombre):
            q = par_id[ids[second]]
            if premier != second:
                statique[premier][second] = (
                    (POIDS_DEFI if p.defi is not None and p.defi == q.defi else 0)
                    + (POIDS_METIER if p.metier is not None and p.metier == q.metier else 0))
    if len(tailles) == 1:
        return [[list(ids)] for _ in range(a_venir)]
    hasard = random.Random(f"{graine}:{nombre}:{a_venir}:{tailles}")
    plan = _plan_construit(nombre, tailles, a_venir, ids, par_id, graine) if construction and not historique else None
    if plan is None or _conflits_de_defi(plan, statique):
        if plan is None:
            plan = _plan_glouton(nombre, tailles, a_venir, deja, statique, hasard)
        if iterations is None:
            travail = a_venir * nombre * min(nombre, CANDIDATS_PAR_ITERATION)
            iterations = min(max(EVALUATIONS // travail, 500), 50_000)
        plan = _Recherche(plan, tailles, deja, statique, hasard).optimiser(iterations)
    return [[sorted(ids[p] for p in groupe) for groupe in groupes] for groupes in plan]


def _plan_construit(nombre, tailles, a_venir, ids, par_id, graine):
    """The tight case (16 or 32 people in groups of 4, nothing held yet): the schedule without any repeated pair
    of `groupes_construction`, with the défi duos placed on the pairs that never meet. None otherwise."""
    if tailles != [4] * (nombre // 4):
        return None
    construction = plan_par_translations(nombre, a_venir, graine)
    if construction is None:
        return None
    mois, jamais = construction
    par_defi = {}
    for rang, identifiant in enumerate(ids):
        defi = par_id[identifiant].defi
        if defi is not None:
            par_defi.setdefault(defi, []).append(rang)
    place = {}
    duos = [membres for _defi, membres in sorted(par_defi.items()) if len(membres) == 2]
    for (premier, second), (point_a, point_b) in zip(duos, jamais):
        place[point_a], place[point_b] = premier, second
    restants = [rang for rang in range(nombre) if rang not in set(place.values())]
    points_libres = [point for point in range(nombre) if point not in place]
    place.update(zip(points_libres, restants))
    return [[[place[point] for point in groupe] for groupe in groupes] for groupes in mois]


def _conflits_de_defi(plan, statique):
    return any(statique[p][q] >= POIDS_DEFI for groupes in plan for groupe in groupes
               for p in groupe for q in groupe if p < q)


def _plan_glouton(nombre, tailles, a_venir, deja, statique, hasard):
    """Fill each month's groups by pairs (by single people for large promotions) that keep the most people
    still free to join the group — people who met none of its members and share no défi with them."""
    rencontres = [0] * nombre
    for premier in range(nombre):
        for second in range(nombre):
            if deja[premier][second] or statique[premier][second] >= POIDS_DEFI:
                rencontres[premier] |= 1 << second
    par_paires = nombre <= 64
    plan = []
    for _ in range(a_venir):
        libres = (1 << nombre) - 1
        groupes = []
        ordre = list(range(nombre))
        hasard.shuffle(ordre)
        for capacite in tailles:
            groupe, masque, vus = [], 0, 0
            while len(groupe) < capacite:
                disponibles = [p for p in ordre if libres >> p & 1]
                if par_paires and capacite - len(groupe) >= 2:
                    choix = _meilleure_paire(disponibles, libres, masque, vus, rencontres, statique)
                else:
                    choix = [_meilleur_joueur(disponibles, libres, masque, vus, rencontres, statique)]
                for joueur in choix:
                    groupe.append(joueur)
                    masque |= 1 << joueur
                    vus |= rencontres[joueur]
                    libres &= ~(1 << joueur)
            groupes.append(groupe)
        for groupe in groupes:
            for joueur in groupe:
                for autre in groupe:
                    if autre != joueur:
                        rencontres[joueur] |= 1 << autre
        plan.append(groupes)
    return plan


def _bits(masque):
    while masque:
        bas = masque & -masque
        yield bas.bit_length() - 1
        masque ^= bas


def _meilleure_paire(disponibles, libres, masque, vus, rencontres, statique):
    meilleur, choix = None, None
    for rang, premier in enumerate(disponibles):
        conflits_premier = (rencontres[premier] & masque).bit_count()
        vus_premier = vus | rencontres[premier]
        for second in disponibles[rang + 1:]:
            conflits = (conflits_premier + (rencontres[second] & masque).bit_count()
                        + (rencontres[premier] >> second & 1))
            liberte = (libres & ~(vus_premier | rencontres[second] | masque | 1 << premier | 1 << second)).bit_count()
            # The métier part of the static cost (the défi part is a multiple of POIDS_REPETITION).
            metier = statique[premier][second] % POIDS_REPETITION
            score = (conflits, -liberte, metier)
            if meilleur is None or score < meilleur:
                meilleur, choix = score, (premier, second)
    return list(choix)


def _meilleur_joueur(disponibles, libres, masque, vus, rencontres, statique):
    meilleur, choix = None, None
    membres = list(_bits(masque))
    for joueur in disponibles:
        conflits = (rencontres[joueur] & masque).bit_count()
        liberte = (libres & ~(vus | rencontres[joueur] | masque | 1 << joueur)).bit_count()
        metier = sum(statique[joueur][autre] % POIDS_REPETITION for autre in membres)
        score = (conflits, -liberte, metier)
        if meilleur is None or score < meilleur:
            meilleur, choix = score, joueur
    return choix


class _Recherche:
    """Tabu search over the whole plan. `attache[m][p][g]` is what person p would cost in group g of month m:
    the sum, over the group's other members, of the pair's cost — repetitions counted on the other months
    (and the months held), défi and métier — which makes the cost change of a swap four look-ups."""

    def __init__(self, plan, tailles, deja, statique, hasard):
        self.plan = [[list(groupe) for groupe in groupes] for groupes in plan]
        self.nombre = len(deja)
        self.mois = len(plan)
        self.groupes = len(tailles)
        self.statique = statique
        self.hasard = hasard
        self.position = [[0] * self.nombre for _ in plan]
        for m, groupes in enumerate(self.plan):
            for g, groupe in enumerate(groupes):
                for p in groupe:
                    self.position[m][p] = g
        self.compte = [list(ligne) for ligne in deja]
        for groupes in self.plan:
            for groupe in groupes:
                for p in groupe:
                    for q in groupe:
                        if p != q:
                            self.compte[p][q] += 1
        self.attache = [[[0] * self.groupes for _ in range(self.nombre)] for _ in plan]
        for m in range(self.mois):
            for p in range(self.nombre):
                ligne = self.attache[m][p]
                for g, groupe in enumerate(self.plan[m]):
                    ligne[g] = sum(self._paire(m, p, q) for q in groupe if q != p)
        self.cout = self._cout_total()

    def _paire(self, m, p, q):
        """The cost of p and q together in month m, their meetings of the other months counted."""
        ensemble = 1 if self.position[m][p] == self.position[m][q] else 0
        return POIDS_REPETITION * (self.compte[p][q] - ensemble) + self.statique[p][q]

    def _cout_total(self):
        cout = 0
        for p in range(self.nombre):
            for q in range(p + 1, self.nombre):
                fois = self.compte[p][q]
                cout += POIDS_REPETITION * fois * (fois - 1) // 2
        for groupes in self.plan:
            for groupe in groupes:
                for i, p in enumerate(groupe):
                    for q in groupe[i + 1:]:
                        cout += self.statique[p][q]
        return cout

    def _echanger(self, m, a, b):
        position, compte, attache = self.position[m], self.compte, self.attache
        ga, gb = position[a], position[b]
        groupe_a, groupe_b = self.plan[m][ga], self.plan[m][gb]
        autres_a = [x for x in groupe_a if x != a]
        autres_b = [y for y in groupe_b if y != b]
        changements = [(a, x, -1) for x in autres_a] + [(a, y, 1) for y in autres_b]
        changements += [(b, x, 1) for x in autres_a] + [(b, y, -1) for y in autres_b]
        for p, q, sens in changements:
            compte[p][q] += sens
            compte[q][p] += sens
            variation = sens * POIDS_REPETITION
            for autre in range(self.mois):
                if autre != m:
                    attache[autre][p][self.position[autre][q]] += variation
                    attache[autre][q][self.position[autre][p]] += variation
        groupe_a[groupe_a.index(a)] = b
        groupe_b[groupe_b.index(b)] = a
        position[a], position[b] = gb, ga
        lignes = attache[m]
        for p in range(self.nombre):
            ecart = (self._paire(m, p, b) if p != b else 0) - (self._paire(m, p, a) if p != a else 0)
            lignes[p][ga] += ecart
            lignes[p][gb] -= ecart

    def _gain(self, m, a, b):
        lignes, position = self.attache[m], self.position[m]
        ga, gb = position[a], position[b]
        la, lb = lignes[a], lignes[b]
        lien = POIDS_REPETITION * self.compte[a][b] + self.statique[a][b]
        return la[gb] - la[ga] + lb[ga] - lb[gb] - 2 * lien

    def optimiser(self, iterations):
        """Swap, each iteration, the best non-tabu pair (a tabu one if it beats the best plan) among, in each
        month, a few people in conflict and everyone of another group; perturb the plan after a stall.
        Stops at cost 0 or after a long stall; returns the best plan met."""
        meilleur_cout, meilleur_plan = self.cout, [[list(g) for g in groupes] for groupes in self.plan]
        tabou: dict[tuple[int, int], int] = {}
        sans_progres = depuis_le_meilleur = 0
        hasard = self.hasard
        for iteration in range(iterations):
            if self.cout == 0 or depuis_le_meilleur >= 4 * PALIER_SANS_PROGRES:
                break
            compte, statique = self.compte, self.statique
            meilleur_gain, meilleurs = None, []
            for m, candidats in self._conflits(hasard):
                lignes, position = self.attache[m], self.position[m]
                for a in candidats:
                    ga, la = position[a], lignes[a]
                    base, ca, sa = la[ga], compte[a], statique[a]
                    for b in range(self.nombre):
                        gb = position[b]
                        if gb == ga:
                            continue
                        lb = lignes[b]
                        gain = la[gb] - base + lb[ga] - lb[gb] - 2 * (POIDS_REPETITION * ca[b] + sa[b])
                        if meilleur_gain is not None and gain > meilleur_gain:
                            continue
                        tabou_ici = tabou.get((m, a), -1) > iteration or tabou.get((m, b), -1) > iteration
                        if tabou_ici and self.cout + gain >= meilleur_cout:
                            continue
                        if meilleur_gain is None or gain < meilleur_gain:
                            meilleur_gain, meilleurs = gain, [(m, a, b)]
                        else:
                            meilleurs.append((m, a, b))
            if not meilleurs:
                continue
            m, a, b = meilleurs[hasard.randrange(len(meilleurs))]
            self._echanger(m, a, b)
            self.cout += meilleur_gain
            duree = iteration + hasard.randint(TABOU_MIN, TABOU_MAX)
            tabou[m, a] = tabou[m, b] = duree
            if self.cout < meilleur_cout:
                meilleur_cout, meilleur_plan = self.cout, [[list(g) for g in groupes] for groupes in self.plan]
                sans_progres = depuis_le_meilleur = 0
            else:
                sans_progres += 1
                depuis_le_meilleur += 1
                if sans_progres >= PALIER_SANS_PROGRES:
                    self._perturber(hasard)
                    sans_progres = 0
        return meilleur_plan if meilleur_cout < self.cout else self.plan

    def _conflits(self, hasard):
        """Per month, up to a few of its people whose group costs them something (sampled, so that a large
        promotion's iteration stays cheap)."""
        resultat = []
        for m in range(self.mois):
            lignes, position = self.attache[m], self.position[m]
            en_conflit = [p for p in range(self.nombre) if lignes[p][position[p]] > 0]
            if len(en_conflit) > CANDIDATS_PAR_ITERATION:
                en_conflit = hasard.sample(en_conflit, CANDIDATS_PAR_ITERATION)
            resultat.append((m, en_conflit))
        return resultat

    def _perturber(self, hasard):
        """A few random swaps, to leave a basin the tabu list cannot."""
        for _ in range(max(2, self.mois)):
            m = hasard.randrange(self.mois)
            a, b = hasard.sample(range(self.nombre), 2)
            if self.position[m][a] != self.position[m][b]:
                gain = self._gain(m, a, b)
                self._echanger(m, a, b)
                self.cout += gain


def composer_pluri(participants: list[Participant], historique: list[list[list[int]]], presentations: dict[int, int],
                   nb_mois: int, taille: int = 5, graine: int = 0, iterations: int | None = None) -> Composition:
    """This month's pluridisciplinary groups, given the months already held (`historique`, oldest first),
    how many times each person has presented, and the programme's total number of months (`iterations`: the
    search budget, see `planifier`).

    The whole programme is planned from month 0 (the same plan at every call): while the months held are the
    plan's, this month is the plan's next one; once a coach has moved someone, the months left are planned
    again from the pairs actually met."""
    if not participants:
        return Composition(groupes=[], presentateurs=[])
    tenus = len(historique)
    plan = planifier(participants, nb_mois, taille, graine, iterations=iterations)
    if tenus < len(plan) and _forme(historique) == _forme(plan[:tenus]):
        a_venir = plan[tenus:]
    else:
        a_venir = planifier(participants, nb_mois, taille, graine, historique=historique, iterations=iterations)
    return Composition(groupes=a_venir[0], presentateurs=choisir_presentateurs(a_venir, presentations))


def _forme(mois):
    return [sorted(sorted(groupe) for groupe in groupes) for groupes in mois]


def choisir_presentateurs(a_venir: list[list[list[int]]], presentations: dict[int, int]) -> list[int]:
    """The presenters of the first month of `a_venir`, one per group, so that everyone presents before anyone
    presents twice: those who presented least are matched to (month, group) slots of the coming months where
    they are members, the earliest slots first (so this month's are all theirs while some remain), by
    augmenting paths; a slot of this month left over (the end of a cycle) goes to its member who presented
    least."""
    mois = a_venir[0]
    membres = sorted(i for groupe in mois for i in groupe)
    fois = {i: presentations.get(i, 0) for groupe in a_venir for g in groupe for i in g}
    minimum = min(fois[i] for i in membres)
    retardataires = sorted(i for i, nombre in fois.items() if nombre == minimum)
    cases = []
    for rang_mois, groupes in enumerate(a_venir):
        if len(cases) >= len(retardataires):
            break
        cases.extend((rang_mois, rang) for rang in range(len(groupes)))
    occupant: dict[int, tuple[int, int]] = {}
    case_de: dict[tuple[int, int], int] = {}
    candidats = {case: sorted(i for i in a_venir[case[0]][case[1]] if i in fois and fois[i] == minimum)
                 for case in cases}

    def augmenter(case, vues):
        for personne in candidats[case]:
            if personne in vues:
                continue
            vues.add(personne)
            if personne not in occupant or augmenter(occupant[personne], vues):
                occupant[personne] = case
                case_de[case] = personne
                return True
        return False

    for case in cases:
        augmenter(case, set())
    presentateurs = []
    for rang, groupe in enumerate(mois):
        choisi = case_de.get((0, rang))
        if choisi is None:
            choisi = min(groupe, key=lambda i: (fois[i], i))
        presentateurs.append(choisi)
    return presentateurs
