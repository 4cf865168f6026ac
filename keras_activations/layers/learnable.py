"""Layers whose activation parameters are trainable weights.

Every layer here follows ``keras.layers.PReLU``: a weight ``w`` takes
``w_initializer`` (a number means a constant), ``w_regularizer`` and
``w_constraint``; layers with per-unit weights take ``shared_axes``. Each
layer's ``call`` passes its weights to the registered function of the same name
(``layers.PELU`` → ``keras_activations.pelu``), so the formula lives once.
Variables are float32 under mixed precision; half inputs are computed in float32.
"""

from __future__ import annotations

import keras

from keras_activations import _keras_bridge, _registry
from keras_activations.activations import adaptive as _adaptive
from keras_activations.layers._base import layer_for
from keras_activations.layers._learnable_base import Coefficients, LearnableActivation, WeightSpec


def _uniform(lo, hi):
    return {"class_name": "RandomUniform", "config": {"minval": lo, "maxval": hi}}


def _normal(stddev):
    return {"class_name": "RandomNormal", "config": {"mean": 0.0, "stddev": stddev}}


def _weights_kwargs(names, local):
    """The ``<w>_initializer/_regularizer/_constraint`` arguments of a layer's signature."""
    out = {}
    for name in names:
        for part in ("initializer", "regularizer", "constraint"):
            out[f"{name}_{part}"] = local[f"{name}_{part}"]
    return out


def _number(owner, name, value, *, minimum=None, exclusive=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{owner}: `{name}` must be a number; received {value!r}.")
    if minimum is not None and (value < minimum or (exclusive and value == minimum)):
        op = ">" if exclusive else ">="
        raise ValueError(f"{owner}: `{name}` must be {op} {minimum:g}; received {value!r}.")
    return float(value)


@layer_for("prelu")
class PReLU(LearnableActivation):
    """Parametric ReLU with a learned negative slope: x if x ≥ 0 else α·x.

    Follows ``keras.layers.PReLU`` (``alpha_initializer``, ``alpha_regularizer``,
    ``alpha_constraint``, ``shared_axes``) but starts from the paper's α = 0.25
    instead of Keras's 0 (which starts as plain ReLU); pass
    ``alpha_initializer="zeros"`` to match Keras.

    Args:
        alpha_initializer: initial α, a number or a Keras initializer; default 0.25.
        alpha_regularizer: optional regularizer for α.
        alpha_constraint: optional constraint for α.
        shared_axes: axes along which α is shared, e.g. ``[1, 2]`` for one α per
            channel of ``(batch, height, width, channels)`` images.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(4, 3),
    ...                           ka.layers.PReLU(shared_axes=[1, 2])])

    Numerics:
        Those of :func:`keras_activations.prelu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        He, Zhang, Ren & Sun (2015), arXiv:1502.01852.
    """

    weight_specs = (WeightSpec("alpha", 0.25),)

    def __init__(self, alpha_initializer=0.25, alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(
            alpha_initializer=alpha_initializer,
            alpha_regularizer=alpha_regularizer,
            alpha_constraint=alpha_constraint,
            shared_axes=shared_axes,
            **kwargs,
        )


@layer_for("pelu")
class PELU(LearnableActivation):
    """Parametric ELU with learned a, b > 0: (a/b)·x if x ≥ 0 else a·(exp(x/b) − 1).

    a and b are kept positive by reparameterisation (a = softplus(raw), same for b): the paper
    constrains them to be positive, and no optimizer step can break that. Their regularizers and
    constraints act on the raw variables (``alpha_raw``, ``beta_raw``).

    Args:
        alpha_initializer: initial a > 0 (number or initializer); default 1 (the paper's).
        alpha_regularizer, alpha_constraint: for the raw variable of a.
        beta_initializer: initial b > 0; default 1.
        beta_regularizer, beta_constraint: for the raw variable of b.
        shared_axes: axes along which a, b are shared (``[1, 2]``: one pair per image channel).
        **kwargs: standard layer arguments.

    Raises:
        ValueError: an initial a or b ≤ 0.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.PELU(shared_axes=[1, 2])
    >>> y = layer(keras.ops.ones((2, 4, 4, 3)))

    Numerics:
        Those of :func:`keras_activations.pelu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Trottier, Giguère & Chaib-draa (2017), "Parametric exponential linear unit for deep
        convolutional neural networks", arXiv:1605.09332; keras-contrib ``PELU``.
    """

    weight_specs = (WeightSpec("alpha", 1.0, positive=True), WeightSpec("beta", 1.0, positive=True))

    def __init__(self, alpha_initializer=1.0, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=1.0, beta_regularizer=None, beta_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("alpha", "beta"), locals()), **kwargs)


@layer_for("srelu")
class SReLU(LearnableActivation):
    """S-shaped ReLU with four learned parameters per unit: t_l, a_l, t_r, a_r.

    As keras-contrib: the right threshold is stored as its distance from the left one, so
    t_r = t_l + |t_right| ≥ t_l always (the weight ``t_right`` holds that distance).

    Args:
        t_left_initializer: default ``"zeros"`` (keras-contrib).
        a_left_initializer: default ``RandomUniform(0, 1)`` (keras-contrib).
        t_right_initializer: the distance t_r − t_l; default ``RandomUniform(0, 5)`` (keras-contrib).
        a_right_initializer: default ``"ones"`` (keras-contrib).
        *_regularizer, *_constraint: per weight, as ``keras.layers.PReLU``.
        shared_axes: axes along which the parameters are shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.SReLU(t_right_initializer=2.0)
    >>> y = layer(keras.ops.ones((2, 5)))

    Numerics:
        Those of :func:`keras_activations.srelu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Jin, Xu, Feng, Wei, Xiong & Yan (2016), "Deep learning with S-shaped rectified linear
        activation units", AAAI, arXiv:1512.07030; keras-contrib ``SReLU``.
    """

    weight_specs = (
        WeightSpec("t_left", "zeros"),
        WeightSpec("a_left", _uniform(0.0, 1.0)),
        WeightSpec("t_right", _uniform(0.0, 5.0)),
        WeightSpec("a_right", "ones"),
    )

    def __init__(self, t_left_initializer="zeros", t_left_regularizer=None, t_left_constraint=None,
                 a_left_initializer=_uniform(0.0, 1.0), a_left_regularizer=None, a_left_constraint=None,
                 t_right_initializer=_uniform(0.0, 5.0), t_right_regularizer=None, t_right_constraint=None,
                 a_right_initializer="ones", a_right_regularizer=None, a_right_constraint=None,
                 shared_axes=None, **kwargs):
        names = ("t_left", "a_left", "t_right", "a_right")
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(names, locals()), **kwargs)

    def parameter_values(self):
        values = super().parameter_values()
        values["t_right"] = values["t_left"] + keras.ops.abs(values["t_right"])
        return values


