"""Normalising activations: they act along an axis.

softmax, log_softmax, softmin, sparsemax, entmax15 and α-entmax map each slice
along ``axis`` (a "row") to a probability vector (log-probabilities for
log_softmax); squash (capsule networks) rescales the row's Euclidean norm into
[0, 1). Every normalising function takes an optional ``mask`` (True keeps a
position, False removes it: its output is 0, or −inf for log_softmax), as
``keras.layers.Softmax`` does.

Conventions shared by all of them (each docstring repeats what applies):

* ±inf entries are taken as ±(largest finite value of the dtype), the two
  being the same number at that end of float arithmetic: a row holding +inf
  shares the mass equally among its +inf (and largest finite) entries, −inf
  entries get 0 unless the whole row is −inf, which is then uniform (the
  limit of equal logits). The gradient with respect to an infinite entry is 0.
* Rows are shifted by their maximum, so no finite input overflows: the
  functions are exact at ±largest finite.
* Masked positions are removed (output 0, −inf for log_softmax, gradient 0);
  a row with every position masked is all 0 (−inf for log_softmax), as with
  ``keras.layers.Softmax``.
* A NaN in a kept position makes the whole row NaN.
* sparsemax and entmax return exact zeros outside their support, and their
  gradients are the papers' closed-form Jacobian-vector products, computed
  from the output alone (``keras.ops.custom_gradient``): autodiff through a
  sort is wasteful and through bisection wrong.
"""

from __future__ import annotations

import math

import keras
from keras import ops

from keras_activations import _numerics, _registry
from keras_activations._registry import Parameter, activation

_AXIS = Parameter("axis", -1, description="the axis to normalise over (an integer)")
_MASK = Parameter(
    "mask",
    None,
    description="optional boolean mask broadcastable to x; True keeps a position, False masks it",
)

_SPARSEMAX_REF = (
    "Martins & Astudillo 2016, From softmax to sparsemax: a sparse model of attention and "
    "multi-label classification, ICML 2016, arXiv:1602.02068."
)
_ENTMAX_REF = (
    "Peters, Niculae & Martins 2019, Sparse sequence-to-sequence models, ACL 2019, "
    "arXiv:1905.05702."
)
_BRIDLE_REF = (
    "Bridle 1990, Probabilistic interpretation of feedforward classification network outputs."
)


# ---------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------


def _axis_index(x, axis, owner):
    """``axis`` as a non-negative index into ``x``'s shape, or a clear ValueError."""
    rank = len(x.shape)
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise ValueError(
            f"{owner}: `axis` must be an integer; received {axis!r} of type "
            f"{type(axis).__name__}. Pass a single axis such as -1."
        )
    if rank == 0:
        raise ValueError(
            f"{owner}: expected an input of rank >= 1 to normalise along `axis`; received a "
            f"scalar. Pass at least a vector."
        )
    if not -rank <= axis < rank:
        raise ValueError(
            f"{owner}: `axis` must be in [{-rank}, {rank - 1}] for an input of rank {rank} "
            f"(shape {tuple(x.shape)}); received axis={axis}."
        )
    return axis % rank


def _mask_tensor(mask, x, owner):
    """``mask`` as a boolean tensor broadcastable to ``x`` (non-bool: > 0.5 keeps)."""
    mask = ops.convert_to_tensor(mask)
    if _numerics.dtype_of(mask) != "bool":
        mask = ops.greater(ops.cast(mask, "float32"), 0.5)
    m_shape, x_shape = tuple(mask.shape), tuple(x.shape)
    bad = len(m_shape) > len(x_shape)
    if not bad:
        for m_dim, x_dim in zip(m_shape[::-1], x_shape[::-1]):
            if m_dim is not None and x_dim is not None and m_dim not in (1, x_dim):
                bad = True
    if bad:
        raise ValueError(
            f"{owner}: `mask` must be broadcastable to the input without growing it (each mask "
            f"dimension 1 or equal to the input's, aligned from the right); received mask shape "
            f"{m_shape} for input shape {x_shape}."
        )
    return mask


def _clipped(x):
    """x with ±inf replaced by ±(largest finite): the limit convention of this module."""
    big = _numerics.finite_max(_numerics.dtype_of(x))
    return ops.clip(x, _constant(-big, x), _constant(big, x))


