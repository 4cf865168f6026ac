"""Shrinkage: functions that pull small values towards zero."""

from __future__ import annotations

import math

from keras import ops

from keras_activations._numerics import is_tensor_like, with_derivative
from keras_activations._registry import Parameter, activation


# x − tanh x = Σ cₖ x^(2k+1): x³/3 − 2x⁵/15 + 17x⁷/315 − 62x⁹/2835 + ... (from the tanh series,
# Bernoulli numbers); through x¹⁹ the truncation error is below 1e−14 relative for |x| ≤ 0.25.
_TANH_SHRINK_SERIES = (
    1.0 / 3.0, -2.0 / 15.0, 17.0 / 315.0, -62.0 / 2835.0, 1382.0 / 155925.0, -21844.0 / 6081075.0,
    929569.0 / 638512875.0, -6404582.0 / 10854718875.0, 443861162.0 / 1856156927625.0,
)


def _tanh_shrink_series(x):
    x2 = x * x
    acc = _TANH_SHRINK_SERIES[-1]
    for c in reversed(_TANH_SHRINK_SERIES[:-1]):
        acc = c + x2 * acc
    return x * x2 * acc


def _tanh_shrink_double(g_half, y_half):
    """g(2y) from g(y) = y − tanh(y): (2·g(y) + 2y·t²)/(1 + t²), t = tanh(y).

    From tanh(2y) = 2t/(1 + t²): 2y − tanh(2y) = (2(y − t) + 2y·t²)/(1 + t²), a sum of
    terms of one sign, so nothing cancels.
    """
    t = ops.tanh(y_half)
    t2 = t * t
    return (2.0 * g_half + (2.0 * y_half) * t2) / (1.0 + t2)


def _tanh_shrink_value(x):
    # x − tanh(x) cancels for |x| < 1 (it loses log2(x/(x − tanh x)) bits: all of them near
    # 0). There: the series for |x| < 0.25; for 0.25 ≤ |x| < 1 the series at x/2 or x/4
    # carried up by the cancellation-free doubling formula once or twice. Beyond 1, directly.
    ax = ops.abs(x)
    near = ax < 1.0
    scale = ops.where(ax < 0.25, ops.ones_like(x), ops.where(ax < 0.5, ops.full_like(x, 0.5),
                                                             ops.full_like(x, 0.25)))
    b = ops.where(near, x * scale, ops.zeros_like(x))  # |b| < 0.25; exact (power-of-two scale)
    g = _tanh_shrink_series(b)
    g2 = _tanh_shrink_double(g, b)
    g4 = _tanh_shrink_double(g2, 2.0 * b)
    small = ops.where(ax < 0.25, g, ops.where(ax < 0.5, g2, g4))
    return ops.where(near, small, x - ops.tanh(x))


def _tanh_shrink_derivative(x):
    t = ops.tanh(x)
    return t * t


