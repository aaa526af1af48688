"""Sessions, the pages: the public catalogue, a session's page for each kind of visitor, answering from the
page and from the list, the coaches' list and its filters, the planner, the planned calendar, publication,
cancellation, attendance, the admin — and constant numbers of queries on the lists."""

import datetime
import html

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accompagnement.factories import InscriptionFactory, SessionFactory, dispositif
from accompagnement.models import Dispositif, Inscription, Session
from accompagnement.services import planificateur
from accompagnement.views.sessions import SESSIONS_PAR_PAGE
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, EIGFactory, IntervenantFactory, PromotionFactory
from tests.constantes import constante_changer

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion():
    return PromotionFactory()


@pytest.fixture
def coach(promotion):
    return CoachFactory(promotion=promotion)


@pytest.fixture
def eig(promotion):
    return EIGFactory(promotion=promotion, prenom="Inès")


def _texte(reponse):
    """The page's HTML with its entities decoded, to read it as a person would."""
    return html.unescape(reponse.content.decode())


def _nombre_de_requetes(client, url):
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


# The catalogue.

def test_le_catalogue_presente_les_dix_sept_dispositifs_par_famille(client):
    """Anyone reads the seventeen dispositifs, family by family, with audience, cadence, duration, how to
    prepare and what to do after."""
    page = _texte(client.get("/programme/accompagnement/"))
    for famille in ("L'accompagnement des défis", "L'accompagnement des porteurs et porteuses",
                    "L'accompagnement individuel", "L'accompagnement de la promotion"):
        assert famille.replace("'", "'") in page
    for d in Dispositif.objects.all():
        assert f'href="/programme/accompagnement/{d.slug}/"' in page
    assert page.count("S'y préparer : ") == 17 and page.count("S'en inspirer : ") == 17
    assert "Se documenter sur le lieu, son histoire, sa fonction." in page


def test_le_catalogue_montre_le_texte_edite_par_les_coachs(client):
    """What a coach writes in the admin is what visitors read, on the catalogue and the dispositif's page."""
    Dispositif.objects.filter(slug="conference").update(preparation="Lire l'article envoyé la veille.")
    assert "Lire l'article envoyé la veille." in _texte(client.get("/programme/accompagnement/"))
    page = _texte(client.get("/programme/accompagnement/conference/"))
    assert "<h1>Conférence, table ronde ou masterclass</h1>" in page
    assert "Lire l'article envoyé la veille." in page


# A session's page and the answers.

def test_un_invite_s_inscrit_depuis_la_page_de_la_session(client, promotion, eig):
    """An invited EIG registers from the session's page and sees her answer there."""
    session = SessionFactory(promotion=promotion, capacite=10, titre="Conférence sur la sobriété numérique")
    client.force_login(eig)
    page = _texte(client.get(f"/sessions/{session.pk}/"))
    assert "S'inscrire" in page and "10 places, 10 restantes" in page
    reponse = client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire"}, follow=True)
    assert reponse.redirect_chain[-1][0] == f"/sessions/{session.pk}/"
    page = _texte(reponse)
    assert "Vous êtes inscrite ou inscrit à « Conférence sur la sobriété numérique »." in page
    assert "Inscription confirmée" in page and "Se désister" in page
    assert Inscription.objects.get(session=session, personne=eig).statut == Inscription.Statut.INSCRITE


