"""Shared helpers: the active backend, conversion to numpy, and autodiff gradients.

Each test process runs one backend (``KERAS_BACKEND``); the Makefile runs the
suite once per backend.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# float64 is one of the dtypes under test; JAX has it only with x64 enabled.
os.environ.setdefault("JAX_ENABLE_X64", "1")
# JAX compiles every operation it runs eagerly, and the test workers and the subprocesses some tests
# start (examples, notebooks, fresh-process reloads) compile many of the same ones: they share JAX's
# persistent compilation cache (keyed by the computation, the compile options and the jax version;
# set in the environment, so the subprocesses inherit it).
os.environ.setdefault("JAX_COMPILATION_CACHE_DIR", os.path.join(os.path.dirname(__file__), ".jaxcache"))
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES", "0")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

BACKEND = keras.backend.backend()


def to_numpy(tensor) -> np.ndarray:
    """A backend tensor as a numpy array (bfloat16 becomes float32)."""
    value = keras.ops.convert_to_numpy(tensor)
    if value.dtype.name == "bfloat16":
        value = value.astype(np.float32)
    return np.asarray(value)


def value_and_grad(fn, x_array, dtype="float32"):
    """``fn(x)`` and the gradient of ``sum(fn(x))`` with respect to ``x``, as numpy arrays."""
    x_array = np.asarray(x_array)
    if BACKEND == "tensorflow":
        import tensorflow as tf

        x = tf.constant(x_array, dtype=dtype)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(x)
        g = tape.gradient(y, x)
        if g is None:  # no path from x to y (a stopped gradient): the gradient is zero
            return to_numpy(y), np.zeros(x_array.shape, dtype=to_numpy(y).dtype)
        return to_numpy(y), to_numpy(g)
    if BACKEND == "jax":
        import jax
        import jax.numpy as jnp

        x = jnp.asarray(x_array, dtype=dtype)
        y, vjp = jax.vjp(fn, x)
        (g,) = vjp(jnp.ones_like(y))
        return to_numpy(y), to_numpy(g)
    if BACKEND == "torch":
        import torch

        x = torch.tensor(x_array, dtype=getattr(torch, dtype), requires_grad=True)
        y = fn(x)
        if not y.requires_grad:  # e.g. a step function whose gradient is stopped: it is zero
            return to_numpy(y.detach()), np.zeros_like(x_array, dtype=to_numpy(y.detach()).dtype)
        y.backward(torch.ones_like(y))
        return to_numpy(y.detach()), to_numpy(x.grad)
    raise RuntimeError(f"unsupported backend {BACKEND}")


@pytest.fixture
def backend():
    return BACKEND


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """Under ``--dist loadgroup`` (the Makefile's), stop at once if xdist_group marks are being ignored.

    The suite relies on them: every test of one activation runs on one worker, so its mpmath references
    are computed once, and the export tests share one conversion. pytest-xdist groups a test by
    suffixing its node id with ``@group``; with pytest 9.2 that suffix no longer takes, and the tests
    would still pass, only slower (pytest-dev/pytest-xdist#1386). test_catalogue's value tests always
    carry a group, so they are the probe.
    """
    if node.config.getoption("dist") != "loadgroup":
        return
    ignored = [i for i in ids if "test_catalogue.py::test_values[" in i and "@" not in i]
    if ignored:
        raise pytest.UsageError(
            f"--dist loadgroup ignores the xdist_group marks (e.g. of {ignored[0]}): this pytest "
            f"({pytest.__version__}) and pytest-xdist do not work together, and tests meant to share a worker "
            f"would each redo their setup. Install the versions the test extra pins (pip install -e '.[test]'), "
            f"or run without --dist loadgroup."
        )
