"""Every activation as a layer: the generated stateless layers and their contract."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _registry
from tests.conftest import to_numpy

GENERATED = [
    s for s in _registry.all_specs()
    if issubclass(s.layer, ka.layers.ActivationLayer) and s.kind == "elementwise"
]
IDS = [s.name for s in GENERATED]
X = np.linspace(-4, 4, 24, dtype="float32").reshape(2, 3, 4)


def test_every_activation_has_a_layer():
    for spec in _registry.all_specs():
        cls = getattr(ka.layers, spec.layer_name)
        assert cls is spec.layer
        assert cls.__doc__ and ">>>" in cls.__doc__, f"{spec.layer_name}: no docstring example"
        assert keras.saving.get_registered_name(cls) == f"keras_activations>{spec.layer_name}"


@pytest.mark.parametrize("spec", GENERATED, ids=IDS)
def test_generated_layer_matches_function_and_round_trips(spec):
    layer = spec.layer()
    assert layer.built, "stateless layers are built at construction"
    assert layer.supports_masking
    assert not layer.weights
    np.testing.assert_array_equal(to_numpy(layer(X)), to_numpy(spec.function(X)))
    config = layer.get_config()
    for p in spec.parameters:
        assert config[p.name] == (list(p.default) if isinstance(p.default, tuple) else p.default)
    clone = spec.layer.from_config(json.loads(json.dumps(config)))
    assert clone.get_config() == config
    assert layer.compute_output_shape((None, 3, 4)) == (None, 3, 4)


def test_parameters_are_passed_and_serialized():
    layer = ka.layers.HardTanh(min_val=-0.5, max_val=2.0)
    np.testing.assert_array_equal(to_numpy(layer(X)), to_numpy(ka.hard_tanh(X, min_val=-0.5, max_val=2.0)))
    restored = keras.layers.deserialize(keras.layers.serialize(layer))
    assert type(restored) is type(layer) and restored.get_config()["max_val"] == 2.0
    with pytest.raises(ValueError, match="min_val"):
        ka.layers.HardTanh(min_val=1.0, max_val=0.0)
    with pytest.raises(ValueError, match="frequency"):
        ka.snake(X, frequency=0.0)


def test_layer_as_activation_argument_serializes():
    dense = keras.layers.Dense(3, activation=ka.layers.GELU(approximate=True))
    config = json.loads(json.dumps(dense.get_config()))
    restored = keras.layers.Dense.from_config(config)
    assert isinstance(restored.activation, ka.layers.GELU)
    assert restored.activation.get_config()["approximate"] is True


def test_mask_passes_through_a_generated_layer():
    inputs = keras.Input((5,), dtype="int32")
    embedded = keras.layers.Embedding(10, 4, mask_zero=True)(inputs)
    activated = ka.layers.GELU()(embedded)
    mask = activated._keras_mask if hasattr(activated, "_keras_mask") else None
    model = keras.Model(inputs, activated)
    layer = model.layers[-1]
    tokens = np.array([[1, 2, 0, 0, 3]])
    computed = layer.compute_mask(model.layers[1](tokens), np.array([[1, 1, 0, 0, 1]], dtype=bool))
    np.testing.assert_array_equal(to_numpy(computed), [[True, True, False, False, True]])
    assert mask is None or mask is not False


@pytest.mark.parametrize("policy", ["mixed_float16", "mixed_bfloat16"])
def test_generated_layers_keep_the_dtype_policy(policy):
    x = np.linspace(-30, 30, 61, dtype="float32").reshape(1, 61)
    compute = policy.split("_")[1]
    for spec in GENERATED:
        layer = spec.layer(dtype=policy)
        y = layer(x)
        assert keras.backend.standardize_dtype(y.dtype) == compute, spec.name
        values = to_numpy(y)
        assert not np.isnan(values).any(), f"{spec.name} gave NaN under {policy}"


def test_prelu_follows_keras_conventions():
    layer = ka.layers.PReLU(shared_axes=[1, 2], alpha_regularizer="l2", alpha_constraint="non_neg")
    y = layer(np.ones((2, 5, 5, 3), dtype="float32") * -1.0)
    assert tuple(layer.alpha.shape) == (1, 1, 3)
    np.testing.assert_allclose(to_numpy(y), -0.25, rtol=1e-6)
    config = layer.get_config()
    clone = ka.layers.PReLU.from_config(json.loads(json.dumps(config)))
    assert clone.get_config() == config
    with pytest.raises(ValueError, match="shared_axes"):
        ka.layers.PReLU(shared_axes=[0])
    with pytest.raises(ValueError, match="out of range"):
        ka.layers.PReLU(shared_axes=[5])(np.ones((2, 3), dtype="float32"))
