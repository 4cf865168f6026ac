"""keras_activations: a verified catalogue of activation functions for Keras 3.

Importing the package registers every activation with Keras, so that each can
be used the ways Keras teaches for its own:

>>> import keras, keras_activations as ka
>>> dense = keras.layers.Dense(8, activation="serf")          # by name
>>> act = keras.layers.Activation("snake")                    # as a separate layer
>>> dense = keras.layers.Dense(8, activation=ka.serf)         # the function
>>> dense = keras.layers.Dense(8, activation=ka.layers.Snake(frequency=2.0))  # a configured layer

and models saved with them load again with ``keras.models.load_model`` after
``import keras_activations``. A bare Keras name (``"gelu"``) keeps meaning
Keras's function; ``"keras_activations>gelu"`` or ``ka.gelu`` select ours.

Every function is exposed at the top level under its name and its aliases
(``ka.silu`` and ``ka.swish`` are one function); ``ka.list_activations()`` lists
them and ``ka.describe(name)`` tells all about one.
"""

import builtins as _builtins
import os as _os
import sys as _sys

if _os.path.basename(_sys.argv[0] if _sys.argv else "") == "keras-activations":
    # The command line: keep TensorFlow's C++ start-up log lines off the terminal
    # (a user's own TF_CPP_MIN_LOG_LEVEL wins). Library imports are left alone.
    _os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")

from keras_activations import _registry
from keras_activations import activations as _activations  # noqa: F401  (registers the catalogue)
from keras_activations import layers
from keras_activations import catalogue
from keras_activations._api import deserialize, get, serialize
from keras_activations._export import export, export_friendly
from keras_activations._registry import (
    FAMILIES,
    PROPERTIES,
    ActivationSpec,
    Parameter,
    fast_paths_enabled,
    set_fast_paths,
)
from keras_activations.catalogue import describe, list_activations

__version__ = "0.1.0"


def _public_functions() -> dict:
    functions = {}
    for name, spec in _registry.all_names().items():
        if name.isidentifier():
            functions[name] = spec.function
    return functions


# The catalogue's functions, derived from the registry (never a hand-kept list).
_FUNCTIONS = _public_functions()
globals().update(_FUNCTIONS)


def __getattr__(name):
    if name in ("plot", "plot_gallery"):
        from keras_activations import plotting

        return getattr(plotting, name)
    raise AttributeError(f"module 'keras_activations' has no attribute {name!r}")


# `abs` is ka.abs, but a star import must not hide Python's built-ins
_BUILTINS = set(dir(_builtins))
__all__ = sorted(
    {name for name in _FUNCTIONS if name not in _BUILTINS}
    | {
        "ActivationSpec",
        "FAMILIES",
        "PROPERTIES",
        "Parameter",
        "catalogue",
        "describe",
        "export",
        "export_friendly",
        "fast_paths_enabled",
        "set_fast_paths",
        "deserialize",
        "get",
        "layers",
        "list_activations",
        "serialize",
        "__version__",
    }
)
