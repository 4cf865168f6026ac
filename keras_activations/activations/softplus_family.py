"""The softplus family: smooth approximations of ReLU."""

from __future__ import annotations

import math

from keras import ops

from keras_activations._numerics import with_derivative
from keras_activations._registry import Parameter, activation
from keras_activations.activations.sigmoidal import _softplus_value


def _check_threshold(threshold):
    if threshold is None:
        return
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or math.isnan(threshold):
        raise ValueError(
            f"softplus: `threshold` must be None (exact everywhere) or a real number; received "
            f"{threshold!r}. Pass None, or 20.0 for PyTorch's default behaviour."
        )


@activation(
    family="softplus",
    formula="(1/β)·ln(1 + e^(βx)); x where βx > threshold (if given)",
    parameters=(
        Parameter("beta", 1.0, minimum=0.0, exclusive_minimum=True, description="the sharpness β > 0"),
        Parameter("threshold", None,
                  description="None (exact everywhere, default) or PyTorch's threshold: x is "
                              "returned where βx > threshold (PyTorch uses 20)"),
    ),
    output_range=(0.0, math.inf),
    properties=("monotonic", "continuous", "smooth"),
    references=(
        "Dugas, Bengio, Bélisle, Nadeau & Garcia 2001, Incorporating second-order functional "
        "knowledge for better option pricing, NIPS.",
        "Glorot, Bordes & Bengio 2011, Deep sparse rectifier neural networks, AISTATS.",
        "PyTorch torch.nn.Softplus(beta=1.0, threshold=20.0).",
    ),
    keras_name="softplus",
    torch_name="softplus",
    validate=lambda p, owner: _check_threshold(p["threshold"]),
)
def softplus(x, beta=1.0, threshold=None):
    """Softplus: (1/β)·ln(1 + e^(βx)), a smooth ReLU.

    Args:
        x: input tensor.
        beta: β > 0; default 1 (PyTorch's ``beta``).
        threshold: ``None`` (default): exact everywhere. A number t: return
            ``x`` itself where βx > t, as PyTorch does (its default is 20);
            this makes the function jump by ln(1 + e^(−t))/β at x = t/β.

    Returns:
        Values in (0, inf), same shape and dtype as ``x``.

    Raises:
        ValueError: if ``threshold`` is neither None nor a real number.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.softplus([0.0, 100.0])  # [0.6931472, 100.]
    >>> y = ka.softplus([1.0], beta=2.0, threshold=20.0)  # PyTorch's Softplus(beta=2)

    Reference:
        Dugas et al. (2001), "Incorporating second-order functional knowledge
        for better option pricing", NIPS; Glorot, Bordes & Bengio (2011),
        "Deep sparse rectifier neural networks", AISTATS.

    Numerics:
        max(x, 0) + log1p(e^(−β|x|))/β: no overflow (βx is never formed, so
        large β and large x are safe), exact for all x, including x > 20 where
        the backends switch to ``x`` (1e-10 relative error in float64). The
        gradient σ(βx) is computed from ``x`` (1/2 at 0; autodiff of the
        stable form gives 0 there). ``beta`` must be a Python number.
    """
    _check_threshold(threshold)

    def value(v):
        if beta == 1.0:
            y = _softplus_value(v)
        else:
            y = ops.relu(v) + ops.log1p(ops.exp(-beta * ops.abs(v))) / beta
        if threshold is not None:
            y = ops.where(beta * v > threshold, v, y)
        return y

    def derivative(v):
        d = ops.sigmoid(beta * v)
        if threshold is not None:
            d = ops.where(beta * v > threshold, ops.ones_like(v), d)
        return d

    return with_derivative(value, derivative)(x)


def _squareplus_parts(x, b):
    # r = √(x² + b) and q = |x|/r, without overflow: for |x| > 1, r = |x|·s with s = √(1 + b/x²).
    a = ops.abs(x)
    big = a > 1.0
    a_small = ops.where(big, ops.zeros_like(a), a)
    a_big = ops.where(big, a, ops.ones_like(a))
    r_small = ops.sqrt(a_small * a_small + b)
    t_big = b / (a_big * a_big)  # b/x²: 0 where x² overflows
    s = ops.sqrt(1.0 + t_big)
    return a, big, a_small, a_big, r_small, t_big, s


def _squareplus_value(x, b):
    a, big, a_small, a_big, r_small, _, s = _squareplus_parts(x, b)
    pos = ops.where(big, a_big * (0.5 + 0.5 * s), (a_small + r_small) * 0.5)  # no overflow at max float
    # x < 0: (x + r)/2 = b/(2(r + |x|)), which does not cancel.
    neg = ops.where(big, (0.5 * b) / a_big / (1.0 + s), (0.5 * b) / (r_small + a_small))
    return ops.where(x >= 0, pos, neg)


