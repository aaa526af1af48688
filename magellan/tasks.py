"""Tasks that span the apps: the removal of the documents past their retention, in evaluations and accompagnement."""

from celery import shared_task

from accompagnement.services.bureau import documents_echus_supprimer as documents_aide_echus_supprimer
from evaluations.services.supports import pieces_jointes_echues_supprimer


@shared_task(name="magellan.documents_echus_supprimer")
def documents_echus_supprimer():
    """Remove the supports' files and the bureau d'aide documents of the promotions past their retention."""
    return {"pieces_jointes": pieces_jointes_echues_supprimer(), "documents_aide": documents_aide_echus_supprimer()}
