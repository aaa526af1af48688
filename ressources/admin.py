"""The coaches edit the resource pages here: Markdown with a preview in a new tab (no script: a second submit
button posts the form to the preview page), each version kept (django-simple-history), and where each page is used
(compétences, reminder e-mails; dispositifs from the dispositif's own page, `RessourcesDuDispositifInline`)."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from programme.admin import ReserveAuxCoachs

from .models import (
    CONTENU_MAX,
    TITRE_MAX,
    RattachementCompetence,
    RattachementDispositif,
    RattachementRappel,
    Ressource,
)
from .rendu import contenu_en_html
from .services import ressource_enregistrer


class CompetencesInline(ReserveAuxCoachs, admin.TabularInline):
    model = RattachementCompetence
    extra = 0
    autocomplete_fields = ["competence"]
    verbose_name = "compétence qu'elle aide à travailler"
    verbose_name_plural = "compétences qu'elle aide à travailler"


class RappelsInline(ReserveAuxCoachs, admin.TabularInline):
    model = RattachementRappel
    extra = 0
    verbose_name = "courriel de rappel qui la propose"
    verbose_name_plural = "courriels de rappel qui la proposent"


class RessourcesDuDispositifInline(ReserveAuxCoachs, GenericTabularInline):
    """On a dispositif's admin page (accompagnement.admin): the pages its « S'y préparer » and « S'en inspirer »
    point to."""

    model = RattachementDispositif
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    autocomplete_fields = ["ressource"]
    fields = ["usage", "ressource", "ordre"]
    verbose_name = "ressource proposée"
    verbose_name_plural = "ressources proposées (S'y préparer, S'en inspirer)"


@admin.register(Ressource)
class RessourceAdmin(ReserveAuxCoachs, SimpleHistoryAdmin):
    change_form_template = "admin/ressources/ressource/change_form.html"
    list_display = ["titre", "groupe", "publique", "ordre", "modifiee_le", "source"]
    list_editable = ["ordre"]
    list_filter = ["groupe", "publique"]
    search_fields = ["titre", "contenu", "slug"]
    prepopulated_fields = {"slug": ["titre"]}
    readonly_fields = ["source", "modifiee_le"]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "groupe", "ordre", "publique"]}),
        ("Contenu", {"fields": ["contenu"]}),
        ("Origine", {"fields": ["source", "modifiee_le"]}),
    ]
    inlines = [CompetencesInline, RappelsInline]

    def save_model(self, request, obj, form, change):
        ressource_enregistrer(obj, par=request.user)

    def get_urls(self):
        return [path("apercu/", self.admin_site.admin_view(self.apercu), name="ressources_ressource_apercu"),
                *super().get_urls()]

    def apercu(self, request):
        return _apercu(request)


@require_POST
def _apercu(request):
    """The page as it will read, from the form's unsaved title and Markdown."""
    if not request.user.has_perm("ressources.previsualiser"):
        raise PermissionDenied
    titre = request.POST.get("titre", "")[:TITRE_MAX]
    contenu = request.POST.get("contenu", "")[:CONTENU_MAX]
    return render(request, "ressources/apercu.html", {"titre": titre, "contenu": contenu_en_html(contenu)})
