import numpy as np

from tests.core.synth.drivers import shapley_r2


def test_shapley_shares_sum_to_r2_and_split_equal_predictors_equally():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5000, 3))
    x[:, 1] = x[:, 0] + 0.01 * rng.normal(size=5000)  # a near-duplicate of column 0
    y = x[:, 0] + 0.5 * x[:, 2] + rng.normal(size=5000)
    shares = shapley_r2(x, y)
    full = np.linalg.lstsq(np.column_stack([np.ones(5000), x]), y, rcond=None)[1][0]
    r2 = 1 - full / ((y - y.mean()) ** 2).sum()
    assert np.isclose(shares.sum(), r2)
    assert abs(shares[0] - shares[1]) < 0.01
    assert shares[2] < shares[0] + shares[1]
