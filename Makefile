# The two commands of the README: `make demo` and `make test`.
# Both install what they need (Debian packages, a local virtualenv) on first use.
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test install clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/oit demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q

clean:
	rm -rf $(VENV) var
