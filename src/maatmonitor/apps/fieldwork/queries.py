"""Reads of the fieldwork app: a wave's questionnaire, units by code, and the C1 analysis frames."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd
from django.db.models import Count
from django.utils import timezone

from maatmonitor.apps.waves.constants import WaveStatus
from maatmonitor.apps.waves.models import Wave
from maatmonitor.core.instrument import Questionnaire, parse_questionnaire

from . import codes
from .constants import ResponseStatus
from .models import Response, SampleUnit

# Register variables of a unit, in the order of the response frame; employers have no journey-like
# outcome or debt, clients no size class or sector: empty columns are left out per audience.
REGISTER_FIELDS = ("journey", "district", "age_band", "outcome", "debt", "size_class", "sector")
# The item that counts a started response as usable (C1: "the overall question answered").
OVERALL_KIND = "overall"


@lru_cache(maxsize=32)
def _parse(version_pk: int, content_hash: str, source: str) -> Questionnaire:
    return parse_questionnaire(source, source=f"version {version_pk}")


def questionnaire_for(wave: Wave) -> Questionnaire:
    """The core questionnaire of a wave (parsed once per version and content)."""
    version = wave.questionnaire_version
    return _parse(version.pk, version.content_hash, version.source_yaml)


def wave_state(wave: Wave, now: dt.datetime | None = None) -> str:
    """`open`, `not_yet` (being prepared, or before the opening day) or `closed` (status, or the
    closing day has passed: the closing day itself is still open)."""
    if wave.status == WaveStatus.DRAFT:
        return "not_yet"
    if wave.status != WaveStatus.FIELDING:
        return "closed"
    today = timezone.localdate(now or timezone.now())
    opens, closes = getattr(wave, "opens_on", None), getattr(wave, "closes_on", None)
    if opens and today < opens:
        return "not_yet"
    if closes and today > closes:
        return "closed"
    return "open"


def unit_by_personal_code(code: str) -> SampleUnit | None:
    """The unit whose personal code this is; hashes compared in constant time."""
    if not codes.looks_like_personal_code(code):
        return None
    wanted = codes.hash_personal_code(code.strip().lower())
    unit = SampleUnit.objects.select_related("wave").filter(code_hash=wanted).first()
    if unit is None or not codes.same_hash(unit.code_hash, wanted):
        return None
    return unit


def unit_by_letter_code(normalised: str) -> SampleUnit | None:
    """The unit of a normalised letter code (see codes.normalise_letter_code)."""
    wanted = codes.hash_letter_code(normalised)
    unit = SampleUnit.objects.select_related("wave").filter(letter_code_hash=wanted).first()
    if unit is None or not codes.same_hash(unit.letter_code_hash, wanted):
        return None
    return unit


def _usable(status: str, answers: dict, overall_ids: list[str]) -> bool:
    if status == ResponseStatus.COMPLETED:
        return True
    return any(answers.get(q) is not None for q in overall_ids)


def response_frame(wave: Wave) -> pd.DataFrame:
    """One row per unit with a usable response (C1): meta, register variables, one column per item.

    Scale answers are numbers (float, NaN when missing or "weet ik niet" without a code), choice
    answers codes, open answers text. Where an item id equals a register variable (journey,
    outcome, age_band) the register value is kept, as the design and the margins use it; the
    respondent's own answer only fills a register gap.
    """
    questionnaire = questionnaire_for(wave)
    overall_ids = [q.id for q in questionnaire.questions if q.kind == OVERALL_KIND]
    rows = (
        Response.objects.filter(unit__wave=wave)
        .select_related("unit")
        .order_by("unit__unit_id")
        .only("answers", "status", "started_at", "completed_at", *_unit_fields())
    )
    records = []
    for r in rows.iterator(chunk_size=2000):
        if not _usable(r.status, r.answers, overall_ids):
            continue
        unit = r.unit
        when = r.completed_at or r.started_at
        record: dict[str, object] = {
            "unit_id": unit.unit_id,
            "stratum": unit.stratum,
            "audience": wave.audience,
            "wave": wave.code,
        }
        for name in REGISTER_FIELDS:
            value = getattr(unit, name)
            record[name] = (None if value is None else int(value)) if name == "debt" else value
        for q in questionnaire.questions:
            value = r.answers.get(q.id)
            if q.id in REGISTER_FIELDS:
                if not record.get(q.id) and value is not None:
                    record[q.id] = value
                continue
            record[q.id] = value
        record["status"] = "complete" if r.status == ResponseStatus.COMPLETED else "partial"
        record["response_date"] = timezone.localdate(when).isoformat()
        records.append(record)
    return _typed_frame(records, questionnaire, wave.audience)


def _unit_fields() -> list[str]:
    return ["unit__unit_id", "unit__stratum", *(f"unit__{n}" for n in REGISTER_FIELDS)]


def _typed_frame(records: list[dict], questionnaire: Questionnaire, audience: str) -> pd.DataFrame:
    item_ids = [q.id for q in questionnaire.questions if q.id not in REGISTER_FIELDS]
    columns = ["unit_id", "stratum", "audience", "wave", *REGISTER_FIELDS, *item_ids]
    columns += ["status", "response_date"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for q in questionnaire.questions:
        if q.id in REGISTER_FIELDS:
            continue
        if q.scale is not None:
            frame[q.id] = pd.to_numeric(frame[q.id], errors="coerce").astype(np.float64)
        else:
            frame[q.id] = frame[q.id].astype(object).where(frame[q.id].notna(), None)
    # Register variables the audience does not have (all empty) are left out.
    if not frame.empty:
        empty = [n for n in REGISTER_FIELDS if frame[n].replace("", None).isna().all()]
        frame = frame.drop(columns=empty)
    if "debt" in frame.columns:
        frame["debt"] = frame["debt"].astype("Int64")
    return frame.reset_index(drop=True)


def design_frame(wave: Wave) -> pd.DataFrame:
    """Per stratum: N_h (eligible frame units, from the draw manifest) and n_h (sampled units)."""
    counts = dict(
        SampleUnit.objects.filter(wave=wave)
        .order_by()
        .values("stratum")
        .annotate(n=Count("id"))
        .values_list("stratum", "n")
    )
    manifest = wave.manifest or {}
    rows = []
    seen = set()
    for row in manifest.get("strata", []):
        stratum = str(row["stratum"])
        big = row.get("eligible", row.get("population"))
        rows.append({"stratum": stratum, "N_h": int(big), "n_h": int(counts.get(stratum, 0))})
        seen.add(stratum)
    missing = sorted(set(counts) - seen)
    if missing:
        raise ValueError(
            f"wave {wave}: strata {', '.join(missing[:5])} have sampled units but are not in "
            "the draw manifest, so their population size N_h is unknown"
        )
    return pd.DataFrame(rows, columns=["stratum", "N_h", "n_h"])
