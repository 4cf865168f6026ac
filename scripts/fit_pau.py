#!/usr/bin/env python
"""Regenerate the stored initial coefficients of the learnable activations.

Writes ``keras_activations/data/pau_init.json``:

* ``pau``: safe Padé activation units (Molina, Schramowski & Kersting 2020,
  arXiv:1907.06732), F(x) = P(x) / (1 + |b₁x + … + bₙxⁿ|), P(x) = a₀ + a₁x + … + aₘxᵐ,
  fitted by least squares (float64 numpy) on a uniform grid of [-3, 3] to relu,
  leaky_relu (negative slope 0.01, as the PAU paper), gelu (exact, erf form),
  swish (x·σ(x)) and tanh, for the degree pairs (m, n) in ``DEGREES``.
  Method: the linearised problem P(x) − f(x)·B(x) = f(x) gives a start; a
  Levenberg–Marquardt refinement then minimises the residual of the actual safe
  form P/(1 + |B|) − f.
* ``kaf``: kernel activation function (Scardapane et al. 2019, arXiv:1707.04035)
  mixing coefficients α for the default dictionary (20 points uniform in [-3, 3],
  γ = 1/(2·(2Δ)²) with Δ the dictionary spacing, the paper code's rule of thumb):
  ``alpha``, the function's default, a NON-NEGATIVE least-squares fit to softplus on the
  grid (all αⱼ ≥ 0, so the sum has no cancellation and float32 keeps full relative
  accuracy everywhere); and ``elu_alpha``, the kernel ridge regression onto ELU that the
  paper proposes as initialisation (the layer's default initializer).

For every stored fit the script also records the facts the registry declares for
the default coefficients: the exact output range over the real line, whether the
function is monotonic, and the fit errors.

Run from the repository root::

    .venv/bin/python scripts/fit_pau.py          # rewrite the JSON
    .venv/bin/python scripts/fit_pau.py --check  # recompute and compare, exit 1 on a difference
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "keras_activations" / "data" / "pau_init.json"
GRID = (-3.0, 3.0, 2001)
DEGREES = ((3, 2), (4, 3), (5, 4), (6, 5))
LEAKY_SLOPE = 0.01
KAF_SIZE, KAF_BOUNDARY, KAF_RIDGE = 20, 3.0, 1e-4


def _erf(x):
    # numpy has no erf; math.erf is exact to double precision
    return np.vectorize(math.erf, otypes=[float])(x)


TARGETS = {
    "relu": lambda x: np.maximum(x, 0.0),
    "leaky_relu": lambda x: np.where(x >= 0, x, LEAKY_SLOPE * x),
    "gelu": lambda x: 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0))),
    "swish": lambda x: x / (1.0 + np.exp(-x)),
    "tanh": np.tanh,
}


# ----------------------------------------------------------------------------- PAU
def pau_value(x, a, b):
    """Safe PAU in float64: P(x) / (1 + |Σ_k b_k x^k|), k = 1..n."""
    p = np.polyval(a[::-1], x)
    bx = x * np.polyval(b[::-1], x)
    return p / (1.0 + np.abs(bx))


def pau_derivative(x, a, b):
    p = np.polyval(a[::-1], x)
    dp = np.polyval((a[1:] * np.arange(1, len(a)))[::-1], x)
    bx = x * np.polyval(b[::-1], x)
    dbx = np.polyval((b * np.arange(1, len(b) + 1))[::-1], x)
    q = 1.0 + np.abs(bx)
    dq = np.sign(bx) * dbx
    return (dp * q - p * dq) / (q * q)


def fit_pau(f, m, n, x):
    y = f(x)
    va = np.vander(x, m + 1, increasing=True)
    vb = np.vander(x, n + 1, increasing=True)[:, 1:]
    theta, *_ = np.linalg.lstsq(np.hstack([va, -y[:, None] * vb]), y, rcond=None)

    def residual(t):
        return pau_value(x, t[: m + 1], t[m + 1 :]) - y

    def jacobian(t):
        a, b = t[: m + 1], t[m + 1 :]
        p = va @ a
        bx = vb @ b
        q = 1.0 + np.abs(bx)
        return np.hstack([va / q[:, None], (-p * np.sign(bx) / (q * q))[:, None] * vb])

    lam = 1e-3
    r = residual(theta)
    cost = r @ r
    for _ in range(500):
        j = jacobian(theta)
        g = j.T @ r
        h = j.T @ j
        step = np.linalg.solve(h + lam * np.diag(np.diag(h) + 1e-12), -g)
        trial = theta + step
        r_new = residual(trial)
        cost_new = r_new @ r_new
        if cost_new < cost:
            theta, r, lam = trial, r_new, max(lam / 3, 1e-12)
            if cost - cost_new < 1e-15 * cost:
                cost = cost_new
                break
            cost = cost_new
        else:
            lam *= 4
            if lam > 1e12:
                break
    return theta[: m + 1], theta[m + 1 :]


# ----------------------------------------------------------------------------- KAF
def kaf_dictionary(size=KAF_SIZE, boundary=KAF_BOUNDARY):
    d = np.linspace(-boundary, boundary, size)
    spacing = d[1] - d[0]
    gamma = 0.5 / (2.0 * spacing) ** 2
    return d, gamma


def kaf_value(x, alpha, d, gamma):
    return np.sum(alpha * np.exp(-gamma * (x[:, None] - d) ** 2), axis=-1)


def kaf_derivative(x, alpha, d, gamma):
    diff = x[:, None] - d
    return np.sum(-2.0 * gamma * diff * alpha * np.exp(-gamma * diff**2), axis=-1)


def fit_kaf_elu(size=KAF_SIZE, boundary=KAF_BOUNDARY, ridge=KAF_RIDGE):
    d, gamma = kaf_dictionary(size, boundary)
    k = np.exp(-gamma * (d[:, None] - d[None, :]) ** 2)
    elu = np.where(d > 0, d, np.expm1(np.minimum(d, 0.0)))
    alpha = np.linalg.solve(k + ridge * np.eye(size), elu)
    return alpha, d, gamma


def nnls(a, b, iterations=200):
    """min ||a x − b|| subject to x ≥ 0 (Lawson & Hanson's active-set method)."""
    n = a.shape[1]
    x = np.zeros(n)
    passive = np.zeros(n, dtype=bool)
    for _ in range(iterations):
        w = a.T @ (b - a @ x)
        if passive.all() or np.max(np.where(passive, -np.inf, w)) <= 1e-12:
            break
        passive[int(np.argmax(np.where(passive, -np.inf, w)))] = True
        while True:
            z = np.zeros(n)
            z[passive] = np.linalg.lstsq(a[:, passive], b, rcond=None)[0]
            if np.all(z[passive] > 0):
                x = z
                break
            neg = passive & (z <= 0)
            step = np.min(x[neg] / (x[neg] - z[neg]))
            x = x + step * (z - x)
            passive &= x > 1e-15
            x[~passive] = 0.0
    return x


def fit_kaf_softplus_nonnegative(size=KAF_SIZE, boundary=KAF_BOUNDARY):
    d, gamma = kaf_dictionary(size, boundary)
    x = np.linspace(*GRID)
    k = np.exp(-gamma * (x[:, None] - d[None, :]) ** 2)
    alpha = nnls(k, np.logaddexp(0.0, x))
    return alpha, d, gamma


# ----------------------------------------------------------------------------- facts
def _extrema(value, derivative, lo, hi, n=400001):
    """Global min and max of a smooth-enough function on [lo, hi]: dense grid, then bisection
    on the derivative's sign changes next to the best grid points."""
    x = np.linspace(lo, hi, n)
    y = value(x)
    out = []
    for pick in (np.argmin, np.argmax):
        i = int(pick(y))
        best = y[i]
        left, right = x[max(i - 1, 0)], x[min(i + 1, n - 1)]
        dl, dr = derivative(np.array([left]))[0], derivative(np.array([right]))[0]
        if dl * dr < 0:
            for _ in range(200):
                mid = 0.5 * (left + right)
                dm = derivative(np.array([mid]))[0]
                if dm * dl > 0:
                    left, dl = mid, dm
                else:
                    right = mid
            cand = value(np.array([left, right, 0.5 * (left + right)]))
            best = cand.min() if pick is np.argmin else cand.max()
        out.append(float(best))
    return out


def pau_facts(a, b):
    m, n = len(a) - 1, len(b)
    # behaviour at ±inf: P/Q ~ (a_m / |b_n|) x^(m-n) sign(x)^n ... (for m > n, unbounded)
    lo, hi = _extrema(lambda t: pau_value(t, a, b), lambda t: pau_derivative(t, a, b), -60.0, 60.0)
    if m > n:
        ends = []
        for s in (-1.0, 1.0):
            sign = math.copysign(1.0, a[m] * s ** (m - n) * (s**n))
            ends.append(sign * math.inf)
        lo = min([lo] + ends)
        hi = max([hi] + ends)
    xs = np.concatenate([-np.logspace(-8, 6, 20001)[::-1], [0.0], np.logspace(-8, 6, 20001)])
    xs = np.unique(np.concatenate([xs, np.linspace(-60, 60, 400001)]))
    monotonic = bool(np.all(pau_derivative(xs, a, b) >= 0))
    return {"output_range": [_enc(lo), _enc(hi)], "monotonic": monotonic}


def _enc(v):
    return None if math.isinf(v) else v


def build():
    x = np.linspace(*GRID)
    fits = {}
    for m, n in DEGREES:
        key = f"{m}/{n}"
        fits[key] = {}
        for name, f in TARGETS.items():
            a, b = fit_pau(f, m, n, x)
            err = pau_value(x, a, b) - f(x)
            entry = {
                "numerator": [float(v) for v in a],
                "denominator": [float(v) for v in b],
                "max_abs_error": float(np.max(np.abs(err))),
                "rms_error": float(np.sqrt(np.mean(err**2))),
            }
            entry.update(pau_facts(a, b))
            fits[key][name] = entry
    elu_alpha, d, gamma = fit_kaf_elu()
    alpha, _, _ = fit_kaf_softplus_nonnegative()
    kaf_lo, kaf_hi = _extrema(lambda t: kaf_value(t, alpha, d, gamma),
                              lambda t: kaf_derivative(t, alpha, d, gamma), -15.0, 15.0)
    kaf_lo, kaf_hi = min(kaf_lo, 0.0), max(kaf_hi, 0.0)  # the Gaussians vanish at ±inf
    xs = np.linspace(-3, 3, 2001)
    elu = np.where(xs > 0, xs, np.expm1(np.minimum(xs, 0.0)))
    softplus = np.logaddexp(0.0, xs)
    return {
        "description": "Initial coefficients of keras_activations' learnable activations; "
                       "regenerate with scripts/fit_pau.py (do not edit by hand).",
        "pau": {
            "form": "P(x) / (1 + |b1 x + ... + bn x^n|); numerator [a0..am], denominator [b1..bn]",
            "grid": list(GRID),
            "leaky_relu_slope": LEAKY_SLOPE,
            "fits": fits,
        },
        "kaf": {
            "form": "sum_j alpha_j exp(-gamma (x - d_j)^2), d = linspace(-boundary, boundary, size)",
            "dictionary_size": KAF_SIZE,
            "boundary": KAF_BOUNDARY,
            "gamma": float(gamma),
            "alpha": [float(v) for v in alpha],
            "alpha_target": "softplus, non-negative least squares on the grid",
            "alpha_max_abs_error_on_[-3,3]": float(np.max(np.abs(kaf_value(xs, alpha, d, gamma) - softplus))),
            "output_range": [kaf_lo, kaf_hi],
            "elu_alpha": [float(v) for v in elu_alpha],
            "elu_ridge": KAF_RIDGE,
            "elu_max_abs_error_on_[-3,3]": float(np.max(np.abs(kaf_value(xs, elu_alpha, d, gamma) - elu))),
        },
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored file instead of writing")
    args = parser.parse_args(argv)
    data = build()
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    if args.check:
        stored = json.loads(OUT.read_text())
        fresh = json.loads(text)
        same = _close(stored, fresh)
        print("stored coefficients are up to date" if same else "stored coefficients DIFFER")
        return 0 if same else 1
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT}")
    for key, per in data["pau"]["fits"].items():
        for name, e in per.items():
            print(f"  PAU {key} {name:10s} max err {e['max_abs_error']:.2e}  range {e['output_range']}  "
                  f"monotonic {e['monotonic']}")
    k = data["kaf"]
    print(f"  KAF softplus (alpha >= 0) max err {k['alpha_max_abs_error_on_[-3,3]']:.2e} range {k['output_range']}")
    print(f"  KAF elu ridge max err {k['elu_max_abs_error_on_[-3,3]']:.2e}")
    return 0


def _close(a, b, rtol=1e-9):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_close(a[k], b[k], rtol) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_close(u, v, rtol) for u, v in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= rtol * max(abs(a), abs(b), 1e-300)
    return a == b


if __name__ == "__main__":
    sys.exit(main())