def test_une_session_complete_mene_a_la_liste_d_attente(client, promotion, eig):
    """When the session is full, the button offers the waiting list and the message says so."""
    session = SessionFactory(promotion=promotion, capacite=1)
    InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion))
    client.force_login(eig)
    assert "Rejoindre la liste d'attente" in _texte(client.get(f"/sessions/{session.pk}/"))
    page = _texte(client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire"}, follow=True))
    assert "est complète : vous êtes en liste d'attente" in page


def test_repondre_depuis_la_liste_ramene_a_la_liste_mais_jamais_ailleurs(client, promotion, eig):
    """Answering from the list comes back to it; a `suite` pointing to another site is ignored."""
    session = SessionFactory(promotion=promotion)
    client.force_login(eig)
    reponse = client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "decliner", "suite": "/sessions/a-venir/"})
    assert reponse.url == "/sessions/a-venir/"
    reponse = client.post(f"/sessions/{session.pk}/reponse/",
                          {"reponse": "inscrire", "suite": "https://ailleurs.test/"})
    assert reponse.url == f"/sessions/{session.pk}/"


def test_une_session_commencee_n_accepte_plus_de_reponse(client, promotion, eig):
    """Once started, the page offers no answer and a forged answer gets a clear message."""
    debut = timezone.now() - datetime.timedelta(minutes=10)
    session = SessionFactory(promotion=promotion, debut=debut, fin=debut + datetime.timedelta(hours=1))
    client.force_login(eig)
    assert "S'inscrire" not in _texte(client.get(f"/sessions/{session.pk}/"))
    page = _texte(client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire"}, follow=True))
    assert "Cette session a déjà commencé" in page
    assert not Inscription.objects.exists()


def test_la_page_d_une_session_annulee_donne_le_motif(client, promotion, eig):
    """A cancelled session shows its reason and no answer buttons."""
    session = SessionFactory(promotion=promotion, statut=Session.Statut.ANNULEE,
                             motif_annulation="Grève des transports.")
    client.force_login(eig)
    page = _texte(client.get(f"/sessions/{session.pk}/"))
    assert "Cette session est annulée" in page and "Grève des transports." in page
    assert "S'inscrire" not in page


def test_les_reponses_sont_visibles_des_coachs_et_des_animateurs_seulement(client, promotion, coach, eig):
    """The list of answers shows to coaches and facilitators, not to the invited people."""
    intervenante = IntervenantFactory(promotion=promotion)
    session = SessionFactory(promotion=promotion, facilitateurs=[intervenante])
    InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion, prenom="Zoé", nom_usage="Martin"))
    for personne, voit in [(coach, True), (intervenante, True), (eig, False)]:
        client.force_login(personne)
        page = _texte(client.get(f"/sessions/{session.pk}/"))
        assert ("Les réponses" in page) is voit
        assert ("Zoé Martin" in page) is voit


def test_le_fil_d_ariane_d_une_session_ramene_chacun_a_sa_liste(client, promotion, coach, eig):
    """From a session's page, a coach goes back to the promotion's sessions, an invited person to theirs."""
    session = SessionFactory(promotion=promotion)
    for personne, lien in [(coach, f'href="/coachs/sessions/?promotion={promotion.pk}">Sessions</a>'),
                           (eig, 'href="/sessions/a-venir/">Les sessions à venir</a>')]:
        client.force_login(personne)
        assert lien in _texte(client.get(f"/sessions/{session.pk}/"))


def test_sessions_a_venir_propose_de_s_inscrire(client, promotion, eig):
    """The list shows the sessions open to the person, with her answer and the buttons."""
    SessionFactory(promotion=promotion, titre="Conférence de rentrée")
    SessionFactory(promotion=promotion, titre="Brouillon caché", statut=Session.Statut.BROUILLON)
    client.force_login(eig)
    page = _texte(client.get("/sessions/a-venir/"))
    assert "Conférence de rentrée" in page and "Brouillon caché" not in page
    assert "Sans réponse" in page and "S'inscrire<span class=\"fr-sr-only\"> : Conférence de rentrée</span>" in page


