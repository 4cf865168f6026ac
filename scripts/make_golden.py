"""Write the golden saved models of this version: the cross-backend and backward-compatibility fixtures.

Usage (from the repository root)::

    .venv/bin/python scripts/make_golden.py            # all three backends, then the names manifest

For each backend (a subprocess each: the backend is fixed when Keras is imported)
it writes into ``tests/data/golden/v<version>/``:

* ``<backend>_styles.keras`` + ``.npz``: one model using every way of applying an
  activation: a name string in ``Dense(activation=...)`` and in ``Activation``,
  the function object in both, a configured stateless layer as
  ``activation=``, layers with non-default hyper-parameters, EVERY learnable
  and stochastic layer (trained a few steps, so their weights are not the
  initial ones), and every axis, gated and shape-changing layer;
* ``<backend>_names.keras`` + ``.npz``: one ``Dense(activation="<name>")`` per
  registered elementwise and axis activation (the prefixed
  ``"keras_activations>name"`` where Keras owns the bare name), so that every
  name's save and load is covered;

each ``.npz`` holding the inputs ``x`` and the predictions ``y_000``, ``y_001``, ...
Then it merges the current names into ``tests/data/names.json`` (names are only
ever added; a name that disappeared is an error).

``tests/test_golden.py`` loads every file of every version under every backend
and requires the stored predictions within 1e-5. Files of a released version are
never regenerated: a new version gets a new directory, and the old ones stay as
the proof that old models still load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MANIFEST = DATA / "names.json"
BACKENDS = ("tensorflow", "jax", "torch")
WIDTH = 8
SEED = 20240607

# Representative stateless activations for the style branches (the first ones present are used).
PREFERRED = ("serf", "squareplus", "mish", "gelu_tanh", "hard_swish", "smelu", "elu", "silu", "tanh_shrink")
# Stateless activations to use as configured layers, with non-default hyper-parameters.
CONFIGURED = (
    ("squareplus", {"b": 2.0}),
    ("leaky_relu", {"negative_slope": 0.1}),
    ("hard_tanh", {"min_val": -2.0, "max_val": 0.5}),
    ("gelu", {"approximate": True}),
    ("soft_shrink", {"lower": -0.3, "upper": 0.7}),
)
# Constructor arguments for learnable layers whose default start cannot move in a few steps
# (SMU starts at mu = 1e6, where erf(mu·x) is saturated and the gradient of mu is exactly 0).
LEARNABLE_ARGS = {"smu": {"mu_initializer": 2.0}}


def _version() -> str:
    sys.path.insert(0, str(ROOT))
    text = (ROOT / "keras_activations" / "__init__.py").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=")[1].strip().strip("\"'")
    raise RuntimeError("keras_activations/__init__.py has no __version__")


def golden_dir(version: str | None = None) -> Path:
    return DATA / "golden" / f"v{version or _version()}"


# ----------------------------------------------------------------------------- one backend


def _string(spec, own) -> str:
    return spec.name if spec.name not in own else f"keras_activations>{spec.name}"


def _build_styles(ka, keras, registry, catalogue, own):
    specs = registry.all_specs()
    by_name = {s.name: s for s in specs}
    stateless = [
        s for s in specs
        if s.kind == "elementwise" and not catalogue.is_learnable(s) and s.family != "stochastic"
    ]
    reps = [by_name[n] for n in PREFERRED if n in by_name and by_name[n] in stateless][:4]
    reps += [s for s in stateless if s not in reps][: max(0, 4 - len(reps))]
    init = keras.initializers.GlorotUniform

    seed = iter(range(SEED, SEED + 10_000))

    def dense(units=WIDTH, activation=None, name=None):
        return keras.layers.Dense(units, activation=activation, kernel_initializer=init(seed=next(seed)),
                                  bias_initializer="zeros", name=name)

    inp = keras.Input((WIDTH,), name="x")
    trunk = dense(name="trunk")(inp)
    outputs, labels = [], []

    def add(label, tensor):
        labels.append(label)
        outputs.append(tensor)

    for s in reps:
        add(f"dense_string:{s.name}", dense(activation=_string(s, own))(trunk))
        add(f"activation_string:{s.name}", keras.layers.Activation(_string(s, own))(dense()(trunk)))
        add(f"dense_function:{s.name}", dense(activation=s.function)(trunk))
        add(f"activation_function:{s.name}", keras.layers.Activation(s.function)(dense()(trunk)))
        add(f"layer:{s.name}", s.layer()(dense()(trunk)))
    for name, params in CONFIGURED:
        spec = by_name.get(name)
        if spec is None or not all(p in spec.defaults for p in params):
            continue
        add(f"dense_configured_layer:{name}", dense(activation=spec.layer(**params))(trunk))
        add(f"configured_layer:{name}", spec.layer(**params)(dense()(trunk)))
    trained = []
    for s in specs:
        if s.kind == "elementwise" and (catalogue.is_learnable(s) or s.family == "stochastic"):
            layer = s.layer(name=f"learned_{s.name}", **LEARNABLE_ARGS.get(s.name, {}))
            add(f"learnable_layer:{s.name}", layer(dense()(trunk)))
            trained.append(layer)
        elif s.kind in ("axis", "gated", "shape"):
            params = {"num_units": 4} if "num_units" in s.defaults and s.defaults["num_units"] is None else {}
            add(f"layer:{s.name}", s.layer(**params)(dense()(trunk)))
            if s.kind == "axis":
                add(f"activation_string:{s.name}", keras.layers.Activation(_string(s, own))(dense()(trunk)))
    model = keras.Model(inp, outputs, name="golden_styles")
    return model, labels, trained


def _build_names(keras, registry, own):
    inp = keras.Input((WIDTH,), name="x")
    outputs, labels = [], []
    for i, s in enumerate(registry.all_specs()):
        if s.kind not in ("elementwise", "axis"):
            continue  # gated and shape-changing activations change the width: covered as layers
        # An identity kernel feeds the activation x itself, bit for bit on every backend, so the
        # comparison measures the activation alone (a random kernel's rounding, amplified by a steep
        # activation such as sin(30x), would differ by more than the tolerance between backends).
        layer = keras.layers.Dense(WIDTH, activation=_string(s, own), name=f"n{i:03d}",
                                   kernel_initializer="identity", use_bias=False)
        outputs.append(layer(inp))
        labels.append(f"dense_string:{s.name}")
    return keras.Model(inp, outputs, name="golden_names"), labels


def _weights(layer):
    import numpy as np

    return [np.array(w) for w in layer.get_weights()]


def _save(keras, model, labels, x, stem: Path) -> None:
    import numpy as np

    predictions = model.predict(x, verbose=0, batch_size=len(x))
    if not isinstance(predictions, (list, tuple)):
        predictions = [predictions]
    predictions = [np.asarray(p, dtype=np.float32) for p in predictions]
    bad = [lab for lab, p in zip(labels, predictions) if not np.all(np.isfinite(p))]
    if bad:
        raise RuntimeError(f"non-finite golden predictions for {bad}")
    model.save(str(stem) + ".keras")
    reloaded = keras.models.load_model(str(stem) + ".keras")
    again = reloaded.predict(x, verbose=0, batch_size=len(x))
    again = again if isinstance(again, (list, tuple)) else [again]
    for lab, p, q in zip(labels, predictions, again):
        if not np.allclose(p, np.asarray(q), rtol=1e-6, atol=1e-6):
            raise RuntimeError(f"{lab}: the reloaded model predicts differently in the same backend")
    arrays = {"x": x, "labels": np.array(labels)}
    arrays.update({f"y_{i:03d}": p for i, p in enumerate(predictions)})
    np.savez_compressed(str(stem) + ".npz", **arrays)


def write_backend(out: Path) -> None:
    import keras
    import numpy as np

    import keras_activations as ka
    from keras_activations import _keras_bridge, _registry, catalogue

    backend = keras.backend.backend()
    keras.utils.set_random_seed(SEED)
    own = _keras_bridge.keras_own_names()
    rng = np.random.default_rng(SEED)
    x = rng.uniform(-3.0, 3.0, size=(32, WIDTH)).astype(np.float32)

    model, labels, trained = _build_styles(ka, keras, _registry, catalogue, own)
    before = {layer.name: _weights(layer) for layer in trained}
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss=["mse"] * len(labels))
    x_train = rng.uniform(-3.0, 3.0, size=(128, WIDTH)).astype(np.float32)
    y_train = [rng.normal(size=(128,) + tuple(o.shape[1:])).astype(np.float32) for o in model.outputs]
    model.fit(x_train, y_train, epochs=3, batch_size=32, verbose=0)
    unchanged = [
        layer.name for layer in trained
        if before[layer.name] and all(np.array_equal(a, b) for a, b in zip(before[layer.name], _weights(layer)))
    ]
    if unchanged:
        raise RuntimeError(f"training did not change the weights of {unchanged}")
    out.mkdir(parents=True, exist_ok=True)
    _save(keras, model, labels, x, out / f"{backend}_styles")

    names_model, names_labels = _build_names(keras, _registry, own)
    _save(keras, names_model, names_labels, x, out / f"{backend}_names")
    print(f"{backend}: {len(labels)} style branches ({len(trained)} learnable or stochastic layers), "
          f"{len(names_labels)} names")


# ----------------------------------------------------------------------------- manifest


def current_names() -> dict:
    """The registry's public names: activations and aliases, layer classes, legacy names."""
    import keras_activations as ka  # noqa: F401  (registers everything)
    from keras_activations import _registry
    from keras_activations.layers import _base

    names = {name: spec.name for name, spec in sorted(_registry.all_names().items())}
    layers = sorted({s.layer.__name__ for s in _registry.all_specs()}
                    | {c.__name__ for c in _base.hand_written_layers().values()})
    legacy = sorted(_registry._LEGACY)  # noqa: SLF001
    return {"activations": names, "layers": layers, "legacy": legacy}


