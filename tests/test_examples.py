"""Every script in examples/ runs on the active backend and prints what it promises.

Each example runs in its own subprocess (a fresh interpreter, as a user would
run it) inside a temporary folder; two run at a time to use both cores. All are
checked in one test, so that pytest-xdist never runs them twice.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import sys

import keras

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(REPO, "examples")
SCRIPTS = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".py"))

# What each example must print (every check is a computed True, not a fixed string).
EXPECTED = {
    "demo.py": [
        f"backend={keras.backend.backend()} test accuracy=",
        "reloaded predictions identical: True",
    ],
    "two_styles.py": [
        "same outputs with the same weights: True",
        "Activation(by name) agrees: True",
        "Activation(registered name) agrees: True",
        "Activation(function object) agrees: True",
        "Activation(configured layer) agrees: True",
        "'gelu' is Keras's gelu: True",
        "'keras_activations>gelu' is ours: True",
    ],
    "save_and_load.py": [
        "Dense      -> keras_activations>serf",
        "Dense      -> keras_activations>smish",
        "Activation -> keras_activations>tanh_exp",
        "Dense      -> keras_activations>Snake",
        "PReLU      -> keras_activations>PReLU",
        "identical predictions after reload: True",
        "identical weights after reload: True",
        "reloaded layer-as-activation: Snake",
    ],
    "learnable_activation.py": [
        "PReLU slopes: 16 (one per channel)",
        "PReLU slopes were learned: True",
        "PAU coefficients were learned: True",
        "learned slopes survive save/load: True",
        "identical predictions after reload: True",
    ],
    "transformer_ffn.py": [
        "gated width (2/3 rule): 64; parameters 6144 vs 6144",
        "reloaded block activation: swiglu",
        "identical predictions after reload: True",
    ],
}
ACCURACY_REPORTED = ("demo.py", "two_styles.py", "learnable_activation.py", "transformer_ffn.py",
                     "save_and_load.py")
FILES = {
    "demo.py": "demo.keras",
    "save_and_load.py": "activations_demo.keras",
    "learnable_activation.py": "learnable_demo.keras",
    "transformer_ffn.py": "transformer_ffn_demo.keras",
}


def _run(script: str, folder: str) -> subprocess.CompletedProcess:
    # two examples run at once: one compute thread each (OpenMP threads spinning on a shared
    # core waste more time than they save)
    env = dict(os.environ, KERAS_BACKEND=keras.backend.backend(), TF_CPP_MIN_LOG_LEVEL="2",
               OMP_NUM_THREADS="1", PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""),
               DEMO_OUT=folder)  # where demo.py saves its model
    os.makedirs(folder, exist_ok=True)
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, script)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=600)


def test_every_example_is_checked():
    assert SCRIPTS == sorted(EXPECTED), "add the new example's expected output to EXPECTED"


def test_examples_run_and_print_their_results(tmp_path):
    # One test for all of them: under pytest-xdist a shared fixture would run once per worker.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {s: pool.submit(_run, s, str(tmp_path / s[:-3])) for s in SCRIPTS}
        runs = {s: f.result() for s, f in futures.items()}
    problems = []
    for script, done in runs.items():
        folder = tmp_path / script[:-3]
        if done.returncode != 0 or "Traceback" in done.stderr:
            problems.append(f"{script} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
            continue
        problems += [f"{script}: missing {line!r} in:\n{done.stdout}"
                     for line in EXPECTED.get(script, []) if line not in done.stdout]
        if script in FILES and not (folder / FILES[script]).is_file():
            problems.append(f"{script}: did not write {FILES[script]}")
        # accuracies the examples report (10 classes: chance is 0.1)
        accuracies = [float(a) for a in
                      re.findall(r"test accuracy(?: after \d+ epochs)?(?::\s*|=)([0-9.]+)", done.stdout)]
        if script in ACCURACY_REPORTED and not accuracies:
            problems.append(f"{script}: no test accuracy printed:\n{done.stdout}")
        problems += [f"{script}: test accuracy {a} is no better than guessing" for a in accuracies
                     if a <= 0.5]
    assert not problems, "\n\n".join(problems)
