"""The demo's accompagnement, for `manage.py seed_demo`: the promotion as it stands after three months of use.

Everything goes through the domain's services, as if coaches, EIG, porteurs and parrains had used Magellan
since the promotion started: the published calendar of the four phases, registrations and attendance,
mentorat slots and cycles, heures d'accélération, carnets de bord, bureau d'aide requests, the comités of
the four phases (phase 1's with a support and a rapport). The texts tell the story of the first défi (Hospi'Flux), the
one of the demo's EIG, porteur and sponsor. Dates follow today, so the demo always looks current.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone

from accompagnement.models import GroupePartage, Inscription, Session, TypeMentorat, VagueMeteo
from accompagnement.selectors.carnet import competences_de_la_phase
from accompagnement.selectors.sessions import sessions_invitant
from accompagnement.services.bureau import demande_aide_creer, demande_aide_planifier, demande_aide_prendre_en_charge
from accompagnement.services.carnet import carnet_enregistrer
from accompagnement.services.heures import heure_saisir
from accompagnement.services.mentorat import creneaux_publier, cycle_reserver
from accompagnement.services.planificateur import calendrier_planifier
from accompagnement.services.sessions import calendrier_publier, presences_marquer, session_inscrire, session_modifier
from defis.models import Defi, MembreEquipe
from demo.contenu import DOMAINE
from demo.mentorat_collectif import demo_mentorat_collectif
from evaluations.models import AtteinteObjectif, Comite, Objectif, Rapport, Support
from evaluations.services.comites import comite_modifier
from evaluations.services.rapports import rapport_enregistrer, rapport_publier
from evaluations.services.supports import support_enregistrer, support_soumettre
from programme.dates import mois_suivant, premier_du_mois
from programme.models import Notification, Personne, Promotion, Role

LUNDI, MARDI, MERCREDI, JEUDI, VENDREDI = range(5)
COMITE = "comite-evaluation"
# Coaches by their rank in the demo's list (demo.contenu.COACHS): 0 is coach@, 1 the opérations, 2 tech, 4 produit.
FACILITATEURS = {
    "seminaire-integration": (0, 1), "seminaire-acceleration": (0, 1), "conference": (0,),
    "expedition-apprenante": (1,), "seminaire-porteurs": (0, 4),
}
# The dispositifs the demo's intervenante co-leads with the coaches: an outside speaker's conférences and expéditions.
ANIMES_PAR_L_INTERVENANT = {"conference", "expedition-apprenante"}
# The places the promotion's expéditions apprenantes visit, in turn.
LIEUX_DES_EXPEDITIONS = [
    "Station F, 5 parvis Alan Turing, 75013 Paris",
    "Archives nationales, 59 rue Guynemer, 93380 Pierrefitte-sur-Seine",
    "Cité des sciences et de l'industrie, 30 avenue Corentin Cariou, 75019 Paris",
    "Météo-France, 42 avenue Gaspard Coriolis, 31100 Toulouse",
]
# The two coaches of each phase's comités: the planner staggers them, one at a time, so the pair can staff all.
COACHS_DES_COMITES = {1: (0, 4), 2: (0, 2), 3: (0, 4), 4: (0, 2)}
# (mentor, kind, weekday, time, minutes, first week, place): weekly series over the next five weeks.
SERIES = [
    ("coach", TypeMentorat.INDIVIDUEL, MARDI, datetime.time(10, 0), 60, 0, "DINUM, 20 avenue de Ségur, Paris 7e"),
    ("coach", TypeMentorat.INDIVIDUEL, JEUDI, datetime.time(14, 0), 60, 1, "DINUM, 20 avenue de Ségur, Paris 7e"),
    ("coach", TypeMentorat.INDIVIDUEL, VENDREDI, datetime.time(9, 30), 30, 0, "En visioconférence"),
    ("parrain", TypeMentorat.MENTORAT, LUNDI, datetime.time(17, 0), 90, 0, "En visioconférence"),
    ("parrain", TypeMentorat.MENTORAT, MERCREDI, datetime.time(12, 30), 90, 1, "En visioconférence"),
]
SEMAINES_PAR_SERIE = 4
AUTRES_EIG_INSCRITS = 6
PART_DES_INSCRIPTIONS = 0.7
PART_DES_PRESENTS = 0.85
PART_DES_PRESENTS_AUX_COMITES = 0.95


# The accompagnement of the first défi (Hospi'Flux), told by its team: eig@ is its data scientist, porteur@
# its porteur. Carnets de bord of the promotion's first months, levels in the order of the phase's compétences.
CARNETS = [
    {
        "objectifs": "Rencontrer les cellules de gestion des lits des trois établissements pilotes ; obtenir l'accès "
                     "aux données d'admission des urgences des cinq dernières années ; comprendre le parcours d'un "
                     "patient entre l'accueil des urgences et son lit d'hospitalisation.",
        "apprentissages": "Le vocabulaire de l'hôpital (aval des urgences, lits brancards, UHCD) et le poids des "
                          "habitudes : chaque établissement compte ses lits libres à sa façon. L'accès aux données "
                          "de santé passe par le délégué à la protection des données et prend des semaines.",
        "parcours": "Je viens de la recherche en épidémiologie ; je veux voir si l'action publique me convient "
                    "avant de choisir entre un poste en agence régionale de santé et un retour au privé.",
        "besoins": "Un contact chez un délégué à la protection des données hospitalier pour accélérer l'accès aux "
                   "données.",
        "mot_coachs": "Le séminaire d'intégration a été précieux : je sais maintenant à qui poser mes questions.",
        "niveaux": [1, 1, 2, 1],
    },
    {
        "objectifs": "Livrer un premier prototype du tableau de bord des lits disponibles ; entraîner un modèle de "
                     "prévision des admissions à 72 heures ; préparer le support du comité de fin de phase 1.",
        "revue_objectifs": "Les trois cellules de gestion des lits ont été rencontrées (24 entretiens). Seules les "
                           "données de l'établissement pilote sont arrivées ; les deux autres sont attendues en "
                           "octobre.",
        "apprentissages": "Prototyper vite avec notre designer : une maquette papier montrée aux cadres de santé a "
                          "plus fait avancer le projet que trois semaines d'analyse. J'ai aussi appris à expliquer "
                          "une erreur de prévision sans jargon.",
        "parcours": "Le travail avec les équipes soignantes me plaît davantage que je ne l'imaginais.",
        "besoins": "Un regard extérieur sur la validation du modèle (découpage dans le temps, saisonnalité).",
        "mot_coachs": "Le comité approche : un retour sur notre support avant de le soumettre nous aiderait.",
        "niveaux": [2, 2, 3, 2],
    },
    {
        "objectifs": "Tester le tableau de bord dans deux services d'urgences pendant quatre semaines ; mesurer "
                     "l'écart entre prévisions et admissions réelles ; publier le code du prototype sous licence "
                     "libre.",
        "revue_objectifs": "Le prototype est en ligne et le modèle prévoit les admissions à 72 heures avec une "
                           "erreur moyenne de 8 %. Le support a été soumis à temps ; le rapport nous invite à "
                           "poursuivre.",
        "apprentissages": "Ce que demande un service en production à l'hôpital : hébergement certifié pour les "
                          "données de santé, journalisation, sauvegardes. Notre parrain m'a montré comment choisir "
                          "une licence et préparer l'ouverture du dépôt.",
        "parcours": "J'envisage de rester dans la sphère publique après le programme, idéalement comme data "
                    "scientist dans une agence régionale de santé.",
        "besoins": "Une revue de littérature sur la prévision des admissions aux urgences : nous l'avons demandée "
                   "au bureau d'aide.",
        "mot_coachs": "Merci pour les créneaux de mentorat individuel : j'en ai réservé un cycle.",
        "niveaux": [2, 2, 1, 1, 1],
    },
]
BESOINS_CYCLE_INDIVIDUEL = (
    "Préparer la suite du programme : prendre la parole devant les équipes médicales, partager mon temps entre la "
    "donnée et le produit, et réfléchir à mon projet professionnel dans le service public."
)
BESOINS_CYCLE_MENTORAT = (
    "Nous allons ouvrir le code du tableau de bord : j'aimerais de l'aide pour choisir la licence, organiser le "
    "dépôt et préparer sa publication sur code.gouv.fr."
)
# (month from this one, day, rank of the défi — 0 is Hospi'Flux —, minutes, sujet); under the 5 h monthly cap.
HEURES = [
    (-1, 7, 0, 90, "Choix d'une licence libre et revue du dépôt du tableau de bord"),
    (-1, 15, 1, 60, "Conseils pour publier le code source et sa documentation"),
    (-1, 22, 2, 120, "Atelier sur la gouvernance d'un logiciel libre avec l'administration"),
    (0, 3, 0, 60, "Relecture de la documentation d'installation avant l'ouverture du dépôt"),
    (0, 10, 1, 90, "Inventaire des dépendances et de leurs licences"),
]
DEMANDE_EN_ATTENTE = {
    "nature": "revue_litterature",
    "description": "Nous cherchons les travaux publiés sur la prévision des admissions aux urgences à 24 et "
                   "72 heures (séries temporelles, effets de la météo et des épidémies, méthodes d'évaluation) "
                   "pour situer notre modèle et choisir nos variables. Une synthèse d'une dizaine de références "
                   "nous suffirait.",
}
DEMANDE_PLANIFIEE = {
    "nature": "audit_code",
    "description": "Avant d'ouvrir le dépôt, nous souhaitons un regard extérieur sur le code du tableau de bord : "
                   "contrôle des accès, gestion des secrets, qualité des tests. Le dépôt compte environ "
                   "6 000 lignes de Python et de JavaScript.",
}
SUPPORT_PHASE_1 = {
    "champs": {
        "reussites": "Vingt-quatre entretiens dans trois établissements du groupement hospitalier ; un jeu de données "
                     "d'admissions sur cinq ans, nettoyé et documenté ; une maquette du tableau de bord testée avec "
                     "six cadres de santé.",
        "difficultes": "L'accès aux données des deux autres établissements a pris du retard : la convention n'est "
                       "signée que pour l'établissement pilote. Les cellules de gestion des lits ne comptent pas les "
                       "lits libres de la même façon, ce qui complique les comparaisons.",
        "aide_souhaitee": "Un appui juridique pour harmoniser les conventions d'accès aux données, et une mise en "
                          "relation avec une équipe qui a déjà déployé un outil à l'hôpital.",
        "objectifs_phase_suivante": "Tester le tableau de bord en conditions réelles dans deux services "
                                    "d'urgences, mesurer le temps d'attente avant hospitalisation, ouvrir le code.",
    },
    "objectifs": [
        {"intitule": "Comprendre le parcours d'admission depuis les urgences",
         "livrables": "Carte du parcours patient ; synthèse des 24 entretiens",
         "indicateurs": "Établissements couverts ; points de blocage identifiés", "atteinte": 100},
        {"intitule": "Constituer un jeu de données d'admissions fiable",
         "livrables": "Jeu de données sur cinq ans et sa documentation",
         "indicateurs": "Établissements couverts (un sur trois à ce jour)", "atteinte": 60},
        {"intitule": "Prototyper le tableau de bord partagé des lits",
         "livrables": "Maquette interactive ; retours de six cadres de santé",
         "indicateurs": "Nombre de tests avec les utilisateurs", "atteinte": 90},
        {"intitule": "Aligner les directions et les équipes sur l'hypothèse",
         "livrables": "Comité de pilotage de lancement ; feuille de route de la phase 2",
         "indicateurs": "Présence des trois directions d'établissement", "atteinte": 75},
    ],
}
RAPPORT_PHASE_1 = {
    "champs": {
        "synthese": "L'équipe a validé l'essentiel de son hypothèse : le manque de visibilité partagée sur les lits "
                    "est confirmé dans tous les établissements rencontrés, et la maquette a convaincu les cadres de "
                    "santé. Le retard d'accès aux données limite encore la preuve chiffrée.",
        "reussites": "Une immersion exemplaire sur le terrain ; une équipe pluridisciplinaire qui a montré tôt une "
                     "maquette ; un porteur très présent auprès des directions.",
        "points_attention": "L'accès aux données des deux autres établissements conditionne la phase 2 : sans "
                            "convention signée d'ici fin octobre, le test en conditions réelles se limitera à un "
                            "seul site.",
        "recommandations": "Solliciter le bureau d'aide pour une revue de littérature sur la prévision des "
                           "admissions ; associer dès maintenant le délégué à la protection des données du "
                           "groupement ; convenir avec les cadres de santé d'un indicateur de succès simple.",
        "orientation": "poursuivre",
    },
    "atteintes": [
        (100, "Travail de terrain remarquable, à valoriser dans la documentation du défi."),
        (50, "Un seul établissement couvert : la priorité du début de phase 2."),
        (90, "Maquette testée et appréciée ; prévoir des tests avec les équipes de nuit."),
        (75, "Directions convaincues ; les équipes médicales restent à embarquer."),
    ],
}
SUPPORT_PHASE_2 = {
    "champs": {"reussites": "Le tableau de bord tourne dans le service d'urgences pilote depuis trois semaines."},
    "objectifs": [
        {"intitule": "Tester le tableau de bord en conditions réelles dans deux services d'urgences",
         "livrables": "Tableau de bord en production ; journal des usages",
         "indicateurs": "Temps d'attente avant hospitalisation ; consultations par jour"},
        {"intitule": "Ouvrir le code du prototype", "livrables": "Dépôt public sous licence libre",
         "indicateurs": "Publication sur code.gouv.fr"},
    ],
}


@dataclass
class Acteurs:
    """The people and the défi the demo's accompagnement revolves around."""

    promotion: Promotion
    coachs: list[Personne]
    parrain: Personne
    eig: Personne
    porteur: Personne
    defi: Defi
    coequipiers: list[Personne]
    autres_eig: list[Personne]
    intervenant: Personne

    @property
    def coach(self):
        return self.coachs[0]


