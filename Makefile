PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench lint format clean

$(BIN)/mediate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-extras: pyproject.toml $(BIN)/mediate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/mediate
	$(BIN)/mediate load-samples --if-empty sample_cases
	$(BIN)/mediate

test: $(VENV)/.test-extras
	$(BIN)/python -m pytest -n 2

bench: $(VENV)/.test-extras
	$(BIN)/python -m tests.benchmarks.run
	MEDIATE_CRASH_ITERATIONS=1000 $(BIN)/python -m pytest -q -s \
		tests/reliability/test_crash_safety.py

lint: $(VENV)/.test-extras
	$(BIN)/ruff check mediate tests
	$(BIN)/ruff format --check mediate tests
	$(BIN)/mypy mediate/domain mediate/store mediate/services

format: $(VENV)/.test-extras
	$(BIN)/ruff format mediate tests
	$(BIN)/ruff check --fix mediate tests

clean:
	rm -rf $(VENV) build *.egg-info
