"""The carnet de bord's writes and reads: one entry per EIG and month, the running phase's compétences, last
month's objectives coming back, the levels held between 1 and 4 by the database."""

import threading

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from accompagnement.factories import CarnetDeBordFactory
from accompagnement.models import AutoEvaluation, CarnetDeBord
from accompagnement.selectors import carnet as selectors
from accompagnement.services.carnet import carnet_enregistrer
from programme.dates import premier_du_mois
from programme.factories import EIGFactory, PromotionFactory
from programme.models import Competence

pytestmark = pytest.mark.django_db


@pytest.fixture
def eig():
    """An EIG of a promotion in its phase 2 today."""
    return EIGFactory(promotion=PromotionFactory())


def _phase(eig):
    return selectors.promotion_de_l_eig(eig).phase_en_cours()


def test_carnet_cree_puis_mis_a_jour_sans_doublon(eig):
    """Saving the month's entry twice updates the same row: one entry per EIG and month."""
    mois, phase = premier_du_mois(), _phase(eig)
    competences = selectors.competences_de_la_phase(phase)
    premier = carnet_enregistrer(eig, mois=mois, phase=phase, objectifs="Publier le prototype.",
                                 niveaux={c: 1 for c in competences})
    second = carnet_enregistrer(eig, mois=mois, phase=phase, objectifs="Publier le prototype et le tester.",
                                besoins="Des usagers à interroger.", niveaux={c: 3 for c in competences})
    assert CarnetDeBord.objects.filter(eig=eig).count() == 1 and premier.pk == second.pk
    second.refresh_from_db()
    assert second.objectifs == "Publier le prototype et le tester." and second.besoins == "Des usagers à interroger."
    assert sorted(second.evaluations.values_list("niveau", flat=True)) == [3] * len(competences)
    assert AutoEvaluation.objects.count() == len(competences)


def test_carnet_enregistre_le_premier_du_mois(eig):
    """Whatever day is given, the entry is the month's (its first day)."""
    phase = _phase(eig)
    carnet = carnet_enregistrer(eig, mois=premier_du_mois().replace(day=17), phase=phase, objectifs="x")
    assert carnet.mois == premier_du_mois()


def test_competences_sont_celles_de_la_phase_en_cours_pour_les_eig(eig):
    """The grid is the EIG compétences of the running phase (phase 2 today), in the programme's order."""
    phase = _phase(eig)
    assert phase.numero == 2
    noms = [c.nom for c in selectors.competences_de_la_phase(phase)]
    assert noms == ["Architecture agile", "Logiciel libre", "Système de design de l'État", "Accessibilité numérique",
                    "Écoconception"]
    assert not set(noms) & set(Competence.objects.filter(public="porteur").values_list("nom", flat=True))


def test_carnet_refuse_une_competence_d_une_autre_phase(eig):
    """A compétence of another phase, or of the porteurs, is not part of this month's self-assessment."""
    phase = _phase(eig)
    for autre in (Competence.objects.filter(phase=1, public="eig").first(),
                  Competence.objects.filter(phase=2, public="porteur").first()):
        with pytest.raises(ValidationError, match="n'est pas une compétence de la phase en cours"):
            carnet_enregistrer(eig, mois=premier_du_mois(), phase=phase, objectifs="x", niveaux={autre: 2})
    assert CarnetDeBord.objects.count() == 0


@pytest.mark.parametrize("niveau", [0, 5])
def test_carnet_refuse_un_niveau_hors_de_1_a_4(eig, niveau):
    """The service refuses a level outside 1–4 before writing anything."""
    phase = _phase(eig)
    competence = selectors.competences_de_la_phase(phase)[0]
    with pytest.raises(ValidationError, match="va de 1 à 4"):
        carnet_enregistrer(eig, mois=premier_du_mois(), phase=phase, objectifs="x", niveaux={competence: niveau})


@pytest.mark.parametrize("niveau", [0, 5])
def test_niveau_hors_de_1_a_4_refuse_par_la_base(eig, niveau):
    """Even written directly, a level outside 1–4 is refused by the database's check constraint."""
    carnet = CarnetDeBordFactory(eig=eig)
    with pytest.raises(IntegrityError), transaction.atomic():
        AutoEvaluation.objects.create(carnet=carnet, competence=Competence.objects.first(), niveau=niveau)


