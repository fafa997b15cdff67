# Developer entry points. Everything runs from .venv (make install builds it).
# PYTHON=python3.11 make install   picks the interpreter for a new .venv.

.PHONY: install test emulator-test sanity lint integration molecule units clean

install:
	bash ci/install.sh

# Every check, in order; stops at the first failure (see ci/test.sh).
test: install
	bash ci/test.sh

# Single steps (same setup as make test).
emulator-test: install
	bash ci/test.sh emulator

sanity: install
	bash ci/test.sh sanity

lint: install
	bash ci/test.sh lint

integration: install
	bash ci/test.sh integration

molecule: install
	bash ci/test.sh molecule

units: install
	bash ci/test.sh units

# Removes what builds and tests leave in the checkout (not .venv: make install is
# quick to re-run but slow to redo from nothing; remove .venv by hand for that).
clean:
	rm -rf .tmp/collections .tmp/prime .tmp/test-logs .tmp/*.log .tmp/test.lock \
	    tests/output .ansible .pytest_cache collections *.tar.gz
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