def _shifted_rows(x, axis, mask):
    """Rows shifted so that their maximum is 0: returns ``(z, empty)``.

    ±inf are clipped to ±largest finite and masked positions become −inf.
    ``empty`` (keepdims) marks rows with every position masked; their ``z``
    stays all −inf. The shift carries no gradient (every function here is
    shift invariant).
    """
    x = _clipped(x)
    if mask is not None:
        x = ops.where(mask, x, -math.inf)
    m = ops.stop_gradient(ops.max(x, axis=axis, keepdims=True))
    empty = m == -math.inf
    return x - ops.where(empty, ops.zeros_like(m), m), empty


def _upstream(args, upstream):
    if upstream is None:
        (upstream,) = args
    return upstream


def _to_last(z, axis):
    """Move ``axis`` last (sort-based algorithms work on the last axis) and a way back."""
    rank = len(z.shape)
    if axis == rank - 1:
        return z, lambda y: y
    return ops.moveaxis(z, axis, -1), lambda y: ops.moveaxis(y, -1, axis)


def _row_count(z):
    """1, 2, ..., n along the last axis, in ``z``'s dtype."""
    n = ops.shape(z)[-1]
    return ops.arange(1, n + 1, dtype=_numerics.dtype_of(z))


def _cumsum_last(z):
    """Cumulative sum along the last axis, in ``z``'s dtype.

    Keras 3.15's ``ops.cumsum`` (like ``maximum``, ``minimum``, ``floor`` and
    ``matmul``) returns float32 for float64 input on the PyTorch backend, so
    PyTorch's own cumsum is called there.
    """
    if keras.backend.backend() == "torch":
        import torch

        return torch.cumsum(z, dim=-1)
    return ops.cumsum(z, axis=-1)


def _constant(value, like):
    """A Python number as a tensor of ``like``'s dtype.

    Keras 3.15's PyTorch ``power`` and ``clip`` convert a Python number to
    float32, so a float64 input would be raised to a float32-rounded exponent,
    or clipped at ±inf instead of ±largest float64.
    """
    return ops.convert_to_tensor(value, dtype=_numerics.dtype_of(like))


def _descending(z):
    return ops.flip(ops.sort(z, axis=-1), axis=-1)


def _support_size(condition, k):
    """The largest k whose condition holds (at least 1), per row (keepdims)."""
    size = ops.max(ops.where(condition, k, ops.zeros_like(k)), axis=-1, keepdims=True)
    return ops.where(size >= 1.0, size, ops.ones_like(size))


def _gather_at(values, size):
    """``values[..., size - 1]`` per row (keepdims); ``size`` is a float count >= 1."""
    index = ops.cast(size, "int32") - 1
    return ops.take_along_axis(values, index, axis=-1)


def _nan_rows(totals):
    """True for rows whose running total (last cumsum entry) is NaN, i.e. rows with a NaN."""
    return ops.isnan(totals[..., -1:])


def _sparse_rows(core, x, axis, mask, owner):
    """Apply a sort-based ``core`` (rows on the last axis, max 0) along ``axis``."""
    axis = _axis_index(x, axis, owner)
    if mask is not None:
        mask = _mask_tensor(mask, x, owner)
    z, empty = _shifted_rows(x, axis, mask)
    z = ops.where(empty, ops.zeros_like(z), z)  # a fully masked row is computed as uniform, then zeroed
    z_last, back = _to_last(z, axis)
    p = back(core(z_last))
    return _masked_out(ops.where(empty, ops.zeros_like(p), p), mask, 0.0)


# ---------------------------------------------------------------------------
# softmax, log_softmax, softmin
# ---------------------------------------------------------------------------


def _log_sum_exp_rows(z, axis):
    """log Σ exp(z) for rows with max 0, as log1p of the non-maximal terms (and of extra ties)."""
    tie = ops.cast(z == 0, z.dtype)
    # exp(0) is exactly 1, so e − tie is exactly 0 at the maxima: `rest` sums the other terms
    # (no select, which PyTorch does not vectorise on the CPU)
    rest = ops.sum(ops.exp(z) - tie, axis=axis, keepdims=True)
    ties = ops.sum(tie, axis=axis, keepdims=True)
    # Σ exp(z) = ties + rest; ties >= 1 except in fully masked rows (there log Σ is taken as 0)
    return ops.log1p(rest + ops.relu(ties - 1.0))


