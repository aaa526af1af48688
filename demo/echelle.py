"""National-scale data for the bench, built by `manage.py seed_scale` on PostgreSQL: about twenty promotions, one
starting every six months (the last one running, with 300 EIG, its year planned; the others past, with their
history), ten thousand people, a thousand défis, a hundred thousand sessions with 1.3 million registrations, weekly
météo rounds, carnets, heures, comités with their supports, and 600,000 recorded e-mails.

Rows go in by `bulk_create` (the tables whose ids are needed later) and by PostgreSQL's COPY (the large tables:
registrations, météo answers, carnets, notifications); every uniqueness and check constraint of the models holds.
A `facteur` scales every count (0.01 builds a small copy in seconds, for the tests). A seeded random generator:
two runs with the same factor give the same shape.
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from django.utils import timezone

from accompagnement.models import (
    AlerteMeteo,
    AutoEvaluation,
    CarnetDeBord,
    Dispositif,
    HeureAcceleration,
    Inscription,
    ReponseMeteo,
    Session,
    VagueMeteo,
)
from defis.models import Defi, MembreEquipe
from evaluations.models import Comite, Objectif, Support
from programme.dates import PARIS
from programme.factories import debut_promotion_en_cours
from programme.models import Administration, Competence, Expertise, Notification, Personne, Promotion, Role, Theme
from programme.services import promotion_creer

DOMAINE = "echelle.test"
GRAINE = 15
PROMOTIONS = 20
EIG_EN_COURS = 300
EIG_PAR_PROMOTION_PASSEE = 420
DEFIS_EN_COURS = 60
DEFIS_PAR_PROMOTION_PASSEE = 49
SESSIONS_EN_COURS = 8000
SESSIONS_PAR_PROMOTION_PASSEE = 4840
SESSIONS_DE_PROMOTION = 120  # conférences, séminaires, expéditions: most of the promotion registers
SESSIONS_PAR_DEFI = 40
SESSIONS_DE_L_EIG_CHARGE = 500
NOTIFICATIONS = 600_000
ADMINISTRATIONS = 200
COACHS = 8
PARRAINS = 150
INTERVENANTS = 60
LOT = 5000

PRENOMS = ["Camille", "Dominique", "Claude", "Alix", "Sacha", "Morgane", "Yanis", "Inès", "Léa", "Hugo", "Nora",
           "Jules", "Maëlle", "Karim", "Chloé", "Malik", "Sarah", "Louis", "Aïcha", "Théo", "Anaïs", "Bastien"]
NOMS = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand"]
METIERS = ["Développement", "Design", "Data science", "Produit", "Intelligence artificielle"]
THEMES = ["Santé", "Justice", "Environnement", "Éducation", "Culture", "Agriculture", "Transports", "Emploi"]
SUJETS = ["Vos prochaines sessions", "Rappel : votre carnet de bord du mois", "La météo de la semaine vous attend",
          "Rappel : votre session de demain", "Récapitulatif de vos heures d'accélération",
          "Votre support de comité est attendu"]
CATEGORIES = [Notification.Categorie.SERVICE, Notification.Categorie.RAPPEL_CARNET,
              Notification.Categorie.RAPPEL_METEO, Notification.Categorie.RAPPEL_SESSION,
              Notification.Categorie.RESUME_HEURES, Notification.Categorie.RAPPEL_COMITE]
HEURES_DE_SESSION = [datetime.time(9), datetime.time(10, 30), datetime.time(14), datetime.time(16)]


@dataclass
class Echelle:
    """Every count of the copy, scaled by `facteur` (never below what keeps its shape)."""

    facteur: float = 1.0
    promotions: int = field(init=False)

    def __post_init__(self):
        f = self.facteur
        self.promotions = max(2, min(PROMOTIONS, round(PROMOTIONS * f ** 0.5)))
        self.eig_en_cours = max(12, round(EIG_EN_COURS * f))
        self.eig_par_passee = max(10, round(EIG_PAR_PROMOTION_PASSEE * f))
        self.defis_en_cours = max(4, round(DEFIS_EN_COURS * f))
        self.defis_par_passee = max(3, round(DEFIS_PAR_PROMOTION_PASSEE * f))
        self.sessions_en_cours = max(60, round(SESSIONS_EN_COURS * f))
        self.sessions_par_passee = max(40, round(SESSIONS_PAR_PROMOTION_PASSEE * f))
        self.sessions_de_promotion = max(4, round(SESSIONS_DE_PROMOTION * f ** 0.5))
        self.sessions_par_defi = max(3, round(SESSIONS_PAR_DEFI * f ** 0.5))
        self.sessions_de_l_eig_charge = min(SESSIONS_DE_L_EIG_CHARGE, max(20, round(SESSIONS_DE_L_EIG_CHARGE * f)))
        self.notifications = max(200, round(NOTIFICATIONS * f))
        self.administrations = max(5, round(ADMINISTRATIONS * f))
        self.parrains = max(4, round(PARRAINS * f))
        self.intervenants = max(2, round(INTERVENANTS * f))


def base_refusee() -> str | None:
    """Why the current database cannot hold the copy (None when it can): COPY and the volumes need PostgreSQL."""
    if connection.vendor != "postgresql":
        return (f"seed_scale construit des millions de lignes par COPY et ne tourne que sur PostgreSQL ; la base "
                f"configurée est {connection.vendor}. Définissez DATABASE_URL=postgres://… puis relancez.")
    return None


def copier(modele, colonnes: list[str], lignes) -> int:
    """COPY `lignes` (tuples in the order of `colonnes`, model field names) into `modele`'s table; returns how many."""
    table = modele._meta.db_table
    noms = ", ".join(modele._meta.get_field(c).column for c in colonnes)
    n = 0
    with connection.cursor() as curseur, curseur.cursor.copy(f"COPY {table} ({noms}) FROM STDIN") as copie:
        for ligne in lignes:
            copie.write_row(ligne)
            n += 1
    return n


