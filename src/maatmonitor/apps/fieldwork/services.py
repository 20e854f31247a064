"""Write API of fieldwork: sample units with fresh codes, simulated responses, and the respondent's
page saves, resume and submit (idempotent)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.db import IntegrityError, transaction
from django.utils import timezone

from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.instrument import Question, Questionnaire

from . import codes
from .constants import EventKind, ResponseSource, ResponseStatus
from .models import FieldworkEvent, Response, SampleUnit
from .queries import questionnaire_for

UNIT_COLUMNS = (
    "stratum",
    "journey",
    "district",
    "age_band",
    "outcome",
    "debt",
    "size_class",
    "sector",
    "channel",
)
BATCH = 2000


class FieldworkInputError(ValueError):
    """Input that cannot be stored; the message names the row and column."""


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _debt(value: Any, row: int) -> bool | None:
    text = _text(value).lower()
    if text == "":
        return None
    if text in {"1", "1.0", "true", "ja", "yes"}:
        return True
    if text in {"0", "0.0", "false", "nee", "no"}:
        return False
    raise FieldworkInputError(f"rij {row}: kolom debt: {value!r} is geen 0/1")


def create_sample_units(wave: Wave, sample: pd.DataFrame) -> int:
    """Store the drawn sample as SampleUnits with fresh personal codes; returns how many were new.

    Units already in the wave are left as they are (a re-run does not change anyone's code).
    """
    if "unit_id" not in sample.columns:
        raise FieldworkInputError("de steekproef mist de kolom unit_id")
    if "stratum" not in sample.columns:
        raise FieldworkInputError("de steekproef mist de kolom stratum")
    ids = sample["unit_id"].map(_text)
    blank = ids[ids == ""]
    if not blank.empty:
        raise FieldworkInputError(f"rij {int(blank.index[0]) + 1}: unit_id is leeg")
    dupes = ids[ids.duplicated()]
    if not dupes.empty:
        raise FieldworkInputError(
            f"rij {int(dupes.index[0]) + 1}: unit_id {dupes.iloc[0]!r} staat dubbel in de steekproef"
        )
    existing = set(SampleUnit.objects.filter(wave=wave).values_list("unit_id", flat=True))
    present = [c for c in UNIT_COLUMNS if c in sample.columns]
    units = []
    for position, (unit_id, record) in enumerate(
        zip(ids, sample[present].to_dict("records"), strict=True)
    ):
        if unit_id in existing:
            continue
        nonce = codes.new_nonce()
        code_hash, letter_hash = codes.hashes_for_nonce(nonce)
        fields = {c: _text(record[c]) for c in present if c != "debt"}
        if "debt" in present:
            fields["debt"] = _debt(record["debt"], position + 1)
        units.append(
            SampleUnit(
                wave=wave,
                unit_id=unit_id,
                code_nonce=nonce,
                code_hash=code_hash,
                letter_code_hash=letter_hash,
                **fields,
            )
        )
    with transaction.atomic():
        SampleUnit.objects.bulk_create(units, batch_size=BATCH)
    return len(units)


def _answer_value(question: Question, value: Any) -> Any:
    """An answer as stored in Response.answers: scale values int, codes and texts str."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if question.scale is not None:
        return int(float(value))
    text = str(value).strip()
    return text or None


def _date_to_datetime(value: Any) -> dt.datetime:
    day = pd.Timestamp(value).date()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def record_simulated_responses(wave: Wave, responses: pd.DataFrame) -> int:
    """Store simulated (demo) responses: item columns by question id, `response_date`, optional
    `status` (complete/partial). Units that already have a response are skipped; returns the count
    stored."""
    questionnaire = questionnaire_for(wave)
    for column in ("unit_id", "response_date"):
        if column not in responses.columns:
            raise FieldworkInputError(f"de responsen missen de kolom {column}")
    units = dict(SampleUnit.objects.filter(wave=wave).values_list("unit_id", "pk"))
    answered = set(Response.objects.filter(unit__wave=wave).values_list("unit__unit_id", flat=True))
    items = [q for q in questionnaire.questions if q.id in responses.columns]
    created: list[Response] = []
    events: list[FieldworkEvent] = []
    for position, row in enumerate(responses.to_dict("records"), start=1):
        unit_id = _text(row["unit_id"])
        if unit_id not in units:
            raise FieldworkInputError(
                f"rij {position}: unit_id {unit_id!r} zit niet in de steekproef van {wave}"
            )
        if unit_id in answered:
            continue
        answered.add(unit_id)
        try:
            when = _date_to_datetime(row["response_date"])
        except (ValueError, TypeError) as exc:
            raise FieldworkInputError(
                f"rij {position}: response_date {row['response_date']!r} is geen datum"
            ) from exc
        answers = {}
        for q in items:
            try:
                value = _answer_value(q, row[q.id])
            except ValueError as exc:
                raise FieldworkInputError(
                    f"rij {position}: kolom {q.id}: {row[q.id]!r} is geen schaalwaarde"
                ) from exc
            if value is not None:
                answers[q.id] = value
        complete = _text(row.get("status", "complete")) in {"complete", "completed", ""}
        status = ResponseStatus.COMPLETED if complete else ResponseStatus.STARTED
        created.append(
            Response(
                unit_id=units[unit_id],
                answers=answers,
                status=status,
                source=ResponseSource.SIMULATED,
                started_at=when,
                completed_at=when if complete else None,
            )
        )
        events.append(FieldworkEvent(wave=wave, unit_id=units[unit_id], kind="started", at=when))
        if complete:
            events.append(
                FieldworkEvent(wave=wave, unit_id=units[unit_id], kind="completed", at=when)
            )
    with transaction.atomic():
        Response.objects.bulk_create(created, batch_size=BATCH)
        FieldworkEvent.objects.bulk_create(events, batch_size=BATCH)
    return len(created)


# --- the respondent's questionnaire -------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where a respondent is: the routed pages and the index of the current one."""

    pages: tuple[str, ...]
    index: int

    @property
    def page(self) -> str:
        return self.pages[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.pages) - 1

    @property
    def previous(self) -> str | None:
        return self.pages[self.index - 1] if self.index > 0 else None


def routing_context(unit: SampleUnit, answers: Mapping[str, Any]) -> dict[str, str]:
    """Answers as strings for routing, register background filling what was not answered."""
    context: dict[str, str] = {}
    for name in ("journey", "district", "age_band", "outcome", "size_class", "sector"):
        value = getattr(unit, name, "")
        if value:
            context[name] = value
    if unit.debt is not None:
        context["debt"] = "1" if unit.debt else "0"
    for key, value in answers.items():
        if value is not None:
            context[key] = str(value)
    return context


def routed_pages(questionnaire: Questionnaire, unit: SampleUnit, answers: Mapping[str, Any]):
    """The (page, questions) this respondent gets, given the answers so far."""
    return questionnaire.pages_for(routing_context(unit, answers))


def position_of(
    questionnaire: Questionnaire, unit: SampleUnit, answers: Mapping[str, Any], page_id: str
) -> Position | None:
    pages = tuple(p.id for p, _ in routed_pages(questionnaire, unit, answers))
    if page_id not in pages:
        return None
    return Position(pages, pages.index(page_id))


def start(unit: SampleUnit, language: str = "") -> Response:
    """The unit's response, created (status started) on the first visit."""
    response, created = Response.objects.get_or_create(
        unit=unit, defaults={"started_at": timezone.now(), "language": language}
    )
    if created:
        FieldworkEvent.objects.create(
            wave_id=unit.wave_id, unit=unit, kind=EventKind.STARTED, at=response.started_at
        )
    return response


def resume(unit: SampleUnit) -> str:
    """The page to continue on: where the respondent left, else the first routed page."""
    questionnaire = questionnaire_for(unit.wave)
    response = Response.objects.filter(unit=unit).first()
    answers = response.answers if response else {}
    pages = [p.id for p, _ in routed_pages(questionnaire, unit, answers)]
    if response and response.current_page in pages:
        return response.current_page
    return pages[0]


@transaction.atomic
def save_page(
    unit: SampleUnit,
    page_id: str,
    answers: Mapping[str, Any],
    *,
    move_on: bool,
    language: str = "",
) -> tuple[Response, str | None]:
    """Store a page's answers; returns the response and the page to show next.

    `answers` hold only this page's questions (None = "weet ik niet"; a missing key = not answered).
    With `move_on` the respondent goes to the next routed page (None after the last page);
    otherwise they stay (the "later verder" button) and resume here. A completed response is
    never changed.
    """
    response = start(unit, language)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == ResponseStatus.COMPLETED:
        return response, None
    questionnaire = questionnaire_for(unit.wave)
    page_questions = {q.id for q in questionnaire.questions if q.page == page_id}
    stored = dict(response.answers)
    for qid in page_questions:
        if qid in answers:
            stored[qid] = answers[qid]
        else:
            stored.pop(qid, None)
    position = position_of(questionnaire, unit, stored, page_id)
    next_page: str | None = page_id
    if move_on and position is not None:
        next_page = None if position.is_last else position.pages[position.index + 1]
    response.answers = stored
    response.current_page = next_page or page_id
    if language:
        response.language = language
    response.save(update_fields=["answers", "current_page", "language", "updated_at"])
    return response, next_page


@transaction.atomic
def submit(unit: SampleUnit, token: str) -> tuple[Response, bool]:
    """Complete the response once; (response, True) when this call completed it.

    A double click or a replayed request finds the response completed and changes nothing.
    Answers to questions the final routing skips are dropped, so the stored response is exactly
    what the respondent was asked.
    """
    response = start(unit)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == ResponseStatus.COMPLETED:
        return response, False
    questionnaire = questionnaire_for(unit.wave)
    routed = {q.id for _, qs in routed_pages(questionnaire, unit, response.answers) for q in qs}
    response.answers = {k: v for k, v in response.answers.items() if k in routed}
    response.status = ResponseStatus.COMPLETED
    response.completed_at = timezone.now()
    response.submission_token = token[:64]
    response.save()
    FieldworkEvent.objects.create(
        wave_id=unit.wave_id, unit=unit, kind=EventKind.COMPLETED, at=response.completed_at
    )
    return response, True


def reissue_codes(unit: SampleUnit) -> codes.UnitCodes:
    """New codes for one unit (e.g. a leaked letter); the old ones stop working at once."""
    for _ in range(5):
        nonce = codes.new_nonce()
        unit.code_nonce = nonce
        unit.code_hash, unit.letter_code_hash = codes.hashes_for_nonce(nonce)
        try:
            with transaction.atomic():
                unit.save(update_fields=["code_nonce", "code_hash", "letter_code_hash"])
        except IntegrityError:  # a letter-code collision (about 1 in 10^12): draw again
            continue
        return codes.unit_codes(unit)
    raise RuntimeError("could not draw a unique code")
