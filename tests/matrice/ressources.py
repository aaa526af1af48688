"""The coaches' resources: the list and its search for anyone, the public pages for anyone, the others for signed-in
people; the images imported with the pages as their pages; the admin's preview for the coaches."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from accompagnement.models import Dispositif
from programme.models import Competence, Notification
from programme.stockage import StockagePrive
from ressources.factories import RessourceFactory
from ressources.models import RattachementCompetence, RattachementDispositif, RattachementRappel
from ressources.services import DOSSIER_IMAGES

from .attendus import Entree, coachs_seulement, connectes, tous

IMAGE = "0123456789abcdef.png"


def preparer(monde):
    """A public page with an imported image, a page for the community, each used somewhere (a dispositif, a
    compétence, the carnet's reminder) so that the admin has a row of each link."""
    publique = RessourceFactory(slug="bienvenue", titre="Bienvenue", groupe="accueil", publique=True,
                                contenu=f"## Accueil\n\n![Un schéma](/ressources/images/{IMAGE})\n")
    reservee = RessourceFactory(slug="accessibilite", titre="Accessibilité", publique=False)
    StockagePrive().save(f"{DOSSIER_IMAGES}/{IMAGE}", ContentFile(b"\x89PNG\r\n\x1a\n"))
    dispositif = Dispositif.objects.order_by("pk").first()
    RattachementDispositif.objects.create(ressource=reservee, usage="preparer", object_id=dispositif.pk,
                                          content_type=ContentType.objects.get_for_model(Dispositif))
    RattachementCompetence.objects.create(ressource=reservee, competence=Competence.objects.order_by("pk").first())
    RattachementRappel.objects.create(ressource=publique, rappel=Notification.Categorie.RAPPEL_CARNET)
    return {"ressource_publique": publique, "ressource_reservee": reservee}


ENTREES = [
    Entree("ressources", lambda o: "/ressources/", tous(200)),
    Entree("ressources recherchées", lambda o: "/ressources/?q=accessibilité", tous(200)),
    Entree("ressource publique", lambda o: o["ressource_publique"].get_absolute_url(), tous(200)),
    Entree("ressource réservée à la communauté", lambda o: o["ressource_reservee"].get_absolute_url(), connectes(200)),
    Entree("ressource inexistante", lambda o: "/ressources/nexiste-pas/", tous(404)),
    Entree("image d'une ressource publique", lambda o: f"/ressources/images/{IMAGE}", tous(200)),
    Entree("image inconnue", lambda o: "/ressources/images/ffffffffffffffff.png", tous(404)),
    Entree("administration : aperçu d'une ressource", lambda o: "/admin/ressources/ressource/apercu/",
           coachs_seulement(autres=302), "POST", lambda o: {"titre": "Essai", "contenu": "::: tip\nUn conseil\n:::"}),
    Entree("administration : aperçu d'une ressource (lecture)", lambda o: "/admin/ressources/ressource/apercu/",
           coachs_seulement(autres=302, statut=405)),
]
