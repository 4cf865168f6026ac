"""Gated activation layers and the gated feed-forward block.

The gated layers (GLU, Bilinear, ReGLU, GEGLU, GEGLUTanh, SwiGLU, GTU,
SwiGLUClamped) split their input along ``axis`` into halves a (first) and b
(second) and return a tensor half as wide along that axis (see
:mod:`keras_activations.activations.gated` for which half is gated). They
check at build time that the axis exists and has an even size, and pass a
Keras time-step mask through when they act on the last (feature) axis.

:class:`GatedFeedForward` is the transformer feed-forward block built around
them (Shazeer 2020): a fused input projection to 2·units features, the gate,
and an output projection.
"""

from __future__ import annotations

import math
import numbers

import keras
from keras import ops

from keras_activations import _keras_bridge, _registry
from keras_activations.layers._base import ActivationLayer, layer_for


class _GatedLayer(ActivationLayer):
    """A gated activation as a layer: shape checks at build time, mask passed on the feature axis."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        axis = self._activation_params["axis"]
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise ValueError(
                f"{type(self).__name__}: `axis` must be an integer; received {axis!r} of type "
                f"{type(axis).__name__}."
            )
        self.supports_masking = True
        self.built = False

    def build(self, input_shape):
        owner = type(self).__name__
        axis = self._activation_params["axis"]
        rank = len(input_shape)
        if not -rank <= axis < rank:
            raise ValueError(
                f"{owner}: `axis`={axis} is out of range for inputs of rank {rank} (shape "
                f"{tuple(input_shape)}); use an axis in [{-rank}, {rank - 1}]."
            )
        size = input_shape[axis]
        if size is not None and size % 2:
            raise ValueError(
                f"{owner}: the size of axis {axis} must be even to split it into halves a and b; "
                f"received input shape {tuple(input_shape)} (size {size}). Make the previous layer "
                f"produce an even number of features, e.g. Dense(2 * units)."
            )
        self.built = True

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        rank = len(inputs.shape)
        return mask if self._activation_params["axis"] % rank == rank - 1 else None


@layer_for("glu")
class GLU(_GatedLayer):
    """Gated linear unit layer: a ⊗ σ(b), a and b the halves of the input along ``axis``.

    Args:
        axis: the axis to split, an integer; default −1.
        swap_halves: False (default) gates with the second half (Keras, PyTorch
            and JAX order); True computes b ⊗ σ(a).
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.GLU()])
    >>> model.output_shape
    (None, 8)

    Reference:
        Dauphin, Fan, Auli & Grangier (2017), arXiv:1612.08083.
    """

    def __init__(self, axis=-1, swap_halves=False, **kwargs):
        super().__init__(axis=axis, swap_halves=swap_halves, **kwargs)


@layer_for("bilinear")
class Bilinear(_GatedLayer):
    """Bilinear gated layer: a ⊗ b, a and b the halves of the input along ``axis``.

    Args:
        axis: the axis to split, an integer; default −1.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.Bilinear()])

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202.
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(axis=axis, **kwargs)


@layer_for("reglu")
class ReGLU(_GatedLayer):
    """ReLU-gated layer: relu(a) ⊗ b, a and b the halves of the input along ``axis``.

    Args:
        axis: the axis to split, an integer; default −1.
        swap_halves: False (default) applies relu to the first half; True
            computes relu(b) ⊗ a.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.ReGLU()])

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202.
    """

    def __init__(self, axis=-1, swap_halves=False, **kwargs):
        super().__init__(axis=axis, swap_halves=swap_halves, **kwargs)


@layer_for("geglu")
class GEGLU(_GatedLayer):
    """GELU-gated layer: gelu(a) ⊗ b, a and b the halves of the input along ``axis``.

    Args:
        axis: the axis to split, an integer; default −1.
        approximate: False (default) for the exact GELU, True for the tanh form.
        swap_halves: False (default) applies GELU to the first half; True
            computes gelu(b) ⊗ a (diffusers' ``GEGLU`` order).
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.GEGLU()])

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202.
    """

    def __init__(self, axis=-1, approximate=False, swap_halves=False, **kwargs):
        super().__init__(axis=axis, approximate=approximate, swap_halves=swap_halves, **kwargs)


