"""Reading open answers from CSV or JSON Lines and writing processed stories as JSON Lines.

Input needs the fields `id`, `audience` (client|employer) and `text`. Problems are reported
with file, line and field; an empty `text` is valid (it yields no topics).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from maatmonitor.core.codes import AUDIENCE
from maatmonitor.core.stories.pipeline import StoryInput, StoryResult

REQUIRED = ("id", "audience", "text")


class StoriesInputError(ValueError):
    """The input file cannot be used; the message says where and why."""


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StoriesInputError(
            f"{path}: regel {line}: geen geldige UTF-8 (byte {exc.start}); sla het bestand "
            "op als UTF-8"
        ) from None
    if not text.strip():
        raise StoriesInputError(f"{path}: het bestand is leeg")
    return text


def _item(path: Path, line: int, rec: dict[str, Any]) -> StoryInput:
    missing = [f for f in REQUIRED if f not in rec]
    if missing:
        raise StoriesInputError(f"{path}: regel {line}: veld(en) ontbreken: {', '.join(missing)}")
    ident = rec["id"]
    if ident is None or str(ident).strip() == "":
        raise StoriesInputError(f"{path}: regel {line}: veld 'id' is leeg")
    audience = str(rec["audience"] or "").strip()
    if audience not in AUDIENCE:
        raise StoriesInputError(
            f"{path}: regel {line}: veld 'audience' is {audience!r}; "
            f"verwacht {' of '.join(AUDIENCE)}"
        )
    text = rec["text"]
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise StoriesInputError(f"{path}: regel {line}: veld 'text' is geen tekst")
    return StoryInput(str(ident).strip(), audience, text)


def _read_jsonl(path: Path, text: str) -> list[StoryInput]:
    items = []
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise StoriesInputError(
                f"{path}: regel {line}: geen geldige JSON ({exc.msg})"
            ) from None
        if not isinstance(rec, dict):
            raise StoriesInputError(f"{path}: regel {line}: verwacht een JSON-object")
        items.append(_item(path, line, rec))
    return items


def _read_csv(path: Path, text: str) -> list[StoryInput]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise StoriesInputError(
            f"{path}: kolom(men) ontbreken: {', '.join(missing)} (gevonden: {', '.join(header)})"
        )
    reader.fieldnames = header
    items = []
    for row in reader:
        items.append(_item(path, reader.line_num, row))
    return items


def read_inputs(path: Path | str) -> list[StoryInput]:
    """Read answers from a .csv or .jsonl/.json file, validating every record."""
    p = Path(path)
    if not p.is_file():
        raise StoriesInputError(f"{p}: bestand niet gevonden")
    text = _decode(p)
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        items = _read_jsonl(p, text)
    elif suffix in (".csv", ".tsv", ".txt"):
        items = _read_csv(p, text)
    else:
        raise StoriesInputError(f"{p}: onbekend formaat {suffix!r}; gebruik .csv of .jsonl")
    if not items:
        raise StoriesInputError(f"{p}: geen antwoorden gevonden (alleen een kopregel?)")
    seen: set[str] = set()
    for it in items:
        if it.id in seen:
            raise StoriesInputError(f"{p}: id {it.id!r} komt meer dan eens voor")
        seen.add(it.id)
    return items


def write_results(results: Iterable[StoryResult], out: TextIO) -> int:
    """Write results as JSON Lines; returns the number written."""
    n = 0
    for r in results:
        out.write(json.dumps(r.to_record(), ensure_ascii=False) + "\n")
        n += 1
    return n