def test_sessions_a_venir_en_nombre_de_requetes_constant(client, promotion, eig, django_assert_max_num_queries):
    """The list costs the same number of queries for 2 sessions as for 30 (a full first page), answers included."""
    client.force_login(eig)
    for session in SessionFactory.create_batch(2, promotion=promotion, capacite=5):
        InscriptionFactory(session=session, personne=eig)
    peu = _nombre_de_requetes(client, "/sessions/a-venir/")
    for session in SessionFactory.create_batch(28, promotion=promotion, capacite=5):
        InscriptionFactory(session=session, personne=eig)
        InscriptionFactory(session=session)
    with django_assert_max_num_queries(peu):
        assert _texte(client.get("/sessions/a-venir/")).count("Inscription confirmée") == SESSIONS_PAR_PAGE


# The coaches' pages.

def test_la_liste_des_coachs_filtre_par_dispositif_statut_et_mois(client, promotion, coach):
    """The coaches' list filters the promotion's sessions by dispositif, status and month."""
    phase = promotion.phases.get(numero=3)
    debut = timezone.make_aware(datetime.datetime.combine(phase.date_debut + datetime.timedelta(days=3),
                                                          datetime.time(17, 0)))
    SessionFactory(promotion=promotion, titre="Conférence publiée")
    SessionFactory(promotion=promotion, titre="Expédition en brouillon", dispositif="expedition-apprenante",
                   statut=Session.Statut.BROUILLON)
    SessionFactory(promotion=promotion, titre="Conférence de la phase 3", debut=debut,
                   fin=debut + datetime.timedelta(hours=1))
    SessionFactory(titre="Session d'une autre promotion")
    client.force_login(coach)
    base = f"/coachs/sessions/?promotion={promotion.pk}"
    page = _texte(client.get(base))
    assert "3 sessions" in page and "autre promotion" not in page
    page = _texte(client.get(f"{base}&dispositif={dispositif('expedition-apprenante').pk}"))
    assert "Expédition en brouillon" in page and "Conférence publiée" not in page
    page = _texte(client.get(f"{base}&statut=brouillon"))
    assert "1 session" in page and "Expédition en brouillon" in page
    page = _texte(client.get(f"{base}&mois={debut:%Y-%m}"))
    assert "Conférence de la phase 3" in page and "Conférence publiée" not in page


def test_la_liste_des_coachs_en_nombre_de_requetes_constant(client, promotion, coach, django_assert_max_num_queries):
    """The coaches' list costs the same number of queries for 3 sessions as for 40."""
    client.force_login(coach)
    defi = DefiFactory(promotion=promotion)
    intervenant = IntervenantFactory(promotion=promotion)

    def sessions(nombre):
        for rang in range(nombre):
            session = SessionFactory(promotion=promotion, audience=Session.Audience.DEFI if rang % 2 else "promotion",
                                     defi=defi if rang % 2 else None, facilitateurs=[intervenant, coach])
            InscriptionFactory(session=session)

    sessions(3)
    url = f"/coachs/sessions/?promotion={promotion.pk}"
    peu = _nombre_de_requetes(client, url)
    sessions(37)
    with django_assert_max_num_queries(peu):
        assert "40 sessions" in _texte(client.get(url))


def test_un_coach_cree_une_session_publiee(client, promotion, coach, eig):
    """A coach fills in the form (Paris times) and publishes: the session exists, in the right phase."""
    client.force_login(coach)
    jour = timezone.localdate() + datetime.timedelta(days=10)
    reponse = client.post(f"/coachs/sessions/promotion/{promotion.pk}/nouvelle/", {
        "dispositif": dispositif("conference").pk, "titre": "Masterclass : l'accessibilité",
        "debut": f"{jour:%Y-%m-%d}T17:00", "fin": f"{jour:%Y-%m-%d}T18:30", "lieu": "DINUM, Ségur",
        "audience": "eig", "capacite": "30", "facilitateurs": [coach.pk], "publier": "",
    })
    session = Session.objects.get(titre="Masterclass : l'accessibilité")
    assert reponse.url == f"/sessions/{session.pk}/"
    assert session.statut == Session.Statut.PUBLIEE and session.capacite == 30
    assert timezone.localtime(session.debut).time() == datetime.time(17, 0)
    assert session.phase == promotion.phase_en_cours(jour) and list(session.facilitateurs.all()) == [coach]


