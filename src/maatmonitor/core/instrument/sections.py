"""Sections of the questionnaire file that are checked against outside facts: background answer
options against `core.codes`, and the declared `changes` block against the questions."""

from __future__ import annotations

import re

from maatmonitor.core.instrument.fields import Reader
from maatmonitor.core.instrument.model import Changes, Option, Question, Text
from maatmonitor.core.instrument.schema import CHANGES_KEYS, background_codes
from maatmonitor.core.instrument.yamlsource import join

VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def read_background_options(
    r: Reader, ident: str, audience: str, value: object, path: str
) -> tuple[Option, ...]:
    """Options are codes from core.codes (plain, or with own labels); the set must match."""
    expected = background_codes(ident, audience)
    if expected is None:
        r.add(
            path.rsplit(".", 1)[0] + ".id",
            f"unknown background question {ident!r} "
            "(known: journey, age_band, outcome, size_class, sector, district)",
        )
        return ()
    by_code = {c.code: c for c in expected}
    result: list[Option] = []
    seen: set[str] = set()
    for i, item in enumerate(r.items(value, path) if value is not None else []):
        opt_path = join(path, i)
        raw_code: object = item
        label: Text | None = None
        if isinstance(item, dict):
            m = r.mapping(item, opt_path, ("code",), ("label",))
            raw_code = m.get("code") if m else None
            if m and "label" in m:
                label = r.text(m["label"], join(opt_path, "label"))
            opt_path = join(opt_path, "code")
        if isinstance(raw_code, int | float) and not isinstance(raw_code, bool):
            # YAML reads 18_26 as the number 1826: codes are always their written text.
            raw_code = r.doc.raw.get(opt_path, raw_code)
        code = r.string(raw_code, opt_path)
        if code is None:
            continue
        if code not in by_code:
            r.add(
                opt_path,
                f"unknown code {code!r} for {ident} (known: {', '.join(by_code)})",
            )
        elif code in seen:
            r.add(opt_path, f"duplicate code {code!r}")
        else:
            seen.add(code)
            known = by_code[code]
            result.append(Option(code, label or Text(known.nl, known.en)))
    missing = [c for c in by_code if c not in seen]
    if missing and isinstance(value, list):
        r.add(path, f"missing code(s) {', '.join(missing)}: {ident} must offer all of them")
    return tuple(result)


def read_changes(r: Reader, value: object, questions: list[Question]) -> Changes | None:
    """The declared `changes` block; ids must match the questions (removed ones must be gone)."""
    m = r.mapping(value, "changes", (), CHANGES_KEYS)
    if m is None:
        return None
    present = {q.id for q in questions}
    previous = None
    if "previous" in m:
        raw = r.doc.raw.get("changes.previous", "")
        previous = raw.strip() or None
        if previous is None or not VERSION_PATTERN.match(previous):
            r.add("changes.previous", "expected the previous version, e.g. 2025.2")
    lists: dict[str, list[tuple[str, str]]] = {
        key: r.id_list(m[key], join("changes", key)) for key in CHANGES_KEYS[1:] if key in m
    }
    for key, entries in lists.items():
        for ident, path in entries:
            if key == "removed" and ident in present:
                r.add(path, f"{ident!r} is listed as removed but is still in the questions")
            elif key != "removed" and ident not in present:
                r.add(path, f"unknown question {ident!r}")
    added = {ident for ident, _ in lists.get("added", [])}
    for ident, path in lists.get("comparable", []):
        if ident in added:
            r.add(path, f"{ident!r} is new in this version and cannot be comparable")
    return Changes(
        previous=previous,
        added=tuple(i for i, _ in lists.get("added", [])),
        removed=tuple(i for i, _ in lists.get("removed", [])),
        reworded=tuple(i for i, _ in lists.get("reworded", [])),
        comparable=(tuple(i for i, _ in lists["comparable"]) if "comparable" in lists else None),
    )
