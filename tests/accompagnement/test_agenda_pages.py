"""The agenda's pages: the month, the list, the subscription page; their number of queries as data grows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accompagnement.factories import CreneauFactory, CycleFactory, InscriptionFactory, SessionFactory
from accompagnement.models import Inscription, JetonAgenda, Session
from accompagnement.models.sessions import hacher_jeton
from accompagnement.services.agenda import jeton_agenda_creer
from programme.factories import CoachFactory, EIGFactory

pytestmark = pytest.mark.django_db


def paris(annee, mois, jour, heure=0, minute=0):
    return timezone.make_aware(datetime.datetime(annee, mois, jour, heure, minute))


def dans(jours, heure=10):
    jour = timezone.localdate() + datetime.timedelta(days=jours)
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(heure)))


def inscrite(personne, debut, minutes=90, statut_inscription=Inscription.Statut.INSCRITE, **champs):
    if champs.get("statut") == Session.Statut.ANNULEE:
        champs.setdefault("motif_annulation", "Salle indisponible.")
    session = SessionFactory(debut=debut, fin=debut + datetime.timedelta(minutes=minutes), **champs)
    InscriptionFactory(session=session, personne=personne, statut=statut_inscription)
    return session


def seance(demandeur, mentor, debut):
    """One séance of mentorat individuel (1 h) booked by `demandeur` with `mentor`."""
    creneau = CreneauFactory(mentor=mentor, debut=debut)
    return CycleFactory(demandeur=demandeur, mentor=mentor, creneaux=[creneau]).reservations.get()


@pytest.fixture
def eig(client):
    personne = EIGFactory()
    client.force_login(personne)
    return personne


def test_mois_affiche_les_sessions_de_la_personne_jour_par_jour(client, eig):
    """The month grid lists each session on its day, as a link, with its Paris time and its status."""
    session = inscrite(eig, paris(2026, 3, 10, 17), titre="Atelier-conférence")
    inscrite(eig, paris(2026, 3, 11, 14, 30), titre="Partage entre pairs",
             statut_inscription=Inscription.Statut.ATTENTE)
    inscrite(eig, paris(2026, 3, 12, 9), titre="Expédition annulée", statut=Session.Statut.ANNULEE)

    reponse = client.get("/agenda/?mois=2026-03")

    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert ("<caption>Mes sessions et rendez-vous de mars 2026, semaine par semaine, "
            "du lundi au vendredi</caption>") in html
    assert f'href="/sessions/{session.pk}/"' in html
    assert re.search(r"17:00</span> Atelier-conférence</a>", html)
    assert "Liste d'attente" in html and "Annulée" in html
    assert 'href="?mois=2026-02"' in html and 'href="?mois=2026-04"' in html
    assert "Mois suivant : </span>Avril 2026" in html


def test_mois_affiche_la_repartition_du_temps_en_graphique_et_en_tableau(client, eig):
    """The month's hours per family appear as bars and as a table with the same numbers."""
    inscrite(eig, paris(2026, 3, 10, 9), minutes=240, dispositif="atelier-collaboratif")
    inscrite(eig, paris(2026, 3, 17, 17), minutes=90, dispositif="conference")

    html = client.get("/agenda/?mois=2026-03").content.decode()

    assert "En mars 2026 : 5 h 30 d'accompagnement" in html
    assert '<rect class="agenda-famille--defi" width="72.7" height="10"/>' in html
    assert re.search(r"<th scope=\"row\">L&#x27;accompagnement des défis</th><td>1</td><td>4 h</td><td>73 %</td>", html)
    assert re.search(r"<th scope=\"row\">L&#x27;accompagnement de la promotion</th><td>1</td><td>1 h 30</td>", html)
    assert re.search(r"<th scope=\"row\">Total</th><td>2</td><td>5 h 30</td>", html)


def test_le_mois_d_octobre_est_elide(client, eig):
    """The month's table is that of sessions « d'octobre », never « de octobre »."""
    html = client.get("/agenda/?mois=2026-10").content.decode()
    assert "Mes sessions et rendez-vous d&#x27;octobre 2026, semaine par semaine" in html
    assert "de octobre" not in html


def test_mois_sans_parametre_ou_mal_forme_montre_le_mois_en_cours(client, eig):
    """Without ?mois, or with a wrong one, the current month shows."""
    for url in ["/agenda/", "/agenda/?mois=2026-13", "/agenda/?mois=n-importe-quoi"]:
        reponse = client.get(url)
        assert reponse.status_code == 200
        assert reponse.context["agenda"].mois == timezone.localdate().replace(day=1), url


