#!/usr/bin/env bash
# make install: the project venv (.venv) with the pinned toolchain, the four SDKs
# and the emulator, the offline pip bootstrap ansible-test sanity needs, the
# test-only system packages (when root) and the primed sanity venvs.
#
# Quick when nothing changed: a stamp in .venv records a hash of everything that
# shapes the install (requirement files, this script, $HOME); a run with the same
# hash and the bootstrap file still in place does nothing.
#
# Environment: PYTHON (interpreter for the venv, default python3),
# FORCE=1 (ignore the stamp).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

PYTHON=${PYTHON:-python3}
PIP_VERSION=26.3
venv=$root/.venv
stamp=$venv/.install-stamp
cache=$HOME/.ansible/test/cache

say() { printf 'install: %s\n' "$*"; }

inputs=(requirements-dev.txt requirements.txt emulator/pyproject.toml bindep.txt
        ci/install.sh ci/get_pip_offline.py ci/build-constraints.txt)
wanted=$( { for f in "${inputs[@]}"; do printf '%s\n' "$f"; cat "$f"; done; printf 'HOME=%s\n' "$HOME"; } \
          | sha256sum | cut -d' ' -f1)

if [ "${FORCE:-0}" != 1 ] && [ -f "$stamp" ]; then
    read -r have bootstrap <"$stamp" || true
    if [ "$have" = "$wanted" ] && [ -f "$bootstrap" ]; then
        say "up to date (.venv, $bootstrap)"
        exit 0
    fi
fi

start=$SECONDS

if [ ! -x "$venv/bin/python" ]; then
    say "creating .venv with $PYTHON ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$venv"
fi
py=$venv/bin/python
rm -f "$stamp"

say "pip install (pinned: requirements-dev.txt)"
"$py" -m pip install --quiet --disable-pip-version-check "pip==$PIP_VERSION"
"$py" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# The emulator's dependencies are all pinned in requirements-dev.txt; --no-deps
# keeps anything unpinned out, and pip check fails if the emulator needs more.
mkdir -p .tmp
"$py" -m pip install --quiet --disable-pip-version-check --no-deps \
    --build-constraint ci/build-constraints.txt -e emulator >.tmp/install-emulator.log 2>&1 \
    || { cat .tmp/install-emulator.log; exit 1; }
"$py" -m pip check >/dev/null || { "$py" -m pip check; exit 1; }

# ansible-test sanity bootstraps pip in each of its venvs with a script it
# downloads from a host this machine cannot reach, unless the script is already
# in its cache. The pip version (and so the file name) comes from ansible-test.
pip_for_ansible_test=$("$py" - <<'PY'
import pathlib
import re

import ansible_test

source = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
print(re.search(r"pip='([0-9.]+)'", source.read_text()).group(1))
PY
)
bootstrap=$cache/get_pip_${pip_for_ansible_test//./_}.py
mkdir -p "$cache"
cp ci/get_pip_offline.py "$bootstrap"
say "offline pip bootstrap for ansible-test: $bootstrap"

# Test-only system packages (bindep.txt, profile "test"), e.g. shellcheck, which
# turns on ansible-test's shellcheck sanity test.
missing=()
while read -r package; do
    [ -n "$package" ] && missing+=("$package")
done < <("$venv/bin/bindep" -b test || true)
if [ "${#missing[@]}" = 0 ]; then
    say "system packages: all present"
elif [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "SKIP installing system packages (not root or no apt-get): ${missing[*]}"
    say "  without them the matching sanity tests only warn"
else
    say "apt-get install ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null; then
        apt-get update -qq </dev/null >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
    fi
fi

# ansible-test runs everything in the en_US.UTF-8 locale and, when the system
# lacks it, falls back to C.UTF-8 with a warning that it repeats at exit (after
# the test results). Compile it when we may (root): it is part of the system.
if locale -a 2>/dev/null | grep -qix 'en_US.utf-\?8'; then
    say "locale en_US.UTF-8: present"
elif [ "$(id -u)" = 0 ] && command -v localedef >/dev/null; then
    say "compiling locale en_US.UTF-8"
    localedef -i en_US -f UTF-8 en_US.UTF-8
else
    say "SKIP locale en_US.UTF-8 (not root or no localedef): ansible-test will use C.UTF-8 and warn"
fi

# Build every sanity venv now, so that make test does not spend ~100 s on it.
# Priming runs in its own copy of the tree so a concurrent make test keeps its own.
say "priming ansible-test sanity venvs"
pyver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
prime_tree=$root/.tmp/prime
coll=$("$py" ci/mktree.py "$prime_tree")
(
    cd "$coll"
    "$venv/bin/ansible-test" sanity --prime-venvs --python "$pyver" --color no >"$root/.tmp/prime-venvs.log" 2>&1 \
        || { cat "$root/.tmp/prime-venvs.log"; exit 1; }
)
rm -rf "$prime_tree"

printf '%s %s\n' "$wanted" "$bootstrap" >"$stamp"
say "done in $((SECONDS - start)) s"
