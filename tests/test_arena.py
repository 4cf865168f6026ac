"""compare (keras_activations.arena): data loading, training, ranking, outputs, determinism.

Kept small (tiny data sets, 1-2 epochs): the full default run is the demo
(``make demo``), not a test.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re

import keras
import numpy as np
import pytest

from keras_activations import arena, cli

pytest.importorskip("sklearn")
matplotlib = pytest.importorskip("matplotlib")
import matplotlib.image  # noqa: E402


def test_compare_command_end_to_end(tmp_path):
    """One small compare run on digits through the command line, and everything it produces.

    (One test, not several sharing a fixture: pytest-xdist would repeat the run per worker.)
    """
    folder = tmp_path / "compare"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["compare", "--activations", "relu,serf", "--seeds", "1", "--epochs", "2",
                         "--out", str(folder)])
    out, err = stdout.getvalue(), stderr.getvalue()
    assert code == 0, err
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))

    # the progress bar and the ranked table on the terminal
    assert "compare [" in err and "100%" in err and "serf seed 0" in err
    header = next(line for line in out.splitlines() if line.startswith("rank"))
    for column in ("activation", "from", "test accuracy", "final loss", "s/epoch", "reload identical"):
        assert column in header
    rows = [line.split() for line in out.splitlines() if re.match(r"^[12]\s", line)]
    assert [r[1] for r in rows] == [r["activation"] for r in results["results"]]
    assert sorted(r[1] for r in rows) == ["relu", "serf"]
    assert {r[1]: r[2] for r in rows} == {"relu": "keras", "serf": "keras_activations"}
    assert all(r[-1] == "yes" for r in rows)  # the reload column
    assert f"best: {results['best']}" in out and "± " not in out  # one seed: no spread
    for name in ("results.md", "results.json", "learning_curves.png"):
        assert f"wrote {os.path.join(str(folder), name)}" in out

    # ranking, and the runs learned something
    ranked = results["results"]
    assert [r["rank"] for r in ranked] == [1, 2]
    accuracies = [r["accuracy_mean"] for r in ranked]
    assert accuracies == sorted(accuracies, reverse=True)
    assert results["best"] == ranked[0]["activation"]
    for row in ranked:
        (run,) = row["runs"]
        assert row["accuracy_mean"] == run["accuracy"] and row["accuracy_std"] is None
        assert row["final_loss_mean"] == run["history"]["loss"][-1]
        assert len(run["history"]["loss"]) == len(run["history"]["val_accuracy"]) == 2
        assert len(run["epoch_seconds"]) == 2 and min(run["epoch_seconds"]) > 0
        # ten classes: chance is 0.1; two epochs of a small MLP on digits must do far better
        assert run["accuracy"] > 0.5
        assert run["history"]["loss"][1] < run["history"]["loss"][0]

    # every saved model reloads and gives the accuracy the table reports
    assert sorted(os.listdir(folder / "models")) == ["relu_seed0.keras", "serf_seed0.keras"]
    data = arena.load_dataset("digits")
    x_test = data.x_test.reshape(len(data.x_test), -1)
    for row in ranked:
        assert row["reload_identical"] is True and row["reload_max_abs_diff"] == 0.0
        (run,) = row["runs"]
        assert os.path.dirname(run["model_path"]) == os.path.join(str(folder), "models")
        model = keras.models.load_model(run["model_path"])
        predictions = keras.ops.convert_to_numpy(model(x_test, training=False))
        assert float(np.mean(np.argmax(predictions, axis=-1) == data.y_test)) == run["accuracy"]

    # the markdown table, the JSON's description of the run, the learning curves
    markdown = (folder / "results.md").read_text(encoding="utf-8")
    md_header = next(line for line in markdown.splitlines() if line.startswith("| rank"))
    assert "test accuracy" in md_header and "reload identical" in md_header
    table_rows = [line for line in markdown.splitlines() if line.startswith(("| 1 ", "| 2 "))]
    assert [line.split("|")[2].strip() for line in table_rows] == [r["activation"] for r in ranked]
    assert all(line.rstrip(" |").endswith("yes") for line in table_rows)
    assert "learning_curves.png" in markdown
    assert results["config"]["epochs"] == 2 and results["config"]["seeds"] == [0]
    assert results["dataset"]["name"] == "digits" and results["dataset"]["n_classes"] == 10
    assert results["dataset"]["n_train"] + results["dataset"]["n_test"] == 1797
    assert results["environment"]["backend"] == keras.backend.backend()
    image = matplotlib.image.imread(folder / "learning_curves.png")
    assert image.ndim == 3 and image[..., :3].std() > 0.01


def test_compare_function_is_deterministic_and_aggregates_seeds(tmp_path):
    stream = io.StringIO()
    result = arena.compare(["tanh"], dataset="iris", epochs=2, seeds=[0, 1], out=tmp_path,
                           stream=stream)
    (row,) = result.rows
    assert result.best == "tanh" and row["rank"] == 1 and len(row["runs"]) == 2
    accuracies = [run["accuracy"] for run in row["runs"]]
    assert row["accuracy_mean"] == pytest.approx(np.mean(accuracies))
    assert row["accuracy_std"] == pytest.approx(np.std(accuracies, ddof=1))
    assert "tanh seed 1" in stream.getvalue()
    assert " ± " in result.to_text() and "| 1 | tanh |" in result.to_markdown()
    # the same seed again gives the same run, exactly; the other seed gave another one
    first, second = row["runs"]
    _, again = arena.train_one("tanh", arena.load_dataset("iris"), seed=0, epochs=2)
    assert again["history"] == first["history"]
    assert second["history"]["loss"] != first["history"]["loss"]


def test_shuffling_follows_the_seed_only():
    x = np.arange(10, dtype=np.float32)[:, None]
    y = np.arange(10)
    a = arena._ShuffledBatches(x, y, 4, seed=1)
    b = arena._ShuffledBatches(x, y, 4, seed=1)
    first = [a[i][1] for i in range(len(a))]
    # three full batches: every sample once, two of them twice to fill the last batch
    assert len(a) == 3 and all(len(batch) == 4 for batch in first)
    seen = np.concatenate(first)
    assert set(seen.tolist()) == set(range(10)) and len(seen) == 12
    assert all(np.array_equal(u, b[i][1]) for i, u in enumerate(first))
    a.on_epoch_end()
    second = np.concatenate([a[i][1] for i in range(len(a))])
    assert not np.array_equal(second, seen)  # a new order each epoch
    assert set(second.tolist()) == set(range(10))
    assert len(arena._ShuffledBatches(x, y, 64, seed=0)) == 1  # batch larger than the data


def test_cnn_on_digit_images(tmp_path):
    result = arena.compare(["relu"], model="cnn", epochs=1, seeds=[0], out=tmp_path, progress=False)
    (row,) = result.rows
    assert row["reload_identical"] and row["accuracy_mean"] > 0.3
    model = keras.models.load_model(row["runs"][0]["model_path"])
    assert any(isinstance(layer, keras.layers.Conv2D) for layer in model.layers)
    assert tuple(model.input_shape) == (None, 8, 8, 1)


def test_bundled_datasets_are_split_stratified_and_standardised():
    from sklearn import datasets

    for name, size, classes in (("iris", 150, 3), ("wine", 178, 3), ("breast_cancer", 569, 2)):
        data = arena.load_dataset(name)
        raw = getattr(datasets, f"load_{name}")()
        assert len(data.y_train) + len(data.y_test) == size and data.n_classes == classes
        assert data.x_train.shape[1] == raw.data.shape[1] and data.image_shape is None
        np.testing.assert_allclose(data.x_train.mean(axis=0), 0.0, atol=1e-5)
        np.testing.assert_allclose(data.x_train.std(axis=0), 1.0, atol=1e-4)
        counts = np.bincount(np.asarray(raw.target))
        test_counts = np.bincount(data.y_test, minlength=classes)
        assert np.all(np.abs(test_counts - 0.25 * counts) <= 1)  # each class contributes 25 %
    digits = arena.load_dataset("digits")
    assert digits.image_shape == (8, 8, 1) and digits.x_train.shape[1:] == (8, 8, 1)


def test_npz_and_csv_files(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 3))
    labels = np.array(["cat", "dog"] * 20)
    np.savez(tmp_path / "d.npz", features=x, labels=labels)
    data = arena.load_dataset(str(tmp_path / "d.npz"))
    assert data.n_classes == 2 and len(data.y_train) + len(data.y_test) == 40
    assert data.x_train.shape[1] == 3
    rows = ["a,b,c,label"] + [f"{u},{v},{w},{lab}" for (u, v, w), lab in zip(x, labels)]
    (tmp_path / "d.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    from_csv = arena.load_dataset(str(tmp_path / "d.csv"))
    np.testing.assert_allclose(from_csv.x_train, data.x_train, rtol=1e-6)
    np.testing.assert_array_equal(from_csv.y_test, data.y_test)
    images = rng.normal(size=(30, 6, 6))
    np.savez(tmp_path / "img.npz", x=images, y=np.arange(30) % 3)
    assert arena.load_dataset(str(tmp_path / "img.npz")).image_shape == (6, 6, 1)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(activations=["relu", "relu"]), "more than once"),
        (dict(activations=[]), "non-empty"),
        (dict(activations=["nosuch"]), "Unknown activation 'nosuch'"),
        (dict(epochs=0), "epochs"),
        (dict(seeds=0), "seeds"),
        (dict(seeds=[1, 1]), "seeds"),
        (dict(batch_size=0), "batch_size"),
        (dict(learning_rate=-1.0), "learning_rate"),
        (dict(model="rnn"), "Unknown model"),
        (dict(dataset="mnist"), "Unknown dataset"),
        (dict(dataset="missing.npz"), "does not exist"),
        (dict(dataset="iris", model="cnn"), "needs image data"),
    ],
)
def test_compare_rejects_bad_options_before_training(tmp_path, kwargs, message):
    kwargs = {"activations": ["relu"], "epochs": 1, "seeds": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        arena.compare(out=tmp_path / "out", progress=False, **kwargs)
    assert not os.path.exists(tmp_path / "out")


def test_malformed_files_are_rejected(tmp_path):
    np.savez(tmp_path / "bad.npz", a=np.zeros((4, 2)), b=np.zeros((4, 2)), c=np.zeros(4))
    with pytest.raises(ValueError, match="arrays named 'x' and 'y'"):
        arena.load_dataset(str(tmp_path / "bad.npz"))
    (tmp_path / "bad.csv").write_text("1,2,a\n3,x,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="numeric"):
        arena.load_dataset(str(tmp_path / "bad.csv"))
    np.savez(tmp_path / "one.npz", x=np.zeros((5, 2)), y=np.zeros(5))
    with pytest.raises(ValueError, match="at least 2"):
        arena.load_dataset(str(tmp_path / "one.npz"))
    np.savez(tmp_path / "reg.npz", x=np.zeros((5, 2)), y=np.linspace(0, 1, 5))
    with pytest.raises(ValueError, match="continuous"):
        arena.load_dataset(str(tmp_path / "reg.npz"))


def _row(name, mean, std):
    return {"activation": name, "accuracy_mean": mean, "accuracy_std": std}


def test_verdict_names_the_activations_within_seed_noise_of_the_best():
    rows = [_row("a", 0.970, 0.004), _row("b", 0.968, 0.001), _row("c", 0.960, 0.005),
            _row("d", 0.950, 0.002)]
    result = arena.CompareResult(rows=rows, config={}, dataset={}, environment={}, paths={},
                                 total_seconds=0.0)
    # a's band starts at 0.966: b (up to 0.969) overlaps it, c reaches exactly 0.965, d 0.952
    assert result.within_noise_of_best == ["b"]
    assert result.verdict().startswith("best: a") and "within one standard deviation of it: b" in result.verdict()
    single = arena.CompareResult(rows=[_row("a", 0.9, None), _row("b", 0.89, None)], config={},
                                 dataset={}, environment={}, paths={}, total_seconds=0.0)
    assert single.within_noise_of_best == [] and "standard deviation" not in single.verdict()
