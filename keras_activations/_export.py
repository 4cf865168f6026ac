"""Deploying models that use keras_activations: export-friendly formulations and an export check.

Two things live here.

1. :func:`export` and :func:`export_friendly` (public as ``keras_activations.export``
   and ``keras_activations.export_friendly``): a model is *traced* for export
   with formulations that every converter understands. Some primitives the
   activations are built from have no equivalent in the target runtimes
   (TensorFlow's ``Erfc`` has no TFLite built-in and no ONNX operator) or are
   lowered there in a way that overflows (TFLite lowers ``Softplus`` to
   ``log(1 + exp(x))``, which is ``inf`` from x ≈ 89 on). While exporting,
   those ``keras.ops`` primitives are replaced by the formulations below, which
   use only elementary operations (``exp``, ``log``, ``abs``, ``+``, ``·``,
   ``/``, ``where``) and give the same float32 values (within a few ulps);
   activations whose float32 algorithm needs bit casts or float64 (``laplace``,
   ``pau``) use a plain float32 form; and the backend-specific fast paths are
   switched off:

   >>> import keras, keras_activations as ka
   >>> model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4, activation=ka.gelu)])
   >>> ka.export(model, "gelu.onnx", format="onnx")                  # doctest: +SKIP
   >>> with ka.export_friendly():                                     # doctest: +SKIP
   ...     model.export("gelu_model", format="tf_saved_model")        # then TFLite, built-ins only

   The model's own behaviour (training, ``predict``, saving) is untouched: only
   what is traced inside the context uses the replacements.

2. :func:`check_export`, the harness behind ``tests/test_export.py`` and
   ``docs/deployability.md``: it puts each activation in a Dense model (one
   branch per activation, one model for all), exports it with
   ``model.export(format="tf_saved_model")``, converts it to TFLite with
   built-in operators only and to ONNX, runs both runtimes and returns their
   outputs next to Keras's, with the operators each branch uses.

Everything here needs the TensorFlow backend (plus ``onnx``, ``onnxruntime`` and
``tf2onnx`` for ONNX).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import re
import tempfile
import warnings
from typing import Callable

import numpy as np

import keras
from keras import ops

# ---------------------------------------------------------------------------
# Export-friendly primitives
# ---------------------------------------------------------------------------

# Numerical Recipes' Chebyshev fit of erfc (Press, Teukolsky, Vetterling &
# Flannery, Numerical Recipes, 2nd ed. 1992, §6.2, function erfcc): fractional
# error below 1.2e-7 for every x >= 0, i.e. about one float32 ulp, in both
# tails (it is a fit of log(erfc(z) / t), so it never cancels).
_ERFCC = (
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277,
)


def erfc(x):
    """Complementary error function from ``exp`` and arithmetic only.

    erfc(x) = t·exp(−z² + P(t)) for z = |x| ≥ 0, t = 1/(1 + z/2), P the
    degree-9 polynomial of Numerical Recipes' ``erfcc``; erfc(x) = 2 − erfc(−x)
    for x < 0.

    Args:
        x: float tensor, any values.

    Returns:
        erfc(x), in [0, 2], same shape and dtype; NaN stays NaN, erfc(−inf) = 2,
        erfc(inf) = 0.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.erfc([0.0, 1.0])  # [1.0, 0.15729921]

    Reference:
        Press, Teukolsky, Vetterling & Flannery (1992), Numerical Recipes in C,
        2nd ed., §6.2 (Chebyshev approximation ``erfcc``).

    Numerics:
        Relative error below 1.2e-7 for x ≥ 0 plus a few roundings (z² enters
        the exponent exactly, so the right tail keeps its relative accuracy
        down to the smallest normal float32); for x < 0 the value
        2 − erfc(|x|) has absolute error below 2.4e-7. Uses only operators that
        TFLite (built-ins) and ONNX have: Abs, Floor, Minimum, Mul, Add, Div, Exp, Select.
    """
    x = ops.convert_to_tensor(x)
    z = ops.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = ops.zeros_like(z) + _ERFCC[-1]
    for c in reversed(_ERFCC[:-1]):
        poly = poly * t + c
    # exp(-z²) with z² carried exactly: z = zh + (z - zh), zh holding 8 fractional bits,
    # so zh² is exact in float32 (z < 16; erfc(z) underflows long before) and the rest
    # (z - zh)(z + zh) is small. A plain -z*z would lose up to |z²|·2⁻²⁴ in the exponent,
    # i.e. 7e-6 relative at z = 8.5. z is capped at 20 (erfc(20) = 0 in float32) so that
    # z = inf gives t·exp(-400) = 0, not 0·exp(inf - inf).
    zc = ops.minimum(z, 20.0)
    zh = ops.floor(zc * 256.0) / 256.0
    tail = t * _NATIVE["exp"](-zh * zh) * _NATIVE["exp"](-(zc - zh) * (zc + zh) + poly)
    return ops.where(x >= 0, tail, 2.0 - tail)


def erf(x):
    """Error function as 1 − erfc(x) for x ≥ 0, odd-extended: see :func:`erfc`.

    Args:
        x: float tensor.

    Returns:
        erf(x) in [−1, 1]; NaN stays NaN.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.erf([0.5])  # [0.5204999]

    Reference:
        Press et al. (1992), Numerical Recipes, §6.2.

    Numerics:
        Absolute error below 1.2e-7. Near 0, where erf(x) ≈ 2x/√π, the
        Maclaurin series to x⁷ is used for |x| < 0.5 so that relative accuracy
        holds for tiny x (1 − erfc(x) would cancel).
    """
    x = ops.convert_to_tensor(x)
    z = ops.abs(x)
    small = z < 0.5
    xs = ops.where(small, x, ops.zeros_like(x))  # the series only sees |x| < 0.5 (no inf - inf)
    x2 = xs * xs
    # erf(x) = 2/√π · (x − x³/3 + x⁵/10 − x⁷/42 + x⁹/216 − x¹¹/1320), |x| < 0.5: error < 2e-9.
    series = (2.0 / math.sqrt(math.pi)) * xs * (
        1.0 + x2 * (-1.0 / 3.0 + x2 * (1.0 / 10.0 + x2 * (-1.0 / 42.0 + x2 * (1.0 / 216.0 - x2 / 1320.0))))
    )
    far = 1.0 - erfc(z)
    far = ops.where(x < 0, -far, far)
    return ops.where(small, series, far)


def softplus(x):
    """ln(1 + eˣ) as max(x, 0) + ln(1 + e^(−|x|)): no overflow for any x.

    Args:
        x: float tensor.

    Returns:
        softplus(x) > 0; softplus(inf) = inf, softplus(−inf) = 0; NaN stays NaN.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.softplus([100.0])  # [100.0] (TFLite's own lowering gives inf)

    Reference:
        The standard stable form, e.g. Mächler (2012), "Accurately computing
        log(1 − exp(−|a|))", CRAN Rmpfr vignette.

    Numerics:
        e^(−|x|) ≤ 1, so nothing overflows; ln(1 + u) for u = e^(−|x|) is
        :func:`log1p`, accurate for small u, so softplus(−30) keeps its relative
        accuracy (≈ 9.4e−14).
    """
    x = ops.convert_to_tensor(x)
    # relu(x) keeps NaN on every backend; x * 0 + ... would too, but relu is one op.
    return ops.relu(x) + log1p(_NATIVE["exp"](-ops.abs(x)))


def log1p(x):
    """ln(1 + x), accurate for small |x|, from ``log``, ``div`` and arithmetic only.

    Args:
        x: float tensor, x ≥ −1.

    Returns:
        ln(1 + x); −inf at −1, NaN below; NaN stays NaN.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.log1p([1e-10])  # [1e-10]

    Reference:
        ln(1 + x) = 2·artanh(s), s = x/(2 + x), and the artanh series
        (Abramowitz & Stegun 1964, 4.1.28 and 4.6.22).

    Numerics:
        For |x| < 1/4: 2s·(1 + s²/3 + s⁴/5 + … + s¹⁰/11), |s| < 1/7, truncation
        below 1e-11 relative, a few ulps of rounding. Elsewhere ln(1 + x), whose
        rounding of 1 + x costs under 3e-7 relative there. (A trick such as
        Goldberg's ln(u)·x/(u − 1) does not survive TensorFlow's graph
        optimizer, which rewrites ln(1 + x) into Log1p.)
    """
    x = ops.convert_to_tensor(x)
    small = ops.abs(x) < 0.25
    xs = ops.where(small, x, ops.zeros_like(x))
    s = xs / (2.0 + xs)
    s2 = s * s
    series = 2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0 + s2 * (1.0 / 9.0 + s2 / 11.0)))))
    xf = ops.where(small, ops.ones_like(x), x)
    return ops.where(small, series, ops.log(1.0 + xf))


def expm1(x):
    """eˣ − 1, accurate for small |x|, from ``exp`` and arithmetic only.

    Args:
        x: float tensor.

    Returns:
        eˣ − 1 in [−1, inf]; NaN stays NaN.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.expm1([1e-10])  # [1e-10]

    Reference:
        The exponential series (Abramowitz & Stegun 1964, 4.2.1).

    Numerics:
        For |x| ≤ 1/2 the series to x⁹/9! (truncation below 1e-9 relative,
        a few ulps of rounding); elsewhere eˣ − 1, which does not cancel there,
        with eˣ from :func:`exp` (no early overflow in TFLite). Each branch only
        sees its own inputs.
    """
    x = ops.convert_to_tensor(x)
    near = ops.abs(x) <= 0.5
    xn = ops.where(near, x, ops.zeros_like(x))
    poly = ops.zeros_like(xn) + 1.0 / 362880.0
    for k in (40320, 5040, 720, 120, 24, 6, 2, 1):
        poly = poly * xn + 1.0 / k
    xf = ops.where(near, ops.zeros_like(x), x)
    return ops.where(near, xn * poly, exp(xf) - 1.0)


def exp(x):
    """eˣ as (e^(x/2))², which TFLite does not overflow before float32 does.

    TFLite's EXP kernel returns inf from x ≈ 88.4 on, although eˣ is a finite
    float32 up to x ≈ 88.72; squaring e^(x/2) reaches every finite value.

    Args:
        x: float tensor.

    Returns:
        eˣ; exp(−inf) = 0, exp(inf) = inf; NaN stays NaN.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.exp([88.5])  # [2.7230877e+38]

    Reference:
        The identity eˣ = (e^(x/2))².

    Numerics:
        Relative error about twice that of one exp (≤ 3 ulps).
    """
    x = ops.convert_to_tensor(x)
    half = _NATIVE["exp"](0.5 * x)
    return half * half


def arctan(x):
    """arctan(x) as atan2(x, 1): TFLite has ATAN2 among its built-ins but no ATAN.

    Args:
        x: float tensor.

    Returns:
        arctan(x) in [−π/2, π/2]; NaN stays NaN.

    Example:
    >>> from keras_activations import _export
    >>> y = _export.arctan([1.0])  # [0.7853982]

    Reference:
        atan2(y, x) = arctan(y/x) for x > 0 (IEEE 754-2008, §9.2).

    Numerics:
        Exact identity; the same values as the native arctan.
    """
    x = ops.convert_to_tensor(x)
    return _NATIVE["arctan2"](x, ops.ones_like(x))


#: keras.ops name -> export-friendly replacement used inside :func:`export_friendly`.
PRIMITIVES: dict[str, Callable] = {
    "erfc": erfc,
    "erf": erf,
    "softplus": softplus,
    "log1p": log1p,
    "expm1": expm1,
    "exp": exp,
    "arctan": arctan,
}

# The native keras.ops functions, kept for the replacements that build on them.
_NATIVE: dict[str, Callable] = {name: getattr(ops, name) for name in list(PRIMITIVES) + ["arctan2"]}
_STATE = {"active": 0}


def export_mode_active() -> bool:
    """True while :func:`export_friendly` is active.

    An activation whose float32 algorithm uses operations that converters
    lack (bit manipulation, float64 arithmetic) can test this and use a plain
    form while a model is traced for export.

    Example:
    >>> from keras_activations import _export
    >>> _export.export_mode_active()
    False
    """
    return _STATE["active"] > 0


@contextlib.contextmanager
def _onnx_keeps_where():
    """Make tf2onnx convert every Select/SelectV2 into ONNX ``Where``.

    tf2onnx (1.16, 1.17) rewrites ``where(c, a, b)`` as ``c·a + (1 − c)·b``
    ("Mul/Add ops are faster than Where"), unless it can see that a or b holds
    inf or NaN. When the discarded value is inf or NaN at run time, the
    product is NaN: ``where(x == -inf, nan, f(x))`` becomes NaN everywhere.
    """
    try:
        import tf2onnx.convert  # noqa: F401  (registers the op handlers)
        from tf2onnx import constants
        from tf2onnx.handler import tf_op
    except ImportError:
        yield
        return
    replaced = []
    for table in tf_op.get_opsets().get(constants.ONNX_DOMAIN, []):
        for name in ("Select", "SelectV2"):
            if name not in table:
                continue
            func, kwargs = table[name]

            def keep_where(ctx, node, _func=func, **kw):
                node.set_attr("handles_nan", True)
                return _func(ctx, node, **kw)

            replaced.append((table, name, (func, kwargs)))
            table[name] = (keep_where, kwargs)
    try:
        yield
    finally:
        for table, name, entry in replaced:
            table[name] = entry


@contextlib.contextmanager
def export_friendly():
    """Trace models for export with formulations every converter understands.

    Inside the context:

    * ``keras.ops.erfc``, ``erf``, ``softplus``, ``log1p``, ``expm1``, ``exp``
      and ``arctan`` are the functions of this module: the same values, built
      from operators that TFLite (built-ins) and ONNX both have;
    * the backend fast paths are switched off (they may use operations that
      converters do not take);
    * tf2onnx keeps ``where`` as ONNX ``Where`` instead of its
      ``c·a + (1 − c)·b`` rewrite, which turns a discarded inf or NaN into NaN;
    * :func:`export_mode_active` is True, and activations whose float32
      algorithm uses bit casts or float64 (``laplace``, ``pau``) use a plain
      float32 form that TFLite and ONNX run.

    All of it is restored on exit, even after an error. Wrap ``model.export``
    (or any tracing meant for export) in it; training and ``predict`` outside
    the context are untouched.

    Example:
    >>> import keras, keras_activations as ka                      # doctest: +SKIP
    >>> with ka.export_friendly():                          # doctest: +SKIP
    ...     model.export("out", format="onnx")

    Numerics:
        The replacements agree with the native operators to a few float32
        ulps (erfc: 1.2e-7 relative for x ≥ 0); softplus no longer overflows
        in TFLite (which lowers Softplus to log(1 + exp(x))), nor exp between
        x = 88.4 and 88.72. Not thread-safe: another thread calling
        ``keras.ops.erfc`` meanwhile gets the replacement too (same values).
    """
    from keras_activations import _registry

    saved_fast = _registry.fast_paths_enabled()
    saved_ops = {name: getattr(ops, name) for name in PRIMITIVES}
    try:
        _registry.set_fast_paths(False)
        for name, fn in PRIMITIVES.items():
            setattr(ops, name, fn)
        _STATE["active"] += 1
        with _onnx_keeps_where():
            yield
    finally:
        _STATE["active"] -= 1
        for name, fn in saved_ops.items():
            setattr(ops, name, fn)
        _registry.set_fast_paths(saved_fast)


def export(model, filepath, format="tf_saved_model", **kwargs):  # noqa: A002  (Keras's own argument name)
    """``model.export(filepath, format=format, **kwargs)`` traced inside :func:`export_friendly`.

    The one call to use for deployment: the exported graph computes the same
    values as the model, from operators that TFLite (built-ins) and ONNX have.

    Args:
        model: a built Keras model.
        filepath: where to write (a directory for ``"tf_saved_model"``, a file
            for ``"onnx"`` and ``"litert"``).
        format: any format ``keras.Model.export`` takes (``"tf_saved_model"``,
            ``"onnx"``, ``"litert"``, ...).
        **kwargs: passed on to ``model.export`` (``verbose``, ``input_signature``, ...).

    Returns:
        What ``model.export`` returns.

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4, activation=ka.gelu)])
    >>> ka.export(model, "model.onnx", format="onnx")                            # doctest: +SKIP

    Numerics:
        See :func:`export_friendly`: the values agree with the model's to a
        few float32 ulps (PAU: ~1e-5 relative, as it is not evaluated in float64).
    """
    with export_friendly():
        return model.export(filepath, format=format, **kwargs)


# ---------------------------------------------------------------------------
# The export check
# ---------------------------------------------------------------------------

#: Bookkeeping operators left out of the per-activation operator lists.
_BOOKKEEPING_OPS = {"DELEGATE", "Identity", "IdentityN", "NoOp", "Const", "Placeholder", "ReadVariableOp",
                    "StatefulPartitionedCall", "PartitionedCall", "StopGradient"}


def default_inputs(width: int = 8) -> np.ndarray:
    """The export check's float32 inputs: |x| up to 100, small and tiny values, ±0.

    Returns an array of shape (rows, width) holding −100…100 (step 0.5),
    −6…6 (step 0.05), ±10⁻⁸…10² (log-spaced) and 0.

    Example:
    >>> from keras_activations import _export
    >>> x = _export.default_inputs()
    >>> float(abs(x).max())
    100.0
    """
    values = np.concatenate(
        [
            np.arange(-100.0, 100.0 + 1e-9, 0.5),
            np.arange(-6.0, 6.0 + 1e-9, 0.05),
            np.logspace(-8, 2, 41),
            -np.logspace(-8, 2, 41),
            [0.0],
        ]
    )
    rows = -(-values.size // width)
    padded = np.concatenate([values, np.zeros(rows * width - values.size)])
    return padded.reshape(rows, width).astype(np.float32)


def outputs_match(expected, actual, tolerance: float = 1e-4) -> np.ndarray:
    """Elementwise: |actual − expected| ≤ tolerance·max(1, |expected|), or both equal inf, or both NaN.

    Example:
    >>> from keras_activations import _export
    >>> bool(_export.outputs_match([1.0, float("inf")], [1.00001, float("inf")]).all())
    True
    """
    e = np.asarray(expected, dtype=np.float64)
    a = np.asarray(actual, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        close = np.abs(a - e) <= tolerance * np.maximum(1.0, np.abs(e))
    same_special = (np.isnan(e) & np.isnan(a)) | (np.isinf(e) & (a == e))
    return close | same_special


@dataclasses.dataclass
class RuntimeResult:
    """What one runtime (TFLite or ONNX Runtime) did with one branch.

    ``outputs`` is None when the branch could not be converted or loaded, and
    ``error`` then says why; ``ops`` are the runtime's operators in the branch.
    """

    outputs: np.ndarray | None = None
    error: str | None = None
    ops: tuple[str, ...] = ()

    @property
    def converted(self) -> bool:
        return self.outputs is not None


@dataclasses.dataclass
class BranchResult:
    """Keras's outputs for one activation and what each export target gave."""

    name: str
    keras: np.ndarray
    saved_model: RuntimeResult
    tflite: RuntimeResult
    onnx: RuntimeResult
    tf_ops: tuple[str, ...] = ()


