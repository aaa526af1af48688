"""The sessions at national scale: the admin's list and the coaches' list count registrations for their page only,
and a session's change page reads its registrations in a fixed number of queries, however many people registered."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory
from accompagnement.models import Inscription
from accompagnement.views.sessions import SESSIONS_PAR_PAGE
from programme.factories import CoachFactory, EIGFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def coach(client, promotion):
    coach = CoachFactory(promotion=promotion)
    client.force_login(coach)
    return coach


def _requetes(client, url):
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get(url)
    assert reponse.status_code == 200
    return reponse, [q["sql"] for q in requetes.captured_queries]


def test_la_liste_des_sessions_ne_compte_les_inscriptions_que_de_sa_page(client, coach, promotion):
    """The page, the paginator's counts and the date hierarchy never join the registrations; one query counts
    them for the sessions shown, and each row shows its number of registered people."""
    pleine = SessionFactory(promotion=promotion, titre="Conférence pleine")
    for _ in range(3):
        InscriptionFactory(session=pleine)
    InscriptionFactory(session=pleine, statut=Inscription.Statut.ATTENTE)
    SessionFactory(promotion=promotion, titre="Conférence vide")
    reponse, requetes = _requetes(client, "/admin/accompagnement/session/")
    sur_les_inscriptions = [sql for sql in requetes if "accompagnement_inscription" in sql]
    assert len(sur_les_inscriptions) == 1
    assert '"session_id" IN' in sur_les_inscriptions[0]
    inscrites = {s.titre: s.nombre_inscrites for s in reponse.context["cl"].result_list}
    assert inscrites == {"Conférence pleine": 3, "Conférence vide": 0}
    assert '<td class="field-nombre_inscrites">3</td>' in reponse.content.decode()


def test_la_liste_des_sessions_se_trie_encore_par_nombre_d_inscrites(client, coach, promotion):
    """Sorting by the « inscrites » column still orders the sessions by their registered people."""
    for titre, nombre in (("Deux", 2), ("Zéro", 0), ("Trois", 3)):
        session = SessionFactory(promotion=promotion, titre=titre)
        for _ in range(nombre):
            InscriptionFactory(session=session)
    colonne = 1 + ["titre", "dispositif", "promotion", "debut", "statut", "audience",
                   "nombre_inscrites"].index("nombre_inscrites")
    croissant, _ = _requetes(client, f"/admin/accompagnement/session/?o={colonne}")
    assert [s.titre for s in croissant.context["cl"].result_list] == ["Zéro", "Deux", "Trois"]
    decroissant, _ = _requetes(client, f"/admin/accompagnement/session/?o=-{colonne}")
    assert [s.nombre_inscrites for s in decroissant.context["cl"].result_list] == [3, 2, 0]


def test_la_page_d_une_session_lit_ses_inscriptions_en_nombre_constant_de_requetes(client, coach, promotion):
    """A conférence of a whole promotion: its change page costs as many queries with thirty registrations as with
    two, and still names each registered person."""
    session = SessionFactory(promotion=promotion)
    url = f"/admin/accompagnement/session/{session.pk}/change/"
    for _ in range(2):
        InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion))
    _requetes(client, url)  # the first visit fills caches (content types) that later ones read
    _, peu = _requetes(client, url)
    inscrites = [EIGFactory(promotion=promotion) for _ in range(28)]
    for personne in inscrites:
        InscriptionFactory(session=session, personne=personne)
    reponse, beaucoup = _requetes(client, url)
    assert len(beaucoup) == len(peu)
    page = html.unescape(reponse.content.decode())
    for personne in inscrites:
        assert f'<option value="{personne.pk}" selected>{personne}</option>' in page


def test_au_dela_du_seuil_la_session_renvoie_a_ses_inscriptions_par_pages(client, coach, promotion, monkeypatch):
    """A session with more registrations than its page can list (a conférence of 300 EIG) links to the list of its
    own registrations, by pages, where presence is marked; that list shows no other session's people."""
    monkeypatch.setattr("accompagnement.admin.sessions.INSCRIPTIONS_EN_LIGNE_MAX", 3)
    conference = SessionFactory(promotion=promotion, titre="Conférence de rentrée")
    inscrites = [InscriptionFactory(session=conference, personne=EIGFactory(promotion=promotion)) for _ in range(4)]
    ailleurs = InscriptionFactory(session=SessionFactory(promotion=promotion))
    page = client.get(f"/admin/accompagnement/session/{conference.pk}/change/").content.decode()
    liste = f"/admin/accompagnement/inscription/?session__id__exact={conference.pk}"
    assert "4 inscrites et inscrits" in page and f'href="{liste}"' in html.unescape(page)
    assert "inscriptions-TOTAL_FORMS" not in page
    reponse, _ = _requetes(client, liste)
    assert "Inscriptions à « Conférence de rentrée »" in html.unescape(reponse.content.decode())
    assert {i.pk for i in reponse.context["cl"].result_list} == {i.pk for i in inscrites}
    assert ailleurs.pk not in {i.pk for i in reponse.context["cl"].result_list}
    premiere = inscrites[0]
    donnees = {"form-TOTAL_FORMS": "4", "form-INITIAL_FORMS": "4", "_save": "Enregistrer"}
    for rang, inscription in enumerate(reponse.context["cl"].result_list):
        donnees[f"form-{rang}-id"] = str(inscription.pk)
        if inscription.pk == premiere.pk:
            donnees[f"form-{rang}-present"] = "true"
    assert client.post(liste, donnees).status_code == 302
    premiere.refresh_from_db()
    assert premiere.present is True


