"""The generic layer behind every stateless activation, and the layer table."""

from __future__ import annotations

import inspect

import keras

from keras_activations import _keras_bridge, _registry

# activation name -> hand-written layer class (learnable, stochastic, shape-changing...)
_HAND_WRITTEN: dict[str, type] = {}


def layer_for(activation_name: str):
    """Class decorator: ``cls`` is the layer of ``activation_name`` (not generated).

    The class is registered as ``keras_activations>ClassName``; its name must be
    the spec's ``layer_name``.

    Example:
    >>> from keras_activations.layers import layer_for  # doctest: +SKIP
    >>> @layer_for("prelu")  # doctest: +SKIP
    ... class PReLU(keras.layers.Layer): ...
    """

    def decorate(cls: type) -> type:
        spec = _registry.spec_of(activation_name)
        if cls.__name__ != spec.layer_name:
            raise ValueError(f"layer for {activation_name} must be named {spec.layer_name}, not {cls.__name__}")
        if activation_name in _HAND_WRITTEN:
            raise ValueError(
                f"{activation_name} already has a layer: {_HAND_WRITTEN[activation_name]}; an activation "
                f"can have only one hand-written layer: remove the second registration"
            )
        _keras_bridge.install_layer(cls)
        cls.activation_name = spec.name
        _HAND_WRITTEN[spec.name] = cls
        return cls

    return decorate


class ActivationLayer(keras.layers.Layer):
    """Applies one stateless catalogue activation with fixed hyper-parameters.

    Every stateless activation of the catalogue has a subclass of this layer,
    generated from its registry entry (``keras_activations.layers.Serf``,
    ``keras_activations.layers.Snake`` ...). It has no weights, is built at
    construction, passes masks through, keeps the layer's dtype policy and
    writes its hyper-parameters into ``get_config``.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.ActivationLayer.for_name("hardtanh", max_val=2.0)
    >>> layer.get_config()["max_val"]
    2.0
    """

    activation_name: str = ""

    def __init__(self, **kwargs):
        spec = _registry.spec_of(self.activation_name)
        owner = type(self).__name__
        params = {}
        for p in spec.parameters:
            params[p.name] = p.check(kwargs.pop(p.name, p.default), owner)
        if spec.validate is not None:  # checks that involve several parameters
            spec.validate(params, owner)
        super().__init__(**kwargs)
        self._activation_params = params
        self._activation_function = spec.function
        self._activation_kind = spec.kind
        self.supports_masking = spec.kind in ("elementwise", "axis")
        self.built = True

    @classmethod
    def for_name(cls, name: str, **params) -> keras.layers.Layer:
        """The layer of the activation called ``name`` (any alias), configured."""
        spec = _registry.spec_of(name)
        return spec.layer(**params)

    def call(self, inputs):
        return self._activation_function(inputs, **self._activation_params)

    def compute_output_shape(self, input_shape):
        if self._activation_kind == "gated":
            axis = self._activation_params.get("axis", -1)
            shape = list(input_shape)
            if shape[axis] is not None:
                shape[axis] = shape[axis] // 2
            return tuple(shape)
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        # tuples become lists, as they would after a JSON round trip
        config.update({k: list(v) if isinstance(v, tuple) else v for k, v in self._activation_params.items()})
        return config


def _generated_docstring(spec) -> str:
    lines = [f"Layer form of :func:`keras_activations.{spec.name}`: {spec.summary}", ""]
    lines.append(f"Formula: ``{spec.formula}``")
    if spec.parameters:
        lines += ["", "Args:"]
        for p in spec.parameters:
            lines.append(f"    {p.name}: {p.description or 'hyper-parameter'}; valid range {p.range_text()}, "
                         f"default {p.default!r}.")
        lines.append("    **kwargs: standard layer arguments (``name``, ``dtype``, ...).")
    example_args = ""
    lines += [
        "",
        "Example:",
        ">>> import keras, keras_activations as ka",
        f">>> layer = ka.layers.{spec.layer_name}({example_args})",
        ">>> y = layer(keras.ops.ones((2, 4)))",
        f">>> dense = keras.layers.Dense(4, activation=ka.layers.{spec.layer_name}())",
        "",
        f"The same activation by name: ``keras.layers.Activation(\"{spec.name}\")``.",
    ]
    if spec.references:
        lines += ["", "Reference:"] + [f"    {r}" for r in spec.references]
    return "\n".join(lines)


def make_layer_class(spec) -> type:
    """Generate (and register) the stateless layer class of ``spec``."""

    def __init__(self, **kwargs):
        ActivationLayer.__init__(self, **kwargs)

    __init__.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [
            inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default)
            for p in spec.parameters
        ]
        + [inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD)]
    )
    cls = type(
        spec.layer_name,
        (ActivationLayer,),
        {
            "__init__": __init__,
            "__doc__": _generated_docstring(spec),
            "__module__": "keras_activations.layers",
            "activation_name": spec.name,
        },
    )
    return _keras_bridge.install_layer(cls)


def build_layer_classes() -> dict[str, type]:
    """Return ``{layer_name: class}`` for every registered activation.

    Hand-written layers are used where they exist; every other activation gets
    a generated :class:`ActivationLayer` subclass.
    """
    classes = {}
    for spec in _registry.all_specs():
        cls = _HAND_WRITTEN.get(spec.name)
        if cls is None:
            cls = _GENERATED.get(spec.name)
            if cls is None:
                cls = _GENERATED[spec.name] = make_layer_class(spec)
        classes[spec.layer_name] = cls
    return classes


_GENERATED: dict[str, type] = {}


def hand_written_layers() -> dict[str, type]:
    """The hand-written layers, by activation name."""
    return dict(_HAND_WRITTEN)
