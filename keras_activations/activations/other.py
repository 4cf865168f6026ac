"""Other fixed elementwise functions: exponential, symlog, symexp, signed square root."""

from __future__ import annotations

import keras
from keras import ops

from keras_activations._numerics import safe_where, with_derivative
from keras_activations._registry import activation

_DREAMER_REF = ("Hafner, Pasukonis, Ba & Lillicrap 2023, Mastering diverse domains through world models "
                "(DreamerV3), arXiv:2301.04104.")


@activation(
    family="other",
    formula="eˣ",
    output_range=(0.0, float("inf")),
    properties=("monotonic", "continuous", "smooth"),
    references=("The exponential function; Keras keras.activations.exponential.",),
    aliases=("exp",),
    keras_name="exponential",
)
def exponential(x):
    """Exponential activation: eˣ.

    Args:
        x: input tensor.

    Returns:
        Values in (0, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.exponential([0.0, 1.0])  # [1., 2.7182817]

    Reference:
        Keras ``keras.activations.exponential``; used e.g. for positive outputs
        such as Poisson rates.

    Numerics:
        The backends' native exp: e^(−inf) = 0 with gradient 0; overflows to inf
        (the correctly rounded value) for x > 88.72 in float32, 11.09 in
        float16; the gradient eˣ is computed from the output.
    """
    return ops.exp(x)


@activation(
    family="other",
    formula="sign(x)·ln(1 + |x|)",
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=(_DREAMER_REF,),
)
def symlog(x):
    """Symmetric logarithm: sign(x)·ln(1 + |x|).

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``; odd, ≈ x near 0, ≈ ±ln|x| far from it.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.symlog([-9.0, 0.0, 9.0])  # [-2.3025851, 0., 2.3025851]

    Reference:
        Hafner, Pasukonis, Ba & Lillicrap (2023), "Mastering diverse domains
        through world models" (DreamerV3), arXiv:2301.04104; Webber (2012) for
        the bi-symmetric log transform.

    Numerics:
        log1p(|x|) on each side (accurate for tiny x, where ln(1 + |x|) would
        round to 0), written as two branches so that −0 gives −0 and NaN stays
        NaN. Continuously differentiable: gradient 1/(1 + |x|), 1 at 0, 0 at
        ±inf; f(±inf) = ±inf.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x < 0, x, lambda v: -ops.log1p(-v), ops.log1p)


@activation(
    family="other",
    formula="sign(x)·(e^|x| − 1)",
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=(_DREAMER_REF,),
)
def symexp(x):
    """Symmetric exponential, the inverse of ``symlog``: sign(x)·(e^|x| − 1).

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.symexp([-1.0, 0.0, 1.0])  # [-1.7182817, 0., 1.7182817]

    Reference:
        Hafner, Pasukonis, Ba & Lillicrap (2023), "Mastering diverse domains
        through world models" (DreamerV3), arXiv:2301.04104.

    Numerics:
        expm1(|x|) on each side (no cancellation near 0); each branch sees only
        its own sign, so the discarded branch cannot overflow into the
        gradient. Overflows to ±inf (the correctly rounded value) for
        |x| > 88.72 in float32; the gradient e^|x| is 1 at 0.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x < 0, x, lambda v: -ops.expm1(-v), ops.expm1)


def _signed_sqrt_value(x):
    root = ops.sqrt(ops.abs(x))
    return ops.where(x < 0, -root, root)


def _signed_sqrt_derivative(x):
    dtype = keras.backend.standardize_dtype(x.dtype)
    tiny = {"float64": 2.2250738585072014e-308}.get(dtype, 1.1754943508222875e-38)
    # max(|x|, tiny) by where (NaN kept): Keras 3.15's torch maximum returns float32 for float64 input
    a = ops.abs(x)
    return 0.5 / ops.sqrt(ops.where(a < tiny, ops.full_like(x, tiny), a))


@activation(
    family="other",
    formula="sign(x)·√|x|",
    properties=("monotonic", "continuous", "zero_at_zero", "odd"),
    references=("The signed square root (power normalisation), e.g. Perronnin, Sánchez & Mensink 2010, "
                "Improving the Fisher kernel for large-scale image classification, ECCV.",),
)
def signed_sqrt(x):
    """Signed square root: sign(x)·√|x|.

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.signed_sqrt([-4.0, 0.0, 9.0])  # [-2., 0., 3.]

    Reference:
        Perronnin, Sánchez & Mensink (2010), "Improving the Fisher kernel for
        large-scale image classification", ECCV (power normalisation with
        exponent 1/2); Lin, RoyChowdhury & Maji (2015), bilinear CNNs.

    Numerics:
        √|x| is correctly rounded. The derivative 1/(2√|x|) is infinite at
        x = 0; the gradient there (and for |x| below the smallest normal number)
        is 1/(2√tiny), tiny the smallest normal number of the dtype (≈ 4.6e18 in
        float32, 3.4e153 in float64): finite, so that a zero upstream gradient
        gives 0 and never 0·inf = NaN. Elsewhere the gradient is exact, and 0
        at ±inf.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return with_derivative(_signed_sqrt_value, _signed_sqrt_derivative)(x)
