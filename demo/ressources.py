"""The coaches' resources in the demo: imported from the doc-coachs folder beside the project when it is there (as
on every development machine), and a few of them attached to dispositifs, a compétence and the carnet's reminder."""

from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from accompagnement.models import Dispositif
from programme.models import Competence, Notification
from ressources.models import RattachementCompetence, RattachementDispositif, RattachementRappel, Ressource
from ressources.services import ressources_importer

DOC_COACHS = Path(settings.BASE_DIR).parent / "shared" / "data" / "doc-coachs"
# (dispositif, usage, resource page): where the demo shows resources helping.
RATTACHEMENTS = [
    ("mentorat", "preparer", "integration"),
    ("mentorat", "inspirer", "design"),
    ("bureau-aide", "preparer", "securite"),
    ("comite-evaluation", "preparer", "documentation"),
    ("comite-evaluation", "inspirer", "communication"),
]


def demo_ressources(chemin: Path = DOC_COACHS) -> str:
    """Import the resources and attach some; returns a sentence saying what was done (or why not)."""
    if not Path(chemin).is_dir():
        return f"Ressources : dossier « {chemin} » absent, aucune ressource importée."
    rapport = ressources_importer(chemin)
    pages = {ressource.slug: ressource for ressource in Ressource.objects.all()}
    type_dispositif = ContentType.objects.get_for_model(Dispositif)
    dispositifs = {dispositif.slug: dispositif for dispositif in Dispositif.objects.all()}
    for slug_dispositif, usage, slug in RATTACHEMENTS:
        if slug_dispositif in dispositifs and slug in pages:
            RattachementDispositif.objects.get_or_create(
                ressource=pages[slug], usage=usage, content_type=type_dispositif,
                object_id=dispositifs[slug_dispositif].pk)
    if "ecriture-inclusive" in pages:
        RattachementRappel.objects.get_or_create(ressource=pages["ecriture-inclusive"],
                                                 rappel=Notification.Categorie.RAPPEL_CARNET)
    competence = Competence.objects.filter(phase=1, public=Competence.Public.EIG).first()
    if competence and "prototyper" in pages:
        RattachementCompetence.objects.get_or_create(ressource=pages["prototyper"], competence=competence)
    return (f"Ressources : {len(rapport.creees)} importée(s), {len(rapport.inchangees)} inchangée(s), "
            f"{len(rapport.gardees)} gardée(s) ; {len(rapport.problemes)} signalement(s) de l'import.")
