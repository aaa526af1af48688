"""'Mon espace': each person sees their promotion, its current phase, their défi and their team."""

import datetime

import pytest
from django.utils.html import escape

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, PersonneFactory, PromotionFactory, RoleFactory
from programme.models import Role

pytestmark = pytest.mark.django_db


def test_eig_voit_sa_promotion_sa_phase_son_defi_et_son_equipe(client):
    """An EIG sees their promotion, the phase running today, their défi and each team member."""
    promotion = PromotionFactory(nom="Promotion 8")
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion)
    eig = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG).personne
    collegue = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.EIG).personne
    porteuse = MembreEquipeFactory(defi=defi, role=MembreEquipe.Role.PORTEUR).personne
    client.force_login(eig)
    page = client.get("/espace/").content.decode()
    assert "Promotion 8" in page
    assert "Phase en cours : Prouver le concept" in page
    assert "Hospi&#x27;Flux" in page
    assert collegue.nom_complet in page and porteuse.nom_complet in page
    assert "(vous)" in page


def test_personne_sans_role_est_invitee_a_attendre_les_coachs(client):
    """Someone without any role is told the coaches invite people with their role."""
    client.force_login(PersonneFactory())
    assert "Aucun rôle pour l" in client.get("/espace/").content.decode()


def test_coach_voit_les_liens_pour_piloter(client):
    """A coach's space links to the invitation page and the admin."""
    client.force_login(CoachFactory())
    page = client.get("/espace/").content.decode()
    assert "Inviter une personne" in page and "/admin/" in page


def test_roles_dans_plusieurs_promotions(client):
    """An EIG of promotion 3 who became a coach of promotion 8 sees both."""
    personne = PersonneFactory()
    RoleFactory(personne=personne, promotion=PromotionFactory(nom="Promotion 3", numero=3,
                                                              date_debut=datetime.date(2019, 9, 1)), type=Role.Type.EIG)
    RoleFactory(personne=personne, promotion=PromotionFactory(nom="Promotion 8", numero=8), type=Role.Type.COACH)
    client.force_login(personne)
    page = client.get("/espace/").content.decode()
    assert page.index("Promotion 8") < page.index("Promotion 3")
    assert "Aucune phase n'est en cours aujourd'hui." in page


def test_mon_espace_en_nombre_constant_de_requetes(client, django_assert_max_num_queries):
    """'Mon espace' costs the same queries for a team of 3 or of 15, in 1 or 3 défis."""
    promotion = PromotionFactory()
    eig = PersonneFactory()
    RoleFactory(personne=eig, promotion=promotion)
    defi = DefiFactory(promotion=promotion)
    MembreEquipeFactory(defi=defi, personne=eig)
    MembreEquipeFactory.create_batch(2, defi=defi)
    client.force_login(eig)
    # 13, and 7 for the arrival path (its steps, then one query per kind of step to tick, two for the seminar:
    # its sessions, then their registrations); the rules asked on the page reuse the roles and teams the page
    # read (no second read of either).
    with django_assert_max_num_queries(20) as peu:
        client.get("/espace/")
    for _ in range(2):
        autre = DefiFactory(promotion=promotion)
        MembreEquipeFactory(defi=autre, personne=eig)
        MembreEquipeFactory.create_batch(12, defi=autre)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        client.get("/espace/")


def _alumni_de(promotions):
    """An alumni (a role without promotion) who was an EIG with a défi in each of `promotions`, all over."""
    alumni = PersonneFactory()
    RoleFactory(personne=alumni, promotion=None, type=Role.Type.ALUMNI)
    for promotion in promotions:
        RoleFactory(personne=alumni, promotion=promotion, type=Role.Type.EIG)
        MembreEquipeFactory(defi=DefiFactory(promotion=promotion), personne=alumni, role=MembreEquipe.Role.EIG)
    return alumni


def test_l_espace_d_un_alumni_coute_autant_de_requetes_pour_une_ou_trois_promotions_passees(
        client, django_assert_max_num_queries):
    """An alumni of three past promotions sees each with its phases and their défi with its team, for the queries of
    an alumni of one: the phases of every promotion are read once, whether it comes from a role or from a défi, and
    the teams of all their défis in the same query as the défis."""
    PromotionFactory(nom="Promotion 10", numero=10)  # the running one, shown by default
    passees = [PromotionFactory(nom=f"Promotion {n}", numero=n, date_debut=datetime.date(2015 + n, 9, 1))
               for n in (1, 2, 3)]
    client.force_login(_alumni_de(passees[:1]))
    with django_assert_max_num_queries(10) as une:
        client.get("/espace/")
    alumni = _alumni_de(passees)
    client.force_login(alumni)
    with django_assert_max_num_queries(len(une.captured_queries)):
        page = client.get("/espace/").content.decode()
    for promotion in passees:
        assert f"Les phases de la {promotion}" in page
    for equipe in MembreEquipe.objects.filter(personne=alumni).select_related("defi"):
        assert f"Votre défi : {escape(equipe.defi.titre)}" in page
    assert page.count("cette promotion est terminée") == 3
