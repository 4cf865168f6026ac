"""The rectifier family: ReLU and its piecewise-linear relatives."""

from __future__ import annotations

import math

from keras import ops

from keras_activations import _numerics
from keras_activations._numerics import safe_where
from keras_activations._registry import Parameter, activation

_RELU_REF = "Nair & Hinton 2010, Rectified linear units improve restricted Boltzmann machines, ICML."


@activation(
    family="rectifier",
    formula="max(0, x)",
    output_range=(0.0, float("inf")),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=(_RELU_REF,),
    layer_name="ReLU",
    keras_name="relu",
    torch_name="relu",
    featured=True,
)
def relu(x):
    """Rectified linear unit: max(0, x).

    Args:
        x: input tensor.

    Returns:
        ``max(0, x)``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.relu([-2.0, 3.0])  # [0., 3.]

    Reference:
        Nair & Hinton (2010), "Rectified linear units improve restricted
        Boltzmann machines", ICML.

    Numerics:
        Exact. Gradient at the kink x = 0 is 0 (the convention of TensorFlow,
        JAX and PyTorch).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.relu(x)


@activation(
    family="rectifier",
    formula="x if x ≥ 0 else a·x",
    parameters=(
        Parameter("negative_slope", 0.2, minimum=0.0,
                  description="slope a of the negative part (Keras function default 0.2; "
                              "Keras layer 0.3; PyTorch and JAX 0.01)"),
    ),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Maas, Hannun & Ng 2013, Rectifier nonlinearities improve neural network acoustic models, ICML.",),
    layer_name="LeakyReLU",
    keras_name="leaky_relu",
    torch_name="leaky_relu",
    featured=True,
)
def leaky_relu(x, negative_slope=0.2):
    """Leaky ReLU: x if x ≥ 0 else a·x.

    Args:
        x: input tensor.
        negative_slope: a ≥ 0; default 0.2 as Keras's function (Keras's layer uses
            0.3, PyTorch and JAX 0.01: pass it explicitly to match them).

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.leaky_relu([-1.0, 1.0], negative_slope=0.01)  # [-0.01, 1.]

    Reference:
        Maas, Hannun & Ng (2013), "Rectifier nonlinearities improve neural
        network acoustic models", ICML.

    Numerics:
        Exact up to one rounding. Gradient at x = 0 is 1.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.where(x >= 0, x, x * negative_slope)


@activation(
    family="rectifier",
    formula="x if x ≥ 0 else a·x, a trainable in the layer",
    parameters=(Parameter("alpha", 0.25, description="slope of the negative part (trainable in the layer)"),),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("He, Zhang, Ren & Sun 2015, Delving deep into rectifiers, arXiv:1502.01852.",),
    layer_name="PReLU",
    torch_name="prelu",
    featured=True,
)
def prelu(x, alpha=0.25):
    """Parametric ReLU: x if x ≥ 0 else α·x (α is learned by ``layers.PReLU``).

    Args:
        x: input tensor.
        alpha: the negative slope α, any real number or a tensor broadcastable to
            ``x`` (the layer passes its weight); default 0.25, the paper's
            initial value.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.prelu([-1.0, 1.0], alpha=0.1)  # [-0.1, 1.]

    Reference:
        He, Zhang, Ren & Sun (2015), "Delving deep into rectifiers: surpassing
        human-level performance on ImageNet classification", arXiv:1502.01852.

    Numerics:
        Exact up to one rounding. Gradient at x = 0 is 1 for x and 0 for α.
        Properties are declared for the default α = 0.25 (monotonic only while α ≥ 0).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.where(x >= 0, x, x * alpha)


@activation(
    family="rectifier",
    formula="min(max(0, x), 6)",
    output_range=(0.0, 6.0),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Krizhevsky 2010, Convolutional deep belief networks on CIFAR-10.",),
    layer_name="ReLU6",
    keras_name="relu6",
    torch_name="relu6",
)
def relu6(x):
    """ReLU capped at 6: min(max(0, x), 6).

    Args:
        x: input tensor.

    Returns:
        Values in [0, 6].

    Example:
    >>> import keras_activations as ka
    >>> y = ka.relu6([-1.0, 3.0, 9.0])  # [0., 3., 6.]

    Reference:
        Krizhevsky (2010), "Convolutional deep belief networks on CIFAR-10";
        Howard et al. (2017), MobileNets, arXiv:1704.04861.

    Numerics:
        Exact. Gradients at the kinks x = 0 and x = 6 are 0.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.relu6(x)


def _positive_part(x):
    """max(0, x) with NaN kept (``where(x <= 0, 0, x)``: a NaN fails the test and passes through)."""
    return ops.where(x <= 0, ops.zeros_like(x), x)