def _squareplus_derivative(x, b):
    a, big, a_small, a_big, r_small, t_big, s = _squareplus_parts(x, b)
    q = ops.where(big, 1.0 / s, a_small / r_small)  # |x|/r
    b_over_r2 = ops.where(big, t_big / (s * s), b / (r_small * r_small))  # b/r² = 1 − q²
    pos = 0.5 * (1.0 + q)
    neg = 0.5 * b_over_r2 / (1.0 + q)  # (1 − q)/2 without cancellation
    return ops.where(x >= 0, pos, neg)


@activation(
    family="softplus",
    formula="(x + √(x² + b))/2",
    parameters=(Parameter("b", 4.0, minimum=0.0, exclusive_minimum=True,
                          description="the curvature b > 0 (Barron: 4; b → 0 gives relu)"),),
    output_range=(0.0, math.inf),
    properties=("monotonic", "continuous", "smooth"),
    references=("Barron 2021, Squareplus: A softplus-like algebraic rectifier, arXiv:2112.11687.",),
    keras_name="squareplus",
)
def squareplus(x, b=4.0):
    """Squareplus: (x + √(x² + b))/2, an algebraic softplus.

    Args:
        x: input tensor.
        b: b > 0; default 4 (Barron's choice, which makes f(0) = 1 and the
            curvature at 0 close to softplus's).

    Returns:
        Values in (0, inf), same shape and dtype as ``x``; ≈ b/(4|x|) for x ≪ 0.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.squareplus([0.0, -1e4])  # [1., 1e-4]

    Reference:
        Barron (2021), "Squareplus: A softplus-like algebraic rectifier",
        arXiv:2112.11687.

    Numerics:
        For x < 0 the equivalent b/(2(√(x² + b) − x)) is used: x + √(x² + b)
        cancels (Keras's squareplus returns 0 for x ≪ 0). For |x| > 1,
        √(x² + b) = |x|·√(1 + b/x²), so x² cannot overflow (inf − inf = NaN
        at −inf in the naive form). The gradient (1 + x/√(x² + b))/2 is
        computed as b/(2r²(1 + |x|/r)) for x < 0, which does not cancel
        either. ``b`` must be a Python number.
    """
    return with_derivative(lambda v: _squareplus_value(v, b), lambda v: _squareplus_derivative(v, b))(x)


def _smelu_math(x, beta):
    # 0 for x ≤ −β, (x + β)²/(4β) for |x| ≤ β, x for x ≥ β. The quadratic sees x clamped to
    # [−β, β] (comparisons keep NaN), so no branch overflows at ±inf.
    bt = ops.full_like(x, beta)
    c = ops.where(x > beta, bt, ops.where(x < -beta, -bt, x))
    u = c + beta
    quad = u * (u * (0.25 / beta))  # u/(4β) ≤ 1/2 first: no overflow for huge β, no underflow for tiny β
    return ops.where(x >= beta, x, quad)


@activation(
    family="softplus",
    formula="0 if x ≤ −β; (x + β)²/(4β) if |x| ≤ β; x if x ≥ β",
    parameters=(Parameter("beta", 1.0, minimum=0.0, exclusive_minimum=True,
                          description="the half-width β > 0 of the quadratic transition"),),
    output_range=(0.0, math.inf),
    properties=("monotonic", "continuous", "smooth"),
    references=("Shamir, Lin & Coviello 2020, Smooth activations and reproducibility in deep "
                "networks, arXiv:2010.09931.",),
    layer_name="SmeLU",
)
def smelu(x, beta=1.0):
    """Smooth ReLU (SmeLU): 0, then (x + β)²/(4β) on [−β, β], then x.

    With β = 1 it is Keras's and JAX's ``sparse_plus``.

    Args:
        x: input tensor.
        beta: β > 0; default 1 (the paper studies several β; 1 matches
            ``sparse_plus``).

    Returns:
        Values in [0, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.smelu([-2.0, 0.0, 2.0], beta=1.0)  # [0., 0.25, 2.]

    Reference:
        Shamir, Lin & Coviello (2020), "Smooth activations and reproducibility
        in deep networks", arXiv:2010.09931.

    Numerics:
        x + β is exact near x = −β. The gradient (x + β)/(2β), 0 below −β and
        1 above β, is continuous (C¹; the second derivative jumps at ±β).
    """
    return _smelu_math(x, beta)


