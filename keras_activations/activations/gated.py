"""Gated activations: the input is split in two halves along an axis, one gates the other.

Every gated function splits ``x`` along ``axis`` (default −1, the features)
into a first half ``a`` and a second half ``b`` and returns a tensor half as
wide along that axis. Which half goes through which function follows the
libraries users come from:

* ``glu`` = a ⊗ σ(b): the sigmoid gate is computed from the SECOND half, as in
  ``keras.activations.glu``, ``torch.nn.functional.glu`` and ``jax.nn.glu``;
* ``reglu``, ``geglu``, ``swiglu`` = act(a) ⊗ b: the nonlinearity on the FIRST
  half, as in Shazeer (2020)'s FFN_GEGLU(x) = (GELU(xW) ⊗ xV)·W₂ with a fused
  projection [xW, xV];
* ``gtu`` = tanh(a) ⊗ σ(b), ``bilinear`` = a ⊗ b.

``swap_halves=True`` exchanges the roles (a = second half, b = first half), for
code that puts the nonlinearity on the other half (timm's ``GluMlp``,
diffusers' ``GEGLU``). An odd size along ``axis`` raises a ValueError.

This module also holds the two other shape-changing activations, ``crelu``
(doubles the axis) and ``maxout`` (divides it).
"""

from __future__ import annotations

import math

from keras import ops

from keras_activations import _numerics
from keras_activations._registry import Parameter, activation
from keras_activations.activations.gated_units import gelu as _gelu

_SHAZEER = "Shazeer 2020, GLU variants improve Transformer, arXiv:2002.05202."
_DAUPHIN = (
    "Dauphin, Fan, Auli & Grangier 2017, Language modeling with gated convolutional networks, "
    "ICML 2017, arXiv:1612.08083."
)
_AXIS = Parameter("axis", -1, description="the axis split into halves a (first) and b (second)")
_SWAP = Parameter(
    "swap_halves",
    False,
    choices=(False, True),
    description="exchange the halves' roles (a = second half, b = first half)",
)


def _axis_index(x, axis, owner):
    rank = len(x.shape)
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(
            f"{owner}: `axis` must be an integer; received {axis!r} of type {type(axis).__name__}."
        )
    if not -rank <= axis < rank:
        raise ValueError(
            f"{owner}: `axis` must be in [{-rank}, {rank - 1}] for an input of rank {rank} "
            f"(shape {tuple(x.shape)}); received axis={axis}."
        )
    return axis % rank


def _split_halves(x, axis, owner, swap_halves=False, interleaved=False):
    """Split ``x`` along ``axis`` into ``(a, b)``; a clear ValueError for an odd size.

    ``interleaved=True`` takes a = x[..., 0::2], b = x[..., 1::2] instead of the
    first and second halves (the layout of gpt-oss checkpoints).
    """
    given = axis
    axis = _axis_index(x, axis, owner)
    size = x.shape[axis]
    if size is not None and size % 2:
        raise ValueError(
            f"{owner}: the size of axis {given} must be even to split it into halves a and b; "
            f"received shape {tuple(x.shape)} (size {size}). Make the layer before it produce an "
            f"even number of features (e.g. Dense(2 * units))."
        )
    if interleaved:
        if size is None:
            raise ValueError(
                f"{owner}: `interleaved=True` needs a known size along axis {given}; received shape "
                f"{tuple(x.shape)}."
            )
        a = ops.take(x, list(range(0, size, 2)), axis=axis)
        b = ops.take(x, list(range(1, size, 2)), axis=axis)
    else:
        a, b = ops.split(x, 2, axis=axis)
    return (b, a) if swap_halves else (a, b)


