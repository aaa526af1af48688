"""Rapports d'évaluation: written by the comité's coaches, published once to the team, porteurs and sponsor,
every change kept with its author, printable and downloadable as an accessible French PDF (tagged PDF/UA, Marianne)."""

import datetime
import threading
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from evaluations.factories import ComiteFactory, ObjectifFactory, RapportFactory, SupportFactory
from evaluations.models import Rapport
from evaluations.services.rapports import rapport_enregistrer, rapport_publier
from programme.factories import CoachFactory
from programme.models import Notification

pytestmark = pytest.mark.django_db


def _url(nom, comite):
    return reverse(nom, kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero})


@pytest.fixture
def comite_passe(equipe):
    """The défi's phase 1 comité, held two days ago, with the coach on it and a support of two objectives."""
    debut = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    comite = ComiteFactory(defi=equipe["defi"], numero=1, debut=debut, coachs=[equipe["coach"]])
    support = SupportFactory(comite=comite)
    ObjectifFactory(support=support, rang=1, intitule="Prototyper l'accueil des patients", atteinte=80)
    ObjectifFactory(support=support, rang=2, intitule="Mesurer l'adoption", atteinte=30)
    return comite


def _formulaire_rapport(comite, **champs):
    objectifs = list(comite.support.objectifs.order_by("rang"))
    donnees = {
        "synthese": "Une équipe soudée ; l'hypothèse est validée.", "reussites": "Des tests menés tôt.",
        "points_attention": "La dépendance à la DSI.", "recommandations": "Écrire la feuille de route.",
        "orientation": "ajuster",
        f"atteinte{objectifs[0].pk}-pourcentage": "75", f"atteinte{objectifs[0].pk}-commentaire": "Très bien.",
        f"atteinte{objectifs[1].pk}-pourcentage": "20", f"atteinte{objectifs[1].pk}-commentaire": "À reprendre.",
    }
    donnees.update(champs)
    return donnees


def test_un_coach_du_comite_ecrit_le_rapport_avec_une_mesure_par_objectif(client, comite_passe, equipe):
    """The coach's rapport holds its texts, its orientation and a % and a comment per objective."""
    client.force_login(equipe["coach"])
    page = client.get(_url("rapport_modifier", comite_passe)).content.decode()
    assert "Prototyper l&#x27;accueil des patients" in page and "Mesure de l'équipe : 80 %" in page
    reponse = client.post(_url("rapport_modifier", comite_passe), _formulaire_rapport(comite_passe))
    assert reponse.status_code == 302
    rapport = Rapport.objects.get(comite=comite_passe)
    assert (rapport.statut, rapport.orientation) == ("brouillon", "ajuster")
    mesures = {a.objectif.rang: (a.pourcentage, a.commentaire) for a in rapport.atteintes.all()}
    assert mesures == {1: (75, "Très bien."), 2: (20, "À reprendre.")}
    assert rapport.history.first().history_user == equipe["coach"]


def test_une_atteinte_de_150_pourcent_est_refusee_et_la_saisie_gardee(client, comite_passe, equipe):
    """The form refuses a percentage above 100 and keeps the texts typed."""
    objectif = comite_passe.support.objectifs.get(rang=1)
    client.force_login(equipe["coach"])
    reponse = client.post(_url("rapport_modifier", comite_passe),
                          _formulaire_rapport(comite_passe, **{f"atteinte{objectif.pk}-pourcentage": "150"}))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200 and "Saisissez un pourcentage entre 0 et 100." in contenu
    assert "Une équipe soudée" in contenu and not Rapport.objects.exists()


def test_un_coach_hors_du_comite_ne_redige_pas(client, comite_passe, equipe):
    """Only the comité's coaches write its rapport: another coach reads, but gets 403 on the form."""
    client.force_login(CoachFactory(promotion=equipe["promotion"]))
    assert client.get(_url("rapport", comite_passe)).status_code == 200
    assert client.get(_url("rapport_modifier", comite_passe)).status_code == 403


