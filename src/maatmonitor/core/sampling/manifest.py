"""The wave manifest: everything needed to reproduce a draw exactly, as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from maatmonitor import __version__

MANIFEST_VERSION = 1
ALLOCATION_ALGORITHM = "bounded-recursive+hamilton/v1"
STRATUM_FIELDS = (
    "stratum",
    "population",
    "excluded_recent",
    "excluded_opt_out",
    "eligible",
    "sd",
    "target",
    "response_rate",
    "invitations",
)


class ManifestError(ValueError):
    """A manifest is unreadable or does not match the frame it is replayed on."""


@dataclass
class Manifest:
    """One wave's draw: parameters, frame fingerprint, allocation and the selected ids."""

    wave: int
    salt: str
    start: float
    reference_date: str
    exclusion_months: int
    frame_hash: str
    frame_rows: int
    design: dict[str, Any]
    strata: list[dict[str, Any]]
    selected_ids: list[str]
    algorithms: dict[str, str] = field(default_factory=dict)
    code_version: str = __version__
    created_at: str = ""
    manifest_version: int = MANIFEST_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.to_json(), encoding="utf-8")
        return path

    @classmethod
    def from_json(cls, text: str, source: str = "manifest") -> Manifest:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{source}: geen geldige JSON ({exc})") from exc
        if not isinstance(data, dict):
            raise ManifestError(f"{source}: verwacht een JSON-object")
        if data.get("manifest_version") != MANIFEST_VERSION:
            raise ManifestError(
                f"{source}: manifestversie {data.get('manifest_version')!r} wordt niet "
                f"ondersteund (verwacht {MANIFEST_VERSION})"
            )
        required = [f for f in cls.__dataclass_fields__ if f not in data and f not in _OPTIONAL]
        if required:
            raise ManifestError(f"{source}: velden ontbreken: {', '.join(required)}")
        for i, row in enumerate(data["strata"]):
            gaps = [f for f in STRATUM_FIELDS if f not in row]
            if gaps:
                raise ManifestError(f"{source}: strata[{i}] mist {', '.join(gaps)}")
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    @classmethod
    def read(cls, path: str | Path) -> Manifest:
        path = Path(path)
        return cls.from_json(path.read_text(encoding="utf-8"), str(path))


_OPTIONAL = {"algorithms", "code_version", "created_at"}
