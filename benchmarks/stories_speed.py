"""Speed of the story pipeline: redaction + topic coding + sentiment on 20,000 answers.

Run: .venv/bin/python benchmarks/stories_speed.py [--n 20000]

Texts are the shipped training answers cycled to n, each with a distinct suffix. Model
loading (deduce, spaCy) is timed separately and excluded from both runs. The named baseline is
deduce's own de-identification alone (`Deduce.deidentify`, full default configuration) on the
same texts; the ratio printed is pipeline time / baseline time. Target: pipeline < 60 s.
"""

from __future__ import annotations

import argparse
import itertools
import os
import time

from maatmonitor.core.stories import StoryInput, StoryPipeline
from maatmonitor.core.stories.names import deduce_model
from maatmonitor.core.stories.text import analyse
from maatmonitor.core.stories.training_data import training_records


def _texts(n: int) -> list[tuple[str, str]]:
    base = [(rec["audience"], rec["text"]) for rec in training_records()]
    cycled = itertools.islice(itertools.cycle(base), n)
    return [(aud, f"{text} ({i})") for i, (aud, text) in enumerate(cycled)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    texts = _texts(args.n)
    t0 = time.perf_counter()
    model = deduce_model()
    pipeline = StoryPipeline()
    analyse("warm up")
    load = time.perf_counter() - t0
    items = [StoryInput(str(i), aud, text) for i, (aud, text) in enumerate(texts)]

    t0 = time.perf_counter()
    results = list(pipeline.process(items))
    ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _, text in texts:
        model.deidentify(text)
    baseline = time.perf_counter() - t0

    assert len(results) == len(items)
    print(f"answers: {len(items)}  cpus: {os.cpu_count()}  model load: {load:.1f} s")
    print(f"pipeline (redact + code + sentiment): {ours:.1f} s  ({len(items) / ours:.0f}/s)")
    print(
        f"baseline deduce.deidentify alone:     {baseline:.1f} s  ({len(items) / baseline:.0f}/s)"
    )
    print(f"ratio pipeline / baseline: {ours / baseline:.2f}")
    print(f"{'OK  ' if ours < 60 else 'MISS'} pipeline < 60 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
