# The two commands a newcomer needs (see README.md):
#   make lab    open your copy of the lessons (my-lessons/) in JupyterLab
#   make test   run the whole test suite (unit, oracle, property, notebooks, browser)
# and one more for learners:
#   make fresh LESSON=03   lesson 03 as it was (your copy moves to my-lessons/backups/)
# and for instructors:
#   make lecture LESSON=02 lesson 02 in Voila for a projector: no code, large text,
#                          lecture_style's figures; prints the URL to open
#   make check             a quick subset: no browser, no R, no notebooks
#   make site              the course as a website, in _build/site/ (Jupyter Book 1)
# Each creates the virtual environment in .venv if it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8888
# what make lab opens, and the address it prints: lesson 0 in your copy, not the Launcher
START := my-lessons/00_start_here.ipynb
# Jupyter refuses to start as root (as in many containers) unless told to
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab fresh lecture test check site bench clean

$(BIN)/.installed: requirements.txt tests/requirements.txt pyproject.toml \
		labextensions/gmmteach-rise-widgets/package.json \
		labextensions/gmmteach-rise-widgets/static/remoteEntry.js
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r tests/requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# no "official Jupyter news?" pop-up over the lessons' figures (as on Binder)
	$(BIN)/jupyter labextension disable --level=sys_prefix "@jupyterlab/apputils-extension:announcements"
	# live widgets in RISE's slides (see labextensions/gmmteach-rise-widgets/static/remoteEntry.js)
	cp -R labextensions/gmmteach-rise-widgets $(VENV)/share/jupyter/labextensions/
	$(BIN)/python -m pip check
	touch $@

# JupyterLab saves what you run: into my-lessons/ (git-ignored, read by no
# test), made from lessons/ where missing and never overwritten
lab: $(BIN)/.installed
	$(BIN)/python -m gmmteach.workspace sync
	@echo "JupyterLab opens lesson 0 in your copy: the address below ends in $(START) (with its token)"
	$(BIN)/jupyter lab --port=$(PORT) --ServerApp.root_dir=. $(ROOT_FLAG) --LabApp.default_url=/lab/tree/$(START)

fresh: $(BIN)/.installed
	$(BIN)/python -m gmmteach.workspace fresh $(LESSON)

# The lecture view: Voila (tests/requirements.txt) with voila.json (no code,
# no exercises), the template share/jupyter/voila/templates/lecture (its
# lecture.css: large text and controls) and GMMTEACH_LECTURE=1, which the
# kernel inherits: gmmteach then applies lecture_style's rcParams to every
# figure (gmmteach/lecture.py). VOILA_FLAGS=--no-browser: only print the URL.
VOILA_FLAGS ?=
lecture: $(BIN)/.installed
	@test -n "$(LESSON)" || { echo "make lecture: which lesson? e.g. make lecture LESSON=02" >&2; exit 2; }
	@lesson=$$(ls lessons/$(LESSON)_*.ipynb 2>/dev/null | head -n 1); \
	if [ -z "$$lesson" ]; then \
	  echo "make lecture: no lesson lessons/$(LESSON)_*.ipynb; LESSON is a number from:" >&2; \
	  ls lessons/*.ipynb | sed 's|lessons/\([0-9]*\)_.*|\1|' | tr '\n' ' ' >&2; echo >&2; exit 2; \
	fi; \
	echo "Lecture view of $$lesson: open http://localhost:$(PORT)/ (Ctrl-C stops it)"; \
	GMMTEACH_LECTURE=1 JUPYTER_PATH="$(CURDIR)/share/jupyter" exec $(BIN)/voila \
	  --template=lecture --port=$(PORT) --Voila.port_retries=0 $(VOILA_FLAGS) "$$lesson"

# site/requirements.txt: Jupyter Book 1 and its theme, for make site and
# tests/test_site.py (which builds the site when _build/site is missing or stale)
$(BIN)/.site-installed: site/requirements.txt $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r site/requirements.txt
	$(BIN)/python -m pip check
	touch $@

site: $(BIN)/.site-installed
	$(BIN)/python site/build.py

test: $(BIN)/.installed $(BIN)/.site-installed
	$(BIN)/python -m pytest -p no:cacheprovider --nbval-lax tests lessons

# the tests marked slow need Chromium or R, or run notebooks: left out here
check: $(BIN)/.installed
	$(BIN)/python -m pytest -p no:cacheprovider -q -n auto -m "not slow" tests

# benchmarks/requirements.txt: numba for bench_em's one-pass limit (never the package's)
bench: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done
	# issue 18's big cases: the explorer at N=100,000, select_model at N=20,000 vs R
	$(BIN)/python benchmarks/bench_explorer.py --memory --repeats 10
	$(BIN)/python benchmarks/bench_select.py --big --repeats 1

clean:
	rm -rf $(VENV) *.egg-info _build
