import factory
from factory.django import DjangoModelFactory

from .models import Ressource


class RessourceFactory(DjangoModelFactory):
    class Meta:
        model = Ressource
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"ressource-{n}")
    titre = factory.Sequence(lambda n: f"Ressource {n}")
    groupe = Ressource.Groupe.RESSOURCES
    contenu = "[[toc]]\n\n## Pour commencer\n\n::: tip À retenir\nUn conseil des coachs.\n:::\n"
