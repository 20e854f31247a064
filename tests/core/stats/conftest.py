"""Fixtures for the stats tests: the R ``api`` data exported by R itself in this session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.core.stats.rhelper import run_r


@pytest.fixture(scope="session")
def api_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """apistrat.csv and apiclus1.csv written by R from the survey package's ``api`` data."""
    work = tmp_path_factory.mktemp("api")
    run_r(
        'data(api); write.csv(apistrat, "apistrat.csv", row.names = FALSE);'
        ' write.csv(apiclus1, "apiclus1.csv", row.names = FALSE); out("ok", 1)\n',
        work,
    )
    return work


@pytest.fixture(scope="session")
def apistrat(api_dir: Path) -> pd.DataFrame:
    return pd.read_csv(api_dir / "apistrat.csv")


@pytest.fixture(scope="session")
def apiclus1(api_dir: Path) -> pd.DataFrame:
    return pd.read_csv(api_dir / "apiclus1.csv")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "simulation: the full 500-replicate simulation proof (run with -m simulation)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The full simulation runs only when asked for with ``-m simulation``."""
    if "simulation" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="full simulation: run with -m simulation")
    for item in items:
        if "simulation" in item.keywords:
            item.add_marker(skip)
