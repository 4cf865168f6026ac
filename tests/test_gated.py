"""Gated activations (input split into halves a, b along an axis) and the gated feed-forward block.

Values and gradients are checked against the mpmath formulas of
``tests/reference_arrays.py`` (each unit's scalar f(a, b), applied pairwise),
including the half conventions (``swap_halves``, gpt-oss's interleaved
layout), the kink conventions, limits at ±inf and ±largest finite, half
precision, the layers' shape checks, masks and configs, and
``GatedFeedForward`` against a float64 forward pass written here.
"""

from __future__ import annotations

import functools
import json

import keras
import ml_dtypes
import numpy as np
import pytest

import keras_activations as ka
from tests import reference_arrays as ref
from tests.conftest import BACKEND, to_numpy, value_and_grad

F32_MAX = float(np.finfo(np.float32).max)
SHAPE = (3, 4, 10)  # halves of 5 along −1, of 2 along axis 1

#: (name, parameters) pairs to test: defaults first, then the documented alternatives
CASES = [
    ("glu", {}), ("glu", {"swap_halves": True}),
    ("bilinear", {}),
    ("reglu", {}), ("reglu", {"swap_halves": True}),
    ("geglu", {}), ("geglu", {"approximate": True}), ("geglu", {"swap_halves": True}),
    ("geglu_tanh", {}),
    ("swiglu", {}), ("swiglu", {"beta": 0.5}), ("swiglu", {"beta": -1.5, "swap_halves": True}),
    ("gtu", {}), ("gtu", {"swap_halves": True}),
    ("swiglu_clamped", {}), ("swiglu_clamped", {"alpha": 1.0, "limit": 3.0}),
    ("swiglu_clamped", {"interleaved": True}),
]
IDS = [n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in CASES]
NAMES = sorted({n for n, _ in CASES})


def _split_params(params):
    layout = {k: params[k] for k in ("swap_halves", "interleaved") if k in params}
    return layout, {k: v for k, v in params.items() if k not in layout}


def _reference(name, x, axis=-1, **params):
    layout, unit = _split_params(params)
    return ref.gated(name, x, axis=axis, **layout, **unit)


def _jit(fn):
    """``fn`` jitted on JAX (one compiled program instead of one per operation), else unchanged."""
    if BACKEND == "jax":
        import jax

        return jax.jit(fn)
    return fn


def _tensor(x, dtype):
    x = np.asarray(x)
    return keras.ops.convert_to_tensor(x.astype(np.float32) if dtype in ("float16", "bfloat16") else x, dtype=dtype)


@functools.lru_cache(maxsize=None)
def _batch(dtype, axis=-1, key="data"):
    """Every case of CASES on INPUTS[key], in one program: {case id: output tensor}."""
    cases = [(i, n, p) for i, (n, p) in zip(IDS, CASES)] if key != "half" else [(n, n, {}) for n in HALF_NAMES]

    def run(t):
        return {case_id: getattr(ka, name)(t, axis=axis, **params) for case_id, name, params in cases}

    return _jit(run)(_tensor(INPUTS[key], dtype))


def _call(case_id, dtype="float32", axis=-1, key="data"):
    return to_numpy(_batch(dtype, axis, key)[case_id])


def _gradient(name, x, g, dtype, axis=-1, **params):
    """Σᵢ gᵢ·∂fᵢ/∂x by the backend's autodiff (jitted on JAX)."""
    fn = functools.partial(getattr(ka, name), axis=axis, **params)
    if BACKEND == "jax":
        import jax

        return to_numpy(jax.jit(lambda a, b: jax.vjp(fn, a)[1](b)[0])(_tensor(x, dtype), _tensor(g, dtype)))
    g_tensor = _tensor(g, dtype)
    return value_and_grad(lambda t: fn(t) * g_tensor, np.asarray(x, dtype=dtype), dtype)[1]


def _data(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-9.0, 9.0, size=SHAPE).astype(np.float32)
    x[0, 0, :3] = [0.5, -2.0, 12.0]
    return x


HALF_NAMES = ["glu", "swiglu", "geglu"]
INPUTS = {"data": _data(0), "half": _data(2)}


@pytest.mark.parametrize("case", IDS)
def test_values_match_reference(case):
    name, params = CASES[IDS.index(case)]
    x = INPUTS["data"]
    for dtype, rtol in (("float32", 2e-6), ("float64", 1e-12)):
        got = _call(case, dtype)
        want = _reference(name, x, **params)
        assert got.shape == SHAPE[:-1] + (SHAPE[-1] // 2,)
        # float32: plus the change one rounding of the inputs (|a|, |b| ≤ 12) can cause
        atol = 1e-300 if dtype == "float64" else 12 * 12 * 2 ** -24
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=f"{name} {params} {dtype}")
    got = _call(case, axis=1)
    np.testing.assert_allclose(got, _reference(name, x, axis=1, **params), rtol=2e-6, atol=12 * 12 * 2 ** -24)


