"""References: periodic activations."""

import mpmath as mp

from tests.reference import reference


@reference("snake", limits=(-mp.inf, mp.inf), derivative_limits=(None, None), param_sets=({}, {"frequency": 2.5}, {"frequency": 0.1}))
def snake(x, frequency=1.0):
    return x + mp.sin(frequency * x) ** 2 / frequency


@reference("sine", limits=(None, None), derivative_limits=(None, None), param_sets=({}, {"w0": 1.0}))
def sine(x, w0=30.0):
    # SIREN: sin(w0 x), w0 = 30
    return mp.sin(w0 * x)


@reference("gcu", limits=(None, None), derivative_limits=(None, None))
def gcu(x):
    return x * mp.cos(x)


@reference("asu", limits=(None, None), derivative_limits=(None, None))
def asu(x):
    return x * mp.sin(x)


@reference("sinc", limits=(0, 0), derivative_limits=(0, 0))
def sinc(x):
    return mp.mpf(1) if x == 0 else mp.sin(x) / x
