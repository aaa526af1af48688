"""The whole run, at one scale: every key page and task, on whatever database it is given (the demo in a throwaway
database, or the national copy built by `manage.py seed_scale`). `bench/run.py --national` runs it at both scales
and prints one table (bench.parcours.tableau) with the bounds of issue 15.

Who opens a page is found by query, the same way at both scales: the running promotion (the one pages show
first), the demo login of each role when it exists (else the first person holding that role), the EIG registered
to the most sessions. Tasks run inside a transaction rolled back afterwards: nothing is written, no e-mail leaves.
"""

import datetime
import statistics
import time
from dataclasses import dataclass

from django.db import connection, reset_queries, transaction
from django.db.models import Count, Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accompagnement.models import Inscription, Session
from accompagnement.services.agenda import jeton_agenda_creer
from bench.outils import mesure, nombre_fr
from demo.construction import adresse_de
from magellan.selectors_tableau import url_du_tableau
from programme.dates import PARIS, mois_suivant, premier_du_mois
from programme.models import Personne, Role
from programme.selectors import promotion_par_defaut

ACCUEIL = "accueil public /"
# Bounds of issue 15: national ≤ 2× demo, ≤ 15× the public home (admin lists 30×), queries national ≤ demo.
BORNE_ECHELLE, BORNE_ACCUEIL, BORNE_ACCUEIL_ADMIN = 2, 15, 30
# The comité reminders are measured on a morning when this many défis have a support due (issue 15: 1,000).
COMITES_RAPPELES = 1000


@dataclass
class Ligne:
    libelle: str
    genre: str  # « page », « admin » (list of the administration) or « tâche »
    mediane_ms: float | None
    requetes: int | None
    statut: int = 200
    detail: str = ""


class _Annuler(Exception):
    pass


def _lue(client, url):
    """The response to `url`, read to its last byte: a streamed export is measured whole, not its first line."""
    reponse = client.get(url)
    if reponse.streaming:
        reponse.contenu = b"".join(reponse.streaming_content)
    return reponse


def _chrono(client, libelle, url, repetitions, genre="page") -> Ligne:
    reponse = _lue(client, url)
    if reponse.status_code != 200:
        return Ligne(libelle, genre, None, None, reponse.status_code)
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        _lue(client, url)
        durees.append((time.perf_counter() - debut) * 1000)
    reset_queries()  # the log keeps 9,000 queries: a long task before would hide these
    with CaptureQueriesContext(connection) as requetes:
        _lue(client, url)
    return Ligne(libelle, genre, statistics.median(durees), len(requetes))


def _tache(libelle, fonction, repetitions, preparer=None) -> Ligne:
    """A scheduled task's median time and queries, each run rolled back; `preparer` sets its data up in the same
    transaction, neither timed nor counted."""
    durees, requetes, detail = [], 0, ""
    for _ in range(max(1, min(repetitions, 3))):
        compte = []

        def compter(execute, sql, params, many, context):
            compte.append(1)
            return execute(sql, params, many, context)

        try:
            with transaction.atomic():
                if preparer:
                    preparer()
                with connection.execute_wrapper(compter):
                    debut = time.perf_counter()
                    detail = fonction()
                    durees.append((time.perf_counter() - debut) * 1000)
                    requetes = len(compte)
                raise _Annuler
        except _Annuler:
            pass
    return Ligne(libelle, "tâche", statistics.median(durees), requetes, detail=str(detail))


def _connecte(personne) -> Client:
    client = Client()
    client.force_login(personne)
    return client


def _personne_du_role(type_role, promotion):
    demo = Personne.objects.filter(email=adresse_de(type_role)).first()
    if demo:
        return demo
    filtre = {"roles__type": type_role}
    filtre["roles__promotion"] = None if type_role == Role.Type.ALUMNI else promotion
    return Personne.objects.filter(**filtre).order_by("pk").first()


def _eig_charge():
    """The person registered to the most sessions (≈ 500 in both copies)."""
    ligne = (Inscription.objects.filter(personne__isnull=False).values("personne")
             .annotate(n=Count("pk")).order_by("-n").first())
    return Personne.objects.get(pk=ligne["personne"]), ligne["n"]