def _instant(jour: datetime.date, heure: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(jour, heure, tzinfo=PARIS)


def _jour_ouvre(jour: datetime.date) -> datetime.date:
    while jour.weekday() >= 5:
        jour += datetime.timedelta(days=1)
    return jour


class Construction:
    """One build of the copy: people first, then each promotion with its défis and accompagnement."""

    def __init__(self, echelle: Echelle, sortie=None):
        self.e = echelle
        self.rng = random.Random(GRAINE)
        self.maintenant = timezone.now()
        self.aujourdhui = timezone.localdate()
        self.sortie = sortie or (lambda texte: None)
        self.comptes = Counter()
        self.n_personne = 0

    # People ---------------------------------------------------------------------------------------------------
    def _personnes(self, nombre: int, fonction: str) -> list[Personne]:
        gens = []
        for _ in range(nombre):
            self.n_personne += 1
            prenom, nom = self.rng.choice(PRENOMS), self.rng.choice(NOMS)
            gens.append(Personne(
                email=f"p{self.n_personne}@{DOMAINE}", prenom=prenom, nom_usage=nom, fonction=fonction,
                password="!", date_joined=self.maintenant,
            ))
        return Personne.objects.bulk_create(gens, batch_size=LOT)

    def _taxonomies(self):
        self.metiers = [Expertise.objects.get_or_create(nom=nom)[0] for nom in METIERS]
        self.themes = [Theme.objects.get_or_create(nom=nom)[0] for nom in THEMES]
        self.administrations = Administration.objects.bulk_create(
            Administration(nom=f"Administration nationale n° {n}", sigle=f"AN{n}")
            for n in range(1, self.e.administrations + 1))
        self.dispositifs = {d.slug: d for d in Dispositif.objects.all()}
        self.competences = {}
        for c in Competence.objects.filter(public=Competence.Public.EIG).order_by("ordre", "nom"):
            self.competences.setdefault(c.phase, []).append(c)

    def construire(self) -> Counter:
        debut = time.perf_counter()
        self._taxonomies()
        self.coachs = self._personnes(COACHS, "Coach du programme")
        self.parrains = self._personnes(self.e.parrains, "Parrain ou marraine")
        self.intervenants = self._personnes(self.e.intervenants, "Intervenant ou intervenante")
        self.sponsors = self._personnes(self.e.administrations, "Sponsor")
        Personne.expertises.through.objects.bulk_create(
            Personne.expertises.through(personne_id=p.pk, expertise_id=self.rng.choice(self.metiers).pk)
            for p in self.coachs + self.parrains + self.intervenants)
        debut_en_cours = debut_promotion_en_cours()
        for rang in range(self.e.promotions):
            en_cours = rang == self.e.promotions - 1
            annees = self.e.promotions - 1 - rang
            with transaction.atomic():
                self._promotion(rang + 1, debut_en_cours - relativedelta(months=6 * annees), en_cours)
            self.sortie(f"  promotion {rang + 1}/{self.e.promotions} construite "
                        f"({time.perf_counter() - debut:.0f} s)")
        with transaction.atomic():
            self._eig_charge()
            self.comptes["notifications"] = self._notifications()
        self.sortie(f"  notifications enregistrées ({time.perf_counter() - debut:.0f} s)")
        with connection.cursor() as curseur:
            curseur.execute("ANALYZE")
        return self.comptes

    # One promotion --------------------------------------------------------------------------------------------
    def _promotion(self, numero: int, date_debut: datetime.date, en_cours: bool):
        promotion = promotion_creer(f"Promotion {numero}", numero=numero, date_debut=date_debut)
        self.phases = list(promotion.phases.order_by("numero"))
        nombre_eig = self.e.eig_en_cours if en_cours else self.e.eig_par_passee
        nombre_defis = self.e.defis_en_cours if en_cours else self.e.defis_par_passee
        eig = self._personnes(nombre_eig, "Entrepreneur ou entrepreneuse d'intérêt général")
        Personne.expertises.through.objects.bulk_create(
            Personne.expertises.through(personne_id=p.pk, expertise_id=self.metiers[n % len(self.metiers)].pk)
            for n, p in enumerate(eig))
        defis = Defi.objects.bulk_create(
            Defi(slug=f"defi-{numero}-{n}", titre=f"Défi {n} de la promotion {numero}",
                 description="Un défi d'intérêt général à l'échelle nationale.",
                 administration=self.administrations[(numero * 7 + n) % len(self.administrations)],
                 promotion=promotion, annee=date_debut.year, visible=True, corps="Présentation du défi.")
            for n in range(1, nombre_defis + 1))
        Defi.themes.through.objects.bulk_create(
            Defi.themes.through(defi_id=d.pk, theme_id=self.themes[n % len(self.themes)].pk)
            for n, d in enumerate(defis))
        porteurs = self._personnes(nombre_defis + nombre_defis // 3, "Porteur ou porteuse de projet")
        equipes = {d.pk: {"eig": [], "porteurs": []} for d in defis}
        membres = []
        for n, p in enumerate(eig):
            defi = defis[n % nombre_defis]
            equipes[defi.pk]["eig"].append(p)
            membres.append(MembreEquipe(defi=defi, personne=p, role=MembreEquipe.Role.EIG))
        for n, p in enumerate(porteurs):
            defi = defis[n % nombre_defis]
            equipes[defi.pk]["porteurs"].append(p)
            membres.append(MembreEquipe(defi=defi, personne=p, role=MembreEquipe.Role.PORTEUR))
        sponsors_de = {}
        for defi in defis:
            sponsor = self.sponsors[self.administrations.index(defi.administration) % len(self.sponsors)]
            sponsors_de[defi.pk] = sponsor
            membres.append(MembreEquipe(defi=defi, personne=sponsor, role=MembreEquipe.Role.SPONSOR))
        parrains = self.rng.sample(self.parrains, min(len(self.parrains), max(2, nombre_defis // 4)))
        MembreEquipe.objects.bulk_create(membres, batch_size=LOT)
        intervenants = self.rng.sample(self.intervenants, min(len(self.intervenants), 5))
        roles = ([Role(personne=p, promotion=promotion, type=Role.Type.EIG) for p in eig]
                 + [Role(personne=p, promotion=promotion, type=Role.Type.PORTEUR) for p in porteurs]
                 + [Role(personne=p, promotion=promotion, type=Role.Type.SPONSOR)
                    for p in {s.pk: s for s in sponsors_de.values()}.values()]
                 + [Role(personne=p, promotion=promotion, type=Role.Type.PARRAIN) for p in parrains]
                 + [Role(personne=p, promotion=promotion, type=Role.Type.INTERVENANT) for p in intervenants]
                 + [Role(personne=p, promotion=promotion, type=Role.Type.COACH) for p in self.coachs])
        if not en_cours:
            roles += [Role(personne=p, promotion=None, type=Role.Type.ALUMNI) for p in eig[::2]]
        Role.objects.bulk_create(roles, batch_size=LOT)
        self.comptes.update(promotions=1, defis=nombre_defis, eig=nombre_eig, porteurs=len(porteurs))
        self.promotion, self.eig, self.defis, self.equipes = promotion, eig, defis, equipes
        self.sponsors_de, self.parrains_promo = sponsors_de, parrains
        self._sessions(en_cours)
        self._comites(en_cours)
        self._meteo()
        self._carnets(en_cours)
        self._heures()
        if en_cours:
            self.en_cours = promotion

    def _phase_de(self, jour):
        return next((p for p in self.phases if p.date_debut <= jour <= p.date_fin), None)

    def _jour_au_hasard(self) -> datetime.date:
        p = self.promotion
        jours = (p.date_fin - p.date_debut).days - 3
        return _jour_ouvre(p.date_debut + datetime.timedelta(days=self.rng.randrange(jours)))

    def _session(self, slug, jour, *, audience, defi=None, titre=None, minutes=90):
        debut = _instant(jour, self.rng.choice(HEURES_DE_SESSION))
        dispositif = self.dispositifs[slug]
        phase = self._phase_de(jour)
        return Session(
            dispositif=dispositif, promotion=self.promotion, phase=phase, titre=titre or dispositif.nom,
            description=f"{dispositif.nom} de la {self.promotion}.", debut=debut,
            fin=debut + datetime.timedelta(minutes=minutes), lieu="DINUM, 20 avenue de Ségur, Paris 7e",
            audience=audience, defi=defi, statut=Session.Statut.PUBLIEE,
        )

    def _sessions(self, en_cours: bool):
        """The promotion's calendar: promotion-wide sessions, the défis' workshops and bureau d'aide, individual
        mentorat; registrations of the people invited (attendance marked on the sessions already held)."""
        total = self.e.sessions_en_cours if en_cours else self.e.sessions_par_passee
        sessions, publics = [], []
        promo_slugs = ["conference", "seminaire-integration", "seminaire-acceleration", "expedition-apprenante"]
        for n in range(self.e.sessions_de_promotion):
            slug = promo_slugs[n % len(promo_slugs)]
            sessions.append(self._session(slug, self._jour_au_hasard(), audience=Session.Audience.PROMOTION,
                                          titre=f"{self.dispositifs[slug].nom} n° {n + 1}", minutes=180))
            publics.append(("promotion", None))
        for defi in self.defis:
            for n in range(self.e.sessions_par_defi):
                slug = "atelier-collaboratif" if n % 3 else "bureau-aide"
                sessions.append(self._session(slug, self._jour_au_hasard(), audience=Session.Audience.DEFI,
                                              defi=defi, titre=f"{self.dispositifs[slug].nom} · {defi.titre}"))
                publics.append(("defi", defi.pk))
        while len(sessions) < total:
            personne = self.rng.choice(self.eig)
            sessions.append(self._session("mentorat-individuel", self._jour_au_hasard(),
                                          audience=Session.Audience.LISTE, titre="Mentorat individuel", minutes=60))
            publics.append(("liste", personne))
        sessions = Session.objects.bulk_create(sessions, batch_size=LOT)
        self.sessions = sessions
        tous = self.eig + [p for e in self.equipes.values() for p in e["porteurs"]]

        def lignes():
            for session, (public, qui) in zip(sessions, publics):
                if public == "promotion":
                    gens = self.rng.sample(tous, round(len(tous) * 0.85))
                elif public == "defi":
                    gens = self.equipes[qui]["eig"] + self.equipes[qui]["porteurs"]
                else:
                    gens = [qui]
                passee = session.debut < self.maintenant
                for personne in gens:
                    present = (self.rng.random() < 0.85) if passee else None
                    repondu = session.debut - datetime.timedelta(days=7)
                    yield (session.pk, personne.pk, Inscription.Statut.INSCRITE, present, repondu, repondu)

        n = copier(Inscription, ["session", "personne", "statut", "present", "created_at", "updated_at"], lignes())
        self.comptes.update(sessions=len(sessions), inscriptions=n)

    def _comites(self, en_cours: bool):
        """One comité per défi and phase, in the phase's last days, with its session and the team registered; the
        supports of the comités already held are submitted, the next phase's in draft."""
        sessions, comites = [], []
        for phase in self.phases:
            for n, defi in enumerate(self.defis):
                jour = _jour_ouvre(phase.date_fin - datetime.timedelta(days=4 + n % 3))
                debut = _instant(jour, datetime.time(9 + (n % 4) * 2))
                session = self._session("comite-evaluation", jour, audience=Session.Audience.DEFI, defi=defi,
                                        titre=f"Comité d'évaluation · {defi.titre}")
                session.debut, session.fin = debut, debut + datetime.timedelta(minutes=90)
                sessions.append(session)
                comites.append(Comite(defi=defi, phase=phase, debut=debut, duree_minutes=90,
                                      echeance_support=debut - datetime.timedelta(days=7)))
        sessions = Session.objects.bulk_create(sessions, batch_size=LOT)
        for comite, session in zip(comites, sessions):
            comite.session = session
        comites = Comite.objects.bulk_create(comites, batch_size=LOT)
        Comite.coachs.through.objects.bulk_create(
            (Comite.coachs.through(comite_id=c.pk, personne_id=self.coachs[n % len(self.coachs)].pk)
             for n, c in enumerate(comites)), batch_size=LOT)
        Comite.participants.through.objects.bulk_create(
            (Comite.participants.through(comite_id=c.pk, personne_id=p.pk)
             for c in comites for p in self.equipes[c.defi_id]["eig"] + self.equipes[c.defi_id]["porteurs"]),
            batch_size=LOT)
        copier(Inscription, ["session", "personne", "statut", "present", "created_at", "updated_at"], (
            (c.session.pk, p.pk, Inscription.Statut.INSCRITE, True if c.debut < self.maintenant else None,
             c.debut - datetime.timedelta(days=30), c.debut - datetime.timedelta(days=30))
            for c in comites for p in self.equipes[c.defi_id]["eig"] + self.equipes[c.defi_id]["porteurs"]))
        supports = []
        for c in comites:
            if c.echeance_support < self.maintenant:
                supports.append(Support(comite=c, statut=Support.Statut.SOUMIS, reussites="Des usages mesurés.",
                                        difficultes="L'accès aux données.", soumis_le=c.echeance_support,
                                        soumis_par=self.equipes[c.defi_id]["porteurs"][0]))
            elif c.echeance_support < self.maintenant + datetime.timedelta(days=60):
                supports.append(Support(comite=c, reussites="En cours d'écriture."))
        supports = Support.objects.bulk_create(supports, batch_size=LOT)
        Objectif.objects.bulk_create(
            (Objectif(support=s, rang=r, intitule=f"Objectif {r}", livrables="Un service en production.",
                      indicateurs="Nombre d'usagers.", atteinte=70 if s.statut == Support.Statut.SOUMIS else None)
             for s in supports for r in (1, 2)), batch_size=LOT)
        self.comptes.update(sessions=len(sessions), comites=len(comites), supports=len(supports))

    def _meteo(self):
        """A round every week of the promotion up to today; four answers in five, one in a hundred alerts."""
        jour = self.promotion.date_debut + datetime.timedelta(days=(4 - self.promotion.date_debut.weekday()) % 7)
        vagues = []
        while jour <= min(self.promotion.date_fin, self.aujourdhui - datetime.timedelta(days=7)):
            ouverte = _instant(jour, datetime.time(12))
            vagues.append(VagueMeteo(promotion=self.promotion, date=jour, ouverte_le=ouverte,
                                     fermee_le=ouverte + datetime.timedelta(days=7),
                                     relancee_le=ouverte + datetime.timedelta(days=5),
                                     cloturee_le=ouverte + datetime.timedelta(days=7)))
            jour += datetime.timedelta(weeks=1)
        vagues = VagueMeteo.objects.bulk_create(vagues, batch_size=LOT)

        def lignes():
            for v in vagues:
                for n, personne in enumerate(self.eig):
                    if self.rng.random() < 0.8:
                        niveau = self.rng.choice([2, 3, 3, 4, 4, 4, 5, 5])
                        yield (v.pk, personne.pk, v.ouverte_le, v.ouverte_le + datetime.timedelta(hours=3 + n % 48),
                               niveau, max(1, niveau - 1), niveau, "Une semaine utile.", "", niveau == 2)
                    else:
                        yield (v.pk, personne.pk, v.ouverte_le, None, None, None, None, "", "", False)

        n = copier(ReponseMeteo, ["vague", "eig", "invitee_le", "repondue_le", "meteo", "vie_equipe",
                                  "epanouissement", "reussites", "difficultes", "souhaite_echanger"], lignes())
        alertes = ReponseMeteo.objects.filter(vague__promotion=self.promotion, souhaite_echanger=True)
        m = copier(AlerteMeteo, ["reponse", "motif", "created_at", "traitee_le"], (
            (pk, AlerteMeteo.Motif.ECHANGE, repondue, repondue + datetime.timedelta(days=2))
            for pk, repondue in list(alertes.values_list("pk", "repondue_le"))))
        self.comptes.update(vagues=len(vagues), reponses_meteo=n, alertes_meteo=m)

    def _carnets(self, en_cours: bool):
        """The carnet of each month over, for nine EIG in ten; the running promotion's with their self-evaluations."""
        mois = self.promotion.date_debut.replace(day=1)
        lignes = []
        while mois < min(self.promotion.date_fin, self.aujourdhui.replace(day=1)):
            phase = self._phase_de(mois)
            for personne in self.eig:
                if self.rng.random() < 0.9:
                    lignes.append(CarnetDeBord(eig=personne, mois=mois, phase=phase, objectifs="Livrer la V1.",
                                               apprentissages="Le droit des données.", besoins="",
                                               created_at=self.maintenant, updated_at=self.maintenant))
            mois += relativedelta(months=1)
        carnets = CarnetDeBord.objects.bulk_create(lignes, batch_size=LOT)
        if en_cours:
            AutoEvaluation.objects.bulk_create(
                (AutoEvaluation(carnet=c, competence=comp, niveau=1 + (c.pk + comp.pk) % 4)
                 for c in carnets if c.phase for comp in self.competences.get(c.phase.numero, [])), batch_size=LOT)
        self.comptes.update(carnets=len(carnets))

    def _heures(self):
        """Three entries a month per défi by its parrain or marraine, until today."""
        heures = []
        mois = self.promotion.date_debut
        fin = min(self.promotion.date_fin, self.aujourdhui)
        while mois <= fin:
            for n, defi in enumerate(self.defis):
                parrain = self.parrains_promo[n % len(self.parrains_promo)]
                for k in range(3):
                    jour = min(_jour_ouvre(mois + datetime.timedelta(days=3 + 7 * k)), fin)
                    heures.append(HeureAcceleration(parrain=parrain, defi=defi, date=jour,
                                                    duree_minutes=30 + 30 * (k + n) % 120,
                                                    sujet="Revue d'architecture"))
            mois += relativedelta(months=1)
        HeureAcceleration.objects.bulk_create(heures, batch_size=LOT)
        self.comptes.update(heures=len(heures))

    # The whole copy -------------------------------------------------------------------------------------------
    def _eig_charge(self):
        """One EIG of the running promotion registered to 500 of its sessions: the busy agenda the bench opens."""
        promotion = self.en_cours
        eig = Personne.objects.filter(roles__promotion=promotion, roles__type=Role.Type.EIG).order_by("pk").first()
        eig.email = f"eig.chargee@{DOMAINE}"
        eig.prenom, eig.nom_usage = "Camille", "Chargée"
        eig.save(update_fields=["email", "prenom", "nom_usage"])
        deja = set(Inscription.objects.filter(personne=eig).values_list("session_id", flat=True))
        manque = self.e.sessions_de_l_eig_charge - len(deja)
        if manque > 0:
            candidates = list(Session.objects.filter(promotion=promotion, comite__isnull=True)
                              .exclude(pk__in=deja).values_list("pk", "debut"))
            choisies = self.rng.sample(candidates, min(manque, len(candidates)))
            copier(Inscription, ["session", "personne", "statut", "present", "created_at", "updated_at"], (
                (pk, eig.pk, Inscription.Statut.INSCRITE, True if debut < self.maintenant else None,
                 self.maintenant, self.maintenant) for pk, debut in choisies))
            self.comptes["inscriptions"] += len(choisies)

    def _notifications(self) -> int:
        """Sent e-mails over the years, for every person: most already purged of their text."""
        personnes = list(Personne.objects.filter(email__isnull=False).values_list("pk", "email"))
        debut = self.maintenant - datetime.timedelta(days=182 * self.e.promotions)
        pas = (self.maintenant - debut) / self.e.notifications

        def lignes():
            for n in range(self.e.notifications):
                pk, email = personnes[n % len(personnes)]
                cree = debut + pas * n
                categorie = CATEGORIES[n % len(CATEGORIES)]
                yield (f"echelle:{n}", pk, email, categorie, SUJETS[n % len(SUJETS)], "", "",
                       Notification.Statut.ENVOYEE, 1, "", cree, cree, cree + datetime.timedelta(seconds=30))

        return copier(Notification, ["cle", "destinataire", "adresse", "categorie", "sujet", "texte", "html", "statut",
                                     "tentatives", "derniere_erreur", "derniere_tentative_le", "created_at",
                                     "envoyee_le"], lignes())


def echelle_effacer():
    """Empty the tables the copy fills (TRUNCATE … CASCADE): `seed_scale --reset` starts from a blank programme,
    the referentials loaded by the migrations (dispositifs, compétences, domaines) kept."""
    tables = [m._meta.db_table for m in (Personne, Promotion, Administration, Notification, Defi)]
    with connection.cursor() as curseur:
        curseur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def echelle_construire(facteur: float = 1.0, sortie=None) -> Counter:
    """Build the copy at `facteur`; returns how many of each were made (promotions, people, sessions…)."""
    construction = Construction(Echelle(facteur), sortie)
    comptes = construction.construire()
    comptes["personnes"] = construction.n_personne
    return comptes


def comptes_par_table() -> list[tuple[str, int]]:
    """Rows in each table of the copy, for the summary (estimated by PostgreSQL after ANALYZE would be faster,
    exact counts stay within a few seconds)."""
    modeles = [Promotion, Personne, Role, Defi, MembreEquipe, Session, Inscription, Comite, Support, Objectif,
               VagueMeteo, ReponseMeteo, AlerteMeteo, CarnetDeBord, AutoEvaluation, HeureAcceleration, Notification]
    return [(m._meta.verbose_name_plural, m.objects.count()) for m in modeles]

