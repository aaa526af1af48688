"""`seed_demo` builds a realistic running promotion, prints working logins and never builds it twice."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from defis.models import Defi, MembreEquipe
from programme.factories import EIGFactory
from programme.models import Administration, Expertise, Personne, Promotion, Role, Theme

pytestmark = pytest.mark.django_db


def seed_demo(*args) -> str:
    """Run the command and return what it printed."""
    sortie = StringIO()
    call_command("seed_demo", *args, stdout=sortie)
    return sortie.getvalue()


def effectifs() -> dict[str, int]:
    """How many rows of each kind the database holds."""
    modeles = [Promotion, Personne, Role, Defi, MembreEquipe, Administration, Theme, Expertise]
    return {modele.__name__: modele.objects.count() for modele in modeles}


def identifiants(sortie: str) -> dict[str, str]:
    """The printed logins: role label → e-mail address."""
    return {
        label: adresse
        for label, adresse in re.findall(r"^\s+(\S.*?)\s{2,}(\S+@magellan\.test)\s", sortie, flags=re.MULTILINE)
    }


def test_seed_demo_cree_une_promotion_en_cours_en_phase_2():
    """The demo promotion started on the first day of a month and is in phase 2 today."""
    seed_demo()

    promotion = Promotion.objects.get()
    assert (promotion.nom, promotion.numero) == ("Promotion 8", 8)
    assert promotion.date_debut.day == 1
    assert promotion.phase_en_cours().numero == 2


def test_seed_demo_place_une_quarantaine_d_eig_chacun_sur_un_defi():
    """About 40 EIG, each on exactly one défi of the promotion, each with a métier."""
    seed_demo()

    eig = Personne.objects.filter(roles__type=Role.Type.EIG).prefetch_related("equipes", "expertises")
    assert 35 <= len(eig) <= 50
    for personne in eig:
        assert [m.role for m in personne.equipes.all()] == [MembreEquipe.Role.EIG]
        assert personne.expertises.count() == 1


def test_seed_demo_donne_a_chaque_defi_porteur_sponsor_et_metiers_melanges():
    """About 20 défis, each with a porteur, a sponsor and a team of 2 or 3 EIG of different métiers."""
    seed_demo()

    defis = Defi.objects.prefetch_related("membres__personne__expertises")
    assert 15 <= len(defis) <= 25
    for defi in defis:
        roles = [m.role for m in defi.membres.all()]
        metiers = [
            e.nom for m in defi.membres.all() if m.role == MembreEquipe.Role.EIG for e in m.personne.expertises.all()
        ]
        assert 1 <= roles.count(MembreEquipe.Role.PORTEUR) <= 2, defi
        assert roles.count(MembreEquipe.Role.SPONSOR) == 1, defi
        assert roles.count(MembreEquipe.Role.EIG) in (2, 3), defi
        assert len(set(metiers)) == len(metiers), defi
        assert "## Le défi à relever" in defi.corps and "## L'hypothèse à vérifier" in defi.corps


def test_seed_demo_affiche_un_identifiant_existant_par_role():
    """Each printed address belongs to a person who holds the role printed beside it."""
    sortie = seed_demo()

    logins = identifiants(sortie)
    assert set(logins) == {t.label for t in Role.Type}
    for type_role in Role.Type:
        personne = Personne.objects.get(email=logins[type_role.label])
        assert personne.roles.filter(type=type_role).exists(), type_role
    assert "http://127.0.0.1:8000/comptes/login/code/" in sortie


def test_seed_demo_met_eig_porteur_et_sponsor_de_demonstration_sur_le_meme_defi():
    """eig@, porteur@ and sponsor@ meet on one défi, the sponsor's administration's."""
    seed_demo()

    defi = Defi.objects.get(membres__personne__email="eig@magellan.test")
    membres = {m.personne.email: m.role for m in defi.membres.select_related("personne")}
    assert membres["porteur@magellan.test"] == MembreEquipe.Role.PORTEUR
    assert membres["sponsor@magellan.test"] == MembreEquipe.Role.SPONSOR


def test_seed_demo_donne_au_coach_l_acces_a_l_administration_sans_superutilisateur():
    """The demo coach is an ordinary person whose coach role gives admin access."""
    seed_demo()

    coach = Personne.objects.get(email="coach@magellan.test")
    assert coach.is_staff
    assert not coach.is_superuser
    assert not coach.has_usable_password()


def test_seed_demo_ne_duplique_rien_au_second_passage():
    """Run again, the command says the demo exists and writes nothing."""
    seed_demo()
    avant = effectifs()

    sortie = seed_demo()

    assert "existent déjà" in sortie
    assert effectifs() == avant


def test_seed_demo_reset_reconstruit_les_memes_effectifs():
    """`--reset` rebuilds the demo with the same counts of every kind."""
    seed_demo()
    avant = effectifs()

    seed_demo("--reset")

    assert effectifs() == avant


def test_seed_demo_reset_redonne_les_memes_noms():
    """The generators are seeded: a rebuilt demo has the same people."""
    seed_demo()
    avant = sorted(Personne.objects.values_list("email", "prenom", "nom_usage"))

    seed_demo("--reset")

    assert sorted(Personne.objects.values_list("email", "prenom", "nom_usage")) == avant


def test_seed_demo_reset_garde_les_personnes_hors_demonstration():
    """`--reset` removes only the demo's people: someone invited into the promotion stays."""
    seed_demo()
    invitee = EIGFactory(promotion=Promotion.objects.get(nom="Promotion 8"))

    seed_demo("--reset")

    assert invitee.roles.filter(promotion__nom="Promotion 8", type=Role.Type.EIG).exists()
