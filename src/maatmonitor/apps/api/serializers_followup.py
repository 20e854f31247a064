"""Shapes of signals and initiatives. Writes are validated here and stored through the
follow-up services (the same guarded functions the pages use)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from maatmonitor.apps.accounts.queries import districts_for
from maatmonitor.apps.followup.constants import TRANSITIONS
from maatmonitor.apps.followup.forms import SignalIntakeForm
from maatmonitor.apps.followup.models import Initiative, Signal, SignalEvent

INTAKE_FIELDS = (
    "description",
    "audience",
    "journey",
    "district",
    "source",
    "consent_contact",
    "contact_name",
    "contact_email",
    "contact_phone",
)


class SignalEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignalEvent
        fields = ("step", "from_status", "to_status", "by_name", "at", "note")


class DueSerializer(serializers.Serializer):
    acknowledge = serializers.DateField(source="acknowledge_due")
    assess = serializers.DateField(source="assess_due")
    resolve = serializers.DateField(source="resolve_due")


class SignalSerializer(serializers.ModelSerializer):
    """A signal as read back; contact details only for handlers (see ``with_contact``)."""

    reference = serializers.CharField(read_only=True)
    due = DueSerializer(source="*", read_only=True)
    events = SignalEventSerializer(many=True, read_only=True)

    class Meta:
        model = Signal
        fields = (
            "id",
            "reference",
            "status",
            "audience",
            "journey",
            "district",
            "source",
            "description",
            "topics",
            "team",
            "received_at",
            "due",
            "consent_contact",
            "events",
        )
        read_only_fields = fields


class SignalWithContactSerializer(SignalSerializer):
    contact_name = serializers.SerializerMethodField()
    contact_email = serializers.SerializerMethodField()
    contact_phone = serializers.SerializerMethodField()

    class Meta(SignalSerializer.Meta):
        fields = (*SignalSerializer.Meta.fields, "contact_name", "contact_email", "contact_phone")
        read_only_fields = fields

    def _contact(self, s: Signal, field: str) -> str | None:
        if not s.consent_contact or s.contact_removed_at is not None:
            return None
        return getattr(s, field) or None

    def get_contact_name(self, s: Signal) -> str | None:
        return self._contact(s, "contact_name")

    def get_contact_email(self, s: Signal) -> str | None:
        return self._contact(s, "contact_email")

    def get_contact_phone(self, s: Signal) -> str | None:
        return self._contact(s, "contact_phone")


class SignalCreateSerializer(serializers.ModelSerializer):
    """Intake: the same rules as the web form (consent goes with contact details)."""

    class Meta:
        model = Signal
        fields = INTAKE_FIELDS

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        data = {k: v for k, v in attrs.items() if v is not None}
        # The model's default audience (the web form always posts one).
        data.setdefault("audience", Signal._meta.get_field("audience").get_default())
        form = SignalIntakeForm(data=data)
        if not form.is_valid():
            raise serializers.ValidationError(
                {k: [str(m) for m in v] for k, v in form.errors.items()}
            )
        return {k: form.cleaned_data[k] for k in INTAKE_FIELDS if k in form.cleaned_data}


class TransitionSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=[str(s) for s in TRANSITIONS])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    team = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class InitiativeSerializer(serializers.ModelSerializer):
    """Initiatives of the user's own districts only (liaison officers)."""

    class Meta:
        model = Initiative
        fields = (
            "id",
            "title",
            "wave",
            "dimension",
            "topic",
            "journey",
            "district",
            "finding",
            "owner",
            "planned_actions",
            "status",
            "start_date",
            "end_date",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("id", "created_at", "updated_at")

    def validate_district(self, value: str) -> str:
        user = self.context["request"].user
        if value not in districts_for(user):
            raise serializers.ValidationError(
                _("U mag geen initiatieven vastleggen voor district %(district)s.")
                % {"district": value}
            )
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("Het einde ligt voor de start.")]})
        return attrs