@layer_for("apl")
class APL(LearnableActivation):
    """Adaptive piecewise linear unit with S learned hinges per unit: max(0, x) + Σₛ aₛ·max(0, bₛ − x).

    Args:
        hinges: S ≥ 1, the number of hinges; default 1.
        a_initializer: hinge slopes; default ``RandomUniform(−0.2, 0.2)`` (the paper's code).
        b_initializer: hinge locations; default ``RandomNormal(0, 0.5)`` (the paper's code).
        a_regularizer, b_regularizer: the paper uses an L2 penalty of 0.001 on both; default None.
        a_constraint, b_constraint: optional constraints.
        shared_axes: axes along which the hinges are shared.
        **kwargs: standard layer arguments.

    The weights ``a`` and ``b`` have shape ``units + (S,)``.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.APL(hinges=3)
    >>> y = layer(keras.ops.ones((2, 5)))
    >>> tuple(layer.a.shape)
    (5, 3)

    Numerics:
        Those of :func:`keras_activations.apl`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Agostinelli, Hoffman, Sadowski & Baldi (2015), "Learning activation functions to improve
        deep neural networks", ICLR workshop, arXiv:1412.6830.
    """

    weight_specs = (WeightSpec("a", _uniform(-0.2, 0.2)), WeightSpec("b", _normal(0.5)))

    def __init__(self, hinges=1, a_initializer=_uniform(-0.2, 0.2), a_regularizer=None, a_constraint=None,
                 b_initializer=_normal(0.5), b_regularizer=None, b_constraint=None, shared_axes=None,
                 **kwargs):
        if isinstance(hinges, bool) or not isinstance(hinges, int) or hinges < 1:
            raise ValueError(f"APL: `hinges` must be an integer >= 1 (the number S of hinges); received {hinges!r}.")
        self.hinges = hinges
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("a", "b"), locals()), **kwargs)

    def _weight_shape(self, spec, unit_shape):
        return tuple(unit_shape) + (self.hinges,)

    def get_config(self):
        return {**super().get_config(), "hinges": self.hinges}


