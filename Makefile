# Signal Desk: `make app` sets up and opens the chat on the sample corpus; `make test` sets up and
# runs the tests. Both create .venv on first use (CPU torch first, then the project).
PY      := .venv/bin/python
PIP     := .venv/bin/pip
INDEX   ?= .signal-desk
PORT    ?= 7860
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: app test lint setup sample clean

app: .venv/.ready $(INDEX)/.sample-indexed
	$(PY) app.py --index $(INDEX) --port $(PORT)

test: .venv/.ready-dev  # lint (ruff, mypy, import contracts) and the whole test suite
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  (command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1) || \
	  echo "note: Chromium is not installed; the browser test will be skipped"
	$(PY) -m ruff check .
	$(PY) -m mypy
	.venv/bin/lint-imports
	$(PY) -m pytest -q

lint: .venv/.ready-dev
	$(PY) -m ruff check .
	$(PY) -m mypy
	.venv/bin/lint-imports

setup: .venv/.ready

# pip 23.2 skips trafilatura's lxml_html_clean, so pip is upgraded first; torch 2.13.0 (CPU build,
# a local wheel here) goes in before sentence-transformers so that no CUDA build is pulled.
.venv/.ready: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e .
	touch $@

.venv/.ready-dev: .venv/.ready
	$(PIP) install -q -e ".[dev]"
	touch $@

$(INDEX)/.sample-indexed: .venv/.ready $(wildcard examples/corpus/*.md)
	$(PY) ingest.py examples/corpus --index $(INDEX)
	touch $@

clean:
	rm -rf .venv $(INDEX) .pytest_cache .ruff_cache .mypy_cache