def _log_softmax_rows(z, axis):
    """z − log Σ exp(z) for rows with max 0; backward from the output, g − exp(y)·Σg."""

    def forward(z):
        y = z - _log_sum_exp_rows(z, axis)

        def grad(*args, upstream=None):
            g = _upstream(args, upstream)
            return g - ops.exp(y) * ops.sum(g, axis=axis, keepdims=True)

        return y, grad

    return ops.custom_gradient(forward)(z)


def _fused_log_softmax(x, axis):
    """:func:`log_softmax` without a mask in one custom gradient: the clip of ±inf and the shift fuse
    into the reductions under XLA, and backward (g − exp(y)·Σg, 0 at infinite entries as through
    the clip) reads y and x."""
    big = _constant(_numerics.finite_max(_numerics.dtype_of(x)), x)

    def forward(v):
        m = ops.stop_gradient(ops.max(v, axis=axis, keepdims=True))
        z = ops.clip(v, -big, big) - ops.clip(m, -big, big)
        y = z - _log_sum_exp_rows(z, axis)

        def grad(*args, upstream=None):
            g = _upstream(args, upstream)
            dx = g - ops.exp(y) * ops.sum(g, axis=axis, keepdims=True)
            return ops.where(ops.isinf(v), ops.zeros_like(dx), dx)

        return y, grad

    return ops.custom_gradient(forward)(x)


def _finite_rows_softmax(x, axis):
    """Softmax with the conventions of :func:`softmax` (±inf as ±largest finite, gradient 0 at
    infinite entries) in the fewest passes: the shift max(x) is clipped per row, the input clip
    and exp fuse into one pass under XLA, and backward keeps only y. Rows whose max is ±inf
    (the only ones where the clip changes the result) get gradient 0 throughout, as through
    the clip: their finite entries have y = 0, their infinite ones are clipped."""
    big = _constant(_numerics.finite_max(_numerics.dtype_of(x)), x)

    def forward(v):
        m = ops.stop_gradient(ops.max(v, axis=axis, keepdims=True))
        e = ops.exp(ops.clip(v, -big, big) - ops.clip(m, -big, big))
        y = e / ops.sum(e, axis=axis, keepdims=True)
        regular = ops.cast(ops.isfinite(m), y.dtype)

        def grad(*args, upstream=None):
            g = _upstream(args, upstream)
            return (g - ops.sum(g * y, axis=axis, keepdims=True)) * (y * regular)

        return y, grad

    return ops.custom_gradient(forward)(x)


def _every_row_max_finite(x, axis):
    """One boolean: no row of ``x`` has a ±inf maximum (a NaN maximum counts as not finite)."""
    return ops.all(ops.isfinite(ops.max(ops.stop_gradient(x), axis=axis, keepdims=True)))


def _branching_is_cheap(x):
    """True unless ``x`` is a PyTorch CUDA tensor, where a data-dependent branch (a Python ``if``)
    would synchronise the host with the device; TensorFlow and JAX branch inside the graph."""
    return keras.backend.backend() != "torch" or not x.is_cuda


def _softmax_math(x, axis, mask, owner):
    axis = _axis_index(x, axis, owner)
    if mask is None:
        if keras.backend.backend() == "jax":
            # under XLA the fused formula is as fast as the native softmax, with no branch
            return _finite_rows_softmax(x, axis)
        if _branching_is_cheap(x):
            # the backend's native softmax (one fused kernel each way) unless a row needs the clip
            return ops.cond(_every_row_max_finite(x, axis), lambda: ops.softmax(x, axis=axis),
                            lambda: _finite_rows_softmax(x, axis))
        # PyTorch on CUDA: no branch (it would synchronise); the clip costs one kernel each way,
        # beside the native softmax's one, where the formula would run one per operation
        return ops.softmax(_clipped(x), axis=axis)
    z = _clipped(x)
    mask = _mask_tensor(mask, x, owner)
    # a fully masked row is NaN inside (all −inf), replaced by 0; no NaN reaches x's gradient
    # because `where` passes a zero cotangent to the branch it discards
    return ops.where(mask, ops.softmax(ops.where(mask, z, -math.inf), axis=axis), 0.0)


def _masked_out(y, mask, value):
    """``value`` at masked positions, whatever the row holds (a NaN row too)."""
    if mask is None:
        return y
    return ops.where(mask, y, value)


