"""Fast paths: the same activations, computed with fewer kernels and a leaner backward pass.

Each fast path is registered with :func:`keras_activations._registry.register_fast_path`
and used by the public function of its activation (same name, same values, same
gradients) unless ``keras_activations.set_fast_paths(False)`` was called or
``KERAS_ACTIVATIONS_PORTABLE=1`` was set before import; calls with tensor
parameters (learnable layers) always take the portable path. The tests run both
paths against the same float64 references (``tests/test_fast_paths.py``) and
check what the backward pass keeps (``tests/test_memory.py``).

An activation is an elementwise pass, so its floor is memory traffic: forward
reads x and writes y, backward reads x and dy and writes dx. The portable
``keras.ops`` definitions run several kernels and let autodiff keep several
intermediate tensors. The fast paths remove both costs, one mechanism per backend:

* **JAX** (``jax.custom_jvp``): the tangent rule is ``f'(x)·t`` with ``f'`` given
  (derived by hand with fewer transcendental functions where that pays, e.g.
  mish with one ``exp``), or else taken from the portable definition by
  ``jax.vjp``. Autodiff then keeps exactly one input-sized tensor, ``f'(x)``,
  instead of every intermediate; ``jit`` fuses the rest. Forward mode, reverse
  mode and higher derivatives all keep working. Piecewise-linear activations
  are left to autodiff, which keeps only a boolean mask (smaller than one float).
* **TensorFlow** (inside a ``tf.function``, i.e. Keras's ``fit``, ``evaluate``
  and ``predict``): a ``tf.custom_gradient`` whose forward and backward are
  each one XLA computation (``tf.function(jit_compile=True)``), although Keras
  runs the graph itself without XLA on CPU. Backward keeps only ``x`` and
  recomputes the rest inside its fused kernel. Eager calls keep the portable
  path: compiling for every new shape would cost more than it saves.
* **PyTorch** (eager; ``keras_activations/_fast_torch.py``): the native kernel
  where its values, limits and NaN handling match our references (``elu``, ``selu``, ``celu``, ``softplus`` with a safe
  threshold, ``leaky_relu``, ``hardtanh``, ``hardsigmoid``, ``threshold``,
  ``hardshrink``, ``softshrink``, also for activations that are one of them with
  other constants, such as pelu and shifted_relu); where a native kernel is exact except at ±inf
  (``silu``, ``mish``, ``hardswish``: NaN at −inf), a read-only scan of the input
  (``aminmax``) sends only inputs with ±inf or NaN to a ``torch.autograd.Function``
  that repairs them; otherwise (most other elementwise activations, with
  Python-number parameters) a ``torch.autograd.Function`` built from the fewest
  kernels, run in place on temporaries, that saves only ``x`` (or only
  its output where the derivative is a function of it: squareplus, scaled_tanh).
  ``torch.where`` is not vectorised on CPU (5x a clamp), so branches become clamp,
  maximum, copysign or threshold kernels (a branch that lies above x on its side is
  max(x, branch)), and ±inf, NaN and overflow go to the fix-up path only; the
  self-gated x·g(x) share one builder. Arguments of exp and erfc are kept in their
  fast range: PyTorch's CPU exp takes 20-70x longer where it underflows. When backward is
  itself recorded (``create_graph=True``: gradient penalties, Hessian-vector products), whose
  in-place and ``*_backward`` kernels autograd cannot differentiate, the gradient is taken by
  autograd through the portable definition instead, so second derivatives work (except through
  PyTorch's own hardsigmoid kernel, which has none; see docs/compatibility.md).

Native kernels that fail our accuracy tests are not used: PyTorch's exact
``gelu`` and ``ndtr`` (1 + erf cancels: 100% wrong near x = −11.7), ``tanhshrink``
(x − tanh x loses every digit near 0), ``softsign`` (NaN at ±inf); ``logsigmoid``
gives only the value of log_sigmoid (its backward keeps a second input-sized buffer; the derivative,
σ(−x), is PyTorch's softplus backward with β = −1, from x alone).

Measured effect: ``benchmarks/results/results.md``.
"""

