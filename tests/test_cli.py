"""The ``keras-activations`` command line: exit codes, output text, files written.

Most commands run in-process through ``cli.main(argv)`` (what the console script
calls); one test runs the installed console script itself in a subprocess. The
``compare`` command's output is tested in test_arena.py (one shared run).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types

import pytest

import keras_activations as ka
from keras_activations import _registry, cli

matplotlib = pytest.importorskip("matplotlib")
import matplotlib.image  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _table_names(out: str) -> list[str]:
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["NAME", "FAMILY", "FORMULA"]
    rows = []
    for line in lines[1:]:
        if not line.strip():
            break
        rows.append(line.split()[0])
    return rows


def test_list_shows_every_activation_in_a_table(capsys):
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    names = ka.list_activations()
    assert _table_names(out) == names
    assert f"{len(names)} activations" in out
    spec = ka.describe("serf")
    row = next(line for line in out.splitlines() if line.startswith("serf "))
    assert spec.family in row and spec.formula in row


def test_list_filters(capsys):
    code, out, _ = run(capsys, "list", "--family", "periodic")
    assert code == 0
    assert _table_names(out) == ka.list_activations(family="periodic")
    code, out, _ = run(capsys, "list", "--property", "monotonic", "--property", "bounded",
                       "--names-only")
    assert code == 0
    assert out.split() == ka.list_activations(properties=["monotonic", "bounded"])
    code, out, _ = run(capsys, "list", "--family", "classic,shrinkage", "--kind", "elementwise",
                       "--names-only")
    assert out.split() == ka.list_activations(family=["classic", "shrinkage"], kind="elementwise")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["list", "--family", "nope"], "Unknown family 'nope'"),
        (["list", "--property", "shiny"], "Unknown property 'shiny'"),
        (["list", "--kind", "round"], "invalid choice"),
        (["info", "nosuch"], "Unknown activation 'nosuch'"),
        (["info", "serff"], "Did you mean 'serf'"),
        (["plot", "relu", "--out", "x.jpg"], "png"),
        (["plot", "relu", "--range", "3", "1"], "x_range"),
        (["plot", "relu", "--range", "1"], "expected 2 arguments"),
        (["plot", "relu", "--range", "a", "b"], "invalid float value"),
        (["plot", "snake:frequency"], "NAME:param=value"),
        (["plot", "snake:frequency=-1", "--out", "x.png"], "frequency"),
        (["plot", "snake:speed=2", "--out", "x.png"], "Unknown parameter"),
        (["plot", "crelu", "--out", "x.png"], "shape"),
        (["plot"], "required"),
        (["gallery", "--family", "nope"], "Unknown family"),
        (["compare", "--activations", "relu,nosuch"], "Unknown activation 'nosuch'"),
        (["compare", "--epochs", "0"], "epochs"),
        (["compare", "--seeds", "x"], "invalid int value"),
        (["compare", "--model", "rnn"], "invalid choice"),
        (["compare", "--dataset", "mnist"], "Unknown dataset 'mnist'"),
        (["compare", "--dataset", "iris", "--model", "cnn"], "needs image data"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(capsys, tmp_path, monkeypatch, argv,
                                                           message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out
    assert err.startswith(("keras-activations", "usage:"))
    assert not os.listdir(tmp_path)  # nothing half-written


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("list", "info", "plot", "gallery", "compare", "bench"):
        assert command in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and ka.__version__ in out


def test_info_describes_formula_parameters_references_and_usage(capsys):
    code, out, err = run(capsys, "info", "snake")
    assert code == 0 and err == ""
    spec = ka.describe("snake")
    assert spec.formula in out
    for p in spec.parameters:
        assert p.name in out and p.range_text() in out
    for reference in spec.references:
        assert reference in out
    assert 'Activation("snake")' in out and 'activation="snake"' in out
    code, out, _ = run(capsys, "info", "swish")  # an alias resolves to its activation
    assert code == 0 and out.startswith("silu")


def test_plot_writes_the_figure(capsys, tmp_path):
    out_file = tmp_path / "act.png"
    code, out, err = run(capsys, "plot", "relu", "serf", "snake:frequency=2", "--derivative",
                         "--range", "-4", "4", "--out", str(out_file))
    assert code == 0, err
    assert f"wrote {out_file}" in out
    image = matplotlib.image.imread(out_file)
    assert image.ndim == 3 and image.shape[1] > image.shape[0]  # two panels side by side


def test_plot_default_file_name_and_svg(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "plot", "gelu", "mish")
    assert code == 0 and (tmp_path / "gelu_mish.png").is_file()
    code, out, _ = run(capsys, "plot", "tanh", "--out", "t.svg", "--layout", "overlay",
                       "--derivative", "--title", "tanh and its derivative")
    text = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert code == 0 and "<svg" in text and "tanh and its derivative" in text


def test_gallery_writes_one_figure_per_family(capsys, tmp_path):
    # Families of every kind: elementwise, axis-wise (normalizing) and gated. (The whole
    # catalogue takes half a minute on JAX, which compiles every operation anew.)
    families = ["classic", "periodic", "normalizing", "gated"]
    out_dir = tmp_path / "gallery"
    code, out, err = run(capsys, "gallery", "--out", str(out_dir), "--family", ",".join(families[:2]),
                         "--family", ",".join(families[2:]), "--range", "-3", "3")
    assert code == 0, err
    written = {p[: -len(".png")] for p in os.listdir(out_dir) if p.endswith(".png")}
    assert written == set(families)
    for family in families:
        assert re.search(rf"^{family}\s+\S+{family}\.png$", out, re.MULTILINE)
        image = matplotlib.image.imread(out_dir / f"{family}.png")
        panels = sum(1 for s in _registry.all_specs() if s.family == family and s.kind != "shape")
        assert image.ndim == 3 and image[..., :3].std() > 0.01
        assert image.shape[0] > 100 * ((panels + 3) // 4)  # one row of panels per 4 activations
    index = (out_dir / "index.md").read_text(encoding="utf-8")
    assert all(f"({family}.png)" in index for family in families)


def test_bench_delegates_to_the_benchmark(capsys, monkeypatch):
    calls = []
    fake = types.ModuleType("keras_activations.benchmark")
    fake.main = lambda argv=None: calls.append(argv) or 3
    monkeypatch.setitem(sys.modules, "keras_activations.benchmark", fake)
    code, _, _ = run(capsys, "bench", "--names", "mish,serf", "--help")
    assert code == 3 and calls == [["--names", "mish,serf", "--help"]]


def test_bench_without_the_benchmark_module_fails_clearly(capsys, monkeypatch):
    real_import = cli.importlib.import_module

    def missing(name, *args, **kwargs):
        if name == "keras_activations.benchmark":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(cli.importlib, "import_module", missing)
    code, out, err = run(capsys, "bench")
    assert code == 1
    assert "benchmark is not available" in err and "Traceback" not in err


def test_console_script_reports_errors_without_traceback(tmp_path):
    script = shutil.which("keras-activations", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.fail("the console script keras-activations is not installed in this environment: "
                    "run `pip install -e .` (the Makefile's install-test does)")
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([script, "info", "nosuch"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 2
    assert "Unknown activation 'nosuch'" in done.stderr
    assert "Traceback" not in done.stderr