def _swish(v, beta):
    """v·σ(βv), exact limits and a NaN-free derivative at every non-NaN input.

    The value takes v as 0 where σ(βv) = 0 (the limit; no −inf·0 = NaN). The
    derivative σ(βv) + βv·σ(βv)·σ(−βv) is given explicitly (recomputed from
    v): autodiff would multiply the upstream gradient by v before the vanishing
    σ'(βv), which overflows to inf·0 = NaN for |v| near the largest float.
    """
    unit = isinstance(beta, (int, float)) and beta == 1.0

    def value(t):
        s = ops.sigmoid(t) if unit else ops.sigmoid(t * beta)
        return ops.where(s > 0, t, ops.zeros_like(t)) * s

    if _numerics.is_tensor_like(beta):
        return value(v)

    def derivative(t):
        bt = t if unit else t * beta
        s, s_neg = ops.sigmoid(bt), ops.sigmoid(-bt)
        both = s * s_neg
        inside = both > 0
        return s + ops.where(inside, bt, ops.zeros_like(bt)) * both

    return _numerics.with_derivative(value, derivative)(v)


@activation(
    family="gated",
    formula="a ⊗ σ(b), x = [a, b] split along an axis",
    parameters=(_AXIS, _SWAP),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(_DAUPHIN,),
    layer_name="GLU",
    keras_name="glu",
    torch_name="glu",
    kind="gated",
)
def glu(x, axis=-1, swap_halves=False):
    """Gated linear unit: a ⊗ σ(b), with a, b the first and second halves of x.

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        swap_halves: False (default) gates with the second half, as Keras,
            PyTorch and JAX do; True computes b ⊗ σ(a).

    Returns:
        a ⊗ σ(b), half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.glu([[1.0, 2.0, 0.0, 0.0]])  # [[0.5, 1.0]]

    Reference:
        Dauphin, Fan, Auli & Grangier (2017), "Language modeling with gated
        convolutional networks", ICML, arXiv:1612.08083.

    Numerics:
        Native sigmoid (no overflow). NaN in either half gives NaN; a = ±inf
        with σ(b) = 0 is an undefined inf·0 and gives NaN. float16/bfloat16 in
        float32.
    """
    a, b = _split_halves(x, axis, "glu", swap_halves)
    return a * ops.sigmoid(b)


@activation(
    family="gated",
    formula="a ⊗ b, x = [a, b] split along an axis",
    parameters=(_AXIS,),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(_SHAZEER,),
    kind="gated",
)
def bilinear(x, axis=-1):
    """Bilinear gated unit: a ⊗ b (a GLU without the sigmoid).

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.

    Returns:
        a ⊗ b, half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.bilinear([[1.0, 2.0, 3.0, -1.0]])  # [[3.0, -2.0]]

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202
        (the "Bilinear" variant; Mnih & Hinton 2007 for the bilinear layer).

    Numerics:
        One multiplication; symmetric in a and b, so it has no ``swap_halves``.
    """
    a, b = _split_halves(x, axis, "bilinear")
    return a * b


@activation(
    family="gated",
    formula="max(0, a) ⊗ b, x = [a, b] split along an axis",
    parameters=(_AXIS, _SWAP),
    properties=("continuous", "zero_at_zero"),
    references=(_SHAZEER,),
    layer_name="ReGLU",
    kind="gated",
)
def reglu(x, axis=-1, swap_halves=False):
    """ReLU-gated unit: relu(a) ⊗ b.

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        swap_halves: False (default) applies relu to the first half (Shazeer
            2020); True computes relu(b) ⊗ a.

    Returns:
        relu(a) ⊗ b, half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.reglu([[-1.0, 2.0, 5.0, 3.0]])  # [[0., 6.]]

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202.

    Numerics:
        Native relu; its derivative at a = 0 is taken as 0 (all backends). NaN
        in a passes through relu as NaN.
    """
    a, b = _split_halves(x, axis, "reglu", swap_halves)
    return ops.relu(a) * b


@activation(
    family="gated",
    formula="gelu(a) ⊗ b, x = [a, b] split along an axis (exact or tanh GELU)",
    parameters=(
        _AXIS,
        Parameter("approximate", False, choices=(False, True),
                  description="use the tanh approximation of GELU"),
        _SWAP,
    ),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(
        _SHAZEER,
        "Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415.",
    ),
    layer_name="GEGLU",
    kind="gated",
)
def geglu(x, axis=-1, approximate=False, swap_halves=False):
    """GELU-gated unit: gelu(a) ⊗ b.

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        approximate: False (default) for the exact GELU a·Φ(a); True for the
            tanh form (also registered as ``geglu_tanh``).
        swap_halves: False (default) applies GELU to the first half (Shazeer
            2020); True computes gelu(b) ⊗ a (diffusers' ``GEGLU`` order).

    Returns:
        gelu(a) ⊗ b, half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.geglu([[1.0, 2.0]])  # [[1.6826894]]

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202;
        GELU: Hendrycks & Gimpel (2016), arXiv:1606.08415.

    Numerics:
        GELU is :func:`keras_activations.gelu` (accurate in the left tail,
        0 at a = −inf instead of NaN). float16/bfloat16 in float32.
    """
    a, b = _split_halves(x, axis, "geglu", swap_halves)
    return _gelu(a, approximate=approximate) * b


