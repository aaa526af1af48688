"""factory-boy factories of the programme: people, promotions with their four phases, taxonomies and roles.

Used by the tests and by the `seed_demo` command; fake data is French (Faker's fr_FR locale).
"""

import datetime

import factory
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import Administration, Expertise, Personne, Promotion, Role, Theme
from .services import promotion_creer

METIERS = [
    "Développement", "Design", "Data science", "Direction de produit", "Data engineering",
    "Direction technique", "Direction de l'impact", "Juriste", "Direction des opérations", "Géomatique",
]
THEMES = [
    "Santé", "Justice", "Environnement", "Agriculture", "Culture", "Education", "Travail", "Sécurité",
    "Logement", "Finance", "Citoyenneté", "Numérique public", "Social", "Protection sociale", "Formation",
]
MINISTERES = [
    "Ministère de la Justice", "Ministère de l'Intérieur", "Ministère de la Culture", "Ministère des Armées",
    "Ministère de la Transition écologique", "Ministère du Travail et de l'Emploi",
    "Ministère de l'Éducation nationale", "Ministère de l'Économie et des Finances",
]


def debut_promotion_en_cours(jour: datetime.date | None = None) -> datetime.date:
    """The first day of the month three months before `jour` (today): a promotion starting then is in phase 2."""
    jour = jour or timezone.localdate()
    return jour.replace(day=1) - relativedelta(months=3)


class PersonneFactory(DjangoModelFactory):
    """A person with a French name, a unique address and no usable password (login is by code)."""

    class Meta:
        model = Personne
        skip_postgeneration_save = True

    class Params:
        femme = factory.Trait(prenom=factory.Faker("first_name_female", locale="fr_FR"))
        homme = factory.Trait(prenom=factory.Faker("first_name_male", locale="fr_FR"))

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    prenom = factory.Faker("first_name", locale="fr_FR")
    nom_usage = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(None)


class PromotionFactory(DjangoModelFactory):
    """A running promotion, created by `promotion_creer` so that its four phases exist; phase 2 runs today."""

    class Meta:
        model = Promotion

    numero = factory.Sequence(lambda n: 100 + n)
    nom = factory.LazyAttribute(lambda o: f"Promotion {o.numero}")
    date_debut = factory.LazyFunction(debut_promotion_en_cours)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return promotion_creer(*args, **kwargs)


class AdministrationFactory(DjangoModelFactory):
    """A host administration: a direction of a ministry, with its acronym."""

    class Meta:
        model = Administration

    nom = factory.Sequence(lambda n: f"{MINISTERES[n % len(MINISTERES)]} – Direction du numérique n° {n}")
    sigle = factory.Sequence(lambda n: f"DNUM{n}")


class ExpertiseFactory(DjangoModelFactory):
    """A métier of the real vocabulary, taken in turn; an existing one is reused."""

    class Meta:
        model = Expertise
        django_get_or_create = ["nom"]

    nom = factory.Sequence(lambda n: METIERS[n % len(METIERS)])


class ThemeFactory(DjangoModelFactory):
    """A thématique of the public site, taken in turn; an existing one is reused."""

    class Meta:
        model = Theme
        django_get_or_create = ["nom"]

    nom = factory.Sequence(lambda n: THEMES[n % len(THEMES)])


class RoleFactory(DjangoModelFactory):
    """A role in a promotion (EIG unless told otherwise)."""

    class Meta:
        model = Role

    personne = factory.SubFactory(PersonneFactory)
    promotion = factory.SubFactory(PromotionFactory)
    type = Role.Type.EIG


class PersonneAvecRoleFactory(PersonneFactory):
    """A person holding a role of `type_role` in `promotion` (created unless given; None: the whole programme)."""

    class Params:
        type_role = Role.Type.EIG
        promotion = factory.SubFactory(PromotionFactory)

    role = factory.RelatedFactory(
        RoleFactory, factory_related_name="personne",
        type=factory.SelfAttribute("..type_role"), promotion=factory.SelfAttribute("..promotion"),
    )


class CoachFactory(PersonneAvecRoleFactory):
    """A coach of the programme team: their role opens the admin to them."""

    class Params:
        type_role = Role.Type.COACH


class EIGFactory(PersonneAvecRoleFactory):
    """An entrepreneur or entrepreneuse d'intérêt général of a promotion."""

    class Params:
        type_role = Role.Type.EIG


class PorteurFactory(PersonneAvecRoleFactory):
    """A porteur or porteuse de projet of a promotion."""

    class Params:
        type_role = Role.Type.PORTEUR


class SponsorFactory(PersonneAvecRoleFactory):
    """A sponsor of a promotion."""

    class Params:
        type_role = Role.Type.SPONSOR


class ParrainFactory(PersonneAvecRoleFactory):
    """A parrain or marraine of a promotion."""

    class Params:
        type_role = Role.Type.PARRAIN


class IntervenantFactory(PersonneAvecRoleFactory):
    """An intervenant or intervenante of a promotion."""

    class Params:
        type_role = Role.Type.INTERVENANT


class AlumniFactory(PersonneAvecRoleFactory):
    """A former EIG."""

    class Params:
        type_role = Role.Type.ALUMNI
