"""Mentorat pages: the offer grouped by mentor, booking a cycle, a slot taken meanwhile, one's cycles,
a mentor's slots and mentorés, cancelling; with a constant number of queries as data grows."""

import datetime

import pytest
from django.core import mail

from accompagnement.factories import CreneauFactory, CycleFactory
from accompagnement.models import Creneau, Cycle, Reservation
from accompagnement.selectors import mentorat as selecteurs_mentorat
from accompagnement.selectors.mentorat import valeur_de_cycle
from programme.factories import CoachFactory, EIGFactory, ParrainFactory, PorteurFactory, PromotionFactory
from tests.constantes import constante_changer

from .outils_mentorat import a_paris, lundi, serie

pytestmark = pytest.mark.django_db

BESOINS = "Apprendre à mener des entretiens usagers et à en tirer des décisions."


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion, prenom="Camille", nom_usage="Martin", fonction="Coach produit")


@pytest.fixture
def eig(promotion):
    return EIGFactory(promotion=promotion, prenom="Nina", nom_usage="Roux")


def _reserver(client, creneaux, besoins=BESOINS, type_mentorat="individuel"):
    return client.post(f"/mentorat/reserver/{type_mentorat}/", {
        "cycle": valeur_de_cycle(creneaux[0].mentor_id, creneaux), "besoins": besoins,
    })


def test_la_page_de_reservation_propose_les_cycles_par_mentor(client, eig, coach, promotion):
    """The booking page lists each mentor with the four séances of each possible cycle, proposed together."""
    serie(coach, a_paris(lundi(), 10))
    serie(CoachFactory(promotion=promotion, prenom="Inès", nom_usage="Haddad"), a_paris(lundi(), 15), nombre=5)
    client.force_login(eig)
    page = client.get("/mentorat/reserver/individuel/").content.decode()
    assert "Avec Camille Martin" in page and "Coach produit" in page and "Avec Inès Haddad" in page
    assert page.count('name="cycle"') == 3
    assert "Camille Martin : du " in page and page.count("10 h 00–11 h 00") == 4
    assert "/sessions/a-venir/" in page


def test_un_cycle_aux_jours_et_lieux_variables_ne_pretend_pas_a_un_rendez_vous_fixe(client, eig, coach):
    """Four weeks at varying days and places: the cycle is not labelled « le lundi à 10 h 00 » and each
    séance says where it takes place; a steady cycle keeps its one day, time and place."""
    debut = a_paris(lundi(), 10)
    for rang, ecart in enumerate([0, 7, 15, 21]):
        CreneauFactory(mentor=coach, debut=debut + datetime.timedelta(days=ecart),
                       lieu="Ségur, salle 4" if rang == 3 else "En visioconférence")
    client.force_login(eig)
    page = client.get("/mentorat/reserver/individuel/").content.decode()
    assert page.count('name="cycle"') == 1
    assert "le lundi à" not in page
    assert "(En visioconférence)" in page and "(Ségur, salle 4)" in page
    Creneau.objects.all().delete()
    serie(coach, debut)
    page = client.get("/mentorat/reserver/individuel/").content.decode()
    assert "le lundi à 10 h 00" in page and "(En visioconférence)" not in page


