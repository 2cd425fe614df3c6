# SimHelp: `make run` starts it on SQLite with the demo content; `make test` runs the checks.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/simhelp
# The suite runs in one worker process per core (pytest-xdist); PYTEST_ARGS= runs it in one.
PYTEST_ARGS ?= --numprocesses=auto

# Development defaults; a .env file or the environment overrides them.
export DEBUG ?= 1

.PHONY: run serve test test-pg lint format bench check check-demo api-fuzz lighthouse e2e-deps audit load-test venv clean

# A Python >= 3.12: on PATH, or under pyenv (which keeps versions off PATH), or the system's.
find_python = $(shell for c in python3.13 python3.12 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) \
	/usr/local/bin/python3 /usr/bin/python3 python3; do \
	  command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { command -v $$c; break; }; done)

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@py="$(call find_python)"; \
	if [ -z "$$py" ]; then echo "SimHelp needs Python 3.12 or newer; none found on PATH or under pyenv." >&2; exit 1; fi; \
	if [ ! -x $(PYTHON) ] || ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  echo "Creating $(VENV) with $$py"; rm -rf $(VENV); "$$py" -m venv $(VENV) || exit 1; fi
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

run: venv
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py load_demo
	$(PYTHON) manage.py ensure_admin
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint e2e-deps
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# axe-core for the browser tests' accessibility checks, from the npm registry.
AXE := var/e2e/node_modules/axe-core/axe.min.js
e2e-deps: $(AXE)
$(AXE):
	@if command -v npm >/dev/null; then mkdir -p var/e2e && \
	  npm install --prefix var/e2e --no-audit --no-fund --silent axe-core@4; \
	else echo "npm not found: the accessibility checks will be skipped"; fi

test-pg: venv e2e-deps
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PYTEST_ARGS)

bench: venv
	$(PYTHON) tests/bench/bench_search.py $(BENCH_ARGS)

check: venv
	$(PYTHON) manage.py check_content

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

# Load the demo catalogue into a throwaway SQLite database and validate it.
check-demo: venv
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export DATABASE_URL="sqlite:///$$tmp/check.sqlite3"; \
	$(PYTHON) manage.py migrate --no-input -v0 && $(PYTHON) manage.py load_demo && $(PYTHON) manage.py check_content

# Fuzz the live API against its own OpenAPI schema (schemathesis, every check), on a
# throwaway SQLite database with the demo content, behind gunicorn on 127.0.0.1.
API_FUZZ_PORT ?= 8765
API_FUZZ_EXAMPLES ?= 100
api-fuzz: venv
	@tmp=$$(mktemp -d); \
	export DATABASE_URL="sqlite:///$$tmp/fuzz.sqlite3" DEBUG=0 SECRET_KEY=fuzz-$$RANDOM$$RANDOM \
	  ALLOWED_HOSTS=127.0.0.1 API_READ_RATE=1000000/min API_WRITE_RATE=1000000/min LOG_LEVEL=ERROR \
	  SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0; \
	$(PYTHON) manage.py migrate --no-input -v0 && $(PYTHON) manage.py load_demo >/dev/null || exit 1; \
	$(BIN)/gunicorn simhelp.wsgi -b 127.0.0.1:$(API_FUZZ_PORT) -w 2 --log-level warning & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -rf "$$tmp"' EXIT; \
	for i in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$(API_FUZZ_PORT)/api/v1/schema/ && break; sleep 0.2; done; \
	$(BIN)/st run http://127.0.0.1:$(API_FUZZ_PORT)/api/v1/schema/ --checks all \
	  --max-examples $(API_FUZZ_EXAMPLES) --workers 2 --no-color

# Lighthouse (npm lighthouse@12.2.3, the Debian Chromium) on the home, a search result, an FAQ
# and a guide page, mobile profile, behind gunicorn with the demo content: scores printed and
# checked against the floors in scripts/lighthouse.py.
LIGHTHOUSE_PORT ?= 8791
LIGHTHOUSE := var/lighthouse/node_modules/.bin/lighthouse
lighthouse: venv
	@command -v npm >/dev/null || { echo "npm not found: Lighthouse needs Node.js and npm" >&2; exit 1; }
	@test -x $(LIGHTHOUSE) || { mkdir -p var/lighthouse && \
	  npm install --prefix var/lighthouse --no-audit --no-fund --silent lighthouse@12.2.3; }
	@tmp=$$(mktemp -d); \
	export DATABASE_URL="sqlite:///$$tmp/lighthouse.sqlite3" DEBUG=0 SECRET_KEY=lh-$$RANDOM$$RANDOM \
	  ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=ERROR SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0; \
	$(PYTHON) manage.py migrate --no-input -v0 && $(PYTHON) manage.py load_demo >/dev/null || exit 1; \
	$(BIN)/gunicorn simhelp.wsgi -b 127.0.0.1:$(LIGHTHOUSE_PORT) -w 2 --log-level warning & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -rf "$$tmp"' EXIT; \
	for i in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$(LIGHTHOUSE_PORT)/healthz && break; sleep 0.2; done; \
	$(PYTHON) scripts/lighthouse.py --base http://127.0.0.1:$(LIGHTHOUSE_PORT) --lighthouse $(LIGHTHOUSE)

# The production-style server: gunicorn, static files by whitenoise, settings from the
# environment (DEBUG off: SECRET_KEY and ALLOWED_HOSTS must be set; for plain HTTP on the
# loopback also set SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0).
WEB_CONCURRENCY ?= 2
serve: export DEBUG := 0
serve: venv
	$(PYTHON) manage.py collectstatic --no-input -v0
	$(PYTHON) manage.py migrate --no-input -v0
	$(BIN)/gunicorn simhelp.wsgi --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) --access-logfile -

# Known vulnerabilities in the installed dependencies: pip-audit, and where it reaches no advisory
# service, scripts/audit_registry.py (PyPI's project pages list their latest release's advisories).
audit: venv
	@mkdir -p var; $(BIN)/pip-audit --local --progress-spinner off --skip-editable 2>&1 | tee var/pip-audit.txt; \
	status=$${PIPESTATUS[0]}; \
	skipped=$$(grep -c "could not be audited" var/pip-audit.txt || true); \
	if [ "$$skipped" -gt 0 ]; then \
	  echo "pip-audit reached no advisory service for $$skipped packages; auditing from the registry's project pages:"; \
	  $(PYTHON) scripts/audit_registry.py || status=1; \
	fi; \
	exit $$status

# Load test against `make serve` with PostgreSQL (127.0.0.1 only, bounded): see tests/bench/load_test.py.
load-test: venv
	$(PYTHON) tests/bench/load_test.py $(LOAD_ARGS)
