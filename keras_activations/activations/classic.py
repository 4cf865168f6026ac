"""The classic units: linear, binary step, sigmoid, tanh."""

from __future__ import annotations


from keras import ops

from keras_activations import _numerics
from keras_activations._numerics import with_derivative
from keras_activations._registry import Parameter, activation


@activation(
    family="classic",
    formula="a·x",
    parameters=(Parameter("slope", 1.0, description="the slope a"),),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd", "piecewise_linear"),
    references=("The linear (identity) unit; Keras `linear`.",),
    aliases=("identity",),
    keras_name="linear",
    featured=True,
)
def linear(x, slope=1.0):
    """Linear activation: a·x (the identity for a = 1).

    Args:
        x: input tensor.
        slope: the slope a, any real number; default 1.

    Returns:
        ``slope * x``, same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.linear([-1.0, 2.0], slope=0.5)  # [-0.5, 1.0]

    Reference:
        The identity unit of every textbook; Keras ``keras.activations.linear``.

    Numerics:
        One multiplication (skipped for slope 1, which returns ``x`` itself).
    """
    if isinstance(slope, (int, float)) and slope == 1.0:
        return x
    return x * slope


def _step(x, threshold):
    return ops.cast(x >= threshold, x.dtype)


@activation(
    family="classic",
    formula="1 if x ≥ θ else 0",
    parameters=(
        Parameter("threshold", 0.0, description="the threshold θ"),
        Parameter("straight_through", False, choices=(False, True),
                  description="pass the gradient 1·dy straight through (Bengio et al. 2013)"),
    ),
    output_range=(0.0, 1.0),
    properties=("monotonic",),
    references=(
        "McCulloch & Pitts 1943, the threshold unit.",
        "Bengio, Léonard & Courville 2013, straight-through estimator, arXiv:1308.3432.",
    ),
    aliases=("heaviside", "step"),
    featured=True,
)
def binary_step(x, threshold=0.0, straight_through=False):
    """Binary step (Heaviside) unit: 1 if x ≥ θ else 0.

    Args:
        x: input tensor.
        threshold: θ, any real number; default 0.
        straight_through: if True, the gradient is the straight-through estimator
            (upstream gradient passed unchanged); if False (default), the true
            gradient, 0 everywhere (undefined at θ, taken as 0).

    Returns:
        0 or 1, same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.binary_step([-1.0, 0.0, 2.0])  # [0., 1., 1.]

    Reference:
        McCulloch & Pitts (1943), "A logical calculus of the ideas immanent in
        nervous activity"; Bengio et al. (2013), arXiv:1308.3432 (straight-through).

    Numerics:
        Exact. Gradient 0 (or 1 with ``straight_through``), never NaN.
    """
    def step(v):
        return ops.where(ops.isnan(v), v, _step(v, threshold))

    if straight_through:
        return with_derivative(step, ops.ones_like)(x)
    return ops.stop_gradient(step(x))


@activation(
    family="classic",
    formula="1 / (1 + e^(−x))",
    output_range=(0.0, 1.0),
    properties=("monotonic", "continuous", "smooth"),
    references=("Rumelhart, Hinton & Williams 1986; the logistic function.",),
    aliases=("logistic",),
    keras_name="sigmoid",
    torch_name="sigmoid",
    featured=True,
)
def sigmoid(x):
    """Logistic sigmoid: σ(x) = 1 / (1 + e^(−x)).

    Args:
        x: input tensor.

    Returns:
        Values in (0, 1) (exactly 0 or 1 only where the float format rounds).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sigmoid([0.0])  # [0.5]

    Reference:
        Rumelhart, Hinton & Williams (1986), "Learning representations by
        back-propagating errors", Nature 323.

    Numerics:
        The backends' native sigmoid: no overflow for large |x|; σ(−inf) = 0,
        σ(inf) = 1; the gradient σ(1 − σ) is computed from the output.
    """
    return ops.sigmoid(x)


@activation(
    family="classic",
    formula="(eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)",
    output_range=(-1.0, 1.0),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("LeCun et al. 1998, Efficient BackProp.",),
    keras_name="tanh",
    torch_name="tanh",
    featured=True,
)
def tanh(x):
    """Hyperbolic tangent.

    Args:
        x: input tensor.

    Returns:
        Values in (−1, 1).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.tanh([0.0, 1.0])  # [0., 0.7615942]

    Reference:
        LeCun, Bottou, Orr & Müller (1998), "Efficient BackProp".

    Numerics:
        The backends' native tanh; tanh(±inf) = ±1; gradient 1 − tanh² from the output.
    """
    return _numerics.tanh(x)  # float64 stays float64 on JAX (see _numerics._jax_float64_exact)