@activation(
    family="gated",
    formula="gelu_tanh(a) ⊗ b, x = [a, b] split along an axis",
    parameters=(_AXIS, _SWAP),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(
        _SHAZEER,
        "Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415.",
    ),
    layer_name="GEGLUTanh",
    kind="gated",
)
def geglu_tanh(x, axis=-1, swap_halves=False):
    """GELU-gated unit with the tanh form of GELU: gelu_tanh(a) ⊗ b.

    The same as ``geglu(x, approximate=True)``, under its own name so that
    saved models remember the variant.

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        swap_halves: False (default) applies GELU to the first half; True
            computes gelu_tanh(b) ⊗ a.

    Returns:
        0.5·a·(1 + tanh(√(2/π)(a + 0.044715a³))) ⊗ b, half the size of ``x``
        along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.geglu_tanh([[1.0, 2.0]])  # [[1.682384]]

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202;
        GELU and its tanh form: Hendrycks & Gimpel (2016), arXiv:1606.08415.

    Numerics:
        GELU is :func:`keras_activations.gelu` with ``approximate=True``
        (a³ clamped so it cannot overflow, 0 at a = −inf).
    """
    a, b = _split_halves(x, axis, "geglu_tanh", swap_halves)
    return _gelu(a, approximate=True) * b


@activation(
    family="gated",
    formula="swish_β(a) ⊗ b = a·σ(βa) ⊗ b, x = [a, b] split along an axis",
    parameters=(
        _AXIS,
        Parameter("beta", 1.0, description="the swish β (any real number; 1 gives SiLU)"),
        _SWAP,
    ),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(
        _SHAZEER,
        "Ramachandran, Zoph & Le 2017, Searching for activation functions, arXiv:1710.05941.",
    ),
    layer_name="SwiGLU",
    kind="gated",
)
def swiglu(x, axis=-1, beta=1.0, swap_halves=False):
    """Swish-gated unit: swish_β(a) ⊗ b = a·σ(β·a) ⊗ b.

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        beta: the swish β, any real number; default 1 (SiLU, as in LLaMA-style
            feed-forward blocks).
        swap_halves: False (default) applies swish to the first half (Shazeer
            2020); True computes swish_β(b) ⊗ a.

    Returns:
        swish_β(a) ⊗ b, half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.swiglu([[1.0, 2.0]])  # [[1.4621172]]

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202;
        Swish: Ramachandran, Zoph & Le (2017), arXiv:1710.05941.

    Numerics:
        a·σ(βa) is taken as its limit 0 where σ(βa) underflows to 0, so
        a = −inf (β > 0) gives 0, not −inf·0 = NaN. float16/bfloat16 in
        float32.
    """
    a, b = _split_halves(x, axis, "swiglu", swap_halves)
    return _swish(a, beta) * b


@activation(
    family="gated",
    formula="tanh(a) ⊗ σ(b), x = [a, b] split along an axis",
    parameters=(_AXIS, _SWAP),
    output_range=(-1.0, 1.0),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(
        "van den Oord, Kalchbrenner, Vinyals, Espeholt, Graves & Kavukcuoglu 2016, Conditional "
        "image generation with PixelCNN decoders, arXiv:1606.05328.",
        _DAUPHIN,
    ),
    layer_name="GTU",
    kind="gated",
)
def gtu(x, axis=-1, swap_halves=False):
    """Gated tanh unit: tanh(a) ⊗ σ(b).

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        swap_halves: False (default) gates with σ of the second half (as
            PixelCNN's tanh(W_f∗x) ⊙ σ(W_g∗x) with the filter half first); True
            computes tanh(b) ⊗ σ(a).

    Returns:
        Values in (−1, 1), half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.gtu([[1.0, 0.0]])  # [[0.38079706]]

    Reference:
        van den Oord et al. (2016), "Conditional image generation with PixelCNN
        decoders", arXiv:1606.05328; named GTU in Dauphin et al. (2017),
        arXiv:1612.08083.

    Numerics:
        Native tanh and sigmoid: bounded, no overflow, exact limits at ±inf.
    """
    a, b = _split_halves(x, axis, "gtu", swap_halves)
    return _numerics.tanh(a) * ops.sigmoid(b)


