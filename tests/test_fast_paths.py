"""Both paths of every activation that has a fast path, against the same float64 references.

The fast paths (``keras_activations/_fast.py``) compute the same functions with
fewer kernels and a leaner backward pass; the portable path is the plain
``keras.ops`` definition (``set_fast_paths(False)``). Each is checked here with
the tolerances and references of ``tests/test_catalogue.py`` (its helpers are
reused), for the default parameters and one other set of each: float32 and
float64 values on the catalogue's grid, float32 gradients and NaN in, NaN out
for both sets; ±0, subnormals, ±largest finite and the limits at ±inf (values
and gradients) for the defaults, as the catalogue does. The fast path runs the way training runs it: under ``jax.jit``
on JAX, inside a ``tf.function`` on TensorFlow (its fused XLA path is only taken
in graphs), eagerly on PyTorch. Inputs are batched into one call per dtype.
"""

from __future__ import annotations

import contextlib

import keras
import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _registry
from tests import test_catalogue as tc
from tests.conftest import BACKEND, to_numpy
from tests.reference import REFERENCES
from tests.reference import _evaluate as ev

# elementwise fast paths (gated ones, such as PyTorch's native glu, are tested in tests/test_gated.py,
# where every test runs on the default path, i.e. the fast path where there is one)
FAST = [s for s in _registry.all_specs()
        if s.kind == "elementwise" and BACKEND in _registry._FAST_PATHS.get(s.name, {})]
# Inputs of one batched call: the catalogue's grid, its extreme finite inputs, then -inf, +inf, NaN.
N_GRID, N_EXT = len(tc.GRID), len(tc.EXTREMES)
BATCH32 = np.concatenate([tc.GRID, tc.EXTREMES, np.array([-np.inf, np.inf, np.nan], dtype=np.float32)])


def _cases():
    cases = []
    for spec in FAST:
        ref = REFERENCES.get(spec.name)
        # the defaults and one other parameter set: tests/test_catalogue.py runs every set on the
        # default path; here each compiled fast path costs an XLA compilation
        sets = (ref.param_sets if ref else ({},))[:2]
        for i, params in enumerate(sets):
            for path in ("fast", "portable"):
                label = f"{spec.name}-{path}" if i == 0 else f"{spec.name}-p{i}-{path}"
                cases.append(pytest.param(spec.name, params, path, id=label))
    return cases


@contextlib.contextmanager
def _path(path):
    previous = _registry.fast_paths_enabled()
    _registry.set_fast_paths(path == "fast")
    try:
        yield
    finally:
        _registry.set_fast_paths(previous)


def _run(fn, x_array, dtype, grad, compiled=True):
    """``fn(x)`` (and the gradient of its sum), compiled the way training runs it on this backend
    (jax.jit, tf.function) or eagerly (``compiled=False``: cheaper, no XLA compilation)."""
    if not compiled and BACKEND in ("jax", "tensorflow"):
        from tests.conftest import value_and_grad

        if grad:
            return value_and_grad(fn, x_array, dtype)
        return to_numpy(fn(keras.ops.convert_to_tensor(np.asarray(x_array), dtype=dtype))), None
    if BACKEND == "jax":
        import jax
        import jax.numpy as jnp

        x = jnp.asarray(x_array, dtype=dtype)
        if not grad:  # a fresh function: jit caches traces, which would not see the switch
            return to_numpy(jax.jit(lambda v: fn(v))(x)), None

        def vg(v):
            y, pull = jax.vjp(fn, v)
            return y, pull(jnp.ones_like(y))[0]

        y, g = jax.jit(vg)(x)
        return to_numpy(y), to_numpy(g)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        @tf.function
        def vg(v):
            with tf.GradientTape() as tape:
                tape.watch(v)
                y = fn(v)
            return y, (tape.gradient(y, v) if grad else y)

        y, g = vg(tf.constant(x_array, dtype=dtype))
        return to_numpy(y), (to_numpy(g) if grad else None)
    import torch

    x = torch.tensor(x_array, dtype=getattr(torch, dtype), requires_grad=grad)
    y = fn(x)
    if not grad:
        return to_numpy(y.detach()), None
    (g,) = torch.autograd.grad(y, x, torch.ones_like(y))
    return to_numpy(y.detach()), to_numpy(g)


