# Every target sets up .venv first (from nothing on a fresh clone; skipped while pyproject.toml is unchanged).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.pyproject.sha256
NB_WORKERS ?= 1

.PHONY: setup test test-slow check-export bench docs docs-test clean

setup:
	@if [ ! -x $(BIN)/python ] || [ "$$(cat $(STAMP) 2>/dev/null)" != "$$(sha256sum pyproject.toml | cut -d' ' -f1)" ]; then \
	  echo "setting up $(VENV) (pip install -e '.[dev]')"; \
	  python3 -m venv $(VENV) && \
	  $(BIN)/pip install -q -e ".[dev]" && \
	  sha256sum pyproject.toml | cut -d' ' -f1 > $(STAMP); \
	fi

# The default test run: every notebook (cells marked `#| slow` skipped), then notebooks and package must agree.
test: setup
	$(BIN)/nbdev-test --n-workers $(NB_WORKERS) --do-print
	$(MAKE) --no-print-directory check-export

# The `#| slow` cells too (CI runs this after `make test`).
test-slow: setup
	$(BIN)/nbdev-test --n-workers $(NB_WORKERS) --flags slow --do-print

check-export: setup
	bash tools/check_export.sh

clean:
	rm -rf _docs _proc
