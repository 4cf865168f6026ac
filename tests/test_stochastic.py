"""The stochastic activation layers (RReLU, ProbAct): randomness only in training, a deterministic
inference form equal to the registered function, reproducible draws under a seed, the right
distribution, mixed precision and serialization."""

from __future__ import annotations

import keras
import numpy as np
import pytest

import keras_activations as ka
from tests.conftest import BACKEND, to_numpy

L = ka.layers
X = np.random.default_rng(0).normal(size=(64, 32)).astype(np.float32)  # 2048 values, ~half negative


def test_rrelu_training_slopes_are_uniform_per_element():
    layer = L.RReLU(lower=0.1, upper=0.4, seed=1)
    y = to_numpy(layer(X, training=True)).astype(np.float64)
    neg = X < 0
    np.testing.assert_array_equal(y[~neg], X[~neg])  # positive part untouched
    slopes = y[neg] / X[neg].astype(np.float64)
    assert slopes.min() >= 0.1 - 1e-6 and slopes.max() <= 0.4 + 1e-6
    # U(0.1, 0.4): mean 0.25, sd 0.0866; ~1000 draws, so the sample mean is within ±0.01 (4 sd)
    assert abs(slopes.mean() - 0.25) < 0.01 and abs(slopes.std() - 0.0866) < 0.01
    assert len(np.unique(np.round(slopes, 6))) > 0.9 * slopes.size  # one draw per element


def test_rrelu_inference_is_the_deterministic_mean():
    layer = L.RReLU(seed=1)
    expected = np.where(X >= 0, X, X * (0.125 + 1 / 3) / 2)
    for y in (layer(X), layer(X, training=False), layer(X)):
        np.testing.assert_allclose(to_numpy(y), expected, rtol=1e-6)
    np.testing.assert_array_equal(to_numpy(layer(X)), to_numpy(ka.rrelu(X)))


@pytest.mark.parametrize("cls, kwargs", [(L.RReLU, {}), (L.ProbAct, {"sigma_initializer": 0.5})])
def test_seeded_draws_are_reproducible(cls, kwargs):
    a = to_numpy(cls(seed=7, **kwargs)(X, training=True))
    b = to_numpy(cls(seed=7, **kwargs)(X, training=True))
    c = to_numpy(cls(seed=8, **kwargs)(X, training=True))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    layer = cls(seed=7, **kwargs)
    first, second = to_numpy(layer(X, training=True)), to_numpy(layer(X, training=True))
    assert not np.array_equal(first, second), "the generator state must advance between calls"


def test_probact_noise_is_standard_normal_times_sigma():
    layer = L.ProbAct(sigma_initializer=0.5, trainable_sigma=False, seed=3)
    y = to_numpy(layer(X, training=True)).astype(np.float64)
    eps = (y - np.maximum(X, 0)) / 0.5
    # 2048 draws: mean within ±0.1 (4.5 sd), sd within ±0.07
    assert abs(eps.mean()) < 0.1 and abs(eps.std() - 1.0) < 0.07
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 1
    np.testing.assert_array_equal(to_numpy(layer(X)), np.maximum(X, 0))  # inference: relu
    np.testing.assert_array_equal(to_numpy(layer(X)), to_numpy(ka.probact(X)))


@pytest.mark.slow
def test_training_in_fit_and_deterministic_predict():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(8), L.RReLU(seed=0),
                              L.ProbAct(seed=1), keras.layers.Dense(1)])
    # JAX: one compiled step beats compiling every eager primitive; TF/PyTorch: eager is quickest
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse", run_eagerly=BACKEND != "jax")
    sigma = model.layers[2].sigma
    assert any(w is sigma for w in model.trainable_weights)  # trainable ProbAct: σ starts at 0, is learned
    model.fit(X, X[:, :1], epochs=1, batch_size=64, verbose=0)
    assert float(to_numpy(sigma)) != 0.0
    p1, p2 = to_numpy(model(X)), to_numpy(model(X))
    np.testing.assert_array_equal(p1, p2)


@pytest.mark.parametrize("policy", ["mixed_float16", "mixed_bfloat16"])
def test_mixed_precision(policy):
    half = policy.split("_")[1]
    for layer in (L.RReLU(seed=0, dtype=policy), L.ProbAct(sigma_initializer=0.1, seed=0, dtype=policy)):
        for training in (True, False):
            y = layer(X, training=training)
            assert keras.backend.standardize_dtype(y.dtype) == half, (type(layer).__name__, y.dtype)
            assert np.all(np.isfinite(to_numpy(y)))
        assert all(keras.backend.standardize_dtype(w.dtype) == "float32" for w in layer.weights)


def test_config_round_trip_and_errors():
    for layer in (L.RReLU(lower=0.05, upper=0.2, seed=5),
                  L.ProbAct(sigma_initializer=0.2, trainable_sigma=False, seed=6)):
        config = layer.get_config()
        clone = type(layer).from_config(config)
        assert clone.get_config() == config
        np.testing.assert_array_equal(to_numpy(layer(X, training=True)), to_numpy(clone(X, training=True)))
    with pytest.raises(ValueError, match="upper"):
        L.RReLU(lower=0.5, upper=0.1)
    with pytest.raises(ValueError, match="lower"):
        L.RReLU(lower=-0.1)
    with pytest.raises(ValueError, match="seed"):
        L.ProbAct(seed="x")
    with pytest.raises(ValueError, match="trainable_sigma"):
        L.ProbAct(trainable_sigma="no")
    assert ka.get("Addons>rrelu") is ka.rrelu