def _branch_name(i: int) -> str:
    return f"deploy_{i:03d}"


_BRANCH_RE = re.compile(r"deploy_(\d{3})")


def _blame_tflite(text: str) -> dict[int, str]:
    """Branch index -> reason, from a TFLite converter error (one line per bad op)."""
    blamed: dict[int, str] = {}
    for line in text.splitlines():
        m = _BRANCH_RE.search(line)
        if not m or "error:" not in line:
            continue
        op = re.search(r"'tf\.(\w+)' op is neither a custom op nor a flex op", line)
        reason = f"no TFLite built-in for TF op {op.group(1)}" if op else line.split("error:", 1)[1].strip()
        index = int(m.group(1))
        blamed[index] = (blamed[index] + "; " + reason) if index in blamed and reason not in blamed[index] else reason
    return blamed


def _build_model(functions: list[Callable], width: int):
    """One branch per activation: ``Input(in_i) → Activation(fn, name=deploy_i)``.

    Separate inputs keep the branches disjoint, so a converter can neither merge
    two branches' common subexpressions nor fuse an activation into a shared
    producer, and each operator can be attributed to its activation.
    """
    inputs, outputs = [], []
    for i, fn in enumerate(functions):
        inp = keras.Input((width,), name=f"in_{i:03d}")
        inputs.append(inp)
        outputs.append(keras.layers.Activation(fn, name=_branch_name(i))(inp))
    model = keras.Model(inputs, outputs)
    model([np.zeros((1, width), np.float32)] * len(functions))  # exporters want a called model
    return model


