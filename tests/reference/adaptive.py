"""References: the functional forms of the learnable and stochastic activations.

Each is the paper's formula, written in mpmath at the parameter values given
(the layers' weights are these parameters). The stored PAU and KAF default
coefficients are DATA read from keras_activations/data/pau_init.json (no package
code is imported); the formulas they are plugged into are written here.
"""

import json
from pathlib import Path

import mpmath as mp
import numpy as np

from tests.reference import REFERENCES, reference

_DATA = json.loads(
    (Path(__file__).resolve().parents[2] / "keras_activations" / "data" / "pau_init.json").read_text()
)


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


# ----------------------------------------------------------------------------- PELU (Trottier et al. 2017, eq. 2)
@reference("pelu", limits=(-1, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"alpha": 2.0, "beta": 0.5}, {"alpha": 0.3, "beta": 3.0}))
def pelu(x, alpha=1.0, beta=1.0):
    a, b = mp.mpf(alpha), mp.mpf(beta)
    return a / b * x if x >= 0 else a * (mp.exp(x / b) - 1)


# ----------------------------------------------------------------------------- SReLU (Jin et al. 2016, eq. 1)
def _srelu_kinks(p):
    tl, al = p.get("t_left", 0.0), p.get("a_left", 0.2)
    tr, ar = p.get("t_right", 1.0), p.get("a_right", 1.0)
    return tuple(t for t, a in ((tl, al), (tr, ar)) if a != 1)


@reference("srelu", kinks=_srelu_kinks, limits=(-mp.inf, mp.inf), derivative_limits=(0.2, 1),
           param_sets=({}, {"t_left": -1.0, "a_left": 0.1, "t_right": 2.0, "a_right": 0.5},
                       {"t_left": 0.5, "a_left": -0.3, "t_right": 0.5, "a_right": 2.0}))
def srelu(x, t_left=0.0, a_left=0.2, t_right=1.0, a_right=1.0):
    tl, al, tr, ar = (mp.mpf(v) for v in (t_left, a_left, t_right, a_right))
    if x >= tr:
        return tr + ar * (x - tr)
    if x > tl:
        return x
    return tl + al * (x - tl)


# ----------------------------------------------------------------------------- APL (Agostinelli et al. 2015, eq. 1)
def _apl_kinks(p):
    a, b = p.get("a", (0.0,)), p.get("b", (0.0,))
    return tuple(sorted({0.0} | {float(bs) for as_, bs in zip(a, b) if as_ != 0}))


@reference("apl", kinks=_apl_kinks, limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"a": (0.2, -0.5), "b": (0.0, 1.5)}, {"a": (0.3, 0.1, 0.7), "b": (-1.0, 0.5, 2.0)}))
def apl(x, a=(0.0,), b=(0.0,)):
    return max(mp.mpf(0), x) + mp.fsum(mp.mpf(s) * max(mp.mpf(0), -x + mp.mpf(h)) for s, h in zip(a, b))


# ----------------------------------------------------------------------------- Snake-β (BigVGAN)
@reference("snake_beta", limits=(-mp.inf, mp.inf), derivative_limits=(None, None),
           param_sets=({}, {"alpha": 2.5, "beta": 2.0}, {"alpha": -0.7, "beta": 3.0}))
def snake_beta(x, alpha=1.0, beta=1.0):
    return x + mp.sin(mp.mpf(alpha) * x) ** 2 / mp.mpf(beta)


# ----------------------------------------------------------------------------- StarReLU (Yu et al., MetaFormer baselines)
_S = 1 / mp.sqrt(mp.mpf("1.25"))


@reference("star_relu", limits=(-0.5 / np.sqrt(1.25), mp.inf), derivative_limits=(0, mp.inf),
           param_sets=({}, {"scale": 1.5, "bias": 0.25}, {"scale": -0.5, "bias": 0.0}))
def star_relu(x, scale=float(_S), bias=-0.5 / np.sqrt(1.25)):
    r = max(mp.mpf(0), x)
    return mp.mpf(scale) * r**2 + mp.mpf(bias)


# ----------------------------------------------------------------------------- ACON-C (Ma et al. 2021, eq. 4)
@reference("acon_c", limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"p1": 2.0, "p2": 0.5, "beta": 0.7}, {"p1": 0.25, "p2": 1.5, "beta": 2.0}))
def acon_c(x, p1=1.0, p2=0.0, beta=1.0):
    p1, p2, beta = mp.mpf(p1), mp.mpf(p2), mp.mpf(beta)
    return (p1 - p2) * x * _sigmoid(beta * (p1 - p2) * x) + p2 * x


# ----------------------------------------------------------------------------- SMU (Biswas et al. 2022)
@reference("smu", limits=(-mp.inf, mp.inf), derivative_limits=(0.25, 1),
           param_sets=({}, {"alpha": 0.01, "mu": 2.5}, {"alpha": 0.5, "mu": 10.0}))
