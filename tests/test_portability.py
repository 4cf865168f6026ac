"""Portability of saved models beyond the golden files: the environment they are loaded in.

The golden files (tests/test_golden.py) prove that models move between backends
and versions. Here: what a user sees when the package is missing where a model
is loaded, which docs/compatibility.md quotes verbatim (so the quotes must match
what the installed Keras prints), and that a model saved with the fast paths on
predicts the same with them off (``KERAS_ACTIVATIONS_PORTABLE=1``), so the
switch never changes a saved model's meaning.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest

import keras_activations as ka
from keras_activations import _registry
from tests.conftest import BACKEND, to_numpy

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "compatibility.md"


def _quoted_blocks() -> list[str]:
    """The error messages docs/compatibility.md quotes in ``` blocks."""
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(.*?)\n```", text, flags=re.S)
    return [b.strip() for b in blocks if b.startswith(("TypeError:", "ValueError:"))]


def test_troubleshooting_quotes_what_keras_prints_without_the_import(tmp_path):
    """Save models that use a function and a layer, load them in a process that never imports
    keras_activations, and check that the docs quote Keras's messages verbatim: the first line
    (what the user sees first) and the innermost cause (what names our object)."""
    keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="snake")]).save(tmp_path / "f.keras")
    keras.Sequential([keras.Input((2,)), keras.layers.Dense(2), ka.layers.PReLU()]).save(tmp_path / "l.keras")
    script = (
        "import sys, keras\n"
        "for path in sys.argv[1:3]:\n"
        "    try:\n"
        "        keras.models.load_model(path)\n"
        "    except Exception as error:\n"
        "        text = type(error).__name__ + ': ' + str(error)\n"
        "        print(text.splitlines()[0])\n"
        "        inner = text.split('Exception encountered: ')[-1]\n"
        "        if 'function' in inner.split('.')[0]:\n"
        "            print(inner)  # the function's full object config is short: quoted whole\n"
        "        else:\n"
        "            print(inner.split(' Full object config')[0])\n"
        "try:\n"
        "    keras.layers.Dense(2, activation='snake')\n"
        "except Exception as error:\n"
        "    print(type(error).__name__ + ': ' + str(error))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["KERAS_BACKEND"] = BACKEND
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "f.keras"), str(tmp_path / "l.keras")],
                          env=env, capture_output=True, text=True, timeout=300, cwd=str(tmp_path))
    printed = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    assert len(printed) == 5, f"expected five message lines without the import, got:\n{done.stdout}\n{done.stderr}"
    assert "keras_activations>snake" in printed[1] and "PReLU" in printed[3], printed
    quoted = "\n".join(_quoted_blocks())
    missing = [line for line in printed if line not in quoted]
    assert not missing, (
        f"docs/compatibility.md does not quote what Keras {keras.__version__} prints: {missing}"
    )


def test_fast_paths_do_not_change_a_saved_model(tmp_path):
    """A model saved with this backend's fast paths on predicts the same after loading with them off."""
    names = [n for n, paths in _registry._FAST_PATHS.items() if BACKEND in paths]  # noqa: SLF001
    if not names:
        pytest.skip(f"no fast paths registered for {BACKEND}")
    portable_first = False
    inp = keras.Input((4,))
    outs = [keras.layers.Dense(4, activation=_registry.spec_of(n).function,
                               kernel_initializer=keras.initializers.GlorotUniform(seed=i))(inp)
            for i, n in enumerate(names)]
    x = np.random.default_rng(0).uniform(-3, 3, (16, 4)).astype(np.float32)
    before = ka.fast_paths_enabled()
    try:
        ka.set_fast_paths(not portable_first)
        model = keras.Model(inp, outs)
        saved = [to_numpy(y) for y in model.predict(x, verbose=0)]
        model.save(tmp_path / "m.keras")
        ka.set_fast_paths(portable_first)
        loaded = keras.models.load_model(tmp_path / "m.keras")
        again = [to_numpy(y) for y in loaded.predict(x, verbose=0)]
    finally:
        ka.set_fast_paths(before)
    differ = [n for n, a, b in zip(names, saved, again) if not np.allclose(a, b, rtol=1e-5, atol=1e-6)]
    assert not differ, f"fast paths {'off→on' if portable_first else 'on→off'} change the predictions of {differ}"
