"""The benchmark end to end on a tiny input: what it measures, reports and refuses.

Timings are not asserted (they are the benchmark's output, not a property of the code); the
structure, the derived bandwidth and the error paths are.
"""

from __future__ import annotations

import json
import math
import shutil

import pytest

from keras_activations import benchmark
from tests.conftest import BACKEND


def _run(tmp_path, *extra):
    out = tmp_path / "bench"
    argv = ["--names", "relu,mish", "--size", "4096", "--repeats", "2", "--backends", BACKEND,
            "--compiled", "none", "--no-chart", "--out", str(out), *extra]
    return benchmark.main(argv), out


# The tests that need a real run (a worker subprocess, ~15 s) share one: on one xdist worker, once.
shares_the_real_run = pytest.mark.xdist_group("benchmark_real_run")


@pytest.fixture(scope="module")
def real_run(tmp_path_factory):
    """One real run on the CPU (relu and mish), read-only: ``copy_of_real_run`` for a copy to edit."""
    status, out = _run(tmp_path_factory.mktemp("real_run"), "--device", "cpu")
    assert status == 0
    return out


@pytest.fixture
def copy_of_real_run(real_run, tmp_path):
    return shutil.copytree(real_run, tmp_path / "bench")


@shares_the_real_run
def test_a_run_writes_consistent_results(real_run):
    out = real_run
    results = json.loads((out / "results.json").read_text())
    backend = results["backends"][BACKEND]
    assert backend["device"].lower().startswith("cpu")
    assert backend["shape"] == [4, 1024] and backend["itemsize"] == 4
    floor = backend["baselines"]["floor"]["default"]
    assert floor["fb"]["ms"] == pytest.approx(floor["fwd"]["ms"] + floor["bwd"]["ms"], abs=1e-3)
    # the bandwidth is the floor's 5 transfers of 4096 float32 over its time
    expected = 5 * 4096 * 4 / (floor["fb"]["ms"] * 1e-3) / 1e9
    assert benchmark.copy_bandwidth(backend) == pytest.approx(expected)
    mish = backend["activations"]["mish"]
    assert mish["ours"]["default"]["fb"]["samples"] >= 1 and mish["relu"]["default"]["fb"]["ms"] > 0
    text = (out / "results.md").read_text()
    assert f"measured copy bandwidth {expected:.0f} GB/s" in text
    row = next(line for line in text.splitlines() if line.startswith("| `mish` |"))
    ratio = benchmark.ratios(backend)["mish"]["floor"]
    assert f"| {100.0 / ratio:.0f}% |" in row
    if BACKEND == "torch":  # the select kernel is timed beside the floor, the kernels counted per activation
        assert backend["baselines"]["where"]["default"]["ms"] > 0
        kernels = mish["kernels"]
        assert set(kernels) == {"forward", "backward", "where", "ops"}
        assert len(kernels["ops"]) == kernels["forward"] + kernels["backward"] >= 2
        # PyTorch's own relu is what Keras's relu runs: the same kernel sequence, recognised as such
        relu = backend["activations"]["relu"]
        assert relu["competitor_kernels"]["native"]["ops"] == relu["kernels"]["ops"]
        assert benchmark._same_kernels(relu, "native")


def test_gpu_requested_where_there_is_none_fails_with_the_reason(tmp_path):
    try:
        if BACKEND == "torch":
            import torch

            has_gpu = torch.cuda.is_available()
        elif BACKEND == "jax":
            import jax

            has_gpu = jax.devices()[0].platform == "gpu"
        else:
            import tensorflow as tf

            has_gpu = bool(tf.config.list_physical_devices("GPU"))
    except ImportError as err:  # pragma: no cover - the backend is installed wherever the suite runs
        pytest.fail(f"backend {BACKEND} not importable: {err}")
    status, out = _run(tmp_path, "--device", "gpu")
    backend = json.loads((out / "results.json").read_text())["backends"][BACKEND]
    if has_gpu:
        assert status == 0 and backend["device"].startswith("GPU")
    else:
        assert status == 1
        assert any("--device gpu:" in line and "use --device cpu" in line for line in backend["stderr_tail"])


def test_copy_bandwidth_without_a_floor_is_none():
    assert benchmark.copy_bandwidth({"shape": [8], "baselines": {}}) is None
    assert benchmark.copy_bandwidth({"shape": [8], "baselines": {"floor": {"default": {"fb": {"ms": 0}}}}}) is None
    assert math.isclose(benchmark.copy_bandwidth(
        {"shape": [8], "itemsize": 2, "baselines": {"floor": {"default": {"fb": {"ms": 1.0}}}}}), 5 * 8 * 2 / 1e-3 / 1e9)


def test_invalid_device_is_refused(capsys):
    with pytest.raises(SystemExit) as info:
        benchmark.main(["--device", "tpu"])
    assert info.value.code == 2
    assert "--device" in capsys.readouterr().err


def _update_argv(out, names):
    return ["--names", names, "--size", "4096", "--repeats", "2", "--backends", BACKEND, "--compiled", "none",
            "--no-chart", "--device", "cpu", "--out", str(out), "--update"]


