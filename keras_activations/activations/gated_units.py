"""Gaussian-CDF and sigmoid-weighted units: x times a gate computed from x.

Most functions here have the form x·g(x) with a gate g that tends to 0 at −inf
and to a constant at +inf. Two numerical hazards are shared by all of them and
handled once, in :func:`_guard_tails`:

* at x = ±inf the product x·g(x) is ±inf·0 (NaN) at one end, and its autodiff
  gradient g + x·g' is inf·0 (NaN) at both ends; at |x| near the float32 maximum
  the gradient's intermediates (x times the gate's derivative chain) overflow
  into the same NaN. Beyond |x| = 1e10, where every gate here has reached its
  limit to float64 precision, the asymptote (slope·x or the constant limit) is
  used directly, and the formula only ever sees moderate finite numbers;
* gates built from exp(x) (tanh(eˣ), exp(−eˣ), ...) overflow for large finite
  x, where the gradient becomes 0·inf: the exponent is clamped at a point
  where the gate already equals its limit in float64.
"""

from __future__ import annotations

import math

from keras import ops

from keras_activations import _numerics
from keras_activations._registry import Parameter, activation, variant

_SILU_MIN = -0.27846454276107379510935873902298  # min of x·σ(x), at x = −1.2784645...
_GELU_MIN = -0.16997120747990366169  # min of x·Φ(x), at x = −0.7517915...
# min of the tanh form, at x = −0.7524614... (with approximate=True gelu reaches this lower value;
# its declared range is that of its default, the exact form; gelu_tanh declares its own)
_GELU_TANH_MIN = -0.17004075057125405064
_LN2 = 0.69314718055994530941723212145818
_INV_PI = 0.31830988618379067153776752674503


#: Beyond |x| = 1e10 every gate of this module (at its default parameters) equals its limit
#: to float64 precision, so there x·g(x) is taken as its asymptote (see _guard_tails).
_SATURATION = 1e10


def _is_zero(value) -> bool:
    return isinstance(value, (int, float)) and value == 0


def _guard_tails(x, finite_fn, *, beyond=math.inf, neg_slope=0.0, neg_value=0.0, pos_slope=1.0,
                 pos_value=0.0):
    """``finite_fn(x)`` for |x| ≤ ``beyond``; the asymptotes beyond it (and at ±inf).

    For x > ``beyond`` the result is ``pos_slope·x`` (or the constant
    ``pos_value`` when the slope is 0), for x < −``beyond`` ``neg_slope·x`` (or
    ``neg_value``), so the gradient there is the slope. ``finite_fn`` only sees
    |x| ≤ ``beyond`` (other inputs are replaced by 0 before it is called), so
    neither its value nor its gradient can contain inf·0, and no intermediate
    of its gradient (x times a gate's derivative) can overflow. With the
    default ``beyond = inf`` only ±inf take the limits. NaN passes through
    ``finite_fn``.
    """
    tail = ops.isinf(x) if beyond == math.inf else ops.abs(x) > beyond
    xf = ops.where(tail, ops.zeros_like(x), x)
    y = finite_fn(xf)
    pos = ops.full_like(x, pos_value) if _is_zero(pos_slope) else x * pos_slope
    neg = ops.full_like(x, neg_value) if _is_zero(neg_slope) else x * neg_slope
    return ops.where(tail, ops.where(x > 0, pos, neg), y)


def _self_gated(x, gate, *, gate_at_neg_inf=0.0, gate_at_pos_inf=1.0, saturation=_SATURATION):
    """x·gate(x), with gate(±inf) given: the product for |x| ≤ ``saturation``, where the
    gate has not yet reached its limit; x·gate(±inf) beyond (see _guard_tails)."""
    return _guard_tails(
        x, lambda t: t * gate(t), beyond=saturation, neg_slope=gate_at_neg_inf, pos_slope=gate_at_pos_inf
    )


def _at_most(x, bound):
    """min(x, bound) for non-NaN x, keeping x's dtype (Keras 3.15's torch ``minimum`` returns
    float32 for float64 input, losing half the digits)."""
    return ops.where(x < bound, x, ops.full_like(x, bound))


def _gelu_exact(x):
    """x·Φ(x) for finite x, Φ(x) = erfc(−x/√2)/2 (no 1 + erf cancellation)."""
    return x * _numerics.normal_cdf(x)


# =========================================================================== sigmoid-weighted


