"""The rectifier family: ReLU and its piecewise-linear relatives."""

from __future__ import annotations

from keras import ops

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
    """
    return ops.where(x >= 0, x, x * negative_slope)


@activation(
    family="rectifier",
    formula="x if x ≥ 0 else a·x, a trainable in the layer",
    parameters=(Parameter("alpha", 0.25, description="slope of the negative part (trainable in the layer)"),),
    properties=("continuous", "zero_at_zero", "piecewise_linear"),
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
        Not declared monotonic: it is only for α ≥ 0.
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
    """
    return ops.relu6(x)
