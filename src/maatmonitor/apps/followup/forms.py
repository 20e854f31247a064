"""Forms: the public signal intake, the step form for handlers and the initiative form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import SignalStep
from .models import Initiative, Signal


class SignalIntakeForm(forms.ModelForm):
    class Meta:
        model = Signal
        fields = [
            "description",
            "audience",
            "journey",
            "district",
            "source",
            "consent_contact",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        labels = {
            "description": _("Wat is er gebeurd?"),
            "journey": _("Waar ging het over?"),
            "district": _("In welk district?"),
            "source": _("Wie meldt dit?"),
            "consent_contact": _("U mag contact met mij opnemen over dit signaal"),
        }
        help_texts = {
            "description": _(
                "Vertel in uw eigen woorden wat er gebeurde. Schrijf geen burgerservicenummer op."
            ),
            "contact_email": _("Alleen nodig als u wilt dat wij contact opnemen."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("Kies een district")),
            *list(self.fields["district"].choices)[1:],
        ]
        self.fields["source"].initial = self.initial.get("source", "client")
        self.fields["journey"].choices = [
            ("", _("Weet ik niet")),
            *list(self.fields["journey"].choices)[1:],
        ]

    def clean(self):
        data = super().clean()
        has_contact = any(data.get(f) for f in ("contact_name", "contact_email", "contact_phone"))
        if has_contact and not data.get("consent_contact"):
            self.add_error(
                "consent_contact",
                _("Geef toestemming voor contact, of laat de contactgegevens leeg."),
            )
        if data.get("consent_contact") and not (
            data.get("contact_email") or data.get("contact_phone")
        ):
            self.add_error(
                "contact_email",
                _("Vul een e-mailadres of telefoonnummer in, zodat wij u kunnen bereiken."),
            )
        return data


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Stap"), choices=SignalStep.choices)
    team = forms.CharField(label=_("Team"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "title",
            "wave",
            "district",
            "dimension",
            "topic",
            "journey",
            "finding",
            "owner",
            "planned_actions",
            "status",
            "start_date",
            "end_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "finding": forms.Textarea(attrs={"rows": 3}),
            "planned_actions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, districts=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        field.choices = [c for c in field.choices if c[0] in districts]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Het einde ligt voor de start."))
        return data