def _taches(promotion, repetitions):
    """The météo round for every person of the copy as EIG, the groups of the running promotion, the comités'
    reminders."""
    from accompagnement.services.groupes import groupes_composer, groupes_publier
    from accompagnement.services.meteo import HEURE_OUVERTURE, meteo_tour, prochaine_date_de_vague
    from defis.models import Defi
    from evaluations.models import Comite, Support
    from evaluations.services.rappels import rappels_comites

    jour = prochaine_date_de_vague(promotion, timezone.localdate() + datetime.timedelta(days=1))

    def vague():
        sans_role = Personne.objects.exclude(roles__promotion=promotion, roles__type=Role.Type.EIG)
        Role.objects.bulk_create((Role(personne_id=pk, promotion=promotion, type=Role.Type.EIG)
                                  for pk in sans_role.values_list("pk", flat=True)), batch_size=5000)
        bilan = meteo_tour(datetime.datetime.combine(jour, HEURE_OUVERTURE, tzinfo=PARIS))
        return f"{nombre_fr(bilan['invitations'])} invitations"

    mois = mois_suivant(premier_du_mois())

    def groupes():
        from accompagnement.models import GroupePartage
        GroupePartage.objects.filter(promotion=promotion, mois=mois).delete()
        composes = groupes_composer(promotion, mois)
        groupes_publier(promotion, mois)
        return f"{len(composes)} groupes"

    # The reminders of a morning when the supports of every défi's comité (1,000 at national scale) are due in
    # seven days: one comité per défi is moved to that deadline, its session published, its support reopened.
    matin = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(8),
                                      tzinfo=PARIS)

    def echeances():
        dernier_par_defi = Comite.objects.values("defi_id").annotate(dernier=Max("pk")).values("dernier")
        comites = list(Comite.objects.filter(pk__in=dernier_par_defi).order_by("pk")
                       .values_list("pk", flat=True)[:COMITES_RAPPELES])
        echeance = matin + datetime.timedelta(days=7)
        Comite.objects.filter(pk__in=comites).update(echeance_support=echeance,
                                                     debut=echeance + datetime.timedelta(days=7))
        Session.objects.filter(comite__in=comites).update(statut=Session.Statut.PUBLIEE)
        Support.objects.filter(comite__in=comites).update(statut=Support.Statut.BROUILLON, soumis_le=None,
                                                          soumis_par=None)
        return len(comites)

    def rappels():
        return f"{rappels_comites(matin)} courriels"

    eig = Role.objects.filter(promotion=promotion, type=Role.Type.EIG).count()
    yield _tache(f"tâche : vague météo (toute la base en EIG, {nombre_fr(Personne.objects.count())})", vague,
                 repetitions)
    yield _tache(f"tâche : groupes du mois suivant ({eig} EIG), composés et publiés", groupes, repetitions)
    defis = min(Defi.objects.filter(comites__isnull=False).distinct().count(), COMITES_RAPPELES)
    yield _tache(f"tâche : rappels des comités ({nombre_fr(defis)} défis, supports dus dans 7 jours)", rappels,
                 repetitions, preparer=echeances)


def parcours(repetitions: int, avant_agenda=None):
    """Yield a `Ligne` per page and task of the current database; `avant_agenda()` may add the busy EIG."""
    promotion = promotion_par_defaut()
    anonyme = Client()
    yield _chrono(anonyme, ACCUEIL, "/", repetitions)
    for libelle, url in [("catalogue des défis", "/defis/"), ("indicateurs publics", "/indicateurs/"),
                         ("export des défis (CSV)", "/defis/export.csv"),
                         ("export des défis (JSON)", "/defis/export.json")]:
        yield _chrono(anonyme, libelle, url, repetitions)
    for type_role in Role.Type:
        personne = _personne_du_role(type_role, promotion)
        if personne:
            yield _chrono(_connecte(personne), f"Mon espace ({type_role.label.lower()})", "/espace/", repetitions)
    coach = _connecte(_personne_du_role(Role.Type.COACH, promotion))
    yield _chrono(coach, "tableau de bord des coachs", url_du_tableau(promotion), repetitions)
    for libelle, url in [("météo des coachs", "/coachs/meteo/"), ("groupes des coachs", "/coachs/groupes/"),
                         ("sessions des coachs", "/coachs/sessions/"), ("carnets des coachs", "/coachs/carnets/"),
                         ("suivi des heures", "/heures/suivi/"), ("évaluations", "/evaluations/"),
                         ("export des sessions (CSV)", f"/coachs/exports/sessions.csv?promotion={promotion.pk}"),
                         ("export des personnes (CSV)", f"/coachs/exports/personnes.csv?promotion={promotion.pk}")]:
        yield _chrono(coach, libelle, url, repetitions)
    for modele in ["accompagnement/session", "programme/notification",
                   "accompagnement/carnetdebord", "accompagnement/alertemeteo", "programme/personne"]:
        yield _chrono(coach, f"admin : liste {modele.split('/')[1]}", f"/admin/{modele}/", repetitions, "admin")
    grande = (Session.objects.filter(promotion=promotion).annotate(n=Count("inscriptions")).order_by("-n").first())
    yield _chrono(coach, f"admin : session de {grande.n} inscriptions",
                  f"/admin/accompagnement/session/{grande.pk}/change/", repetitions)
    if avant_agenda:
        avant_agenda()
    eig, nombre = _eig_charge()
    yield _chrono(coach, "admin : fiche de la personne à l'agenda chargé",
                  f"/admin/programme/personne/{eig.pk}/change/", repetitions)
    client = _connecte(eig)
    yield _chrono(client, f"agenda (mois), EIG de {nombre} sessions", "/agenda/", repetitions)
    yield _chrono(client, "agenda (liste)", "/agenda/liste/", repetitions)
    eig.jeton_agenda.delete() if hasattr(eig, "jeton_agenda") else None
    yield _chrono(Client(), "agenda (iCal)", f"/agenda/{jeton_agenda_creer(eig)}.ics", repetitions)
    yield from _taches(promotion, repetitions)