def _instant(jour: datetime.date, heure: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(jour, heure))


def _acteurs(promotion, demo, rng) -> Acteurs:
    eig, coach = demo[Role.Type.EIG], demo[Role.Type.COACH]
    defi = Defi.objects.get(promotion=promotion, membres__personne=eig)
    # Only the demo's own people: someone invited into the promotion by hand plays no part in it.
    gens = Personne.objects.filter(email__iendswith=f"@{DOMAINE}").order_by("pk")
    coequipiers = list(gens.filter(equipes__defi=defi, equipes__role=MembreEquipe.Role.EIG).exclude(pk=eig.pk))
    coachs = [coach, *gens.filter(roles__promotion=promotion, roles__type=Role.Type.COACH).exclude(pk=coach.pk)]
    autres = list(gens.filter(roles__promotion=promotion, roles__type=Role.Type.EIG).exclude(equipes__defi=defi))
    return Acteurs(promotion, coachs, demo[Role.Type.PARRAIN], eig, demo[Role.Type.PORTEUR], defi, coequipiers,
                   rng.sample(autres, AUTRES_EIG_INSCRITS), demo[Role.Type.INTERVENANT])


def _calendrier(acteurs: Acteurs) -> int:
    """Plan the ten months (the planner's comité sessions are the défis' comités of the four phases), give the
    comités and the promotion-wide sessions their coaches (and the conférences and expéditions the intervenante),
    publish everything. Returns how many comités there are."""
    calendrier_planifier(acteurs.promotion)
    comites = Comite.objects.filter(defi__promotion=acteurs.promotion).select_related("phase").prefetch_related(
        "participants")
    for comite in comites:
        comite_modifier(comite, debut=comite.debut, duree_minutes=comite.duree_minutes, lien_visio=comite.lien_visio,
                        coachs=[acteurs.coachs[r] for r in COACHS_DES_COMITES[comite.phase.numero]],
                        participants=list(comite.participants.all()))
    brouillons = (Session.objects.filter(promotion=acteurs.promotion, statut=Session.Statut.BROUILLON,
                                         dispositif__slug__in=FACILITATEURS).select_related("dispositif"))
    expeditions = 0
    for session in brouillons:
        facilitateurs = [acteurs.coachs[r] for r in FACILITATEURS[session.dispositif.slug]]
        if session.dispositif.slug in ANIMES_PAR_L_INTERVENANT:
            facilitateurs.append(acteurs.intervenant)
        lieu = {}
        if session.dispositif.slug == "expedition-apprenante":
            lieu = {"lieu": LIEUX_DES_EXPEDITIONS[expeditions % len(LIEUX_DES_EXPEDITIONS)]}
            expeditions += 1
        session_modifier(session, facilitateurs=facilitateurs, **lieu)
    calendrier_publier(acteurs.promotion)
    return len(comites)


