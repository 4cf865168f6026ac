"""References: linear, binary step, sigmoid, tanh."""

import mpmath as mp

from tests.reference import reference


@reference("linear", limits=(-mp.inf, mp.inf), derivative_limits=(1, 1), param_sets=({}, {"slope": -2.5}))
def linear(x, slope=1.0):
    return slope * x


@reference("binary_step", kinks=lambda p: (p.get("threshold", 0.0),), limits=(0, 1), derivative_limits=(0, 0), param_sets=({}, {"threshold": 1.5}))
def binary_step(x, threshold=0.0, straight_through=False):
    return mp.mpf(1) if x >= threshold else mp.mpf(0)


@reference("sigmoid", limits=(0, 1), derivative_limits=(0, 0))
def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


@reference("tanh", limits=(-1, 1), derivative_limits=(0, 0))
def tanh(x):
    return (mp.exp(x) - mp.exp(-x)) / (mp.exp(x) + mp.exp(-x))
