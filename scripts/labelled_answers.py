"""Check and build labelled open answers written in the markup of docs/stories-labelling.md.

Writers put personal data inline as [[type|value]], for example
    "Mijn casemanager [[name|Ahmed]] belde terug op [[phone|06-12345678]]."
and give topics and sentiment per line:
    {"id": "T0001", "audience": "client", "text": "...", "topics": ["bejegening"], "sentiment": "positief"}

    python scripts/labelled_answers.py check FILE...        # every problem with file:line
    python scripts/labelled_answers.py build OUT FILE...    # labelled JSON Lines with offsets
    python scripts/labelled_answers.py copies [--remove] TRAINING... -- HELD_OUT...
        # training answers that (nearly) copy a held-out answer; --remove drops them in place

`build` removes the markup, records each span's type, start, end and value, and repairs the check
digits of BSNs (11-test) and IBANs (mod 97) while keeping the writer's layout, so a writer can
type any plausible number. Records are written in input order; ids must be unique over all files.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from maatmonitor.core.stories import PII_TYPES, SENTIMENTS, load_codeframe

MARK = re.compile(r"\[\[([a-z_]+)\|([^\]]+)\]\]")
EMPLOYER_ONLY = {"subsidie", "werknemer_regelen", "personeel_werven"}
CLIENT_ONLY = {"werk_reintegratie"}


def _fix_bsn(value: str) -> str:
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if len(digits) != 9:
        raise ValueError(f"een BSN heeft 9 cijfers, niet {len(digits)}: {value!r}")
    chars = list(value)
    if std_bsn.is_valid("".join(chars[i] for i in digits)):
        return value
    for pos in (digits[-1], digits[-2]):
        for d in "0123456789":
            chars[pos] = d
            if std_bsn.is_valid("".join(chars[i] for i in digits)):
                return "".join(chars)
    raise ValueError(f"BSN {value!r} is niet te herstellen")


def _fix_iban(value: str) -> str:
    compact = std_iban.compact(value)
    if std_iban.is_valid(compact):
        return value
    fixed = compact[:2] + std_iban.calc_check_digits(compact) + compact[4:]
    if not std_iban.is_valid(fixed):
        raise ValueError(f"IBAN {value!r} is niet te herstellen (landcode, bankcode, lengte?)")
    # Put the repaired check digits back into the writer's layout (spaces kept).
    out, k = [], 0
    for ch in value:
        if ch.isspace():
            out.append(ch)
            continue
        out.append(fixed[k] if k in (2, 3) else ch)
        k += 1
    return "".join(out)


def parse_line(raw: dict[str, Any], codes: set[str]) -> dict[str, Any]:
    """One marked-up record -> labelled record; raises ValueError naming the field."""
    for key in ("id", "audience", "text", "topics", "sentiment"):
        if key not in raw:
            raise ValueError(f"veld {key!r} ontbreekt")
    if raw["audience"] not in ("client", "employer"):
        raise ValueError(f"audience {raw['audience']!r} is geen client/employer")
    topics = raw["topics"]
    if not isinstance(topics, list) or not 1 <= len(topics) <= 2:
        raise ValueError(f"topics moet 1 of 2 codes hebben: {topics!r}")
    for t in topics:
        if t not in codes:
            raise ValueError(f"onbekende code {t!r}")
    if len(set(topics)) != len(topics):
        raise ValueError("een code staat twee keer in topics")
    if "overig" in topics and len(topics) > 1:
        raise ValueError("overig staat altijd alleen")
    if raw["audience"] == "client" and EMPLOYER_ONLY & set(topics):
        raise ValueError(f"werkgeverscode bij een cliënt: {topics}")
    if raw["audience"] == "employer" and CLIENT_ONLY & set(topics):
        raise ValueError(f"cliëntcode bij een werkgever: {topics}")
    if raw["sentiment"] not in SENTIMENTS:
        raise ValueError(f"sentiment {raw['sentiment']!r} is geen {'/'.join(SENTIMENTS)}")
    text, spans, pos = [], [], 0
    source = raw["text"]
    if not isinstance(source, str) or not source.strip():
        raise ValueError("text is leeg")
    offset = 0
    for m in MARK.finditer(source):
        kind, value = m.group(1), m.group(2)
        if kind not in PII_TYPES:
            raise ValueError(f"onbekend pii-type {kind!r} (toegestaan: {', '.join(PII_TYPES)})")
        if kind == "bsn":
            value = _fix_bsn(value)
        elif kind == "iban":
            value = _fix_iban(value)
        text.append(source[pos : m.start()])
        offset += m.start() - pos
        spans.append({"type": kind, "start": offset, "end": offset + len(value), "value": value})
        text.append(value)
        offset += len(value)
        pos = m.end()
    text.append(source[pos:])
    plain = "".join(text)
    if "[[" in plain or "]]" in plain:
        raise ValueError("markering niet goed gesloten: [[type|waarde]]")
    return {
        "id": raw["id"],
        "audience": raw["audience"],
        "text": plain,
        "pii": spans,
        "topics": topics,
        "sentiment": raw["sentiment"],
    }


def _read(paths: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    codes = set(load_codeframe().code_ids())
    out: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = parse_line(json.loads(line), codes)
            except (ValueError, json.JSONDecodeError) as exc:
                problems.append(f"{where}: {exc}")
                continue
            if rec["id"] in seen:
                problems.append(f"{where}: id {rec['id']!r} staat ook op {seen[rec['id']]}")
            seen[rec["id"]] = where
            out.append(rec)
    return out, problems


def _words(text: str) -> set[str]:
    return set(re.sub(r"\W+", " ", text.lower()).split())


# Same threshold as tests/core/stories/test_eval_targets.py.
COPY_OVERLAP = 0.6


def copies(argv: list[str]) -> int:
    remove = "--remove" in argv
    argv = [a for a in argv if a != "--remove"]
    if "--" not in argv:
        print(__doc__)
        return 2
    split = argv.index("--")
    training, held_out = argv[:split], argv[split + 1 :]
    held = [
        (json.loads(line)["id"], _words(json.loads(line)["text"]))
        for path in held_out
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    found = 0
    for path in training:
        kept = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            w = _words(rec["text"])
            hid, overlap = max(
                ((h, len(w & hw) / len(w | hw)) for h, hw in held), key=lambda x: x[1]
            )
            if overlap >= COPY_OVERLAP:
                found += 1
                print(f"{path}: {rec['id']} ~ {hid} ({overlap:.2f}): {rec['text'][:70]}")
                continue
            kept.append(line)
        if remove:
            Path(path).write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{found} kopieën{' verwijderd' if remove else ''}")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "copies":
        return copies(argv[1:])
    if len(argv) < 2 or argv[0] not in ("check", "build"):
        print(__doc__)
        return 2
    files = argv[1:] if argv[0] == "check" else argv[2:]
    records, problems = _read(files)
    for p in problems:
        print(p)
    if problems:
        return 1
    if argv[0] == "build":
        with Path(argv[1]).open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with_pii = sum(1 for r in records if r["pii"])
    print(f"{len(records)} antwoorden in orde ({with_pii} met persoonsgegevens)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