def test_publier_notifie_equipe_porteurs_et_sponsor_en_francais(client, comite_passe, equipe,
                                                                 django_capture_on_commit_callbacks):
    """After commit, each member gets a French e-mail, text and HTML, with the link to the rapport."""
    RapportFactory(comite=comite_passe)
    client.force_login(equipe["coach"])
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(_url("rapport_publier", comite_passe), follow=True)
    assert "Rapport publié" in reponse.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(equipe[r].email for r in ("eig", "porteur", "sponsor"))
    message = mail.outbox[0]
    assert message.subject == "[Magellan] Rapport d'évaluation publié : Hospi'Flux, phase 1"
    assert "http://testserver" + _url("rapport", comite_passe) in message.body
    assert "Orientation retenue : Poursuivre." in message.body
    assert message.alternatives[0][1] == "text/html" and "Lire le rapport" in message.alternatives[0][0]
    rapport = Rapport.objects.get(comite=comite_passe)
    assert rapport.est_publie and rapport.publie_par == equipe["coach"]


def test_publier_deux_fois_n_envoie_la_notification_qu_une_fois(comite_passe, equipe,
                                                               django_capture_on_commit_callbacks):
    """The second publication changes nothing and sends nothing: each person's e-mail is recorded once."""
    rapport = RapportFactory(comite=comite_passe)
    with django_capture_on_commit_callbacks(execute=True):
        rapport_publier(rapport, par=equipe["coach"])
    premier = Rapport.objects.get(pk=rapport.pk).publie_le
    with django_capture_on_commit_callbacks(execute=True):
        rapport_publier(rapport, par=equipe["coach"])
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(cle__startswith=f"rapport:{rapport.pk}:publie:").count() == 3
    assert Rapport.objects.get(pk=rapport.pk).publie_le == premier


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_deux_publications_simultanees_n_envoient_qu_une_notification(equipe):
    """Two coaches publishing at the same instant: the row lock and the unique key let one notification out."""
    debut = timezone.now() - datetime.timedelta(days=1)
    comite = ComiteFactory(defi=equipe["defi"], numero=1, debut=debut, coachs=[equipe["coach"]])
    rapport = RapportFactory(comite=comite)
    depart = threading.Barrier(2)
    erreurs = []

    def publier():
        try:
            depart.wait()
            rapport_publier(Rapport.objects.get(pk=rapport.pk), par=equipe["coach"])
        except Exception as erreur:  # noqa: BLE001 - reported to the test's thread
            erreurs.append(erreur)
        finally:
            connection.close()

    fils = [threading.Thread(target=publier) for _ in range(2)]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert erreurs == []
    assert Notification.objects.filter(cle__startswith=f"rapport:{rapport.pk}:publie:").count() == 3
    assert len(mail.outbox) == 3


def test_un_rapport_ne_se_publie_pas_avant_le_comite(comite, equipe):
    """Before the comité has taken place, publishing is refused."""
    rapport = RapportFactory(comite=comite)
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        rapport_publier(rapport, par=equipe["coach"])


def test_un_rapport_sans_orientation_ne_se_publie_pas(comite_passe, equipe):
    """The orientation is required to publish."""
    rapport = RapportFactory(comite=comite_passe, orientation="")
    with pytest.raises(ValidationError, match="orientation"):
        rapport_publier(rapport, par=equipe["coach"])


def test_le_sponsor_lit_le_rapport_publie_mais_pas_le_brouillon(client, comite_passe, equipe):
    """Draft: 404 for the sponsor; published: the sponsor reads it."""
    rapport = RapportFactory(comite=comite_passe)
    client.force_login(equipe["sponsor"])
    assert client.get(_url("rapport", comite_passe)).status_code == 404
    rapport_publier(rapport, par=equipe["coach"])
    reponse = client.get(_url("rapport", comite_passe))
    assert reponse.status_code == 200 and "Une équipe soudée" in reponse.content.decode()


def test_les_coachs_voient_qui_a_ecrit_quoi(client, comite_passe, equipe):
    """Two coaches write in turn: the history page shows dates, both authors and the fields changed."""
    autre = CoachFactory(promotion=equipe["promotion"], prenom="Zoé", nom_usage="Martin")
    comite_passe.coachs.add(autre)
    rapport_enregistrer(comite_passe, champs={"synthese": "Premier jet."}, atteintes={}, par=equipe["coach"])
    rapport_enregistrer(comite_passe, champs={"synthese": "Synthèse relue.", "orientation": "alerte"},
                        atteintes={}, par=autre)
    client.force_login(equipe["coach"])
    page = client.get(_url("rapport_historique", comite_passe)).content.decode()
    assert "Zoé Martin" in page and equipe["coach"].nom_complet in page
    assert "Synthèse" in page and "Premier jet." in page and "Synthèse relue." in page and "Alerte" in page