@activation(
    family="normalizing",
    formula="exp(xᵢ) / Σⱼ exp(xⱼ) along an axis",
    parameters=(_AXIS, _MASK),
    output_range=(0.0, 1.0),
    properties=("continuous", "smooth"),
    references=(_BRIDLE_REF,),
    kind="axis",
    keras_name="softmax",
    torch_name="softmax",
    featured=True,
)
def softmax(x, axis=-1, mask=None):
    """Softmax along ``axis``: exp(xᵢ) / Σⱼ exp(xⱼ).

    Args:
        x: input tensor (logits), rank >= 1.
        axis: the axis to normalise over, an integer in [−rank, rank); default −1.
        mask: optional boolean tensor broadcastable to ``x`` (each dimension 1 or
            equal to ``x``'s), True to keep a position and False to mask it, as in
            ``keras.layers.Softmax``; non-boolean masks keep values > 0.5.
            Default None (nothing masked).

    Returns:
        Non-negative values summing to 1 along ``axis``; masked positions are
        exactly 0, and a row with every position masked (or −inf) is all 0.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.softmax([[1.0, 1.0]])  # [[0.5, 0.5]]
    >>> y = ka.softmax([[1.0, 5.0, 1.0]], mask=[[True, False, True]])  # [[0.5, 0., 0.5]]

    Reference:
        Bridle (1990), "Probabilistic interpretation of feedforward
        classification network outputs, with relationships to statistical
        pattern recognition", Neurocomputing, NATO ASI Series F68.

    Numerics:
        exp(x − max x) / Σ with ±inf taken as ±largest finite: the backend's
        native softmax where every row's maximum is finite (TensorFlow,
        PyTorch on the CPU), else one formula whose clip fuses with the exp
        under XLA; backward from the output in both. A row holding
        +inf shares the mass equally among its +inf entries, −inf entries get
        0, a row of only −inf entries is uniform (the limit of equal logits)
        instead of 0/0 = NaN, and infinite entries get gradient 0. A fully
        masked row is 0. NaN in a row gives a NaN row. float16/bfloat16 are
        computed in float32.
    """
    return _softmax_math(x, axis, mask, "softmax")


@activation(
    family="normalizing",
    formula="xᵢ − log Σⱼ exp(xⱼ) along an axis",
    parameters=(_AXIS, _MASK),
    output_range=(-math.inf, 0.0),
    properties=("continuous", "smooth"),
    references=(_BRIDLE_REF,),
    aliases=("logsoftmax",),
    kind="axis",
    keras_name="log_softmax",
    torch_name="log_softmax",
)
def log_softmax(x, axis=-1, mask=None):
    """Log-softmax along ``axis``: xᵢ − log Σⱼ exp(xⱼ) = log softmax(x)ᵢ.

    Args:
        x: input tensor (logits), rank >= 1.
        axis: the axis to normalise over, an integer in [−rank, rank); default −1.
        mask: optional boolean tensor broadcastable to ``x``; True keeps, False
            masks (see :func:`softmax`). Default None.

    Returns:
        Values ≤ 0 whose exponentials sum to 1 along ``axis``; masked positions
        (probability 0) are −inf, and so is a fully masked row.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.log_softmax([[0.0, 0.0]])  # [[-0.6931472, -0.6931472]]

    Reference:
        Bridle (1990), "Probabilistic interpretation of feedforward
        classification network outputs"; the log of :func:`softmax`.

    Numerics:
        z = x − max x, then z − log1p(Σ_{z<0} e^z + (#ties − 1)): the log of the
        sum is taken as log1p of the terms below the maximum, so a dominant
        entry keeps its tiny negative value (log_softmax([0, −30])₀ = −9.4e−14,
        where x − max − log Σ rounds to 0). ±inf are taken as ±largest finite,
        as in :func:`softmax` (so an entry beside +inf gets about −3.4e38 in
        float32 rather than −inf); NaN rows give NaN. Backward from the
        output: g − exp(y)·Σ g. Inputs with no ±inf skip the clip (a branch on
        their min and row maxima). float16/bfloat16 are computed in float32.
    """
    owner = "log_softmax"
    axis = _axis_index(x, axis, owner)
    if mask is None and keras.backend.backend() == "jax":
        return _fused_log_softmax(x, axis)
    if mask is None and _branching_is_cheap(x):
        # every entry finite (the common case): no clip, whose gradient mask costs a pass each way;
        # the test reads x once (its min) beside the row maxima the shift needs anyway
        m = ops.stop_gradient(ops.max(x, axis=axis, keepdims=True))
        finite = ops.logical_and(ops.isfinite(ops.max(m)), ops.isfinite(ops.min(ops.stop_gradient(x))))
        return ops.cond(finite, lambda: _log_softmax_rows(x - m, axis),
                        lambda: _log_softmax_rows(_shifted_rows(x, axis, None)[0], axis))
    if mask is not None:
        mask = _mask_tensor(mask, x, owner)
    z, _ = _shifted_rows(x, axis, mask)
    return _masked_out(_log_softmax_rows(z, axis), mask, -math.inf)


