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
# Debian packages the tests need: Chromium for the browser tests (Playwright drives
# /usr/bin/chromium unless CHROMIUM_PATH names another), Pango, HarfBuzz and DejaVu fonts for
# WeasyPrint (the PDF reports) and poppler-utils to read PDFs back. `make test-deps` installs them.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
TEST_PACKAGES := $(if $(CHROMIUM_PATH),,chromium) $(PDF_PACKAGES)
# The suite runs on every core (pytest-xdist); the browser tests and the tests of the rendered
# report each stay on one worker (xdist_group), so their server and their PDF are made once.
PARALLEL ?= -n auto --dist loadgroup
AREA ?= zaandam-oost

.DEFAULT_GOAL := help
.PHONY: messages help install run serve migrate data demo area-table report test test-deps test-fast test-pg lint format typecheck vendor vendor-check bench clean requirements

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

demo: data ## Create the demo logins and the fictional demo content (development only), print the logins
	$(LOCAL) $(RUN) ruggensteun demo_data
	$(LOCAL) $(RUN) ruggensteun demo_content

run: demo ## Install, migrate, load the data, create demo logins, serve http://127.0.0.1:8000
	@echo "Ruggensteun draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	$(LOCAL) $(RUN) ruggensteun runserver $(HOST):$(PORT)

area-table: data ## Print an area's comparison table: make area-table AREA=zaandam-oost
	$(LOCAL) $(RUN) ruggensteun area_table $(AREA)

report: data ## Write an area's report PDF to var/reports/: make report AREA=zaandam-oost (or --all)
	$(LOCAL) $(RUN) ruggensteun area_report $(AREA) --out var/reports

serve: data ## Serve with gunicorn (production-like; needs SECRET_KEY)
	$(RUN) ruggensteun collectstatic --no-input
	$(RUN) gunicorn ruggensteun.wsgi --bind $(HOST):$(PORT) --workers 2

test: install test-deps ## Run the whole test suite on every core (browser tests included)
	SECRET_KEY=$${SECRET_KEY:-migrations-check-only} $(RUN) ruggensteun makemigrations --check --dry-run >/dev/null
	$(RUN) pytest $(PARALLEL)

test-fast: TEST_PACKAGES := $(PDF_PACKAGES)
test-fast: install test-deps ## Run the tests without the browser tests and the slow PDF tests
	$(RUN) pytest $(PARALLEL) -m "not e2e and not slow"

test-pg: install test-deps ## Run the whole suite against the local PostgreSQL (database test)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(RUN) pytest $(PARALLEL)

# As root (CI, a container) it installs what is missing with apt-get; otherwise it names the command.
test-deps: ## Install the Debian packages the tests need when missing (Chromium, Pango, poppler)
	@missing=$$(for package in $(TEST_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' "$$package" 2>/dev/null | grep -qx "install ok installed" \
	    || echo "$$package"; \
	done | xargs); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
	  echo "The tests need Debian packages that are missing; install them with: sudo apt-get install -y --no-install-recommends $$missing" >&2; \
	  exit 1; \
	fi; \
	echo "== installing Debian packages: $$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null

lint: install ## Lint and check formatting
	$(RUN) ruff check src tests bench
	$(RUN) ruff format --check src tests bench
	$(RUN) lint-imports
	$(RUN) djhtml --check --tabwidth 2 src/ruggensteun/*/templates

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
