"""References: Gaussian-CDF and sigmoid-weighted units."""

import mpmath as mp

from tests.reference import reference, variant_reference


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


@reference("silu", limits=(0, mp.inf), derivative_limits=(0, 1))
def silu(x):
    return x * _sigmoid(x)


@reference("gelu", limits=(0, mp.inf), derivative_limits=(0, 1), param_sets=({}, {"approximate": True}))
def gelu(x, approximate=False):
    if approximate:
        return x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))
    return x * mp.ncdf(x)
