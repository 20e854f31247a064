"""Outputs written once per session from the real analysis of small synthetic waves."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from maatmonitor.core.reporting.build import Respondents, write_outputs
from maatmonitor.core.stats.pipeline import weights_for
from maatmonitor.core.stats.wave_result import WaveAnalysis
from tests.core.reporting.synthetic import Wave, employer_wave, two_waves

# A stories summary in the C3 JSON shape; one quote still holds a phone number and one topic
# is too small, so both must stay out of every output.
STORIES: dict[str, Any] = {
    "topics": [
        {
            "topic": "bejegening",
            "label": "Bejegening",
            "count": 120,
            "share": 0.31,
            "quotes": [
                "Ze namen echt de tijd om naar mijn verhaal te luisteren.",
                "Bel me gerust op 06-12345678 als er iets is.",
            ],
        },
        {
            "topic": "wachttijd",
            "label": "Wachttijd",
            "count": 80,
            "share": 0.2,
            "quotes": [{"text": "Ik moest drie maanden wachten op een antwoord."}],
        },
        {"topic": "zeldzaam", "label": "Zeldzaam onderwerp", "count": 4, "quotes": ["Uniek."]},
    ]
}
INITIATIVES = [
    {
        "title": "Vaste contactpersoon na een afwijzing",
        "finding": {"dimension": "mens", "topic": None, "journey": None, "district": "oost"},
        "owner": "Verbindingsofficier Oost",
        "status": "started",
        "status_label": "Gestart",
        "planned_actions": "Elke afgewezen klant krijgt binnen een week een belafspraak.",
        "start": "2026-12-01",
        "end": None,
    }
]


@dataclass
class Outputs:
    current: Wave
    previous: Wave
    employer: Wave
    national: dict[str, Path]
    district: dict[str, Path]
    data_dir: Path

    @property
    def analyses(self) -> list[WaveAnalysis]:
        return [self.current.analysis, self.employer.analysis]


def respondents(wave: Wave) -> Respondents:
    """The analysis' own final weights (same function, same inputs as ``analyse_wave``)."""
    raked, _ = weights_for(wave.responses, wave.design, wave.margins)
    return Respondents(wave.responses, raked.weights, wave.questionnaire, wave.design)


def _by_suffix(paths: list[Path]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for p in paths:
        key = p.suffix.lstrip(".")
        if p.parent.name == "data":
            key = f"data_{p.stem.split('_')[-1]}_{key}"
        elif p.parent.name == "tabellen":
            continue
        out.setdefault(key, p)
    return out


@pytest.fixture(scope="session")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    previous, current = two_waves()
    employer = employer_wave()
    root = tmp_path_factory.mktemp("report")
    national = write_outputs(
        [current.analysis, employer.analysis],
        previous=[previous.analysis],
        stories={"client": STORIES},  # per audience; the district edition gets one summary
        initiatives=INITIATIVES,
        out_dir=root / "nl",
        respondents={"client": respondents(current), "employer": respondents(employer)},
    )
    district = write_outputs(
        [current.analysis, employer.analysis],
        previous=[previous.analysis],
        stories=STORIES,
        district="oost",
        formats=("html", "pdf", "pptx"),
        out_dir=root / "oost",
    )
    return Outputs(
        current, previous, employer, _by_suffix(national), _by_suffix(district), root / "nl"
    )


def needs(binary: str) -> None:
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed")
