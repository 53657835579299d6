# Regards croisés — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app facilitator
PO_FILES := $(wildcard facilitator/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install lint translations extract-messages bench

run: install
	$(FLASK) db upgrade
	$(FLASK) load-demo
	HOST=$(HOST) PORT=$(PORT) $(FLASK) serve

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

install: $(VENV)/.installed $(MO_FILES)

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

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format .