def _owners(nodes, sources: dict) -> dict:
    """Tensor -> branch, following ``nodes`` (pairs of input and output tensors) from ``sources``.

    Branches are disjoint from their input to their output (only constants are
    shared), so every tensor computed from an input belongs to that input's branch.
    """
    owner = dict(sources)
    changed = True
    while changed:
        changed = False
        for ins, outs in nodes:
            branches = {owner[t] for t in ins if t in owner}
            if len(branches) == 1:
                (b,) = branches
                for t in outs:
                    if t not in owner:
                        owner[t] = b
                        changed = True
    return owner


def _input_index(name: str, fallback: int) -> int:
    m = re.search(r"in_(\d{3})", name)
    return int(m.group(1)) if m else fallback


def _tflite_convert(saved_model_dir: str, loaded, keep: list[int] | None, n: int, width: int) -> bytes:
    """Convert a SavedModel to TFLite with built-in operators only.

    ``keep`` (branch indices) converts only those branches: the SavedModel's
    function is wrapped in one that feeds zeros to the other branches and
    returns only the kept outputs, and the converter drops the unused
    branches as dead code before it looks for operators. So a retry after a
    rejected branch costs a conversion, not a new trace of the Keras model.
    """
    import tensorflow as tf

    if keep is None:
        converter = tf.lite.TFLiteConverter.from_saved_model(saved_model_dir)
    else:
        specs = [tf.TensorSpec((None, width), tf.float32, name=f"in_{i:03d}") for i in keep]

        @tf.function(input_signature=specs)
        def kept(*xs):
            feed = [tf.zeros_like(xs[0])] * n
            for k, i in enumerate(keep):
                feed[i] = xs[k]
            outs = loaded.serve(feed)
            outs = outs if isinstance(outs, (list, tuple)) else [outs]
            return {f"output_{i:03d}": tf.identity(outs[i]) for i in keep}

        converter = tf.lite.TFLiteConverter.from_concrete_functions([kept.get_concrete_function()], loaded)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS]
    return converter.convert()


