"""'Mon espace': each person sees their promotion, its current phase, their défi and their team."""

import datetime

import pytest

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