from __future__ import annotations

import math
from typing import Callable

import keras
from keras import ops

from keras_activations import _numerics, _registry

BACKEND = keras.backend.backend()

# Elementwise activations that are one native kernel on every backend already:
# nothing to fuse, and their autodiff keeps at most one tensor.
NATIVE_SINGLE_KERNEL = frozenset({"linear", "relu", "sigmoid", "tanh", "relu6"})
# Measured (benchmarks/results, TensorFlow graph without XLA vs the fused XLA path): XLA's CPU
# sin, cos and atan are 10-20x slower than TensorFlow's own kernels (and exp alone is one kernel
# already), so these keep TensorFlow's kernels: the fused path would be slower.
TF_SLOWER_UNDER_XLA = frozenset({
    "arctan", "calu", "sine", "snake", "snake_beta", "gcu", "asu", "sinc", "sinlu", "sine_relu",
    "exponential",
})
# Families whose functions draw random numbers or mix elements along an axis. The generic
# derivative below (one vjp with ones) is only right for elementwise functions, so anything
# that has an `axis` parameter is skipped too, whatever its declared kind.
SKIPPED_FAMILIES = frozenset({"stochastic", "normalizing", "gated"})


def _key(params: dict):
    """A hashable key for a parameter set, or None (then the portable path is taken)."""
    items = []
    for k, v in sorted(params.items()):
        if isinstance(v, list):
            v = tuple(v)
        try:
            hash(v)
        except TypeError:
            return None
        items.append((k, v))
    return tuple(items)


# --------------------------------------------------------------------------- hand-derived formulas
# value_and_derivative(x, **params) -> (f(x), f'(x)), in keras.ops, for float32/float64 input.
# Each keeps the portable definition's accuracy (tests/test_fast_paths.py checks them against the
# same mpmath references) with fewer transcendental functions.


def _mish_vad(x):
    """mish(x) = x·tanh(softplus(x)) = x·n/(n + 2), n = eˣ(eˣ + 2): one exp.

    tanh(ln(1 + e)) = ((1 + e)² − 1)/((1 + e)² + 1) = n/(n + 2), and
    mish'(x) = t + x·σ(x)·(1 − t²) = t + 4x·e·(1 + e)/(n + 2)². The argument of
    exp is clipped to [−1000, 20]: above 20, t = 1 − 2e⁻⁴⁰ rounds to 1 and the
    second term is below 1e−15; below −1000 everything underflows to 0, as it should.
    """
    xc = ops.clip(x, -1000.0, 20.0)
    e = ops.exp(xc)
    n = e * (e + 2.0)
    q = n + 2.0
    t = n / q
    y = x * t
    zero = ops.zeros_like(x)
    y = ops.where(t == 0.0, zero, y)  # x = −inf: 0, not −inf·0; NaN stays NaN
    d = t + 4.0 * xc * e * (1.0 + e) / (q * q)
    return y, d


def _silu_vad(x):
    """silu = x·σ(x), silu' = σ(x)·(1 + x·(1 − σ(x))), from one sigmoid of the clipped input."""
    xc = ops.clip(x, -1000.0, 1000.0)
    s = ops.sigmoid(xc)
    y = ops.where(s == 0.0, ops.zeros_like(x), x * s)
    d = s * (1.0 + xc * (1.0 - s))
    return y, d


def _gelu_vad(x):
    """gelu = x·Φ(x), Φ = erfc(−x/√2)/2; gelu' = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)."""
    xc = ops.clip(x, -1e4, 1e4)
    phi_cdf = 0.5 * ops.erfc(xc * -_numerics.SQRT_HALF)
    y = ops.where(phi_cdf == 0.0, ops.zeros_like(x), x * phi_cdf)
    d = phi_cdf + xc * (_numerics.SQRT_2PI_INV * ops.exp(-0.5 * xc * xc))
    return y, d


