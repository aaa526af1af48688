"""factory-boy factories of the evaluations: comités (created by the service, so their session exists),
supports with objectives and files, rapports with their measures."""

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from defis.factories import DefiFactory

from .models import AtteinteObjectif, Comite, Objectif, PieceJointe, Rapport, Support
from .services.comites import comite_creer

# The smallest file that `programme.fichiers` recognises as a PDF.
PDF_MINIMAL = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class ComiteFactory(DjangoModelFactory):
    """A défi's comité for phase `numero` (2, the running one, unless told), dated by default on the phase's
    last working day at 2 p.m.; `coachs` and `participants` take lists (the team by default)."""

    class Meta:
        model = Comite

    class Params:
        numero = 2

    defi = factory.SubFactory(DefiFactory)
    phase = factory.LazyAttribute(lambda o: o.defi.promotion.phases.get(numero=o.numero))
    debut = None

    @classmethod
    def _create(cls, model_class, defi, phase, debut=None, coachs=(), participants=None, **champs):
        return comite_creer(defi, phase, debut=debut, coachs=coachs, participants=participants, **champs)


class SupportFactory(DjangoModelFactory):
    """A draft support of a comité, with its texts filled in."""

    class Meta:
        model = Support

    comite = factory.SubFactory(ComiteFactory)
    reussites = "Trois services pilotes ont adopté le prototype."
    difficultes = "L'accès aux données de production a pris six semaines."
    aide_souhaitee = "Un regard sur la stratégie d'ouverture du code."
    objectifs_phase_suivante = "Passer de trois à dix services utilisateurs."


class ObjectifFactory(DjangoModelFactory):
    """An objective of a support, ranked after the existing ones."""

    class Meta:
        model = Objectif

    support = factory.SubFactory(SupportFactory)
    rang = factory.LazyAttribute(lambda o: o.support.objectifs.count() + 1)
    intitule = factory.Sequence(lambda n: f"Objectif d'essai n° {n} : mesurer l'usage du service")
    livrables = "Un tableau de bord public."
    indicateurs = "Nombre d'utilisateurs actifs par semaine."
    atteinte = 60


class PieceJointeFactory(DjangoModelFactory):
    """A small PDF attached to a support, in the private storage."""

    class Meta:
        model = PieceJointe

    support = factory.SubFactory(SupportFactory)
    nom = "support-comite.pdf"
    type = "pdf"
    taille = len(PDF_MINIMAL)
    fichier = factory.LazyFunction(lambda: ContentFile(PDF_MINIMAL, name="support-comite.pdf"))


class RapportFactory(DjangoModelFactory):
    """A draft rapport of a comité, with its texts and an orientation."""

    class Meta:
        model = Rapport

    comite = factory.SubFactory(ComiteFactory)
    synthese = "Une équipe soudée, un prototype testé ; l'enjeu est désormais l'adoption."
    reussites = "Les tests utilisateurs ont été menés avec rigueur."
    points_attention = "Le calendrier de mise en production reste incertain."
    recommandations = "Préparer un plan de déploiement avec la DSI avant la phase suivante."
    orientation = Rapport.Orientation.POURSUIVRE


class AtteinteObjectifFactory(DjangoModelFactory):
    """The coaches' measure of an objective of the support."""

    class Meta:
        model = AtteinteObjectif

    rapport = factory.SubFactory(RapportFactory)
    objectif = factory.SubFactory(ObjectifFactory)
    pourcentage = 50
    commentaire = "Bien engagé, à confirmer."