def test_deux_entrees_pour_un_meme_mois_refusees_par_la_base(eig):
    """The database itself holds one entry per EIG and month."""
    CarnetDeBordFactory(eig=eig)
    with pytest.raises(IntegrityError), transaction.atomic():
        CarnetDeBord.objects.create(eig=eig, mois=premier_du_mois(), objectifs="Doublon")


def test_auto_evaluation_devient_exactement_celle_enregistree(eig):
    """Saving again with fewer compétences removes the others: the entry holds what was last saved."""
    mois, phase = premier_du_mois(), _phase(eig)
    a, b = selectors.competences_de_la_phase(phase)[:2]
    carnet = carnet_enregistrer(eig, mois=mois, phase=phase, objectifs="x", niveaux={a: 1, b: 2})
    carnet_enregistrer(eig, mois=mois, phase=phase, objectifs="x", niveaux={a: 4})
    assert dict(carnet.evaluations.values_list("competence", "niveau")) == {a.pk: 4}


def test_objectifs_du_dernier_carnet_precedent_reviennent(eig):
    """Last entry before this month comes back (even with a month skipped), never this month's or another EIG's."""
    mois = premier_du_mois()
    CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=3), objectifs="Très anciens")
    CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=2), objectifs="Rencontrer les agents")
    CarnetDeBordFactory(eig=eig, mois=mois, objectifs="Ce mois-ci")
    CarnetDeBordFactory(mois=mois - relativedelta(months=1), objectifs="D'un autre EIG")
    assert selectors.carnet_precedent(eig, mois).objectifs == "Rencontrer les agents"
    assert selectors.carnet_precedent(eig, mois - relativedelta(months=3)) is None


def test_evolution_donne_le_niveau_de_chaque_competence_chaque_mois(eig):
    """The chart's data: months oldest first × compétences by phase, None where a compétence was not assessed."""
    mois = premier_du_mois()
    p1 = list(Competence.objects.filter(phase=1, public="eig").order_by("ordre", "nom")[:1])
    p2 = list(Competence.objects.filter(phase=2, public="eig").order_by("ordre", "nom")[:2])
    CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=2), niveaux={p1[0]: 1})
    CarnetDeBordFactory(eig=eig, mois=mois - relativedelta(months=1), niveaux={p2[0]: 2, p2[1]: 1})
    CarnetDeBordFactory(eig=eig, mois=mois, niveaux={p2[0]: 3, p2[1]: 2})
    evolution = selectors.evolution_competences(selectors.carnets_de(eig))
    assert evolution.mois == [mois - relativedelta(months=2), mois - relativedelta(months=1), mois]
    assert [(ligne.competence, ligne.niveaux) for ligne in evolution.lignes] == [
        (p1[0], [1, None, None]), (p2[0], [None, 2, 3]), (p2[1], [None, 1, 2])]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_enregistrements_simultanes_du_meme_mois_sans_doublon_ni_erreur():
    """Ten saves of the same month at once (a double click, two tabs) end with one entry and one level per
    compétence, the database refusing any duplicate and the service updating the entry instead."""
    eig = EIGFactory(promotion=PromotionFactory())
    mois, phase = premier_du_mois(), _phase(eig)
    competences = selectors.competences_de_la_phase(phase)
    depart = threading.Barrier(10)
    erreurs = []

    def enregistrer(rang):
        try:
            depart.wait()
            carnet_enregistrer(eig, mois=mois, phase=phase, objectifs=f"Version {rang}",
                               niveaux={c: 1 + rang % 4 for c in competences})
        except Exception as erreur:
            erreurs.append(erreur)
        finally:
            connection.close()

    fils = [threading.Thread(target=enregistrer, args=(rang,)) for rang in range(10)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert erreurs == []
    carnet = CarnetDeBord.objects.get(eig=eig)
    rang = int(carnet.objectifs.removeprefix("Version "))
    assert list(carnet.evaluations.values_list("niveau", flat=True).distinct()) == [1 + rang % 4]
    assert carnet.evaluations.count() == len(competences)
