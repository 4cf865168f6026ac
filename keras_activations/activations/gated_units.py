"""Gaussian-CDF and sigmoid-weighted units: x times a gate computed from x."""

from __future__ import annotations

from keras import ops

from keras_activations import _numerics
from keras_activations._registry import Parameter, activation


@activation(
    family="gated_unit",
    formula="x·σ(x)",
    output_range=(-0.27846454276107379510935873902298, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=(
        "Ramachandran, Zoph & Le 2017, Searching for activation functions, arXiv:1710.05941.",
        "Elfwing, Uchibe & Doya 2017, Sigmoid-weighted linear units, arXiv:1702.03118.",
        "Hendrycks & Gimpel 2016, arXiv:1606.08415 (as SiLU).",
    ),
    aliases=("swish",),
    layer_name="SiLU",
    keras_name="silu",
    torch_name="silu",
    featured=True,
)
def silu(x):
    """Sigmoid-weighted linear unit (Swish with β = 1): x·σ(x).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.2785, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.silu([0.0, 1.0])  # [0., 0.7310586]

    Reference:
        Ramachandran, Zoph & Le (2017), arXiv:1710.05941; Elfwing, Uchibe & Doya
        (2017), arXiv:1702.03118.

    Numerics:
        x·σ(x) with the native sigmoid. At x = −inf, x·σ(x) is −inf·0 = NaN, so
        the product is taken only where σ(x) > 0 and the limit 0 is used
        elsewhere; +inf gives +inf.
    """
    s = ops.sigmoid(x)
    return ops.where(s > 0, x * s, ops.zeros_like(x))


@activation(
    family="gated_unit",
    formula="x·Φ(x) (exact) or 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) (approximate)",
    parameters=(Parameter("approximate", False, choices=(False, True),
                          description="use the tanh approximation"),),
    output_range=(-0.16997120747813317, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415.",),
    layer_name="GELU",
    keras_name="gelu",
    torch_name="gelu",
)
def gelu(x, approximate=False):
    """Gaussian error linear unit: x·Φ(x), Φ the standard normal CDF.

    Args:
        x: input tensor.
        approximate: if True, the tanh form
            0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (TF Addons, JAX and the
            Hugging Face ``gelu_new`` default); if False (default, as Keras and
            PyTorch), the exact form.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gelu([1.0])  # [0.8413447]

    Reference:
        Hendrycks & Gimpel (2016), "Gaussian error linear units (GELUs)",
        arXiv:1606.08415.

    Numerics:
        Exact form as 0.5·x·erfc(−x/√2): no 1 + erf cancellation, so it stays
        accurate in the left tail (Keras's PyTorch path is 100% wrong near
        x = −11.7). Tanh form as x·σ(2u), u = √(2/π)(x + 0.044715x³), with u
        clamped so that x³ cannot overflow to inf − inf. x = −inf gives 0.
    """
    if approximate:
        big = 1e6
        xc = ops.clip(x, -big, big)
        u = _numerics.SQRT_2_OVER_PI * (xc + 0.044715 * xc * xc * xc)
        gate = ops.sigmoid(2.0 * u)
    else:
        gate = _numerics.normal_cdf(x)
    return ops.where(gate > 0, x * gate, ops.zeros_like(x))
