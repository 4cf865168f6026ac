"""Sigmoid-like squashing functions: bounded, mostly monotonic S-curves.

The stable softplus helpers used here and in ``softplus_family`` live at the
top of this module (``_softplus_value`` and ``_log_sigmoid_value``): they are
exact for every input, never overflow, and keep NaN.
"""

from __future__ import annotations

import math

from keras import ops

from keras_activations import _export, _numerics
from keras_activations._numerics import softplus_value as _softplus_value
from keras_activations._numerics import with_derivative
from keras_activations._registry import Parameter, activation, variant


def _const(value, x):
    """``value`` as a scalar tensor of ``x``'s dtype (converted directly: casting a Python float
    goes through float32 on TensorFlow)."""
    return ops.convert_to_tensor(value, dtype=x.dtype)


def _log_sigmoid_value(x):
    """ln σ(x) = −softplus(−x) = min(x, 0) − log1p(e^(−|x|))."""
    return -_softplus_value(-x)


def _hard_sigmoid_math(x, slope, offset):
    # clip(slope·x + offset, 0, 1) written as slope·(x + offset/slope): x + 3 is exact near the
    # lower kink, where slope·x + offset would cancel. Comparisons keep NaN (clip may not).
    lower = -offset / slope
    upper = (1.0 - offset) / slope
    line = (x + _const(offset / slope, x)) * _const(slope, x)
    return ops.where(
        x <= lower, ops.zeros_like(x), ops.where(x >= upper, ops.ones_like(x), line)
    )


# ---------------------------------------------------------------------------------------------
# softsign


def _softsign_value(x):
    y = x / (1.0 + ops.abs(x))
    # inf / inf = NaN: the limits are ±1.
    return ops.where(ops.isinf(x), ops.sign(x), y)


def _softsign_derivative(x):
    r = 1.0 / (1.0 + ops.abs(x))
    return r * r


@activation(
    family="sigmoid",
    formula="x / (1 + |x|)",
    output_range=(-1.0, 1.0),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=(
        "Bergstra, Desjardins, Lamblin & Bengio 2009, Quadratic polynomials learn better image "
        "features, Technical Report 1337, Université de Montréal.",
        "Turian, Bergstra & Bengio 2009, Quadratic features and deep architectures for chunking, NAACL.",
    ),
    keras_name="softsign",
    torch_name="softsign",
    featured=True,
)
def softsign(x):
    """Softsign: x / (1 + |x|), a squashing function with polynomial tails.

    Args:
        x: input tensor.

    Returns:
        Values in (−1, 1), same shape and dtype as ``x``; ±1 at ±inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.softsign([-1.0, 0.0, 3.0])  # [-0.5, 0., 0.75]

    Reference:
        Bergstra, Desjardins, Lamblin & Bengio (2009), "Quadratic polynomials
        learn better image features", Technical Report 1337, Université de
        Montréal; Turian, Bergstra & Bengio (2009), NAACL workshop.

    Numerics:
        x / (1 + |x|) is NaN at ±inf (inf/inf; Keras's softsign returns NaN
        there): the limits ±1 are returned instead. The gradient is the exact
        1/(1 + |x|)², recomputed from ``x`` (autodiff of the quotient cancels
        for large |x| and is NaN at ±inf); it is 1 at x = 0. Half types are
        computed in float32.
    """
    return with_derivative(_softsign_value, _softsign_derivative)(x)


# ---------------------------------------------------------------------------------------------
# hard sigmoid (two conventions), sparse sigmoid, hard tanh


