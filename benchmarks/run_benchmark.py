"""Run the full benchmark and write its results under benchmarks/results/.

Usage (from the repository root, with the test/tools extras installed)::

    python benchmarks/run_benchmark.py                 # the committed run: every activation, 3 backends
    python benchmarks/run_benchmark.py --quick --names mish,gelu   # a quick look (2^20 elements)

Extra arguments are those of ``keras-activations bench`` (see ``--help``). This script's
defaults are those of the committed run, chosen so that the whole catalogue on three
backends fits in about 15 minutes on the 2-core development machine: ``--size 4194304``
(2^22 float32 elements, 16 MiB per tensor, so forward+backward moves 64 MiB, twice the
32 MiB L3 cache; the command's own default stays 2^24), ``--repeats 5`` and
``--out benchmarks/results``. Each backend runs in its own subprocess.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("KERAS_BACKEND", "jax")  # only for this parent process (names, reporting)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from keras_activations import benchmark  # noqa: E402

COMMITTED_RUN = {"--size": str(2**22), "--repeats": "5", "--out": str(ROOT / "benchmarks" / "results")}

if __name__ == "__main__":
    argv = sys.argv[1:]
    given = {a.split("=", 1)[0] for a in argv}
    for option, value in COMMITTED_RUN.items():
        if option not in given and not (option != "--out" and "--quick" in given):
            argv += [option, value]
    sys.exit(benchmark.main(argv))
