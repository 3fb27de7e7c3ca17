# Two commands for a newcomer: `make run` and `make test`. DATABASE_URL=postgres://... switches both to PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint migrate load venv venv-dev clean

# `venv` installs what runs (requirements.txt); `venv-dev` adds what tests and tools need (requirements-dev.txt).
venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

# ensure_database: on PostgreSQL, creates the database DATABASE_URL names when the server lacks it.
migrate: venv
	$(BIN)/python manage.py ensure_database
	$(BIN)/python manage.py migrate --no-input

load: migrate
	$(BIN)/python manage.py load_timeline

run: load
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache .ruff_cache

# Production: DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must be set (start-up says so if not);
# DATABASE_URL=postgres://... for PostgreSQL. Behind a TLS proxy as deployed; on plain loopback HTTP set
# DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false.
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PROD := DJANGO_SETTINGS_MODULE=config.settings.production

.PHONY: serve backup restore
serve: venv
	$(PROD) $(BIN)/python manage.py check --deploy
	$(PROD) $(BIN)/python manage.py ensure_database
	$(PROD) $(BIN)/python manage.py migrate --no-input
	$(PROD) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(PROD) $(BIN)/gunicorn config.wsgi --config config/gunicorn.conf.py --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile -

# Freeze the public data as a versioned data package under RELEASES_DIR (default releases/): make release VERSION=2026.1
.PHONY: release
release: venv
	@test -n "$(VERSION)" || { echo "Say which version: make release VERSION=2026.1" >&2; exit 2; }
	$(BIN)/python manage.py release $(VERSION)

# make backup [FILE=backups/peacetalks.json]; make restore FILE=... (add REPLACE=1 to overwrite data)
FILE ?= backups/peacetalks-$(shell date +%Y%m%d-%H%M%S).json
backup: venv
	$(BIN)/python manage.py backup $(FILE)

restore: venv
	$(BIN)/python manage.py restore $(FILE) $(if $(REPLACE),--replace)

# Benchmarks: never part of `make test`. They need PostgreSQL on 127.0.0.1:5432 and wrk (apt-get install wrk).
.PHONY: bench bench-quick bench-conditional wrk
wrk:
	@command -v wrk >/dev/null || (DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) || \
		{ echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

bench: venv-dev wrk
	$(BIN)/python -m bench.run --sizes 10000 1000000 --name bench

bench-quick: venv-dev wrk
	$(BIN)/python -m bench.run --sizes 10000 100000 --seconds 5 --name bench-quick

# The 304 path (If-None-Match, answered from the data version in Redis) beside the 200 path. Needs Redis.
bench-conditional: venv-dev wrk
	$(BIN)/python -m bench.conditional --sizes 10000 1000000 --name conditional

# `/` on the real data under `make serve`'s server, 20 clients, kept pages on and off.
.PHONY: bench-real
bench-real: venv-dev wrk
	$(BIN)/python -m bench.real

.PHONY: loadtest
loadtest: venv-dev wrk
	$(BIN)/python -m bench.loadtest

# The extraction engine's leave-one-out evaluation over the curated articles (no database; seconds).
.PHONY: extraction-eval
extraction-eval: venv
	$(BIN)/python manage.py extraction_eval

# Read one article and print its proposals as JSON: make extract ARTICLE=article.txt PUBLISHED=2021-09-30
.PHONY: extract
extract: venv
	$(BIN)/python manage.py extract_article $(ARTICLE) $(if $(PUBLISHED),--published $(PUBLISHED))