@activation(
    family="normalizing",
    formula="exp(−xᵢ) / Σⱼ exp(−xⱼ) along an axis (softmax of −x)",
    parameters=(_AXIS, _MASK),
    output_range=(0.0, 1.0),
    properties=("continuous", "smooth"),
    references=("PyTorch torch.nn.Softmin: softmax(−x).", _BRIDLE_REF),
    torch_name="softmin",
    kind="axis",
)
def softmin(x, axis=-1, mask=None):
    """Softmin along ``axis``: softmax(−x), the smallest entries get the most mass.

    Args:
        x: input tensor, rank >= 1.
        axis: the axis to normalise over, an integer in [−rank, rank); default −1.
        mask: optional boolean tensor broadcastable to ``x``; True keeps, False
            masks (output 0). Default None.

    Returns:
        Non-negative values summing to 1 along ``axis`` (0 at masked positions).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.softmin([[0.0, 1.0]])  # [[0.7310586, 0.2689414]]

    Reference:
        PyTorch ``torch.nn.Softmin``; softmax: Bridle (1990).

    Numerics:
        :func:`softmax` of −x, with its conventions: −inf entries share the
        mass, +inf entries get 0, NaN rows give NaN.
    """
    return _softmax_math(-x, axis, mask, "softmin")


# ---------------------------------------------------------------------------
# sparsemax
# ---------------------------------------------------------------------------


def _sparsemax_last(z):
    """Sparsemax of rows (last axis) whose maximum is 0 (Martins & Astudillo 2016, Alg. 1)."""

    def forward(z):
        zs = _descending(z)
        k = _row_count(z)
        cumulative = _cumsum_last(zs)
        size = _support_size(1.0 + k * zs > cumulative, k)
        tau = (_gather_at(cumulative, size) - 1.0) / size
        tau = ops.where(_nan_rows(cumulative), math.nan, tau)
        p = ops.relu(z - tau)

        def grad(*args, upstream=None):
            g = _upstream(args, upstream)
            s = ops.cast(p > 0, g.dtype)
            gs = g * s
            mean = ops.sum(gs, axis=-1, keepdims=True) / ops.sum(s, axis=-1, keepdims=True)
            return gs - s * mean

        return p, grad

    return ops.custom_gradient(forward)(z)


@activation(
    family="normalizing",
    formula="[x − τ]₊ along an axis, τ such that Σ [xⱼ − τ]₊ = 1 (Euclidean projection onto the simplex)",
    parameters=(_AXIS, _MASK),
    output_range=(0.0, 1.0),
    properties=("continuous", "piecewise_linear"),
    references=(_SPARSEMAX_REF,),
    kind="axis",
)
def sparsemax(x, axis=-1, mask=None):
    """Sparsemax along ``axis``: the Euclidean projection of x onto the probability simplex.

    sparsemax(x) = [x − τ]₊ with the threshold τ chosen so that the row sums to
    1; entries below τ are exactly 0.

    Args:
        x: input tensor (logits), rank >= 1.
        axis: the axis to normalise over, an integer in [−rank, rank); default −1.
        mask: optional boolean tensor broadcastable to ``x``; True keeps, False
            masks (output 0). Default None.

    Returns:
        Non-negative values summing to 1 along ``axis``, with exact zeros
        outside the support.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sparsemax([[1.0, 0.5, -10.0]])  # [[0.75, 0.25, 0.]]

    Reference:
        Martins & Astudillo (2016), "From softmax to sparsemax: a sparse model of
        attention and multi-label classification", ICML, arXiv:1602.02068
        (Algorithm 1 and the Jacobian of Proposition 2).

    Numerics:
        Exact sort-based algorithm on x − max x: k(z) = max{k : 1 + k·z₍ₖ₎ >
        Σ_{j≤k} z₍ⱼ₎}, τ = (Σ_{j≤k(z)} z₍ⱼ₎ − 1)/k(z). Gradient: the paper's
        Jacobian-vector product on the support S = {p > 0}, s ⊙ (g − mean_S g),
        from the output alone (at a point where an entry enters the support the
        one-sided Jacobian with that entry outside is used). Keras 3.15.1's
        ``keras.activations.sparsemax`` gets τ wrong whenever the support has
        more than one entry (it returns [0.25, 0, 0] for the example above).
        Infinities and masks as :func:`softmax` (±inf taken as ±largest
        finite, fully masked rows 0, NaN rows NaN). float16/bfloat16 are
        computed in float32.
    """
    return _sparse_rows(_sparsemax_last, x, axis, mask, "sparsemax")


