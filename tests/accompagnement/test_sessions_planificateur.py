"""The planner: a demo promotion's ten-month calendar, complete, in the right phases, on working days at office
hours, without overlaps; run again, it duplicates nothing and only adds what is missing."""

import datetime
import math
from collections import Counter

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone

from accompagnement.models import Session
from accompagnement.services.planificateur import calendrier_planifier, est_ouvre, jours_feries
from defis.factories import DefiFactory
from programme.factories import PromotionFactory

pytestmark = pytest.mark.django_db

NOMBRE_DEFIS = 3


@pytest.fixture
def promotion():
    """A demo promotion of ten months, in phase 2 today, with three défis."""
    promotion = PromotionFactory()
    for _ in range(NOMBRE_DEFIS):
        DefiFactory(promotion=promotion)
    return promotion


@pytest.fixture
def calendrier(promotion):
    calendrier_planifier(promotion)
    return list(Session.objects.filter(promotion=promotion).select_related("dispositif", "phase", "defi"))


def _local(instant):
    return timezone.localtime(instant)


def test_le_calendrier_d_une_promotion_de_demo_est_complet(calendrier):
    """Every dispositif of the plan gets its number of drafts over the ten months."""
    assert Counter(s.dispositif.slug for s in calendrier) == {
        "seminaire-integration": 1,
        "seminaire-acceleration": 1,
        "conference": 10,
        "expedition-apprenante": 5,
        "seminaire-porteurs": 4,
        "atelier-collaboratif": NOMBRE_DEFIS * (1 + 2 + 2 + 1),
        "comite-evaluation": NOMBRE_DEFIS * 4,
    }
    assert {s.statut for s in calendrier} == {Session.Statut.BROUILLON}


def test_chaque_session_est_dans_sa_phase(calendrier):
    """Each session starts and ends within the dates of the phase it belongs to."""
    for session in calendrier:
        assert session.phase is not None, session.titre
        assert session.phase.date_debut <= _local(session.debut).date() <= session.phase.date_fin, session.titre
        assert _local(session.fin).date() <= session.phase.date_fin, session.titre


def test_les_seminaires_de_promotion_tombent_aux_bons_moments(promotion, calendrier):
    """Intégration three weeks in (within the following week), accélération two months before the end;
    each lasts two consecutive working days."""
    par_slug = {s.dispositif.slug: s for s in calendrier}
    integration, acceleration = par_slug["seminaire-integration"], par_slug["seminaire-acceleration"]
    trois_semaines = promotion.date_debut + datetime.timedelta(weeks=3)
    assert trois_semaines <= _local(integration.debut).date() < trois_semaines + datetime.timedelta(days=7)
    deux_mois_avant = promotion.date_fin + datetime.timedelta(days=1) - relativedelta(months=2)
    assert deux_mois_avant <= _local(acceleration.debut).date() < deux_mois_avant + datetime.timedelta(days=7)
    for seminaire in (integration, acceleration):
        assert _local(seminaire.fin).date() - _local(seminaire.debut).date() == datetime.timedelta(days=1)
        assert seminaire.audience == Session.Audience.PROMOTION


def test_une_conference_par_mois_et_une_expedition_tous_les_deux_mois(promotion, calendrier):
    """Each of the ten months holds one conférence; the expéditions come every other month."""
    mois = [promotion.date_debut + relativedelta(months=n) for n in range(10)]

    def rang_du_mois(session):
        jour = _local(session.debut).date()
        return max(n for n, debut in enumerate(mois) if debut <= jour)

    conferences = Counter(rang_du_mois(s) for s in calendrier if s.dispositif.slug == "conference")
    expeditions = sorted(rang_du_mois(s) for s in calendrier if s.dispositif.slug == "expedition-apprenante")
    assert conferences == {n: 1 for n in range(10)}
    assert expeditions == [1, 3, 5, 7, 9]


def test_ateliers_seminaires_porteurs_et_comites_par_defi_et_par_phase(promotion, calendrier):
    """Each défi has one atelier in the two-month phases and two in the three-month ones, and a comité at
    the end of every phase; each phase has one séminaire porteurs."""
    ateliers = Counter((s.defi_id, s.phase.numero) for s in calendrier if s.dispositif.slug == "atelier-collaboratif")
    comites = [s for s in calendrier if s.dispositif.slug == "comite-evaluation"]
    porteurs = Counter(s.phase.numero for s in calendrier if s.dispositif.slug == "seminaire-porteurs")
    for defi in promotion.defis.all():
        assert [ateliers[(defi.pk, n)] for n in (1, 2, 3, 4)] == [1, 2, 2, 1]
        assert sorted(s.phase.numero for s in comites if s.defi_id == defi.pk) == [1, 2, 3, 4]
    assert porteurs == {1: 1, 2: 1, 3: 1, 4: 1}
    for comite in comites:
        phase = comite.phase
        duree = (phase.date_fin - phase.date_debut).days
        jours = [phase.date_debut + datetime.timedelta(days=n) for n in range(duree + 1)]
        derniers_jours_ouvres = [jour for jour in jours if est_ouvre(jour)][-math.ceil(NOMBRE_DEFIS / 4):]
        assert _local(comite.debut).date() in derniers_jours_ouvres, comite.titre
        assert comite.audience == Session.Audience.DEFI
        assert comite.fin - comite.debut == datetime.timedelta(minutes=90)


