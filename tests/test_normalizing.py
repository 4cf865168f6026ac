"""Normalising activations (softmax, log_softmax, softmin, sparsemax, entmax15, entmax) and squash.

Checked against the float64/mpmath references of ``tests/reference_arrays.py``
(written from the papers, with other algorithms than the package's): values
with masks, ties, large and infinite entries; rows summing to 1; exact zeros
where theory says; gradients against the papers' closed-form Jacobians and
finite differences of the references; half precision; and the layers.

On JAX every function is jitted once per (function, shape, dtype) and reused
across tests (a compilation costs far more than the call), so the tests share
two input shapes.
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
SHAPE3, SHAPE2 = (4, 3, 6), (3, 6)

# name -> (package function, reference, the paper's Jacobian-vector product (p, g) -> Jᵀg)
CASES = {
    "softmax": (ka.softmax, ref.softmax, ref.softmax_vjp),
    "log_softmax": (ka.log_softmax, ref.log_softmax, lambda p, g: ref.log_softmax_vjp(np.exp(p), g)),
    "softmin": (ka.softmin, ref.softmin, lambda p, g: -ref.softmax_vjp(p, g)),
    "sparsemax": (ka.sparsemax, ref.sparsemax, lambda p, g: ref.entmax_vjp(p, g, 2.0)),
    "entmax15": (ka.entmax15, ref.entmax15, lambda p, g: ref.entmax_vjp(p, g, 1.5)),
}
for _alpha in (1.25, 2.0, 3.0):
    CASES[f"entmax_{_alpha}"] = (
        functools.partial(ka.entmax, alpha=_alpha),
        functools.partial(ref.entmax, alpha=_alpha),
        functools.partial(ref.entmax_vjp, alpha=_alpha),
    )
NAMES = list(CASES)
PROBABILITIES = [n for n in NAMES if n != "log_softmax"]
#: the α of each function: its Jacobian is diag(s) − s sᵀ/Σs with s = p^(2−α)
ALPHA = {"softmax": 1.0, "softmin": 1.0, "sparsemax": 2.0, "entmax15": 1.5,
         "entmax_1.25": 1.25, "entmax_2.0": 2.0, "entmax_3.0": 3.0}


# ---------------------------------------------------------------------------
# running the package (jitted on JAX) and the references
# ---------------------------------------------------------------------------


def _function(name):
    return CASES[name][0] if name in CASES else getattr(ka, name)


def _jit(fn):
    """``fn`` jitted on JAX, where one compiled program for many functions costs far less than
    compiling each (or each operation, eagerly); unchanged on the other backends."""
    if BACKEND == "jax":
        import jax

        return jax.jit(fn)
    return fn


def _tensor(x, dtype):
    x = np.asarray(x)
    return keras.ops.convert_to_tensor(x.astype(np.float32) if dtype in ("float16", "bfloat16") else x, dtype=dtype)


@functools.lru_cache(maxsize=None)
def _batch(key, dtype="float32", axis=-1):
    """Every function on the input ``INPUTS[key]`` (with its mask), in one program: {name: output}."""
    x, mask = INPUTS[key]
    names = {"data": NAMES + ["entmax"], "half": HALF_NAMES}.get(key, NAMES)

    def run(t, m):
        kwargs = {} if m is None else {"mask": m}
        return {name: _function(name)(t, axis=axis, **kwargs) for name in names}

    m = None if mask is None else keras.ops.convert_to_tensor(mask)
    outputs = _jit(run)(_tensor(x, dtype), m)
    return {name: (y, to_numpy(y)) for name, y in outputs.items()}


def _call(name, key, dtype="float32", axis=-1):
    return _batch(key, dtype, axis)[name][1]


def _vjp(fn, x, g, dtype):
    """Σᵢ gᵢ·∂fᵢ/∂x by the backend's autodiff (for TF and PyTorch; JAX batches in _gradients)."""
    g_tensor = _tensor(g, dtype)
    return value_and_grad(lambda t: fn(t) * g_tensor, np.asarray(x, dtype=dtype), dtype)[1]


