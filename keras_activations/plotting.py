"""Plot activations and their derivatives (matplotlib, imported only when used).

The derivative is not written by hand anywhere: it is computed by automatic
differentiation through the active Keras backend (``tf.GradientTape``,
``jax.vjp`` or ``torch.autograd``), so the plot shows exactly the gradient that
training uses, including the package's convention at kinks.

Example:
>>> import keras_activations as ka
>>> fig = ka.plot(["relu", "serf", "snake"], derivative=True, x_range=(-4, 4))
>>> fig.savefig("activations.png")  # doctest: +SKIP
>>> paths = ka.plot_gallery("gallery/")  # doctest: +SKIP

Figures are created with matplotlib's object-oriented API on an Agg canvas:
no pyplot state is touched, nothing opens a window, and the functions work on
headless machines and inside notebooks alike (a returned figure displays in
Jupyter after ``%matplotlib inline``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Mapping

import keras
import numpy as np

from keras_activations import _keras_bridge, _registry

#: File formats ``plot`` and ``plot_gallery`` can write.
FORMATS = ("png", "svg", "pdf")
#: Points per curve unless ``num`` says otherwise (plus x = 0 when the grid misses it).
DEFAULT_POINTS = 401
#: Layouts of :func:`plot` when ``derivative=True``.
LAYOUTS = ("panels", "overlay")

_PRIME = "\u2032"  # ′


# --------------------------------------------------------------------------- curves


class _Curve:
    """One activation to draw: a label and a function of a 1-D tensor of x values."""

    def __init__(self, label: str, fn: Callable, kind: str = "elementwise", params=None):
        self.label = label
        self.kind = kind
        self._fn = fn
        self._params = dict(params or {})

    def __call__(self, x):
        """f evaluated elementwise on the 1-D tensor ``x`` (shape-preserving)."""
        ops = keras.ops
        if self.kind == "elementwise":
            return self._fn(x, **self._params)
        if self.kind == "axis":
            # Two entries per row, [x, 0]: softmax becomes sigmoid(x), and so on.
            pair = ops.stack([x, ops.zeros_like(x)], axis=-1)
            return self._fn(pair, **self._params)[:, 0]
        if self.kind == "gated":
            # Both halves equal to x: glu(x, x) = x·σ(x).
            pair = ops.stack([x, x], axis=-1)
            return self._fn(pair, **self._params)[:, 0]
        raise ValueError(f"cannot plot an activation of kind {self.kind!r}")


def _label(name: str, params: Mapping) -> str:
    if not params:
        return name
    args = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v!r}" for k, v in params.items())
    return f"{name}({args})"


def _curve_for(entry) -> _Curve:
    """Resolve one entry of ``names``: a name, ``(name, params)``, a function or a layer."""
    params = {}
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], Mapping):
        entry, params = entry
        params = dict(params)
    if isinstance(entry, str):
        try:
            spec = _registry.spec_of(entry)
        except ValueError:
            if entry in _keras_bridge.keras_own_names() and not params:
                return _Curve(f"{entry} (Keras)", keras.activations.get(entry))
            raise
        if spec.kind == "shape":
            raise ValueError(
                f"Cannot plot {spec.name!r}: it changes the shape of its input (kind 'shape'), so it "
                f"is not a function of one number. Plot an elementwise activation instead "
                f"(see keras_activations.list_activations(kind='elementwise'))."
            )
        unknown = sorted(set(params) - {p.name for p in spec.parameters})
        if unknown:
            raise ValueError(
                f"Unknown parameter(s) {unknown} for {spec.name!r}; its parameters are "
                f"{[p.name for p in spec.parameters] or 'none'}."
            )
        for p in spec.parameters:
            if p.name in params:
                p.check(params[p.name], spec.name)
        label = _label(spec.name, params)
        if spec.kind == "axis":
            label = f"{label} of [x, 0]"
        elif spec.kind == "gated":
            label = f"{label} of (x, x)"
        return _Curve(label, spec.function, spec.kind, params)
    if callable(entry):
        if params:
            raise ValueError("Parameters can only be given with a name: use (name, {param: value}).")
        try:
            label = _registry.spec_of(entry).name
        except ValueError:
            label = getattr(entry, "name", None) or getattr(entry, "__name__", None) or type(entry).__name__
        return _Curve(str(label), entry)
    raise TypeError(
        f"Cannot plot {entry!r} of type {type(entry).__name__}: expected an activation name, "
        f"a (name, {{parameter: value}}) pair, a function or a layer."
    )


def _as_entries(names) -> list:
    if isinstance(names, (str, tuple)) or callable(names):
        if isinstance(names, tuple) and not (len(names) == 2 and isinstance(names[1], Mapping)):
            return list(names)
        return [names]
    if isinstance(names, Iterable):
        return list(names)
    raise TypeError(f"`names` must be a name, a function or a list of them; received {names!r}.")


def value_and_derivative(fn: Callable, x) -> tuple[np.ndarray, np.ndarray]:
    """``fn(x)`` and its derivative by automatic differentiation on the active backend.

    Args:
        fn: an elementwise function of a 1-D tensor (a catalogue function, a
            Keras activation, a layer).
        x: 1-D array of points (computed in ``keras.config.floatx()``).

    Returns:
        ``(y, dy)`` as float64 numpy arrays, ``dy[i] = d fn(x)[i] / d x[i]``
        (the gradient of ``sum(fn(x))``, which equals the derivative for an
        elementwise function).

    Example:
    >>> import keras_activations as ka
    >>> from keras_activations.plotting import value_and_derivative
    >>> y, dy = value_and_derivative(ka.tanh, [0.0])   # y = [0.], dy = [1.]

    Raises:
        ValueError: on a backend without automatic differentiation (``numpy``).
    """
    backend = keras.backend.backend()
    x = np.asarray(x, dtype=keras.config.floatx())
    if backend == "tensorflow":
        import tensorflow as tf

        xt = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            y = fn(xt)
        dy = tape.gradient(y, xt)
        dy = tf.zeros_like(xt) if dy is None else dy
        return _np(y), _np(dy)
    if backend == "jax":
        import jax
        import jax.numpy as jnp

        y, vjp = jax.vjp(fn, jnp.asarray(x))
        (dy,) = vjp(jnp.ones_like(y))
        return _np(y), _np(dy)
    if backend == "torch":
        import torch

        xt = torch.tensor(x, requires_grad=True)
        y = fn(xt)
        if y.requires_grad:
            (dy,) = torch.autograd.grad(y, xt, torch.ones_like(y), allow_unused=True)
        else:  # a function with no gradient path (a step): the derivative is 0
            dy = None
        dy = torch.zeros_like(xt) if dy is None else dy
        return _np(y.detach()), _np(dy.detach())
    raise ValueError(
        f"Derivatives need automatic differentiation, which the {backend!r} Keras backend does "
        f"not have. Set KERAS_BACKEND to 'tensorflow', 'jax' or 'torch', or pass derivative=False."
    )


def _np(tensor) -> np.ndarray:
    value = keras.ops.convert_to_numpy(tensor)
    return np.asarray(value, dtype=np.float64)


def _evaluate(curve: _Curve, x: np.ndarray, derivative: bool):
    if derivative:
        return value_and_derivative(curve, x)
    y = _np(curve(keras.ops.convert_to_tensor(x.astype(keras.config.floatx()))))
    return y, None


# --------------------------------------------------------------------------- checks


def _check_range(x_range) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in x_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"`x_range` must be two numbers (low, high), e.g. (-5, 5); received {x_range!r}."
        ) from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(
            f"`x_range` must be two finite numbers with low < high, e.g. (-5, 5); received {x_range!r}."
        )
    return lo, hi


def _check_num(num) -> int:
    if isinstance(num, bool) or not isinstance(num, int) or num < 2:
        raise ValueError(f"`num` (points per curve) must be an integer >= 2; received {num!r}.")
    return num


def _check_format(fmt: str, what: str) -> str:
    fmt = str(fmt).lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(
            f"{what} must be one of {', '.join(FORMATS)}; received {fmt!r}. "
            f"Use a file name ending in .png or .svg."
        )
    return fmt


def _grid(lo: float, hi: float, num: int) -> np.ndarray:
    x = np.linspace(lo, hi, num)
    if lo < 0 < hi and 0.0 not in x:  # always sample the origin, where most kinks are
        x = np.sort(np.append(x, 0.0))
    return x


def _new_figure(figsize, dpi, layout="constrained"):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def _zero_lines(ax, width: float) -> None:
    """Thin lines at x = 0 and y = 0 (a collection, so ``ax.lines`` holds only the curves)."""
    from matplotlib.collections import LineCollection

    for segment, transform in (([(0, 0), (1, 0)], ax.get_yaxis_transform()),
                               ([(0, 0), (0, 1)], ax.get_xaxis_transform())):
        ax.add_collection(LineCollection([segment], transform=transform, colors="0.6",
                                         linewidths=width, zorder=0.5), autolim=False)


def _save(fig, out) -> str:
    out = os.fspath(out)
    fmt = _check_format(os.path.splitext(out)[1] or "<none>", f"The output file {out!r}'s extension")
    parent = os.path.dirname(out)
    if parent:
        os.makedirs(parent, exist_ok=True)
    fig.savefig(out, format=fmt)
    return out


# --------------------------------------------------------------------------- public


def plot(
    names,
    derivative: bool = True,
    x_range=(-5.0, 5.0),
    *,
    num: int = DEFAULT_POINTS,
    layout: str = "panels",
    ylim=None,
    title: str | None = None,
    out=None,
    figsize=None,
    dpi: int = 100,
):
    """Draw activations (and their derivatives) several on one axis.

    Args:
        names: an activation name (any alias, ``"keras_activations>name"``, or a
            Keras-only name such as ``"hard_sigmoid"``), a ``(name, {parameter:
            value})`` pair, a function, a layer, or a list of these. Axis-wise
            activations (softmax, sparsemax...) are drawn on the pair ``[x, 0]``
            (first output), gated ones (glu, swiglu...) on the halves ``(x, x)``;
            shape-changing ones (crelu, maxout) cannot be plotted.
        derivative: also draw f′(x), computed by automatic differentiation
            through the active Keras backend.
        x_range: ``(low, high)``, finite, low < high; default ``(-5, 5)``.
        num: points per curve, an integer >= 2 (0 is always included).
        layout: with ``derivative=True``, ``"panels"`` (default) puts f and f′ on
            two axes side by side; ``"overlay"`` draws f′ dashed on f's axis.
        ylim: optional ``(low, high)`` for the y axes.
        title: optional figure title.
        out: optional file name ending in ``.png``, ``.svg`` or ``.pdf``: the figure
            is saved there (folders are created).
        figsize: matplotlib figure size in inches; a sensible default otherwise.
        dpi: resolution of raster output, default 100.

    Returns:
        The ``matplotlib.figure.Figure``. Its axes hold one line per activation,
        labelled with the activation's name (plus ``′`` for derivatives in the
        overlay layout); the function axis is titled ``f(x)`` and the
        derivative axis ``f′(x)``.

    Example:
    >>> import keras_activations as ka
    >>> fig = ka.plot(["relu", ("snake", {"frequency": 2.0})], x_range=(-3, 3))
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['relu', 'snake(frequency=2)']

    Raises:
        ValueError: an unknown name (with suggestions), a bad range, layout or
            file extension, or a parameter outside its valid range.

    Numerics:
        Computed in ``keras.config.floatx()`` (float32 by default) on the active
        backend; derivatives at kinks follow each activation's documented
        convention, exactly as training sees them.
    """
    lo, hi = _check_range(x_range)
    num = _check_num(num)
    if layout not in LAYOUTS:
        raise ValueError(f"`layout` must be one of {LAYOUTS}; received {layout!r}.")
    if out is not None:
        _check_format(os.path.splitext(os.fspath(out))[1] or "<none>",
                      f"The output file {os.fspath(out)!r}'s extension")
    entries = _as_entries(names)
    if not entries:
        raise ValueError("`names` is empty: give at least one activation to plot.")
    curves = [_curve_for(e) for e in entries]
    x = _grid(lo, hi, num)
    panels = derivative and layout == "panels"
    if figsize is None:
        figsize = (11, 4.2) if panels else (6.4, 4.2)
    fig = _new_figure(figsize, dpi)
    if panels:
        ax_f, ax_d = fig.subplots(1, 2, sharex=True)
    else:
        ax_f = fig.subplots(1, 1)
        ax_d = ax_f if derivative else None
    for i, curve in enumerate(curves):
        y, dy = _evaluate(curve, x, derivative)
        color = f"C{i % 10}"
        ax_f.plot(x, y, color=color, label=curve.label, linewidth=1.8)
        if derivative:
            label = curve.label if panels else curve.label + _PRIME
            ax_d.plot(x, dy, color=color, label=label, linewidth=1.4,
                      linestyle="-" if panels else "--")
    axes = [ax_f] if ax_d is None or ax_d is ax_f else [ax_f, ax_d]
    for ax in axes:
        _zero_lines(ax, 0.6)
        ax.grid(True, alpha=0.3)
        ax.set_xlabel("x")
        ax.set_xlim(lo, hi)
        if ylim is not None:
            ax.set_ylim(*ylim)
    if panels:
        ax_f.set_title("f(x)")
        ax_f.set_ylabel("f(x)")
        ax_d.set_title(f"f{_PRIME}(x)  (automatic differentiation, {keras.backend.backend()})")
        ax_d.set_ylabel(f"f{_PRIME}(x)")
    elif derivative:
        ax_f.set_title(f"f(x) (solid) and f{_PRIME}(x) (dashed)")
        ax_f.set_ylabel(f"f(x), f{_PRIME}(x)")
    else:
        ax_f.set_title("f(x)")
        ax_f.set_ylabel("f(x)")
    ax_f.legend(fontsize="small", loc="best")
    if title:
        fig.suptitle(title)
    if out is not None:
        _save(fig, out)
    return fig


def _plottable(spec) -> bool:
    return spec.kind != "shape"


def plot_gallery(
    out_dir,
    families=None,
    *,
    derivative: bool = True,
    x_range=(-5.0, 5.0),
    num: int = DEFAULT_POINTS,
    format: str = "png",
    ncols: int = 4,
    dpi: int = 80,
) -> dict[str, str]:
    """Write one figure per family: a small panel per activation, f and f′.

    Args:
        out_dir: folder to write into (created if missing).
        families: a family name or list of them (see ``keras_activations.FAMILIES``);
            default every family that has a plottable activation.
        derivative: also draw f′ (dashed, by automatic differentiation).
        x_range: ``(low, high)``, finite, low < high.
        num: points per curve, an integer >= 2.
        format: ``"png"`` (default), ``"svg"`` or ``"pdf"``.
        ncols: panels per row, an integer >= 1.
        dpi: resolution of PNG output.

    Returns:
        ``{family: path}`` of the files written, in catalogue order. An
        ``index.md`` listing them (with each family's description) is written too.

    Example:
    >>> import keras_activations as ka
    >>> paths = ka.plot_gallery("gallery", families=["periodic"])  # doctest: +SKIP
    >>> sorted(paths)  # doctest: +SKIP
    ['periodic']

    Raises:
        ValueError: an unknown family, a bad range or format.

    Numerics:
        As :func:`plot`. Shape-changing activations (crelu, maxout) are left out;
        axis-wise ones are drawn on ``[x, 0]``, gated ones on ``(x, x)``.
    """
    fmt = _check_format(format, "`format`")
    lo, hi = _check_range(x_range)
    num = _check_num(num)
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"`ncols` must be an integer >= 1; received {ncols!r}.")
    wanted = [families] if isinstance(families, str) else list(families or _registry.FAMILIES)
    for family in wanted:
        if family not in _registry.FAMILIES:
            raise ValueError(
                f"Unknown family {family!r}. Expected one of {sorted(_registry.FAMILIES)}."
            )
    out_dir = os.fspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    x = _grid(lo, hi, num)
    paths: dict[str, str] = {}
    for family in _registry.FAMILIES:
        if family not in wanted:
            continue
        specs = [s for s in _registry.all_specs() if s.family == family and _plottable(s)]
        if not specs:
            continue
        cols = min(ncols, len(specs))
        rows = math.ceil(len(specs) / cols)
        height = 2.6 * rows + 0.9
        # a fixed grid (constrained layout costs seconds on families of 30+ panels)
        fig = _new_figure((3.2 * cols, height), dpi, layout=None)
        fig.subplots_adjust(left=0.06 if cols > 1 else 0.15, right=0.98, bottom=0.45 / height,
                            top=1.0 - 0.95 / height, wspace=0.28, hspace=0.5)
        grid = fig.subplots(rows, cols, squeeze=False)
        for ax, spec in zip(grid.flat, specs):
            curve = _curve_for(spec.name)
            y, dy = _evaluate(curve, x, derivative)
            ax.plot(x, y, color="C0", linewidth=1.6, label="f")
            if derivative:
                ax.plot(x, dy, color="C1", linewidth=1.2, linestyle="--", label=f"f{_PRIME}")
            _zero_lines(ax, 0.5)
            ax.grid(True, alpha=0.3)
            ax.set_xlim(lo, hi)
            ax.set_title(curve.label, fontsize="medium")
            formula = spec.formula if len(spec.formula) <= 48 else spec.formula[:46] + "…"
            ax.text(0.02, 0.97, formula, transform=ax.transAxes, fontsize="x-small",
                    va="top", ha="left", color="0.25")
        for ax in list(grid.flat)[len(specs):]:
            ax.set_visible(False)
        if derivative:
            grid.flat[0].legend(fontsize="x-small", loc="lower right")
        fig.suptitle(f"{family}: {_registry.FAMILIES[family]}"
                     + (f"  (f solid, f{_PRIME} dashed)" if derivative else ""))
        path = os.path.join(out_dir, f"{family}.{fmt}")
        fig.savefig(path, format=fmt)
        paths[family] = path
    with open(os.path.join(out_dir, "index.md"), "w", encoding="utf-8") as handle:
        handle.write("# Activation gallery\n\n")
        for family, path in paths.items():
            handle.write(f"## {family}\n\n{_registry.FAMILIES[family]}\n\n"
                         f"![{family}]({os.path.basename(path)})\n\n")
    return paths
