"""The notebooks in notebooks/ are stored without outputs and run top to bottom.

Each is executed with nbclient on a kernel that runs THIS interpreter
(``sys.executable``, the project's virtual environment) with the active
``KERAS_BACKEND``: the kernel spec is written into a temporary folder that only
this test's ``JUPYTER_PATH`` sees. Each notebook runs in a temporary working
folder; two run at a time (one driver subprocess each) to use both cores, all
in one test so that pytest-xdist never runs them twice.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import subprocess
import sys

import keras
import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(REPO, "notebooks")
NAMES = sorted(f for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))
KERNEL = "keras-activations-test"
PROBE = "import sys, keras\nprint('KERNEL-PROBE', sys.executable, keras.backend.backend())"

DRIVER = """
import sys, nbformat
from nbclient import NotebookClient
source, target, workdir, kernel, probe = sys.argv[1:6]
nb = nbformat.read(source, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(probe))
client = NotebookClient(nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": workdir}})
try:
    client.execute()
finally:
    nbformat.write(nb, target)
"""


def _kernel_env(root) -> dict:
    spec_dir = root / "jupyter" / "kernels" / KERNEL
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "keras-activations test kernel",
        "language": "python",
        "env": {
            "KERAS_BACKEND": keras.backend.backend(),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": REPO + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "OMP_NUM_THREADS": "1",  # two kernels run at once: one compute thread each
        },
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return dict(
        os.environ,
        JUPYTER_PATH=str(root / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        IPYTHONDIR=str(root / "ipython"),
        KERAS_BACKEND=keras.backend.backend(),
    )


def _execute(name: str, root, env) -> tuple[subprocess.CompletedProcess, object]:
    workdir = root / name[: -len(".ipynb")]
    workdir.mkdir()
    target = root / f"executed_{name}"
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, os.path.join(NOTEBOOKS, name), str(target), str(workdir),
         KERNEL, PROBE],
        env=env, capture_output=True, text=True, timeout=600,
    )
    return done, target


def _outputs(nb, kind="stream"):
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if kind == "stream" and output.output_type == "stream":
                texts.append(output.text)
            elif kind == "image" and "image/png" in output.get("data", {}):
                texts.append(output["data"]["image/png"])
    return texts


def test_the_three_notebooks_exist():
    assert NAMES == ["choosing_an_activation.ipynb", "custom_activations_and_saving.ipynb",
                     "gallery.ipynb"]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    nb = nbformat.read(os.path.join(NOTEBOOKS, name), as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (name, cell.source[:60])


def test_notebooks_run_on_this_environment_and_backend(tmp_path):
    # One test for all of them: under pytest-xdist a shared fixture would run once per worker.
    env = _kernel_env(tmp_path)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {n: pool.submit(_execute, n, tmp_path, env) for n in NAMES}
        executed = {n: f.result() for n, f in futures.items()}
    failed = {n: done.stderr[-4000:] for n, (done, _) in executed.items() if done.returncode != 0}
    assert not failed, "\n\n".join(f"{n} failed:\n{err}" for n, err in failed.items())
    notebooks = {n: nbformat.read(str(target), as_version=4) for n, (_, target) in executed.items()}
    for name, nb in notebooks.items():
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert errors == [], name
        probe = "".join(_outputs(nb)).split("KERNEL-PROBE ")[-1].split()
        assert probe[:2] == [sys.executable, keras.backend.backend()], name

    gallery = notebooks["gallery.ipynb"]
    assert len(_outputs(gallery, "image")) >= 3  # two ka.plot figures and one gallery page
    text = "".join(_outputs(gallery))
    assert "periodic" in text and "formula:" in text

    choosing = notebooks["choosing_an_activation.ipynb"]
    text = "".join(_outputs(choosing))
    assert "reload identical" in text and "best: " in text
    for name in ("relu", "serf"):
        assert f"{name}_seed0.keras" in text
    assert len(_outputs(choosing, "image")) == 1  # the learning curves

    custom = notebooks["custom_activations_and_saving.ipynb"]
    text = "".join(_outputs(custom))
    assert "identical predictions after reload: True" in text
    assert "shift restored: 0.25" in text
    assert "rejected: Snake" in text
    assert "my_project>scaled_serf" in text and "my_project>ShiftedSerf" in text
