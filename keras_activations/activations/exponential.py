"""The exponential (ELU) family: an exponential (or other saturating) negative branch.

Every negative branch here goes to a finite limit as x → −inf and is written
so that it cannot cancel near 0 (``expm1``, ``log1p``) or overflow where
``where`` discards it (its argument is clamped with ``safe_where``).
"""

from __future__ import annotations

import math

from keras import ops

from keras_activations._numerics import is_nan_passthrough, safe_where
from keras_activations._registry import Parameter, activation

SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
_ELU_REF = ("Clevert, Unterthiner & Hochreiter 2015, Fast and accurate deep network learning by "
            "exponential linear units (ELUs), arXiv:1511.07289.")
_ELISH_REF = ("Basirat & Roth 2018, The quest for the golden activation function, arXiv:1808.00783.")


def _identity(v):
    return v


@activation(
    family="exponential",
    formula="x if x > 0 else α·(eˣ − 1)",
    parameters=(
        Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True,
                  description="the saturation value −α of the negative part (α > 0)"),
    ),
    output_range=(-1.0, float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=(_ELU_REF,),
    layer_name="ELU",
    keras_name="elu",
    torch_name="elu",
    featured=True,
)
def elu(x, alpha=1.0):
    """Exponential linear unit: x if x > 0 else α·(eˣ − 1).

    Args:
        x: input tensor.
        alpha: α > 0, the negative saturation value is −α; default 1.0 (Keras,
            PyTorch, the paper).

    Returns:
        Values in (−α, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.elu([-1.0, 2.0])  # [-0.6321206, 2.]

    Reference:
        Clevert, Unterthiner & Hochreiter (2015), "Fast and accurate deep network
        learning by exponential linear units (ELUs)", arXiv:1511.07289.

    Numerics:
        The negative branch is α·expm1(x), accurate for tiny negative x (Keras's
        TensorFlow path computes exp(x) − 1 and is 100% wrong there); it is
        evaluated only on x ≤ 0, so no overflowing exp(x) reaches the gradient.
        f(−inf) = −α with gradient 0. The gradient at x = 0 is α (the left
        piece); for the default α = 1 the function is continuously
        differentiable, which is what the declared ``smooth`` property refers to.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x > 0, x, _identity, lambda v: alpha * ops.expm1(v))


@activation(
    family="exponential",
    formula="λ·x if x > 0 else λ·α·(eˣ − 1); λ ≈ 1.0507, α ≈ 1.6733",
    output_range=(-SELU_SCALE * SELU_ALPHA, float("inf")),
    properties=("monotonic", "continuous", "zero_at_zero"),
    references=("Klambauer, Unterthiner, Mayr & Hochreiter 2017, Self-normalizing neural networks, "
                "arXiv:1706.02515.",),
    layer_name="SELU",
    keras_name="selu",
    torch_name="selu",
    featured=True,
)
def selu(x):
    """Scaled exponential linear unit: λ·x if x > 0 else λ·α·(eˣ − 1).

    λ = 1.0507009873554804934193349852946 and
    α = 1.6732632423543772848170429916717, the fixed point that makes
    activations self-normalising (zero mean, unit variance) when weights use
    LeCun-normal initialisation (``keras.initializers.LecunNormal``) and dropout
    is ``keras.layers.AlphaDropout``.

    Args:
        x: input tensor.

    Returns:
        Values in (−λα, inf) = (−1.7581, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.selu([-1.0, 1.0])  # [-1.1113307, 1.050701]

    Reference:
        Klambauer, Unterthiner, Mayr & Hochreiter (2017), "Self-normalizing
        neural networks", arXiv:1706.02515 (constants from its Eq. 14).

    Numerics:
        The negative branch is (λα)·expm1(x) (Keras's TensorFlow path is 100%
        wrong for tiny negative x), evaluated only on x ≤ 0. The derivative
        jumps at 0 from λα ≈ 1.7581 (left) to λ (right); the gradient at 0 is
        λα. f(−inf) = −λα with gradient 0.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x > 0, x, lambda v: SELU_SCALE * v,
                      lambda v: (SELU_SCALE * SELU_ALPHA) * ops.expm1(v))


