"""References: the exponential (ELU) family, written as the papers write them."""

import mpmath as mp

from tests.reference import reference


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


@reference("elu", kinks=lambda p: () if p.get("alpha", 1.0) == 1.0 else (0,), limits=(-1, mp.inf),
           derivative_limits=(0, 1), param_sets=({}, {"alpha": 0.5}, {"alpha": 2.5}))
def elu(x, alpha=1.0):
    return x if x > 0 else alpha * (mp.exp(x) - 1)


_SELU_LAMBDA = mp.mpf("1.0507009873554804934193349852946")
_SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")


@reference("selu", kinks=(0,), limits=(-_SELU_LAMBDA * _SELU_ALPHA, mp.inf), derivative_limits=(0, _SELU_LAMBDA))
def selu(x):
    return _SELU_LAMBDA * (x if x > 0 else _SELU_ALPHA * (mp.exp(x) - 1))


@reference("celu", limits=(-1, mp.inf), derivative_limits=(0, 1), param_sets=({}, {"alpha": 0.25}, {"alpha": 3.0}))
def celu(x, alpha=1.0):
    alpha = mp.mpf(alpha)
    return max(mp.mpf(0), x) + min(mp.mpf(0), alpha * (mp.exp(x / alpha) - 1))


@reference("isrlu", limits=(-1, mp.inf), derivative_limits=(0, 1), param_sets=({}, {"alpha": 3.0}, {"alpha": 0.01}))
def isrlu(x, alpha=1.0):
    return x if x >= 0 else x / mp.sqrt(1 + mp.mpf(alpha) * x**2)


@reference("elish", limits=(0, mp.inf), derivative_limits=(0, 1))
def elish(x):
    return x * _sigmoid(x) if x >= 0 else (mp.exp(x) - 1) * _sigmoid(x)


def _hard_sigmoid(x):
    return max(mp.mpf(0), min(mp.mpf(1), (x + 1) / 2))


@reference("hard_elish", kinks=(-1, 1), limits=(0, mp.inf), derivative_limits=(0, 1))
def hard_elish(x):
    return x * _hard_sigmoid(x) if x >= 0 else (mp.exp(x) - 1) * _hard_sigmoid(x)


@reference("polylu", limits=(-1, mp.inf), derivative_limits=(0, 1))
def polylu(x):
    return x if x >= 0 else 1 / (1 - x) - 1


@reference("reu", limits=(0, mp.inf), derivative_limits=(0, 1))
def reu(x):
    return x if x > 0 else x * mp.exp(x)


@reference("slu", limits=(-2 * mp.log(2), mp.inf), derivative_limits=(0, 1))
def slu(x):
    return x if x >= 0 else 2 * mp.log((mp.exp(x) + 1) / 2)
