"""The annuaire photo: a person uploads, replaces or removes it on « Mon profil dans l'annuaire »; the card shows
it only when she chose « Montrer ma photo », and it is served only to signed-in members (always to herself)."""

import io
import zipfile

import pytest

from magellan.mes_donnees import donnees_de
from programme.factories import CoachFactory, EIGFactory, PersonneFactory, PromotionFactory
from tests.programme.outils_photos import image, photo_televersee

pytestmark = pytest.mark.django_db


@pytest.fixture
def gens():
    """An EIG, Nina, and another EIG of her promotion who reads the annuaire."""
    promotion = PromotionFactory(nom="Promotion 9")
    return {"nina": EIGFactory(promotion=promotion, prenom="Nina", nom_usage="Roux"),
            "lecteur": EIGFactory(promotion=promotion, prenom="Léo", nom_usage="Lecteur"),
            "promotion": promotion}


def _deposer(client, personne, **champs):
    client.force_login(personne)
    return client.post("/espace/annuaire/", {"photo": photo_televersee("nina.png"), **champs})


def test_une_eig_depose_sa_photo_la_montre_et_un_membre_la_voit_sur_sa_fiche(client, gens):
    """Nina uploads her photo and ticks « Montrer ma photo »: the other EIG's annuaire shows it beside her name,
    with the size the card gives it, and the photo answers as a PNG nobody caches or sniffs."""
    nina = gens["nina"]
    assert _deposer(client, nina, annuaire_photo="on").status_code == 302
    nina.refresh_from_db()
    url = f"/annuaire/photos/{nina.pk}/"

    client.force_login(gens["lecteur"])
    page = client.get("/annuaire/?nom=roux").content.decode()
    assert f'<img class="fr-mb-1w" src="{url}" alt="" width="80" height="80">' in page
    reponse = client.get(url)
    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "image/png"
    assert reponse["X-Content-Type-Options"] == "nosniff"
    assert reponse["Cache-Control"] == "private, no-store"
    assert reponse["Content-Disposition"] == "inline"
    assert b"".join(reponse.streaming_content).startswith(b"\x89PNG\r\n\x1a\n")


def test_la_photo_deposee_n_est_decodee_et_reecrite_qu_une_fois(client, gens, monkeypatch):
    """The form checks and rewrites the upload; the service stores that result instead of doing it again."""
    from magellan import annuaire
    from programme import services

    appels = []

    def compter(fichier, vraie=annuaire.photo_preparer):
        appels.append(fichier)
        return vraie(fichier)

    monkeypatch.setattr(annuaire, "photo_preparer", compter)
    monkeypatch.setattr(services, "photo_preparer", compter)
    assert _deposer(client, gens["nina"]).status_code == 302
    assert len(appels) == 1
    gens["nina"].refresh_from_db()
    assert gens["nina"].photo


def test_sans_montrer_ma_photo_ni_la_fiche_ni_l_adresse_ne_la_donnent_aux_autres(client, gens):
    """Uploaded but not chosen: the card has no image, and the photo's address answers 404 to another member and
    to a coach, while Nina sees it on her own form."""
    nina = gens["nina"]
    _deposer(client, nina)
    url = f"/annuaire/photos/{nina.pk}/"

    page = client.get("/espace/annuaire/").content.decode()
    assert f'src="{url}" alt="Votre photo actuelle"' in page
    assert client.get(url).status_code == 200
    for lecteur in (gens["lecteur"], CoachFactory(promotion=gens["promotion"])):
        client.force_login(lecteur)
        assert url not in client.get("/annuaire/?nom=roux").content.decode()
        assert client.get(url).status_code == 404


def test_la_photo_n_est_pas_servie_hors_de_la_communaute(client, gens):
    """Even chosen, the photo is refused to an anonymous visitor (sent to log in) and to a person without a role
    (403); a person without a photo has none (404)."""
    nina = gens["nina"]
    _deposer(client, nina, annuaire_photo="on")
    client.logout()
    url = f"/annuaire/photos/{nina.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(PersonneFactory())
    assert client.get(url).status_code == 403
    client.force_login(gens["lecteur"])
    assert client.get(f"/annuaire/photos/{gens['lecteur'].pk}/").status_code == 404


