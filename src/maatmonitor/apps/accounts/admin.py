from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, DistrictAssignment, User


class DistrictAssignmentInline(admin.TabularInline):
    model = DistrictAssignment
    extra = 1


class MonitorUserAdmin(UserAdmin):
    inlines = [DistrictAssignmentInline]


admin.site.register(User, MonitorUserAdmin)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by the application, never edited by hand."""

    list_display = ("at", "username", "action", "obj_label")
    list_filter = ("action",)
    search_fields = ("username", "obj_label")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
