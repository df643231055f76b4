# Anshin — the two commands a newcomer needs are `make serve` and `make test`.
# Each sets itself up: a virtual environment in .venv with the pinned requirements.

SHELL  := /bin/bash
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SITE   := site
ADDR   ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1
# Python's bytecode cache (__pycache__/, git-ignored) stays on: without it every build
# compiles anshin/ and hooks/ again, some 0.1 s of CPU a build.

.PHONY: help serve build pdf audit test lint properdocs bench numbering-report translations check-translation import forms lock clean

help:
	@echo "make serve       preview the site at http://$(ADDR) with live reload"
	@echo "make test        install test dependencies and run the whole suite"
	@echo "make build       strict build into $(SITE)/ (the old $(SITE)/ is kept if the build fails; PDFs of changed pages only)"
	@echo "make pdf         build, then render every document to PDF with headless Chromium"
	@echo "make properdocs  strict build with ProperDocs (the maintained MkDocs 1.x fork)"
	@echo "make audit       Lighthouse, axe-core, Nu Html Checker, privacy and links: one table of figures"
	@echo "make translations   one row per translation: stale clauses, facts that differ"
	@echo "make check-translation PAGE=agreements/pickup.ja.md   record that a translation was checked"
	@echo "make import SRC=file.docx OUT=docs/policy/x.ja.md   a page from a Word file, PDF or text file (FORCE=1 replaces OUT)"
	@echo "make forms ROSTER=rosters/3-2.csv DOC=agreements/pickup [DUPLEX=1]   a class set: one copy per student, in the family's language"
	@echo "make numbering-report  precision and recall of the clause checker on the annotated corpora"
	@echo "make lint        ruff and mypy over the Python code (also part of make test)"
	@echo "make bench       print benchmark figures (build CPU against plain Material, clause checker, calendar, PDFs, class sets, search, 10,000 events, a 5 MB page)"
	@echo "make lock        re-pin requirements*.txt from requirements*.in"
	@echo "make clean       remove the virtual environment and build output"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Anshin needs Python 3.11 or newer, found " + sys.version.split()[0] + ". Set PYTHON=/path/to/python3.11.")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The site's logic is the `anshin` package (anshin/), installed in editable mode so that the
# hooks, tests, tools and benchmarks import it by name (pyproject.toml).
$(VENV)/.site-deps: requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

# tools/serve.py restarts the preview when Python code in hooks/ or anshin/ changes (MkDocs
# loads hooks once per process); docs, templates, data and catalogues reload live.
serve: $(VENV)/.site-deps
	$(PY) tools/serve.py --no-strict --dev-addr $(ADDR) --livereload

# Build next to the live site and swap only on success, so a failed build never
# leaves a half-written site where the good one was. Where Chromium is installed, the
# build also renders every document to PDF and the pages link their PDFs.
CHROMIUM := $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser) $(shell command -v chromium 2>/dev/null))