@activation(
    family="gated_unit",
    formula="x·σ(x)",
    output_range=(_SILU_MIN, float("inf")),
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
        Values in [−0.2785, inf) (the minimum is at x ≈ −1.2785).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.silu([-1.0, 0.0, 1.0])  # [-0.26894143, 0., 0.7310586]

    Reference:
        Ramachandran, Zoph & Le (2017), "Searching for activation functions",
        arXiv:1710.05941; Elfwing, Uchibe & Doya (2017), arXiv:1702.03118.

    Numerics:
        x·σ(x) with the native sigmoid for |x| ≤ 1e10; beyond, where σ is 0 or
        1 in float64, the asymptotes 0 and x. So ±inf give the limits
        (silu(−inf) = 0, silu(inf) = inf, gradients 0 and 1), where the plain
        product gives −inf·0 = NaN at −inf and NaN gradients at both ends (as
        Keras's silu does). Half types are computed in float32.
    """
    return _self_gated(x, ops.sigmoid)


@activation(
    family="gated_unit",
    formula="x·σ(βx)",
    parameters=(Parameter("beta", 1.0, minimum=0.0,
                          description="the gate's slope β (β = 1: SiLU; β → ∞: ReLU; β = 0: x/2)"),),
    output_range=(_SILU_MIN, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=(
        "Ramachandran, Zoph & Le 2017, Searching for activation functions, arXiv:1710.05941.",
        "keras-contrib Swish (trainable β).",
    ),
)
def swish_beta(x, beta=1.0):
    """Swish with a slope parameter: x·σ(βx).

    Args:
        x: input tensor.
        beta: β ≥ 0, the gate's slope; default 1 (SiLU). β = 0 gives x/2 and
            β → ∞ approaches ReLU. Fixed here; the layer ``SwishBeta`` learns it.

    Returns:
        Values in [−0.2785/β, inf) for β > 0 (the range above is for β = 1).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.swish_beta([-1.0, 0.0, 1.0], beta=2.0)  # [-0.11920292, 0., 0.8807971]

    Reference:
        Ramachandran, Zoph & Le (2017), "Searching for activation functions",
        arXiv:1710.05941 (Swish-β); keras-contrib's ``Swish`` layer.

    Numerics:
        x·σ(βx) with the native sigmoid for |βx| ≤ 1e10; beyond, where σ is 0
        or 1 in float64, the asymptotes 0 and x (so ±inf give 0 and inf with
        gradients 0 and 1, and no gradient intermediate overflows). β = 0
        gives x/2. β may be a tensor (the trainable layer passes its weight);
        the asymptotes then assume β > 0.
    """
    if _is_zero(beta):
        return 0.5 * x
    saturation = _SATURATION / beta if isinstance(beta, (int, float)) else _SATURATION
    return _self_gated(x, lambda t: ops.sigmoid(beta * t), saturation=saturation)


@activation(
    family="gated_unit",
    formula="β·x·σ(x)",
    parameters=(Parameter("beta", 1.375, minimum=0.0, exclusive_minimum=True,
                          description="the output scale β (the paper recommends 1 ≤ β ≤ 2)"),),
    output_range=(1.375 * _SILU_MIN, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Alcaide 2018, E-swish: Adjusting activations to different network depths, arXiv:1801.07145.",),
    aliases=("eswish",),
    layer_name="ESwish",
)
def e_swish(x, beta=1.375):
    """E-swish: β·x·σ(x).

    Args:
        x: input tensor.
        beta: β > 0; default 1.375, a value from the paper's experiments,
            inside the range 1 ≤ β ≤ 2 it recommends.

    Returns:
        Values in [−0.2785·β, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.e_swish([-1.0, 0.0, 1.0])  # [-0.36979446, 0., 1.0052055]

    Reference:
        Alcaide (2018), "E-swish: Adjusting activations to different network
        depths", arXiv:1801.07145.

    Numerics:
        β·(x·σ(x)) with the infinite ends taken as limits (no inf·0).
    """
    return _self_gated(x, lambda t: beta * ops.sigmoid(t), gate_at_pos_inf=beta)


@activation(
    family="gated_unit",
    formula="x·σ(x) / 1.1",
    output_range=(_SILU_MIN / 1.1, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Chen, Behrmann, Duvenaud & Jacobsen 2019, Residual flows for invertible generative "
                "modeling, NeurIPS, arXiv:1906.02735.",),
    layer_name="LipSwish",
)
def lipswish(x):
    """LipSwish: x·σ(x)/1.1, a 1-Lipschitz Swish.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.2531, inf); the slope never exceeds 1 (max |f'| = 1.0998/1.1).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.lipswish([-1.0, 0.0, 1.0])  # [-0.2444922, 0., 0.6645987]

    Reference:
        Chen, Behrmann, Duvenaud & Jacobsen (2019), "Residual flows for
        invertible generative modeling", NeurIPS, arXiv:1906.02735. The paper's
        Swish has a learnable β (softplus-parameterised); here β = 1 is fixed.

    Numerics:
        x·(σ(x)/1.1) with the infinite ends taken as limits (no inf·0).
    """
    return _self_gated(x, lambda t: ops.sigmoid(t) / 1.1, gate_at_pos_inf=1.0 / 1.1)


@activation(
    family="gated_unit",
    formula="x·ReLU6(x + 3)/6",
    output_range=(-0.375, float("inf")),
    properties=("continuous", "zero_at_zero", "self_gated"),
    references=("Howard et al. 2019, Searching for MobileNetV3, arXiv:1905.02244.",),
    aliases=("hardswish", "hard_silu"),
    layer_name="HardSwish",
    keras_name="hard_swish",
    torch_name="hardswish",
)
def hard_swish(x):
    """Hard swish (h-swish, hard SiLU): x·ReLU6(x + 3)/6.

    0 for x ≤ −3, x·(x + 3)/6 in between, x for x ≥ 3.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.375, inf) (minimum at x = −1.5).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.hard_swish([-1.0, 0.0, 1.0])  # [-0.33333334, 0., 0.6666667]

    Reference:
        Howard et al. (2019), "Searching for MobileNetV3", arXiv:1905.02244.
        Same as Keras ``hard_silu``/``hard_swish`` and ``torch.nn.Hardswish``.

    Numerics:
        x·clip(x + 3, 0, 6)/6. Kinks at x = −3 (one-sided slopes 0 and −0.5)
        and x = 3 (1.5 and 1); the gradient there is whatever the backend's
        clip gives, always between the one-sided slopes. ±inf give 0 and inf
        (Keras's hard_silu gives NaN at −inf).
    """
    return _self_gated(x, lambda t: ops.clip(t + 3.0, 0.0, 6.0) / 6.0)


@activation(
    family="gated_unit",
    formula="σ(x)·(1 + x·(1 − σ(x)))",
    output_range=(-0.099839320128866916958, 1.099839320128866917),
    properties=("continuous", "smooth"),
    references=("Elfwing, Uchibe & Doya 2018, Sigmoid-weighted linear units for neural network function "
                "approximation in reinforcement learning, Neural Networks 107, arXiv:1702.03118.",),
    layer_name="DSiLU",
)
def dsilu(x):
    """dSiLU, the derivative of SiLU: σ(x)·(1 + x·(1 − σ(x))).

    A sigmoid-like unit that overshoots: minimum −0.0998 at x ≈ −2.3994,
    maximum 1.0998 at x ≈ 2.3994, dsilu(0) = 1/2.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.09984, 1.09984].

    Example:
    >>> import keras_activations as ka
    >>> y = ka.dsilu([-1.0, 0.0, 1.0])  # [0.07232949, 0.5, 0.9276705]

    Reference:
        Elfwing, Uchibe & Doya (2018), "Sigmoid-weighted linear units for
        neural network function approximation in reinforcement learning",
        Neural Networks 107, arXiv:1702.03118.

    Numerics:
        For x ≥ 0, σ(x) + x·σ(x)·σ(−x) (no 1 − σ cancellation); for x < 0,
        σ(x)·(1 + x + eˣ)/(1 + eˣ), where 1 + x is exact near the root at
        x ≈ −1.2785, so the result keeps its relative accuracy there. ±inf give
        the limits 0 and 1 (gradient 0) instead of inf·0.
    """

    def non_negative(t):
        s = ops.sigmoid(t)
        return s + t * s * ops.sigmoid(-t)

    def negative(t):
        e = ops.exp(t)
        return ops.sigmoid(t) * (1.0 + t + e) / (1.0 + e)

    return _guard_tails(
        x,
        lambda t: _numerics.safe_where(t >= 0, t, non_negative, negative),
        neg_value=0.0,
        pos_slope=0.0,
        pos_value=1.0,
    )


@activation(
    family="gated_unit",
    formula="relu(x)·σ(x) + T",
    parameters=(Parameter("threshold", -0.2, description="the flat value T taken for x < 0"),),
    output_range=(-0.2, float("inf")),
    properties=("monotonic", "continuous"),
    references=("Chieng, Wahid, Pauline & Perla 2018, Flatten-T Swish: a thresholded ReLU-Swish-like "
                "activation function for deep learning, arXiv:1812.06247.",),
    aliases=("flatten_t_swish",),
    layer_name="FTS",
)
def fts(x, threshold=-0.2):
    """Flatten-T Swish: x·σ(x) + T for x ≥ 0, T for x < 0.

    Args:
        x: input tensor.
        threshold: T, any real number; default −0.20 (the paper's choice).

    Returns:
        Values in [T, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.fts([-1.0, 0.0, 1.0])  # [-0.2, -0.2, 0.53105855]

    Reference:
        Chieng, Wahid, Pauline & Perla (2018), "Flatten-T Swish: a thresholded
        ReLU-Swish-like activation function for deep learning",
        arXiv:1812.06247.

    Numerics:
        Continuous at 0 with a kink there (one-sided slopes 0 and 1/2); the
        gradient at exactly 0 is 1/2 (the x ≥ 0 branch). The x·σ(x) branch is
        evaluated only on x ≥ 0 (double where), so −inf gives T with gradient
        0; +inf gives inf with gradient 1; NaN gives NaN.
    """
    positive = _numerics.safe_where(
        x >= 0, x, lambda t: _self_gated(t, ops.sigmoid), ops.zeros_like
    )
    return _numerics.is_nan_passthrough(x, positive + threshold)


@activation(
    family="gated_unit",
    formula="x·(1 + e^(−βx))^(−α)",
    parameters=(
        Parameter("alpha", 1.5, minimum=0.0, exclusive_minimum=True,
                  description="the exponent α of Richard's curve"),
        Parameter("beta", 2.0, minimum=0.0, exclusive_minimum=True,
                  description="the growth rate β of Richard's curve"),
    ),
    output_range=(-0.069977641319701426594, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Patwardhan, Ingalhalikar & Walambe 2018, ARiA: Utilizing Richard's curve for controlling "
                "the non-monotonicity of the activation function in deep neural nets, arXiv:1805.08878.",),
    layer_name="ARiA2",
)
def aria2(x, alpha=1.5, beta=2.0):
    """ARiA2: x·(1 + e^(−βx))^(−α), x weighted by a two-parameter Richard's curve.

    Args:
        x: input tensor.
        alpha: α > 0; default 1.5.
        beta: β > 0; default 2 (α = 1.5, β = 2 are the values reported for
            ARiA2 in the paper's experiments). α = β = 1 gives SiLU.

    Returns:
        Values in [−0.06998, inf) for the defaults.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.aria2([-1.0, 0.0, 1.0])  # [-0.04115573, 0., 0.826635]

    Reference:
        Patwardhan, Ingalhalikar & Walambe (2018), "ARiA: Utilizing Richard's
        curve for controlling the non-monotonicity of the activation function
        in deep neural nets", arXiv:1805.08878. (The multiplication by x is part
        of ARiA2: f(x) = x·(1 + e^(−βx))^(−α).)

    Numerics:
        The gate as exp(−α·softplus(−βx)): no overflow of e^(−βx) and no
        inf^(−α); ±inf give the limits 0 and inf without inf·0.
    """
    saturation = _SATURATION / (beta * min(alpha, 1.0))  # where α·β·|x| ≥ 1e10: the gate is 0 or 1
    return _self_gated(x, lambda t: ops.exp(-alpha * _numerics.softplus(-beta * t)), saturation=saturation)


@activation(
    family="gated_unit",
    formula="(x + a·cos(bx))·σ(x)",
    parameters=(
        Parameter("a", 1.0, description="the amplitude a of the cosine term"),
        Parameter("b", 1.0, description="the frequency b of the cosine term"),
    ),
    output_range=(-0.28927312866451055431, float("inf")),
    properties=("continuous", "smooth"),
    references=("Pishchik 2023, Trainable activations for image classification, Preprints 2023010463 "
                "(CosLU; there a and b are trainable).",),
    layer_name="CosLU",
)
def coslu(x, a=1.0, b=1.0):
    """Cosine linear unit: (x + a·cos(bx))·σ(x).

    Args:
        x: input tensor.
        a: amplitude a, any real number; default 1.
        b: frequency b, any real number; default 1. Both are fixed here (the
            paper trains them; use a learnable layer for that).

    Returns:
        Values in [−0.2893, inf) for a = b = 1; coslu(0) = a/2.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.coslu([-1.0, 0.0, 1.0])  # [-0.12363175, 0.5, 1.1260512]

    Reference:
        Pishchik (2023), "Trainable activations for image classification",
        Preprints.org 2023010463.

    Numerics:
        Direct formula for finite x. Where b·x overflows (|x| > max/|b|) the
        bounded term a·cos(bx) is dropped (cos(inf) is NaN; the term is
        negligible there); −inf gives 0 and +inf gives inf (the derivative has
        no limit at +inf: it oscillates; the gradient returned there is 1).
    """

    def finite(t):
        wave = _numerics.bounded_periodic(lambda u: a * _numerics.cos(u), b * t)
        return (t + wave) * ops.sigmoid(t)

    return _guard_tails(x, finite, neg_value=0.0, pos_slope=1.0)


# =========================================================================== Gaussian-CDF family


@activation(
    family="gated_unit",
    formula="x·Φ(x) (exact) or 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) (approximate)",
    parameters=(Parameter("approximate", False, choices=(False, True),
                          description="use the tanh approximation"),),
    output_range=(_GELU_MIN, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415.",),
    aliases=("gelu_python",),
    layer_name="GELU",
    keras_name="gelu",
    torch_name="gelu",
)
def gelu(x, approximate=False):
    """Gaussian error linear unit: x·Φ(x), Φ the standard normal CDF.

    Args:
        x: input tensor.
        approximate: if False (default, as Keras, PyTorch and the Hugging Face
            ``gelu``/``gelu_python``), the exact form; if True, the tanh form
            0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (the default of TF Addons
            and ``jax.nn.gelu``; registered on its own as ``gelu_tanh``, with the
            Hugging Face names ``gelu_new``, ``gelu_pytorch_tanh`` and
            ``gelu_accurate``, which are this formula, and ``gelu_fast``, which
            writes it as tanh(0.7978845608·x·(1 + 0.044715·x²)): the same
            function with √(2/π) rounded to 10 digits, 4e−12 apart).

    Returns:
        Values in [−0.16997, inf) for the exact form (minimum at x ≈ −0.7518),
        [−0.17004, inf) for the tanh form (at x ≈ −0.7525); the declared range
        is the union.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gelu([-1.0, 0.0, 1.0])  # [-0.15865526, 0., 0.8413448]

    Reference:
        Hendrycks & Gimpel (2016), "Gaussian error linear units (GELUs)",
        arXiv:1606.08415.

    Numerics:
        Exact form as x·erfc(−x/√2)/2: no 1 + erf cancellation, so it keeps its
        relative accuracy in the left tail (Keras's PyTorch path is 100% wrong
        near x = −11.7). Tanh form as x·σ(2u), u = √(2/π)(x + 0.044715x³), with x
        clamped to ±10⁶ inside u (the gate is exactly 0 or 1 there) so that x³
        cannot overflow. ±inf give 0 and inf (gradients 0 and 1) instead of
        NaN.
    """
    if approximate:

        def gate(t):
            tc = ops.clip(t, -1e6, 1e6)
            return ops.sigmoid(2.0 * _numerics.SQRT_2_OVER_PI * (tc + 0.044715 * tc * tc * tc))

    else:
        gate = _numerics.normal_cdf
    return _self_gated(x, gate)


variant(
    "gelu_tanh",
    gelu,
    approximate=True,
    aliases=("gelu_new", "gelu_fast", "gelu_pytorch_tanh", "gelu_accurate", "gelu_approximate"),
    formula="0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))",
    summary="GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).",
    layer_name="GELUTanh",
    output_range=(_GELU_TANH_MIN, float("inf")),
)


@activation(
    family="gated_unit",
    formula="clip(x·Φ(x), −10, 10)",
    output_range=(_GELU_MIN, 10.0),
    properties=("continuous", "zero_at_zero"),
    references=(
        "Hugging Face transformers ClippedGELUActivation(-10, 10), hidden_act 'gelu_10'.",
        "Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415.",
    ),
    aliases=("clipped_gelu",),
    layer_name="GELU10",
)
def gelu_10(x):
    """Exact GELU clipped to [−10, 10] (Hugging Face ``gelu_10``).

    min(x·Φ(x), 10); the lower bound −10 never acts, since GELU ≥ −0.17.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.16997, 10].

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gelu_10([-1.0, 1.0, 20.0])  # [-0.15865526, 0.8413448, 10.]

    Reference:
        Hugging Face ``transformers.activations.ClippedGELUActivation`` (used
        for quantisation, citing arXiv:2004.09602); Hendrycks & Gimpel (2016),
        arXiv:1606.08415.

    Numerics:
        Exact GELU as in :func:`gelu`, then values above 10 replaced by 10 (a
        where, so NaN stays NaN). Kink at x = 10 (to float64 precision: the
        crossing is 10 + 7.6e−23); there the gradient is GELU's, ≈ 1, the left
        slope. Gradient 0 above 10 and at +inf.
    """
    y = _self_gated(x, _numerics.normal_cdf)
    return ops.where(y > 10.0, ops.full_like(y, 10.0), y)


@activation(
    family="gated_unit",
    formula="x·σ(1.702x)",
    output_range=(-0.16361018963635358115, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=(
        "Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415 (sigmoid approximation).",
        "Hugging Face transformers QuickGELUActivation, hidden_act 'quick_gelu' (CLIP).",
    ),
    layer_name="QuickGELU",
)
def quick_gelu(x):
    """Quick GELU, the sigmoid approximation of GELU: x·σ(1.702x).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.16361, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.quick_gelu([-1.0, 0.0, 1.0])  # [-0.15420423, 0., 0.84579575]

    Reference:
        Hendrycks & Gimpel (2016), arXiv:1606.08415, section 2 (x·σ(1.702x));
        Hugging Face ``QuickGELUActivation`` (OpenAI CLIP).

    Numerics:
        x·σ(1.702x) with the native sigmoid; ±inf give 0 and inf (gradients 0
        and 1) without inf·0.
    """
    return _self_gated(x, lambda t: ops.sigmoid(1.702 * t))


@activation(
    family="gated_unit",
    formula="α·x·erf(x/√2)",
    parameters=(Parameter("alpha", 0.1, minimum=0.0, exclusive_minimum=True,
                          description="the output scale α"),),
    output_range=(0.0, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Yu & Su 2019, Symmetrical Gaussian error linear units (SGELUs), arXiv:1911.03925.",),
    layer_name="SGELU",
)
def sgelu(x, alpha=0.1):
    """Symmetrical GELU: α·x·erf(x/√2), an even function.

    Equal to α·(2·GELU(x) − x).

    Args:
        x: input tensor.
        alpha: α > 0; default 0.1, the value of the paper's experiments (some
            catalogues use α = 1; pass ``alpha=1.0`` for that).

    Returns:
        Values in [0, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sgelu([-1.0, 0.0, 1.0])  # [0.06826895, 0., 0.06826895]

    Reference:
        Yu & Su (2019), "Symmetrical Gaussian error linear units (SGELUs)",
        arXiv:1911.03925.

    Numerics:
        α·x·erf(x/√2) directly (no cancellation: x and erf(x/√2) share their
        sign); ±inf give inf with gradients ∓α.
    """
    return _self_gated(
        x, lambda t: alpha * ops.erf(t * _numerics.SQRT_HALF),
        gate_at_neg_inf=-alpha, gate_at_pos_inf=alpha,
    )


def _calu_value(x):
    t = -1.0 / x  # > 0 for x < 0
    middle = x * ops.arctan(t) * _INV_PI  # −10⁴ ≤ x < 0: x·arctan(−1/x)/π, no cancellation
    tail = -(1.0 - t * t / 3.0) * _INV_PI  # x < −10⁴: arctan(t)/t = 1 − t²/3 + O(t⁴)
    negative = ops.where(x < -1e4, tail, middle)
    positive = x * (0.5 + ops.arctan(x) * _INV_PI)
    return ops.where(x >= 0, positive, negative)


def _calu_derivative(x):
    # x ≥ 0: 1/2 + arctan(x)/π + x/(π(1 + x²));  x < 0, t = −1/x: (arctan t − t/(1 + t²))/π,
    # which cancels for small t: there the series Σ_{k≥1} (−1)^(k+1)·2k/(2k+1)·t^(2k+1).
    big = x > 1.0
    xs = ops.where(big, ops.ones_like(x), x)
    xb = ops.where(big, x, ops.ones_like(x))
    rational = ops.where(big, 1.0 / (xb + 1.0 / xb), xs / (1.0 + xs * xs))
    positive = 0.5 + ops.arctan(x) * _INV_PI + rational * _INV_PI
    t = -1.0 / ops.where(x < 0, x, -ops.ones_like(x))
    t2 = t * t
    series = ops.zeros_like(x)
    for k in range(10, 0, -1):  # Horner in t², ten terms: < 1e-12 relative for t < 1/4
        series = (1.0 if k % 2 else -1.0) * 2.0 * k / (2.0 * k + 1.0) + t2 * series
    series = series * t * t2
    tb = ops.where(t > 1.0, t, ops.ones_like(t))
    ts = ops.where(t > 1.0, ops.ones_like(t), t)
    direct = ops.arctan(t) - ops.where(t > 1.0, 1.0 / (tb + 1.0 / tb), ts / (1.0 + ts * ts))
    negative = ops.where(t < 0.25, series, direct) * _INV_PI
    return ops.where(x >= 0, positive, negative)


@activation(
    family="gated_unit",
    formula="x·(arctan(x)/π + 1/2)",
    output_range=(-_INV_PI, float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Cauchy linear unit (CaLU): x times the standard Cauchy CDF; catalogued in Kunc & Kléma "
                "2024, Three decades of activations, arXiv:2402.09092.",),
    layer_name="CaLU",
)
def calu(x):
    """Cauchy linear unit: x·(arctan(x)/π + 1/2), x times the standard Cauchy CDF.

    Unlike GELU it is monotonic, and its gate decays only like 1/(π|x|), so
    calu(x) → −1/π as x → −inf.

    Args:
        x: input tensor.

    Returns:
        Values in (−1/π, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.calu([-1.0, 0.0, 1.0])  # [-0.25, 0., 0.75]

    Reference:
        The Cauchy-CDF analogue of GELU, as catalogued by Kunc & Kléma (2024),
        "Three decades of activations: a comprehensive survey of 400
        activation functions for neural networks", arXiv:2402.09092.

    Numerics:
        For x < 0 the gate arctan(x)/π + 1/2 cancels; it is computed as
        arctan(−1/x)/π, and for x < −10⁴ the product as −(1 − 1/(3x²))/π, so
        calu(−inf) = −1/π exactly and huge negative x never meet a subnormal
        1/x. The derivative, whose direct form cancels for large |x|, is given
        explicitly (a series for x < −4). NaN gives NaN.
    """
    return _numerics.with_derivative(_calu_value, _calu_derivative)(x)


@activation(
    family="gated_unit",
    formula="x·F(x), F(x) = 1 − e^(−x)/2 for x ≥ 0, eˣ/2 for x < 0 (Laplace CDF)",
    output_range=(-0.1839397205857211608, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Laplace linear unit (LaLU): x times the standard Laplace CDF; catalogued in Kunc & Kléma "
                "2024, Three decades of activations, arXiv:2402.09092.",),
    layer_name="LaLU",
)
def lalu(x):
    """Laplace linear unit: x times the standard Laplace CDF.

    x·eˣ/2 for x < 0 and x·(1 − e^(−x)/2) for x ≥ 0 (twice differentiable at 0).

    Args:
        x: input tensor.

    Returns:
        Values in [−1/(2e), inf) (minimum at x = −1).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.lalu([-1.0, 0.0, 1.0])  # [-0.18393973, 0., 0.8160603]

    Reference:
        The Laplace-CDF analogue of GELU, as catalogued by Kunc & Kléma (2024),
        arXiv:2402.09092.

    Numerics:
        The gate from e = exp(−|x|), which never overflows: 1 − e/2 (≥ 1/2, no
        cancellation) or e/2. ±inf give 0 and inf without inf·0.
    """

    def gate(t):
        e = ops.exp(-ops.abs(t))
        return ops.where(t >= 0, 1.0 - 0.5 * e, 0.5 * e)

    return _self_gated(x, gate)


# =========================================================================== tanh / log / erf gates


@activation(
    family="gated_unit",
    formula="x·tanh(softplus(x))",
    output_range=(-0.30884341301725040663, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Misra 2019, Mish: A self regularized non-monotonic activation function, arXiv:1908.08681.",),
    layer_name="Mish",
    keras_name="mish",
    torch_name="mish",
)
def mish(x):
    """Mish: x·tanh(softplus(x)) = x·tanh(ln(1 + eˣ)).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.30884, inf) (minimum at x ≈ −1.1924).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.mish([-1.0, 0.0, 1.0])  # [-0.30340147, 0., 0.8650984]

    Reference:
        Misra (2019), "Mish: A self regularized non-monotonic activation
        function", arXiv:1908.08681 (BMVC 2020).

    Numerics:
        The backends' stable softplus (exact for large |x|, no overflow), then
        tanh; for x ≪ 0 the gate is ≈ eˣ with full relative accuracy. ±inf
        give 0 and inf (Keras's mish gives NaN there), gradients 0 and 1.
    """
    return _self_gated(x, lambda t: ops.tanh(ops.softplus(t)))


@activation(
    family="gated_unit",
    formula="0.5·x·clip(x + 2, 0, 2)",
    output_range=(-0.5, float("inf")),
    properties=("continuous", "zero_at_zero", "self_gated"),
    references=(
        "timm (Wightman), layers/activations.py hard_mish.",
        "Misra 2019, Mish, arXiv:1908.08681.",
    ),
    aliases=("hardmish",),
    layer_name="HardMish",
)
def hard_mish(x):
    """Hard Mish (timm): 0.5·x·clip(x + 2, 0, 2).

    0 for x ≤ −2, x·(x + 2)/2 in between, x for x ≥ 0.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.5, inf) (minimum at x = −1).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.hard_mish([-1.0, 0.0, 1.0])  # [-0.5, 0., 1.]

    Reference:
        timm (Ross Wightman), ``timm.layers.activations.hard_mish``, a
        piecewise-quadratic approximation of Misra's (2019) Mish,
        arXiv:1908.08681.

    Numerics:
        Exact piecewise formula. Kink at x = −2 (one-sided slopes 0 and −1;
        the gradient there is the backend clip's choice, between the two); at
        x = 0 both pieces have slope 1. ±inf give 0 and inf without inf·0.
    """
    return _self_gated(x, lambda t: 0.5 * ops.clip(t + 2.0, 0.0, 2.0))


@activation(
    family="gated_unit",
    formula="x·tanh(x)",
    output_range=(0.0, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Roy, Manna, Dubey & Chaudhuri 2019, LiSHT: Non-parametric linearly scaled hyperbolic "
                "tangent activation function for neural networks, arXiv:1901.05894.",),
    layer_name="LiSHT",
)
def lisht(x):
    """Linearly scaled hyperbolic tangent: x·tanh(x), an even function.

    Args:
        x: input tensor.

    Returns:
        Values in [0, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.lisht([-1.0, 0.0, 1.0])  # [0.7615942, 0., 0.7615942]

    Reference:
        Roy, Manna, Dubey & Chaudhuri (2019), "LiSHT: Non-parametric linearly
        scaled hyperbolic tangent activation function for neural networks",
        arXiv:1901.05894; TF Addons ``lisht``.

    Numerics:
        x·tanh(x) directly (no cancellation); ±inf give inf with gradients
        −1 and 1 instead of NaN.
    """
    return _self_gated(x, ops.tanh, gate_at_neg_inf=-1.0)


@activation(
    family="gated_unit",
    formula="x·tanh(eˣ)",
    output_range=(-0.35328577784821127099, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=(
        "Liu & Di 2020, TanhExp: A smooth activation function with high convergence speed for lightweight "
        "neural networks, IET Computer Vision, arXiv:2003.09855.",
        "Fernandez & Mali 2024, TeLU activation function for fast and stable deep learning, arXiv:2412.20269 "
        "(the same function, named TeLU).",
    ),
    aliases=("tanhexp", "telu"),
    layer_name="TanhExp",
)
def tanh_exp(x):
    """TanhExp (also published as TeLU): x·tanh(eˣ).

    Fernandez & Mali's TeLU (2024), x·tanh(eˣ), is the same function as Liu &
    Di's TanhExp (2020), so ``telu`` is an alias of this one.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.35329, inf) (minimum at x ≈ −1.0789).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.tanh_exp([-1.0, 0.0, 1.0])  # [-0.35213548, 0., 0.9913289]

    Reference:
        Liu & Di (2020), "TanhExp: A smooth activation function with high
        convergence speed for lightweight neural networks", arXiv:2003.09855;
        Fernandez & Mali (2024), "TeLU activation function for fast and stable
        deep learning", arXiv:2412.20269.

    Numerics:
        eˣ is taken of min(x, 20): tanh(e²⁰) is 1 in float64 already, and the
        clamp stops eˣ overflowing, whose gradient would be 0·inf = NaN for
        x > 88 (float32). ±inf give 0 and inf with gradients 0 and 1.
    """
    return _self_gated(x, lambda t: ops.tanh(ops.exp(_at_most(t, 20.0))))


@activation(
    family="gated_unit",
    formula="x·erf(softplus(x))",
    output_range=(-0.34843745875960642022, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Nag & Bhattacharyya 2021, SERF: Towards better training of deep neural networks using "
                "log-Softplus ERror activation Function, arXiv:2108.09598 (WACV 2023).",),
    layer_name="Serf",
)
def serf(x):
    """Serf (log-Softplus ERror activation Function): x·erf(ln(1 + eˣ)).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.34844, inf) (minimum at x ≈ −1.1931).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.serf([-1.0, 0.0, 1.0])  # [-0.34224796, 0., 0.9367219]

    Reference:
        Nag & Bhattacharyya (2021), "SERF: Towards better training of deep
        neural networks using log-Softplus ERror activation Function",
        arXiv:2108.09598.

    Numerics:
        The stable softplus, then erf (erf(s) ≈ 2s/√π keeps full relative
        accuracy for x ≪ 0). ±inf give 0 and inf with gradients 0 and 1.
    """
    return _self_gated(x, lambda t: ops.erf(ops.softplus(t)))


@activation(
    family="gated_unit",
    formula="x·ln(1 + σ(x))",
    output_range=(-0.25276881678944035309, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Zhu, Zeng, Liu & Zhang 2021, Logish: A new nonlinear nonmonotonic activation function for "
                "convolutional neural network, Neurocomputing 458.",),
    layer_name="Logish",
)
def logish(x):
    """Logish: x·ln(1 + σ(x)).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.25277, inf); the slope tends to ln 2 as x → inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.logish([-1.0, 0.0, 1.0])  # [-0.23818302, 0., 0.5487331]

    Reference:
        Zhu, Zeng, Liu & Zhang (2021), "Logish: A new nonlinear nonmonotonic
        activation function for convolutional neural network",
        Neurocomputing 458, 490-499.

    Numerics:
        log1p(σ(x)) (accurate when σ(x) is tiny); ±inf give 0 and inf with
        gradients 0 and ln 2.
    """
    return _self_gated(x, lambda t: ops.log1p(ops.sigmoid(t)), gate_at_pos_inf=_LN2)


@activation(
    family="gated_unit",
    formula="x·tanh(ln(1 + σ(x)))",
    output_range=(-0.24999366366012949539, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Wang, Ren & Wang 2022, Smish: A novel activation function for deep learning methods, "
                "Electronics 11(4), 540.",),
    layer_name="Smish",
)
def smish(x):
    """Smish: x·tanh(ln(1 + σ(x))) (the paper's α = β = 1).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.249994, inf); the slope tends to tanh(ln 2) = 0.6 as x → inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.smish([-1.0, 0.0, 1.0])  # [-0.23377880, 0., 0.4995701]

    Reference:
        Wang, Ren & Wang (2022), "Smish: A novel activation function for deep
        learning methods", Electronics 11(4), 540. The paper's general form
        α·x·tanh(ln(1 + σ(βx))) is used with α = β = 1, as it recommends.

    Numerics:
        tanh(log1p(σ(x))), accurate when σ(x) is tiny; ±inf give 0 and inf
        with gradients 0 and 0.6.
    """
    return _self_gated(x, lambda t: ops.tanh(ops.log1p(ops.sigmoid(t))), gate_at_pos_inf=0.6)


@activation(
    family="gated_unit",
    formula="x·tanh(GELU(x))",
    output_range=(0.0, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Naveen 2022, Phish: A novel hyper-optimizable activation function, TechRxiv/IEEE preprint.",),
    layer_name="Phish",
)
def phish(x):
    """Phish: x·tanh(GELU(x)), with the exact GELU x·Φ(x).

    Non-negative: for x < 0 both x and tanh(GELU(x)) are negative (local
    maximum 0.1647 at x ≈ −1.1954), and phish(x) → 0 as x → −inf.

    Args:
        x: input tensor.

    Returns:
        Values in [0, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.phish([-1.0, 0.0, 1.0])  # [0.15733732, 0., 0.6865207]

    Reference:
        Naveen (2022), "Phish: A novel hyper-optimizable activation function".

    Numerics:
        GELU as x·erfc(−x/√2)/2 (accurate in the left tail), then tanh; ±inf
        give 0 and inf with gradients 0 and 1.
    """
    return _self_gated(x, lambda t: ops.tanh(_gelu_exact(t)))


@activation(
    family="gated_unit",
    formula="x·ln(2 − exp(−eˣ))",
    output_range=(-0.27815946089638691358, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Kaytan, Aydilek & Yeroğlu 2023, Gish: a novel activation function for image "
                "classification, Neural Computing and Applications 35.",),
    layer_name="Gish",
)
def gish(x):
    """Gish: x·ln(2 − exp(−eˣ)).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.27816, inf); the slope tends to ln 2 as x → inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gish([-1.0, 0.0, 1.0])  # [-0.26834586, 0., 0.6595966]

    Reference:
        Kaytan, Aydilek & Yeroğlu (2023), "Gish: a novel activation function
        for image classification", Neural Computing and Applications 35.

    Numerics:
        ln(2 − exp(−u)) = log1p(−expm1(−u)), u = eˣ: for x ≪ 0 the gate is
        ≈ eˣ with full relative accuracy (the naive form rounds it to 0).
        u is taken of min(x, 10) (exp(−e¹⁰) is 0 in float64), so eˣ cannot
        overflow into a 0·inf gradient. ±inf give 0 and inf with gradients 0
        and ln 2.
    """

    def gate(t):
        u = ops.exp(_at_most(t, 10.0))
        return ops.log1p(-ops.expm1(-u))

    return _self_gated(x, gate, gate_at_pos_inf=_LN2)


@activation(
    family="gated_unit",
    formula="x / (1 − x·e^(−(x + eˣ)))",
    output_range=(-0.37715856839612915105, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Vagerwal 2021, Deeper learning with CoLU activation, arXiv:2112.12078.",),
    layer_name="CoLU",
)
def colu(x):
    """CoLU: x / (1 − x·e^(−(x + eˣ))).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.37716, inf) (minimum at x ≈ −0.7269).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.colu([-1.0, 0.0, 1.0])  # [-0.34702986, 0., 1.0248796]

    Reference:
        Vagerwal (2021), "Deeper learning with CoLU activation",
        arXiv:2112.12078.

    Numerics:
        Written as x·g(x). For x ≥ 0, g = 1/(1 − x·E), E = e^(−(x + e^min(x, 20)))
        (E underflows harmlessly; the clamp keeps eˣ finite). For x < 0, where
        e^(−(x + eˣ)) overflows, g = w/(w − x) with w = e^(x + eˣ) ≤ e, which
        neither overflows nor cancels. ±inf give 0 and inf with gradients 0
        and 1.
    """

    def non_negative(t):
        e = ops.exp(-(t + ops.exp(_at_most(t, 20.0))))
        return 1.0 / (1.0 - t * e)

    def negative(t):
        w = ops.exp(t + ops.exp(t))
        return w / (w - t)

    return _self_gated(x, lambda t: _numerics.safe_where(t >= 0, t, non_negative, negative))


def _pflu_finite(x):
    big = ops.abs(x) > 1.0
    s = 1.0 / ops.where(big, x, ops.ones_like(x))  # 1/x where |x| > 1
    r = ops.sqrt(1.0 + s * s)  # √(1 + x²)/|x|
    xs = ops.where(big, ops.zeros_like(x), x)  # x where |x| ≤ 1
    middle = 0.5 * xs * (1.0 + xs / ops.sqrt(1.0 + xs * xs))
    right = 0.5 * x * (1.0 + 1.0 / r)
    left = s / (2.0 * r * (r + 1.0))  # x·(1 + x/√(1+x²))/2 for x < −1, without cancellation
    return ops.where(big, ops.where(x > 0, right, left), middle)


@activation(
    family="gated_unit",
    formula="x·(1 + x/√(1 + x²))/2",
    output_range=(-0.15014155300038880394, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Zhu, Zeng, Liu & Zhang 2021, PFLU and FPFLU: Two novel non-monotonic activation functions "
                "in convolutional neural networks, Neurocomputing 429.",),
    layer_name="PFLU",
)
def pflu(x):
    """Power function linear unit: x·(1 + x/√(1 + x²))/2.

    Its gate decays only like 1/(4x²), so pflu(x) ≈ −1/(4|x|) for x ≪ 0.

    Args:
        x: input tensor.

    Returns:
        Values in [−0.15014, inf) (minimum at x ≈ −0.7862).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.pflu([-1.0, 0.0, 1.0])  # [-0.14644662, 0., 0.8535534]

    Reference:
        Zhu, Zeng, Liu & Zhang (2021), "PFLU and FPFLU: Two novel non-monotonic
        activation functions in convolutional neural networks",
        Neurocomputing 429, 110-117.

    Numerics:
        1 + x/√(1 + x²) cancels for x ≪ 0 and x² overflows for |x| > 1.8e19
        (float32); with s = 1/x the function is s/(2r(r + 1)), r = √(1 + s²),
        for x < −1 and x(1 + 1/r)/2 for x > 1, which do neither. ±inf give 0
        and inf with gradients 0 and 1.
    """
    return _guard_tails(x, _pflu_finite, neg_value=0.0, pos_slope=1.0)

