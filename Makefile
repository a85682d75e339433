# Ruggensteun: the Makefile is the interface. `make help` lists the targets.
SHELL := /bin/bash
export SSL_CERT_FILE ?= /etc/ssl/certs/ca-certificates.crt
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen
VENDOR := src/ruggensteun/web/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development runs with DEBUG=1 unless a SECRET_KEY says this is a real deployment.
ifeq ($(origin SECRET_KEY),undefined)
LOCAL := DEBUG=1
endif

.DEFAULT_GOAL := help
.PHONY: messages help install run serve migrate data demo test test-fast test-pg lint format typecheck vendor vendor-check bench clean requirements

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

install: ## Install Python and its packages with uv (uv itself via pip when missing)
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen

migrate: install ## Create or update the database (SQLite under var/ unless DATABASE_URL is set)
	@mkdir -p var
	$(LOCAL) $(RUN) ruggensteun migrate --no-input

data: migrate ## Load the shipped real data (skips what is already loaded)
	$(LOCAL) $(RUN) ruggensteun import_data --all
	$(LOCAL) $(RUN) ruggensteun recompute_monitor
	$(LOCAL) $(RUN) ruggensteun load_practice_examples

demo: data ## Create the demo logins (development only) and print them
	$(LOCAL) $(RUN) ruggensteun demo_data

run: demo ## Install, migrate, load the data, create demo logins, serve http://127.0.0.1:8000
	@echo "Ruggensteun draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	$(LOCAL) $(RUN) ruggensteun runserver $(HOST):$(PORT)

serve: data ## Serve with gunicorn (production-like; needs SECRET_KEY)
	$(RUN) ruggensteun collectstatic --no-input
	$(RUN) gunicorn ruggensteun.wsgi --bind $(HOST):$(PORT) --workers 2

test: install ## Run the whole test suite (browser tests included)
	SECRET_KEY=$${SECRET_KEY:-migrations-check-only} $(RUN) ruggensteun makemigrations --check --dry-run >/dev/null
	$(RUN) pytest

test-fast: install ## Run the tests without the browser tests
	$(RUN) pytest -m "not e2e"

test-pg: install ## Run the whole suite against the local PostgreSQL (database test)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(RUN) pytest

lint: install ## Lint and check formatting
	$(RUN) ruff check src tests bench
	$(RUN) ruff format --check src tests bench
	$(RUN) lint-imports

format: install ## Format the code
	$(RUN) ruff check --fix src tests bench
	$(RUN) ruff format src tests bench

typecheck: install ## Type-check with mypy
	SECRET_KEY=$${SECRET_KEY:-typecheck-only} $(RUN) mypy src

vendor: ## Refresh the vendored front-end assets from npm (frontend/package-lock.json)
	cd frontend && npm ci --no-audit --no-fund
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/utrecht $(VENDOR)/nlds $(VENDOR)/htmx $(VENDOR)/leaflet $(VENDOR)/axe-core
	cp frontend/node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/component-library.css
	cp frontend/node_modules/@utrecht/component-library-css/LICENSE* $(VENDOR)/utrecht/ 2>/dev/null || true
	cp frontend/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css $(VENDOR)/nlds/voorbeeld-theme.css
	cp frontend/node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE* $(VENDOR)/nlds/
	cp frontend/node_modules/htmx.org/dist/htmx.min.js frontend/node_modules/htmx.org/LICENSE $(VENDOR)/htmx/
	cp -r frontend/node_modules/leaflet/dist/leaflet.js frontend/node_modules/leaflet/dist/leaflet.js.map \
	      frontend/node_modules/leaflet/dist/leaflet.css frontend/node_modules/leaflet/dist/images \
	      frontend/node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	cp frontend/node_modules/axe-core/axe.min.js frontend/node_modules/axe-core/LICENSE $(VENDOR)/axe-core/

vendor-check: vendor ## Check that the committed vendored assets are what npm gives
	git diff --exit-code --stat -- $(VENDOR)

bench: install ## Run the benchmarks (prints figures; not part of make test)
	@for script in bench/*.py; do echo "== $$script"; $(RUN) python $$script || exit 1; done

clean: ## Remove the local database, collected static files and caches
	rm -rf var/ruggensteun.sqlite3* var/static .pytest_cache .ruff_cache .mypy_cache test-artifacts

messages: install ## Update and compile the English translations (needs GNU gettext)
	cd src/ruggensteun && DEBUG=1 $(UV) run --frozen django-admin makemessages -l en --settings=ruggensteun.settings -i "migrations/*"
	cd src/ruggensteun && msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po

requirements: ## Export requirements.txt from uv.lock for pip users
	$(UV) export --format requirements-txt --no-dev --no-hashes -q -o requirements.txt
