"""Distributed training: the same losses on two devices as on one.

A small model with catalogue activations (by name, as functions, as layers) and
learnable activation layers trains for a few steps on one device and, from the
same initial weights, data-parallel on two:

* TensorFlow: ``tf.distribute.MirroredStrategy`` over two logical CPU devices;
* JAX: ``keras.distribution.DataParallel`` over two host devices
  (``XLA_FLAGS=--xla_force_host_platform_device_count=2``).

Device counts are fixed when the framework starts, so each run is a subprocess.
Keras has no data-parallel distribution for PyTorch (``keras.distribution``
supports JAX only), so that backend has no test here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import BACKEND

ROOT = Path(__file__).resolve().parent.parent

_MODEL = textwrap.dedent(
    '''
    import json, sys
    import numpy as np
    import keras
    import keras_activations as ka
    from keras_activations import _registry, catalogue

    def pick(names):
        return [n for n in names if n in _registry.all_names()]

    STRINGS = pick(["serf", "squareplus", "mish", "hard_swish"])[:2]
    FUNCTIONS = [_registry.spec_of(n).function for n in pick(["gelu_tanh", "smish", "tanh_shrink", "elu"])[:2]]
    LEARNABLE = [s for s in _registry.all_specs() if s.kind == "elementwise" and catalogue.is_learnable(s)]
    LEARNABLE = [s for s in LEARNABLE if s.name in ("prelu", "snake", "pelu", "star_relu")] or LEARNABLE[:2]

    def build():
        keras.utils.set_random_seed(0)
        inp = keras.Input((8,))
        trunk = keras.layers.Dense(16)(inp)
        branches = [keras.layers.Dense(8, activation=STRINGS[0])(trunk)]
        branches += [keras.layers.Dense(8, activation=fn)(trunk) for fn in FUNCTIONS]
        branches += [keras.layers.Activation(name)(keras.layers.Dense(8)(trunk)) for name in STRINGS[1:]]
        branches += [spec.layer()(keras.layers.Dense(8)(trunk)) for spec in LEARNABLE]
        out = keras.layers.Dense(1)(keras.layers.Concatenate()(branches))
        model = keras.Model(inp, out)
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
        return model

    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(64, 8)).astype("float32")
    Y = np.sin(X.sum(axis=1, keepdims=True)).astype("float32")

    def learned(model):
        return [np.asarray(w).tolist() for layer in model.layers
                if type(layer).__module__.startswith("keras_activations") for w in layer.get_weights()]

    def train(model, weights):
        model.set_weights(weights)
        before = learned(model)
        history = model.fit(X, Y, batch_size=16, epochs=3, shuffle=False, verbose=0)
        return history.history["loss"], {"before": before, "after": learned(model)}
    '''
)

_TENSORFLOW = _MODEL + textwrap.dedent(
    '''
    import tensorflow as tf
    single = build()
    initial = single.get_weights()
    loss_1, learned_1 = train(single, initial)
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        mirrored = build()
    loss_2, learned_2 = train(mirrored, initial)
    print(json.dumps({"devices": strategy.num_replicas_in_sync, "one": loss_1, "two": loss_2,
                      "learned_one": learned_1, "learned_two": learned_2}))
    '''
)
_TENSORFLOW_SETUP = textwrap.dedent(
    '''
    import tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    '''
)

_JAX = _MODEL + textwrap.dedent(
    '''
    import jax
    single = build()
    initial = single.get_weights()
    loss_1, learned_1 = train(single, initial)
    keras.distribution.set_distribution(keras.distribution.DataParallel(devices=jax.devices()))
    parallel = build()
    loss_2, learned_2 = train(parallel, initial)
    print(json.dumps({"devices": len(jax.devices()), "one": loss_1, "two": loss_2,
                      "learned_one": learned_1, "learned_two": learned_2}))
    '''
)


def _run(backend: str, code: str, extra_env: dict) -> dict:
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3", **extra_env}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600,
                          cwd=ROOT)
    assert done.returncode == 0, f"{backend} distributed run failed:\n{done.stderr[-4000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def _check(result: dict, what: str) -> None:
    assert result["devices"] == 2, f"{what}: expected 2 devices, got {result['devices']}"
    one, two = np.array(result["one"]), np.array(result["two"])
    assert np.all(np.isfinite(one)) and np.all(np.isfinite(two)), f"{what}: losses {one} / {two}"
    assert one[-1] < one[0], f"{what}: the loss did not decrease on one device: {one}"
    np.testing.assert_allclose(two, one, rtol=1e-4, atol=1e-6, err_msg=f"{what}: losses differ from one device")
    one_w, two_w = result["learned_one"], result["learned_two"]
    assert one_w["after"], f"{what}: the model has no learnable activation weights"
    moved = [not np.allclose(a, b) for a, b in zip(one_w["before"], one_w["after"])]
    assert all(moved), f"{what}: learnable activation weights that did not train: {moved}"
    for a, b in zip(one_w["after"], two_w["after"]):
        np.testing.assert_allclose(np.array(b), np.array(a), rtol=1e-4, atol=1e-6,
                                   err_msg=f"{what}: learned activation weights differ from one device")


@pytest.mark.slow
@pytest.mark.skipif(BACKEND != "tensorflow", reason="tf.distribute.MirroredStrategy: TensorFlow backend run")
def test_mirrored_strategy_on_two_cpu_devices_matches_one_device():
    _check(_run("tensorflow", _TENSORFLOW_SETUP + _TENSORFLOW, {}), "MirroredStrategy")


@pytest.mark.slow
@pytest.mark.skipif(BACKEND != "jax", reason="keras.distribution.DataParallel: JAX backend run")
def test_jax_data_parallel_on_two_host_devices_matches_one_device():
    flags = (os.environ.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=2").strip()
    _check(_run("jax", _JAX, {"XLA_FLAGS": flags, "JAX_PLATFORMS": "cpu"}), "DataParallel")
