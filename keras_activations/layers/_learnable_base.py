"""The base of every layer with trainable activation parameters.

It follows ``keras.layers.PReLU``: each weight ``w`` takes ``w_initializer``,
``w_regularizer`` and ``w_constraint``; ``shared_axes`` shares weights along
axes (``[1, 2]`` gives one weight per channel of an image); ``get_config`` is
explicit. Weights that must stay positive are stored through softplus
(``w = offset + softplus(raw)``, offset 0 unless a layer says otherwise), so no
optimizer step can break the constraint; their initializer still gives the
weight's own value (and their regularizer and constraint act on ``raw``).

A subclass declares its weights with :class:`WeightSpec` and may override:

* ``fixed_parameters()``: hyper-parameters passed to the function with the
  weights (SMU's ``alpha``, TAAF's base ``activation``);
* ``_weight_shape(spec, unit_shape)``: a weight with an extra trailing axis
  (APL's hinges, KAF's dictionary, PAU's coefficients);
* ``_positive_offset(name)``: a positive weight with a lower bound other than 0;
* ``parameter_values()``: a reparameterisation of its own (SReLU's ordered
  thresholds).
"""

from __future__ import annotations

import dataclasses

import keras
import numpy as np
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
        default_initializer: the paper's initial value (a number), a Keras initializer name, or
            an initializer config dict.
        positive: stored as offset + softplus(raw) so that the weight stays > offset (0 unless
            the layer's ``_positive_offset`` says otherwise).
        per_unit: one weight per input unit (subject to ``shared_axes``); else one scalar (or
            one vector, see ``_weight_shape``) for the whole layer.
    """

    name: str
    default_initializer: object
    positive: bool = False
    per_unit: bool = True


def _initializer(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return keras.initializers.Constant(float(value))
    return keras.initializers.get(value)


def _constant_value(initializer):
    """The value of a Constant initializer (None for any other)."""
    if isinstance(initializer, keras.initializers.Constant):
        value = initializer.get_config().get("value")
        if isinstance(value, (int, float)):
            return float(value)
    return None


@keras.saving.register_keras_serializable(package="keras_activations")
class Coefficients(keras.initializers.Initializer):
    """Initializer with given values along the weight's last axis, broadcast over the others.

    PAU's and KAF's layers use it for their stored fits; it serializes its values.

    Args:
        values: a sequence of numbers; the weight's last axis must have that length.

    Returns:
        (when called with a shape) a tensor of that shape whose last axis holds ``values``.

    Example:
    >>> from keras_activations.layers._learnable_base import Coefficients
    >>> init = Coefficients([0.5, -1.0])
    >>> tuple(init((3, 2)).shape)
    (3, 2)

    Reference:
        Used for the stored fits of Molina et al. (2020, PAU, arXiv:1907.06732) and Scardapane
        et al. (2019, KAF, arXiv:1707.04035).

    Numerics:
        The values are kept as Python floats (exact in the config) and rounded once to the
        weight's dtype.
    """

    def __init__(self, values):
        self.values = [float(v) for v in np.asarray(values, dtype=np.float64).reshape(-1)]
        if not self.values:
            raise ValueError("Coefficients: `values` must hold at least one number; received none.")

    def __call__(self, shape, dtype=None):
        shape = tuple(shape)
        if not shape or shape[-1] != len(self.values):
            raise ValueError(
                f"Coefficients: the weight's last axis must have length {len(self.values)} (one per "
                f"value); received a weight of shape {shape}."
            )
        dtype = dtype or keras.config.floatx()
        # a materialised tensor (not a broadcast view, which PyTorch cannot copy into a variable)
        return ops.convert_to_tensor(np.asarray(self.values), dtype=dtype) * ops.ones(shape, dtype=dtype)

    def get_config(self):
        return {"values": list(self.values)}


class _InverseSoftplus(keras.initializers.Initializer):
    """Wraps an initializer so that offset + softplus(raw) equals the wrapped value."""

    def __init__(self, initializer, owner, name, offset=0.0):
        self.initializer = initializer
        self.owner = owner
        self.name = name
        self.offset = offset

    def __call__(self, shape, dtype=None):
        value = self.initializer(shape, dtype=dtype) - self.offset
        if bool(ops.any(value <= 0)):
            raise ValueError(
                f"{self.owner}: the initializer of `{self.name}` gives values <= {self.offset:g}, but "
                f"`{self.name}` must be > {self.offset:g}. Use an initializer with values above "
                f"{self.offset:g} (e.g. a constant)."
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
            try:
                init = _initializer(init)
            except ValueError as error:
                raise ValueError(f"{owner}: invalid `{w.name}_initializer` {init!r}: {error}") from None
            self._weight_args[w.name] = (init, keras.regularizers.get(reg), keras.constraints.get(con))
        super().__init__(**kwargs)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, int):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)
        for axis in self.shared_axes or []:
            if not isinstance(axis, int) or isinstance(axis, bool) or axis == 0:
                raise ValueError(
                    f"{owner}: `shared_axes` must hold non-zero axis integers (0 is the batch); "
                    f"received {shared_axes!r}."
                )
        if self.shared_axes is not None and not self.per_unit:
            raise ValueError(
                f"{owner}: `shared_axes` applies to per-unit weights, but {owner}'s weights "
                f"({', '.join(w.name for w in self.weight_specs)}) are shared by the whole layer; "
                f"received shared_axes={shared_axes!r}. Remove the argument."
            )
        # positive weights given as numbers: check at construction, not at build
        for w in self.weight_specs:
            if w.positive:
                value = _constant_value(self._weight_args[w.name][0])
                offset = self._positive_offset(w.name)
                if value is not None and not value > offset:
                    raise ValueError(
                        f"{owner}: `{w.name}` must be > {offset:g}; its initial value is {value!r}. "
                        f"Pass `{w.name}_initializer` with a value above {offset:g}."
                    )
        self.supports_masking = True
        self._spec = _registry.spec_of(self.activation_name)

    # ------------------------------------------------------------------ hooks
    @property
    def per_unit(self) -> bool:
        """Whether any weight is per unit (so that ``shared_axes`` applies)."""
        return any(w.per_unit for w in self.weight_specs)

    def fixed_parameters(self) -> dict:
        """Non-trainable hyper-parameters passed to the activation function with the weights."""
        return {}

    def _positive_offset(self, name: str) -> float:
        return 0.0

    def _weight_shape(self, spec: WeightSpec, unit_shape: tuple) -> tuple:
        return unit_shape if spec.per_unit else ()

    # ------------------------------------------------------------------ Keras API
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
        input_shape = tuple(input_shape)
        unit_shape = self._param_shape(input_shape) if self.per_unit else ()
        self._raw = {}
        for w in self.weight_specs:
            init, reg, con = self._weight_args[w.name]
            if w.positive:
                init = _InverseSoftplus(init, type(self).__name__, w.name, self._positive_offset(w.name))
            variable = self.add_weight(
                name=w.name,
                shape=self._weight_shape(w, unit_shape),
                initializer=init,
                regularizer=reg,
                constraint=con,
                # float32 also when the layer's own dtype is a half type (dtype="float16"): half
                # weights lose the small values some parameters need (SMU's μ), giving NaN
                dtype="float32" if self.variable_dtype in ("float16", "bfloat16") else None,
                autocast=False,  # kept float32; the function computes half inputs in float32
            )
            self._raw[w.name] = variable
            if not w.positive:
                setattr(self, w.name, variable)
            else:
                setattr(self, f"{w.name}_raw", variable)
        if self.per_unit:
            rank = len(input_shape)
            shared = {a if a > 0 else rank + a for a in self.shared_axes or []}
            axes = {i: input_shape[i] for i in range(1, rank) if i not in shared}
            self.input_spec = keras.layers.InputSpec(ndim=rank, axes=axes)
        self.built = True

    def parameter_values(self) -> dict:
        """The current parameter values fed to the activation (positive ones through softplus)."""
        values = {}
        for w in self.weight_specs:
            raw = self._raw[w.name]
            if w.positive:
                offset = self._positive_offset(w.name)
                value = ops.softplus(raw)
                values[w.name] = value + offset if offset else value
            else:
                values[w.name] = raw
        return values

    def call(self, inputs):
        return self._spec.function(inputs, **self.fixed_parameters(), **self.parameter_values())

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        for w in self.weight_specs:
            init, reg, con = self._weight_args[w.name]
            config[f"{w.name}_initializer"] = keras.initializers.serialize(init)
            config[f"{w.name}_regularizer"] = keras.regularizers.serialize(reg)
            config[f"{w.name}_constraint"] = keras.constraints.serialize(con)
        if self.per_unit:
            config["shared_axes"] = self.shared_axes
        return config
