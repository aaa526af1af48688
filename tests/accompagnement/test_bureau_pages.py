"""The bureau d'aide's pages: a team files and follows its requests, a document is served only to those allowed,
the coaches triage the queue with its waiting times."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from accompagnement.factories import DemandeAideFactory
from accompagnement.models import DemandeAide, Session
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import CoachFactory, ParrainFactory, PromotionFactory

from .fichiers_bureau import PDF, TEXTE, fichier, trop_gros

pytestmark = pytest.mark.django_db


@pytest.fixture
def equipe():
    """A défi with an EIG, a porteuse and a sponsor; a coach of its promotion; an EIG of another défi."""
    promotion = PromotionFactory(nom="Promotion 9")
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    membres = {
        role: MembreEquipeFactory(defi=defi, role=role, personne__email=f"{role}@exemple.test").personne
        for role in ("eig", "porteur", "sponsor")
    }
    autre = MembreEquipeFactory(defi=DefiFactory(promotion=promotion, titre="Greffe numérique"),
                                role=MembreEquipe.Role.EIG).personne
    coach = CoachFactory(promotion=promotion, email="coach@exemple.test", prenom="Camille", nom_usage="Coach")
    return {"promotion": promotion, "defi": defi, "coach": coach, "eig_autre": autre, **membres}


def _demander(client, personne, **champs):
    client.force_login(personne)
    donnees = {"nature": "audit_code", "description": "Relire notre API avant l'ouverture du code.", **champs}
    return client.post("/bureau-aide/demander/", donnees)


def test_equipe_depose_une_demande_avec_un_pdf_que_l_equipe_telecharge(client, equipe):
    """A PDF is accepted; the EIG, the porteuse and the sponsor download it as an attachment, not sniffed."""
    reponse = _demander(client, equipe["eig"], document=fichier("protocole.pdf"))
    demande = DemandeAide.objects.get()
    assert reponse.status_code == 302 and reponse.url == f"/bureau-aide/{demande.pk}/"
    assert demande.defi == equipe["defi"] and demande.demandeur == equipe["eig"]
    page = client.get(reponse.url).content.decode()
    assert "Votre demande est envoyée" in page and "protocole.pdf" in page
    for role in ("eig", "porteur", "sponsor", "coach"):
        client.force_login(equipe[role])
        telechargement = client.get(f"/bureau-aide/{demande.pk}/document/")
        assert telechargement.status_code == 200, role
        assert b"".join(telechargement.streaming_content) == PDF
        assert telechargement["Content-Type"] == "application/pdf"
        assert telechargement["Content-Disposition"] == 'attachment; filename="protocole.pdf"'
        assert telechargement["X-Content-Type-Options"] == "nosniff"


def test_fichier_nomme_pdf_qui_n_en_est_pas_un_refuse_et_la_saisie_conservee(client, equipe):
    """A text file named .pdf is refused with a clear message; the nature and the description stay filled in."""
    reponse = _demander(client, equipe["porteur"], nature="revue_litterature",
                        description="Quelles études sur l'orientation des patients ?",
                        document=fichier("etudes.pdf", TEXTE))
    page = reponse.content.decode()
    assert reponse.status_code == 200 and DemandeAide.objects.count() == 0
    assert "Le fichier « etudes.pdf » n&#x27;a pas été accepté : son contenu n&#x27;est ni un PDF" in page
    assert "Quelles études sur l&#x27;orientation des patients ?</textarea>" in page
    assert re.search(r'<input[^>]*value="revue_litterature"[^>]*checked', page)


def test_fichier_de_21_mo_refuse_avec_message(client, equipe):
    """A 21 Mo file is refused, saying the limit; nothing is stored."""
    reponse = _demander(client, equipe["eig"], document=fichier("gros.pdf", trop_gros(21)))
    assert "Le fichier « gros.pdf » pèse 21 Mo : il ne doit pas dépasser 20 Mo." in reponse.content.decode()
    assert DemandeAide.objects.count() == 0


def test_telechargement_refuse_404_hors_de_l_equipe(client, equipe):
    """Another défi's EIG and a parrain get a 404 for the document, as for the request; anonymous must log in."""
    demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"], document=fichier("plan.pdf"))
    assert client.get(f"/bureau-aide/{demande.pk}/document/").status_code == 302
    for personne in (equipe["eig_autre"], ParrainFactory(promotion=equipe["promotion"])):
        client.force_login(personne)
        assert client.get(f"/bureau-aide/{demande.pk}/document/").status_code == 404
        assert client.get(f"/bureau-aide/{demande.pk}/").status_code == 404


def test_document_absent_repond_404(client, equipe):
    """A request without a document has no document to download."""
    demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"])
    client.force_login(equipe["eig"])
    assert client.get(f"/bureau-aide/{demande.pk}/document/").status_code == 404