def _squareplus_vad(b):
    """squareplus(x) = (x + r)/2, r = √(x² + b): P = (|x| + r)/2 for x ≥ 0, (b/4)/P for x < 0
    (the two are equal; neither cancels), and squareplus' = y/r. Where x² would overflow
    (|x| > 1e18, b/x² below every rounding) r = |x|."""
    quarter_b = 0.25 * b

    def vad(x):
        a = ops.abs(x)
        big = a > 1e18
        a_small = ops.where(big, ops.zeros_like(a), a)
        r = ops.where(big, a, ops.sqrt(a_small * a_small + b))
        p = ops.where(big, a, 0.5 * (a + r))  # a + r cannot overflow below 1e18
        y = ops.where(x >= 0, p, quarter_b / p)
        # beyond 1e18 the derivative is 1 (x > 0) or below every float (x < 0); inf/inf there
        d = ops.where(big, ops.cast(x >= 0, x.dtype), y / ops.where(big, ops.ones_like(r), r))
        return y, d

    return vad


def _tanh_shrink_coefficients(depth):
    """Lambert's continued fraction tanh x = x/(1 + x²/(3 + x²/(5 + ...))) gives, with no
    cancellation, x − tanh x = x³/(x² + D(x²)), D(z) = 3 + z/(5 + z/(7 + ...)). Returns the
    convergent of D as polynomials (P, Q) in z, lowest degree first: D ≈ P/Q."""
    p, q = [float(2 * depth + 1)], [1.0]
    for m in range(2 * depth - 1, 1, -2):
        new_p = [m * c for c in p] + [0.0]
        for i, c in enumerate(q):
            new_p[i + 1] += c
        p, q = new_p, p
    return p, q


# depth 6: 7e-12 relative for |x| ≤ 1 (float32); depth 9: 2e-19 (float64)
_TANH_SHRINK_CF = {"float32": _tanh_shrink_coefficients(6), "float64": _tanh_shrink_coefficients(9)}


def _horner(coefficients, z):
    acc = coefficients[-1]
    for c in reversed(coefficients[:-1]):
        acc = acc * z + c
    return acc


def _tanh_shrink_vad(x):
    """x − tanh(x): for |x| < 1, x·z·Q/(z·Q + P) with z = x² (the continued fraction above: one
    tanh-free rational, no cancellation); beyond, x − tanh(x) (it loses under 2 bits there).
    The derivative tanh²(x) reuses it: tanh x = x − y for |x| < 1."""
    p, q = _TANH_SHRINK_CF["float64" if _numerics.dtype_of(x) == "float64" else "float32"]
    near = ops.abs(x) < 1.0
    xs = ops.where(near, x, ops.zeros_like(x))
    z = xs * xs
    qz = _horner(q, z)
    series = xs * z * qz / (z * qz + _horner(p, z))
    t = ops.tanh(x)
    y = ops.where(near, series, x - t)
    t = ops.where(near, xs - series, t)
    return y, t * t


