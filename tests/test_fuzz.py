"""Property-based fuzzing of every activation and every layer (hypothesis).

For random shapes, dtypes (float16, bfloat16, float32, float64), values (±inf, NaN,
±0, huge, subnormal, ordinary) and valid hyper-parameters, each activation and
its layer must not raise, must keep the shape (or change it as its kind says)
and the dtype, and may give NaN only from NaN, or at ±inf where the function has
no limit there (the limits declared in tests/reference, for the default
parameters). Invalid hyper-parameters must raise the documented ``ValueError``.

The runs are derandomised (the same examples every run, so CI is stable); set
``KA_FUZZ_EXAMPLES=200`` (and ``KA_FUZZ_RANDOM=1``) to search harder locally.
"""

from __future__ import annotations

import math
import os

import keras
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from keras_activations import _registry, catalogue
from tests.conftest import BACKEND, to_numpy
from tests.reference import REFERENCES

SPECS = _registry.all_specs()
NAMES = [s.name for s in SPECS]
DTYPES = ("float16", "bfloat16", "float32", "float64")
EXAMPLES = int(os.environ.get("KA_FUZZ_EXAMPLES", "2"))


def _settings(examples):
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=os.environ.get("KA_FUZZ_RANDOM", "0") != "1",
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


FUZZ = _settings(EXAMPLES)
FUZZ_LAYERS = _settings(EXAMPLES)

SPECIAL_VALUES = (
    0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 1e-45, -1e-45, 1e-40, -1e-40, 1e-310, 1e-8, -1e-8,
    3.0e38, -3.0e38, 1.7e308, -1.7e308, 65504.0, -65504.0, 1e4, -1e4, 88.7, -88.7, 710.0, -710.0,
)
values = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-30.0, 30.0),
)


#: Bugs the fuzzer found (and that were fixed): each input that showed one is replayed
#: deterministically on every backend, since a random search may or may not hit it again.
#: (test, activation): sinlu's b·x overflowing to inf for huge finite x; SMU(dtype="float16") with
#: μ = 1e6 overflowing a float16 weight; coslu and Snake of float64 on JAX, where Keras 3.15
#: computes ops.sin/ops.cos in float32 (beyond 3.4e38 the argument was inf, the result NaN).
FUZZ_FOUND = (("function", "sinlu"), ("layer", "smu"), ("function", "coslu"), ("layer", "coslu"),
              ("layer", "snake"), ("function", "snake"))


def _params(test: str):
    return [pytest.param(name, id=name) for name in NAMES]


def _reproduce(test, name):
    """The result of the input that showed each bug the fuzzer found."""
    spec = _registry.spec_of(name)
    if (test, name) == ("function", "sinlu"):
        x = keras.ops.cast(keras.ops.convert_to_tensor(np.array([3e38, 1.0], np.float32)), "bfloat16")
        return spec.function(x, b=2.0)
    if (test, name) == ("layer", "smu"):
        return spec.layer(dtype="float16")(keras.ops.convert_to_tensor(np.zeros(2, np.float16)))
    x = keras.ops.convert_to_tensor(np.array([1.7e308, 1e300], np.float64))
    return spec.function(x) if test == "function" else spec.layer(dtype="float64")(x)


@pytest.mark.parametrize("test,name", [pytest.param(t, n, id=f"{t}-{n}") for t, n in FUZZ_FOUND])
def test_bug_found_by_fuzzing_stays_fixed(test, name):
    """Finite input, finite (non-NaN) result."""
    y = _numpy(_reproduce(test, name))
    assert not np.isnan(y).any(), f"{test} {name}: NaN from finite input: {y}"


def _is_number_parameter(p) -> bool:
    return p.choices is None and isinstance(p.default, (int, float)) and not isinstance(p.default, bool)


def _fuzzable(spec):
    """Parameters the fuzzer varies: numbers with a range and finite choices (not axis/units)."""
    return [p for p in spec.parameters if p.name not in ("axis", "num_units", "mask")
            and (p.choices is not None or _is_number_parameter(p))]


