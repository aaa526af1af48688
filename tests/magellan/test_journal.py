"""The journal of changes in the admin: who changed what, with the old and new value, for promotion settings,
roles, hours, sessions and comités, read by the coaches and filtered by author, object and dates."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from accompagnement.factories import HeureAccelerationFactory, SessionFactory
from accompagnement.models import HeureAcceleration
from accompagnement.services.heures import heure_supprimer
from accompagnement.services.sessions import session_annuler, session_modifier
from defis.factories import DefiFactory
from evaluations.services.comites import comite_creer, comite_modifier
from programme.factories import CoachFactory, EIGFactory, ParrainFactory, PromotionFactory
from programme.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory(nom="Promotion 8", numero=8)


@pytest.fixture
def coach():
    return CoachFactory(prenom="Camille", nom_usage="Coach")


def _texte(reponse) -> str:
    assert reponse.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", reponse.content.decode())))


def _journal(client, **filtres) -> str:
    return _texte(client.get("/admin/journal/", filtres))


def test_le_plafond_change_par_un_coach_figure_au_journal_avec_l_ancienne_et_la_nouvelle_valeur(client, coach,
                                                                                                 promotion):
    """A coach sets the cap from 5 h to 4 h in the admin: the journal names the coach, the day, 5 → 4."""
    client.force_login(coach)
    reponse = client.post(f"/admin/programme/promotion/{promotion.pk}/change/", {
        "nom": promotion.nom, "numero": promotion.numero, "date_debut": promotion.date_debut.strftime("%d/%m/%Y"),
        "date_fin": promotion.date_fin.strftime("%d/%m/%Y"), "plafond_heures_acceleration": "4",
        "meteo_jour": "4", "meteo_ancre": "", "meteo_duree_jours": "7", "groupes_taille": "5",
        **_phases_inchangees(promotion),
    })
    assert reponse.status_code == 302, reponse.content.decode()[:3000]
    page = _journal(client, modele="programme.promotion", objet=promotion.pk)
    assert "Camille Coach" in page and "Promotion 8" in page
    assert "Plafond mensuel d'heures d'accélération [ancienne valeur : 5.00 ] → [nouvelle valeur : 4.00 ]" in page
    assert timezone.localtime().strftime("%Y") in page


def _phases_inchangees(promotion) -> dict:
    """The admin's inline of phases, sent back as shown."""
    phases = list(promotion.phases.order_by("numero"))
    donnees = {"phases-TOTAL_FORMS": len(phases), "phases-INITIAL_FORMS": len(phases), "phases-MIN_NUM_FORMS": 0,
               "phases-MAX_NUM_FORMS": 1000}
    for rang, phase in enumerate(phases):
        donnees.update({f"phases-{rang}-id": phase.pk, f"phases-{rang}-promotion": promotion.pk,
                        f"phases-{rang}-numero": phase.numero, f"phases-{rang}-nom": phase.nom,
                        f"phases-{rang}-devise": phase.devise, f"phases-{rang}-duree_mois": phase.duree_mois,
                        f"phases-{rang}-date_debut": phase.date_debut.strftime("%d/%m/%Y") if phase.date_debut else "",
                        f"phases-{rang}-date_fin": phase.date_fin.strftime("%d/%m/%Y") if phase.date_fin else ""})
    return donnees


def test_des_heures_supprimees_par_le_parrain_sur_sa_page_figurent_au_journal(client, coach, promotion):
    """The parrain deletes an entry on their page: the journal says who deleted it and what it was."""
    parrain = ParrainFactory(promotion=promotion, prenom="Mathilde", nom_usage="Hoang")
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    heure = HeureAccelerationFactory(parrain=parrain, defi=defi, sujet="Revue du modèle de données")
    client.force_login(parrain)
    assert client.post(f"/heures/{heure.pk}/supprimer/").status_code == 302
    client.force_login(coach)
    page = _journal(client, auteur=parrain.pk)
    assert "Suppression" in page and "Mathilde Hoang" in page
    assert "Revue du modèle de données" in page and "Hospi'Flux" in page


def test_une_session_annulee_par_un_coach_figure_au_journal_avec_son_motif(client, coach, promotion):
    """The coach cancels a session: the journal shows the status change and the reason, by the coach."""
    session = SessionFactory(promotion=promotion, titre="Atelier données", statut="publiee")
    client.force_login(coach)
    client.post(f"/coachs/sessions/{session.pk}/annuler/", {"motif_annulation": "Salle indisponible."})
    page = _journal(client, modele="accompagnement.session")
    assert "Camille Coach" in page and "Atelier données" in page
    assert "Statut [ancienne valeur : Publiée ] → [nouvelle valeur : Annulée ]" in page
    assert "Motif d'annulation [nouvelle valeur : Salle indisponible. ]" in page


def test_un_role_retire_dans_l_administration_figure_au_journal(client, coach, promotion):
    """A role deleted in the admin: the journal keeps whose role it was and which."""
    eig = EIGFactory(promotion=promotion, prenom="Nora", nom_usage="Benali")
    role = eig.roles.get()
    client.force_login(coach)
    assert client.post(f"/admin/programme/role/{role.pk}/delete/", {"post": "yes"}).status_code == 302
    page = _journal(client, modele="programme.role")
    assert not Role.objects.filter(pk=role.pk).exists()
    assert "Suppression" in page and "Nora Benali" in page and "Promotion 8" in page