SPECIAL = [np.inf, -np.inf, F32_MAX, -F32_MAX, 1e-30, -1e-30, 0.0, 7.0, -7.0, 7.0000005, 3.0, np.nan]


@pytest.mark.parametrize("name", NAMES)
def test_limits_at_special_inputs(name):
    # each special value paired with an ordinary 1.5 in the other half; the reference's limits are
    # taken at ±1e300 and rounded to float32 (an overflow to ±inf is the right float32 answer)
    special = np.array(SPECIAL, np.float32)
    partner = np.full_like(special, 1.5)
    x = np.stack([np.concatenate([special, partner]), np.concatenate([partner, special])])
    got = to_numpy(_jit(ka.get(name))(keras.ops.convert_to_tensor(x)))
    x64 = x.astype(np.float64)
    at_limit = np.where(np.isinf(x64), np.sign(x64) * 1e300, x64)
    with np.errstate(over="ignore"):
        want = _reference(name, at_limit).astype(np.float32).astype(np.float64)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want), err_msg=f"{name}: NaN pattern {got}")
    assert np.isnan(got[:, -1]).all(), "NaN in either half gives NaN"
    ok = ~np.isnan(want)
    # rtol 1e-5: at these points one rounding of an input moves the output by up to |x·f'/f|·6e−8
    # relative, about 5e−6 for the tanh GELU at a = −7
    np.testing.assert_allclose(got[ok], want[ok], rtol=1e-5, atol=1e-30, err_msg=name)


@pytest.mark.parametrize("name,params", CASES, ids=IDS)
def test_gradients_match_reference_derivatives(name, params):
    rng = np.random.default_rng(1)
    # generic points: away from the kinks of relu (0) and of the clamps (±limit)
    x = rng.uniform(-9.0, 9.0, size=(2, 8))
    limit = params.get("limit", 7.0)
    x = np.where(np.abs(np.abs(x) - limit) < 0.05, x + 0.1, x)
    x = np.where(np.abs(x) < 0.05, 0.3, x)
    g = rng.normal(size=(2, 4))
    grad = _gradient(name, x, g, "float64", **params)
    layout, unit = _split_params(params)
    a, b = ref.split(x, -1, **layout)
    da, db = ref.gated_partials(name, a, b, **unit)
    ga, gb = g * da, g * db
    if layout.get("swap_halves"):
        ga, gb = gb, ga
    if layout.get("interleaved"):
        want = np.stack([ga, gb], axis=-1).reshape(x.shape)
    else:
        want = np.concatenate([ga, gb], axis=-1)
    np.testing.assert_allclose(grad, want, rtol=1e-9, atol=1e-12, err_msg=f"{name} {params}")


def test_kink_conventions():
    # relu'(0) = 0 (all backends); the clamps of swiglu_clamped pass the gradient at the limit
    # (inclusive, as torch.clamp): dg/da = 1 for a ≤ 7, 0 above; du/db = 1 for |b| ≤ 7, 0 outside
    x = np.array([[0.0, 2.0]])
    np.testing.assert_array_equal(_gradient("reglu", x, np.ones((1, 1)), "float32"), [[0.0, 0.0]])
    a = np.array([7.0, 7.5, 7.0, 7.0, 7.0, 2.0])
    b = np.array([1.0, 1.0, 7.0, -7.0, 7.5, -7.5])
    grad = _gradient("swiglu_clamped", np.concatenate([a, b])[None], np.ones((1, 6)), "float64")
    g, u = np.minimum(a, 7.0), np.clip(b, -7.0, 7.0)
    s = 1 / (1 + np.exp(-1.702 * g))
    gate, gate_slope = g * s, s + 1.702 * g * s * (1 - s)  # g·σ(1.702g) and its derivative
    np.testing.assert_allclose(grad[0, :6], np.where(a <= 7.0, gate_slope, 0.0) * (u + 1), rtol=1e-12)
    np.testing.assert_allclose(grad[0, 6:], np.where(np.abs(b) <= 7.0, gate, 0.0), rtol=1e-12)
    assert grad[0, 1] == 0.0 and grad[0, 10] == 0.0 and grad[0, 0] != 0.0 and grad[0, 8] != 0.0


