from django.contrib import admin

from .models import Initiative, Signal, SignalEvent


class SignalEventInline(admin.TabularInline):
    model = SignalEvent
    extra = 0
    readonly_fields = ("step", "from_status", "to_status", "by_name", "at", "note")
    can_delete = False


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin):
    list_display = ("reference", "district", "status", "received_at", "resolve_due")
    list_filter = ("status", "district", "source")
    inlines = [SignalEventInline]
    readonly_fields = ("status", "received_at", "description_redacted", "topics")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "district", "dimension", "status", "start_date", "end_date")
    list_filter = ("status", "district", "dimension")
