# Developer entry points. Everything runs from .venv (make install builds it).
# PYTHON=python3.11 make install   picks the interpreter for a new .venv.

.PHONY: install demo test emulator-test sanity lint docs-lint changelog integration cores molecule playbooks installed awx-test reliability reliability-matrix perf bench units docs docs-pictures ee-context release-notes clean

install:
	bash ci/install.sh

# Every scenario playbook against the emulator: build, build again (nothing
# changes), show what was built, tear down (see ci/demo.sh).
demo: install
	bash ci/demo.sh

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

docs-lint: install
	bash ci/test.sh docs

# antsibull-changelog lint: the fragments of changelogs/fragments/ and changelogs/changelog.yaml.
changelog: install
	bash ci/test.sh changelog

integration: install
	bash ci/test.sh integration

# A short play on every ansible-core the collection supports (ci/cores.txt, ci/cores.sh).
cores: install
	bash ci/test.sh cores

molecule: install
	bash ci/test.sh molecule

playbooks: install
	bash ci/test.sh playbooks

# The collection as users get it: the tarball installed with ansible-galaxy into a clean collections
# path of a fresh venv (ansible-core and requirements.txt's SDKs), E1 run from it (ci/installed.sh).
installed: install
	bash ci/test.sh installed

awx-test: install
	bash ci/test.sh awx

# The fault suite (tests/reliability, docs/reliability.md): the scenarios through throttling,
# lost answers, kills and restarts; bad input; secrets; the emulator's signature checks.
reliability: install
	bash ci/test.sh reliability

# The seeded fault matrix (tests/reliability/matrix.py): every scenario playbook, the rollout and
# the teardown under 20 seeds of mixed faults, a table of faults fired, outcomes and times (about
# 2 hours on 2 shared cores). make test runs a short form (test_matrix.py). MATRIX_ARGS="--seeds 5 --playbooks s5".
reliability-matrix: install
	env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY \
	    .venv/bin/python tests/reliability/matrix.py $(MATRIX_ARGS)

# The API-economy checks (tests/perf): calls counted on the reference topology and a small rollout.
perf: install
	bash ci/test.sh perf

# The eight performance figures with their targets (benchmarks/, docs/performance.md); figure 5 waits
# at the cloud's pace (3 s transitions), figure 6 is the inventory plugin, figure 7 the editions at 3 s
# (about 15 min), figure 8 the 1000-VPC rollouts (about an hour on 2 shared cores).
# BENCH_ARGS="--figure 8" runs one alone.
bench: install
	env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY \
	    .venv/bin/python benchmarks/bench.py $(BENCH_ARGS)

units: install
	bash ci/test.sh units

# The collection's HTML docs (antsibull-docs + Sphinx, offline) in docs/build/html.
docs: install
	.venv/bin/python ci/docs.py

# The topology pictures of docs/topology.md and docs/scenarios/*.md, drawn again from make demo's builds.
docs-pictures: install
	bash ci/demo.sh --pictures

# The execution environment's build context (ansible-builder create) in ee-context/;
# build the image from it with podman or docker.
ee-context: install
	bash ci/ee_context.sh

# A release's notes: CHANGELOG.rst and changelogs/changelog.yaml for galaxy.yml's version, from
# changelogs/fragments/, which it removes (commit them all together). Once per release, when every
# fragment of it is in (CONTRIBUTING.md, "Releasing").
release-notes: install
	env PATH="$(CURDIR)/.venv/bin:$$PATH" antsibull-changelog release

# Removes what builds and tests leave in the checkout (not .venv, .tmp/cores nor .tmp/wheels: make install is
# quick to re-run but slow to redo from nothing; remove .venv by hand for that).
clean:
	rm -rf .tmp/collections .tmp/prime .tmp/test-logs .tmp/demo .tmp/cores-play .tmp/installed .tmp/*.log .tmp/test.lock \
	    tests/output .ansible .pytest_cache collections *.tar.gz \
	    .tmp/docs .tmp/bench docs/build build/ee ee-context
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
