"""Normalising activations: they act along an axis."""

from __future__ import annotations

from keras import ops

from keras_activations._registry import Parameter, activation


@activation(
    family="normalizing",
    formula="exp(xᵢ) / Σⱼ exp(xⱼ) along an axis",
    parameters=(Parameter("axis", -1, description="the axis to normalise over"),),
    output_range=(0.0, 1.0),
    properties=("continuous", "smooth"),
    references=("Bridle 1990, Probabilistic interpretation of feedforward classification network outputs.",),
    kind="axis",
    keras_name="softmax",
    torch_name="softmax",
    featured=True,
)
def softmax(x, axis=-1):
    """Softmax along ``axis``: exp(xᵢ) / Σⱼ exp(xⱼ).

    Args:
        x: input tensor.
        axis: the axis to normalise over (an integer); default −1.

    Returns:
        Non-negative values summing to 1 along ``axis``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.softmax([[1.0, 1.0]])  # [[0.5, 0.5]]

    Reference:
        Bridle (1990), "Probabilistic interpretation of feedforward
        classification network outputs, with relationships to statistical
        pattern recognition".

    Numerics:
        The backends' native softmax, which subtracts the maximum first.
    """
    return ops.softmax(x, axis=axis)