def merge_manifest(path: Path = MANIFEST) -> dict:
    """Add the current names to the manifest; refuse if a recorded name no longer exists."""
    now = current_names()
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    missing = [n for n in old.get("activations", {}) if n not in now["activations"]]
    missing += [f"layer {n}" for n in old.get("layers", []) if n not in now["layers"]]
    missing += [f"legacy {n}" for n in old.get("legacy", []) if n not in now["legacy"]]
    if missing:
        raise SystemExit(
            f"names recorded in {path.relative_to(ROOT)} no longer exist: {missing}. A registered name is "
            f"never removed (saved models use it): keep it, as an alias if it was renamed."
        )
    merged = {
        "comment": "Every public name ever registered. Names are only ever added: tests/test_golden.py "
                   "checks that each still resolves. Regenerate with scripts/make_golden.py.",
        "activations": {**old.get("activations", {}), **now["activations"]},
        "layers": sorted(set(old.get("layers", [])) | set(now["layers"])),
        "legacy": sorted(set(old.get("legacy", [])) | set(now["legacy"])),
    }
    merged["activations"] = dict(sorted(merged["activations"].items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return merged


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=BACKENDS, help="(internal) write one backend's files")
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or golden_dir()
    if args.backend:
        sys.path.insert(0, str(ROOT))
        write_backend(out)
        return 0
    for backend in args.backends:
        env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3",
               "KERAS_ACTIVATIONS_PORTABLE": os.environ.get("KERAS_ACTIVATIONS_PORTABLE", "0")}
        code = subprocess.call([sys.executable, __file__, "--backend", backend, "--out", str(out)], env=env)
        if code:
            print(f"{backend}: failed with exit status {code}", file=sys.stderr)
            return code
    os.environ.setdefault("KERAS_BACKEND", "jax")
    sys.path.insert(0, str(ROOT))
    merged = merge_manifest()
    print(f"{MANIFEST.relative_to(ROOT)}: {len(merged['activations'])} names, {len(merged['layers'])} layers, "
          f"{len(merged['legacy'])} legacy names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