def test_demande_pour_le_defi_d_une_autre_equipe_refusee(client, equipe):
    """A member cannot file a request for a défi they are not in, even by forging the form."""
    client.force_login(equipe["eig"])
    MembreEquipeFactory(defi=DefiFactory(promotion=equipe["promotion"]), personne=equipe["eig"])
    autre_defi = MembreEquipe.objects.get(personne=equipe["eig_autre"]).defi
    reponse = client.post("/bureau-aide/demander/", {"defi": autre_defi.pk, "nature": "autre", "description": "x"})
    assert reponse.status_code == 200 and DemandeAide.objects.count() == 0
    assert "Sélectionnez un choix valide" in reponse.content.decode()


def test_equipe_suit_ses_demandes_et_celles_de_son_defi(client, equipe):
    """The team page lists the requests of the person's défi (theirs and their teammates'), not other défis'."""
    mienne = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"], nature="audit_code")
    DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["porteur"], nature="passage_echelle")
    DemandeAideFactory(demandeur=equipe["eig_autre"], nature="revue_litterature")
    mienne.coach = equipe["coach"]
    mienne.statut = DemandeAide.Statut.PRISE_EN_CHARGE
    mienne.save()
    client.force_login(equipe["eig"])
    page = client.get("/bureau-aide/").content.decode()
    assert "Audit de code" in page and "Stratégie de passage à l&#x27;échelle" in page
    assert "Revue de littérature" not in page
    assert "Prise en charge" in page and "Camille Coach" in page and "Vous" in page


def test_file_d_attente_montre_le_temps_d_attente_en_francais(client, equipe):
    """The coaches' queue shows each request's waiting time in days and hours, new ones first."""
    ancienne = DemandeAideFactory(defi=equipe["defi"], nature="autre")
    recente = DemandeAideFactory(defi=equipe["defi"], nature="audit_code")
    DemandeAide.objects.filter(pk=ancienne.pk).update(created_at=timezone.now() - datetime.timedelta(days=2, hours=5))
    DemandeAide.objects.filter(pk=recente.pk).update(created_at=timezone.now() - datetime.timedelta(hours=3))
    prise = DemandeAideFactory(defi=equipe["defi"], nature="experimentation")
    DemandeAide.objects.filter(pk=prise.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10),
        prise_en_charge_le=timezone.now() - datetime.timedelta(days=9), statut="prise_en_charge")
    client.force_login(equipe["coach"])
    page = client.get("/coachs/bureau-aide/").content.decode()
    assert "2 jours et 5 heures" in page and "3 heures" in page and ">1 jour<" in page.replace(" <span", "<")
    tableau = page[page.index("<tbody>"):]
    assert tableau.index("Autre besoin") < tableau.index("Audit de code") < tableau.index("Plan d&#x27;expérimentation")
    assert "3 demandes" in page


def test_file_filtre_par_statut_nature_et_promotion(client, equipe):
    """The queue keeps the open requests by default, and filters by status, nature and promotion."""
    ouverte = DemandeAideFactory(defi=equipe["defi"], nature="audit_code")
    close = DemandeAideFactory(defi=equipe["defi"], nature="revue_litterature", statut="close")
    ailleurs = DemandeAideFactory(nature="passage_echelle")
    client.force_login(equipe["coach"])

    def titres(requete=""):
        page = client.get(f"/coachs/bureau-aide/{requete}").content.decode()
        return {d.pk for d in (ouverte, close, ailleurs) if f'href="/bureau-aide/{d.pk}/"' in page}

    assert titres() == {ouverte.pk, ailleurs.pk}
    assert titres("?statut=toutes") == {ouverte.pk, close.pk, ailleurs.pk}
    assert titres("?statut=close") == {close.pk}
    assert titres("?statut=toutes&nature=passage_echelle") == {ailleurs.pk}
    assert titres(f"?statut=toutes&promotion={equipe['promotion'].pk}") == {ouverte.pk, close.pk}


def test_file_en_nombre_constant_de_requetes(client, equipe, django_assert_max_num_queries):
    """The queue's queries do not grow with the number of requests."""
    client.force_login(equipe["coach"])
    for _ in range(3):
        DemandeAideFactory(defi=equipe["defi"], coach=equipe["coach"])
    with django_assert_max_num_queries(15) as peu:
        assert client.get("/coachs/bureau-aide/").status_code == 200
    for _ in range(20):
        DemandeAideFactory(defi=DefiFactory(promotion=equipe["promotion"]), coach=CoachFactory())
    with django_assert_max_num_queries(len(peu.captured_queries)):
        page = client.get("/coachs/bureau-aide/").content.decode()
    assert len(re.findall(r'href="/bureau-aide/\d+/"', page)) == 23