@activation(
    family="rectifier",
    formula="min(max(0, x), n)",
    parameters=(
        Parameter("n", 6.0, minimum=0.0, exclusive_minimum=True,
                  description="the cap n > 0 (6 gives relu6)"),
    ),
    output_range=(0.0, 6.0),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=(
        "Krizhevsky 2010, Convolutional deep belief networks on CIFAR-10 (ReLU-n, n = 6).",
        "Liew, Khalil-Hani & Bakhteri 2016, Bounded activation functions for enhanced training "
        "stability of deep neural networks on visual pattern recognition problems, Neurocomputing 216.",
    ),
    aliases=("bounded_relu", "clipped_relu"),
    layer_name="ReLUN",
)
def relu_n(x, n=6.0):
    """ReLU capped at n (bounded or clipped ReLU): min(max(0, x), n).

    Args:
        x: input tensor.
        n: the cap, n > 0; default 6.0, which makes it ``relu6`` (Krizhevsky's
            ReLU-6). Keras writes the same function as ``relu(x, max_value=n)``.

    Returns:
        Values in [0, n], same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.relu_n([-1.0, 0.5, 3.0], n=1.0)  # [0., 0.5, 1.]

    Reference:
        Krizhevsky (2010), "Convolutional deep belief networks on CIFAR-10";
        Liew, Khalil-Hani & Bakhteri (2016), "Bounded activation functions for
        enhanced training stability of deep neural networks on visual pattern
        recognition problems", Neurocomputing 216.

    Numerics:
        Exact (two selections, no arithmetic). Gradients at the kinks x = 0 and
        x = n are 0, as for ``relu`` and ``relu6``. NaN propagates (the
        selections are written so that a NaN fails every test and is returned).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    capped = ops.where(x >= n, ops.full_like(x, n), x)
    return ops.where(x <= 0, ops.zeros_like(x), capped)


@activation(
    family="rectifier",
    formula="x if x > θ else 0",
    parameters=(
        Parameter("theta", 1.0, minimum=0.0, description="the threshold θ ≥ 0"),
    ),
    output_range=(0.0, float("inf")),
    properties=("monotonic", "zero_at_zero", "piecewise_linear"),
    references=(
        "Konda, Memisevic & Krueger 2015, Zero-bias autoencoders and the benefits of co-adapting "
        "features, arXiv:1402.3337 (the thresholded linear unit; Keras 2 ThresholdedReLU).",
    ),
    layer_name="ThresholdedReLU",
)
def thresholded_relu(x, theta=1.0):
    """Thresholded ReLU: x if x > θ else 0 (Keras 2 ``ThresholdedReLU``).

    Args:
        x: input tensor.
        theta: the threshold θ ≥ 0; default 1.0, as Keras 2's ``ThresholdedReLU``
            layer (which refused negative θ).

    Returns:
        0 or x (> θ), same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.thresholded_relu([0.5, 1.0, 2.0])  # [0., 0., 2.]

    Reference:
        Konda, Memisevic & Krueger (2015), "Zero-bias autoencoders and the
        benefits of co-adapting features", arXiv:1402.3337; Keras 2
        ``keras.layers.ThresholdedReLU``.

    Numerics:
        Exact. The function jumps from 0 to θ at x = θ (f(θ) = 0); the gradient
        is 1 above θ and 0 at and below it.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.where(x <= theta, ops.zeros_like(x), x)


