from django.contrib import admin

from maatmonitor.web.admin_helpers import ReadOnlyTabularInline

from .models import PopulationMargin, Wave


class MarginInline(ReadOnlyTabularInline):
    model = PopulationMargin
    fields = ("variable", "category", "count")


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ("code", "audience", "questionnaire_version", "status", "created_at")
    list_filter = ("audience", "status")
    readonly_fields = ("manifest",)
    inlines = [MarginInline]