@functools.lru_cache(maxsize=None)
def _gradients(key, dtype):
    """{name: [Jᵀg for each upstream g of GRAD_INPUTS[key]]} for every function, in one program."""
    x, mask, upstreams = GRAD_INPUTS[key]
    kwargs = {} if mask is None else {"mask": keras.ops.convert_to_tensor(mask)}
    if BACKEND == "jax":
        import jax

        def run(t, gs):
            return {name: [jax.vjp(lambda v: _function(name)(v, **kwargs), t)[1](g)[0] for g in gs]
                    for name in NAMES}

        out = jax.jit(run)(_tensor(x, dtype), [_tensor(g, dtype) for g in upstreams])
        return {name: [to_numpy(v) for v in grads] for name, grads in out.items()}
    return {name: [_vjp(lambda v, name=name: _function(name)(v, **kwargs), x, g, dtype) for g in upstreams]
            for name in NAMES}


def _reference(name, x, axis=-1, mask=None, dtype="float32"):
    """The reference, with ±inf taken as ±(largest finite of ``dtype``) as the package does."""
    big = float(np.finfo(dtype).max)
    return CASES[name][1](np.asarray(x, dtype=np.float64), axis=axis, mask=mask, big=big)


def _data(seed, shape=SHAPE3):
    """float32-representable inputs with ties, a constant row, a wide row and −inf entries."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 2.0, size=shape).astype(np.float32)
    rows = x.reshape(-1, shape[-1])
    rows[0, 1:4] = rows[0, 3]  # a three-way tie
    rows[1] = rows[1, 0]  # a constant row
    rows[2] *= 30.0  # a wide row: most entries far below the top
    if len(rows) > 3:
        rows[3, ::3] = -np.inf
    return x


def _rounding_bound(name, x, want, axis, dtype):
    """How far one rounding of each input (and of the shift by the row maximum) can move the output.

    First order: Σⱼ |∂yᵢ/∂xⱼ|·(|xⱼ| + max|x|)·ε, with the papers' Jacobians evaluated at the
    reference: diag(s) − s sᵀ/Σs, s = p^(2−α); I − 1pᵀ for log_softmax.
    """
    eps = 4.0 * (2.0 ** -24 if dtype == "float32" else 2.0 ** -53)
    xa = np.where(np.isfinite(x), np.abs(x), 0.0)
    xa = xa + np.max(xa, axis=axis, keepdims=True)
    if name == "log_softmax":
        p = np.exp(want)
        return eps * (xa + np.sum(p * xa, axis=axis, keepdims=True))
    p = np.where(np.isnan(want), 0.0, want)
    s = np.where(p > 0, np.where(p > 0, p, 1.0) ** (2.0 - ALPHA[name]), 0.0)
    total = np.maximum(np.sum(s, axis=axis, keepdims=True), 1e-300)
    return eps * s * (xa + np.sum(s * xa, axis=axis, keepdims=True) / total)


def _assert_rows(name, got, want, dtype, what, x, axis=-1, mask=None):
    """Within the format's accuracy of the reference: rtol·|y| + the input-rounding bound + underflow."""
    __tracebackhide__ = True
    x = np.asarray(x, dtype=np.float64)
    if mask is not None:
        x = np.where(np.broadcast_to(mask, x.shape), x, -np.inf)
    bound = _rounding_bound(name, x, want, axis, dtype)
    with np.errstate(over="ignore"):
        want = want.astype(dtype).astype(np.float64)  # e.g. −6.8e38 is −inf in float32
    finite = np.isfinite(want)
    nan = np.isnan(want)
    np.testing.assert_array_equal(np.isnan(got), nan, err_msg=f"{name} {what}: NaN pattern")
    np.testing.assert_array_equal(got[~finite & ~nan], want[~finite & ~nan], err_msg=f"{name} {what}: infinities")
    rtol, tiny = (2e-6, 1.2e-38) if dtype == "float32" else (1e-12, 1e-300)
    err = np.abs(got[finite] - want[finite])
    allowed = (rtol * np.abs(want) + bound + tiny)[finite]
    worst = np.argmax(err - allowed) if err.size else 0
    assert np.all(err <= allowed), (
        f"{name} {what}: error {err[worst]:.3g} > allowed {allowed[worst]:.3g} at value {want[finite][worst]!r}"
    )


