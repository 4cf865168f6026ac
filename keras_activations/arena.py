"""Compare activations by training the same network with each, on real data.

The articles that teach activations end with "it depends on your problem: try
them". :func:`compare` does the trying: it trains one small network per
activation and seed on a real data set (scikit-learn's bundled ``digits`` by
default, no download), then ranks the activations by test accuracy and writes

- ``results.md``: the ranked table (mean ± std test accuracy over seeds, final
  training and test loss, seconds per epoch, reload check),
- ``results.json``: everything, including every run's learning curves,
- ``learning_curves.png``: training loss and test accuracy per epoch,
- ``models/<activation>_seed<k>.keras``: every trained model. Each is loaded
  back with ``keras.models.load_model`` and must give the same predictions (the
  table's "reload" column).

Example:
>>> import keras_activations as ka
>>> from keras_activations import arena
>>> result = arena.compare(["relu", "serf"], epochs=2, seeds=1, out="out/compare")  # doctest: +SKIP
>>> print(result.to_text())                                                       # doctest: +SKIP

The command line runs the same: ``keras-activations compare --out out/compare``.

Determinism: for a given seed every run is repeatable. The seed sets Keras's
random state (``keras.utils.set_random_seed``: weight initialisation) and a
``numpy.random.default_rng(seed)`` that shuffles the training set each epoch;
the train/test split is fixed (``split_seed``) so that every activation and
seed is scored on the same test set.

A bare Keras name (``"gelu"``, ``"mish"``) means Keras's own function, exactly
as in ``keras.layers.Dense(..., activation="gelu")``; a name only this package
has (``"serf"``) or ``"keras_activations>gelu"`` means ours. The table's
``from`` column says which was used.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import os
import platform
import re
import sys
import time
from collections.abc import Sequence

import keras
import numpy as np

from keras_activations import _keras_bridge, _registry

#: The default activations: four that Keras has (used as Keras's own) and four of ours.
DEFAULT_ACTIVATIONS = ("relu", "gelu", "silu", "mish", "serf", "snake", "smish", "tanh_exp")
#: scikit-learn's bundled data sets that ``dataset=`` accepts by name.
DATASETS = ("digits", "breast_cancer", "wine", "iris")
MODELS = ("mlp", "cnn")
DEFAULT_EPOCHS = 15
DEFAULT_SEEDS = 3
DEFAULT_BATCH_SIZE = 64
#: Training steps per compiled call on TensorFlow (fewer Python round trips per epoch).
STEPS_PER_EXECUTION = 8
DEFAULT_LEARNING_RATE = 2e-3
DEFAULT_OUT = os.path.join("out", "compare")


# --------------------------------------------------------------------------- data


@dataclasses.dataclass
class Dataset:
    """A classification data set, split and standardised.

    ``x_*`` are float32 arrays, flat ``(n, features)`` or images ``(n, h, w, c)``
    when ``image_shape`` is set; ``y_*`` are int32 class indices ``0 .. n_classes-1``.

    Example:
    >>> from keras_activations import arena
    >>> data = arena.load_dataset("iris")
    >>> data.n_classes, data.summary()["n_features"]
    (3, 4)
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    n_classes: int
    image_shape: tuple | None = None

    def summary(self) -> dict:
        """Sizes of the data set: name, train/test counts, features, classes, image shape."""
        return {
            "name": self.name,
            "n_train": int(len(self.y_train)),
            "n_test": int(len(self.y_test)),
            "n_features": int(np.prod(self.x_train.shape[1:])),
            "n_classes": int(self.n_classes),
            "image_shape": list(self.image_shape) if self.image_shape else None,
        }


def _bundled(name: str):
    try:
        from sklearn import datasets
    except ImportError:  # pragma: no cover - depends on the installation
        raise ValueError(
            f"The {name!r} data set comes from scikit-learn, which is not installed. "
            f"Install it with `pip install scikit-learn` (or `pip install keras-activations[tools]`)."
        ) from None
    bunch = getattr(datasets, f"load_{name}")()
    x = np.asarray(bunch.data, dtype=np.float64)
    y = np.asarray(bunch.target)
    image_shape = (8, 8, 1) if name == "digits" else None
    return x, y, image_shape


