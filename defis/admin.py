"""Défis in the admin: search, filters, teams and réalisations inline."""

from django.contrib import admin

from programme.admin import ReserveAuxCoachs

from .models import Defi, MembreEquipe, Realisation


class RealisationInline(ReserveAuxCoachs, admin.TabularInline):
    model = Realisation
    extra = 0


class MembreEquipeInline(ReserveAuxCoachs, admin.TabularInline):
    model = MembreEquipe
    extra = 0
    autocomplete_fields = ["personne"]


@admin.register(Defi)
class DefiAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["titre", "administration", "promotion", "ville", "annee_affichee", "visible", "est_startup_etat"]
    list_filter = ["promotion", "visible", "est_startup_etat", "themes", "expertises"]
    search_fields = ["titre", "description", "administration__nom", "ville"]
    list_select_related = ["administration", "promotion"]
    autocomplete_fields = ["administration", "promotion"]
    filter_horizontal = ["themes", "expertises"]
    prepopulated_fields = {"slug": ["titre"]}
    inlines = [MembreEquipeInline, RealisationInline]

    @admin.display(description="année")
    def annee_affichee(self, obj):
        return obj.annee_affichee


@admin.register(MembreEquipe)
class MembreEquipeAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    list_display = ["personne", "role", "defi"]
    list_filter = ["role", "defi__promotion"]
    search_fields = ["personne__prenom", "personne__nom_usage", "defi__titre"]
    list_select_related = ["personne", "defi"]
    autocomplete_fields = ["personne", "defi"]
