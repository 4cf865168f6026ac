"""``get``, ``serialize`` and ``deserialize``, mirroring ``keras.activations``."""

from __future__ import annotations

import types

import keras

from keras_activations import _keras_bridge, _registry


def get(identifier):
    """Return an activation function from a name, a config dict or a callable.

    Our names and aliases resolve to our functions (``get("gelu")`` is
    ``keras_activations.gelu``); ``"keras_activations>name"`` and legacy names
    (``"Addons>gelu"``) too. ``None`` gives ``linear``. Callables (functions,
    layers) are returned unchanged. Unknown names raise ``ValueError`` with the
    closest names.

    Example:
    >>> import keras_activations as ka
    >>> ka.get("swish") is ka.silu
    True
    """
    if identifier is None:
        return _registry.spec_of("linear").function
    if isinstance(identifier, str):
        if identifier in _registry._LEGACY:
            return _registry._LEGACY[identifier]
        return _registry.spec_of(identifier).function
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise TypeError(
        f"Could not interpret activation identifier {identifier!r} of type "
        f"{type(identifier).__name__}: expected a name, a config dict, a function or a layer."
    )


def serialize(activation):
    """The config Keras stores for ``activation`` (ours, Keras's, or a layer).

    Our functions serialize to a config naming ``keras_activations>name``,
    exactly as ``keras.activations.serialize`` writes them into saved models.

    Example:
    >>> import keras_activations as ka
    >>> ka.serialize(ka.snake)["config"]
    'keras_activations>snake'
    """
    if isinstance(activation, str):
        activation = get(activation)
    if not callable(activation):
        raise TypeError(f"serialize expects an activation function or layer, got {activation!r}.")
    if isinstance(activation, types.FunctionType) or isinstance(activation, keras.layers.Layer):
        return keras.activations.serialize(activation)
    raise TypeError(f"Cannot serialize {activation!r}: expected a function or a Keras layer.")


def deserialize(config, custom_objects=None):
    """Inverse of :func:`serialize`: a config (dict or name) back to the activation.

    Example:
    >>> import keras_activations as ka
    >>> ka.deserialize(ka.serialize(ka.snake)) is ka.snake
    True
    """
    if isinstance(config, str):
        try:
            return get(config)
        except ValueError:
            if config in _keras_bridge.keras_own_names():  # a Keras name we do not carry
                return keras.activations.get(config)
            raise
    if not isinstance(config, dict):
        raise TypeError(f"deserialize expects a dict or a name, got {type(config).__name__}.")
    return keras.saving.deserialize_keras_object(config, custom_objects=custom_objects)
