"""The base of every layer with trainable activation parameters.

It follows ``keras.layers.PReLU``: each weight ``w`` takes ``w_initializer``,
``w_regularizer`` and ``w_constraint``; ``shared_axes`` shares weights along
axes (``[1, 2]`` gives one weight per channel of an image); ``get_config`` is
explicit. Weights that must stay positive are stored through softplus
(``w = softplus(raw)``), so no optimizer step can break the constraint; their
initializer still gives the weight's own value.
"""

from __future__ import annotations

import dataclasses

import keras
from keras import ops

from keras_activations import _registry


@dataclasses.dataclass(frozen=True)
class WeightSpec:
    """A trainable weight of a learnable activation layer.

    Example:
    >>> WeightSpec("alpha", 0.25).default_initializer
    0.25

    Args:
        name: the activation function's keyword argument this weight feeds.
        default_initializer: the paper's initial value (a number) or a Keras initializer name.
        positive: stored as softplus(raw) so that the weight stays > 0.
        per_unit: one weight per input unit (subject to ``shared_axes``); else a scalar.
    """

    name: str
    default_initializer: object
    positive: bool = False
    per_unit: bool = True


def _initializer(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return keras.initializers.Constant(float(value))
    return keras.initializers.get(value)


class _InverseSoftplus(keras.initializers.Initializer):
    """Wraps an initializer so that softplus(raw) equals the wrapped value."""

    def __init__(self, initializer, owner):
        self.initializer = initializer
        self.owner = owner

    def __call__(self, shape, dtype=None):
        value = self.initializer(shape, dtype=dtype)
        if bool(ops.any(value <= 0)):
            raise ValueError(
                f"{self.owner}: the initializer gives values <= 0 for a weight that must be "
                f"positive. Use an initializer with positive values (e.g. a positive constant)."
            )
        # inverse of softplus, stable for large and small values: v + log(-expm1(-v))
        return value + ops.log(-ops.expm1(-value))


class LearnableActivation(keras.layers.Layer):
    """Base class: an activation whose parameters are trainable weights.

    Subclasses set ``activation_name`` (via ``layer_for``) and ``weight_specs``;
    ``call`` passes the weights to the registered activation function, so the
    math lives in one place.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.PReLU(shared_axes=[1])
    >>> y = layer(keras.ops.ones((2, 3, 4)))
    >>> tuple(layer.alpha.shape)
    (1, 4)
    """

    activation_name: str = ""
    weight_specs: tuple[WeightSpec, ...] = ()

    def __init__(self, shared_axes=None, **kwargs):
        owner = type(self).__name__
        self._weight_args = {}
        for w in self.weight_specs:
            init = kwargs.pop(f"{w.name}_initializer", w.default_initializer)
            reg = kwargs.pop(f"{w.name}_regularizer", None)
            con = kwargs.pop(f"{w.name}_constraint", None)
            self._weight_args[w.name] = (
                _initializer(init),
                keras.regularizers.get(reg),
                keras.constraints.get(con),
            )
        super().__init__(**kwargs)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, int):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)
        for axis in self.shared_axes or []:
            if not isinstance(axis, int) or axis == 0:
                raise ValueError(
                    f"{owner}: `shared_axes` must hold non-zero axis integers (0 is the batch); "
                    f"received {shared_axes!r}."
                )
        self.supports_masking = True
        self._spec = _registry.spec_of(self.activation_name)

    def _param_shape(self, input_shape):
        shape = list(input_shape[1:])
        rank = len(input_shape)
        for axis in self.shared_axes or []:
            index = axis if axis > 0 else rank + axis
            if not 1 <= index < rank:
                raise ValueError(
                    f"{type(self).__name__}: shared axis {axis} is out of range for inputs of rank "
                    f"{rank} (shape {tuple(input_shape)}). Use axes between 1 and {rank - 1}."
                )
            shape[index - 1] = 1
        if any(d is None for d in shape):
            raise ValueError(
                f"{type(self).__name__}: input shape {tuple(input_shape)} has an unknown dimension "
                f"that is not shared. Add that axis to `shared_axes`."
            )
        return tuple(shape)

    def build(self, input_shape):
        per_unit_shape = self._param_shape(input_shape)
        self._raw = {}
        for w in self.weight_specs:
            init, reg, con = self._weight_args[w.name]
            shape = per_unit_shape if w.per_unit else ()
            if w.positive:
                init = _InverseSoftplus(init, type(self).__name__)
            variable = self.add_weight(
                name=w.name,
                shape=shape,
                initializer=init,
                regularizer=reg,
                constraint=con,
                autocast=False,  # kept float32; the function computes half inputs in float32
            )
            self._raw[w.name] = variable
            if not w.positive:
                setattr(self, w.name, variable)
            else:
                setattr(self, f"{w.name}_raw", variable)
        self.input_spec = keras.layers.InputSpec(ndim=len(input_shape))
        self.built = True

    def parameter_values(self) -> dict:
        """The current parameter values fed to the activation (positive ones through softplus)."""
        values = {}
        for w in self.weight_specs:
            raw = self._raw[w.name]
            values[w.name] = ops.softplus(raw) if w.positive else raw
        return values

    def call(self, inputs):
        return self._spec.function(inputs, **self.parameter_values())

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        for w in self.weight_specs:
            init, reg, con = self._weight_args[w.name]
            config[f"{w.name}_initializer"] = keras.initializers.serialize(init)
            config[f"{w.name}_regularizer"] = keras.regularizers.serialize(reg)
            config[f"{w.name}_constraint"] = keras.constraints.serialize(con)
        config["shared_axes"] = self.shared_axes
        return config
