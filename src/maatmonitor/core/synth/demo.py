"""Demo data in one call: the frame, and the truth the analysis must recover."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from maatmonitor.core.instrument import (
    Questionnaire,
    load_questionnaire,
    shipped_questionnaire_paths,
)
from maatmonitor.core.synth import population
from maatmonitor.core.synth.calibration import DEFAULT_TARGETS, Targets, calibrate_model
from maatmonitor.core.synth.truth import Truth, compute_truth


@dataclass(frozen=True)
class DemoData:
    """What :func:`build_demo_data` wrote, and the truth it computed."""

    frame_parquet: Path
    frame_csv: Path | None
    truth_json: Path
    truth: Truth


def shipped_questionnaires() -> dict[str, Questionnaire]:
    """The questionnaires that ship with the package, by audience."""
    return {aud: load_questionnaire(path) for aud, path in shipped_questionnaire_paths().items()}


def write_frame(frame: pd.DataFrame, out_dir: str | Path, csv: bool = False) -> dict[str, Path]:
    """Write ``frame.parquet`` (and ``frame.csv`` if asked; missing values are empty cells)."""
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    paths = {"parquet": target / "frame.parquet"}
    frame.to_parquet(paths["parquet"], index=False)
    if csv:
        paths["csv"] = target / "frame.csv"
        frame.to_csv(paths["csv"], index=False)
    return paths


def build_demo_data(
    out_dir: str | Path,
    n_clients: int = population.DEFAULT_N_CLIENTS,
    n_employers: int = population.DEFAULT_N_EMPLOYERS,
    seed: int = 0,
    *,
    csv: bool = False,
    questionnaires: dict[str, Questionnaire] | None = None,
    targets: Targets = DEFAULT_TARGETS,
) -> DemoData:
    """Generate the population, calibrate the truth model on it and write frame and truth.

    Writes ``frame.parquet``, optionally ``frame.csv``, and ``truth.json`` (all waves; its
    ``model`` section is what ``simulate_responses(..., model=load_truth(path).model)`` needs).
    """
    frame = population.generate_population(n_clients, n_employers, seed)
    model = calibrate_model(frame, seed=seed, targets=targets)
    truth = compute_truth(frame, model, questionnaires or shipped_questionnaires())
    paths = write_frame(frame, out_dir, csv=csv)
    truth_path = truth.write(Path(out_dir) / "truth.json")
    return DemoData(paths["parquet"], paths.get("csv"), truth_path, truth)