@activation(
    family="sigmoid",
    formula="clip(s·x + o, 0, 1); s = 1/6, o = 1/2: relu6(x + 3)/6",
    parameters=(
        Parameter("slope", 1.0 / 6.0, minimum=0.0, exclusive_minimum=True,
                  description="the slope s of the linear part (Keras 3 / PyTorch 1/6; Keras 2 0.2)"),
        Parameter("offset", 0.5, description="the value o at x = 0 before clipping"),
    ),
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "piecewise_linear"),
    references=(
        "Howard et al. 2019, Searching for MobileNetV3, arXiv:1905.02244 (relu6(x + 3)/6).",
        "Courbariaux, Bengio & David 2015, BinaryConnect, arXiv:1511.00363 (the hard sigmoid).",
    ),
    aliases=("hardsigmoid",),
    keras_name="hard_sigmoid",
    torch_name="hardsigmoid",
)
def hard_sigmoid(x, slope=1.0 / 6.0, offset=0.5):
    """Hard sigmoid: clip(s·x + o, 0, 1), by default relu6(x + 3)/6 (Keras 3, PyTorch, timm).

    Libraries disagree on the slope: Keras 3, PyTorch ``Hardsigmoid`` and timm
    use relu6(x + 3)/6 (slope 1/6, the default here); Keras 2 and TensorFlow 1
    used clip(0.2·x + 0.5, 0, 1), registered separately as
    ``hard_sigmoid_keras2`` (or pass ``slope=0.2``).

    Args:
        x: input tensor.
        slope: s > 0; default 1/6. The function is 0 for x ≤ −o/s and 1 for
            x ≥ (1 − o)/s.
        offset: o, any real number; default 0.5.

    Returns:
        Values in [0, 1], same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.hard_sigmoid([-4.0, 0.0, 1.5, 4.0])  # [0., 0.5, 0.75, 1.]

    Reference:
        Howard et al. (2019), "Searching for MobileNetV3", arXiv:1905.02244;
        Courbariaux, Bengio & David (2015), "BinaryConnect", arXiv:1511.00363.

    Numerics:
        Computed as s·(x + o/s), so the lower corner (x = −3 by default) has no
        cancellation: s·x + o would lose every digit just above x = −3. The
        gradient is s inside, 0 outside; at the two kinks it is 0 (the
        clipped side), as in Keras and PyTorch. Exact in half precision up to
        the final rounding.
    """
    return _hard_sigmoid_math(x, slope, offset)


hard_sigmoid_keras2 = variant(
    "hard_sigmoid_keras2",
    hard_sigmoid,
    slope=0.2,
    formula="clip(0.2·x + 0.5, 0, 1)",
    references=("Keras 2 `keras.activations.hard_sigmoid` (Chollet et al. 2015), TensorFlow 1 "
                "`tf.keras.backend.hard_sigmoid`.",),
    summary="Hard sigmoid in the Keras 2 form: clip(0.2·x + 0.5, 0, 1).",
)


@activation(
    family="sigmoid",
    formula="0 if x ≤ −1, (x + 1)/2 if −1 < x < 1, 1 if x ≥ 1",
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "piecewise_linear"),
    references=(
        "Blondel, Martins & Niculae 2020, Learning with Fenchel-Young losses, JMLR 21, "
        "arXiv:1901.02324 (section 6.2).",
    ),
    keras_name="sparse_sigmoid",
)
def sparse_sigmoid(x):
    """Sparse sigmoid: 0 for x ≤ −1, (x + 1)/2 on (−1, 1), 1 for x ≥ 1 (Keras, JAX).

    It is the derivative of ``sparse_plus`` and the hard sigmoid with slope
    1/2: ``hard_sigmoid(x, slope=0.5)``.

    Args:
        x: input tensor.

    Returns:
        Values in [0, 1], same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sparse_sigmoid([-2.0, 0.0, 0.5, 2.0])  # [0., 0.5, 0.75, 1.]

    Reference:
        Blondel, Martins & Niculae (2020), "Learning with Fenchel-Young
        losses", JMLR 21, arXiv:1901.02324, section 6.2.

    Numerics:
        (x + 1)/2 is exact near x = −1. Gradient 1/2 inside, 0 outside and at
        the kinks x = ±1.
    """
    return _hard_sigmoid_math(x, 0.5, 0.5)


