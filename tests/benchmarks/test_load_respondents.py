"""The load benchmark's own helpers (no server, no locust): percentiles, the summary, and the
form filling and count check run against the real questionnaire pages with the test client."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from random import Random

import pytest

from maatmonitor.apps.fieldwork.models import Response
from tests.factories_fieldwork import fielding_wave, units_with_codes

PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "load_respondents.py"
spec = importlib.util.spec_from_file_location("load_respondents", PATH)
bench = importlib.util.module_from_spec(spec)
sys.modules.setdefault("load_respondents", bench)  # dataclasses look their module up there
spec.loader.exec_module(bench)


def test_percentile_interpolates_between_ranks():
    values = list(range(1, 101))  # 1..100
    assert bench.percentile(values, 50) == pytest.approx(50.5)
    assert bench.percentile(values, 95) == pytest.approx(95.05)
    assert bench.percentile(list(reversed(values)), 100) == 100
    assert bench.percentile([7.0], 95) == 7.0
    assert math.isnan(bench.percentile([], 95))


def test_figures_and_summary_give_rates_and_the_ratio():
    ours = bench.figures(
        "ours", {"times": {"save POST": [10.0] * 19 + [300.0], "page GET": [5.0] * 20}}, 10
    )
    assert ours.requests == 40
    assert ours.saves == 20
    assert ours.requests_per_second == 4.0
    assert ours.save_p95_ms == pytest.approx(10 + 0.05 * 290)  # between 10 and the 300 outlier
    bare = bench.figures("bare", {"times": {"save POST": [1.0] * 80}, "errors": 2}, 10)
    lines = bench.summary(ours, bare)
    assert "throughput ratio ours / bare: 0.50" in lines[-1]
    assert "errors 2" in lines[1]


def test_missing_answers_reads_dont_know_as_none_and_finds_a_lost_answer():
    acked = {"u1": [{"page": "p", "answers": {"a": "4", "b": "dk", "c": "x"}}]}
    assert bench.missing_answers(acked, {"u1": {"a": 4, "b": None, "c": "x"}}) == []
    assert bench.missing_answers(acked, {"u1": {"a": 4, "c": "x"}}) == [("u1", "p", "b")]
    assert bench.missing_answers(acked, {"u1": {"a": 3, "b": None, "c": "x"}}) == [("u1", "p", "a")]
    assert len(bench.missing_answers(acked, {})) == 3


@pytest.mark.django_db
def test_a_simulated_respondent_pages_through_the_real_questionnaire(client):
    """What each locust user does, with the test client: every page is answered by
    form_answers, every save redirects on, and the count check finds all answers stored."""
    wave = fielding_wave()
    ((unit, unit_codes),) = units_with_codes(wave, 1)
    location = bench.next_location(client.get(f"/v/{unit_codes.personal}/"))
    acked, rng, submitted = [], Random(1), False
    for _step in range(30):
        page = client.get(location)
        assert page.status_code == 200
        answers, is_last = bench.form_answers(page.content.decode(), rng)
        assert answers, f"no radio questions found on {location}"
        action = "submit" if is_last else "next"
        reply = client.post(location, answers | {"action": action, "token": "t1"})
        following = bench.next_location(reply)
        assert following not in (None, location), f"{location} did not move on"
        acked.append({"page": location.rstrip("/").rsplit("/", 1)[-1], "answers": answers})
        location = following
        if is_last:
            submitted = True
            break
    assert submitted
    assert location.endswith("/klaar/")
    response = Response.objects.get(unit=unit)
    assert response.status == "completed"
    assert bench.missing_answers({"u": acked}, {"u": response.answers}) == []
    assert sum(len(s["answers"]) for s in acked) >= 20
