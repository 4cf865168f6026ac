"""References: sigmoid-like squashing functions, written from their sources with mpmath."""

import mpmath as mp

from tests.reference import reference


@reference("softsign", limits=(-1, 1), derivative_limits=(0, 0))
def softsign(x):
    return x / (1 + abs(x))


def _hard_sigmoid_kinks(params):
    slope = params.get("slope", mp.mpf(1) / 6)
    offset = params.get("offset", mp.mpf("0.5"))
    return (-offset / slope, (1 - offset) / slope)


@reference("hard_sigmoid", kinks=_hard_sigmoid_kinks, limits=(0, 1), derivative_limits=(0, 0),
           param_sets=({}, {"slope": 0.25, "offset": 0.25}))
def hard_sigmoid(x, slope=None, offset=mp.mpf("0.5")):
    # Keras 3 / PyTorch: relu6(x + 3)/6 = clip(x/6 + 1/2, 0, 1); general slope and offset.
    if slope is None:
        slope = mp.mpf(1) / 6
    return min(max(mp.mpf(0), slope * x + offset), mp.mpf(1))


@reference("hard_sigmoid_keras2", kinks=(-2.5, 2.5), limits=(0, 1), derivative_limits=(0, 0))
def hard_sigmoid_keras2(x, slope=None, offset=None):
    # Keras 2: x = 0.2 * x + 0.5; clip(x, 0, 1)
    return min(max(mp.mpf(0), mp.mpf("0.2") * x + mp.mpf("0.5")), mp.mpf(1))


@reference("sparse_sigmoid", kinks=(-1, 1), limits=(0, 1), derivative_limits=(0, 0))
def sparse_sigmoid(x):
    # Blondel et al. 2020, section 6.2: 0 for x <= -1, (x + 1)/2 for -1 < x < 1, 1 for x >= 1
    if x <= -1:
        return mp.mpf(0)
    if x >= 1:
        return mp.mpf(1)
    return (x + 1) / 2


@reference("hard_tanh", kinks=lambda p: (p.get("min_val", -1.0), p.get("max_val", 1.0)),
           limits=(-1, 1), derivative_limits=(0, 0),
           param_sets=({}, {"min_val": -2.0, "max_val": 0.5}))
def hard_tanh(x, min_val=-1.0, max_val=1.0):
    if x < min_val:
        return mp.mpf(min_val)
    if x > max_val:
        return mp.mpf(max_val)
    return x


@reference("scaled_tanh", limits=(-mp.mpf("1.7159"), mp.mpf("1.7159")), derivative_limits=(0, 0),
           param_sets=({}, {"scale": 1.0, "slope": 0.5}))
def scaled_tanh(x, scale=mp.mpf("1.7159"), slope=None):
    # LeCun et al. 1998: f(x) = 1.7159 tanh(2x/3)
    if slope is None:
        slope = mp.mpf(2) / 3
    return scale * mp.tanh(slope * x)


@reference("arctan", limits=(-mp.pi / 2, mp.pi / 2), derivative_limits=(0, 0))
def arctan(x):
    return mp.atan(x)


@reference("elliott", limits=(0, 1), derivative_limits=(0, 0))
def elliott(x):
    # Elliott 1993: 0.5 x / (1 + |x|) + 0.5
    return x / (2 * (1 + abs(x))) + mp.mpf("0.5")


@reference("isru", limits=(-1, 1), derivative_limits=(0, 0), param_sets=({}, {"alpha": 3.0}))
def isru(x, alpha=1.0):
    # Carlile et al. 2017: x / sqrt(1 + alpha x^2)
    return x / mp.sqrt(1 + alpha * x**2)


@reference("sqnl", limits=(-1, 1), derivative_limits=(0, 0))
def sqnl(x):
    # Wuraola & Patel 2018
    if x > 2:
        return mp.mpf(1)
    if x >= 0:
        return x - x**2 / 4
    if x >= -2:
        return x + x**2 / 4
    return mp.mpf(-1)


@reference("log_sigmoid", limits=(-mp.inf, 0), derivative_limits=(1, 0))
def log_sigmoid(x):
    # log(1 / (1 + e^-x)) = -log1p(e^-x)
    return -mp.log1p(mp.exp(-x))


@reference("soft_clipping", limits=(0, 1), derivative_limits=(0, 0),
           param_sets=({}, {"alpha": 10.0}, {"alpha": 0.1}))
def soft_clipping(x, alpha=1.0):
    # Klimek & Perelstein 2020: (1/a) ln((1 + e^(a x)) / (1 + e^(a (x - 1)))), the logarithm of the
    # quotient written as a difference of log1p terms so that tiny values keep their digits.
    return (mp.log1p(mp.exp(alpha * x)) - mp.log1p(mp.exp(alpha * (x - 1)))) / alpha


@reference("gaussian", limits=(0, 0), derivative_limits=(0, 0))
def gaussian(x):
    return mp.exp(-(x**2))


@reference("probit", limits=(0, 1), derivative_limits=(0, 0))
def probit(x):
    return mp.ncdf(x)


@reference("laplace", limits=(0, 1), derivative_limits=(0, 0), param_sets=({}, {"mu": -1.0, "sigma": 2.0}))
def laplace(x, mu=mp.mpf("0.707107"), sigma=mp.mpf("0.282095")):
    # Hugging Face LaplaceActivation: 0.5 * (1 + erf((x - mu) / (sigma * sqrt 2))); 1 + erf(t) is
    # written erfc(-t), the same number, so the left tail keeps its digits at 40 dps.
    return mp.erfc(-(x - mu) / (sigma * mp.sqrt(2))) / 2
