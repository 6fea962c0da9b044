# The two set-up commands of README.md. Both work on a fresh Debian machine with Python 3.11,
# gcc and Node; everything else goes into .venv/ (graphviz comes from Debian where apt works).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test install lint regen clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# One regular install: setup.py compiles the grammar into tree_sitter_flux, `flux` and `flux-ls`
# land in .venv/bin. The tests run the working tree's code whatever was installed last
# (tests/conftest.py); reinstall after changing the grammar's C.
install: $(BIN)/python
	$(BIN)/pip install -q '.[test]'

# The main job on a bundled example: check the examples, draw a program graph, then build the
# example web server, launch it and fetch a page (it keeps serving until Ctrl-C;
# FLUX_DEMO_ONCE=1 stops after the page). See scripts/demo.sh.
demo: install
	-$(MAKE) -s system-packages
	BIN=$(BIN) ./scripts/demo.sh

lint: install
	$(BIN)/ruff check flux_ls tests bench setup.py
	$(BIN)/mypy

# All tests (what .ci/run calls). One install: `lint` shares this make's `install`.
# --dist loadgroup: tests marked xdist_group (tests/packaging/) share one worker's fixtures.
test: install lint
	-$(MAKE) -s system-packages
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q
	$(MAKE) vscode-test

# Debian packages the tests use where present: Graphviz (SVG graphs), zlib headers (the image
# server example), curl (example tests), batch Emacs with Eglot and tmux (tests/editors: about
# 50 s to install), aria2, ctorrent, opentracker and mktorrent (the BitTorrent example's tests),
# php8.2-fpm (the web server's PHP tests).
# Best effort: without apt-get, tests that need them skip.
APT_PACKAGES = graphviz zlib1g-dev curl emacs-nox elpa-eglot tmux aria2 ctorrent opentracker mktorrent php8.2-fpm
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	  (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $$missing >/dev/null 2>&1) || \
	  echo "could not install$$missing (tests that need them will skip or fail)"; \
	fi

regen:
	cd tree-sitter-flux && ../../shared/tools/debian13-run tree-sitter generate

clean:
	rm -rf $(VENV) build *.egg-info tree-sitter-flux/build tree-sitter-flux/bindings/python/tree_sitter_flux/*.so

# The VS Code extension (editors/vscode, see its README): type check, lint, then its tests
# (unit, TextMate grammar, problem matcher, webview in headless Chromium, the bundled extension
# against the real flux-ls, packaging), with the npm packages of its package-lock.json.
# Skipped without npm; Debian's chromium is installed for the webview test where apt-get works.
.PHONY: vscode-test vscode-vsix
vscode-test:
	@if ! command -v npm >/dev/null 2>&1; then echo "vscode-test: skipped (npm is not installed)"; exit 0; fi; \
	$(MAKE) -s system-packages APT_PACKAGES=chromium; \
	cd editors/vscode && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && \
	npm run -s typecheck && npm run -s lint && npm run -s build && \
	FLUX_LS="$(abspath $(BIN))/flux-ls" FLUX="$(abspath $(BIN))/flux" npm test

# The VS Code extension package, editors/vscode/flux-server-lang-0.1.0.vsix (needs Node 20+ and
# npm; install it with `code --install-extension editors/vscode/flux-server-lang-0.1.0.vsix`).
vscode-vsix:
	cd editors/vscode && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && npm run -s package
