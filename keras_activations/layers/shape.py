"""Shape-changing activation layers (Maxout, CReLU).

Both check their configuration at construction and the input shape at build
time, with errors that name the layer, the axis, the size found and the fix.
A Keras time-step mask passes through when the layer acts on the last
(feature) axis; when it acts on another axis the mask no longer matches the
output and is dropped.
"""

from __future__ import annotations

import numbers

import keras

from keras_activations import _keras_bridge
from keras_activations.activations.gated import crelu, maxout
from keras_activations.layers._base import layer_for


def _check_axis_type(owner, axis):
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(
            f"{owner}: `axis` must be an integer; received {axis!r} of type {type(axis).__name__}."
        )


def _axis_in(owner, axis, input_shape):
    rank = len(input_shape)
    if rank < 1 or not -rank <= axis < rank:
        raise ValueError(
            f"{owner}: `axis`={axis} is out of range for inputs of rank {rank} (shape "
            f"{tuple(input_shape)}); use an axis in [{-rank}, {rank - 1}]."
        )
    return axis % rank


def _feature_mask(layer_axis, inputs, mask):
    if mask is None:
        return None
    rank = len(inputs.shape)
    return mask if layer_axis % rank == rank - 1 else None


@layer_for("crelu")
class CReLU(keras.layers.Layer):
    """Concatenated ReLU: concat(relu(x), relu(−x)) along ``axis``; doubles its size.

    Args:
        axis: the axis to concatenate along, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(16, 3), ka.layers.CReLU()])
    >>> model.output_shape
    (None, 6, 6, 32)

    Reference:
        Shang, Sohn, Almeida & Lee (2016), "Understanding and improving
        convolutional neural networks via concatenated rectified linear
        units", ICML, arXiv:1603.05201.
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        _check_axis_type(type(self).__name__, axis)
        self.axis = axis
        self.supports_masking = True

    def build(self, input_shape):
        _axis_in(type(self).__name__, self.axis, input_shape)
        self.built = True

    def call(self, inputs):
        return crelu(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        axis = _axis_in(type(self).__name__, self.axis, shape)
        if shape[axis] is not None:
            shape[axis] = 2 * shape[axis]
        return tuple(shape)

    def compute_mask(self, inputs, mask=None):
        return _feature_mask(self.axis, inputs, mask)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


@layer_for("maxout")
class Maxout(keras.layers.Layer):
    """Maxout: the maximum over groups of features; ``axis`` shrinks to ``num_units``.

    Output unit i is the maximum of the i-th group of k = n / num_units
    consecutive features along ``axis`` (TF Addons' ``tfa.layers.Maxout``
    layout; saved models naming ``Addons>Maxout`` load as this layer).

    Args:
        num_units: the number of output units, a positive integer that divides
            the size of ``axis``.
        axis: the axis to reduce, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(12), ka.layers.Maxout(4)])
    >>> model.output_shape
    (None, 4)

    Reference:
        Goodfellow, Warde-Farley, Mirza, Courville & Bengio (2013), "Maxout
        networks", ICML, arXiv:1302.4389.
    """

    def __init__(self, num_units, axis=-1, **kwargs):
        super().__init__(**kwargs)
        owner = type(self).__name__
        if isinstance(num_units, bool) or not isinstance(num_units, numbers.Integral) or num_units < 1:
            raise ValueError(
                f"{owner}: `num_units` must be a positive integer; received {num_units!r}."
            )
        _check_axis_type(owner, axis)
        self.num_units = int(num_units)
        self.axis = axis
        self.supports_masking = True

    def build(self, input_shape):
        owner = type(self).__name__
        axis = _axis_in(owner, self.axis, input_shape)
        size = input_shape[axis]
        if size is not None and size % self.num_units:
            raise ValueError(
                f"{owner}: the size of axis {self.axis} ({size}, input shape {tuple(input_shape)}) "
                f"is not a multiple of num_units={self.num_units}. Choose num_units among the "
                f"divisors of {size}, or change the previous layer's output size."
            )
        self.built = True

    def call(self, inputs):
        return maxout(inputs, num_units=self.num_units, axis=self.axis)

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        axis = _axis_in(type(self).__name__, self.axis, shape)
        shape[axis] = self.num_units
        return tuple(shape)

    def compute_mask(self, inputs, mask=None):
        return _feature_mask(self.axis, inputs, mask)

    def get_config(self):
        config = super().get_config()
        config.update({"num_units": self.num_units, "axis": self.axis})
        return config


# TF Addons saved its layer as "Addons>Maxout" with the config {"num_units": ..., "axis": ...}.
_keras_bridge.install_legacy_layer("Addons>Maxout", Maxout)
