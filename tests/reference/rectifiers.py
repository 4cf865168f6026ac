"""References: the rectifier family."""

import mpmath as mp

from tests.reference import reference


@reference("relu", kinks=(0,), limits=(0, mp.inf), derivative_limits=(0, 1))
def relu(x):
    return max(mp.mpf(0), x)


@reference("leaky_relu", kinks=(0,), limits=(-mp.inf, mp.inf), derivative_limits=(0.2, 1),
           param_sets=({}, {"negative_slope": 0.01}))
def leaky_relu(x, negative_slope=0.2):
    return x if x >= 0 else negative_slope * x


@reference("prelu", kinks=(0,), limits=(-mp.inf, mp.inf), derivative_limits=(0.25, 1),
           param_sets=({}, {"alpha": -0.5}))
def prelu(x, alpha=0.25):
    return x if x >= 0 else alpha * x


@reference("relu6", kinks=(0, 6), limits=(0, 6), derivative_limits=(0, 0))
def relu6(x):
    return min(max(mp.mpf(0), x), mp.mpf(6))
