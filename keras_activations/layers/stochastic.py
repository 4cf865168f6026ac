"""Stochastic activation layers: randomness in training only.

Each draws its random numbers from a ``keras.random.SeedGenerator`` owned by the
layer, so a layer built with ``seed=`` gives the same training outputs every
time, on every backend's own generator; at inference (``training=False``, the
default of ``predict``/``evaluate``) it is the deterministic function of the
same name (``rrelu``, ``probact``).
"""

from __future__ import annotations

import keras
from keras import ops

from keras_activations import _numerics
from keras_activations.activations import adaptive as _adaptive
from keras_activations.layers._base import layer_for
from keras_activations.layers._learnable_base import LearnableActivation, WeightSpec


def _check_seed(owner, seed):
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ValueError(f"{owner}: `seed` must be an integer or None; received {seed!r}.")
    return seed


def _in_float32(x):
    """x in float32 when it is a half type (random draws and arithmetic), and the dtype to return."""
    dtype = _numerics.dtype_of(x)
    return (ops.cast(x, "float32") if dtype in _numerics.HALF_DTYPES else x), dtype


@layer_for("rrelu")
class RReLU(keras.layers.Layer):
    """Randomized leaky ReLU: in training, x if x ≥ 0 else a·x with a ~ U(lower, upper) per element.

    At inference the slope is the mean (lower + upper)/2 (``keras_activations.rrelu``), so
    predictions are deterministic. As PyTorch's ``nn.RReLU`` and TF Addons' ``rrelu``.

    Args:
        lower: l ≥ 0; default 1/8.
        upper: u ≥ l; default 1/3 (the paper's, PyTorch's and TF Addons' defaults).
        seed: an integer for reproducible draws, or None.
        **kwargs: standard layer arguments.

    Raises:
        ValueError: l < 0 or u < l, or a non-integer seed.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.RReLU(seed=1)
    >>> y_train = layer(keras.ops.ones((2, 3)), training=True)
    >>> y_test = layer(keras.ops.ones((2, 3)))  # deterministic

    Numerics:
        Inference is :func:`keras_activations.rrelu`. Random draws are made in float32 for
        half-precision inputs (and the result cast back), so mixed precision gives no NaN.

    Reference:
        Xu, Wang, Chen & Li (2015), "Empirical evaluation of rectified activations in
        convolutional network", arXiv:1505.00853.
    """

    def __init__(self, lower=0.125, upper=1.0 / 3.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        for name, value in (("lower", lower), ("upper", upper)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise ValueError(f"RReLU: `{name}` must be a number >= 0; received {value!r}.")
        if upper < lower:
            raise ValueError(f"RReLU: `upper` must be >= `lower`; received lower={lower!r}, upper={upper!r}.")
        self.lower = float(lower)
        self.upper = float(upper)
        self.seed = _check_seed("RReLU", seed)
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=None):
        if not training:
            return _adaptive.rrelu(inputs, lower=self.lower, upper=self.upper)
        x, dtype = _in_float32(_numerics.as_float_tensor(inputs, "RReLU"))
        slope = keras.random.uniform(ops.shape(x), minval=self.lower, maxval=self.upper, dtype=x.dtype,
                                     seed=self.seed_generator)
        return ops.cast(ops.where(x >= 0, x, x * slope), dtype)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "lower": self.lower, "upper": self.upper, "seed": self.seed}


@layer_for("probact")
class ProbAct(LearnableActivation):
    """ProbAct: in training relu(x) + σ·ε with ε ~ N(0, 1) per element; relu(x) at inference.

    σ is one scalar for the layer, trainable by default (the paper's "trainable ProbAct", which
    starts at σ = 0 and learns the noise level; the gradient with respect to σ is Σ ε·upstream)
    or fixed (``trainable_sigma=False``, e.g. ``sigma_initializer=0.05``).

    Args:
        sigma_initializer: initial σ; default 0.
        sigma_regularizer, sigma_constraint: optional.
        trainable_sigma: learn σ; default True.
        seed: an integer for reproducible noise, or None.
        **kwargs: standard layer arguments.

    Example:
    >>> import keras, keras_activations as ka
    >>> layer = ka.layers.ProbAct(sigma_initializer=0.1, trainable_sigma=False, seed=0)
    >>> noisy = layer(keras.ops.ones((2, 3)), training=True)

    Numerics:
        Inference is :func:`keras_activations.probact`. Random draws are made in float32 for
        half-precision inputs (and the result cast back), so mixed precision gives no NaN.

    Reference:
        Lee, Shridhar, Hayashi, Iwana, Kang & Uchida (2019), "ProbAct: a probabilistic activation
        function for deep neural networks", arXiv:1905.10761.
    """

    weight_specs = (WeightSpec("sigma", 0.0, per_unit=False),)

    def __init__(self, sigma_initializer=0.0, sigma_regularizer=None, sigma_constraint=None,
                 trainable_sigma=True, seed=None, **kwargs):
        if not isinstance(trainable_sigma, bool):
            raise ValueError(f"ProbAct: `trainable_sigma` must be True or False; received {trainable_sigma!r}.")
        super().__init__(sigma_initializer=sigma_initializer, sigma_regularizer=sigma_regularizer,
                         sigma_constraint=sigma_constraint, **kwargs)
        self.trainable_sigma = trainable_sigma
        self.seed = _check_seed("ProbAct", seed)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape):
        super().build(input_shape)
        self.sigma.trainable = self.trainable_sigma

    def call(self, inputs, training=None):
        if not training:
            return _adaptive.probact(inputs)
        x, dtype = _in_float32(_numerics.as_float_tensor(inputs, "ProbAct"))
        noise = keras.random.normal(ops.shape(x), dtype=x.dtype, seed=self.seed_generator)
        y = _adaptive.probact(x) + ops.cast(self.sigma, x.dtype) * noise
        return ops.cast(y, dtype)

    def get_config(self):
        return {**super().get_config(), "trainable_sigma": self.trainable_sigma, "seed": self.seed}
