"""PyTorch fast paths: native kernels and ``torch.autograd.Function`` s built from in-place kernels.

Registered by :mod:`keras_activations._fast` when Keras runs on PyTorch (see its module docstring
for what every backend's fast paths do and how they are tested). Each one computes the same values
and gradients as the portable ``keras.ops`` definition of its activation, and saves one input-sized
tensor for backward.
"""

from __future__ import annotations

import math

from keras_activations import _numerics, _registry
from keras_activations._fast import _TANH_SHRINK_CF, _key


_INF = math.inf


def _torch_modules():
    import torch
    import torch.nn.functional as F

    return torch, F


def _needs_fixup(x, bound=math.inf) -> bool:
    """True unless every element of ``x`` is finite with magnitude below ``bound``.

    One read-only reduction (``aminmax``), much cheaper than a kernel that
    writes; native kernels then run unguarded on the common, all-finite input,
    and only inputs with ±inf or NaN pay for the exact fix-up. Where a host
    synchronisation would cost more than the fix-up (CUDA, ``torch.compile``),
    the fix-up is always applied.
    """
    torch, _ = _torch_modules()
    if x.numel() == 0:
        return False
    if x.is_cuda or torch.compiler.is_compiling():
        return True
    lo, hi = torch.aminmax(x.detach())
    lo, hi = lo.item(), hi.item()
    return not (-bound < lo and hi < bound)


def _torch_function(name, forward, backward, saves_output=False, differentiable=None):
    """A ``torch.autograd.Function`` that saves ``x`` only; ``forward(x, fix)`` and
    ``backward(x, dy, fix)`` are kernel sequences, ``fix`` says whether to repair ±inf/NaN.
    With ``saves_output`` it saves the output ``y`` instead, and calls ``backward(y, dy, fix)``
    (for derivatives that are a function of the output).

    In-place kernels and PyTorch's ``*_backward`` kernels cannot be differentiated again, so when
    backward itself is being recorded (``create_graph=True``: a gradient penalty, a Hessian-vector
    product) it returns ``differentiable(x, dy)`` instead: the portable definition's gradient, built
    from ops autograd can differentiate (equal to this one on finite input away from kinks; at NaN
    input and at kinks the portable path's own conventions). A ``backward`` of the output must check
    ``torch.is_grad_enabled()`` itself. ``torch.func`` transforms are not supported (no ``setup_context``)."""
    torch, _ = _torch_modules()

    def fwd(ctx, x, fix):
        ctx.fix = fix
        y = forward(x, fix)
        ctx.save_for_backward(y if saves_output else x)
        return y

    def bwd(ctx, dy):
        (x,) = ctx.saved_tensors
        if differentiable is not None and torch.is_grad_enabled():
            return differentiable(x, dy), None
        return backward(x, dy, ctx.fix), None

    cls = type(f"_{name.title().replace('_', '')}Function", (torch.autograd.Function,),
               {"forward": staticmethod(fwd), "backward": staticmethod(bwd)})
    return cls


def _at_infinities(torch, x, value, at_neg, at_pos):
    """``value`` with the limits ``at_neg`` / ``at_pos`` (tensors or numbers) where x = ∓inf."""
    inf = torch.isinf(x)
    if not bool(inf.any()) and not x.is_cuda and not torch.compiler.is_compiling():
        return value
    return torch.where(inf, torch.where(x > 0, at_pos, at_neg), value)


def _above_minus_inf(torch, x):
    """x with −inf replaced by the most negative finite number of its dtype (NaN stays NaN)."""
    return torch.clamp(x, min=torch.finfo(x.dtype).min)


def _finite(torch, x):
    """x with ±inf replaced by ±(largest finite number) of its dtype (NaN stays NaN)."""
    big = torch.finfo(x.dtype).max
    return torch.clamp(x, -big, big)


def _finite_(torch, t):
    """``t`` clamped in place to ±(largest finite number) of its dtype (NaN stays NaN)."""
    big = torch.finfo(t.dtype).max
    return t.clamp_(-big, big)


def _affine(torch, z, scale, offset, out=None):
    """offset + scale·z in one pass (``out``: default a fresh tensor). Passing ``out`` matters: without
    it PyTorch's CPU ``add`` of a broadcast 0-d first operand takes a slow path (5× a pass here)."""
    return torch.add(_scalar(torch, z, offset), z, alpha=scale, out=torch.empty_like(z) if out is None else out)


def _horner_(torch, acc, z, coefficients):
    """``acc`` ← (…((acc·z + c₀)·z + c₁)…)·z + c_last in place: one ``addcmul`` pass per
    coefficient (``mul_`` and ``add_`` would be two)."""
    for c in coefficients:
        torch.addcmul(_scalar(torch, z, c), acc, z, out=acc)
    return acc


def _saturates(torch, x, scale) -> bool:
    """Whether a gate of scale·x (σ, exp, tanh, erf) has reached its limits to every digit at ±largest
    finite x (|scale·x| ≥ 800 there): only then does clamping ±inf to ±largest finite give the limits
    at ±inf. A scale below about 2e-36 (float32) does not, and its fix-up takes the limits by select."""
    return abs(scale) * torch.finfo(x.dtype).max >= 800.0


def _zero_like(torch, x):
    return _scalar(torch, x, 0.0)


def _torch_native_but_at_minus_inf(name: str):
    """PyTorch's one-kernel ``F.<name>`` and ``aten.<name>_backward``, exact except at x = −inf.

    silu and mish: x·σ(x) and x·tanh(softplus(x)) are NaN at −inf (−inf·0), where
    the limits are 0 (value) and 0 (derivative), and their derivatives are NaN at +inf
    (inf·0), where the limit is 1. The fix-up path (always taken on CUDA, where the scan
    would synchronise) clamps x at −largest finite for the value and at ±largest finite for
    the derivative, where both kernels give exactly those limits: one select-free pass, NaN kept.
    """
    torch, F = _torch_modules()
    native_forward = getattr(F, name)
    native_backward = getattr(torch.ops.aten, f"{name}_backward")

    def forward(x, fix):
        return native_forward(_above_minus_inf(torch, x) if fix else x)

    def backward(x, dy, fix):
        return native_backward(dy, _finite(torch, x) if fix else x)

    return forward, backward


def _torch_gelu():
    """x·Φ(x) with Φ = erfc(−x/√2)/2 (PyTorch's gelu and ndtr use 1 + erf, wrong in the left tail)."""
    torch, _ = _torch_modules()

    # Fix-up (always on CUDA): x clamped at −largest finite for the value (Φ = 0 there, so 0, not
    # −inf·0) and at ±largest finite for the derivative (φ = 0 there, so Φ: 0 and 1, not inf·0).

    def forward(x, fix):
        if fix:
            x = _above_minus_inf(torch, x)
        t = torch.mul(x, -_numerics.SQRT_HALF)
        t.erfc_()
        return torch.addcmul(_zero_like(torch, x), t, x, value=0.5, out=t)

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        t = torch.mul(x, -_numerics.SQRT_HALF)
        g = torch.erfc(t)  # 2Φ(x)
        t.square_().neg_().exp_()  # e^(−x²/2)
        torch.addcmul(g, t, x, value=2.0 * _numerics.SQRT_2PI_INV, out=g)  # 2(Φ + x·φ)
        return g.mul_(dy).mul_(0.5)

    return forward, backward


def _torch_serf():
    """x·erf(softplus(x)); serf' = erf(s) + x·(2/√π)·e^(−s²)·σ(x), s = softplus(x). Fix-up: x clamped
    at −largest finite for the value (0·x there, not −inf·0) and at ±largest finite for the
    derivative (erf(s) there, not 1 + inf·0)."""
    torch, F = _torch_modules()

    def forward(x, fix):
        if fix:
            x = _above_minus_inf(torch, x)
        t = F.softplus(x)  # x above 20, where erf is 1 anyway
        return t.erf_().mul_(x)

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        s = F.softplus(x)
        g = torch.erf(s)
        s.square_().neg_().exp_()
        s.mul_(torch.sigmoid(x))
        torch.addcmul(g, s, x, value=2.0 / math.sqrt(math.pi), out=g)
        return g.mul_(dy)

    return forward, backward


def _torch_snake(frequency, beta=None):
    """x + sin²(a·x)/b, b = a (snake) or β (snake_beta); derivative 1 + (a/b)·sin(2a·x) =
    1 + (2a/b)·sin(ax)·cos(ax).

    Fix-up path (±inf, NaN, or 2a·|x| near overflow): where a·x overflows the
    periodic part is below x's rounding, so y = x there (±inf give ±inf): the value clamps a·x at
    ±largest finite (one pass; sin² of it is then lost in x's rounding); the derivative, which no
    float can resolve there, is taken as 1.
    """
    torch, _ = _torch_modules()
    a = float(frequency)
    c = 1.0 / (a if beta is None else float(beta))

    def forward(x, fix):
        if fix:
            t = _finite_(torch, torch.mul(x, a)).sin_()
        else:
            t = torch.mul(x, a).sin_() if a != 1.0 else torch.sin(x)
        t.square_()
        return torch.add(x, t, alpha=c, out=t)

    def backward(x, dy, fix):
        if fix:
            t = torch.mul(x, a)
            huge = torch.isinf(t)
            s = torch.sin(t)
            t.cos_().mul_(s)
            g = torch.addcmul(dy, t, dy, value=2.0 * a * c, out=t)
            return torch.where(huge, dy, g)
        t = torch.mul(x, 2.0 * a)
        t.sin_()
        return torch.addcmul(dy, t, dy, value=a * c, out=t)

    # all finite and 2a·|x| below 1e30: the one-sine derivative cannot overflow
    return forward, backward, 0.5e30 / a


def _torch_scaled_silu(beta, scale):
    """scale·x·σ(βx) = (scale/β)·silu(βx): PyTorch's silu kernel in place on βx, and its backward
    silu'(βx)·scale (swish_beta, quick_gelu = β 1.702, e_swish = scale β, lipswish = scale 1/1.1).
    The fix-up path (±inf, NaN, or |x| so large that βx overflows) is one clamp more: the value
    as scale·x·σ(βx) of x clamped at −largest finite (σ(±inf) is 1 or 0: scale·x where βx overflows,
    0 at −inf, not −inf·0), the derivative of βx clamped at ±largest finite (silu' is exactly 1 and
    0 there)."""
    torch, F = _torch_modules()
    beta, scale = float(beta), float(scale)

    def forward(x, fix):
        if fix and _saturates(torch, x, beta):
            x = _above_minus_inf(torch, x)
            t = torch.mul(x, beta).sigmoid_()
            return torch.addcmul(_zero_like(torch, x), t, x, value=scale, out=t)
        t = torch.mul(x, beta)
        F.silu(t, inplace=True)
        t.mul_(scale / beta)  # a tiny β: βx overflows nowhere, silu(−inf) is NaN: 0 there
        return _at_infinities(torch, x, t, 0.0, t) if fix else t

    def backward(x, dy, fix):
        t = torch.mul(x, beta)
        g = torch.ops.aten.silu_backward(dy, _finite_(torch, t) if fix else t)
        return g.mul_(scale) if scale != 1.0 else g

    return forward, backward, 1e30 / max(beta, 1.0)


def _torch_gelu_tanh():
    """x·σ(2u), u = √(2/π)(x + 0.044715x³) (PyTorch's tanh gelu computes 1 + tanh(u), which
    cancels for x ≪ 0); gelu' = s + x·s(1 − s)·2u', s = σ(2u). Six forward and eleven backward
    kernels, in place. Where x² overflows σ saturates (2u is ±inf), so the value needs a fix-up only
    at −inf (0, not −inf·0: x clamped at −largest finite), and the derivative, whose x·s(1 − s)·2u'
    would be 0·inf, takes x clamped to ±1e6, where s is exactly 1 or 0 (derivative 1 and 0)."""
    torch, _ = _torch_modules()
    k2 = 2.0 * _numerics.SQRT_2_OVER_PI  # 2u = x·(k2 + k1·x²)
    k1 = k2 * 0.044715

    def forward(x, fix):
        if fix:
            x = _above_minus_inf(torch, x)
        t = torch.square(x)
        t = _affine(torch, t, k1, k2, out=t)
        return t.mul_(x).sigmoid_().mul_(x)

    def backward(x, dy, fix):
        if fix:
            x = torch.clamp(x, -1e6, 1e6)
        z = torch.square(x)
        s = _affine(torch, z, k1, k2)
        s.mul_(x).sigmoid_()  # σ(2u)
        q = torch.sub(1.0, s)
        q.mul_(s)  # s(1 − s)
        z = _affine(torch, z, 3.0 * k1, k2, out=z)  # 2u'
        q.mul_(z).mul_(x)
        return q.add_(s).mul_(dy)

    return forward, backward, 1e6


