# The two set-up commands of the README:
#   make demo   installs what the demo needs into .venv and runs it
#   make test   installs what the tests need into .venv and runs the suite once per backend
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
BACKENDS ?= tensorflow jax torch
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: demo test venv install-test install-demo clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

install-demo: $(PY)
	$(PIP) install -e ".[tensorflow,tools]"

install-test: $(PY)
	$(PIP) install -e ".[tensorflow,jax,tools,export,test]" "torch==2.13.0" \
	  "onnx==1.23.2" "onnxruntime==1.32.0" "tf2onnx==1.17.0"

demo: install-demo
	KERAS_BACKEND=tensorflow $(VENV)/bin/keras-activations compare --out out/compare

test: install-test
	@set -e; for backend in $(BACKENDS); do \
	  echo "=== KERAS_BACKEND=$$backend ==="; \
	  KERAS_BACKEND=$$backend $(PY) -m pytest $(PYTEST_ARGS) || exit $$?; \
	done

clean:
	rm -rf $(VENV) tests/.refcache tests/.jaxcache out
