"""Mixed precision: every activation and layer trains under mixed_float16 and mixed_bfloat16.

One model holds one branch per registered activation (its layer after a Dense,
so learnable, stochastic, axis, gated and shape-changing layers are included),
each branch reduced by a float32 ``Dense(1)`` head and all heads summed. Under
each policy the model trains a few steps: the losses must be finite, every
weight finite, the steps applied (float16 loss scaling skips a step whose
gradients are not finite, so a changed trunk kernel proves they were), every
learnable activation's weights moved, and every branch's output must be in the
policy's compute dtype and finite.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest

from keras_activations import _registry, catalogue
from tests.conftest import to_numpy

WIDTH = 8
# SMU starts at mu = 1e6, where erf(mu·x) saturates and the gradient of mu is 0 in any dtype.
LAYER_ARGS = {"smu": {"mu_initializer": 2.0}}


def _layer(spec):
    kwargs = dict(LAYER_ARGS.get(spec.name, {}))
    if spec.defaults.get("num_units", 0) is None:
        kwargs["num_units"] = WIDTH // 2
    return spec.layer(name=f"act_{spec.name}", **kwargs)


#: The catalogue is split into this many models per policy, so that the test workers share the
#: work (one eager step through every activation costs ~100 s on JAX, which compiles each op).
CHUNKS = 3


def _chunk(index):
    return _registry.all_specs()[index::CHUNKS]


def _build(specs, seed=0):
    keras.utils.set_random_seed(seed)
    inp = keras.Input((WIDTH,))
    trunk_layer = keras.layers.Dense(WIDTH, name="trunk")
    trunk = trunk_layer(inp)
    branches, heads, learnable = [], [], []
    for spec in specs:
        layer = _layer(spec)
        out = layer(keras.layers.Dense(WIDTH, name=f"pre_{spec.name}")(trunk))
        branches.append(out)
        flat = keras.layers.Flatten()(out) if len(out.shape) > 2 else out
        heads.append(keras.layers.Dense(1, dtype="float32", name=f"head_{spec.name}")(flat))
        if catalogue.is_learnable(spec) and layer.trainable_weights is not None:
            learnable.append(layer)
    total = keras.layers.Add(dtype="float32")(heads)
    model = keras.Model(inp, total)
    probe = keras.Model(inp, branches)
    return model, probe, trunk_layer, learnable


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("policy", ["mixed_float16", "mixed_bfloat16"])
def test_training_under_mixed_precision(policy, chunk):
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(policy)
    specs = _chunk(chunk)
    try:
        model, probe, trunk, learnable = _build(specs)
        compute = keras.config.dtype_policy().compute_dtype
        optimizer = keras.optimizers.Adam(1e-3)
        if policy == "mixed_float16":
            optimizer = keras.optimizers.LossScaleOptimizer(optimizer, initial_scale=2.0**8)
        # Eager: tracing or compiling one training step that holds every activation (forward and
        # backward) costs minutes (XLA on JAX, graph building on TensorFlow); one eager step, seconds.
        model.compile(optimizer=optimizer, loss="mse", run_eagerly=True)
        rng = np.random.default_rng(0)
        x = rng.uniform(-1, 1, size=(32, WIDTH)).astype(np.float32)  # pre-activations ~±3: e^x fits float16
        y = rng.normal(size=(32, 1)).astype(np.float32)
        trunk_before = to_numpy(trunk.kernel.value).copy()
        learn_before = {layer.name: [to_numpy(w.value).copy() for w in layer.trainable_weights] for layer in learnable}
        history = model.fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0)
        losses = history.history["loss"]
        assert np.all(np.isfinite(losses)), f"{policy}: losses {losses}"
        bad = [w.path for w in model.weights if not np.all(np.isfinite(to_numpy(w.value).astype(np.float64)))]
        assert not bad, f"{policy}: non-finite weights after training: {bad}"
        assert not np.array_equal(to_numpy(trunk.kernel.value), trunk_before), (
            f"{policy}: no training step was applied (every step had non-finite gradients)"
        )
        frozen = [layer.name for layer in learnable
                  if layer.trainable_weights and all(
                      np.array_equal(to_numpy(w.value), b) for w, b in zip(layer.trainable_weights,
                                                                           learn_before[layer.name]))]
        assert not frozen, f"{policy}: these learnable activations received no gradient: {frozen}"

        outputs = probe(keras.ops.convert_to_tensor(x), training=False)
        wrong_dtype, non_finite = [], []
        for spec, out in zip(specs, outputs):
            dtype = keras.backend.standardize_dtype(out.dtype)
            if dtype != compute:
                wrong_dtype.append(f"{spec.name}: {dtype}")
            if not np.all(np.isfinite(to_numpy(out))):
                non_finite.append(spec.name)
        assert not wrong_dtype, f"{policy}: outputs not in the compute dtype {compute}: {wrong_dtype}"
        assert not non_finite, f"{policy}: non-finite outputs for finite inputs: {non_finite}"
    finally:
        keras.config.set_dtype_policy(previous)


# ----------------------------------------------------------------------------- float16 range

# Half-precision inputs from moderate to the largest float16: an activation that grows faster
# than x (exponential, symexp, squared_relu, ...) passes 65504 somewhere in between.
_F16_GRID = np.array([1.0, 4.0, 8.0, 11.0, 11.5, 12.0, 16.0, 100.0, 255.0, 257.0, 1000.0, 65504.0])
_F16_GRID = np.concatenate([-_F16_GRID[::-1], [0.0], _F16_GRID])
_F16_MAX = float(np.finfo(np.float16).max)


@pytest.mark.parametrize("policy", ["mixed_float16"])
def test_float16_outputs_overflow_only_where_the_true_value_does(policy):
    """The documented float16 behaviour (docs/compatibility.md): every stateless elementwise
    activation's layer under mixed_float16 computes in float32 and rounds to float16, so its output is finite
    wherever the true (float64 reference) value fits float16, and is ±inf (never NaN, never a
    wrong finite value) exactly where the true value exceeds the float16 range."""
    from tests.reference import REFERENCES
    from tests.reference import _evaluate as ev

    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(policy)
    problems, overflowing = [], []
    try:
        x16 = keras.ops.convert_to_tensor(_F16_GRID.astype(np.float16))
        for spec in _registry.all_specs():
            ref = REFERENCES.get(spec.name)
            # learnable layers start from their own (random) weights, not the function's defaults
            if spec.kind != "elementwise" or ref is None or catalogue.is_learnable(spec) or (
                    spec.family == "stochastic"):
                continue
            layer = _layer(spec)
            y = layer(x16)
            assert keras.backend.standardize_dtype(y.dtype) == "float16", f"{spec.name}: {y.dtype}"
            got = to_numpy(y).astype(np.float64)
            true = ev.values(ref, _F16_GRID)
            defined = np.isfinite(true)
            # the float16 rounding of the true value: inf beyond 65504 + half an ulp
            with np.errstate(over="ignore"):
                expected = true.astype(np.float16).astype(np.float64)
            fits = defined & np.isfinite(expected)
            wrong_inf = fits & ~np.isfinite(got)
            missing_inf = defined & np.isinf(expected) & (got != expected)
            if wrong_inf.any() or missing_inf.any():
                problems.append(
                    f"{spec.name}: x = {_F16_GRID[wrong_inf | missing_inf][:4]}: got "
                    f"{got[wrong_inf | missing_inf][:4]}, true {true[wrong_inf | missing_inf][:4]}"
                )
            if np.isinf(expected[defined]).any():
                first = np.min(np.abs(_F16_GRID[defined & np.isinf(expected)]))
                overflowing.append(f"{spec.name} (|x| ≥ {first:g})")
    finally:
        keras.config.set_dtype_policy(previous)
    assert not problems, f"{policy}: outputs that do not follow the float16 range: {problems}"
    # The behaviour is real for some activations (e^x passes 65504 at x ≈ 11.09): this is what
    # docs/compatibility.md warns about; the list must not be empty, or the grid lost its purpose.
    assert any(o.startswith("exponential ") for o in overflowing), overflowing