def _torch_tanh_shrink():
    """x − tanh(x): for |x| < 1 the continued fraction x·z·Q(z)/(z·Q(z) + P(z)), z = x² (no
    cancellation; see ``_tanh_shrink_coefficients``), by Horner's rule in place; beyond, x − tanh(x).
    Derivative tanh²(x), recomputed from x. PyTorch's tanhshrink (x − tanh x everywhere) loses
    every digit near 0. ±inf give ±inf with derivative 1; NaN stays NaN: no fix-up needed."""
    torch, _ = _torch_modules()

    def horner(coefficients, z):
        acc = _affine(torch, z, coefficients[-1], coefficients[-2])
        return _horner_(torch, acc, z, reversed(coefficients[:-2]))

    def forward(x, fix):
        p, q = _TANH_SHRINK_CF["float64" if x.dtype == torch.float64 else "float32"]
        xs = torch.clamp(x, -1.0, 1.0)  # the series is discarded beyond: any finite point will do
        z = torch.square(xs)
        qz = horner(q, z).mul_(z)  # z·Q
        den = horner(p, z).add_(qz)  # z·Q + P
        qz.mul_(xs).div_(den)  # the series
        far = torch.tanh(x, out=den).neg_().add_(x)  # x − tanh x
        if x.is_cuda:
            return torch.where(torch.abs(x) < 1.0, qz, far, out=far)
        # PyTorch's CPU where is ~7 passes: h·far + (1 − h)·series, h = sign|x − xs| (1 beyond |x| = 1,
        # NaN for NaN), exact as each term is multiplied by 1 or 0 (the series is finite)
        h = torch.sub(x, xs, out=z).abs_().sign_()
        far.mul_(h)
        return torch.addcmul(far, qz, torch.sub(_scalar(torch, x, 1.0), h, out=h), out=far)

    def backward(x, dy, fix):
        return torch.tanh(x).square_().mul_(dy)

    return forward, backward, None


def _torch_squared_relu():
    """relu(x)²; derivative 2·relu(x) (continuous at 0, so no kink convention to choose)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        return torch.relu(x).square_()

    def backward(x, dy, fix):
        return torch.relu(x).mul_(dy).mul_(2.0)

    return forward, backward, None


def _torch_lisht():
    """x·tanh(x); derivative tanh(x) + x·(1 − tanh²x), which is ±1 at ±inf (fix-up: x clamped at
    ±largest finite, where 1 − tanh² is exactly 0, instead of inf·0)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        return torch.tanh(x).mul_(x)  # ±inf·±1 = inf: no fix-up needed

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        t = torch.tanh(x)
        q = torch.addcmul(_scalar(torch, x, 1.0), t, t, value=-1.0)
        return q.mul_(x).add_(t).mul_(dy)

    return forward, backward


def _torch_squareplus(b):
    """(x + √(x² + b))/2, as P = (|x| + r)/2 for x ≥ 0 and (b/4)/P for x < 0 (r = hypot(x, √b):
    no cancellation, no overflow). The derivative is a function of the output y:
    1/(1 + (b/4)/y²), so backward keeps y instead of x."""
    torch, _ = _torch_modules()
    quarter_b = b / 4.0
    root_b = math.sqrt(b)

    class SquareplusFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            a = torch.abs(x)
            r = torch.hypot(a, torch.tensor(root_b, dtype=x.dtype, device=x.device))
            p = r.mul_(0.5).add_(a, alpha=0.5)  # halves first: |x| + r overflows at the top
            q = torch.div(torch.tensor(quarter_b, dtype=x.dtype, device=x.device), p, out=a)
            if x.is_cuda or root_b / 2.0 < torch.finfo(x.dtype).tiny:  # P(0) = √b/2 must not be 0: Q = 0/0
                y = torch.where(x >= 0, p, q)
            else:  # PyTorch's CPU where is ~7 passes: P ≥ Q always, so y = min(P, (Q + h)/(1 − h)) with
                # h = 1 for x > 0 (bound inf), 0 below (bound Q; at x = 0, P = Q); NaN stays NaN
                h = torch.relu(x).sign_()
                q.add_(h).div_(torch.sub(_scalar(torch, x, 1.0), h, out=h))
                y = torch.minimum(p, q, out=p)
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, dy):
            (y,) = ctx.saved_tensors
            if torch.is_grad_enabled():  # backward recorded for a higher derivative: differentiable in y,
                # each side of y = √(b/4) with y clamped to it (no y⁴ to underflow, no y² to overflow)
                c = math.sqrt(quarter_b)
                low = torch.clamp(y, max=c).square()
                high = torch.clamp(y, min=c).square()
                return dy * torch.where(y < c, low / (low + quarter_b), 1.0 / (1.0 + quarter_b / high))
            t = torch.square(y)
            t.reciprocal_().mul_(quarter_b).add_(1.0)
            return torch.div(dy, t, out=t)

    return SquareplusFunction


# ----- elementwise activations without a native kernel: a few in-place kernels, one saved tensor


_SCALARS: dict = {}


def _scalar(torch, x, value):
    """``value`` as a 0-d tensor of ``x``'s dtype and device (the ``self`` of ``addcmul``, broadcast),
    made once per value, dtype and device on the CPU (``torch.full`` costs microseconds per call, which
    small tensors feel); fresh on CUDA and while ``torch.compile`` traces. Only ever read, never written."""
    if x.is_cuda or torch.compiler.is_compiling():  # CUDA: no tensor shared across streams or graph captures
        return torch.full((), value, dtype=x.dtype, device=x.device)
    key = (value, math.copysign(1.0, value), x.dtype, x.device)  # −0.0 and 0.0 apart
    t = _SCALARS.get(key)
    if t is None:
        if len(_SCALARS) > 1024:  # parameters swept by a user: keep the table small
            _SCALARS.clear()
        t = _SCALARS[key] = torch.full((), value, dtype=x.dtype, device=x.device)
    return t


def _exp_nonpositive_(torch, t):
    """eᵗ in place (t ≤ 87), with the arguments that underflow (below −87 in float32, −708 in
    float64) given 0 without PyTorch's CPU exp slow path, which takes 20-70x longer for them
    (a clamp into the fast range, then a threshold that zeroes its image)."""
    lo = -708.0 if t.dtype == torch.float64 else -87.0
    t.clamp_min_(lo).exp_()
    return torch.nn.functional.threshold(t, math.exp(lo) * 1.0001, 0.0, inplace=True)


def _numbers(*names, positive=()):
    """``params_ok``: the named parameters are Python numbers (those in ``positive`` also > 0)."""
    return lambda p: all(_numerics.is_number(p[n]) for n in names) and all(p[n] > 0 for n in positive)


# −x above these, σ(−x) is 1 to the last bit (e^(−t) below half an ulp of 1), and e^(−x) still finite
_SIGMOID_IS_ONE_BEYOND = {"float64": 40.0, "float32": 20.0, "bfloat16": 20.0, "float16": 10.0}


def _torch_log_sigmoid():
    """ln σ(x) = min(x, 0) − log1p(e^(−|x|)): PyTorch's logsigmoid kernel for the value only (its
    own backward keeps a second input-sized buffer); the derivative σ(−x) from x alone in one pass,
    PyTorch's softplus backward with β = −1 (dy·e^(−x)/(e^(−x) + 1), dy itself where −x passes a
    threshold at which σ(−x) is 1 to the last bit, so e^(−x) never overflows): 1 at −inf, 0 at +inf."""
    torch, F = _torch_modules()

    def forward(x, fix):
        return F.logsigmoid(x)

    def backward(x, dy, fix):
        threshold = _SIGMOID_IS_ONE_BEYOND.get(str(x.dtype).removeprefix("torch."), 20.0)
        return torch.ops.aten.softplus_backward(dy, x, -1.0, threshold)

    return forward, backward, None


def _torch_smelu(beta):
    """0 for x ≤ −β, (x + β)²/(4β) on [−β, β], x beyond β (sparse_plus: β = 1), as
    max(x, u²/(4β)) with u = clamp(x + β, 0, 2β) (x + β is exact near −β; the quadratic exceeds x
    by (x − β)²/(4β) and is β beyond β); derivative u/(2β)."""
    torch, _ = _torch_modules()
    beta = float(beta)

    def forward(x, fix):
        u = torch.add(x, beta).clamp_(0.0, 2.0 * beta)
        torch.addcmul(_zero_like(torch, x), u, u, value=0.25 / beta, out=u)
        return torch.maximum(u, x, out=u)

    def backward(x, dy, fix):
        u = torch.add(x, beta).clamp_(0.0, 2.0 * beta)
        return torch.addcmul(_zero_like(torch, x), u, dy, value=0.5 / beta, out=u)

    return forward, backward, None


def _torch_hard_sigmoid(slope, offset):
    """clip(s·(x + o/s), 0, 1) (x + o/s is exact near the lower kink, where s·x + o cancels);
    derivative s strictly between the kinks −o/s and (1 − o)/s, 0 elsewhere (PyTorch's
    hardtanh backward)."""
    torch, _ = _torch_modules()
    s, o = float(slope), float(offset)
    lower, upper = -o / s, (1.0 - o) / s

    def forward(x, fix):
        return torch.add(x, o / s).mul_(s).clamp_(0.0, 1.0)

    def backward(x, dy, fix):
        return torch.ops.aten.hardtanh_backward(dy, x, lower, upper).mul_(s)

    return forward, backward, None


def _torch_scaled_tanh(scale, slope):
    """A·tanh(B·x); the derivative A·B·(1 − u²), u = y/A, is a function of the output, which
    backward keeps instead of x (u = ±1 exactly where tanh saturates: derivative 0 there)."""
    torch, _ = _torch_modules()
    a, b = float(scale), float(slope)

    def forward(x, fix):
        return torch.mul(x, b).tanh_().mul_(a)

    def backward(y, dy, fix):
        if torch.is_grad_enabled():  # backward recorded for a higher derivative: differentiable in y
            u = y / a
            return dy * (a * b) * (1.0 - u * u)
        u = torch.div(y, a)
        torch.addcmul(_scalar(torch, y, 1.0), u, u, value=-1.0, out=u)
        return torch.addcmul(_zero_like(torch, y), u, dy, value=a * b, out=u)

    return forward, backward, None


def _torch_probit():
    """Φ(x) = erfc(−x/√2)/2 (1 + erf cancels in the left tail); derivative φ(x) = e^(−x²/2)/√(2π)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        return torch.mul(x, -_numerics.SQRT_HALF).erfc_().mul_(0.5)

    def backward(x, dy, fix):
        t = torch.addcmul(_zero_like(torch, x), x, x, value=-0.5).exp_()
        return torch.addcmul(_zero_like(torch, x), t, dy, value=_numerics.SQRT_2PI_INV, out=t)

    return forward, backward, None


def _torch_elliott():
    """x/(2(1 + |x|)) + 1/2 as (1/2 + relu(x))/(1 + |x|): no cancellation for x ≪ 0, no
    branch; 1 at +inf on the fix-up path, which clamps x at the largest finite number (not inf/inf).
    Derivative 1/(2(1 + |x|)²), 0 at ±inf."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        if fix:
            x = torch.clamp(x, max=torch.finfo(x.dtype).max)
        n = torch.relu(x).add_(0.5)
        return torch.div(n, torch.abs(x).add_(1.0), out=n)

    def backward(x, dy, fix):
        t = torch.abs(x).add_(1.0).square_()
        return torch.div(dy, t, out=t).mul_(0.5)

    return forward, backward


