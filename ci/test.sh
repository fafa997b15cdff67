#!/usr/bin/env bash
# make test: every check, in order, stopping at the first failure.
#
#   bash ci/test.sh              all steps
#   bash ci/test.sh sanity lint  only these steps (names from STEPS below)
#
# The checks run in a copy of the collection (ci/mktree.py) at
# .tmp/collections/ansible_collections/alicloud/interconnect, with
# ANSIBLE_COLLECTIONS_PATH pointing at it, so ansible-test, ansible-lint and
# molecule work from any checkout path. A step that runs no test fails: an empty
# pytest session, ansible-test's "All targets skipped", an integration target that
# did not run, a molecule playbook that is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

# One line per step, run in this order: "name | glob that must match, or - | command".
# A step whose glob matches nothing is reported and passed over (a suite that is
# not written yet); a step that runs must run tests. Units stay last so the log
# ends with pytest's summary line.
STEPS=(
    "emulator    | -                                  | pytest_suite tests/emulator"
    "sanity      | -                                  | sanity"
    "lint        | -                                  | lint"
    "docs        | -                                  | docs_lint"
    "changelog   | -                                  | changelog_lint"
    "integration | -                                  | integration"
    "cores       | -                                  | cores"
    "molecule    | extensions/molecule/*/molecule.yml | molecule_scenarios"
    "playbooks   | playbooks/*.yml                    | scenario_playbooks"
    "installed   | -                                  | installed"
    "awx         | tests/awx                          | pytest_suite tests/awx"
    "docs-build  | tests/docs                         | pytest_suite tests/docs"
    "reliability | tests/reliability                  | pytest_suite tests/reliability"
    "perf        | tests/perf                         | pytest_suite tests/perf"
    "units       | -                                  | units"
)

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

if [ ! -x "$root/.venv/bin/ansible-test" ]; then
    echo "test: .venv is missing; run 'make install' first" >&2
    exit 1
fi
# shellcheck disable=SC1091  # created by make install
source "$root/.venv/bin/activate"
pyver=$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
log=$root/.tmp/test-logs
mkdir -p "$log"

# ---- step implementations -------------------------------------------------------

# Run a command, show its output and keep a copy in $log/<step>.log for the checks.
logged() {
    "$@" 2>&1 | tee "$log/$step.log"
}

fail_if_logged() {  # pattern message
    if grep -qE -- "$1" "$log/$step.log"; then
        echo "test: $step: $2" >&2
        return 1
    fi
}

pytest_suite() {  # directory
    # pytest exits 5 when it collected no test; skipped tests are tests that did not run, but
    # for one whose system package make install could not add (no apt-get; listed by -rs).
    # One worker per core; a file's tests stay together (module-scoped fixtures such as an emulator).
    logged python -m pytest -p no:cacheprovider -q -rs -n auto --dist loadfile "$1"
    if awk '/^SKIPPED/ && !/make install adds it where apt-get works/ { found = 1 } END { exit !found }' \
        "$log/$step.log"; then
        echo "test: $step: skipped tests (every test must run)" >&2
        return 1
    fi
}

ansible_test() {  # ansible-test command and arguments
    logged ansible-test "$@" --python "$pyver" --color no
    fail_if_logged 'All targets skipped' "ansible-test found nothing to test (no tests, or the copy is not a git repository)"
}

sanity() {
    ansible_test sanity
}

units() {
    ansible_test units
    fail_if_logged '^=+ .*[0-9]+ skipped.* in [0-9.]+s' "skipped unit tests (every test must run)"
}

lint() {
    logged ansible-lint --nocolor
}

docs_lint() {
    # Plugin and role docs (schema, markup, references) and the extra docs of docs/docsite/.
    logged antsibull-docs lint-collection-docs --plugin-docs .
}

changelog_lint() {
    # The fragments of changelogs/fragments/ and changelogs/changelog.yaml, as make release-notes
    # reads them; every version_added names a release (ci/version_added.py).
    logged antsibull-changelog lint
    antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml 2>&1 | tee -a "$log/$step.log"
    python ci/version_added.py 2>&1 | tee -a "$log/$step.log"
}