def _serf_vad(x):
    """serf = x·erf(s), s = softplus(x) = max(x, 0) + log1p(e^(−|x|)); serf' = erf(s) +
    x·(2/√π)·e^(−s²)·σ(x), σ(x) from the same e^(−|x|): four transcendental functions in all."""
    xc = ops.clip(x, -1e4, 1e4)  # beyond, s and the gate are exact limits; keeps inf·0 out
    e = ops.exp(-ops.abs(xc))
    s = ops.relu(xc) + ops.log1p(e)
    g = ops.erf(s)
    y = ops.where(g == 0.0, ops.zeros_like(x), x * g)
    sig = ops.where(xc >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    d = g + (2.0 / math.sqrt(math.pi)) * xc * ops.exp(-s * s) * sig
    return y, d


# name -> function of the parameter set returning value_and_derivative(x), or None where the
# formula does not cover those parameters (the generic derivative is used there).
FORMULAS: dict[str, Callable[[dict], Callable | None]] = {
    "mish": lambda p: _mish_vad,
    "silu": lambda p: _silu_vad,
    "gelu": lambda p: None if p.get("approximate") else _gelu_vad,
    "squareplus": lambda p: _squareplus_vad(float(p["b"])),
    "tanh_shrink": lambda p: _tanh_shrink_vad,
    "serf": lambda p: _serf_vad,
}


# --------------------------------------------------------------------------- JAX


def _jax_builder(spec, vad):
    import jax
    import jax.numpy as jnp

    math_fn = spec.function.__wrapped_math__
    defaults = spec.defaults
    cache: dict = {}

    def build(p):
        formula = vad(p) if vad is not None else None
        if formula is not None:
            value_and_derivative = formula

            def value(v):
                return formula(v)[0]  # jit drops the unused derivative
        else:
            def value(v):
                return math_fn(v, **p)

            def value_and_derivative(v):
                y, pull = jax.vjp(value, v)
                (d,) = pull(jnp.ones_like(y))
                return y, d

        f = jax.custom_jvp(value)

        @f.defjvp
        def f_jvp(primals, tangents):
            (v,), (t,) = primals, tangents
            y, d = value_and_derivative(v)
            return y, (d * t).astype(y.dtype)

        return f

    def impl(x, **params):
        p = {**defaults, **params}
        key = _key(p)
        if key is None:
            return math_fn(x, **p)
        f = cache.get(key)
        if f is None:
            f = cache[key] = build(p)
        return f(x)

    return impl


# --------------------------------------------------------------------------- TensorFlow


def _tf_builder(spec, vad):
    import tensorflow as tf

    math_fn = spec.function.__wrapped_math__
    defaults = spec.defaults
    cache: dict = {}

    def build(p, rank, dtype):
        formula = vad(p) if vad is not None else None
        if formula is not None:
            def value(v):
                return formula(v)[0]  # XLA drops the unused derivative

            def backward(v, dy):
                return dy * formula(v)[1]
        else:
            def value(v):
                return math_fn(v, **p)

            def backward(v, dy):
                with tf.GradientTape() as tape:
                    tape.watch(v)
                    y = value(v)
                return tape.gradient(y, v, output_gradients=dy)

        # One trace per rank and dtype, with every dimension dynamic (XLA still compiles per concrete
        # shape). Not reduce_retracing: it relaxes to an unknown rank, which Keras ops such as
        # expand_dims (kaf) cannot trace.
        spec_ = tf.TensorSpec([None] * rank, dtype)
        fwd = tf.function(value, jit_compile=True, autograph=False, input_signature=[spec_])
        bwd = tf.function(backward, jit_compile=True, autograph=False, input_signature=[spec_, spec_])

        @tf.custom_gradient
        def f(v):
            y = fwd(v)

            def grad(dy):
                return bwd(v, dy)

            return y, grad

        return f

    def impl(x, **params):
        p = {**defaults, **params}
        key = _key(p)
        rank = x.shape.rank
        if key is None or rank is None or tf.executing_eagerly():
            return math_fn(x, **p)
        full_key = (key, rank, x.dtype)
        f = cache.get(full_key)
        if f is None:
            f = cache[full_key] = build(p, rank, x.dtype)
        return f(x)

    return impl


# --------------------------------------------------------------------------- registration


def _generic_candidates():
    for spec in _registry.all_specs():
        if spec.kind != "elementwise" or spec.family in SKIPPED_FAMILIES:
            continue
        if any(p.name == "axis" for p in spec.parameters):
            continue
        if spec.name in NATIVE_SINGLE_KERNEL or spec.name == "binary_step":
            continue
        if not getattr(spec.function, "__upcast__", True):
            continue
        yield spec


def _register_all():
    if BACKEND == "jax":
        for spec in _generic_candidates():
            if "piecewise_linear" in spec.properties:
                continue
            _registry.register_fast_path(spec.name, "jax", _jax_builder(spec, FORMULAS.get(spec.name)))
    elif BACKEND == "tensorflow":
        for spec in _generic_candidates():
            if spec.name in TF_SLOWER_UNDER_XLA:
                continue
            _registry.register_fast_path(spec.name, "tensorflow", _tf_builder(spec, FORMULAS.get(spec.name)))
    elif BACKEND == "torch":
        from keras_activations import _fast_torch

        _fast_torch.register()


_register_all()