def _check_bounds(min_val, max_val, owner):
    if not (_numerics.is_tensor_like(min_val) or _numerics.is_tensor_like(max_val)):
        if not min_val < max_val:
            raise ValueError(
                f"{owner}: `min_val` must be smaller than `max_val`; received min_val={min_val!r}, "
                f"max_val={max_val!r}. Pass bounds with min_val < max_val (default -1.0 and 1.0)."
            )


@activation(
    family="sigmoid",
    formula="clip(x, min_val, max_val), default clip(x, −1, 1)",
    parameters=(
        Parameter("min_val", -1.0, description="the lower bound (PyTorch `min_val`)"),
        Parameter("max_val", 1.0, description="the upper bound (PyTorch `max_val`), above min_val"),
    ),
    output_range=(-1.0, 1.0),
    properties=("monotonic", "continuous", "zero_at_zero", "odd", "piecewise_linear"),
    references=(
        "Collobert 2004, Large scale machine learning, PhD thesis, Université Paris VI (HardTanh).",
        "PyTorch torch.nn.Hardtanh(min_val=-1.0, max_val=1.0).",
    ),
    aliases=("hardtanh",),
    keras_name="hard_tanh",
    torch_name="hardtanh",
    validate=lambda p, owner: _check_bounds(p["min_val"], p["max_val"], owner),
)
def hard_tanh(x, min_val=-1.0, max_val=1.0):
    """Hard tanh: clip(x, min_val, max_val), by default clip(x, −1, 1).

    Args:
        x: input tensor.
        min_val: the lower bound, any real number below ``max_val``; default −1
            (the PyTorch name and default).
        max_val: the upper bound, above ``min_val``; default 1.

    Returns:
        Values in [min_val, max_val], same shape and dtype as ``x``; NaN stays NaN.

    Raises:
        ValueError: if ``min_val >= max_val``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.hard_tanh([-3.0, 0.5, 3.0])  # [-1., 0.5, 1.]
    >>> y = ka.hard_tanh([-3.0, 3.0], min_val=0.0, max_val=6.0)  # [0., 3.] (relu6-like)

    Reference:
        Collobert (2004), "Large scale machine learning", PhD thesis,
        Université Paris VI; PyTorch ``torch.nn.Hardtanh``.

    Numerics:
        Exact. Written with comparisons rather than ``clip`` so that NaN stays
        NaN on every backend. Gradient 1 inside [min_val, max_val] with the
        kinks included (as Keras/JAX; PyTorch takes 0 at the kinks), 0
        outside. The declared properties (odd, zero at zero, range [−1, 1])
        are those of the defaults.
    """
    _check_bounds(min_val, max_val, "hard_tanh")
    lo = min_val if _numerics.is_tensor_like(min_val) else _const(min_val, x)
    hi = max_val if _numerics.is_tensor_like(max_val) else _const(max_val, x)
    return ops.where(x < lo, ops.zeros_like(x) + lo, ops.where(x > hi, ops.zeros_like(x) + hi, x))


# ---------------------------------------------------------------------------------------------
# smooth squashing functions

_LECUN_SCALE = 1.7159


@activation(
    family="sigmoid",
    formula="A·tanh(B·x), A = 1.7159, B = 2/3",
    parameters=(
        Parameter("scale", _LECUN_SCALE, minimum=0.0, exclusive_minimum=True,
                  description="the amplitude A (LeCun: 1.7159, so that f(±1) ≈ ±1)"),
        Parameter("slope", 2.0 / 3.0, minimum=0.0, exclusive_minimum=True,
                  description="the input scale B (LeCun: 2/3)"),
    ),
    output_range=(-_LECUN_SCALE, _LECUN_SCALE),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("LeCun, Bottou, Orr & Müller 1998, Efficient BackProp, in Neural Networks: Tricks "
                "of the Trade, LNCS 1524.",),
    aliases=("lecun_tanh",),
)
def scaled_tanh(x, scale=_LECUN_SCALE, slope=2.0 / 3.0):
    """LeCun's scaled tanh: 1.7159·tanh(2x/3).

    The constants make f(±1) ≈ ±1 (to 3e-6) and keep the gain near 1 around the
    origin, the recommendation of "Efficient BackProp".

    Args:
        x: input tensor.
        scale: A > 0; default 1.7159.
        slope: B > 0; default 2/3.

    Returns:
        Values in (−A, A), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.scaled_tanh([1.0])  # [0.9999973]

    Reference:
        LeCun, Bottou, Orr & Müller (1998), "Efficient BackProp", in Neural
        Networks: Tricks of the Trade, LNCS 1524, section 4.4.

    Numerics:
        The native tanh: ±A at ±inf; the gradient A·B·(1 − tanh²) is finite
        everywhere.
    """
    return _const(scale, x) * ops.tanh(_const(slope, x) * x)


