# Two commands set everything up on a fresh machine: `make extract` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INPUT ?= samples
OUT ?= out
STAMP := $(VENV)/.installed-stamp

.PHONY: extract test lint bench accuracy clean

# The venv is (re)installed when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# INPUT is one folder or file (spaces and Chinese in its name are fine); ARGS passes options,
# e.g. make extract ARGS="--force --jobs 4".
extract: $(STAMP)
	$(PY) -m notice_tasks extract "$(INPUT)" --out "$(OUT)" $(ARGS)

test: $(STAMP)
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check .

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# How exactly the real-notice corpus (samples/real/) is read, per field, format and notice.
accuracy: $(STAMP)
	$(PY) samples/accuracy.py

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