@layer_for("geglu_tanh")
class GEGLUTanh(_GatedLayer):
    """GELU-gated layer with the tanh form of GELU: gelu_tanh(a) ⊗ b.

    Args:
        axis: the axis to split, an integer; default −1.
        swap_halves: False (default) applies GELU to the first half; True
            computes gelu_tanh(b) ⊗ a.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.GEGLUTanh()])

    Reference:
        Shazeer (2020), arXiv:2002.05202; Hendrycks & Gimpel (2016), arXiv:1606.08415.
    """

    def __init__(self, axis=-1, swap_halves=False, **kwargs):
        super().__init__(axis=axis, swap_halves=swap_halves, **kwargs)


@layer_for("swiglu")
class SwiGLU(_GatedLayer):
    """Swish-gated layer: a·σ(β·a) ⊗ b, a and b the halves of the input along ``axis``.

    Args:
        axis: the axis to split, an integer; default −1.
        beta: the swish β, any real number; default 1 (SiLU).
        swap_halves: False (default) applies swish to the first half; True
            computes swish_β(b) ⊗ a.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.SwiGLU()])

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202.
    """

    def __init__(self, axis=-1, beta=1.0, swap_halves=False, **kwargs):
        super().__init__(axis=axis, beta=beta, swap_halves=swap_halves, **kwargs)


@layer_for("gtu")
class GTU(_GatedLayer):
    """Gated tanh unit layer: tanh(a) ⊗ σ(b), a and b the halves of the input along ``axis``.

    Args:
        axis: the axis to split, an integer; default −1.
        swap_halves: False (default) gates with σ of the second half; True
            computes tanh(b) ⊗ σ(a).
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.GTU()])

    Reference:
        van den Oord et al. (2016), arXiv:1606.05328.
    """

    def __init__(self, axis=-1, swap_halves=False, **kwargs):
        super().__init__(axis=axis, swap_halves=swap_halves, **kwargs)


@layer_for("swiglu_clamped")
class SwiGLUClamped(_GatedLayer):
    """Clamped SwiGLU layer of gpt-oss: g·σ(α·g)·(u + 1), g = min(a, L), u = clip(b, −L, L).

    Args:
        axis: the axis to split, an integer; default −1.
        alpha: α > 0; default 1.702.
        limit: L > 0; default 7.
        interleaved: False (default) splits into halves; True takes the
            even-indexed features as a and the odd-indexed as b (gpt-oss layout).
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(16), ka.layers.SwiGLUClamped()])

    Reference:
        OpenAI (2025), "gpt-oss-120b & gpt-oss-20b model card", arXiv:2508.10925.
    """

    def __init__(self, axis=-1, alpha=1.702, limit=7.0, interleaved=False, **kwargs):
        super().__init__(axis=axis, alpha=alpha, limit=limit, interleaved=interleaved, **kwargs)


WIDTH_RULES = ("exact", "two_thirds")


