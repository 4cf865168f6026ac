"""Every public function and class documents itself with an example, and the examples run.

The examples are executed as doctests on every backend: an example whose
printed output no longer matches the code fails here.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import io

import pytest

PUBLIC_MODULES = (
    "keras_activations",
    "keras_activations.layers",
    "keras_activations.catalogue",
    "keras_activations.arena",
    "keras_activations.plotting",
    "keras_activations.cli",
    "keras_activations.benchmark",
)
# Every module of the package whose docstrings hold examples (the activation modules hold most).
DOCTEST_MODULES = PUBLIC_MODULES[1:] + (
    "keras_activations._api",
    "keras_activations._registry",
    "keras_activations._numerics",
    "keras_activations.activations.classic",
    "keras_activations.activations.rectifiers",
    "keras_activations.activations.exponential",
    "keras_activations.activations.sigmoidal",
    "keras_activations.activations.softplus_family",
    "keras_activations.activations.gated_units",
    "keras_activations.activations.periodic",
    "keras_activations.activations.shrinkage",
    "keras_activations.activations.other",
    "keras_activations.activations.normalizing",
    "keras_activations.activations.gated",
    "keras_activations.activations.adaptive",
    "keras_activations.activations.legacy",
    "keras_activations.layers._base",
    "keras_activations.layers._learnable_base",
    "keras_activations.layers.learnable",
    "keras_activations.layers.stochastic",
    "keras_activations.layers.gated",
    "keras_activations.layers.normalizing",
    "keras_activations.layers.shape",
)
# Keras's own layer API, documented by Keras.
KERAS_OVERRIDES = {"build", "call", "compute_output_shape", "compute_mask", "get_config", "from_config"}


def _public_objects():
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and \
                    obj.__module__.split(".")[0] == "keras_activations":
                yield f"{module_name}.{name}", obj


def test_every_public_function_and_class_has_a_docstring_with_an_example():
    missing = []
    for qualified, obj in _public_objects():
        if ">>>" not in (inspect.getdoc(obj) or ""):
            missing.append(qualified)
        if inspect.isclass(obj):
            for name, member in vars(obj).items():
                if inspect.isfunction(member) and not name.startswith("_") and name not in KERAS_OVERRIDES \
                        and not inspect.getdoc(member):
                    missing.append(f"{qualified}.{name} (no docstring)")
    assert not missing, f"public objects without a docstring example: {sorted(set(missing))}"


@pytest.mark.parametrize("module_name", DOCTEST_MODULES)
def test_docstring_examples_run(module_name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report = io.StringIO()
    examples = 0
    # The module's docstring and every function and class defined in it (registered activations
    # are wrappers built in _registry, so doctest's own module check would miss them: their
    # __module__, copied from the math function, says where they are defined).
    objects = [(module_name, module)] + [
        (f"{module_name}.{name}", obj) for name, obj in vars(module).items()
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and getattr(obj, "__module__", None) == module_name
    ]
    for qualified, obj in objects:
        for test in finder.find(obj, qualified, module=module, globs=dict(vars(module))):
            if obj is module and test.name != module_name:
                continue  # the module object: only its own docstring (members come next)
            examples += len(test.examples)
            runner.run(test, out=report.write)
    result = runner.summarize(verbose=False)
    assert examples > 0, f"{module_name} has no docstring examples"
    assert result.failed == 0, f"{result.failed} failing example(s) in {module_name}:\n{report.getvalue()}"