def test_jamais_le_week_end_ni_un_jour_ferie_et_aux_heures_de_bureau(calendrier):
    """No session on a weekend or a public holiday; all between 9:00 and 18:30 Paris time, even across the
    daylight-saving changes the ten months go through."""
    for session in calendrier:
        debut, fin = _local(session.debut), _local(session.fin)
        for jour in (debut.date(), fin.date()):
            assert jour.weekday() < 5, session.titre
            assert jour not in jours_feries(jour.year), session.titre
        assert debut.time() >= datetime.time(9, 0) and fin.time() <= datetime.time(18, 30), session.titre


def test_les_sessions_planifiees_ne_se_chevauchent_pas(calendrier):
    """No two planned sessions overlap, so no coach is expected in two places."""
    ordonnees = sorted(calendrier, key=lambda s: s.debut)
    for avant, apres in zip(ordonnees, ordonnees[1:]):
        assert avant.fin <= apres.debut, f"{avant.titre} / {apres.titre}"


def test_relancer_la_planification_ne_duplique_rien(promotion, calendrier):
    """A second run creates nothing."""
    assert calendrier_planifier(promotion) == []
    assert Session.objects.filter(promotion=promotion).count() == len(calendrier)


def test_relancer_ajoute_seulement_les_sessions_d_un_nouveau_defi(promotion, calendrier):
    """After a défi joins the promotion, a new run adds only its six ateliers and four comités."""
    nouveau = DefiFactory(promotion=promotion)
    ajoutees = calendrier_planifier(promotion)
    assert Counter(s.dispositif.slug for s in ajoutees) == {"atelier-collaboratif": 6, "comite-evaluation": 4}
    assert {s.defi_id for s in ajoutees} == {nouveau.pk}
    toutes = sorted(Session.objects.filter(promotion=promotion), key=lambda s: s.debut)
    for avant, apres in zip(toutes, toutes[1:]):
        assert avant.fin <= apres.debut


def test_relancer_ne_recree_ni_une_session_publiee_annulee_ou_supprimee(promotion, calendrier):
    """Published and cancelled sessions count as existing, and a deleted draft does not come back while its
    dispositif still has a session in the phase."""
    conferences = [s for s in calendrier if s.dispositif.slug == "conference"]
    Session.objects.filter(pk=conferences[0].pk).update(statut=Session.Statut.ANNULEE, motif_annulation="Grève")
    Session.objects.filter(pk=conferences[1].pk).delete()
    Session.objects.filter(promotion=promotion, statut=Session.Statut.BROUILLON).update(statut=Session.Statut.PUBLIEE)
    assert calendrier_planifier(promotion) == []


def test_planifier_exige_les_dates_de_la_promotion():
    """Without dates, the planner explains what to fill in."""
    promotion = PromotionFactory(date_debut=None)
    with pytest.raises(ValidationError, match="dates de la promotion"):
        calendrier_planifier(promotion)


def test_jours_feries_et_jours_ouvres():
    """The French public holidays, Easter-based ones included, and the year-end break are not working days."""
    assert {datetime.date(2026, 4, 6), datetime.date(2026, 5, 14), datetime.date(2026, 5, 25),
            datetime.date(2026, 7, 14), datetime.date(2026, 11, 11)} <= jours_feries(2026)
    assert not est_ouvre(datetime.date(2026, 7, 14))
    assert not est_ouvre(datetime.date(2026, 11, 21))
    assert not est_ouvre(datetime.date(2026, 12, 28))
    assert est_ouvre(datetime.date(2026, 11, 20))


def test_une_promotion_de_trente_defis_tient_dans_ses_phases():
    """At the programme's real size (30 défis), every atelier and comité still fits in its phase."""
    promotion = PromotionFactory()
    DefiFactory.create_batch(30, promotion=promotion)
    creees = calendrier_planifier(promotion)
    assert len(creees) == 1 + 1 + 10 + 5 + 4 + 30 * 6 + 30 * 4
    for session in creees:
        assert session.phase.date_debut <= _local(session.debut).date() <= session.phase.date_fin, session.titre