def test_every_fast_path_is_tested():
    """Fast paths exist where promised, and each one names a registered activation with a reference."""
    assert FAST or BACKEND not in ("jax", "tensorflow", "torch")
    for heavy in ("mish", "silu", "gelu"):
        assert heavy in {s.name for s in FAST}, f"{heavy} lost its {BACKEND} fast path"
    missing = [s.name for s in FAST if s.name not in REFERENCES]
    assert not missing, f"fast paths without a reference: {missing}"


@pytest.mark.parametrize("name,params,path", _cases())
def test_values_and_gradients(name, params, path):
    spec = _registry.spec_of(name)
    ref = REFERENCES[name]
    fn = lambda t: spec.function(t, **params)  # noqa: E731
    # The fast path runs compiled, as in training; the portable path eagerly (XLA compilation
    # is most of this test's time). TensorFlow takes its fast path only in graphs.
    fast = path == "fast"
    with _path(path):
        y32, g32 = _run(fn, BATCH32, "float32", grad=True, compiled=fast)
        y64, _ = _run(fn, tc.GRID.astype(np.float64), "float64", grad=False,
                      compiled=fast and BACKEND == "tensorflow")

    x = tc.GRID.astype(np.float64)
    f, df, d2f = ev.derivatives(ref, x, params)
    kinks = tc._at_kinks_params(ref, params, x)
    tc._assert_close(name, x, y32[:N_GRID], f, df, rtol=1e-6, eps=tc.EPS["float32"], fmax=tc.FMAX["float32"],
                     kink_mask=kinks, what=f"{path} path, float32 values")
    precision = "float32" if BACKEND == "jax" else "float64"  # see test_catalogue.test_values
    tc._assert_close(name, x, y64, f, df, rtol=1e-6 if precision == "float32" else 1e-10,
                     eps=tc.EPS[precision], fmax=tc.FMAX["float64"], kink_mask=kinks,
                     what=f"{path} path, float64 values")

    # gradients, with the catalogue's tolerance
    g = g32[:N_GRID].astype(np.float64)
    assert not np.isnan(g[~np.isnan(df)]).any(), f"{name} ({path}): NaN gradient at x = {x[np.isnan(g)][:6]}"
    singular = np.isin(x, np.asarray(ref.singular, dtype=np.float64))
    if singular.any():  # infinite derivative (as in test_catalogue.test_gradients): huge, right sign
        assert np.all(np.abs(g[singular]) > 1e6) and np.all(np.sign(g[singular]) == np.sign(df[singular])), (
            f"{name} ({path}): gradient at the singular points {x[singular]} is {g[singular]}")
    smooth = ~kinks & ~singular & np.isfinite(df)
    scale = np.abs(df) + np.abs(f) / np.maximum(1.0, np.abs(x))
    tol = 1e-5 * scale + tc.EPS["float32"] * np.abs(x * np.where(np.isfinite(d2f), d2f, 0.0))
    tol = np.where(np.abs(df) < 1e-30, np.maximum(tol, 1e-30), tol)
    overflow = (np.abs(f) > tc.FMAX["float32"]) | (np.abs(df) > tc.FMAX["float32"])
    with np.errstate(invalid="ignore"):  # inf − inf where f overflows: masked by `overflow`
        bad = smooth & ~overflow & ~(np.abs(g - df) <= tol)
    assert not bad.any(), (
        f"{name} ({path}) gradient: {bad.sum()} points out of tolerance, e.g. x = {x[bad][:5]}, "
        f"got {g[bad][:5]}, reference {df[bad][:5]}"
    )
    if kinks.any():
        lr = ev.one_sided_derivatives(ref, x[kinks], params)
        lo, hi = np.minimum(lr[0], lr[1]), np.maximum(lr[0], lr[1])
        gk = g[kinks]
        ok = (gk >= lo - 1e-6 * np.abs(lo)) & (gk <= hi + 1e-6 * np.abs(hi))
        assert ok.all(), f"{name} ({path}): gradient at kinks {x[kinks][~ok]} is {gk[~ok]}, not in [{lo}, {hi}]"

    # NaN in, NaN out (every parameter set)
    yi, gi = y32[-3:], g32[-3:]
    assert np.isnan(yi[2]), f"{name} ({path}): NaN input gave {yi[2]}"
    # extreme finite inputs and ±inf: default parameters only, as in tests/test_catalogue.py (with
    # other parameters a·x may overflow where x does not, which the catalogue does not promise)
    if params:
        return
    # extreme finite inputs: accurate (subnormals may be read as ±0), no NaN gradient
    xe = tc.EXTREMES.astype(np.float64)
    fe, dfe, _ = ev.derivatives(ref, xe, params)
    ye, ge = y32[N_GRID:N_GRID + N_EXT], g32[N_GRID:N_GRID + N_EXT]
    subnormal = (np.abs(xe) > 0) & (np.abs(xe) < np.finfo(np.float32).tiny)
    as_zero = np.where(subnormal & (ye.astype(np.float64) == fe[0]), 0.0, xe)
    fe = np.where(as_zero == 0.0, fe[0], fe)
    tc._assert_close(name, as_zero, ye, fe, dfe, rtol=1e-6, eps=tc.EPS["float32"], fmax=tc.FMAX["float32"],
                     kink_mask=tc._at_kinks_params(ref, params, as_zero), what=f"{path} path, extreme inputs")
    assert not np.isnan(ge).any(), f"{name} ({path}): NaN gradient at x = {xe[np.isnan(ge)]}"

    # ±inf: the declared limits
    for end, (limit, dlimit) in enumerate(zip(ref.limits or (None, None), ref.derivative_limits or (None, None))):
        where = "-inf" if end == 0 else "+inf"
        if limit is not None:
            lim = float(limit)
            assert yi[end] == lim or abs(yi[end] - lim) <= 1e-6 * abs(lim), (
                f"{name} ({path})({where}) = {yi[end]}, expected the limit {lim}")
        if dlimit is not None:
            dl = float(dlimit)
            assert gi[end] == dl or abs(gi[end] - dl) <= 1e-5 * max(abs(dl), 1e-30), (
                f"{name} ({path})'({where}) = {gi[end]}, expected the limit {dl}")