def _inscriptions(acteurs: Acteurs, rng, maintenant):
    """EIG register to what comes this month and next; those who came before are on the attendance sheets."""
    fin = _instant(premier_du_mois(timezone.localdate(maintenant)) + relativedelta(months=2), datetime.time(0, 0))
    publiees = Q(statut=Session.Statut.PUBLIEE) & ~Q(dispositif__slug=COMITE)
    passees: dict[Session, list[Personne]] = {}
    for personne in [acteurs.eig, *acteurs.coequipiers, *acteurs.autres_eig, acteurs.porteur]:
        sessions = sessions_invitant(personne).filter(publiees, debut__lt=fin).order_by("debut", "pk")
        for session in sessions:
            if session.debut <= maintenant:
                passees.setdefault(session, []).append(personne)
            elif personne in (acteurs.eig, acteurs.porteur) or rng.random() < PART_DES_INSCRIPTIONS:
                session_inscrire(session, personne)
    seminaire = Session.objects.filter(promotion=acteurs.promotion, dispositif__slug="seminaire-porteurs",
                                       statut=Session.Statut.PUBLIEE, debut__gt=maintenant).order_by("debut").first()
    if seminaire and not seminaire.inscriptions.filter(personne=acteurs.porteur).exists():
        session_inscrire(seminaire, acteurs.porteur)
    # The attendance of sessions already held: people registered back then, which a service refuses now.
    Inscription.objects.bulk_create(
        Inscription(session=session, personne=personne) for session, gens in passees.items() for personne in gens
    )
    for session, gens in passees.items():
        presences_marquer(session, [p for p in gens if p == acteurs.eig or rng.random() < PART_DES_PRESENTS])
    comites_passes = Session.objects.filter(promotion=acteurs.promotion, dispositif__slug=COMITE,
                                            debut__lt=maintenant).prefetch_related("inscriptions")
    for session in comites_passes:
        presences_marquer(session, [i.personne_id for i in session.inscriptions.all()
                                    if rng.random() < PART_DES_PRESENTS_AUX_COMITES])


