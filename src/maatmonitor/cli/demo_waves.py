"""One demo wave of one audience, from draw to stored analysis and coded stories.

Every step is the service or core function the real commands and the web call; the demo only
stands in for the respondents (simulated answers and stories from the synthetic truth model).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from maatmonitor.core import sampling, synth
from maatmonitor.core.instrument import Questionnaire

DEMO_SALT = "maatmonitor-demo-salt-not-secret"  # a real wave takes its salt from MAATMONITOR_SALT
EXCLUSION_MONTHS = 12
# Completed questionnaires wanted per audience (Neyman allocation with a floor per stratum).
TARGET_COMPLETES = {"client": 6_000, "employer": 3_000}
MINIMUM_PER_STRATUM = {"client": 60, "employer": 20}
FIELD_DAYS = 42
REMINDER_DAYS = (14, 28)


@dataclass(frozen=True)
class WaveSpec:
    """A half-yearly wave: its code, its number (shifts the PRN start), the register date the
    draw uses and the first day of fieldwork."""

    code: str
    number: int
    reference_date: date
    opens_on: date

    @property
    def closes_on(self) -> date:
        return self.opens_on + timedelta(days=FIELD_DAYS)


WAVES = (
    WaveSpec("2026-1", 1, date(2026, 5, 1), date(2026, 5, 18)),
    WaveSpec("2026-2", 2, date(2026, 11, 1), date(2026, 11, 16)),
)


@dataclass
class WaveRun:
    """What one wave of one audience produced, for the summary tables and the reports."""

    spec: WaveSpec
    audience: str
    wave: Any  # apps.waves.models.Wave
    draw: sampling.DrawResult
    invited: int
    respondents: int
    analysis: Any  # core.stats.wave_result.WaveAnalysis
    stories: int
    opted_out: int


Step = Callable[[str], None]


def run_wave(
    spec: WaveSpec,
    audience: str,
    version: Any,
    frame: pd.DataFrame,
    margins: pd.DataFrame,
    questionnaires: Mapping[str, Questionnaire],
    truth_model: synth.TruthModel,
    out: Path,
    *,
    seed: int,
    previous: Any = None,
    scale: float = 1.0,
    on_step: Step = lambda _: None,
) -> WaveRun:
    """Draw, field (simulated), analyse and code the stories of one wave of one audience.

    ``scale`` shrinks the wanted completes and the floor per stratum (the small demo).
    """
    from maatmonitor.apps.fieldwork import outreach
    from maatmonitor.apps.fieldwork.queries import design_frame, response_frame
    from maatmonitor.apps.fieldwork.services import (
        create_sample_units,
        record_simulated_responses,
    )
    from maatmonitor.apps.results.services import store_analysis
    from maatmonitor.apps.stories.services import ingest_open_answers
    from maatmonitor.apps.waves.constants import WaveStatus
    from maatmonitor.apps.waves.services import (
        create_wave,
        record_draw,
        set_field_period,
        transition,
    )
    from maatmonitor.core.stats.pipeline import analyse_wave
    from maatmonitor.core.synth.stories import make_open_answers

    on_step("trekking")
    wave = create_wave(spec.code, spec.number, audience, version)
    result = sampling.draw(
        frame[frame["audience"] == audience].reset_index(drop=True),
        sampling.Design(
            size=round(TARGET_COMPLETES[audience] * scale),
            method="neyman",
            minimum=max(1, round(MINIMUM_PER_STRATUM[audience] * scale)),
        ),
        salt=DEMO_SALT,
        wave=spec.number,
        reference_date=spec.reference_date,
        exclusion_months=EXCLUSION_MONTHS,
    )
    target = out / "waves" / f"{spec.code}-{audience}"
    target.mkdir(parents=True, exist_ok=True)
    result.manifest.write(target / "manifest.json")
    own = margins[margins["audience"] == audience]
    record_draw(
        wave,
        manifest_for_database(result.manifest),
        own[["variable", "category", "count"]].itertuples(index=False, name=None),
    )
    set_field_period(wave, spec.opens_on, spec.closes_on, list(REMINDER_DAYS), today=spec.opens_on)

    on_step("uitnodigen")
    # The sampled units with every frame column (the draw keeps only what the manifest needs).
    extra = ["unit_id", *(c for c in frame.columns if c not in result.sample.columns)]
    sampled = result.sample.merge(frame[extra], on="unit_id", how="left", validate="1:1")
    create_sample_units(wave, sampled)
    outreach.attach_contacts(wave, demo_contacts(sampled))
    transition(wave, WaveStatus.FIELDING, today=spec.opens_on)
    sent = outreach.invite(wave)
    invited = sent.emailed + sent.bounced + sent.letters_queued

    on_step("antwoorden")
    # The truth model reads the frame in its generated coding (debt as "0"/"1").
    as_generated = sampled.assign(debt=sampled["debt"].map({True: "1", False: "0"}))
    responses = synth.simulate_responses(
        as_generated,
        questionnaires,
        spec.number,
        seed,
        model=truth_model,
        start=spec.opens_on,
        open_answers=make_open_answers(seed + spec.number),
    )
    responses = responses[responses["audience"] == audience]
    record_simulated_responses(wave, responses)
    opted_out = simulate_opt_outs(wave, sampled, responses)
    transition(wave, WaveStatus.CLOSED, today=spec.closes_on)

    on_step("analyse")
    answers = response_frame(wave)
    analysis = analyse_wave(
        answers,
        design_frame(wave),
        own[["variable", "category", "count"]],
        questionnaires[audience],
        previous=previous,
        wave=spec.code,
    )
    store_analysis(wave, analysis)
    transition(wave, WaveStatus.ANALYSED, today=spec.closes_on)

    on_step("verhalen")
    stories = ingest_open_answers(wave, answers)
    return WaveRun(
        spec, audience, wave, result, invited, len(answers), analysis, stories, opted_out
    )


def demo_contacts(sampled: pd.DataFrame) -> pd.DataFrame:
    """Made-up addresses (reserved domain ``.invalid``) for the units whose channel is e-mail;
    the others get a letter. A real wave reads the contact file from the register instead."""
    email = sampled.loc[sampled["channel"].astype(str) == "email", "unit_id"].astype(str)
    return pd.DataFrame(
        {"unit_id": email, "email": [f"deelnemer-{i}@demo.invalid" for i in range(len(email))]}
    )


def simulate_opt_outs(wave: Any, sampled: pd.DataFrame, responses: pd.DataFrame) -> int:
    """About 1 in 100 non-respondents uses the opt-out link (the same service as the web page);
    the next wave's frame leaves them out."""
    from maatmonitor.apps.fieldwork import outreach
    from maatmonitor.apps.fieldwork.models import SampleUnit

    silent = sampled.loc[~sampled["unit_id"].isin(responses["unit_id"]), "unit_id"].astype(str)
    chosen = [u for u in silent if hashlib.blake2b(u.encode(), digest_size=2).digest()[0] < 3]
    units = SampleUnit.objects.filter(wave=wave, unit_id__in=chosen)
    return sum(outreach.opt_out(unit, at=None) for unit in units)


