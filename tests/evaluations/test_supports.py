"""Supports: the team writes a draft together, a porteur submits it (late is accepted and flagged), a coach
reopens it; files are checked by content, kept private, served to the team and the coaches only."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from evaluations.factories import PDF_MINIMAL, ObjectifFactory, PieceJointeFactory, SupportFactory
from evaluations.historique import historique_support
from evaluations.models import Objectif, PieceJointe, Support
from evaluations.models import supports as modeles_supports
from evaluations.models.supports import OBJECTIFS_MAX
from evaluations.services.supports import support_enregistrer, support_soumettre
from tests.constantes import constante_changer

pytestmark = pytest.mark.django_db


def _url(nom, comite, **kwargs):
    return reverse(nom, kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero, **kwargs})


def _formulaire(**champs):
    donnees = {
        "reussites": "Le prototype est testé par trois services.", "difficultes": "", "aide_souhaitee": "",
        "objectifs_phase_suivante": "",
        "objectif1-intitule": "Mesurer l'usage", "objectif1-livrables": "Un tableau de bord",
        "objectif1-indicateurs": "Utilisateurs actifs", "objectif1-atteinte": "40",
    }
    donnees.update(champs)
    return donnees


def test_un_eig_redige_le_brouillon_avec_un_objectif_et_un_fichier(client, comite, equipe, settings):
    """The EIG's draft is saved with its objective and its PDF, stored in the private storage."""
    client.force_login(equipe["eig"])
    reponse = client.post(_url("support_modifier", comite), _formulaire(
        fichiers=SimpleUploadedFile("bilan.pdf", PDF_MINIMAL, content_type="application/pdf")))
    assert reponse.status_code == 302
    support = Support.objects.get(comite=comite)
    assert support.statut == "brouillon" and support.reussites.startswith("Le prototype")
    objectif = support.objectifs.get()
    assert (objectif.rang, objectif.intitule, objectif.atteinte) == (1, "Mesurer l'usage", 40)
    piece = support.pieces_jointes.get()
    assert (piece.nom, piece.type, piece.ajoutee_par) == ("bilan.pdf", "pdf", equipe["eig"])
    assert str(piece.fichier.storage.location) == str(settings.PRIVATE_MEDIA_ROOT)
    assert piece.fichier.read() == PDF_MINIMAL


def test_un_faux_pdf_est_refuse_avec_un_message_et_la_saisie_est_gardee(client, comite, equipe):
    """A text file named .pdf is refused: a clear French message, and everything typed is still there."""
    client.force_login(equipe["porteur"])
    reponse = client.post(_url("support_modifier", comite), _formulaire(
        reussites="Une réussite à ne pas perdre", fichiers=SimpleUploadedFile("bilan.pdf", b"pas un PDF du tout")))
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "Le fichier « bilan.pdf » n&#x27;a pas été accepté : son contenu n&#x27;est ni un PDF" in contenu
    assert "Une réussite à ne pas perdre" in contenu and 'value="Mesurer l&#x27;usage"' in contenu
    assert "le reste de votre saisie a été conservé" in contenu
    assert not Support.objects.exists() and not PieceJointe.objects.exists()


def test_un_fichier_de_21_mo_est_refuse_et_la_saisie_gardee(client, comite, equipe):
    """A 21 MB file is refused with its size in the message; the form keeps its values."""
    client.force_login(equipe["eig"])
    gros = SimpleUploadedFile("gros.pdf", PDF_MINIMAL + b"0" * (21 * 1024 * 1024))
    reponse = client.post(_url("support_modifier", comite), _formulaire(fichiers=gros))
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    assert "Le fichier « gros.pdf » pèse 21 Mo : il ne doit pas dépasser 20 Mo." in contenu
    assert "Le prototype est testé par trois services." in contenu
    assert not PieceJointe.objects.exists()


def test_un_objectif_de_trop_est_refuse_par_le_service(comite, equipe):
    """The service holds the limit of `OBJECTIFS_MAX` objectives."""
    objectifs = [{"intitule": f"O{n}"} for n in range(OBJECTIFS_MAX + 1)]
    with pytest.raises(ValidationError, match=f"{OBJECTIFS_MAX} objectifs au plus"):
        support_enregistrer(comite, champs={}, objectifs=objectifs, par=equipe["eig"])


def test_le_nombre_d_objectifs_suit_sa_constante(client, comite, equipe, monkeypatch):
    """With `OBJECTIFS_MAX` at 3, the form offers three objectives and says so, the support page announces « trois »
    and the service refuses a fourth: the number lives in its constant only."""
    constante_changer(monkeypatch, modeles_supports, "OBJECTIFS_MAX", 3)
    client.force_login(equipe["eig"])
    formulaire = html.unescape(client.get(_url("support_modifier", comite)).content.decode())
    assert "Trois objectifs au plus." in formulaire
    assert 'id="legende-objectif3"' in formulaire and "objectif4" not in formulaire
    assert "jusqu'à trois objectifs" in html.unescape(client.get(_url("support", comite)).content.decode())
    with pytest.raises(ValidationError, match="3 objectifs au plus"):
        support_enregistrer(comite, champs={}, objectifs=[{"intitule": f"O{n}"} for n in range(4)], par=equipe["eig"])


def test_la_base_refuse_un_objectif_de_trop_et_une_atteinte_de_120(comite):
    """CheckConstraints: rank 1 to `OBJECTIFS_MAX`, achievement 0–100 %."""
    support = SupportFactory(comite=comite)
    with pytest.raises(IntegrityError), transaction.atomic():
        Objectif.objects.create(support=support, rang=OBJECTIFS_MAX + 1, intitule="Un de trop")
    with pytest.raises(IntegrityError), transaction.atomic():
        Objectif.objects.create(support=support, rang=1, intitule="Trop atteint", atteinte=120)


