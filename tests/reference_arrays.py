"""Float64 / mpmath references for the activations that act on whole arrays.

Normalising (softmax family, sparsemax, entmax, squash), gated (an input split
in two halves) and shape-changing (crelu, maxout) activations are not scalar
functions, so they are not in ``tests/reference`` (whose references are
scalar mpmath functions). These are written from the papers' definitions,
never importing keras_activations, and where possible with a different
algorithm than the package:

* softmax, log_softmax, softmin, squash: mpmath at 40 digits, the formula as
  written (no shifting tricks needed at that precision);
* sparsemax: the projection onto the simplex found by bisection on τ, then τ
  solved exactly on the support (the package sorts);
* α-entmax (every α, 1.5 included): bisection on τ in float64 to the last
  bit (the package uses the exact sort-based algorithm for 1.5);
* gated units: each unit's scalar formula in mpmath, applied pairwise.

Row conventions (the package documents the same; they are definitions or
limits, not numerics): ±inf entries are taken as ±(largest finite value of the
format, ``big``), so +inf entries share the mass and a row of only −inf is
uniform; masked positions are excluded and get 0 (−inf for log_softmax), and a
row with every position masked is all 0 (−inf); a NaN in a kept position makes
the row NaN.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

mp.mp.dps = 40


# ---------------------------------------------------------------------------
# row machinery
# ---------------------------------------------------------------------------


def _rows(x, axis, mask):
    """(rows as 2-D float64, rows of the mask, a function back to x's shape)."""
    x = np.asarray(x, dtype=np.float64)
    keep = np.ones(x.shape, bool) if mask is None else np.broadcast_to(np.asarray(mask, bool), x.shape)
    moved = np.moveaxis(x, axis, -1)
    kept = np.moveaxis(keep, axis, -1)
    shape = moved.shape

    def back(rows):
        return np.moveaxis(np.asarray(rows, dtype=np.float64).reshape(shape), -1, axis)

    return moved.reshape(-1, shape[-1]), kept.reshape(-1, shape[-1]), back


F64_MAX = float(np.finfo(np.float64).max)


def _by_row(row_fn, x, axis, mask, masked_value=0.0, big=F64_MAX):
    with np.errstate(over="ignore"):  # differences of ±largest finite overflow to ±inf, as they should
        return _by_row_unchecked(row_fn, x, axis, mask, masked_value, big)


def _by_row_unchecked(row_fn, x, axis, mask, masked_value, big):
    rows, keeps, back = _rows(x, axis, mask)
    out = np.empty_like(rows)
    for i, (row, keep) in enumerate(zip(rows, keeps)):
        values = np.clip(row[keep], -big, big)
        result = np.full(row.shape, masked_value)
        if np.isnan(values).any():
            result[keep] = np.nan
        elif values.size:
            result[keep] = row_fn(values)
        out[i] = result
    return back(out)


# ---------------------------------------------------------------------------
# softmax family
# ---------------------------------------------------------------------------


def _softmax_row(v):
    # pᵢ = exp(xᵢ) / Σⱼ exp(xⱼ) = 1 / Σⱼ exp(xⱼ − xᵢ); the differences are exact at 40 digits
    # even for entries near ±largest finite, where exp(xᵢ) itself would need a huge exponent range
    xs = [mp.mpf(float(t)) for t in v]
    return np.array([float(1 / mp.fsum(mp.exp(u - t) for u in xs)) for t in xs])


def _log_softmax_row(v):
    # log pᵢ = −log Σⱼ exp(xⱼ − xᵢ)
    xs = [mp.mpf(float(t)) for t in v]
    return np.array([float(-mp.log(mp.fsum(mp.exp(u - t) for u in xs))) for t in xs])


def softmax(x, axis=-1, mask=None, big=F64_MAX):
    """exp(xᵢ) / Σⱼ exp(xⱼ) per row (Bridle 1990)."""
    return _by_row(_softmax_row, x, axis, mask, big=big)


def log_softmax(x, axis=-1, mask=None, big=F64_MAX):
    """xᵢ − log Σⱼ exp(xⱼ) per row; masked positions −inf."""
    return _by_row(_log_softmax_row, x, axis, mask, masked_value=-np.inf, big=big)


def softmin(x, axis=-1, mask=None, big=F64_MAX):
    """softmax(−x) (torch.nn.Softmin)."""
    return softmax(-np.asarray(x, dtype=np.float64), axis, mask, big)


# ---------------------------------------------------------------------------
# sparsemax and entmax
# ---------------------------------------------------------------------------


def _bisect(mass, lo, hi):
    """The τ in [lo, hi] where the decreasing function ``mass`` crosses 1, to the last bit."""
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if mass(mid) >= 1.0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _sparsemax_row(v):
    # sparsemax(z) = argmin_p ‖p − z‖² over the simplex = [z − τ]₊ with Σ [z − τ]₊ = 1
    # (Martins & Astudillo 2016, eq. 2-3). τ lies in [max z − 1, max z].
    # sparsemax(z + c) = sparsemax(z) (Prop. 1), so work on z − max z (exact for these inputs)
    v = v - np.max(v)
    tau = _bisect(lambda t: np.sum(np.maximum(v - t, 0.0)), -1.0, 0.0)
    # on the support S = {z > τ}, Σ_S (z − τ) = 1 gives τ exactly; repeat until S is stable
    for _ in range(5):
        support = v > tau
        tau_new = (math.fsum(v[support]) - 1.0) / support.sum()
        if tau_new == tau:
            break
        tau = tau_new
    return np.maximum(v - tau, 0.0)


def _entmax_row(v, alpha):
    # α-entmax(z) = [(α − 1)z − τ]₊^(1/(α−1)) with τ such that the row sums to 1
    # (Peters, Niculae & Martins 2019, eq. 9 and Blondel et al. 2019).
    a = alpha - 1.0
    w = a * (v - np.max(v))

    def mass(t):
        return np.sum(np.maximum(w - t, 0.0) ** (1.0 / a))

    tau = _bisect(mass, -1.0, 0.0)
    return np.maximum(w - tau, 0.0) ** (1.0 / a)


def sparsemax(x, axis=-1, mask=None, big=F64_MAX):
    """Euclidean projection of each row onto the probability simplex."""
    return _by_row(_sparsemax_row, x, axis, mask, big=big)


def entmax(x, alpha=1.5, axis=-1, mask=None, big=F64_MAX):
    """α-entmax of each row (α > 1), by bisection on τ in float64."""
    return _by_row(lambda v: _entmax_row(v, alpha), x, axis, mask, big=big)


def entmax15(x, axis=-1, mask=None, big=F64_MAX):
    return entmax(x, 1.5, axis, mask, big)


# ---------------------------------------------------------------------------
# the papers' Jacobian-vector products (closed forms), from a reference output
# ---------------------------------------------------------------------------


def softmax_vjp(p, g, axis=-1):
    """Jᵀg for softmax: J = diag(p) − p pᵀ (symmetric)."""
    return p * (g - np.sum(g * p, axis=axis, keepdims=True))


def log_softmax_vjp(p, g, axis=-1):
    """Jᵀg for log_softmax: J = I − 1 pᵀ, so Jᵀg = g − p Σ g."""
    return g - p * np.sum(g, axis=axis, keepdims=True)


def entmax_vjp(p, g, alpha, axis=-1):
    """Jᵀg for α-entmax (Peters et al. 2019, Prop. 2): J = diag(s) − s sᵀ/Σs, s = p^(2−α) on p > 0.

    α = 2 is sparsemax's Jacobian (Martins & Astudillo 2016, Prop. 2).
    """
    s = np.where(p > 0, np.where(p > 0, p, 1.0) ** (2.0 - alpha), 0.0)
    total = np.sum(s, axis=axis, keepdims=True)
    mean = np.sum(s * g, axis=axis, keepdims=True) / np.where(total > 0, total, 1.0)
    return s * g - s * mean


def numerical_vjp(fn, x, g, h=1e-6):
    """Central finite differences of the float64 reference: Σᵢ gᵢ ∂fᵢ/∂xⱼ for every j."""
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    flat = out.reshape(-1)
    for j in range(x.size):
        step = np.zeros(x.size)
        step[j] = h
        step = step.reshape(x.shape)
        flat[j] = np.sum(g * (fn(x + step) - fn(x - step))) / (2.0 * h)
    return out


# ---------------------------------------------------------------------------
# squash
# ---------------------------------------------------------------------------


def _squash_row(v):
    # v ↦ (‖v‖² / (1 + ‖v‖²)) · v / ‖v‖ (Sabour et al. 2017, eq. 1); v = 0 ↦ 0
    if np.isnan(v).any():
        return np.full(v.shape, np.nan)
    if np.isinf(v).any():  # the limit: the unit vector along the infinite components
        u = np.where(np.isinf(v), np.sign(v), 0.0)
        return u / np.sqrt(np.sum(u * u))
    comps = [mp.mpf(float(t)) for t in v]
    n2 = mp.fsum(c * c for c in comps)
    if n2 == 0:
        return np.zeros(v.shape)
    norm = mp.sqrt(n2)
    return np.array([float(n2 / (1 + n2) * c / norm) for c in comps])


def squash(x, axis=-1):
    rows, _, back = _rows(x, axis, None)
    return back([_squash_row(r) for r in rows])


# ---------------------------------------------------------------------------
# gated units: a and b the first and second halves along an axis
# ---------------------------------------------------------------------------


def _sigmoid(t):
    return 1 / (1 + mp.exp(-t))


def _gelu(t, approximate):
    if approximate:
        return t / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (t + mp.mpf("0.044715") * t ** 3)))
    z = -t / mp.sqrt(2)
    # mpmath's erfc fails for |z| beyond ~1e150; erfc(z) is 0 (or 2) to every float's precision there
    tail = mp.erfc(z) if abs(z) < 1e10 else (mp.mpf(0) if z > 0 else mp.mpf(2))
    return t / 2 * tail


