"""Normalising activation layers (softmax, log-softmax, softmin, sparsemax, entmax), with masks.

They follow ``keras.layers.Softmax``: ``axis`` at construction, an optional
``mask`` at call time (True keeps a position, False masks it: its output is 0,
or −inf for ``LogSoftmax``), and the incoming mask is passed on unchanged.
A mask one rank lower than the input and equal to its leading dimensions (the
time-step mask Keras propagates from ``Embedding(mask_zero=True)``) masks whole
time steps: their rows come out as zeros.
"""

from __future__ import annotations

import keras
from keras import ops

from keras_activations import _keras_bridge, _numerics, _registry
from keras_activations.layers._base import layer_for


class _NormalizingLayer(keras.layers.Layer):
    """Shared machinery: axis checks, mask handling, config."""

    activation_name: str = ""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise ValueError(
                f"{type(self).__name__}: `axis` must be an integer; received {axis!r} of type "
                f"{type(axis).__name__}."
            )
        self.axis = axis
        self.supports_masking = True
        self._function = _registry.spec_of(self.activation_name).function

    def build(self, input_shape):
        rank = len(input_shape)
        if not -rank <= self.axis < rank or rank == 0:
            raise ValueError(
                f"{type(self).__name__}: `axis`={self.axis} is out of range for inputs of rank "
                f"{rank} (shape {tuple(input_shape)}); use an axis in [{-rank}, {rank - 1}]."
            )
        self.built = True

    def _activation_params(self) -> dict:
        return {}

    def call(self, inputs, mask=None):
        if mask is not None:
            mask = _time_step_mask(inputs, mask)
        return self._function(inputs, axis=self.axis, mask=mask, **self._activation_params())

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, **self._activation_params()})
        return config


def _time_step_mask(inputs, mask):
    """Expand a Keras time-step mask (the input's leading dimensions) to broadcast over features."""
    m_shape, x_shape = tuple(mask.shape), tuple(inputs.shape)
    if len(m_shape) == len(x_shape) - 1 and all(
        m is None or x is None or m == x for m, x in zip(m_shape, x_shape[:-1])
    ):
        return ops.expand_dims(mask, -1)
    return mask


@layer_for("softmax")
class Softmax(_NormalizingLayer):
    """Softmax along ``axis``, with an optional mask (masked positions give 0).

    A drop-in for ``keras.layers.Softmax(axis)`` that also handles inputs with
    +inf (their limit), rows with every position masked (zeros, where
    ``keras.layers.Softmax`` gives zeros too) and keeps NaN rows NaN; see
    :func:`keras_activations.softmax`. ``axis`` is a single integer.

    Args:
        axis: the axis to normalise over, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: a tensor of rank >= 1.
        mask: optional boolean tensor broadcastable to ``inputs`` (True keeps a
            position, False masks it), or a time-step mask equal to the input's
            leading dimensions; default None.
    Example:
    >>> import keras, keras_activations as ka
    >>> scores = keras.ops.convert_to_tensor([[1.0, 5.0, 1.0]])
    >>> y = ka.layers.Softmax()(scores, mask=keras.ops.convert_to_tensor([[True, False, True]]))

    Reference:
        Bridle (1990), "Probabilistic interpretation of feedforward
        classification network outputs".
    """


@layer_for("log_softmax")
class LogSoftmax(_NormalizingLayer):
    """Log-softmax along ``axis``, with an optional mask (masked positions give −inf).

    See :func:`keras_activations.log_softmax`.

    Args:
        axis: the axis to normalise over, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: a tensor of rank >= 1.
        mask: optional boolean tensor broadcastable to ``inputs`` (True keeps a
            position, False masks it), or a time-step mask equal to the input's
            leading dimensions; default None.
    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(5), ka.layers.LogSoftmax()])

    Reference:
        Bridle (1990); the log of softmax.
    """


