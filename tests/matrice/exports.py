"""The programme's indicators (public aggregates) and the coaches' exports: one click per promotion and the
export button of the admin, for coaches only."""

import datetime

from django.contrib import admin

from magellan.exports import EXPORTS
from programme.models import SuiviCarriere

from .attendus import Entree, coachs_seulement, tous


def preparer(monde):
    """The career of the EIG of the other promotion, known after it (the admin shows a row of each model)."""
    role = monde["personnes"]["eig_ailleurs"].roles.get()
    SuiviCarriere.objects.create(role=role, dans_la_fonction_publique=True, constate_le=datetime.date(2025, 9, 1))
    return {}


def _export(nom, format="csv"):
    return Entree(f"export « {nom} » en {format}",
                  lambda o: f"/coachs/exports/{nom}.{format}?promotion={o['promotion'].pk}", coachs_seulement())


ENTREES = [
    Entree("indicateurs du programme", lambda o: "/indicateurs/", tous(200)),
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
