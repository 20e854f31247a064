"""Result objects: suppression inside the objects, flags, complementary suppression, output."""

from __future__ import annotations

import json

import numpy as np
import pytest

from maatmonitor.core.stats import (
    DisclosureRules,
    Estimate,
    SurveyDesign,
    complementary_suppression,
    estimate,
    estimate_by,
    to_json,
    to_table,
)


@pytest.fixture
def design():
    rng = np.random.default_rng(5)
    n = 400
    strata = np.repeat(["a", "b"], n // 2)
    return SurveyDesign.from_arrays(rng.uniform(1, 3, n), strata, np.full(n, 5000.0)), rng


def test_a_small_domain_exposes_no_figure(design):
    d, rng = design
    y = rng.integers(0, 2, d.n).astype(float)
    small = np.zeros(d.n, dtype=bool)
    small[:9] = True
    e = estimate(d, y, "proportion", domain=small, variable="top2")
    assert e.suppressed
    assert e.reason == "min_n"
    assert (e.value, e.se, e.ci_low, e.ci_high, e.n, e.weighted_n) == (None,) * 6
    out = e.to_dict()
    assert out["suppressed"] is True
    assert "value" not in out
    assert "n" not in out
    assert "minder dan 10 respondenten" in out["reason_text"]
    small[9] = True
    assert not estimate(d, y, "proportion", domain=small).suppressed


def test_an_estimate_below_min_n_cannot_be_constructed_unsuppressed():
    with pytest.raises(ValueError, match="minimum is 10"):
        Estimate("mean", "x", (), 3.0, 0.1, 2.8, 3.2, "wald", 0.95, 5, 9, 9.0, 100.0)
    with pytest.raises(ValueError, match="geen waarden"):
        Estimate(
            "mean",
            "x",
            (),
            3.0,
            None,
            None,
            None,
            "wald",
            0.95,
            None,
            None,
            None,
            None,
            suppressed=True,
            reason="min_n",
        )


def test_nchs_flags_and_optional_suppression(design):
    d, rng = design
    y = (rng.random(d.n) < 0.05).astype(float)
    dom = np.zeros(d.n, dtype=bool)
    dom[:25] = True
    e = estimate(d, y, "proportion", domain=dom)
    assert "low_effective_n" in e.flags
    assert e.value is not None
    strict = estimate(
        d, y, "proportion", domain=dom, rules=DisclosureRules(suppress_unreliable=True)
    )
    assert strict.suppressed
    assert strict.reason == "unreliable"
    full = estimate(d, (rng.random(d.n) < 0.5).astype(float), "proportion")
    assert full.flags == ()


def test_complementary_suppression_hides_the_smallest_other_cell(design):
    d, rng = design
    y = rng.normal(size=d.n)
    groups = np.array(["x"] * 5 + ["y"] * 40 + ["z"] * 355)
    cells = estimate_by(d, y, "g", groups)
    assert [(c.suppressed, c.reason) for c in cells] == [
        (True, "min_n"),
        (True, "complementary"),
        (False, None),
    ]
    # with two primary cells nothing more is needed
    cells = complementary_suppression(
        estimate_by(d, y, "g", np.array(["x"] * 5 + ["y"] * 5 + ["z"] * 390), complementary=False)
    )
    assert [c.suppressed for c in cells] == [True, True, False]


def test_json_and_tidy_table(design):
    d, rng = design
    y = rng.normal(size=d.n)
    cells = estimate_by(d, y, "g", np.array(["x"] * 5 + ["y"] * 40 + ["z"] * 355), variable="v")
    data = json.loads(to_json(cells))
    assert data[2]["domain"] == {"g": "z"}
    assert data[2]["n"] == 355
    table = to_table(cells)
    assert list(table.domain) == ["g=x", "g=y", "g=z"]
    assert table.value.isna().sum() == 2
    assert table.loc[2, "ci_low"] < table.loc[2, "value"]
