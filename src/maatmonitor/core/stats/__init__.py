"""Survey estimators of the monitor: weights, estimates with linearised SEs, domains, tests,
scale reliability, key drivers and disclosure control. Plain numpy/pandas in, frozen result
objects out; checked against R ``survey`` (see docs/statistics.md)."""

from maatmonitor.core.stats.compare import (
    benjamini_hochberg,
    difference,
    subgroup_vs_rest,
    wave_change,
)
from maatmonitor.core.stats.design import Calibration, SurveyDesign
from maatmonitor.core.stats.disclosure import complementary_suppression
from maatmonitor.core.stats.drivers import KeyDrivers, johnson_weights, key_drivers, shapley_r2
from maatmonitor.core.stats.errors import LonelyPsuError, RakingError, StatsInputError
from maatmonitor.core.stats.estimators import (
    RawEstimate,
    estimate,
    estimate_by,
    publish,
    raw_estimate,
)
from maatmonitor.core.stats.monitor import (
    MonitorFigures,
    MonitorSpec,
    items_by_dimension,
    monitor_figures,
    respondent_scores,
)
from maatmonitor.core.stats.raking import RakeReport, TrimBounds, rake, rake_weights
from maatmonitor.core.stats.reliability import ScaleQuality, scale_quality
from maatmonitor.core.stats.results import Comparison, Estimate, to_json, to_table
from maatmonitor.core.stats.rules import DEFAULT_RULES, DisclosureRules
from maatmonitor.core.stats.weights import (
    WeightDiagnostics,
    design_weights,
    nonresponse_adjust,
    weight_diagnostics,
)

__all__ = [
    "DEFAULT_RULES",
    "Calibration",
    "Comparison",
    "DisclosureRules",
    "Estimate",
    "KeyDrivers",
    "LonelyPsuError",
    "MonitorFigures",
    "MonitorSpec",
    "RakeReport",
    "RakingError",
    "RawEstimate",
    "ScaleQuality",
    "StatsInputError",
    "SurveyDesign",
    "TrimBounds",
    "WeightDiagnostics",
    "benjamini_hochberg",
    "complementary_suppression",
    "design_weights",
    "difference",
    "estimate",
    "estimate_by",
    "items_by_dimension",
    "johnson_weights",
    "key_drivers",
    "monitor_figures",
    "nonresponse_adjust",
    "publish",
    "rake",
    "rake_weights",
    "raw_estimate",
    "respondent_scores",
    "scale_quality",
    "shapley_r2",
    "subgroup_vs_rest",
    "to_json",
    "to_table",
    "wave_change",
    "weight_diagnostics",
]
