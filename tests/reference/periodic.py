"""References: periodic activations."""

import mpmath as mp

from tests.reference import reference


@reference("snake", limits=(-mp.inf, mp.inf), derivative_limits=(None, None), param_sets=({}, {"frequency": 2.5}, {"frequency": 0.1}))
def snake(x, frequency=1.0):
    return x + mp.sin(frequency * x) ** 2 / frequency
