"""Layers whose activation parameters are trainable weights."""

from __future__ import annotations

from keras_activations.layers._base import layer_for
from keras_activations.layers._learnable_base import LearnableActivation, WeightSpec


@layer_for("prelu")
class PReLU(LearnableActivation):
    """Parametric ReLU with a learned negative slope: x if x ≥ 0 else α·x.

    Follows ``keras.layers.PReLU`` (``alpha_initializer``, ``alpha_regularizer``,
    ``alpha_constraint``, ``shared_axes``) but starts from the paper's α = 0.25
    instead of Keras's 0 (which starts as plain ReLU); pass
    ``alpha_initializer="zeros"`` to match Keras.

    Args:
        alpha_initializer: initial α, a number or a Keras initializer; default 0.25.
        alpha_regularizer: optional regularizer for α.
        alpha_constraint: optional constraint for α.
        shared_axes: axes along which α is shared, e.g. ``[1, 2]`` for one α per
            channel of ``(batch, height, width, channels)`` images.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(4, 3),
    ...                           ka.layers.PReLU(shared_axes=[1, 2])])

    Reference:
        He, Zhang, Ren & Sun (2015), arXiv:1502.01852.
    """

    weight_specs = (WeightSpec("alpha", 0.25),)

    def __init__(self, alpha_initializer=0.25, alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(
            alpha_initializer=alpha_initializer,
            alpha_regularizer=alpha_regularizer,
            alpha_constraint=alpha_constraint,
            shared_axes=shared_axes,
            **kwargs,
        )
