"""The schedule of the recurring work (django-celery-beat), in the admin for the coaches only, in French; the trace
of the erasures; the arrival path's steps per promotion and the charter's versions; the yes/no icons of every admin
page named in French."""

import calendar
import re

from celery.schedules import ParseException
from cron_descriptor import (
    ExpressionDescriptor,
    FormatException,
    MissingFieldException,
    Options,
    WrongArgumentException,
)
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee
from programme.dates import NOMS_DES_MOIS
from programme.historique import en_clair

from .models import Effacement, EtapeParcours, VersionCharte
from .services_arrivee import charte_publier


def _icone_oui_non(valeur):
    """Django's yes/no icon of the admin, named « oui », « non » or « inconnu » (Django writes alt="True")."""
    icone, nom = {True: ("yes", "oui"), False: ("no", "non"), None: ("unknown", "inconnu")}[valeur]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icone}.svg"), nom)


# Every list and read-only field of the admin draws its icon through this function (looked up at each call).
admin_list._boolean_icon = _icone_oui_non



class ChangementsEnFrancais(HistoricalRecordContextHelper):
    """The changes of a version on an admin history page, as the history pages of the site write them: « oui »,
    « non », dates in French, « — » for nothing, never « None », « False » or « Deleted personne (pk=None) »."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject):
            return "—" if value.pk is None else f"n° {value.pk} (supprimé)"
        if value is None or value == "":
            return "—"
        champ = self.model._meta.get_field(change.field)
        if not champ.is_relation:
            return en_clair(self.model, change.field, value)
        return super().prepare_delta_change_value(change, value)


SimpleHistoryAdmin.get_historical_record_context_helper = (
    lambda self, request, enregistrement: ChangementsEnFrancais(self.model, enregistrement))

# Fortnightly and monthly work runs on crontabs anchored to dates, never on intervals that drift.
for modele in (ClockedSchedule, IntervalSchedule, SolarSchedule, PeriodicTask, CrontabSchedule):
    admin.site.unregister(modele)


class FiltreTache(admin.AllValuesFieldListFilter):
    """The filter on the task's Celery name, titled in French (the package's field is named « Task Name »)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "tâche"


@admin.register(PeriodicTask)
class TachePlanifieeAdmin(DateHierarchieBornee, ReserveAuxCoachs, beat_admin.PeriodicTaskAdmin):
    list_display = ("name", "enabled", "planification", "start_time", "last_run_at", "one_off")
    list_filter = ["enabled", "one_off", ("task", FiltreTache), "start_time", "last_run_at"]

    @admin.display(description="planification")
    def planification(self, obj):
        return obj.scheduler

    @admin.display(description="crontab en clair")
    def crontab_translation(self, obj):
        return crontab_en_clair(obj.crontab) if obj.crontab_id else self.get_empty_value_display()


# cron_descriptor translates its sentences but takes the names of days and months from the C locale, in English.
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
EN_FRANCAIS = {**dict(zip(calendar.day_name, JOURS)), **dict(zip(calendar.month_name[1:], NOMS_DES_MOIS))}


def crontab_en_clair(crontab) -> str:
    """« À 07:00, uniquement le lundi (Europe/Paris) »: a crontab as the coaches read it, in French."""
    expression = " ".join([crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year,
                           crontab.day_of_week])
    options = Options()
    options.locale_code, options.use_24hour_time_format = "fr_FR", True
    try:
        phrase = ExpressionDescriptor(expression, options).get_description()
    except (MissingFieldException, FormatException, WrongArgumentException):
        return f"{expression} ({crontab.timezone})"
    phrase = re.sub("|".join(EN_FRANCAIS), lambda nom: EN_FRANCAIS[nom.group(0)], phrase)
    return f"{phrase} ({crontab.timezone})"


@admin.register(CrontabSchedule)
class CrontabAdmin(ReserveAuxCoachs, beat_admin.CrontabScheduleAdmin):
    @admin.display(description="en clair")
    def human_readable(self, obj):
        # A form shown again with its errors keeps the refused values, which celery cannot read.
        try:
            obj.human_readable
        except ParseException:
            return self.get_empty_value_display()
        return crontab_en_clair(obj)


@admin.register(Effacement)
class EffacementAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The trace of the erasures, read by the coaches; written only by the erasure page."""

    list_display = ["le", "ancien_numero", "types_de_roles", "par"]
    list_filter = ["le"]
    fields = ["le", "par", "ancien_numero", "types_de_roles"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EtapeParcours)
class EtapeParcoursAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The arrival path of each promotion, per public: coaches switch a step off, reorder it or reword it. What
    ticks a step (`etape`) is Magellan's, not a box the newcomer ticks."""

    list_display = ["promotion", "public", "ordre", "libelle_lu", "etape", "active"]
    list_display_links = ["libelle_lu"]
    list_editable = ["ordre", "active"]
    list_filter = ["promotion", "public", "active"]
    fields = ["promotion", "public", "etape", "libelle", "ordre", "active"]

    @admin.display(description="libellé lu")
    def libelle_lu(self, obj):
        return obj.libelle_lu


@admin.register(VersionCharte)
class VersionCharteAdmin(ReserveAuxCoachs, admin.ModelAdmin):
    """The charter's versions: a coach publishes a new one (prefilled with the one in force), never changes or
    deletes a published one, since people acknowledged it; a new version asks everyone to acknowledge it again."""

    list_display = ["numero", "publiee_le", "par", "changements"]
    fields = ["texte", "changements"]
    readonly_fields = ["numero", "publiee_le", "par"]

    def get_fields(self, request, obj=None):
        return ["numero", "publiee_le", "par", "texte", "changements"] if obj else self.fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        en_vigueur = VersionCharte.objects.order_by("-numero").first()
        return {"texte": en_vigueur.texte} if en_vigueur else {}

    def save_model(self, request, obj, form, change):
        publiee = charte_publier(obj.texte, changements=obj.changements, par=request.user)
        obj.pk, obj.numero, obj.publiee_le, obj.par = publiee.pk, publiee.numero, publiee.publiee_le, publiee.par
