"""The evaluations: every page, file and sensitive action.

A sponsor, a parrain, an EIG of another défi and an anonymous visitor reach no support, no file and no
unpublished rapport, neither by a page nor by a guessed address; the sponsor reads the published rapports of
their défi; the team (EIG, porteurs) writes the support; only porteurs submit it.
"""

import datetime

from django.utils import timezone

from evaluations.factories import ComiteFactory, ObjectifFactory, PieceJointeFactory, RapportFactory, SupportFactory
from evaluations.services.rapports import rapport_publier
from evaluations.services.supports import support_soumettre

from .attendus import COACHS, EQUIPE, EQUIPE_AUTRE, Entree, coachs_seulement, connectes, pour


def preparer(monde):
    """Phase 1 of `defi`: comité held, support submitted with a file, rapport published. Phase 2: comité to come,
    draft support with an objective and a file, draft rapport. The same in phase 2 for `defi_cache` and
    `autre_defi` (a file each); `autre_defi` also has a published rapport in phase 1."""
    coach = monde["personnes"]["coach"]
    il_y_a_trois_jours = timezone.now() - datetime.timedelta(days=3)
    passe = ComiteFactory(defi=monde["defi"], numero=1, debut=il_y_a_trois_jours, coachs=[coach])
    support_passe = SupportFactory(comite=passe)
    ObjectifFactory(support=support_passe)
    piece_passe = PieceJointeFactory(support=support_passe)
    support_soumettre(support_passe, par=monde["personnes"]["porteur"])
    rapport_publier(RapportFactory(comite=passe), par=coach)
    autre_passe = ComiteFactory(defi=monde["autre_defi"], numero=1, debut=il_y_a_trois_jours, coachs=[coach])
    rapport_publier(RapportFactory(comite=autre_passe), par=coach)
    objets = {"passe": passe, "piece_passe": piece_passe, "autre_passe": autre_passe}
    for cle, defi in [("courant", monde["defi"]), ("cache", monde["defi_cache"]), ("autre", monde["autre_defi"])]:
        comite = ComiteFactory(defi=defi, numero=2, debut=timezone.now() + datetime.timedelta(days=20),
                               coachs=[coach])
        support = SupportFactory(comite=comite)
        ObjectifFactory(support=support)
        objets[cle] = comite
        objets[f"piece_{cle}"] = PieceJointeFactory(support=support)
        RapportFactory(comite=comite)
    return objets


def c(cle="courant", suite="", phase=None):
    """The address of a comité's page, or of a page under it (`suite` may name the world's objects)."""
    def construire(o):
        comite = o[cle]
        numero = comite.phase.numero if phase is None else phase
        return f"/defis/{comite.defi.slug}/evaluations/phase-{numero}/{suite.format(**o)}"
    return construire


def equipe_et_coach(ok=200):
    """The coaches and the team's EIG and porteur; anyone else gets 404, as if nothing were there."""
    return pour(ok, COACHS, "eig", "porteur", autres=404)


def lecteurs_du_rapport_publie(ok=200, equipe=None):
    """The coaches, the team and its sponsor; the others 404."""
    return pour(ok, COACHS, autres=404) | {v: ok if equipe is None else equipe for v in EQUIPE}


def de_l_autre_defi(*qui):
    return pour(200, COACHS, *qui, autres=404)


COACH_SEUL = coachs_seulement(autres=404)
# The rapport is written and published by the comité's coaches; another coach reads it.
DU_COMITE = {"coach_autre": 403}