def _demo_et_agenda():
    from io import StringIO

    from django.core.management import call_command
    call_command("seed_demo", stdout=StringIO())


@mesure("parcours")
def parcours_demo(repetitions):
    """The whole run at demo scale (seed_demo, plus bench.agenda's person of 500 sessions for the agenda)."""
    from bench.agenda import _donnees
    _demo_et_agenda()
    yield "Données : la démonstration (seed_demo) ; pour l'agenda, une personne inscrite à 500 sessions."
    for ligne in parcours(repetitions, avant_agenda=_donnees):
        yield _texte(ligne)


def _ms(valeur):
    return "—" if valeur is None else nombre_fr(valeur, 1)


def _texte(ligne: Ligne) -> str:
    if ligne.mediane_ms is None:
        return f"{ligne.libelle} : répond {ligne.statut}"
    detail = f" ({ligne.detail})" if ligne.detail else ""
    return f"{ligne.libelle} : {_ms(ligne.mediane_ms)} ms médiane, {ligne.requetes} requêtes{detail}"


def _cle(libelle: str) -> str:
    """Labels that carry a count (sessions, EIG…) are matched across scales by what precedes it."""
    return libelle.split(" (")[0].split(" de ")[0] if libelle.startswith(("admin : session", "agenda (mois)")) \
        else libelle.split(" (toute")[0].split(" (")[0] if libelle.startswith("tâche") else libelle


def tableau(demo: list[Ligne], national: list[Ligne]) -> list[str]:
    """The printed table: queries and median at both scales, ratio to `/` in the same run, and the bounds."""
    par_cle = {_cle(ligne.libelle): ligne for ligne in demo}
    accueil = {"demo": par_cle[ACCUEIL].mediane_ms, "national": next(
        ligne.mediane_ms for ligne in national if ligne.libelle == ACCUEIL)}
    sorties = ["| page ou tâche | requêtes démo | requêtes national | démo (ms) | national (ms) | national / démo "
               "| national / `/` | bornes |", "|---|---|---|---|---|---|---|---|"]
    for ligne in national:
        d = par_cle.get(_cle(ligne.libelle))
        if ligne.mediane_ms is None or d is None or d.mediane_ms is None:
            statut = f"répond {ligne.statut}" if ligne.mediane_ms is None else "non mesurée en démo"
            sorties.append(f"| {ligne.libelle} | {d.requetes if d else '—'} | {ligne.requetes or '—'} | "
                           f"{_ms(d.mediane_ms) if d else '—'} | {_ms(ligne.mediane_ms)} | — | — | {statut} |")
            continue
        echelle = ligne.mediane_ms / d.mediane_ms
        rapport = ligne.mediane_ms / accueil["national"]
        bornes = []
        if ligne.requetes > d.requetes:
            bornes.append("requêtes")
        if ligne.genre != "tâche":
            if echelle > BORNE_ECHELLE:
                bornes.append(f"> {BORNE_ECHELLE}× démo")
            borne = BORNE_ACCUEIL_ADMIN if ligne.genre == "admin" else BORNE_ACCUEIL
            if rapport > borne:
                bornes.append(f"> {borne}× /")
        sorties.append(
            f"| {ligne.libelle} | {d.requetes} | {ligne.requetes} | {_ms(d.mediane_ms)} | {_ms(ligne.mediane_ms)} | "
            f"{nombre_fr(echelle, 1)}× | {nombre_fr(rapport, 0)}× | "
            f"{'tiennent' if not bornes else 'NON : ' + ', '.join(bornes)} |")
    return sorties
