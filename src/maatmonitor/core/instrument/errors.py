"""Validation problems of a questionnaire file, collected and raised together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One fault in a questionnaire source.

    `path` points into the document (`questions[3].route.journey`, 0-based indices) or, for YAML
    syntax errors, to the position (`line 12, column 5`); `line` is the 1-based source line
    when known.
    """

    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}: {where}{self.message}"


class InstrumentError(ValueError):
    """A questionnaire source is invalid; `problems` lists every fault found, in source order."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("InstrumentError needs at least one problem")
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in questionnaire"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))