def _clamped_swiglu(a, b, alpha=1.702, limit=7.0):
    g = min(a, mp.mpf(limit))
    u = min(max(b, mp.mpf(-limit)), mp.mpf(limit))
    return g * _sigmoid(mp.mpf(alpha) * g) * (u + 1)


#: name -> scalar f(a, b, **params) in mpmath, as each paper writes it
GATED = {
    "glu": lambda a, b: a * _sigmoid(b),  # Dauphin et al. 2017 (σ on the second half, as Keras/PyTorch)
    "bilinear": lambda a, b: a * b,  # Shazeer 2020
    "reglu": lambda a, b: max(a, 0) * b,  # Shazeer 2020
    "geglu": lambda a, b, approximate=False: _gelu(a, approximate) * b,  # Shazeer 2020
    "geglu_tanh": lambda a, b: _gelu(a, True) * b,
    "swiglu": lambda a, b, beta=1.0: a * _sigmoid(mp.mpf(beta) * a) * b,  # Shazeer 2020
    "gtu": lambda a, b: mp.tanh(a) * _sigmoid(b),  # van den Oord et al. 2016
    "swiglu_clamped": _clamped_swiglu,  # gpt-oss (OpenAI 2025)
}


def split(x, axis=-1, swap_halves=False, interleaved=False):
    x = np.asarray(x, dtype=np.float64)
    n = x.shape[axis]
    if interleaved:
        a, b = np.take(x, range(0, n, 2), axis=axis), np.take(x, range(1, n, 2), axis=axis)
    else:
        a, b = np.split(x, 2, axis=axis)
    return (b, a) if swap_halves else (a, b)


