# The two commands of the README's quick start, and a few helpers. Everything runs in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check serve lint clean

site: $(VENV)/.installed  ## build the bundled course into site/
	$(BIN)/coursesite build

test: $(VENV)/.installed  ## run the whole test suite
	$(BIN)/ruff check coursesite tests scripts
	$(BIN)/pytest

check: $(VENV)/.installed
	$(BIN)/coursesite check

serve: $(VENV)/.installed
	$(BIN)/coursesite serve

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

clean:
	rm -rf site site-offline.zip docs/courses .coursesite-cache