def test_un_coach_modifie_une_session_et_les_inscrits_sont_prevenus(client, promotion, coach, eig,
                                                                      django_capture_on_commit_callbacks):
    """Changing the place of a published session from the form e-mails the registered person."""
    session = SessionFactory(promotion=promotion)
    InscriptionFactory(session=session, personne=eig)
    client.force_login(coach)
    formulaire = client.get(f"/coachs/sessions/{session.pk}/modifier/").context["formulaire"]
    donnees = {nom: valeur for nom, valeur in formulaire.initial.items() if valeur is not None}
    donnees.update({"debut": timezone.localtime(session.debut).strftime("%Y-%m-%dT%H:%M"),
                    "fin": timezone.localtime(session.fin).strftime("%Y-%m-%dT%H:%M"),
                    "facilitateurs": [], "invites": [], "lieu": "Ségur, salle Marianne"})
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/coachs/sessions/{session.pk}/modifier/", donnees)
    assert reponse.status_code == 302
    session.refresh_from_db()
    assert session.lieu == "Ségur, salle Marianne" and session.sequence == 1
    assert [m.to for m in mail.outbox] == [[eig.email]] and "Ségur, salle Marianne" in mail.outbox[0].body


def test_un_coach_annule_une_session_avec_un_motif(client, promotion, coach, eig, django_capture_on_commit_callbacks):
    """The cancellation page says who will be told; without a reason it refuses; with one it cancels."""
    session = SessionFactory(promotion=promotion)
    InscriptionFactory(session=session, personne=eig)
    client.force_login(coach)
    assert "1 personne inscrite ou en liste d'attente recevra un e-mail" in _texte(client.get(
        f"/coachs/sessions/{session.pk}/annuler/"))
    page = _texte(client.post(f"/coachs/sessions/{session.pk}/annuler/", {"motif_annulation": ""}))
    assert "Indiquez le motif de l'annulation" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/coachs/sessions/{session.pk}/annuler/", {"motif_annulation": "Salle indisponible."})
    session.refresh_from_db()
    assert session.statut == Session.Statut.ANNULEE and len(mail.outbox) == 1


@pytest.mark.parametrize("url", ["/sessions/{pk}/", "/coachs/sessions/{pk}/emargement/"])
def test_reponses_et_emargement_en_nombre_de_requetes_constant(client, promotion, coach, url,
                                                              django_assert_max_num_queries):
    """A session's page (with its answers) and its attendance sheet cost the same queries for 2 people as for 30."""
    session = SessionFactory(promotion=promotion, capacite=20, facilitateurs=[coach])
    client.force_login(coach)
    url = url.format(pk=session.pk)
    for _ in range(2):
        InscriptionFactory(session=session)
    peu = _nombre_de_requetes(client, url)
    for rang in range(28):
        statut = Inscription.Statut.ATTENTE if rang >= 18 else Inscription.Statut.INSCRITE
        InscriptionFactory(session=session, statut=statut)
    with django_assert_max_num_queries(peu):
        page = _texte(client.get(url))
    if "emargement" in url:
        assert page.count('type="checkbox"') == 20
    else:
        assert "20 personnes inscrites, 10 en liste d'attente" in page


def test_l_emargement_enregistre_les_presences(client, promotion, coach, eig):
    """The attendance sheet lists the registered people; checked ones are present, others absent."""
    session = SessionFactory(promotion=promotion)
    absente = EIGFactory(promotion=promotion, prenom="Zoé")
    InscriptionFactory(session=session, personne=eig)
    InscriptionFactory(session=session, personne=absente)
    client.force_login(coach)
    page = _texte(client.get(f"/coachs/sessions/{session.pk}/emargement/"))
    assert "Inès" in page and "Zoé" in page and 'type="checkbox"' in page
    reponse = client.post(f"/coachs/sessions/{session.pk}/emargement/", {"presents": [eig.pk]}, follow=True)
    assert "Présences enregistrées : 1 sur 2." in _texte(reponse)
    assert dict(session.inscriptions.values_list("personne_id", "present")) == {eig.pk: True, absente.pk: False}