@activation(
    family="sigmoid",
    formula="arctan(x)",
    output_range=(-math.pi / 2, math.pi / 2),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("The inverse tangent as a squashing function; e.g. Kamruzzaman & Aziz 2002, A note on "
                "activation function in multilayer feedforward learning, IJCNN.",),
    aliases=("atan",),
)
def arctan(x):
    """Arctangent: arctan(x), a sigmoid-shaped function with polynomial tails.

    Args:
        x: input tensor.

    Returns:
        Values in (−π/2, π/2), same shape and dtype as ``x``; ±π/2 at ±inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.arctan([1.0])  # [0.7853982]

    Reference:
        The inverse tangent squashing function, e.g. Kamruzzaman & Aziz
        (2002), "A note on activation function in multilayer feedforward
        learning", IJCNN.

    Numerics:
        The native arctan; gradient 1/(1 + x²), which is 0 (not NaN) where x²
        overflows.
    """
    # Keras's arctan of a float64 tensor is float32 on JAX; keep the input's dtype.
    return ops.cast(ops.arctan(x), x.dtype)


def _elliott_value(x):
    # 0.5·x/(1+|x|) + 0.5 cancels for x ≪ 0; the same function is 0.5/(1+|x|) for x < 0 and
    # 1 − 0.5/(1+|x|) for x ≥ 0, with no cancellation and no inf/inf at ±inf.
    u = 0.5 / (1.0 + ops.abs(x))
    return ops.where(x < 0, u, 1.0 - u)


def _elliott_derivative(x):
    r = 1.0 / (1.0 + ops.abs(x))
    return 0.5 * r * r


@activation(
    family="sigmoid",
    formula="0.5·x/(1 + |x|) + 0.5",
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "smooth"),
    references=("Elliott 1993, A better activation function for artificial neural networks, "
                "ISR Technical Report TR 93-8, University of Maryland.",),
    aliases=("elliott_sigmoid",),
)
def elliott(x):
    """Elliott sigmoid: 0.5·x/(1 + |x|) + 0.5, a cheap logistic-shaped function.

    Args:
        x: input tensor.

    Returns:
        Values in (0, 1), same shape and dtype as ``x``; 0 and 1 at ∓inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.elliott([-1.0, 0.0, 1.0])  # [0.25, 0.5, 0.75]

    Reference:
        Elliott (1993), "A better activation function for artificial neural
        networks", ISR Technical Report TR 93-8, University of Maryland.

    Numerics:
        Written as 0.5/(1 + |x|) for x < 0 and 1 − 0.5/(1 + |x|) for x ≥ 0:
        the textbook form cancels for x ≪ 0 (it returns 0 long before the
        true value underflows). Gradient 0.5/(1 + |x|)², exact, 0 at ±inf.
    """
    return with_derivative(_elliott_value, _elliott_derivative)(x)


def _isru_parts(x, alpha):
    # x/√(1+αx²) for |x| ≤ 1; sign(x)/√(α + 1/x²) for |x| > 1, where x² would overflow.
    a = ops.abs(x)
    big = a > 1.0
    xs = ops.where(big, ops.ones_like(x), x)
    xb = ops.where(big, x, ops.ones_like(x))
    inv_small = ops.rsqrt(1.0 + alpha * (xs * xs))
    rb = 1.0 / xb
    inv_big = ops.rsqrt(alpha + rb * rb)
    return big, xs, xb, rb, inv_small, inv_big


