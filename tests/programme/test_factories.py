"""The programme's factories build coherent data: dated phases, roles and their consequences."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from programme.factories import (
    AlumniFactory,
    CoachFactory,
    EIGFactory,
    PersonneFactory,
    PromotionFactory,
    debut_promotion_en_cours,
)
from programme.models import Role

pytestmark = pytest.mark.django_db


def test_promotion_factory_cree_quatre_phases_de_2_3_3_2_mois():
    """A factory-made promotion has its four phases, back to back, lasting 2, 3, 3 and 2 months."""
    promotion = PromotionFactory()

    phases = list(promotion.phases.order_by("numero"))

    assert [p.numero for p in phases] == [1, 2, 3, 4]
    assert phases[0].date_debut == promotion.date_debut
    debut = promotion.date_debut
    for phase, mois in zip(phases, [2, 3, 3, 2]):
        fin = debut + relativedelta(months=mois) - datetime.timedelta(days=1)
        assert (phase.date_debut, phase.date_fin) == (debut, fin)
        debut = phase.date_fin + datetime.timedelta(days=1)
    assert phases[-1].date_fin == promotion.date_fin


def test_promotion_factory_est_en_phase_2_aujourd_hui():
    """By default a promotion is running and today falls in its phase 2, « Prouver le concept »."""
    promotion = PromotionFactory()

    assert promotion.phase_en_cours().numero == 2


@pytest.mark.parametrize("jour", [datetime.date(2026, 1, 31), datetime.date(2028, 2, 29), datetime.date(2026, 12, 1)])
def test_une_promotion_commencee_par_defaut_est_en_phase_2_quel_que_soit_le_jour(jour):
    """The default start (first day of the month, three months back) puts any day of the month in phase 2."""
    promotion = PromotionFactory(date_debut=debut_promotion_en_cours(jour))

    assert promotion.date_debut.day == 1
    assert promotion.phase_en_cours(jour).numero == 2


def test_coach_factory_donne_acces_a_l_administration(client):
    """A coach opens the admin by their role alone: no staff or superuser flag is needed."""
    coach = CoachFactory()
    client.force_login(coach)

    assert client.get("/admin/").status_code == 200
    coach.refresh_from_db()
    assert not coach.is_staff and not coach.is_superuser
    assert list(coach.roles.values_list("type", flat=True)) == [Role.Type.COACH]


def test_eig_factory_rattache_la_personne_a_la_promotion_donnee():
    """An EIG made for a promotion holds the EIG role in that promotion."""
    promotion = PromotionFactory()

    eig = EIGFactory(promotion=promotion)

    assert eig.roles.get().promotion == promotion
    assert eig.roles.get().type == Role.Type.EIG


def test_alumni_factory_sans_promotion_donne_un_role_dans_tout_le_programme():
    """With `promotion=None` the role holds for the whole programme, as for alumni."""
    alumni = AlumniFactory(promotion=None)

    role = alumni.roles.get()
    assert (role.type, role.promotion) == (Role.Type.ALUMNI, None)


def test_personne_factory_cree_des_personnes_sans_mot_de_passe_aux_adresses_distinctes():
    """People log in by code: no usable password, and each has their own address."""
    personnes = PersonneFactory.create_batch(3)

    assert len({p.email for p in personnes}) == 3
    assert not any(p.has_usable_password() for p in personnes)
