"""The admin answers a tampered request with a message or the form's errors, never with a server error: rows
ticked for an action, rows of an editable list, the object chosen in an autocomplete field, a crontab celery
cannot read, a file row added to a support's form, an alert without the answer that raised it, a NUL byte in
a list filter."""

import pytest
from django_celery_beat.models import CrontabSchedule

from accompagnement.factories import SessionFactory
from accompagnement.models import AlerteMeteo, Dispositif, Session
from defis.factories import DefiFactory
from defis.models import MembreEquipe
from evaluations.factories import PieceJointeFactory
from programme.factories import CoachFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(client):
    coach = CoachFactory(promotion=PromotionFactory())
    client.force_login(coach)
    return coach


@pytest.mark.parametrize("selection", ["abc", "9" * 40])
def test_une_action_sur_des_lignes_qui_ne_sont_pas_des_identifiants_ne_fait_rien(client, coach, selection):
    """Rows ticked for an action that are not ids (a text, a number beyond the column) bring the coach back to
    the list with a message, and no session is published."""
    brouillon = SessionFactory(statut=Session.Statut.BROUILLON)
    reponse = client.post("/admin/accompagnement/session/", {
        "action": "publier", "index": "0", "_selected_action": [str(brouillon.pk), selection]}, follow=True)
    assert reponse.status_code == 200
    assert "La sélection envoyée ne désigne pas des lignes de cette liste" in reponse.content.decode()
    brouillon.refresh_from_db()
    assert brouillon.statut == Session.Statut.BROUILLON


def test_une_liste_modifiable_aux_lignes_hors_limites_ne_modifie_rien(client, coach):
    """An editable list whose row id is beyond the column's range is refused with a message, nothing saved."""
    dispositif = Dispositif.objects.order_by("pk").first()
    reponse = client.post("/admin/accompagnement/dispositif/", {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": "9" * 40, "form-0-ordre": "99", "_save": "Enregistrer"}, follow=True)
    assert reponse.status_code == 200
    assert "La sélection envoyée ne désigne pas des lignes de cette liste" in reponse.content.decode()
    assert Dispositif.objects.get(pk=dispositif.pk).ordre == dispositif.ordre


@pytest.mark.parametrize("choix", ["<b>défi</b>", "9" * 40])
def test_un_choix_autocomplete_qui_n_est_pas_un_objet_est_refuse_par_le_formulaire(client, coach, choix):
    """A team member added with a défi that is not one gets the form again with its error, and no row."""
    reponse = client.post("/admin/defis/membreequipe/add/", {
        "defi": choix, "personne": str(coach.pk), "role": MembreEquipe.Role.EIG, "_save": "Enregistrer"})
    assert reponse.status_code == 200
    assert "Sélectionnez un choix valide" in reponse.content.decode()
    assert not MembreEquipe.objects.filter(personne=coach).exists()


def test_un_choix_autocomplete_valide_est_propose_de_nouveau(client, coach):
    """When the form comes back for another error, the défi chosen is still selected."""
    defi = DefiFactory(titre="Hospi'Flux")
    reponse = client.post("/admin/defis/membreequipe/add/", {
        "defi": str(defi.pk), "personne": "", "role": MembreEquipe.Role.EIG, "_save": "Enregistrer"})
    assert reponse.status_code == 200
    assert f'<option value="{defi.pk}" selected>Hospi&#x27;Flux' in reponse.content.decode()


def test_un_crontab_refuse_revient_avec_ses_erreurs(client, coach):
    """A crontab whose hours celery cannot read comes back with the form's errors, not a server error."""
    reponse = client.post("/admin/django_celery_beat/crontabschedule/add/", {
        "minute": "0", "hour": "-", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*",
        "timezone": "Europe/Paris", "_save": "Enregistrer"})
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["hour"]
    assert not CrontabSchedule.objects.filter(hour="-").exists()


def test_un_support_au_formulaire_trafique_revient_avec_ses_erreurs(client, coach):
    """A support's form sent back with one more file row than shown (no file behind it) and an error comes back
    with the error, the added row empty."""
    piece = PieceJointeFactory()
    support = piece.support
    reponse = client.post(f"/admin/evaluations/support/{support.pk}/change/", {
        "reussites": "", "difficultes": "", "aide_souhaitee": "", "objectifs_phase_suivante": "",
        "objectifs-TOTAL_FORMS": "1", "objectifs-INITIAL_FORMS": "0", "objectifs-MAX_NUM_FORMS": "4",
        "objectifs-0-rang": "1", "objectifs-0-intitule": "Mesurer l'usage", "objectifs-0-atteinte": "beaucoup",
        "objectifs-0-support": str(support.pk),
        "pieces_jointes-TOTAL_FORMS": "2", "pieces_jointes-INITIAL_FORMS": "1", "pieces_jointes-MAX_NUM_FORMS": "0",
        "pieces_jointes-0-id": str(piece.pk), "pieces_jointes-0-support": str(support.pk),
        "pieces_jointes-1-support": str(support.pk), "_save": "Enregistrer"})
    assert reponse.status_code == 200
    assert reponse.context["inline_admin_formsets"][0].formset.errors
    assert piece.nom in reponse.content.decode()


def test_une_alerte_meteo_ne_s_ajoute_pas_a_la_main(client, coach):
    """An alert comes from an answer: the admin offers no form to add one, and a sent one creates nothing."""
    assert client.get("/admin/accompagnement/alertemeteo/add/").status_code == 403
    reponse = client.post("/admin/accompagnement/alertemeteo/add/", {"traitee_par": str(coach.pk), "_save": "1"})
    assert reponse.status_code == 403
    assert not AlerteMeteo.objects.exists()


def test_un_choix_multiple_hors_limites_est_refuse_par_le_formulaire(client, coach):
    """A comité added with a coach id beyond the column's range gets the form again with its error."""
    reponse = client.post("/admin/evaluations/comite/add/", {"coachs": ["9" * 40], "_save": "Enregistrer"})
    assert reponse.status_code == 200
    assert reponse.context["adminform"].form.errors["coachs"]


def test_un_filtre_de_liste_avec_un_octet_nul_est_un_filtre_invalide(client, coach):
    """A list filter carrying a NUL byte (refused by PostgreSQL in text) gets the admin's answer to invalid
    filters: back to the list with the error flag."""
    reponse = client.get("/admin/programme/notification/", {"statut__exact": "envoyee\x00"})
    assert reponse.status_code == 302
    assert reponse["Location"] == "/admin/programme/notification/?e=1"