def _isru_math(x, alpha):
    def value(v):
        big, xs, xb, _, inv_small, inv_big = _isru_parts(v, alpha)
        return ops.where(big, ops.sign(xb) * inv_big, xs * inv_small)

    def derivative(v):
        big, _, _, rb, inv_small, inv_big = _isru_parts(v, alpha)
        ar = ops.abs(rb)
        return ops.where(big, (ar * inv_big) ** 3, inv_small**3)

    return with_derivative(value, derivative)(x)


@activation(
    family="sigmoid",
    formula="x / √(1 + α·x²)",
    parameters=(Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True,
                          description="α > 0; the output lies in (−1/√α, 1/√α)"),),
    output_range=(-1.0, 1.0),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("Carlile, Delamarter, Kinney, Marti & Whitney 2017, Improving deep learning by "
                "inverse square root linear units (ISRLUs), arXiv:1710.09967.",),
    layer_name="ISRU",
)
def isru(x, alpha=1.0):
    """Inverse square root unit: x / √(1 + α·x²).

    Args:
        x: input tensor.
        alpha: α > 0; default 1. The output range is (−1/√α, 1/√α).

    Returns:
        Same shape and dtype as ``x``; ±1/√α at ±inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.isru([1.0], alpha=3.0)  # [0.5]

    Reference:
        Carlile, Delamarter, Kinney, Marti & Whitney (2017), "Improving deep
        learning by inverse square root linear units (ISRLUs)",
        arXiv:1710.09967.

    Numerics:
        For |x| > 1 the equivalent sign(x)/√(α + 1/x²) is used, so x² cannot
        overflow (the naive form returns 0 for |x| > 1.8e19 in float32 and NaN
        at ±inf). The gradient (1 + αx²)^(−3/2) is computed directly (autodiff
        of the quotient cancels for large |x|). ``alpha`` must be a Python
        number.
    """
    return _isru_math(x, alpha)


def _sqnl_clamped(x):
    two = ops.full_like(x, 2.0)
    return ops.where(x > 2.0, two, ops.where(x < -2.0, -two, x))


@activation(
    family="sigmoid",
    formula="1 if x > 2; x − x²/4 if 0 ≤ x ≤ 2; x + x²/4 if −2 ≤ x < 0; −1 if x < −2",
    output_range=(-1.0, 1.0),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("Wuraola & Patel 2018, SQNL: A new computationally efficient activation function, "
                "IJCNN 2018, doi:10.1109/IJCNN.2018.8489043.",),
    layer_name="SQNL",
)
def sqnl(x):
    """Square nonlinearity (SQNL): a piecewise-quadratic tanh look-alike.

    f(x) = x − x²/4 on [0, 2], x + x²/4 on [−2, 0), and ±1 beyond ±2; that is
    c·(1 − |c|/4) with c = clip(x, −2, 2).

    Args:
        x: input tensor.

    Returns:
        Values in [−1, 1], same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sqnl([-3.0, 1.0, 2.0])  # [-1., 0.75, 1.]

    Reference:
        Wuraola & Patel (2018), "SQNL: A new computationally efficient
        activation function", IJCNN 2018.

    Numerics:
        The derivative 1 − |x|/2 (0 beyond ±2) is continuous, so the function
        is C¹ (declared smooth; the second derivative jumps at 0 and ±2). The
        clamp is written with comparisons so NaN stays NaN.
    """
    c = _sqnl_clamped(x)
    return c * (1.0 - ops.abs(c) * 0.25)