# TF Addons saved its sparsemax (same definition, axis=-1) as "Addons>sparsemax".
_registry.register_legacy("Addons>sparsemax", sparsemax)


# ---------------------------------------------------------------------------
# entmax
# ---------------------------------------------------------------------------


def _entmax_grad(p, g, alpha):
    """The paper's backward pass: s ⊙ (g − Σ s·g / Σ s), s = p^(2−α) on the support."""
    support = p > 0
    if alpha == 1.5:
        s = ops.sqrt(p)
    elif alpha == 2.0:
        s = ops.cast(support, p.dtype)
    else:
        safe = ops.where(support, p, ops.ones_like(p))
        s = ops.where(support, ops.power(safe, _constant(2.0 - alpha, p)), ops.zeros_like(p))
    gs = g * s
    ratio = ops.sum(gs, axis=-1, keepdims=True) / ops.sum(s, axis=-1, keepdims=True)
    return gs - s * ratio


def _entmax15_last(z):
    """Exact 1.5-entmax of rows (last axis) with maximum 0 (Peters et al. 2019, Alg. 2)."""

    def forward(z):
        w = z * 0.5
        ws = _descending(w)
        k = _row_count(w)
        cumulative = _cumsum_last(ws)
        mean = cumulative / k
        spread = _cumsum_last(ws * ws) - cumulative * mean  # Σ (w − mean)² over the top k
        tau_k = mean - ops.sqrt(ops.relu((1.0 - spread) / k))
        size = _support_size(tau_k <= ws, k)
        # recompute τ on the chosen support with a two-pass variance (no cancellation)
        inside = k <= size
        top = ops.where(inside, ws, ops.zeros_like(ws))
        top_mean = ops.sum(top, axis=-1, keepdims=True) / size
        dev = ops.where(inside, ws - top_mean, ops.zeros_like(ws))
        var_sum = ops.sum(dev * dev, axis=-1, keepdims=True)
        tau = top_mean - ops.sqrt(ops.relu((1.0 - var_sum) / size))
        tau = ops.where(_nan_rows(cumulative), math.nan, tau)
        r = ops.relu(w - tau)
        p = r * r

        def grad(*args, upstream=None):
            return _entmax_grad(p, _upstream(args, upstream), 1.5)

        return p, grad

    return ops.custom_gradient(forward)(z)


@activation(
    family="normalizing",
    formula="[x/2 − τ]₊² along an axis, τ such that the row sums to 1 (1.5-entmax)",
    parameters=(_AXIS, _MASK),
    output_range=(0.0, 1.0),
    properties=("continuous", "smooth"),
    references=(_ENTMAX_REF,),
    aliases=("entmax_15",),
    layer_name="Entmax15",
    kind="axis",
)
def entmax15(x, axis=-1, mask=None):
    """1.5-entmax along ``axis``: [x/2 − τ]₊², exact, sparse and smooth.

    The α = 1.5 member of the entmax family (between softmax, α = 1, and
    sparsemax, α = 2): entries below the threshold 2τ are exactly 0.

    Args:
        x: input tensor (logits), rank >= 1.
        axis: the axis to normalise over, an integer in [−rank, rank); default −1.
        mask: optional boolean tensor broadcastable to ``x``; True keeps, False
            masks (output 0). Default None.

    Returns:
        Non-negative values summing to 1 along ``axis``, with exact zeros
        outside the support.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.entmax15([[1.0, 0.0, -5.0]])  # [[0.8307188, 0.1692811, 0.]]

    Reference:
        Peters, Niculae & Martins (2019), "Sparse sequence-to-sequence models",
        ACL, arXiv:1905.05702 (Algorithm 2, exact sort-based 1.5-entmax;
        Proposition 2 for the Jacobian).

    Numerics:
        Sort-based and exact: on z = (x − max x)/2 sorted, τ(k) = M(k) −
        √((1 − S(k))/k) with M, S the mean and sum of squared deviations of the
        top k; the support is the largest k with τ(k) ≤ z₍ₖ₎; τ is then
        recomputed on that support with a two-pass variance, so the running
        sums' cancellation only affects the choice of support, never τ.
        Gradient (the paper's closed form, from the output alone):
        s ⊙ (g − Σ s·g / Σ s) with s = √p. Infinities and masks as
        :func:`softmax`. float16/bfloat16 in float32.
    """
    return _sparse_rows(_entmax15_last, x, axis, mask, "entmax15")


