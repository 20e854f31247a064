from django.contrib import admin

from maatmonitor.web.admin_helpers import ReadOnlyTabularInline

from .models import PopulationMargin, Wave, WaveJob


class MarginInline(ReadOnlyTabularInline):
    model = PopulationMargin
    fields = ("variable", "category", "count")


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "audience",
        "questionnaire_version",
        "status",
        "opens_on",
        "closes_on",
    )
    list_filter = ("audience", "status")
    # Status changes go through services.transition (guarded), never through a free edit.
    readonly_fields = ("status", "status_changed_at", "manifest")
    inlines = [MarginInline]


@admin.register(WaveJob)
class WaveJobAdmin(admin.ModelAdmin):
    """Jobs are created by the pages and the task queue; the admin only shows them."""

    list_display = ("wave", "kind", "status", "done", "total", "created_at", "finished_at")
    list_filter = ("kind", "status")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