def _clamped_swiglu_range(alpha, limit):
    top = limit / (1.0 + math.exp(-alpha * limit))  # g·σ(αg) at g = limit
    return (-(limit - 1.0) * top, (limit + 1.0) * top)


@activation(
    family="gated",
    formula="g·σ(αg)·(u + 1), g = min(a, L), u = clip(b, −L, L), α = 1.702, L = 7",
    parameters=(
        _AXIS,
        Parameter("alpha", 1.702, minimum=0.0, exclusive_minimum=True,
                  description="the sigmoid's slope α in g·σ(αg)"),
        Parameter("limit", 7.0, minimum=0.0, exclusive_minimum=True,
                  description="the clamp limit L"),
        Parameter("interleaved", False, choices=(False, True),
                  description="take a = x[..., 0::2], b = x[..., 1::2] (gpt-oss layout)"),
    ),
    output_range=_clamped_swiglu_range(1.702, 7.0),
    properties=("continuous", "zero_at_zero"),
    references=(
        "OpenAI 2025, gpt-oss-120b & gpt-oss-20b model card, arXiv:2508.10925 (the clamped "
        "SwiGLU of the open-weight gpt-oss models).",
    ),
    aliases=("swiglu_oai", "gpt_oss_swiglu"),
    layer_name="SwiGLUClamped",
    kind="gated",
)
def swiglu_clamped(x, axis=-1, alpha=1.702, limit=7.0, interleaved=False):
    """Clamped SwiGLU of gpt-oss: g·σ(α·g)·(u + 1), g = min(a, L), u = clip(b, −L, L).

    Args:
        x: input tensor whose size along ``axis`` is even.
        axis: the axis to split, an integer in [−rank, rank); default −1.
        alpha: α > 0, the sigmoid's slope; default 1.702 (gpt-oss).
        limit: L > 0, the clamp; default 7 (gpt-oss).
        interleaved: False (default) splits into halves like every gated
            function here; True takes a = x[..., 0::2] and b = x[..., 1::2],
            the interleaved layout of the gpt-oss reference code and
            checkpoints (needs a known size along ``axis``).

    Returns:
        Values in [−(L−1)·L·σ(αL), (L+1)·L·σ(αL)] (about [−42, 56] for the
        defaults), half the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.swiglu_clamped([[10.0, 1.0]])  # g = 7, u = 1: [[13.999907]]

    Reference:
        OpenAI (2025), "gpt-oss-120b & gpt-oss-20b model card",
        arXiv:2508.10925, and its reference implementation (``swiglu(x,
        alpha=1.702, limit=7.0)``).

    Numerics:
        The clamps are written as ``where`` so that NaN passes through and the
        gradient at the clamp is 1 (inclusive, as ``torch.clamp``): dg/da = 1
        for a ≤ L, 0 above; du/db = 1 for |b| ≤ L, 0 outside. g·σ(αg) is
        taken as 0 where σ underflows (a = −inf gives 0, not NaN).
    """
    a, b = _split_halves(x, axis, "swiglu_clamped", interleaved=interleaved)
    g = ops.where(a > limit, ops.full_like(a, limit), a)
    u = ops.where(b > limit, ops.full_like(b, limit), ops.where(b < -limit, ops.full_like(b, -limit), b))
    return _swish(g, alpha) * (u + 1.0)


# ---------------------------------------------------------------------------
# shape-changing rectifiers: crelu, maxout
# ---------------------------------------------------------------------------