ENTREES = [
    Entree("tableau des évaluations", lambda o: "/evaluations/", coachs_seulement()),
    Entree("tableau filtré", lambda o: f"/evaluations/?promotion={o['promotion'].pk}&phase=2&support=en_retard",
           coachs_seulement()),
    Entree("créer les comités d'une phase", lambda o: "/evaluations/comites/creer/", coachs_seulement(statut=302),
           "POST", lambda o: {"promotion": o["promotion"].pk, "phase": 2}),
    Entree("évaluations du défi", lambda o: f"/defis/{o['defi'].slug}/evaluations/", pour(200, COACHS, EQUIPE)),
    Entree("évaluations du défi non publié", lambda o: f"/defis/{o['defi_cache'].slug}/evaluations/",
           pour(200, COACHS, EQUIPE, autres=404)),
    Entree("évaluations d'un défi inexistant", lambda o: "/defis/nexiste-pas/evaluations/", connectes(404)),
    Entree("comité", c(), lecteurs_du_rapport_publie()),
    Entree("comité sans objet (phase 3)", c(phase=3), connectes(404)),
    Entree("comité d'une phase inexistante", c(phase=9), connectes(404)),
    Entree("comité d'une phase au numéro démesuré", c(phase="99999999999999999999"), connectes(404)),
    Entree("planifier le comité", c(suite="planifier/"), lecteurs_du_rapport_publie(ok=403) | {"coach": 200,
                                                                                              "coach_autre": 200}),
    Entree("support en brouillon", c(suite="support/"), equipe_et_coach()),
    Entree("support soumis", c("passe", "support/"), equipe_et_coach()),
    Entree("support du défi non publié", c("cache", "support/"), equipe_et_coach()),
    Entree("support d'un autre défi", c("autre", "support/"), de_l_autre_defi("eig_autre", "porteur_autre")),
    Entree("rédiger le support", c(suite="support/modifier/"), equipe_et_coach() | {v: 403 for v in COACHS}),
    Entree("rédiger un support soumis", c("passe", "support/modifier/"),
           equipe_et_coach(ok=302) | {v: 403 for v in COACHS}),
    Entree("enregistrer le support", c(suite="support/modifier/"), equipe_et_coach(ok=302) | {v: 403 for v in COACHS},
           "POST", lambda o: {}),
    Entree("soumettre le support", c(suite="support/soumettre/"),
           equipe_et_coach(ok=403) | {"porteur": 302}, "POST", lambda o: {}),
    Entree("soumettre par GET (405, sans rien révéler)", c(suite="support/soumettre/"), connectes(405)),
    Entree("rouvrir le support", c("passe", "support/rouvrir/"), equipe_et_coach(ok=403) | {v: 302 for v in COACHS},
           "POST", lambda o: {}),
    Entree("historique du support", c(suite="support/historique/"), equipe_et_coach()),
    Entree("fichier d'un support en brouillon", c(suite="support/fichiers/{piece_courant.pk}/"), equipe_et_coach()),
    Entree("fichier d'un support soumis", c("passe", "support/fichiers/{piece_passe.pk}/"), equipe_et_coach()),
    Entree("fichier du défi non publié", c("cache", "support/fichiers/{piece_cache.pk}/"), equipe_et_coach()),
    Entree("fichier d'un autre défi deviné sous l'adresse du défi", c(suite="support/fichiers/{piece_autre.pk}/"),
           connectes(404)),
    Entree("fichier d'un autre défi", c("autre", "support/fichiers/{piece_autre.pk}/"),
           de_l_autre_defi("eig_autre", "porteur_autre")),
    Entree("fichier de la phase 1 deviné sous l'adresse de la phase 2", c(suite="support/fichiers/{piece_passe.pk}/"),
           connectes(404)),
    Entree("fichier d'un autre défi sous l'adresse de sa phase sans support",
           c("autre_passe", "support/fichiers/{piece_autre.pk}/"), connectes(404)),
    Entree("fichier au numéro démesuré", c(suite="support/fichiers/99999999999999999999/"), equipe_et_coach(ok=404)),
    Entree("retirer un fichier d'un autre défi deviné sous l'adresse du défi",
           c(suite="support/fichiers/{piece_autre.pk}/retirer/"), equipe_et_coach(ok=404) | {v: 403 for v in COACHS},
           "POST", lambda o: {}),
    Entree("retirer un fichier", c(suite="support/fichiers/{piece_courant.pk}/retirer/"),
           equipe_et_coach(ok=302) | {v: 403 for v in COACHS}, "POST", lambda o: {}),
    Entree("rapport publié", c("passe", "rapport/"), lecteurs_du_rapport_publie()),
    Entree("rapport publié en PDF", c("passe", "rapport/pdf/"), lecteurs_du_rapport_publie()),
    Entree("rapport publié d'un autre défi", c("autre_passe", "rapport/"), de_l_autre_defi(EQUIPE_AUTRE)),
    Entree("rapport publié d'un autre défi en PDF", c("autre_passe", "rapport/pdf/"), de_l_autre_defi(EQUIPE_AUTRE)),
    Entree("comité d'un autre défi", c("autre"), de_l_autre_defi(EQUIPE_AUTRE)),
    Entree("rapport en brouillon d'un autre défi", c("autre", "rapport/"), COACH_SEUL),
    Entree("rapport en brouillon", c(suite="rapport/"), COACH_SEUL),
    Entree("rapport en brouillon en PDF", c(suite="rapport/pdf/"), COACH_SEUL),
    Entree("rapport en brouillon du défi non publié", c("cache", "rapport/"), COACH_SEUL),
    Entree("rapport d'un comité sans objet", c(suite="rapport/", phase=4), connectes(404)),
    Entree("rédiger le rapport en brouillon", c(suite="rapport/rediger/"), COACH_SEUL | DU_COMITE),
    Entree("rédiger le rapport publié", c("passe", "rapport/rediger/"),
           lecteurs_du_rapport_publie(equipe=403) | DU_COMITE),
    Entree("publier le rapport en brouillon", c(suite="rapport/publier/"),
           coachs_seulement(autres=404, statut=302) | DU_COMITE, "POST", lambda o: {}),
    Entree("publier le rapport publié", c("passe", "rapport/publier/"),
           lecteurs_du_rapport_publie(ok=302, equipe=403) | DU_COMITE, "POST", lambda o: {}),
    Entree("historique du rapport publié", c("passe", "rapport/historique/"), lecteurs_du_rapport_publie(equipe=403)),
    Entree("historique du rapport en brouillon", c(suite="rapport/historique/"), COACH_SEUL),
]
