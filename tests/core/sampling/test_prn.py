"""Permanent random numbers: the byte recipe, exact smallest-key selection, ties, wave overlap."""

from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from maatmonitor.core.sampling import compute_prn, select_smallest, wave_start
from maatmonitor.core.sampling.prn import prn_unit, salt_fingerprint, start_offset


def test_recipe_is_blake2b_of_salt_then_id_big_endian():
    expected = int.from_bytes(hashlib.blake2b(b"s3cretP0001", digest_size=8).digest(), "big")
    assert int(compute_prn(["P0001"], "s3cret")[0]) == expected
    assert int(compute_prn(["é"], "x")[0]) == int.from_bytes(
        hashlib.blake2b("xé".encode(), digest_size=8).digest(), "big"
    )


def test_prn_depends_on_salt_and_maps_into_unit_interval():
    ids = [f"U{i}" for i in range(1000)]
    a, b = compute_prn(ids, "a"), compute_prn(ids, "b")
    assert (a != b).all()
    u = prn_unit(np.array([0, 2**64 - 1], dtype=np.uint64))
    assert u[0] == 0.0
    assert u[1] < 1.0
    assert 0.45 < prn_unit(a).mean() < 0.55
    assert salt_fingerprint("a") != salt_fingerprint("b")


def test_wave_starts_are_exact_and_spread():
    starts = [wave_start(k) for k in range(1, 6)]
    assert starts[0] == 0.0
    assert abs(starts[1] - 0.6180339887498949) < 1e-15
    assert all(start_offset(s) / 2**64 == s for s in starts)
    gaps = np.diff(sorted(starts))
    assert gaps.min() > 0.1


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 400),
    st.integers(1, 6),
    st.floats(0.0, 0.999999),
    st.integers(0, 2**32),
)
def test_selection_equals_brute_force(n, h, start, seed):
    rng = np.random.default_rng(seed)
    strata = rng.integers(0, h, n)
    prn = rng.integers(0, 2**64 - 1, n, dtype=np.uint64, endpoint=True)
    ids = np.array([f"id{i:04d}" for i in range(n)], dtype=object)
    sizes = np.bincount(strata, minlength=h)
    take = np.array([rng.integers(0, s + 1) for s in sizes])
    got = select_smallest(strata, prn, take, start, ids)
    s = start_offset(start)
    expected = []
    for k in range(h):
        rows = [i for i in range(n) if strata[i] == k]
        rows.sort(key=lambda i: ((int(prn[i]) - s) % 2**64, ids[i]))
        expected += rows[: take[k]]
    assert got.tolist() == sorted(expected)


def test_ties_are_broken_by_unit_id_not_row_order():
    prn = np.array([5, 5, 5, 1], dtype=np.uint64)
    ids = np.array(["c", "a", "b", "z"], dtype=object)
    got = select_smallest(np.zeros(4, dtype=np.int64), prn, np.array([3]), 0.0, ids)
    assert sorted(ids[got]) == ["a", "b", "z"]


def test_successive_waves_barely_overlap():
    n = 20000
    ids = np.array([f"P{i}" for i in range(n)], dtype=object)
    prn = compute_prn(ids.tolist(), "salt")
    strata = np.arange(n) % 5
    take = np.full(5, 400)  # 10% of each stratum
    waves = [set(select_smallest(strata, prn, take, wave_start(k), ids)) for k in (1, 2, 3)]
    assert len(waves[0] & waves[1]) <= 20  # independent draws would share about 200
    assert len(waves[1] & waves[2]) <= 20
    same = set(select_smallest(strata, prn, take, wave_start(1), ids))
    assert same == waves[0]
