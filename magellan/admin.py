"""The schedule of the recurring work (django-celery-beat), in the admin for the coaches only."""

from celery.schedules import ParseException
from django.contrib import admin
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule

from programme.admin import ReserveAuxCoachs
from programme.admin_dates import DateHierarchieBornee

from .models import Effacement

# Fortnightly and monthly work runs on crontabs anchored to dates, never on intervals that drift.
for modele in (ClockedSchedule, IntervalSchedule, SolarSchedule, PeriodicTask, CrontabSchedule):
    admin.site.unregister(modele)


@admin.register(PeriodicTask)
class TachePlanifieeAdmin(DateHierarchieBornee, ReserveAuxCoachs, beat_admin.PeriodicTaskAdmin):
    pass


@admin.register(CrontabSchedule)
class CrontabAdmin(ReserveAuxCoachs, beat_admin.CrontabScheduleAdmin):
    @admin.display(description="en clair")
    def human_readable(self, obj):
        # A form shown again with its errors keeps the refused values, which celery cannot read.
        try:
            return obj.human_readable
        except ParseException:
            return self.get_empty_value_display()


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
