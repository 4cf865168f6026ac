"""Query the catalogue: list activations, filter them, describe one.

Example:
>>> import keras_activations as ka
>>> "snake" in ka.list_activations(family="periodic")
True
>>> print(ka.describe("snake").formula)
x + sin²(a·x)/a
"""

from __future__ import annotations

import textwrap

from keras_activations import _registry
from keras_activations._registry import FAMILIES, PROPERTIES, ActivationSpec


def _check_properties(names) -> list[str]:
    wanted = [names] if isinstance(names, str) else list(names or ())
    derived = {"bounded_above", "bounded_below", "bounded", "learnable", "featured"}
    for p in wanted:
        if p not in PROPERTIES and p not in derived:
            raise ValueError(
                f"Unknown property {p!r}. Expected one of {sorted(set(PROPERTIES) | derived)}."
            )
    return wanted


def has_property(spec: ActivationSpec, prop: str) -> bool:
    """Whether ``spec`` has a declared or derived property.

    Derived properties: ``bounded_above``, ``bounded_below``, ``bounded``,
    ``learnable`` and ``featured``; the others are declared in the registry.

    Example:
    >>> import keras_activations as ka
    >>> from keras_activations.catalogue import has_property
    >>> has_property(ka.describe("tanh"), "bounded"), has_property(ka.describe("relu"), "bounded")
    (True, False)
    """
    if prop == "bounded_above":
        return spec.bounded_above
    if prop == "bounded_below":
        return spec.bounded_below
    if prop == "bounded":
        return spec.bounded_above and spec.bounded_below
    if prop == "learnable":
        return is_learnable(spec)
    if prop == "featured":
        return spec.featured
    return prop in spec.properties


def is_learnable(spec: ActivationSpec) -> bool:
    """Whether the activation's layer has trainable weights.

    Example:
    >>> import keras_activations as ka
    >>> from keras_activations.catalogue import is_learnable
    >>> is_learnable(ka.describe("prelu")), is_learnable(ka.describe("relu"))
    (True, False)
    """
    from keras_activations.layers import _learnable_base

    return issubclass(spec.layer, _learnable_base.LearnableActivation) or bool(
        getattr(spec.layer, "has_trainable_weights", False)
    )


def list_activations(family=None, properties=None, kind=None) -> list[str]:
    """Names of the registered activations, optionally filtered.

    Args:
        family: a family name (see ``keras_activations.FAMILIES``) or a list of them.
        properties: a property (see ``keras_activations.PROPERTIES``, plus
            ``bounded``, ``bounded_above``, ``bounded_below``, ``learnable``,
            ``featured``) or a list of them; all must hold.
        kind: ``"elementwise"``, ``"axis"``, ``"gated"`` or ``"shape"``.

    Returns:
        Canonical names, in catalogue order (aliases are not listed; see ``describe``).

    Example:
    >>> import keras_activations as ka
    >>> names = ka.list_activations(properties=["monotonic", "bounded"])
    """
    families = [family] if isinstance(family, str) else list(family or ())
    for f in families:
        if f not in FAMILIES:
            raise ValueError(f"Unknown family {f!r}. Expected one of {sorted(FAMILIES)}.")
    props = _check_properties(properties)
    if kind is not None and kind not in _registry.KINDS:
        raise ValueError(f"Unknown kind {kind!r}. Expected one of {_registry.KINDS}.")
    return [
        s.name
        for s in _registry.all_specs()
        if (not families or s.family in families)
        and all(has_property(s, p) for p in props)
        and (kind is None or s.kind == kind)
    ]


def describe(name) -> ActivationSpec:
    """The full entry of one activation (name, alias, registered name or function).

    Example:
    >>> import keras_activations as ka
    >>> spec = ka.describe("swish")   # an alias
    >>> spec.name, spec.family
    ('silu', 'gated_unit')
    """
    return _registry.spec_of(name)


def usage(name) -> str:
    """Code that uses the activation in both Keras styles, and saves the model.

    Example:
    >>> import keras_activations as ka
    >>> "Activation(" in ka.catalogue.usage("snake")
    True
    """
    spec = describe(name)
    layer_args = ", ".join(f"{p.name}={p.default!r}" for p in spec.parameters
                           if spec.kind == "elementwise" or p.name != "axis")
    return textwrap.dedent(
        f"""\
        import keras
        import keras_activations as ka

        # 1. by name, in any layer that takes an activation
        model = keras.Sequential([
            keras.Input((16,)),
            keras.layers.Dense(32, activation="{spec.name}"),
            # 2. as a separate layer, by name or as a configured layer
            keras.layers.Dense(32),
            keras.layers.Activation("{spec.name}"),
            keras.layers.Dense(32),
            ka.layers.{spec.layer_name}({layer_args}),
            keras.layers.Dense(1),
        ])
        model.save("model.keras")
        model = keras.models.load_model("model.keras")  # after `import keras_activations`
        """
    )


