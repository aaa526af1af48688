"""Exports for coaches: the défis and their teams, one row per défi (see programme.exports)."""

from django.db.models import Prefetch

from programme.exports import OuiNon, RessourceExport, colonne

from .models import Defi, MembreEquipe


class DefiResource(RessourceExport):
    """Défis and teams: one row per défi, each team role listed by name."""

    identifiant = colonne("slug", "identifiant")
    titre = colonne("titre", "titre")
    promotion = colonne("promotion__nom", "promotion")
    administration = colonne("administration__nom", "administration d'accueil")
    visible = colonne("visible", "visible sur le catalogue public", OuiNon())
    eig = colonne("pk", "EIG")
    nombre_eig = colonne("pk", "nombre d'EIG")
    porteurs = colonne("pk", "porteurs et porteuses")
    sponsors = colonne("pk", "sponsors")

    class Meta(RessourceExport.Meta):
        model = Defi
        name = "Défis et équipes"
        fields = ("identifiant", "titre", "promotion", "administration", "visible", "eig", "nombre_eig", "porteurs",
                  "sponsors")
        export_order = fields

    @staticmethod
    def _membres(defi, role):
        return [membre.personne for membre in defi.membres.all() if membre.role == role]

    def dehydrate_eig(self, defi):
        return ", ".join(str(personne) for personne in self._membres(defi, MembreEquipe.Role.EIG))

    def dehydrate_nombre_eig(self, defi):
        return len(self._membres(defi, MembreEquipe.Role.EIG))

    def dehydrate_porteurs(self, defi):
        return ", ".join(str(personne) for personne in self._membres(defi, MembreEquipe.Role.PORTEUR))

    def dehydrate_sponsors(self, defi):
        return ", ".join(str(personne) for personne in self._membres(defi, MembreEquipe.Role.SPONSOR))

    def preparer(self, queryset):
        membres = MembreEquipe.objects.select_related("personne").order_by("personne__nom_usage", "personne__prenom")
        return queryset.select_related("promotion", "administration").prefetch_related(
            Prefetch("membres", queryset=membres))

    @classmethod
    def pour_promotion(cls, promotion):
        return Defi.objects.filter(promotion=promotion).order_by("titre")
