"""References: the softplus family, written from their sources with mpmath."""

import mpmath as mp

from tests.reference import reference


def _softplus_kinks(params):
    threshold = params.get("threshold")
    return () if threshold is None else (threshold / params.get("beta", 1.0),)


@reference("softplus", kinks=_softplus_kinks, limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"beta": 2.0}, {"beta": 0.5, "threshold": 4.0}))
def softplus(x, beta=1.0, threshold=None):
    # PyTorch Softplus: x if beta * x > threshold else log(1 + exp(beta * x)) / beta
    if threshold is not None and beta * x > threshold:
        return x
    return mp.log1p(mp.exp(beta * x)) / beta


@reference("squareplus", limits=(0, mp.inf), derivative_limits=(0, 1), param_sets=({}, {"b": 0.25}))
def squareplus(x, b=4.0):
    # Barron 2021: (x + sqrt(x^2 + b)) / 2; x + sqrt(...) cancels for x << 0, so more digits there.
    extra = 2 * int(mp.log10(abs(x) + 1)) + 10
    with mp.workdps(mp.mp.dps + extra):
        return +((x + mp.sqrt(x**2 + b)) / 2)


@reference("smelu", limits=(0, mp.inf), derivative_limits=(0, 1), param_sets=({}, {"beta": 0.5}))
def smelu(x, beta=1.0):
    # Shamir et al. 2020
    if x <= -beta:
        return mp.mpf(0)
    if x >= beta:
        return x
    return (x + beta) ** 2 / (4 * beta)


@reference("sparse_plus", limits=(0, mp.inf), derivative_limits=(0, 1))
def sparse_plus(x):
    # Keras / JAX: 0 for x <= -1, (x + 1)^2 / 4 for -1 < x < 1, x for x >= 1
    if x <= -1:
        return mp.mpf(0)
    if x >= 1:
        return x
    return (x + 1) ** 2 / 4


@reference("bent_identity", limits=(-mp.inf, mp.inf), derivative_limits=(mp.mpf("0.5"), mp.mpf("1.5")))
def bent_identity(x):
    return (mp.sqrt(x**2 + 1) - 1) / 2 + x
