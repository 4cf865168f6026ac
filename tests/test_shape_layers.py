"""Shape-changing activations (crelu, maxout) and their layers; and one model holding every layer.

crelu and maxout are checked against the float64 references of
``tests/reference_arrays.py`` (values, the kink and tie conventions of their
gradients, NaN and infinities); the layers for output shapes, masks, configs
and clear errors. The last test builds one model with every hand-written layer
of this part of the package (gated, normalising, shape-changing, squash and
GatedFeedForward), trains it a few steps, checks that the weights feeding each
layer moved, and round-trips it through ``model.save``/``load_model``.
"""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

import keras_activations as ka
from tests import reference_arrays as ref
from tests.conftest import BACKEND, to_numpy, value_and_grad

SHAPE = (3, 4, 6)


def _jit(fn):
    """``fn`` jitted on JAX (one compiled program instead of one per operation), else unchanged."""
    if BACKEND == "jax":
        import jax

        return jax.jit(fn)
    return fn


def _vjp(fn, x, g, dtype):
    """Σᵢ gᵢ·∂fᵢ/∂x by the backend's autodiff."""
    if BACKEND == "jax":
        import jax
        import jax.numpy as jnp

        return to_numpy(jax.jit(lambda a, b: jax.vjp(fn, a)[1](b)[0])(jnp.asarray(x, dtype), jnp.asarray(g, dtype)))
    g_tensor = keras.ops.convert_to_tensor(np.asarray(g, dtype=dtype))
    return value_and_grad(lambda t: fn(t) * g_tensor, np.asarray(x, dtype=dtype), dtype)[1]


def _data():
    x = np.random.default_rng(0).normal(0.0, 3.0, size=SHAPE).astype(np.float32)
    x[0, 0] = [0.0, -0.0, np.inf, -np.inf, np.nan, 3.4e38]
    x[0, 1] = [2.0, 2.0, 1.0, 5.0, 5.0, 5.0]  # ties inside maxout groups
    x[0, 2] = [-np.inf, -np.inf, -np.inf, 1.0, np.nan, -1.0]
    return x


X = _data()
MAXOUT_CASES = [(1, -1), (2, -1), (3, -1), (6, -1), (2, 1), (4, 1)]  # (num_units, axis)


def _outputs(dtype):
    def run(t):
        crelus = [ka.crelu(t), ka.crelu(t, axis=1)]
        maxouts = [ka.maxout(t, num_units=k, axis=axis) for k, axis in MAXOUT_CASES]
        return crelus, maxouts

    return _jit(run)(keras.ops.convert_to_tensor(X.astype(dtype)))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_crelu_and_maxout_values(dtype):
    crelus, maxouts = _outputs(dtype)
    for got, axis in zip(crelus, (-1, 1)):
        np.testing.assert_array_equal(to_numpy(got), ref.crelu(X, axis=axis).astype(dtype), err_msg=f"crelu {axis}")
    for got, (k, axis) in zip(maxouts, MAXOUT_CASES):
        want = ref.maxout(X, k, axis=axis).astype(dtype)
        np.testing.assert_array_equal(to_numpy(got), want, err_msg=f"maxout num_units={k} axis={axis}")
    assert to_numpy(crelus[0]).shape == (3, 4, 12) and to_numpy(crelus[1]).shape == (3, 8, 6)
    assert to_numpy(maxouts[1]).shape == (3, 4, 2)
    np.testing.assert_array_equal(to_numpy(maxouts[3]), X.astype(dtype), err_msg="one feature per unit: identity")


def test_gradient_conventions():
    # crelu: ∂/∂x = g₁·[x > 0] − g₂·[x < 0], and 0 at x = 0 (relu'(0) = 0, both halves)
    x = np.array([[-2.0, 0.0, 3.0, -0.0]])
    g = np.array([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]])
    np.testing.assert_array_equal(_vjp(ka.crelu, x, g, "float64"), [[-5.0, 0.0, 3.0, 0.0]])
    # maxout: the gradient goes to the maximum of each group, shared equally between ties
    x = np.array([[2.0, 2.0, 1.0, 5.0, 5.0, 5.0, 0.0, 7.0, -1.0]])
    grad = _vjp(lambda t: ka.maxout(t, num_units=3), x, np.array([[1.0, 2.0, 3.0]]), "float64")
    np.testing.assert_allclose(grad, [[0.5, 0.5, 0.0, 2 / 3, 2 / 3, 2 / 3, 0.0, 3.0, 0.0]], rtol=1e-15)
    special = np.array([[np.inf, -np.inf, 3.4e38, -3.4e38]], np.float32)
    assert np.all(np.isfinite(_vjp(ka.crelu, special, np.ones((1, 8)), "float32")))
    assert np.all(np.isfinite(_vjp(lambda t: ka.maxout(t, num_units=2), special, np.ones((1, 2)), "float32")))


def test_function_errors_are_clear():
    x = np.ones((2, 6), np.float32)
    with pytest.raises(ValueError, match=r"maxout: the size of axis -1 \(6, input shape \(2, 6\)\).*num_units`=4"):
        ka.maxout(x, num_units=4)
    with pytest.raises(ValueError, match="num_units.*required"):
        ka.maxout(x)
    with pytest.raises(ValueError, match="num_units.*positive integer.*2.5"):
        ka.maxout(x, num_units=2.5)
    with pytest.raises(ValueError, match=r"num_units.*\[1, inf\).*0"):
        ka.maxout(x, num_units=0)
    with pytest.raises(ValueError, match=r"crelu: `axis` must be in \[-2, 1\].*axis=2"):
        ka.crelu(x, axis=2)


