"""Every activation as a Keras layer.

Stateless activations get a generated :class:`ActivationLayer` subclass named
after the activation (``Serf``, ``TanhExp``, ``GELU``); learnable, stochastic,
shape-changing, gated and normalising layers are written by hand in the
modules below. Each is registered as ``keras_activations>ClassName``.

Example:
>>> import keras, keras_activations as ka
>>> model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), ka.layers.Serf()])
"""

from keras_activations.layers import gated as _gated  # noqa: F401
from keras_activations.layers import learnable as _learnable  # noqa: F401
from keras_activations.layers import normalizing as _normalizing  # noqa: F401
from keras_activations.layers import shape as _shape  # noqa: F401
from keras_activations.layers import stochastic as _stochastic  # noqa: F401
from keras_activations.layers._base import ActivationLayer, build_layer_classes, layer_for
from keras_activations.layers._learnable_base import Coefficients, LearnableActivation, WeightSpec

_EXTRA = {
    name: obj
    for module in (_gated, _learnable, _normalizing, _shape, _stochastic)
    for name, obj in vars(module).items()
    if isinstance(obj, type) and obj.__module__ == module.__name__ and not name.startswith("_")
}
_CLASSES = build_layer_classes()
globals().update(_CLASSES)
globals().update(_EXTRA)

__all__ = sorted(
    {"ActivationLayer", "Coefficients", "LearnableActivation", "WeightSpec", "layer_for"} | set(_CLASSES) | set(_EXTRA)
)
