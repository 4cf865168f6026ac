"""References: Gaussian-CDF and sigmoid-weighted units (x times a gate computed from x).

Each function is the formula as its paper (or the library that defines it)
writes it, evaluated in mpmath. The only departures from the naive formula are
guards against mpmath itself failing on double exponentials at the ends of the
float range (exp(−eˣ) for eˣ > 10⁶ is below 10^(−434000): it is taken as 0),
marked where they occur.
"""

import mpmath as mp

from tests.reference import reference, variant_reference


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _softplus(x):
    return mp.log(1 + mp.exp(x))


def _exp_neg_exp(x):
    """exp(−eˣ); for eˣ > 10⁶ the value is below 10^(−434000) and is taken as 0 (mpmath cannot form it)."""
    e = mp.exp(x)
    return mp.mpf(0) if e > 10**6 else mp.exp(-e)


def _tanh_of_exp(x):
    """tanh(eˣ); for eˣ > 10⁶, 1 − tanh(eˣ) < 10^(−868000) and the value is taken as 1."""
    e = mp.exp(x)
    return mp.mpf(1) if e > 10**6 else mp.tanh(e)


def _gelu_exact(x):
    return x / 2 * (1 + mp.erf(x / mp.sqrt(2)))


# --------------------------------------------------------------------------- sigmoid-weighted


@reference("silu", limits=(0, mp.inf), derivative_limits=(0, 1))
def silu(x):
    return x * _sigmoid(x)


@reference("swish_beta", limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"beta": 0.5}, {"beta": 2.0}))
def swish_beta(x, beta=1.0):
    # Ramachandran et al. 2017: f(x) = x·σ(βx)
    return x * _sigmoid(beta * x)


@reference("e_swish", limits=(0, mp.inf), derivative_limits=(0, 1.375), param_sets=({}, {"beta": 2.0}))
def e_swish(x, beta=1.375):
    # Alcaide 2018: f(x) = β·x·σ(x)
    return beta * x * _sigmoid(x)


@reference("quick_gelu", limits=(0, mp.inf), derivative_limits=(0, 1))
def quick_gelu(x):
    # Hendrycks & Gimpel 2016, §2: x·σ(1.702x)
    return x * _sigmoid(mp.mpf("1.702") * x)


@reference("lipswish", limits=(0, mp.inf), derivative_limits=(0, 1 / mp.mpf("1.1")))
def lipswish(x):
    # Chen et al. 2019 (Residual Flows): Swish(x)/1.1 with β = 1
    return x * _sigmoid(x) / mp.mpf("1.1")


@reference("hard_swish", kinks=(-3, 3), limits=(0, mp.inf), derivative_limits=(0, 1))
def hard_swish(x):
    # Howard et al. 2019: x·ReLU6(x + 3)/6
    return x * min(max(x + 3, 0), 6) / 6


@reference("dsilu", limits=(0, 1), derivative_limits=(0, 0))
def dsilu(x):
    # Elfwing et al. 2018: σ(x)(1 + x(1 − σ(x)))
    s = _sigmoid(x)
    return s * (1 + x * (1 - s))


@reference("fts", kinks=(0,), limits=(mp.mpf("-0.2"), mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"threshold": -0.5}))
def fts(x, threshold=-0.2):
    # Chieng et al. 2018: x·σ(x) + T for x ≥ 0, T otherwise
    return (x * _sigmoid(x) if x >= 0 else 0) + threshold


@reference("aria2", limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"alpha": 1.0, "beta": 1.0}, {"alpha": 0.5, "beta": 3.0}))
def aria2(x, alpha=1.5, beta=2.0):
    # Patwardhan et al. 2018: x·(1 + e^(−βx))^(−α)
    return x * (1 + mp.exp(-beta * x)) ** (-alpha)


@reference("coslu", limits=(0, mp.inf), derivative_limits=(0, None),
           param_sets=({}, {"a": 0.5, "b": 2.0}))
def coslu(x, a=1.0, b=1.0):
    # (x + a·cos(bx))·σ(x)
    return (x + a * mp.cos(b * x)) * _sigmoid(x)


# --------------------------------------------------------------------------- Gaussian-CDF family


