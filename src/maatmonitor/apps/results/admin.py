from django.contrib import admin

from .models import AnalysisRun


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin):
    list_display = ("wave", "created_at", "created_by", "n_respondents")
    list_filter = ("wave__audience",)
    # A stored analysis is an audit record: it is never edited, only superseded by a new run.
    readonly_fields = ("wave", "created_at", "created_by", "result", "n_respondents")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