SPECIAL = np.full(SHAPE3, -1.0, np.float32).reshape(-1, 6)
SPECIAL[:9] = [
    [F32_MAX, -F32_MAX, 0.0, F32_MAX, 1.0, -1.0],  # ± largest finite, a tie at the top
    [1e4, -1e4, 1e4 - 1.0, 3.0, 1e4, 0.0],
    [np.inf, 1.0, np.inf, -np.inf, 0.0, F32_MAX],  # +inf entries share the mass
    [-np.inf, -np.inf, 2.0, -np.inf, -np.inf, -np.inf],
    [-np.inf] * 6,  # only −inf: uniform (the limit of equal logits)
    [1.0, np.nan, 0.0, 2.0, 0.0, 0.0],  # NaN in, NaN row out
    [0.0, -30.0, -60.0, -100.0, -200.0, -1e30],  # a dominant entry (log_softmax: −9.4e−14, not 0)
    [2.5] * 6,
    [-F32_MAX, -F32_MAX, -np.inf, -F32_MAX, -np.inf, -F32_MAX],
]
SPECIAL = SPECIAL.reshape(SHAPE3)


def _masked_data():
    x = _data(1)
    mask = np.random.default_rng(2).random(x.shape) > 0.4
    mask[0, 0] = False  # a row with everything masked gives zeros (−inf for log_softmax)
    x[1, 1, :3] = -np.inf  # kept −inf entries are −largest finite: 0 beside finite entries
    mask[0, 1] = True
    mask[0, 2, 0] = False
    x[0, 2, 0] = np.nan  # a NaN at a masked position is ignored
    return x, mask


#: the inputs every function runs on (one compiled program per input, dtype and axis): (x, mask)
INPUTS = {
    # ordinary rows, special rows and wider rows in one input (blocks of SHAPE3 along axis 0)
    "data": (np.concatenate([_data(0), SPECIAL, _data(3) * np.float32(3.0)]), None),
    "masked": _masked_data(),
    "half": (_data(7), None),
}
BLOCKS = {"ordinary": slice(0, 4), "special": slice(4, 8), "wide": slice(8, 12)}
HALF_NAMES = ["softmax", "log_softmax", "sparsemax", "entmax15", "entmax_1.25"]


def _grad_inputs():
    rng = np.random.default_rng(6)
    x = rng.normal(0.0, 1.0, size=SHAPE2)
    x[2, 4] = -np.inf
    g = rng.normal(size=SHAPE2)
    g0 = np.where(np.isfinite(x), g, 0.0)  # no upstream on the −inf entry's output
    rng = np.random.default_rng(12)
    x32 = rng.normal(0.0, 1.0, size=SHAPE3).astype(np.float32)
    x32[0] = [[F32_MAX, -F32_MAX, 0.0, 1.0, 2.0, -3.0], [np.inf, 1.0, np.inf, 0.0, -F32_MAX, 2.0],
              [-np.inf] * 6]
    mask = rng.random(SHAPE3) > 0.3
    mask[0] = True
    mask[0, 0, 2] = False
    mask[1, 0] = False  # a fully masked row
    g32 = rng.normal(size=SHAPE3).astype(np.float32)
    return {"generic": (x, None, (g, g0)), "special": (x32, mask, (g32,))}


#: gradient inputs: (x, mask, upstream gradients)
GRAD_INPUTS = _grad_inputs()


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_values_and_special_values_match_reference(name):
    x = INPUTS["data"][0]
    for dtype in ("float32", "float64"):
        got = _call(name, "data", dtype)
        want = _reference(name, x, dtype=dtype)
        for block, rows in BLOCKS.items():
            _assert_rows(name, got[rows], want[rows], dtype, f"{block} {dtype}", x[rows])
    # along another axis (the sort-based algorithms move it last)
    _assert_rows(name, _call(name, "data", axis=1), _reference(name, x, axis=1), "float32", "axis 1", x, axis=1)