@layer_for("swish_beta")
class SwishBeta(LearnableActivation):
    """Swish with a learned β: x·σ(β·x) (keras-contrib ``Swish``, Ramachandran et al.'s trainable form).

    Args:
        beta: the initial β (a shortcut for ``beta_initializer``); default None.
        beta_initializer: initial β; default 1 (SiLU at the start).
        beta_regularizer, beta_constraint: optional.
        **kwargs: standard layer arguments.

    β is one scalar for the layer.

    Example:
    >>> import keras, keras_activations as ka
    >>> dense = keras.layers.Dense(8, activation=ka.layers.SwishBeta(beta=1.5))

    Numerics:
        Those of :func:`keras_activations.swish_beta`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Ramachandran, Zoph & Le (2017), "Searching for activation functions", arXiv:1710.05941.
    """

    weight_specs = (WeightSpec("beta", 1.0, per_unit=False),)

    def __init__(self, beta=None, beta_initializer=1.0, beta_regularizer=None, beta_constraint=None, **kwargs):
        if beta is not None:
            beta_initializer = _number("SwishBeta", "beta", beta)
        super().__init__(**_weights_kwargs(("beta",), locals()), **kwargs)


@layer_for("snake")
class Snake(LearnableActivation):
    """Snake with a learned frequency: x + sin²(a·x)/a (TF Addons' ``Snake`` layer, compatible).

    ``Snake(frequency=2.0)`` starts from a = 2; ``frequency_initializer`` takes any initializer
    (TF Addons' argument; its older spelling ``freq_initializer`` is accepted too). As in
    TF Addons, a is one scalar stored as is (so TF Addons weights load unchanged) and is not
    constrained: keep it away from 0 (the function divides by it), e.g. with a constraint.
    Saved TF Addons models naming ``Addons>Snake`` load as this layer.

    Args:
        frequency: the initial a > 0 (shortcut for ``frequency_initializer``); default None.
        frequency_initializer: default ``"ones"`` (TF Addons).
        frequency_regularizer, frequency_constraint: optional.
        **kwargs: standard layer arguments.

    Raises:
        ValueError: ``frequency`` ≤ 0.

    Example:
    >>> import keras, keras_activations as ka
    >>> dense = keras.layers.Dense(8, activation=ka.layers.Snake(frequency=2.0))

    Numerics:
        Those of :func:`keras_activations.snake`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Liu Ziyin, Hartwig & Ueda (2020), "Neural networks fail to learn periodic functions and
        how to fix it", NeurIPS, arXiv:2006.08195; TF Addons ``tfa.layers.Snake``.
    """

    weight_specs = (WeightSpec("frequency", "ones", per_unit=False),)

    def __init__(self, frequency=None, frequency_initializer="ones", frequency_regularizer=None,
                 frequency_constraint=None, **kwargs):
        legacy = kwargs.pop("freq_initializer", None)
        if legacy is not None:
            frequency_initializer = legacy
        if frequency is not None:
            frequency_initializer = _number("Snake", "frequency", frequency, minimum=0.0, exclusive=True)
        super().__init__(**_weights_kwargs(("frequency",), locals()), **kwargs)


_keras_bridge.install_legacy_layer("Addons>Snake", Snake)


@layer_for("snake_beta")
class SnakeBeta(LearnableActivation):
    """Snake-β (BigVGAN) with learned α and β > 0 per unit: x + sin²(α·x)/β.

    β is kept positive by reparameterisation (β = softplus(raw); BigVGAN instead adds 10⁻⁹).
    For ``(batch, time, channels)`` audio use ``shared_axes=[1]`` (one α, β per channel, as BigVGAN).

    Args:
        alpha_initializer: default 1 (BigVGAN).
        beta_initializer: initial β > 0; default 1.
        *_regularizer, *_constraint: per weight (β's act on its raw variable).
        shared_axes: axes along which α, β are shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.SnakeBeta(shared_axes=[1])
    >>> y = layer(keras.ops.ones((2, 16, 4)))

    Numerics:
        Those of :func:`keras_activations.snake_beta`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Lee, Ping, Ginsburg, Catanzaro & Yoon (2023), "BigVGAN", ICLR, arXiv:2206.04658.
    """

    weight_specs = (WeightSpec("alpha", 1.0), WeightSpec("beta", 1.0, positive=True))

    def __init__(self, alpha_initializer=1.0, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=1.0, beta_regularizer=None, beta_constraint=None, shared_axes=None,
                 **kwargs):
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("alpha", "beta"), locals()), **kwargs)