def _positive_int(owner, name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{owner}: `{name}` must be a positive integer; received {value!r}.")
    return int(value)


class GatedFeedForward(keras.layers.Layer):
    """Gated feed-forward block: W₂·gate(x·W₁ + b₁) + b₂ (Shazeer 2020).

    ``x·W₁`` is one fused projection to 2·units features whose first half is
    a and second half b; the gated activation (SwiGLU by default) makes
    ``units`` features of them, and the output projection maps these back to
    ``output_units`` (the input's size by default). For the default SwiGLU
    this is FFN_SwiGLU(x) = (Swish(xW) ⊗ xV)·W₂ with [W, V] = W₁.

    Args:
        hidden_units: the gated width d_ff, a positive integer (before the
            width rule).
        output_units: the output size, a positive integer; default None (the
            input's last dimension).
        activation: the name (or alias) of a gated activation of the catalogue:
            "swiglu" (default), "geglu", "geglu_tanh", "reglu", "glu", "gtu",
            "bilinear" or "swiglu_clamped"; its default parameters are used.
        use_bias: whether the projections have biases; default False (as in
            Shazeer 2020 and LLaMA).
        width_rule: "exact" (default) uses ``hidden_units`` as the gated width;
            "two_thirds" uses ⌊2·hidden_units/3⌋, Shazeer (2020)'s reduction
            that keeps the parameter count of a non-gated block of width
            ``hidden_units`` (3072 → 2048 in the paper).
        multiple_of: round the gated width up to a multiple of this positive
            integer (LLaMA uses 256); default 1.
        kernel_initializer, bias_initializer: initializers of both projections;
            defaults "glorot_uniform" and "zeros".
        kernel_regularizer, bias_regularizer, kernel_constraint,
            bias_constraint: optional, as in ``keras.layers.Dense``.
        **kwargs: standard layer arguments (``name``, ``dtype``, ...).

    Attributes:
        units: the gated width after the width rule and rounding.

    Example:
    >>> import keras, keras_activations as ka
    >>> block = ka.layers.GatedFeedForward(3072, width_rule="two_thirds")
    >>> y = block(keras.ops.ones((2, 5, 768)))
    >>> block.units, tuple(y.shape)
    (2048, (2, 5, 768))

    Reference:
        Shazeer (2020), "GLU variants improve Transformer", arXiv:2002.05202.
    """

    def __init__(
        self,
        hidden_units,
        output_units=None,
        activation="swiglu",
        use_bias=False,
        width_rule="exact",
        multiple_of=1,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        owner = type(self).__name__
        self.hidden_units = _positive_int(owner, "hidden_units", hidden_units)
        self.output_units = None if output_units is None else _positive_int(owner, "output_units", output_units)
        self.multiple_of = _positive_int(owner, "multiple_of", multiple_of)
        if width_rule not in WIDTH_RULES:
            raise ValueError(
                f"{owner}: `width_rule` must be one of {WIDTH_RULES}; received {width_rule!r}."
            )
        self.width_rule = width_rule
        self.activation = activation
        self._gate = _gated_function(owner, activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        base = self.hidden_units
        if width_rule == "two_thirds":
            base = max(1, (2 * self.hidden_units) // 3)
        self.units = self.multiple_of * math.ceil(base / self.multiple_of)
        self.supports_masking = True

    def build(self, input_shape):
        owner = type(self).__name__
        if len(input_shape) < 1 or input_shape[-1] is None:
            raise ValueError(
                f"{owner}: the last dimension of the input must be known; received input shape "
                f"{tuple(input_shape)}."
            )
        features = input_shape[-1]
        out = self.output_units or features
        self.input_kernel = self.add_weight(
            name="input_kernel",
            shape=(features, 2 * self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        self.output_kernel = self.add_weight(
            name="output_kernel",
            shape=(self.units, out),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
        )
        if self.use_bias:
            self.input_bias = self.add_weight(
                name="input_bias",
                shape=(2 * self.units,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
            self.output_bias = self.add_weight(
                name="output_bias",
                shape=(out,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
            )
        else:
            self.input_bias = None
            self.output_bias = None
        self.built = True

    def call(self, inputs):
        h = ops.matmul(inputs, self.input_kernel)
        if self.input_bias is not None:
            h = h + self.input_bias
        h = self._gate(h, axis=-1)
        y = ops.matmul(h, self.output_kernel)
        if self.output_bias is not None:
            y = y + self.output_bias
        return y

    def compute_output_shape(self, input_shape):
        out = self.output_units or input_shape[-1]
        return tuple(input_shape[:-1]) + (out,)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "hidden_units": self.hidden_units,
                "output_units": self.output_units,
                "activation": self.activation,
                "use_bias": self.use_bias,
                "width_rule": self.width_rule,
                "multiple_of": self.multiple_of,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "bias_initializer": keras.initializers.serialize(self.bias_initializer),
                "kernel_regularizer": keras.regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": keras.regularizers.serialize(self.bias_regularizer),
                "kernel_constraint": keras.constraints.serialize(self.kernel_constraint),
                "bias_constraint": keras.constraints.serialize(self.bias_constraint),
            }
        )
        return config


_keras_bridge.install_layer(GatedFeedForward)


def _gated_function(owner, name):
    gated = sorted(s.name for s in _registry.all_specs() if s.kind == "gated")
    if not isinstance(name, str):
        raise ValueError(
            f"{owner}: `activation` must be the name of a gated activation, one of {gated}; "
            f"received {name!r} of type {type(name).__name__}."
        )
    try:
        spec = _registry.spec_of(name)
    except ValueError as error:
        raise ValueError(f"{owner}: `activation`: {error} Gated activations: {gated}.") from None
    if spec.kind != "gated":
        raise ValueError(
            f"{owner}: `activation` must name a gated activation (one that splits its input in "
            f"two halves), one of {gated}; received {name!r}, whose kind is {spec.kind!r}."
        )
    return spec.function