def test_un_eig_reserve_un_cycle_et_le_retrouve_dans_mes_cycles(client, eig, coach, django_capture_on_commit_callbacks):
    """Booking leads to « Mes cycles » with the mentor and four séances; both people are e-mailed."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    client.force_login(eig)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = _reserver(client, creneaux)
    assert reponse.status_code == 302 and reponse.url == "/mentorat/mes-cycles/"
    page = client.get(reponse.url).content.decode()
    assert "Votre cycle avec Camille Martin est réservé" in page
    assert "Avec Camille Martin" in page and page.count("<li>") >= 4
    assert Cycle.objects.get().demandeur == eig and len(mail.outbox) == 2


def test_creneau_pris_entre_temps_message_clair_besoins_conserves_et_autres_cycles(client, eig, coach, promotion):
    """The slot taken meanwhile: a clear French message, nothing booked, the needs kept, other cycles offered
    (the same mentor's first)."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    serie(coach, a_paris(lundi(), 13))
    autre_coach = CoachFactory(promotion=promotion, prenom="Aline", nom_usage="Abadie")
    serie(autre_coach, a_paris(lundi(), 9))
    CycleFactory(mentor=coach, creneaux=[creneaux[1]] + serie(coach, a_paris(lundi(), 17), nombre=3))
    client.force_login(eig)
    reponse = _reserver(client, creneaux)
    page = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Ce créneau vient d&#x27;être réservé par quelqu&#x27;un d&#x27;autre" in page
    assert "votre expression de besoins est conservée" in page and BESOINS in page
    assert not Cycle.objects.filter(demandeur=eig).exists()
    assert page.index("Avec Camille Martin") < page.index("Avec Aline Abadie")
    assert page.count('name="cycle"') == 3


def test_sans_autre_cycle_possible_les_besoins_restent_affiches(client, eig, coach):
    """When the slot taken was the last cycle on offer, the page says so and still shows the needs typed."""
    creneaux = serie(coach, a_paris(lundi(), 10))
    CycleFactory(mentor=coach, creneaux=creneaux)
    client.force_login(eig)
    page = _reserver(client, creneaux).content.decode()
    assert "Aucun autre cycle n'est proposé pour l'instant" in page
    assert "Votre expression de besoins, pour la garder" in page and BESOINS in page


def test_un_porteur_ne_reserve_pas_le_mentorat_des_specialistes(client, promotion):
    """A porteur may look at the individual offer and book it, but the specialists' page is not for them."""
    porteur = PorteurFactory(promotion=promotion)
    parrain = ParrainFactory(promotion=promotion)
    creneaux = serie(parrain, a_paris(lundi(), 14), type_mentorat="mentorat")
    client.force_login(porteur)
    assert client.get("/mentorat/reserver/mentorat/").status_code == 403
    assert _reserver(client, creneaux, type_mentorat="mentorat").status_code == 403
    assert client.get("/mentorat/reserver/individuel/").status_code == 200


def test_un_coach_consulte_l_offre_sans_pouvoir_reserver(client, coach, promotion):
    """A coach sees the offer, without radio buttons nor the booking button."""
    serie(ParrainFactory(promotion=promotion), a_paris(lundi(), 14), type_mentorat="mentorat")
    client.force_login(coach)
    page = client.get("/mentorat/reserver/mentorat/").content.decode()
    assert "Vous consultez l'offre" in page and 'name="cycle"' not in page and "Réserver ce cycle" not in page


def test_reservation_sans_cycle_choisi_garde_les_besoins(client, eig, coach):
    """No cycle picked: the error says so, next to the list, and the needs are kept."""
    serie(coach, a_paris(lundi(), 10))
    client.force_login(eig)
    page = client.post("/mentorat/reserver/individuel/", {"besoins": BESOINS}).content.decode()
    assert "Choisissez un cycle de 4 séances." in page and BESOINS in page


def test_mes_mentores_montre_les_demandeurs_et_leurs_besoins(client, eig, coach):
    """The mentor sees who booked, their needs and séances."""
    CycleFactory(demandeur=eig, mentor=coach, besoins=BESOINS)
    client.force_login(coach)
    page = client.get("/mentorat/mes-mentores/").content.decode()
    assert "Nina Roux" in page and BESOINS in page and "En cours" in page


def test_un_mentor_publie_une_serie_de_quatre_creneaux(client, coach):
    """The form publishes the same slot four weeks in a row, which the list then shows as free."""
    client.force_login(coach)
    jour = lundi(2)
    reponse = client.post("/mentorat/creneaux/", {
        "type_mentorat": "individuel", "jour": jour.isoformat(), "heure": "09:30", "duree_minutes": "30",
        "lieu": "https://webinaire.numerique.gouv.fr/camille", "serie": "on",
    }, follow=True)
    page = reponse.content.decode()
    assert "4 créneaux publiés, à partir du lundi" in page
    assert page.count("9 h 30–10 h 00") == 4 and page.count(">Libre<") == 4
    assert Creneau.objects.filter(mentor=coach).count() == 4


def test_publier_un_creneau_passe_garde_la_saisie(client):
    """A parrain's slot dated yesterday is refused with the reason, and the form keeps what was typed."""
    parrain = ParrainFactory()
    client.force_login(parrain)
    page = client.post("/mentorat/creneaux/", {
        "type_mentorat": "mentorat", "jour": (lundi(0) - datetime.timedelta(days=1)).isoformat(), "heure": "14:00",
        "duree_minutes": "90", "lieu": "DINUM, salle Ségur",
    }).content.decode()
    assert "choisissez une date et une heure à venir" in page and "DINUM, salle Ségur" in page
    assert not Creneau.objects.exists()


def test_un_parrain_ne_se_voit_proposer_que_des_seances_d_1_h_30(client):
    """The duration list offers what the mentor's kind of mentorat allows: 1 h 30 alone for a parrain."""
    client.force_login(ParrainFactory())
    page = client.get("/mentorat/creneaux/").content.decode()
    assert '<option value="90" selected>1 h 30</option>' in page and 'value="60"' not in page


def test_le_demandeur_annule_une_seance_depuis_la_page_du_cycle(client, eig, coach):
    """The cycle page offers to cancel each séance to come; once cancelled, it says so."""
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    seance = cycle.reservations.first()
    client.force_login(eig)
    reponse = client.post(f"/mentorat/seances/{seance.pk}/annuler/", follow=True)
    page = reponse.content.decode()
    assert "est annulée ; le créneau est de nouveau proposé" in page and "Annulée le" in page
    assert Reservation.objects.filter(cycle=cycle, annulee_le__isnull=True).count() == 3


def test_le_mentor_annule_tout_le_cycle(client, eig, coach):
    """The mentor cancels the whole cycle; the page then shows it cancelled, with no button left."""
    cycle = CycleFactory(demandeur=eig, mentor=coach)
    client.force_login(coach)
    page = client.post(f"/mentorat/cycles/{cycle.pk}/annuler/", follow=True).content.decode()
    assert "Le cycle est annulé" in page and "Annuler tout le cycle" not in page
    assert Cycle.objects.get().annule_le is not None


def test_un_mentor_retire_un_creneau_libre(client, coach):
    """A free slot is withdrawn from « Mes créneaux »."""
    creneau = CreneauFactory(mentor=coach)
    client.force_login(coach)
    page = client.post(f"/mentorat/creneaux/{creneau.pk}/supprimer/", follow=True).content.decode()
    assert "est retiré" in page and not Creneau.objects.exists()


def test_la_page_de_reservation_a_un_nombre_de_requetes_constant(client, eig, promotion, django_assert_max_num_queries):
    """Ten mentors with five weeks of slots each cost the same queries as one."""
    client.force_login(eig)
    serie(CoachFactory(promotion=promotion), a_paris(lundi(), 10))
    with django_assert_max_num_queries(8) as requetes:
        client.get("/mentorat/reserver/individuel/")
    une_fois = len(requetes.captured_queries)
    for rang in range(10):
        serie(CoachFactory(promotion=promotion), a_paris(lundi(), 8 + rang), nombre=5)
    with django_assert_max_num_queries(une_fois):
        page = client.get("/mentorat/reserver/individuel/").content.decode()
    assert page.count('name="cycle"') == 1 + 10 * 2


@pytest.mark.parametrize("url,qui", [
    ("/mentorat/mes-cycles/", "demandeur"), ("/mentorat/mes-mentores/", "mentor"), ("/mentorat/cycles/", "coach"),
])
def test_les_listes_de_cycles_ont_un_nombre_de_requetes_constant(client, eig, coach, url, qui,
                                                                 django_assert_max_num_queries):
    """One cycle or fifteen: the lists of cycles cost the same queries."""
    CycleFactory(demandeur=eig, mentor=coach)
    client.force_login(eig if qui == "demandeur" else coach)
    with django_assert_max_num_queries(10) as requetes:
        client.get(url)
    une_fois = len(requetes.captured_queries)
    for _ in range(14):
        CycleFactory(demandeur=eig, mentor=coach)
    with django_assert_max_num_queries(une_fois):
        reponse = client.get(url)
    assert reponse.content.decode().count("fr-card__title") == 15


def test_mes_creneaux_a_un_nombre_de_requetes_constant(client, coach, django_assert_max_num_queries):
    """A mentor's slots, free or held, cost the same queries however many."""
    client.force_login(coach)
    CycleFactory(mentor=coach)
    with django_assert_max_num_queries(10) as requetes:
        client.get("/mentorat/creneaux/")
    une_fois = len(requetes.captured_queries)
    for _ in range(5):
        CycleFactory(mentor=coach)
    serie(coach, a_paris(lundi(), 7), nombre=6)
    with django_assert_max_num_queries(une_fois):
        page = client.get("/mentorat/creneaux/").content.decode()
    assert page.count("Réservé par") == 24 and page.count(">Libre<") == 6


def test_la_page_du_cycle_pour_ses_deux_personnes(client, eig, coach):
    """The demandeur and the mentor see the cycle: séances, needs, the mentor's function."""
    cycle = CycleFactory(demandeur=eig, mentor=coach, besoins=BESOINS)
    for personne in (eig, coach):
        client.force_login(personne)
        page = client.get(f"/mentorat/cycles/{cycle.pk}/").content.decode()
        assert BESOINS in page and "Coach produit" in page and page.count("Annuler la séance") == 4


@pytest.mark.parametrize("modele", ["creneau", "cycle"])
def test_l_administration_du_mentorat_s_ouvre_pour_un_coach(client, coach, modele):
    """Slots and cycles have their admin list, search and forms, for the coaches."""
    CycleFactory(mentor=coach)
    client.force_login(coach)
    assert client.get(f"/admin/accompagnement/{modele}/?q=a").status_code == 200
    assert client.get(f"/admin/accompagnement/{modele}/add/").status_code == 200
    objet = (Creneau if modele == "creneau" else Cycle).objects.first()
    assert client.get(f"/admin/accompagnement/{modele}/{objet.pk}/change/").status_code == 200


def test_une_seance_passee_ne_montre_pas_de_bouton_d_annulation(client, eig, coach):
    """A séance already held is marked « Passée », without a button."""
    cycle = CycleFactory(demandeur=eig, mentor=coach,
                         premiere_seance=a_paris(lundi(0), 10) - datetime.timedelta(weeks=1))
    client.force_login(eig)
    page = client.get(f"/mentorat/cycles/{cycle.pk}/").content.decode()
    assert "Passée" in page


def test_les_pages_du_mentorat_disent_la_longueur_d_un_cycle_de_sa_constante(client, eig, coach, monkeypatch,
                                                                           django_capture_on_commit_callbacks):
    """With SEANCES_PAR_CYCLE set to 3, the mentorat pages speak of cycles of three séances, three slots book a
    cycle, and the confirmation lists « Les trois séances »."""
    constante_changer(monkeypatch, selecteurs_mentorat, "SEANCES_PAR_CYCLE", 3)
    client.force_login(eig)
    assert "Des cycles de trois séances" in client.get("/mentorat/").content.decode()
    page = client.get("/mentorat/reserver/individuel/").content.decode()
    assert "Un cycle, c'est trois séances" in page and "les trois séances, ou aucune" in page
    with django_capture_on_commit_callbacks(execute=True):
        reponse = _reserver(client, serie(coach, a_paris(lundi(), 10), nombre=3))
    assert reponse.status_code == 302 and Cycle.objects.get().reservations.count() == 3
    assert all("Les trois séances :" in message.body for message in mail.outbox) and len(mail.outbox) == 2
    client.force_login(coach)
    assert "sur trois de vos créneaux" in client.get("/mentorat/creneaux/").content.decode()