@layer_for("star_relu")
class StarReLU(LearnableActivation):
    """StarReLU with learned scalars s and b: s·ReLU(x)² + b.

    Args:
        scale_initializer: default 1/√1.25 ≈ 0.8944 (the paper's).
        bias_initializer: default −0.5/√1.25 ≈ −0.4472.
        *_regularizer, *_constraint: optional.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> mlp = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64), ka.layers.StarReLU()])

    Numerics:
        Those of :func:`keras_activations.star_relu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Yu et al. (2024), "MetaFormer baselines for vision", TPAMI, arXiv:2210.13452.
    """

    weight_specs = (WeightSpec("scale", _adaptive._STAR_S, per_unit=False),
                    WeightSpec("bias", _adaptive._STAR_B, per_unit=False))

    def __init__(self, scale_initializer=_adaptive._STAR_S, scale_regularizer=None, scale_constraint=None,
                 bias_initializer=_adaptive._STAR_B, bias_regularizer=None, bias_constraint=None, **kwargs):
        super().__init__(**_weights_kwargs(("scale", "bias"), locals()), **kwargs)


@layer_for("acon_c")
class ACONC(LearnableActivation):
    """ACON-C with learned p₁, p₂, β per unit: (p₁ − p₂)·x·σ(β(p₁ − p₂)x) + p₂·x.

    For images use ``shared_axes=[1, 2]`` (one set per channel, as the paper).

    Args:
        p1_initializer, p2_initializer: default ``RandomNormal(0, 1)`` (the paper's code).
        beta_initializer: default 1 (the paper's code).
        *_regularizer, *_constraint: per weight.
        shared_axes: axes along which the parameters are shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.ACONC(shared_axes=[1, 2])
    >>> y = layer(keras.ops.ones((2, 4, 4, 8)))

    Numerics:
        Those of :func:`keras_activations.acon_c`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Ma, Zhang, Liu, Zhang & Sun (2021), "Activate or not: learning customized activation",
        CVPR, arXiv:2009.04759.
    """

    weight_specs = (WeightSpec("p1", _normal(1.0)), WeightSpec("p2", _normal(1.0)), WeightSpec("beta", 1.0))

    def __init__(self, p1_initializer=_normal(1.0), p1_regularizer=None, p1_constraint=None,
                 p2_initializer=_normal(1.0), p2_regularizer=None, p2_constraint=None,
                 beta_initializer=1.0, beta_regularizer=None, beta_constraint=None, shared_axes=None,
                 **kwargs):
        names = ("p1", "p2", "beta")
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(names, locals()), **kwargs)


@layer_for("smu")
class SMU(LearnableActivation):
    """Smooth Maximum Unit with a learned μ: ((1 + α)x + (1 − α)x·erf(μ(1 − α)x)) / 2.

    Args:
        alpha: α, fixed (a hyper-parameter); default 0.25.
        mu_initializer: initial μ; default 10⁶ (the paper's code; with it μ barely moves —
            the authors' alternative start is α = 0.01, μ = 2.5).
        mu_regularizer, mu_constraint: optional.
        **kwargs: standard layer arguments.

    μ is one scalar for the layer.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.SMU(alpha=0.01, mu_initializer=2.5)

    Numerics:
        Those of :func:`keras_activations.smu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Biswas, Kumar, Banerjee & Pandey (2022), "SMU", CVPR, arXiv:2111.04682.
    """

    weight_specs = (WeightSpec("mu", 1e6, per_unit=False),)

    def __init__(self, alpha=0.25, mu_initializer=1e6, mu_regularizer=None, mu_constraint=None, **kwargs):
        self.alpha = _number("SMU", "alpha", alpha)
        super().__init__(**_weights_kwargs(("mu",), locals()), **kwargs)

    def fixed_parameters(self):
        return {"alpha": self.alpha}

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha}


