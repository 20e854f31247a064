# maatmonitor — every target bootstraps what it needs (apt packages, tools, virtualenv) itself.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/bin/uv
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1
PYTEST_WORKERS ?= 2
DEMO_ARGS ?=

.PHONY: help system venv demo test serve lint format bench messages translations clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

system:  ## install the Debian packages the project needs (idempotent)
	@bash scripts/bootstrap-system.sh

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(BIN)/.installed: requirements.lock pyproject.toml | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(BIN)/python requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json | system
	@# Debian ships npm apart from nodejs; a nodejs build that bundles npm needs nothing more.
	@command -v npm >/dev/null || { s=; [ "$$(id -u)" -eq 0 ] || s=sudo; $$s apt-get update -qq && $$s apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	npm ci --no-audit --no-fund
	touch $@

venv: system $(BIN)/.installed node_modules/.installed  ## create the virtualenv from the locked requirements

messages: venv  ## compile the gettext catalogues
	@cd src/maatmonitor && ../../$(BIN)/django-admin compilemessages --ignore '.venv' -v 0

translations: venv  ## extract gettext strings and fill the English catalogue from docs/translations/en.json
	@cd src/maatmonitor && ../../$(BIN)/django-admin makemessages -l en -l nl --ignore 'core/*' -v 0
	$(BIN)/python scripts/fill_translations.py src/maatmonitor/locale/en/LC_MESSAGES/django.po docs/translations/en.json

demo: venv messages  ## set up and run the whole monitor on the embedded database (SQLite)
	$(BIN)/maatmonitor demo $(DEMO_ARGS)

test: venv messages  ## set up and run every test
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

serve: venv messages  ## run the development web server on http://127.0.0.1:8000
	$(BIN)/python -m maatmonitor.web.manage migrate --no-input
	$(BIN)/python -m maatmonitor.web.manage demo_accounts
	$(BIN)/python -m maatmonitor.web.manage demo_wave
	@# the task worker (invitations, letters, signal coding) runs beside the web server
	$(BIN)/python -m maatmonitor.web.manage db_worker & worker=$$!; \
	trap "kill $$worker" EXIT; \
	$(BIN)/python -m maatmonitor.web.manage runserver 127.0.0.1:8000

lint: venv  ## ruff (lint + format check), mypy on core, migrations check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m maatmonitor.web.manage makemigrations --check --dry-run

format: venv  ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

bench: venv  ## run the benchmarks (each prints a ratio against a named baseline)
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:  ## remove generated files (keeps the virtualenv)
	rm -rf out var/*.sqlite3* .pytest_cache .mypy_cache .ruff_cache
