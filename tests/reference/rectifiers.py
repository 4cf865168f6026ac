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


@reference("relu_n", kinks=lambda p: (0, p.get("n", 6.0)), limits=(0, 6), derivative_limits=(0, 0),
           param_sets=({}, {"n": 1.5}))
def relu_n(x, n=6.0):
    return min(max(mp.mpf(0), x), mp.mpf(n))


@reference("thresholded_relu", kinks=lambda p: (p.get("theta", 1.0),), limits=(0, mp.inf),
           derivative_limits=(0, 1), param_sets=({}, {"theta": 0.25}, {"theta": 0.0}))
def thresholded_relu(x, theta=1.0):
    return x if x > theta else mp.mpf(0)


@reference("threshold", kinks=lambda p: (p.get("threshold", 0.0),), limits=(0, mp.inf),
           derivative_limits=(0, 1),
           param_sets=({}, {"threshold": 1.5, "default_value": -2.0}, {"threshold": -0.5, "default_value": 3.0}))
def threshold(x, threshold=0.0, default_value=0.0):
    return x if x > threshold else mp.mpf(default_value)


@reference("shifted_relu", kinks=lambda p: (-p.get("delta", 1.0),), limits=(-1, mp.inf),
           derivative_limits=(0, 1), param_sets=({}, {"delta": 0.25}))
def shifted_relu(x, delta=1.0):
    return max(x, -mp.mpf(delta))


@reference("abs", kinks=(0,), limits=(mp.inf, mp.inf), derivative_limits=(-1, 1))
def abs_(x):
    return x if x >= 0 else -x


@reference("squared_relu", limits=(0, mp.inf), derivative_limits=(0, mp.inf))
def squared_relu(x):
    return max(mp.mpf(0), x) ** 2


@reference("repu", kinks=lambda p: (0,) if p.get("power", 2.0) == 1 else (), limits=(0, mp.inf),
           derivative_limits=(0, mp.inf), param_sets=({}, {"power": 3.0}, {"power": 1.5}, {"power": 1.0}))
def repu(x, power=2.0):
    return max(mp.mpf(0), x) ** mp.mpf(power)


@reference("nlrelu", kinks=(0,), limits=(0, mp.inf), derivative_limits=(0, 0),
           param_sets=({}, {"beta": 3.5}, {"beta": 1e20}))
def nlrelu(x, beta=1.0):
    return mp.log(mp.mpf(beta) * max(mp.mpf(0), x) + 1)


def _sine_relu_kink(params):
    # the point where the line x meets the wave ε(sin x − cos x), near x = −ε
    eps = mp.mpf(params.get("epsilon", 0.0025))
    if eps == 0:
        return (0,)
    with mp.workdps(40):
        return (float(mp.findroot(lambda t: t - eps * (mp.sin(t) - mp.cos(t)), -eps)),)


@reference("sine_relu", kinks=_sine_relu_kink, limits=(None, mp.inf), derivative_limits=(None, 1),
           param_sets=({}, {"epsilon": 0.006}, {"epsilon": 2.0}))
def sine_relu(x, epsilon=0.0025):
    return max(mp.mpf(epsilon) * (mp.sin(x) - mp.cos(x)), x)
