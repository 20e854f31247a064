"""The analysis of one wave (contract C2): from respondents, design and register margins to a
:class:`WaveAnalysis`.

Steps, each an existing, R-checked function of this package:

1. design weight N_h / n_h per sampled unit; nonresponse adjustment within the stratum
   (x n_h / r_h, so respondents carry N_h / r_h); a stratum without respondents is an error;
2. raking to every register margin whose variable is in the responses (convergence tolerance
   and iteration cap reported), optional bounded trimming with re-raking; Kish diagnostics;
3. the monitor's figures nationally and per domain (zeroing), subgroup-vs-rest tests and the
   satisfaction link; wave-on-wave changes for items marked comparable; Benjamini-Hochberg over
   every test together;
4. scale quality (alpha, omega) per dimension; key drivers (Shapley, Johnson, bootstrap);
5. the unweighted national figures beside the weighted ones (for contrast, never for use).

Disclosure control is inside every figure (:mod:`maatmonitor.core.stats.results`).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.stats.compare import benjamini_hochberg, wave_change
from maatmonitor.core.stats.design import SurveyDesign
from maatmonitor.core.stats.drivers import KeyDrivers, key_drivers
from maatmonitor.core.stats.errors import StatsInputError
from maatmonitor.core.stats.estimators import RawEstimate, estimate
from maatmonitor.core.stats.monitor import MonitorSpec, monitor_figures, respondent_scores
from maatmonitor.core.stats.raking import TrimBounds
from maatmonitor.core.stats.reliability import ScaleQuality, scale_quality
from maatmonitor.core.stats.results import Comparison, Estimate
from maatmonitor.core.stats.rules import DEFAULT_RULES, DisclosureRules
from maatmonitor.core.stats.wave_result import DimensionFigures, Item, WaveAnalysis
from maatmonitor.core.stats.wave_weights import labels as _labels
from maatmonitor.core.stats.wave_weights import weights_for

DOMAINS = ("journey", "district", "age_band", "outcome", "debt", "size_class")

__all__ = ["DOMAINS", "WaveAnalysis", "analyse_wave", "monitor_spec", "weights_for"]


def monitor_spec(questionnaire: Questionnaire) -> MonitorSpec:
    """Item mapping and codes of the monitor's figures, read from the questionnaire."""
    overall = _only(questionnaire, "overall")
    grade = _only(questionnaire, "satisfaction")
    dims = {
        d: tuple(q.id for q in qs)
        for d, qs in questionnaire.statements_by_dimension().items()
        if qs
    }
    statement_scales = {q.scale for q in questionnaire.statements}
    if len(statement_scales) != 1:
        raise StatsInputError(f"vragenlijst: stellingen gebruiken meer schalen {statement_scales}")
    agree = questionnaire.scales[str(next(iter(statement_scales)))]
    o_scale = questionnaire.scales[str(overall.scale)]
    g_scale = questionnaire.scales[str(grade.scale)]
    # non-substantive codes ("weet ik niet"); a code valid on the grade scale stays valid there
    missing = {
        v for s in (agree, o_scale, g_scale) for v in set(s.values) - set(s.substantive_values)
    }
    return MonitorSpec(
        dimensions=dims,
        valid_values=agree.substantive_values,
        agree_values=agree.top,
        dont_know=tuple(sorted(missing)),
        overall=overall.id,
        overall_valid=o_scale.substantive_values,
        overall_top=o_scale.top,
        satisfaction=grade.id,
        satisfaction_valid=g_scale.substantive_values,
        satisfied_from=min(g_scale.top),
        comparable=dict.fromkeys(questionnaire.comparable_ids, True),
    )


def _only(questionnaire: Questionnaire, kind: str) -> Any:
    found = [q for q in questionnaire.questions if q.kind == kind]
    if len(found) != 1:
        raise StatsInputError(f"vragenlijst: verwacht precies één vraag van soort {kind!r}")
    return found[0]


def _raw(e: Estimate) -> RawEstimate | None:
    if e.suppressed or e.value is None or e.se is None or e.df is None or e.n is None:
        return None
    return RawEstimate(
        e.measure, e.value, e.se, e.df, e.n, e.n_eff or 0.0, e.weighted_n or 0.0, np.empty(0)
    )


def _item_ids(variable: str, spec: MonitorSpec) -> tuple[str, ...]:
    if variable.startswith(("score:", "agree:")):
        return tuple(spec.dimensions[variable.split(":", 1)[1]])
    if variable == "headline":
        return (spec.overall,)
    return (spec.satisfaction,)


