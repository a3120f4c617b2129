# Every target sets up .venv first (from nothing on a fresh clone; skipped while pyproject.toml is unchanged).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pyproject.sha256
NB_WORKERS ?= 1

.PHONY: setup test test-slow check-export bench docs docs-test readme clean

setup:
	@if [ ! -x $(BIN)/python ] || [ "$$(cat $(STAMP) 2>/dev/null)" != "$$(sha256sum pyproject.toml | cut -d' ' -f1)" ]; then \
	  echo "setting up $(VENV) (pip install -e '.[dev]')"; \
	  python3 -m venv $(VENV) && \
	  $(BIN)/pip install -q -e ".[dev]" && \
	  sha256sum pyproject.toml | cut -d' ' -f1 > $(STAMP); \
	fi

# The default test run: every notebook (cells marked `#| slow` skipped), then notebooks and package must agree,
# README.md must be in step with nbs/index.ipynb, and the docs glue passes its own tests.
test: setup
	bash tools/run_tests.sh --n-workers $(NB_WORKERS)
	$(MAKE) --no-print-directory check-export
	$(BIN)/python tools/make_readme.py --check
	$(BIN)/python tools/test_docs_tools.py

# The `#| slow` cells too (CI runs this after `make test`).
test-slow: setup
	bash tools/run_tests.sh --n-workers $(NB_WORKERS) --flags slow

check-export: setup
	bash tools/check_export.sh

# Measure what CSP saves: each baseline against its CSP twin and both against timm/torchvision, interleaved in one run
# (about a minute on 2 idle CPU cores); prints the tables and writes CSV + Markdown to bench_out/. Options: BENCH_ARGS="--runs 30 --memory".
BENCH_ARGS ?=
bench: setup
	$(BIN)/cspnet-bench --out bench_out $(BENCH_ARGS)

# The documentation site in _docs/, rendered offline: nbdev's processing, then Sphinx + myst-nb + furo (tools/build_docs.py).
docs: setup
	$(BIN)/python tools/build_docs.py

# The site in a real browser: headless Chromium (from Debian when missing) loads and screenshots every page.
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
