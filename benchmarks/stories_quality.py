"""Quality of the story pipeline on the held-out labelled set (and the dev set for contrast).

Run: .venv/bin/python benchmarks/stories_quality.py [--set eval|validation] [--errors]

`eval` is the held-out evaluation set (tests/core/stories/data/eval.jsonl, double-annotated and
adjudicated); `validation` is the held-out set used to choose model settings; `pii` is a personal-data-heavy set
written after the redaction fixes of the first evaluation run, as their blind check. Neither is ever
trained on (the model learns from src/maatmonitor/core/stories/data/training/).

Prints per-code precision/recall/F1 with micro and macro F1, sentiment accuracy with the
confusion table, PII recall/precision per type (a gold span is found when a predicted span of
the same type overlaps it) and the gold PII characters left visible after redaction.
Targets (issue 6): structured PII (bsn, iban, phone, email, postcode) recall >= 0.99, names
recall >= 0.90, PII precision >= 0.90, topics micro-F1 >= 0.80 and macro-F1 >= 0.70,
sentiment accuracy >= 0.80.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from maatmonitor.core.stories import SENTIMENTS
from maatmonitor.core.stories.evaluation import load_labelled, run_evaluation

DATA = Path(__file__).resolve().parents[1] / "tests" / "core" / "stories" / "data"
STRUCTURED = ("bsn", "iban", "phone", "email", "postcode")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=("eval", "validation", "pii"), default="eval")
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    path = DATA / f"{args.set}.jsonl"
    records = load_labelled(path)
    t0 = time.perf_counter()
    report = run_evaluation(records)
    elapsed = time.perf_counter() - t0
    print(f"{args.set}: {report.n} answers in {elapsed:.1f} s (incl. model load)\n")
    print(f"{'code':20s} {'P':>5s} {'R':>5s} {'F1':>5s} {'gold':>5s}")
    for code, c in report.topics.items():
        print(f"{code:20s} {c.precision:5.2f} {c.recall:5.2f} {c.f1:5.2f} {c.tp + c.fn:5d}")
    micro = report.topic_micro
    print(f"{'micro':20s} {micro.precision:5.2f} {micro.recall:5.2f} {micro.f1:5.2f}")
    print(f"{'macro F1':20s} {'':5s} {'':5s} {report.topic_macro_f1:5.2f}\n")
    print(f"sentiment accuracy {report.sentiment_accuracy:.3f}  (rows gold, columns predicted)")
    print(" " * 10 + "".join(f"{s:>10s}" for s in SENTIMENTS))
    for g in SENTIMENTS:
        row = "".join(f"{report.sentiment_confusion.get((g, p), 0):10d}" for p in SENTIMENTS)
        print(f"{g:10s}{row}")
    print(f"\n{'pii type':15s} {'recall':>7s} {'prec':>7s} {'gold':>5s} {'pred':>5s}")
    for t, c in report.pii.items():
        print(f"{t:15s} {c.recall:7.3f} {c.precision:7.3f} {c.tp + c.fn:5d} {c.tp + c.fp:5d}")
    print(f"gold PII characters left visible: {report.leaked_chars} of {report.gold_pii_chars}")
    checks = {
        "structured PII recall >= 0.99": all(report.pii[t].recall >= 0.99 for t in STRUCTURED),
        "name recall >= 0.90": report.pii["name"].recall >= 0.90,
        "PII precision >= 0.90": all(c.precision >= 0.90 for c in report.pii.values()),
        "topics micro-F1 >= 0.80": micro.f1 >= 0.80,
        "topics macro-F1 >= 0.70": report.topic_macro_f1 >= 0.70,
        "sentiment accuracy >= 0.80": report.sentiment_accuracy >= 0.80,
    }
    print()
    for name, ok in checks.items():
        print(f"{'OK  ' if ok else 'MISS'} {name}")
    if args.errors:
        for e in report.errors:
            print(json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