def _pdf(contenu: bytes) -> PdfReader:
    return PdfReader(BytesIO(contenu))


def _balises(noeud) -> list[str]:
    """The structure types of a tagged PDF's structure tree, in reading order."""
    noeud = noeud.get_object()
    if not isinstance(noeud, dict):
        return []
    balises = [noeud["/S"]] if "/S" in noeud else []
    enfants = noeud.get("/K")
    for enfant in enfants if isinstance(enfants, list) else [enfants] if enfants is not None else []:
        balises += _balises(enfant)
    return balises


def test_le_rapport_se_telecharge_en_pdf_en_francais(client, comite_passe, equipe):
    """The PDF is an attachment whose text keeps the accents: « Synthèse », « Réorienter », « Très bien »."""
    RapportFactory(comite=comite_passe, orientation="reorienter", synthese="Équipe engagée, cœur à l'ouvrage.")
    rapport_enregistrer(comite_passe, champs={}, atteintes={
        comite_passe.support.objectifs.get(rang=1).pk: {"pourcentage": 70, "commentaire": "Très bien."}},
        par=equipe["coach"])
    client.force_login(equipe["coach"])
    reponse = client.get(_url("rapport_pdf", comite_passe))
    assert reponse.status_code == 200 and reponse["Content-Type"] == "application/pdf"
    assert reponse["Content-Disposition"].startswith('attachment; filename="rapport-evaluation-hospiflux-phase-1')
    assert reponse.content.startswith(b"%PDF-")
    texte = " ".join(page.extract_text() for page in _pdf(reponse.content).pages)
    for attendu in ["Rapport d'évaluation", "Synthèse", "Réorienter", "Équipe engagée, cœur", "Très bien.", "70 %"]:
        assert attendu in texte, attendu


def test_le_pdf_du_rapport_est_un_document_accessible_en_francais(client, comite_passe, equipe):
    """The PDF is tagged PDF/UA: marked, in French, titled (and the title shown), its headings and table in its
    structure tree, set in Marianne embedded in the file (a screen reader reads it in order, with its headings)."""
    RapportFactory(comite=comite_passe, synthese="Équipe engagée.")
    rapport_enregistrer(comite_passe, champs={}, atteintes={
        comite_passe.support.objectifs.get(rang=1).pk: {"pourcentage": 70, "commentaire": "Très bien."}},
        par=equipe["coach"])
    client.force_login(equipe["coach"])
    pdf = _pdf(client.get(_url("rapport_pdf", comite_passe)).content)
    racine = pdf.trailer["/Root"]
    assert bool(racine["/MarkInfo"]["/Marked"])
    assert racine["/Lang"] == "fr"
    assert bool(racine["/ViewerPreferences"]["/DisplayDocTitle"])
    assert pdf.metadata.title == "Rapport d'évaluation · phase 1 · Hospi'Flux"
    assert b"pdfuaid:part" in racine["/Metadata"].get_object().get_data()
    balises = _balises(racine["/StructTreeRoot"])
    assert balises.count("/H1") == 1 and balises.count("/H2") == 5
    assert {"/Table", "/TH", "/TD"} <= set(balises)
    polices = {police.get_object()["/BaseFont"].split("+")[-1]: police.get_object()
               for page in pdf.pages for police in page["/Resources"]["/Font"].values()}
    assert set(polices) == {"Marianne", "Marianne-Medium", "Marianne-Bold"}
    for police in polices.values():
        descendante = police["/DescendantFonts"][0].get_object() if "/DescendantFonts" in police else police
        descripteur = descendante["/FontDescriptor"].get_object()
        assert any(cle in descripteur for cle in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_la_page_du_rapport_s_imprime_sans_en_tete_ni_pied(client, comite_passe, equipe):
    """The page loads the print stylesheet (@media print hides header and footer) and offers PDF and print."""
    RapportFactory(comite=comite_passe)
    client.force_login(equipe["coach"])
    page = client.get(_url("rapport", comite_passe)).content.decode()
    assert "evaluations/evaluations.css" in page and "Télécharger en PDF" in page and "Imprimer" in page
    feuille = open(finders.find("evaluations/evaluations.css"), encoding="utf-8").read()
    assert "@media print" in feuille and ".fr-header, .fr-footer" in feuille
