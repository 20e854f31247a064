from django.contrib import admin

from .models import PopulationMargin, Wave


class MarginInline(admin.TabularInline):
    model = PopulationMargin
    fields = ("variable", "category", "count")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ("code", "audience", "questionnaire_version", "status", "created_at")
    list_filter = ("audience", "status")
    readonly_fields = ("manifest",)
    inlines = [MarginInline]
