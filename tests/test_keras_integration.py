"""Using the catalogue the ways Keras teaches: strings, Activation layers, functions, layers, save/load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _keras_bridge, _registry
from tests.conftest import BACKEND, to_numpy

SPECS = _registry.all_specs()
KERAS_OWN = _keras_bridge.keras_own_names()
OURS_ONLY = sorted(n for s in SPECS for n in s.names if n not in KERAS_OWN)


def test_private_touch_point_is_where_we_expect():
    """Fails loudly if a future Keras moves the table that activation strings resolve through."""
    from keras.src import activations as keras_src_activations

    assert isinstance(keras_src_activations.ALL_OBJECTS_DICT, dict)
    assert _keras_bridge.activation_table() is keras_src_activations.ALL_OBJECTS_DICT
    assert keras.activations.get("snake") is ka.snake


def test_a_moved_table_gives_a_clear_error(monkeypatch):
    from keras.src import activations as keras_src_activations

    monkeypatch.delattr(keras_src_activations, "ALL_OBJECTS_DICT")
    with pytest.raises(_keras_bridge.KerasIntegrationError, match="ALL_OBJECTS_DICT"):
        _keras_bridge.activation_table()


def test_every_name_keras_lacks_resolves_as_a_string():
    for name in OURS_ONLY:
        fn = _registry.spec_of(name).function
        assert keras.activations.get(name) is fn, name
        assert keras.layers.Activation(name).activation is fn, name
        assert keras.layers.Dense(2, activation=name).activation is fn, name


def test_prefixed_names_select_ours_for_every_name():
    for spec in SPECS:
        for name in spec.names:
            assert keras.activations.get(f"keras_activations>{name}") is spec.function, name


def test_bare_keras_names_stay_keras():
    for name in KERAS_OWN:
        fn = keras.activations.get(name)
        assert not fn.__module__.startswith("keras_activations"), f"{name!r} was replaced"
    assert keras.activations.get("gelu") is keras.activations.gelu
    assert ka.get("gelu") is ka.gelu is not keras.activations.gelu


def test_get_serialize_deserialize_mirror_keras():
    assert ka.get(None) is ka.linear
    assert ka.get(ka.snake) is ka.snake
    layer = ka.layers.Snake(frequency=2.0)
    assert ka.get(layer) is layer
    config = ka.serialize(ka.snake)
    assert config["config"] == "keras_activations>snake"
    assert ka.deserialize(config) is ka.snake
    assert ka.deserialize("snake") is ka.snake
    assert ka.deserialize("keras_activations>snake") is ka.snake
    assert ka.get(config) is ka.snake
    assert ka.serialize("snake") == config
    restored = ka.deserialize(ka.serialize(layer))
    assert isinstance(restored, type(layer)) and restored.get_config() == layer.get_config()
    with pytest.raises(ValueError, match="Unknown activation"):
        ka.deserialize("definitely_not_an_activation")
    with pytest.raises(TypeError, match="expected a name"):
        ka.get(3)


def test_legacy_addons_names_load_from_a_config():
    for legacy, fn in _registry._LEGACY.items():
        layer = keras.layers.Dense.from_config({"units": 2, "activation": legacy})
        assert layer.activation is fn, legacy
        assert ka.get(legacy) is fn


def test_our_function_saved_in_a_config_reloads_as_ours_not_keras():
    dense = keras.layers.Dense(3, activation=ka.gelu)
    config = json.loads(json.dumps(dense.get_config()))
    assert config["activation"]["config"] == "keras_activations>gelu"
    assert keras.layers.Dense.from_config(config).activation is ka.gelu


def test_integer_input_is_cast_to_floatx():
    y = ka.snake(np.array([1, 2, 3], dtype="int32"))
    assert keras.backend.standardize_dtype(y.dtype) == keras.config.floatx()
    with pytest.raises(TypeError, match="floating or integer"):
        ka.snake(np.array(["a"]))


SAVE_SCRIPT = textwrap.dedent(
    """
    import sys, numpy as np, keras, keras_activations as ka
    keras.utils.set_random_seed(0)
    inputs = keras.Input((6,))
    h = keras.layers.Dense(8, activation="snake")(inputs)                        # 1. a string
    h = keras.layers.Dense(8, activation=ka.tanh_shrink)(h)                      # 2. a function object
    h = keras.layers.Activation("keras_activations>gelu")(h)                     # 3. an Activation layer
    h = keras.layers.Dense(8, activation=ka.layers.GELU(approximate=True))(h)    # 4. a configured layer
    prelu = ka.layers.PReLU(shared_axes=None)                                    # 5. a learnable layer
    h = prelu(keras.layers.Dense(8)(h))
    outputs = keras.layers.Dense(2, activation="gelu")(h)                        # Keras's own gelu
    model = keras.Model(inputs, outputs)
    model.compile("adam", "mse")
    x = np.random.default_rng(0).normal(size=(64, 6)).astype("float32")
    y = np.random.default_rng(1).normal(size=(64, 2)).astype("float32")
    before = np.array(keras.ops.convert_to_numpy(prelu.alpha))
    model.fit(x, y, epochs=3, batch_size=16, verbose=0)
    after = np.array(keras.ops.convert_to_numpy(prelu.alpha))
    assert not np.allclose(before, after), "PReLU did not train"
    model.save(sys.argv[1])
    np.save(sys.argv[2], x)
    np.save(sys.argv[3], np.asarray(keras.ops.convert_to_numpy(model(x))))
    """
)

LOAD_SCRIPT = textwrap.dedent(
    """
    import sys, numpy as np, keras
    import keras_activations  # the only thing a user has to do
    model = keras.models.load_model(sys.argv[1])  # safe_mode stays on
    x = np.load(sys.argv[2])
    np.save(sys.argv[3], np.asarray(keras.ops.convert_to_numpy(model(x))))
    layers = {type(l).__name__ for l in model.layers}
    acts = [getattr(l, "activation", None) for l in model.layers]
    print(sorted(layers))
    print([getattr(a, "__module__", type(a).__module__) + "." + getattr(a, "__name__", type(a).__name__)
           for a in acts if a is not None])
    """
)


@pytest.mark.slow
def test_five_styles_round_trip_in_a_fresh_process(tmp_path):
    env = dict(os.environ, KERAS_BACKEND=BACKEND)
    paths = [str(tmp_path / n) for n in ("m.keras", "x.npy", "y.npy", "y2.npy")]
    subprocess.run([sys.executable, "-c", SAVE_SCRIPT, *paths[:3]], check=True, env=env, timeout=300)
    done = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, paths[0], paths[1], paths[3]],
                          check=True, env=env, timeout=300, capture_output=True, text=True)
    np.testing.assert_array_equal(np.load(paths[3]), np.load(paths[2]))
    out = done.stdout
    assert "PReLU" in out and "Activation" in out
    assert "keras_activations.activations.periodic.snake" in out
    assert "keras_activations.activations.shrinkage.tanh_shrink" in out
    assert "keras.src.activations.activations.gelu" in out, "a bare 'gelu' must reload as Keras's gelu"
    assert "keras_activations.layers.GELU" in out


def test_loading_without_the_import_explains_itself(tmp_path):
    """What users see when they forget `import keras_activations` (documented in the README)."""
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="snake")])
    path = str(tmp_path / "m.keras")
    model.save(path)
    script = f"import keras\nkeras.models.load_model({path!r})\n"
    done = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, KERAS_BACKEND=BACKEND),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "keras_activations>snake" in done.stderr


def test_activation_layer_by_string_in_a_sequential_model():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Activation("snake")])
    x = np.linspace(-1, 1, 12, dtype="float32").reshape(4, 3)
    dense_out = model.layers[0](x)
    np.testing.assert_allclose(to_numpy(model(x)), to_numpy(ka.snake(dense_out)), rtol=1e-6)