@activation(
    family="exponential",
    formula="max(0, x) + min(0, α·(e^(x/α) − 1))",
    parameters=(
        Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True, description="α > 0"),
    ),
    output_range=(-1.0, float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Barron 2017, Continuously differentiable exponential linear units, arXiv:1704.07483.",),
    layer_name="CELU",
    keras_name="celu",
    torch_name="celu",
)
def celu(x, alpha=1.0):
    """Continuously differentiable ELU: max(0, x) + min(0, α·(e^(x/α) − 1)).

    Args:
        x: input tensor.
        alpha: α > 0, default 1.0 (Keras, PyTorch, the paper); the negative
            part saturates at −α and the slope at 0 is 1 for every α.

    Returns:
        Values in (−α, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.celu([-1.0, 2.0], alpha=2.0)  # [-0.7869387, 2.]

    Reference:
        Barron (2017), "Continuously differentiable exponential linear units",
        arXiv:1704.07483.

    Numerics:
        The negative branch is α·expm1(x/α), evaluated only on x ≤ 0 (no
        cancellation near 0, no overflow in the discarded branch). The gradient
        is continuous: 1 at x = 0. f(−inf) = −α with gradient 0.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x > 0, x, _identity, lambda v: alpha * ops.expm1(v / alpha))


def _isrlu_negative(v, alpha):
    # v ≤ 0. x/√(1+αx²) directly while αx² ≤ 1; beyond, −1/(√α·√(1 + 1/(αx²))),
    # which cannot overflow (x² overflows float32 at |x| ≈ 1.8e19) and is −1/√α at −inf.
    small = alpha * v * v <= 1.0
    vs = ops.where(small, v, ops.zeros_like(v))
    direct = vs / ops.sqrt(1.0 + alpha * vs * vs)
    r = 1.0 / ops.where(small, -ops.ones_like(v), v)  # −0 at −inf: no inf·0 in the gradient
    inv = (r * r) / alpha
    far = -1.0 / (math.sqrt(alpha) * ops.sqrt(1.0 + inv)) if isinstance(alpha, (int, float)) else \
        -1.0 / (ops.sqrt(alpha) * ops.sqrt(1.0 + inv))
    return ops.where(small, direct, far)


@activation(
    family="exponential",
    formula="x if x ≥ 0 else x/√(1 + αx²)",
    parameters=(
        Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True,
                  description="α > 0; the negative part saturates at −1/√α"),
    ),
    output_range=(-1.0, float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Carlile, Delamarter, Kinney, Marti & Whitney 2017, Improving deep learning by inverse "
                "square root linear units (ISRLUs), arXiv:1710.09967.",),
    layer_name="ISRLU",
)
def isrlu(x, alpha=1.0):
    """Inverse square root linear unit: x if x ≥ 0 else x/√(1 + αx²).

    Args:
        x: input tensor.
        alpha: α > 0; default 1.0. The negative part saturates at −1/√α.

    Returns:
        Values in (−1/√α, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.isrlu([-1.0, 2.0])  # [-0.70710677, 2.]

    Reference:
        Carlile, Delamarter, Kinney, Marti & Whitney (2017), "Improving deep
        learning by inverse square root linear units (ISRLUs)",
        arXiv:1710.09967.

    Numerics:
        For αx² ≤ 1 the direct x/√(1 + αx²); beyond, the equivalent
        −1/(√α·√(1 + 1/(αx²))), which neither overflows (x² would at |x| ≈ 1.8e19
        in float32) nor gives −inf/inf = NaN at −inf (the limit −1/√α). The
        derivative (1 + αx²)^(−3/2) is continuous (1 at 0) and the gradient is
        finite everywhere, 0 at −inf.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x >= 0, x, _identity, lambda v: _isrlu_negative(v, alpha))