def _valid_value(p):
    """A strategy for a valid, moderate value of parameter ``p``: in its range, |value| ≤ 10 and
    either 0 or ≥ 1e-6 (values that underflow float32, the compute type, are left out)."""
    if p.choices is not None:
        return st.sampled_from(p.choices)
    lo = -10.0 if p.minimum is None else max(float(p.minimum), -10.0)
    hi = 10.0 if p.maximum is None else min(float(p.maximum), 10.0)
    if lo > hi:
        lo, hi = float(p.minimum), float(p.maximum)
    if not isinstance(p.default, int):
        floats = st.floats(lo, hi, exclude_min=p.exclusive_minimum and p.minimum == lo,
                           exclude_max=p.exclusive_maximum and p.maximum == hi, allow_nan=False)
        return floats.filter(lambda v: v == 0.0 or abs(v) >= 1e-6)
    if isinstance(p.default, int):
        ilo, ihi = math.ceil(lo), math.floor(hi)
        if p.exclusive_minimum and ilo == p.minimum:
            ilo += 1
        if p.exclusive_maximum and ihi == p.maximum:
            ihi -= 1
        return st.integers(ilo, max(ilo, ihi))
    return st.floats(lo, hi, exclude_min=p.exclusive_minimum and p.minimum == lo,
                     exclude_max=p.exclusive_maximum and p.maximum == hi, allow_nan=False)


# A few shapes, so that the backends' per-shape compilation caches are shared across
# examples and activations (random shapes would recompile every operator every time).
FUNCTION_SHAPES = ((), (5,), (2, 4), (2, 2, 4))
LAYER_SHAPES = ((2, 4), (3, 2, 4))


def _shape(spec, draw):
    shapes = FUNCTION_SHAPES if spec.kind == "elementwise" else FUNCTION_SHAPES[2:]  # even last axis
    return draw(st.sampled_from(shapes), label="shape")


def _tensor(array, dtype):
    if dtype == "bfloat16":
        return keras.ops.cast(keras.ops.convert_to_tensor(array.astype(np.float32)), "bfloat16")
    with np.errstate(over="ignore"):
        return keras.ops.convert_to_tensor(array.astype(dtype))


def _numpy(tensor):
    """float64 numpy values of a tensor (via float32 for half types: Keras cannot convert a
    0-d bfloat16 TensorFlow tensor to numpy directly)."""
    if keras.backend.standardize_dtype(tensor.dtype) in ("float16", "bfloat16"):
        tensor = keras.ops.cast(tensor, "float32")
    return to_numpy(tensor).astype(np.float64)


def _as_float64(array, dtype):
    """What the tensor of ``dtype`` holds (huge values overflow to inf, tiny ones flush)."""
    return _numpy(_tensor(array, dtype))


def _nan_allowed(spec, x, params_are_default) -> np.ndarray:
    """Where an elementwise output may be NaN: NaN inputs, and ±inf where no limit is declared."""
    allowed = np.isnan(x)
    ref = REFERENCES.get(spec.name)
    limits = ref.limits if (ref is not None and params_are_default) else None
    lo_ok = limits is not None and limits[0] is not None
    hi_ok = limits is not None and limits[1] is not None
    allowed |= (x == -np.inf) & (not lo_ok)
    allowed |= (x == np.inf) & (not hi_ok)
    if ref is not None and params_are_default:
        lo, hi = (float(v) for v in ref.domain)
        with np.errstate(invalid="ignore"):
            allowed |= (x < lo) | (x > hi)
    return allowed


def _call_kwargs(spec, shape):
    kwargs = {}
    if spec.defaults.get("num_units", 0) is None:
        kwargs["num_units"] = shape[-1] // 2
    return kwargs


def _check_output(spec, x, y, dtype, expected_shape, params_are_default, where):
    got = _numpy(y)
    assert tuple(got.shape) == tuple(expected_shape), f"{where}: shape {got.shape}, expected {expected_shape}"
    assert keras.backend.standardize_dtype(y.dtype) == dtype, f"{where}: dtype {y.dtype}, expected {dtype}"
    if spec.kind == "elementwise":
        bad = np.isnan(got) & ~_nan_allowed(spec, x, params_are_default)
        assert not bad.any(), f"{where}: NaN from x = {x[bad][:5]}"
        assert np.isnan(got[np.isnan(x)]).all(), f"{where}: NaN input did not give NaN"
    elif np.isfinite(x).all():
        assert not np.isnan(got).any(), f"{where}: NaN from all-finite input {x.reshape(-1)[:8]}"