def _mentorat(acteurs: Acteurs) -> tuple[int, int]:
    """The demo coach and parrain offer weekly slots; eig@ and a teammate each book a cycle."""
    aujourd_hui = timezone.localdate()
    lundi = aujourd_hui + datetime.timedelta(days=7 - aujourd_hui.weekday())
    mentors = {"coach": acteurs.coach, "parrain": acteurs.parrain}
    series = []
    for mentor, type_mentorat, jour, heure, minutes, semaine, lieu in SERIES:
        debut = _instant(lundi + datetime.timedelta(days=jour, weeks=semaine), heure)
        series.append(creneaux_publier(mentors[mentor], type_mentorat=type_mentorat, debut=debut,
                                       duree_minutes=minutes, lieu=lieu, semaines=SEMAINES_PAR_SERIE))
    cycle_reserver(acteurs.eig, acteurs.coach, series[0], BESOINS_CYCLE_INDIVIDUEL)
    cycles = 1
    if acteurs.coequipiers:
        cycle_reserver(acteurs.coequipiers[0], acteurs.parrain, series[3], BESOINS_CYCLE_MENTORAT)
        cycles += 1
    return sum(len(s) for s in series), cycles


def _heures(acteurs: Acteurs) -> int:
    """The demo parrain's hours last month and this month, on the demo défi and two others with developers."""
    autres = Defi.objects.filter(promotion=acteurs.promotion, expertises__nom="Développement").exclude(
        pk=acteurs.defi.pk).order_by("titre")[:2]
    defis = [acteurs.defi, *autres]
    aujourd_hui = timezone.localdate()
    for mois, jour, rang, minutes, sujet in HEURES:
        premier = premier_du_mois(aujourd_hui) + relativedelta(months=mois)
        date = min(premier + datetime.timedelta(days=jour - 1), aujourd_hui)
        while date.weekday() >= 5 and date > premier:
            date -= datetime.timedelta(days=1)
        heure_saisir(acteurs.parrain, defis[rang % len(defis)], date, minutes, sujet)
    return len(HEURES)