@pytest.mark.parametrize("name", [pytest.param(s.name, id=s.name) for s in FAST
                                  if s.name in ("mish", "gelu", "silu", "softplus", "snake")])
@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_precision_fast_path(name, dtype):
    """Half types go through float32 on the fast path too: within 2 ulps, dtype kept."""
    spec = _registry.spec_of(name)
    np_type, mbits, min_exp = tc._half_info(dtype)
    xh = np.unique(tc.GRID.astype(np_type))
    xh = xh[np.isfinite(xh.astype(np.float64))]
    x = xh.astype(np.float64)
    expected = ev.values(REFERENCES[name], x).astype(np_type).astype(np.float64)
    y, _ = _run(spec.function, xh.astype(np.float32), dtype, grad=False)
    err = np.abs(y.astype(np.float64) - expected)
    tol = np.where(np.abs(expected) < 1e-30, 1e-30, 2 * tc._ulp(expected, mbits, min_exp))
    bad = ~((np.isinf(expected) & (y == expected)) | (err <= tol))
    assert not bad.any(), f"{name} {dtype}: beyond 2 ulps at x = {x[bad][:4]}: {y[bad][:4]} vs {expected[bad][:4]}"


def test_switch_selects_the_path():
    """set_fast_paths(False) bypasses the registered fast path; True uses it again."""
    spec = FAST[0]
    calls = []
    original = _registry._FAST_PATHS[spec.name][BACKEND]

    def spy(x, **params):
        calls.append(1)
        return original(x, **params)

    _registry._FAST_PATHS[spec.name][BACKEND] = spy
    try:
        x = keras.ops.convert_to_tensor(np.array([0.5, -1.0], dtype=np.float32))
        with _path("portable"):
            spec.function(x)
        assert not calls, "the portable switch did not bypass the fast path"
        with _path("fast"):
            spec.function(x)
        assert calls, "the fast path was not used with fast paths on"
    finally:
        _registry._FAST_PATHS[spec.name][BACKEND] = original