@pytest.mark.parametrize("name", _params("function"))
@FUZZ
@given(data=st.data())
def test_function_fuzz(name, data):
    spec = _registry.spec_of(name)
    dtype = data.draw(st.sampled_from(DTYPES), label="dtype")
    shape = _shape(spec, data.draw)
    array = np.array(data.draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))),
                     dtype=np.float64).reshape(shape)
    params = {}
    for p in _fuzzable(spec):
        if data.draw(st.booleans(), label=f"vary {p.name}"):
            params[p.name] = data.draw(_valid_value(p), label=p.name)
    params_are_default = all(params[k] == spec.defaults[k] for k in params)
    params.update(_call_kwargs(spec, shape))
    x = _as_float64(array, dtype)
    try:
        y = spec.function(_tensor(array, dtype), **params)
    except ValueError as error:
        # Individually valid values can break a documented joint constraint (lower < upper).
        assert any(p in str(error) for p in params), f"{name}{params}: undocumented error {error}"
        assume(False)
    expected = tuple(shape)
    if spec.kind == "gated":
        expected = expected[:-1] + (expected[-1] // 2,)
    elif spec.kind == "shape":
        expected = tuple(spec.layer(**_call_kwargs(spec, shape)).compute_output_shape((None,) + shape[1:])[1:])
        expected = (shape[0],) + expected
    _check_output(spec, x, y, dtype, expected, params_are_default, f"{name}({dtype}, {params})")


@pytest.mark.parametrize("name", _params("layer"))
@FUZZ_LAYERS
@given(data=st.data())
def test_layer_fuzz(name, data):
    """The layer of each activation, built for the drawn dtype, in inference and in training."""
    spec = _registry.spec_of(name)
    dtype = data.draw(st.sampled_from(DTYPES), label="dtype")
    shape = data.draw(st.sampled_from(LAYER_SHAPES), label="shape")
    array = np.array(data.draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))),
                     dtype=np.float64).reshape(shape)
    params = dict(_call_kwargs(spec, shape))
    learnable = catalogue.is_learnable(spec)
    if not learnable and issubclass(spec.layer, _base_layer()):
        for p in _fuzzable(spec):
            if data.draw(st.booleans(), label=f"vary {p.name}"):
                params[p.name] = data.draw(_valid_value(p), label=p.name)
    try:
        layer = spec.layer(dtype=dtype, **params)
    except ValueError as error:
        assert any(p in str(error) for p in params), f"{spec.layer.__name__}{params}: undocumented error {error}"
        assume(False)
    training = data.draw(st.booleans(), label="training")
    y = layer(_tensor(array, dtype), training=training)
    expected = tuple(layer.compute_output_shape(shape))
    defaults = all(params.get(k, v) == v for k, v in spec.defaults.items()) and not (
        spec.family == "stochastic" and training)
    _check_output(spec, _as_float64(array, dtype), y, dtype, expected, defaults and not learnable,
                  f"{spec.layer.__name__}({dtype}, {params}, training={training})")


def _base_layer():
    from keras_activations.layers import ActivationLayer

    return ActivationLayer


# ----------------------------------------------------------------------------- error messages

#: Words that show a message states what was expected, and words that tell how to fix it.
EXPECTATION_WORDS = ("must", "expect", "one of", "valid", "should", "only", "need", "require", "cannot",
                     "not supported", "allowed", "is not", "are not", "no longer", "unknown", "out of range",
                     "range", "at least", "at most")
FIX_WORDS = ("use ", "pass ", "choose", "add ", "cast", "set ", "install", "call ", "run ", "remove", "rename",
             "give", "provide", "instead", "list ", "try", "import", "did you mean", "keep", "select", "pick",
             "drop", "omit", "see ", "check", "clean", "declare", "register", "report")


def _invalid_values(p):
    if p.choices is not None:
        return ["no-such-choice"]
    if not _is_number_parameter(p):
        return []
    bad = [math.nan, "abc"]
    if p.minimum is not None:
        bad.append(p.minimum if p.exclusive_minimum else p.minimum - 1)
    if p.maximum is not None:
        bad.append(p.maximum if p.exclusive_maximum else p.maximum + 1)
    return bad