@pytest.mark.parametrize("name", NAMES)
def test_gradients_at_special_inputs_are_finite(name):
    # ±inf and ±largest finite in one half, an ordinary 1.5 in the other, where the derivative is finite:
    # a = ±largest (every unit), a = −inf (units whose gate vanishes there), b = ±inf (σ-gated b)
    a = [F32_MAX, -F32_MAX, 1.5, 1.5]
    b = [1.5, 1.5, 1.5, 1.5]
    if name in ("reglu", "geglu", "geglu_tanh", "swiglu", "swiglu_clamped"):
        a[2] = -np.inf
    if name in ("glu", "gtu", "swiglu_clamped"):
        b[2:] = [np.inf, -np.inf]
    x = np.array([a + b], np.float32)
    grad = _gradient(name, x, np.ones((1, 4), np.float32), "float32")
    assert np.all(np.isfinite(grad)), (name, grad)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
@pytest.mark.parametrize("name", HALF_NAMES)
def test_half_precision_within_two_ulps(name, dtype):
    half = ml_dtypes.bfloat16 if dtype == "bfloat16" else np.float16
    x = INPUTS["half"].astype(half).astype(np.float64)
    y = _batch(dtype, key="half")[name]
    assert keras.backend.standardize_dtype(y.dtype) == dtype
    got = to_numpy(y).astype(np.float64)
    want = _reference(name, x).astype(half).astype(np.float64)
    info = ml_dtypes.finfo(half)
    ulp = np.exp2(np.floor(np.log2(np.maximum(np.abs(want), float(info.smallest_normal)))) - info.nmant)
    assert np.all(np.abs(got - want) <= 2 * ulp), name


def test_shape_errors_are_clear():
    odd = np.ones((2, 5), np.float32)
    for name in NAMES:
        with pytest.raises(ValueError, match=rf"{name}: the size of axis -1 must be even.*\(2, 5\).*size 5"):
            ka.get(name)(odd)
    with pytest.raises(ValueError, match=r"glu: `axis` must be in \[-2, 1\].*axis=2"):
        ka.glu(np.ones((2, 4), np.float32), axis=2)
    with pytest.raises(ValueError, match="swap_halves"):
        ka.swiglu(np.ones((2, 4), np.float32), swap_halves="yes")
    with pytest.raises(ValueError, match="limit"):
        ka.swiglu_clamped(np.ones((2, 4), np.float32), limit=0.0)


# ---------------------------------------------------------------------------
# layers
# ---------------------------------------------------------------------------

LAYERS = {
    "GLU": ("glu", {"swap_halves": True}),
    "Bilinear": ("bilinear", {}),
    "ReGLU": ("reglu", {}),
    "GEGLU": ("geglu", {"approximate": True}),
    "GEGLUTanh": ("geglu_tanh", {}),
    "SwiGLU": ("swiglu", {"beta": 0.5}),
    "GTU": ("gtu", {}),
    "SwiGLUClamped": ("swiglu_clamped", {"limit": 5.0, "interleaved": True}),
}


def test_gated_layers_shapes_masks_and_configs():
    x = INPUTS["data"]
    mask = keras.ops.convert_to_tensor(np.array([[True, False, True, True]] * 3))
    layers = {name: getattr(ka.layers, name)(**params) for name, (_, params) in LAYERS.items()}
    layers["GEGLU-tanh"] = ka.layers.GEGLU(approximate=True)
    outputs = _jit(lambda t: {name: layer(t) for name, layer in layers.items()})(keras.ops.convert_to_tensor(x))
    for layer_name, (name, params) in LAYERS.items():
        cls, layer = getattr(ka.layers, layer_name), layers[layer_name]
        np.testing.assert_allclose(to_numpy(outputs[layer_name]), _reference(name, x, **params), rtol=2e-6,
                                   atol=12 * 12 * 2 ** -24, err_msg=layer_name)
        assert layer.compute_output_shape((None, 4, 10)) == (None, 4, 5)
        assert layer.compute_mask(x, mask) is mask, "a time-step mask passes when the features are split"
        assert cls(axis=1, **params).compute_mask(x, mask) is None, "splitting another axis drops it"
        config = json.loads(json.dumps(layer.get_config()))
        assert all(config[k] == v for k, v in params.items())
        clone = cls.from_config(config)
        assert clone.get_config() == layer.get_config()
        with pytest.raises(ValueError, match=rf"{layer_name}: the size of axis -1 must be even.*\(None, 7\)"):
            cls(**params).build((None, 7))
        with pytest.raises(ValueError, match=rf"{layer_name}: `axis`=3 is out of range"):
            cls(axis=3).build((None, 4))
    np.testing.assert_array_equal(to_numpy(outputs["GEGLU-tanh"]), to_numpy(outputs["GEGLUTanh"]))
    with pytest.raises(ValueError, match=r"GLU: the size of axis -1 must be even.*\(None, 7\)"):
        keras.Sequential([keras.Input((7,)), ka.layers.GLU()])
    with pytest.raises(ValueError, match="swap_halves"):
        ka.layers.GLU(swap_halves="yes")
    with pytest.raises(ValueError, match="axis.*integer"):
        ka.layers.SwiGLU(axis=1.0)


