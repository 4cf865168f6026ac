"""References: other fixed elementwise functions."""

import mpmath as mp

from tests.reference import reference


@reference("exponential", limits=(0, mp.inf), derivative_limits=(0, mp.inf))
def exponential(x):
    return mp.exp(x)


@reference("symlog", limits=(-mp.inf, mp.inf), derivative_limits=(0, 0))
def symlog(x):
    return mp.sign(x) * mp.log(1 + abs(x))


@reference("symexp", limits=(-mp.inf, mp.inf), derivative_limits=(mp.inf, mp.inf))
def symexp(x):
    return mp.sign(x) * (mp.exp(abs(x)) - 1)


@reference("signed_sqrt", limits=(-mp.inf, mp.inf), derivative_limits=(0, 0), singular=(0,))
def signed_sqrt(x):
    return mp.sign(x) * mp.sqrt(abs(x))
