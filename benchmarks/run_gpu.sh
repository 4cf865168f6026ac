#!/usr/bin/env bash
# The GPU run committed in benchmarks/results-gpu/: JAX and PyTorch on the GPU (TensorFlow with
# CUDA was not installable on the machine lent to us: see benchmarks/README.md).
#
# Usage, from the repository root of a machine with CUDA builds of JAX and PyTorch:
#     bash benchmarks/run_gpu.sh [OUT]      # default OUT: benchmarks/results-gpu
# Keras itself may be missing there (the lent machine could not reach PyPI): wheels of keras,
# namex and optree in .whl/ are then installed into /tmp/site first.
set -euo pipefail
out="${1:-benchmarks/results-gpu}"
if ! python3 -c "import keras" 2>/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH="/tmp/site${PYTHONPATH:+:$PYTHONPATH}"
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
# 2^24 float32 elements (the command's default: 64 MiB per tensor, far beyond the L2 cache), 10 runs
# each; torch.compile for relu and mish (each compilation takes seconds).
python3 benchmarks/run_benchmark.py --backends torch,jax --device gpu --size 16777216 --repeats 10 \
    --compiled relu,mish --out "$out"