@activation(
    family="shrinkage",
    formula="x − tanh(x)",
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("PyTorch torch.nn.Tanhshrink; TF Addons tanhshrink.",),
    aliases=("tanhshrink",),
    keras_name="tanh_shrink",
    torch_name="tanhshrink",
)
def tanh_shrink(x):
    """Tanh shrink: x − tanh(x).

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``; ≈ x³/3 near 0.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.tanh_shrink([1e-4])  # [3.3333333e-13]

    Reference:
        PyTorch ``torch.nn.Tanhshrink``; TF Addons ``tfa.activations.tanhshrink``.

    Numerics:
        x − tanh(x) loses every digit for small |x| (Keras is up to 230% wrong
        near 0) and some for |x| < 1. For |x| < 0.25 the Taylor series to x¹⁹
        is used; for 0.25 ≤ |x| < 1, the series at x/2 or x/4 is carried up by
        2y − tanh 2y = (2(y − tanh y) + 2y·tanh²y)/(1 + tanh²y), which adds
        terms of one sign and cannot cancel; beyond, x − tanh(x) directly. The
        gradient is the exact tanh²(x), recomputed from x, not the cancelling
        1 − (1 − tanh²).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return with_derivative(_tanh_shrink_value, _tanh_shrink_derivative)(x)


_SHRINK_PARAMETERS = (
    Parameter("threshold", 0.5, minimum=0.0,
              description="λ ≥ 0, the half-width of the symmetric dead zone [−λ, λ] (Keras, PyTorch `lambd`)"),
    Parameter("lower", None,
              description="TF Addons' lower edge of the dead zone; None (default) means −threshold"),
    Parameter("upper", None,
              description="TF Addons' upper edge of the dead zone; None (default) means threshold"),
)


def _dead_zone(owner, threshold, lower, upper):
    """The dead zone [lo, hi] from (threshold, lower, upper), validated."""
    for name, value in (("lower", lower), ("upper", upper)):
        if value is None or is_tensor_like(value):
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise ValueError(
                f"{owner}: `{name}` must be a real number or None; received {value!r}. "
                f"Pass a number (TF Addons' form) or leave it None to use ±threshold."
            )
    lo = -threshold if lower is None else lower
    hi = threshold if upper is None else upper
    if not (is_tensor_like(lo) or is_tensor_like(hi)) and lo > hi:
        raise ValueError(
            f"{owner}: the dead zone needs lower ≤ upper; received lower={lo!r}, upper={hi!r} "
            f"(threshold={threshold!r}). Swap them, or pass a single threshold λ ≥ 0 for [−λ, λ]."
        )
    return lo, hi


def _no_dead_zone(lo, hi):
    """True for the zone [0, 0]: both shrinkages are then the identity (gradient 1 at 0)."""
    return isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo == 0 and hi == 0


@activation(
    family="shrinkage",
    formula="x if x < −λ or x > λ else 0 (TF Addons: x if x < lower or x > upper else 0)",
    parameters=_SHRINK_PARAMETERS,
    properties=("monotonic", "zero_at_zero", "odd", "piecewise_linear"),
    references=(
        "Donoho & Johnstone 1994, Ideal spatial adaptation by wavelet shrinkage, Biometrika 81 (hard thresholding).",
        "PyTorch torch.nn.Hardshrink; Keras keras.activations.hard_shrink; TF Addons tfa.activations.hardshrink.",
    ),
    aliases=("hardshrink",),
    keras_name="hard_shrink",
    torch_name="hardshrink",
    validate=lambda p, owner: _dead_zone(owner, p["threshold"], p["lower"], p["upper"]),
)
def hard_shrink(x, threshold=0.5, lower=None, upper=None):
    """Hard shrinkage: x outside the dead zone [−λ, λ], 0 inside.

    Args:
        x: input tensor.
        threshold: λ ≥ 0; default 0.5 (Keras ``threshold``, PyTorch ``lambd``).
        lower: TF Addons' asymmetric form ``hardshrink(x, lower, upper)``: the
            lower edge of the dead zone, any real number ≤ ``upper``; default
            None, meaning −threshold.
        upper: the upper edge; default None, meaning threshold. TF Addons'
            defaults (−0.5, 0.5) equal ours, so ``Addons>hardshrink`` loads as
            this function.

    Returns:
        x where x < lower or x > upper, else 0; same shape and dtype as ``x``;
        NaN stays NaN.

    Raises:
        ValueError: if ``lower``/``upper`` is not a number or None, or if the
            resulting lower edge exceeds the upper one.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.hard_shrink([-1.0, 0.2, 0.7])  # [-1., 0., 0.7]
    >>> y = ka.hardshrink([-1.0, 0.2, 0.7], lower=-2.0, upper=0.5)  # [0., 0., 0.7]

    Reference:
        Donoho & Johnstone (1994), "Ideal spatial adaptation by wavelet
        shrinkage", Biometrika 81; PyTorch ``torch.nn.Hardshrink``, Keras
        ``keras.activations.hard_shrink``, TF Addons ``hardshrink``.

    Numerics:
        Exact. The edges belong to the dead zone (f(±λ) = 0, as in all three
        libraries); the function jumps there and the gradient at an edge is 0.
        With λ = 0 (zone [0, 0]) it is the identity, gradient 1 everywhere.
        Declared properties (odd, monotonic) are those of the symmetric
        default; an asymmetric zone is not odd.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    lo, hi = _dead_zone("hard_shrink", threshold, lower, upper)
    if _no_dead_zone(lo, hi):
        return x
    dead = (x >= lo) & (x <= hi)  # NaN is not in the dead zone, so it passes through
    return ops.where(dead, ops.zeros_like(x), x)


@activation(
    family="shrinkage",
    formula="x − λ if x > λ; x + λ if x < −λ; else 0 (TF Addons: x − upper, x − lower)",
    parameters=_SHRINK_PARAMETERS,
    properties=("monotonic", "continuous", "zero_at_zero", "odd", "piecewise_linear"),
    references=(
        "Donoho 1995, De-noising by soft-thresholding, IEEE Trans. Information Theory 41 (soft thresholding).",
        "PyTorch torch.nn.Softshrink; Keras keras.activations.soft_shrink; TF Addons tfa.activations.softshrink.",
    ),
    aliases=("softshrink",),
    keras_name="soft_shrink",
    torch_name="softshrink",
    validate=lambda p, owner: _dead_zone(owner, p["threshold"], p["lower"], p["upper"]),
)
def soft_shrink(x, threshold=0.5, lower=None, upper=None):
    """Soft shrinkage: 0 inside the dead zone [−λ, λ], shifted towards 0 by λ outside.

    Args:
        x: input tensor.
        threshold: λ ≥ 0; default 0.5 (Keras ``threshold``, PyTorch ``lambd``).
        lower: TF Addons' asymmetric form ``softshrink(x, lower, upper)``: the
            lower edge, any real number ≤ ``upper``; default None, meaning
            −threshold. Below it the result is x − lower.
        upper: the upper edge; default None, meaning threshold. Above it the
            result is x − upper. TF Addons' defaults (−0.5, 0.5) equal ours.

    Returns:
        Same shape and dtype as ``x``; NaN stays NaN.

    Raises:
        ValueError: if ``lower``/``upper`` is not a number or None, or if the
            resulting lower edge exceeds the upper one.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.soft_shrink([-1.0, 0.2, 0.7])  # [-0.5, 0., 0.2]
    >>> y = ka.softshrink([-3.0, 0.7], lower=-2.0, upper=0.5)  # [-1., 0.2]

    Reference:
        Donoho (1995), "De-noising by soft-thresholding", IEEE Transactions on
        Information Theory 41; PyTorch ``torch.nn.Softshrink``, Keras
        ``keras.activations.soft_shrink``, TF Addons ``softshrink``.

    Numerics:
        One subtraction outside the dead zone, exact zeros inside. The slope
        jumps from 1 to 0 at the edges; the gradient there is 0 (with λ = 0 the
        function is the identity, gradient 1 everywhere). Declared
        properties (odd) are those of the symmetric default.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    lo, hi = _dead_zone("soft_shrink", threshold, lower, upper)
    if _no_dead_zone(lo, hi):
        return x
    dead = (x >= lo) & (x <= hi)
    shifted = ops.where(x > hi, x - hi, x - lo)
    return ops.where(dead, ops.zeros_like(x), shifted)