def _changes(
    current: Sequence[Estimate],
    previous: WaveAnalysis,
    spec: MonitorSpec,
    level: float,
    rules: DisclosureRules,
) -> tuple[Comparison, ...]:
    before = {(e.variable, e.domain): e for e in (*previous.national(), *previous.domains)}
    prev_items = {i.id for i in previous.items}
    out = []
    for e in current:
        old = before.get((e.variable, e.domain))
        if old is None:
            continue
        items = _item_ids(e.variable, spec)
        comparable = all(spec.comparable.get(i, False) and i in prev_items for i in items)
        a, b = _raw(e), _raw(old)
        if comparable and (a is None or b is None):
            out.append(
                Comparison.hidden(
                    "wave_change",
                    e.variable,
                    e.domain,
                    (*e.domain, ("wave", "previous")),
                    level,
                    "suppressed_input",
                )
            )
            continue
        placeholder = RawEstimate(e.measure, 0.0, 0.0, 0, 0, 0.0, 0.0, np.empty(0))
        out.append(
            wave_change(
                a or placeholder,
                b or placeholder,
                variable=e.variable,
                group=e.domain,
                comparable=comparable,
                level=level,
                rules=rules,
            )
        )
    return tuple(out)


def _scales(
    frame: pd.DataFrame, spec: MonitorSpec, weights: np.ndarray, notes: list[str]
) -> tuple[ScaleQuality, ...]:
    out = []
    for dim, items in spec.dimensions.items():
        if len(items) < 2:
            continue
        block = (
            frame[list(items)]
            .apply(pd.to_numeric, errors="coerce")
            .to_numpy(dtype=float, copy=True)
        )
        block[~np.isin(block, spec.valid_values)] = np.nan
        try:
            out.append(scale_quality(dim, tuple(items), block, weights))
        except StatsInputError as exc:
            notes.append(f"schaalkwaliteit {dim}: niet berekend ({exc})")
    return tuple(out)


def _drivers(
    design: SurveyDesign,
    frame: pd.DataFrame,
    scores: pd.DataFrame,
    spec: MonitorSpec,
    bootstrap: int,
    seed: int,
    notes: list[str],
) -> KeyDrivers | None:
    overall = pd.to_numeric(frame[spec.overall], errors="coerce").to_numpy(dtype=float, copy=True)
    overall[~np.isin(overall, spec.overall_valid)] = np.nan
    try:
        return key_drivers(
            design,
            overall,
            {d: scores[f"score:{d}"].to_numpy() for d in spec.dimensions},
            outcome_name=spec.overall,
            replicates=bootstrap,
            seed=seed,
        )
    except StatsInputError as exc:
        notes.append(f"drijfveren: niet berekend ({exc})")
        return None


METHOD = (
    "gewicht: N_h/n_h (ontwerp) x n_h/r_h (nonrespons binnen stratum), daarna geraked op de "
    "registermarges; variantie door Taylor-linearisatie met strata, eindige-populatiecorrectie en "
    "raking (als R survey::rake + svymean)",
    "domeinen door nulzetten (geen subsetting); aandelen met logit-interval (als svyciprop)",
    "dimensiescore: gemiddelde van de beantwoorde stellingen (weet ik niet = ontbrekend), "
    "alleen bij minstens de helft beantwoord; 'eens' = score >= 4",
    "kopcijfer: aandeel (zeer) sterk (4 of 5) op de totaalvraag; tevreden: cijfer 7 of hoger",
    "toetsen: subgroep tegen de rest en verandering t.o.v. vorige meting (alleen vergelijkbare "
    "vragen), Benjamini-Hochberg over alle toetsen samen",
    "drijfveren: Shapley (LMG) en Johnson op gewogen correlaties van de totaalvraag (1-5) met de "
    "dimensiescores, Rao-Wu bootstrap-intervallen",
    "geen cijfer uit minder dan 10 respondenten; aanvullende onderdrukking binnen elke tabel",
)


def _present(spec: MonitorSpec, responses: pd.DataFrame) -> tuple[MonitorSpec, list[str]]:
    """The spec restricted to the statements in the responses; a dimension without any is
    left out. The overall question and the grade are required."""
    for column in (spec.overall, spec.satisfaction):
        if column not in responses.columns:
            raise StatsInputError(f"antwoorden: verplichte kolom {column!r} ontbreekt")
    notes = []
    dims: dict[str, tuple[str, ...]] = {}
    for dim, items in spec.dimensions.items():
        kept = tuple(i for i in items if i in responses.columns)
        lost = [i for i in items if i not in responses.columns]
        if lost:
            notes.append(f"dimensie {dim}: stelling(en) {lost} ontbreken in de antwoorden")
        if kept:
            dims[dim] = kept
    if not dims:
        raise StatsInputError("antwoorden: geen enkele stelling van de vragenlijst gevonden")
    return dataclasses.replace(spec, dimensions=dims), notes


