# One-way flow: sources -> articles -> extraction -> tables -> validation -> DuckDB -> reports.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= build/news.duckdb
EXAMPLES := examples
SHARED ?= ../shared
# NATIVE=1 (the default) compiles the extractor modules with mypyc into $(VENV)/native (about
# 1.5 minutes, again after each change to them); NATIVE=0 runs the pure-Python modules.
NATIVE ?= 1
export ETL_NATIVE := $(NATIVE)
NATIVE_STAMP := $(VENV)/native/manifest.json
ifeq ($(NATIVE),0)
READY := $(STAMP)
else
READY := $(NATIVE_STAMP)
endif

.PHONY: install native pipeline test check lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(NATIVE_STAMP): $(STAMP) $(wildcard etl/*.py) tools/build_native.py
	$(BIN)/python tools/build_native.py

native: $(NATIVE_STAMP)

pipeline: $(READY)
	@mkdir -p build
	$(BIN)/etl pipeline $(EXAMPLES) --db $(DB) --out build/tables
	$(BIN)/etl report --html build/report.html --db $(DB) --dq build/tables/dq_report.json

test: $(READY)
	$(BIN)/pytest -q

check: pipeline
	$(BIN)/etl validate build/tables
	$(BIN)/etl check --db $(DB)

lint: $(STAMP)
	$(BIN)/ruff check etl schemas tests tools
	$(BIN)/ruff format --check etl schemas tests tools
	$(BIN)/mypy etl schemas tools

bench: $(READY)
	$(BIN)/python -m etl.bench

clean:
	rm -rf build