def _elish_positive(v):
    # x·σ(x); for x > 40, σ(x) = 1 to float64 precision, so return x (and keep
    # x·σ'(x) = inf·0 out of the gradient at +inf).
    big = v > 40.0
    vs = ops.where(big, ops.zeros_like(v), v)
    return ops.where(big, v, vs * ops.sigmoid(vs))


@activation(
    family="exponential",
    formula="x·σ(x) if x ≥ 0 else (eˣ − 1)·σ(x)",
    output_range=(2.0 * math.sqrt(2.0) - 3.0, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=(_ELISH_REF,),
    layer_name="ELiSH",
)
def elish(x):
    """Exponential linear squashing unit: x·σ(x) if x ≥ 0 else (eˣ − 1)·σ(x).

    Args:
        x: input tensor.

    Returns:
        Values in [2√2 − 3, inf) = [−0.17157, inf) (the minimum is at
        x = ln(√2 − 1)), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.elish([-1.0, 1.0])  # [-0.1700034, 0.7310586]

    Reference:
        Basirat & Roth (2018), "The quest for the golden activation function",
        arXiv:1808.00783.

    Numerics:
        Negative branch expm1(x)·σ(x) (no cancellation near 0), evaluated only
        on x < 0; f(−inf) = 0. Positive branch x·σ(x), replaced by x for x > 40,
        where they agree to float64 precision, so f(+inf) = +inf with gradient 1
        (not inf·0 = NaN). Continuously differentiable: the gradient at 0 is 1/2
        from both sides.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x >= 0, x, _elish_positive, lambda v: ops.expm1(v) * ops.sigmoid(v))


def _hard_elish_value(x):
    # the hard sigmoid max(0, min(1, (x + 1)/2)) is (x + 1)/2 on (−1, 1), 0 below, 1 above;
    # each piece is evaluated only on its own inputs (xc is 0 elsewhere).
    inside = (x > -1.0) & (x < 1.0)
    xc = ops.where(inside, x, ops.zeros_like(x))
    half = (xc + 1.0) * 0.5
    pos = ops.where(x >= 0.0, xc, ops.zeros_like(x))
    neg = ops.where(x < 0.0, xc, ops.zeros_like(x))
    out = ops.where(
        x >= 1.0, x,
        ops.where(x >= 0.0, pos * half, ops.where(x > -1.0, ops.expm1(neg) * half, ops.zeros_like(x))),
    )
    return is_nan_passthrough(x, out)


@activation(
    family="exponential",
    formula="x·hσ(x) if x ≥ 0 else (eˣ − 1)·hσ(x), hσ(x) = max(0, min(1, (x + 1)/2))",
    output_range=(-0.09967315152874262, float("inf")),
    properties=("continuous", "zero_at_zero"),
    references=(_ELISH_REF,),
    aliases=("hardelish",),
    layer_name="HardELiSH",
)
def hard_elish(x):
    """Hard ELiSH: x·hσ(x) if x ≥ 0 else (eˣ − 1)·hσ(x), hσ(x) = max(0, min(1, (x+1)/2)).

    Args:
        x: input tensor.

    Returns:
        Values in [−0.0996732, inf) (the minimum is at the root of
        eˣ(x + 2) = 1, x ≈ −0.44285), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.hard_elish([-0.5, 0.5, 2.0])  # [-0.0983673, 0.375, 2.]

    Reference:
        Basirat & Roth (2018), "The quest for the golden activation function",
        arXiv:1808.00783.

    Numerics:
        Written as four pieces: 0 for x ≤ −1, expm1(x)·(x + 1)/2 on (−1, 0),
        x·(x + 1)/2 on [0, 1), x for x ≥ 1; each piece sees only its own
        inputs, so f(±inf) and the gradients there are exact (0 and x). The
        derivative jumps at x = −1 (from 0 to (e⁻¹ − 1)/2) and at x = 1 (from
        3/2 to 1); the gradient is 0 at x = −1 (the flat piece) and 1 at x = 1
        (the linear piece). At 0 the slope is 1/2 from both sides.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return _hard_elish_value(x)


def _polylu_negative(v):
    far = v < -1e30
    vs = ops.where(far, ops.zeros_like(v), v)
    return ops.where(far, -ops.ones_like(v), vs / (1.0 - vs))


@activation(
    family="exponential",
    formula="x if x ≥ 0 else 1/(1 − x) − 1",
    output_range=(-1.0, float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Feng & Yang 2023, PolyLU: a simple and robust polynomial-based linear unit activation "
                "function for deep learning, IEEE Access 11.",),
    layer_name="PolyLU",
)
def polylu(x):
    """Polynomial linear unit: x if x ≥ 0 else 1/(1 − x) − 1.

    Args:
        x: input tensor.

    Returns:
        Values in (−1, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.polylu([-1.0, 2.0])  # [-0.5, 2.]

    Reference:
        Feng & Yang (2023), "PolyLU: a simple and robust polynomial-based linear
        unit activation function for deep learning", IEEE Access 11,
        doi:10.1109/ACCESS.2023.3315308.

    Numerics:
        The negative branch as x/(1 − x), which does not cancel near 0 (the
        paper's 1/(1 − x) − 1 loses every digit there); for x < −1e30 it is −1
        to working precision and returned as −1, so −inf gives −1 (not
        −inf/inf = NaN) with gradient 0. The derivative 1/(1 − x)² is 1 at 0
        from both sides.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x >= 0, x, _identity, _polylu_negative)


@activation(
    family="exponential",
    formula="x if x > 0 else x·eˣ",
    output_range=(-1.0 / math.e, float("inf")),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=("Ying, Su, Shan, Miao, Wang & Peng 2019, Rectified exponential units for convolutional "
                "neural networks, IEEE Access 7.",),
    layer_name="REU",
)
def reu(x):
    """Rectified exponential unit: x if x > 0 else x·eˣ.

    Args:
        x: input tensor.

    Returns:
        Values in [−1/e, inf) (the minimum at x = −1), same shape and dtype as
        ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.reu([-1.0, 2.0])  # [-0.36787945, 2.]

    Reference:
        Ying, Su, Shan, Miao, Wang & Peng (2019), "Rectified exponential units
        for convolutional neural networks", IEEE Access 7,
        doi:10.1109/ACCESS.2019.2928442.

    Numerics:
        x·eˣ is evaluated only for −1000 ≤ x ≤ 0; below, the true value (under
        1e−430) is returned as 0, so −inf gives 0 (not −inf·0 = NaN) with
        gradient 0. Results below the smallest normal number lose relative
        precision (they are subnormal). The derivative (1 + x)·eˣ is 1 at 0 from
        both sides.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    def negative(v):
        far = v < -1000.0
        vs = ops.where(far, ops.zeros_like(v), v)
        return ops.where(far, ops.zeros_like(v), vs * ops.exp(vs))

    return safe_where(x > 0, x, _identity, negative)


@activation(
    family="exponential",
    formula="x if x ≥ 0 else 2·ln((eˣ + 1)/2)",
    output_range=(-2.0 * math.log(2.0), float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Zhao, Liu, Li & Luo 2018, A novel softplus linear unit for deep convolutional neural "
                "networks, Applied Intelligence 48.",),
    layer_name="SLU",
)
def slu(x):
    """Softplus linear unit: x if x ≥ 0 else 2·ln((eˣ + 1)/2).

    Args:
        x: input tensor.

    Returns:
        Values in (−2 ln 2, inf) = (−1.3863, inf), same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.slu([-1.0, 2.0])  # [-0.759771, 2.]

    Reference:
        Zhao, Liu, Li & Luo (2018), "A novel softplus linear unit for deep
        convolutional neural networks", Applied Intelligence 48, 1707–1720
        (α = 1, β = 2, γ = 2 ln 2 make it continuously differentiable).

    Numerics:
        The negative branch as 2·log1p(expm1(x)/2): the paper's
        2·softplus(x) − 2 ln 2 cancels completely near 0. f(−inf) = −2 ln 2 with
        gradient 0; the derivative is 1 at 0 from both sides.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return safe_where(x >= 0, x, _identity, lambda v: 2.0 * ops.log1p(0.5 * ops.expm1(v)))