@layer_for("xielu")
class XIELU(LearnableActivation):
    """xIELU with learned α_p > 0 and α_n > β (Hugging Face's parameterisation), β fixed.

    α_p = softplus(raw_p) and α_n = β + softplus(raw_n), as Hugging Face ``XIELUActivation``.

    Args:
        alpha_p_initializer: initial α_p > 0; default 0.8.
        alpha_n_initializer: initial α_n > β; default 0.8.
        beta: β, fixed; default 0.5.
        *_regularizer, *_constraint: act on the raw variables.
        **kwargs: standard layer arguments.

    Raises:
        ValueError: initial α_p ≤ 0 or α_n ≤ β.

    Example:
    >>> import keras, keras_activations as ka
    >>> mlp = keras.Sequential([keras.Input((16,)), keras.layers.Dense(64), ka.layers.XIELU()])

    Numerics:
        Those of :func:`keras_activations.xielu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Huang & Schlag (2025), "Deriving activation functions using integration", arXiv:2411.13010.
    """

    weight_specs = (WeightSpec("alpha_p", 0.8, positive=True, per_unit=False),
                    WeightSpec("alpha_n", 0.8, positive=True, per_unit=False))

    def __init__(self, alpha_p_initializer=0.8, alpha_p_regularizer=None, alpha_p_constraint=None,
                 alpha_n_initializer=0.8, alpha_n_regularizer=None, alpha_n_constraint=None, beta=0.5,
                 **kwargs):
        self.beta = _number("XIELU", "beta", beta)
        super().__init__(**_weights_kwargs(("alpha_p", "alpha_n"), locals()), **kwargs)

    def _positive_offset(self, name):
        return self.beta if name == "alpha_n" else 0.0

    def fixed_parameters(self):
        return {"beta": self.beta}

    def get_config(self):
        return {**super().get_config(), "beta": self.beta}


@layer_for("tlu")
class TLU(LearnableActivation):
    """Thresholded linear unit with a learned threshold τ per unit: max(x, τ) (TF Addons compatible).

    With ``affine=True``, TLU-affine: max(x, α·x + τ) with α learned too. Saved TF Addons models
    naming ``Addons>TLU`` load as this layer.

    Args:
        affine: learn α too; default False.
        tau_initializer: default ``"zeros"`` (TF Addons); ``alpha_initializer``: default ``"zeros"``.
        *_regularizer, *_constraint: per weight.
        shared_axes: axes along which τ (and α) are shared (TF Addons has one per unit).
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.TLU(affine=True, shared_axes=[1, 2])
    >>> y = layer(keras.ops.ones((2, 4, 4, 3)))

    Numerics:
        Those of :func:`keras_activations.tlu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Singh & Krishnan (2020), "Filter response normalization layer", CVPR, arXiv:1911.09737;
        TF Addons ``tfa.layers.TLU``.
    """

    def __init__(self, affine=False, tau_initializer="zeros", tau_regularizer=None, tau_constraint=None,
                 alpha_initializer="zeros", alpha_regularizer=None, alpha_constraint=None, shared_axes=None,
                 **kwargs):
        if not isinstance(affine, bool):
            raise ValueError(f"TLU: `affine` must be True or False; received {affine!r}.")
        self.affine = affine
        self.weight_specs = (WeightSpec("tau", "zeros"),) + ((WeightSpec("alpha", "zeros"),) if affine else ())
        names = ("tau", "alpha") if affine else ("tau",)
        if not affine:
            for part in ("initializer", "regularizer", "constraint"):
                kwargs.pop(f"alpha_{part}", None)
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(names, locals()), **kwargs)

    def get_config(self):
        return {**super().get_config(), "affine": self.affine}


_keras_bridge.install_legacy_layer("Addons>TLU", TLU)


@layer_for("soft_exponential")
class SoftExponential(LearnableActivation):
    """Soft exponential with a learned α per unit: logarithmic (α < 0), linear (0), exponential (α > 0).

    Args:
        alpha_initializer: default 0 (the identity, the paper's start; the gradient with respect
            to α is right at 0, so α leaves it).
        alpha_regularizer, alpha_constraint: optional (e.g. a clip to keep α < 0 inputs in the
            log branch's domain x > 1/α − α, outside which the output is NaN).
        shared_axes: axes along which α is shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.SoftExponential()
    >>> y = layer(keras.ops.ones((2, 5)))

    Numerics:
        Those of :func:`keras_activations.soft_exponential`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Godfrey & Gashler (2015), arXiv:1602.01321.
    """

    weight_specs = (WeightSpec("alpha", 0.0),)

    def __init__(self, alpha_initializer=0.0, alpha_regularizer=None, alpha_constraint=None, shared_axes=None,
                 **kwargs):
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("alpha",), locals()), **kwargs)


