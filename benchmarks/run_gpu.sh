#!/usr/bin/env bash
# The GPU run committed in benchmarks/results-gpu/: JAX and PyTorch on the GPU (TensorFlow with
# CUDA was not installable on the machine lent to us: see benchmarks/README.md).
#
# Usage, from the repository root of a machine with CUDA builds of JAX and PyTorch:
#     bash benchmarks/run_gpu.sh [OUT] [EXTRA OPTIONS...]   # default OUT: benchmarks/results-gpu
#     BACKENDS=jax bash benchmarks/run_gpu.sh benchmarks/results-gpu --update
# BACKENDS (default torch,jax) picks the backends; extra options go to run_benchmark.py, so one
# backend can be measured in a later session and merged into the committed table with --update.
# Keras itself may be missing there (the lent machine could not reach PyPI): wheels of keras,
# namex and optree in .whl/ are then installed into /tmp/site first.
set -euo pipefail
out="${1:-benchmarks/results-gpu}"
shift $(( $# > 0 ? 1 : 0 ))
if ! python3 -c "import keras" 2>/dev/null; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
    export PYTHONPATH="/tmp/site${PYTHONPATH:+:$PYTHONPATH}"
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
# 2^26 float32 elements (256 MiB per tensor: at 2^22 a pass takes ~10 us on an H100 and launch overhead dominates), 5 runs
# each; torch.compile for relu and mish (each compilation takes seconds).
python3 benchmarks/run_benchmark.py --backends "${BACKENDS:-torch,jax}" --device gpu --size 67108864 --repeats 5 \
    --compiled relu,mish --out "$out" "$@"
