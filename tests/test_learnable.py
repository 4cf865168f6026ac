"""The learnable activation layers: values and gradients (input AND weights) against the float64
references of tests/reference/adaptive.py, training, serialization, a saved model reloaded in a
fresh process, mixed precision, and the errors for bad arguments.

The weight → function-parameter maps (softplus for positive weights, SReLU's ordered thresholds,
xIELU's α_n > β) are written here again from the layers' documentation, in mpmath, so that a
wrong reparameterisation in a layer shows up as a wrong value or gradient.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keras
import mpmath as mp
import numpy as np
import pytest

import keras_activations as ka
from tests.conftest import BACKEND, to_numpy
from tests.reference import REFERENCES

L = ka.layers
U, B = 3, 6  # units, batch rows of the value/gradient checks
ROOT = Path(__file__).resolve().parent.parent
# JAX compiles one graph faster than it compiles hundreds of eager primitives; TensorFlow and
# PyTorch run a few steps fastest eagerly (no graph tracing).
EAGER = BACKEND != "jax"


def _softplus(r):
    return mp.log1p(mp.exp(r))


def _unit(values, name, u):
    """The parameter of unit u from a weight: per-unit weights are indexed, scalars shared."""
    v = values[name]
    return v if not isinstance(v, list) else v[u]


def _seq(values, name, u):
    v = values[name]
    return tuple(v[u]) if isinstance(v[0], list) else tuple(v)


# name of the activation, layer factory, weight values (raw variables), raw → parameters of unit u
CASES = {
    "prelu": (lambda: L.PReLU(), {"alpha": [0.1, -0.3, 0.6]},
              lambda w, u: {"alpha": _unit(w, "alpha", u)}),
    "pelu": (lambda: L.PELU(), {"alpha": [-0.5, 0.3, 1.2], "beta": [0.4, -1.0, 2.0]},
             lambda w, u: {"alpha": _softplus(_unit(w, "alpha", u)), "beta": _softplus(_unit(w, "beta", u))}),
    "srelu": (lambda: L.SReLU(), {"t_left": [-1.0, 0.0, 0.5], "a_left": [0.1, 0.4, -0.2],
                                  "t_right": [1.5, -0.8, 2.0], "a_right": [0.5, 1.5, 2.0]},
              lambda w, u: {"t_left": _unit(w, "t_left", u), "a_left": _unit(w, "a_left", u),
                            "t_right": _unit(w, "t_left", u) + abs(_unit(w, "t_right", u)),
                            "a_right": _unit(w, "a_right", u)}),
    "apl": (lambda: L.APL(hinges=2), {"a": [[0.2, -0.1], [0.5, 0.3], [-0.4, 0.6]],
                                      "b": [[0.0, 1.0], [-0.5, 0.7], [1.2, -1.5]]},
            lambda w, u: {"a": _seq(w, "a", u), "b": _seq(w, "b", u)}),
    "swish_beta": (lambda: L.SwishBeta(), {"beta": 1.7}, lambda w, u: {"beta": w["beta"]}),
    "snake": (lambda: L.Snake(), {"frequency": 0.7}, lambda w, u: {"frequency": w["frequency"]}),
    "snake_beta": (lambda: L.SnakeBeta(), {"alpha": [0.5, 2.0, -1.0], "beta": [0.2, -0.5, 1.0]},
                   lambda w, u: {"alpha": _unit(w, "alpha", u), "beta": _softplus(_unit(w, "beta", u))}),
    "star_relu": (lambda: L.StarReLU(), {"scale": 1.2, "bias": -0.3},
                  lambda w, u: {"scale": w["scale"], "bias": w["bias"]}),
    "acon_c": (lambda: L.ACONC(), {"p1": [1.2, -0.5, 0.8], "p2": [0.1, 0.6, -0.4], "beta": [1.5, 0.7, -2.0]},
               lambda w, u: {k: _unit(w, k, u) for k in ("p1", "p2", "beta")}),
    "smu": (lambda: L.SMU(alpha=0.1), {"mu": 2.5}, lambda w, u: {"alpha": 0.1, "mu": w["mu"]}),
    "xielu": (lambda: L.XIELU(beta=0.4), {"alpha_p": 0.3, "alpha_n": -0.2},
              lambda w, u: {"alpha_p": _softplus(w["alpha_p"]), "alpha_n": 0.4 + _softplus(w["alpha_n"]),
                            "beta": 0.4}),
    "tlu": (lambda: L.TLU(affine=True), {"tau": [0.2, -0.5, 1.0], "alpha": [0.1, 0.5, -0.3]},
            lambda w, u: {"tau": _unit(w, "tau", u), "alpha": _unit(w, "alpha", u)}),
    "soft_exponential": (lambda: L.SoftExponential(), {"alpha": [0.0, 0.4, -0.1]},
                         lambda w, u: {"alpha": _unit(w, "alpha", u)}),
    "arelu": (lambda: L.AReLU(), {"alpha": 0.4, "beta": -0.5}, lambda w, u: {"alpha": w["alpha"], "beta": w["beta"]}),
    "flexible_relu": (lambda: L.FlexibleReLU(), {"bias": [-0.5, 0.2, 1.0]},
                      lambda w, u: {"bias": _unit(w, "bias", u)}),
    "shilu": (lambda: L.ShiLU(), {"alpha": 1.3, "beta": -0.2}, lambda w, u: {"alpha": w["alpha"], "beta": w["beta"]}),
    "sinlu": (lambda: L.SinLU(), {"a": 0.6, "b": 1.7}, lambda w, u: {"a": w["a"], "b": w["b"]}),
    "erfact": (lambda: L.ErfAct(), {"alpha": [0.5, 1.2, 0.9], "beta": [0.3, 1.0, 0.6]},
               lambda w, u: {"alpha": _unit(w, "alpha", u), "beta": _unit(w, "beta", u)}),
    "tanhsoft": (lambda: L.TanhSoft(delta=0.5), {"alpha": [0.87, 0.3, 1.2], "beta": [0.0, 0.5, -0.2],
                                                 "gamma": [1.0, 0.5, 1.5]},
                 lambda w, u: {**{k: _unit(w, k, u) for k in ("alpha", "beta", "gamma")}, "delta": 0.5}),
    "taaf": (lambda: L.TAAF("silu"), {"alpha": [1.5, 0.7, -1.0], "beta": [0.5, 1.2, 2.0],
                                      "gamma": [0.1, -0.2, 0.3], "delta": [0.0, 0.5, -0.3]},
             lambda w, u: {**{k: _unit(w, k, u) for k in ("alpha", "beta", "gamma", "delta")},
                           "activation": "silu"}),
    "pau": (lambda: L.PAU(approx_func="gelu"), None,
            lambda w, u: {"numerator": _seq(w, "numerator", u), "denominator": _seq(w, "denominator", u)}),
    "kaf": (lambda: L.KAF(dictionary_size=8, boundary=2.0),
            {"alpha": np.random.default_rng(7).normal(0.0, 0.5, (U, 8)).round(3).tolist()},
            lambda w, u: {"alpha": _seq(w, "alpha", u), "boundary": 2.0}),
}


def _kinks(name, params):
    kinks = REFERENCES[name].kinks
    return kinks(params) if callable(kinks) else kinks


def _grads(layer, x):
    """Output, d(sum)/dx and d(sum)/d(each trainable variable), as numpy (float64)."""
    variables = list(layer.trainable_variables)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        xt = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = layer(xt)
            total = tf.reduce_sum(y)
        grads = tape.gradient(total, [xt] + variables)
    elif BACKEND == "jax":
        import jax
        import jax.numpy as jnp

        ntv = [v.value for v in layer.non_trainable_variables]

        def fn(xv, tv):
            y, _ = layer.stateless_call(tv, ntv, xv)
            return jnp.sum(y), y

        (_, y), (gx, gv) = jax.jit(jax.value_and_grad(fn, argnums=(0, 1), has_aux=True))(
            jnp.asarray(x), [v.value for v in variables])
        grads = [gx] + list(gv)
    else:
        import torch

        xt = torch.tensor(x, requires_grad=True)
        y = layer(xt)
        y.sum().backward()
        grads = [xt.grad] + [v.value.grad for v in variables]
    out = [to_numpy(g).astype(np.float64) for g in grads]
    return to_numpy(y).astype(np.float64), out[0], dict(zip([v.name for v in variables], out[1:]))


def _to_mp(v):
    return [_to_mp(e) for e in v] if isinstance(v, list) else mp.mpf(float(v))


def _total(name, fmap, raw, x):
    f = REFERENCES[name].function
    return mp.fsum(f(mp.mpf(float(x[b, u])), **fmap(raw, u)) for b in range(B) for u in range(U))


def _perturbed(raw, key, index, delta):
    out = {k: _copy(v) for k, v in raw.items()}
    target = out[key]
    if not isinstance(target, list):
        out[key] = target + delta
        return out
    if len(index) == 1:
        target[index[0]] += delta
    else:
        target[index[0]][index[1]] += delta
    return out


def _as_floats(params):
    def conv(v):
        if isinstance(v, str):
            return v
        return tuple(float(e) for e in v) if isinstance(v, tuple) else float(v)

    return {k: conv(v) for k, v in params.items()}


def _copy(v):
    return [_copy(e) for e in v] if isinstance(v, list) else v


@pytest.mark.parametrize("name", sorted(CASES))
def test_values_and_gradients_match_reference(name):
    make, weights, fmap = CASES[name]
    rng = np.random.default_rng(abs(hash(name)) % 2**32)
    layer = make()
    x = rng.uniform(-2.5, 2.5, (B, U)).astype(np.float32)
    layer(x)  # build
    if weights is not None:
        for v in layer.weights:
            v.assign(np.asarray(weights[v.name], dtype=np.float32))
    raw = {v.name: _to_mp(to_numpy(v).astype(np.float64).tolist()) for v in layer.weights}
    ref = REFERENCES[name].function
    with mp.workdps(30):
        # keep the inputs away from kinks (the derivative is one-sided there)
        for u in range(U):
            for k in _kinks(name, _as_floats(fmap(raw, u))):
                near = np.abs(x[:, u] - k) < 0.02
                x[near, u] = np.float32(k + 0.05)
        y, gx, gv = _grads(layer, x)
        f = np.array([[float(ref(mp.mpf(float(x[b, u])), **fmap(raw, u))) for u in range(U)] for b in range(B)])
        df = np.array([[float(mp.diff(lambda t: ref(t, **fmap(raw, u)), mp.mpf(float(x[b, u]))))
                        for u in range(U)] for b in range(B)])
        scale = np.max(np.abs(f)) + 1e-3
        np.testing.assert_allclose(y, f, rtol=0, atol=2e-5 * scale, err_msg=f"{name}: layer output")
        np.testing.assert_allclose(gx, df, rtol=0, atol=1e-4 * (np.max(np.abs(df)) + 1e-3),
                                   err_msg=f"{name}: gradient with respect to the input")
        h = mp.mpf("1e-10")
        for var_name, g in gv.items():
            expected = np.zeros_like(g)
            for index in np.ndindex(*g.shape):
                hi = _total(name, fmap, _perturbed(raw, var_name, index, h), x)
                lo = _total(name, fmap, _perturbed(raw, var_name, index, -h), x)
                expected[index] = float((hi - lo) / (2 * h))
            np.testing.assert_allclose(g, expected, rtol=0, atol=1e-4 * (np.max(np.abs(expected)) + 1e-3),
                                       err_msg=f"{name}: gradient with respect to the weight {var_name!r}")


# ----------------------------------------------------------------------------- one model: training, saving
def _branch_layers():
    """Every learnable layer once (configured so that all weights get gradients from the start)."""
    return [
        L.PReLU(), L.PELU(), L.SReLU(t_right_initializer=0.5), L.APL(hinges=2), L.SwishBeta(),
        L.Snake(frequency=2.0), L.SnakeBeta(), L.StarReLU(), L.ACONC(), L.SMU(alpha=0.01, mu_initializer=2.5),
        L.XIELU(), L.TLU(affine=True), L.SoftExponential(), L.AReLU(), L.FlexibleReLU(), L.ShiLU(),
        L.SinLU(), L.ErfAct(), L.TanhSoft(), L.TAAF("gelu"), L.PAU(), L.KAF(), L.ProbAct(seed=3),
        L.RReLU(seed=4),
    ]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    keras.utils.set_random_seed(0)
    inputs = keras.Input((4,))
    acts = _branch_layers()
    branches = [act(keras.layers.Dense(4)(inputs)) for act in acts]
    snake_act = L.Snake(frequency=1.5)  # a configured layer as the `activation=` of a Dense
    branches.append(keras.layers.Dense(4, activation=snake_act)(inputs))
    outputs = keras.layers.Dense(1)(keras.layers.Concatenate()(branches))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse", run_eagerly=EAGER)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(64, 4)).astype(np.float32)
    y = np.sin(x.sum(axis=1, keepdims=True)).astype(np.float32)
    before = {id(a): [to_numpy(w).copy() for w in a.weights] for a in acts + [snake_act]}
    model.fit(x, y, epochs=3, batch_size=64, verbose=0)
    return model, acts + [snake_act], before, x, tmp_path_factory.mktemp("learnable")


@pytest.mark.slow
def test_every_layer_trains(trained):
    _, acts, before, _, _ = trained
    frozen = []
    for act in acts:
        for old, w in zip(before[id(act)], act.weights):
            if w.trainable and np.array_equal(old, to_numpy(w)):
                frozen.append(f"{type(act).__name__}.{w.name}")
        assert all(np.all(np.isfinite(to_numpy(w))) for w in act.weights), type(act).__name__
    assert not frozen, f"weights that did not move in 3 optimizer steps: {frozen}"


@pytest.mark.slow
def test_saved_model_reloads_in_fresh_process(trained):
    model, _, _, x, tmp = trained
    path = tmp / "all_learnable.keras"
    model.save(path)
    expected = to_numpy(model(x) if EAGER else model.predict(x, verbose=0))
    np.save(tmp / "x.npy", x)
    np.save(tmp / "expected.npy", expected)
    code = (
        "import sys, numpy as np, keras, keras_activations\n"
        "m = keras.models.load_model(sys.argv[1])\n"
        "x = np.load(sys.argv[2]); e = np.load(sys.argv[3])\n"
        f"p = np.asarray(keras.ops.convert_to_numpy({'m(x)' if EAGER else 'm.predict(x, verbose=0)'}))\n"
        "d = float(np.max(np.abs(p - e)))\n"
        "print('MAXDIFF', d)\n"
        "sys.exit(0 if np.array_equal(p, e) else 3)\n"
    )
    env = {**os.environ, "KERAS_BACKEND": BACKEND}
    result = subprocess.run([sys.executable, "-c", code, str(path), str(tmp / "x.npy"), str(tmp / "expected.npy")],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, (
        f"reloaded model differs or failed (rc {result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    )


@pytest.mark.slow
def test_predictions_are_deterministic(trained):
    model, _, _, x, _ = trained
    run = model if EAGER else (lambda v: model.predict(v, verbose=0))
    np.testing.assert_array_equal(to_numpy(run(x)), to_numpy(run(x)))


# ----------------------------------------------------------------------------- config round trip
CONFIGURED = [
    lambda: L.PReLU(alpha_initializer=0.1, shared_axes=[1]),
    lambda: L.PELU(alpha_initializer=2.0, beta_regularizer="l2", shared_axes=[1, 2]),
    lambda: L.SReLU(t_right_initializer=1.0, a_left_constraint="non_neg"),
    lambda: L.APL(hinges=3, a_regularizer=keras.regularizers.L2(1e-3)),
    lambda: L.SwishBeta(beta=1.5),
    lambda: L.Snake(frequency=2.0),
    lambda: L.SnakeBeta(beta_initializer=0.5, shared_axes=[1]),
    lambda: L.StarReLU(scale_initializer=1.0),
    lambda: L.ACONC(beta_initializer=2.0),
    lambda: L.SMU(alpha=0.01, mu_initializer=2.5),
    lambda: L.XIELU(beta=0.3, alpha_n_initializer=1.0),
    lambda: L.TLU(affine=True),
    lambda: L.SoftExponential(alpha_initializer=-0.1),
    lambda: L.AReLU(beta_initializer=1.0),
    lambda: L.FlexibleReLU(bias_initializer=-0.5),
    lambda: L.ShiLU(alpha_initializer=0.5),
    lambda: L.SinLU(b_initializer=2.0),
    lambda: L.ErfAct(alpha_initializer=0.5),
    lambda: L.TanhSoft(delta=0.0, beta_initializer=0.6, alpha_initializer=0.0),
    lambda: L.TAAF("softplus", delta_initializer=0.1),
    lambda: L.PAU(degrees=(4, 3), approx_func="swish"),
    lambda: L.KAF(dictionary_size=10, boundary=2.5, gamma=0.9, alpha_initializer="tanh"),
]


def test_get_config_from_config_round_trip():
    for make in CONFIGURED:
        layer = make()
        config = layer.get_config()
        json.dumps(config)  # plain JSON
        clone = type(layer).from_config(config)
        assert clone.get_config() == config, type(layer).__name__
        again = keras.layers.deserialize(keras.layers.serialize(layer))
        assert type(again) is type(layer) and again.get_config() == config, type(layer).__name__
    # the clone computes the same function (deterministic initializers)
    x = np.linspace(-2, 2, B * U, dtype=np.float32).reshape(B, U)
    for make in (CONFIGURED[1],):
        layer = make()
        clone = type(layer).from_config(layer.get_config())
        np.testing.assert_array_equal(to_numpy(layer(x[:, :, None])), to_numpy(clone(x[:, :, None])))


def test_legacy_tf_addons_layers_load():
    snake = keras.saving.deserialize_keras_object(
        {"class_name": "Addons>Snake", "config": {"name": "s", "frequency_initializer": "ones"}})
    assert isinstance(snake, L.Snake)
    old = L.Snake(freq_initializer={"class_name": "Constant", "config": {"value": 3.0}})
    old(np.zeros((1, 2), np.float32))
    assert float(to_numpy(old.frequency)) == 3.0
    tlu = keras.saving.deserialize_keras_object(
        {"class_name": "Addons>TLU", "config": {"name": "t", "affine": True, "tau_initializer": "zeros",
                                                "alpha_initializer": "zeros"}})
    assert isinstance(tlu, L.TLU) and tlu.affine


# ----------------------------------------------------------------------------- mixed precision
BFLOAT16_SUBSET = ("pelu", "soft_exponential", "tanhsoft", "pau", "kaf", "taaf", "xielu")


@pytest.mark.parametrize("policy", ["mixed_float16", "mixed_bfloat16"])
def test_mixed_precision(policy):
    """float32 variables, half compute dtype, finite outputs close to float32 (every layer under
    mixed_float16; a representative subset under mixed_bfloat16, to save time)."""
    half = policy.split("_")[1]
    x = np.random.default_rng(2).uniform(-3, 3, (B, U)).astype(np.float32)
    names = sorted(CASES) if half == "float16" else BFLOAT16_SUBSET
    for make, _, _ in (CASES[n] for n in names):
        ref = make()
        y32 = to_numpy(ref(x))
        layer = type(ref).from_config({**ref.get_config(), "dtype": policy})
        layer(x)
        layer.set_weights(ref.get_weights())
        y = layer(x)
        name = type(layer).__name__
        assert keras.backend.standardize_dtype(y.dtype) == half, f"{name}: output {y.dtype} under {policy}"
        assert all(keras.backend.standardize_dtype(w.dtype) == "float32" for w in layer.weights), name
        y = to_numpy(y).astype(np.float64)
        assert np.all(np.isfinite(y)), f"{name}: non-finite output under {policy}"
        tol = 2e-2 if half == "bfloat16" else 3e-3
        np.testing.assert_allclose(y, y32, rtol=tol, atol=tol * (np.max(np.abs(y32)) + 1e-3), err_msg=name)


# ----------------------------------------------------------------------------- bad arguments
@pytest.mark.parametrize("make, words", [
    (lambda: L.PELU(alpha_initializer=-1.0), ["alpha", "> 0", "-1.0"]),
    (lambda: L.SnakeBeta(beta_initializer=0.0), ["beta", "> 0"]),
    (lambda: L.XIELU(alpha_n_initializer=0.4), ["alpha_n", "> 0.5", "0.4"]),
    (lambda: L.TAAF("no_such_activation"), ["no_such_activation"]),
    (lambda: L.TAAF("softmax"), ["softmax", "elementwise"]),
    (lambda: L.PReLU(shared_axes=[0]), ["shared_axes"]),
    (lambda: L.StarReLU(shared_axes=[1]), ["shared_axes"]),
    (lambda: L.Snake(frequency=0.0), ["frequency", "> 0"]),
    (lambda: L.APL(hinges=0), ["hinges"]),
    (lambda: L.PAU(degrees=(7, 7)), ["degrees", "(7, 7)"]),
    (lambda: L.PAU(approx_func="sigmoid"), ["approx_func", "sigmoid"]),
    (lambda: L.KAF(dictionary_size=1), ["dictionary_size"]),
    (lambda: L.TanhSoft(delta=-1.0), ["delta"]),
    (lambda: L.TLU(affine="yes"), ["affine"]),
])
def test_bad_arguments_raise_clear_errors(make, words):
    with pytest.raises(ValueError) as info:
        make()
    for word in words:
        assert word in str(info.value), f"{word!r} not in: {info.value}"


def test_bad_shared_axis_raises_at_build():
    with pytest.raises(ValueError, match="shared axis 3 is out of range"):
        L.PReLU(shared_axes=[3])(np.zeros((2, 4), np.float32))
    positive_at_build = L.PELU(alpha_initializer={"class_name": "RandomUniform",
                                                  "config": {"minval": -1.0, "maxval": 0.0}})
    with pytest.raises(ValueError, match="alpha"):
        positive_at_build(np.zeros((2, 4), np.float32))


def test_function_errors():
    with pytest.raises(ValueError, match="t_right"):
        ka.srelu([1.0], t_left=1.0, t_right=0.0)
    with pytest.raises(ValueError, match="same length"):
        ka.apl([1.0], a=(0.1, 0.2), b=(0.0,))
    with pytest.raises(ValueError, match="upper"):
        ka.rrelu([1.0], lower=0.5, upper=0.1)
    with pytest.raises(ValueError, match="beta"):
        ka.pelu([1.0], beta=0.0)


# ----------------------------------------------------------------------------- functional facts
def test_soft_exponential_domain_and_alpha_gradient_at_zero():
    x = np.array([[-3.0, -1.0, 0.0, 2.0]], dtype=np.float32)
    layer = L.SoftExponential(alpha_initializer=-0.5)  # defined for x > 1/α − α = −1.5
    layer(x)
    y, _, _ = _grads(layer, x)
    assert np.isnan(y[0, 0]) and np.all(np.isfinite(y[0, 1:]))
    layer = L.SoftExponential()  # α = 0: the gradient with respect to α is 1 + x²/2, not 0
    layer(x)
    _, _, gv = _grads(layer, x)
    np.testing.assert_allclose(gv["alpha"], 1 + x[0] ** 2 / 2, rtol=1e-5)


def test_stored_fits_approximate_their_targets_and_reproduce():
    data = ka.activations.adaptive.stored_coefficients()
    xs = np.linspace(-3, 3, 601)
    targets = {
        "relu": np.maximum(xs, 0), "leaky_relu": np.where(xs >= 0, xs, 0.01 * xs),
        "gelu": np.array([0.5 * v * (1 + float(mp.erf(v / mp.sqrt(2)))) for v in xs]),
        "swish": xs / (1 + np.exp(-xs)), "tanh": np.tanh(xs),
    }

    def safe_pau(a, b):  # the paper's safe PAU, written here in float64 numpy
        p = sum(c * xs**j for j, c in enumerate(a))
        return p / (1 + np.abs(sum(c * xs ** (k + 1) for k, c in enumerate(b))))

    for degrees, fits in data["pau"]["fits"].items():
        for name, entry in fits.items():
            err = np.max(np.abs(safe_pau(entry["numerator"], entry["denominator"]) - targets[name]))
            assert err <= entry["max_abs_error"] * 1.05 + 1e-9 and err < 0.13, (degrees, name, err)
    kaf = data["kaf"]
    assert min(kaf["alpha"]) >= 0  # the default expansion has no cancellation
    d = np.linspace(-3, 3, 20)
    elu_fit = np.sum(np.array(kaf["elu_alpha"]) * np.exp(-kaf["gamma"] * (xs[:, None] - d) ** 2), axis=1)
    assert np.max(np.abs(elu_fit - np.where(xs > 0, xs, np.expm1(np.minimum(xs, 0))))) < 0.02
    # the script recomputes the default fit
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import fit_pau
    finally:
        sys.path.pop(0)
    a, b = fit_pau.fit_pau(fit_pau.TARGETS["leaky_relu"], 5, 4, np.linspace(*fit_pau.GRID))
    np.testing.assert_allclose(a, data["pau"]["fits"]["5/4"]["leaky_relu"]["numerator"], rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(b, data["pau"]["fits"]["5/4"]["leaky_relu"]["denominator"], rtol=1e-7, atol=1e-12)


def test_layers_are_the_registered_ones():
    for name in ("pelu", "srelu", "apl", "swish_beta", "snake", "snake_beta", "star_relu", "acon_c", "smu",
                 "xielu", "tlu", "soft_exponential", "arelu", "flexible_relu", "shilu", "sinlu", "erfact",
                 "tanhsoft", "taaf", "pau", "kaf", "rrelu", "probact"):
        spec = ka.describe(name)
        assert spec.layer is getattr(L, spec.layer_name)
        assert issubclass(spec.layer, keras.layers.Layer) and spec.layer.__module__.startswith(
            "keras_activations.layers."), name