@layer_for("softmin")
class Softmin(_NormalizingLayer):
    """Softmin along ``axis`` (softmax of −x), with an optional mask (masked positions give 0).

    The layer form of ``torch.nn.Softmin``; see :func:`keras_activations.softmin`.

    Args:
        axis: the axis to normalise over, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: a tensor of rank >= 1.
        mask: optional boolean tensor broadcastable to ``inputs`` (True keeps a
            position, False masks it), or a time-step mask equal to the input's
            leading dimensions; default None.
    Example:
    >>> import keras, keras_activations as ka
    >>> y = ka.layers.Softmin()(keras.ops.convert_to_tensor([[0.0, 1.0]]))  # [[0.731, 0.269]]

    Reference:
        PyTorch ``torch.nn.Softmin``.
    """


@layer_for("sparsemax")
class Sparsemax(_NormalizingLayer):
    """Sparsemax along ``axis`` (exact zeros outside the support), with an optional mask.

    Replaces TF Addons' ``tfa.layers.Sparsemax`` (saved models naming
    ``Addons>Sparsemax`` load as this layer); see
    :func:`keras_activations.sparsemax` (sort-based, exact; the paper's
    Jacobian as gradient).

    Args:
        axis: the axis to normalise over, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: a tensor of rank >= 1.
        mask: optional boolean tensor broadcastable to ``inputs`` (True keeps a
            position, False masks it), or a time-step mask equal to the input's
            leading dimensions; default None.
    Example:
    >>> import keras, keras_activations as ka
    >>> y = ka.layers.Sparsemax()(keras.ops.convert_to_tensor([[1.0, 0.5, -10.0]]))  # [[0.75, 0.25, 0.]]

    Reference:
        Martins & Astudillo (2016), "From softmax to sparsemax", ICML,
        arXiv:1602.02068.
    """


@layer_for("entmax15")
class Entmax15(_NormalizingLayer):
    """1.5-entmax along ``axis`` (exact, sort-based; sparse and smooth), with an optional mask.

    See :func:`keras_activations.entmax15`.

    Args:
        axis: the axis to normalise over, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: a tensor of rank >= 1.
        mask: optional boolean tensor broadcastable to ``inputs`` (True keeps a
            position, False masks it), or a time-step mask equal to the input's
            leading dimensions; default None.
    Example:
    >>> import keras, keras_activations as ka
    >>> y = ka.layers.Entmax15()(keras.ops.convert_to_tensor([[1.0, 0.0, -5.0]]))  # [[0.831, 0.169, 0.]]

    Reference:
        Peters, Niculae & Martins (2019), "Sparse sequence-to-sequence models",
        ACL, arXiv:1905.05702.
    """


@layer_for("entmax")
class Entmax(_NormalizingLayer):
    """α-entmax along ``axis`` (bisection; α = 1.5 by default), with an optional mask.

    See :func:`keras_activations.entmax`. For α = 1.5 :class:`Entmax15` gives
    the same values exactly and faster; α = 2 is sparsemax.

    Args:
        alpha: α, a number > 1; default 1.5.
        axis: the axis to normalise over, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Call arguments:
        inputs: a tensor of rank >= 1.
        mask: optional boolean tensor broadcastable to ``inputs`` (True keeps a
            position, False masks it), or a time-step mask equal to the input's
            leading dimensions; default None.
    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(5), ka.layers.Entmax(alpha=1.3)])

    Reference:
        Peters, Niculae & Martins (2019), "Sparse sequence-to-sequence models",
        ACL, arXiv:1905.05702.
    """

    def __init__(self, alpha=1.5, axis=-1, **kwargs):
        super().__init__(axis=axis, **kwargs)
        if not _numerics.is_number(alpha):
            raise ValueError(
                f"Entmax: `alpha` must be a Python number > 1; received {alpha!r} of type "
                f"{type(alpha).__name__}."
            )
        spec = _registry.spec_of(self.activation_name)
        (param,) = [p for p in spec.parameters if p.name == "alpha"]
        self.alpha = param.check(float(alpha), "Entmax")

    def _activation_params(self) -> dict:
        return {"alpha": self.alpha}




# TF Addons saved its layer as "Addons>Sparsemax" with the config {"axis": ...}.
_keras_bridge.install_legacy_layer("Addons>Sparsemax", Sparsemax)