@layer_for("arelu")
class AReLU(LearnableActivation):
    """Attention-based ReLU with learned scalars α, β: (1 + σ(β))·x for x ≥ 0, clip(α, 0.01, 0.99)·x below.

    Args:
        alpha_initializer: default 0.9; beta_initializer: default 2 (the paper's).
        *_regularizer, *_constraint: optional.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.AReLU()

    Numerics:
        Those of :func:`keras_activations.arelu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Chen, Zhu, Guan, Zhang & Ma (2020), "AReLU: attention-based rectified linear unit",
        arXiv:2006.13858.
    """

    weight_specs = (WeightSpec("alpha", 0.9, per_unit=False), WeightSpec("beta", 2.0, per_unit=False))

    def __init__(self, alpha_initializer=0.9, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=2.0, beta_regularizer=None, beta_constraint=None, **kwargs):
        super().__init__(**_weights_kwargs(("alpha", "beta"), locals()), **kwargs)


@layer_for("flexible_relu")
class FlexibleReLU(LearnableActivation):
    """Flexible ReLU with a learned shift b per unit: max(0, x) + b.

    Args:
        bias_initializer: default 0 (ReLU at the start).
        bias_regularizer, bias_constraint: optional.
        shared_axes: axes along which b is shared (``[1, 2]``: one per image channel, the paper's).
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.FlexibleReLU(shared_axes=[1, 2])

    Numerics:
        Those of :func:`keras_activations.flexible_relu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Qiu, Xu & Cai (2018), "FReLU: flexible rectified linear units", ICPR, arXiv:1706.08098.
    """

    weight_specs = (WeightSpec("bias", 0.0),)

    def __init__(self, bias_initializer=0.0, bias_regularizer=None, bias_constraint=None, shared_axes=None,
                 **kwargs):
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("bias",), locals()), **kwargs)


@layer_for("shilu")
class ShiLU(LearnableActivation):
    """Shifted linear unit with learned scalars α, β: α·max(0, x) + β.

    Args:
        alpha_initializer: default 1; beta_initializer: default 0 (ReLU at the start).
        *_regularizer, *_constraint: optional.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.ShiLU()

    Numerics:
        Those of :func:`keras_activations.shilu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Pishchik (2023), "Trainable activations for image classification", Preprints 2023010463.
    """

    weight_specs = (WeightSpec("alpha", 1.0, per_unit=False), WeightSpec("beta", 0.0, per_unit=False))

    def __init__(self, alpha_initializer=1.0, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=0.0, beta_regularizer=None, beta_constraint=None, **kwargs):
        super().__init__(**_weights_kwargs(("alpha", "beta"), locals()), **kwargs)


@layer_for("sinlu")
class SinLU(LearnableActivation):
    """SinLU with learned scalars a, b: (x + a·sin(b·x))·σ(x).

    Args:
        a_initializer: default 1; b_initializer: default 1 (the paper's).
        *_regularizer, *_constraint: optional.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.SinLU()

    Numerics:
        Those of :func:`keras_activations.sinlu`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Paul, Sheikh & Chakraborty (2022), "SinLU: sinu-sigmoidal linear unit", Mathematics 10(3).
    """

    weight_specs = (WeightSpec("a", 1.0, per_unit=False), WeightSpec("b", 1.0, per_unit=False))

    def __init__(self, a_initializer=1.0, a_regularizer=None, a_constraint=None,
                 b_initializer=1.0, b_regularizer=None, b_constraint=None, **kwargs):
        super().__init__(**_weights_kwargs(("a", "b"), locals()), **kwargs)


@layer_for("erfact")
class ErfAct(LearnableActivation):
    """ErfAct with learned α, β per unit: x·erf(α·exp(β·x)).

    Args:
        alpha_initializer: default 0.75; beta_initializer: default 0.75.
        *_regularizer, *_constraint: per weight.
        shared_axes: axes along which α, β are shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.ErfAct(shared_axes=[1, 2])

    Numerics:
        Those of :func:`keras_activations.erfact`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Biswas, Kumar, Banerjee & Pandey (2022), "ErfAct and Pserf", AAAI, arXiv:2109.04386.
    """

    weight_specs = (WeightSpec("alpha", 0.75), WeightSpec("beta", 0.75))

    def __init__(self, alpha_initializer=0.75, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=0.75, beta_regularizer=None, beta_constraint=None, shared_axes=None,
                 **kwargs):
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("alpha", "beta"), locals()), **kwargs)


