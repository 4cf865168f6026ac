"""Names that older libraries saved into model configs, mapped to our functions.

TF Addons (archived 2024) saved its activations as ``Addons>name``, and
KerasNLP as ``keras_nlp>gelu_approximate``. A model config naming them loads
with the function of the same meaning and defaults (TF Addons' ``gelu``
defaulted to the tanh approximation, so ``Addons>gelu`` is ``gelu_tanh``).

Example:
>>> import keras, keras_activations as ka
>>> config = {"module": "builtins", "class_name": "function", "config": "Addons>gelu",
...           "registered_name": "function"}
>>> keras.activations.deserialize(config) is ka.gelu_tanh
True
"""

from __future__ import annotations

from keras_activations import _registry

#: legacy registered name -> our activation name (with the same defaults)
LEGACY_NAMES = {
    "Addons>tanhshrink": "tanh_shrink",
    "Addons>hardshrink": "hard_shrink",  # TF Addons defaults lower=-0.5, upper=0.5 = our threshold 0.5
    "Addons>softshrink": "soft_shrink",  # same defaults
    "Addons>gelu": "gelu_tanh",  # tfa.activations.gelu defaulted to approximate=True
    "Addons>mish": "mish",
    "Addons>lisht": "lisht",
    "Addons>snake": "snake",  # tfa.activations.snake(x, frequency=1): our default frequency is 1 too
    "keras_nlp>gelu_approximate": "gelu_tanh",
}

for _legacy, _ours in LEGACY_NAMES.items():
    _registry.register_legacy(_legacy, _registry.spec_of(_ours).function)
