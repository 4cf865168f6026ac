"""Activations with a periodic component."""

from __future__ import annotations

from keras import ops

from keras_activations import _numerics
from keras_activations._numerics import with_derivative
from keras_activations._registry import Parameter, activation


@activation(
    family="periodic",
    formula="x + sin²(a·x)/a",
    parameters=(Parameter("frequency", 1.0, minimum=0.0, exclusive_minimum=True,
                          description="the frequency a (trainable in the layer)"),),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Liu Ziyin, Hartwig & Ueda 2020, Neural networks fail to learn periodic functions and how to fix it, arXiv:2006.08195.",),
    aliases=(),
)
def snake(x, frequency=1.0):
    """Snake: x + sin²(a·x)/a, a periodic activation that keeps a linear trend.

    Args:
        x: input tensor.
        frequency: a > 0 (a tensor in the trainable layer); default 1.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.snake([1.0], frequency=2.0)  # [1.4134109]

    Reference:
        Liu Ziyin, Hartwig & Ueda (2020), "Neural networks fail to learn
        periodic functions and how to fix it", NeurIPS, arXiv:2006.08195.

    Numerics:
        sin²(a·x)/a is written as (1 − cos(2a·x))/(2a) nowhere: the sin² form
        keeps relative accuracy for small a·x. x = ±inf gives ±inf (the
        periodic part is taken as 0 where x, or a·x, is infinite: it is
        below x's rounding there).
    """
    def sin_squared_over_a(u):
        s = _numerics.sin(u)
        return s * s / frequency

    periodic = _numerics.bounded_periodic(sin_squared_over_a, x * frequency)  # 0 where a·x overflows
    return ops.where(ops.isinf(x), x, x + periodic)


@activation(
    family="periodic",
    formula="sin(ω₀·x), ω₀ = 30",
    parameters=(Parameter("w0", 30.0, minimum=0.0, exclusive_minimum=True,
                          description="the frequency ω₀ > 0 (SIREN: 30)"),),
    output_range=(-1.0, 1.0),
    properties=("continuous", "smooth", "zero_at_zero", "odd"),
    references=("Sitzmann, Martel, Bergman, Lindell & Wetzstein 2020, Implicit neural representations "
                "with periodic activation functions (SIREN), NeurIPS, arXiv:2006.09661.",),
    aliases=("siren",),
)
def sine(x, w0=30.0):
    """SIREN sine activation: sin(ω₀·x), by default ω₀ = 30.

    SIREN pairs it with a special weight initialisation (first layer
    U(−1/n, 1/n), later layers U(−√(6/n)/ω₀, √(6/n)/ω₀)); the activation alone
    is just the scaled sine.

    Args:
        x: input tensor.
        w0: ω₀ > 0; default 30 (the paper's value). ``w0=1`` gives plain sin(x).

    Returns:
        Values in [−1, 1], same shape and dtype as ``x``; NaN at ±inf (sin has
        no limit there).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sine([0.0, 0.05])  # [0., 0.997495]

    Reference:
        Sitzmann, Martel, Bergman, Lindell & Wetzstein (2020), "Implicit neural
        representations with periodic activation functions", NeurIPS,
        arXiv:2006.09661.

    Numerics:
        The native sin of ω₀·x. For |x| so large that ω₀·x overflows (finite
        x near the largest float), the phase is not representable anyway and
        sin(x) is returned (finite, in [−1, 1]) instead of sin(inf) = NaN.
    """
    t = x * ops.convert_to_tensor(w0, dtype=x.dtype)
    t = ops.where(ops.isinf(t) & ~ops.isinf(x), x, t)
    # Keras's sin of a float64 tensor is float32 on JAX; keep the input's dtype.
    return ops.cast(_numerics.sin(t), x.dtype)


@activation(
    family="periodic",
    formula="x·cos(x)",
    properties=("continuous", "smooth", "zero_at_zero", "odd"),
    references=("Noel, Trivedi, Dutta et al. 2021, Growing cosine unit: a novel oscillatory "
                "activation function that can speedup training and reduce parameters in "
                "convolutional neural networks, arXiv:2108.12943.",),
    layer_name="GCU",
)
def gcu(x):
    """Growing cosine unit: x·cos(x).

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``; unbounded and oscillating, NaN at ±inf
        (no limit).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gcu([0.0, 1.0])  # [0., 0.5403023]

    Reference:
        Noel, Trivedi, Dutta et al. (2021), "Growing cosine unit: a novel
        oscillatory activation function that can speedup training and reduce
        parameters in convolutional neural networks", arXiv:2108.12943.

    Numerics:
        One product with the native cos; gradient cos(x) − x·sin(x), finite
        for every finite x.
    """
    return x * _numerics.cos(x)