@layer_for("tanhsoft")
class TanhSoft(LearnableActivation):
    """TanhSoft with learned α, β, γ per unit and fixed δ: tanh(α·x + β·e^(γx))·ln(δ + eˣ).

    Args:
        delta: δ ≥ 0, fixed; default 1 (softplus).
        alpha_initializer: default 0.87; beta_initializer: default 0; gamma_initializer: default 1
            (tanh(0.87x)·softplus(x) at the start).
        *_regularizer, *_constraint: per weight.
        shared_axes: axes along which α, β, γ are shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.TanhSoft(beta_initializer=0.6, alpha_initializer=0.0, delta=0.0)

    Numerics:
        Those of :func:`keras_activations.tanhsoft`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Biswas, Kumar, Banerjee & Pandey (2021), "TanhSoft", IEEE Access 9, arXiv:2009.03863.
    """

    weight_specs = (WeightSpec("alpha", 0.87), WeightSpec("beta", 0.0), WeightSpec("gamma", 1.0))

    def __init__(self, delta=1.0, alpha_initializer=0.87, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=0.0, beta_regularizer=None, beta_constraint=None,
                 gamma_initializer=1.0, gamma_regularizer=None, gamma_constraint=None, shared_axes=None,
                 **kwargs):
        self.delta = _number("TanhSoft", "delta", delta, minimum=0.0)
        names = ("alpha", "beta", "gamma")
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(names, locals()), **kwargs)

    def fixed_parameters(self):
        return {"delta": self.delta}

    def get_config(self):
        return {**super().get_config(), "delta": self.delta}


@layer_for("taaf")
class TAAF(LearnableActivation):
    """Transformative adaptive activation: α·g(β·x + γ) + δ per unit, around any catalogue activation g.

    Args:
        activation: g, the name (or function) of any elementwise activation of
            keras_activations; default ``"tanh"``.
        alpha_initializer: default 1; beta_initializer: default 1; gamma_initializer: default 0;
            delta_initializer: default 0 (the identity transform: g itself at the start).
        *_regularizer, *_constraint: per weight.
        shared_axes: axes along which α, β, γ, δ are shared.
        **kwargs: standard layer arguments.

    Raises:
        ValueError: ``activation`` is not an elementwise activation of the catalogue.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.TAAF("gelu", shared_axes=[1])

    Numerics:
        Those of :func:`keras_activations.taaf`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Kunc & Kléma (2024), "Three decades of activations", arXiv:2402.09092.
    """

    weight_specs = (WeightSpec("alpha", 1.0), WeightSpec("beta", 1.0), WeightSpec("gamma", 0.0),
                    WeightSpec("delta", 0.0))

    def __init__(self, activation="tanh", alpha_initializer=1.0, alpha_regularizer=None, alpha_constraint=None,
                 beta_initializer=1.0, beta_regularizer=None, beta_constraint=None,
                 gamma_initializer=0.0, gamma_regularizer=None, gamma_constraint=None,
                 delta_initializer=0.0, delta_regularizer=None, delta_constraint=None, shared_axes=None,
                 **kwargs):
        self.activation = _adaptive._base_spec(activation, owner="TAAF").name
        names = ("alpha", "beta", "gamma", "delta")
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(names, locals()), **kwargs)

    def fixed_parameters(self):
        return {"activation": self.activation}

    def get_config(self):
        return {**super().get_config(), "activation": self.activation}


@layer_for("pau")
class PAU(LearnableActivation):
    """Padé activation unit (safe form) with learned coefficients: P(x) / (1 + |b₁x + … + bₙxⁿ|).

    The coefficients are shared by the whole layer (as in the paper) and initialised from the
    stored least-squares fit to ``approx_func`` (``scripts/fit_pau.py`` regenerates the fits).

    Args:
        degrees: (m, n), numerator and denominator degree; default (5, 4). Stored fits exist for
            (3, 2), (4, 3), (5, 4), (6, 5); other degrees need explicit initializers.
        approx_func: the function the initial coefficients approximate on [−3, 3]: ``"relu"``,
            ``"leaky_relu"`` (slope 0.01, the default, as the paper), ``"gelu"``, ``"swish"``,
            ``"tanh"``.
        numerator_initializer, denominator_initializer: override the fit (any initializer);
            default None (use the fit).
        *_regularizer, *_constraint: per weight.
        **kwargs: standard layer arguments.

    Raises:
        ValueError: unknown ``approx_func`` or degrees without a stored fit (and no initializers).

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.PAU(approx_func="gelu")
    >>> y = layer(keras.ops.ones((2, 5)))

    Numerics:
        Those of :func:`keras_activations.pau`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Molina, Schramowski & Kersting (2020), "Padé activation units", ICLR, arXiv:1907.06732.
    """

    weight_specs = (WeightSpec("numerator", None, per_unit=False), WeightSpec("denominator", None, per_unit=False))

    def __init__(self, degrees=(5, 4), approx_func="leaky_relu", numerator_initializer=None,
                 numerator_regularizer=None, numerator_constraint=None, denominator_initializer=None,
                 denominator_regularizer=None, denominator_constraint=None, **kwargs):
        try:
            m, n = (int(d) for d in degrees)
        except (TypeError, ValueError):
            raise ValueError(f"PAU: `degrees` must be a pair of integers (m, n); received {degrees!r}.") from None
        if m < 0 or n < 1:
            raise ValueError(f"PAU: `degrees` must be (m >= 0, n >= 1); received {degrees!r}.")
        self.degrees = (m, n)
        self.approx_func = approx_func
        if numerator_initializer is None or denominator_initializer is None:
            num, den = _adaptive.pau_initial_coefficients(approx_func, self.degrees)
            numerator_initializer = Coefficients(num) if numerator_initializer is None else numerator_initializer
            denominator_initializer = (Coefficients(den) if denominator_initializer is None
                                       else denominator_initializer)
        super().__init__(**_weights_kwargs(("numerator", "denominator"), locals()), **kwargs)

    def _weight_shape(self, spec, unit_shape):
        m, n = self.degrees
        return (m + 1,) if spec.name == "numerator" else (n,)

    def get_config(self):
        return {**super().get_config(), "degrees": list(self.degrees), "approx_func": self.approx_func}