def _tflite_run(flatbuffer: bytes, x: np.ndarray) -> tuple[dict, dict]:
    """Run a converted model on ``x`` (every input); return ({branch: output}, {branch: ops})."""
    import tensorflow as tf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        interpreter = tf.lite.Interpreter(model_content=flatbuffer)
    inputs = interpreter.get_input_details()
    for d in inputs:
        interpreter.resize_tensor_input(d["index"], list(x.shape))
    interpreter.allocate_tensors()
    for d in inputs:
        interpreter.set_tensor(d["index"], x)
    interpreter.invoke()
    details = interpreter._get_ops_details()  # noqa: SLF001  (the only way to list operators)
    sources = {d["index"]: _input_index(d["name"], k) for k, d in enumerate(inputs)}
    owner = _owners([(list(d["inputs"]), list(d["outputs"])) for d in details], sources)
    ops_by_branch: dict[int, list[str]] = {}
    for d in details:
        for branch in {owner.get(t) for t in d["outputs"]} - {None}:
            ops_by_branch.setdefault(branch, []).append(d["op_name"])
    outputs = {}
    for d in interpreter.get_output_details():
        branch = owner.get(d["index"])
        if branch is not None:
            outputs[branch] = np.array(interpreter.get_tensor(d["index"]))
    return outputs, ops_by_branch


