"""Stable numerical primitives shared by every family.

Rules (see DESIGN.md): float16 and bfloat16 are computed in float32 and cast
back; no branch that ``where`` discards may produce inf or NaN (its gradient
would be 0 * inf = NaN), so arguments are clamped or masked before the branch
("double where"); expm1, log1p, erfc and a stable softplus are used wherever
cancellation or overflow would otherwise happen.
"""

from __future__ import annotations

import math

import keras
from keras import ops

HALF_DTYPES = ("float16", "bfloat16")
SQRT_HALF = 0.70710678118654752440084436210484903928
SQRT_2_OVER_PI = 0.79788456080286535587989211986876373695
SQRT_2PI_INV = 0.39894228040143267793994605993438186848


def is_tensor_like(value) -> bool:
    """True for backend tensors, Keras variables and numpy arrays (not Python numbers)."""
    if isinstance(value, (bool, int, float, str)) or value is None:
        return False
    return hasattr(value, "dtype") and hasattr(value, "shape")


def is_number(value) -> bool:
    """True for a Python int or float (not a bool): a parameter given as a plain number.

    Example:
    >>> from keras_activations._numerics import is_number
    >>> is_number(0.5), is_number(True), is_number([1.0])
    (True, False, False)
    """
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_float_tensor(x, owner: str = "activation"):
    """Convert ``x`` to a floating tensor; integers and booleans become ``floatx()``.

    Example:
    >>> import keras
    >>> from keras_activations._numerics import as_float_tensor
    >>> keras.backend.standardize_dtype(as_float_tensor([1, 2]).dtype)
    'float32'
    """
    if isinstance(x, keras.Variable):
        x = x.value
    kind = getattr(getattr(x, "dtype", None), "kind", None)  # numpy arrays: refuse text early
    if kind is not None and kind in "USOM":
        raise TypeError(
            f"{owner}: expected a real floating or integer tensor, got a numpy array of dtype "
            f"{x.dtype}. Convert the input to numbers first, e.g. np.asarray(x, dtype='float32')."
        )
    try:
        x = ops.convert_to_tensor(x)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{owner}: could not convert the input of type {type(x).__name__} to a tensor; expected a "
            f"real floating or integer tensor, array or nested list of numbers. ({error})"
        ) from error
    dtype = keras.backend.standardize_dtype(x.dtype)
    if "float" in dtype:
        return x
    if dtype.startswith(("int", "uint")) or dtype == "bool":
        return ops.cast(x, keras.config.floatx())
    raise TypeError(
        f"{owner}: expected a real floating or integer tensor, got dtype {dtype}. "
        f"Cast the input with keras.ops.cast(x, 'float32') first."
    )


def dtype_of(x) -> str:
    return keras.backend.standardize_dtype(x.dtype)


def _jax_float64_exact(keras_fn, name: str):
    """``keras_fn``, except float64 on JAX, which goes to ``jax.numpy`` directly.

    Keras 3.15's JAX ``ops.sin``/``ops.cos``/``ops.tanh`` compute a float64 input in float32
    (its ``result_type(float64, float)`` is float32 off TensorFlow): values lose
    float64 accuracy and arguments beyond 3.4e38 become inf, so the result NaN.
    """

    def call(x):
        if keras.backend.backend() == "jax" and dtype_of(x) == "float64":
            import jax.numpy as jnp

            return getattr(jnp, name)(x)
        return keras_fn(x)

    call.__name__ = name
    call.__doc__ = f"``ops.{name}`` that keeps float64 accuracy on JAX (see ``_jax_float64_exact``)."
    return call


def bounded_periodic(fn, t):
    """``fn(t)`` for a bounded ``fn`` (sin, cos, ...), taken as 0 where ``t`` overflowed to ±inf.

    In activations such as x + sin²(a·x)/a the argument a·x overflows for huge
    finite x while the bounded term is far below x's rounding there; sin(inf)
    would be NaN. The discarded branch sees 0, so no NaN reaches the gradient.

    Example:
    >>> import keras
    >>> from keras_activations._numerics import bounded_periodic, sin
    >>> t = keras.ops.convert_to_tensor([0.5, float("inf")])
    >>> [round(float(v), 6) for v in keras.ops.convert_to_numpy(bounded_periodic(sin, t))]
    [0.479426, 0.0]
    """
    ok = ops.isfinite(t)
    zeros = ops.zeros_like(t)
    return ops.where(ok, fn(ops.where(ok, t, zeros)), zeros)