def test_un_faux_png_est_refuse_et_le_formulaire_garde_ce_qui_a_ete_tape(client, gens):
    """A text named .png is refused on the form, in French, and the presentation typed alongside is still there;
    nothing is saved."""
    nina = gens["nina"]
    client.force_login(nina)
    reponse = client.post("/espace/annuaire/", {
        "photo": photo_televersee("moi.png", b"je ne suis pas une image"), "annuaire_photo": "on",
        "presentation": "Designer de services publics."})

    assert reponse.status_code == 200
    page = reponse.content.decode()
    assert "Le fichier « moi.png » n&#x27;a pas été accepté : son contenu n&#x27;est pas une image PNG ou JPEG." in page
    assert "Designer de services publics." in page
    nina.refresh_from_db()
    assert not nina.photo and not nina.annuaire_photo and not nina.presentation


def test_une_photo_trop_lourde_est_refusee_sur_le_formulaire(client, gens):
    """A photo over the limit is refused with the limit in the message."""
    client.force_login(gens["nina"])
    lourde = image() + b"\0" * (3 * 1024 * 1024)
    reponse = client.post("/espace/annuaire/", {"photo": photo_televersee("lourde.png", lourde)})
    assert "il ne doit pas dépasser 2 Mo" in reponse.content.decode()
    gens["nina"].refresh_from_db()
    assert not gens["nina"].photo


def test_remplacer_puis_supprimer_sa_photo_depuis_le_formulaire(client, gens, django_capture_on_commit_callbacks):
    """A new photo replaces the former (whose file leaves the storage); « Supprimer ma photo » removes it and its
    file, and the card no longer shows an image."""
    nina = gens["nina"]
    _deposer(client, nina, annuaire_photo="on")
    nina.refresh_from_db()
    stockage, premiere = nina.photo.storage, nina.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/espace/annuaire/", {"photo": photo_televersee("autre.jpg", image("JPEG")),
                                          "annuaire_photo": "on"})
    nina.refresh_from_db()
    seconde = nina.photo.name
    assert seconde.endswith(".jpg") and stockage.exists(seconde) and not stockage.exists(premiere)
    assert "Supprimer ma photo" in client.get("/espace/annuaire/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/espace/annuaire/", {"photo_supprimer": "on", "annuaire_photo": "on"}).status_code == 302
    nina.refresh_from_db()
    assert not nina.photo and not stockage.exists(seconde)
    assert f"/annuaire/photos/{nina.pk}/" not in client.get("/annuaire/?nom=roux").content.decode()
    assert "Supprimer ma photo" not in client.get("/espace/annuaire/").content.decode()


def test_choisir_une_photo_et_la_supprimer_a_la_fois_est_refuse(client, gens):
    """A new file and « Supprimer ma photo » together are contradictory: the form says so and keeps the photo."""
    nina = gens["nina"]
    _deposer(client, nina)
    nina.refresh_from_db()
    avant = nina.photo.name
    reponse = client.post("/espace/annuaire/", {"photo": photo_televersee(), "photo_supprimer": "on"})
    assert reponse.status_code == 200
    assert "Décochez « Supprimer ma photo »" in reponse.content.decode()
    nina.refresh_from_db()
    assert nina.photo.name == avant


def test_mes_donnees_nomment_la_photo_et_l_archive_la_contient(client, gens):
    """« Mes données » names the photo in the profile and says the archive holds it; the archive has the file."""
    nina = gens["nina"]
    _deposer(client, nina)
    nina.refresh_from_db()

    assert donnees_de(nina)["profil"][0]["photo_annuaire"] == "fichiers/annuaire/photo.png"
    assert "photo de l&#x27;annuaire" in client.get("/espace/mes-donnees/").content.decode()
    reponse = client.post("/espace/mes-donnees/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(reponse.streaming_content)))
    with nina.photo.open("rb") as fichier:
        assert archive.read("fichiers/annuaire/photo.png") == fichier.read()