@activation(
    family="rectifier",
    formula="concat(max(0, x), max(0, −x)) along an axis (doubles its size)",
    parameters=(Parameter("axis", -1, description="the axis along which the two halves are joined"),),
    output_range=(0.0, math.inf),
    properties=("continuous", "zero_at_zero", "piecewise_linear"),
    references=(
        "Shang, Sohn, Almeida & Lee 2016, Understanding and improving convolutional neural "
        "networks via concatenated rectified linear units, ICML 2016, arXiv:1603.05201.",
    ),
    aliases=("concatenated_relu",),
    layer_name="CReLU",
    kind="shape",
)
def crelu(x, axis=-1):
    """Concatenated ReLU: concat(relu(x), relu(−x)) along ``axis``.

    Keeps both the positive and the negative part of each input, so the size
    along ``axis`` doubles (the positive parts first, as ``tf.nn.crelu``).

    Args:
        x: input tensor, rank >= 1.
        axis: the axis to concatenate along, an integer in [−rank, rank);
            default −1.

    Returns:
        Non-negative values, twice the size of ``x`` along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.crelu([[1.0, -2.0]])  # [[1., 0., 0., 2.]]

    Reference:
        Shang, Sohn, Almeida & Lee (2016), "Understanding and improving
        convolutional neural networks via concatenated rectified linear
        units", ICML, arXiv:1603.05201.

    Numerics:
        Exact. The derivative of relu at 0 is taken as 0 in both halves (the
        backends' convention). NaN gives NaN in both halves.
    """
    axis = _axis_index(x, axis, "crelu")
    return ops.concatenate([ops.relu(x), ops.relu(-x)], axis=axis)


@activation(
    family="rectifier",
    formula="max over each group of k = n / num_units consecutive features along an axis",
    parameters=(
        Parameter("num_units", None, minimum=1,
                  description="number of output units (required); must divide the axis size"),
        Parameter("axis", -1, description="the axis whose features are grouped"),
    ),
    properties=("continuous", "piecewise_linear"),
    references=(
        "Goodfellow, Warde-Farley, Mirza, Courville & Bengio 2013, Maxout networks, ICML 2013, "
        "arXiv:1302.4389.",
    ),
    kind="shape",
)
def maxout(x, num_units=None, axis=-1):
    """Maxout: the maximum over groups of k = n / num_units consecutive features.

    Unit i of the output is max(x[i·k], ..., x[i·k + k − 1]) along ``axis``
    (contiguous groups, as TF Addons' ``Maxout``).

    Args:
        x: input tensor, rank >= 1.
        num_units: the number of output units, a positive integer dividing the
            size n of ``axis``; required.
        axis: the axis to reduce, an integer in [−rank, rank); default −1.

    Returns:
        ``x`` with the size along ``axis`` reduced from n to ``num_units``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.maxout([[1.0, 3.0, -2.0, -5.0]], num_units=2)  # [[3., -2.]]

    Reference:
        Goodfellow, Warde-Farley, Mirza, Courville & Bengio (2013), "Maxout
        networks", ICML, arXiv:1302.4389.

    Numerics:
        Exact. Where several features of a group tie for the maximum, the
        gradient is shared equally among them (the backends' convention for
        ``max``). NaN in a group gives NaN.
    """
    if num_units is None:
        raise ValueError(
            "maxout: `num_units` is required: pass the number of output units, a positive "
            "integer dividing the size of `axis` (e.g. maxout(x, num_units=4))."
        )
    if isinstance(num_units, bool) or not float(num_units).is_integer() or num_units < 1:
        raise ValueError(
            f"maxout: `num_units` must be a positive integer; received {num_units!r}."
        )
    num_units = int(num_units)
    given = axis
    axis = _axis_index(x, axis, "maxout")
    size = x.shape[axis]
    if size is not None and size % num_units:
        raise ValueError(
            f"maxout: the size of axis {given} ({size}, input shape {tuple(x.shape)}) must be a "
            f"multiple of `num_units`={num_units}. Choose num_units among the divisors of {size}."
        )
    shape = list(ops.shape(x))
    grouped = ops.reshape(x, shape[:axis] + [num_units, -1] + shape[axis + 1:])
    return ops.max(grouped, axis=axis + 1)
