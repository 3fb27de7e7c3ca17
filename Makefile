# Two commands for a newcomer: `make run` and `make test`. DATABASE_URL=postgres://... switches both to PostgreSQL.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint migrate load venv clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

migrate: venv
	$(BIN)/python manage.py migrate --no-input

load: migrate
	$(BIN)/python manage.py load_timeline

run: load
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache

# Benchmarks: never part of `make test`. They need PostgreSQL on 127.0.0.1:5432 and wrk (apt-get install wrk).
.PHONY: bench bench-quick
bench: venv
	$(BIN)/python -m bench.run --sizes 10000 1000000 --name bench

bench-quick: venv
	$(BIN)/python -m bench.run --sizes 10000 100000 --seconds 5 --name bench-quick

.PHONY: loadtest
loadtest: venv
	$(BIN)/python -m bench.loadtest
