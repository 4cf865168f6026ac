"""Regenerate docs/deployability.md: which activations export to TFLite and ONNX.

Usage (from the repository root; needs tensorflow, onnx, onnxruntime, tf2onnx)::

    KERAS_BACKEND=tensorflow .venv/bin/python scripts/make_deployability.py

It exports every registered elementwise activation (one model, one branch each)
to a SavedModel, TFLite (built-in operators only) and ONNX, runs them, and
writes the table built by ``keras_activations._export.deployability_markdown``.
``tests/test_export.py`` recomputes the table and fails when this file is out
of date. ``--check`` only compares (exit status 1 when out of date).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "deployability.md"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    if os.environ.get("KERAS_BACKEND", "tensorflow") != "tensorflow":
        print("make_deployability.py needs KERAS_BACKEND=tensorflow (TFLite and tf2onnx convert "
              "TensorFlow graphs).", file=sys.stderr)
        return 2
    os.environ["KERAS_BACKEND"] = "tensorflow"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.path.insert(0, str(ROOT))

    from keras_activations import _export

    report = _export.measure_deployability()
    text = _export.deployability_markdown(report)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/make_deployability.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(report.plain)} activations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
