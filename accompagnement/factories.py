"""factory-boy factories of the accompagnement, one block per domain (sessions first, then the others').

The seventeen dispositifs exist from the migration: factories fetch them by slug (`dispositif("conference")`)
rather than create new ones.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from programme.dates import premier_du_mois
from programme.factories import PersonneFactory, PromotionFactory

from .models import Dispositif, Inscription, Session


def dispositif(slug: str) -> Dispositif:
    """A dispositif of the catalogue, loaded by the migration (and again after a flush, by tests/conftest.py)."""
    return Dispositif.objects.get(slug=slug)


def _debut_par_defaut():
    """The Thursday at least a week away, 17:00 in Paris: a session still to come, on a working day."""
    jour = timezone.localdate() + datetime.timedelta(days=7)
    jour += datetime.timedelta(days=(3 - jour.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(17, 0)))


class SessionFactory(DjangoModelFactory):
    """A published conférence of a running promotion, on a Thursday to come, open to the whole promotion.

    `dispositif` takes a slug or a Dispositif; `facilitateurs` and `invites` take lists of people.
    """

    class Meta:
        model = Session
        skip_postgeneration_save = True

    dispositif = "conference"
    promotion = factory.SubFactory(PromotionFactory)
    titre = factory.Sequence(lambda n: f"Conférence n° {n} : l'accessibilité des services publics")
    description = "Une heure trente pour découvrir le sujet avec une spécialiste, et échanger."
    debut = factory.LazyFunction(_debut_par_defaut)
    fin = factory.LazyAttribute(lambda o: o.debut + datetime.timedelta(minutes=90))
    lieu = "DINUM, 20 avenue de Ségur, Paris 7e"
    audience = Session.Audience.PROMOTION
    statut = Session.Statut.PUBLIEE

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("dispositif"), str):
            kwargs["dispositif"] = dispositif(kwargs["dispositif"])
        return kwargs

    @factory.post_generation
    def facilitateurs(obj, create, extracted, **kwargs):
        """The people who lead the session, when a list is given."""
        if create and extracted:
            obj.facilitateurs.set(extracted)

    @factory.post_generation
    def invites(obj, create, extracted, **kwargs):
        """The invited people of an audience « liste », when a list is given."""
        if create and extracted:
            obj.invites.set(extracted)


class InscriptionFactory(DjangoModelFactory):
    """A person registered to a session (statut « inscrite » unless told otherwise)."""

    class Meta:
        model = Inscription

    session = factory.SubFactory(SessionFactory)
    personne = factory.SubFactory(PersonneFactory)
    statut = Inscription.Statut.INSCRITE



class DemandeAideFactory(DjangoModelFactory):
    """A new request to the bureau d'aide, filed by an EIG who joins the défi's team if not already in it."""

    class Meta:
        model = "accompagnement.DemandeAide"
        skip_postgeneration_save = True

    defi = factory.SubFactory("defis.factories.DefiFactory")
    demandeur = factory.SubFactory("programme.factories.EIGFactory",
                                   promotion=factory.SelfAttribute("..defi.promotion"))
    nature = "experimentation"
    description = ("Nous voulons tester deux parcours d'inscription auprès des usagers : "
                   "comment construire le protocole ?")

    @factory.post_generation
    def equipe(obj, create, extracted, **kwargs):
        """The demandeur is a member of the défi's team (as EIG, unless they already are in it)."""
        if create and obj.demandeur and not obj.defi.membres.filter(personne=obj.demandeur).exists():
            obj.defi.membres.create(personne=obj.demandeur, role="eig")


