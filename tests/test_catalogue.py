"""Every elementwise activation of the registry against its independent reference.

Parametrised over the registry, so an activation is tested the moment it is
registered: values (float32, float64, float16, bfloat16), gradients, extreme
inputs, declared limits, declared properties (both ways), parameter sets.

Tolerances (float32): 1e-6 relative to the float64 reference, plus the output
change that one rounding of the input to the working precision causes
(2 unit roundoffs · |x·f'(x)|: the rounding of an intermediate argument and
the library function's own): no float32 implementation that rounds an intermediate
argument (a·x, x/α, ...) can do better near a root at x ≠ 0 or where the
function is steep, and it is far below 1e-6·|f| wherever the function is
well-conditioned. Where the true value is below 1e-30 an absolute error of
1e-30 is accepted. Gradients: 1e-5 relative (to |f'| + |f|/max(1, |x|)) plus
the same input-rounding term for f'.
"""

from __future__ import annotations

import math

import keras
import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _registry
from tests.conftest import BACKEND, to_numpy, value_and_grad
from tests.reference import REFERENCES
from tests.reference import _evaluate as ev

ELEMENTWISE = [s for s in _registry.all_specs() if s.kind == "elementwise"]
# two unit roundoffs: the rounding of an intermediate argument (x/sqrt2, a*x) and the library
# function's own rounding of its argument reduction
EPS = {"float32": 2.0**-23, "float64": 2.0**-52}
FMAX = {"float32": float(np.finfo(np.float32).max), "float64": float(np.finfo(np.float64).max)}


def _grid() -> np.ndarray:
    dense = np.linspace(-20, 20, 2001, dtype=np.float32)
    logs = np.logspace(-30, 4, 69, dtype=np.float32)
    return np.unique(np.concatenate([dense, logs, -logs]))


GRID = _grid()
EXTREMES = np.array(
    [0.0, -0.0, 1e-45, -1e-45, 1.1754944e-38, -1.1754944e-38,
     np.finfo(np.float32).max, -np.finfo(np.float32).max],
    dtype=np.float32,
)


def _cases():
    cases = []
    for spec in ELEMENTWISE:
        ref = REFERENCES.get(spec.name)
        sets = ref.param_sets if ref else ({},)
        for i, params in enumerate(sets):
            label = spec.name if i == 0 else f"{spec.name}-p{i}"
            cases.append(pytest.param(spec.name, params, id=label, marks=pytest.mark.xdist_group(spec.name)))
    return cases


CASES = _cases()
# All tests of one activation run on the same xdist worker, so its references are computed once.
NAMES = [pytest.param(s.name, id=s.name, marks=pytest.mark.xdist_group(s.name)) for s in ELEMENTWISE]


def _ref(name):
    ref = REFERENCES.get(name)
    if ref is None:
        pytest.fail(f"{name} has no float64 reference in tests/reference/")
    return ref


def _kinks_for(ref, params):
    """Kinks may depend on parameters (a threshold): the reference may give a callable."""
    return ref.kinks(params) if callable(ref.kinks) else ref.kinks