@shares_the_real_run
def test_update_merges_rows_and_replaces_a_whole_rerun(copy_of_real_run, monkeypatch):
    """--update: some rows re-measured are merged (the others kept, the update listed); re-measuring
    every row of a backend replaces its section (baselines and versions too) and drops the older
    notes of that backend. The re-measuring worker is replaced by edited copies of a real run."""
    import copy

    out = copy_of_real_run
    first = json.loads((out / "results.json").read_text())["backends"][BACKEND]
    fresh = copy.deepcopy(first)
    fresh["activations"]["mish"]["ours"]["default"]["fb"]["ms"] *= 2.0
    fresh["baselines"]["floor"]["default"]["fb"]["ms"] *= 3.0
    asked = []

    def worker(backend, config, progress):
        asked.append(config["names"])
        result = copy.deepcopy(fresh)
        result["activations"] = {n: result["activations"][n] for n in config["names"]}
        return result

    monkeypatch.setattr(benchmark, "_run_worker", worker)
    monkeypatch.setattr(benchmark, "_run_facts", lambda config, progress: {})
    assert benchmark.main(_update_argv(out, "mish")) == 0
    results = json.loads((out / "results.json").read_text())
    merged = results["backends"][BACKEND]
    assert asked == [["mish"]] and set(merged["activations"]) == {"relu", "mish"}
    assert merged["activations"]["relu"] == first["activations"]["relu"]  # kept as it was
    assert merged["activations"]["mish"] == fresh["activations"]["mish"]  # re-measured
    assert merged["baselines"] == first["baselines"]  # the section's own baselines stay
    assert [(u["names"], u["whole"]) for u in results["meta"]["updates"]] == [(["mish"], False)]
    assert f"Rows re-measured on {BACKEND} at" in (out / "results.md").read_text()

    assert benchmark.main(_update_argv(out, "relu,mish")) == 0
    results = json.loads((out / "results.json").read_text())
    assert results["backends"][BACKEND]["baselines"] == fresh["baselines"]
    assert [u["whole"] for u in results["meta"]["updates"]] == [True]
    text = (out / "results.md").read_text()
    assert f"The {BACKEND} section was re-run whole at" in text and "Rows re-measured" not in text


def test_a_borderline_row_is_re_timed_with_every_case_it_is_compared_to(monkeypatch):
    """A row that misses one target narrowly is re-timed with all of its comparison cases in the same
    rounds: a ratio must never divide a re-timed median by one from other rounds (found: elu 1.7×
    Keras's with the same two kernels, after ours was re-timed beside relu alone)."""
    harness_class = {"tensorflow": benchmark._TensorFlow, "jax": benchmark._Jax, "torch": benchmark._Torch}[BACKEND]
    harness = harness_class({"size": 4096, "dtype": "float32", "device": "cpu", "repeats": 2, "warmup": 1,
                             "max_seconds": 2.0, "names": ["elu"], "compiled_names": [], "memory": False})
    timed = []

    def time_cases(cases, modes):
        timed.append(set(cases))
        return {c: {"default": {"fb": {"ms": 7.0, "min_ms": 6.0, "samples": 7}}} for c in cases}

    monkeypatch.setattr(harness, "time_cases", time_cases)
    t = lambda ms: {"default": {"fb": {"ms": ms}}}  # noqa: E731
    row = {"kind": "elementwise", "fast_path": True, "ours": t(10.0), "relu": t(4.5), "keras": t(10.0)}
    if BACKEND == "torch":
        row["native"] = t(10.0)
    result = {"activations": {"elu": row}}
    harness.remeasure(result)  # ×relu 2.2: narrowly above 2.0, ×Keras 1.0: met
    assert timed == [{"ours", "relu", "keras"} | ({"native"} if BACKEND == "torch" else set())]
    assert row["remeasured"] == ["relu"]
    assert all(row[c]["default"]["fb"]["ms"] == 7.0 for c in timed[0])


def test_calls_that_make_no_pass_over_memory_are_not_compared():
    """The identity returns its input: its f+b and Keras's are call overheads (about 0.1 ms against
    relu's 3 ms at 2^22), and their ratio is timing noise, not a cost; a real miss stays a cost."""
    t = lambda ms: {"default": {"fb": {"ms": ms, "min_ms": ms}}}  # noqa: E731
    idle = {"ours": t(0.16), "keras": t(0.075), "relu": t(3.3)}
    assert benchmark._miss_kind("keras", idle) == "noise"
    why = benchmark._why("torch", "linear", idle, benchmark.ratios({"activations": {"linear": idle}})["linear"],
                         ["keras"], None)
    assert "neither ours nor Keras's passes over memory" in why
    working = {"ours": t(1.6), "keras": t(0.75), "relu": t(3.3)}
    assert benchmark._miss_kind("keras", working) == "cost"


@shares_the_real_run
def test_update_into_a_backend_not_yet_there_adds_its_section(copy_of_real_run, monkeypatch):
    """--update with a backend the results lack adds its section and says so (not "re-run whole")."""
    out = copy_of_real_run
    results = json.loads((out / "results.json").read_text())
    section = results["backends"].pop(BACKEND)
    (out / "results.json").write_text(json.dumps(results))
    monkeypatch.setattr(benchmark, "_run_worker", lambda backend, config, progress: json.loads(json.dumps(section)))
    monkeypatch.setattr(benchmark, "_run_facts", lambda config, progress: {})
    assert benchmark.main(_update_argv(out, "mish")) == 0
    results = json.loads((out / "results.json").read_text())
    assert results["backends"][BACKEND]["baselines"] == section["baselines"]
    assert [(u["added"], u["whole"]) for u in results["meta"]["updates"]] == [(True, False)]
    assert f"The {BACKEND} section was added at" in (out / "results.md").read_text()
