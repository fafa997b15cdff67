#!/usr/bin/env bash
# make test's cores step: tests/cores/play.yml on every ansible-core of ci/cores.txt, each
# from its own venv (.tmp/cores/<core>, built by make install) against a fresh emulator
# seeded with tests/cores/seed.yml.
#
# First, the SDKs of the core marked "lowest" (requirements.txt's lower bounds) must carry
# every API field the code uses (ci/sdk_fields.py). Then each run must pass its asserts
# (build, re-run with nothing changed, reads, teardown), and its -vvv log must show the
# two doors where the play asks for them: the info modules ran as modules (AnsiballZ),
# the others in the controller's worker.
# A core without a venv (make install found no Python for it) is reported SKIPPED by
# name; the step fails when a run fails or when no core ran at all.
#
#   bash ci/cores.sh            every core of ci/cores.txt
#   bash ci/cores.sh 2.16.19    only these
#
# Environment: CORES_VENVS, where the venvs are (default .tmp/cores of this checkout;
# make test runs this script in its copy of the checkout and points it at the original).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venvs=${CORES_VENVS:-$root/.tmp/cores}
if [ -x "$root/.venv/bin/python" ]; then
    # shellcheck disable=SC1091  # created by make install
    source "$root/.venv/bin/activate"
fi
# The SDK ignores NO_PROXY: a proxy must never see the loopback emulator.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

work=$root/.tmp/cores-play
rm -rf "$work"
mkdir -p "$work"
# ansible-playbook finds the collection through a tree that ends in
# ansible_collections/alicloud/interconnect; make test provides one (its copy of
# the checkout), otherwise a symlink to this checkout does.
if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
    mkdir -p "$work/collections/ansible_collections/alicloud"
    ln -s "$root" "$work/collections/ansible_collections/alicloud/interconnect"
    export ANSIBLE_COLLECTIONS_PATH=$work/collections
fi
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0
unset ALICLOUD_INTERCONNECT_MODULE_DOOR

say() { printf 'cores: %s\n' "$*"; }

wanted=("$@")
for core in "${wanted[@]}"; do
    awk -v core="$core" '$1 == core { found = 1 } END { exit !found }' ci/cores.txt \
        || { say "no ansible-core $core in ci/cores.txt" >&2; exit 2; }
done

emulator_pid=
stop_emulator() {
    if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill "$emulator_pid"
        wait "$emulator_pid" 2>/dev/null || true
    fi
    emulator_pid=
}
trap stop_emulator EXIT
trap 'exit 130' INT TERM

start_emulator() {  # log file; sets ALICLOUD_ENDPOINT
    alicloud-emulator serve --host 127.0.0.1 --port 0 --seed tests/cores/seed.yml \
        --transition-seconds 0.05 >"$1" 2>&1 </dev/null &
    emulator_pid=$!
    local url='' _
    for _ in $(seq 300); do
        url=$(sed -n 's#^listening on \(http://[^ ]*\).*#\1#p' "$1")
        [ -n "$url" ] && break
        kill -0 "$emulator_pid" 2>/dev/null || { cat "$1" >&2; say "the emulator exited before listening" >&2; return 1; }
        sleep 0.1
    done
    [ -n "$url" ] || { say "the emulator did not listen within 30 s" >&2; return 1; }
    export ALICLOUD_ENDPOINT=$url
}

# Checks one run's log; prints what is wrong, if anything.
check_log() {  # log
    local recap module
    recap=$(sed -n '/^PLAY RECAP/,$p' "$1")
    grep -qE 'failed=0 ' <<<"$recap" || echo "a task failed"
    grep -qE 'unreachable=0 ' <<<"$recap" || echo "localhost was unreachable"
    for module in cen_instance_info cen_attachment_info; do
        grep -q "AnsiballZ_$module\.py" "$1" || echo "$module did not run as a module (the switch did not work)"
    done
    for module in cen_instance cen_attachment; do
        ! grep -q "AnsiballZ_$module\.py" "$1" || echo "$module ran as a module, not in the controller's worker"
    done
}

# requirements.txt's lower bounds against the fields the code uses (ci/sdk_fields.py): the
# venv with the lowest SDKs (ci/cores.txt) against .venv, which has the tested pins.
lowest=$(awk '$3 == "lowest" { print $1; exit }' ci/cores.txt)
if [ -x "$venvs/$lowest/bin/python" ]; then
    python ci/sdk_fields.py dump >"$work/sdk-fields-pinned.json"
    "$venvs/$lowest/bin/python" ci/sdk_fields.py dump >"$work/sdk-fields-lowest.json"
    python ci/sdk_fields.py compare "$work/sdk-fields-pinned.json" "$work/sdk-fields-lowest.json"
else
    say "SKIPPED the SDK lower-bound check: no venv at $venvs/$lowest"
fi

ran=() skipped=() failed=()
while read -r core python _; do
    case $core in '' | '#'*) continue ;; esac
    if [ "${#wanted[@]}" != 0 ] && ! printf '%s\n' "${wanted[@]}" | grep -qxF -- "$core"; then
        continue
    fi
    venv=$venvs/$core
    if [ ! -x "$venv/bin/ansible-playbook" ]; then
        say "SKIPPED ansible-core $core: no venv at $venv (make install found no Python $python)"
        skipped+=("$core")
        continue
    fi
    start=$SECONDS
    start_emulator "$work/emulator-$core.log"
    log=$work/play-$core.log
    rc=0
    PATH=$venv/bin:$PATH "$venv/bin/ansible-playbook" -vvv tests/cores/play.yml >"$log" 2>&1 || rc=$?
    stop_emulator
    problems=$(check_log "$log")
    [ "$rc" = 0 ] || problems="ansible-playbook exited $rc${problems:+; $problems}"
    if [ -n "$problems" ]; then
        sed -n '/^TASK \[/,$p' "$log" | grep -vE '^(<127\.0\.0\.1>|Using module file|Pipelining is|EXEC|PUT|ESTABLISH)' | tail -60
        say "FAILED ansible-core $core (Python $python): $(tr '\n' ';' <<<"$problems") (log $log)"
        failed+=("$core")
    else
        say "ok ansible-core $core (Python $python, $("$venv/bin/python" -V 2>&1 | cut -d' ' -f2)) in $((SECONDS - start)) s"
        ran+=("$core")
    fi
done <ci/cores.txt

say "passed: ${ran[*]:-none}; skipped: ${skipped[*]:-none}; failed: ${failed[*]:-none}"
[ "${#failed[@]}" = 0 ] && [ "${#ran[@]}" != 0 ]
