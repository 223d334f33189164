# Two entry points: `make run` starts the app, `make test` runs lint, format check and tests.
# `make check` is the fast loop (no browsers, no load tests, tests in parallel).
PYTHON ?= python3
PORT ?= 8501  # `make run PORT=8600` when 8501 is taken
VENV := .venv
PY := $(VENV)/bin/python
# The versions the tests passed with (constraints.txt); `make lock` refreshes them on purpose.
PIP_INSTALL := $(PY) -m pip install --quiet -c constraints.txt

.PHONY: run test check lock bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml constraints.txt | $(PY)
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml constraints.txt | $(PY)
	$(PIP_INSTALL) -e ".[dev]"
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

test: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pyright
	$(PY) -m pytest

check: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@# pyright and the tests share the cores: run side by side, fail if either fails.
	$(PY) -m pyright > .pyright.log 2>&1 & checker=$$!; \
	SOCIAL_WHY_WARM_WORKERS=1 $(PY) -m pytest -q -m "not browser and not slow" -n auto \
		--ignore=tests/reliability --ignore-glob="tests/test_browser_*"; tests=$$?; \
	wait $$checker; typed=$$?; tail -1 .pyright.log; \
	[ $$typed -eq 0 ] || cat .pyright.log; rm -f .pyright.log; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

lock: $(PY)
	$(PY) -m pip install --quiet --upgrade -e ".[dev]"
	( sed -n 1,2p constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -v "^-e" ) \
		> constraints.new && mv constraints.new constraints.txt

bench: $(VENV)/.dev-installed
	for f in benchmarks/*_bench.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
