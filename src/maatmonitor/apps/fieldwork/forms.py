"""The questions of one questionnaire page as form fields: options, prefills, validation.

Rendered by hand in templates/fieldwork/respondent/page.html (each question its own fieldset of
radio buttons); Django's form classes would put the markup out of our control.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from maatmonitor.core.instrument import Question, Questionnaire

from .models import SampleUnit

DONT_KNOW = "dk"  # the posted value of the "weet ik niet" option a scale does not define itself
OPEN_MAX_LENGTH = 4000


def missing_message() -> str:
    return _("Kies een antwoord. Weet u het niet? Kies dan ‘Weet ik niet’.")


def invalid_message() -> str:
    return _("Kies een van de antwoorden.")


class _Summaries:
    """Short texts for the error summary, looked up by the full message (in the active language)."""

    def get(self, error: str, default: str) -> str:
        if error == missing_message():
            return _("kies een antwoord")
        if error == invalid_message():
            return _("kies een van de antwoorden")
        return default


SUMMARIES = _Summaries()


class CodeForm(forms.Form):
    """The code from the letter or e-mail."""

    code = forms.CharField(max_length=64, strip=True)


@dataclass
class Choice:
    value: str
    label: str
    input_id: str
    checked: bool = False


@dataclass
class Field:
    """One question on the page, ready for the template."""

    id: str
    kind: str
    legend: str
    hint: str = ""
    choices: list[Choice] = field(default_factory=list)
    text: str = ""
    error: str = ""
    summary: str = ""  # the short form of the error for the error summary
    prefilled: bool = False

    @property
    def is_open(self) -> bool:
        return self.kind == "open"

    @property
    def first_input_id(self) -> str:
        return self.choices[0].input_id if self.choices else f"q-{self.id}"

    @property
    def described_by(self) -> str:
        parts = [f"q-{self.id}-hint"] if (self.hint or self.prefilled) else []
        if self.error:
            parts.append(f"q-{self.id}-error")
        return " ".join(parts)


def _options(questionnaire: Questionnaire, q: Question, lang: str) -> list[tuple[str, str]]:
    """(posted value, label); always ends with a "weet ik niet" option."""
    if q.options:
        opts = [(o.code, o.label.get(lang)) for o in q.options]
        return [*opts, (DONT_KNOW, _("Weet ik niet"))]
    scale = questionnaire.scales[q.scale or ""]
    opts = [(str(o.value), o.label.get(lang) or str(o.value)) for o in scale.options]
    if all(o.substantive for o in scale.options):
        opts.append((DONT_KNOW, _("Weet ik niet")))
    return opts


def _stored_to_posted(value: Any) -> str | None:
    if value is None:
        return DONT_KNOW
    return str(value)


def _summary(error: str) -> str:
    return SUMMARIES.get(error, error)


def build_fields(
    questionnaire: Questionnaire,
    questions: list[Question],
    lang: str,
    answers: Mapping[str, Any],
    unit: SampleUnit,
    posted: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> list[Field]:
    """The fields of a page: posted values after an error, else stored answers, else the frame."""
    errors = errors or {}
    result = []
    for q in questions:
        f = Field(
            id=q.id,
            kind=q.kind,
            legend=q.text.get(lang),
            hint=q.help.get(lang) if q.help else "",
            error=errors.get(q.id, ""),
            summary=_summary(errors.get(q.id, "")),
        )
        if posted is not None:
            current = posted.get(q.id)
        elif q.id in answers:
            current = _stored_to_posted(answers[q.id])
        else:
            current = None
        if q.kind == "open":
            f.text = current if current and current != DONT_KNOW else ""
            result.append(f)
            continue
        if current is None and posted is None and q.kind == "background":
            frame_value = getattr(unit, q.id, "") if hasattr(unit, q.id) else ""
            if frame_value and frame_value in {o.code for o in q.options}:
                current = frame_value
                f.prefilled = True
        for i, (value, label) in enumerate(_options(questionnaire, q, lang)):
            f.choices.append(Choice(value, label, f"q-{q.id}-{i}", checked=value == current))
        result.append(f)
    return result


def clean_page(
    questionnaire: Questionnaire,
    questions: list[Question],
    data: Mapping[str, str],
    *,
    strict: bool,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Posted values -> (answers to store, errors by question id).

    Unknown values are always errors (a tampered form); unanswered closed questions only when
    `strict` (moving on), not when the respondent pauses ("later verder").
    """
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in questions:
        raw = (data.get(q.id) or "").strip() if q.kind == "open" else data.get(q.id)
        if q.kind == "open":
            if len(raw) > OPEN_MAX_LENGTH:
                errors[q.id] = _("Uw antwoord is te lang: maximaal %(n)d tekens.") % {
                    "n": OPEN_MAX_LENGTH
                }
            elif raw:
                answers[q.id] = raw
            continue
        allowed = dict(_options(questionnaire, q, "nl"))
        if raw in (None, ""):
            if strict:
                errors[q.id] = missing_message()
            continue
        if raw not in allowed:
            errors[q.id] = invalid_message()
            continue
        if raw == DONT_KNOW:
            answers[q.id] = None
        elif q.scale is not None:
            answers[q.id] = int(raw)
        else:
            answers[q.id] = raw
    return answers, errors
