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

.PHONY: install build build-i18n serve test lint eval check-links browser-deps clean i18n i18n-extract i18n-update i18n-check

LOCALE := plugins/policy_atlas/locale
I18N_LANGS := en sq nb nn cs de fr es pl
MO := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/policy_atlas.po))

install: $(STAMP) $(MO)

# compiled catalogs are build output (.gitignore); the .po files are the source
$(LOCALE)/%/LC_MESSAGES/policy_atlas.mo: $(LOCALE)/%/LC_MESSAGES/policy_atlas.po | $(STAMP)
	$(BIN)/pybabel -q compile -D policy_atlas -d $(LOCALE) -l $*

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

build: install
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m policy_atlas.build_languages mkdocs.yml

# the default site at site/ and one per language of extra.alternate at site/<lang>/
build-i18n: build

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
	$(BIN)/policy-atlas eval --truth tests/truth --seeds seeds --corpus ../shared/corpus/policies --agreement tests/agreement

# gettext catalogs of the labels around policies (pybabel, driven from here)
i18n-extract: $(STAMP)
	$(BIN)/pybabel -q extract -k t -k N_ -k n:1,2 --no-wrap --no-location --sort-output --project=policy-atlas \
	  --copyright-holder="Policy Atlas" -o $(LOCALE)/policy_atlas.pot plugins/policy_atlas

i18n-update: i18n-extract
	for lang in $(I18N_LANGS); do \
	  if [ -f $(LOCALE)/$$lang/LC_MESSAGES/policy_atlas.po ]; then \
	    $(BIN)/pybabel -q update --no-wrap -D policy_atlas -i $(LOCALE)/policy_atlas.pot -d $(LOCALE) -l $$lang; \
	  else $(BIN)/pybabel -q init --no-wrap -D policy_atlas -i $(LOCALE)/policy_atlas.pot -d $(LOCALE) -l $$lang; fi; \
	done

i18n: install
	$(BIN)/pybabel -q compile -D policy_atlas -d $(LOCALE)

i18n-check: install
	$(BIN)/python -m policy_atlas.i18n_check $(LOCALE) $(I18N_LANGS)

lint: install
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

check-links: install
	@test -n "$(FILE)" || { echo "usage: make check-links FILE=ticket.txt [BASE=https://policies.example.org/]"; exit 2; }
	$(BIN)/policy-atlas check-links "$(FILE)" --site site $(if $(BASE),--base $(BASE),--base $$($(BIN)/python -c "import yaml;print(yaml.safe_load(open('mkdocs.yml'))['site_url'])"))

# issue 7: our plugin against bare MkDocs at 100, 1,000 and 10,000 generated policies;
# prints the table, writes bench/results.json and the table in README.md and bench/README.md
bench: install
	$(BIN)/python bench/bench.py --readme

# the same at 20 policies, one run, no targets judged (tests/test_bench_smoke.py runs it too)
bench-smoke: install
	$(BIN)/python bench/bench.py --smoke --out bench/out/results-smoke.json

clean:
	rm -rf site .pytest_cache