def test_page_de_l_equipe_en_nombre_constant_de_requetes(client, equipe, django_assert_max_num_queries):
    """The team's page keeps the same number of queries however many requests and séances it lists."""
    client.force_login(equipe["eig"])
    DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["eig"])
    with django_assert_max_num_queries(15) as peu:
        assert client.get("/bureau-aide/").status_code == 200
    plafond = len(peu.captured_queries)
    for _ in range(10):
        demande = DemandeAideFactory(defi=equipe["defi"], demandeur=equipe["porteur"], coach=equipe["coach"])
        client.force_login(equipe["coach"])
        assert client.post(f"/coachs/bureau-aide/{demande.pk}/planifier/", _formulaire_seances(
            (timezone.localdate() + datetime.timedelta(days=4)).isoformat())).status_code == 302
    client.force_login(equipe["eig"])
    with django_assert_max_num_queries(plafond):
        page = client.get("/bureau-aide/").content.decode()
    assert len(re.findall(r'href="/bureau-aide/\d+/"', page)) == 11
    assert page.count("Séances planifiées") == 10


def _formulaire_seances(*jours, heure="14:00"):
    donnees = {"form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0",
               "form-MAX_NUM_FORMS": "1000"}
    for rang in range(3):
        donnees.update({f"form-{rang}-date": "", f"form-{rang}-heure": "", f"form-{rang}-duree": "60",
                        f"form-{rang}-lien_visio": "", f"form-{rang}-lieu": ""})
    for rang, jour in enumerate(jours):
        donnees.update({f"form-{rang}-date": jour, f"form-{rang}-heure": heure,
                        f"form-{rang}-lien_visio": "https://webinaire.numerique.gouv.fr/bureau-aide"})
    return donnees


def test_triage_complet_jusqu_a_la_cloture_avec_les_e_mails(client, equipe, django_capture_on_commit_callbacks):
    """A request goes from the team to the coaches and back: filed (coaches told), taken (team told), two
    séances planned (team registered and told), closed with its outcome (team told); the team follows it all."""
    with django_capture_on_commit_callbacks(execute=True):
        _demander(client, equipe["eig"], nature="experimentation", description="Tester deux parcours.")
    demande = DemandeAide.objects.get()
    assert [m.to for m in mail.outbox] == [["coach@exemple.test"]]

    client.force_login(equipe["coach"])
    assert f'href="/bureau-aide/{demande.pk}/"' in client.get("/coachs/bureau-aide/").content.decode()
    assert client.get(f"/coachs/bureau-aide/{demande.pk}/prendre-en-charge/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/coachs/bureau-aide/{demande.pk}/prendre-en-charge/", {"coach": equipe["coach"].pk})
    assert reponse.status_code == 302
    prises = mail.outbox[1:]
    assert {m.subject for m in prises} == {"[Magellan] Bureau d'aide : votre demande est prise en charge"}
    assert sorted(m.to for m in prises) == [["eig@exemple.test"], ["porteur@exemple.test"]]

    jour1 = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    jour2 = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/coachs/bureau-aide/{demande.pk}/planifier/", _formulaire_seances(jour1, jour2))
    assert reponse.status_code == 302
    sessions = list(Session.objects.filter(demandes_aide=demande).order_by("debut"))
    assert len(sessions) == 2 and timezone.localtime(sessions[0].debut).hour == 14
    assert mail.outbox[-1].subject == "[Magellan] Bureau d'aide : vos séances sont planifiées"

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/coachs/bureau-aide/{demande.pk}/clore/", {"resultat": "Protocole A/B validé."})
    assert reponse.status_code == 302
    assert "Protocole A/B validé." in mail.outbox[-1].body
    assert len(mail.outbox) == 7, "une demande, puis trois étapes envoyées à chacun des deux membres"

    client.force_login(equipe["eig"])
    page = client.get(f"/bureau-aide/{demande.pk}/").content.decode()
    assert "Close" in page and "Camille Coach" in page and "Protocole A/B validé." in page
    assert "de 14h00 à 15h00" in page
    assert "Trier la demande" not in page
    liste = client.get("/bureau-aide/").content.decode()
    assert "Close" in liste and "à 14h00" in liste


def test_planifier_sans_seance_affiche_une_erreur(client, equipe):
    """Submitting the plan with no séance says so and creates nothing."""
    demande = DemandeAideFactory(defi=equipe["defi"])
    client.force_login(equipe["coach"])
    reponse = client.post(f"/coachs/bureau-aide/{demande.pk}/planifier/", _formulaire_seances())
    assert "Indiquez au moins une séance" in reponse.content.decode()
    assert Session.objects.count() == 0


def test_triage_d_une_demande_close_refuse_avec_message(client, equipe):
    """Once closed, a request cannot be taken again: the coach reads why, nothing changes."""
    demande = DemandeAideFactory(defi=equipe["defi"], statut="close", resultat="Fait.")
    client.force_login(equipe["coach"])
    reponse = client.post(f"/coachs/bureau-aide/{demande.pk}/prendre-en-charge/", {"coach": equipe["coach"].pk})
    assert "Cette demande est close" in reponse.content.decode()
    demande.refresh_from_db()
    assert demande.coach is None