def test_tensor_parameters_take_the_portable_path():
    """Learnable layers pass weights as tensors: those calls must not reach a fast path."""
    fast_names = {s.name for s in FAST}
    choices = [(n, p) for n, p in (("snake", "frequency"), ("swish_beta", "beta")) if n in fast_names]
    assert choices, "snake or swish_beta should have a fast path on this backend"
    name, param = choices[0]
    spec = _registry.spec_of(name)
    calls = []
    original = _registry._FAST_PATHS[name][BACKEND]
    _registry._FAST_PATHS[name][BACKEND] = lambda x, **p: calls.append(1) or original(x, **p)
    try:
        x_np = np.array([0.5, -1.0, 3.0], dtype=np.float32)
        value = keras.ops.convert_to_tensor(np.float32(2.0))
        y = spec.function(keras.ops.convert_to_tensor(x_np), **{param: value})
        assert not calls, f"{name} with a tensor `{param}` went to the fast path"
        ref = ev.values(REFERENCES[name], x_np.astype(np.float64), {param: 2.0})
        np.testing.assert_allclose(to_numpy(y), ref, rtol=1e-6)
        spec.function(keras.ops.convert_to_tensor(x_np), **{param: 2.0})
        assert calls, f"{name} with a Python-number `{param}` did not take the fast path"
    finally:
        _registry._FAST_PATHS[name][BACKEND] = original


