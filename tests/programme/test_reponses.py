"""The one response that hands out a private file: attachment, nosniff, no cache, the type Magellan states."""

from pathlib import Path

import pytest

from accompagnement.factories import DemandeAideFactory
from defis.factories import MembreEquipeFactory
from defis.models import MembreEquipe
from tests.accompagnement.fichiers_bureau import PDF, fichier

pytestmark = pytest.mark.django_db


def test_un_document_prive_se_telecharge_sans_etre_affiche_ni_devine_ni_garde(client):
    """A bureau d'aide document comes as an attachment under its name, typed application/pdf by Magellan, with
    nosniff and private, no-store: the browser neither renders it, nor guesses its type, nor keeps it."""
    eig = MembreEquipeFactory(role=MembreEquipe.Role.EIG)
    demande = DemandeAideFactory(defi=eig.defi, demandeur=eig.personne, document=fichier("plan.pdf"))
    client.force_login(eig.personne)
    reponse = client.get(f"/bureau-aide/{demande.pk}/document/")
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"] == f'attachment; filename="{Path(demande.document.name).name}"'
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["Cache-Control"] == "private, no-store"
    assert b"".join(reponse.streaming_content) == PDF
