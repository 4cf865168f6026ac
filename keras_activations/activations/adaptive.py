"""Functional forms of the learnable (and stochastic) activations.

Each function here is the math of one layer of ``keras_activations.layers``:
the layer owns the trainable weights and passes them to the function as keyword
arguments, so the formula lives in one place. Called directly, the parameters
are Python numbers (checked against their declared range) defaulting to the
paper's initial values, or tensors broadcastable to ``x``.

Parameters that are sequences (APL's hinges, PAU's coefficients, KAF's mixing
coefficients) take Python sequences or tensors whose LAST axis is the sequence.

The stored initial coefficients of PAU and KAF come from
``keras_activations/data/pau_init.json``, which ``scripts/fit_pau.py``
regenerates (least-squares fits in float64 numpy).
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources

import keras
import numpy as np
from keras import ops

from keras_activations import _export, _numerics, _registry
from keras_activations._registry import Parameter, activation

INF = float("inf")


# ----------------------------------------------------------------------------- helpers


def _param(x, value):
    """``value`` ready to combine with ``x``: Python numbers stay numbers (exact), tensors and
    variables are cast to ``x``'s dtype, sequences become tensors of ``x``'s dtype."""
    if _numerics.is_number(value):
        return float(value)
    if isinstance(value, (list, tuple)):
        return ops.convert_to_tensor(np.asarray(value, dtype=_numerics.dtype_of(x)))
    if isinstance(value, keras.Variable):
        value = value.value
    return ops.cast(value, x.dtype)


def _length(value, owner: str, name: str) -> int:
    """Length of a sequence parameter (its last axis for tensors)."""
    if isinstance(value, (list, tuple)):
        n = len(value)
    elif _numerics.is_number(value):
        n = 1
    else:
        n = value.shape[-1] if len(value.shape) else 1
    if n is None or n < 1:
        raise ValueError(f"{owner}: `{name}` must hold at least one coefficient; received {value!r}.")
    return int(n)


def _neg_inf_safe(x):
    """``x`` with ±inf replaced by 0: for the finite-input formula, whose products x·g(x) would
    give inf·0 = NaN (and NaN gradients) at infinite x. The caller handles ±inf separately."""
    return ops.where(ops.isinf(x), ops.zeros_like(x), x)


def _times_gate(x, gate, *, big=1e30):
    """x·g(x) for a gate g with limits at ±inf, NaN-free in value and gradient.

    g is evaluated for |x| ≤ ``big`` only; beyond (and at ±inf) the result is x·g(±big), 0 where
    that limit is 0. So the gradient there is the gate's limit, and the cotangent x·upstream that
    flows into g never overflows (no inf·0 = NaN from g′(x) → 0 at huge |x|).
    """
    inner = ops.logical_not(ops.abs(x) > big)  # NaN counts as inner, so NaN stays NaN
    xi = ops.where(inner, x, ops.zeros_like(x))
    finite = xi * gate(xi)
    big_t = ops.full_like(x, big)
    lim = ops.where(x > 0, gate(big_t), gate(-big_t))
    outer = ops.where(lim == 0, ops.zeros_like(x), x * lim)
    return ops.where(inner, finite, outer)


def _wide_dtype(x):
    """float64 for evaluating an ill-conditioned formula on float32 input, where the backend has
    float64 (JAX only with ``jax_enable_x64``); None where no wider type is available."""
    if _numerics.dtype_of(x) != "float32":
        return None
    if keras.backend.backend() == "jax":
        import jax

        if not jax.config.jax_enable_x64:
            return None
    return "float64"


@functools.lru_cache(maxsize=1)
def stored_coefficients() -> dict:
    """The stored fits (``keras_activations/data/pau_init.json``), read once.

    Example:
    >>> from keras_activations.activations.adaptive import stored_coefficients
    >>> sorted(stored_coefficients()["pau"]["fits"]["5/4"])
    ['gelu', 'leaky_relu', 'relu', 'swish', 'tanh']
    """
    text = resources.files("keras_activations").joinpath("data", "pau_init.json").read_text()
    return json.loads(text)


def pau_initial_coefficients(approx_func: str = "leaky_relu", degrees=(5, 4)):
    """Numerator and denominator coefficients of the stored PAU fit to ``approx_func``.

    Args:
        approx_func: one of ``"relu"``, ``"leaky_relu"`` (negative slope 0.01), ``"gelu"``,
            ``"swish"``, ``"tanh"``.
        degrees: ``(m, n)``, numerator and denominator degree; fits are stored for
            (3, 2), (4, 3), (5, 4) and (6, 5).

    Returns:
        ``(numerator, denominator)``: tuples of m + 1 and n floats (a₀..aₘ and b₁..bₙ).

    Example:
    >>> from keras_activations.activations.adaptive import pau_initial_coefficients
    >>> num, den = pau_initial_coefficients("tanh", (5, 4))
    >>> len(num), len(den)
    (6, 4)
    """
    fits = stored_coefficients()["pau"]["fits"]
    try:
        m, n = (int(d) for d in degrees)
    except (TypeError, ValueError):
        raise ValueError(f"PAU: `degrees` must be a pair of integers (m, n); received {degrees!r}.") from None
    key = f"{m}/{n}"
    if key not in fits:
        raise ValueError(
            f"PAU: no stored initial coefficients for degrees {(m, n)}; stored degrees are "
            f"{sorted(tuple(int(v) for v in k.split('/')) for k in fits)}. Pass "
            f"`numerator_initializer`/`denominator_initializer` explicitly, or add the pair to "
            f"DEGREES in scripts/fit_pau.py and rerun it."
        )
    if approx_func not in fits[key]:
        raise ValueError(
            f"PAU: `approx_func` must be one of {sorted(fits[key])}; received {approx_func!r}."
        )
    entry = fits[key][approx_func]
    return tuple(entry["numerator"]), tuple(entry["denominator"])


def kaf_dictionary(dictionary_size: int, boundary: float, gamma=None):
    """KAF's fixed dictionary (``dictionary_size`` points uniform in [−boundary, boundary]) and
    its kernel width γ (default: the paper code's rule of thumb γ = 1/(2·(2Δ)²), Δ the spacing).

    Example:
    >>> from keras_activations.activations.adaptive import kaf_dictionary
    >>> d, g = kaf_dictionary(20, 3.0)
    >>> round(float(d[0]), 3), round(g, 4)
    (-3.0, 1.2535)
    """
    if not isinstance(dictionary_size, (int, np.integer)) or dictionary_size < 2:
        raise ValueError(f"KAF: `dictionary_size` must be an integer >= 2; received {dictionary_size!r}.")
    if not _numerics.is_number(boundary) or not boundary > 0:
        raise ValueError(f"KAF: `boundary` must be a number > 0; received {boundary!r}.")
    d = np.linspace(-float(boundary), float(boundary), int(dictionary_size))
    if gamma is None:
        gamma = 0.5 / (2.0 * (d[1] - d[0])) ** 2
    elif not _numerics.is_number(gamma) or not gamma > 0:
        raise ValueError(f"KAF: `gamma` must be None (rule of thumb) or a number > 0; received {gamma!r}.")
    return d, float(gamma)


def kaf_ridge_coefficients(target: str = "elu", dictionary_size: int = 20, boundary: float = 3.0,
                           gamma=None, ridge: float = 1e-4):
    """KAF mixing coefficients α that make the KAF approximate ``target`` (kernel ridge regression
    on the dictionary, the initialisation Scardapane et al. propose). The default configuration
    returns the stored coefficients (what ``scripts/fit_pau.py`` computes).

    Args:
        target: ``"elu"``, ``"relu"``, ``"tanh"``, ``"sigmoid"``, ``"swish"`` or ``"identity"``.
        dictionary_size, boundary, gamma: the dictionary (see :func:`kaf_dictionary`).
        ridge: the ridge λ added to the kernel matrix's diagonal (> 0).

    Returns:
        A tuple of ``dictionary_size`` floats.

    Example:
    >>> from keras_activations.activations.adaptive import kaf_ridge_coefficients
    >>> len(kaf_ridge_coefficients("tanh", 10, 2.0))
    10
    """
    stored = stored_coefficients()["kaf"]
    if (target == "elu" and dictionary_size == stored["dictionary_size"]
            and boundary == stored["boundary"] and gamma is None and ridge == stored["elu_ridge"]):
        return tuple(stored["elu_alpha"])
    functions = {
        "elu": lambda v: np.where(v > 0, v, np.expm1(np.minimum(v, 0.0))),
        "relu": lambda v: np.maximum(v, 0.0),
        "tanh": np.tanh,
        "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v)),
        "swish": lambda v: v / (1.0 + np.exp(-v)),
        "identity": lambda v: v,
    }
    if target not in functions:
        raise ValueError(f"KAF: the ridge-regression target must be one of {sorted(functions)}; "
                         f"received {target!r}.")
    if not _numerics.is_number(ridge) or not ridge > 0:
        raise ValueError(f"KAF: `ridge` must be a number > 0; received {ridge!r}.")
    d, g = kaf_dictionary(dictionary_size, boundary, gamma)
    k = np.exp(-g * (d[:, None] - d[None, :]) ** 2)
    alpha = np.linalg.solve(k + ridge * np.eye(len(d)), functions[target](d))
    return tuple(float(v) for v in alpha)


# ----------------------------------------------------------------------------- PELU
@activation(
    family="exponential",
    formula="(a/b)·x if x ≥ 0 else a·(exp(x/b) − 1)",
    parameters=(
        Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True,
                  description="a > 0: the negative saturation value is −a"),
        Parameter("beta", 1.0, minimum=0.0, exclusive_minimum=True,
                  description="b > 0: the exponential's length scale"),
    ),
    output_range=(-1.0, INF),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Trottier, Giguère & Chaib-draa 2017, Parametric exponential linear unit for deep "
                "convolutional neural networks, ICMLA, arXiv:1605.09332.",),
    layer_name="PELU",
)
def pelu(x, alpha=1.0, beta=1.0):
    """Parametric ELU: (a/b)·x for x ≥ 0, a·(exp(x/b) − 1) for x < 0 (a, b learned by ``layers.PELU``).

    Args:
        x: input tensor.
        alpha: a > 0, a number or a tensor broadcastable to ``x``; default 1 (the paper's
            initial value, where PELU is ELU).
        beta: b > 0, same form; default 1.

    Returns:
        Same shape and dtype as ``x``; values in (−a, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.pelu([-1.0, 2.0], alpha=2.0, beta=0.5)  # [-1.7293295, 8.]

    Reference:
        Trottier, Giguère & Chaib-draa (2017), "Parametric exponential linear unit for deep
        convolutional neural networks", ICMLA, arXiv:1605.09332.

    Numerics:
        The negative branch is a·expm1(x/b) (exact for tiny |x|; ``exp − 1`` is not), evaluated on
        min(x, 0) so it cannot overflow where it is discarded. Both one-sided derivatives at 0
        equal a/b, so PELU is continuously differentiable for every a, b > 0. PELU(−inf) = −a.
    """
    a = _param(x, alpha)
    b = _param(x, beta)
    neg = ops.where(x > 0, ops.zeros_like(x), x)
    return ops.where(x > 0, x * (a / b), a * ops.expm1(neg / b))


# ----------------------------------------------------------------------------- SReLU
def _check_order(owner, left_name, left, right_name, right):
    if _numerics.is_number(left) and _numerics.is_number(right) and right < left:
        raise ValueError(
            f"{owner}: `{right_name}` must be >= `{left_name}`; received {left_name}={left!r}, "
            f"{right_name}={right!r}. Swap them or choose {right_name} >= {left_name}."
        )


@activation(
    family="rectifier",
    formula="t_r + a_r·(x − t_r) if x ≥ t_r; x if t_l < x < t_r; t_l + a_l·(x − t_l) if x ≤ t_l",
    parameters=(
        Parameter("t_left", 0.0, description="left threshold t_l"),
        Parameter("a_left", 0.2, description="slope a_l left of t_l"),
        Parameter("t_right", 1.0, description="right threshold t_r ≥ t_l"),
        Parameter("a_right", 1.0, description="slope a_r right of t_r"),
    ),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Jin, Xu, Feng, Wei, Xiong & Yan 2016, Deep learning with S-shaped rectified linear "
                "activation units, AAAI, arXiv:1512.07030.",),
    layer_name="SReLU",
)
def srelu(x, t_left=0.0, a_left=0.2, t_right=1.0, a_right=1.0):
    """S-shaped ReLU: three straight pieces joined at t_l and t_r (all four learned by ``layers.SReLU``).

    f(x) = t_r + a_r·(x − t_r) for x ≥ t_r; x for t_l < x < t_r; t_l + a_l·(x − t_l) for x ≤ t_l.

    Args:
        x: input tensor.
        t_left: t_l, any real; default 0.
        a_left: a_l, any real; default 0.2.
        t_right: t_r ≥ t_l; default 1.
        a_right: a_r, any real; default 1. The defaults are the paper's "frozen" start, a leaky
            ReLU with slope 0.2 (with a_r = 1 the right threshold has no effect).

    Returns:
        Same shape and dtype as ``x``.

    Raises:
        ValueError: if ``t_right < t_left`` (Python numbers).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.srelu([-2.0, 0.5, 3.0], t_left=-1.0, a_left=0.1, t_right=2.0, a_right=0.5)
    >>> # [-1.1, 0.5, 2.5]

    Reference:
        Jin, Xu, Feng, Wei, Xiong & Yan (2016), "Deep learning with S-shaped rectified linear
        activation units", AAAI, arXiv:1512.07030 (equation 1). The thresholds enter as
        ``x − t``, as in the paper; a sign slip there (``x + t``) shifts the pieces and breaks
        continuity, which the tests would catch.

    Numerics:
        Exact up to one rounding per piece. The gradient at t_l takes the left piece (a_l) and
        at t_r the right piece (a_r). NaN stays NaN. Not smooth (kinks at t_l and t_r).
    """
    _check_order("srelu", "t_left", t_left, "t_right", t_right)
    tl, al, tr, ar = (_param(x, v) for v in (t_left, a_left, t_right, a_right))
    right = tr + ar * (x - tr)
    left = tl + al * (x - tl)
    return ops.where(x >= tr, right, ops.where(x > tl, x, left))


# ----------------------------------------------------------------------------- APL
@activation(
    family="rectifier",
    formula="max(0, x) + Σₛ aₛ·max(0, −x + bₛ)",
    parameters=(
        Parameter("a", (0.0,), description="slopes a_s of the S hinges (a sequence, or a tensor whose last axis is s)"),
        Parameter("b", (0.0,), description="hinge locations b_s (same length as a)"),
    ),
    output_range=(0.0, INF),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Agostinelli, Hoffman, Sadowski & Baldi 2015, Learning activation functions to improve "
                "deep neural networks, ICLR workshop, arXiv:1412.6830.",),
    layer_name="APL",
)
def apl(x, a=(0.0,), b=(0.0,)):
    """Adaptive piecewise linear unit: max(0, x) + Σₛ aₛ·max(0, bₛ − x).

    Args:
        x: input tensor.
        a: the hinge slopes a₁..a_S, a sequence of numbers or a tensor whose last axis has
            length S (the layer passes shape ``units + (S,)``); default ``(0.0,)``, one hinge at
            the mean of the paper's initialisation (a ~ U(−0.2, 0.2)), where APL is ReLU.
        b: the hinge locations b₁..b_S, same form and length as ``a``; default ``(0.0,)``
            (the mean of the paper's b ~ N(0, 0.5²)).

    Returns:
        Same shape and dtype as ``x``.

    Raises:
        ValueError: if ``a`` and ``b`` have different lengths.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.apl([-1.0, 2.0], a=(0.5,), b=(1.0,))  # [1., 2.]

    Reference:
        Agostinelli, Hoffman, Sadowski & Baldi (2015), "Learning activation functions to improve
        deep neural networks", ICLR workshop, arXiv:1412.6830 (equation 1).

    Numerics:
        One extra axis of length S is formed (memory S × the input). A hinge whose slope is
        exactly 0 contributes 0 even at x = −inf (no 0·inf = NaN). Gradient at a kink: the
        ReLU convention (0 for each max at its corner).
    """
    na, nb = _length(a, "apl", "a"), _length(b, "apl", "b")
    if na != nb:
        raise ValueError(f"apl: `a` and `b` must have the same length (one slope and one location per "
                         f"hinge); received {na} slopes and {nb} locations.")
    at, bt = _param(x, a), _param(x, b)
    if _numerics.is_number(at):
        at = ops.full((1,), at, dtype=x.dtype)
    if _numerics.is_number(bt):
        bt = ops.full((1,), bt, dtype=x.dtype)
    hinge = ops.relu(bt - ops.expand_dims(x, -1))
    terms = ops.where(at == 0, ops.zeros_like(hinge), at * hinge)
    y = ops.relu(x) + ops.sum(terms, axis=-1)
    return _numerics.is_nan_passthrough(x, y)


# ----------------------------------------------------------------------------- Snake-β
@activation(
    family="periodic",
    formula="x + sin²(α·x)/β",
    parameters=(
        Parameter("alpha", 1.0, description="frequency α (any real; sin² is even in α)"),
        Parameter("beta", 1.0, minimum=0.0, exclusive_minimum=True, description="β > 0: the periodic part's magnitude is 1/β"),
    ),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero"),
    references=("Lee, Ping, Ginsburg, Catanzaro & Yoon 2023, BigVGAN: a universal neural vocoder with "
                "large-scale training, ICLR, arXiv:2206.04658.",),
    aliases=("snakebeta",),
    layer_name="SnakeBeta",
)
def snake_beta(x, alpha=1.0, beta=1.0):
    """Snake-β (BigVGAN): x + sin²(α·x)/β, frequency and magnitude decoupled (per channel in ``layers.SnakeBeta``).

    Args:
        x: input tensor.
        alpha: α, any real (a number or a tensor broadcastable to ``x``); default 1.
        beta: β > 0, same form; default 1 (BigVGAN's initial values; with α = β = 1 it is Snake).

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.snake_beta([1.0], alpha=2.0, beta=4.0)  # [1.2067055]

    Reference:
        Lee, Ping, Ginsburg, Catanzaro & Yoon (2023), "BigVGAN: a universal neural vocoder with
        large-scale training", ICLR, arXiv:2206.04658 (BigVGAN's code adds 1e-9 to β; here β > 0
        is required instead, and the layer keeps it positive by a softplus reparameterisation).

    Numerics:
        The sin² form keeps full relative accuracy for small α·x (1 − cos would cancel).
        x = ±inf gives ±inf (the bounded periodic part is dropped there, not inf − inf), and so
        is it where α·x overflows for huge finite x (far below x's rounding there; sin(inf) is NaN).
    """
    a = _param(x, alpha)
    b = _param(x, beta)

    def sin_squared(u):
        s = _numerics.sin(u)
        return s * s

    periodic = _numerics.bounded_periodic(sin_squared, a * _neg_inf_safe(x))
    return ops.where(ops.isinf(x), x, x + periodic / b)


# ----------------------------------------------------------------------------- StarReLU
_STAR_S = 1.0 / math.sqrt(1.25)  # 0.8944271909999159
_STAR_B = -0.5 / math.sqrt(1.25)  # -0.4472135954999579


@activation(
    family="rectifier",
    formula="s·max(0, x)² + b",
    parameters=(
        Parameter("scale", _STAR_S, description="s; default 1/√1.25 ≈ 0.8944"),
        Parameter("bias", _STAR_B, description="b; default −0.5/√1.25 ≈ −0.4472"),
    ),
    output_range=(_STAR_B, INF),
    properties=("monotonic", "continuous", "smooth"),
    references=("Yu, Si, Zhou, Yu, Wang, Feng, Yan & Wang 2024, MetaFormer baselines for vision, "
                "TPAMI, arXiv:2210.13452.",),
    aliases=("starrelu",),
    layer_name="StarReLU",
)
def star_relu(x, scale=_STAR_S, bias=_STAR_B):
    """StarReLU: s·ReLU(x)² + b (s, b learned scalars in ``layers.StarReLU``).

    Args:
        x: input tensor.
        scale: s, any real; default 1/√1.25 ≈ 0.8944.
        bias: b, any real; default −0.5/√1.25 ≈ −0.4472. These defaults make the output of a
            standard normal input zero-mean and unit-variance (E[relu(x)²] = 1/2,
            Var[relu(x)²] = 5/4), the paper's derivation.

    Returns:
        Same shape and dtype as ``x``; values in [b, inf) for s > 0.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.star_relu([-1.0, 1.0])  # [-0.4472136, 0.4472136]

    Reference:
        Yu et al. (2024), "MetaFormer baselines for vision", TPAMI, arXiv:2210.13452.

    Numerics:
        Evaluated as (s·r)·r with r = max(0, x), so it overflows only where the true value does.
        Continuously differentiable (derivative 2s·max(0, x)). NaN stays NaN.
    """
    s = _param(x, scale)
    b = _param(x, bias)
    r = ops.relu(x)
    return _numerics.is_nan_passthrough(x, (s * r) * r + b)


# ----------------------------------------------------------------------------- ACON-C
@activation(
    family="gated_unit",
    formula="(p₁ − p₂)·x·σ(β·(p₁ − p₂)·x) + p₂·x",
    parameters=(
        Parameter("p1", 1.0, description="p₁: the slope for large positive β·x"),
        Parameter("p2", 0.0, description="p₂: the slope for large negative β·x"),
        Parameter("beta", 1.0, description="β: the switching factor (β → ∞: max(p₁x, p₂x); β = 0: mean)"),
    ),
    output_range=(-0.27846454276107379510935873902298, INF),
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Ma, Zhang, Liu, Zhang & Sun 2021, Activate or not: learning customized activation, "
                "CVPR, arXiv:2009.04759.",),
    aliases=("aconc",),
    layer_name="ACONC",
)
def acon_c(x, p1=1.0, p2=0.0, beta=1.0):
    """ACON-C: (p₁ − p₂)·x·σ(β(p₁ − p₂)x) + p₂·x, a smooth switch between p₁x and p₂x.

    Args:
        x: input tensor.
        p1: p₁, any real (per channel in ``layers.ACONC``); default 1.
        p2: p₂, any real; default 0.
        beta: β, any real; default 1. With the defaults ACON-C is Swish/SiLU (the paper's
            ACON-A special case); the paper's code draws p₁, p₂ ~ N(0, 1) and sets β = 1 in the layer.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.acon_c([1.0], p1=1.5, p2=0.25, beta=2.0)

    Reference:
        Ma, Zhang, Liu, Zhang & Sun (2021), "Activate or not: learning customized activation",
        CVPR, arXiv:2009.04759 (ACON-C, equation 4).

    Numerics:
        Written as x·g(x), g = (p₁ − p₂)·σ(β(p₁ − p₂)x) + p₂, with g evaluated at finite x only:
        at x = ±inf the value and gradient are the limits (no −inf·0 = NaN). The native sigmoid
        never overflows.
    """
    a = _param(x, p1)
    c = _param(x, p2)
    k = _param(x, beta)
    d = a - c

    def gate(t):
        g = d * ops.sigmoid((k * d) * t)
        return g if _numerics.is_number(c) and c == 0.0 else g + c

    return _times_gate(x, gate)


# ----------------------------------------------------------------------------- SMU
@activation(
    family="gated_unit",
    formula="((1 + α)·x + (1 − α)·x·erf(μ(1 − α)x)) / 2",
    parameters=(
        Parameter("alpha", 0.25, description="α: the slope for x → −inf (the leaky-ReLU slope SMU smooths)"),
        Parameter("mu", 1e6, description="μ: smoothing; μ → ∞ gives max(x, αx) (trainable in the layer)"),
    ),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Biswas, Kumar, Banerjee & Pandey 2022, SMU: smooth activation function for deep networks "
                "using smoothing maximum technique, CVPR, arXiv:2111.04682.",),
    layer_name="SMU",
)
def smu(x, alpha=0.25, mu=1e6):
    """Smooth Maximum Unit: ((1 + α)x + (1 − α)x·erf(μ(1 − α)x)) / 2, a smooth max(x, αx).

    Args:
        x: input tensor.
        alpha: α, any real; default 0.25 (fixed in ``layers.SMU``, a constructor argument).
        mu: μ, any real (μ and −μ give the same function); default 10⁶ (the paper's
            initial value for the trainable μ; with it SMU is leaky ReLU(0.25) to within
            10⁻⁶ except in |x| < 10⁻⁵). The authors' other setting is α = 0.01, μ = 2.5.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.smu([-2.0, 2.0], alpha=0.01, mu=2.5)

    Reference:
        Biswas, Kumar, Banerjee & Pandey (2022), "SMU: smooth activation function for deep networks
        using smoothing maximum technique", CVPR, arXiv:2111.04682.

    Numerics:
        Written x·g(x) with g = α + (1 − α)/2·erfc(−z) for z = μ(1 − α)x < 0 and
        1 − (1 − α)/2·erfc(z) otherwise: no cancellation of 1 + erf(z) for z ≪ 0, so the left
        tail keeps its relative accuracy. g is evaluated at finite x only; SMU(±inf) is the limit.
        Note that with μ = 10⁶ the gradient with respect to μ is 0 in floating point for all but
        |x| < 10⁻⁵: μ hardly moves from that start.
    """
    a = _param(x, alpha)
    m = _param(x, mu)
    c = m * (1.0 - a)
    half = (1.0 - a) * 0.5

    def gate(t):
        z = c * t
        zn = ops.where(z < 0, z, ops.zeros_like(z))
        zp = ops.where(z < 0, ops.zeros_like(z), z)
        return ops.where(z < 0, a + half * ops.erfc(-zn), 1.0 - half * ops.erfc(zp))

    return _times_gate(x, gate)


# ----------------------------------------------------------------------------- xIELU
def _expm1_minus_x(x):
    """eˣ − 1 − x for −1 < x ≤ 0 (and small positive x), from its Taylor series Σ_{k≥2} xᵏ/k!:
    the direct expm1(x) − x cancels (it loses a factor ~2/|x| of relative accuracy)."""
    # terms up to x¹⁹/19!: truncation below 1e-17 relative for |x| ≤ 1
    acc = ops.zeros_like(x) + 1.0 / math.factorial(19)
    for k in range(18, 1, -1):
        acc = acc * x + 1.0 / math.factorial(k)
    return acc * x * x


_XIELU_XMIN = math.log(1.0 - 0.5 / 0.8)
_XIELU_MIN = 0.8 * (math.exp(_XIELU_XMIN) - 1.0 - _XIELU_XMIN) + 0.5 * _XIELU_XMIN


@activation(
    family="exponential",
    formula="α_p·x² + β·x if x > 0 else α_n·(exp(x) − 1 − x) + β·x",
    parameters=(
        Parameter("alpha_p", 0.8, minimum=0.0, exclusive_minimum=True, description="α_p > 0: curvature of the positive side"),
        Parameter("alpha_n", 0.8, minimum=0.0, exclusive_minimum=True, description="α_n > 0 (the layer keeps α_n > β)"),
        Parameter("beta", 0.5, description="β: the slope at 0"),
    ),
    output_range=(_XIELU_MIN, INF),
    properties=("continuous", "smooth", "zero_at_zero"),
    references=("Huang & Schlag 2025, Deriving activation functions using integration, arXiv:2411.13010.",
                "Hugging Face transformers `xielu` (XIELUActivation).",),
    layer_name="XIELU",
)
def xielu(x, alpha_p=0.8, alpha_n=0.8, beta=0.5):
    """xIELU: α_p·x² + β·x for x > 0, α_n·(eˣ − 1 − x) + β·x for x ≤ 0.

    The integral of a gradient that grows linearly on the positive side (like squared ReLU) and
    is an ELU-like α_n(eˣ − 1) + β on the negative side.

    Args:
        x: input tensor.
        alpha_p: α_p > 0; default 0.8.
        alpha_n: α_n > 0; default 0.8.
        beta: β, any real; default 0.5. Defaults are the paper's and Hugging Face's initial values;
            ``layers.XIELU`` learns α_p and α_n (α_p = softplus(raw) > 0, α_n = β + softplus(raw) > β,
            as Hugging Face) with β fixed.

    Returns:
        Same shape and dtype as ``x``. For α_n > β, f(x) → +inf as x → −inf.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.xielu([-1.0, 1.0])  # [-0.2056965, 1.3]

    Reference:
        Huang & Schlag (2025), "Deriving activation functions using integration",
        arXiv:2411.13010; Hugging Face transformers ``XIELUActivation`` (which evaluates
        expm1(min(x, −10⁻⁶)) so that f(0) ≈ −10⁻⁶·α_n; here the exact formula is used, f(0) = 0).

    Numerics:
        eˣ − 1 − x cancels for small |x|: its Taylor series is used on (−1, 0] (exact to float64),
        and for x ≤ −1 the form ((β − α_n)·x − α_n) + α_n·eˣ avoids inf − inf at −inf and keeps
        the accuracy near the negative root (where the two large terms cancel).
        Each branch is evaluated only on its own side of 0. Continuously differentiable
        (both one-sided slopes at 0 are β).
    """
    ap = _param(x, alpha_p)
    an = _param(x, alpha_n)
    b = _param(x, beta)
    pos = x > 0
    xp = ops.where(pos, x, ops.zeros_like(x))
    xn = ops.where(pos, ops.zeros_like(x), x)
    positive = (ap * xp) * xp + b * xp
    far = xn <= -1.0
    xnear = ops.where(far, ops.zeros_like(x), xn)
    xfar = ops.where(far, xn, -ops.ones_like(x))
    near = an * _expm1_minus_x(xnear) + b * xnear
    # α_n(eˣ − 1 − x) + βx regrouped as ((β − α_n)x − α_n) + α_n·eˣ: for x ≤ −1 the first
    # subtraction is exact (Sterbenz) near the negative root, and α_n·eˣ is small
    tail = ((b - an) * xfar - an) + an * ops.exp(xfar)
    return ops.where(pos, positive, ops.where(far, tail, near))


# ----------------------------------------------------------------------------- TLU
@activation(
    family="rectifier",
    formula="max(x, τ), or max(x, α·x + τ) (TLU-affine)",
    parameters=(
        Parameter("tau", 0.0, description="τ: the learned threshold"),
        Parameter("alpha", 0.0, description="α: the slope of the affine variant (0: plain TLU)"),
    ),
    output_range=(0.0, INF),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Singh & Krishnan 2020, Filter response normalization layer: eliminating batch "
                "dependence in the training of deep neural networks, CVPR, arXiv:1911.09737.",
                "TensorFlow Addons `tfa.layers.TLU`.",),
    aliases=("thresholded_linear_unit",),
    layer_name="TLU",
)
def tlu(x, tau=0.0, alpha=0.0):
    """Thresholded linear unit: max(x, τ); with ``alpha``, TLU-affine max(x, α·x + τ).

    Args:
        x: input tensor.
        tau: τ, any real (per unit in ``layers.TLU``); default 0 (the paper's and TF Addons'
            initial value, where TLU is ReLU).
        alpha: α, any real; default 0 (plain TLU). ``layers.TLU(affine=True)`` learns it.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.tlu([-1.0, 2.0], tau=0.5)  # [0.5, 2.]

    Reference:
        Singh & Krishnan (2020), "Filter response normalization layer", CVPR, arXiv:1911.09737;
        TF Addons ``tfa.layers.TLU`` (``affine=True`` is ``max(x, alpha*x + tau)``).

    Numerics:
        A ``where`` (not ``maximum``) so NaN stays NaN on every backend; at the tie x = α·x + τ
        the gradient goes to x (slope 1).
    """
    t = _param(x, tau)
    a = _param(x, alpha)
    other = t if (_numerics.is_number(a) and a == 0.0) else a * x + t
    other = other + ops.zeros_like(x) if _numerics.is_number(other) else other
    return _numerics.is_nan_passthrough(x, ops.where(x >= other, x, other))


# ----------------------------------------------------------------------------- soft exponential
def _exprel_series(z, terms=10):
    """(eᶻ − 1)/z = Σ zᵏ/(k+1)!, for small |z|."""
    acc = ops.zeros_like(z) + 1.0 / math.factorial(terms + 1)
    for k in range(terms - 1, -1, -1):
        acc = acc * z + 1.0 / math.factorial(k + 1)
    return acc


def _log1p_neg_over_series(u, terms=14):
    """−log(1 − u)/u = Σ uᵏ/(k+1), for small |u|."""
    acc = ops.zeros_like(u) + 1.0 / (terms + 1)
    for k in range(terms - 1, -1, -1):
        acc = acc * u + 1.0 / (k + 1)
    return acc


@activation(
    family="exponential",
    formula="−ln(1 − α(x + α))/α if α < 0; x if α = 0; (exp(αx) − 1)/α + α if α > 0",
    parameters=(Parameter("alpha", 0.0, description="α: logarithmic (< 0), linear (0) or exponential (> 0)"),),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd", "piecewise_linear"),
    references=("Godfrey & Gashler 2015, A continuum among logarithmic, linear, and exponential functions, "
                "and its potential to improve generalization in neural networks, IC3K, arXiv:1602.01321.",),
    aliases=("softexp",),
    layer_name="SoftExponential",
)
def soft_exponential(x, alpha=0.0):
    """Soft exponential: a continuum from logarithmic (α < 0) through linear (α = 0) to exponential (α > 0).

    f(α, x) = −ln(1 − α(x + α))/α for α < 0, x for α = 0, (e^(αx) − 1)/α + α for α > 0.

    Args:
        x: input tensor.
        alpha: α, any real (per unit in ``layers.SoftExponential``); default 0 (the identity,
            the paper's initial value).

    Returns:
        Same shape and dtype as ``x``. For α < 0 the function is defined only for
        x > 1/α − α; below that the result is NaN (the true value tends to −inf at the edge).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.soft_exponential([1.0], alpha=0.5)  # [1.7974425]

    Reference:
        Godfrey & Gashler (2015), "A continuum among logarithmic, linear, and exponential
        functions, and its potential to improve generalization in neural networks", IC3K,
        arXiv:1602.01321.

    Numerics:
        Written as x·E(αx) + α with E(z) = (eᶻ − 1)/z and as (x + α)·L(u) with
        L(u) = −ln(1 − u)/u, u = α(x + α); E and L use their Taylor series near 0. So the value is
        exact at α = 0 and the gradient with respect to α is right there (1 + x²/2 from both
        sides) — a layer initialised at α = 0 can leave it; the textbook three-branch form gives
        gradient 0 at α = 0 and would stay linear forever. exp is evaluated in the log domain
        above e⁸⁰ so it overflows only where the true value does.
    """
    a = _param(x, alpha)
    a = a + ops.zeros_like(x)  # broadcast α to x's shape
    xf = _neg_inf_safe(x)
    nonneg = a >= 0

    # α ≥ 0: x·E(αx) + α (small αx) or expm1(αx)/α + α
    ap = ops.where(nonneg, a, ops.zeros_like(a))
    z = ap * xf
    small = ops.abs(z) < 0.1
    zs = ops.where(small, z, ops.zeros_like(z))
    zl = ops.where(small, ops.ones_like(z), z)
    ap_large = ops.where(small, ops.ones_like(ap), ap)
    huge = zl > 80.0
    zmid = ops.where(huge, ops.ones_like(zl), zl)
    zbig = ops.where(huge, zl, 81.0 * ops.ones_like(zl))
    large = ops.where(huge, ops.exp(zbig - ops.log(ap_large)), ops.expm1(zmid) / ap_large)
    pos_val = ops.where(small, xf * _exprel_series(zs), large) + ap

    # α < 0: (x + α)·L(u) (small u) or −log1p(−u)/α, u = α(x + α) < 1
    an = ops.where(nonneg, -ops.ones_like(a), a)
    u = an * (xf + an)
    valid = u < 1.0
    us = ops.where(valid, u, ops.zeros_like(u))
    small_u = ops.abs(us) < 0.1
    u_small = ops.where(small_u, us, ops.zeros_like(us))
    u_big = ops.where(small_u, 0.5 * ops.ones_like(us), us)
    neg_val = ops.where(small_u, (xf + an) * _log1p_neg_over_series(u_small), -ops.log1p(-u_big) / an)
    nan = ops.full_like(x, float("nan"))
    neg_val = ops.where(valid, neg_val, nan)

    finite = ops.where(nonneg, pos_val, neg_val)
    # x = ±inf: +inf for every α; −inf: −1/α + α for α > 0, −inf for α = 0, undefined for α < 0
    safe_pos = ops.where(a > 0, a, ops.ones_like(a))
    at_minus_inf = ops.where(a > 0, -1.0 / safe_pos + a, ops.where(a == 0, x, nan))
    at_inf = ops.where(x > 0, x, at_minus_inf)
    return ops.where(ops.isinf(x), at_inf, finite)


# ----------------------------------------------------------------------------- AReLU
_SIG2 = 1.0 / (1.0 + math.exp(-2.0))


@activation(
    family="rectifier",
    formula="(1 + σ(β))·x if x ≥ 0 else clip(α, 0.01, 0.99)·x",
    parameters=(
        Parameter("alpha", 0.9, description="α: the negative slope, clipped to [0.01, 0.99]"),
        Parameter("beta", 2.0, description="β: the positive slope is 1 + σ(β) ∈ (1, 2)"),
    ),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Chen, Zhu, Guan, Zhang & Ma 2020, AReLU: attention-based rectified linear unit, "
                "arXiv:2006.13858.",),
    layer_name="AReLU",
)
def arelu(x, alpha=0.9, beta=2.0):
    """Attention-based ReLU: (1 + σ(β))·x for x ≥ 0, clip(α, 0.01, 0.99)·x for x < 0.

    Args:
        x: input tensor.
        alpha: α, any real (clipped to [0.01, 0.99]); default 0.9.
        beta: β, any real; default 2 (the paper's initial values for the two learned scalars of
            ``layers.AReLU``).

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.arelu([-1.0, 1.0])  # [-0.9, 1.8807971]

    Reference:
        Chen, Zhu, Guan, Zhang & Ma (2020), "AReLU: attention-based rectified linear unit",
        arXiv:2006.13858.

    Numerics:
        Exact up to one rounding. Gradient at 0: the positive slope. The gradient with respect
        to α is 0 where the clip is active (α outside [0.01, 0.99]).
    """
    a = _param(x, alpha)
    b = _param(x, beta)
    neg = min(max(a, 0.01), 0.99) if _numerics.is_number(a) else ops.clip(a, 0.01, 0.99)
    pos = 1.0 + (1.0 / (1.0 + math.exp(-b)) if _numerics.is_number(b) else ops.sigmoid(b))
    return ops.where(x >= 0, x * pos, x * neg)


# ----------------------------------------------------------------------------- FReLU, ShiLU
@activation(
    family="rectifier",
    formula="max(0, x) + b",
    parameters=(Parameter("bias", 0.0, description="b: the learned output shift"),),
    output_range=(0.0, INF),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Qiu, Xu & Cai 2018, FReLU: flexible rectified linear units for improving convolutional "
                "neural networks, ICPR, arXiv:1706.08098.",),
    layer_name="FlexibleReLU",
)
def flexible_relu(x, bias=0.0):
    """Flexible ReLU: max(0, x) + b (b learned per channel by ``layers.FlexibleReLU``).

    Not the "funnel" FReLU of Ma et al. (2020), which is a depthwise convolution.

    Args:
        x: input tensor.
        bias: b, any real; default 0 (ReLU).

    Returns:
        Same shape and dtype as ``x``; values in [b, inf).

    Example:
    >>> import keras_activations as ka
    >>> y = ka.flexible_relu([-1.0, 1.0], bias=-0.5)  # [-0.5, 0.5]

    Reference:
        Qiu, Xu & Cai (2018), "FReLU: flexible rectified linear units for improving convolutional
        neural networks", ICPR, arXiv:1706.08098.

    Numerics:
        Exact up to one rounding; gradient 0 at x = 0 (ReLU's convention). NaN stays NaN.
    """
    b = _param(x, bias)
    y = ops.relu(x)
    if not (_numerics.is_number(b) and b == 0.0):
        y = y + b
    return _numerics.is_nan_passthrough(x, y)


@activation(
    family="rectifier",
    formula="α·max(0, x) + β",
    parameters=(
        Parameter("alpha", 1.0, description="α: the slope of the positive part"),
        Parameter("beta", 0.0, description="β: the output shift"),
    ),
    output_range=(0.0, INF),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Pishchik 2023, Trainable activations for image classification, Preprints 2023010463, "
                "doi:10.20944/preprints202301.0463.v1.",),
    layer_name="ShiLU",
)
def shilu(x, alpha=1.0, beta=0.0):
    """Shifted linear unit: α·max(0, x) + β (α, β learned by ``layers.ShiLU``).

    Args:
        x: input tensor.
        alpha: α, any real; default 1.
        beta: β, any real; default 0 (ReLU; the paper's initial values).

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.shilu([-1.0, 2.0], alpha=0.5, beta=0.25)  # [0.25, 1.25]

    Reference:
        Pishchik (2023), "Trainable activations for image classification", Preprints
        2023010463.

    Numerics:
        Exact up to two roundings; gradient 0 at x = 0. NaN stays NaN. (Not the "dual ReLU"
        of Godin et al. 2018, relu(a) − relu(b), which takes two inputs.)
    """
    a = _param(x, alpha)
    b = _param(x, beta)
    y = ops.relu(x)
    if not (_numerics.is_number(a) and a == 1.0):
        y = a * y
    if not (_numerics.is_number(b) and b == 0.0):
        y = y + b
    return _numerics.is_nan_passthrough(x, y)


# ----------------------------------------------------------------------------- SinLU
@activation(
    family="gated_unit",
    formula="(x + a·sin(b·x))·σ(x)",
    parameters=(
        Parameter("a", 1.0, description="a: amplitude of the sine term"),
        Parameter("b", 1.0, description="b: frequency of the sine term"),
    ),
    output_range=(-0.49737055418999102, INF),  # min at x ≈ −1.0829
    properties=("continuous", "smooth", "zero_at_zero"),
    references=("Paul, Sheikh & Chakraborty 2022, SinLU: sinu-sigmoidal linear unit, Mathematics 10(3):337, "
                "doi:10.3390/math10030337.",),
    layer_name="SinLU",
)
def sinlu(x, a=1.0, b=1.0):
    """Sinu-sigmoidal linear unit: (x + a·sin(b·x))·σ(x).

    Args:
        x: input tensor.
        a: a, any real; default 1.
        b: b, any real; default 1 (the paper's initial values for the learned a, b of
            ``layers.SinLU``).

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.sinlu([1.0])  # [1.3462231]

    Reference:
        Paul, Sheikh & Chakraborty (2022), "SinLU: sinu-sigmoidal linear unit", Mathematics
        10(3), 337.

    Numerics:
        Evaluated at finite x only; SinLU(−inf) = 0 and SinLU(+inf) = +inf are the limits
        (sin(±inf) is NaN). Where b·x overflows (|x| near the largest float), the bounded
        a·sin(b·x) is dropped: it is below x's rounding there. The native sigmoid never overflows.
    """
    av = _param(x, a)
    bv = _param(x, b)
    xf = _neg_inf_safe(x)
    wave = _numerics.bounded_periodic(lambda u: av * _numerics.sin(u), bv * xf)  # 0 where b·x overflows
    finite = (xf + wave) * ops.sigmoid(xf)
    at_inf = ops.where(x > 0, x, ops.zeros_like(x))
    return ops.where(ops.isinf(x), at_inf, finite)


# ----------------------------------------------------------------------------- ErfAct
@activation(
    family="gated_unit",
    formula="x·erf(α·exp(β·x))",
    parameters=(
        Parameter("alpha", 0.75, description="α: scale inside erf"),
        Parameter("beta", 0.75, description="β: rate of the exponential"),
    ),
    output_range=(-0.40528084517345800, INF),  # min at x ≈ −1.3966
    properties=("continuous", "smooth", "zero_at_zero", "self_gated"),
    references=("Biswas, Kumar, Banerjee & Pandey 2022, ErfAct and Pserf: non-monotonic smooth trainable "
                "activation functions, AAAI, arXiv:2109.04386.",),
    layer_name="ErfAct",
)
def erfact(x, alpha=0.75, beta=0.75):
    """ErfAct: x·erf(α·e^(βx)), a smooth non-monotonic self-gated unit (α, β learned by ``layers.ErfAct``).

    Args:
        x: input tensor.
        alpha: α, any real; default 0.75.
        beta: β, any real; default 0.75 (the initial values used for the trainable α, β).

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.erfact([-1.0, 1.0])

    Reference:
        Biswas, Kumar, Banerjee & Pandey (2022), "ErfAct and Pserf: non-monotonic smooth
        trainable activation functions", AAAI, arXiv:2109.04386.

    Numerics:
        The exponent β·x is capped at 50 (erf(α·e⁵⁰) = 1 to double precision for |α| > 10⁻²⁰), so
        neither exp nor its gradient overflows; x·g(x) is taken at finite x only and ErfAct(±inf)
        is the limit (no −inf·0 = NaN).
    """
    a = _param(x, alpha)
    b = _param(x, beta)

    def gate(t):
        e = b * t
        e = ops.where(e > 50.0, 50.0 * ops.ones_like(e), e)
        return ops.erf(a * ops.exp(e))

    return _times_gate(x, gate)


# ----------------------------------------------------------------------------- TanhSoft
@activation(
    family="softplus",
    formula="tanh(α·x + β·exp(γ·x))·ln(δ + exp(x))",
    parameters=(
        Parameter("alpha", 0.87, description="α"),
        Parameter("beta", 0.0, description="β"),
        Parameter("gamma", 1.0, description="γ"),
        Parameter("delta", 1.0, minimum=0.0, description="δ ≥ 0 (δ = 1: softplus; δ = 0: x)"),
    ),
    output_range=(-0.22378487459642159, INF),  # min at x ≈ −0.8471
    properties=("continuous", "smooth", "zero_at_zero"),
    references=("Biswas, Kumar, Banerjee & Pandey 2021, TanhSoft — dynamic trainable activation functions "
                "for faster learning and better performance, IEEE Access 9, arXiv:2009.03863.",),
    layer_name="TanhSoft",
)
def tanhsoft(x, alpha=0.87, beta=0.0, gamma=1.0, delta=1.0):
    """TanhSoft family: tanh(α·x + β·e^(γx))·ln(δ + eˣ).

    Args:
        x: input tensor.
        alpha: α, any real; default 0.87.
        beta: β, any real; default 0.
        gamma: γ, any real; default 1.
        delta: δ ≥ 0; default 1. The defaults give tanh(0.87x)·softplus(x), the paper's best
            member on CIFAR-100 ("TanhSoft-1"); the paper's other highlighted member x·tanh(0.6·eˣ)
            is α = 0, β = 0.6, γ = 1, δ = 0. ``layers.TanhSoft`` learns α, β, γ (per unit) with δ
            fixed.

    Returns:
        Same shape and dtype as ``x``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.tanhsoft([-1.0, 1.0])

    Reference:
        Biswas, Kumar, Banerjee & Pandey (2020/2021), "TanhSoft — a family of activation functions
        combining Tanh and Softplus", arXiv:2009.03863; IEEE Access 9 (dynamic trainable version).

    Numerics:
        ln(δ + eˣ) is x + log1p(δ·e⁻ˣ) for x ≥ 0 and ln δ + log1p(eˣ/δ) for x < 0 (no overflow, no
        loss for x ≪ 0; δ = 0 gives x exactly). The exponent γx is capped at 80 (the tanh is
        saturated there), and x = ±inf gives the limits, not inf·0 = NaN.
    """
    a = _param(x, alpha)
    b = _param(x, beta)
    g = _param(x, gamma)
    d = _param(x, delta)
    if _numerics.is_number(d) and d < 0:
        raise ValueError(f"tanhsoft: `delta` must be >= 0; received {d!r}.")
    inf = ops.isinf(x)
    xf = ops.where(inf, ops.zeros_like(x), x)

    def tanh_arg(t):
        lin = ops.zeros_like(t) if _numerics.is_number(a) and a == 0.0 else a * ops.clip(t, -1e30, 1e30)
        if _numerics.is_number(b) and b == 0.0:
            return lin
        e = g * t
        e = ops.where(e > 80.0, 80.0 * ops.ones_like(e), e)
        return lin + b * ops.exp(e)

    def log_delta_exp(t):
        nonneg = t >= 0
        tp = ops.where(nonneg, t, ops.zeros_like(t))
        tn = ops.where(nonneg, ops.zeros_like(t), t)
        if _numerics.is_number(d):
            if d == 0.0:
                return t
            right = tp + ops.log1p(d * ops.exp(-tp))
            left = math.log(d) + ops.log1p(ops.exp(tn) / d)
            return ops.where(nonneg, right, left)
        dpos = d > 0
        ds = ops.where(dpos, d, ops.ones_like(d))
        right = tp + ops.log1p(d * ops.exp(-tp))
        left = ops.where(dpos, ops.log(ds) + ops.log1p(ops.exp(tn) / ds), tn)
        return ops.where(nonneg, right, left)

    finite = ops.tanh(tanh_arg(xf)) * log_delta_exp(xf)
    big = ops.full_like(x, 1e30)
    t_pos = ops.tanh(tanh_arg(big))
    t_neg = ops.tanh(tanh_arg(-big))
    v_pos = ops.where(t_pos == 0, ops.zeros_like(x), t_pos * x)
    if _numerics.is_number(d):
        s_neg = x if d == 0.0 else math.log(d) + ops.zeros_like(x)
    else:
        s_neg = ops.where(d > 0, ops.log(ops.where(d > 0, d, ops.ones_like(d))) + ops.zeros_like(x), x)
    v_neg = ops.where(t_neg == 0, ops.zeros_like(x), t_neg * s_neg)
    return ops.where(inf, ops.where(x > 0, v_pos, v_neg), finite)


# ----------------------------------------------------------------------------- TAAF
def _base_spec(activation_name, owner="taaf"):
    if callable(activation_name) and not isinstance(activation_name, str):
        try:
            spec = _registry.spec_of(activation_name)
        except ValueError:
            raise ValueError(
                f"{owner}: `activation` must name an activation of keras_activations (a string such as "
                f"'tanh', or one of its functions); received {activation_name!r}."
            ) from None
    else:
        try:
            spec = _registry.spec_of(str(activation_name))
        except ValueError as error:
            raise ValueError(f"{owner}: unknown base activation {activation_name!r}. {error}") from None
    if spec.kind != "elementwise":
        raise ValueError(
            f"{owner}: the base activation must be elementwise; {spec.name!r} is of kind {spec.kind!r} "
            f"(it changes or mixes along an axis). Choose an elementwise activation."
        )
    return spec


@activation(
    family="learnable",
    formula="α·g(β·x + γ) + δ, g any elementwise catalogue activation (default tanh)",
    parameters=(
        Parameter("alpha", 1.0, description="α: output scale"),
        Parameter("beta", 1.0, description="β: input scale"),
        Parameter("gamma", 0.0, description="γ: input shift"),
        Parameter("delta", 0.0, description="δ: output shift"),
        Parameter("activation", "tanh", description="g: the name of any elementwise activation of the catalogue"),
    ),
    output_range=(-1.0, 1.0),
    properties=("monotonic", "continuous", "smooth", "zero_at_zero", "odd"),
    references=("Kunc & Kléma 2024, Three decades of activations: a comprehensive survey of 400 activation "
                "functions for neural networks, arXiv:2402.09092 (transformative adaptive activation "
                "functions, TAAF).",
                "Kunc & Kléma 2019, On transformative adaptive activation functions in neural networks for "
                "gene expression inference, bioRxiv 587287.",),
    layer_name="TAAF",
)
def taaf(x, alpha=1.0, beta=1.0, gamma=0.0, delta=0.0, activation="tanh"):
    """Transformative adaptive activation function: α·g(β·x + γ) + δ around any catalogue activation g.

    Args:
        x: input tensor.
        alpha: α (output scale), any real; default 1.
        beta: β (input scale), any real; default 1.
        gamma: γ (input shift), any real; default 0.
        delta: δ (output shift), any real; default 0. The defaults are the identity transform, so
            ``taaf(x)`` is ``g(x)``; ``layers.TAAF`` learns α, β, γ, δ per unit.
        activation: g, the name (or function) of any elementwise activation of
            keras_activations; default ``"tanh"``.

    Returns:
        Same shape and dtype as ``x``.

    Raises:
        ValueError: ``activation`` is not a catalogue name, or names an activation that is not
            elementwise.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.taaf([0.5], alpha=2.0, beta=0.5, gamma=0.1, delta=-1.0, activation="silu")

    Reference:
        Kunc & Kléma (2024), "Three decades of activations: a comprehensive survey of 400
        activation functions for neural networks", arXiv:2402.09092; Kunc & Kléma (2019),
        "On transformative adaptive activation functions in neural networks for gene
        expression inference", bioRxiv 587287.

    Numerics:
        Those of g; the affine maps add at most two roundings each (none at the defaults, which
        are skipped).
    """
    spec = _base_spec(activation)
    a, b, c, d = (_param(x, v) for v in (alpha, beta, gamma, delta))
    u = x if (_numerics.is_number(b) and b == 1.0) else x * b
    if not (_numerics.is_number(c) and c == 0.0):
        u = u + c
    y = spec.function(u)
    if not (_numerics.is_number(a) and a == 1.0):
        y = y * a
    if not (_numerics.is_number(d) and d == 0.0):
        y = y + d
    # some keras.ops return float32 for float64 input on JAX: keep the input's dtype
    return ops.cast(y, x.dtype)


# ----------------------------------------------------------------------------- PAU
_PAU_DEFAULT = pau_initial_coefficients("leaky_relu", (5, 4))
_PAU_FACTS = stored_coefficients()["pau"]["fits"]["5/4"]["leaky_relu"]


def _coefficients(x, value, owner, name):
    """A coefficient sequence as a list of scalars (Python floats, or 0-d tensors)."""
    n = _length(value, owner, name)
    if isinstance(value, (list, tuple)):
        return [float(v) for v in value]
    if _numerics.is_number(value):
        return [float(value)]
    t = _param(x, value)
    if len(t.shape) != 1:
        raise ValueError(f"{owner}: `{name}` must be one-dimensional; received shape {tuple(t.shape)}.")
    return [t[i] for i in range(n)]


def _horner(coeffs, t):
    """Σ coeffs[k]·tᵏ by Horner's rule."""
    acc = ops.zeros_like(t) + coeffs[-1]
    for c in reversed(coeffs[:-1]):
        acc = acc * t + c
    return acc


@activation(
    family="learnable",
    formula="P(x) / (1 + |b₁x + … + bₙxⁿ|), P(x) = a₀ + a₁x + … + aₘxᵐ; (m, n) = (5, 4)",
    parameters=(
        Parameter("numerator", _PAU_DEFAULT[0], description="a₀..aₘ (default: the stored fit to leaky_relu(0.01))"),
        Parameter("denominator", _PAU_DEFAULT[1], description="b₁..bₙ (default: the stored fit to leaky_relu(0.01))"),
    ),
    output_range=(
        -INF if _PAU_FACTS["output_range"][0] is None else _PAU_FACTS["output_range"][0],
        INF if _PAU_FACTS["output_range"][1] is None else _PAU_FACTS["output_range"][1],
    ),
    properties=("continuous",) + (("monotonic",) if _PAU_FACTS["monotonic"] else ()),
    references=("Molina, Schramowski & Kersting 2020, Padé activation units: end-to-end learning of flexible "
                "activation functions in deep networks, ICLR, arXiv:1907.06732.",),
    aliases=("rational", "pade"),
    layer_name="PAU",
)
def pau(x, numerator=_PAU_DEFAULT[0], denominator=_PAU_DEFAULT[1]):
    """Padé activation unit (safe form): P(x) / (1 + |b₁x + … + bₙxⁿ|).

    Args:
        x: input tensor.
        numerator: a₀, …, aₘ: a sequence of m + 1 numbers or a 1-D tensor (the layer's weight);
            default: the stored least-squares fit of degree (5, 4) to leaky_relu with slope 0.01 on
            [−3, 3] (``pau_initial_coefficients``; ``scripts/fit_pau.py`` regenerates it).
        denominator: b₁, …, bₙ, same form with n numbers.

    Returns:
        Same shape and dtype as ``x``. The denominator is ≥ 1, so there are no poles.

    Example:
    >>> import keras_activations as ka
    >>> from keras_activations.activations.adaptive import pau_initial_coefficients
    >>> num, den = pau_initial_coefficients("tanh")
    >>> y = ka.pau([0.5], numerator=num, denominator=den)  # ≈ tanh(0.5)

    Reference:
        Molina, Schramowski & Kersting (2020), "Padé activation units: end-to-end learning of
        flexible activation functions in deep networks", ICLR, arXiv:1907.06732 (the "safe" PAU,
        equation 3).

    Numerics:
        The polynomials of a fitted PAU cancel heavily (for the default, Σ|aₖxᵏ| is ~80 × |P(x)|
        near |x| = 3), which costs float32 up to ~10⁻⁵ relative; so float32 input is evaluated in
        float64 where the backend has it (TensorFlow, PyTorch, JAX with x64) and rounded back
        (traced inside ``keras_activations.export_friendly()``, in float32: TFLite has no float64).
        Horner's rule for |x| ≤ 1; for |x| > 1 the same ratio with numerator and denominator
        divided by |x|ⁿ, evaluated in t = 1/x, so nothing overflows before the true value does
        (xᵐ alone overflows float32 at |x| ≈ 10⁷) and F(±inf) is the limit. Beyond |x| = 10¹⁸
        the O(1/x) terms are dropped (below double-precision resolution). |·| has a kink where
        the inner polynomial changes sign (always at 0): the gradient there uses sign(0) = 0.
    """
    wide = _wide_dtype(x)
    # Traced for export (keras_activations.export_friendly()): TFLite has no float64 kernels, so
    # float32 is evaluated as it is (relative error up to ~1e-5 for the default fit).
    if wide is not None and not _export.export_mode_active():
        return ops.cast(pau(ops.cast(x, wide), numerator=numerator, denominator=denominator), x.dtype)
    a = _coefficients(x, numerator, "pau", "numerator")
    b = _coefficients(x, denominator, "pau", "denominator")
    m, n = len(a) - 1, len(b)
    ax = ops.abs(x)
    inside = ax <= 1.0
    # |x| ≤ 1: direct
    xi = ops.where(inside, x, ops.zeros_like(x))
    p = _horner(a, xi)
    q = 1.0 + ops.abs(xi * _horner(b, xi))
    direct = p / q
    # |x| > 1: t = 1/x; F = x^m/|x|^n · Pt(t) / (|t|^n + |Bt(t)|)
    xo = ops.where(inside, 2.0 * ops.ones_like(x), x)
    huge = ops.abs(xo) > 1e18
    t = ops.where(huge, ops.zeros_like(x), 1.0 / ops.where(huge, ops.ones_like(x), xo))
    pt = _horner(list(reversed(a)), t)
    bt = _horner(list(reversed(b)), t)
    tn = ops.abs(t)
    for _ in range(n - 1):
        tn = tn * ops.abs(t)
    ratio = pt / (tn + ops.abs(bt))
    sign = ops.where(xo > 0, ops.ones_like(x), -ops.ones_like(x))
    if m >= n:
        scale = ops.ones_like(x) if n % 2 == 0 else sign
        for _ in range(m - n):
            scale = scale * xo
    else:
        scale = ops.ones_like(x) if m % 2 == 0 else sign
        for _ in range(n - m):
            scale = scale * ops.abs(t)
    outside = scale * ratio
    return ops.where(inside, direct, outside)


# ----------------------------------------------------------------------------- KAF
_KAF = stored_coefficients()["kaf"]
_KAF_DEFAULT = tuple(_KAF["alpha"])


@activation(
    family="learnable",
    formula="Σⱼ αⱼ·exp(−γ·(x − dⱼ)²), dictionary dⱼ fixed (20 points in [−3, 3])",
    parameters=(
        Parameter("alpha", _KAF_DEFAULT, description="α₁..α_D: mixing coefficients (default: a non-negative fit to softplus)"),
        Parameter("boundary", float(_KAF["boundary"]), minimum=0.0, exclusive_minimum=True,
                  description="the dictionary spans [−boundary, boundary]"),
        Parameter("gamma", None, description="γ > 0, kernel width (None: 1/(2·(2Δ)²), Δ the spacing)"),
    ),
    output_range=tuple(_KAF["output_range"]),
    properties=("continuous", "smooth"),
    references=("Scardapane, Van Vaerenbergh, Totaro & Uncini 2019, Kafnets: kernel-based non-parametric "
                "activation functions for neural networks, Neural Networks 110, arXiv:1707.04035.",),
    aliases=("kernel_activation",),
    layer_name="KAF",
)
def kaf(x, alpha=_KAF_DEFAULT, boundary=3.0, gamma=None):
    """Kernel activation function: Σⱼ αⱼ·exp(−γ(x − dⱼ)²) over a fixed dictionary dⱼ.

    Args:
        x: input tensor.
        alpha: α₁..α_D, a sequence or a tensor whose last axis has length D (the layer passes
            shape ``units + (D,)``: one expansion per unit); the dictionary has D points.
            Default: 20 non-negative coefficients, the least-squares fit to softplus on [−3, 3]
            under αⱼ ≥ 0 (``scripts/fit_pau.py``). Non-negative coefficients make the sum free of
            cancellation, so float32 keeps full relative accuracy; a mixed-sign expansion (the
            paper's ELU ridge fit, the default initializer of ``layers.KAF``, or its random
            N(0, 0.3²) start) can lose all relative accuracy where it crosses zero.
        boundary: the dictionary is D points uniformly spaced in [−boundary, boundary]; > 0;
            default 3 (the paper code's).
        gamma: γ > 0, or None (default) for the paper code's rule of thumb 1/(2·(2Δ)²).

    Returns:
        Same shape and dtype as ``x``; tends to 0 far outside the dictionary.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.kaf([0.0, 1.0])  # ≈ softplus: [≈0.69, ≈1.31]

    Reference:
        Scardapane, Van Vaerenbergh, Totaro & Uncini (2019), "Kafnets: kernel-based non-parametric
        activation functions for neural networks", Neural Networks 110, arXiv:1707.04035.

    Numerics:
        x − dⱼ is clipped to ±√(1000/γ), where the Gaussian is exactly 0 in float64, so no
        (x − d)² overflows and the gradient at huge |x| is 0, not 0·inf. Memory: an extra axis of
        length D.
    """
    n = _length(alpha, "kaf", "alpha")
    d, g = kaf_dictionary(n, boundary, gamma)
    alpha_t = _param(x, alpha)
    if _numerics.is_number(alpha_t):
        alpha_t = ops.full((1,), alpha_t, dtype=x.dtype)
    dict_t = ops.convert_to_tensor(d.astype(_numerics.dtype_of(x)))
    limit = math.sqrt(1000.0 / g)
    diff = ops.clip(ops.expand_dims(x, -1) - dict_t, -limit, limit)
    y = ops.sum(alpha_t * ops.exp(-g * diff * diff), axis=-1)
    return _numerics.is_nan_passthrough(x, y)


# ----------------------------------------------------------------------------- stochastic (inference forms)
@activation(
    family="stochastic",
    formula="x if x ≥ 0 else a·x; a ~ U(l, u) in training, (l + u)/2 at inference",
    parameters=(
        Parameter("lower", 0.125, minimum=0.0, description="l ≥ 0: lower bound of the training slope"),
        Parameter("upper", 1.0 / 3.0, minimum=0.0, description="u ≥ l: upper bound of the training slope"),
    ),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Xu, Wang, Chen & Li 2015, Empirical evaluation of rectified activations in convolutional "
                "network, arXiv:1505.00853.",
                "PyTorch torch.nn.RReLU; TensorFlow Addons tfa.activations.rrelu.",),
    aliases=("randomized_leaky_relu",),
    layer_name="RReLU",
    torch_name="rrelu",
)
def rrelu(x, lower=0.125, upper=1.0 / 3.0):
    """Randomized leaky ReLU, inference form: x if x ≥ 0 else ((l + u)/2)·x.

    In training (``layers.RReLU``) each negative element gets its own slope drawn from
    U(l, u); this function is the deterministic form used at inference (the slopes' mean).

    Args:
        x: input tensor.
        lower: l ≥ 0; default 1/8.
        upper: u ≥ l; default 1/3 (the defaults of the paper, PyTorch and TF Addons).

    Returns:
        Same shape and dtype as ``x``.

    Raises:
        ValueError: if ``upper < lower``.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.rrelu([-1.0, 1.0])  # [-0.22916667, 1.]

    Reference:
        Xu, Wang, Chen & Li (2015), "Empirical evaluation of rectified activations in
        convolutional network", arXiv:1505.00853; PyTorch ``torch.nn.RReLU``; TF Addons
        ``tfa.activations.rrelu``.

    Numerics:
        Exact up to one rounding; gradient 1 at x = 0.
    """
    _check_order("rrelu", "lower", lower, "upper", upper)
    lo, hi = _param(x, lower), _param(x, upper)
    slope = (lo + hi) / 2.0
    return ops.where(x >= 0, x, x * slope)


@activation(
    family="stochastic",
    formula="max(0, x) + σ·ε, ε ~ N(0, 1), in training; max(0, x) at inference",
    output_range=(0.0, INF),
    properties=("monotonic", "continuous", "zero_at_zero", "piecewise_linear"),
    references=("Lee, Shridhar, Hayashi, Iwana, Kang & Uchida 2019, ProbAct: a probabilistic activation "
                "function for deep neural networks, arXiv:1905.10761.",),
    layer_name="ProbAct",
)
def probact(x):
    """ProbAct, inference form: max(0, x), the mean of the training-time relu(x) + σ·ε.

    In training, ``layers.ProbAct`` adds σ·ε with ε ~ N(0, 1) drawn per element (σ fixed or
    trainable); at inference it returns this deterministic mean.

    Args:
        x: input tensor.

    Returns:
        ``max(0, x)``, same shape and dtype as ``x``; NaN stays NaN.

    Example:
    >>> import keras_activations as ka
    >>> y = ka.probact([-1.0, 2.0])  # [0., 2.]

    Reference:
        Lee, Shridhar, Hayashi, Iwana, Kang & Uchida (2019), "ProbAct: a probabilistic activation
        function for deep neural networks", arXiv:1905.10761.

    Numerics:
        Exact; gradient 0 at x = 0.
    """
    return _numerics.is_nan_passthrough(x, ops.relu(x))


# TF Addons saved its rrelu as "Addons>rrelu" (same defaults: lower 1/8, upper 1/3).
_registry.register_legacy("Addons>rrelu", rrelu)
