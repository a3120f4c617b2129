# Every target sets up .venv first (from nothing on a fresh clone; skipped while pyproject.toml is unchanged).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pyproject.sha256
NB_WORKERS ?= 1

.PHONY: setup kernel lab test test-slow check-export check-outputs bench docs docs-test readme clean

# A fresh clone: about 2 minutes and ~6 GB (PyTorch is most of it); one line per stage, then pip's own progress.
setup:
	@set -o pipefail; if [ ! -x $(BIN)/python ] || [ "$$(cat $(STAMP) 2>/dev/null)" != "$$(sha256sum pyproject.toml | cut -d' ' -f1)" ]; then \
	  start=$$(date +%s); \
	  echo "setup 1/3: creating the virtual env $(VENV) ($$(python3 --version))"; \
	  python3 -m venv $(VENV) && \
	  echo "setup 2/3: pip install -e '.[dev]': PyTorch, torchvision, timm, fastai, nbdev, JupyterLab, ... (about 2 minutes and ~6 GB on a fresh machine)" && \
	  $(BIN)/pip install --disable-pip-version-check --progress-bar on -e ".[dev]" | { grep --line-buffered -v '^Requirement already satisfied' || true; } && \
	  echo "setup 3/3: registering the Jupyter kernel 'cspnet_nb' in $(VENV)" && \
	  $(BIN)/python -c "import sys; sys.path.insert(0, 'tools'); import lab; lab.install_kernel()" && \
	  sha256sum pyproject.toml | cut -d' ' -f1 > $(STAMP) && \
	  echo "setup: done in $$(( $$(date +%s) - start )) s"; \
	fi

# The project's Jupyter kernel `cspnet_nb` (the venv's Python), installed into the venv.
kernel: setup
	@$(BIN)/python tools/lab.py --kernel-only

# JupyterLab on nbs/ with the `cspnet_nb` kernel (http://localhost:8888; LAB_ARGS="--port=8890" for another port).
LAB_ARGS ?=
lab: setup
	$(BIN)/python tools/lab.py $(LAB_ARGS)

# The default test run: every notebook (cells marked `#| slow` skipped), then notebooks and package must agree,
# README.md must be in step with nbs/index.ipynb, the docs glue passes its own tests, no committed output shows a machine
# path or a warning, no prose types a measured figure its outputs do not show, and two notebooks run as Jupyter runs them (nbclient, the `cspnet_nb` kernel).
test: setup
	bash tools/run_tests.sh --n-workers $(NB_WORKERS)
	$(MAKE) --no-print-directory check-export
	$(BIN)/python tools/make_readme.py --check
	$(BIN)/python tools/test_docs_tools.py
	$(BIN)/python tools/check_outputs.py
	$(BIN)/python tools/check_prose_numbers.py
	$(BIN)/python tools/test_kernel.py index.ipynb 00_blocks.ipynb

check-outputs: setup
	$(BIN)/python tools/check_outputs.py
	$(BIN)/python tools/check_prose_numbers.py

# The `#| slow` cells too (CI runs this after `make test`); the zoo-wide timm-API matrix is one long cell, hence the 30-minute cell limit.
test-slow: setup
	bash tools/run_tests.sh --n-workers $(NB_WORKERS) --flags slow --cell-timeout 1800

check-export: setup
	bash tools/check_export.sh

# Measure what CSP saves in every runtime: the default pair against its CSP twin and both against timm/torchvision, interleaved
# round by round within each runtime (PyTorch, ONNX Runtime, OpenVINO), each runtime in a process of its own, at batch 1 and 8;
# float32 first, then each runtime's fastest mode here (PyTorch bfloat16 + channels_last + deploy, OpenVINO bfloat16), and the
# fastest mode per model. About 5 minutes on 2 idle CPU cores. Prints the tables and writes CSVs, bench.md, runtimes.png to
# bench_out/<date-time>/ (earlier runs kept). More pairs: BENCH_PAIRS="resnet50/cspresnet50,darknet53/cspdarknet53" (the
# paper's five: BENCH_PAIRS= with --runtime torch); torch.compile is left out (BENCH_ARGS="--compile"; also "--runs 30").
BENCH_PAIRS ?= resnet50/cspresnet50
BENCH_ARGS ?=
bench: setup
	$(BIN)/cspnet-bench --fastest --runtime torch,onnxruntime,openvino --batch 1,8 $(if $(BENCH_PAIRS),--pairs $(BENCH_PAIRS)) --out bench_out $(BENCH_ARGS)

# The documentation site in _docs/, rendered offline: nbdev's processing, then Sphinx + myst-nb + furo (tools/build_docs.py).
docs: setup
	$(BIN)/python tools/build_docs.py

# The site in a real browser: headless Chromium (from Debian when missing) loads and screenshots every page, checks that no
# table or code block is cut off at the right, and starts JupyterLab headless to see the notebooks and the kernel listed.
docs-test: setup docs
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); echo "installing chromium (apt-get)"; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	$(BIN)/python tools/test_docs_tools.py
	$(BIN)/python tools/check_docs.py

# README.md from nbs/index.ipynb (`python tools/make_readme.py --check` fails while they differ).
readme: setup
	$(BIN)/python tools/make_readme.py

clean:
	rm -rf _docs _proc