def test_l_historique_garde_qui_a_change_quoi(client, comite, equipe):
    """The EIG writes, the porteuse changes a field: the history page names both, with the field changed."""
    client.force_login(equipe["eig"])
    client.post(_url("support_modifier", comite), _formulaire())
    client.force_login(equipe["porteur"])
    client.post(_url("support_modifier", comite), _formulaire(difficultes="Accès aux données tardif"))
    support = Support.objects.get(comite=comite)
    assert support.history.first().history_user == equipe["porteur"]
    entrees = historique_support(support)
    assert entrees[0].auteur == equipe["porteur"] and entrees[0].changements[0].champ == "Difficultés"
    assert {e.auteur for e in entrees} == {equipe["eig"], equipe["porteur"]}
    page = client.get(_url("support_historique", comite)).content.decode()
    assert equipe["porteur"].nom_complet in page and equipe["eig"].nom_complet in page
    assert "Accès aux données tardif" in page


def test_un_porteur_soumet_avant_l_echeance(client, comite, equipe):
    """Submitted in time: status soumis, not late, and the team can no longer edit it."""
    ObjectifFactory(support=SupportFactory(comite=comite))
    comite.echeance_support = timezone.now() + datetime.timedelta(days=1)
    comite.save()
    client.force_login(equipe["porteur"])
    reponse = client.post(_url("support_soumettre", comite), follow=True)
    support = Support.objects.get(comite=comite)
    assert support.statut == "soumis" and not support.en_retard and support.soumis_par == equipe["porteur"]
    assert "Support soumis" in reponse.content.decode()
    with pytest.raises(ValidationError):
        support_enregistrer(comite, champs={"reussites": "Trop tard"}, objectifs=[], par=equipe["eig"])


def test_une_soumission_apres_l_echeance_est_acceptee_et_marquee_en_retard(client, comite, equipe):
    """Decision: a late support is accepted (the comité needs it) and flagged: drapeau and « En retard » badge."""
    ObjectifFactory(support=SupportFactory(comite=comite))
    comite.echeance_support = timezone.now() - datetime.timedelta(hours=1)
    comite.save()
    client.force_login(equipe["porteur"])
    reponse = client.post(_url("support_soumettre", comite), follow=True)
    support = Support.objects.get(comite=comite)
    assert support.statut == "soumis" and support.en_retard
    contenu = reponse.content.decode()
    assert "En retard" in contenu and "après l&#x27;échéance" in contenu


def test_un_eig_ne_soumet_pas(client, comite, equipe):
    """Only porteurs submit: an EIG gets 403 and the support stays a draft."""
    ObjectifFactory(support=SupportFactory(comite=comite))
    client.force_login(equipe["eig"])
    assert client.post(_url("support_soumettre", comite)).status_code == 403
    assert Support.objects.get(comite=comite).statut == "brouillon"


def test_un_support_sans_objectif_ne_se_soumet_pas(comite, equipe):
    """At least one objective is needed to submit."""
    with pytest.raises(ValidationError, match="au moins un objectif"):
        support_soumettre(SupportFactory(comite=comite), par=equipe["porteur"])


def test_un_coach_rouvre_un_support_soumis(client, comite, equipe):
    """Reopened by a coach, the support is a draft again and the team edits it."""
    support = SupportFactory(comite=comite)
    ObjectifFactory(support=support)
    support_soumettre(support, par=equipe["porteur"])
    client.force_login(equipe["coach"])
    assert client.post(_url("support_rouvrir", comite)).status_code == 302
    support.refresh_from_db()
    assert support.statut == "brouillon" and support.soumis_le is None
    support_enregistrer(comite, champs={"reussites": "Complété"}, objectifs=[], par=equipe["eig"])


def test_un_porteur_ne_rouvre_pas(client, comite, equipe):
    """Reopening is for the coaches."""
    support = SupportFactory(comite=comite)
    ObjectifFactory(support=support)
    support_soumettre(support, par=equipe["porteur"])
    client.force_login(equipe["porteur"])
    assert client.post(_url("support_rouvrir", comite)).status_code == 403


def test_le_fichier_est_servi_en_piece_jointe_sans_reniflage(client, comite, equipe):
    """The download is an attachment, with nosniff, the detected type and the cleaned name."""
    piece = PieceJointeFactory(support=SupportFactory(comite=comite))
    client.force_login(equipe["porteur"])
    reponse = client.get(_url("piece_jointe", comite, pk=piece.pk))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment")
    assert reponse["X-Content-Type-Options"] == "nosniff" and reponse["Content-Type"] == "application/pdf"
    assert b"".join(reponse.streaming_content) == PDF_MINIMAL


def test_un_fichier_d_un_autre_comite_ne_s_atteint_pas_par_cette_adresse(client, comite, equipe):
    """A guessed id of another défi's file under this comité's address is 404, even for a coach."""
    autre = PieceJointeFactory()
    client.force_login(equipe["coach"])
    assert client.get(_url("piece_jointe", comite, pk=autre.pk)).status_code == 404


def test_l_equipe_retire_un_fichier_du_brouillon(client, comite, equipe, django_capture_on_commit_callbacks):
    """Removing a file deletes the row and, after commit, the file on disk."""
    piece = PieceJointeFactory(support=SupportFactory(comite=comite))
    stockage, chemin = piece.fichier.storage, piece.fichier.name
    client.force_login(equipe["eig"])
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(_url("piece_jointe_supprimer", comite, pk=piece.pk))
    assert reponse.status_code == 302 and not PieceJointe.objects.exists()
    assert not stockage.exists(chemin)