@reference("gelu", limits=(0, mp.inf), derivative_limits=(0, 1), param_sets=({}, {"approximate": True}))
def gelu(x, approximate=False):
    if approximate:
        return x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))
    return x * mp.ncdf(x)


variant_reference("gelu_tanh", "gelu", approximate=True)


@reference("gelu_10", kinks=(10,), limits=(0, 10), derivative_limits=(0, 0))
def gelu_10(x):
    # Hugging Face ClippedGELUActivation(−10, 10): clip(x·Φ(x), −10, 10), Φ via erf as HF writes it
    return min(max(_gelu_exact(x), -10), 10)


@reference("sgelu", limits=(mp.inf, mp.inf), derivative_limits=(-0.1, 0.1), param_sets=({}, {"alpha": 1.0}))
def sgelu(x, alpha=0.1):
    # Yu & Su 2019: α·x·erf(x/√2)
    return alpha * x * mp.erf(x / mp.sqrt(2))


@reference("calu", limits=(-1 / mp.pi, mp.inf), derivative_limits=(0, 1))
def calu(x):
    # x times the standard Cauchy CDF
    return x * (mp.atan(x) / mp.pi + mp.mpf(1) / 2)


@reference("lalu", limits=(0, mp.inf), derivative_limits=(0, 1))
def lalu(x):
    # x times the standard Laplace CDF
    cdf = 1 - mp.exp(-x) / 2 if x >= 0 else mp.exp(x) / 2
    return x * cdf


# --------------------------------------------------------------------------- tanh / log gates


@reference("mish", limits=(0, mp.inf), derivative_limits=(0, 1))
def mish(x):
    # Misra 2019: x·tanh(softplus(x))
    return x * mp.tanh(_softplus(x))


@reference("hard_mish", kinks=(-2,), limits=(0, mp.inf), derivative_limits=(0, 1))
def hard_mish(x):
    # timm: 0.5·x·clamp(x + 2, 0, 2)
    return x * min(max(x + 2, 0), 2) / 2


@reference("lisht", limits=(mp.inf, mp.inf), derivative_limits=(-1, 1))
def lisht(x):
    # Roy et al. 2019: x·tanh(x)
    return x * mp.tanh(x)


@reference("tanh_exp", limits=(0, mp.inf), derivative_limits=(0, 1))
def tanh_exp(x):
    # Liu & Di 2020 (and TeLU, Fernandez & Mali 2024): x·tanh(eˣ)
    return x * _tanh_of_exp(x)


@reference("serf", limits=(0, mp.inf), derivative_limits=(0, 1))
def serf(x):
    # Nag & Bhattacharyya 2021: x·erf(ln(1 + eˣ))
    return x * mp.erf(_softplus(x))


@reference("logish", limits=(0, mp.inf), derivative_limits=(0, mp.log(2)))
def logish(x):
    # Zhu et al. 2021: x·ln(1 + σ(x))
    return x * mp.log(1 + _sigmoid(x))


@reference("smish", limits=(0, mp.inf), derivative_limits=(0, mp.mpf("0.6")))
def smish(x):
    # Wang et al. 2022: x·tanh(ln(1 + σ(x)))   (α = β = 1)
    return x * mp.tanh(mp.log(1 + _sigmoid(x)))


@reference("phish", limits=(0, mp.inf), derivative_limits=(0, 1))
def phish(x):
    # Naveen 2022: x·tanh(GELU(x))
    return x * mp.tanh(_gelu_exact(x))


@reference("gish", limits=(0, mp.inf), derivative_limits=(0, mp.log(2)))
def gish(x):
    # Kaytan et al. 2023: x·ln(2 − exp(−eˣ))
    return x * mp.log(2 - _exp_neg_exp(x))


@reference("colu", limits=(0, mp.inf), derivative_limits=(0, 1))
def colu(x):
    # Vagerwal 2021: x / (1 − x·e^(−(x + eˣ)));  e^(−(x + eˣ)) = e^(−x)·exp(−eˣ)
    return x / (1 - x * mp.exp(-x) * _exp_neg_exp(x))


@reference("pflu", limits=(0, mp.inf), derivative_limits=(0, 1))
def pflu(x):
    # Zhu et al. 2021: x·(1 + x/√(1 + x²))/2
    return x * (1 + x / mp.sqrt(1 + x**2)) / 2
