"""The ``keras-activations`` command line.

Commands::

    keras-activations list [--family F] [--property P] [--kind K] [--names-only]
    keras-activations info NAME...
    keras-activations plot NAME... [--derivative] [--range A B] [--out FILE]
    keras-activations gallery [--out DIR] [--family F] [--format png|svg]
    keras-activations compare [--activations A,B,...] [--dataset D] [--model mlp|cnn]
                              [--epochs N] [--seeds N] [--out DIR]
    keras-activations bench ...        (the benchmark: keras_activations.benchmark)

The Keras backend is the one ``KERAS_BACKEND`` selects (set it before running).
Unknown names and bad options print a message on stderr and exit with status 2;
other failures (a file that cannot be written) exit with status 1.

Example:
>>> from keras_activations.cli import main
>>> main(["info", "snake"])        # doctest: +SKIP
0
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import textwrap

PROG = "keras-activations"

EPILOG = textwrap.dedent(
    """\
    examples:
      keras-activations list --family gated_unit --property monotonic
      keras-activations info serf
      keras-activations plot relu gelu serf --derivative --range -4 4 --out act.png
      keras-activations plot snake:frequency=2 --out snake.svg
      keras-activations gallery --out gallery/
      keras-activations compare --activations relu,gelu,serf --epochs 10 --seeds 2 --out out/compare
      KERAS_BACKEND=jax keras-activations bench --names mish,serf

    The backend is chosen with the KERAS_BACKEND environment variable (tensorflow, jax, torch).
    """
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors name the command and suggest ``--help``."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n(run `{self.prog} --help` for the options)\n")


def _parse_value(text: str):
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def parse_entry(text: str):
    """``"snake:frequency=2"`` → ``("snake", {"frequency": 2.0})``; ``"relu"`` → ``"relu"``.

    Example:
    >>> parse_entry("snake:frequency=2")
    ('snake', {'frequency': 2.0})
    """
    if ":" not in text:
        return text
    name, _, rest = text.partition(":")
    params = {}
    for item in filter(None, (p.strip() for p in rest.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(
                f"Bad parameter {item!r} in {text!r}: expected NAME:param=value[,param=value], "
                f"e.g. snake:frequency=2."
            )
        value = _parse_value(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        params[key.strip()] = value
    return (name, params) if params else name


def _split_commas(values) -> list[str]:
    out = []
    for value in values or ():
        out += [v.strip() for v in value.split(",") if v.strip()]
    return out


def _range(values) -> tuple[float, float]:
    return (values[0], values[1])


# --------------------------------------------------------------------------- commands


def _cmd_list(args) -> int:
    from keras_activations import _registry, catalogue

    names = catalogue.list_activations(
        family=_split_commas(args.family) or None,
        properties=_split_commas(args.property) or None,
        kind=args.kind,
    )
    if args.names_only:
        for name in names:
            print(name)
        return 0
    if not names:
        print("No activation matches these filters.", file=sys.stderr)
        return 0
    rows = [("NAME", "FAMILY", "FORMULA", "ALIASES")]
    for name in names:
        spec = _registry.spec_of(name)
        rows.append((spec.name, spec.family, spec.formula, ", ".join(spec.aliases) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths)) + "  " + row[3])
    print(f"\n{len(names)} activation{'s' if len(names) != 1 else ''}"
          f" (`{PROG} info NAME` for details)")
    return 0


def _cmd_info(args) -> int:
    from keras_activations import catalogue

    texts = [catalogue.describe_text(name) for name in args.names]  # all names checked first
    print("\n\n".join(texts))
    return 0


def _default_plot_name(entries) -> str:
    names = [e[0] if isinstance(e, tuple) else e for e in entries]
    stem = "_".join(names[:4]) + ("_etc" if len(names) > 4 else "")
    stem = "".join(c if c.isalnum() or c in "_-" else "_" for c in stem)
    return f"{stem or 'activations'}.png"


def _cmd_plot(args) -> int:
    from keras_activations import plotting

    entries = [parse_entry(n) for n in args.names]
    out = args.out or _default_plot_name(entries)
    plotting.plot(entries, derivative=args.derivative, x_range=_range(args.range), num=args.points,
                  layout=args.layout, title=args.title, out=out)
    print(f"wrote {out}")
    return 0


def _cmd_gallery(args) -> int:
    from keras_activations import plotting

    paths = plotting.plot_gallery(
        args.out, families=_split_commas(args.family) or None, derivative=not args.no_derivative,
        x_range=_range(args.range), format=args.format,
    )
    for family, path in paths.items():
        print(f"{family:12s} {path}")
    print(f"wrote {len(paths)} figure{'s' if len(paths) != 1 else ''} and "
          f"{os.path.join(args.out, 'index.md')}")
    return 0


def _cmd_compare(args) -> int:
    from keras_activations import arena

    result = arena.compare(
        _split_commas(args.activations) or None,
        dataset=args.dataset,
        model=args.model,
        epochs=args.epochs,
        seeds=args.seeds,
        out=args.out,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        progress=not args.quiet,
    )
    print(result.to_text())
    print()
    for key in ("markdown", "json", "curves", "models"):
        print(f"wrote {result.paths[key]}")
    print(f"total {result.total_seconds:.1f} s")
    bad = [r["activation"] for r in result.rows if not r["reload_identical"]]
    if bad:
        print(f"{PROG}: error: reloaded models gave different predictions for {', '.join(bad)}",
              file=sys.stderr)
        return 1
    return 0


def _cmd_bench(argv) -> int:
    try:
        benchmark = importlib.import_module("keras_activations.benchmark")
    except ModuleNotFoundError as error:
        if error.name != "keras_activations.benchmark":
            raise
        print(
            f"{PROG}: error: the benchmark is not available in this installation "
            f"(keras_activations.benchmark is missing). Update keras-activations, or run the "
            f"scripts in benchmarks/ from a source checkout.",
            file=sys.stderr,
        )
        return 1
    status = benchmark.main(list(argv))
    return int(status or 0)


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``keras-activations`` (for documentation and tests).

    Example:
    >>> from keras_activations.cli import build_parser
    >>> build_parser().parse_args(["plot", "gelu", "--derivative"]).derivative
    True
    """
    from keras_activations import FAMILIES, __version__
    from keras_activations import _registry
    from keras_activations.arena import (DATASETS, DEFAULT_ACTIVATIONS, DEFAULT_BATCH_SIZE,
                                         DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_OUT,
                                         DEFAULT_SEEDS, MODELS)
    from keras_activations.plotting import DEFAULT_POINTS, FORMATS, LAYOUTS

    parser = _Parser(
        prog=PROG,
        description="A verified catalogue of activation functions for Keras 3: list, describe, "
                    "plot and compare them.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("list", help="list the activations (filter by family, property, kind)",
                       description="List the catalogue's activations (canonical names; aliases "
                                   "in the last column).")
    p.add_argument("--family", action="append", metavar="FAMILY",
                   help=f"only this family (repeat or comma-separate): {', '.join(FAMILIES)}")
    p.add_argument("--property", action="append", metavar="PROPERTY",
                   help="only activations with this property (repeat for several, all must hold): "
                        f"{', '.join(_registry.PROPERTIES)}, bounded, bounded_above, "
                        "bounded_below, learnable, featured")
    p.add_argument("--kind", choices=_registry.KINDS, help="only this kind")
    p.add_argument("--names-only", action="store_true", help="print the names only, one per line")
    p.set_defaults(handler=_cmd_list)

    p = sub.add_parser("info", help="formula, parameters, properties, references, aliases, usage",
                       description="Describe activations: formula, parameters and their ranges, "
                                   "properties, references, aliases and code for both Keras styles.")
    p.add_argument("names", nargs="+", metavar="NAME", help="activation name or alias")
    p.set_defaults(handler=_cmd_info)

    p = sub.add_parser("plot", help="plot activations (and derivatives) to a PNG or SVG file",
                       description="Plot activations on one axis; with --derivative also their "
                                   "derivatives, computed by automatic differentiation.")
    p.add_argument("names", nargs="+", metavar="NAME",
                   help="activation name, or NAME:param=value[,param=value] (e.g. snake:frequency=2)")
    p.add_argument("--derivative", action="store_true", help="also plot the derivatives")
    p.add_argument("--range", nargs=2, type=float, default=(-5.0, 5.0), metavar=("A", "B"),
                   help="x range (default: -5 5)")
    p.add_argument("--out", metavar="FILE",
                   help=f"output file ({', '.join('.' + f for f in FORMATS)}); "
                        "default NAME[_NAME...].png in the current folder")
    p.add_argument("--layout", choices=LAYOUTS, default="panels",
                   help="with --derivative: side-by-side panels (default) or one overlaid axis")
    p.add_argument("--points", type=int, default=DEFAULT_POINTS,
                   help=f"points per curve (default {DEFAULT_POINTS})")
    p.add_argument("--title", help="figure title")
    p.set_defaults(handler=_cmd_plot)

    p = sub.add_parser("gallery", help="one figure per family, every activation with its derivative",
                       description="Write one figure per family (a panel per activation, f and f').")
    p.add_argument("--out", default="gallery", metavar="DIR", help="output folder (default: gallery)")
    p.add_argument("--family", action="append", metavar="FAMILY",
                   help="only these families (repeat or comma-separate)")
    p.add_argument("--format", choices=FORMATS, default="png", help="file format (default png)")
    p.add_argument("--range", nargs=2, type=float, default=(-5.0, 5.0), metavar=("A", "B"),
                   help="x range (default: -5 5)")
    p.add_argument("--no-derivative", action="store_true", help="plot the functions only")
    p.set_defaults(handler=_cmd_gallery)

    p = sub.add_parser(
        "compare", help="train the same network with each activation on real data, rank them",
        description="Train the same network with each activation (and several seeds) on a real "
                    "data set; print a ranked table; write results.md, results.json, "
                    "learning_curves.png and every trained model (each reloaded and checked).",
    )
    p.add_argument("--activations", action="append", metavar="A,B,...",
                   help="comma-separated names (default: " + ",".join(DEFAULT_ACTIVATIONS) + "); "
                        "bare Keras names mean Keras's own functions, keras_activations>NAME ours")
    p.add_argument("--dataset", default="digits", metavar="DATASET",
                   help=f"{', '.join(DATASETS)} (scikit-learn's bundled copies), or a .npz/.csv "
                        "file with features and labels (default: digits)")
    p.add_argument("--model", choices=MODELS, default="mlp", help="mlp (default) or cnn (image data)")
    p.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS,
                   help=f"epochs per run (default {DEFAULT_EPOCHS})")
    p.add_argument("--seeds", type=int, default=DEFAULT_SEEDS,
                   help=f"seeds per activation: 0..N-1 (default {DEFAULT_SEEDS})")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                   help=f"output folder (default {DEFAULT_OUT})")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                   help=f"mini-batch size (default {DEFAULT_BATCH_SIZE})")
    p.add_argument("--learning-rate", type=float, default=DEFAULT_LEARNING_RATE,
                   help=f"Adam learning rate (default {DEFAULT_LEARNING_RATE:g})")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(handler=_cmd_compare)

    sub.add_parser("bench", add_help=False,
                   help="benchmark the activations (options: keras-activations bench --help)")
    return parser


def main(argv=None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    0 on success, 2 for unknown names and bad options, 1 for other failures;
    errors are one line on stderr, never a traceback (``KERAS_ACTIVATIONS_DEBUG=1``
    shows it).

    Example:
    >>> from keras_activations.cli import main
    >>> main(["list", "--family", "periodic", "--names-only"])   # doctest: +ELLIPSIS
    snake
    ...
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "bench":
            return _cmd_bench(argv[1:])
        parser = build_parser()
        args = parser.parse_args(argv)
        return args.handler(args)
    except SystemExit as exit_:  # argparse: --help, --version and usage errors
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except ValueError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`keras-activations list | head`): stop quietly
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except OSError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # never a bare traceback; ask for it explicitly
        if os.environ.get("KERAS_ACTIVATIONS_DEBUG") == "1":
            raise
        print(
            f"{PROG}: unexpected error: {type(error).__name__}: {error}\n"
            f"Run again with KERAS_ACTIVATIONS_DEBUG=1 for the full traceback, and please report it.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # python -m keras_activations.cli
    sys.exit(main())