@activation(
    family="rectifier",
    formula="x if x > θ else v",
    parameters=(
        Parameter("threshold", 0.0, description="the threshold θ"),
        Parameter("default_value", 0.0, description="the value v returned where x ≤ θ"),
    ),
    output_range=(0.0, float("inf")),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=(
        "Keras 3 keras.activations.threshold(x, threshold, default_value); "
        "PyTorch torch.nn.Threshold(threshold, value).",
    ),
    keras_name="threshold",
    torch_name="threshold",
)
def threshold(x, threshold=0.0, default_value=0.0):
    """Threshold unit: x if x > θ else v.

    Args:
        x: input tensor.
        threshold: θ, any real number; default 0.
        default_value: v, the value returned where x ≤ θ, any real number;
            default 0. Keras and PyTorch have no defaults; ours (0, 0) make the
            function ReLU, and the declared range and properties are those of
            the defaults (with v > θ it is neither continuous nor monotonic).

    Returns:
        Same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.threshold([-1.0, 0.5, 2.0], threshold=1.0, default_value=-5.0)  # [-5., -5., 2.]

    Reference:
        Keras ``keras.activations.threshold(x, threshold, default_value)``;
        PyTorch ``torch.nn.Threshold(threshold, value)`` (same definition: x is
        kept only where x > θ strictly).

    Numerics:
        Exact. Gradient 1 where x > θ, 0 where x ≤ θ (so 0 at the kink x = θ).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.where(x <= threshold, ops.full_like(x, default_value), x)


@activation(
    family="rectifier",
    formula="max(x, −δ)",
    parameters=(
        Parameter("delta", 1.0, minimum=0.0, description="the floor −δ (δ ≥ 0)"),
    ),
    output_range=(-1.0, float("inf")),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=(
        "Clevert, Unterthiner & Hochreiter 2015, Fast and accurate deep network learning by "
        "exponential linear units (ELUs), arXiv:1511.07289 (SReLU = max(−1, x), their baseline).",
    ),
    layer_name="ShiftedReLU",
)
def shifted_relu(x, delta=1.0):
    """Shifted ReLU: max(x, −δ), a ReLU whose floor is moved down to −δ.

    Args:
        x: input tensor.
        delta: δ ≥ 0, the depth of the floor; default 1.0, as the shifted ReLU
            (SReLU) baseline of the ELU paper. δ = 0 gives ``relu``.

    Returns:
        Values in [−δ, inf), same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.shifted_relu([-3.0, -0.5, 2.0])  # [-1., -0.5, 2.]

    Reference:
        Clevert, Unterthiner & Hochreiter (2015), "Fast and accurate deep
        network learning by exponential linear units (ELUs)", arXiv:1511.07289,
        where max(−1, x) is the "SReLU" baseline. (Not the S-shaped ReLU of Jin
        et al. 2016, which is ``srelu``.)

    Numerics:
        Exact. Gradient at the kink x = −δ is 0.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.where(x <= -delta, ops.full_like(x, -delta), x)


@activation(
    family="rectifier",
    formula="|x|",
    output_range=(0.0, float("inf")),
    properties=("continuous", "zero_at_zero", "piecewise_linear"),
    references=("The absolute-value rectifier, e.g. Jarrett et al. 2009, What is the best multi-stage "
                "architecture for object recognition?, ICCV.",),
    aliases=("absolute",),
    name="abs",
)
def absolute(x):
    """Absolute value rectifier: |x|.

    Args:
        x: input tensor.

    Returns:
        |x| ≥ 0, same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.abs([-2.0, 3.0])  # [2., 3.]

    Reference:
        Jarrett, Kavukcuoglu, Ranzato & LeCun (2009), "What is the best
        multi-stage architecture for object recognition?", ICCV (absolute-value
        rectification).

    Numerics:
        Exact. Gradient sign(x): −1 for x < 0, 1 for x > 0 and 0 at the kink x = 0
        (the backends' convention). Exposed as ``keras_activations.abs`` (and
        ``absolute``); inside your own code prefer ``ka.abs`` over
        ``from keras_activations import abs``, which would hide Python's ``abs``.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.abs(x)


@activation(
    family="rectifier",
    formula="max(0, x)²",
    output_range=(0.0, float("inf")),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("So, Mańke, Liu, Dai, Shazeer & Le 2021, Primer: searching for efficient transformers "
                "for language modeling, arXiv:2109.08668.",),
    aliases=("relu2", "relu_squared"),
    layer_name="SquaredReLU",
)
def squared_relu(x):
    """Squared ReLU: max(0, x)² (Primer; Hugging Face ``relu2``).

    Args:
        x: input tensor.

    Returns:
        Values in [0, inf), same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.squared_relu([-1.0, 3.0])  # [0., 9.]

    Reference:
        So, Mańke, Liu, Dai, Shazeer & Le (2021), "Primer: searching for
        efficient transformers for language modeling", arXiv:2109.08668.

    Numerics:
        One correctly rounded product. Continuously differentiable: the gradient
        2·max(0, x) is 0 at 0. Overflows to inf (the correctly rounded value)
        for x > 1.8e19 in float32.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    r = _positive_part(x)
    return r * r


