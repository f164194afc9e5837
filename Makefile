# Thin wrappers over `python -m ikmpolicy ...` and pytest; each target creates or reuses .venv.
# Without make (e.g. Windows with Anaconda), run the commands shown in README.md.

PYTHON ?= $(shell command -v python3.11 || command -v python3 || command -v python)
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
DATA   ?= data/cilegon
OUT    ?= reports
LANG_BRIEF ?= id

.PHONY: brief test lab validate lint benchmark synth clean lock system-tools briefs-force briefs-dask \
        notebooks

# -- environments: reinstall only when pyproject.toml or the lock changes --------------------
$(VENV)/.runtime: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=24"
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.test: $(VENV)/.runtime
	$(PIP) install --quiet -c constraints.txt -e ".[test]"
	@touch $@

# -- the two commands of the README ----------------------------------------------------------
brief: $(VENV)/.runtime
	$(PY) -m ikmpolicy brief --all --data $(DATA) --out $(OUT) --lang $(LANG_BRIEF)

test: $(VENV)/.test system-tools
	$(PY) -m ruff check src tests benchmarks conftest.py
	$(PY) -m ruff format --check src tests benchmarks conftest.py
	$(PY) -m pytest -n auto --dist loadgroup

# The browser and page-picture tests need Chromium, its driver and poppler (pdftoppm): install
# them from Debian's packages where we can (CI runs as root on Debian); elsewhere those tests
# are skipped and say why.
SYSTEM_TOOLS := chromium chromedriver pdftoppm
system-tools:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium chromium-driver poppler-utils (missing:$$missing)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver poppler-utils >/dev/null; \
	  else \
	    echo "note:$$missing not installed; the browser and PDF-picture tests will be skipped"; \
	  fi; \
	fi

# -- the rest --------------------------------------------------------------------------------
lab: $(VENV)/.runtime
	$(PY) -m jupyter lab notebooks/

validate: $(VENV)/.runtime
	$(PY) -m ikmpolicy validate $(DATA)

lint: $(VENV)/.test
	$(PY) -m ruff check src tests benchmarks conftest.py
	$(PY) -m ruff format --check src tests benchmarks conftest.py

benchmark: $(VENV)/.test
	$(PIP) install --quiet -c constraints.txt -e ".[test,bench]"
	for script in benchmarks/bench_*.py; do $(PY) $$script || exit 1; done

synth: $(VENV)/.runtime
	$(PY) -m ikmpolicy synth --out $(DATA)

# Every brief again, even those whose data, parameters and code are unchanged (JOBS in parallel).
JOBS ?=
briefs-force: $(VENV)/.runtime
	$(PY) -m ikmpolicy brief --all --force --data $(DATA) --out $(OUT) --lang $(LANG_BRIEF) \
		$(if $(JOBS),--jobs $(JOBS))

# The briefs on a Dask cluster: make briefs-dask SCHEDULER=tcp://host:8786
briefs-dask: $(VENV)/.runtime
	@test -n "$(SCHEDULER)" || { echo "say where: make briefs-dask SCHEDULER=tcp://host:8786"; exit 2; }
	$(PIP) install --quiet -c constraints.txt -e ".[dask]"
	$(PY) -m ikmpolicy brief --all --scheduler $(SCHEDULER) --data $(DATA) --out $(OUT) \
		--lang $(LANG_BRIEF)

# Run the exploration notebooks as JupyterLab does (kernel in notebooks/) and check figures.
notebooks: $(VENV)/.test
	$(PY) -m pytest -p no:cacheprovider -q tests/test_notebooks.py

clean:
	rm -rf $(VENV) $(OUT)/*/ $(OUT)/index.html .pytest_cache .ruff_cache

# Re-pin every package after a change to pyproject.toml (needs the network to PyPI).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade "pip>=24"
	.venv-lock/bin/pip install --quiet -e ".[test,bench,dask]"
	{ echo "# Pinned versions of every package (direct and transitive) the project was tested with,"; \
	  echo "# for Python 3.11 on Linux. make installs with: pip install -c constraints.txt -e ."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  .venv-lock/bin/pip freeze --exclude-editable | grep -v '^-e '; } > constraints.txt
	rm -rf .venv-lock