def _load_npz(path: str):
    with np.load(path, allow_pickle=False) as data:
        keys = list(data.keys())
        pairs = [("x", "y"), ("X", "y"), ("features", "labels"), ("data", "target"),
                 ("inputs", "targets"), ("x_train", "y_train")]
        for kx, ky in pairs:
            if kx in keys and ky in keys:
                return np.asarray(data[kx]), np.asarray(data[ky])
        if len(keys) == 2:
            a, b = (np.asarray(data[k]) for k in keys)
            if a.ndim >= 2 and b.ndim == 1:
                return a, b
            if b.ndim >= 2 and a.ndim == 1:
                return b, a
    raise ValueError(
        f"{path}: expected arrays named 'x' and 'y' (or 'features' and 'labels'); found {keys}. "
        f"Save the file with numpy.savez(path, x=features, y=labels)."
    )


def _load_csv(path: str):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle) if row and any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError(f"{path}: the CSV file is empty; expected rows of features with the label last.")

    def numeric(cells):
        try:
            [float(c) for c in cells]
            return True
        except ValueError:
            return False

    if not numeric(rows[0][:-1]):  # a header row
        rows = rows[1:]
    width = len(rows[0]) if rows else 0
    if width < 2 or any(len(r) != width for r in rows):
        raise ValueError(
            f"{path}: expected rows of equal length with at least one feature and the label in "
            f"the last column."
        )
    try:
        x = np.array([[float(c) for c in r[:-1]] for r in rows])
    except ValueError as error:
        raise ValueError(f"{path}: every feature column must be numeric ({error}).") from None
    y = np.array([r[-1].strip() for r in rows])
    return x, y


def _encode_labels(y: np.ndarray, source: str) -> tuple[np.ndarray, int]:
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{source}: labels must be one per sample (a 1-D array); got shape {y.shape}.")
    if y.dtype.kind in "US":
        try:
            y = y.astype(np.float64)
        except ValueError:
            pass
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or not np.all(y == np.round(y)):
            raise ValueError(
                f"{source}: labels must be class indices or names, not continuous values "
                f"(compare trains classifiers)."
            )
    classes, encoded = np.unique(y, return_inverse=True)
    if len(classes) < 2:
        raise ValueError(f"{source}: found {len(classes)} class; a classifier needs at least 2.")
    return encoded.astype(np.int32), len(classes)