def _torch_gaussian():
    """e^(−x²); derivative −2x·e^(−x²), 0 at ±inf (the fix-up path clamps x at ±largest finite: not
    inf·0 there)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        return torch.addcmul(_zero_like(torch, x), x, x, value=-1.0).exp_()

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        t = torch.addcmul(_zero_like(torch, x), x, x, value=-1.0).exp_().mul_(x)
        return torch.addcmul(_zero_like(torch, x), t, dy, value=-2.0, out=t)

    return forward, backward


def _torch_sine(w0):
    """sin(ω₀x); derivative ω₀·cos(ω₀x). Fix-up path (±inf, NaN or ω₀x near overflow): where
    ω₀x overflows for finite x, sin(x) and cos(x), as the portable definition."""
    torch, _ = _torch_modules()
    w0 = float(w0)

    def forward(x, fix):
        if w0 == 1.0:
            return torch.sin(x)
        t = torch.mul(x, w0)
        if fix:
            t = torch.where(torch.isinf(t) & ~torch.isinf(x), x, t)
        return t.sin_()

    def backward(x, dy, fix):
        if w0 == 1.0:
            return torch.cos(x).mul_(dy)
        t = torch.mul(x, w0)
        if fix:
            huge = torch.isinf(t) & ~torch.isinf(x)
            return torch.where(huge, x, t).cos_().mul_(dy).mul_(torch.where(huge, 1.0, w0))
        t.cos_()
        return torch.addcmul(_zero_like(torch, x), t, dy, value=w0, out=t)

    return forward, backward, 1e37 / w0


def _torch_signed_sqrt():
    """sign(x)·√|x|; derivative 1/(2√|x|), with |x| raised to the smallest normal number (a
    finite gradient at 0 and for subnormals, as the portable definition), 0 at ±inf."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        t = torch.abs(x).sqrt_()
        return torch.copysign(t, x, out=t)

    def backward(x, dy, fix):
        t = torch.abs(x).clamp_min_(torch.finfo(x.dtype).tiny).rsqrt_()
        return torch.addcmul(_zero_like(torch, x), t, dy, value=0.5, out=t)

    return forward, backward, None


def _torch_sqnl():
    """sign(x)·(a − a²/4), a = min(|x|, 2); derivative 1 − a/2 (0 beyond ±2)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        a = torch.abs(x).clamp_max_(2.0)
        torch.addcmul(a, a, a, value=-0.25, out=a)
        return torch.copysign(a, x, out=a)

    def backward(x, dy, fix):
        a = torch.abs(x).clamp_max_(2.0)
        return torch.addcmul(dy, a, dy, value=-0.5, out=a)

    return forward, backward, None


def _torch_star_relu(scale, bias):
    """s·relu(x)² + b, as (s·r)·r + b in one addcmul (overflows only where the value does);
    derivative 2s·relu(x)."""
    torch, _ = _torch_modules()
    s, b = float(scale), float(bias)

    def forward(x, fix):
        r = torch.relu(x)
        return torch.addcmul(_scalar(torch, x, b), r, r, value=s, out=r)

    def backward(x, dy, fix):
        r = torch.relu(x)
        return torch.addcmul(_zero_like(torch, x), r, dy, value=2.0 * s, out=r)

    return forward, backward, None


def _torch_self_gated(gate, gate_and_slope, at_neg_inf=0.0, at_pos_inf=1.0, beyond=_INF, saturates=None):
    """x·g(x) from the gate's own kernels: forward g(x)·x, backward (g + x·g')·dy, where
    ``gate(x)`` gives a fresh g(x) and ``gate_and_slope(x)`` fresh g(x) and g'(x) (each keeps its
    argument in range, so large finite x give no NaN, and gives the limits g(±inf), g' = 0 at
    ±largest finite). Fix-up (±inf, NaN): x clamped at ∓largest finite on a side whose limit
    g(∓inf) is 0 (0·x there, not inf·0; one pass), and on both sides for the derivative
    (g(±inf) there, not g + inf·0). With a finite ``beyond`` (the gate reaches its limits only to
    working precision there) the fix-up selects x·g(±inf) and g(±inf) beyond it; so does it at ±inf
    where ``saturates(x)`` is false (a gate whose parameters keep it from its limits at ±largest finite)."""
    torch, _ = _torch_modules()

    def clamps(x):
        return beyond == _INF and (saturates is None or saturates(x))

    def tails(x, value, at_neg, at_pos):
        if beyond == _INF:
            return _at_infinities(torch, x, value, at_neg, at_pos)
        return torch.where(torch.abs(x) > beyond, torch.where(x > 0, at_pos, at_neg), value)

    def forward(x, fix):
        clamped = fix and clamps(x)
        if clamped and 0.0 in (at_neg_inf, at_pos_inf):
            big = torch.finfo(x.dtype).max
            x = torch.clamp(x, -big if at_neg_inf == 0.0 else None, big if at_pos_inf == 0.0 else None)
        y = gate(x).mul_(x)
        if fix and not clamped:  # x·g(±inf), 0 where that limit is 0 (not ±inf·0)
            y = tails(x, y, *(0.0 if g == 0 else x * g for g in (at_neg_inf, at_pos_inf)))
        return y

    def backward(x, dy, fix):
        clamped = fix and clamps(x)
        xc = _finite(torch, x) if clamped else x
        g, s = gate_and_slope(xc)
        d = torch.addcmul(g, s, xc, out=g).mul_(dy)
        if fix and not clamped:
            d = tails(x, d, dy * at_neg_inf, dy * at_pos_inf)
        return d

    return forward, backward, beyond


def _torch_tanh_exp():
    """x·tanh(eˣ) (eˣ of min(x, 20): tanh(e²⁰) is 1 already); gate' = eˣ·(1 − tanh²(eˣ))."""
    torch, _ = _torch_modules()

    def gate(x):
        return torch.clamp_max(x, 20.0).exp_().tanh_()

    def gate_and_slope(x):
        e = torch.clamp_max(x, 20.0).exp_()
        g = torch.tanh(e)
        return g, torch.addcmul(_scalar(torch, x, 1.0), g, g, value=-1.0).mul_(e)

    return _torch_self_gated(gate, gate_and_slope)


def _torch_smish():
    """x·tanh(ln(1 + σ)) = x·n/(n + 2), n = σ(σ + 2) (as mish: (1 + σ)² − 1 over (1 + σ)² + 1, no
    tanh or log, and no cancellation where σ is tiny); gate' = 4σ(1 − σ²)/(n + 2)²."""
    torch, _ = _torch_modules()

    def numerator(x):
        s = torch.sigmoid(x)
        return s, torch.add(s, 2.0).mul_(s)

    def gate(x):
        s, n = numerator(x)
        return n.div_(torch.add(n, 2.0, out=s))

    def gate_and_slope(x):
        s, n = numerator(x)
        q = torch.add(n, 2.0)
        n.div_(q)
        slope = torch.addcmul(_scalar(torch, x, 4.0), s, s, value=-4.0).mul_(s)
        return n, slope.div_(q.square_())

    return _torch_self_gated(gate, gate_and_slope, at_pos_inf=0.6)


def _torch_logish():
    """x·ln(1 + σ(x)); gate' = σ(1 − σ)/(1 + σ)."""
    torch, _ = _torch_modules()

    def gate(x):
        return torch.sigmoid(x).log1p_()

    def gate_and_slope(x):
        s = torch.sigmoid(x)
        g = torch.log1p(s)
        slope = torch.addcmul(s, s, s, value=-1.0)
        return g, slope.div_(s.add_(1.0))

    return _torch_self_gated(gate, gate_and_slope, at_pos_inf=math.log(2.0))


def _torch_hard_mish():
    """x·clip(x + 2, 0, 2)/2; derivative min(x + 1, 1) above x = −2 (x + 1 exact near −1), 0 at
    and below it (PyTorch's threshold on x + 1), continuous at 0."""
    torch, F = _torch_modules()

    def forward(x, fix):
        if fix:  # 0·x at −inf, not −inf·0
            x = _above_minus_inf(torch, x)
        t = torch.add(x, 2.0).clamp_(0.0, 2.0)
        return torch.addcmul(_zero_like(torch, x), t, x, value=0.5, out=t)

    def backward(x, dy, fix):
        t = torch.add(x, 1.0).clamp_max_(1.0)
        return F.threshold(t, -1.0, 0.0, inplace=True).mul_(dy)

    return forward, backward


def _torch_isru(alpha):
    """x/√(1 + αx²) as x·rsqrt(1 + αx²); derivative (1 + αx²)^(−3/2) = r/t, r = rsqrt(t), which
    is 0 where αx² overflows. Fix-up (±inf, NaN, |x| ≥ 1e18/√α where αx² nears overflow): x
    clamped to ±1e18/√α, where the quotient is sign(x)/√α, the limit, to every digit."""
    torch, _ = _torch_modules()
    alpha = float(alpha)
    limit = 1.0 / math.sqrt(alpha)

    def forward(x, fix):
        if fix:
            x = torch.clamp(x, -1e18 * limit, 1e18 * limit)
        return torch.addcmul(_scalar(torch, x, 1.0), x, x, value=alpha).rsqrt_().mul_(x)

    def backward(x, dy, fix):
        t = torch.addcmul(_scalar(torch, x, 1.0), x, x, value=alpha)
        return torch.rsqrt(t).div_(t).mul_(dy)

    return forward, backward, 1e18 * limit


def _torch_isrlu(alpha):
    """x for x ≥ 0, x/√(1 + αx²) below, as max(x, m·rsqrt(1 + αm²)) with m = min(x, 0) (the
    quotient lies above x for x < 0); derivative (1 + αm²)^(−3/2), 1 for x ≥ 0. m is clamped at
    −1e18/√α too (in the same kernel), where αm² would near overflow and the quotient is −1/√α, the
    limit, to every digit: no fix-up, no scan."""
    torch, _ = _torch_modules()
    alpha = float(alpha)
    far = -1e18 / math.sqrt(alpha)

    def forward(x, fix):
        m = torch.clamp(x, far, 0.0)
        t = torch.addcmul(_scalar(torch, x, 1.0), m, m, value=alpha).rsqrt_().mul_(m)
        return torch.maximum(t, x, out=t)

    def backward(x, dy, fix):
        m = torch.clamp_max(x, 0.0)
        t = torch.addcmul(_scalar(torch, x, 1.0), m, m, value=alpha, out=m)
        return torch.rsqrt(t).div_(t).mul_(dy)

    return forward, backward, None


def _torch_bent_identity():
    """x·(1 + t/2), t = x/(√(x² + 1) + 1): x + x²/(2(√(x² + 1) + 1)) without the cancellation of
    √(x² + 1) − 1 near 0; derivative 1 + (x/√(x² + 1))/2. Fix-up (±inf, NaN, |x| ≥ 1e18 where x²
    nears overflow): x clamped to ±1e18 inside t and x/√(x² + 1), which are ±1 to every digit
    there (the value keeps x itself: ±inf at ±inf). PyTorch's hypot would need no clamp, but
    on the CPU it costs four passes."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        xc = torch.clamp(x, -1e18, 1e18) if fix else x
        t = torch.addcmul(_scalar(torch, x, 1.0), xc, xc).sqrt_().add_(1.0)
        t = torch.div(xc, t, out=t)
        return _affine(torch, t, 0.5, 1.0, out=t).mul_(x)

    def backward(x, dy, fix):
        if fix:
            x = torch.clamp(x, -1e18, 1e18)
        t = torch.addcmul(_scalar(torch, x, 1.0), x, x).rsqrt_()
        d = torch.addcmul(_scalar(torch, x, 1.0), t, x, value=0.5, out=t)
        return d.mul_(dy)

    return forward, backward, 1e18


def _torch_symlog():
    """sign(x)·log1p(|x|) (copysign: −0 stays −0); derivative 1/(1 + |x|), 0 at ±inf."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        t = torch.abs(x).log1p_()
        return torch.copysign(t, x, out=t)

    def backward(x, dy, fix):
        t = torch.abs(x).add_(1.0)
        return torch.div(dy, t, out=t)

    return forward, backward, None