def smu(x, alpha=0.25, mu=1e6):
    a, m = mp.mpf(alpha), mp.mpf(mu)
    return ((1 + a) * x + (1 - a) * x * mp.erf(m * (1 - a) * x)) / 2


# ----------------------------------------------------------------------------- xIELU (Huang & Schlag 2025)
@reference("xielu", limits=(mp.inf, mp.inf), derivative_limits=(0.5 - 0.8, mp.inf),
           param_sets=({}, {"alpha_p": 1.2, "alpha_n": 2.0, "beta": 0.25}, {"alpha_p": 0.3, "alpha_n": 0.6, "beta": 0.55}))
def xielu(x, alpha_p=0.8, alpha_n=0.8, beta=0.5):
    ap, an, b = mp.mpf(alpha_p), mp.mpf(alpha_n), mp.mpf(beta)
    if x > 0:
        return ap * x**2 + b * x
    return an * (mp.exp(x) - 1 - x) + b * x


# ----------------------------------------------------------------------------- TLU (Singh & Krishnan 2020; TFA)
def _tlu_kinks(p):
    tau, alpha = p.get("tau", 0.0), p.get("alpha", 0.0)
    return () if alpha == 1 else (tau / (1 - alpha),)


@reference("tlu", kinks=_tlu_kinks, limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"tau": 0.5}, {"tau": -0.3, "alpha": 0.2}))
def tlu(x, tau=0.0, alpha=0.0):
    return max(x, mp.mpf(alpha) * x + mp.mpf(tau))


# ----------------------------------------------------------------------------- soft exponential (Godfrey & Gashler 2015, eq. 1)
@reference("soft_exponential", limits=(-mp.inf, mp.inf), derivative_limits=(1, 1),
           param_sets=({}, {"alpha": 0.5}, {"alpha": 2.0}, {"alpha": 1e-3}, {"alpha": -5e-5}))
def soft_exponential(x, alpha=0.0):
    a = mp.mpf(alpha)
    if a < 0:
        return -mp.log(1 - a * (x + a)) / a
    if a == 0:
        return x
    return (mp.exp(a * x) - 1) / a + a


# ----------------------------------------------------------------------------- AReLU (Chen et al. 2020)
@reference("arelu", kinks=(0,), limits=(-mp.inf, mp.inf),
           derivative_limits=(0.9, 1 + 1 / (1 + np.exp(-2.0))),
           param_sets=({}, {"alpha": 0.3, "beta": -1.0}, {"alpha": 1.5, "beta": 0.5}))
def arelu(x, alpha=0.9, beta=2.0):
    a = min(max(mp.mpf(alpha), mp.mpf("0.01")), mp.mpf("0.99"))
    return (1 + _sigmoid(mp.mpf(beta))) * x if x >= 0 else a * x


# ----------------------------------------------------------------------------- FReLU (Qiu et al. 2018), ShiLU (Pishchik 2023)
@reference("flexible_relu", kinks=(0,), limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"bias": -0.5}))
def flexible_relu(x, bias=0.0):
    return max(mp.mpf(0), x) + mp.mpf(bias)


@reference("shilu", kinks=(0,), limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"alpha": 0.5, "beta": 0.25}, {"alpha": -2.0, "beta": 1.0}))
def shilu(x, alpha=1.0, beta=0.0):
    return mp.mpf(alpha) * max(mp.mpf(0), x) + mp.mpf(beta)


# ----------------------------------------------------------------------------- SinLU (Paul et al. 2022)
@reference("sinlu", limits=(0, mp.inf), derivative_limits=(0, None),
           param_sets=({}, {"a": 0.5, "b": 2.0}, {"a": -1.2, "b": 0.3}))
def sinlu(x, a=1.0, b=1.0):
    return (x + mp.mpf(a) * mp.sin(mp.mpf(b) * x)) * _sigmoid(x)


# ----------------------------------------------------------------------------- ErfAct (Biswas et al. 2022)
@reference("erfact", limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"alpha": 1.3, "beta": 0.4}, {"alpha": 0.2, "beta": 2.0}))
def erfact(x, alpha=0.75, beta=0.75):
    return x * mp.erf(mp.mpf(alpha) * mp.exp(mp.mpf(beta) * x))


# ----------------------------------------------------------------------------- TanhSoft (Biswas et al. 2020)
@reference("tanhsoft", limits=(0, mp.inf), derivative_limits=(0, 1),
           param_sets=({}, {"alpha": 0.0, "beta": 0.6, "gamma": 1.0, "delta": 0.0},
                       {"alpha": 0.0, "beta": 0.3, "gamma": 0.5, "delta": 1.0}))
def tanhsoft(x, alpha=0.87, beta=0.0, gamma=1.0, delta=1.0):
    a, b, g, d = (mp.mpf(v) for v in (alpha, beta, gamma, delta))
    return mp.tanh(a * x + b * mp.exp(g * x)) * mp.log(d + mp.exp(x))