def test_un_coach_planifie_revoit_et_publie_le_calendrier(client, promotion, coach):
    """Planning drafts the calendar; the planned calendar lists every draft by phase; a draft can be
    deleted; publishing makes the rest visible."""
    MembreEquipeFactory(defi=DefiFactory(promotion=promotion, titre="Hospi'Flux"), role=MembreEquipe.Role.EIG)
    client.force_login(coach)
    assert "pour chacun des 1 défi" in _texte(client.get(f"/coachs/sessions/promotion/{promotion.pk}/planifier/"))
    reponse = client.post(f"/coachs/sessions/promotion/{promotion.pk}/planifier/", follow=True)
    page = _texte(reponse)
    assert reponse.redirect_chain[-1][0] == f"/coachs/sessions/promotion/{promotion.pk}/calendrier/"
    assert "31 sessions planifiées en brouillon" in page
    assert "Phase 4 – Amplifier l'impact" in page and "Comité d'évaluation – phase 2 – Hospi'Flux" in page
    brouillon = promotion.sessions.filter(dispositif__slug="conference").order_by("debut").first()
    client.post(f"/coachs/sessions/{brouillon.pk}/supprimer/",
                {"suite": f"/coachs/sessions/promotion/{promotion.pk}/calendrier/"})
    reponse = client.post(f"/coachs/sessions/promotion/{promotion.pk}/publier/", follow=True)
    assert "30 sessions publiées" in _texte(reponse)
    assert set(promotion.sessions.values_list("statut", flat=True)) == {Session.Statut.PUBLIEE}
    page = _texte(client.post(f"/coachs/sessions/promotion/{promotion.pk}/planifier/", follow=True))
    assert "Le calendrier était déjà planifié : aucune session n'a été ajoutée." in page
    assert promotion.sessions.count() == 30


def test_le_calendrier_planifie_en_nombre_de_requetes_constant(client, promotion, coach,
                                                              django_assert_max_num_queries):
    """The planned calendar costs the same number of queries for 1 défi as for 10."""
    client.force_login(coach)
    from accompagnement.services.planificateur import calendrier_planifier

    DefiFactory(promotion=promotion)
    calendrier_planifier(promotion)
    url = f"/coachs/sessions/promotion/{promotion.pk}/calendrier/"
    peu = _nombre_de_requetes(client, url)
    DefiFactory.create_batch(9, promotion=promotion)
    calendrier_planifier(promotion)
    with django_assert_max_num_queries(peu):
        reponse = client.get(url)
    assert reponse.status_code == 200 and len(reponse.context["sessions"]) == 21 + 10 * 10


def test_un_brouillon_publie_depuis_sa_page(client, promotion, coach, eig):
    """A coach publishes one draft from its page; the invited EIG then sees it."""
    session = SessionFactory(promotion=promotion, statut=Session.Statut.BROUILLON)
    client.force_login(eig)
    assert client.get(f"/sessions/{session.pk}/").status_code == 404
    client.force_login(coach)
    assert "Publier la session" in _texte(client.get(f"/sessions/{session.pk}/"))
    client.post(f"/coachs/sessions/{session.pk}/publier/")
    client.force_login(eig)
    assert client.get(f"/sessions/{session.pk}/").status_code == 200


# The admin.