def _torch_symexp():
    """sign(x)·expm1(|x|) (no cancellation near 0; ±inf beyond ±88.7 in float32); derivative e^|x|."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        t = torch.abs(x).expm1_()
        return torch.copysign(t, x, out=t)

    def backward(x, dy, fix):
        return torch.abs(x).exp_().mul_(dy)

    return forward, backward, None


def _just_below(torch, x, value):
    """The largest number of ``x``'s dtype below ``value``: PyTorch's threshold kernels test
    x ≤ t, so t just below ``value`` makes them test x < value."""
    v = torch.tensor(value, dtype=x.dtype)
    return torch.nextafter(v, torch.tensor(-_INF, dtype=x.dtype)).item()


def _just_above(torch, x, value):
    """The smallest number of ``x``'s dtype above ``value``."""
    return -_just_below(torch, x, -value)


def _torch_shifted_relu_line(alpha, beta):
    """α·relu(x) + β (shilu; flexible_relu is α = 1); derivative α for x > 0, 0 for x ≤ 0
    (PyTorch's threshold backward)."""
    torch, _ = _torch_modules()
    alpha, beta = float(alpha), float(beta)

    def forward(x, fix):
        y = torch.relu(x)
        if alpha != 1.0:
            y.mul_(alpha)
        return y.add_(beta) if beta != 0.0 else y

    def backward(x, dy, fix):
        g = torch.ops.aten.threshold_backward(dy, x, 0.0)
        return g.mul_(alpha) if alpha != 1.0 else g

    return forward, backward, None


def _torch_tlu(tau):
    """max(x, τ) (clamp keeps NaN); derivative 1 for x ≥ τ (the tie goes to x), 0 below."""
    torch, _ = _torch_modules()
    tau = float(tau)

    def forward(x, fix):
        return torch.clamp_min(x, tau)

    def backward(x, dy, fix):
        return torch.ops.aten.threshold_backward(dy, x, _just_below(torch, x, tau))

    return forward, backward, None


def _torch_arelu(alpha, beta):
    """k·leaky_relu(x, a/k), a = clip(α, 0.01, 0.99), k = 1 + σ(β): slopes k and a, from PyTorch's
    leaky_relu kernel and its backward (at 0 the gradient takes the negative slope)."""
    torch, F = _torch_modules()
    a = min(max(float(alpha), 0.01), 0.99)
    k = 1.0 + 1.0 / (1.0 + math.exp(-float(beta)))

    def forward(x, fix):
        return F.leaky_relu(x, a / k).mul_(k)

    def backward(x, dy, fix):
        return torch.ops.aten.leaky_relu_backward(dy, x, a / k, False).mul_(k)

    return forward, backward, None


def _torch_repu(power):
    """relu(x)^p; derivative p·relu(x)^(p−1) (p = 1: relu, gradient 0 at 0)."""
    torch, _ = _torch_modules()
    p = float(power)

    def forward(x, fix):
        r = torch.relu(x)
        return r.square_() if p == 2.0 else r if p == 1.0 else r.pow_(p)

    def backward(x, dy, fix):
        if p == 1.0:
            return torch.ops.aten.threshold_backward(dy, x, 0.0)
        r = torch.relu(x)
        if p != 2.0:
            r.pow_(p - 1.0)
        return torch.addcmul(_zero_like(torch, x), r, dy, value=p, out=r)

    return forward, backward, None


def _torch_nlrelu(beta):
    """log1p(β·relu(x)); derivative β/(1 + β·relu(x)) for x > 0, 0 for x ≤ 0. Fix-up (±inf, NaN,
    or β·x beyond 1e30, where it could overflow): ln x + ln β there, as the portable definition,
    with derivative 1/x."""
    torch, _ = _torch_modules()
    beta = float(beta)

    def forward(x, fix):
        y = torch.relu(x).mul_(beta)
        if fix:
            far = y > 1e30
            return torch.where(far, torch.log(x).add_(math.log(beta)), y.log1p_())
        return y.log1p_()

    def backward(x, dy, fix):
        g = torch.ops.aten.threshold_backward(dy, x, 0.0)
        t = torch.relu(x).mul_(beta)
        far = t > 1e30 if fix else None
        d = torch.div(g, t.add_(1.0), out=t).mul_(beta)
        return torch.where(far, g / x, d) if fix else d

    # β ≤ 1: β·x overflows only at x = inf, where log1p and β/(1 + inf) give the limits already
    return forward, backward, (1e30 / beta if beta > 1.0 else None)


def _torch_slu():
    """x for x ≥ 0, 2·log1p(expm1(x)/2) below, as max(x, 2·log1p(expm1(m)/2)), m = min(x, 0) (the
    branch lies above x: AM-GM); derivative 2σ(m), which is 1 for x ≥ 0."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        t = torch.clamp_max(x, 0.0).expm1_().mul_(0.5).log1p_().mul_(2.0)
        return torch.maximum(t, x, out=t)

    def backward(x, dy, fix):
        s = torch.clamp_max(x, 0.0).sigmoid_()
        return torch.addcmul(_zero_like(torch, x), s, dy, value=2.0, out=s)

    return forward, backward, None


def _torch_reu():
    """x for x > 0, x·eˣ below, as max(x, m·eᵐ), m = clamp(x, −1000, 0) (x·eˣ ≥ x there; below
    −1000 the value is 0); derivative (1 + m)·eᵐ, which is 1 for x ≥ 0 and 0 below −1000."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        m = torch.clamp(x, -1000.0, 0.0)
        e = torch.exp(m).mul_(m)
        return torch.maximum(e, x, out=e)

    def backward(x, dy, fix):
        m = torch.clamp(x, -1000.0, 0.0)
        e = torch.exp(m)
        return e.mul_(m.add_(1.0)).mul_(dy)

    return forward, backward, None


def _torch_polylu():
    """x for x ≥ 0, x/(1 − x) below (no cancellation near 0), as max(x, m/(1 − m)) with
    m = clamp(x, −1e30, 0) (−1 to working precision below −1e30, so −inf gives −1);
    derivative 1/(1 − m)², 1 for x ≥ 0."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        m = torch.clamp(x, -1e30, 0.0)
        t = torch.sub(1.0, m)
        torch.div(m, t, out=t)
        return torch.maximum(t, x, out=t)

    def backward(x, dy, fix):
        t = torch.clamp(x, -1e30, 0.0).sub_(1.0).square_()
        return torch.div(dy, t, out=t)

    return forward, backward, None


def _torch_fts(threshold):
    """silu(relu(x)) + T (= relu(x)·σ(x) + T); derivative silu'(x) for x ≥ 0 (1/2 at 0, as the
    portable definition), 0 below. PyTorch's silu backward is NaN at +inf: the fix-up clamps x at
    the largest finite number, where it is 1."""
    torch, F = _torch_modules()
    t = float(threshold)

    def forward(x, fix):
        return F.silu(torch.relu(x), inplace=True).add_(t)

    def backward(x, dy, fix):
        if fix:
            x = torch.clamp(x, max=torch.finfo(x.dtype).max)
        g = torch.ops.aten.silu_backward(dy, torch.relu(x))
        return torch.ops.aten.threshold_backward(g, x, _just_below(torch, x, 0.0), grad_input=g)

    return forward, backward


def _torch_gelu_10():
    """min(gelu(x), 10) from the exact gelu's kernels; gradient gelu'(x) up to x = 10 (the left
    slope at the kink: gelu(x) > 10 exactly for x > 10), 0 above."""
    torch, _ = _torch_modules()
    forward_gelu, backward_gelu = _torch_gelu()

    def forward(x, fix):
        return forward_gelu(x, fix).clamp_max_(10.0)

    def backward(x, dy, fix):
        g = backward_gelu(x, dy, fix)
        return torch.ops.aten.hardtanh_backward(g, x, -_INF, _just_above(torch, x, 10.0), grad_input=g)

    return forward, backward


def _torch_sgelu(alpha):
    """α·x·erf(x/√2); derivative α·(erf(x/√2) + x·√(2/π)·e^(−x²/2)), ∓α at ∓inf (fix-up: x clamped at
    ±largest finite, not inf·0)."""
    torch, _ = _torch_modules()
    alpha = float(alpha)

    def forward(x, fix):
        t = torch.mul(x, _numerics.SQRT_HALF).erf_()
        return torch.addcmul(_zero_like(torch, x), t, x, value=alpha, out=t)

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        t = torch.mul(x, _numerics.SQRT_HALF)
        g = torch.erf(t)
        t.square_().neg_().exp_()
        torch.addcmul(g, t, x, value=2.0 * _numerics.SQRT_2PI_INV, out=g)
        return torch.addcmul(_zero_like(torch, x), g, dy, value=alpha, out=g)

    return forward, backward


def _torch_times_periodic(fn, derivative_sign):
    """x·fn(x) for fn = cos (gcu) or sin (asu); derivative fn(x) ± x·fn'(x): cos − x·sin, sin + x·cos.
    NaN at ±inf, as the portable definition (no limit)."""
    torch, _ = _torch_modules()
    fn_, other = (torch.cos, torch.sin) if fn == "cos" else (torch.sin, torch.cos)

    def forward(x, fix):
        return fn_(x).mul_(x)

    def backward(x, dy, fix):
        g = fn_(x)
        torch.addcmul(g, other(x), x, value=derivative_sign, out=g)
        return g.mul_(dy)

    return forward, backward, None


def _torch_acon_c(p1, p2, beta):
    """d·x·σ(β·d·x) + p₂·x, d = p₁ − p₂ (β·d > 0): the scaled silu (d, β·d) plus p₂·x; derivative
    the scaled silu's plus p₂. Limits at ±inf: p₂·x and p₁·x, with derivatives p₂ and p₁.
    The fix-up path (±inf, NaN, or |x| where β·d·x or d·x could overflow) computes the value as
    x·(p₂ + d·σ(β·d·x)), whose gate is p₁ or p₂ where σ saturates (d·x alone may overflow there
    while the sum does not, e.g. p₂ < 0 < p₁), with x clamped at ∓largest finite on a side whose
    limit coefficient is 0 (0·x there, not inf·0); the derivative is the scaled silu's fix-up."""
    torch, _ = _torch_modules()
    p1, p2, beta = float(p1), float(p2), float(beta)
    forward_silu, backward_silu, bound = _torch_scaled_silu(beta * (p1 - p2), p1 - p2)
    gain = beta * (p1 - p2)

    def saturated(x, value, at_pos, at_neg):
        # a tiny β·d: σ(β·d·x) saturates only at ±inf, where |x|·gain is inf
        return torch.where(torch.abs(x) * gain >= 800.0, torch.where(x > 0, at_pos, at_neg), value)

    def forward(x, fix):
        if fix and not _saturates(torch, x, gain):
            y = forward_silu(x, False)
            y = y.add_(x, alpha=p2) if p2 != 0.0 else y
            return saturated(x, y, x * p1 if p1 else _zero_like(torch, x), x * p2 if p2 else _zero_like(torch, x))
        if fix:
            if p1 == 0.0 or p2 == 0.0:
                big = torch.finfo(x.dtype).max
                x = torch.clamp(x, -big if p2 == 0.0 else None, big if p1 == 0.0 else None)
            g = torch.mul(x, gain).sigmoid_()
            return _affine(torch, g, p1 - p2, p2, out=g).mul_(x)
        y = forward_silu(x, fix)
        return y.add_(x, alpha=p2) if p2 != 0.0 else y

    def backward(x, dy, fix):
        g = backward_silu(x, dy, fix)
        return g.add_(dy, alpha=p2) if p2 != 0.0 else g

    return forward, backward, bound


