# One-way flow: sources -> articles -> extraction -> tables -> validation -> DuckDB -> reports.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= build/news.duckdb
EXAMPLES := examples
SHARED ?= ../shared

.PHONY: install pipeline test check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

pipeline: $(STAMP)
	@mkdir -p build
	$(BIN)/etl pipeline $(EXAMPLES) --db $(DB) --out build/tables
	$(BIN)/etl report --html build/report.html --db $(DB) --dq build/tables/dq_report.json

test: $(STAMP)
	$(BIN)/pytest -q

check: pipeline
	$(BIN)/etl validate build/tables
	$(BIN)/etl check --db $(DB)

lint: $(STAMP)
	$(BIN)/ruff check etl schemas tests
	$(BIN)/ruff format --check etl schemas tests
	$(BIN)/mypy etl schemas

bench: $(STAMP)
	$(BIN)/python -m etl.bench

clean:
	rm -rf build
