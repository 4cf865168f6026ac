"""keras_activations.plot / plot_gallery: what the figures contain and the files they write.

The curves are checked against float64 numpy formulas written here from the
definitions (never the package's math); derivatives against the analytic
derivatives of those formulas, so the automatic differentiation is checked too.

The tests use the default number of points wherever they can: on JAX every new
array shape compiles each operation again, so one shape keeps the file fast.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _registry, plotting

matplotlib = pytest.importorskip("matplotlib")
import matplotlib.image  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _lines(ax):
    """The curves of an axis (the zero lines are a collection, not lines)."""
    return list(ax.lines)


def _check(line, expected, x_expected=None, atol=2e-6, rtol=2e-6, away_from=()):
    x = np.asarray(line.get_xdata(), dtype=np.float64)
    y = np.asarray(line.get_ydata(), dtype=np.float64)
    if x_expected is not None:
        np.testing.assert_allclose(x, x_expected)
    keep = np.ones_like(x, dtype=bool)
    for kink in away_from:  # the derivative at a kink is a convention; tested elsewhere
        keep &= np.abs(x - kink) > 1e-9
    np.testing.assert_allclose(y[keep], expected(x[keep]), rtol=rtol, atol=atol)


def test_plot_panels_hold_functions_and_autodiff_derivatives():
    fig = ka.plot(["relu", "tanh", ("snake", {"frequency": 2.0})], x_range=(-3, 3))
    assert isinstance(fig, matplotlib.figure.Figure)
    ax_f, ax_d = fig.axes
    assert ax_f.get_title() == "f(x)" and ax_d.get_title().startswith("f′(x)")
    assert ax_f.get_xlabel() == "x" and ax_d.get_xlabel() == "x"
    assert ax_f.get_xlim() == (-3.0, 3.0)
    labels = ["relu", "tanh", "snake(frequency=2)"]
    assert [line.get_label() for line in _lines(ax_f)] == labels
    assert [line.get_label() for line in _lines(ax_d)] == labels
    assert [t.get_text() for t in ax_f.get_legend().get_texts()] == labels
    grid = np.linspace(-3, 3, plotting.DEFAULT_POINTS)
    relu, tanh, snake = _lines(ax_f)
    d_relu, d_tanh, d_snake = _lines(ax_d)
    _check(relu, lambda x: np.maximum(x, 0.0), grid)
    _check(tanh, np.tanh, grid)
    _check(snake, lambda x: x + np.sin(2.0 * x) ** 2 / 2.0, grid, atol=1e-5)
    _check(d_relu, lambda x: (x > 0).astype(float), grid, away_from=(0.0,))
    _check(d_tanh, lambda x: 1.0 - np.tanh(x) ** 2, grid, atol=1e-6)
    _check(d_snake, lambda x: 1.0 + np.sin(4.0 * x), grid, atol=1e-5)
    # the function and its derivative share a colour
    assert relu.get_color() == d_relu.get_color() != tanh.get_color()


def test_plot_overlay_draws_dashed_derivatives_on_one_axis():
    fig = ka.plot(["sigmoid", "relu"], layout="overlay", x_range=(-2, 2))
    (ax,) = fig.axes
    lines = _lines(ax)
    assert [line.get_label() for line in lines] == ["sigmoid", "sigmoid′", "relu", "relu′"]
    assert [line.get_linestyle() for line in lines] == ["-", "--", "-", "--"]
    _check(lines[1], lambda x: _sigmoid(x) * (1 - _sigmoid(x)), np.linspace(-2, 2, plotting.DEFAULT_POINTS))


def test_plot_without_derivative_has_one_axis():
    fig = ka.plot("gelu", derivative=False, x_range=(-2, 2))
    (ax,) = fig.axes
    (line,) = _lines(ax)
    assert line.get_label() == "gelu" and ax.get_title() == "f(x)"
    from math import erf

    _check(line, np.vectorize(lambda v: v * 0.5 * (1 + erf(v / np.sqrt(2)))), np.linspace(-2, 2, plotting.DEFAULT_POINTS))


def test_plot_axis_gated_kinds_and_plain_functions():
    import keras

    fig = ka.plot(["softmax", "glu", lambda x: keras.ops.square(x)], x_range=(-4, 4))
    ax_f, ax_d = fig.axes
    softmax, glu, square = _lines(ax_f)
    d_softmax, d_glu, d_square = _lines(ax_d)
    assert softmax.get_label() == "softmax of [x, 0]" and glu.get_label() == "glu of (x, x)"
    assert square.get_label() == "<lambda>"
    # softmax([x, 0])[0] is the logistic sigmoid; glu(x, x) = x·σ(x) (the second half gates the first)
    _check(softmax, _sigmoid)
    _check(d_softmax, lambda x: _sigmoid(x) * (1 - _sigmoid(x)))
    _check(glu, lambda x: x * _sigmoid(x), atol=5e-6)
    _check(d_glu, lambda x: _sigmoid(x) * (1 + x * (1 - _sigmoid(x))), atol=5e-6)
    _check(d_square, lambda x: 2 * x, atol=5e-6)


def test_plot_samples_zero_and_step_has_zero_derivative():
    fig = ka.plot("binary_step", x_range=(-1, 2), num=12)  # linspace(-1, 2, 12) misses 0
    x = _lines(fig.axes[0])[0].get_xdata()
    assert 0.0 in x and len(x) == 13
    d = _lines(fig.axes[1])[0].get_ydata()
    assert np.all(d == 0.0)


def test_plot_saves_png_and_svg(tmp_path):
    png = tmp_path / "sub" / "acts.png"
    fig = ka.plot(["relu", "serf"], out=png, dpi=50, figsize=(8, 3))
    image = matplotlib.image.imread(png)
    assert image.shape[:2] == (150, 400)  # figsize * dpi
    assert image[..., :3].std() > 0.01  # something is drawn
    svg = tmp_path / "acts.svg"
    fig.savefig(svg)
    ka.plot(["relu", "serf"], out=svg)
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "serf" in text  # matplotlib keeps each text as a comment


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(names="not_an_activation"), "Unknown activation"),
        (dict(names="relu", x_range=(3, 1)), "x_range"),
        (dict(names="relu", x_range=(0, float("inf"))), "x_range"),
        (dict(names="relu", x_range="ab"), "x_range"),
        (dict(names="relu", num=1), "num"),
        (dict(names="relu", layout="stacked"), "layout"),
        (dict(names="relu", out="x.jpg"), "png"),
        (dict(names=[]), "empty"),
        (dict(names=("snake", {"freq": 2.0})), "Unknown parameter"),
        (dict(names=("snake", {"frequency": -1.0})), "frequency"),
        (dict(names="crelu"), "shape"),
    ],
)
def test_plot_errors_are_clear(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ka.plot(**kwargs)


def test_plot_unknown_name_suggests():
    with pytest.raises(ValueError, match="Did you mean 'serf'"):
        ka.plot("serff")


def test_plot_rejects_non_callables():
    with pytest.raises(TypeError, match="expected an activation name"):
        ka.plot([3.0])


def test_gallery_one_figure_per_family(tmp_path):
    families = ["periodic", "shrinkage"]
    paths = ka.plot_gallery(tmp_path, families=families, format="svg")
    assert list(paths) == families
    for family in families:
        text = open(paths[family], encoding="utf-8").read()
        specs = [s for s in _registry.all_specs() if s.family == family and s.kind != "shape"]
        # one drawn axes per activation, titled with its name
        assert len(re.findall(r'<g id="axes_\d+"', text)) == len(specs)
        for spec in specs:
            assert f"<!-- {spec.name} -->" in text
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert "periodic.svg" in index and "shrinkage.svg" in index


def test_gallery_errors(tmp_path):
    with pytest.raises(ValueError, match="Unknown family"):
        ka.plot_gallery(tmp_path, families=["nope"])
    with pytest.raises(ValueError, match="format"):
        ka.plot_gallery(tmp_path, format="gif")


def test_value_and_derivative_matches_analytic():
    x = np.linspace(-6, 6, plotting.DEFAULT_POINTS)
    y, dy = plotting.value_and_derivative(ka.silu, x)
    s = _sigmoid(x)
    np.testing.assert_allclose(y, x * s, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(dy, s * (1 + x * (1 - s)), rtol=1e-5, atol=1e-7)


def test_import_stays_light_and_tools_load_on_first_use():
    # Keras itself may import matplotlib and scikit-learn when they are installed, so the
    # check is that importing keras_activations adds none of them, nor the tool modules.
    code = (
        "import sys, json, keras\n"
        "base = set(sys.modules)\n"
        "import keras_activations as ka\n"
        "added = sorted(m for m in set(sys.modules) - base\n"
        "               if m.split('.')[0] in ('matplotlib', 'sklearn', 'PIL')\n"
        "               or m in ('keras_activations.plotting', 'keras_activations.arena',\n"
        "                        'keras_activations.cli'))\n"
        "ka.plot\n"
        "print(json.dumps([added, 'keras_activations.plotting' in sys.modules]))\n"
    )
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    added, loaded_on_use = json.loads(done.stdout.strip().splitlines()[-1])
    assert added == []
    assert loaded_on_use is True