def _carnets(acteurs: Acteurs) -> int:
    """eig@'s carnets of the months already over: levels that rise; this month is left to write."""
    mois, courant = premier_du_mois(acteurs.promotion.date_debut), premier_du_mois()
    nombre = 0
    for texte in CARNETS:
        if mois >= courant:
            break
        phase = acteurs.promotion.phase_en_cours(mois)
        champs = {nom: valeur for nom, valeur in texte.items() if nom != "niveaux"}
        niveaux = dict(zip(competences_de_la_phase(phase), texte["niveaux"]))
        carnet_enregistrer(acteurs.eig, mois=mois, phase=phase, niveaux=niveaux, **champs)
        mois = mois_suivant(mois)
        nombre += 1
    return nombre


def _bureau(acteurs: Acteurs) -> int:
    """One request of the demo team waits; another was taken by the tech coach and has its séance planned."""
    demande_aide_creer(defi=acteurs.defi, demandeur=acteurs.eig, **DEMANDE_EN_ATTENTE)
    demandeur = acteurs.coequipiers[-1] if acteurs.coequipiers else acteurs.porteur
    demande = demande_aide_creer(defi=acteurs.defi, demandeur=demandeur, **DEMANDE_PLANIFIEE)
    coach_tech = next((c for c in acteurs.coachs if c.fonction == "Coach tech"), acteurs.coach)
    demande_aide_prendre_en_charge(demande, coach=coach_tech)
    aujourd_hui = timezone.localdate()
    jeudi = aujourd_hui + datetime.timedelta(days=7 - aujourd_hui.weekday() + JEUDI)
    demande_aide_planifier(demande, par=coach_tech, seances=[{
        "debut": _instant(jeudi, datetime.time(10, 0)), "fin": _instant(jeudi, datetime.time(11, 30)),
        "lieu": "En visioconférence", "lien_visio": "https://webconf.numerique.gouv.fr/bureau-aide-hospiflux",
    }])
    return 2