class CarnetDeBordFactory(DjangoModelFactory):
    """An EIG's carnet de bord for the current month, in the phase running then.

    `niveaux` takes a dict {Competence: niveau} to fill the self-assessment.
    """

    class Meta:
        model = "accompagnement.CarnetDeBord"
        skip_postgeneration_save = True

    eig = factory.SubFactory("programme.factories.EIGFactory")
    mois = factory.LazyFunction(premier_du_mois)
    phase = factory.LazyAttribute(
        lambda o: next((role.promotion.phase_en_cours(o.mois) for role in o.eig.roles.filter(type="eig")
                        .select_related("promotion") if role.promotion), None)
    )
    objectifs = "Mener cinq entretiens avec des usagers et publier le premier prototype."
    apprentissages = "La conduite d'entretiens semi-directifs."
    parcours = "Rester dans le numérique public après le programme."
    besoins = "Un regard extérieur sur notre protocole de test."

    @factory.post_generation
    def niveaux(obj, create, extracted, **kwargs):
        """The self-assessment, when a dict {Competence: niveau} is given."""
        if create and extracted:
            for competence, niveau in extracted.items():
                obj.evaluations.create(competence=competence, niveau=niveau)


def _debut_de_creneau(rang: int, heure_du_jour: int) -> datetime.datetime:
    """From next Monday, in Paris, three distinct starts a day two hours apart: one per `rang`."""
    aujourd_hui = timezone.localdate()
    lundi = aujourd_hui + datetime.timedelta(days=7 - aujourd_hui.weekday())
    jour = lundi + datetime.timedelta(days=rang // 3)
    heure = datetime.datetime.combine(jour, datetime.time(heure_du_jour)) + datetime.timedelta(hours=2 * (rang % 3))
    return timezone.make_aware(heure)


class CreneauFactory(DjangoModelFactory):
    """A free slot of mentorat individuel (1 h) offered by a coach, from next Monday morning.

    For the mentorat of the specialists: `CreneauFactory(type="mentorat", mentor=parrain)` lasts 1 h 30.
    """

    class Meta:
        model = "accompagnement.Creneau"

    mentor = factory.SubFactory("programme.factories.CoachFactory")
    type = "individuel"
    debut = factory.Sequence(lambda n: _debut_de_creneau(n, heure_du_jour=8))
    fin = factory.LazyAttribute(lambda o: o.debut + datetime.timedelta(minutes=90 if o.type == "mentorat" else 60))
    lieu = "https://webinaire.numerique.gouv.fr/mentorat"


class CycleFactory(DjangoModelFactory):
    """A booked cycle of mentorat individuel: an EIG, a coach, four weekly slots from next week, all held.

    `premiere_seance` sets when the four weekly séances start; `creneaux` books given slots instead.
    """

    class Meta:
        model = "accompagnement.Cycle"

    demandeur = factory.SubFactory("programme.factories.EIGFactory")
    mentor = factory.SubFactory("programme.factories.CoachFactory")
    type = "individuel"
    besoins = "Structurer ma démarche de recherche utilisateur et prioritiser les fonctionnalités du prototype."
    premiere_seance = factory.Sequence(lambda n: _debut_de_creneau(n, heure_du_jour=14))
    creneaux = None

    @classmethod
    def _create(cls, model_class, *args, premiere_seance, creneaux, **kwargs):
        cycle = super()._create(model_class, *args, **kwargs)
        creneaux = creneaux or [
            CreneauFactory(mentor=cycle.mentor, type=cycle.type, debut=premiere_seance + datetime.timedelta(weeks=rang))
            for rang in range(4)
        ]
        for creneau in creneaux:
            cycle.reservations.create(creneau=creneau)
        return cycle


class HeureAccelerationFactory(DjangoModelFactory):
    """An hour given today to a défi by a parrain of its promotion (the cap is the service's business)."""

    class Meta:
        model = "accompagnement.HeureAcceleration"

    defi = factory.SubFactory("defis.factories.DefiFactory")
    parrain = factory.SubFactory("programme.factories.ParrainFactory",
                                 promotion=factory.SelfAttribute("..defi.promotion"))
    date = factory.LazyFunction(timezone.localdate)
    duree_minutes = 60
    sujet = "Revue de l'architecture et des choix d'hébergement"