def _torch_elish():
    """elu(x)·σ(x) (x·σ(x) for x ≥ 0, expm1(x)·σ(x) below: PyTorch's elu is expm1 there);
    derivative σ·(elu' + elu·(1 − σ)), elu' = min(elu, 0) + 1. The fix-up clamps x at ±largest
    finite for the derivative: 1 at +inf (not inf − inf)."""
    torch, F = _torch_modules()

    def forward(x, fix):
        return F.elu(x).mul_(torch.sigmoid(x))

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        e = F.elu(x)
        s = torch.sigmoid(x)
        d = torch.clamp_max(e, 0.0).add_(1.0)
        return d.add_(torch.addcmul(e, e, s, value=-1.0, out=e)).mul_(s).mul_(dy)

    return forward, backward


def _torch_hard_elish():
    """elu(x)·h(x), h = clip((x + 1)/2, 0, 1); derivative elu'·h + elu·h', h' = 1/2 strictly
    inside (−1, 1) (PyTorch's hardtanh backward: the flat piece's 0 at −1, the linear piece's 1
    at 1). No fix-up: h is 0 at −inf and the masked term drops +inf."""
    torch, F = _torch_modules()

    def half_sigmoid(x):
        return torch.add(x, 1.0).mul_(0.5).clamp_(0.0, 1.0)

    def forward(x, fix):
        return F.elu(x).mul_(half_sigmoid(x))

    def backward(x, dy, fix):
        e = F.elu(x)
        d = torch.clamp_max(e, 0.0).add_(1.0).mul_(half_sigmoid(x))
        torch.ops.aten.hardtanh_backward(e, x, -1.0, 1.0, grad_input=e)
        return d.add_(e, alpha=0.5).mul_(dy)

    return forward, backward, None


def _torch_gish():
    """x·ln(2 − e^(−u)) = x·log1p(v), u = e^min(x, ln 87), v = −expm1(−u) (accurate where u is tiny;
    beyond u = 87, v is 1 and the gate ln 2 to double precision, and e^(−u) would underflow into
    PyTorch's slow path); gate' = u·e^(−u)/(2 − e^(−u)) = u·(1 − v)/(1 + v)."""
    torch, _ = _torch_modules()
    top = math.log(87.0)

    def exps(x):
        u = torch.clamp_max(x, top).exp_()
        return u, torch.neg(u).expm1_().neg_()

    def gate(x):
        u, v = exps(x)
        return v.log1p_()

    def gate_and_slope(x):
        u, v = exps(x)
        g = torch.log1p(v)
        torch.addcmul(u, u, v, value=-1.0, out=u)
        return g, u.div_(v.add_(1.0))

    return _torch_self_gated(gate, gate_and_slope, at_pos_inf=math.log(2.0))


def _torch_pflu():
    """x·g(x), g = (1 + x/R)/2, R = √(1 + x²), written g = (1/(2P) + relu(x))/R with P = R + |x|
    (the two agree since R − |x| = 1/P; no cancellation for x ≪ 0); derivative g + x/(2R³).
    Fix-up (±inf, NaN, |x| ≥ 1e18 where x² nears overflow): x above 0, −1/(4|x|) below, with
    derivatives 1 and −1/(4x²)."""
    torch, _ = _torch_modules()

    def gate(x):
        r = torch.addcmul(_scalar(torch, x, 1.0), x, x).sqrt_()
        g = torch.abs(x).add_(r).reciprocal_().mul_(0.5).add_(torch.relu(x))
        return g.div_(r), r

    def forward(x, fix):
        g, _ = gate(x)
        y = g.mul_(x)
        if fix:
            far = torch.abs(x) >= 1e18
            y = torch.where(far, torch.where(x > 0, x, torch.reciprocal(x).mul_(0.25)), y)
        return y

    def backward(x, dy, fix):
        g, r = gate(x)
        r.reciprocal_()
        t = torch.mul(r, x).mul_(r).mul_(r)  # x/R³, (x/R)/R/R: neither R³ nor 1/R³ over- or underflows
        d = torch.add(g, t, alpha=0.5, out=g)
        if fix:
            far = torch.abs(x) >= 1e18
            d = torch.where(far, torch.where(x > 0, 1.0, torch.reciprocal(x).square_().mul_(-0.25)), d)
        return d.mul_(dy)

    return forward, backward, 1e18


def _torch_laplace(mu, sigma):
    """Φ((x − μ)/σ) = erfc(−t)/2, t = (x − μ)/(σ√2); derivative e^(−t²)/(σ√(2π)). For float32, t is
    formed in float64 and rounded once (as the portable definition's exact split: in the left tail
    Φ's relative error is about t² times t's)."""
    torch, F = _torch_modules()
    mu = float(mu)
    c = 1.0 / (float(sigma) * math.sqrt(2.0))

    def scaled(x):
        if x.dtype == torch.float32:
            return x.to(torch.float64).sub_(mu).mul_(c).to(torch.float32)
        return torch.sub(x, mu).mul_(c)

    def forward(x, fix):
        t = scaled(x).neg_()
        if x.dtype != torch.float32:
            return t.erfc_().mul_(0.5)
        # erfc beyond 10 (where Φ < 1.5e-45, 0 or the least subnormal) takes PyTorch's slow path
        y = t.clamp_max_(10.0).erfc_().mul_(0.5)
        return F.threshold(y, 1.5e-45, 0.0, inplace=True)

    def backward(x, dy, fix):
        t = _exp_nonpositive_(torch, scaled(x).square_().neg_())
        return torch.addcmul(_zero_like(torch, x), t, dy, value=c / math.sqrt(math.pi), out=t)

    return forward, backward, None


def _torch_aria2(alpha, beta):
    """x·σ(βx)^α, the gate as exp(α·ln σ(βx)) (PyTorch's logsigmoid: exact where σ(βx) would be
    subnormal); gate' = αβ·g·σ(−βx). Beyond |x| = 1e10/(β·min(α, 1)) (fix-up path) the gate is
    0 or 1 to working precision: 0 and x there, derivatives 0 and 1."""
    torch, F = _torch_modules()
    alpha, beta = float(alpha), float(beta)

    def gate(x):
        return F.logsigmoid(torch.mul(x, beta)).mul_(alpha).exp_()

    def gate_and_slope(x):
        u = torch.mul(x, beta)
        g = F.logsigmoid(u).mul_(alpha).exp_()
        return g, u.neg_().sigmoid_().mul_(g).mul_(alpha * beta)

    beyond = 1e10 / (beta * min(alpha, 1.0))
    return _torch_self_gated(gate, gate_and_slope, beyond=beyond)


def _torch_wave_sigmoid(wave, a, b):
    """(x + a·w(bx))·σ(x), w = sin (sinlu) or cos (coslu); derivative (1 + ab·w'(bx))·σ +
    (x + a·w(bx))·σ·(1 − σ). Fix-up path (±inf, NaN, or b·x near overflow): the wave is dropped
    where b·x overflows (below x's rounding there), and ±inf give 0 and inf with gradients 0, 1."""
    torch, _ = _torch_modules()
    a, b = float(a), float(b)
    w, dw = (torch.sin, torch.cos) if wave == "sin" else (torch.cos, lambda u: torch.sin(u).neg_())

    def parts(x, fix):
        """(x with ±inf replaced by 0, b·x, mask of finite b·x or None)"""
        if not fix:
            return x, torch.mul(x, b), None
        xf = torch.where(torch.isinf(x), 0.0, x)
        u = torch.mul(xf, b)
        finite = ~torch.isinf(u)
        return xf, torch.where(finite, u, 0.0), finite

    def limits(x, value, at_pos):
        return torch.where(torch.isinf(x), torch.where(x > 0, at_pos, 0.0), value)

    def forward(x, fix):
        xf, u, finite = parts(x, fix)
        t = w(u)
        if finite is not None:
            t = torch.where(finite, t, 0.0)
        y = torch.add(xf, t, alpha=a, out=t).mul_(torch.sigmoid(xf))
        return limits(x, y, x) if fix else y

    def backward(x, dy, fix):
        xf, u, finite = parts(x, fix)
        v = w(u)
        d = dw(u)
        if finite is not None:
            v, d = torch.where(finite, v, 0.0), torch.where(finite, d, 0.0)
        s = torch.sigmoid(xf)
        v = torch.add(xf, v, alpha=a, out=v)
        torch.addcmul(v, v, s, value=-1.0, out=v)  # (x + a·w)(1 − σ)
        g = d.mul_(a * b).add_(1.0).add_(v).mul_(s).mul_(dy)
        return limits(x, g, dy) if fix else g

    return forward, backward, 1e37 / abs(b)