def _evaluations(acteurs: Acteurs) -> int:
    """The demo défi's phase 1 support, submitted on time, and its published rapport; its phase 2 draft."""
    phases = {p.numero: p for p in acteurs.promotion.phases.all()}
    comite = Comite.objects.get(defi=acteurs.defi, phase=phases[1])
    support = support_enregistrer(comite, champs=SUPPORT_PHASE_1["champs"], objectifs=SUPPORT_PHASE_1["objectifs"],
                                  par=acteurs.porteur)
    support_soumettre(support, par=acteurs.porteur, maintenant=comite.echeance_support - datetime.timedelta(days=1))
    objectifs = Objectif.objects.filter(support=support).order_by("rang")
    atteintes = {o.pk: {"pourcentage": p, "commentaire": c}
                 for o, (p, c) in zip(objectifs, RAPPORT_PHASE_1["atteintes"])}
    rapport = rapport_enregistrer(comite, champs=RAPPORT_PHASE_1["champs"], atteintes=atteintes, par=acteurs.coach)
    rapport_publier(rapport, par=acteurs.coach, maintenant=comite.fin + datetime.timedelta(days=3))
    comite_2 = Comite.objects.get(defi=acteurs.defi, phase=phases[2])
    support_enregistrer(comite_2, champs=SUPPORT_PHASE_2["champs"], objectifs=SUPPORT_PHASE_2["objectifs"],
                        par=acteurs.eig)
    return 1


def accompagnement_construire(promotion: Promotion, demo: dict, rng) -> dict[str, int]:
    """Bring the demo promotion to life through the services; `demo` maps a role to its demo login.

    The planner drafts each défi's comité of each phase, which is that défi's comité (evaluations follows the
    planner's sessions). Returns how many of each thing were made, for the summary.
    """
    acteurs = _acteurs(promotion, demo, rng)
    comites = _calendrier(acteurs)
    _inscriptions(acteurs, rng, timezone.now())
    comptes = Counter(comites=comites, heures=_heures(acteurs), carnets=_carnets(acteurs))
    comptes["creneaux"], comptes["cycles"] = _mentorat(acteurs)
    demo_mentorat_collectif(promotion, acteurs.parrain, acteurs.eig, acteurs.autres_eig)
    comptes.update(demandes=_bureau(acteurs), rapports=_evaluations(acteurs))
    comptes["sessions"] = Session.objects.filter(promotion=promotion, statut=Session.Statut.PUBLIEE).count()
    comptes["inscriptions"] = Inscription.objects.filter(session__promotion=promotion).count()
    return comptes


def accompagnement_effacer(promotion: Promotion):
    """Remove what deleting the demo's people and défis would leave: the promotion's sessions, the history
    of its supports and rapports, their notification keys."""
    comites = Comite.objects.filter(defi__promotion=promotion)
    supports = list(Support.objects.filter(comite__in=comites).values_list("pk", flat=True))
    rapports = list(Rapport.objects.filter(comite__in=comites).values_list("pk", flat=True))
    comites.delete()
    for modele, champ, ids in [(Support, "id", supports), (Objectif, "support_id", supports),
                               (Rapport, "id", rapports), (AtteinteObjectif, "rapport_id", rapports)]:
        modele.history.model.objects.filter(**{f"{champ}__in": ids}).delete()
    if rapports:
        Notification.objects.filter(cle__regex=rf"^rapport:({'|'.join(map(str, rapports))}):publie:").delete()
    GroupePartage.objects.filter(promotion=promotion).delete()
    VagueMeteo.objects.filter(promotion=promotion).delete()
    Session.objects.filter(promotion=promotion).delete()
