"""Activations with a periodic component."""

from __future__ import annotations

from keras import ops

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
        periodic part is taken as 0 where x is infinite).
    """
    s = ops.sin(x * frequency)
    periodic = s * s / frequency
    return ops.where(ops.isinf(x), x, x + periodic)