def _torch_dsilu():
    """σ(x)·(1 + x·(1 − σ(x))) = silu'(x): PyTorch's silu backward with a unit gradient (one
    kernel); derivative σ(x)σ(−x)·(2 + x·(σ(−x) − σ(x))), with σ(−x) computed, not 1 − σ (which
    cancels for x ≫ 0). ±inf give 0 and 1, gradient 0 (the fix-up clamps x at ±largest finite: no
    inf·0)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        if fix:
            x = _finite(torch, x)
        return torch.ops.aten.silu_backward(_scalar(torch, x, 1.0).expand_as(x), x)

    def backward(x, dy, fix):
        if fix:
            x = _finite(torch, x)
        s = torch.sigmoid(x)
        r = torch.neg(x).sigmoid_()
        q = torch.mul(s, r)
        r.sub_(s).mul_(x).add_(2.0)
        return q.mul_(r).mul_(dy)

    return forward, backward


def _torch_phish():
    """x·tanh(G), G = gelu(x) = x·c/2, c = erfc(−x/√2) (the exact gelu's form); gate' =
    (1 − tanh²G)·G', G' = c/2 + x·e^(−x²/2)/√(2π), from the same erfc."""
    torch, _ = _torch_modules()
    gelu_forward, _ = _torch_gelu()

    def gate(x):
        return gelu_forward(x, False).tanh_()

    def gate_and_slope(x):
        t = torch.mul(x, -_numerics.SQRT_HALF)
        c = torch.erfc(t)
        d = t.square_().neg_().exp_().mul_(x).mul_(_numerics.SQRT_2PI_INV).add_(c, alpha=0.5)  # G'
        g = c.mul_(x).mul_(0.5).tanh_()
        slope = torch.addcmul(_scalar(torch, x, 1.0), g, g, value=-1.0)
        return g, slope.mul_(d)

    return _torch_self_gated(gate, gate_and_slope)


def _torch_lalu():
    """x·F(x), F the Laplace CDF, as relu(x) − |x|·e^(−|x|)/2 (no branch); derivative w for x < 0,
    1 − w for x ≥ 0, w = e^(−|x|)·(1 − |x|)/2, as w + relu(copysign(1 − 2w, x)) (1 − 2w ≥ 0).
    ±inf give 0 and inf, gradients 0 and 1 (the fix-up takes |x|·e^(−|x|) of x clamped at ±largest
    finite: 0 there, not inf·0)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        a = torch.abs(_finite(torch, x) if fix else x)
        e = torch.neg(a).exp_().mul_(a)
        return torch.clamp_min(x, 0.0, out=a).sub_(e, alpha=0.5)

    def backward(x, dy, fix):
        w = torch.abs(_finite(torch, x) if fix else x)
        e = torch.neg(w).exp_()
        w.sub_(1.0).mul_(e).mul_(-0.5)
        v = torch.mul(w, -2.0, out=e).add_(1.0).copysign_(x).relu_()
        return v.add_(w).mul_(dy)

    return forward, backward


def _torch_sine_relu(epsilon):
    """max(ε·(sin x − cos x), x); derivative ε·(cos x + sin x) where the wave is above x, else 1
    (the linear piece on ties), as h·d + (1 − h) with h = sign(relu(wave − x)) ∈ {0, 1} (no where,
    no 1 + (d − 1) cancellation). sin and cos of x itself: ε√2·sin(x − π/4) would lose the phase
    of large x. +inf gives inf with gradient 1 (fix-up); −inf NaN, as the portable definition."""
    torch, _ = _torch_modules()
    eps = float(epsilon)

    def forward(x, fix):
        t = torch.sin(x).sub_(torch.cos(x)).mul_(eps)
        y = torch.maximum(t, x, out=t)
        if fix:
            y = torch.where(x == _INF, x, y)
        return y

    def backward(x, dy, fix):
        s = torch.sin(x)
        c = torch.cos(x)
        above = torch.sub(s, c).mul_(eps).sub_(x).relu_().sign_()
        d = s.add_(c).mul_(eps).mul_(above)
        g = d.add_(above.neg_().add_(1.0)).mul_(dy)
        if fix:
            g = torch.where(torch.isinf(x), torch.where(x > 0, dy, 0.0), g)
        return g

    return forward, backward


def _torch_erfact(alpha, beta):
    """x·erf(u), u = α·e^min(βx, 50) (α, β > 0); gate' = β·u·(2/√π)·e^(−u²), 0 where the
    exponent is capped (erf is 1 there to double precision)."""
    torch, _ = _torch_modules()
    alpha, beta = float(alpha), float(beta)

    def scaled_exp(x):
        return torch.mul(x, beta).clamp_max_(50.0).exp_().mul_(alpha)

    def gate(x):
        return scaled_exp(x).erf_()

    def gate_and_slope(x):
        u = scaled_exp(x)
        g = torch.erf(u)
        slope = _exp_nonpositive_(torch, torch.mul(u, u).neg_()).mul_(u).mul_(2.0 * beta / math.sqrt(math.pi))
        return g, slope

    # the gate reaches 0 and 1 at ±largest finite only where β·x reaches ±800 there and α·e⁵⁰ ≥ 10
    return _torch_self_gated(gate, gate_and_slope,
                             saturates=lambda x: _saturates(torch, x, beta) and alpha * math.exp(50.0) >= 10.0)


def _torch_smu(alpha, mu):
    """x·g, g = α + (1 − α)/2·erfc(w), w = −μ(1 − α)x: one form for every x (α plus a positive
    term: no cancellation, erfc(w) is small where w ≫ 0), w clipped to [−10, 10] (erfc is 2 or
    below 1e-44 beyond, and PyTorch's erfc and exp are 20-70x slower there); derivative
    g − (1 − α)/2·(2/√π)·w·e^(−w²) (x·g' written with w, so ±inf need no fix-up)."""
    torch, _ = _torch_modules()
    alpha, mu = float(alpha), float(mu)
    h = 0.5 * (1.0 - alpha)
    c = mu * (1.0 - alpha)

    def forward(x, fix):
        return torch.mul(x, -c).clamp_(-10.0, 10.0).erfc_().mul_(h).add_(alpha).mul_(x)

    def backward(x, dy, fix):
        w = torch.mul(x, -c).clamp_(-10.0, 10.0)
        g = torch.erfc(w).mul_(h).add_(alpha)
        e = _exp_nonpositive_(torch, torch.mul(w, w).neg_())
        torch.addcmul(g, e.mul_(w), _scalar(torch, x, 1.0), value=-2.0 * h / math.sqrt(math.pi), out=g)
        return g.mul_(dy)

    return forward, backward, None


def _torch_srelu(t_left, a_left, t_right, a_right):
    """clip(x, t_l, t_r) + a_l·min(x − t_l, 0) + a_r·max(x − t_r, 0) (the three pieces, with
    the portable definition's roundings); derivative a_l + (1 − a_l)·[x > t_l] + (a_r − 1)·[x ≥ t_r]
    from PyTorch's threshold backward (a_l at t_l, a_r at t_r: the outer pieces)."""
    torch, _ = _torch_modules()
    tl, al, tr, ar = (float(v) for v in (t_left, a_left, t_right, a_right))

    def forward(x, fix):
        c = torch.clamp(x, tl, tr)
        m = torch.sub(x, tl).clamp_max_(0.0)
        c.add_(m, alpha=al)
        return c.add_(torch.sub(x, tr, out=m).clamp_min_(0.0), alpha=ar)

    def backward(x, dy, fix):
        g = torch.mul(dy, al)
        g.add_(torch.ops.aten.threshold_backward(dy, x, tl), alpha=1.0 - al)
        if ar != 1.0:
            g.add_(torch.ops.aten.threshold_backward(dy, x, _just_below(torch, x, tr)), alpha=ar - 1.0)
        return g

    return forward, backward, None


def _torch_tanhsoft(alpha):
    """tanh(αx)·softplus(x) (β = 0, δ = 1; softplus as the native kernel above); derivative
    α(1 − tanh²)·softplus + tanh·σ(x), 1 at +inf (fix-up: 0·inf)."""
    torch, _ = _torch_modules()
    alpha = float(alpha)

    def parts(x):
        return torch.mul(x, alpha).tanh_(), _torch_softplus(x, {"beta": 1.0, "threshold": None})

    def forward(x, fix):
        t, s = parts(x)
        return t.mul_(s)

    def backward(x, dy, fix):
        clamped = fix and _saturates(torch, x, alpha)
        if clamped:  # (1 − tanh²)·softplus is 0·inf at +inf: x clamped at ±largest finite, where tanh is ±1
            x = _finite(torch, x)
        t, s = parts(x)
        q = torch.addcmul(_scalar(torch, x, 1.0), t, t, value=-1.0).mul_(s).mul_(alpha)
        g = q.add_(torch.sigmoid(x, out=s).mul_(t)).mul_(dy)
        return _at_infinities(torch, x, g, 0.0, dy) if fix and not clamped else g

    return forward, backward


def _torch_colu():
    """x·g, g = 1/(1 − x·E), E = e^(−(x + u)), u = eᶜ, c = clip(x, m, 20), x raised to m inside E
    (m = −87, −708 in float64: e^(−m) is finite and x·E overflows below it, g = 0 there; one form for
    every x: 1 − x·E ≥ 1 − 1/e never cancels); gate' = E·(1 − c(1 + u))·g² (E is 0 beyond c = 20),
    multiplied as ((1 − c(1 + u))·g·E)·g: no overflow, no underflow of g², no inf·0."""
    torch, _ = _torch_modules()

    def parts(x):
        m = -708.0 if x.dtype == torch.float64 else -87.0
        c = torch.clamp(x, m, 20.0)
        u = torch.exp(c)
        e = _exp_nonpositive_(torch, torch.clamp_min(x, m).add_(u).neg_())
        # c·E, not x·E: the same for finite x (E is 0 above c = 20, and c·E overflows below m as
        # x·E does), and 0 at +inf, where x·E would be inf·0
        return c, u, e, torch.addcmul(_scalar(torch, x, 1.0), c, e, value=-1.0).reciprocal_()

    def gate(x):
        return parts(x)[3]

    def gate_and_slope(x):
        c, u, e, g = parts(x)
        slope = torch.addcmul(_scalar(torch, x, 1.0), c, u.add_(1.0), value=-1.0, out=c)
        return g, slope.mul_(g).mul_(e).mul_(g)

    return _torch_self_gated(gate, gate_and_slope)


def _torch_sinc():
    """sin(x)/x, as sin(a)/a with a = |x| raised to the smallest positive number (so 0 gives 1,
    not 0/0; sinc is even); 0 at ±inf (fix-up). Derivative (x·cos x − sin x)/x² at |x| ≥ 1/2 and
    its Taylor series (the portable definition's) below, where the difference cancels; the two
    are combined as h·D + (1 − h)·S with h = sign(relu(|x| − 1/2)) ∈ {0, 1}, no where."""
    torch, _ = _torch_modules()
    series = (-1.0 / 3.0, 1.0 / 30.0, -1.0 / 840.0, 1.0 / 45360.0, -1.0 / 3991680.0)

    def forward(x, fix):
        a = torch.abs(x).clamp_min_(_just_above(torch, x, 0.0))
        y = torch.sin(a).div_(a)
        if fix:
            y = _at_infinities(torch, x, y, 0.0, 0.0)
        return y

    def backward(x, dy, fix):
        a = torch.abs(x)
        h = torch.sub(a, 0.5).relu_().sign_()
        xd = a.clamp_min_(0.5).copysign_(x)
        d = torch.cos(xd)
        s = torch.sin(xd).div_(xd)
        d.sub_(s).div_(xd).mul_(h)
        xs = torch.clamp(x, -0.5, 0.5, out=s)
        z = torch.mul(xs, xs, out=xd)
        acc = _affine(torch, z, series[-1], series[-2])
        _horner_(torch, acc, z, reversed(series[:-2]))  # the series in z, lowest term series[0]
        acc.mul_(xs).mul_(h.neg_().add_(1.0))
        g = d.add_(acc).mul_(dy)
        if fix:
            g = _at_infinities(torch, x, g, 0.0, 0.0)
        return g

    return forward, backward


def _torch_soft_clipping(alpha):
    """By the symmetry f(x) = 1 − f(1 − x), f = h + [x > 1/2]·(1 − 2h) with h = h(v), v = min(x, 1 − x),
    h(v) = log1p(K·e^(αv)·σ(α(1 − v)))/α, K = 1 − e^(−α) (no cancellation; 1 − 2h ≥ 0, the mask
    from PyTorch's threshold backward; α ≤ 100, so e^(αv) ≤ e⁵⁰); derivative K·σ(αx)·σ(α(1 − x))."""
    torch, _ = _torch_modules()
    alpha = float(alpha)
    k = -math.expm1(-alpha)

    def forward(x, fix):
        v = torch.neg(x).add_(1.0)
        torch.minimum(v, x, out=v)
        s = torch.mul(v, -alpha).add_(alpha).sigmoid_()
        h = v.mul_(alpha).exp_().mul_(s).mul_(k).log1p_().mul_(1.0 / alpha)
        upper = torch.mul(h, -2.0, out=s).add_(1.0)
        torch.ops.aten.threshold_backward(upper, x, 0.5, grad_input=upper)
        return h.add_(upper)

    def backward(x, dy, fix):
        s = torch.mul(x, alpha).sigmoid_()
        t = torch.mul(x, -alpha).add_(alpha).sigmoid_()
        return torch.addcmul(_zero_like(torch, x), s.mul_(t), dy, value=k, out=s)

    return forward, backward, None


def _torch_xielu(alpha_p, alpha_n, beta):
    """α_p·p² + β·p for x > 0 (p = relu(x)); below, the portable definition's two forms: on [−1, 0]
    α_n·S(c) + β·c with S(c) = eᶜ − 1 − c by its Taylor series (c = clip(x, −1, 0); expm1(c) − c
    cancels), below −1 ((β − α_n)·m − α_n) + α_n·eᵐ (m = min(x, −1)). The pieces are combined
    exactly: each is 0 outside its range or multiplied by h = sign(relu(−1 − x)) or 1 − h.
    Derivative 2α_p·p + β + α_n·expm1(min(x, 0))."""
    torch, _ = _torch_modules()
    ap, an, b = float(alpha_p), float(alpha_n), float(beta)

    def forward(x, fix):
        m = torch.clamp_max(x, -1.0)
        tail = torch.exp(m)
        _affine(torch, m, b - an, -an, out=m)  # (β − α_n)·m − α_n
        tail = torch.add(m, tail, alpha=an, out=tail)
        h = torch.rsub(x, -1.0).relu_().sign_()  # 1 below −1, else 0
        tail.mul_(h)
        c = torch.clamp(x, -1.0, 0.0, out=m)
        terms = 19 if x.dtype == torch.float64 else 12
        acc = _affine(torch, c, 1.0 / math.factorial(terms), 1.0 / math.factorial(terms - 1))
        _horner_(torch, acc, c, [1.0 / math.factorial(k) for k in range(terms - 2, 1, -1)])  # S(c)/c²
        acc.mul_(c).mul_(c).mul_(an).add_(c, alpha=b)  # α_n·S(c) + β·c (S first, as the portable path)
        torch.addcmul(tail, acc, torch.sub(_scalar(torch, x, 1.0), h, out=h), out=tail)
        p = torch.clamp_min(x, 0.0, out=m)
        return torch.addcmul(tail.add_(p, alpha=b), p, p, value=ap, out=tail)

    def backward(x, dy, fix):
        d = torch.clamp_max(x, 0.0).expm1_()
        d = _affine(torch, d, an, b, out=d)
        return d.add_(torch.relu(x), alpha=2.0 * ap).mul_(dy)

    return forward, backward, None


def _torch_calu():
    """x·g, g = arctan(x)/π + 1/2 = atan2(1, −x)/π (no cancellation for x < 0); −1/π at −inf and
    beyond −1e30 (fix-up: −inf·0, subnormal atan2). Derivative g + x/(π(1 + x²)), which cancels for
    x ≪ 0: below −4 it is (atan z − z/(1 + z²))/π, z = −1/x, by its series Σ (−1)^(k+1)·2k/(2k+1)·
    z^(2k+1) (k ≥ 1); the two are combined exactly with h = sign(relu(−4 − x)) ∈ {0, 1}."""
    torch, _ = _torch_modules()

    def gate_pi(x):  # π·g
        t = torch.neg(x)
        return torch.atan2(_scalar(torch, x, 1.0), t, out=t)

    def forward(x, fix):
        y = torch.addcmul(_zero_like(torch, x), gate_pi(x), x, value=1.0 / math.pi)
        if fix:
            y = torch.where(x <= -1e30, -1.0 / math.pi, torch.where(x == _INF, x, y))
        return y

    def backward(x, dy, fix):
        d = gate_pi(x)
        q = torch.addcmul(_scalar(torch, x, 1.0), x, x)
        d.add_(torch.div(x, q, out=q))
        h = torch.neg(x).sub_(4.0).relu_().sign_()
        d.mul_(torch.sub(1.0, h))
        z = torch.neg(x).clamp_min_(4.0).reciprocal_()
        w = torch.mul(z, z, out=q)
        terms = 14 if x.dtype == torch.float64 else 8
        coefficient = [(-1.0) ** (k + 1) * 2 * k / (2 * k + 1) for k in range(terms + 1)]  # of z^(2k+1)
        acc = _affine(torch, w, coefficient[terms], coefficient[terms - 1])
        _horner_(torch, acc, w, coefficient[terms - 2:0:-1])  # Σ_k≥1 coefficient[k]·w^(k−1)
        acc.mul_(w).mul_(z).mul_(h)  # z³·Σ
        g = d.add_(acc).mul_(dy).mul_(1.0 / math.pi)
        if fix:
            g = torch.where(torch.isinf(x), torch.where(x > 0, dy, 0.0), g)
        return g

    return forward, backward, 1e30


def _as_tuple(value):
    return (value,) if _numerics.is_number(value) else tuple(value)


def _apl_ok(p):
    try:
        a, b = _as_tuple(p["a"]), _as_tuple(p["b"])
    except TypeError:
        return False
    return len(a) == len(b) and all(_numerics.is_number(v) for v in a + b)


def _torch_apl(a, b):
    """relu(x) + Σ aₛ·relu(bₛ − x) (hinges with aₛ = 0 left out: no 0·inf at −inf); derivative
    [x > 0] − Σ aₛ·[x < bₛ] from PyTorch's threshold backward (0 at each corner, as ReLU)."""
    torch, _ = _torch_modules()
    hinges = [(float(s), float(h)) for s, h in zip(_as_tuple(a), _as_tuple(b)) if s != 0]

    def forward(x, fix):
        y = torch.relu(x)
        t = None
        for s, h in hinges:
            t = torch.neg(x, out=t).add_(h).relu_()
            y.add_(t, alpha=s)
        return y

    def backward(x, dy, fix):
        g = torch.ops.aten.threshold_backward(dy, x, 0.0)
        t = None
        for s, h in hinges:
            t = torch.neg(x, out=t).add_(h)
            g.add_(torch.ops.aten.threshold_backward(dy, t, 0.0, grad_input=t), alpha=-s)
        return g

    return forward, backward, None


def _differentiable_gradient(math_fn, params):
    """dy·f'(x) by autograd through the portable definition ``math_fn`` (the same values, tested against
    the same references), recorded so that it can be differentiated again."""
    torch, _ = _torch_modules()

    def gradient(x, dy):
        with torch.enable_grad():
            (dx,) = torch.autograd.grad(math_fn(x, **params), x, dy, create_graph=True)
        return dx

    return gradient


def _torch_builder(spec, make, *, params_ok=lambda p: True, native=None, saves_output=False):
    """The torch fast path of ``spec``: ``make(**params)`` gives (forward, backward[, bound]) for
    :func:`_torch_function` (``bound`` None: no input needs the fix-up, so no scan for it),
    or a ready ``torch.autograd.Function``. With ``native`` (a kernel
    that is exact on finite input below ``bound``), inputs that need no fix-up go straight to it:
    it saves ``x`` itself, and skipping the Python-level Function saves its overhead."""
    math_fn = spec.function.__wrapped_math__
    defaults = spec.defaults
    cache: dict = {}

    def impl(x, **params):
        p = {**defaults, **params}
        key = _key(p)
        if key is None or not params_ok(p):
            return math_fn(x, **p)
        fn = cache.get(key)
        if fn is None:
            built = make(**p)
            if isinstance(built, tuple):
                forward, backward, *bound = built
                cls = _torch_function(spec.name, forward, backward, saves_output,
                                      None if saves_output else _differentiable_gradient(math_fn, p))
                bound = bound[0] if bound else math.inf

                def fn(v, cls=cls, bound=bound):
                    fix = bound is not None and _needs_fixup(v, bound)
                    if native is not None and not fix:
                        return native(v)
                    return cls.apply(v, fix)
            else:
                fn = (lambda cls: (lambda v: cls.apply(v)))(built)
            cache[key] = fn
        return fn(x)

    return impl


def _torch_softplus(x, p):
    """PyTorch's native softplus with a threshold low enough that exp(βx) cannot overflow and
    high enough that switching to x changes nothing at the working precision (20 in float32,
    36 in float64: e^(−36) < 2^(−52)); a user threshold below that is passed unchanged."""
    torch, F = _torch_modules()
    internal = 36.0 if x.dtype == torch.float64 else 20.0
    t = internal if p["threshold"] is None else min(float(p["threshold"]), internal)
    return F.softplus(x, beta=float(p["beta"]), threshold=t)


def _torch_hard_swish():
    """PyTorch's hardswish (x·relu6(x + 3)/6, one kernel) and its backward. Its value is NaN at −inf
    and overflows where 6x does; the fix-up path computes x·hardsigmoid(x) (hardsigmoid is 1 above
    3: x exactly) of x clamped at −largest finite (0·x there): two kernels and a clamp."""
    torch, F = _torch_modules()
    aten = torch.ops.aten

    def forward(x, fix):
        if fix:
            x = _above_minus_inf(torch, x)
            return F.hardsigmoid(x).mul_(x)
        return F.hardswish(x)

    def backward(x, dy, fix):
        return aten.hardswish_backward(dy, x)  # 0 below −3, 1 above 3: the limits already

    return forward, backward, 1e18


def _torch_softsign():
    """x/(1 + |x|) in three in-place kernels (PyTorch's softsign allocates three and gives NaN
    at ±inf); derivative 1/(1 + |x|)². Fix-up: x clamped at ±largest finite, where the quotient is
    exactly ±1 (not inf/inf)."""
    torch, _ = _torch_modules()

    def forward(x, fix):
        if fix:
            x = _finite(torch, x)
        t = torch.abs(x)
        t.add_(1.0)
        return torch.div(x, t, out=t)

    def backward(x, dy, fix):
        t = torch.abs(x)
        t.add_(1.0).square_()
        return torch.div(dy, t, out=t)  # dy/inf = 0 at ±inf

    return forward, backward


def _torch_native(spec, call, ok=lambda p: True):
    """``call(x, params)`` (an autograd-aware native kernel) where ``ok(params)``; else portable."""
    math_fn = spec.function.__wrapped_math__
    defaults = spec.defaults

    def impl(x, **params):
        p = {**defaults, **params}
        if not ok(p):
            return math_fn(x, **p)
        return call(x, p)

    return impl


def _symmetric_zone(p):
    """PyTorch's shrink kernels: symmetric zone, λ > 0 (λ = 0 is our identity, gradient 1 at 0)."""
    return p["lower"] is None and p["upper"] is None and isinstance(p["threshold"], (int, float)) \
        and p["threshold"] > 0


def _torch_natives():
    """Native kernels whose values, limits and NaN handling match ours (tests/test_fast_paths.py);
    gradients at kinks may take the other one-sided value (both are valid subgradients)."""
    _, F = _torch_modules()
    return {
        # a threshold that is not a number goes to the portable path, which says what is wrong
        "softplus": (_torch_softplus, lambda p: p["threshold"] is None or _numerics.is_number(p["threshold"])),
        "elu": (lambda x, p: F.elu(x, alpha=float(p["alpha"])), lambda p: True),
        "selu": (lambda x, p: F.selu(x), lambda p: True),
        "celu": (lambda x, p: F.celu(x, alpha=float(p["alpha"])), lambda p: True),
        "leaky_relu": (lambda x, p: F.leaky_relu(x, float(p["negative_slope"])), lambda p: True),
        # prelu with a fixed α is leaky_relu with slope α (α = 0 would make −inf·0 = NaN at −inf)
        "prelu": (lambda x, p: F.leaky_relu(x, float(p["alpha"])),
                  _numbers("alpha", positive=("alpha",))),
        "relu_n": (lambda x, p: F.hardtanh(x, 0.0, float(p["n"])), _numbers("n", positive=("n",))),
        "hard_tanh": (lambda x, p: F.hardtanh(x, float(p["min_val"]), float(p["max_val"])),
                      lambda p: p["min_val"] < p["max_val"]),
        "hard_sigmoid": (lambda x, p: F.hardsigmoid(x),
                         lambda p: p["slope"] == 1.0 / 6.0 and p["offset"] == 0.5),
        "threshold": (lambda x, p: F.threshold(x, float(p["threshold"]), float(p["default_value"])),
                      lambda p: True),
        "thresholded_relu": (lambda x, p: F.threshold(x, float(p["theta"]), 0.0), lambda p: True),
        # α = 0 is the identity (the portable path handles every other α and its gradient in α)
        "soft_exponential": (lambda x, p: x.clone(), lambda p: _numerics.is_number(p["alpha"]) and p["alpha"] == 0),
        # (a/b)·x above 0, a·expm1(x/b) below: elu with scale a/b, α = b, input scale 1/b
        "pelu": (lambda x, p: _torch_modules()[0].ops.aten.elu(
            x, float(p["beta"]), float(p["alpha"]) / float(p["beta"]), 1.0 / float(p["beta"])),
            _numbers("alpha", "beta", positive=("alpha", "beta"))),
        # max(x, −δ): x where x > −δ, else −δ (NaN is not ≤ −δ: it passes); gradient 0 at the kink
        "shifted_relu": (lambda x, p: F.threshold(x, -float(p["delta"]), -float(p["delta"])),
                         lambda p: _numerics.is_number(p["delta"]) and p["delta"] >= 0),
        "hard_shrink": (lambda x, p: F.hardshrink(x, float(p["threshold"])), _symmetric_zone),
        "soft_shrink": (lambda x, p: F.softshrink(x, float(p["threshold"])), _symmetric_zone),
        # the inference form: leaky_relu with the mean slope (l + u)/2 (0 would make −inf·0 = NaN)
        "rrelu": (lambda x, p: F.leaky_relu(x, (float(p["lower"]) + float(p["upper"])) / 2.0),
                  lambda p: _numbers("lower", "upper")(p) and 0 <= p["lower"] <= p["upper"] and p["upper"] > 0),
        "glu": (_torch_glu, lambda p: p["swap_halves"] is False and isinstance(p["axis"], int)),
        "log_softmax": (_torch_log_softmax, lambda p: p["mask"] is None and isinstance(p["axis"], int)
                        and not isinstance(p["axis"], bool)),
    }


def _torch_glu(x, p):
    """PyTorch's glu kernel: a·σ(b) in one pass each way, keeping only x (the portable split, sigmoid
    and product keep three tensors and concatenate the two half gradients). Shapes it cannot
    split (odd size, axis out of range) go to the portable path, which explains the error."""
    axis = p["axis"]
    if -x.ndim <= axis < x.ndim and x.shape[axis] % 2 == 0:
        return _torch_modules()[1].glu(x, dim=axis)
    return _registry.spec_of("glu").function.__wrapped_math__(x, **p)


def _log_softmax_function():
    """z − log1p(Σ_{z<0} e^z + ties − 1), z = x − max x (the portable definition's precision: the
    maximum keeps its tiny negative value), in five passes; backward PyTorch's fused log_softmax
    backward (g − e^y·Σg, one kernel) from the output, the one tensor kept."""
    torch, _ = _torch_modules()

    class LogSoftmaxFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, dim):
            z = torch.sub(x, torch.amax(x, dim, keepdim=True))
            below = torch.sign(z).neg_()  # 1 below the maximum, 0 at it (z ≤ 0; a float mask: PyTorch's
            # CPU kernels that mix bool and float are not vectorised)
            e = torch.exp(z).mul_(below)  # the terms below the maximum
            extra_ties = below.sum(dim, keepdim=True).neg_().add_(x.shape[dim] - 1.0).clamp_(min=0.0)
            y = z.sub_(e.sum(dim, keepdim=True).add_(extra_ties).log1p_())
            ctx.dim = dim
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, dy):
            (y,) = ctx.saved_tensors
            return torch._log_softmax_backward_data(dy, y, ctx.dim, y.dtype), None

    return LogSoftmaxFunction