def test_crelu_and_maxout_layers():
    mask = keras.ops.convert_to_tensor(np.array([[True, False, True, True]] * 3))
    layers = [ka.layers.CReLU(), ka.layers.CReLU(axis=1), ka.layers.Maxout(3), ka.layers.Maxout(np.int64(2), axis=1)]
    outputs = _jit(lambda t: [layer(t) for layer in layers])(keras.ops.convert_to_tensor(X))
    wants = [ref.crelu(X), ref.crelu(X, axis=1), ref.maxout(X, 3), ref.maxout(X, 2, axis=1)]
    for layer, got, want in zip(layers, outputs, wants):
        np.testing.assert_array_equal(to_numpy(got), want.astype(np.float32))
        assert layer.compute_output_shape((None,) + SHAPE[1:]) == (None,) + tuple(want.shape[1:])
        config = json.loads(json.dumps(layer.get_config()))
        clone = type(layer).from_config(config)
        assert clone.get_config() == layer.get_config()
    assert layers[0].compute_mask(X, mask) is mask and layers[2].compute_mask(X, mask) is mask
    assert layers[1].compute_mask(X, mask) is None and layers[3].compute_mask(X, mask) is None
    assert ka.layers.CReLU().compute_output_shape((None, 5, None)) == (None, 5, None)
    assert keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(4, 3), ka.layers.CReLU()]).output_shape == (
        None, 6, 6, 8)
    with pytest.raises(ValueError, match=r"Maxout: the size of axis -1 \(10.*not a multiple of num_units=4"):
        keras.Sequential([keras.Input((10,)), ka.layers.Maxout(4)])
    with pytest.raises(ValueError, match="Maxout: `num_units` must be a positive integer; received 0"):
        ka.layers.Maxout(0)
    with pytest.raises(ValueError, match="Maxout: `num_units` must be a positive integer; received 2.0"):
        ka.layers.Maxout(2.0)
    with pytest.raises(ValueError, match=r"CReLU: `axis`=2 is out of range for inputs of rank 2"):
        ka.layers.CReLU(axis=2).build((None, 4))
    with pytest.raises(ValueError, match="CReLU: `axis` must be an integer"):
        ka.layers.CReLU(axis="last")


def test_tf_addons_maxout_config_loads_as_ours():
    layer = keras.layers.deserialize({"class_name": "Addons>Maxout", "config": {
        "num_units": 2, "axis": -1, "name": "m", "trainable": True, "dtype": "float32"}})
    assert isinstance(layer, ka.layers.Maxout) and layer.num_units == 2 and layer.axis == -1


def test_one_model_with_every_layer_trains_and_round_trips(tmp_path):
    keras.utils.set_random_seed(0)
    layers = [
        ka.layers.GLU(), ka.layers.Bilinear(), ka.layers.ReGLU(), ka.layers.GEGLU(), ka.layers.GEGLUTanh(),
        ka.layers.SwiGLU(beta=0.5), ka.layers.GTU(), ka.layers.SwiGLUClamped(interleaved=True),
        ka.layers.CReLU(), ka.layers.Maxout(4), ka.layers.Softmax(), ka.layers.LogSoftmax(), ka.layers.Softmin(),
        ka.layers.Sparsemax(), ka.layers.Entmax15(), ka.layers.Entmax(alpha=1.3), ka.layers.Squash(),
        ka.layers.GatedFeedForward(6, activation="geglu", use_bias=True),
    ]
    inputs = keras.Input((5,))
    feeds = [keras.layers.Dense(8, name=f"feed_{i}") for i in range(len(layers))]
    branches = [layer(feed(inputs)) for layer, feed in zip(layers, feeds)]
    outputs = keras.layers.Dense(1, name="head")(keras.layers.Concatenate()(branches))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="mse")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(32, 5)).astype(np.float32), rng.normal(size=(32, 1)).astype(np.float32)
    before = [to_numpy(feed.kernel).copy() for feed in feeds] + [to_numpy(w).copy() for w in layers[-1].weights]
    model.fit(x, y, epochs=3, batch_size=32, verbose=0)
    after = [to_numpy(feed.kernel) for feed in feeds] + [to_numpy(w) for w in layers[-1].weights]
    moved = [bool(np.any(a != b)) for a, b in zip(after, before)]
    names = [type(layer).__name__ for layer in layers] + [f"GatedFeedForward.{w.name}" for w in layers[-1].weights]
    assert all(moved), f"no gradient reached: {[n for n, m in zip(names, moved) if not m]}"
    assert all(np.all(np.isfinite(a)) for a in after)
    path = tmp_path / "every_layer.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert [type(layer) for layer in loaded.layers] == [type(layer) for layer in model.layers]
    original, reloaded = _jit(lambda t: (model(t), loaded(t)))(keras.ops.convert_to_tensor(x))
    np.testing.assert_array_equal(to_numpy(reloaded), to_numpy(original))
