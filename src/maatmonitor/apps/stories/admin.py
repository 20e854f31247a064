"""Admin: the codeframe is editable; answers are read-only and never show the raw text."""

from django.contrib import admin

from .models import StoryAnswer, StoryCorrection, Topic, TrainingRun


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("code", "label_nl", "label_en", "position", "active")
    list_editable = ("position", "active")
    search_fields = ("code", "label_nl", "label_en")


@admin.register(StoryAnswer)
class StoryAnswerAdmin(admin.ModelAdmin):
    list_display = ("id", "wave", "question_id", "sentiment", "coded_by", "district")
    list_filter = ("wave", "sentiment", "coded_by")
    exclude = ()
    readonly_fields = [f.name for f in StoryAnswer._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(StoryCorrection)
class StoryCorrectionAdmin(admin.ModelAdmin):
    list_display = ("answer", "sentiment", "created_by", "created_at")
    readonly_fields = ("answer", "topics", "sentiment", "previous_topics", "previous_sentiment")


@admin.register(TrainingRun)
class TrainingRunAdmin(admin.ModelAdmin):
    list_display = ("wave", "created_at", "model_topic_f1", "rule_topic_f1", "recoded")
