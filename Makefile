# Structural social work warehouse (Varha). Every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SCALE ?= 1
export DAGSTER_HOME ?= $(CURDIR)/data/dagster_home

.PHONY: run test lint lint-python dev bench clean install

install: $(INSTALLED)

$(INSTALLED): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,spark,demo]'
	touch $(INSTALLED)

$(DAGSTER_HOME)/dagster.yaml: orchestration/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp orchestration/dagster.yaml $@

## make run: the whole pipeline end to end on the built-in demo data
run: $(INSTALLED) $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m orchestration.demo --scale $(SCALE)

## make test: lint, then the test suite (unit, dbt, integration, privacy)
test: lint
	$(BIN)/python -m pytest

## make lint: static checks; any finding fails (and so fails `make test` and CI)
lint: lint-python

LINT_PYTHON := sources orchestration disclosure reports demo benchmarks tests
lint-python: $(INSTALLED)
	$(BIN)/ruff check $(LINT_PYTHON)

## make dev: Dagster UI + daemon (schedules, sensor) on the demo data, with the fixture API server
dev: $(INSTALLED) $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m orchestration.dev --scale $(SCALE)

## make bench: full refresh at scale 1 and 10 (SCALES="1 10 50") against a bare-DuckDB baseline, with peak memory
SCALES ?= 1 10
bench: $(INSTALLED)
	SCALES="$(SCALES)" $(BIN)/python -m benchmarks.run

clean:
	rm -rf data dbt_project/target dbt_project/logs