def _onnx_unknown_ops(path: str) -> dict[int, str]:
    """Branches holding nodes that are not ONNX operators (tf2onnx leaves unsupported TF ops as they are)."""
    import onnx

    graph = onnx.load(path).graph
    sources = {inp.name: _input_index(inp.name, k) for k, inp in enumerate(graph.input)}
    owner = _owners([(list(n.input), list(n.output)) for n in graph.node], sources)
    blamed: dict[int, str] = {}
    for n in graph.node:
        if n.domain in ("", "ai.onnx") and not onnx.defs.has(n.op_type):
            if n.op_type in ("PartitionedCall", "StatefulPartitionedCall"):
                reason = ("tf2onnx cannot read a call to an XLA-compiled tf.function "
                          "(the TensorFlow fast path)")
            else:
                reason = f"no ONNX operator for TF op {n.op_type}"
            for branch in {owner.get(t) for t in n.output} - {None}:
                blamed[branch] = reason
    return blamed


def _onnx_extract(path: str, keep: list[int]) -> str:
    """The sub-model of ``path`` computing only the branches ``keep`` (same input names)."""
    import onnx

    model = onnx.load(path)
    graph = model.graph
    sources = {inp.name: _input_index(inp.name, k) for k, inp in enumerate(graph.input)}
    owner = _owners([(list(n.input), list(n.output)) for n in graph.node], sources)
    wanted = set(keep)
    nodes = [n for n in graph.node if not ({owner.get(t) for t in n.output} - {None}) or
             ({owner.get(t) for t in n.output} - {None}) <= wanted]
    used = {t for n in nodes for t in n.input}
    inputs = [i for i in graph.input if sources.get(i.name) in wanted]
    outputs = [o for o in graph.output if owner.get(o.name) in wanted]
    del graph.node[:]
    graph.node.extend(nodes)
    kept_init = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept_init)
    del graph.input[:]
    graph.input.extend(inputs)
    del graph.output[:]
    graph.output.extend(outputs)
    out = path[: -len(".onnx")] + "_kept.onnx"
    onnx.save(model, out)
    return out


def _onnx_run(path: str, x: np.ndarray) -> tuple[dict, dict]:
    import onnx
    import onnxruntime

    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    feed = {inp.name: x for inp in session.get_inputs()}
    names = [o.name for o in session.get_outputs()]
    values = session.run(names, feed)
    graph = onnx.load(path).graph
    sources = {inp.name: _input_index(inp.name, k) for k, inp in enumerate(graph.input)}
    owner = _owners([(list(n.input), list(n.output)) for n in graph.node], sources)
    ops_by_branch: dict[int, list[str]] = {}
    for n in graph.node:
        for branch in {owner.get(t) for t in n.output} - {None}:
            ops_by_branch.setdefault(branch, []).append(n.op_type)
    outputs = {owner[name]: np.asarray(v) for name, v in zip(names, values) if name in owner}
    return outputs, ops_by_branch


def _saved_model_ops(path: str) -> dict[int, list[str]]:
    """TensorFlow operator types per branch, read from a SavedModel's function library."""
    from tensorflow.core.protobuf import saved_model_pb2

    proto = saved_model_pb2.SavedModel()
    with open(os.path.join(path, "saved_model.pb"), "rb") as f:
        proto.ParseFromString(f.read())
    found: dict[int, list[str]] = {}
    seen = set()
    for meta in proto.meta_graphs:
        for function in meta.graph_def.library.function:
            for node in function.node_def:
                m = _BRANCH_RE.search(node.name)
                if m and node.op not in _BOOKKEEPING_OPS and (m.group(1), node.name) not in seen:
                    seen.add((m.group(1), node.name))
                    found.setdefault(int(m.group(1)), []).append(node.op)
    return found


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return (text.splitlines()[0] if text else type(error).__name__)[:300]


def _clean(names) -> tuple[str, ...]:
    return tuple(o for o in names if o not in _BOOKKEEPING_OPS)