# ----------------------------------------------------------------------------- TAAF (Kunc & Kléma)
def _taaf_kinks(p):
    base = REFERENCES[p.get("activation", "tanh")]
    kinks = base.kinks(p) if callable(base.kinks) else base.kinks
    beta, gamma = p.get("beta", 1.0), p.get("gamma", 0.0)
    return tuple((float(k) - gamma) / beta for k in kinks) if beta != 0 else ()


@reference("taaf", kinks=_taaf_kinks, limits=(-1, 1), derivative_limits=(0, 0),
           param_sets=({}, {"alpha": 2.0, "beta": 0.5, "gamma": 0.1, "delta": 1.0, "activation": "silu"},
                       {"alpha": -1.5, "beta": 2.0, "gamma": -0.3, "delta": 0.5, "activation": "tanh"}))
def taaf(x, alpha=1.0, beta=1.0, gamma=0.0, delta=0.0, activation="tanh"):
    g = REFERENCES[activation].function
    return mp.mpf(alpha) * g(mp.mpf(beta) * x + mp.mpf(gamma)) + mp.mpf(delta)


# ----------------------------------------------------------------------------- PAU (Molina et al. 2020, safe PAU)
_PAU = _DATA["pau"]["fits"]
_PAU_NUM = tuple(_PAU["5/4"]["leaky_relu"]["numerator"])
_PAU_DEN = tuple(_PAU["5/4"]["leaky_relu"]["denominator"])


def _pau_kinks(p):
    """|B(x)| has a kink where B(x) = Σ b_k x^k changes sign: x = 0 and the real roots of B(x)/x."""
    b = p.get("denominator", _PAU_DEN)
    roots = np.roots(list(reversed(b))) if len(b) > 1 else np.array([])
    real = [float(r.real) for r in roots if abs(r.imag) < 1e-12 * max(1.0, abs(r))]
    return tuple(sorted({0.0, *real}))


_PAU_SLOPE = _PAU_NUM[-1] / abs(_PAU_DEN[-1])


@reference("pau", kinks=_pau_kinks, limits=(-mp.inf, mp.inf), derivative_limits=(_PAU_SLOPE, _PAU_SLOPE),
           param_sets=({},
                       {"numerator": tuple(_PAU["5/4"]["tanh"]["numerator"]),
                        "denominator": tuple(_PAU["5/4"]["tanh"]["denominator"])},
                       {"numerator": tuple(_PAU["3/2"]["gelu"]["numerator"]),
                        "denominator": tuple(_PAU["3/2"]["gelu"]["denominator"])},
                       {"numerator": (0.1, 0.5, 0.3, -0.02), "denominator": (0.2, -0.4, 0.05)},
                       {"numerator": (0.25, -1.0), "denominator": (0.5, 0.0, 1.5)}))
def pau(x, numerator=_PAU_NUM, denominator=_PAU_DEN):
    p = mp.fsum(mp.mpf(a) * x**j for j, a in enumerate(numerator))
    q = 1 + abs(mp.fsum(mp.mpf(b) * x ** (k + 1) for k, b in enumerate(denominator)))
    return p / q


# ----------------------------------------------------------------------------- KAF (Scardapane et al. 2019, eq. 9)
_KAF = _DATA["kaf"]


@reference("kaf", limits=(0, 0), derivative_limits=(0, 0),
           param_sets=({},
                       {"alpha": tuple(float(abs(np.sin(j + 1))) for j in range(12)), "boundary": 2.0},
                       {"alpha": (0.5, 1.0, 2.0, 0.3, 0.2), "boundary": 1.5, "gamma": 0.8}))
def kaf(x, alpha=tuple(_KAF["alpha"]), boundary=3.0, gamma=None):
    n = len(alpha)
    bound = mp.mpf(boundary)
    d = [-bound + 2 * bound * j / (n - 1) for j in range(n)]
    g = mp.mpf(0.5) / (2 * (d[1] - d[0])) ** 2 if gamma is None else mp.mpf(gamma)
    return mp.fsum(mp.mpf(a) * mp.exp(-g * (x - dj) ** 2) for a, dj in zip(alpha, d))


# ----------------------------------------------------------------------------- stochastic activations at inference
@reference("rrelu", kinks=(0,), limits=(-mp.inf, mp.inf), derivative_limits=((0.125 + 1 / 3) / 2, 1),
           param_sets=({}, {"lower": 0.1, "upper": 0.3}, {"lower": 0.2, "upper": 0.2}))
def rrelu(x, lower=0.125, upper=1.0 / 3.0):
    return x if x >= 0 else (mp.mpf(lower) + mp.mpf(upper)) / 2 * x


@reference("probact", kinks=(0,), limits=(0, mp.inf), derivative_limits=(0, 1))
def probact(x):
    return max(mp.mpf(0), x)
