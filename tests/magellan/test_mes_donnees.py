"""« Mes données »: a signed-in person downloads, as a ZIP of JSON files and documents, everything Magellan holds
about them — and nothing about anyone else."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accompagnement.factories import (
    CarnetDeBordFactory,
    CreneauFactory,
    CycleFactory,
    DemandeAideFactory,
    HeureAccelerationFactory,
    InscriptionFactory,
    SessionFactory,
)
from defis.factories import DefiFactory, MembreEquipeFactory
from evaluations.factories import PDF_MINIMAL, ComiteFactory
from evaluations.services.supports import support_enregistrer
from programme.factories import CoachFactory, EIGFactory, PromotionFactory, RoleFactory
from programme.notifications import Envoi, notifier
from tests.accompagnement.outils_meteo import VagueMeteoFactory, reponse

pytestmark = pytest.mark.django_db

PDF_AUTRUI = PDF_MINIMAL + b"% autrui\n"


@pytest.fixture
def monde():
    """An EIG (also parrain) with records in every app, and another EIG of the same défi with records alongside."""
    promotion = PromotionFactory(nom="Promotion 8", numero=8)
    defi = DefiFactory(promotion=promotion, titre="Hospi'Flux")
    eig = MembreEquipeFactory(defi=defi, role="eig", personne=EIGFactory(
        promotion=promotion, prenom="Nora", nom_usage="Benali", email="nora@exemple.gouv.fr")).personne
    autre = MembreEquipeFactory(defi=defi, role="eig", personne=EIGFactory(
        promotion=promotion, prenom="Zéphyrin", nom_usage="Autrui")).personne
    RoleFactory(personne=eig, promotion=promotion, type="parrain")
    session = SessionFactory(promotion=promotion, titre="Atelier des données")
    InscriptionFactory(session=session, personne=eig)
    InscriptionFactory(session=session, personne=autre)
    CarnetDeBordFactory(eig=eig, objectifs="Publier le prototype d'Hospi'Flux.")
    CarnetDeBordFactory(eig=autre, objectifs="Objectif d'autrui.")
    vague = VagueMeteoFactory(promotion=promotion)
    reponse(vague, eig=eig, meteo=4, reussites="Ma réussite de la quinzaine.")
    reponse(vague, eig=autre, meteo=1, reussites="Réussite d'autrui.")
    HeureAccelerationFactory(defi=defi, parrain=eig, sujet="Revue du modèle de données")
    CycleFactory(demandeur=eig, besoins="Prioriser les fonctionnalités.")
    CreneauFactory(mentor=eig)
    DemandeAideFactory(defi=defi, demandeur=eig, document=ContentFile(PDF_MINIMAL, name="protocole.pdf"),
                       description="Construire notre protocole de test.")
    DemandeAideFactory(defi=defi, demandeur=autre, document=ContentFile(PDF_AUTRUI, name="autrui.pdf"),
                       description="Demande d'autrui.")
    notifier(Envoi(personne=eig, cle="mes-donnees:1", gabarit="programme/emails/invitation",
                   sujet="Invitation à Magellan", contexte={"role": None}, lien="http://testserver/"))
    debut = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    comite = ComiteFactory(defi=defi, numero=2, debut=debut, coachs=[CoachFactory(promotion=promotion)])
    support_enregistrer(comite, champs={"reussites": "Trois services pilotes."},
                        objectifs=[{"intitule": "Mesurer l'usage du service"}], par=eig,
                        fichiers=[SimpleUploadedFile("bilan-phase-2.pdf", PDF_MINIMAL)])
    support_enregistrer(comite, champs={}, objectifs=[], par=autre,
                        fichiers=[SimpleUploadedFile("piece-d-autrui.pdf", PDF_AUTRUI)])
    return {"eig": eig, "autre": autre, "defi": defi}


def _archive(client, personne) -> zipfile.ZipFile:
    client.force_login(personne)
    reponse_http = client.post("/espace/mes-donnees/")
    assert reponse_http.status_code == 200
    assert reponse_http["Content-Type"] == "application/zip"
    assert "attachment" in reponse_http["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(reponse_http.streaming_content)))


def test_l_archive_tient_les_enregistrements_de_la_personne_dans_chaque_application(client, monde):
    """Profile, roles, team, registration, carnet, météo answer, hours, mentorat, bureau d'aide, e-mail, support
    with its objective and the versions the person wrote: each in its JSON file, with French keys."""
    archive = _archive(client, monde["eig"])
    donnees = {nom.removeprefix("donnees/").removesuffix(".json"): json.loads(archive.read(nom))
               for nom in archive.namelist() if nom.startswith("donnees/")}
    assert donnees["profil"][0]["prenom"] == "Nora" and donnees["profil"][0]["email"] == "nora@exemple.gouv.fr"
    assert {role["type"] for role in donnees["roles"]} == {"EIG", "Parrain ou marraine"}
    assert donnees["equipes"][0]["defi"] == "Hospi'Flux"
    assert "Atelier des données" in {inscription["titre"] for inscription in donnees["inscriptions"]}
    assert [carnet["objectifs"] for carnet in donnees["carnets"]] == ["Publier le prototype d'Hospi'Flux."]
    assert [(r["meteo"], r["reussites"]) for r in donnees["meteo"]] == [("Éclaircies", "Ma réussite de la quinzaine.")]
    assert donnees["heures"][0]["sujet"] == "Revue du modèle de données"
    assert donnees["cycles_mentorat"][0]["besoins"] == "Prioriser les fonctionnalités."
    assert len(donnees["cycles_mentorat"][0]["seances"]) == 4 and len(donnees["creneaux_mentorat"]) == 1
    assert [d["description"] for d in donnees["demandes_aide"]] == ["Construire notre protocole de test."]
    assert donnees["notifications"][0]["sujet"].endswith("Invitation à Magellan")
    assert "texte" not in donnees["notifications"][0]
    assert donnees["supports"][0]["reussites"] == "Trois services pilotes."
    assert donnees["supports"][0]["objectifs"][0]["intitule"] == "Mesurer l'usage du service"
    assert {"support de comité", "objectif"} <= {m["objet"] for m in donnees["modifications"]}
    assert datetime.datetime.fromisoformat(donnees["profil"][0]["inscrite_le"])
    assert datetime.date.fromisoformat(donnees["heures"][0]["date"]) == timezone.localdate()


def test_l_archive_ne_tient_ni_les_fichiers_ni_les_reponses_d_une_autre_personne(client, monde):
    """Only the person's own documents are in the archive, byte for byte; the other EIG's documents, météo answer,
    carnet and request are not."""
    archive = _archive(client, monde["eig"])
    fichiers = {nom: archive.read(nom) for nom in archive.namelist() if nom.startswith("fichiers/")}
    assert len(fichiers) == 2
    assert all(contenu == PDF_MINIMAL for contenu in fichiers.values())
    assert any(nom.endswith("bilan-phase-2.pdf") for nom in fichiers)
    assert any(nom.startswith("fichiers/bureau-aide/") for nom in fichiers)
    tout = b"".join(archive.read(nom) for nom in archive.namelist()).decode("utf-8", "replace")
    for d_autrui in ("Réussite d'autrui.", "Objectif d'autrui.", "Demande d'autrui.", "piece-d-autrui.pdf",
                     "autrui.pdf", "Zéphyrin"):
        assert d_autrui not in tout


def test_la_page_dit_ce_que_contient_l_archive(client, monde):
    """GET shows what the archive holds and the button; an anonymous visitor is sent to log in."""
    assert client.get("/espace/mes-donnees/").status_code == 302
    client.force_login(monde["autre"])
    page = client.get("/espace/mes-donnees/").content.decode()
    assert "Télécharger mes données" in page and "météo entrepreneuriale" in page


def test_un_document_supprime_a_la_fin_de_sa_conservation_est_nomme_dans_le_guide(client, monde):
    """A document already removed from the storage is not in the archive; the guide says so."""
    demande = monde["eig"].demandes_aide.get()
    demande.document.storage.delete(demande.document.name)
    archive = _archive(client, monde["eig"])
    assert not any(nom.startswith("fichiers/bureau-aide/") for nom in archive.namelist())
    assert "supprimés à la fin de leur durée de conservation" in archive.read("LISEZMOI.txt").decode()