@activation(
    family="softplus",
    formula="0 if x ≤ −1; (x + 1)²/4 if −1 < x < 1; x if x ≥ 1",
    output_range=(0.0, math.inf),
    properties=("monotonic", "continuous", "smooth"),
    references=(
        "Blondel, Martins & Niculae 2020, Learning with Fenchel-Young losses, JMLR 21, "
        "arXiv:1901.02324 (sparse plus, the integral of sparse sigmoid).",
        "Shamir, Lin & Coviello 2020, arXiv:2010.09931 (the same function as SmeLU with β = 1).",
    ),
    keras_name="sparse_plus",
)
def sparse_plus(x):
    """Sparse plus: 0 for x ≤ −1, (x + 1)²/4 on (−1, 1), x for x ≥ 1 (Keras, JAX).

    The same function as ``smelu(x, beta=1)``; its derivative is
    ``sparse_sigmoid``.

    Args:
        x: input tensor.

    Returns:
        Values in [0, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sparse_plus([-2.0, 0.0, 2.0])  # [0., 0.25, 2.]

    Reference:
        Blondel, Martins & Niculae (2020), "Learning with Fenchel-Young
        losses", JMLR 21, arXiv:1901.02324; Shamir, Lin & Coviello (2020),
        arXiv:2010.09931.

    Numerics:
        As ``smelu``: exact near x = −1, C¹, no NaN at ±inf.
    """
    return _smelu_math(x, 1.0)


def _bent_parts(x):
    a = ops.abs(x)
    big = a > 1.0
    xs = ops.where(big, ops.zeros_like(x), x)
    xb = ops.where(big, x, ops.ones_like(x))
    r_small = ops.sqrt(xs * xs + 1.0)  # √(x² + 1) for |x| ≤ 1
    rb = 1.0 / xb
    s = ops.sqrt(1.0 + rb * rb)  # √(x² + 1)/|x| for |x| > 1
    return big, xs, xb, r_small, s


def _bent_identity_value(x):
    big, xs, xb, r_small, s = _bent_parts(x)
    # |x| ≤ 1: (√(x²+1) − 1)/2 = x²/(2(√(x²+1) + 1)), no cancellation near 0.
    small = xs + (xs * xs) / (2.0 * (r_small + 1.0))
    # |x| > 1: x + (|x|·s − 1)/2 = x·(1 + sign(x)·s/2) − 1/2; 1 − s/2 ∈ [0.29, 0.5) for x < 0.
    half_s = 0.5 * s
    factor = ops.where(xb > 0, 1.0 + half_s, 1.0 - half_s)
    large = xb * factor - 0.5
    return ops.where(big, large, small)


def _bent_identity_derivative(x):
    big, xs, xb, r_small, s = _bent_parts(x)
    # 1 + x/(2√(x² + 1)) ∈ (1/2, 3/2)
    small = 1.0 + xs / (2.0 * r_small)
    large = ops.where(xb > 0, 1.0 + 0.5 / s, 1.0 - 0.5 / s)
    return ops.where(big, large, small)


@activation(
    family="softplus",
    formula="(√(x² + 1) − 1)/2 + x",
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("A long-listed smooth activation without a primary paper; see e.g. the Wikipedia "
                "table of activation functions and Godfrey 2019, An evaluation of parametric "
                "activation functions for deep learning, IEEE SMC.",),
)
def bent_identity(x):
    """Bent identity: (√(x² + 1) − 1)/2 + x, slope 1/2 on the left and 3/2 on the right.

    Args:
        x: input tensor.

    Returns:
        Same shape and dtype as ``x``; unbounded both ways (≈ −|x|/2 − 1/2 for
        x ≪ 0, ≈ 3x/2 − 1/2 for x ≫ 0).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.bent_identity([0.0, 1.0])  # [0., 1.2071068]

    Reference:
        Listed without a primary source in the common tables of activation
        functions (e.g. Wikipedia's); Godfrey (2019), "An evaluation of
        parametric activation functions for deep learning", IEEE SMC.

    Numerics:
        Near 0, √(x² + 1) − 1 cancels and is written x²/(√(x² + 1) + 1). For
        |x| > 1, √(x² + 1) = |x|·√(1 + 1/x²) so nothing overflows and ±inf
        give ±inf (not inf − inf). The gradient 1 + x/(2√(x² + 1)) is
        computed directly; it is 1/2 and 3/2 at −inf and +inf.
    """
    return with_derivative(_bent_identity_value, _bent_identity_derivative)(x)
