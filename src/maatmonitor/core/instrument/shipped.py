"""The default Menselijke Maat Monitor questionnaires that ship with the package."""

from __future__ import annotations

from pathlib import Path

_DIR = Path(__file__).with_name("questionnaires")


def shipped_questionnaire_paths() -> dict[str, Path]:
    """The shipped questionnaire files by audience (`client`, `employer`)."""
    return {"client": _DIR / "clients.yaml", "employer": _DIR / "employers.yaml"}
