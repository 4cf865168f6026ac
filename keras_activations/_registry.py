"""The one table of activations, and the decorator that fills it.

Every activation is declared once, next to its function, with :func:`activation`.
From that one entry come: the public function (dtype handling and parameter
validation wrapped around the math), its Keras registration
(``keras_activations>name``), its string names in Keras, its layer class, the
catalogue metadata, and the parametrised tests.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import inspect
import math
import os
import re
from typing import Any, Callable

import keras

from keras_activations import _numerics

PACKAGE = "keras_activations"

#: The families an activation can belong to, with a one-line description each.
FAMILIES: dict[str, str] = {
    "classic": "the classic units every course teaches (linear, step, sigmoid, tanh)",
    "rectifier": "ReLU and its piecewise-linear relatives",
    "exponential": "ELU and relatives: an exponential negative branch",
    "sigmoid": "sigmoid-like squashing functions",
    "softplus": "smooth approximations of ReLU",
    "gated_unit": "x times a gate computed from x (GELU, Swish, Mish, ...)",
    "periodic": "activations with a periodic component",
    "shrinkage": "shrink small values towards zero",
    "other": "other fixed elementwise functions",
    "normalizing": "normalise along an axis (softmax, sparsemax, entmax)",
    "gated": "split the input in two halves along an axis and gate one by the other",
    "learnable": "activations whose shape is learned (trainable weights)",
    "stochastic": "activations that draw random numbers in training",
}

#: Properties an activation may declare. The tests check each one numerically.
PROPERTIES: dict[str, str] = {
    "monotonic": "non-decreasing everywhere",
    "continuous": "continuous everywhere",
    "smooth": "continuously differentiable everywhere",
    "zero_at_zero": "f(0) = 0",
    "odd": "f(-x) = -f(x)",
    "self_gated": "of the form x * g(x) for a gate g",
    "piecewise_linear": "made of straight pieces",
}

#: How an activation maps shapes.
KINDS = ("elementwise", "axis", "gated", "shape")


@dataclasses.dataclass(frozen=True)
class Parameter:
    """A hyper-parameter of an activation: its default and its valid range.

    Example:
    >>> Parameter("alpha", 1.0, minimum=0.0, exclusive_minimum=True).check(2.0, "elu")
    2.0
    """

    name: str
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    choices: tuple | None = None
    description: str = ""

    def range_text(self) -> str:
        """The valid range as text, e.g. ``(0, inf)`` or one of ``('a', 'b')``."""
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        lo = "-inf" if self.minimum is None else repr(self.minimum)
        hi = "inf" if self.maximum is None else repr(self.maximum)
        left = "(" if self.exclusive_minimum or self.minimum is None else "["
        right = ")" if self.exclusive_maximum or self.maximum is None else "]"
        return f"{left}{lo}, {hi}{right}"

    def check(self, value: Any, owner: str) -> Any:
        """Return ``value`` if valid for this parameter, else raise ``ValueError``.

        Tensors and variables (learnable layers pass their weights) are not
        checked: their constraint is the layer's business.
        """
        if self.choices is not None:
            if value not in self.choices:
                raise ValueError(
                    f"{owner}: `{self.name}` must be {self.range_text()}; received {value!r}. "
                    f"Pass one of the allowed values."
                )
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if _numerics.is_tensor_like(value):
                return value
            if self.minimum is None and self.maximum is None and not isinstance(
                self.default, (int, float)
            ):
                return value
            raise ValueError(
                f"{owner}: `{self.name}` must be a number in {self.range_text()}; "
                f"received {value!r} of type {type(value).__name__}. Pass a Python number "
                f"(the default is {self.default!r})."
            )
        bad = math.isnan(value)
        if self.minimum is not None:
            bad |= value < self.minimum or (self.exclusive_minimum and value == self.minimum)
        if self.maximum is not None:
            bad |= value > self.maximum or (self.exclusive_maximum and value == self.maximum)
        if bad:
            raise ValueError(
                f"{owner}: `{self.name}` must be in {self.range_text()}; received {value!r}. "
                f"Choose a value inside that range (the default is {self.default!r})."
            )
        return value


@dataclasses.dataclass(frozen=True)
class ActivationSpec:
    """Everything the package knows about one activation.

    Example:
    >>> import keras_activations as ka
    >>> ka.describe("snake").family
    'periodic'
    """

    name: str
    function: Callable
    family: str
    formula: str
    parameters: tuple[Parameter, ...]
    aliases: tuple[str, ...]
    output_range: tuple[float, float]
    properties: frozenset[str]
    references: tuple[str, ...]
    layer_name: str
    kind: str = "elementwise"
    keras_name: str | None = None
    torch_name: str | None = None
    featured: bool = False
    summary: str = ""
    validate: Callable | None = None  # validate(params: dict, owner: str): checks across parameters

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name,) + self.aliases

    @property
    def registered_name(self) -> str:
        """The name stored in saved models: ``keras_activations>name``."""
        return f"{PACKAGE}>{self.name}"

    @property
    def bounded_below(self) -> bool:
        return math.isfinite(self.output_range[0])

    @property
    def bounded_above(self) -> bool:
        return math.isfinite(self.output_range[1])

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}

    @property
    def layer(self) -> type:
        """The layer class (``keras_activations.layers.<layer_name>``)."""
        from keras_activations import layers

        return getattr(layers, self.layer_name)


# name or alias -> spec. Canonical names and aliases share one namespace.
_TABLE: dict[str, ActivationSpec] = {}
# canonical name -> spec, in registration order.
_SPECS: dict[str, ActivationSpec] = {}
# legacy registered names (e.g. "Addons>gelu") -> public function
_LEGACY: dict[str, Callable] = {}
# activation name -> {backend name -> fast implementation of the math}
_FAST_PATHS: dict[str, dict[str, Callable]] = {}
_SETTINGS = {"fast_paths": os.environ.get("KERAS_ACTIVATIONS_PORTABLE", "0") != "1"}


def set_fast_paths(enabled: bool) -> None:
    """Use (True, the default) or bypass (False) the backend-specific fast paths.

    The portable path is the plain ``keras.ops`` definition of each activation;
    the fast paths compute the same values with fewer kernels or a leaner
    backward pass. Setting the environment variable
    ``KERAS_ACTIVATIONS_PORTABLE=1`` before import starts with them off.

    Example:
    >>> import keras_activations as ka
    >>> ka.set_fast_paths(False); ka.fast_paths_enabled()
    False
    >>> ka.set_fast_paths(True)
    """
    _SETTINGS["fast_paths"] = bool(enabled)


def fast_paths_enabled() -> bool:
    """Whether the backend-specific fast paths are in use (see :func:`set_fast_paths`).

    Example:
    >>> import keras_activations as ka
    >>> ka.fast_paths_enabled()      # True unless KERAS_ACTIVATIONS_PORTABLE=1   # doctest: +SKIP
    True
    """
    return _SETTINGS["fast_paths"]


def register_fast_path(name: str, backend: str, function: Callable) -> None:
    """Use ``function(x, **params)`` for activation ``name`` on ``backend``.

    It receives what the math function receives (a float32/float64 tensor and
    Python-number parameters; calls with tensor parameters keep the portable
    path) and must return the same values: the tests run both paths against
    the same references.
    """
    if backend not in ("tensorflow", "jax", "torch"):
        raise ValueError(f"unknown backend {backend!r}")
    spec_of(name)
    _FAST_PATHS.setdefault(name, {})[backend] = function


def _snake_to_camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def activation(
    *,
    family: str,
    formula: str,
    output_range: tuple[float, float] = (-math.inf, math.inf),
    properties: tuple[str, ...] = (),
    references: tuple[str, ...] = (),
    parameters: tuple[Parameter, ...] = (),
    aliases: tuple[str, ...] = (),
    name: str | None = None,
    layer_name: str | None = None,
    kind: str = "elementwise",
    keras_name: str | None = None,
    torch_name: str | None = None,
    featured: bool = False,
    upcast: bool = True,
    validate: Callable | None = None,
) -> Callable[[Callable], Callable]:
    """Declare an activation: wrap its math and register it everywhere.

    The decorated function receives a floating tensor (float16 and bfloat16
    already upcast to float32 when ``upcast`` is true) and keyword parameters;
    the public function returned accepts anything ``keras.ops`` accepts, casts
    integer input to ``keras.config.floatx()``, validates Python-number
    parameters against ``parameters`` and casts the result back.

    Example:
    >>> from keras_activations._registry import activation
    >>> @activation(family="other", formula="x", name="my_identity")  # doctest: +SKIP
    ... def my_identity(x):
    ...     '''Identity.'''
    ...     return x
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; expected one of {sorted(FAMILIES)}")
    unknown = set(properties) - set(PROPERTIES)
    if unknown:
        raise ValueError(f"unknown properties {sorted(unknown)}; expected some of {sorted(PROPERTIES)}")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")

    def decorate(math_fn: Callable) -> Callable:
        act_name = name or math_fn.__name__
        sig = inspect.signature(math_fn)
        declared = [p.name for p in parameters]
        in_signature = [p for p in list(sig.parameters)[1:]]
        if declared != in_signature:
            raise ValueError(
                f"{act_name}: declared parameters {declared} do not match the function's "
                f"keyword arguments {in_signature}"
            )
        for p in parameters:
            if sig.parameters[p.name].default != p.default:
                raise ValueError(
                    f"{act_name}: the default of `{p.name}` is {sig.parameters[p.name].default!r} in the "
                    f"signature but {p.default!r} in Parameter(...); they must be equal: make them the same"
                )
        public = _make_public(math_fn, act_name, parameters, upcast)
        spec = ActivationSpec(
            name=act_name,
            function=public,
            family=family,
            formula=formula,
            parameters=tuple(parameters),
            aliases=tuple(aliases),
            output_range=tuple(float(v) for v in output_range),
            properties=frozenset(properties),
            references=tuple(references),
            layer_name=layer_name or _snake_to_camel(act_name),
            kind=kind,
            keras_name=keras_name,
            torch_name=torch_name,
            featured=featured,
            summary=_first_line(math_fn.__doc__),
            validate=validate,
        )
        register(spec)
        return public

    return decorate