@layer_for("kaf")
class KAF(LearnableActivation):
    """Kernel activation function with learned mixing coefficients per unit: Σⱼ αⱼ·exp(−γ(x − dⱼ)²).

    The dictionary dⱼ (``dictionary_size`` points uniform in [−boundary, boundary]) and γ are
    fixed; the weight ``alpha`` has shape ``units + (dictionary_size,)``.

    Args:
        dictionary_size: D ≥ 2; default 20 (the paper's code).
        boundary: > 0; default 3 (the paper's code).
        gamma: γ > 0, or None (default) for the rule of thumb 1/(2·(2Δ)²), Δ the spacing.
        alpha_initializer: ``"elu"`` (default: kernel ridge regression onto ELU, the paper's
            proposed initialisation), another ridge target (``"relu"``, ``"tanh"``, ``"sigmoid"``,
            ``"swish"``, ``"identity"``), or any Keras initializer (the paper's random start is
            ``RandomNormal(stddev=0.3)``).
        alpha_regularizer, alpha_constraint: optional.
        shared_axes: axes along which the expansions are shared.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.KAF(dictionary_size=10)
    >>> y = layer(keras.ops.ones((2, 5)))
    >>> tuple(layer.alpha.shape)
    (5, 10)

    Numerics:
        Those of :func:`keras_activations.kaf`, which ``call`` uses with the weights; the
        weights are float32 variables under mixed precision, and half-precision inputs are
        computed in float32 and cast back.

    Reference:
        Scardapane, Van Vaerenbergh, Totaro & Uncini (2019), "Kafnets", Neural Networks 110,
        arXiv:1707.04035.
    """

    weight_specs = (WeightSpec("alpha", None),)
    _TARGETS = ("elu", "relu", "tanh", "sigmoid", "swish", "identity")

    def __init__(self, dictionary_size=20, boundary=3.0, gamma=None, alpha_initializer="elu",
                 alpha_regularizer=None, alpha_constraint=None, shared_axes=None, **kwargs):
        _adaptive.kaf_dictionary(dictionary_size, boundary, gamma)  # validates
        self.dictionary_size = int(dictionary_size)
        self.boundary = float(boundary)
        self.gamma = None if gamma is None else float(gamma)
        if isinstance(alpha_initializer, str) and alpha_initializer in self._TARGETS:
            alpha_initializer = Coefficients(_adaptive.kaf_ridge_coefficients(
                alpha_initializer, self.dictionary_size, self.boundary, self.gamma))
        super().__init__(shared_axes=shared_axes, **_weights_kwargs(("alpha",), locals()), **kwargs)

    def _weight_shape(self, spec, unit_shape):
        return tuple(unit_shape) + (self.dictionary_size,)

    def fixed_parameters(self):
        return {"boundary": self.boundary, "gamma": self.gamma}

    def get_config(self):
        return {**super().get_config(), "dictionary_size": self.dictionary_size, "boundary": self.boundary,
                "gamma": self.gamma}


# Every learnable function of the catalogue has its layer here (checked at import).
_missing = [s.name for s in _registry.all_specs() if s.family == "learnable" and s.layer_name not in globals()]
if _missing:  # pragma: no cover - a registration without its layer
    raise ImportError(f"learnable activations without a layer: {_missing}")