@activation(
    family="sigmoid",
    formula="ln σ(x) = −softplus(−x)",
    output_range=(-math.inf, 0.0),
    properties=("monotonic", "continuous", "smooth"),
    references=("The log-likelihood of the logistic model; PyTorch torch.nn.LogSigmoid.",),
    aliases=("logsigmoid",),
    keras_name="log_sigmoid",
    torch_name="logsigmoid",
)
def log_sigmoid(x):
    """Log-sigmoid: ln σ(x) = −ln(1 + e^(−x)).

    Args:
        x: input tensor.

    Returns:
        Values in (−inf, 0), same shape and dtype as ``x``; ≈ x for x ≪ 0.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.log_sigmoid([0.0])  # [-0.6931472]

    Reference:
        The logistic log-likelihood; PyTorch ``torch.nn.LogSigmoid``.

    Numerics:
        min(x, 0) − log1p(e^(−|x|)): no overflow, exact for every x (the
        backends' softplus cut over to a linear branch at a threshold, off by
        up to 1e-10 relative in float64). The gradient σ(−x) is computed from
        ``x`` directly (0.5 at 0, 1 at −inf, 0 at +inf).
    """
    return with_derivative(_log_sigmoid_value, lambda v: ops.sigmoid(-v))(x)


def _soft_clipping_math(x, alpha):
    k = -math.expm1(-alpha)  # 1 − e^(−α) in (0, 1]
    log_k = math.log(k)

    def half(v):
        # f on v ≤ 1/2, where α·f = ln(1 + K·e^(αv)·σ(α(1 − v))) with K = 1 − e^(−α).
        a = alpha * v
        back = alpha * (1.0 - v)
        w = k * ops.exp(ops.where(a < 0, a, ops.zeros_like(a))) * ops.sigmoid(back)
        tail = ops.log1p(w)  # v < 0: e^(αv) ≤ 1, and no rounding of a sum in the exponent
        z = log_k + a + _log_sigmoid_value(back)
        middle = _softplus_value(z)  # 0 ≤ v ≤ 1/2: the same, as softplus(ln w)
        return ops.where(v < 0, tail, middle) / alpha

    def value(v):
        upper = v > 0.5
        # f(x) + f(1 − x) = 1: evaluate at min(x, 1 − x) ≤ 1/2 only.
        r = ops.where(upper, 1.0 - v, v)
        h = half(r)
        return ops.where(upper, 1.0 - h, h)

    def derivative(v):
        # σ(αx) − σ(α(x − 1)) = K·σ(αx)·σ(α(1 − x)): no cancellation anywhere.
        return k * ops.sigmoid(alpha * v) * ops.sigmoid(alpha * (1.0 - v))

    return with_derivative(value, derivative)(x)


@activation(
    family="sigmoid",
    formula="(1/α)·ln((1 + e^(αx)) / (1 + e^(α(x−1))))",
    parameters=(Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True,
                          description="the sharpness α > 0 (large α approaches clip(x, 0, 1))"),),
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "smooth"),
    references=("Klimek & Perelstein 2020, Neural network-based approach to phase space integration, "
                "SciPost Phys. 9, 053, arXiv:1810.11509.",),
    aliases=("softclip",),
)
def soft_clipping(x, alpha=1.0):
    """Soft clipping: (1/α)·ln((1 + e^(αx))/(1 + e^(α(x−1)))), a smooth clip(x, 0, 1).

    Equal to (softplus(αx) − softplus(α(x − 1)))/α; it tends to clip(x, 0, 1)
    as α grows and satisfies f(x) + f(1 − x) = 1.

    Args:
        x: input tensor.
        alpha: the sharpness α > 0; default 1 (the paper leaves α free; 1 is
            the common library default).

    Returns:
        Values in (0, 1), same shape and dtype as ``x``; 0 and 1 at ∓inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.soft_clipping([0.5], alpha=10.0)  # [0.5]

    Reference:
        Klimek & Perelstein (2020), "Neural network-based approach to phase
        space integration", SciPost Phys. 9, 053, arXiv:1810.11509.

    Numerics:
        The difference of two softplus values cancels for x ≫ 1 and, for
        small α, everywhere. Instead, by the symmetry f(x) = 1 − f(1 − x),
        only x ≤ 1/2 is evaluated, as ln(1 + K·e^(αx)·σ(α(1 − x)))/α with
        K = 1 − e^(−α) (a softplus of its logarithm for 0 ≤ x ≤ 1/2, where
        e^(αx) could overflow). The gradient is the exact product
        K·σ(αx)·σ(α(1 − x)). ``alpha`` must be a Python number.
    """
    return _soft_clipping_math(x, alpha)