def _assert_close(name, x, y, f, df, *, rtol, eps, fmax, kink_mask, what):
    """Check y against f with the tolerance explained in the module docstring."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    undefined = np.isnan(f)
    assert not undefined.any(), f"{name}: reference is NaN at x = {x[undefined][:5]} ({what})"
    overflow = np.abs(f) > fmax
    expected_inf = np.where(overflow, np.copysign(np.inf, f), f)
    bad_inf = overflow & (y != expected_inf)
    cond = np.where(kink_mask | ~np.isfinite(df), 0.0, eps * np.abs(x * df))
    tol = rtol * np.abs(f) + cond
    tol = np.where(np.abs(f) < 1e-30, np.maximum(tol, 1e-30), tol)
    with np.errstate(invalid="ignore"):
        err = np.abs(y - f)
    bad = (~overflow & ~(err <= tol)) | bad_inf
    if bad.any():
        i = np.flatnonzero(bad)
        worst = i[np.argmax(np.where(np.isfinite(err[i]), err[i] / np.maximum(tol[i], 1e-300), np.inf))]
        raise AssertionError(
            f"{name} ({what}): {bad.sum()} of {len(x)} points out of tolerance; worst at x = {x[worst]!r}: "
            f"got {y[worst]!r}, reference {f[worst]!r}, error {err[worst]:.3g} > tolerance {tol[worst]:.3g}; "
            f"first bad x: {x[i][:6]}"
        )


@pytest.mark.parametrize("name,params", CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_values(name, params, dtype):
    ref = _ref(name)
    spec = _registry.spec_of(name)
    x = GRID.astype(np.float64)
    f, df, _ = ev.derivatives(ref, x, params)
    y = to_numpy(spec.function(keras.ops.convert_to_tensor(GRID.astype(dtype)), **params))
    assert y.dtype == np.dtype(dtype), f"{name}: output dtype {y.dtype}, expected {dtype}"
    precision = dtype
    if dtype == "float64" and BACKEND == "jax":
        # Keras 3 computes float64 in float32 on JAX: keras.ops.sin, tanh, ... of a float64 tensor
        # return float32 (keras/src/backend/common/dtypes.py, BIT64_TO_BIT32_DTYPE "to be aligned
        # with JAX's default"). The dtype is kept; the accuracy there is float32's.
        precision = "float32"
    _assert_close(name, x, y, f, df, rtol=1e-6 if precision == "float32" else 1e-10, eps=EPS[precision],
                  fmax=FMAX[dtype], kink_mask=_at_kinks_params(ref, params, x), what=f"{dtype} values")


def _at_kinks_params(ref, params, x):
    mask = np.zeros(x.shape, dtype=bool)
    for k in _kinks_for(ref, params):
        mask |= x == np.float64(k)
    return mask


def _half_info(dtype):
    if dtype == "float16":
        return np.float16, 10, -14
    import ml_dtypes

    return ml_dtypes.bfloat16, 7, -126


def _ulp(values, mantissa_bits, min_exp):
    a = np.abs(values)
    with np.errstate(divide="ignore"):
        e = np.floor(np.log2(np.where(a > 0, a, 1.0)))
    e = np.maximum(e, min_exp)
    return np.exp2(e - mantissa_bits)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_precision(name, dtype):
    """Half types: within 2 units in the last place of the float64 value rounded to that type."""
    ref = _ref(name)
    spec = _registry.spec_of(name)
    np_type, mbits, min_exp = _half_info(dtype)
    xh = np.unique(GRID.astype(np_type))
    xh = xh[np.isfinite(xh.astype(np.float64))]
    x = xh.astype(np.float64)
    f = ev.values(ref, x)
    expected = f.astype(np_type).astype(np.float64)
    y_t = spec.function(keras.ops.convert_to_tensor(xh.astype(np.float32), dtype=dtype))
    assert keras.backend.standardize_dtype(y_t.dtype) == dtype, f"{name}: half dtype not preserved"
    y = to_numpy(y_t).astype(np.float64)
    both_inf = np.isinf(expected) & (y == expected)
    err = np.abs(y - expected)
    tol = 2 * _ulp(expected, mbits, min_exp)
    # as for float32: where the true value is below 1e-30 an absolute error of 1e-30 is accepted
    # (float32 intermediates that small may be flushed to zero, FTZ on XLA's CPU)
    tol = np.where(np.abs(expected) < 1e-30, np.maximum(tol, 1e-30), tol)
    bad = ~both_inf & ~(err <= tol)
    assert not bad.any(), (
        f"{name} {dtype}: {bad.sum()} points beyond 2 ulps, e.g. x = {x[bad][:4]}, got {y[bad][:4]}, "
        f"expected {expected[bad][:4]}"
    )


@pytest.mark.parametrize("name,params", CASES)
def test_gradients(name, params):
    ref = _ref(name)
    spec = _registry.spec_of(name)
    x = GRID.astype(np.float64)
    f, df, d2f = ev.derivatives(ref, x, params)
    _, g = value_and_grad(lambda t: spec.function(t, **params), GRID, "float32")
    g = g.astype(np.float64)
    kinks = _at_kinks_params(ref, params, x)
    assert not np.isnan(g[~np.isnan(df)]).any(), f"{name}: NaN gradient at x = {x[np.isnan(g)][:6]}"
    singular = np.isin(x, np.asarray(ref.singular, dtype=np.float64))
    if singular.any():
        # the derivative is infinite there: mpmath's finite step gives an arbitrary huge number, and
        # a float32 gradient can only be huge (or inf) and of the derivative's sign, never NaN
        assert np.all(np.abs(g[singular]) > 1e6) and np.all(np.sign(g[singular]) == np.sign(df[singular])), (
            f"{name}: gradient at the singular points {x[singular]} is {g[singular]}"
        )
    smooth = ~kinks & ~singular & np.isfinite(df)
    scale = np.abs(df) + np.abs(f) / np.maximum(1.0, np.abs(x))
    cond = EPS["float32"] * np.abs(x * np.where(np.isfinite(d2f), d2f, 0.0))
    tol = 1e-5 * scale + cond
    tol = np.where(np.abs(df) < 1e-30, np.maximum(tol, 1e-30), tol)
    # where f overflows float32 the gradient may too
    overflow = np.abs(f) > FMAX["float32"]
    err = np.abs(g - df)
    bad = smooth & ~overflow & ~(err <= tol) & ~(np.abs(df) > FMAX["float32"])
    if bad.any():
        i = np.flatnonzero(bad)
        raise AssertionError(
            f"{name} gradient: {bad.sum()} points out of tolerance, e.g. x = {x[i][:5]}, got {g[i][:5]}, "
            f"reference {df[i][:5]}"
        )
    if kinks.any():
        lr = ev.one_sided_derivatives(ref, x[kinks], params)
        lo, hi = np.minimum(lr[0], lr[1]), np.maximum(lr[0], lr[1])
        gk = g[kinks]
        ok = (gk >= lo - 1e-6 * np.abs(lo)) & (gk <= hi + 1e-6 * np.abs(hi))
        assert ok.all(), (
            f"{name}: gradient at kinks x = {x[kinks][~ok]} is {gk[~ok]}, outside the one-sided "
            f"derivatives [{lo[~ok]}, {hi[~ok]}]"
        )


@pytest.mark.parametrize("name", NAMES)
def test_extreme_inputs(name):
    """±0, subnormals, ±largest finite: accurate; ±inf: the limits; NaN in, NaN out; no NaN gradient."""
    ref = _ref(name)
    spec = _registry.spec_of(name)
    assert ref.limits is not None and len(ref.limits) == 2, f"{name}: reference must declare limits"
    assert ref.derivative_limits is not None and len(ref.derivative_limits) == 2, (
        f"{name}: reference must declare derivative_limits (None for an end without a limit)"
    )
    x = EXTREMES.astype(np.float64)
    f, df, _ = ev.derivatives(ref, x)
    y, g = value_and_grad(spec.function, EXTREMES, "float32")
    # Subnormal inputs may be read as ±0 (denormals-are-zero on XLA's CPU): accept f(±0) there.
    subnormal = (np.abs(x) > 0) & (np.abs(x) < np.finfo(np.float32).tiny)
    as_zero = np.where(subnormal & (y.astype(np.float64) == f[0]), 0.0, x)
    f = np.where(as_zero == 0.0, f[0], f)
    _assert_close(name, as_zero, y, f, df, rtol=1e-6, eps=EPS["float32"], fmax=FMAX["float32"],
                  kink_mask=_at_kinks_params(ref, {}, as_zero), what="extreme finite inputs")
    assert not np.isnan(g).any(), f"{name}: NaN gradient at x = {x[np.isnan(g)]}"

    infs = np.array([-np.inf, np.inf, np.nan], dtype=np.float32)
    y, g = value_and_grad(spec.function, infs, "float32")
    assert np.isnan(y[2]), f"{name}: NaN input gave {y[2]}, expected NaN"
    for end, (limit, dlimit) in enumerate(zip(ref.limits, ref.derivative_limits)):
        where = "-inf" if end == 0 else "+inf"
        if limit is not None:
            lim = float(limit)
            ok = y[end] == lim or abs(y[end] - lim) <= 1e-6 * abs(lim)
            assert ok, f"{name}({where}) = {y[end]}, expected the limit {lim}"
        if dlimit is not None:
            dl = float(dlimit)
            ok = g[end] == dl or abs(g[end] - dl) <= 1e-5 * max(abs(dl), 1e-30)
            assert ok, f"{name}'({where}) = {g[end]}, expected the limit {dl}"


def _reference_curve(ref):
    x = np.unique(np.concatenate([GRID.astype(np.float64), np.linspace(-3, 3, 601)]))
    return x, ev.values(ref, x)


@pytest.mark.parametrize("name", NAMES)
def test_declared_properties(name):
    """Declared properties hold for the reference AND the implementation; undeclared ones do not hold."""
    ref = _ref(name)
    spec = _registry.spec_of(name)
    x, f = _reference_curve(ref)
    y = to_numpy(spec.function(keras.ops.convert_to_tensor(x.astype(np.float32)))).astype(np.float64)
    props = spec.properties

    def non_decreasing(v, rtol):
        with np.errstate(invalid="ignore"):  # inf - inf where both ends overflow
            return np.all((v[1:] == v[:-1]) | (np.diff(v) >= -rtol * (np.abs(v[1:]) + np.abs(v[:-1]) + 1e-300)))

    increasing = non_decreasing(f, 1e-12)
    assert increasing == ("monotonic" in props), (
        f"{name}: the reference is {'' if increasing else 'not '}monotonic non-decreasing on the grid, "
        f"but 'monotonic' is {'not ' if 'monotonic' not in props else ''}declared"
    )
    if "monotonic" in props:
        assert non_decreasing(y, 2e-6), f"{name}: implementation not monotonic"

    zero = float(ev.values(ref, np.array([0.0]))[0])
    assert (zero == 0.0) == ("zero_at_zero" in props), f"{name}: f(0) = {zero}, check 'zero_at_zero'"
    if "zero_at_zero" in props:
        assert float(to_numpy(spec.function(keras.ops.zeros((1,))))[0]) == 0.0, f"{name}: implementation f(0) != 0"

    fneg = ev.values(ref, -x)
    odd = np.allclose(fneg, -f, rtol=1e-12, atol=1e-300, equal_nan=True)
    assert odd == ("odd" in props), f"{name}: the reference is {'' if odd else 'not '}odd; check 'odd'"

    lo, hi = spec.output_range
    finite_f = f[np.isfinite(f)]
    assert finite_f.min() >= lo - 1e-9 * max(1, abs(lo)) and finite_f.max() <= hi + 1e-9 * max(1, abs(hi)), (
        f"{name}: reference range [{finite_f.min()}, {finite_f.max()}] outside declared [{lo}, {hi}]"
    )
    finite_y = y[np.isfinite(y)]
    assert finite_y.min() >= lo - 1e-6 * max(1, abs(lo)) and finite_y.max() <= hi + 1e-6 * max(1, abs(hi)), (
        f"{name}: implementation range [{finite_y.min()}, {finite_y.max()}] outside declared [{lo}, {hi}]"
    )
    extremes = [float(v) for v in (ref.limits or ()) if v is not None]
    reach_lo = min([finite_f.min()] + extremes)
    reach_hi = max([finite_f.max()] + extremes)
    if math.isfinite(lo):
        assert reach_lo <= lo + 1e-3 * max(1, abs(lo)), f"{name}: declared lower bound {lo} is not tight ({reach_lo})"
    if math.isfinite(hi):
        assert reach_hi >= hi - 1e-3 * max(1, abs(hi)), f"{name}: declared upper bound {hi} is not tight ({reach_hi})"

    kinks = [float(k) for k in _kinks_for(ref, {})]
    if "smooth" in props:
        assert not kinks, f"{name}: declared smooth but its reference lists kinks {kinks}"
    jumps = []
    for k in kinks:
        left, right = ev.values(ref, np.array([k - 1e-9 * max(1, abs(k)), k + 1e-9 * max(1, abs(k))]))
        jumps.append(abs(right - left) > 1e-6 * max(1.0, abs(left)))
    continuous = not any(jumps)
    assert continuous == ("continuous" in props), f"{name}: continuity at kinks {kinks} disagrees with declaration"


def test_every_elementwise_activation_has_a_reference():
    missing = [s.name for s in ELEMENTWISE if s.name not in REFERENCES]
    assert not missing, f"activations without a float64 reference in tests/reference/: {missing}"


def test_every_reference_names_a_registered_activation():
    names = {s.name for s in _registry.all_specs()}
    orphans = sorted(set(REFERENCES) - names)
    assert not orphans, f"references for unregistered activations: {orphans}"


@pytest.mark.parametrize("name", NAMES)
def test_integer_input_is_cast_to_floatx(name):
    spec = _registry.spec_of(name)
    y = spec.function(keras.ops.convert_to_tensor(np.array([-2, 0, 3], dtype=np.int32)))
    assert keras.backend.standardize_dtype(y.dtype) == keras.config.floatx()


def test_reference_harness_catches_a_wrong_function():
    """The value check must fail for a function that is off by 1e-5 relative."""
    ref = REFERENCES["silu"]
    x = GRID.astype(np.float64)
    f, df, _ = ev.derivatives(ref, x)
    with pytest.raises(AssertionError):
        _assert_close("silu*(1+1e-5)", x, f * (1 + 1e-5), f, df, rtol=1e-6, eps=EPS["float32"],
                      fmax=FMAX["float32"], kink_mask=np.zeros_like(x, dtype=bool), what="self-test")


def test_backend_is_the_requested_one():
    import os

    assert BACKEND == os.environ.get("KERAS_BACKEND", BACKEND)
    assert ka.list_activations()
