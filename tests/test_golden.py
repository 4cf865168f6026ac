"""Golden saved models: portability across backends and compatibility across versions.

``scripts/make_golden.py`` saved, under each backend, a model using every style of
applying an activation (name strings, functions, Activation layers, configured
layers as ``activation=``, layers, trained learnable layers) and a model using
every registered activation by name, with their inputs and predictions. Every
backend's test run loads the files of every backend and of every version in
``tests/data/golden/``: the same predictions within 1e-5 prove both that a model
moves between backends and that models saved by an older version still load.

``tests/data/names.json`` lists every public name ever registered; each must
still resolve (a name is never removed: a rename keeps the old name as an alias).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import keras
import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _keras_bridge, _registry, catalogue
from keras_activations.layers import _base
from tests.conftest import BACKEND, to_numpy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = DATA / "golden"
MANIFEST = DATA / "names.json"
CURRENT = GOLDEN / f"v{ka.__version__}"
BACKENDS = ("tensorflow", "jax", "torch")
FILES = sorted(GOLDEN.glob("v*/*.keras"))
REGENERATE = "run `.venv/bin/python scripts/make_golden.py`"


def _manifest() -> dict:
    assert MANIFEST.exists(), f"{MANIFEST.relative_to(ROOT)} is missing: {REGENERATE}"
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- golden files


def test_current_version_has_golden_files_from_every_backend():
    expected = {f"{b}_{kind}.{ext}" for b in BACKENDS for kind in ("styles", "names") for ext in ("keras", "npz")}
    present = {p.name for p in CURRENT.glob("*")} if CURRENT.exists() else set()
    missing = sorted(expected - present)
    assert not missing, f"{CURRENT.relative_to(ROOT)} lacks {missing}: {REGENERATE}"


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_golden_model_loads_with_the_same_predictions(path):
    """Saved under one backend (and maybe an older version), loaded here: predictions within 1e-5."""
    data = np.load(path.with_suffix(".npz"))
    labels = [str(s) for s in data["labels"]]
    model = keras.models.load_model(path)
    # One eager call: compiling a prediction function for a model this wide costs more than running it.
    predictions = model(keras.ops.convert_to_tensor(data["x"]), training=False)
    if not isinstance(predictions, (list, tuple)):
        predictions = [predictions]
    predictions = [to_numpy(p) for p in predictions]
    assert len(predictions) == len(labels)
    wrong = []
    for i, (label, got) in enumerate(zip(labels, predictions)):
        want = data[f"y_{i:03d}"]
        got = np.asarray(got, dtype=np.float64)
        if got.shape != want.shape or not np.allclose(got, want, rtol=1e-5, atol=1e-5):
            err = np.max(np.abs(got - want)) if got.shape == want.shape else f"shape {got.shape} != {want.shape}"
            wrong.append(f"{label} (max difference {err})")
    assert not wrong, f"{path.parent.name}/{path.name} loaded under {BACKEND} predicts differently: {wrong}"


def _labels(kind: str) -> set[str]:
    labels = set()
    for path in CURRENT.glob(f"*_{kind}.npz"):
        labels |= {str(s) for s in np.load(path)["labels"]}
    return labels


def test_golden_files_cover_every_name_and_layer():
    """The current version's files use every registered activation by name and every
    learnable, stochastic, axis, gated and shape-changing layer (else: regenerate them)."""
    names = _labels("names")
    styles = _labels("styles")
    missing = []
    for spec in _registry.all_specs():
        if spec.kind in ("elementwise", "axis") and f"dense_string:{spec.name}" not in names:
            missing.append(f"name {spec.name}")
        layered = catalogue.is_learnable(spec) or spec.family == "stochastic" or spec.kind != "elementwise"
        if layered and not {f"learnable_layer:{spec.name}", f"layer:{spec.name}"} & styles:
            missing.append(f"layer {spec.layer.__name__}")
    assert not missing, f"the golden files of v{ka.__version__} do not cover {missing}: {REGENERATE}"


def test_golden_styles_cover_every_usage_style():
    styles = {label.split(":")[0] for label in _labels("styles")}
    wanted = {"dense_string", "activation_string", "dense_function", "activation_function",
              "dense_configured_layer", "configured_layer", "layer", "learnable_layer"}
    assert wanted <= styles, f"usage styles missing from the golden files: {sorted(wanted - styles)}"


# ----------------------------------------------------------------------------- names manifest


def test_every_recorded_name_still_resolves():
    manifest = _manifest()
    broken = []
    own = _keras_bridge.keras_own_names()
    for name, canonical in manifest["activations"].items():
        try:
            spec = _registry.spec_of(name)
            if spec is not _registry.spec_of(canonical):
                broken.append(f"{name} now means {spec.name}, was {canonical}")
            if ka.get(name) is not spec.function:
                broken.append(f"ka.get({name!r})")
            if keras.saving.get_registered_object(f"keras_activations>{name}") is not spec.function:
                broken.append(f"keras_activations>{name} (saved configs)")
            keras_name = name if name not in own else f"keras_activations>{name}"
            if keras.activations.get(keras_name) is not spec.function:
                broken.append(f"keras.activations.get({keras_name!r})")
        except ValueError as error:
            broken.append(f"{name}: {error}")
    for cls in manifest["layers"]:
        if keras.saving.get_registered_object(f"keras_activations>{cls}") is None:
            broken.append(f"layer keras_activations>{cls}")
    for legacy in manifest["legacy"]:
        if not callable(keras.activations.get(legacy)):
            broken.append(f"legacy name {legacy}")
    assert not broken, (
        f"names recorded in tests/data/names.json no longer resolve: {broken}. A registered name is never "
        f"removed or renamed (saved models store it); keep an old name as an alias."
    )


def test_manifest_lists_every_current_name():
    manifest = _manifest()
    names = set(_registry.all_names())
    layers = {s.layer.__name__ for s in _registry.all_specs()} | {
        c.__name__ for c in _base.hand_written_layers().values()
    }
    new = sorted(names - set(manifest["activations"])) + sorted(layers - set(manifest["layers"]))
    new += sorted(set(_registry._LEGACY) - set(manifest["legacy"]))  # noqa: SLF001
    assert not new, f"names not yet in tests/data/names.json (and the golden files): {new}: {REGENERATE}"


# ----------------------------------------------------------------------------- TF Addons / KerasNLP names

# The legacy libraries' definitions, written here from their source (float64 numpy).
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def _tanh_gelu(x):
    return 0.5 * x * (1.0 + np.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x**3)))


def _softplus(x):
    return np.logaddexp(0.0, x)


def _sparsemax(z):
    z = np.asarray(z, dtype=np.float64)
    zs = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1)
    cums = np.cumsum(zs, axis=-1)
    support = 1.0 + k * zs > cums
    k_z = support.sum(axis=-1, keepdims=True)
    tau = (np.take_along_axis(cums, k_z - 1, axis=-1) - 1.0) / k_z
    return np.maximum(z - tau, 0.0)


LEGACY_FUNCTIONS = {
    # tfa.activations.gelu defaulted to approximate=True
    "Addons>gelu": _tanh_gelu,
    "Addons>mish": lambda x: x * np.tanh(_softplus(x)),
    "Addons>lisht": lambda x: x * np.tanh(x),
    "Addons>tanhshrink": lambda x: x - np.tanh(x),
    # tfa hardshrink / softshrink: lower=-0.5, upper=0.5
    "Addons>hardshrink": lambda x: np.where((x < -0.5) | (x > 0.5), x, 0.0),
    "Addons>softshrink": lambda x: np.where(x < -0.5, x + 0.5, np.where(x > 0.5, x - 0.5, 0.0)),
    # tfa rrelu at inference: slope (lower + upper) / 2 with lower=1/8, upper=1/3
    "Addons>rrelu": lambda x: np.where(x >= 0, x, x * (0.125 + 1.0 / 3.0) / 2.0),
    # tfa snake: x + (1 - cos(2 f x)) / (2 f), frequency 1
    "Addons>snake": lambda x: x + (1.0 - np.cos(2.0 * x)) / 2.0,
    "Addons>sparsemax": _sparsemax,
    # keras_nlp.layers.gelu_approximate (the tanh form)
    "keras_nlp>gelu_approximate": _tanh_gelu,
}


def _legacy_inputs():
    rng = np.random.default_rng(7)
    return np.concatenate([np.linspace(-4, 4, 33), rng.normal(0, 2, 31)]).reshape(8, 8).astype(np.float32)


# TF Addons' `snake` activation is not registered as a legacy name yet (proposed to the lead);
# its reference stays here so that the test covers it as soon as it is.
REGISTERED_LEGACY = sorted(_registry._LEGACY)  # noqa: SLF001


def test_every_legacy_name_has_an_independent_reference():
    """A legacy name registered without a reference here would go untested: add its definition."""
    missing = sorted(set(REGISTERED_LEGACY) - set(LEGACY_FUNCTIONS))
    assert not missing, f"legacy names without a reference in tests/test_golden.py: {missing}"


@pytest.mark.parametrize("legacy", REGISTERED_LEGACY)
def test_legacy_activation_configs_load(legacy):
    """A Dense config naming a TF Addons / KerasNLP activation (as a string, as Keras 2 saved it,
    and as a function dict) loads and computes what that library computed."""
    x = _legacy_inputs()
    want = LEGACY_FUNCTIONS[legacy](x.astype(np.float64))
    dense_config = {
        "name": "legacy", "units": 8, "use_bias": False, "kernel_initializer": {
            "class_name": "Identity", "config": {}}, "activation": legacy,
    }
    forms = {
        "string": legacy,
        "function dict": {"module": "builtins", "class_name": "function", "config": legacy,
                          "registered_name": "function"},
    }
    for form, activation in forms.items():
        layer = keras.layers.Dense.from_config({**dense_config, "activation": activation})
        got = to_numpy(layer(x))
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6, err_msg=f"{legacy} ({form})")


def _tfa_maxout(v, num_units=4):
    # tfa.layers.Maxout: split the last axis into num_units contiguous groups, max of each
    return v.reshape(v.shape[:-1] + (num_units, v.shape[-1] // num_units)).max(axis=-1)


#: TF Addons layer configs (as TF Addons saved them) and what the layer computed at its start.
LEGACY_LAYERS = {
    "Addons>Snake": ({"name": "snake"}, lambda v: v + np.sin(v) ** 2),
    "Addons>TLU": ({"name": "tlu", "affine": False}, lambda v: np.maximum(v, 0.0)),
    "Addons>Maxout": ({"name": "maxout", "num_units": 4, "axis": -1}, _tfa_maxout),
    "Addons>Sparsemax": ({"name": "sparsemax", "axis": -1}, _sparsemax),
}


def test_legacy_layer_configs_load():
    """TF Addons layers registered as legacy names load from TF Addons' configs and start as
    TF Addons' did (Snake: frequency 1; TLU: tau 0, i.e. max(x, 0); Maxout: contiguous groups)."""
    x = _legacy_inputs()
    registered = {k for k in keras.saving.get_custom_objects() if k.startswith("Addons>") and k[7:8].isupper()}
    untested = sorted(registered - set(LEGACY_LAYERS))
    assert not untested, f"legacy layers without a check in tests/test_golden.py: {untested}"
    assert set(LEGACY_LAYERS) <= registered, f"legacy layers not registered: {sorted(set(LEGACY_LAYERS) - registered)}"
    for name, (config, reference) in LEGACY_LAYERS.items():
        layer = keras.layers.deserialize({"class_name": name, "config": config})
        np.testing.assert_allclose(to_numpy(layer(x)), reference(x.astype(np.float64)), rtol=1e-5, atol=1e-6,
                                   err_msg=name)