def frame_for_next_wave(frame: pd.DataFrame, runs: list[WaveRun]) -> pd.DataFrame:
    """The frame after a wave: its sampled units were invited on the wave's opening day and the
    remembered opt-outs are marked, so the next draw excludes both (the register would record
    the invitations; here the demo does)."""
    from maatmonitor.apps.fieldwork.outreach import opted_out_frame
    from maatmonitor.core.fieldwork.optout import apply_opt_outs

    updated = frame.copy()
    for run in runs:
        invited = updated["unit_id"].isin(run.draw.sample["unit_id"])
        updated.loc[invited, "last_invited"] = pd.Timestamp(run.spec.opens_on)
    return apply_opt_outs(updated, opted_out_frame()).frame


def manifest_for_database(manifest: sampling.Manifest) -> dict[str, Any]:
    """The manifest without its salt: the database keeps a fingerprint, the file keeps the salt."""
    data: dict[str, Any] = json.loads(manifest.to_json())
    salt = data.pop("salt")
    data["salt_fingerprint"] = hashlib.sha256(salt.encode()).hexdigest()[:16]
    return data


def register_demo_initiatives(runs: list[WaveRun]) -> int:
    """Two improvement initiatives a liaison officer of Oost might register on the last wave's
    client findings (the key driver and the youngest clients), so that report, deck and
    dashboard show how findings turn into action."""
    from maatmonitor.apps.followup.models import Initiative
    from maatmonitor.apps.followup.services import save_initiative

    client = next((r for r in runs if r.audience == "client"), None)
    if client is None or client.analysis.drivers is None:
        return 0
    driver = client.analysis.drivers.top().split(":")[-1]
    young = client.analysis.find("headline", (("age_band", "18_26"),))
    share = "–" if young is None or young.value is None else f"{young.value:.0%}"
    start = client.spec.closes_on + timedelta(days=30)
    initiatives = [
        Initiative(
            title="Eén vaste contactpersoon na een afwijzing",
            wave=client.wave,
            dimension=driver,
            district="oost",
            finding=f"'{driver}' weegt het zwaarst voor de menselijke maat bij cliënten.",
            owner="Teamleider Sociaal-Medische Zaken Oost",
            planned_actions="Na elke afwijzing belt een vaste contactpersoon binnen 5 werkdagen.",
            status="in_progress",
            start_date=start,
            end_date=start + timedelta(days=180),
        ),
        Initiative(
            title="Spreekuur voor jongeren tot 27 jaar",
            wave=client.wave,
            dimension="mens",
            journey="wajong",
            district="oost",
            finding=f"Jonge cliënten (18 tot en met 26 jaar) ervaren het minst vaak de "
            f"menselijke maat ({share}).",
            owner="Verbindingsofficier Oost",
            planned_actions="Maandelijks inloopspreekuur met jongerenwerkers in Arnhem en Enschede.",
            status="planned",
            start_date=start,
        ),
    ]
    for initiative in initiatives:
        save_initiative(initiative)
    return len(initiatives)