def test_portable_environment_variable(tmp_path):
    """KERAS_ACTIVATIONS_PORTABLE=1 before import starts with the fast paths off."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, KERAS_ACTIVATIONS_PORTABLE="1", KERAS_BACKEND=BACKEND)
    code = "import keras_activations as ka; print(ka.fast_paths_enabled())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("name,params", [
    ("softplus", {"threshold": True}), ("softplus", {"threshold": "20"}),
    ("srelu", {"t_left": 1.0, "t_right": -1.0}), ("rrelu", {"lower": 0.5, "upper": 0.1}),
    ("soft_shrink", {"lower": 1.0, "upper": -1.0}), ("hard_tanh", {"min_val": 1.0, "max_val": -1.0}),
    ("apl", {"a": [0.1, 0.2], "b": [0.5]}),
])
def test_fast_paths_keep_the_argument_checks(name, params):
    """Arguments that the portable definition rejects in its body (across parameters, or values its
    declaration lets through) are rejected with the fast paths on too: a native kernel must not
    compute with them (found: softplus(threshold=True) ran PyTorch's kernel with threshold 1)."""
    x = keras.ops.convert_to_tensor(np.linspace(-3.0, 3.0, 8, dtype=np.float32))
    with _path("fast"), pytest.raises(ValueError, match=name):
        getattr(ka, name)(x, **params)


_SWEEP_X = np.concatenate([np.linspace(-30.0, 30.0, 61), [-3e38, -1e30, -1e-30, 1e-30, 1e30, 3e38]]).astype(np.float32)


def _sweep_sets(spec):
    """The defaults, then each number parameter in turn at 1e-3, 0.5, 3, 100, 1e30 and -0.5 (values a
    parameter's range or the activation's checks reject are skipped by the caller)."""
    yield {}
    for p in spec.parameters:
        if isinstance(p.default, (int, float)) and not isinstance(p.default, bool):
            for value in (1e-3, 0.5, 3.0, 100.0, 1e30, -0.5):
                yield {p.name: value}


@pytest.mark.skipif(BACKEND == "tensorflow", reason="TensorFlow's fast paths run only inside graphs, one XLA "
                    "compilation per parameter set; their values are checked in test_values_and_gradients")
@pytest.mark.parametrize("name", [s.name for s in FAST])
def test_fast_and_portable_paths_agree_over_parameter_sets(name):
    """Both paths, eagerly, on −30…30 and on huge and tiny inputs, for the defaults and each number
    parameter at five values: the same values within a few float32 roundings, or the same error.
    (Found this way: smelu overflowing for β = 1e30 on the portable path, snake_beta NaN where α·x
    overflows, acon_c inf where d·x overflows on the PyTorch fast path.)"""
    spec = _registry.spec_of(name)
    x = keras.ops.convert_to_tensor(_SWEEP_X)
    eps = float(np.finfo(np.float32).eps)
    problems = []
    for params in _sweep_sets(spec):
        results = []
        for path in ("fast", "portable"):
            with _path(path):
                try:
                    results.append(to_numpy(spec.function(x, **params)).astype(np.float64))
                except ValueError as err:
                    results.append(type(err).__name__)
        fast, portable = results
        raised = [r if isinstance(r, str) else None for r in results]
        if any(raised):
            if raised[0] != raised[1]:
                problems.append(f"{params}: fast {raised[0] or 'computed'}, portable {raised[1] or 'computed'}")
            continue
        with np.errstate(all="ignore"):
            scale = np.maximum(np.abs(fast), np.abs(portable))
            close = (fast == portable) | (np.isnan(fast) & np.isnan(portable)) | (
                np.isfinite(scale) & (np.abs(fast - portable) <= 8 * eps * (scale + np.abs(_SWEEP_X) + 1e-30)))
        if not close.all():
            i = np.flatnonzero(~close)[:3]
            problems.append(f"{params}: at x = {_SWEEP_X[i]} fast {fast[i]}, portable {portable[i]}")
    assert not problems, f"{name}: " + "; ".join(problems)


# The fix-up branch is PyTorch's: JAX and TensorFlow fast paths have one formula for every input (there the
# parameter lists are empty, and pytest reports one skip for each test instead of one per activation).
TORCH_FAST = [s.name for s in FAST] if BACKEND == "torch" else []


@pytest.mark.parametrize("name", TORCH_FAST)
def test_torch_fix_up_path_agrees_with_the_scan_free_path(name, monkeypatch):
    """On CUDA (and under torch.compile) the PyTorch fast paths always take their fix-up branch, which
    the CPU takes only for inputs with ±inf, NaN or huge values: on ordinary inputs both branches must
    give the same values and gradients, for the defaults and each swept parameter set (the catalogue's
    tests see the fix-up branch on the default and one other set)."""
    from keras_activations import _fast_torch

    spec = _registry.spec_of(name)
    x_np = np.concatenate([np.linspace(-30.0, 30.0, 121), [-1e3, -1e-30, 1e-30, 1e3]]).astype(np.float32)
    eps = float(np.finfo(np.float32).eps)
    scan = _fast_torch._needs_fixup
    problems = []
    for params in _sweep_sets(spec):
        results = []
        for forced in (False, True):
            monkeypatch.setattr(_fast_torch, "_needs_fixup", (lambda v, bound=np.inf: True) if forced else scan)
            try:
                results.append(_run(lambda t: spec.function(t, **params), x_np, "float32", grad=True))
            except ValueError as err:
                results.append(type(err).__name__)
        if any(isinstance(r, str) for r in results):
            if results[0] != results[1]:
                problems.append(f"{params}: {results}")
            continue
        # snake's branches differ in formula: 1 + (a/b)·sin(2ax) and 1 + (2a/b)·sin(ax)·cos(ax) (2ax may
        # overflow where ax does not); where the derivative nears 0 they differ by an ulp of that 1, so
        # its gradients are held to 2 eps absolutely as well. Every other activation: relative only.
        grad_floor = 2 * eps if name in ("snake", "snake_beta") else 1e-30
        for what, a, b, floor in (("value", results[0][0], results[1][0], 1e-30),
                                  ("gradient", results[0][1], results[1][1], grad_floor)):
            a, b = a.astype(np.float64), b.astype(np.float64)
            with np.errstate(all="ignore"):
                scale = np.maximum(np.abs(a), np.abs(b))
                close = (a == b) | (np.isnan(a) & np.isnan(b)) | (
                    np.isfinite(scale) & (np.abs(a - b) <= 8 * eps * scale + floor))
            if not close.all():
                i = np.flatnonzero(~close)[:3]
                problems.append(f"{params} {what}: at x = {x_np[i]} scan-free {a[i]}, fix-up {b[i]}")
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name,params,limits", [
    ("swish_beta", {"beta": 1e-38}, ([0.0, np.inf], [0.0, 1.0])),
    ("acon_c", {"p1": 1.0, "p2": 0.0, "beta": 1e-38}, ([0.0, np.inf], [0.0, 1.0])),
    ("erfact", {"alpha": 1.0, "beta": 1e-38}, ([0.0, np.inf], [0.0, 1.0])),
    ("tanhsoft", {"alpha": 1e-38}, ([0.0, np.inf], [0.0, 1.0])),
] if BACKEND == "torch" else [])
def test_torch_fix_up_keeps_the_limits_for_tiny_scale_parameters(name, params, limits, monkeypatch):
    """The fix-up branch clamps ±inf to ±largest finite where a gate of scale·x has saturated there; with a
    scale so small that it has not (1e-38 · 3.4e38 = 3.4), it must still give the limits at ±inf."""
    from keras_activations import _fast_torch

    monkeypatch.setattr(_fast_torch, "_needs_fixup", lambda v, bound=np.inf: True)  # as on CUDA
    y, g = _run(lambda t: getattr(ka, name)(t, **params), np.array([-np.inf, np.inf], dtype=np.float32),
                "float32", grad=True)
    np.testing.assert_array_equal(y, limits[0])  # −0 at −inf compares equal to 0; a sign error does not
    np.testing.assert_allclose(g, limits[1], rtol=1e-6, atol=0)


