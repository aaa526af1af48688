"""Sessions, the forms: clear errors in French next to the field, and what was typed is kept."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory, dispositif
from accompagnement.forms.sessions import SessionForm
from accompagnement.models import Session
from defis.factories import DefiFactory
from programme.factories import CoachFactory, EIGFactory, ExpertiseFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory()


def _donnees(**champs):
    jour = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "dispositif": dispositif("atelier-collaboratif").pk, "titre": "Atelier : la carte d'expérience",
        "description": "Apporter les verbatims des entretiens.", "debut": f"{jour:%Y-%m-%d}T09:00",
        "fin": f"{jour:%Y-%m-%d}T13:00", "lieu": "Ségur", "audience": "promotion", **champs,
    }


def test_la_fin_avant_le_debut_est_refusee_en_francais(promotion):
    """An end before the start is refused with the model's constraint message, in French."""
    jour = timezone.localdate() + datetime.timedelta(days=10)
    formulaire = SessionForm(_donnees(fin=f"{jour:%Y-%m-%d}T08:00"), promotion=promotion)
    assert not formulaire.is_valid()
    assert formulaire.errors == {"__all__": ["La fin doit être après le début."]}


@pytest.mark.parametrize("audience,champ,message", [
    ("defi", "__all__", "Choisissez le défi dont l'équipe est invitée."),
    ("metier", "__all__", "Choisissez le métier dont les EIG sont invités."),
    ("liste", "invites", "Choisissez au moins une personne à inviter."),
])
def test_le_public_exige_son_complement(promotion, audience, champ, message):
    """The audience « défi », « métier » or « liste » requires the défi, the métier or the people."""
    formulaire = SessionForm(_donnees(audience=audience), promotion=promotion)
    assert not formulaire.is_valid()
    assert formulaire.errors == {champ: [message]}


def test_une_date_illisible_et_un_champ_manquant_ont_des_messages_clairs(promotion):
    """An unreadable date, a missing title and a bad video link each get a French message."""
    formulaire = SessionForm(_donnees(debut="demain matin", titre="", lien_visio="visio"), promotion=promotion)
    assert not formulaire.is_valid()
    assert formulaire.errors["debut"] == ["Saisissez une date et une heure valides, par exemple 16/10/2025 17:00."]
    assert formulaire.errors["titre"] == ["Ce champ est obligatoire."]
    assert formulaire.errors["lien_visio"] == [
        "Saisissez une adresse valide, par exemple https://visio.numerique.gouv.fr/…"]


def test_une_capacite_nulle_est_refusee(promotion):
    """Zero seats makes no sense: the form asks for at least one, or none for no limit."""
    formulaire = SessionForm(_donnees(capacite="0"), promotion=promotion)
    assert not formulaire.is_valid()
    assert formulaire.errors == {
        "capacite": ["Prévoyez au moins une place, ou laissez vide pour une session sans limite."]}


def test_seuls_les_defis_de_la_promotion_sont_proposes(promotion):
    """A défi of another promotion is not a valid choice."""
    DefiFactory(promotion=promotion, titre="Hospi'Flux")
    ailleurs = DefiFactory(titre="D'une autre promotion")
    formulaire = SessionForm(_donnees(audience="defi", defi=ailleurs.pk), promotion=promotion)
    assert not formulaire.is_valid() and "defi" in formulaire.errors
    assert [d.titre for d in formulaire.fields["defi"].queryset] == ["Hospi'Flux"]


def test_le_formulaire_en_erreur_garde_la_saisie(client, promotion):
    """Posted with errors, the page says so in French and every typed value is still there."""
    client.force_login(CoachFactory(promotion=promotion))
    metier = ExpertiseFactory(nom="Design")
    jour = timezone.localdate() + datetime.timedelta(days=10)
    reponse = client.post(f"/coachs/sessions/promotion/{promotion.pk}/nouvelle/", _donnees(
        fin=f"{jour:%Y-%m-%d}T08:00", audience="defi", expertise=metier.pk, capacite="12", publier=""))
    page = html.unescape(reponse.content.decode())
    assert reponse.status_code == 200 and not Session.objects.exists()
    assert "Le formulaire contient des erreurs" in page
    assert "La fin doit être après le début." in page
    assert "Choisissez le défi dont l'équipe est invitée." in page
    assert 'value="Atelier : la carte d\'expérience"' in page
    assert f'value="{jour:%Y-%m-%d}T09:00"' in page and f'value="{jour:%Y-%m-%d}T08:00"' in page
    assert "Apporter les verbatims des entretiens.</textarea>" in page
    assert 'value="12"' in page and re.search(r'value="defi"[^>]* checked', page)
    assert f'<option value="{metier.pk}" selected>' in page


def test_le_formulaire_montre_les_heures_de_paris(client, promotion):
    """Editing shows the start in Paris time in the date-and-time field."""
    coach = CoachFactory(promotion=promotion)
    debut = timezone.make_aware(datetime.datetime(2027, 1, 14, 17, 0))
    session = SessionFactory(promotion=promotion, debut=debut, fin=debut + datetime.timedelta(hours=1))
    client.force_login(coach)
    page = client.get(f"/coachs/sessions/{session.pk}/modifier/").content.decode()
    assert 'type="datetime-local" name="debut" value="2027-01-14T17:00"' in page


def test_la_capacite_sous_les_inscrits_est_refusee_dans_le_formulaire(client, promotion):
    """A capacity below the registered people comes back as an error on the form, nothing saved."""
    coach = CoachFactory(promotion=promotion)
    session = SessionFactory(promotion=promotion, capacite=5)
    for _ in range(2):
        InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion))
    client.force_login(coach)
    debut, fin = timezone.localtime(session.debut), timezone.localtime(session.fin)
    reponse = client.post(f"/coachs/sessions/{session.pk}/modifier/", _donnees(
        titre=session.titre, dispositif=session.dispositif_id, debut=f"{debut:%Y-%m-%dT%H:%M}",
        fin=f"{fin:%Y-%m-%dT%H:%M}", capacite="1"))
    assert "2 personnes sont déjà inscrites : prévoyez au moins 2 places." in html.unescape(reponse.content.decode())
    session.refresh_from_db()
    assert session.capacite == 5
