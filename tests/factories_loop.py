"""Fixtures for the closing-the-loop areas: scoped users, waves, and analyses shaped like C2."""

from __future__ import annotations

from maatmonitor.apps.accounts.services import assign_districts
from maatmonitor.apps.instruments.services import import_questionnaire_file
from maatmonitor.apps.results.models import AnalysisRun
from maatmonitor.apps.waves.services import create_wave
from maatmonitor.core.instrument import shipped_questionnaire_paths
from maatmonitor.core.stats.results import Comparison, Estimate
from maatmonitor.core.stats.wave_result import DimensionFigures, WaveAnalysis
from tests.factories import UserFactory

DIMENSIONS = ("mens", "redelijk", "helpt", "simpel")


def user_in(role, districts=(), **kwargs):
    user = UserFactory(roles=[role] if role else [], **kwargs)
    if districts:
        assign_districts(user, districts)
    return user


def wave(code: str = "2026-1", number: int = 1, audience: str = "client"):
    version = import_questionnaire_file(shipped_questionnaire_paths()[audience]).version
    return create_wave(code, number, audience, version)


def est(variable: str, value: float | None, domain=(), n: int = 200, measure: str = "proportion"):
    """A published estimate (value and a +/- 0.05 interval) or, with value None, a hidden one."""
    if value is None:
        return Estimate.hidden(measure, variable, domain, "logit", 0.95, "min_n")
    return Estimate(
        measure=measure,
        variable=variable,
        domain=domain,
        value=value,
        se=0.025,
        ci_low=value - 0.05,
        ci_high=value + 0.05,
        ci_method="logit",
        level=0.95,
        df=n - 1,
        n=n,
        n_eff=n * 0.8,
        weighted_n=n * 50.0,
    )


def vs_rest(variable: str, district: str, difference: float, q: float):
    return Comparison(
        kind="subgroup_vs_rest",
        variable=variable,
        group=(("district", district),),
        reference=(("district", "rest"),),
        difference=difference,
        se=0.03,
        ci_low=difference - 0.06,
        ci_high=difference + 0.06,
        level=0.95,
        df=199,
        statistic=difference / 0.03,
        p_value=q / 2,
        q_value=q,
    )


def analysis(
    wave_code: str = "2026-1",
    national: float = 0.57,
    districts: dict[str, float | None] | None = None,
    tests: list[Comparison] | None = None,
    changes: tuple[Comparison, ...] = (),
) -> WaveAnalysis:
    """A small WaveAnalysis: national figures, per-district headline and 'mens' agreement."""
    districts = districts if districts is not None else {"oost": 0.62, "noord": None}
    domains = []
    for code, value in districts.items():
        d = (("district", code),)
        domains.append(est("headline", value, d))
        domains.append(est("agree:mens", None if value is None else value - 0.1, d))
    return WaveAnalysis(
        wave=wave_code,
        audience="client",
        questionnaire="clients",
        n_respondents=2400,
        weighting={},
        headline=est("headline", national, n=2400),
        unweighted_headline=est("headline", national + 0.01, n=2400),
        dimensions=tuple(
            DimensionFigures(
                dim,
                (f"{dim}_1",),
                est(f"score:{dim}", 3.6, measure="mean"),
                est(f"agree:{dim}", 0.6),
            )
            for dim in DIMENSIONS
        ),
        satisfaction=est("satisfaction", 7.1, measure="mean", n=2400),
        satisfied=est("satisfied", 0.7, n=2400),
        satisfaction_link=(
            est("satisfied", 0.9, (("headline", "yes"),)),
            est("satisfied", 0.45, (("headline", "no"),)),
        ),
        domains=tuple(domains),
        comparisons=(tuple(tests or ()),),
        changes=changes,
        scales=(),
        drivers=None,
        unweighted=(),
        items=(),
        domain_variables=("district",),
        method=(),
    )


def store(wave_obj, result: WaveAnalysis) -> AnalysisRun:
    return AnalysisRun.objects.create(
        wave=wave_obj, result=result.to_dict(), n_respondents=result.n_respondents
    )
