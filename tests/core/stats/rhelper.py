"""Run R ``survey`` inside the test session: write data to CSV, run a script, read numbers back.

Scripts print lines ``key,v1,v2,...`` through the ``out(key, x)`` helper defined here; values are
printed with 17 significant digits so 1e-8 comparisons are meaningful.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

PRELUDE = """
suppressMessages(library(survey))
options(survey.lonely.psu = "fail")
out <- function(key, x) cat(paste0("OUT,", key, ",",
                                   paste(sprintf("%.17g", as.numeric(x)), collapse = ","), "\\n"))
"""


def require_r() -> str:
    """Path to Rscript with the survey package, or skip the test with the reason."""
    exe = shutil.which("Rscript")
    if exe is None:
        pytest.skip("Rscript not found (apt-get install r-base-core r-cran-survey; make does this)")
    check = subprocess.run(
        [exe, "-e", "suppressMessages(library(survey))"], capture_output=True, text=True
    )
    if check.returncode != 0:
        pytest.skip("R package 'survey' not installed (apt-get install r-cran-survey)")
    return exe


def run_r(
    script: str, workdir: Path, data: dict[str, pd.DataFrame] | None = None
) -> dict[str, list[float]]:
    """Run ``script`` in ``workdir`` (after writing ``data`` as <name>.csv) and parse ``out``."""
    exe = require_r()
    for name, frame in (data or {}).items():
        frame.to_csv(workdir / f"{name}.csv", index=False)
    path = workdir / "script.R"
    path.write_text(PRELUDE + script, encoding="utf-8")
    done = subprocess.run(
        [exe, str(path)], cwd=workdir, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise AssertionError(f"R failed:\n{done.stderr[-3000:]}")
    values: dict[str, list[float]] = {}
    for line in done.stdout.splitlines():
        if line.startswith("OUT,"):
            _, key, *nums = line.split(",")
            values[key] = [float(v) for v in nums]
    return values
