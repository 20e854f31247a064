"""Synthetic monitor data: a population frame, a hidden truth model calibrated to the published
findings, simulated responses with differential nonresponse, and two waves with a known change.

See docs/synthetic-data.md for the model, the calibration and the truth file.
"""

from maatmonitor.core.synth.answers import (
    AnswerBlock,
    OpenAnswerHook,
    answers_by_audience,
    compute_answers,
)
from maatmonitor.core.synth.calibration import (
    DEFAULT_TARGETS,
    HeadlineTarget,
    Targets,
    WaveChange,
    calibrate_model,
)
from maatmonitor.core.synth.demo import (
    DemoData,
    build_demo_data,
    shipped_questionnaires,
    write_frame,
)
from maatmonitor.core.synth.model import DIMENSIONS, AudienceModel, TruthModel, uncalibrated_model
from maatmonitor.core.synth.population import FRAME_COLUMNS, generate_population
from maatmonitor.core.synth.responses import (
    DEFAULT_RESPONSE_MODEL,
    ResponseModel,
    default_model,
    fieldwork_start,
    simulate_responses,
)
from maatmonitor.core.synth.truth import Truth, compute_truth, load_truth, write_truth

__all__ = [
    "DEFAULT_RESPONSE_MODEL",
    "DEFAULT_TARGETS",
    "DIMENSIONS",
    "FRAME_COLUMNS",
    "AnswerBlock",
    "AudienceModel",
    "DemoData",
    "HeadlineTarget",
    "OpenAnswerHook",
    "ResponseModel",
    "Targets",
    "Truth",
    "TruthModel",
    "WaveChange",
    "answers_by_audience",
    "build_demo_data",
    "calibrate_model",
    "compute_answers",
    "compute_truth",
    "default_model",
    "fieldwork_start",
    "generate_population",
    "load_truth",
    "shipped_questionnaires",
    "simulate_responses",
    "uncalibrated_model",
    "write_frame",
    "write_truth",
]