def _gaussian_derivative(x):
    d = -2.0 * (x * ops.exp(-(x * x)))
    return ops.where(ops.isinf(x), ops.zeros_like(x), d)


@activation(
    family="sigmoid",
    formula="exp(−x²)",
    output_range=(0.0, 1.0),
    properties=("continuous", "smooth"),
    references=("Broomhead & Lowe 1988, Multivariable functional interpolation and adaptive networks, "
                "Complex Systems 2 (the Gaussian radial basis function).",),
)
def gaussian(x):
    """Gaussian: exp(−x²), a bump with maximum 1 at x = 0.

    Args:
        x: input tensor.

    Returns:
        Values in (0, 1], same shape and dtype as ``x``; 0 at ±inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gaussian([0.0, 1.0])  # [1., 0.36787945]

    Reference:
        Broomhead & Lowe (1988), "Multivariable functional interpolation and
        adaptive networks", Complex Systems 2.

    Numerics:
        exp(−x·x) underflows gracefully to 0. The gradient −2x·e^(−x²) is
        given directly and is 0 at ±inf and ±max float (autodiff would give
        inf·0 = NaN there).
    """
    return with_derivative(lambda v: ops.exp(-(v * v)), _gaussian_derivative)(x)


@activation(
    family="sigmoid",
    formula="Φ(x) = (1 + erf(x/√2))/2",
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "smooth"),
    references=("Bliss 1934, The method of probits, Science 79(2037).",),
    aliases=("normal_cdf",),
)
def probit(x):
    """Probit unit: Φ(x), the standard normal cumulative distribution function.

    Args:
        x: input tensor.

    Returns:
        Values in (0, 1), same shape and dtype as ``x``; 0 and 1 at ∓inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.probit([0.0, 1.0])  # [0.5, 0.8413447]

    Reference:
        Bliss (1934), "The method of probits", Science 79(2037).

    Numerics:
        Φ(x) = erfc(−x/√2)/2: accurate in the left tail, where (1 + erf)/2
        cancels to 0 around x < −6 in float32. Gradient φ(x), 0 at ±inf.
    """
    return _numerics.normal_cdf(x)


_LAPLACE_MU = 0.707107
_LAPLACE_SIGMA = 0.282095


@activation(
    family="sigmoid",
    formula="(1 + erf((x − μ)/(σ√2)))/2, μ = 0.707107, σ = 0.282095",
    parameters=(
        Parameter("mu", _LAPLACE_MU, description="the centre μ (Hugging Face default 0.707107 ≈ √½)"),
        Parameter("sigma", _LAPLACE_SIGMA, minimum=0.0, exclusive_minimum=True,
                  description="the width σ > 0 (Hugging Face default 0.282095 ≈ 1/√(4π))"),
    ),
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "smooth"),
    references=(
        "Ma et al. 2022, Mega: Moving average equipped gated attention, arXiv:2209.10655 "
        "(Laplace attention function).",
        "Hugging Face transformers `LaplaceActivation` (hidden_act \"laplace\").",
    ),
)
def laplace(x, mu=_LAPLACE_MU, sigma=_LAPLACE_SIGMA):
    """Laplace attention function of Mega: Φ((x − μ)/σ) = (1 + erf((x − μ)/(σ√2)))/2.

    Mega's attention function: a bounded, smooth stand-in for squared ReLU
    (μ ≈ √½, σ ≈ 1/√(4π)), with bounded range and gradient for stability.

    Args:
        x: input tensor.
        mu: μ, any real number; default 0.707107 (Hugging Face ``laplace``).
        sigma: σ > 0; default 0.282095.

    Returns:
        Values in (0, 1), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.laplace([0.707107])  # [0.5]

    Reference:
        Ma et al. (2022), "Mega: Moving average equipped gated attention",
        arXiv:2209.10655; Hugging Face ``transformers`` ``LaplaceActivation``.

    Numerics:
        Computed as erfc(−(x − μ)/(σ√2))/2, accurate in the left tail where
        1 + erf cancels (below x ≈ −1 in float32). Gradient φ((x − μ)/σ)/σ,
        0 at ±inf. Traced inside ``keras_activations.export_friendly()``, the
        exact split of x − μ uses arithmetic instead of bit masks (TFLite and
        ONNX have no bit casts), with the same values.
    """
    if _numerics.is_tensor_like(mu) or _numerics.is_tensor_like(sigma):
        t = (x - mu) / (sigma * math.sqrt(2.0))
    else:
        t = _scaled_difference(x, mu, 1.0 / (sigma * math.sqrt(2.0)))
    return 0.5 * ops.erfc(-t)