# ---------------------------------------------------------------------------
# GatedFeedForward
# ---------------------------------------------------------------------------


def test_gated_feed_forward_matches_a_float64_forward_pass():
    x = np.random.default_rng(4).normal(size=(2, 3, 6)).astype(np.float32)
    settings = (("swiglu", False, None), ("geglu", True, 4), ("swiglu_clamped", True, 2))
    blocks = []
    for activation, use_bias, output_units in settings:
        block = ka.layers.GatedFeedForward(5, output_units=output_units, activation=activation, use_bias=use_bias,
                                           bias_initializer="random_normal")
        block.build(x.shape)
        blocks.append(block)
    outputs = _jit(lambda t: [block(t) for block in blocks])(keras.ops.convert_to_tensor(x))
    for (activation, use_bias, output_units), block, y in zip(settings, blocks, outputs):
        weights = [to_numpy(w).astype(np.float64) for w in (block.input_kernel, block.output_kernel)]
        h = x.astype(np.float64) @ weights[0]
        if use_bias:
            h = h + to_numpy(block.input_bias)
        want = ref.gated(activation, h) @ weights[1]
        if use_bias:
            want = want + to_numpy(block.output_bias)
        assert tuple(y.shape) == (2, 3, output_units or 6)
        np.testing.assert_allclose(to_numpy(y), want, rtol=1e-5, atol=1e-5, err_msg=activation)
        assert block.compute_output_shape((None, 3, 6)) == (None, 3, output_units or 6)
        config = json.loads(json.dumps(block.get_config()))
        clone = ka.layers.GatedFeedForward.from_config(config)
        assert clone.get_config() == block.get_config()


def test_gated_feed_forward_width_rule_and_errors():
    assert ka.layers.GatedFeedForward(3072).units == 3072
    assert ka.layers.GatedFeedForward(3072, width_rule="two_thirds").units == 2048
    # LLaMA-7B: d_model 4096, hidden 4·4096 → ⌊2/3·16384⌋ = 10922, rounded up to a multiple of 256
    assert ka.layers.GatedFeedForward(16384, width_rule="two_thirds", multiple_of=256).units == 11008
    block = ka.layers.GatedFeedForward(6, width_rule="two_thirds")
    block.build((None, 3))
    assert tuple(block.input_kernel.shape) == (3, 8) and tuple(block.output_kernel.shape) == (4, 3)
    with pytest.raises(ValueError, match="hidden_units.*positive integer.*0"):
        ka.layers.GatedFeedForward(0)
    with pytest.raises(ValueError, match="width_rule.*'half'"):
        ka.layers.GatedFeedForward(8, width_rule="half")
    with pytest.raises(ValueError, match="activation.*gated.*'relu'.*'elementwise'"):
        ka.layers.GatedFeedForward(8, activation="relu")
    with pytest.raises(ValueError, match="activation.*Unknown activation 'swigluu'.*'swiglu'"):
        ka.layers.GatedFeedForward(8, activation="swigluu")
    with pytest.raises(ValueError, match="last dimension.*known"):
        ka.layers.GatedFeedForward(8).build((None, None))


def test_gated_feed_forward_keeps_the_dtype_policy():
    x = np.random.default_rng(5).normal(size=(2, 6)).astype(np.float32)
    blocks = [ka.layers.GatedFeedForward(8, activation="geglu", dtype=policy)
              for policy in ("mixed_float16", "mixed_bfloat16")]
    for block in blocks:
        block.build(x.shape)
    outputs = _jit(lambda t: [block(t) for block in blocks])(keras.ops.convert_to_tensor(x))
    for block, y, compute in zip(blocks, outputs, ("float16", "bfloat16")):
        assert keras.backend.standardize_dtype(y.dtype) == compute
        assert all(keras.backend.standardize_dtype(w.dtype) == "float32" for w in block.weights)
        assert not np.isnan(to_numpy(y)).any()
