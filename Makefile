# Sem Fronteiras intranet. `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install migrate demo serve test test-fast test-postgres lint format messages check bench loadtest audit clean

# Installing: with uv (a PyPI package, several times faster than pip), fetched into the
# venv first; with pip when uv cannot be had or fails. Each step says what it is doing.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || { echo "== creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@$(PY) -m uv --version >/dev/null 2>&1 || { echo "== fetching uv"; \
	  $(PY) -m pip install --quiet --disable-pip-version-check uv || true; }
	@if $(PY) -m uv --version >/dev/null 2>&1; then \
	  echo "== installing the dependencies (uv)"; \
	  $(PY) -m uv pip install --quiet --python $(PY) -e '.[dev]' && exit 0; \
	  echo "uv failed: trying pip"; \
	fi; \
	echo "== installing the dependencies (pip, a few minutes)"; \
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

# Tables and demo data in one process (manage.py setup_demo), with progress.
demo: install
	@echo "== database and demo data"
	mkdir -p var
	$(PY) manage.py setup_demo

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ — log in as staff / sem-fronteiras-demo"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: gunicorn and the task worker (deploy/serve.sh), production settings
# (DEBUG off), static files from whitenoise.
# INTRANET_HTTPS=false lets you try it over plain HTTP; behind a TLS proxy leave it unset.
serve: export DJANGO_SETTINGS_MODULE = intranet.settings.production
serve: export INTRANET_HTTPS ?= false
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || { echo "Set DJANGO_SECRET_KEY first (see README)"; exit 1; }
	mkdir -p var
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore='.venv/*' -v0
	HOST=$(HOST) PORT=$(PORT) deploy/serve.sh

test: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=intranet.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=intranet.settings.test $(PY) -m pytest $(PYTEST_ARGS)

# The edit-test loop: no browser tests, no crawl of the demo site (a minute or so).
test-fast: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=intranet.settings.test $(PY) -m pytest -m "not browser and not crawl" $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/semfronteiras} $(MAKE) test

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the pt-PT catalogue after adding strings, then fill in the new msgstr lines.
messages: install
	$(PY) manage.py makemessages -l pt_PT -l en --ignore='.venv/*' --ignore='var/*' --no-obsolete
	# The Wagtail admin strings Wagtail's pt_PT catalogue lacks (locale/wagtail-admin/).
	msgcat --use-first -o locale/pt_PT/LC_MESSAGES/django.po locale/pt_PT/LC_MESSAGES/django.po locale/wagtail-admin/pt_PT.po
	$(PY) manage.py compilemessages --ignore='.venv/*'

check: install
	$(PY) manage.py check
	DJANGO_SETTINGS_MODULE=intranet.settings.test $(PY) manage.py makemigrations --check --dry-run

bench: install
	$(PY) bench/run.py

# Load test: 50 users for 2 minutes against gunicorn (production settings) on 127.0.0.1,
# then consistency checks. LOADTEST_DATABASE_URL=postgres://…/sf_loadtest for PostgreSQL.
loadtest: install
	$(PY) bench/loadtest/run.py

# Known vulnerabilities in the installed dependencies (needs the network to fetch the
# advisory database, so it is not part of `make lint`, which must work offline).
audit: install
	$(VENV)/bin/pip-audit --local --skip-editable --strict --progress-spinner off

clean:
	rm -rf var/test-media .pytest_cache