def _split(value: float, dtype: str) -> tuple[float, float]:
    """``value`` as hi + lo, hi rounded to ``dtype`` and lo the remainder (rounded to ``dtype``)."""
    import numpy as np

    hi = float(np.asarray(value, dtype=dtype))
    return hi, float(np.asarray(value - hi, dtype=dtype))


def _split_12_bits(value: float) -> tuple[float, float]:
    """``value`` as hi + lo with hi holding 12 significant bits (so hi·y is exact for 12-bit y)."""
    import numpy as np

    m, e = math.frexp(value)
    hi = math.ldexp(round(m * 4096.0), e - 12)
    return hi, float(np.float32(value - hi))


def _scaled_difference(x, mu: float, c: float):
    """(x − μ)·c to within half an ulp in float32 (one rounding in float64).

    In the left tail of Φ the relative error of Φ((x − μ)/σ) is about t² times
    the relative error of t, so the three roundings of a plain float32
    (x − μ)·c (x − μ, μ itself, the product) cost up to 1e-5 there. Here
    x − μ is exact (TwoSum, with μ carried as hi + lo), and the product with
    c is split so that its main part is exact (Veltkamp-style, the split of
    x − μ done by masking its low 12 mantissa bits, which no compiler can
    contract into an FMA): one rounding is left, of the final sum.
    """
    dtype = _numerics.dtype_of(x)
    if dtype != "float32":
        return (x - _const(mu, x)) * _const(c, x)
    mu_hi, mu_lo = _split(mu, "float32")
    c_hi, c_lo = _split_12_bits(c)
    finite = ~ops.isinf(x)
    xs = ops.where(finite, x, ops.zeros_like(x))
    b = _const(-mu_hi, x)
    s = xs + b
    bb = s - xs
    low = ((xs - (s - bb)) + (b - bb)) - _const(mu_lo, x)  # x − μ = s + low, |low| ≤ ulp(s)
    if _export.export_mode_active():
        # Traced for export: TFLite and ONNX have no bit views, so split s with Veltkamp's
        # p − (p − s), p = 4097·s (the same 12 high bits; converters keep Mul and Sub separate,
        # so nothing contracts it into an FMA). |s| ≥ 1e30 would overflow p: Φ is saturated there.
        finite_s = ops.abs(s) < 1e30
        sv = ops.stop_gradient(ops.where(finite_s, s, ops.zeros_like(s)))
        p = sv * _const(4097.0, x)
        s_hi = ops.where(finite_s, p - (p - sv), ops.stop_gradient(s))
    else:
        bits = _numerics.bitcast(ops.stop_gradient(s), "int32")
        s_hi = _numerics.bitcast(ops.bitwise_and(bits, ops.convert_to_tensor(-4096, dtype="int32")),
                                 "float32")  # 12 bits
    s_lo = s - s_hi  # exact; carries the gradient of s
    chi = _const(c_hi, x)
    t = s_hi * chi + (s_lo * chi + (s * _const(c_lo, x) + low * _const(c, x)))
    # ±inf x, or |x − μ|·c beyond the largest float (tiny σ), where the split's terms overflow with
    # opposite signs (inf − inf): the plain product, ±inf, at which Φ is exactly saturated
    return ops.where(finite & ops.isfinite(t), t, (x + b) * _const(c, x))