def _entmax_bisect_last(z, alpha):
    """α-entmax of rows (last axis) with maximum 0, by bisection on τ."""
    a = alpha - 1.0
    inv = 1.0 / a
    iterations = 64 if _numerics.dtype_of(z) == "float64" else 40

    def forward(z):
        w = z * a
        exponent = _constant(inv, w)
        n = ops.cast(ops.shape(w)[-1], w.dtype)
        row = ops.zeros_like(w[..., :1])
        # f(τ) = Σ [w − τ]₊^(1/a) − 1 decreases in τ; f(−1) ≥ 0 (the max entry alone gives 1)
        # and f(−n^(−a)) ≤ 0 (every entry is then ≤ 1/n).
        lo = row - 1.0
        hi = row - ops.power(n, _constant(-a, w))

        def step(_, bounds):
            lo, hi = bounds
            mid = 0.5 * (lo + hi)
            mass = ops.sum(ops.power(ops.relu(w - mid), exponent), axis=-1, keepdims=True)
            above = mass >= 1.0
            return ops.where(above, mid, lo), ops.where(above, hi, mid)

        lo, hi = ops.fori_loop(0, iterations, step, (lo, hi))
        tau = 0.5 * (lo + hi)
        q = ops.power(ops.relu(w - tau), exponent)
        p = q / ops.sum(q, axis=-1, keepdims=True)

        def grad(*args, upstream=None):
            return _entmax_grad(p, _upstream(args, upstream), alpha)

        return p, grad

    return ops.custom_gradient(forward)(z)


@activation(
    family="normalizing",
    formula="[(α−1)·x − τ]₊^(1/(α−1)) along an axis, τ such that the row sums to 1",
    parameters=(
        Parameter("alpha", 1.5, minimum=1.0, exclusive_minimum=True,
                  description="the entmax α: 1 is softmax (excluded), 2 is sparsemax"),
        _AXIS,
        _MASK,
    ),
    output_range=(0.0, 1.0),
    properties=("continuous",),
    references=(_ENTMAX_REF,),
    aliases=("alpha_entmax", "entmax_bisect"),
    kind="axis",
)
def entmax(x, alpha=1.5, axis=-1, mask=None):
    """α-entmax along ``axis``: [(α−1)·x − τ]₊^(1/(α−1)), by bisection on τ.

    The entmax family interpolates between softmax (α → 1) and sparsemax
    (α = 2); every α > 1 gives exact zeros below the threshold.

    Args:
        x: input tensor (logits), rank >= 1.
        alpha: α, a Python number > 1; default 1.5 (same values as
            :func:`entmax15`, which is exact and faster for that α).
        axis: the axis to normalise over, an integer in [−rank, rank); default −1.
        mask: optional boolean tensor broadcastable to ``x``; True keeps, False
            masks (output 0). Default None.

    Returns:
        Non-negative values summing to 1 along ``axis``, with exact zeros
        outside the support.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.entmax([[1.0, 0.0, -5.0]], alpha=1.5)  # [[0.8307188, 0.1692811, 0.]]

    Reference:
        Peters, Niculae & Martins (2019), "Sparse sequence-to-sequence models",
        ACL, arXiv:1905.05702 (bisection for general α, Jacobian of
        Proposition 2).

    Numerics:
        On w = (α−1)(x − max x), τ lies in [−1, −n^(1−α)]; 40 bisection steps in
        float32 (64 in float64) bring the bracket below the format's
        resolution, and the result is divided by its sum so that rows sum to 1
        to rounding. Gradient (the paper's closed form, from the output alone):
        s ⊙ (g − Σ s·g / Σ s) with s = p^(2−α) on the support; for α > 2 it
        grows without bound near the edge of the support, as the true
        derivative does. ``alpha`` must be a Python number (no gradient for
        α). Infinities and masks as :func:`softmax`. float16/bfloat16 in
        float32.
    """
    if _numerics.is_tensor_like(alpha):
        raise ValueError(
            f"entmax: `alpha` must be a Python number > 1; received a tensor of shape "
            f"{tuple(alpha.shape)}. Pass a float such as 1.5."
        )
    alpha = float(alpha)
    return _sparse_rows(lambda z: _entmax_bisect_last(z, alpha), x, axis, mask, "entmax")