@activation(
    family="periodic",
    formula="x·sin(x)",
    properties=("continuous", "smooth", "zero_at_zero"),
    references=("Rahman, Makhdoom & Lu 2023, Amplifying sine unit: an oscillatory activation "
                "function for deep neural networks to recover nonlinear oscillations efficiently, "
                "arXiv:2304.09759.",),
    layer_name="ASU",
)
def asu(x):
    """Amplifying sine unit: x·sin(x).

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``; even, unbounded and oscillating, NaN at
        ±inf (no limit).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.asu([0.0, 1.0])  # [0., 0.84147096]

    Reference:
        Rahman, Makhdoom & Lu (2023), "Amplifying sine unit: an oscillatory
        activation function for deep neural networks to recover nonlinear
        oscillations efficiently", arXiv:2304.09759.

    Numerics:
        One product with the native sin; ≈ x² near 0, so relative accuracy
        holds down to the smallest floats. Gradient sin(x) + x·cos(x).
    """
    return x * _numerics.sin(x)


_SINC_SERIES_VALUE = 1e-4
_SINC_SERIES_DERIVATIVE = 0.5


def _sinc_value(x):
    a = ops.abs(x)
    small = a < _SINC_SERIES_VALUE
    safe = ops.where(small, ops.ones_like(x), x)
    direct = _numerics.sin(safe) / safe
    series = 1.0 - (x * x) * (1.0 / 6.0)  # error x⁴/120 < 1e-18 for |x| < 1e-4
    y = ops.where(small, series, direct)
    return ops.where(ops.isinf(x), ops.zeros_like(x), y)


def _sinc_derivative(x):
    # (x·cos x − sin x)/x² cancels for small |x|: use its Taylor series below 0.5
    # (−x/3 + x³/30 − x⁵/840 + x⁷/45360 − x⁹/3991680; next term < 1e-12 relative).
    a = ops.abs(x)
    small = a < _SINC_SERIES_DERIVATIVE
    xs = ops.where(small, x, ops.zeros_like(x))
    x2 = xs * xs
    series = xs * (-1.0 / 3.0 + x2 * (1.0 / 30.0 + x2 * (-1.0 / 840.0 + x2 * (1.0 / 45360.0
                                                                          - x2 / 3991680.0))))
    safe = ops.where(small | ops.isinf(x), ops.ones_like(x), x)
    direct = (_numerics.cos(safe) - _numerics.sin(safe) / safe) / safe
    d = ops.where(small, series, direct)
    return ops.where(ops.isinf(x), ops.zeros_like(x), d)


@activation(
    family="periodic",
    formula="sin(x)/x, with sinc(0) = 1",
    output_range=(-0.21723362821122166, 1.0),
    properties=("continuous", "smooth"),
    references=("The cardinal sine (Woodward 1952); used as an activation e.g. in Parascandolo, "
                "Huttunen & Virtanen 2016, Taming the waves: sine as activation function in deep "
                "neural networks, OpenReview.",),
)
def sinc(x):
    """Unnormalised cardinal sine: sin(x)/x, with sinc(0) = 1.

    Not NumPy's ``np.sinc``, which is the normalised sin(πx)/(πx): pass
    π·x for that.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.2172336, 1], same shape and dtype as ``x``; 0 at ±inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sinc([0.0, 3.1415927])  # [1., -2.7827534e-08]

    Reference:
        Woodward (1952), "Probability and information theory, with
        applications to radar"; as an activation, e.g. Parascandolo, Huttunen
        & Virtanen (2016), "Taming the waves: sine as activation function in
        deep neural networks".

    Numerics:
        1 − x²/6 below |x| = 1e-4 (so 0 and subnormals give 1, not 0/0);
        sin(x)/x elsewhere; 0 at ±inf. The gradient (x·cos x − sin x)/x² is
        given directly, by its Taylor series below |x| = 0.5 where the
        difference cancels: it is exactly 0 at x = 0, never NaN.
    """
    return with_derivative(_sinc_value, _sinc_derivative)(x)
