#!/usr/bin/env bash
# make install: the project venv (.venv) with the pinned toolchain, the four SDKs
# and the emulator, the offline pip bootstrap ansible-test sanity needs, the
# test-only system packages (when root) and the primed sanity venvs; and one venv
# per ansible-core release of ci/cores.txt (.tmp/cores/<core>, for make test's
# cores step); and the wheels the installed step puts in a fresh venv (.tmp/wheels/installed).
#
# Quick when nothing changed: a stamp in .venv records a hash of everything that
# shapes the install (requirement files, this script, $HOME); a run with the same
# hash and the bootstrap file still in place does nothing. Each core's venv has
# its own stamp.
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

# ---- one venv per ansible-core release of ci/cores.txt (the cores step of make test) ----

# The base interpreter of a Python X.Y that can make venvs, found on PATH (where a pyenv
# shim may fail) or in pyenv's versions folder.
find_python() {  # X.Y
    local root candidate roots=("${PYENV_ROOT:-$HOME/.pyenv}") candidates=("$(command -v "python$1" || true)")
    # pyenv's own root too, for a $HOME other than the one pyenv was installed in.
    if command -v pyenv >/dev/null; then
        roots+=("$(dirname "$(dirname "$(readlink -f "$(command -v pyenv)")")")")
    fi
    for root in "${roots[@]}"; do
        candidates+=("$root"/versions/"$1".*/bin/"python$1")
    done
    for candidate in "${candidates[@]}" /usr/local/bin/"python$1" /usr/bin/"python$1"; do
        if [ -x "$candidate" ] && "$candidate" -c 'import ensurepip, os, sys, venv
print(os.path.join(sys.base_prefix, "bin", "python%d.%d" % sys.version_info[:2]))' 2>/dev/null; then
            return 0
        fi
    done
    return 1
}

# The SDK requirements a core's venv gets: requirements.txt, constrained to its lower
# bounds (lowest) or to requirements-dev.txt's pins (pinned).
sdk_constraints() {  # lowest|pinned
    case $1 in
        lowest) sed -n 's/^\(alibabacloud-[a-z0-9-]*\)>=\([0-9.]*\).*/\1==\2/p' requirements.txt ;;
        pinned) grep -E '^alibabacloud-[a-z0-9-]+==' requirements-dev.txt ;;
        *) echo "install: ci/cores.txt: unknown SDK set '$1'" >&2; return 1 ;;
    esac
}

# Quick when nothing changed: each venv keeps a stamp of what it was built from.
install_cores() {
    local core python sdks dir interpreter constraints wanted tried_pyenv=
    while read -r core python sdks; do
        case $core in '' | '#'*) continue ;; esac
        dir=$root/.tmp/cores/$core
        if ! interpreter=$(find_python "$python"); then
            if [ -z "$tried_pyenv" ] && command -v pyenv >/dev/null; then
                say "cores: no Python $python found; trying 'pyenv install $python'"
                timeout 900 pyenv install --skip-existing "$python" </dev/null >"$root/.tmp/pyenv-install-$python.log" 2>&1 \
                    || say "cores: pyenv install $python failed (.tmp/pyenv-install-$python.log)"
                tried_pyenv=1
            fi
            if ! interpreter=$(find_python "$python"); then
                say "cores: SKIP ansible-core $core: no Python $python (PATH, pyenv versions); make test reports it skipped"
                rm -rf "$dir"
                continue
            fi
        fi
        constraints=$(sdk_constraints "$sdks")
        # The stamp: the interpreter, then a hash of what is installed (comments aside).
        wanted=$( { printf '%s\n' "$core" "$PIP_VERSION" "$constraints"; "$interpreter" -V 2>&1
                    sed 's/#.*//; /^[[:space:]]*$/d' requirements.txt; } | sha256sum | cut -d' ' -f1)
        if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$(printf '%s\n' "$interpreter" "$wanted")" ]; then
            say "cores: ansible-core $core up to date (.tmp/cores/$core)"
            continue
        fi
        say "cores: ansible-core $core on $interpreter, $sdks SDKs (.tmp/cores/$core)"
        # Same interpreter: pip brings the venv to the new versions; another: a new venv.
        if [ ! -x "$dir/bin/python" ] || [ "$(head -n 1 "$dir/.stamp" 2>/dev/null)" != "$interpreter" ]; then
            rm -rf "$dir"
            "$interpreter" -m venv "$dir"
        fi
        rm -f "$dir/.stamp"
        printf '%s\n' "$constraints" >"$dir/sdk-constraints.txt"
        "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "pip==$PIP_VERSION"
        "$dir/bin/python" -m pip install --quiet --disable-pip-version-check \
            "ansible-core==$core" -r requirements.txt -c "$dir/sdk-constraints.txt"
        "$dir/bin/python" -m pip check >/dev/null || { "$dir/bin/python" -m pip check; exit 1; }
        printf '%s\n' "$interpreter" "$wanted" >"$dir/.stamp"
    done <ci/cores.txt
}

# ---- the wheels of make test's installed step (ci/installed.sh) ----
# What a user installs: ansible-core and requirements.txt's SDKs, at the versions
# requirements-dev.txt pins, built once by .venv's Python into .tmp/wheels/installed
# so that the step fills a fresh venv from them without reaching PyPI.
install_wheels() {
    local dir=$root/.tmp/wheels/installed pins wanted
    pins=$(grep -E '^(ansible-core|alibabacloud-[a-z0-9-]+)==' requirements-dev.txt)
    wanted=$( { printf '%s\n' "$pins"; "$py" -V 2>&1
                sed 's/#.*//; /^[[:space:]]*$/d' requirements.txt; } | sha256sum | cut -d' ' -f1)
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$wanted" ]; then
        say "installed step's wheels up to date (.tmp/wheels/installed)"
        return 0
    fi
    say "installed step's wheels: ansible-core, requirements.txt (.tmp/wheels/installed)"
    rm -rf "$dir"
    mkdir -p "$dir"
    printf '%s\n' "$pins" >"$dir/constraints.txt"
    "$py" -m pip wheel --quiet --disable-pip-version-check --wheel-dir "$dir" \
        ansible-core -r requirements.txt -c "$dir/constraints.txt"
    printf '%s\n' "$wanted" >"$dir/.stamp"
}

inputs=(requirements-dev.txt requirements.txt emulator/pyproject.toml bindep.txt
        ci/install.sh ci/get_pip_offline.py ci/build-constraints.txt)
wanted=$( { for f in "${inputs[@]}"; do printf '%s\n' "$f"; cat "$f"; done; printf 'HOME=%s\n' "$HOME"; } \
          | sha256sum | cut -d' ' -f1)

mkdir -p .tmp
install_cores

if [ "${FORCE:-0}" != 1 ] && [ -f "$stamp" ]; then
    read -r have bootstrap <"$stamp" || true
    if [ "$have" = "$wanted" ] && [ -f "$bootstrap" ]; then
        say "up to date (.venv, $bootstrap)"
        py=$venv/bin/python install_wheels
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
install_wheels

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
