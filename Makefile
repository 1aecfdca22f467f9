# Two commands set up a fresh machine (Python 3.11+ and make):
#   make demo   create .venv, install Rasad, run it on the example articles and print what it found
#   make test   create .venv, install Rasad with its test tools, run the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(VENV)/bin/rasad extract examples --quiet -o out/examples.jsonl
	$(VENV)/bin/rasad ingest examples --quiet
	$(VENV)/bin/rasad show out/examples.jsonl

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(VENV)/bin/rasad bench

clean:
	rm -rf $(VENV) out .pytest_cache rasad.db rasad.db-wal rasad.db-shm
