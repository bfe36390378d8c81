# The two commands of the README: `make demo` and `make test` (the code checks of `make lint`, then the tests).
# All install what they need (Debian packages, a local virtualenv) on first use.
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/oit demo

test: lint
	$(VENV)/bin/python -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) var
