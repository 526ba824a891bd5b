# The README's commands call these targets; .ci/run calls `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/csc
PEER_RECORDS ?= 100000
PEER_DATABASE ?= sqlite
PEER_RUNS ?= 40

.PHONY: install run test test-sqlite test-postgres lint bench load peer messages fonts clean fuzz

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

install: $(BIN)/.installed

## run: install, migrate, load the demo on first run, start web + worker on SQLite
run: install
	$(BIN)/csc serve

## test: lint and checks, then the whole suite on SQLite and on PostgreSQL side by side (two
## cores: the two runs take about as long as one); each run's output is printed when it ends
test: install lint messages fonts
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

messages: install
	$(BIN)/csc compile_catalogues

## fonts: derive the PDF fonts once (a minute or two on a new machine) before the suites print
fonts: install
	DJANGO_SETTINGS_MODULE=csc.test_settings $(BIN)/python -c "import django; django.setup(); from csc.core.pdf import prepare_fonts; prepare_fonts()"

lint: install
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src
	DJANGO_SETTINGS_MODULE=csc.test_settings $(BIN)/csc check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=csc.test_settings $(BIN)/csc makemigrations --check --dry-run

test-sqlite: install
	$(BIN)/pytest

test-postgres: install
	@if pg_isready -q -d "$(POSTGRES_TEST_URL)" 2>/dev/null; then \
		DATABASE_URL="$(POSTGRES_TEST_URL)" $(BIN)/pytest; \
	elif [ -n "$$CSC_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is not reachable at $(POSTGRES_TEST_URL)"; exit 1; \
	else \
		echo "PostgreSQL not reachable at $(POSTGRES_TEST_URL): PostgreSQL run skipped"; \
	fi

## fuzz: the schemathesis run of the test suite with 11 examples per operation, user and kind
## (valid and invalid requests: about 14,000 calls, about 10 minutes; make test runs 1)
fuzz: install
	CSC_FUZZ_EXAMPLES=$${CSC_FUZZ_EXAMPLES:-11} $(BIN)/pytest -s -p no:randomly src/csc/core/tests/test_fuzz.py

## bench: generate data and time the budgets of every area (JSON in bench/results/)
bench: install
	$(BIN)/csc bench --json bench/results/latest.json

## load: 20 API clients at once for at most 60 s and 3000 requests, against gunicorn on a free
## loopback port and a scratch PostgreSQL database (csc_load, made afresh each run); fails on a
## 5xx, a numbering gap, negative stock, a false 409 or a row shown to the wrong customer.
## Options through LOAD_ARGS, e.g. make load LOAD_ARGS="--workers 50 --seconds 120"
load: install
	$(BIN)/csc load $(LOAD_ARGS)

## peer: CSC side by side with django-helpdesk over HTTP, the peer from PyPI in a venv of its own
## under var/peer (PEER_RECORDS, PEER_DATABASE=sqlite|postgres, PEER_RUNS; JSON in bench/results/)
peer: install
	$(BIN)/python bench/peer/run.py --records $(PEER_RECORDS) --database $(PEER_DATABASE) --runs $(PEER_RUNS)

clean:
	rm -rf var .pytest_cache