def _to_float(value):
    """An mpf as a float; magnitudes beyond the float range become 0 or ±inf."""
    try:
        return float(value)
    except OverflowError:  # e.g. erfc(7e299): an exponent too large even for float()
        return 0.0 if abs(value) < 1 else math.copysign(math.inf, value)


def pairwise(f, a, b):
    out = np.empty(np.broadcast(a, b).shape)
    for index, (s, t) in enumerate(zip(a.reshape(-1), b.reshape(-1))):
        if math.isnan(s) or math.isnan(t):
            out.reshape(-1)[index] = np.nan
        else:
            out.reshape(-1)[index] = _to_float(f(mp.mpf(float(s)), mp.mpf(float(t))))
    return out


def gated(name, x, axis=-1, swap_halves=False, interleaved=False, **params):
    """The gated activation ``name`` of x (float64)."""
    a, b = split(x, axis, swap_halves, interleaved)
    return pairwise(lambda s, t: GATED[name](s, t, **params), a, b)


def gated_partials(name, a, b, **params):
    """(∂f/∂a, ∂f/∂b) of the gated unit at each pair, by mpmath's numerical differentiation."""
    f = GATED[name]
    da = pairwise(lambda s, t: mp.diff(lambda u: f(u, t, **params), s), a, b)
    db = pairwise(lambda s, t: mp.diff(lambda u: f(s, u, **params), t), a, b)
    return da, db


# ---------------------------------------------------------------------------
# shape-changing: crelu, maxout
# ---------------------------------------------------------------------------


def crelu(x, axis=-1):
    """concat(max(0, x), max(0, −x)) (Shang et al. 2016)."""
    x = np.asarray(x, dtype=np.float64)
    pos = np.where(np.isnan(x), np.nan, np.where(x > 0, x, 0.0))
    neg = np.where(np.isnan(x), np.nan, np.where(x < 0, -x, 0.0))
    return np.concatenate([pos, neg], axis=axis)


def maxout(x, num_units, axis=-1):
    """Unit i = max of features i·k ... i·k + k − 1 along ``axis`` (Goodfellow et al. 2013)."""
    x = np.asarray(x, dtype=np.float64)
    moved = np.moveaxis(x, axis, -1)
    k = moved.shape[-1] // num_units
    out = np.empty(moved.shape[:-1] + (num_units,))
    for i in range(num_units):
        group = moved[..., i * k:(i + 1) * k]
        out[..., i] = np.where(np.isnan(group).any(axis=-1), np.nan, np.max(group, axis=-1))
    return np.moveaxis(out, -1, axis)