def describe_text(name) -> str:
    """A readable description: formula, parameters, properties, references, aliases, usage.

    What ``keras-activations info NAME`` prints. Unknown names raise ``ValueError``.

    Example:
    >>> import keras_activations as ka
    >>> print(ka.catalogue.describe_text("serf").splitlines()[1])
      formula:     x·erf(softplus(x))
    """
    spec = describe(name)
    lo, hi = spec.output_range
    lines = [
        f"{spec.name} — {spec.summary}",
        f"  formula:     {spec.formula}",
        f"  family:      {spec.family} ({FAMILIES[spec.family]})",
        f"  kind:        {spec.kind}",
        f"  output:      [{lo:g}, {hi:g}]",
        f"  properties:  {', '.join(sorted(spec.properties)) or '-'}",
        f"  aliases:     {', '.join(spec.aliases) or '-'}",
        f"  layer:       keras_activations.layers.{spec.layer_name}"
        + (" (trainable)" if is_learnable(spec) else ""),
        f"  saved as:    {spec.registered_name}",
    ]
    if spec.parameters:
        lines.append("  parameters:")
        for p in spec.parameters:
            lines.append(f"    {p.name} = {p.default!r}  in {p.range_text()}  {p.description}")
    if spec.keras_name:
        lines.append(f"  Keras has:   keras.activations.{spec.keras_name} (a bare \"{spec.keras_name}\" string means Keras's)")
    if spec.references:
        lines.append("  references:")
        lines += [f"    - {r}" for r in spec.references]
    lines += ["", "usage:", textwrap.indent(usage(name), "    ")]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalogue_markdown() -> str:
    """The catalogue page (``docs/catalogue.md``): one row per activation, grouped by family.

    Generated from the registry alone, so it cannot drift from the code; a test
    fails when the committed page is out of date (regenerate it with
    ``python scripts/make_catalogue_page.py``).

    Example:
    >>> import keras_activations as ka
    >>> "| snake |" in ka.catalogue.catalogue_markdown()
    True
    """
    specs = _registry.all_specs()
    lines = [
        "# The catalogue",
        "",
        "Generated from the registry by `scripts/make_catalogue_page.py`; do not edit by hand.",
        "",
        f"{len(specs)} activations. Every one is a function (`keras_activations.NAME`), a layer "
        "(`keras_activations.layers.LAYER`) and a string name in Keras (`activation=\"NAME\"`; a name Keras "
        "already has keeps meaning Keras's, and `\"keras_activations>NAME\"` selects ours). "
        "Kinds: elementwise unless noted; *axis* acts along an axis, *gated* halves the axis, *shape* "
        "changes the shape. Trainable: the layer learns the parameters.",
        "",
        "Properties: " + "; ".join(f"**{k}**: {v}" for k, v in PROPERTIES.items()) + ".",
        "",
    ]
    for family, description in FAMILIES.items():
        members = [s for s in specs if s.family == family]
        if not members:
            continue
        lines += [f"## {family}", "", f"{description[:1].upper()}{description[1:]}.", ""]
        lines += [
            "| name | aliases | layer | formula | output range | properties | reference |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in members:
            lo, hi = s.output_range
            props = sorted(s.properties)
            if s.kind != "elementwise":
                props.insert(0, f"*{s.kind}*")
            if is_learnable(s):
                props.insert(0, "**trainable**")
            layer = s.layer_name
            lines.append(
                f"| {s.name} | {_escape(', '.join(s.aliases)) or '–'} | {layer} | {_escape(s.formula)} | "
                f"[{lo:.4g}, {hi:.4g}] | {', '.join(props) or '–'} | {_escape(s.references[0]) if s.references else '–'} |"
            )
        lines.append("")
    if _registry._LEGACY:
        lines += ["## Legacy names", "", "Names older libraries saved into model configs; they load as:", ""]
        lines += ["| saved name | loads as |", "|---|---|"]
        for legacy, fn in sorted(_registry._LEGACY.items()):
            lines.append(f"| `{legacy}` | {_registry.spec_of(fn).name} |")
        lines.append("")
    return "\n".join(lines)
