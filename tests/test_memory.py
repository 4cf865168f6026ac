"""Backward keeps at most one input-sized tensor per elementwise activation with a fast path.

Exact, not a timing: on JAX, the residuals that ``jax.vjp`` of the jitted
function holds (what a jitted training step saves between forward and
backward); on PyTorch, every tensor autograd saves, seen through
``torch.autograd.graph.saved_tensors_hooks`` (counted once per storage).
TensorFlow has no public way to list what its tape keeps: the module is skipped
there (its fast path keeps ``x`` by construction: a ``tf.custom_gradient``
whose gradient closure captures only the input).

Each check is shown able to fail: the portable definition of mish keeps
several tensors, and the same counting reports them.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

from keras_activations import _registry
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(
    BACKEND not in ("jax", "torch"),
    reason="TensorFlow has no public API listing what autodiff keeps for backward",
)

PROBE = np.random.default_rng(0).normal(scale=3.0, size=(64, 64)).astype(np.float32)
FAST = [
    s for s in _registry.all_specs()
    if s.kind == "elementwise" and BACKEND in _registry._FAST_PATHS.get(s.name, {})
] if BACKEND in ("jax", "torch") else []


@contextlib.contextmanager
def _portable():
    previous = _registry.fast_paths_enabled()
    _registry.set_fast_paths(False)
    try:
        yield
    finally:
        _registry.set_fast_paths(previous)


def _saved(fn):
    """(number of input-sized tensors kept for backward, their dtypes)."""
    n = PROBE.size
    if BACKEND == "jax":
        import jax

        # a fresh function each time: jit caches traces per function, and the fast-path
        # switch is Python state that a cached trace would not see
        _, pull = jax.vjp(jax.jit(lambda v: fn(v)), jax.numpy.asarray(PROBE))
        seen, kept = set(), []
        for leaf in jax.tree_util.tree_leaves(pull):
            if hasattr(leaf, "shape") and id(leaf) not in seen and leaf.size == n:
                seen.add(id(leaf))
                kept.append(str(leaf.dtype))
        return len(kept), kept
    import torch

    x = torch.tensor(PROBE, requires_grad=True)
    packed = []
    with torch.autograd.graph.saved_tensors_hooks(lambda t: packed.append(t) or t, lambda t: t):
        fn(x)
    seen, kept = set(), []
    for t in packed:
        key = (t.untyped_storage().data_ptr(), t.storage_offset(), t.numel())
        if key not in seen and t.numel() == n:
            seen.add(key)
            kept.append(str(t.dtype))
    return len(kept), kept


@pytest.mark.parametrize("name", [pytest.param(s.name, id=s.name) for s in FAST])
def test_fast_path_keeps_one_tensor(name):
    spec = _registry.spec_of(name)
    count, dtypes = _saved(spec.function)
    assert count <= 1, f"{name}: backward keeps {count} input-sized tensors ({dtypes}); the fast path promises one"


def test_the_count_sees_what_autodiff_keeps():
    """The portable mish keeps several tensors (its intermediates): the count must say so."""
    spec = _registry.spec_of("mish")
    with _portable():
        count, dtypes = _saved(spec.function)
    assert count >= 2, f"portable mish keeps {count} tensors ({dtypes}): the counting is blind"
    fast_count, _ = _saved(spec.function)
    assert fast_count == 1


def test_heavy_hitters_have_lean_fast_paths():
    names = {s.name for s in FAST}
    for heavy in ("mish", "silu", "gelu", "serf", "snake", "squareplus"):
        assert heavy in names, f"{heavy} has no {BACKEND} fast path"