@pytest.mark.parametrize("name", NAMES)
def test_masks_match_reference(name):
    x, mask = INPUTS["masked"]
    got = _call(name, "masked")
    _assert_rows(name, got, _reference(name, x, mask=mask), "float32", "masked", x, mask=mask)
    assert np.all(got[~mask] == (-np.inf if name == "log_softmax" else 0.0))


@pytest.mark.parametrize("name", PROBABILITIES)
def test_rows_sum_to_one_and_are_sparse_where_theory_says(name):
    rows = np.r_[BLOCKS["ordinary"], BLOCKS["wide"]]
    x = INPUTS["data"][0][rows]
    for dtype, tol in (("float32", 2e-6), ("float64", 1e-13)):
        p = _call(name, "data", dtype)[rows]
        np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=tol, err_msg=f"{name} {dtype}")
        if name in ("softmax", "softmin"):
            continue
        # τ ≥ −1 in units of w = (α−1)(x − max x): an entry with w < −1 is outside the support,
        # and the top entry has mass ≥ 1/n
        w = (ALPHA[name] - 1.0) * (x - x.max(axis=-1, keepdims=True)).astype(np.float64)
        outside = w < -1.0 - 1e-3
        assert outside.sum() > 12, "the data must exercise sparsity"
        assert np.all(p[outside] == 0.0), f"{name} {dtype}: non-zero mass where theory says 0"
        want = _reference(name, x, dtype=dtype)
        assert np.all(p[want > 1e-4] > 0.0)
        if dtype == "float64":
            np.testing.assert_array_equal(p == 0.0, want == 0.0)
        top = np.argmax(x, axis=-1)[..., None]
        assert np.all(np.take_along_axis(p, top, axis=-1) >= 1.0 / x.shape[-1] - 1e-6)


