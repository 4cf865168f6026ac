"""References: shrinkage functions."""

import mpmath as mp

from tests.reference import reference


@reference("tanh_shrink", limits=(-mp.inf, mp.inf), derivative_limits=(1, 1))
def tanh_shrink(x):
    return x - mp.tanh(x)


def _zone(threshold, lower, upper):
    lo = -mp.mpf(threshold) if lower is None else mp.mpf(lower)
    hi = mp.mpf(threshold) if upper is None else mp.mpf(upper)
    return lo, hi


def _zone_kinks(params):
    lo, hi = _zone(params.get("threshold", 0.5), params.get("lower"), params.get("upper"))
    return () if lo == hi == 0 else (float(lo), float(hi))


_SHRINK_SETS = ({}, {"threshold": 1.25}, {"lower": -1.5, "upper": 0.25}, {"threshold": 0.75, "upper": 2.0},
                {"threshold": 0.0})


@reference("hard_shrink", kinks=_zone_kinks, limits=(-mp.inf, mp.inf), derivative_limits=(1, 1),
           param_sets=_SHRINK_SETS)
def hard_shrink(x, threshold=0.5, lower=None, upper=None):
    # PyTorch / Keras: x if |x| > λ else 0; TF Addons: x if x < lower or x > upper else 0
    lo, hi = _zone(threshold, lower, upper)
    return x if (x < lo or x > hi) else mp.mpf(0)


@reference("soft_shrink", kinks=_zone_kinks, limits=(-mp.inf, mp.inf), derivative_limits=(1, 1),
           param_sets=_SHRINK_SETS)
def soft_shrink(x, threshold=0.5, lower=None, upper=None):
    lo, hi = _zone(threshold, lower, upper)
    if x > hi:
        return x - hi
    if x < lo:
        return x - lo
    return mp.mpf(0)
