# Regards croisés — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app facilitator
PO_FILES := $(wildcard facilitator/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install browser-deps lint translations extract-messages bench screenshots

run: install
	$(FLASK) db upgrade
	$(FLASK) load-demo
	HOST=$(HOST) PORT=$(PORT) $(FLASK) serve

test: install browser-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

install: $(VENV)/.installed $(MO_FILES)

# The browser tests drive Debian's Chromium through Playwright, which never
# downloads a browser here. Installed as root, or through sudo when available.
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y --no-install-recommends chromium; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

# For maintainers: refresh the English catalogue after changing French texts.
extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o facilitator/translations/messages.pot .
	$(BIN)/pybabel update -i facilitator/translations/messages.pot -d facilitator/translations

# Time and memory of the results with 100,000 responses (see bench/README.md).
bench: install
	$(BIN)/python bench/bench_results.py

# The README's screenshots of a live workshop (docs/*.png), from the demo.
screenshots: install browser-deps
	$(BIN)/python -m docs.screenshots

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format .
