"""Admin: browse questionnaire versions; a version in use is read-only."""

from django.contrib import admin

from maatmonitor.web.admin_helpers import ReadOnlyTabularInline

from .models import Item, ItemComment, Questionnaire, QuestionnaireVersion


class ItemInline(ReadOnlyTabularInline):
    model = Item
    fields = ("position", "item_id", "kind", "dimension", "page", "text_nl", "comparable", "change")
    show_change_link = True


class CommentInline(ReadOnlyTabularInline):
    model = ItemComment
    fields = ("author", "text", "created_at")


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("slug", "audience", "title")


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(admin.ModelAdmin):
    list_display = ("questionnaire", "version", "status", "imported_at", "imported_by")
    list_filter = ("questionnaire", "status")
    readonly_fields = (
        "questionnaire",
        "version",
        "content_hash",
        "source_yaml",
        "definition",
        "previous",
        "changes",
        "imported_at",
        "imported_by",
    )
    inlines = [ItemInline]

    def has_add_permission(self, request) -> bool:
        return False  # versions come in through the validated import only


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("item_id", "version", "kind", "dimension", "comparable", "change")
    list_filter = ("version__questionnaire", "kind", "dimension", "change")
    search_fields = ("item_id", "text_nl")
    readonly_fields = (
        "version",
        "item_id",
        "position",
        "kind",
        "dimension",
        "page",
        "text_nl",
        "text_en",
        "comparable",
        "change",
    )
    inlines = [CommentInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ItemComment)
class ItemCommentAdmin(admin.ModelAdmin):
    list_display = ("item", "author", "created_at")
    list_filter = ("item__version",)
    readonly_fields = ("item", "author", "text", "created_at")
