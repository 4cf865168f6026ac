"""The registry: one declaration per activation, and everything derived from it."""

from __future__ import annotations

import inspect
import math

import keras
import pytest

import keras_activations as ka
from keras_activations import _keras_bridge, _registry

SPECS = _registry.all_specs()
IDS = [s.name for s in SPECS]


def test_catalogue_is_not_empty_and_names_are_unique():
    names = [s.name for s in SPECS]
    assert len(names) == len(set(names))
    every = [n for s in SPECS for n in s.names]
    assert len(every) == len(set(every)), "an alias is shared by two activations"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_declaration_is_complete(spec):
    assert spec.family in _registry.FAMILIES
    assert spec.formula.strip(), f"{spec.name}: empty formula"
    assert spec.references, f"{spec.name}: no reference"
    lo, hi = spec.output_range
    assert lo <= hi and not math.isnan(lo) and not math.isnan(hi)
    assert set(spec.properties) <= set(_registry.PROPERTIES)
    if "smooth" in spec.properties:
        assert "continuous" in spec.properties, f"{spec.name}: smooth implies continuous"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_docstring_has_the_required_sections(spec):
    doc = inspect.getdoc(spec.function) or ""
    assert spec.summary, f"{spec.name}: no summary line"
    for section in ("Example", ">>>"):
        assert section in doc, f"{spec.name}: docstring lacks {section!r}"
    base = spec
    if "Variant of" not in doc:
        for section in ("Args:", "Reference", "Numerics:"):
            assert section in doc, f"{spec.name}: docstring lacks {section!r}"
    else:
        assert "See `" in doc, f"{base.name}: a variant's docstring must point to its base"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_signature_matches_declared_parameters(spec):
    sig = inspect.signature(spec.function)
    params = list(sig.parameters.values())
    assert params[0].name == "x"
    declared = {p.name: p.default for p in spec.parameters}
    got = {p.name: p.default for p in params[1:]}
    assert got == declared, f"{spec.name}: signature {got} vs declaration {declared}"


@pytest.mark.parametrize("spec", [s for s in SPECS if s.parameters], ids=[s.name for s in SPECS if s.parameters])
def test_invalid_parameter_values_raise_a_clear_error(spec):
    x = keras.ops.ones((2,))
    for p in spec.parameters:
        bad = None
        if p.choices is not None:
            bad = "not-a-valid-choice"
        elif p.minimum is not None:
            bad = p.minimum - 1.0 if not p.exclusive_minimum else p.minimum
        elif p.maximum is not None:
            bad = p.maximum + 1.0 if not p.exclusive_maximum else p.maximum
        if bad is None:
            continue
        with pytest.raises(ValueError) as info:
            spec.function(x, **{p.name: bad})
        message = str(info.value)
        assert p.name in message and repr(bad) in message and "must be" in message, message
        if issubclass(spec.layer, ka.layers.ActivationLayer):  # stateless layers validate at construction
            with pytest.raises(ValueError, match=p.name):
                spec.layer(**{p.name: bad})


def test_unknown_keyword_is_a_type_error_naming_the_parameters():
    with pytest.raises(TypeError, match="frequency"):
        ka.snake(keras.ops.ones((1,)), frequenzy=2.0)


def test_unknown_name_suggests_close_names_and_how_to_list():
    with pytest.raises(ValueError) as info:
        ka.get("snak")
    message = str(info.value)
    assert "'snak'" in message and "'snake'" in message and "list_activations" in message


def test_every_name_and_alias_is_a_public_attribute():
    import builtins

    for name, spec in _registry.all_names().items():
        if name.isidentifier():
            assert getattr(ka, name) is spec.function
            # a star import must not hide Python's built-ins (ka.abs stays reachable as an attribute)
            assert (name in ka.__all__) == (name not in dir(builtins)), name


def test_a_duplicate_registration_changes_nothing():
    before_table = dict(_keras_bridge.activation_table())
    before_names = _registry.all_names()
    spec = _registry.spec_of("snake")
    import dataclasses

    clone = dataclasses.replace(spec, name="snake_clone_for_test", aliases=("snake",))
    with pytest.raises(ValueError, match="already registered"):
        _registry.register(clone)
    assert _registry.all_names() == before_names
    assert dict(_keras_bridge.activation_table()) == before_table


def test_declaration_errors_are_caught_at_definition():
    with pytest.raises(ValueError, match="do not match"):

        @_registry.activation(family="other", formula="x", parameters=(ka.Parameter("a", 1.0),))
        def broken_for_test(x, b=1.0):
            return x

    assert "broken_for_test" not in _registry.all_names()
    with pytest.raises(ValueError, match="unknown family"):
        _registry.activation(family="nonsense", formula="x")


def test_catalogue_queries():
    periodic = ka.list_activations(family="periodic")
    assert "snake" in periodic and "relu" not in periodic
    monotonic_bounded = ka.list_activations(properties=["monotonic", "bounded"])
    assert "sigmoid" in monotonic_bounded and "relu" not in monotonic_bounded
    assert "prelu" in ka.list_activations(properties="learnable")
    assert ka.describe("swish").name == "silu"
    with pytest.raises(ValueError, match="Unknown family"):
        ka.list_activations(family="nope")
    with pytest.raises(ValueError, match="Unknown property"):
        ka.list_activations(properties="shiny")
    text = ka.catalogue.describe_text("snake")
    for fragment in ("x + sin²(a·x)/a", "frequency", "keras_activations>snake", "Activation(\"snake\")",
                     "ka.layers.Snake"):
        assert fragment in text


def test_featured_article_list_is_first_class():
    featured = set(ka.list_activations(properties="featured"))
    article = {"linear", "binary_step", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "softmax", "silu"}
    assert article <= featured
