import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from maatmonitor.core.synth import randomness

ids = st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=40, unique=True)


@settings(max_examples=50, deadline=None)
@given(ids, st.integers(min_value=0, max_value=2**32))
def test_a_units_numbers_do_not_depend_on_the_batch(unit_ids, seed):
    keys = randomness.unit_keys(unit_ids, seed)
    alone = [randomness.uniforms(randomness.unit_keys([u], seed), "s")[0] for u in unit_ids]
    reversed_batch = randomness.uniforms(randomness.unit_keys(unit_ids[::-1], seed), "s")[::-1]
    np.testing.assert_array_equal(randomness.uniforms(keys, "s"), alone)
    np.testing.assert_array_equal(randomness.uniforms(keys, "s"), reversed_batch)


def test_known_values_are_stable_across_platforms():
    # Pinned output: a change in hashing or mixing would silently change every synthetic answer.
    keys = randomness.unit_keys(["C0000001", "W0000001"], 0)
    bits = randomness.stream_bits(keys, "latent:mens")
    assert [int(b) for b in bits] == [7554947616854268925, 1992789801446577477]
    np.testing.assert_allclose(
        randomness.normals(keys, "overall"), [1.0092411107475496, 0.8330855043127283], rtol=1e-12
    )
    assert randomness.unit_keys(["C0000001"], 1)[0] != keys[0]


def test_streams_seeds_and_units_give_independent_uniform_and_normal_numbers():
    keys = randomness.unit_keys([f"C{i:07d}" for i in range(20_000)], 3)
    u = randomness.uniforms(keys, "a")
    assert u.min() > 0.0
    assert u.max() < 1.0
    assert stats.kstest(u, "uniform").pvalue > 1e-4
    z = randomness.normals(keys, "b")
    assert stats.kstest(z, "norm").pvalue > 1e-4
    assert abs(np.corrcoef(u, randomness.uniforms(keys, "c"))[0, 1]) < 0.03
    other_seed = randomness.uniforms(
        randomness.unit_keys([f"C{i:07d}" for i in range(20_000)], 4), "a"
    )
    assert abs(np.corrcoef(u, other_seed)[0, 1]) < 0.03


def test_negative_seed_is_rejected():
    import pytest

    with pytest.raises(ValueError, match="non-negative"):
        randomness.unit_keys(["C1"], -1)