@activation(
    family="rectifier",
    formula="max(0, x)ᵖ",
    parameters=(
        Parameter("power", 2.0, minimum=1.0, description="the exponent p ≥ 1"),
    ),
    output_range=(0.0, float("inf")),
    properties=("monotonic", "continuous", "zero_at_zero"),
    references=("Li, Tang & Yu 2019, Better approximations of high dimensional smooth functions by "
                "deep neural networks with rectified power units, arXiv:1903.05858.",),
    layer_name="RePU",
)
def repu(x, power=2.0):
    """Rectified power unit: max(0, x)ᵖ.

    Args:
        x: input tensor.
        power: the exponent p ≥ 1; default 2.0 (then it equals ``squared_relu``).
            p = 1 is ``relu``; p < 1 is refused because the derivative at 0
            would be infinite.

    Returns:
        Values in [0, inf), same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.repu([-1.0, 2.0], power=3.0)  # [0., 8.]

    Reference:
        Li, Tang & Yu (2019), "Better approximations of high dimensional smooth
        functions by deep neural networks with rectified power units",
        arXiv:1903.05858.

    Numerics:
        ``power(max(0, x), p)``; continuously differentiable for p > 1 (gradient
        p·max(0, x)^(p−1), 0 at x = 0); for p = 1 the gradient at the kink is 0,
        as for ``relu``. Overflows to inf only where the true value exceeds the
        format.
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    return ops.power(_positive_part(x), power)


@activation(
    family="rectifier",
    formula="ln(1 + β·max(0, x))",
    parameters=(
        Parameter("beta", 1.0, minimum=0.0, exclusive_minimum=True, description="the scale β > 0"),
    ),
    output_range=(0.0, float("inf")),
    properties=("monotonic", "continuous", "zero_at_zero"),
    references=("Liu, Zhang, Gao, Qu & Ji 2019, Natural-logarithm-rectified activation function in "
                "convolutional neural networks, arXiv:1908.03682.",),
    aliases=("log_relu",),
    layer_name="NLReLU",
)
def nlrelu(x, beta=1.0):
    """Natural-logarithm-rectified linear unit: ln(1 + β·max(0, x)).

    Args:
        x: input tensor.
        beta: β > 0; default 1.0 (the paper leaves β to the user; β = 1 is also
            known as LogReLU).

    Returns:
        Values in [0, inf), same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.nlrelu([-1.0, 1.0])  # [0., 0.6931472]

    Reference:
        Liu, Zhang, Gao, Qu & Ji (2019), "Natural-logarithm-rectified activation
        function in convolutional neural networks", arXiv:1908.03682.

    Numerics:
        ``log1p(β·r)``, r = max(0, x), accurate near 0; where β·r > 1e30 it uses
        ln r + ln β (equal to working precision), so β·r cannot overflow for
        large β and huge x. Gradient at the kink x = 0 is 0 (as ``relu``).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    r = _positive_part(x)
    log_beta = math.log(beta) if isinstance(beta, (int, float)) else ops.log(beta)
    return safe_where(
        r * beta > 1e30, r,
        lambda v: ops.log(v) + log_beta,  # log1p(β·r) = ln r + ln β + O(1/(β·r))
        lambda v: ops.log1p(v * beta),
        true_safe=1.0,
    )


def _sine_relu_wave(x, epsilon):
    return epsilon * (_numerics.sin(x) - _numerics.cos(x))


@activation(
    family="rectifier",
    formula="max(ε·(sin x − cos x), x)",
    parameters=(
        Parameter("epsilon", 0.0025, minimum=0.0, description="the amplitude ε ≥ 0 of the wave"),
    ),
    output_range=(-0.0035355339059327376, float("inf")),
    properties=("continuous", "zero_at_zero"),
    references=("Rodrigues 2018, SineReLU: an alternative to the ReLU activation function "
                "(keras-contrib SineReLU).",),
    aliases=("sinerelu",),
    layer_name="SineReLU",
)
def sine_relu(x, epsilon=0.0025):
    """SineReLU: max(ε·(sin x − cos x), x), a small wave instead of ReLU's flat zero.

    Args:
        x: input tensor.
        epsilon: the amplitude ε ≥ 0; default 0.0025 as keras-contrib (whose
            docstring suggests about 0.006 for dense networks). ε = 0 gives relu.

    Returns:
        Values in [−√2·ε, inf), same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sine_relu([-1.0, 2.0])  # [-0.0034544, 2.]

    Reference:
        Rodrigues (2018), "SineReLU — an alternative to the ReLU activation
        function" (Medium); keras-contrib ``keras_contrib.layers.SineReLU``.

    Numerics:
        The wave is evaluated only at finite x (elsewhere at 0), so f(+inf) = +inf
        with gradient 1. The pieces meet at x* ≈ −ε/(1 − ε) (−0.0025063 for the
        default); the gradient there is 1 (the linear piece is taken on ties).
        As x → −inf the wave has no limit, so f(−inf) is NaN (gradient 0).
        float16 and bfloat16 inputs are computed in float32 and rounded once.
    """
    finite = ops.abs(x) < float("inf")
    wave = _sine_relu_wave(ops.where(finite, x, ops.zeros_like(x)), epsilon)
    out = ops.where(wave > x, wave, x)
    return ops.where(x == float("-inf"), ops.full_like(x, float("nan")), out)
