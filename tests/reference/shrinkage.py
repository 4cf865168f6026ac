"""References: shrinkage functions."""

import mpmath as mp

from tests.reference import reference


@reference("tanh_shrink", limits=(-mp.inf, mp.inf), derivative_limits=(1, 1))
def tanh_shrink(x):
    return x - mp.tanh(x)
