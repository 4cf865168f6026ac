"""Shrinkage: functions that pull small values towards zero."""

from __future__ import annotations

from keras import ops

from keras_activations._numerics import with_derivative
from keras_activations._registry import activation


def _tanh_shrink_value(x):
    # x - tanh(x) cancels for small |x|; there use the series
    # x³/3 - 2x⁵/15 + 17x⁷/315 - 62x⁹/2835, accurate to < 1 ulp for |x| < 0.25.
    small = ops.abs(x) < 0.25
    x2 = x * x
    series = x * x2 * (1.0 / 3.0 + x2 * (-2.0 / 15.0 + x2 * (17.0 / 315.0 + x2 * (-62.0 / 2835.0))))
    direct = x - ops.tanh(x)
    return ops.where(small, series, direct)


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
        near 0); for |x| < 0.25 the Taylor series to x⁹ is used instead. The
        gradient is the exact tanh²(x), recomputed from x, not the cancelling
        1 − (1 − tanh²).
    """
    return with_derivative(_tanh_shrink_value, _tanh_shrink_derivative)(x)
