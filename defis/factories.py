"""factory-boy factories of the défis: the défi itself, its réalisations and its team members."""

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from programme.factories import AdministrationFactory, PersonneAvecRoleFactory, PromotionFactory

from .models import Defi, MembreEquipe, Realisation


def corps_markdown(defi_a_relever: str, hypothese: str) -> str:
    """The markdown body of a défi, with the two sections every défi page opens with."""
    return f"## Le défi à relever\n\n{defi_a_relever}\n\n## L'hypothèse à vérifier\n\n{hypothese}\n"


class DefiFactory(DjangoModelFactory):
    """A visible défi of a running promotion, carried by an administration.

    `themes` and `expertises` take a list of Theme or Expertise: `DefiFactory(expertises=[design, data])`.
    """

    class Meta:
        model = Defi
        skip_postgeneration_save = True

    titre = factory.Faker("catch_phrase", locale="fr_FR")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.titre)[:180]}-{n}")
    description = factory.Faker("sentence", nb_words=14, locale="fr_FR")
    administration = factory.SubFactory(AdministrationFactory)
    promotion = factory.SubFactory(PromotionFactory)
    ville = factory.Faker("city", locale="fr_FR")
    annee = factory.LazyAttribute(lambda o: getattr(o.promotion and o.promotion.date_debut, "year", None))
    visible = True
    corps = factory.LazyAttribute(
        lambda o: corps_markdown(
            o.description,
            "Une équipe pluridisciplinaire, en dix mois, peut livrer un service utile et mesurer son impact.",
        )
    )

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        """The défi's thèmes, when a list is given."""
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def expertises(obj, create, extracted, **kwargs):
        """The métiers the défi looks for, when a list is given."""
        if create and extracted:
            obj.expertises.set(extracted)


class RealisationFactory(DjangoModelFactory):
    """What a défi opened: a source code repository unless told otherwise."""

    class Meta:
        model = Realisation

    defi = factory.SubFactory(DefiFactory)
    type = Realisation.Type.CODE
    titre = factory.LazyAttribute(lambda o: f"Code source de {o.defi.titre}")
    url = factory.Sequence(lambda n: f"https://git.exemple.test/defis/realisation-{n}")


class MembreEquipeFactory(DjangoModelFactory):
    """A team member (EIG unless told otherwise); a new person also gets the same role in the défi's promotion."""

    class Meta:
        model = MembreEquipe

    defi = factory.SubFactory(DefiFactory)
    role = MembreEquipe.Role.EIG
    personne = factory.SubFactory(
        PersonneAvecRoleFactory,
        type_role=factory.SelfAttribute("..role"), promotion=factory.SelfAttribute("..defi.promotion"),
    )

