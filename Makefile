# Policy Atlas: two commands on a fresh machine do all set-up.
#   make build   creates .venv, installs, builds the site with mkdocs build --strict -> site/
#   make test    the whole test suite (installs Debian's chromium for the browser tests)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material prints an end-of-life notice on every build; the site does not need it.
export NO_MKDOCS_2_WARNING := 1
# Same seeds, same bytes: no build time in the output.
export SOURCE_DATE_EPOCH ?= 1700000000

.PHONY: install build serve test lint eval check-links browser-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

build: install
	$(BIN)/mkdocs build --strict

# click > 8.2.1 disables live reload unless asked for.
serve: install
	$(BIN)/mkdocs serve --livereload

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: install browser-deps
	$(BIN)/pytest -q -n 2

# precision, recall and F1 of topic tagging per topic and language, and the facts, against tests/truth
eval: install
	$(BIN)/policy-atlas eval --truth tests/truth --seeds seeds --corpus ../shared/corpus/policies

lint: install
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

check-links: install
	@test -n "$(FILE)" || { echo "usage: make check-links FILE=ticket.txt [BASE=https://policies.example.org/]"; exit 2; }
	$(BIN)/policy-atlas check-links "$(FILE)" --site site $(if $(BASE),--base $(BASE),--base $$($(BIN)/python -c "import yaml;print(yaml.safe_load(open('mkdocs.yml'))['site_url'])"))

clean:
	rm -rf site .pytest_cache
