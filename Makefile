# Q-SER Bridge: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench js clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): setup.cfg pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# JavaScript used by the browser tests (the SCORM LMS-side API); never a browser download.
js: tests/js/node_modules/.stamp
tests/js/node_modules/.stamp: tests/js/package.json tests/js/package-lock.json
	npm ci --prefix tests/js --no-audit --no-fund
	touch $@

run: $(STAMP)
	$(VENV)/bin/qser db upgrade
	$(VENV)/bin/qser demo --if-empty > /dev/null
	$(VENV)/bin/qser run --host $(HOST) --port $(PORT)

test: $(STAMP) js
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean-venv:
	rm -rf $(VENV)