# Inputs for second derivatives: off the usual kinks (0, ±1, ±3, ...), in the range where f'' is not tiny;
# then +inf and −inf, which send PyTorch's natively served paths (silu, mish, ...) through their Function.
_D2_X = np.linspace(-5.0, 5.0, 41) + 0.0123
_D2_TAIL = np.array([np.inf, -np.inf])


def _second_derivative(fn, x_array):
    """d²/dx² of (x² + 1)·fn(x) for an elementwise ``fn``, by differentiating its gradient again, in float64,
    compiled the way training runs it (jax.jit, tf.function; PyTorch eagerly with ``create_graph=True``,
    what a gradient penalty or a Hessian-vector product does). The weight makes the upstream gradient of
    ``fn`` depend on x, so the derivative of backward with respect to dy is checked too."""
    weighted = lambda v: (v * v + 1.0) * fn(v)  # noqa: E731
    if BACKEND == "jax":
        import jax

        first = jax.grad(lambda v: weighted(v).sum())
        return to_numpy(jax.jit(jax.grad(lambda v: first(v).sum()))(jax.numpy.asarray(x_array)))
    if BACKEND == "tensorflow":
        import tensorflow as tf

        @tf.function
        def second(v):
            with tf.GradientTape() as outer:
                outer.watch(v)
                with tf.GradientTape() as inner:
                    inner.watch(v)
                    y = weighted(v)
                g = inner.gradient(y, v)
            return outer.gradient(g, v)  # never None: the weight makes g depend on v

        return to_numpy(second(tf.constant(x_array, dtype="float64")))
    import torch

    x = torch.tensor(x_array, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(weighted(x).sum(), x, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), x)
    return to_numpy(h)


@pytest.mark.parametrize("name", [pytest.param(s.name, id=s.name) for s in FAST])
def test_fast_path_second_derivatives_match_the_reference(name):
    """A gradient of the gradient (gradient penalties, Hessian-vector products) goes through each fast path
    and gives the second derivative of the float64 reference. PyTorch's in-place and ``*_backward`` kernels
    cannot be differentiated again, so there the recorded backward takes differentiable ops (found: 62 of
    the 93 PyTorch fast paths failed this test before)."""
    spec = _registry.spec_of(name)
    ref = REFERENCES[name]
    params = ref.param_sets[0]
    fn = lambda t: spec.function(t, **params)  # noqa: E731
    away = np.ones(_D2_X.shape, dtype=bool)
    for k in tc._kinks_for(ref, params):
        away &= np.abs(_D2_X - float(k)) > 1e-3
    x = _D2_X[away]
    batch = np.concatenate([x, _D2_TAIL])
    if BACKEND == "torch" and name == "hard_sigmoid":
        # PyTorch's own hardsigmoid (the native kernel taken here, and Keras's hard_sigmoid on PyTorch)
        # has no second derivative (docs/compatibility.md); the portable path has one.
        with pytest.raises(RuntimeError, match="hardsigmoid_backward is not implemented"):
            _second_derivative(fn, batch)
        with _path("portable"):
            h = _second_derivative(fn, batch)[: len(x)]
    else:
        h = _second_derivative(fn, batch)[: len(x)]
    f, df, d2f = ev.derivatives(ref, x, params)
    expected = 2.0 * f + 4.0 * x * df + (x * x + 1.0) * d2f  # d²/dx² [(x² + 1)·f(x)]
    # Keras 3 computes float64 in float32 on JAX (see test_values): there f'' has float32's precision,
    # and its terms cancel where it is small (tanh_exp: −2.5e-4 at x = 2, from terms near 1)
    tol = (1e-4 if BACKEND == "jax" else 1e-9) * np.maximum(1.0, np.abs(expected))
    bad = ~(np.abs(h - expected) <= tol)
    assert not bad.any(), (f"{name}: second derivative at x = {x[bad][:4]} is {h[bad][:4]}, "
                           f"the reference {expected[bad][:4]}")
