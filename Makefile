# CICDR case management. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export FLASK_APP := wsgi.py

.DEFAULT_GOAL := help
.PHONY: help install translations translations-update run serve worker migrate seed checkers test lint bench loadtest workflow-docs clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,dev]'
	@touch $@

install: $(VENV)/.installed translations ## Create the virtual environment and install everything

translations: $(VENV)/.installed ## Compile the message catalogues (part of every build)
	@$(BIN)/pybabel compile -d cicdr/translations >/dev/null

translations-update: $(VENV)/.installed ## Extract strings and update every catalogue
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k N_ --no-location --sort-output \
	  --ignore-dirs ".venv instance .git" -o cicdr/translations/messages.pot .
	$(BIN)/pybabel update -d cicdr/translations -i cicdr/translations/messages.pot --no-fuzzy-matching

migrate: install ## Apply the database migrations (SQLite under instance/ unless DATABASE_URL)
	@mkdir -p instance
	$(BIN)/flask db upgrade

seed: migrate ## Load the demo users and complaints when the database is empty
	$(BIN)/flask cicdr seed-demo

run: seed ## Set up everything and serve on http://127.0.0.1:5000 (the demo: plain HTTP)
	CICDR_DEMO=1 $(BIN)/flask run --host 127.0.0.1 --port 5000

serve: migrate ## Serve with gunicorn (production-shaped) on http://127.0.0.1:5000; needs Redis
	@if [ -n "$$REDIS_URL" ]; then \
	  echo "Rate limits shared by the workers through REDIS_URL."; \
	elif redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then \
	  echo "Using the local Redis (redis://127.0.0.1:6379/0) for the workers' shared rate limits."; \
	  export REDIS_URL=redis://127.0.0.1:6379/0; \
	else \
	  echo "make serve starts 2 workers, which must share their rate limits: start Redis on" \
	       "127.0.0.1:6379 (e.g. apt install redis-server) or set REDIS_URL." >&2; exit 1; \
	fi; \
	CICDR_SECURE_COOKIES=0 exec $(BIN)/gunicorn --config gunicorn.conf.py --workers 2 \
	  --bind 127.0.0.1:5000 wsgi:app  # plain HTTP on loopback: cookies cannot be Secure here

worker: migrate ## Send the outbox every 10 s and run `tick` daily (next to `run` or `serve`; MAIL_SERVER)
	$(BIN)/flask cicdr worker --interval 10

# The W3C Nu Html Checker (vnu-jar, pinned in package.json) for tests/e2e/test_html_validity.py;
# it runs on the machine's Java (its own Java-downloading install script is not run). Without
# npm, or offline, the test is skipped and says why.
node_modules/vnu-jar/build/dist/vnu.jar: package.json package-lock.json
	@if ! command -v npm >/dev/null; then echo "npm is missing: the HTML validity test will be skipped"; \
	 elif npm ci --no-audit --no-fund --ignore-scripts --silent; then touch $@; \
	 else echo "npm ci failed: the HTML validity test will be skipped"; fi

checkers: node_modules/vnu-jar/build/dist/vnu.jar ## Install the outside checkers the suite runs (W3C HTML checker)

test: install checkers ## Run the whole test suite (SQLite; PostgreSQL when TEST_DATABASE_URL is set)
	$(BIN)/pytest

# BENCH_ARGS="--size 1000000" for the large run; BENCH_DATABASE_URL: PostgreSQL too (emptied)
bench: install ## Pages against their bare queries (100,000 complaints), then the other benchmarks
	env -u BENCH_DATABASE_URL $(BIN)/python bench/bench_floor.py $(BENCH_ARGS)
	if [ -n "$$BENCH_DATABASE_URL" ]; then \
	  $(BIN)/python bench/bench_floor.py --out bench/results-postgresql.json $(BENCH_ARGS); fi
	$(BIN)/python bench/bench_workflow.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_diagram.py
	$(BIN)/python bench/bench_documents.py
	$(BIN)/python bench/bench_reference.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_statistics.py

# LOAD_DATABASE_URL: the PostgreSQL server (a database is created on it and dropped afterwards)
LOAD_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
loadtest: install ## 50 complainants for 60 s with a worker killed and PostgreSQL restarted, then 20 officers
	$(BIN)/python loadtest/load_fault.py --database-url "$(LOAD_DATABASE_URL)" --out loadtest/results.json

lint: install ## Ruff and mypy
	$(BIN)/ruff check cicdr workflows tests bench scripts loadtest
	$(BIN)/mypy workflows cicdr/services

workflow-docs: install ## Print the workflows as Markdown tables (generated from workflows/)
	@$(BIN)/flask cicdr workflow --format markdown

clean: ## Remove the environment and local data
	rm -rf $(VENV) instance .pytest_cache node_modules
