"""Retention of uploaded documents: the supports' files and the bureau d'aide documents of a promotion are
removed from the private storage the configured number of days after its end, by the nightly task; their pages
then say the document was removed at the end of its retention instead of offering a broken link."""

import datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import dateformat, timezone

from accompagnement.factories import DemandeAideFactory
from defis.factories import DefiFactory
from evaluations.factories import PDF_MINIMAL, ComiteFactory, PieceJointeFactory, SupportFactory
from magellan.planning import taches
from magellan.tasks import documents_echus_supprimer
from programme.factories import CoachFactory, PromotionFactory
from programme.models import Promotion

pytestmark = pytest.mark.django_db


@pytest.fixture
def conservation(settings, tmp_path):
    """Documents kept 30 days after a promotion's end, in a private folder of this test."""
    settings.DOCUMENTS_CONSERVATION_JOURS = 30
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents-prives"
    return settings.PRIVATE_MEDIA_ROOT


def _promotion_finie_il_y_a(jours):
    """A promotion with a défi, a comité whose support holds a file, and a bureau d'aide request with a document,
    ended `jours` days ago."""
    promotion = PromotionFactory()
    defi = DefiFactory(promotion=promotion)
    piece = PieceJointeFactory(support=SupportFactory(comite=ComiteFactory(defi=defi)), nom="support-phase-2.pdf")
    demande = DemandeAideFactory(defi=defi, document=ContentFile(PDF_MINIMAL, name="plan-experimentation.pdf"))
    fin = timezone.localdate() - datetime.timedelta(days=jours)
    Promotion.objects.filter(pk=promotion.pk).update(date_debut=fin - datetime.timedelta(days=300), date_fin=fin)
    promotion.refresh_from_db()
    return promotion, piece, demande


def _sur_le_disque(racine, *champs):
    return [(Path(racine) / champ.name).is_file() for champ in champs]


def test_les_documents_d_une_promotion_finie_depuis_plus_que_la_duree_sont_supprimes_du_disque(conservation):
    """Past the retention, the nightly task removes the support's file and the request's document from the disk;
    a promotion ended exactly the retention ago keeps its files; a second run removes nothing more."""
    _promotion, piece, demande = _promotion_finie_il_y_a(31)
    _gardee, piece_gardee, demande_gardee = _promotion_finie_il_y_a(30)
    assert _sur_le_disque(conservation, piece.fichier, demande.document) == [True, True]
    assert documents_echus_supprimer.delay().get() == {"pieces_jointes": 1, "documents_aide": 1}
    assert _sur_le_disque(conservation, piece.fichier, demande.document) == [False, False]
    assert _sur_le_disque(conservation, piece_gardee.fichier, demande_gardee.document) == [True, True]
    assert documents_echus_supprimer.delay().get() == {"pieces_jointes": 0, "documents_aide": 0}
    piece.refresh_from_db()
    assert piece.nom == "support-phase-2.pdf"


def test_les_pages_disent_que_le_document_a_ete_supprime_au_lieu_d_un_lien_casse(client, conservation):
    """After the removal, the coach reads on the support's page and on the request's page which document was
    removed at the end of its retention, with the last day it was kept, and no download link; the download
    addresses answer 404. A promotion still in its retention offers its links."""
    promotion, piece, demande = _promotion_finie_il_y_a(31)
    documents_echus_supprimer.delay()
    client.force_login(CoachFactory(promotion=promotion))
    comite = piece.support.comite
    adresse_support = reverse("support", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero})
    adresse_piece = reverse("piece_jointe", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero,
                                                    "pk": piece.pk})
    garde_jusqu_au = promotion.date_fin + datetime.timedelta(days=30)
    jour = dateformat.format(garde_jusqu_au, "j F Y")
    adresse_demande, adresse_document = f"/bureau-aide/{demande.pk}/", f"/bureau-aide/{demande.pk}/document/"
    for adresse, nom, lien in ((adresse_support, "support-phase-2.pdf", adresse_piece),
                               (adresse_demande, "plan-experimentation", adresse_document)):
        page = client.get(adresse).content.decode()
        assert nom in page and "supprimé à la fin de sa durée de conservation" in page
        assert f"gardé jusqu'au {jour}" in page
        assert f'href="{lien}"' not in page
        assert client.get(lien).status_code == 404

    encore, piece_gardee, _demande = _promotion_finie_il_y_a(10)
    client.force_login(CoachFactory(promotion=encore))
    comite = piece_gardee.support.comite
    page = client.get(reverse("support", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero}))
    assert "supprimé à la fin de sa durée de conservation" not in page.content.decode()
    assert client.get(reverse("piece_jointe", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero,
                                                      "pk": piece_gardee.pk})).status_code == 200


def test_le_planning_annonce_la_duree_de_conservation_configuree(settings):
    """The schedule's description of the removal states the configured retention, read from its setting."""
    settings.DOCUMENTS_CONSERVATION_JOURS = 400
    description = next(d for _nom, tache, _c, d in taches() if tache == "magellan.documents_echus_supprimer")
    assert "plus de 400 jours" in description


def test_avant_la_tache_de_nuit_un_document_echu_ne_se_telecharge_plus(client, conservation):
    """On the day past the retention, before the nightly task has run, the files are still on the disk but their
    download addresses already answer 404, as their pages already say they are removed."""
    promotion, piece, demande = _promotion_finie_il_y_a(31)
    assert _sur_le_disque(conservation, piece.fichier, demande.document) == [True, True]
    client.force_login(CoachFactory(promotion=promotion))
    comite = piece.support.comite
    assert client.get(reverse("piece_jointe", kwargs={"slug": comite.defi.slug, "numero": comite.phase.numero,
                                                      "pk": piece.pk})).status_code == 404
    assert client.get(f"/bureau-aide/{demande.pk}/document/").status_code == 404