def test_entmax_special_alphas_agree_with_the_exact_forms():
    np.testing.assert_allclose(_call("entmax_2.0", "data", "float64"), _call("sparsemax", "data", "float64"),
                               rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(_call("entmax", "data", "float64"), _call("entmax15", "data", "float64"),
                               rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
@pytest.mark.parametrize("name", HALF_NAMES)
def test_half_precision_within_two_ulps(name, dtype):
    half = ml_dtypes.bfloat16 if dtype == "bfloat16" else np.float16
    x = INPUTS["half"][0].astype(half).astype(np.float64)
    y = _batch("half", dtype)[name][0]
    assert keras.backend.standardize_dtype(y.dtype) == dtype
    got = to_numpy(y).astype(np.float64)
    with np.errstate(over="ignore"):  # half inputs are computed in float32, then rounded (−3.4e38 → −inf)
        want = _reference(name, x).astype(half).astype(np.float64)
    finite = np.isfinite(want)
    np.testing.assert_array_equal(got[~finite], want[~finite])
    info = ml_dtypes.finfo(half)
    ulp = np.exp2(np.floor(np.log2(np.maximum(np.abs(want), float(info.smallest_normal)))) - info.nmant)
    err = np.abs(got[finite] - want[finite])
    assert np.all(err <= 2 * ulp[finite]), (name, err.max())


def test_argument_errors_are_clear():
    x = np.ones(SHAPE3, np.float32)
    with pytest.raises(ValueError, match=r"axis.*\[-3, 2\].*received axis=3"):
        ka.sparsemax(x, axis=3)
    with pytest.raises(ValueError, match="axis.*integer"):
        ka.entmax15(x, axis=1.0)
    with pytest.raises(ValueError, match=r"mask.*broadcastable.*\(4,\)"):
        ka.softmax(x, mask=np.ones((4,), bool))
    with pytest.raises(ValueError, match=r"alpha.*\(1.0, inf\).*1.0"):
        ka.entmax(x, alpha=1.0)
    with pytest.raises(ValueError, match="alpha.*Python number"):
        ka.entmax(x, alpha=keras.ops.convert_to_tensor(1.5))
    with pytest.raises(ValueError, match="rank >= 1"):
        ka.softmax(np.float32(1.0))


# ---------------------------------------------------------------------------
# gradients
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_gradients_match_closed_form_and_finite_differences(name):
    # generic points: no entry within 1e−6 of a support boundary (else the differences disagree)
    x, _, (g, g0) = GRAD_INPUTS["generic"]
    grad, grad0 = _gradients("generic", "float64")[name]
    finite = np.isfinite(x)
    assert np.all(np.isfinite(grad))
    # the closed form at the reference; an infinite input (taken as −largest finite) has gradient 0
    closed = np.where(finite, CASES[name][2](_reference(name, x, dtype="float64"), g), 0.0)
    np.testing.assert_allclose(grad, closed, rtol=1e-9, atol=1e-12, err_msg=f"{name}: closed form")
    assert np.all(grad[~finite] == 0.0), "−inf entries have no influence"
    # central differences of the reference, with −inf as −1e300
    numeric = ref.numerical_vjp(lambda v: _reference(name, v), np.where(finite, x, -1e300), g0)
    np.testing.assert_allclose(grad0[finite], numeric[finite], rtol=1e-6, atol=1e-8,
                               err_msg=f"{name}: finite differences")


@pytest.mark.parametrize("name", NAMES)
def test_float32_gradients_with_masks_and_special_inputs(name):
    x, mask, (g,) = GRAD_INPUTS["special"]
    (grad,) = _gradients("special", "float32")[name]
    assert np.all(np.isfinite(grad)), f"{name}: non-finite gradient"
    assert np.all(grad[~mask] == 0.0), f"{name}: masked inputs have no influence"
    if name not in ("log_softmax", "softmin"):
        assert np.all(grad[0, 1] == 0.0), "a row with +inf entries is at its limit: gradient 0"
    # ordinary rows (all but the first block): the closed form at the masked reference
    p = _reference(name, x, mask=mask)
    closed = CASES[name][2](np.where(mask, p, 0.0 if name != "log_softmax" else -np.inf), np.where(mask, g, 0.0))
    closed = np.where(mask, closed, 0.0)
    np.testing.assert_allclose(grad[1:], closed[1:], rtol=1e-4, atol=2e-6, err_msg=f"{name}: float32")


# ---------------------------------------------------------------------------
# squash
# ---------------------------------------------------------------------------


def _squash_special():
    x = np.random.default_rng(8).normal(0.0, 1.5, size=SHAPE3).astype(np.float32)
    special = np.zeros(SHAPE3, np.float32).reshape(-1, 6)
    special[:8, :3] = [[3e38, 3e38, -3e38], [1e-30, -2e-30, 0.0], [0.0, 0.0, 0.0], [np.inf, 1.0, -np.inf],
                       [1e-3, 0.0, 0.0], [np.nan, 1.0, 0.0], [1.0, 0.0, 0.0], [3e38, 1.0, 0.0]]
    special[8:] = np.float32(100.0) * x.reshape(-1, 6)[8:]
    return x, special.reshape(SHAPE3)


def test_squash_values_and_extremes():
    x, special = _squash_special()
    run = _jit(lambda t, u, v: (ka.squash(t), ka.squash(t, axis=1), ka.squash(u), ka.squash(v)))
    y32, y32_axis1, y_special, y64 = (to_numpy(y) for y in run(_tensor(x, "float32"), _tensor(special, "float32"),
                                                               _tensor(x, "float64")))
    np.testing.assert_allclose(y32, ref.squash(x), rtol=2e-6, atol=1e-300)
    np.testing.assert_allclose(y64, ref.squash(x), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(y32_axis1, ref.squash(x, axis=1), rtol=2e-6, atol=1e-300)
    want = ref.squash(special)
    np.testing.assert_array_equal(np.isnan(y_special), np.isnan(want))
    # below 1e−30 an absolute error of 1e−30 (XLA flushes subnormal results to 0)
    np.testing.assert_allclose(y_special[~np.isnan(want)], want[~np.isnan(want)], rtol=2e-6, atol=1e-30)
    norms = np.linalg.norm(np.nan_to_num(y_special), axis=-1)
    assert np.all(norms <= 1.0)  # r²/(1 + r²) < 1, rounding to 1 for r > 4096 in float32


def test_squash_gradients():
    rng = np.random.default_rng(9)
    x = np.concatenate([rng.normal(0.0, 0.4, size=(2, 6)), rng.normal(0.0, 3.0, size=(1, 6))])
    g = rng.normal(size=x.shape)
    special = np.zeros(SHAPE2, np.float32)
    special[1, :3] = [3e38, 1.0, 0.0]
    special[2, :3] = [np.inf, 2.0, 1e-30]
    if BACKEND == "jax":
        import jax

        run = jax.jit(lambda a, b, c, d: (jax.vjp(ka.squash, a)[1](b)[0], jax.vjp(ka.squash, c)[1](d)[0]))
        grad, grad32 = (to_numpy(v) for v in run(_tensor(x, "float64"), _tensor(g, "float64"),
                                                  _tensor(special, "float32"), _tensor(np.ones(SHAPE2), "float32")))
    else:
        grad = _vjp(ka.squash, x, g, "float64")
        grad32 = _vjp(ka.squash, special, np.ones(SHAPE2), "float32")
    # closed form: v = x·f(r), f(r) = r/(1 + r²): Jᵀg = f·g + f'(r)·x·(xᵀg)/r
    r = np.linalg.norm(x, axis=-1, keepdims=True)
    f, df = r / (1 + r * r), (1 - r * r) / (1 + r * r) ** 2
    closed = f * g + df * x * np.sum(x * g, axis=-1, keepdims=True) / r
    np.testing.assert_allclose(grad, closed, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(grad, ref.numerical_vjp(ref.squash, x, g), rtol=1e-6, atol=1e-9)
    assert np.all(np.isfinite(grad32))
    assert np.all(grad32[0] == 0.0), "the derivative of x·‖x‖/(1 + ‖x‖²) at 0 is 0"


# ---------------------------------------------------------------------------
# layers
# ---------------------------------------------------------------------------

LAYERS = {
    "Softmax": ("softmax", {}),
    "LogSoftmax": ("log_softmax", {}),
    "Softmin": ("softmin", {}),
    "Sparsemax": ("sparsemax", {}),
    "Entmax15": ("entmax15", {}),
    "Entmax": ("entmax_1.25", {"alpha": 1.25}),
}


def test_layers_mask_and_round_trip():
    x = _data(10)
    # a time-step mask, as Keras propagates it from Embedding(mask_zero=True): whole steps masked
    steps = np.array([[True, True, False], [True, True, True], [False, True, True], [True, False, False]])
    layers = {name: getattr(ka.layers, name)(axis=1, **params) for name, (_, params) in LAYERS.items()}
    run = _jit(lambda t, m: {name: layer(t, mask=m) for name, layer in layers.items()})
    outputs = run(keras.ops.convert_to_tensor(x), keras.ops.convert_to_tensor(steps))
    for layer_name, (name, params) in LAYERS.items():
        layer = layers[layer_name]
        want = _reference(name, x, axis=1, mask=steps[:, :, None])
        _assert_rows(name, to_numpy(outputs[layer_name]), want, "float32", f"layer {layer_name}", x, axis=1,
                     mask=steps[:, :, None])
        assert to_numpy(layer.compute_mask(x, keras.ops.convert_to_tensor(steps))).tolist() == steps.tolist()
        config = json.loads(json.dumps(layer.get_config()))
        assert config["axis"] == 1 and all(config[k] == v for k, v in params.items())
        clone = type(layer).from_config(config)
        assert clone.get_config() == layer.get_config()
        assert layer.compute_output_shape((None, 3, 6)) == (None, 3, 6)


def test_layer_errors_and_dtype_policy():
    with pytest.raises(ValueError, match="Softmin.*axis.*integer"):
        ka.layers.Softmin(axis="last")
    with pytest.raises(ValueError, match="Sparsemax.*axis.*4.*rank 3"):
        ka.layers.Sparsemax(axis=4).build(SHAPE3)
    with pytest.raises(ValueError, match=r"alpha.*\(1.0, inf\).*0.5"):
        ka.layers.Entmax(alpha=0.5)
    layers = [ka.layers.Entmax15(dtype="mixed_float16"), ka.layers.Sparsemax(dtype="mixed_bfloat16")]
    outputs = _jit(lambda t: [layer(t) for layer in layers])(keras.ops.convert_to_tensor(_data(11)))
    for y, compute in zip(outputs, ("float16", "bfloat16")):
        assert keras.backend.standardize_dtype(y.dtype) == compute
        values = to_numpy(y).astype(np.float64)
        assert not np.isnan(values).any() and np.allclose(values.sum(-1), 1.0, atol=2e-2)


def test_tf_addons_sparsemax_names_load_as_ours():
    assert keras.activations.get("Addons>sparsemax") is ka.sparsemax
    dense = keras.layers.Dense.from_config({"units": 3, "activation": "Addons>sparsemax", "name": "d"})
    assert dense.activation is ka.sparsemax
    layer = keras.layers.deserialize({"class_name": "Addons>Sparsemax",
                                      "config": {"axis": 1, "name": "s", "trainable": True, "dtype": "float32"}})
    assert isinstance(layer, ka.layers.Sparsemax) and layer.axis == 1


# ---------------------------------------------------------------------------
# the implementations behind softmax and log_softmax agree
# ---------------------------------------------------------------------------

_SPECIAL_ROWS = np.array([[1.0, 2.0, np.inf, np.inf], [-np.inf, -np.inf, -np.inf, -np.inf],
                          [0.0, 1.0, 2.0, -np.inf], [0.0, -30.0, 1.0, 2.0], [3e38, 1e38, 0.0, 1.0],
                          [0.5, 0.25, -0.5, 2.0]], np.float32)
# all finite: the input on which the native kernels (TensorFlow, PyTorch) and PyTorch's log_softmax fast path run
_FINITE_ROWS = np.array([[1.0, 2.0, 2.0, 0.5], [0.0, -30.0, 1.0, 2.0], [3e38, 1e38, 0.0, 1.0], [0.0, -20.0, -25.0, -40.0],
                         [-1e30, 1.0, 1.0, 1.0], [0.5, 0.25, -0.5, 2.0]], np.float32)
_WEIGHTS = np.random.default_rng(3).standard_normal(_SPECIAL_ROWS.shape).astype(np.float32)


def _softmax_implementations():
    """Every way ``softmax`` and ``log_softmax`` may be computed without a mask, whichever the backend
    (each backend's default takes one: XLA the fused formulas, TensorFlow and PyTorch on the CPU the
    branch to the native kernels, PyTorch on CUDA the clipped native softmax)."""
    from keras_activations.activations import normalizing as nz

    def clipped_native(x):
        return keras.ops.softmax(nz._clipped(x), axis=-1)

    def clip_path_log(x):
        return nz._log_softmax_rows(nz._shifted_rows(x, -1, None)[0], -1)

    return {
        "softmax": [ka.softmax, lambda x: nz._finite_rows_softmax(x, -1), clipped_native],
        "log_softmax": [ka.log_softmax, lambda x: nz._fused_log_softmax(x, -1), clip_path_log],
    }


@pytest.mark.parametrize("rows", ["special", "finite"])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_implementations_agree_on_special_rows(name, rows):
    """The fused formulas, the native kernels behind a branch (and PyTorch's log_softmax fast path,
    taken on finite input) and the clip path give the same values and gradients on rows with ±inf
    ties, all −inf, −inf entries, a dominant entry, ties and ±3e38."""
    x = _SPECIAL_ROWS if rows == "special" else _FINITE_ROWS
    weights = keras.ops.convert_to_tensor(_WEIGHTS)
    reference = _reference(name, x)
    grads = []
    for i, f in enumerate(_softmax_implementations()[name]):
        y = to_numpy(f(keras.ops.convert_to_tensor(x)))
        np.testing.assert_allclose(y, reference, rtol=1e-6, atol=1e-30, err_msg=f"{name} implementation {i}")
        grads.append(value_and_grad(lambda t, f=f: f(t) * weights, x)[1])
        np.testing.assert_allclose(grads[i], grads[0], rtol=1e-5, atol=1e-7, err_msg=f"{name} implementation {i}")
    assert np.all(np.isfinite(grads[0])) and np.all(grads[0][np.isinf(x)] == 0.0), (
        "infinite entries get gradient 0, the others a finite one")