# ---------------------------------------------------------------------------
# squash
# ---------------------------------------------------------------------------


@activation(
    family="other",
    formula="(‖x‖² / (1 + ‖x‖²)) · x / ‖x‖, ‖·‖ the Euclidean norm along an axis",
    parameters=(_AXIS,),
    output_range=(-1.0, 1.0),
    properties=("continuous", "smooth", "zero_at_zero", "odd"),
    references=(
        "Sabour, Frosst & Hinton 2017, Dynamic routing between capsules, NeurIPS 2017, "
        "arXiv:1710.09829.",
    ),
    kind="axis",
)
def squash(x, axis=-1):
    """Capsule squash along ``axis``: (‖x‖²/(1 + ‖x‖²))·x/‖x‖ = x·‖x‖/(1 + ‖x‖²).

    Keeps each vector's direction and maps its length r to r²/(1 + r²) ∈ [0, 1).

    Args:
        x: input tensor (capsule vectors along ``axis``), rank >= 1.
        axis: the axis holding the vector components, an integer in
            [−rank, rank); default −1.

    Returns:
        Same shape as ``x``; each vector along ``axis`` has norm < 1.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.squash([[3.0, 4.0]])  # norm 5 -> 25/26: [[0.5769231, 0.7692308]]

    Reference:
        Sabour, Frosst & Hinton (2017), "Dynamic routing between capsules",
        NeurIPS, arXiv:1710.09829, eq. 1.

    Numerics:
        No epsilon: the norm is computed from x scaled by a power of two c
        near max |x| (no overflow or underflow of Σx²), as x·r/(1 + r²) for
        r = ‖x‖ < 1 and (x/c)/(‖x/c‖ + 1/(c·r)) for r ≥ 1, so ±largest finite
        and tiny vectors are exact. At x = 0 the value and the
        gradient are 0 (the true derivative; r·x is differentiable at 0).
        Vectors with ±inf components give the limit, the unit vector along the
        infinite components. NaN in a vector gives a NaN vector.
        float16/bfloat16 in float32.
    """
    axis = _axis_index(x, axis, "squash")
    a = ops.abs(x)
    m = ops.stop_gradient(ops.max(a, axis=axis, keepdims=True))
    inf_row = m == math.inf
    zero_row = m == 0
    # scale by c ≈ max |x|, a power of two kept in [2^-125, 2^125] so that 1/c is a normal
    # number (XLA flushes subnormals and may divide by multiplying with the reciprocal)
    c = ops.power(2.0, ops.clip(ops.floor(ops.log2(ops.where(inf_row | zero_row, ops.ones_like(m), m))),
                                -125.0, 125.0))
    c = ops.cast(c, x.dtype)
    # x / c, and in a vector with infinite components the limit direction: sign on the inf entries
    u = ops.where(inf_row, ops.where(a == math.inf, ops.sign(x), ops.zeros_like(x)), x / c)
    n = ops.sum(u * u, axis=axis, keepdims=True)  # ≥ 1/4 except for zero vectors
    q = ops.sqrt(ops.where(zero_row, ops.ones_like(n), n))
    r = ops.where(zero_row, ops.zeros_like(q), c * q)  # the norm ‖x‖ (NaN propagates; may be inf)
    big = (r >= 1.0) | inf_row
    # small vectors: x·r/(1 + r²), on inputs masked to 0 where the other branch is taken
    r_small = ops.where(big, ops.zeros_like(r), r)
    x_small = ops.where(big, ops.zeros_like(x), x)
    small_value = x_small * (r_small / (1.0 + r_small * r_small))
    # large vectors: x/(r + 1/r) = u / (q + 1/(c·r)); 1/(c·r) is 0 in infinite vectors
    cr = ops.where(big & ~inf_row, c * r, math.inf)
    large_value = u / (q + 1.0 / cr)
    return ops.where(big, large_value, small_value)
