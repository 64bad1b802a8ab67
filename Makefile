# Two entry points for a fresh machine with Python >= 3.11:
#   make run   - set up, then start the app (the electoral map) at http://127.0.0.1:8000
#   make test  - set up, then lint, type-check, rebuild-check the data and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= ../shared/data

.PHONY: run test lint typecheck data data-check bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/electoral serve --host 127.0.0.1 --port 8000

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests scripts benchmarks

typecheck: $(BIN)/.installed
	$(BIN)/mypy

data: $(BIN)/.installed
	$(BIN)/python scripts/build_data.py --raw $(RAW)

data-check: $(BIN)/.installed
	@if [ -d $(RAW) ]; then $(BIN)/python scripts/build_data.py --raw $(RAW) --check --quiet; \
	else echo "data-check: $(RAW) not present; the rebuild test is skipped"; fi

test: lint typecheck data-check
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
