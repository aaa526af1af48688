"""Exports for coaches (see programme.exports): the comités with the state of their support and rapport."""

from programme.exports import DateIso, Nombre, OuiNon, RessourceExport, colonne

from .models import Comite

ABSENT = "aucun"


class ComiteResource(RessourceExport):
    """Comités d'évaluation: one row per comité, its support's and its rapport's status (never their content)."""

    defi = colonne("defi__titre", "défi")
    promotion = colonne("phase__promotion__nom", "promotion")
    phase = colonne("phase__numero", "phase", Nombre())
    date = colonne("debut", "date du comité", DateIso())
    echeance = colonne("echeance_support", "échéance du support", DateIso())
    support = colonne("pk", "support")
    soumis_le = colonne("support__soumis_le", "support soumis le", DateIso())
    en_retard = colonne("support__en_retard", "support en retard", OuiNon())
    rapport = colonne("pk", "rapport")
    publie_le = colonne("rapport__publie_le", "rapport publié le", DateIso())

    class Meta(RessourceExport.Meta):
        model = Comite
        name = "Comités, supports et rapports"
        fields = ("defi", "promotion", "phase", "date", "echeance", "support", "soumis_le", "en_retard", "rapport",
                  "publie_le")
        export_order = fields

    def dehydrate_support(self, comite):
        return comite.support.get_statut_display() if hasattr(comite, "support") else ABSENT

    def dehydrate_rapport(self, comite):
        return comite.rapport.get_statut_display() if hasattr(comite, "rapport") else ABSENT

    def preparer(self, queryset):
        return queryset.select_related("defi", "phase__promotion", "support", "rapport").only(
            "debut", "echeance_support", "defi__titre", "phase__numero", "phase__promotion__nom",
            "support__statut", "support__soumis_le", "support__en_retard", "rapport__statut", "rapport__publie_le")

    @classmethod
    def pour_promotion(cls, promotion):
        return Comite.objects.filter(phase__promotion=promotion).order_by("debut", "pk")
