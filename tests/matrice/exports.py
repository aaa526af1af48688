"""The coaches' exports: one click per promotion and the export button of the admin, for coaches only."""

from django.contrib import admin

from magellan.exports import EXPORTS

from .attendus import Entree, coachs_seulement


def preparer(monde):
    """Nothing of its own: the exports read what the other domains made."""
    return {}


def _export(nom, format="csv"):
    return Entree(f"export « {nom} » en {format}",
                  lambda o: f"/coachs/exports/{nom}.{format}?promotion={o['promotion'].pk}", coachs_seulement())


ENTREES = [
    *(_export(nom) for nom in EXPORTS),
    _export("sessions", "xlsx"),
    Entree("export de la promotion affichée par défaut", lambda o: "/coachs/exports/personnes.xlsx",
           coachs_seulement()),
    Entree("export inconnu", lambda o: "/coachs/exports/inconnu.csv", coachs_seulement(statut=404)),
    Entree("export dans un format inconnu", lambda o: "/coachs/exports/personnes.pdf", coachs_seulement(statut=404)),
    Entree("export d'une promotion inexistante", lambda o: "/coachs/exports/personnes.csv?promotion=999999",
           coachs_seulement(statut=404)),
    *(Entree(f"administration : export de {ressource._meta.model._meta.label_lower}",
             lambda o, m=ressource._meta.model._meta: f"/admin/{m.app_label}/{m.model_name}/export/",
             coachs_seulement(autres=302))
      for ressource in EXPORTS.values() if admin.site.is_registered(ressource._meta.model)),
]