def test_l_administration_des_dispositifs_se_trie_se_filtre_et_se_recherche(client, coach):
    """The coaches find a dispositif by search and filters and change its order in the list."""
    client.force_login(coach)
    page = _texte(client.get("/admin/accompagnement/dispositif/?famille__exact=porteurs"))
    assert "Séminaire porteurs" in page and "Conférence" not in page
    page = _texte(client.get("/admin/accompagnement/dispositif/?q=expédition"))
    assert "Expédition apprenante" in page and 'name="form-0-ordre"' in page
    page = _texte(client.get(f"/admin/accompagnement/dispositif/{dispositif('conference').pk}/change/"))
    assert "Dans les mots des usagers" in page


def test_changer_l_horaire_dans_l_administration_previent_les_inscrits(client, promotion, coach, eig,
                                                                         django_capture_on_commit_callbacks):
    """A change made in the admin goes through the service: SEQUENCE raised, registered people told."""
    session = SessionFactory(promotion=promotion)
    InscriptionFactory(session=session, personne=eig)
    client.force_login(coach)
    url = f"/admin/accompagnement/session/{session.pk}/change/"
    debut = timezone.localtime(session.debut) + datetime.timedelta(hours=1)
    fin = timezone.localtime(session.fin) + datetime.timedelta(hours=1)
    inscription = session.inscriptions.get()
    donnees = {
        "dispositif": session.dispositif_id, "promotion": promotion.pk, "titre": session.titre,
        "description": session.description, "debut_0": debut.strftime("%d/%m/%Y"), "debut_1": debut.strftime("%H:%M"),
        "fin_0": fin.strftime("%d/%m/%Y"), "fin_1": fin.strftime("%H:%M"), "lieu": session.lieu, "lien_visio": "",
        "audience": session.audience, "capacite": "",
        "inscriptions-TOTAL_FORMS": "1", "inscriptions-INITIAL_FORMS": "1", "inscriptions-MIN_NUM_FORMS": "0",
        "inscriptions-MAX_NUM_FORMS": "1000", "inscriptions-0-id": inscription.pk,
        "inscriptions-0-session": session.pk, "inscriptions-0-personne": eig.pk, "inscriptions-0-statut": "inscrite",
        "inscriptions-0-present": "unknown",
    }
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(url, donnees)
    assert reponse.status_code == 302, reponse.context["adminform"].form.errors if reponse.context else reponse
    session.refresh_from_db()
    assert session.sequence == 1 and len(mail.outbox) == 1


def test_les_seminaires_tombent_et_s_annoncent_selon_leurs_constantes(client, promotion, coach, monkeypatch):
    """With the séminaire d'intégration five weeks after the start and the séminaire d'accélération three months
    before the end, the planning page says so and the drafted séminaires fall there."""
    constante_changer(monkeypatch, planificateur, "INTEGRATION_APRES_DEBUT_SEMAINES", 5)
    constante_changer(monkeypatch, planificateur, "ACCELERATION_AVANT_FIN_MOIS", 3)
    client.force_login(coach)
    page = _texte(client.get(f"/coachs/sessions/promotion/{promotion.pk}/planifier/"))
    assert "le séminaire d'intégration, deux jours, cinq semaines après le début de la promotion" in page
    assert "le séminaire d'accélération, deux jours, trois mois avant la fin" in page
    client.post(f"/coachs/sessions/promotion/{promotion.pk}/planifier/")
    integration = promotion.sessions.filter(dispositif__slug="seminaire-integration").order_by("debut").first()
    acceleration = promotion.sessions.filter(dispositif__slug="seminaire-acceleration").order_by("debut").first()
    assert integration.debut.date() - promotion.date_debut >= datetime.timedelta(weeks=5)
    assert integration.debut.date() - promotion.date_debut < datetime.timedelta(weeks=6)
    borne = promotion.date_fin + datetime.timedelta(days=1) - relativedelta(months=3)
    assert borne <= acceleration.debut.date() < borne + datetime.timedelta(days=7)