_LOG_SOFTMAX = []


def _torch_log_softmax(x, p):
    """log_softmax without a mask on finite CPU input (one read-only scan); anything else (±inf or NaN,
    which the portable path defines as limits, CUDA, where the scan would synchronise, an axis out
    of range) goes to the portable path."""
    torch, _ = _torch_modules()
    axis = p["axis"]
    if not x.is_cuda and x.numel() and -x.ndim <= axis < x.ndim and not torch.compiler.is_compiling():
        lo, hi = torch.aminmax(x.detach())
        if math.isfinite(lo.item()) and math.isfinite(hi.item()):
            if not _LOG_SOFTMAX:
                _LOG_SOFTMAX.append(_log_softmax_function())
            return _LOG_SOFTMAX[0].apply(x, axis % x.ndim)
    return _registry.spec_of("log_softmax").function.__wrapped_math__(x, **p)


TORCH_FAST = {
    "silu": dict(make=lambda: _torch_native_but_at_minus_inf("silu"), native=lambda v: _torch_modules()[1].silu(v)),
    "mish": dict(make=lambda: _torch_native_but_at_minus_inf("mish"), native=lambda v: _torch_modules()[1].mish(v)),
    "gelu": dict(make=lambda approximate=False: _torch_gelu_tanh() if approximate else _torch_gelu()),
    "gelu_tanh": dict(make=lambda approximate=True: _torch_gelu_tanh() if approximate else _torch_gelu()),
    "swish_beta": dict(make=lambda beta=1.0: _torch_scaled_silu(beta, 1.0), params_ok=lambda p: p["beta"] > 0),
    "quick_gelu": dict(make=lambda: _torch_scaled_silu(1.702, 1.0)),
    "e_swish": dict(make=lambda beta=1.375: _torch_scaled_silu(1.0, beta)),
    "lipswish": dict(make=lambda: _torch_scaled_silu(1.0, 1.0 / 1.1)),
    "squared_relu": dict(make=lambda: _torch_squared_relu()),
    "lisht": dict(make=lambda: _torch_lisht()),
    "serf": dict(make=lambda: _torch_serf()),
    "snake": dict(make=lambda frequency=1.0: _torch_snake(frequency)),
    "squareplus": dict(make=lambda b=4.0: _torch_squareplus(b)),
    "hard_swish": dict(make=lambda: _torch_hard_swish(), native=lambda v: _torch_modules()[1].hardswish(v)),
    "softsign": dict(make=lambda: _torch_softsign()),
    "tanh_shrink": dict(make=lambda: _torch_tanh_shrink()),
    "log_sigmoid": dict(make=lambda: _torch_log_sigmoid()),
    "sparse_plus": dict(make=lambda: _torch_smelu(1.0)),
    "smelu": dict(make=lambda beta=1.0: _torch_smelu(beta), params_ok=_numbers("beta", positive=("beta",))),
    "sparse_sigmoid": dict(make=lambda: _torch_hard_sigmoid(0.5, 0.5)),
    "hard_sigmoid_keras2": dict(make=lambda slope=0.2, offset=0.5: _torch_hard_sigmoid(slope, offset),
                                params_ok=_numbers("slope", "offset", positive=("slope",))),
    "scaled_tanh": dict(make=lambda scale=1.7159, slope=2.0 / 3.0: _torch_scaled_tanh(scale, slope),
                        params_ok=_numbers("scale", "slope", positive=("scale", "slope")), saves_output=True),
    "probit": dict(make=lambda: _torch_probit()),
    "elliott": dict(make=lambda: _torch_elliott()),
    "gaussian": dict(make=lambda: _torch_gaussian()),
    "sine": dict(make=lambda w0=30.0: _torch_sine(w0), params_ok=_numbers("w0", positive=("w0",))),
    "signed_sqrt": dict(make=lambda: _torch_signed_sqrt()),
    "sqnl": dict(make=lambda: _torch_sqnl()),
    "star_relu": dict(make=lambda scale, bias: _torch_star_relu(scale, bias),
                      params_ok=_numbers("scale", "bias")),
    "tanh_exp": dict(make=lambda: _torch_tanh_exp()),
    "smish": dict(make=lambda: _torch_smish()),
    "logish": dict(make=lambda: _torch_logish()),
    "hard_mish": dict(make=lambda: _torch_hard_mish()),
    "isru": dict(make=lambda alpha: _torch_isru(alpha), params_ok=_numbers("alpha", positive=("alpha",))),
    "isrlu": dict(make=lambda alpha: _torch_isrlu(alpha), params_ok=_numbers("alpha", positive=("alpha",))),
    "bent_identity": dict(make=lambda: _torch_bent_identity()),
    "symlog": dict(make=lambda: _torch_symlog()),
    "symexp": dict(make=lambda: _torch_symexp()),
    "shilu": dict(make=lambda alpha, beta: _torch_shifted_relu_line(alpha, beta), params_ok=_numbers("alpha", "beta")),
    "flexible_relu": dict(make=lambda bias: _torch_shifted_relu_line(1.0, bias), params_ok=_numbers("bias")),
    "tlu": dict(make=lambda tau, alpha: _torch_tlu(tau), params_ok=lambda p: _numbers("tau")(p) and p["alpha"] == 0),
    "arelu": dict(make=lambda alpha, beta: _torch_arelu(alpha, beta), params_ok=_numbers("alpha", "beta")),
    "repu": dict(make=lambda power: _torch_repu(power), params_ok=lambda p: _numerics.is_number(p["power"]) and p["power"] >= 1),
    "nlrelu": dict(make=lambda beta: _torch_nlrelu(beta), params_ok=_numbers("beta", positive=("beta",))),
    "slu": dict(make=lambda: _torch_slu()),
    "reu": dict(make=lambda: _torch_reu()),
    "polylu": dict(make=lambda: _torch_polylu()),
    "fts": dict(make=lambda threshold: _torch_fts(threshold), params_ok=_numbers("threshold")),
    "gelu_10": dict(make=lambda: _torch_gelu_10()),
    "sgelu": dict(make=lambda alpha: _torch_sgelu(alpha), params_ok=_numbers("alpha", positive=("alpha",))),
    "gcu": dict(make=lambda: _torch_times_periodic("cos", -1.0)),
    "asu": dict(make=lambda: _torch_times_periodic("sin", 1.0)),
    "acon_c": dict(make=lambda p1, p2, beta: _torch_acon_c(p1, p2, beta),
                   params_ok=lambda p: _numbers("p1", "p2", "beta")(p) and p["beta"] * (p["p1"] - p["p2"]) > 0),
    "snake_beta": dict(make=lambda alpha, beta: _torch_snake(alpha, beta),
                       params_ok=_numbers("alpha", "beta", positive=("alpha", "beta"))),
    "elish": dict(make=lambda: _torch_elish()),
    "hard_elish": dict(make=lambda: _torch_hard_elish()),
    "gish": dict(make=lambda: _torch_gish()),
    "pflu": dict(make=lambda: _torch_pflu()),
    "laplace": dict(make=lambda mu, sigma: _torch_laplace(mu, sigma),
                    params_ok=_numbers("mu", "sigma", positive=("sigma",))),
    "aria2": dict(make=lambda alpha, beta: _torch_aria2(alpha, beta),
                  params_ok=_numbers("alpha", "beta", positive=("alpha", "beta"))),
    "sinlu": dict(make=lambda a, b: _torch_wave_sigmoid("sin", a, b),
                  params_ok=lambda p: _numbers("a", "b")(p) and p["b"] != 0),
    "coslu": dict(make=lambda a, b: _torch_wave_sigmoid("cos", a, b),
                  params_ok=lambda p: _numbers("a", "b")(p) and p["b"] != 0),
    "dsilu": dict(make=lambda: _torch_dsilu()),
    "phish": dict(make=lambda: _torch_phish()),
    "lalu": dict(make=lambda: _torch_lalu()),
    "sine_relu": dict(make=lambda epsilon: _torch_sine_relu(epsilon), params_ok=_numbers("epsilon")),
    "erfact": dict(make=lambda alpha, beta: _torch_erfact(alpha, beta),
                   params_ok=_numbers("alpha", "beta", positive=("alpha", "beta"))),
    "smu": dict(make=lambda alpha, mu: _torch_smu(alpha, mu),
                params_ok=lambda p: _numbers("alpha", "mu", positive=("alpha", "mu"))(p) and p["alpha"] < 1),
    "srelu": dict(make=lambda t_left, a_left, t_right, a_right: _torch_srelu(t_left, a_left, t_right, a_right),
                  params_ok=lambda p: _numbers("t_left", "a_left", "t_right", "a_right")(p)
                  and p["t_left"] <= p["t_right"] and p["a_left"] != 0 and p["a_right"] != 0),
    "tanhsoft": dict(make=lambda alpha, beta, gamma, delta: _torch_tanhsoft(alpha),
                     params_ok=lambda p: _numbers("alpha", "beta", "gamma", "delta", positive=("alpha",))(p)
                     and p["beta"] == 0 and p["delta"] == 1),
    "colu": dict(make=lambda: _torch_colu()),
    "sinc": dict(make=lambda: _torch_sinc()),
    "soft_clipping": dict(make=lambda alpha: _torch_soft_clipping(alpha),
                          params_ok=lambda p: _numbers("alpha", positive=("alpha",))(p) and p["alpha"] <= 100),
    "xielu": dict(make=lambda alpha_p, alpha_n, beta: _torch_xielu(alpha_p, alpha_n, beta),
                  params_ok=lambda p: _numbers("alpha_p", "alpha_n", "beta", positive=("alpha_p", "alpha_n"))(p)
                  and p["beta"] != p["alpha_n"]),
    "calu": dict(make=lambda: _torch_calu()),
    "apl": dict(make=lambda a, b: _torch_apl(a, b), params_ok=_apl_ok),
}


def register():
    """Register every PyTorch fast path (called by :mod:`keras_activations._fast` on PyTorch)."""
    names = {s.name for s in _registry.all_specs()}
    for name, options in TORCH_FAST.items():
        if name in names:
            _registry.register_fast_path(name, "torch", _torch_builder(_registry.spec_of(name), **options))
    for name, (call, ok) in _torch_natives().items():
        if name in names:
            _registry.register_fast_path(name, "torch", _torch_native(_registry.spec_of(name), call, ok))
