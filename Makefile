# The two commands of the README's quick start, and a few helpers. Everything runs in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Tests that do not build a whole site, drive a browser or read ../shared/corpus (markers in pyproject.toml).
UNIT := not e2e and not browser and not corpus

.PHONY: site shards test test-fast check serve lint clean

site: $(VENV)/.installed  ## build the bundled course into site/
	$(BIN)/coursesite build

# A large archive on one machine as on CI's matrix: the shards as parallel processes, then one merge.
SHARDS ?= 4
shards: $(VENV)/.installed  ## build SHARDS (4) shards at once into site-shards/, then merge them into site/
	pids=""; for k in $$(seq 1 $(SHARDS)); do $(BIN)/coursesite build -q --shard $$k/$(SHARDS) & pids="$$pids $$!"; done; \
	status=0; for pid in $$pids; do wait $$pid || status=1; done; exit $$status
	$(BIN)/coursesite merge --site-dir site $$(seq -f "site-shards/%g-of-$(SHARDS)" 1 $(SHARDS))

test: $(VENV)/.installed-dev $(VENV)/.installed-jupyter  ## run the whole test suite
	$(BIN)/ruff check coursesite tests scripts
	$(BIN)/ruff format --check coursesite tests scripts
	$(BIN)/pytest

# On every core: one after another they take 40 s on a quiet 2-core machine, 60 s beside another build.
test-fast: $(VENV)/.installed-dev $(VENV)/.installed-jupyter  ## the unit tests only
	$(BIN)/pytest -m "$(UNIT)" -n auto

check: $(VENV)/.installed
	$(BIN)/coursesite check

serve: $(VENV)/.installed
	$(BIN)/coursesite serve

# What building a site needs, and nothing else.
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

# Test and development tools; axe-core for the accessibility tests (the site itself needs no Node.js).
$(VENV)/.installed-dev: requirements-dev.txt package.json package-lock.json $(VENV)/.installed
	$(PIP) -r requirements.txt -r requirements-dev.txt
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $@

# The alternative notebook renderer: only the tests (and sites that choose it) need it.
$(VENV)/.installed-jupyter: requirements-jupyter.txt $(VENV)/.installed
	$(PIP) -r requirements.txt -r requirements-jupyter.txt
	touch $@

clean:
	rm -rf site site-offline.zip site-shards docs/courses .coursesite-cache