integration() {
    # Every target that is not a setup_/prepare_ helper must run. The targets run in two
    # ansible-test processes at once, one per core, each in its own copy of the tree (each
    # target starts its own emulator on a free port); the second one's log is appended.
    local expected=() halves=([0]="" [1]="") ran missing=() target name i=0 status=0 tree2 second
    for target in tests/integration/targets/*/; do
        name=$(basename "$target")
        case $name in setup_* | prepare_*) continue ;; esac
        expected+=("$name")
        halves[i % 2]+=" $name"
        i=$((i + 1))
    done
    tree2=$root/.tmp/collections-2
    # shellcheck disable=SC2086  # the halves are lists of target names
    (cd "$(python "$root/ci/mktree.py" "$tree2")" &&
        ANSIBLE_COLLECTIONS_PATH=$tree2 ansible-test integration ${halves[1]} --python "$pyver" --color no \
        >"$log/integration-2.log" 2>&1) &
    second=$!
    # shellcheck disable=SC2086
    ansible_test integration ${halves[0]} || status=$?
    wait "$second" || status=$?
    tee -a "$log/$step.log" <"$log/integration-2.log"
    fail_if_logged 'All targets skipped' "ansible-test found nothing to test"
    [ "$status" = 0 ] || return "$status"
    ran=$(grep -oE '^Running [^ ]+ integration test (role|playbook|script)' "$log/$step.log" | awk '{print $2}' | sort -u)
    for name in "${expected[@]}"; do
        grep -qx -- "$name" <<<"$ran" || missing+=("$name")
    done
    echo "test: integration: $(grep -c . <<<"$ran" || true) of ${#expected[@]} targets ran"
    if [ "${#expected[@]}" = 0 ] || [ -z "$ran" ]; then
        echo "test: integration: no integration target ran" >&2
        return 1
    fi
    if [ "${#missing[@]}" != 0 ]; then
        echo "test: integration: targets that did not run: ${missing[*]}" >&2
        return 1
    fi
}

cores() {
    # tests/cores/play.yml on every ansible-core of ci/cores.txt (2.16 to 2.21), each from
    # its venv (make install); a core whose Python is missing is reported SKIPPED by name.
    CORES_VENVS=$root/.tmp/cores logged bash ci/cores.sh
}

molecule_scenarios() {
    local file scenario
    : >"$log/$step.log"
    for file in extensions/molecule/*/molecule.yml; do
        scenario=$(basename "$(dirname "$file")")
        NO_COLOR=1 molecule test -s "$scenario" 2>&1 | tee -a "$log/$step.log"
    done
    fail_if_logged 'Missing playbook' "a scenario names a step whose playbook is missing"
}

scenario_playbooks() {
    # Every scenario playbook against a fresh emulator: build, build again with
    # changed=0 and no write, tear down to the seed (ci/demo.sh --check); then
    # the roles' argument specs against their defaults and ansible-doc.
    logged bash ci/demo.sh --check
    python ci/role_specs.py
}

installed() {
    # The tarball installed with ansible-galaxy into a clean collections path of a fresh venv
    # (wheels from make install), E1 run from it against the emulator (ci/installed.sh); it works
    # in the checkout's .tmp, outside this copy's ansible_collections tree.
    INSTALLED_TMP=$root/.tmp logged bash ci/installed.sh
}

# ---- runner -----------------------------------------------------------------------

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

selected=()
for entry in "${STEPS[@]}"; do
    IFS='|' read -r name _ _ <<<"$entry"
    name=$(trim "$name")
    if [ $# = 0 ]; then
        selected+=("$entry")
    else
        for want in "$@"; do [ "$want" = "$name" ] && selected+=("$entry"); done
    fi
done
if [ "${#selected[@]}" = 0 ] || { [ $# != 0 ] && [ "${#selected[@]}" != $# ]; }; then
    echo "test: unknown step in: $*" >&2
    echo "test: steps are:$(for e in "${STEPS[@]}"; do IFS='|' read -r n _ <<<"$e"; printf ' %s' "$(trim "$n")"; done)" >&2
    exit 2
fi

# One run at a time per checkout: the steps share the copy of the tree.
exec 9>"$root/.tmp/test.lock"
if ! flock -n 9; then
    echo "test: another 'make test' is running in this checkout; waiting for it"
    flock 9
fi

tree=$root/.tmp/collections
coll=$(python "$root/ci/mktree.py" "$tree")
export ANSIBLE_COLLECTIONS_PATH=$tree
cd "$coll"
echo "test: collection copy at $coll"

summary=()
report() {
    local line
    echo "test: ---- steps ----"
    for line in "${summary[@]}"; do echo "test:   $line"; done
}

total=${#selected[@]}
index=0
for entry in "${selected[@]}"; do
    IFS='|' read -r step path command <<<"$entry"
    step=$(trim "$step"); path=$(trim "$path"); command=$(trim "$command")
    index=$((index + 1))
    if [ "$path" != - ] && ! compgen -G "$path" >/dev/null; then
        summary+=("$(printf '%-12s not present (%s)' "$step" "$path")")
        echo "test: [$index/$total] $step: $path does not exist yet, nothing to run"
        continue
    fi
    # When units end the run, their pytest summary must be the log's last line:
    # report the other steps before it instead of after.
    ends_log=0
    if [ "$index" = "$total" ] && [ "$step" = units ]; then
        ends_log=1
        [ "$total" != 1 ] && report
    fi
    echo "test: [$index/$total] $step: $command"
    started=$SECONDS
    # The step runs outside any condition so that errexit holds inside it.
    set +e
    # shellcheck disable=SC2086  # the command is a function name and its words
    (set -e; $command)
    rc=$?
    set -e
    if [ "$rc" != 0 ]; then
        summary+=("$(printf '%-12s FAILED after %s s' "$step" $((SECONDS - started)))")
        report
        echo "test: FAILED at step '$step'" >&2
        exit 1
    fi
    summary+=("$(printf '%-12s ok in %s s' "$step" $((SECONDS - started)))")
    [ "$ends_log" = 1 ] || echo "test: [$index/$total] $step: ok in $((SECONDS - started)) s"
done
[ "$ends_log" = 1 ] || report