def test_sous_le_seuil_la_session_garde_ses_inscriptions_dans_son_formulaire(client, coach, promotion):
    session = SessionFactory(promotion=promotion)
    InscriptionFactory(session=session)
    page = client.get(f"/admin/accompagnement/session/{session.pk}/change/").content.decode()
    assert "inscriptions-TOTAL_FORMS" in page and "Lire et pointer les inscriptions" not in page


def test_la_liste_des_inscriptions_sans_session_renvoie_aux_sessions(client, coach):
    for adresse in ("/admin/accompagnement/inscription/", "/admin/accompagnement/inscription/?session__id__exact=x",
                    "/admin/accompagnement/inscription/?session__id__exact=99999999999999999999999"):
        reponse = client.get(adresse, follow=True)
        assert reponse.redirect_chain[-1][0] == "/admin/accompagnement/session/"
        assert "Les inscriptions se lisent depuis la page de leur session." in reponse.content.decode()


def test_la_liste_des_coachs_coupe_la_page_avant_de_compter_les_inscriptions(client, coach, promotion):
    """/coachs/sessions/ of a promotion with more sessions than a page: the count of the list never joins the
    registrations, one query counts them for the sessions shown, and each row shows its counts."""
    sessions = [SessionFactory(promotion=promotion, capacite=5) for _ in range(SESSIONS_PAR_PAGE + 3)]
    premiere = min(sessions, key=lambda s: (s.debut, s.pk))
    for _ in range(2):
        InscriptionFactory(session=premiere)
    InscriptionFactory(session=premiere, statut=Inscription.Statut.ATTENTE)
    reponse, requetes = _requetes(client, "/coachs/sessions/")
    sur_les_inscriptions = [sql for sql in requetes if "accompagnement_inscription" in sql]
    assert len(sur_les_inscriptions) == 1
    assert '"session_id" IN' in sur_les_inscriptions[0]
    page = reponse.context["page_obj"]
    assert page.paginator.count == SESSIONS_PAR_PAGE + 3 and len(page.object_list) == SESSIONS_PAR_PAGE
    assert "2 / 5 (+1 en attente)" in html.unescape(reponse.content.decode())


@pytest.mark.postgres
def test_postgresql_echantillonne_assez_les_sessions_des_inscriptions():
    """The column the dashboard joins on keeps the larger sample the migration set, so that its estimate of
    registrations per session stays near the truth at national scale."""
    with connection.cursor() as curseur:
        curseur.execute("SELECT attstattarget FROM pg_attribute WHERE attrelid = 'accompagnement_inscription'::regclass"
                        " AND attname = 'session_id'")
        assert curseur.fetchone()[0] == 2000


def test_une_inscription_ne_se_supprime_pas_seule_mais_part_avec_sa_session(client, coach, promotion):
    """Its page has no delete button and its deletion is refused; deleting its session takes it along."""
    inscription = InscriptionFactory(session=SessionFactory(promotion=promotion))
    adresse = f"/admin/accompagnement/inscription/{inscription.pk}/"
    assert f"{adresse}delete/" not in client.get(f"{adresse}change/").content.decode()
    assert client.post(f"{adresse}delete/", {"post": "yes"}).status_code == 403
    reponse = client.post(f"/admin/accompagnement/session/{inscription.session_id}/delete/", {"post": "yes"})
    assert reponse.status_code == 302
    assert not Inscription.objects.filter(pk=inscription.pk).exists()


def test_les_annees_de_la_liste_des_sessions_viennent_de_la_premiere_et_de_la_derniere(client, coach, promotion):
    """The date hierarchy offers each year from the first session to the last, read by MIN and MAX (an index
    answers them) rather than by a DISTINCT over every session of the country."""
    for annee in (2026, 2027):
        SessionFactory(promotion=promotion, debut=timezone.make_aware(datetime.datetime(annee, 3, 5, 14)))
    reponse, requetes = _requetes(client, "/admin/accompagnement/session/")
    page = reponse.content.decode()
    assert "?debut__year=2026" in page and "?debut__year=2027" in page
    assert not [sql for sql in requetes if "DISTINCT" in sql]
