"""Allocation: exact totals, bounds, the bounded optimum, Hamilton rounding, inflation, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.sampling import AllocationError, allocate, hamilton_round, inflate
from maatmonitor.core.sampling.allocation import allocation_weights, bounded_allocation


def test_neyman_hand_computed():
    # N_h*S_h = 10000, 40000, 15000 of 65000: 15.38, 61.54, 23.08 -> Hamilton 15, 62, 23.
    got = allocate([1000, 2000, 3000], 100, method="neyman", sds=[10.0, 20.0, 5.0])
    assert got.tolist() == [15, 62, 23]


def test_proportional_and_power_hand_computed():
    assert allocate([100, 300, 600], 50, method="proportional").tolist() == [5, 15, 30]
    # sqrt(N): 10, 20, 30 of 60 -> 10, 20, 30 for n = 60.
    assert allocate([100, 400, 900], 60, method="power", power_q=0.5).tolist() == [10, 20, 30]


def test_bounded_hand_computed():
    # Proportional 20.9, 10.4, 208.7; cap 100 fixes stratum 3, min 60 (= N for stratum 2: take
    # all 50) fixes stratum 2, the rest (90) goes to stratum 1.
    x = bounded_allocation(
        allocation_weights([100, 50, 1000], "proportional"),
        240,
        np.array([60, 50, 60]),
        np.array([100, 50, 100]),
    )
    assert np.allclose(x, [90.0, 50.0, 100.0])
    assert allocate([100, 50, 1000], 240, method="proportional", minimum=60, cap=100).tolist() == [
        90,
        50,
        100,
    ]


def test_hamilton_ties_go_to_the_first_stratum():
    assert hamilton_round(np.array([1.5, 1.5, 1.0]), 4).tolist() == [2, 1, 1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"total": 500, "cap": 100}, "groter dan wat de strata toelaten"),
        ({"total": 50, "minimum": 30}, "som van de minima"),
        ({"total": 100, "minimum": 40, "cap": 20}, "minimum 40 ligt boven het plafond 20"),
        ({"total": 0}, "moet positief"),
        ({"total": 100, "method": "neyman", "sds": [0.0, 0.0, 0.0]}, "gewicht 0"),
        ({"total": 100, "method": "power", "power_q": 2.0}, "q moet"),
    ],
)
def test_infeasible_designs_raise_clear_errors(kwargs, message):
    total = kwargs.pop("total")
    with pytest.raises(AllocationError, match=message):
        allocate([100, 200, 300], total, labels=["a", "b", "c"], **kwargs)


def test_inflate_ceil_is_exact_and_capped():
    got = inflate(np.array([30, 10, 40]), np.array([0.3, 0.5, 0.2]), np.array([1000, 1000, 150]))
    assert got.tolist() == [100, 20, 150]  # 30/0.3 is 100, not 101; 40/0.2 = 200 capped at N


def test_inflate_hamilton_total():
    got = inflate(
        np.array([10, 10, 10]), np.array([0.3, 0.3, 0.3]), np.array([99, 99, 99]), "hamilton"
    )
    assert got.sum() == 100
    assert got.tolist() == [34, 33, 33]


def _oracle(weights, total, lower, upper):
    """Independent check: the bounded optimum is clip(lam * w, lower, upper); bisect on lam."""
    lo, hi = 0.0, 1.0
    while np.clip(hi * weights, lower, upper).sum() < total:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if np.clip(mid * weights, lower, upper).sum() < total:
            lo = mid
        else:
            hi = mid
    return np.clip(hi * weights, lower, upper)


@st.composite
def designs(draw):
    h = draw(st.integers(1, 12))
    sizes = np.array(draw(st.lists(st.integers(0, 3000), min_size=h, max_size=h)))
    sds = np.array(draw(st.lists(st.floats(0.05, 1.0), min_size=h, max_size=h)))
    minimum = draw(st.integers(0, 50))
    cap = draw(st.integers(minimum, 800).filter(lambda c: c > 0))
    lower, upper = np.minimum(minimum, sizes), np.minimum(cap, sizes)
    if upper.sum() == 0 or lower.sum() > upper.sum():
        total = 0
    else:
        total = draw(st.integers(max(1, int(lower.sum())), int(upper.sum())))
    method = draw(st.sampled_from(["proportional", "neyman", "power"]))
    return sizes, sds, minimum, cap, total, method


@settings(max_examples=300, deadline=None)
@given(designs())
def test_allocation_invariants(design):
    sizes, sds, minimum, cap, total, method = design
    if total == 0:
        return
    got = allocate(sizes, total, method=method, sds=sds, minimum=minimum, cap=cap)
    lower, upper = np.minimum(minimum, sizes), np.minimum(cap, sizes)
    assert got.sum() == total
    assert (got >= lower).all()
    assert (got <= upper).all()
    weights = allocation_weights(sizes, method, sds)
    if (weights[upper > lower] > 0).all():
        x = bounded_allocation(weights, total, lower, upper)
        assert np.allclose(x, _oracle(weights, total, lower, upper), atol=1e-6)
        assert np.abs(got - x).max() < 1.0 + 1e-9