build: $(VENV)/.site-deps
	@rm -rf .site-new
	@# Not --quiet: it hides warnings from the strict-mode counter, so a broken page would pass.
	@ANSHIN_PDF_LINKS=$(if $(CHROMIUM),1,) $(PY) -m mkdocs build --strict --site-dir .site-new || { rm -rf .site-new; echo "Build failed; $(SITE)/ was left as it was." >&2; exit 1; }
	@if [ -n "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory $(VENV)/.test-deps && $(PY) tools/make_pdfs.py .site-new --cache .pdf-cache || { rm -rf .site-new; echo "PDF rendering failed; $(SITE)/ was left as it was." >&2; exit 1; }; fi
	@rm -rf .site-old
	@if [ -d $(SITE) ]; then mv $(SITE) .site-old; fi
	@mv .site-new $(SITE)
	@rm -rf .site-old
	@echo "Built $(SITE)/"

pdf: build $(VENV)/.test-deps
	@test -n "$(CHROMIUM)" || { echo "make pdf needs Chromium: apt-get install chromium fonts-noto-cjk" >&2; exit 1; }
	@echo "PDFs are in $(SITE)/ next to their pages (make build renders them when Chromium is installed)."

properdocs: $(VENV)/.test-deps
	@rm -rf .site-properdocs
	$(PY) -m properdocs build --strict --site-dir .site-properdocs
	@rm -rf .site-properdocs
	@echo "ProperDocs built the site unchanged."

bench: $(VENV)/.test-deps
	$(PY) -m benchmarks.numbering_report
	$(PY) -m benchmarks.build_cpu
	$(PY) -m benchmarks.edit_reload
	$(PY) -m benchmarks.clause_numbering
	$(PY) -m benchmarks.calendar_build
	$(PY) -m benchmarks.limits
	$(PY) -m benchmarks.scale
	$(PY) -m benchmarks.pdf
	$(PY) -m benchmarks.class_set
	$(PY) -m benchmarks.search
	$(PY) -m benchmarks.import_text
	$(PY) -m benchmarks.import_pdf

# Lighthouse, axe-core and the Nu Html Checker, pinned in package-lock.json (install
# scripts off: vnu-jar's would download a Java runtime; the system's Java 17 is used).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "The quality checks need Node.js and npm (apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# One row per translation: when its original changed, when it was checked, stale clauses, facts.
translations: $(VENV)/.site-deps
	$(PY) -m hooks.translations report

# Record that a translation was checked against its original as it is now (shows the change).
check-translation: $(VENV)/.site-deps
	@test -n "$(PAGE)" || { echo "usage: make check-translation PAGE=agreements/pickup.ja.md" >&2; exit 2; }
	$(PY) -m hooks.translations check $(PAGE)

# A page from the school's own Word file, PDF or text file (anshin/importing). Exit status 2,
# and nothing written, when the source cannot be imported or OUT exists (without FORCE=1).
import: $(VENV)/.site-deps
	@test -n "$(SRC)" -a -n "$(OUT)" || { echo "usage: make import SRC=path/to/file OUT=docs/policy/anti-bullying.ja.md [FORCE=1]" >&2; exit 2; }
	@$(PY) -m tools.import_document "$(SRC)" "$(OUT)" $(if $(FORCE),--force,)

# A class set (anshin/forms): one copy of DOC per student of ROSTER, each in the family's
# language, filled in and joined into one PDF under forms/ (git-ignored, like rosters/).
# Exit status 2, and nothing written, for a class list or DOC that cannot be used.
forms: $(VENV)/.test-deps
	@test -n "$(ROSTER)" -a -n "$(DOC)" || { echo "usage: make forms ROSTER=rosters/3-2.csv DOC=agreements/pickup [DUPLEX=1]" >&2; exit 2; }
	@$(PY) -m tools.make_forms --roster "$(ROSTER)" --doc "$(DOC)" $(if $(DUPLEX),--duplex,)

# Precision and recall of the clause checker, per class, on the annotated corpora
# (tests/fixtures/numbering/); add `ARGS=--details` for every miss and false finding.
numbering-report: $(VENV)/.test-deps
	$(PY) -m benchmarks.numbering_report $(ARGS)

audit: build node_modules/.installed
	$(PY) -m tools.audit $(SITE)

lint: $(VENV)/.test-deps
	$(PY) -m ruff check .
	$(PY) -m mypy

test: $(VENV)/.test-deps node_modules/.installed lint
	$(PY) -m pytest $(PYTEST_ARGS)

lock: | $(PY)
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by 'make lock'; exact versions of everything the site build needs."; \
	  .venv-lock/bin/pip freeze --all | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.txt
	.venv-lock/bin/pip install --quiet -r requirements-test.in
	{ echo "# Generated from requirements-test.in by 'make lock'; exact versions of what the tests add to requirements.txt."; \
	  echo "-r requirements.txt"; \
	  .venv-lock/bin/pip freeze --all | grep -v -E '^(pip|setuptools|wheel)==' | sort | comm -13 <(grep -v '^#' requirements.txt | sort) - ; } > requirements-test.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) $(SITE) .site-new .site-old .site-properdocs .pytest_cache node_modules .forms-site .forms-site.new .pdf-cache .build-cache