def test_le_journal_se_filtre_par_auteur_et_par_dates(client, coach, promotion):
    """Filtered by another author or by a span of days before the change, the entry is not shown."""
    autre = CoachFactory(prenom="Alex", nom_usage="Autre")
    session = SessionFactory(promotion=promotion, titre="Atelier données", statut="publiee")
    client.force_login(coach)
    client.post(f"/coachs/sessions/{session.pk}/annuler/", {"motif_annulation": "Salle indisponible."})
    assert "Salle indisponible." in _journal(client, auteur=coach.pk)
    client.force_login(autre)
    assert "Alex Autre" not in _journal(client, auteur=coach.pk)
    hier = timezone.localdate() - datetime.timedelta(days=1)
    assert "Salle indisponible." not in _journal(client, au=hier.isoformat())
    assert "Salle indisponible." in _journal(client, du=timezone.localdate().isoformat())


def test_le_journal_est_reserve_aux_coachs(client, promotion):
    """Anyone but a coach is sent away from the journal."""
    client.force_login(EIGFactory(promotion=promotion))
    assert client.get("/admin/journal/").status_code == 302


def test_le_journal_a_un_nombre_de_requetes_constant(client, coach, promotion, django_assert_max_num_queries):
    """More changes on the page do not mean more queries."""
    client.force_login(coach)
    defi = DefiFactory(promotion=promotion)

    def changer(nombre):
        for rang in range(nombre):
            session = SessionFactory(promotion=promotion, defi=defi, titre=f"Session {rang}")
            session.lieu = "Ségur"
            session.save()
            session.facilitateurs.add(CoachFactory())
            heure = HeureAccelerationFactory(parrain=ParrainFactory(promotion=promotion), defi=defi)
            heure.delete()

    changer(2)
    with django_assert_max_num_queries(60) as peu:
        client.get("/admin/journal/")
    changer(10)
    with django_assert_max_num_queries(len(peu.captured_queries)):
        client.get("/admin/journal/")


def test_le_journal_entier_compare_chaque_version_a_la_precedente_du_meme_objet(client, coach, promotion):
    """Unfiltered, versions of several models (whose numbers overlap) are each compared with their own previous
    version."""
    session = SessionFactory(promotion=promotion, titre="Atelier données", lieu="Ségur")
    session.lieu = "Bercy"
    session.save()
    promotion.meteo_duree_jours = 5
    promotion.save()
    client.force_login(coach)
    page = _journal(client)
    assert "Lieu [ancienne valeur : Ségur ] → [nouvelle valeur : Bercy ]" in page
    assert "[ancienne valeur : 7 ] → [nouvelle valeur : 5 ]" in page


def test_un_service_appele_hors_d_une_requete_nomme_l_auteur_qu_on_lui_donne(coach, promotion):
    """Outside a web request (a task, a command), the author passed to the service is the one the journal keeps."""
    session = SessionFactory(promotion=promotion)
    heure = HeureAccelerationFactory(defi=DefiFactory(promotion=promotion))
    numero = heure.pk
    session_annuler(session, motif="Intervenante malade.", par=coach)
    heure_supprimer(heure, par=coach)
    assert session.history.latest().history_user == coach
    assert HeureAcceleration.history.filter(id=numero, history_type="-").get().history_user == coach


def test_les_animateurs_et_invites_changes_figurent_au_journal(client, coach, promotion):
    """A coach swaps a session's facilitator and invites someone: the journal says who left and who came, by
    name, and who made the change."""
    aurore = CoachFactory(prenom="Aurore", nom_usage="Vallée")
    ines = CoachFactory(prenom="Inès", nom_usage="Relais")
    nora = EIGFactory(promotion=promotion, prenom="Nora", nom_usage="Benali")
    session = SessionFactory(promotion=promotion, titre="Atelier données")
    session.facilitateurs.set([aurore])
    client.force_login(coach)
    session_modifier(session, facilitateurs=[ines], invites=[nora], par=coach)
    page = _journal(client, modele="accompagnement.session", objet=session.pk)
    assert "Animée par en moins : [ancienne valeur : Aurore Vallée ]" in page
    assert "Animée par en plus : [nouvelle valeur : Inès Relais ]" in page
    assert "Personnes invitées en plus : [nouvelle valeur : Nora Benali ]" in page
    assert "Camille Coach" in page


def test_les_coachs_et_participants_d_un_comite_changes_figurent_au_journal(client, coach, promotion):
    """The comité's coaches and participants changed by a coach: the journal names who came and who left."""
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    nora = EIGFactory(promotion=promotion, prenom="Nora", nom_usage="Benali")
    comite = comite_creer(defi, promotion.phases.get(numero=2), coachs=[coach], participants=[nora])
    ines = CoachFactory(prenom="Inès", nom_usage="Relais")
    comite_modifier(comite, debut=comite.debut, duree_minutes=comite.duree_minutes, lien_visio="",
                    coachs=[coach, ines], participants=[])
    client.force_login(coach)
    page = _journal(client, modele="evaluations.comite", objet=comite.pk)
    assert "Coachs du comité en plus : [nouvelle valeur : Inès Relais ]" in page
    assert "Participants en moins : [ancienne valeur : Nora Benali ]" in page