def check_export(
    functions: dict[str, Callable],
    x: np.ndarray | None = None,
    *,
    formats: tuple[str, ...] = ("saved_model", "tflite", "onnx"),
    export_forms: bool = False,
    directory: str | None = None,
) -> dict[str, BranchResult]:
    """Export one model holding a set of activations and run it in TFLite and ONNX Runtime.

    Each entry of ``functions`` becomes one branch ``Input → Activation(fn)``
    of ONE functional model (branches share no tensor, so a converter can
    neither merge nor fuse across them, and every operator is attributed to its
    activation). The model is exported with
    ``model.export(format="tf_saved_model")``, reloaded and run; converted to
    TFLite with ``OpsSet.TFLITE_BUILTINS`` only and run; and exported with
    ``model.export(format="onnx")`` and run in ONNX Runtime. A branch that a
    converter rejects is recorded with the reason and left out, and the rest is
    converted again, so one activation cannot hide the others.

    Args:
        functions: label → activation (a function, a name or a layer, anything
            ``keras.layers.Activation`` accepts).
        x: float32 inputs of shape (rows, width), fed to every branch; default
            :func:`default_inputs` (|x| up to 100).
        formats: any of ``"saved_model"``, ``"tflite"``, ``"onnx"`` (TFLite is
            converted from the SavedModel, so it implies it).
        export_forms: trace the exports inside :func:`export_friendly` (Keras's
            own outputs are still computed outside it).
        directory: where to write the artifacts (a new temporary one by default).

    Returns:
        label → :class:`BranchResult`: Keras's outputs, and for each target its
        outputs (or the reason it failed) and the operators of the branch.

    Raises:
        RuntimeError: if the Keras backend is not TensorFlow.

    Example:
    >>> import keras_activations as ka                                    # doctest: +SKIP
    >>> report = ka._export.check_export({"serf": ka.serf})               # doctest: +SKIP
    >>> report["serf"].tflite.converted                                   # doctest: +SKIP
    True
    """
    if keras.backend.backend() != "tensorflow":
        raise RuntimeError(
            f"check_export needs the TensorFlow backend (TFLite and tf2onnx convert TensorFlow "
            f"graphs); the active backend is {keras.backend.backend()!r}. Run it with "
            f"KERAS_BACKEND=tensorflow."
        )
    import tensorflow as tf

    x = default_inputs() if x is None else np.asarray(x, dtype=np.float32)
    width = x.shape[1]
    labels = list(functions)
    fns = [functions[k] for k in labels]
    n = len(fns)
    # Keras's own values (eager, outside any export context).
    expected = [np.asarray(keras.ops.convert_to_numpy(keras.activations.get(fn)(tf.constant(x)))) for fn in fns]

    workdir = directory or tempfile.mkdtemp(prefix="ka_export_")
    context = export_friendly if export_forms else contextlib.nullcontext
    counter = iter(range(10**6))
    saved = {i: RuntimeResult(error="not exported") for i in range(n)}
    tfl = {i: RuntimeResult(error="not converted") for i in range(n)}
    onx = {i: RuntimeResult(error="not converted") for i in range(n)}
    tf_ops: dict[int, tuple[str, ...]] = {}

    def export(subset, fmt):
        model = _build_model([fns[i] for i in subset], width)
        path = os.path.join(workdir, f"artifact_{next(counter)}" + (".onnx" if fmt == "onnx" else ""))
        with context(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.export(path, format=fmt, verbose=False)
        return path

    def isolate(subset, attempt, record):
        """attempt(subset) returns {local index: reason} for branches it rejects; retry
        without them until it passes. An exception that names no branch is bisected."""
        pending = [list(subset)]
        while pending:
            current = pending.pop()
            if not current:
                continue
            try:
                blamed = attempt(current)
            except Exception as error:  # noqa: BLE001  (exporters and converters raise anything)
                if len(current) == 1:
                    record[current[0]] = RuntimeResult(error=_first_line(error))
                else:
                    half = len(current) // 2
                    pending.extend([current[:half], current[half:]])
                continue
            for local, reason in blamed.items():
                record[current[local]] = RuntimeResult(error=reason)
            if blamed:
                pending.append([i for k, i in enumerate(current) if k not in blamed])

    # 1. SavedModel: export, reload, run. Its directory is reused for TFLite.
    saved_models: list[tuple[str, object, list[int]]] = []

    def attempt_saved(subset):
        path = export(subset, "tf_saved_model")
        loaded = tf.saved_model.load(path)
        outs = loaded.serve([tf.constant(x)] * len(subset))
        outs = outs if isinstance(outs, (list, tuple)) else [outs]
        ops_by = _saved_model_ops(path)
        for k, i in enumerate(subset):
            tf_ops[i] = _clean(ops_by.get(k, ()))
            saved[i] = RuntimeResult(outputs=np.asarray(outs[k]), ops=tf_ops[i])
        saved_models.append((path, loaded, list(subset)))
        return {}

    if "saved_model" in formats or "tflite" in formats:
        isolate(range(n), attempt_saved, saved)

    # 2. TFLite, built-in operators only.
    if "tflite" in formats:
        for i in range(n):
            if not saved[i].converted:
                tfl[i] = RuntimeResult(error="the SavedModel export failed: " + str(saved[i].error))
        for path, loaded, members in saved_models:

            def attempt_tflite(subset, _path=path, _loaded=loaded, _members=members):
                local = [_members.index(i) for i in subset]
                keep = None if len(local) == len(_members) else local
                try:
                    flatbuffer = _tflite_convert(_path, _loaded, keep, len(_members), width)
                except Exception as error:  # noqa: BLE001
                    blamed = _blame_tflite(str(error))
                    if not blamed:
                        raise
                    return {local.index(b): r for b, r in blamed.items() if b in local}
                outs, ops_by = _tflite_run(flatbuffer, x)
                for b, i in zip(local, subset):
                    if b in outs:
                        tfl[i] = RuntimeResult(outputs=outs[b], ops=_clean(ops_by.get(b, ())))
                    else:
                        tfl[i] = RuntimeResult(error="its output was not found in the TFLite model")
                return {}

            isolate(members, attempt_tflite, tfl)

    # 3. ONNX through tf2onnx, run in ONNX Runtime. Branches whose nodes are not ONNX
    #    operators are cut out of the exported graph (no second export needed).
    if "onnx" in formats:
        import logging

        logging.getLogger("tf2onnx").setLevel(logging.CRITICAL)

        def attempt_onnx(subset):
            path = export(subset, "onnx")
            blamed = _onnx_unknown_ops(path)
            for k, reason in blamed.items():
                onx[subset[k]] = RuntimeResult(error=reason)
            keep = [k for k in range(len(subset)) if k not in blamed]
            if not keep:
                return {}
            if blamed:
                path = _onnx_extract(path, keep)
            outs, ops_by = _onnx_run(path, x)
            for k in keep:
                if k in outs:
                    onx[subset[k]] = RuntimeResult(outputs=outs[k], ops=_clean(ops_by.get(k, ())))
                else:
                    onx[subset[k]] = RuntimeResult(error="its output was not found in the ONNX model")
            return {}

        isolate(range(n), attempt_onnx, onx)

    return {
        label: BranchResult(
            name=label,
            keras=expected[i],
            saved_model=saved[i],
            tflite=tfl[i],
            onnx=onx[i],
            tf_ops=tf_ops.get(i, ()),
        )
        for i, label in enumerate(labels)
    }


# ---------------------------------------------------------------------------
# The deployability table
# ---------------------------------------------------------------------------


def _works(result: BranchResult | None, runtime: str, tolerance: float) -> bool:
    if result is None:
        return False
    r = getattr(result, runtime)
    return r.converted and bool(outputs_match(result.keras, r.outputs, tolerance).all())


def _why(result: BranchResult, runtime: str, tolerance: float) -> str:
    r = getattr(result, runtime)
    return r.error if not r.converted else _mismatch_text(result.keras, r.outputs, tolerance)


def _mismatch_text(expected, actual, tolerance) -> str:
    """A machine-independent description of how ``actual`` misses ``expected``."""
    e = np.asarray(expected, dtype=np.float64)
    a = np.asarray(actual, dtype=np.float64)
    bad = ~outputs_match(e, a, tolerance)
    finite = np.isfinite(e)
    if np.any(bad & finite & np.isnan(a)):
        return "NaN where Keras is finite"
    if np.any(bad & finite & np.isinf(a)):
        return "inf where Keras is finite"
    if np.any(bad & ~finite):
        return "finite where Keras is inf or NaN"
    return f"differs from Keras by more than {tolerance:g}"


def _ops_text(ops_list) -> str:
    """The distinct operators, sorted (converters do not keep a stable node order)."""
    return ", ".join(sorted(set(ops_list))) if ops_list else "-"


@dataclasses.dataclass
class Deployability:
    """The measurements behind docs/deployability.md (see :func:`measure_deployability`)."""

    plain: dict[str, BranchResult]  # SavedModel and TFLite, package defaults
    friendly: dict[str, BranchResult]  # inside export_friendly(): ONNX for all, TFLite for plain failures
    onnx_sample: dict[str, BranchResult]  # ONNX without export_friendly(), a few activations

    def status(self, name: str, runtime: str, tolerance: float = 1e-4) -> str:
        """"yes", "with export_friendly()" or "no: why" for one activation and target."""
        plain = self.plain[name]
        if runtime == "saved_model":
            return "yes" if _works(plain, runtime, tolerance) else f"no: {_why(plain, runtime, tolerance)}"
        friendly = self.friendly.get(name)
        if runtime == "tflite" and _works(plain, runtime, tolerance):
            return "yes"
        if _works(friendly, runtime, tolerance):
            if runtime == "onnx":
                return "yes"
            return f"with export_friendly() (plain: {_why(plain, runtime, tolerance)})"
        first = _why(plain, runtime, tolerance) if runtime == "tflite" else None
        second = _why(friendly, runtime, tolerance) if friendly is not None else "not measured"
        return "no: " + (f"{first}; with export_friendly(): {second}" if first else second)


#: Activations whose ONNX export is also measured without export_friendly(): native single
#: kernels, and users of erfc, expm1, softplus and bit casts (whichever are registered).
ONNX_SAMPLE = ("relu", "tanh", "gelu", "elu", "softplus", "mish", "serf", "laplace")


def measure_deployability(names=None) -> Deployability:
    """Measure what docs/deployability.md reports.

    1. Every elementwise activation (or ``names``), package defaults: SavedModel
       and TFLite (:func:`check_export`).
    2. Inside :func:`export_friendly`: ONNX for all of them (the way to export
       to ONNX on TensorFlow), and TFLite again for those that failed in 1.
    3. ONNX without export_friendly() for the few of :data:`ONNX_SAMPLE`.

    Returns:
        A :class:`Deployability`.

    Example:
    >>> from keras_activations import _export                     # doctest: +SKIP
    >>> report = _export.measure_deployability(["gelu"])           # doctest: +SKIP
    >>> report.status("gelu", "onnx")                              # doctest: +SKIP
    'yes'
    """
    from keras_activations import _registry

    if names is None:
        names = [s.name for s in _registry.all_specs() if s.kind == "elementwise"]
    functions = {name: _registry.spec_of(name).function for name in names}
    plain = check_export(functions, formats=("saved_model", "tflite"))
    redo = {n: f for n, f in functions.items() if not _works(plain[n], "tflite", 1e-4)}
    friendly = check_export(functions, formats=("onnx",), export_forms=True)
    if redo:
        fixed = check_export(redo, formats=("tflite",), export_forms=True)
        for n, result in fixed.items():
            friendly[n].tflite = result.tflite
    sample = {n: functions[n] for n in ONNX_SAMPLE if n in functions}
    onnx_sample = check_export(sample, formats=("onnx",)) if sample else {}
    return Deployability(plain, friendly, onnx_sample)


def deployability_markdown(report: Deployability, tolerance: float = 1e-4) -> str:
    """docs/deployability.md from a :func:`measure_deployability` report.

    Example:
    >>> from keras_activations import _export                                  # doctest: +SKIP
    >>> text = _export.deployability_markdown(_export.measure_deployability())  # doctest: +SKIP
    """
    import onnx
    import onnxruntime
    import tensorflow as tf
    import tf2onnx

    def cell(status: str) -> str:
        if status == "yes":
            return "yes"
        if status.startswith("with export_friendly()"):
            return "with `export_friendly()`" + status[len("with export_friendly()"):]
        return "**no**" + status[2:]

    lines = [
        "# Deployability of every elementwise activation",
        "",
        "<!-- Generated by scripts/make_deployability.py; tests/test_export.py fails when it is out of date. -->",
        "",
        "Every elementwise activation was put in one model (one `Input → Activation` branch each),",
        'exported with `model.export(format="tf_saved_model")` and reloaded, converted to TFLite with',
        "built-in operators only (`tf.lite.OpsSet.TFLITE_BUILTINS`), and exported with",
        '`model.export(format="onnx")` (tf2onnx); each artifact was run (TensorFlow, the TFLite',
        "interpreter, ONNX Runtime) on inputs from −100 to 100 (step 0.5), −6 to 6 (step 0.05),",
        "±10⁻⁸…10² and 0. **yes** means every output matches Keras's within "
        f"{tolerance:g}·max(1, |y|), with inf and NaN where Keras has them.",
        "",
        "## How to export",
        "",
        "```python",
        "import keras_activations as ka",
        "",
        'model.export("model_dir", format="tf_saved_model")         # SavedModel: works as it is',
        'ka.export(model, "model.onnx", format="onnx")               # ONNX',
        'ka.export(model, "model_dir", format="tf_saved_model")     # for TFLite: then TFLiteConverter',
        "with ka.export_friendly():                                  # or any tracing meant for export",
        '    model.export("model.tflite", format="litert")',
        "```",
        "",
        "`ka.export(model, ...)` is `model.export(...)` inside `ka.export_friendly()`. Inside it, `erfc`, `erf`,",
        "`softplus`, `log1p`, `expm1`, `exp` and `arctan` are computed from operators every runtime has (the",
        "same values to a few float32 ulps: TFLite has no Erf, Erfc or Atan built-ins, lowers Softplus to",
        "log(1 + exp(x)) and overflows EXP from x ≈ 88.4; tf2onnx has no Erfc, Log1p or Expm1), `laplace`",
        "splits its argument without bit casts and `pau` is evaluated in float32 instead of float64 (TFLite",
        "has neither), the backend fast paths are off, and tf2onnx keeps `where` as ONNX `Where` (its",
        "`c·a + (1 − c)·b` rewrite makes NaN wherever the discarded side is inf or NaN). The model itself",
        "(training, `predict`, saving) is unchanged.",
        "",
        "## ONNX without `export_friendly()`",
        "",
        'A plain `model.export(format="onnx")` on the TensorFlow backend, measured for a sample:',
        "",
        "| activation | plain ONNX export |",
        "|---|---|",
    ]
    for name, result in report.onnx_sample.items():
        ok = _works(result, "onnx", tolerance)
        lines.append(f"| `{name}` | {'yes' if ok else '**no**: ' + _why(result, 'onnx', tolerance)} |")
    lines += [
        "",
        "## Every activation",
        "",
        f"Measured with TensorFlow {tf.__version__}, Keras {keras.__version__}, tf2onnx {tf2onnx.__version__}, "
        f"onnx {onnx.__version__}, ONNX Runtime {onnxruntime.__version__}. The ONNX column is measured",
        "inside `export_friendly()`; the TFLite column plainly, and inside `export_friendly()` where the",
        "plain conversion fails. The operator columns list the distinct operators of each branch in the",
        "converted model, alphabetically.",
        "",
        "| activation | SavedModel | TFLite (built-ins) | ONNX | TFLite operators | ONNX operators |",
        "|---|---|---|---|---|---|",
    ]
    counts = {"tflite": [0, 0, 0], "onnx": [0, 0, 0]}
    for name, result in report.plain.items():
        saved = report.status(name, "saved_model", tolerance)
        tfl = report.status(name, "tflite", tolerance)
        onx = report.status(name, "onnx", tolerance)
        for target, st in (("tflite", tfl), ("onnx", onx)):
            counts[target][0 if st == "yes" else 1 if st.startswith("with") else 2] += 1
        friendly = report.friendly.get(name)
        tfl_ops = result.tflite.ops if _works(result, "tflite", tolerance) else (
            friendly.tflite.ops if _works(friendly, "tflite", tolerance) else ())
        onx_ops = friendly.onnx.ops if _works(friendly, "onnx", tolerance) else ()
        lines.append(f"| `{name}` | {cell(saved)} | {cell(tfl)} | {cell(onx)} | {_ops_text(tfl_ops)} | "
                     f"{_ops_text(onx_ops)} |")
    total = len(report.plain)
    lines += [
        "",
        f"Summary: {total} activations. TFLite: {counts['tflite'][0]} plain, {counts['tflite'][1]} with "
        f"`export_friendly()`, {counts['tflite'][2]} not at all. ONNX (with `export_friendly()`): "
        f"{counts['onnx'][0]}, {counts['onnx'][2]} not at all.",
        "",
    ]
    return "\n".join(lines)