@pytest.mark.parametrize("name", NAMES)
def test_invalid_parameters_raise_errors_that_say_what_and_how(name):
    """An out-of-range, NaN, non-numeric or unknown-choice hyper-parameter, given to the function
    or to its stateless layer, raises ValueError naming the parameter, the value received,
    the valid range and what to do."""
    spec = _registry.spec_of(name)
    x = keras.ops.ones((2, 4))
    generated = issubclass(spec.layer, _base_layer()) and not catalogue.is_learnable(spec)
    problems = []
    for p in spec.parameters:
        for bad in _invalid_values(p):
            calls = [("function", lambda: spec.function(x, **{p.name: bad}))]
            if generated:
                calls.append(("layer", lambda: spec.layer(**{p.name: bad})))
            for where, call in calls:
                try:
                    call()
                except ValueError as error:
                    text = str(error)
                    missing = [what for what, ok in (
                        ("the parameter name", p.name in text),
                        ("the value received", repr(bad) in text or str(bad) in text),
                        ("the valid range", p.range_text() in text),
                        ("how to fix it", any(w in text.lower() for w in FIX_WORDS)),
                    ) if not ok]
                    if missing:
                        problems.append(f"{where} {p.name}={bad!r}: message lacks {missing}: {text!r}")
                else:
                    problems.append(f"{where} {p.name}={bad!r}: no ValueError")
    assert not problems, f"{name}: " + "; ".join(problems)


def test_unknown_keyword_and_name_errors():
    spec = SPECS[0]
    with pytest.raises(TypeError) as info:
        spec.function(keras.ops.ones((2,)), no_such_parameter=1.0)
    assert "no_such_parameter" in str(info.value) and "parameters" in str(info.value)
    close = SPECS[-1].name[:-1] + "x"  # a typo of a registered name
    with pytest.raises(ValueError) as info:
        _registry.spec_of(close)
    text = str(info.value)
    assert close in text and "list_activations" in text, text
    import keras_activations as ka

    with pytest.raises(TypeError) as info:
        ka.get(12345)
    assert "12345" in str(info.value) and "expected" in str(info.value)
    with pytest.raises(TypeError) as info:
        ka.relu(np.array([1 + 1j], dtype=np.complex64))
    assert "complex64" in str(info.value) and "cast" in str(info.value).lower()


def _raise_sites():
    """Every ``raise ValueError(...)`` / ``raise TypeError(...)`` in the package, with its message text."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "keras_activations"

    def text(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value, False
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append(str(v.value))
                elif isinstance(v.value, ast.Name) and v.value.id in ("error", "err", "exc", "e"):
                    parts.append("{embedded error: must}")  # another error's (checked) message
                else:
                    parts.append("{}")
            return "".join(parts), any(not isinstance(v, ast.Constant) for v in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            (a, da), (b, db) = text(node.left), text(node.right)
            return (a + b if a is not None and b is not None else None), da or db
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return text(node.func.value)[0], True
        return None, True

    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and isinstance(node.exc.func, ast.Name) and node.exc.func.id in ("ValueError", "TypeError")):
                message, dynamic = text(node.exc.args[0]) if node.exc.args else ("", False)
                yield f"{path.relative_to(root.parent)}:{node.lineno}", message, dynamic


def test_every_raised_error_says_what_was_wrong_and_what_is_expected():
    """Static check of every ValueError/TypeError the package raises: the message shows the
    offending value or name (a formatted part; or says that a value is missing) and says what is
    expected or what to do."""
    bad = []
    for where, message, dynamic in _raise_sites():
        if message is None:  # built elsewhere (a helper's text): checked where it is built
            continue
        low = message.lower()
        guides = any(w in low for w in EXPECTATION_WORDS) or any(w in low for w in FIX_WORDS)
        says_missing = any(w in low for w in ("required", "empty", "received none", "only be given"))
        if not message or not (dynamic or says_missing) or not guides:
            bad.append(f"{where}: {message!r}")
    assert not bad, "error messages that do not say what was received and what is expected:\n" + "\n".join(bad)


def test_snake_with_a_large_frequency_stays_finite_near_the_float_limit():
    """a·x overflows before x does (a = 2.5, x = 3e38): the result is x, not NaN."""
    x = keras.ops.convert_to_tensor(np.array([3e38, -3e38, 1.0], np.float32))
    y = _numpy(_registry.spec_of("snake").function(x, frequency=2.5))
    assert np.all(np.isfinite(y)) and y[0] == np.float32(3e38) and y[1] == np.float32(-3e38)
