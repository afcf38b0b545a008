# Two commands matter: `make demo` runs the product, `make test` runs every check. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export DJANGO_SETTINGS_MODULE := community_xblock.demo.settings
export EXCLUDE_SAMPLE_XBLOCKS := yes

.PHONY: demo test lint bench bench-large upgrade system-deps clean extract_translations dummy_translations compile_translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Installs are pinned (requirements/*.txt, compiled from the *.in files by `make upgrade`).
PIP_INSTALL := $(BIN)/pip install -q -c requirements/constraints.txt

$(VENV)/.dev: $(BIN)/python requirements/dev.txt requirements/constraints.txt setup.py
	$(PIP_INSTALL) -r requirements/dev.txt -e .
	touch $@

$(VENV)/.test: $(VENV)/.dev requirements/test.txt
	$(PIP_INSTALL) -r requirements/test.txt
	touch $@

## ESLint for static/js, pinned by package-lock.json (development only: the block's JavaScript has no build step).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## Debian packages: Chromium for the browser tests, the MariaDB client library for mysqlclient, gettext.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	pkg-config --exists libmariadb 2>/dev/null || missing="$$missing libmariadb-dev pkg-config"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## The SDK workbench with the demo unit on SQLite (var/workbench.db), seeded in English, French and Hungarian.
demo: $(VENV)/.dev
	mkdir -p var
	$(BIN)/python -m django migrate --run-syncdb -v 0
	$(BIN)/python -m django seed_community_demo
	@echo "Open http://$(HOST)/scenario/community.0/?student=student_1 (learner) or ?student=staff (course staff)"
	$(BIN)/python -m django runserver --insecure $(HOST)

lint: $(VENV)/.test node_modules/.installed
	$(BIN)/ruff check .
	npx --no-install eslint static/js

## Everything: lint, then the whole suite (SQLite, or the database COMMUNITY_DB_URL points at).
test: system-deps $(VENV)/.test lint
	mkdir -p var
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/pytest

## The README's pictures, regenerated on purpose: five screens in en/fr/hu at 1280 and 320 px, in docs/screenshots.
.PHONY: screenshots
screenshots: system-deps $(VENV)/.test
	mkdir -p var docs/screenshots
	CX_SCREENSHOTS_DIR=docs/screenshots DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/pytest -q -p no:randomly \
	  tests/browser/test_screenshots.py

## The benchmark (1k, 10k, 100k posts on SQLite and MariaDB, about 3 minutes); bench-large: 1k and a million (about 25).
bench: $(VENV)/.test
	mkdir -p var
	$(BIN)/python -m tests.perf.benchmark

bench-large: $(VENV)/.test
	mkdir -p var
	$(BIN)/python -m tests.perf.benchmark --sizes 1000,1000000 --repeat 9

## Re-pin requirements/*.txt from requirements/*.in (needs the package index).
upgrade: $(VENV)/.test
	$(BIN)/pip install -q "pip-tools>=7.4,<8"
	cd requirements && for name in base dev test; do \
	  ../$(BIN)/pip-compile -q --upgrade --allow-unsafe --strip-extras --no-emit-index-url -c constraints.txt \
	    -o $$name.txt $$name.in; done

clean:
	rm -rf $(VENV) var build dist *.egg-info node_modules

## Translations (Open edX layout: translations/<lang>/LC_MESSAGES/text.po and textjs.po, English source).
extract_translations: $(VENV)/.test
	$(BIN)/python -m tools.i18n_build extract

dummy_translations: $(VENV)/.test
	$(BIN)/python -m tools.i18n_build dummy

compile_translations: $(VENV)/.test
	$(BIN)/python -m tools.i18n_build compile