def bitcast(x, dtype: str):
    """Reinterpret the bits of ``x`` as ``dtype`` of the same width (``ops.view``).

    On TensorFlow, ``tf.bitcast`` directly: Keras's ``ops.view`` needs a static
    rank, which a graph traced for any shape (the fast paths) does not have.

    Example:
    >>> import keras
    >>> from keras_activations._numerics import bitcast
    >>> int(keras.ops.convert_to_numpy(bitcast(keras.ops.ones((1,)), "int32"))[0])
    1065353216
    """
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        return tf.bitcast(x, dtype)
    return ops.view(x, dtype)


sin = _jax_float64_exact(ops.sin, "sin")
cos = _jax_float64_exact(ops.cos, "cos")
tanh = _jax_float64_exact(ops.tanh, "tanh")


def upcast_call(fn, x, **params):
    """Call ``fn(x, **params)`` in float32 when ``x`` is float16 or bfloat16."""
    dtype = dtype_of(x)
    if dtype not in HALF_DTYPES:
        return fn(x, **params)
    params = {
        k: ops.cast(v, "float32") if is_tensor_like(v) else v for k, v in params.items()
    }
    return ops.cast(fn(ops.cast(x, "float32"), **params), dtype)


def softplus_value(x):
    """ln(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)): exact for every x, no overflow, NaN stays NaN.

    The backends' softplus switch to ``x`` above a threshold (PyTorch at 20,
    TensorFlow near 15.9 in float32), which is off by up to 1e-10 relative in
    float64; this form is not. Differentiate it through :func:`softplus`
    (derivative σ(x)): autodiff of ``|x|`` would give 0 at x = 0.
    """
    return ops.relu(x) + ops.log1p(ops.exp(-ops.abs(x)))


def softplus(x):
    """ln(1 + eˣ), exact everywhere, with the derivative σ(x) (1/2 at 0, not 0)."""
    return with_derivative(softplus_value, ops.sigmoid)(x)


def log_sigmoid(x):
    """ln σ(x) = −softplus(−x), exact everywhere, derivative σ(−x)."""
    return with_derivative(lambda v: -softplus_value(-v), lambda v: ops.sigmoid(-v))(x)


def safe_where(condition, x, true_fn, false_fn, true_safe=0.0, false_safe=0.0):
    """``where(condition, true_fn(x), false_fn(x))`` with NaN-free gradients.

    Each branch is evaluated only on inputs meant for it: elsewhere its
    argument is replaced by a harmless value (``true_safe`` / ``false_safe``),
    so a branch that would overflow where it is discarded cannot put
    0 * inf = NaN into the gradient.
    """
    safe_t = ops.where(condition, x, ops.cast(true_safe, x.dtype))
    safe_f = ops.where(condition, ops.cast(false_safe, x.dtype), x)
    return ops.where(condition, true_fn(safe_t), false_fn(safe_f))


def normal_cdf(x):
    """Phi(x) = erfc(-x / sqrt 2) / 2: accurate in both tails (no 1 + erf cancellation)."""
    return 0.5 * ops.erfc(-x * SQRT_HALF)


def finite_max(dtype: str) -> float:
    """The largest finite value of a float dtype."""
    import numpy as np

    if dtype == "bfloat16":
        import ml_dtypes

        return float(ml_dtypes.finfo(ml_dtypes.bfloat16).max)
    return float(np.finfo(dtype).max)


def is_nan_passthrough(x, y):
    """``y`` with NaN wherever ``x`` is NaN (for formulas built from max/min/clip,
    which some backends resolve to a number)."""
    return ops.where(ops.isnan(x), x, y)


INF = math.inf


def with_derivative(value_fn, derivative_fn):
    """Elementwise ``value_fn`` whose gradient is ``upstream * derivative_fn(x)``.

    The backward pass keeps only ``x`` and recomputes the derivative from it, so
    it can use a form that is accurate where autodiff of ``value_fn`` is not
    (for ``x - tanh(x)`` autodiff gives ``1 - (1 - tanh(x)**2)``, which
    cancels to 0 near 0; the derivative ``tanh(x)**2`` does not).
    Only for functions of ``x`` alone: parameters must be Python numbers.
    """

    @ops.custom_gradient
    def fn(x):
        def grad(*args, upstream=None):
            if upstream is None:
                (upstream,) = args
            return upstream * derivative_fn(x)

        return value_fn(x), grad

    return fn