def test_l_intervenante_voit_qu_elle_anime_sa_session_complete_sans_liste_d_attente(client, promotion, eig):
    """A full masterclass led by an intervenante shows her that she leads it, never the waiting list; she cannot
    register by posting, and the session is not among the sessions offered to her."""
    intervenante = IntervenantFactory(promotion=promotion)
    session = SessionFactory(promotion=promotion, capacite=2, facilitateurs=[intervenante])
    for _ in range(2):
        InscriptionFactory(session=session, personne=EIGFactory(promotion=promotion))
    client.force_login(intervenante)
    page = _texte(client.get(f"/sessions/{session.pk}/"))
    assert "Vous animez cette session" in page
    assert "Rejoindre la liste d'attente" not in page and "S'inscrire" not in page
    assert client.post(f"/sessions/{session.pk}/reponse/", {"reponse": "inscrire"}).status_code == 403
    assert not session.inscriptions.filter(personne=intervenante).exists()
    assert session.titre not in _texte(client.get("/sessions/a-venir/"))


def test_l_administration_qui_fait_animer_une_inscrite_libere_sa_place(client, promotion, coach, eig):
    """A coach makes a registered EIG a facilitator in the admin: her answer goes, and her seat goes to the person
    waiting."""
    session = SessionFactory(promotion=promotion, capacite=1)
    InscriptionFactory(session=session, personne=eig)
    en_attente = EIGFactory(promotion=promotion)
    InscriptionFactory(session=session, personne=en_attente, statut=Inscription.Statut.ATTENTE)
    client.force_login(coach)
    debut, fin = timezone.localtime(session.debut), timezone.localtime(session.fin)
    inscriptions = list(session.inscriptions.order_by("pk"))
    donnees = {
        "dispositif": session.dispositif_id, "promotion": promotion.pk, "titre": session.titre,
        "description": session.description, "debut_0": debut.strftime("%d/%m/%Y"), "debut_1": debut.strftime("%H:%M"),
        "fin_0": fin.strftime("%d/%m/%Y"), "fin_1": fin.strftime("%H:%M"), "lieu": session.lieu, "lien_visio": "",
        "audience": session.audience, "capacite": "1", "facilitateurs": [eig.pk],
        "inscriptions-TOTAL_FORMS": "2", "inscriptions-INITIAL_FORMS": "2", "inscriptions-MIN_NUM_FORMS": "0",
        "inscriptions-MAX_NUM_FORMS": "1000",
    }
    for rang, inscription in enumerate(inscriptions):
        donnees.update({f"inscriptions-{rang}-id": inscription.pk, f"inscriptions-{rang}-session": session.pk,
                        f"inscriptions-{rang}-personne": inscription.personne_id,
                        f"inscriptions-{rang}-statut": inscription.statut, f"inscriptions-{rang}-present": "unknown"})
    reponse = client.post(f"/admin/accompagnement/session/{session.pk}/change/", donnees)
    assert reponse.status_code == 302, reponse.context["adminform"].form.errors if reponse.context else reponse
    assert {i.personne_id: i.statut for i in session.inscriptions.all()} == {en_attente.pk: Inscription.Statut.INSCRITE}


def test_une_session_de_deux_jours_dit_le_jour_et_l_heure_de_sa_fin():
    """When a session ends another day than it starts, the lists say « jusqu'au » that day and hour, in Paris
    time; a session of one day gives its two hours."""
    gabarit = engines["django"].from_string('{% include "accompagnement/sessions/_quand.html" %}')
    debut = timezone.make_aware(datetime.datetime(2026, 3, 5, 14, 30))
    deux_jours = Session(debut=debut, fin=debut + datetime.timedelta(hours=19))
    assert gabarit.render({"session": deux_jours}) == "jeu 5 mars 2026<br>14 h 30, jusqu'au ven 6 mars, 9 h 30\n"
    un_jour = Session(debut=debut, fin=debut + datetime.timedelta(minutes=90))
    assert gabarit.render({"session": un_jour}) == "jeu 5 mars 2026<br>14 h 30 – 16 h 00\n"