class _Clock:
    """Adds the wall time of each named step to ``timings`` (if given)."""

    def __init__(self, timings: MutableMapping[str, float] | None) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.timings is not None:
                self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - start


def analyse_wave(
    responses: pd.DataFrame,
    design: pd.DataFrame,
    margins: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    previous: WaveAnalysis | None = None,
    domains: Sequence[str] = DOMAINS,
    bootstrap: int = 200,
    seed: int = 20261,
    wave: str = "",
    trim: TrimBounds | None = None,
    level: float = 0.95,
    rules: DisclosureRules = DEFAULT_RULES,
    timings: MutableMapping[str, float] | None = None,
) -> WaveAnalysis:
    """The full analysis of one wave of one audience (see the module docstring).

    ``responses``: one row per respondent (C1 response frame); ``design``: stratum, N_h, n_h;
    ``margins``: variable, category, count (rows of another audience may be present when an
    ``audience`` column says so). Raises :class:`StatsInputError` (or its subclass
    ``RakingError``) with the field, row or category at fault. ``timings``, when given,
    receives the seconds spent per step (weights, figures, tests, scales, drivers).
    """
    clock = _Clock(timings)
    if len(responses) == 0:
        raise StatsInputError("antwoorden: geen respondenten")
    responses = responses.reset_index(drop=True)
    if "audience" in margins.columns:
        margins = margins[margins["audience"].astype(str) == questionnaire.audience]
    spec, notes = _present(monitor_spec(questionnaire), responses)
    with clock("weights"):
        raked, weighting = weights_for(responses, design, margins, trim=trim)
    present = [v for v in domains if v in responses.columns and _labels(responses[v]).notna().any()]
    frame = responses.copy()
    for v in present:
        frame[v] = _labels(frame[v])
    with clock("figures"):
        figs = monitor_figures(raked, frame, spec, by=present, level=level, rules=rules)
    national = {e.variable: e for e in figs.estimates if e.domain == ()}
    link = tuple(e for e in figs.estimates if e.domain and e.domain[0][0] == "headline")
    domain_est = tuple(e for e in figs.estimates if e.domain and e.domain[0][0] in present)
    current = (*national.values(), *domain_est)
    with clock("tests"):
        changes = () if previous is None else _changes(current, previous, spec, level, rules)
        adjusted = benjamini_hochberg([*figs.comparisons, changes], alpha=1 - level)
    notes = [*METHOD, *notes, *weighting["collapsed_strata"]]
    if weighting["lonely_strata"]:
        notes.append(
            f"strata met één respondent tellen niet mee in de variantie: {weighting['lonely_strata']}"
        )
    with clock("scales"):
        scales = _scales(frame, spec, raked.weights, notes)
    scores = respondent_scores(frame, spec)
    with clock("drivers"):
        drivers = _drivers(raked, frame, scores, spec, bootstrap, seed, notes)
    ones = SurveyDesign.from_arrays(np.ones(len(frame)))
    unweighted = tuple(
        estimate(
            ones,
            scores[e.variable].to_numpy(),
            e.measure,  # type: ignore[arg-type]
            variable=e.variable,
            level=level,
            rules=rules,
            notes=("ongewogen: alleen ter vergelijking",),
        )
        for e in national.values()
    )
    comparable = set(questionnaire.comparable_ids)
    items = tuple(
        Item(q.id, q.kind, q.dimension, q.id in comparable)
        for q in questionnaire.questions
        if q.scale is not None and q.id in frame.columns
    )
    return WaveAnalysis(
        wave=wave,
        audience=questionnaire.audience,
        questionnaire=f"{questionnaire.id} {questionnaire.version}",
        previous_wave=None if previous is None else previous.wave,
        n_respondents=len(frame),
        weighting=weighting,
        headline=national["headline"],
        unweighted_headline=next(u for u in unweighted if u.variable == "headline"),
        dimensions=tuple(
            DimensionFigures(d, tuple(items_), national[f"score:{d}"], national[f"agree:{d}"])
            for d, items_ in spec.dimensions.items()
        ),
        satisfaction=national["satisfaction"],
        satisfied=national["satisfied"],
        satisfaction_link=(link[0], link[1]),
        domains=domain_est,
        comparisons=tuple(adjusted[:-1]),
        changes=adjusted[-1],
        scales=scales,
        drivers=drivers,
        unweighted=unweighted,
        items=items,
        domain_variables=tuple(present),
        method=tuple(notes),
    )