def _split(y: np.ndarray, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A stratified split: each class contributes ``test_fraction`` of its samples to the test set."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        n_test = int(round(test_fraction * len(idx)))
        if len(idx) >= 2:
            n_test = min(max(n_test, 1), len(idx) - 1)
        else:
            n_test = 0
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def load_dataset(dataset: str = "digits", *, test_fraction: float = 0.25, split_seed: int = 0) -> Dataset:
    """Load a classification data set, split it and standardise its features.

    Args:
        dataset: ``"digits"`` (8×8 images, 10 classes), ``"breast_cancer"``,
            ``"wine"`` or ``"iris"`` (scikit-learn's bundled copies, no download),
            or the path of a ``.npz`` file (arrays ``x`` and ``y``; ``x`` may be
            images ``(n, h, w)`` or ``(n, h, w, c)``) or a ``.csv`` file (numeric
            features, the label in the last column, an optional header row).
        test_fraction: share of each class held out for testing, in (0, 1).
        split_seed: seed of the (stratified) split; fixed so that all runs are
            scored on the same test set.

    Returns:
        A :class:`Dataset`. Features are standardised with the training set's
        mean and standard deviation (per feature; per image for image data).

    Example:
    >>> from keras_activations.arena import load_dataset
    >>> data = load_dataset("iris")
    >>> data.n_classes, data.x_train.shape[1]
    (3, 4)

    Raises:
        ValueError: an unknown name, a missing or malformed file.
    """
    if not (isinstance(test_fraction, (int, float)) and 0.0 < test_fraction < 1.0):
        raise ValueError(f"`test_fraction` must be in (0, 1); received {test_fraction!r}.")
    dataset = os.fspath(dataset)
    if dataset in DATASETS:
        x, y, image_shape = _bundled(dataset)
        name = dataset
    else:
        ext = os.path.splitext(dataset)[1].lower()
        if ext not in (".npz", ".csv"):
            raise ValueError(
                f"Unknown dataset {dataset!r}. Expected one of {', '.join(DATASETS)}, or the path "
                f"of a .npz or .csv file with features and labels."
            )
        if not os.path.isfile(dataset):
            raise ValueError(f"Dataset file {dataset!r} does not exist. Check the path.")
        x, y = _load_npz(dataset) if ext == ".npz" else _load_csv(dataset)
        name = os.path.basename(dataset)
        image_shape = None
        x = np.asarray(x, dtype=np.float64)
        if x.ndim == 3:
            x = x[..., None]
        if x.ndim == 4:
            image_shape = tuple(int(d) for d in x.shape[1:])
        elif x.ndim != 2:
            raise ValueError(
                f"{dataset}: features must be (samples, features) or images (samples, h, w[, c]); "
                f"got shape {x.shape}."
            )
        x = x.reshape(len(x), -1)
    y, n_classes = _encode_labels(y, dataset)
    if len(x) != len(y):
        raise ValueError(f"{dataset}: {len(x)} feature rows but {len(y)} labels; they must match.")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{dataset}: the features contain NaN or infinity; clean the data first.")
    train, test = _split(y, float(test_fraction), split_seed)
    if len(test) == 0 or len(train) == 0:
        raise ValueError(f"{dataset}: too few samples to hold out a test set ({len(y)} samples).")
    x_train, x_test = x[train], x[test]
    if image_shape is None:
        mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    else:  # one scale for all pixels keeps the images' spatial structure
        mean, std = x_train.mean(), x_train.std()
    std = np.where(std > 0, std, 1.0)
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std
    if image_shape is not None:
        x_train = x_train.reshape((-1,) + image_shape)
        x_test = x_test.reshape((-1,) + image_shape)
    return Dataset(name, x_train.astype(np.float32), y[train], x_test.astype(np.float32), y[test],
                   n_classes, image_shape)


# --------------------------------------------------------------------------- models


def build_model(activation, dataset: Dataset, model: str = "mlp", hidden_units: int = 64) -> keras.Model:
    """The network every activation is compared in.

    ``mlp``: Dense(h) → act → Dense(h) → act → Dense(classes, softmax), on the
    flattened features. ``cnn`` (image data only): Conv2D(16, 3) → act →
    Conv2D(32, 3) → act → MaxPool(2) → Dense(h) → act → Dense(classes, softmax).

    Example:
    >>> from keras_activations.arena import build_model, load_dataset
    >>> net = build_model("serf", load_dataset("iris"))
    """
    if model not in MODELS:
        raise ValueError(f"Unknown model {model!r}. Expected one of {MODELS}.")
    layers = keras.layers
    if model == "cnn":
        if dataset.image_shape is None:
            raise ValueError(
                f"model='cnn' needs image data, and {dataset.name!r} is not: use model='mlp', or "
                f"dataset='digits' (8×8 images), or a .npz file whose x has shape (n, h, w[, c])."
            )
        net = [
            keras.Input(dataset.image_shape),
            layers.Conv2D(16, 3, padding="same", activation=activation),
            layers.Conv2D(32, 3, padding="same", activation=activation),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(hidden_units, activation=activation),
        ]
    else:
        shape = dataset.x_train.shape[1:]
        net = [keras.Input(shape)]
        if len(shape) > 1:
            net.append(layers.Flatten())
        net += [
            layers.Dense(hidden_units, activation=activation),
            layers.Dense(hidden_units, activation=activation),
        ]
    net.append(layers.Dense(dataset.n_classes, activation="softmax"))
    return keras.Sequential(net, name=f"{model}_{_safe(str(activation))}")


# --------------------------------------------------------------------------- names


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_") or "activation"


def activation_source(name: str) -> str:
    """Which function a string means in a Keras layer: ``"keras"`` or ``"keras_activations"``.

    Example:
    >>> from keras_activations.arena import activation_source
    >>> activation_source("relu"), activation_source("serf")  # doctest: +SKIP
    ('keras', 'keras_activations')
    """
    fn = _keras_bridge.activation_table().get(name)
    if fn is None:
        _registry.spec_of(name)  # raises the unknown-name error with suggestions
        fn = _registry.spec_of(name).function
    try:
        _registry.spec_of(fn)
        return "keras_activations"
    except ValueError:
        return "legacy" if name in _registry._LEGACY else "keras"


def _check_activations(activations) -> list[str]:
    if activations is None:
        activations = DEFAULT_ACTIVATIONS
    if isinstance(activations, str):
        activations = [a for a in activations.split(",")]
    names = [str(a).strip() for a in activations]
    if not names or any(not n for n in names):
        raise ValueError(
            f"`activations` must be a non-empty list of names (e.g. relu,serf); received {activations!r}."
        )
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValueError(f"`activations` lists {dupes} more than once; give each name once.")
    table = _keras_bridge.activation_table()
    for n in names:
        if n not in table:
            _registry.spec_of(n)  # raises "Unknown activation ... Did you mean ..."
    return names


def _check_count(value, what: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"`{what}` must be an integer >= {minimum}; received {value!r}.")
    return int(value)


# --------------------------------------------------------------------------- progress


class _Progress:
    """A text progress bar on stderr (one line per finished run when not a terminal)."""

    def __init__(self, total_epochs: int, stream=None, enabled: bool = True, width: int = 28):
        self.total = max(total_epochs, 1)
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.width = width
        self.start = time.perf_counter()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def _bar(self, label: str) -> str:
        frac = self.done / self.total
        filled = int(round(frac * self.width))
        elapsed = time.perf_counter() - self.start
        eta = elapsed / frac - elapsed if frac > 0 else float("nan")
        eta_text = f"eta {eta:4.0f}s" if math.isfinite(eta) else "eta    ?"
        return (f"compare [{'#' * filled}{'.' * (self.width - filled)}] {100 * frac:3.0f}% "
                f"{elapsed:4.0f}s {eta_text}  {label}")

    def epoch(self, label: str) -> None:
        self.done += 1
        if self.enabled and self.tty:
            self.stream.write("\r" + self._bar(label)[:150].ljust(150))
            self.stream.flush()

    def run_done(self, label: str) -> None:
        if self.enabled and not self.tty:
            self.stream.write(self._bar(label) + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


class _ShuffledBatches(keras.utils.PyDataset):
    """Mini-batches of ``(x, y)`` in an order drawn from ``numpy.random.default_rng(seed)``.

    A new permutation is drawn after every epoch, so the sequence of batches
    depends on the seed alone (not on Keras's or the backend's random state).
    Every batch has the same size: when it does not divide the number of
    samples, the last batch is completed with the first samples of the same
    permutation (each sample is seen at least once per epoch, a few twice).
    One batch shape means one compiled training step (JAX compiles again for
    every new shape).
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, batch_size: int, seed: int):
        super().__init__(workers=1, use_multiprocessing=False)
        self.x, self.y = x, y
        self.batch_size = min(batch_size, len(y))
        self._rng = np.random.default_rng(seed)
        self._order = self._draw()

    def _draw(self) -> np.ndarray:
        order = self._rng.permutation(len(self.y))
        missing = -len(order) % self.batch_size
        return np.concatenate([order, order[:missing]])

    def __len__(self) -> int:
        return len(self._order) // self.batch_size

    def __getitem__(self, index):
        rows = self._order[index * self.batch_size:(index + 1) * self.batch_size]
        return self.x[rows], self.y[rows]

    def on_epoch_end(self):
        self._order = self._draw()


class _EpochRecorder(keras.callbacks.Callback):
    """Times each epoch's training, then scores the test set (eagerly, no extra tracing)."""

    def __init__(self, x_test: np.ndarray, y_test: np.ndarray, progress: _Progress | None, label: str):
        super().__init__()
        self.x_test, self.y_test = x_test, y_test
        self.progress, self.label = progress, label
        self.history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
        self.epoch_seconds: list[float] = []
        self._start = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_seconds.append(time.perf_counter() - self._start)
        logs = logs or {}
        loss, accuracy = _scores(_predict(self.model, self.x_test), self.y_test)
        self.history["loss"].append(float(logs.get("loss", float("nan"))))
        self.history["accuracy"].append(float(logs.get("accuracy", float("nan"))))
        self.history["val_loss"].append(loss)
        self.history["val_accuracy"].append(accuracy)
        if self.progress is not None:
            self.progress.epoch(self.label)


# --------------------------------------------------------------------------- training


def _predict(model, x: np.ndarray) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(model(x, training=False)))


def _scores(probabilities: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Cross-entropy (probabilities clipped to [1e-7, 1], as Keras does) and accuracy, in float64."""
    p = np.asarray(probabilities, dtype=np.float64)
    if not np.all(np.isfinite(p)):
        return float("nan"), float(np.mean(np.argmax(np.nan_to_num(p, nan=-1.0), axis=-1) == labels))
    picked = np.clip(p[np.arange(len(labels)), labels], 1e-7, 1.0)
    return float(-np.mean(np.log(picked))), float(np.mean(np.argmax(p, axis=-1) == labels))


def train_one(activation: str, dataset: Dataset, *, seed: int, epochs: int, model: str = "mlp",
              batch_size: int = DEFAULT_BATCH_SIZE, learning_rate: float = DEFAULT_LEARNING_RATE,
              progress: _Progress | None = None) -> tuple[keras.Model, dict]:
    """Train one network with ``activation`` and ``seed``; return it and its record.

    The record holds per-epoch ``loss`` and ``accuracy`` (training, as Keras
    reports them), ``val_loss`` and ``val_accuracy`` (test set), the training
    time of each epoch (``epoch_seconds``), and the final test ``accuracy``.

    Example:
    >>> from keras_activations.arena import load_dataset, train_one
    >>> net, record = train_one("relu", load_dataset("iris"), seed=0, epochs=2)  # doctest: +SKIP
    """
    keras.utils.set_random_seed(seed)
    net = build_model(activation, dataset, model)
    net.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        # only TensorFlow gains (PyTorch accepts only 1; JAX would compile the last, shorter
        # group of steps a second time)
        steps_per_execution=STEPS_PER_EXECUTION if keras.backend.backend() == "tensorflow" else 1,
    )
    recorder = _EpochRecorder(dataset.x_test, dataset.y_test, progress, f"{activation} seed {seed}")
    batches = _ShuffledBatches(dataset.x_train, dataset.y_train, batch_size, seed)
    net.fit(batches, epochs=epochs, shuffle=False, verbose=0, callbacks=[recorder])
    history = recorder.history
    record = {
        "seed": int(seed),
        "accuracy": history["val_accuracy"][-1],
        "final_loss": history["loss"][-1],
        "test_loss": history["val_loss"][-1],
        "history": history,
        "epoch_seconds": recorder.epoch_seconds,
        "diverged": not all(math.isfinite(v) for v in history["loss"]),
    }
    return net, record


def _reload_check(net, path: str, x_test: np.ndarray) -> tuple[bool, float]:
    before = _predict(net, x_test)
    net.save(path)
    loaded = keras.models.load_model(path)
    after = _predict(loaded, x_test)
    if before.shape != after.shape:
        return False, float("inf")
    identical = bool(np.array_equal(before, after, equal_nan=True))
    with np.errstate(invalid="ignore"):
        diff = np.abs(before.astype(np.float64) - after.astype(np.float64))
    max_diff = float(np.nanmax(diff)) if diff.size and not np.all(np.isnan(diff)) else 0.0
    return identical, max_diff


# --------------------------------------------------------------------------- results


def _mean_std(values) -> tuple[float, float | None]:
    values = np.asarray(values, dtype=np.float64)
    mean = float(np.mean(values))
    std = float(np.std(values, ddof=1)) if len(values) > 1 else None
    return mean, std


def _fmt(mean: float, std: float | None, digits: int = 4) -> str:
    if not math.isfinite(mean):
        return "diverged"
    return f"{mean:.{digits}f}" if std is None else f"{mean:.{digits}f} ± {std:.{digits}f}"


@dataclasses.dataclass
class CompareResult:
    """What :func:`compare` measured: ranked rows, configuration and output paths.

    ``rows`` are dicts, best first, with ``rank``, ``activation``, ``source``,
    ``accuracy_mean``, ``accuracy_std`` (None for one seed), ``final_loss_mean``,
    ``final_loss_std``, ``test_loss_mean``, ``seconds_per_epoch``,
    ``first_epoch_seconds``, ``reload_identical``, ``reload_max_abs_diff`` and
    ``runs`` (one record per seed, with learning curves and the model's path).

    Example:
    >>> from keras_activations import arena
    >>> result = arena.compare(["relu", "serf"], dataset="iris", epochs=2, seeds=2,
    ...                        out="out/compare", progress=False)          # doctest: +SKIP
    >>> result.best, result.within_noise_of_best, result.paths["markdown"]  # doctest: +SKIP
    ('serf', ['relu'], 'out/compare/results.md')
    """

    rows: list
    config: dict
    dataset: dict
    environment: dict
    paths: dict
    total_seconds: float

    @property
    def best(self) -> str:
        """The activation ranked first."""
        return self.rows[0]["activation"]

    @property
    def within_noise_of_best(self) -> list[str]:
        """The other activations whose accuracy is not clearly below the best's.

        Those whose mean ± std interval overlaps the best's (needs two seeds or
        more; empty with one seed, where no spread is known).
        """
        top = self.rows[0]
        if top["accuracy_std"] is None:
            return []
        floor = top["accuracy_mean"] - top["accuracy_std"]
        return [r["activation"] for r in self.rows[1:]
                if r["accuracy_std"] is not None and r["accuracy_mean"] + r["accuracy_std"] >= floor]

    def verdict(self) -> str:
        """One sentence: the best activation and which others are within seed noise of it."""
        text = f"best: {self.best} (ranked by mean test accuracy; ties by final training loss)"
        close = self.within_noise_of_best
        if close:
            text += (f"; within one standard deviation of it: {', '.join(close)} "
                     f"(differences this small are seed-to-seed noise: more seeds or epochs would tell)")
        return text

    COLUMNS = ("rank", "activation", "from", "test accuracy", "final loss", "test loss",
               "s/epoch", "reload identical")

    def table_rows(self) -> list[list[str]]:
        """The table's cells as strings, one list per activation, best first (see ``COLUMNS``)."""
        rows = []
        for r in self.rows:
            reload = "yes" if r["reload_identical"] else f"NO (max |Δ| {r['reload_max_abs_diff']:.2g})"
            rows.append([
                str(r["rank"]), r["activation"], r["source"],
                _fmt(r["accuracy_mean"], r["accuracy_std"]),
                _fmt(r["final_loss_mean"], r["final_loss_std"]),
                _fmt(r["test_loss_mean"], None),
                f"{r['seconds_per_epoch']:.3f}",
                reload,
            ])
        return rows

    def _heading(self) -> str:
        c, d = self.config, self.dataset
        return (f"{d['name']} ({d['n_train']} train / {d['n_test']} test, {d['n_classes']} classes), "
                f"model {c['model']}, {c['epochs']} epochs, seeds {c['seeds']}, "
                f"batch {c['batch_size']}, Adam lr {c['learning_rate']:g}, "
                f"backend {self.environment['backend']}")

    def to_text(self) -> str:
        """The ranked table as aligned plain text."""
        table = [list(self.COLUMNS)] + self.table_rows()
        widths = [max(len(row[i]) for row in table) for i in range(len(self.COLUMNS))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join([self._heading(), ""] + lines + [
            "", self.verdict(),
        ])

    def to_markdown(self) -> str:
        """The ranked table as a markdown document."""
        lines = ["# Activation comparison", "", self._heading(), "",
                 "| " + " | ".join(self.COLUMNS) + " |",
                 "|" + "|".join("---" for _ in self.COLUMNS) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.table_rows()]
        lines += [
            "",
            self.verdict()[0].upper() + self.verdict()[1:] + ".",
            "",
            f"Test accuracy is the mean ± standard deviation over seeds; "
            f"final loss is the last epoch's training loss, test loss the last epoch's loss on the "
            f"test set; s/epoch is the median training time of an epoch after the first (which "
            f"includes tracing and compilation). \"reload identical\" means every saved model, loaded "
            f"back with `keras.models.load_model`, gave bit-identical predictions.",
            "",
            "![learning curves](learning_curves.png)",
            "",
        ]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """Everything measured, as plain JSON-serialisable data (what ``results.json`` holds)."""
        return {
            "config": self.config,
            "dataset": self.dataset,
            "environment": self.environment,
            "best": self.best,
            "within_noise_of_best": self.within_noise_of_best,
            "results": self.rows,
            "total_seconds": self.total_seconds,
        }


def _environment() -> dict:
    env = {
        "backend": keras.backend.backend(),
        "keras": keras.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    from keras_activations import __version__

    env["keras_activations"] = __version__
    module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}.get(env["backend"])
    if module and module in sys.modules:
        env[module] = getattr(sys.modules[module], "__version__", "?")
    return env


def _plot_curves(rows, path: str, title: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 4.2), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax_loss, ax_acc = fig.subplots(1, 2, sharex=True)
    for i, row in enumerate(rows):
        color = f"C{i % 10}"
        for ax, key in ((ax_loss, "loss"), (ax_acc, "val_accuracy")):
            curves = np.array([run["history"][key] for run in row["runs"]], dtype=np.float64)
            epochs = np.arange(1, curves.shape[1] + 1)
            ax.plot(epochs, curves.mean(axis=0), color=color, label=row["activation"], linewidth=1.6)
            if len(curves) > 1:
                ax.fill_between(epochs, curves.min(axis=0), curves.max(axis=0), color=color, alpha=0.15)
    ax_loss.set_title("training loss (mean over seeds; band: min–max)")
    ax_loss.set_ylabel("loss")
    ax_loss.set_yscale("log")
    ax_acc.set_title("test accuracy")
    ax_acc.set_ylabel("accuracy")
    for ax in (ax_loss, ax_acc):
        ax.set_xlabel("epoch")
        ax.grid(True, alpha=0.3)
    ax_acc.legend(fontsize="small", loc="lower right")
    fig.suptitle(title, fontsize="medium")
    fig.savefig(path, format="png")


def compare(
    activations: Sequence[str] | str | None = None,
    *,
    dataset: str = "digits",
    model: str = "mlp",
    epochs: int = DEFAULT_EPOCHS,
    seeds: int | Sequence[int] = DEFAULT_SEEDS,
    out=DEFAULT_OUT,
    batch_size: int = DEFAULT_BATCH_SIZE,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    progress: bool = True,
    stream=None,
) -> CompareResult:
    """Train the same network with each activation and rank them by test accuracy.

    Args:
        activations: names as a Keras layer takes them (a list, or one
            comma-separated string); default :data:`DEFAULT_ACTIVATIONS`. Bare
            Keras names mean Keras's functions, ``"keras_activations>name"`` ours.
        dataset: ``"digits"`` (default), ``"breast_cancer"``, ``"wine"``,
            ``"iris"``, or a ``.npz`` / ``.csv`` file (see :func:`load_dataset`).
        model: ``"mlp"`` (default) or ``"cnn"`` (image data only).
        epochs: training epochs per run, an integer >= 1.
        seeds: how many seeds (``3`` runs seeds 0, 1, 2) or a list of seeds.
        out: output folder (created); ``results.md``, ``results.json``,
            ``learning_curves.png`` and ``models/`` are written there.
        batch_size: an integer >= 1.
        learning_rate: Adam's learning rate, > 0.
        progress: show a progress bar on ``stream`` (default ``sys.stderr``).
        stream: where the progress goes.

    Returns:
        A :class:`CompareResult`; ``print(result.to_text())`` shows the table.

    Example:
    >>> from keras_activations.arena import compare
    >>> result = compare(["relu", "serf"], dataset="iris", epochs=2, seeds=1,
    ...                  out="out/iris", progress=False)                       # doctest: +SKIP
    >>> result.best in ("relu", "serf")                                        # doctest: +SKIP
    True

    Raises:
        ValueError: an unknown activation (with suggestions), data set or model,
            or an out-of-range option.
    """
    names = _check_activations(activations)
    if model not in MODELS:
        raise ValueError(f"Unknown model {model!r}. Expected one of {', '.join(MODELS)}.")
    epochs = _check_count(epochs, "epochs")
    batch_size = _check_count(batch_size, "batch_size")
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        seed_list = list(range(_check_count(seeds, "seeds")))
    else:
        try:
            seed_list = [int(s) for s in seeds]
        except (TypeError, ValueError):
            raise ValueError(f"`seeds` must be a count >= 1 or a list of integers; received {seeds!r}.") from None
        if not seed_list or len(set(seed_list)) != len(seed_list) or min(seed_list) < 0:
            raise ValueError(
                f"`seeds` must be a count >= 1 or a non-empty list of distinct integers >= 0; "
                f"received {seeds!r}."
            )
    if not (isinstance(learning_rate, (int, float)) and not isinstance(learning_rate, bool)
            and math.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"`learning_rate` must be a finite number > 0; received {learning_rate!r}.")
    data = load_dataset(dataset)
    if model == "cnn" and data.image_shape is None:
        build_model(names[0], data, model)  # raises the explanatory error
    if model == "mlp" and data.image_shape is not None:  # the MLP sees images as flat vectors
        data = dataclasses.replace(data, x_train=data.x_train.reshape(len(data.x_train), -1),
                                   x_test=data.x_test.reshape(len(data.x_test), -1))

    out = os.fspath(out)
    models_dir = os.path.join(out, "models")
    os.makedirs(models_dir, exist_ok=True)
    bar = _Progress(len(names) * len(seed_list) * epochs, stream=stream, enabled=progress)
    started = time.perf_counter()
    rows = []
    try:
        for name in names:
            runs = []
            for seed in seed_list:
                label = f"{name} seed {seed}"
                net, record = train_one(name, data, seed=seed, epochs=epochs, model=model,
                                        batch_size=batch_size, learning_rate=learning_rate,
                                        progress=bar)
                path = os.path.join(models_dir, f"{_safe(name)}_seed{seed}.keras")
                identical, max_diff = _reload_check(net, path, data.x_test)
                record.update(model_path=path, reload_identical=identical, reload_max_abs_diff=max_diff)
                runs.append(record)
                bar.run_done(f"{label}: test accuracy {record['accuracy']:.4f}")
            accuracy = _mean_std([r["accuracy"] for r in runs])
            final_loss = _mean_std([r["final_loss"] for r in runs])
            later = [t for r in runs for t in (r["epoch_seconds"][1:] or r["epoch_seconds"])]
            rows.append({
                "activation": name,
                "source": activation_source(name),
                "accuracy_mean": accuracy[0],
                "accuracy_std": accuracy[1],
                "final_loss_mean": final_loss[0],
                "final_loss_std": final_loss[1],
                "test_loss_mean": _mean_std([r["test_loss"] for r in runs])[0],
                "seconds_per_epoch": float(np.median(later)),
                "first_epoch_seconds": float(np.mean([r["epoch_seconds"][0] for r in runs])),
                "reload_identical": all(r["reload_identical"] for r in runs),
                "reload_max_abs_diff": max(r["reload_max_abs_diff"] for r in runs),
                "runs": runs,
            })
    finally:
        bar.close()

    def sort_key(row):
        acc = row["accuracy_mean"] if math.isfinite(row["accuracy_mean"]) else -1.0
        loss = row["final_loss_mean"] if math.isfinite(row["final_loss_mean"]) else math.inf
        return (-acc, loss)

    rows.sort(key=sort_key)
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    paths = {
        "markdown": os.path.join(out, "results.md"),
        "json": os.path.join(out, "results.json"),
        "curves": os.path.join(out, "learning_curves.png"),
        "models": models_dir,
    }
    result = CompareResult(
        rows=rows,
        config={
            "activations": names, "dataset": dataset if dataset in DATASETS else os.fspath(dataset),
            "model": model, "epochs": epochs, "seeds": seed_list, "batch_size": batch_size,
            "learning_rate": float(learning_rate), "optimizer": "adam",
            "loss": "sparse_categorical_crossentropy", "test_fraction": 0.25, "split_seed": 0,
        },
        dataset=data.summary(),
        environment=_environment(),
        paths=paths,
        total_seconds=0.0,
    )
    _plot_curves(rows, paths["curves"], result._heading())
    result.total_seconds = time.perf_counter() - started
    with open(paths["markdown"], "w", encoding="utf-8") as handle:
        handle.write(result.to_markdown())
    with open(paths["json"], "w", encoding="utf-8") as handle:
        json.dump(_json_safe(result.to_json()), handle, indent=1)
    return result


def _json_safe(value):
    """Replace NaN/inf (not valid JSON) by None, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value