def variant(
    name: str,
    base: Callable,
    *,
    formula: str | None = None,
    aliases: tuple[str, ...] = (),
    references: tuple[str, ...] | None = None,
    layer_name: str | None = None,
    summary: str | None = None,
    output_range: tuple[float, float] | None = None,
    properties: tuple[str, ...] | None = None,
    **fixed: Any,
) -> Callable:
    """Register ``name`` as ``base`` with some parameters given new defaults.

    A variant is a real activation of its own: it has its own registered name,
    layer and string names, so a saved model remembers which variant it used
    (``gelu_new`` is ``gelu`` with ``approximate=True``).

    Example:
    >>> import keras_activations as ka
    >>> ka.describe("gelu_new").defaults["approximate"]
    True
    """
    base_spec = spec_of(base)
    params = []
    for p in base_spec.parameters:
        if p.name in fixed:
            p = dataclasses.replace(p, default=p.check(fixed.pop(p.name), name))
        params.append(p)
    if fixed:
        raise ValueError(f"{name}: {sorted(fixed)} are not parameters of {base_spec.name}")
    base_math = base.__wrapped_math__
    defaults = {p.name: p.default for p in params}

    def math_fn(x, **kwargs):
        return base_math(x, **{**defaults, **kwargs})

    math_fn.__name__ = name
    math_fn.__qualname__ = name
    math_fn.__module__ = base.__module__
    math_fn.__signature__ = inspect.Signature(
        [inspect.Parameter("x", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [
            inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default)
            for p in params
        ]
    )
    changed = ", ".join(f"{k}={v!r}" for k, v in defaults.items() if v != base_spec.defaults[k])
    math_fn.__doc__ = (
        f"{summary or base_spec.summary} Variant of `{base_spec.name}` with {changed}.\n\n"
        f"Same as ``keras_activations.{base_spec.name}(x, {changed})``; registered under its own "
        f"name so that saved models remember the variant.\n\n"
        f"Example:\n>>> import keras_activations as ka\n>>> y = ka.{name}([-1.0, 0.0, 1.0])\n\n"
        f"See `{base_spec.name}` for the formula, arguments, references and numerics."
    )
    public = _make_public(math_fn, name, tuple(params), upcast=base.__upcast__)
    spec = dataclasses.replace(
        base_spec,
        name=name,
        function=public,
        parameters=tuple(params),
        aliases=tuple(aliases),
        formula=formula or base_spec.formula,
        references=base_spec.references if references is None else references,
        layer_name=layer_name or _snake_to_camel(name),
        output_range=base_spec.output_range if output_range is None else tuple(float(v) for v in output_range),
        properties=base_spec.properties if properties is None else frozenset(properties),
        keras_name=None,
        torch_name=None,
        featured=False,
        summary=summary or base_spec.summary,
    )
    register(spec)
    return public


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n")[0].strip()


def _make_public(math_fn: Callable, act_name: str, parameters, upcast: bool) -> Callable:
    checks = {p.name: p for p in parameters}

    @functools.wraps(math_fn)
    def public(x, **kwargs):
        for key, value in kwargs.items():
            param = checks.get(key)
            if param is None:
                raise TypeError(
                    f"{act_name}() got an unexpected keyword argument {key!r}; "
                    f"its parameters are {sorted(checks) or 'none'}."
                )
            param.check(value, act_name)
        x = _numerics.as_float_tensor(x, act_name)
        if _SETTINGS["fast_paths"]:
            fast = _FAST_PATHS.get(act_name)
            if fast is not None:
                impl = fast.get(keras.backend.backend())
                if impl is not None and not any(_numerics.is_tensor_like(v) for v in kwargs.values()):
                    return _numerics.upcast_call(impl, x, **kwargs)
        if upcast:
            return _numerics.upcast_call(math_fn, x, **kwargs)
        return math_fn(x, **kwargs)

    public.__wrapped_math__ = math_fn
    public.__upcast__ = upcast
    public.__name__ = act_name
    public.__qualname__ = act_name
    return public


def register(spec: ActivationSpec) -> None:
    """Add ``spec`` to the table and install it into Keras, all or nothing."""
    from keras_activations import _keras_bridge

    if not _NAME_RE.match(spec.name):
        raise ValueError(
            f"activation names must be lower_snake_case (letters, digits, '_', starting with a letter); "
            f"got {spec.name!r}: rename it, e.g. {re.sub(r'[^a-z0-9_]+', '_', spec.name.lower())!r}"
        )
    clashes = [n for n in spec.names if n in _TABLE]
    if clashes or len(set(spec.names)) != len(spec.names):
        raise ValueError(f"{spec.name}: names already registered: {clashes or spec.names}")
    layer_clash = [s.name for s in _SPECS.values() if s.layer_name == spec.layer_name]
    if layer_clash:
        raise ValueError(
            f"{spec.name}: the layer name {spec.layer_name} is already used by {layer_clash}; layer names "
            f"must be unique: pass another layer_name= to @activation"
        )
    _keras_bridge.install_function(spec)  # validates before it writes anything
    for n in spec.names:
        _TABLE[n] = spec
    _SPECS[spec.name] = spec


def register_legacy(registered_name: str, function: Callable) -> None:
    """Make an old registered name (``Addons>gelu``) load as ``function``.

    Example:
    >>> import keras_activations as ka
    >>> ka.get("Addons>mish") is ka.mish
    True
    """
    from keras_activations import _keras_bridge

    _keras_bridge.install_legacy(registered_name, function)
    _LEGACY[registered_name] = function


def spec_of(name_or_function: str | Callable) -> ActivationSpec:
    """The spec of an activation given by name, alias, registered name or function."""
    if callable(name_or_function):
        for spec in _SPECS.values():
            if spec.function is name_or_function:
                return spec
        raise ValueError(f"{name_or_function!r} is not an activation of keras_activations.")
    name = str(name_or_function)
    if name.startswith(PACKAGE + ">"):
        name = name[len(PACKAGE) + 1 :]
    if name in _TABLE:
        return _TABLE[name]
    raise unknown_name_error(name)


def unknown_name_error(name: str) -> ValueError:
    """The error raised for a name that is not in the catalogue, with suggestions."""
    close = difflib.get_close_matches(name.lower(), list(_TABLE), n=5, cutoff=0.6)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return ValueError(
        f"Unknown activation {name!r}.{hint} "
        f"List every name with `keras_activations.list_activations()` or `keras-activations list`."
    )


def all_specs() -> list[ActivationSpec]:
    """Every registered activation, in registration order."""
    return list(_SPECS.values())


def all_names() -> dict[str, ActivationSpec]:
    """Every name and alias, mapped to its spec."""
    return dict(_TABLE)
