"""The researcher's correction form: topics as checkboxes, sentiment as radio buttons."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import SentimentChoice
from .models import Topic


class CorrectionForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("Onderwerpen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één onderwerp (of 'Overig').")},
    )
    sentiment = forms.ChoiceField(
        label=_("Sentiment"),
        choices=SentimentChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het sentiment van het antwoord.")},
    )

    def __init__(self, *args, audience: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = [
            (t.code, t.label_nl)
            for t in Topic.objects.filter(active=True)
            if audience in (t.audiences or [])
        ]
