"""The one place where keras_activations touches Keras internals.

Keras 3 resolves an activation *string* (``Dense(5, activation="snake")``,
``Activation("snake")``) only through its private table
``keras.src.activations.ALL_OBJECTS_DICT``; the public custom-object registry is
consulted for saved configs but not for strings (since Keras 3.0.2). So, for
each activation, this module:

* registers the function with ``keras.saving.register_keras_serializable`` under
  ``keras_activations>name`` (what a saved model stores), plus every alias;
* adds each name and alias to the private table, never replacing a name Keras
  already has (a bare ``"gelu"`` stays Keras's gelu), and always adds the
  prefixed ``"keras_activations>name"`` form.

If a future Keras moves the table, :func:`activation_table` raises an error
that says so, instead of silently registering nothing.
"""

from __future__ import annotations

from typing import Callable

import keras

PACKAGE = "keras_activations"
KERAS_TABLE_LOCATION = "keras.src.activations.ALL_OBJECTS_DICT"

# Names that Keras itself had before we touched the table: never overwritten.
_KERAS_OWN: frozenset[str] | None = None
# Names we put into the table: {name: function}.
_INSTALLED: dict[str, Callable] = {}


class KerasIntegrationError(RuntimeError):
    """Keras no longer has the private table that activation strings resolve through."""


def activation_table() -> dict:
    """Return Keras's private activation-name table, or raise a clear error."""
    global _KERAS_OWN
    try:
        from keras.src import activations as keras_src_activations

        table = keras_src_activations.ALL_OBJECTS_DICT
    except (ImportError, AttributeError) as error:  # pragma: no cover - future Keras
        raise KerasIntegrationError(
            f"keras_activations could not find {KERAS_TABLE_LOCATION} in Keras "
            f"{keras.__version__}: string names such as activation='snake' cannot be "
            f"installed. Pass the function (activation=keras_activations.snake) or a layer "
            f"instead, and report this Keras version to keras-activations. ({error})"
        ) from error
    if not isinstance(table, dict):  # pragma: no cover - future Keras
        raise KerasIntegrationError(
            f"{KERAS_TABLE_LOCATION} is a {type(table).__name__}, not a dict, in Keras "
            f"{keras.__version__}; keras_activations cannot install string names."
        )
    if _KERAS_OWN is None:
        _KERAS_OWN = frozenset(k for k in table if k not in _INSTALLED)
    return table


def keras_own_names() -> frozenset[str]:
    """The activation names Keras itself resolves (never replaced by us)."""
    activation_table()
    return _KERAS_OWN


def _custom_objects() -> dict:
    return keras.saving.get_custom_objects()


def install_function(spec) -> None:
    """Register ``spec.function`` and its names with Keras (checks first, then writes)."""
    table = activation_table()
    custom = _custom_objects()
    fn = spec.function
    plain = [n for n in spec.names if n not in _KERAS_OWN]
    prefixed = [f"{PACKAGE}>{n}" for n in spec.names]
    for key in plain + prefixed:
        owner = _INSTALLED.get(key)
        if owner is not None and owner is not fn:
            raise ValueError(
                f"{spec.name}: the Keras name {key!r} is already taken by {owner.__name__}; each name "
                f"must be unique: choose another name or alias for {spec.name}"
            )
        if key in prefixed and key in custom and custom[key] is not fn:
            raise ValueError(f"{spec.name}: {key!r} is already a registered Keras object")
    keras.saving.register_keras_serializable(package=PACKAGE, name=spec.name)(fn)
    for key in plain + prefixed:
        table[key] = fn
        _INSTALLED[key] = fn
    for key in prefixed:
        custom[key] = fn


def install_legacy(registered_name: str, fn: Callable) -> None:
    """Make configs that name ``registered_name`` (``Addons>gelu``) load as ``fn``."""
    table = activation_table()
    if registered_name in _KERAS_OWN:
        raise ValueError(f"{registered_name!r} is a Keras name and cannot be a legacy alias")
    table[registered_name] = fn
    _INSTALLED[registered_name] = fn
    _custom_objects()[registered_name] = fn


def install_layer(cls: type) -> type:
    """Register a layer class as ``keras_activations>ClassName``."""
    return keras.saving.register_keras_serializable(package=PACKAGE, name=cls.__name__)(cls)


def install_legacy_layer(registered_name: str, cls: type) -> None:
    """Make configs that name an old layer (``Addons>Snake``) load as ``cls``."""
    _custom_objects()[registered_name] = cls


def installed_names() -> dict[str, Callable]:
    """Every name this package added to Keras's table."""
    return dict(_INSTALLED)