def test_liste_montre_les_evenements_a_venir_par_mois(client, eig):
    """The list shows what is still to come, grouped by month, with a .ics link for each session."""
    passee = inscrite(eig, dans(-3), titre="Déjà passée")
    prochaine = inscrite(eig, dans(2), titre="Conférence sur l'accessibilité",
                         lien_visio="https://visio.exemple.test/x")
    seance(eig, CoachFactory(prenom="Thomas", nom_usage="Parisot"), dans(9, 17))

    reponse = client.get("/agenda/liste/")

    html = reponse.content.decode()
    assert [e.titre for e in reponse.context["evenements"]] == [
        "Conférence sur l'accessibilité", "Mentorat individuel avec Thomas Parisot",
    ]
    assert passee.titre not in html
    assert f'href="/sessions/{prochaine.pk}/ics/"' in html
    assert 'href="https://visio.exemple.test/x"' in html


def test_abonnement_cree_le_lien_a_la_premiere_visite_et_ne_le_montre_qu_une_fois(client, eig):
    """The first visit makes the secret link and shows it; the next visit says it exists, without it."""
    premiere = client.get("/agenda/abonnement/")

    lien = premiere.context["lien"]
    jeton = re.fullmatch(r"http://testserver/agenda/([\w-]+)\.ics", lien)[1]
    assert JetonAgenda.objects.get(personne=eig).jeton_hache == hacher_jeton(jeton)
    assert lien in premiere.content.decode()
    assert premiere.context["lien_webcal"] == f"webcal://testserver/agenda/{jeton}.ics"

    seconde = client.get("/agenda/abonnement/")

    assert seconde.context["lien"] is None
    assert jeton not in seconde.content.decode()
    assert "Votre lien d'abonnement est actif" in seconde.content.decode()


def test_regenerer_depuis_la_page_montre_le_nouveau_lien_et_coupe_l_ancien(client, eig):
    """« Régénérer le lien » (POST) shows the new link once; the old one answers 404."""
    ancien = jeton_agenda_creer(eig)

    reponse = client.post("/agenda/abonnement/", follow=True)

    nouveau = re.search(r"/agenda/([\w-]+)\.ics", reponse.context["lien"])[1]
    assert nouveau != ancien
    assert "l&#x27;ancien ne fonctionne plus" in reponse.content.decode()
    assert client.get(f"/agenda/{ancien}.ics").status_code == 404
    assert client.get(f"/agenda/{nouveau}.ics").status_code == 200
    assert client.get("/agenda/abonnement/").context["lien"] is None


def _remplir(personne, mentor, decalage):
    """Ten sessions of several families, two of them cancelled, and four mentorat slots, this month and next."""
    for n, slug in enumerate(["conference", "atelier-collaboratif", "expedition-apprenante", "seminaire-porteurs",
                              "partage-entre-pairs"] * 2):
        inscrite(personne, dans(decalage + n, 9 + n % 8), dispositif=slug,
                 statut=Session.Statut.ANNULEE if n % 5 == 4 else Session.Statut.PUBLIEE)
    SessionFactory(debut=dans(decalage + 1, 14), fin=dans(decalage + 1, 16), facilitateurs=[personne])
    for n in range(4):
        seance(personne, mentor, dans(decalage + 7 * n, 17))


def _requetes(client, url):
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/liste/", "/agenda/abonnement/", "flux"])
def test_nombre_de_requetes_constant_quand_l_agenda_grossit(client, eig, url, django_assert_max_num_queries):
    """Month, list, subscription page and feed: the same number of queries for 15 events as for 60."""
    coach = CoachFactory()
    if url == "flux":
        url = f"/agenda/{jeton_agenda_creer(eig)}.ics"
    _remplir(eig, coach, 0)
    client.get(url)  # the subscription page's first visit makes the secret: measure the visits after it
    peu = _requetes(client, url)
    for decalage in (1, 2, 3):
        _remplir(eig, coach, decalage)
    _remplir(EIGFactory(), CoachFactory(), 0)

    with django_assert_max_num_queries(peu):
        assert client.get(url).status_code == 200
    assert _requetes(client, url) == peu
    assert peu <= 8
