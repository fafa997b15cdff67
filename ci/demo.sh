#!/usr/bin/env bash
# make demo: every scenario playbook against a local emulator, end to end.
#
#   bash ci/demo.sh           the demo: build, build again (nothing changes), show
#                             what was built, tear it all down
#   bash ci/demo.sh --check   the `playbooks` step of make test: the same runs,
#                             without the summary, failing on any difference
#                             (and on a scenario guide whose picture is stale)
#   bash ci/demo.sh --pictures  the same runs as --check, writing each scenario's
#                             picture into its guide (docs/scenarios/*.md)
#
# 1. starts alicloud-emulator with playbooks/emulator/demo-world.yml (three
#    accounts, four regions in two areas) on a free port, and stops it on exit,
#    whatever happens;
# 2. runs S1..S6 (Basic-edition CEN and peerings), E1..E4 (Enterprise-edition
#    CEN on transit routers) and the inventory-driven rollout (playbooks/*.yml):
#    each must end with failed=0; the rollout's members are the VPCs tagged
#    cen=interconnect-rollout, found by the inventory plugin (playbooks/inventory/vpcs);
# 3. runs them again: each must report changed=0 and make no write call;
#    then tags hub-virginia out of the CEN (UnTagResources, ci/demo_tag.py), runs the
#    rollout (the VPC must leave the CEN), tags it back in and runs it again (it
#    must rejoin); draws what each scenario built (ci/scenario_pictures.py) and compares
#    it with the picture in its guide (--check fails on a difference, --pictures writes
#    the guide);
# 4. prints what the emulator holds, per CEN (its edition; Basic: members,
#    packages, limits; Enterprise: transit routers, attachments, System tables'
#    routes, links between regions) and peering, and per account and region
#    (ci/demo_report.py summary), and writes the picture of it (playbooks/topology.yml:
#    .tmp/demo/topology.mmd, and topology.svg where Graphviz's dot exists);
# 5. runs playbooks/teardown.yml (with the plugin's inventory too), then checks that the emulator holds exactly
#    what it was seeded with;
# 6. prints the time and API calls (from /_emulator/calls) of each run.
#
# Each run's output is kept in .tmp/demo/<phase>-<playbook>.log and shown when the
# run fails. Environment: DEMO_TRANSITION_SECONDS (how long asynchronous states
# last in the emulator, default 0.2).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mode=demo
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    --pictures) mode=pictures ;;
    *) echo "usage: bash ci/demo.sh [--check | --pictures]" >&2; exit 2 ;;
esac

# The SDK ignores NO_PROXY: a proxy must never see the loopback emulator.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
if [ -x "$root/.venv/bin/ansible-playbook" ]; then
    # shellcheck disable=SC1091  # created by make install
    source "$root/.venv/bin/activate"
fi
cd "$root"

work=$root/.tmp/demo
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
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_DEPRECATION_WARNINGS=0

say() { printf '%s\n' "$*"; }
report() { python ci/demo_report.py "$@"; }

# ---- the emulator ------------------------------------------------------------------
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

alicloud-emulator serve --host 127.0.0.1 --port 0 --seed playbooks/emulator/demo-world.yml \
    --transition-seconds "${DEMO_TRANSITION_SECONDS:-0.2}" >"$work/emulator.log" 2>&1 </dev/null &
emulator_pid=$!
url=
for _ in $(seq 300); do
    url=$(sed -n 's#^listening on \(http://[^ ]*\).*#\1#p' "$work/emulator.log")
    [ -n "$url" ] && break
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        cat "$work/emulator.log" >&2
        echo "demo: the emulator exited before listening" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "demo: the emulator did not listen within 30 s" >&2
    exit 1
fi
export ALICLOUD_ENDPOINT=$url
report snapshot "$url" "$work/seed.json"
say "demo: emulator at $url (seed playbooks/emulator/demo-world.yml: accounts hub, apps, data;"
say "      cn-hangzhou, cn-shanghai, us-west-1, us-east-1)"

# ---- runs --------------------------------------------------------------------------
playbooks=(s1_same_region s2_cross_region s3_cross_account s4_cross_account_cross_region
           s5_router_interface_peering s6_vpc_peer
           e1_same_region e2_cross_region e3_cross_account e4_cross_account_cross_region rollout)
timings=()

# The rollout and the teardown (which unbuilds the rollout) read the rollout's members from the
# inventory plugin; the scenario playbooks read no host.
inventory_of() {
    case $1 in
        rollout|teardown) echo playbooks/inventory/vpcs ;;
        *) echo playbooks/inventory/demo ;;
    esac
}

# run PHASE PLAYBOOK: one ansible-playbook run; checks its recap, records its cost.
run() {
    local phase=$1 playbook=$2 log start seq0 rc=0 recap changed failed calls
    log=$work/$phase-$playbook.log
    seq0=$(report seq "$url")
    start=$(date +%s.%N)
    ansible-playbook -i "$(inventory_of "$playbook")" "playbooks/$playbook.yml" >"$log" 2>&1 || rc=$?
    local took
    took=$(python -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    read -r calls writes reads < <(report calls "$url" "$seq0")
    recap=$(sed -n '/^PLAY RECAP/,$p' "$log")
    changed=$(grep -oE 'changed=[0-9]+' <<<"$recap" | awk -F= '{ total += $2 } END { print total + 0 }')
    failed=$(grep -oE '(failed|unreachable)=[1-9][0-9]*' <<<"$recap" || true)
    timings+=("$(printf '%-9s %-31s %6s s  changed=%-3s API calls %4s (%s writes, %s reads)' \
        "$phase" "$playbook" "$took" "$changed" "$calls" "$writes" "$reads")")
    if [ "$rc" != 0 ] || [ -n "$failed" ] || [ -z "$recap" ]; then
        tail -n 60 "$log" >&2
        echo "demo: $phase $playbook failed (exit $rc); full output in $log" >&2
        exit 1
    fi
    if [ "$phase" = again ] && { [ "$changed" != 0 ] || [ "$writes" != 0 ]; }; then
        grep -B2 -A12 -E '^changed:' "$log" >&2 || true
        echo "demo: $playbook changed something on its second run (changed=$changed, $writes write calls)" >&2
        exit 1
    fi
    say "$(printf 'demo: %-8s %-31s ok in %5s s, changed=%s' "$phase" "$playbook" "$took" "$changed")"
}

say "demo: ---- build every scenario"
for playbook in "${playbooks[@]}"; do run build "$playbook"; done
say "demo: ---- build again: nothing may change"
for playbook in "${playbooks[@]}"; do run again "$playbook"; done

# member_cen VPC: the CEN the inventory plugin sees VPC attached to ("None" when none).
member_cen() {
    local host_vars
    if ! host_vars=$(ansible-inventory -i playbooks/inventory/vpcs --host "$1" 2>"$work/inventory.err"); then
        cat "$work/inventory.err" >&2
        echo "demo: ansible-inventory -i playbooks/inventory/vpcs failed" >&2
        exit 1
    fi
    python -c 'import json, sys; print(json.load(sys.stdin)["cen_id"])' <<<"$host_vars"
}
# tag_hub_virginia KEY[=VALUE]: tag hub-virginia (the hub's VPC in us-east-1), or untag it.
tag_hub_virginia() {
    python ci/demo_tag.py "$url" DEMOHUBKEY demo-hub-secret us-east-1 vpc-hubvirginia "$1"
}
say "demo: ---- tag hub-virginia out of the CEN and back in: the rollout follows the tags"
cen=$(member_cen hub-virginia)
tag_hub_virginia cen
run tag-out rollout
if [ "$(member_cen hub-virginia)" != None ]; then
    echo "demo: hub-virginia, tagged out, is still attached to $cen" >&2
    exit 1
fi
tag_hub_virginia cen=interconnect-rollout
run tag-in rollout
if [ "$(member_cen hub-virginia)" != "$cen" ] || [ "$cen" = None ]; then
    echo "demo: hub-virginia, tagged back in, is attached to $(member_cen hub-virginia), not $cen" >&2
    exit 1
fi
say "demo: hub-virginia left $cen when tagged out and rejoined it when tagged back in"

# Each scenario guide shows what its scenario builds, as interconnect_info draws it.
python ci/scenario_pictures.py "$url" "$work/pictures"
if [ "$mode" = pictures ]; then
    python ci/scenario_pictures.py --write "$work/pictures"
    say "demo: the scenario guides' pictures are written (docs/scenarios/*.md)"
elif ! python ci/scenario_pictures.py --check "$work/pictures"; then
    echo "demo: a scenario guide's picture is not what the scenario builds (bash ci/demo.sh --pictures)" >&2
    if [ "$mode" = check ]; then exit 1; fi
fi

if [ "$mode" = demo ]; then
    say ""
    say "================================ what was built ================================"
    report summary "$url"
    say "================================================================================"
    say ""
    # The picture of it: interconnect_info's graph as Mermaid, and as SVG where Graphviz is installed.
    picture_log=$work/picture.log
    if ! ansible-playbook -i playbooks/inventory/demo playbooks/topology.yml -e "topology_dest=$work" \
        >"$picture_log" 2>&1; then
        tail -n 30 "$picture_log" >&2
        echo "demo: drawing what was built failed; full output in $picture_log" >&2
        exit 1
    fi
    picture="${work#"$root"/}/topology.mmd (Mermaid)"
    if command -v dot >/dev/null 2>&1; then
        dot -Tsvg "$work/topology.dot" -o "$work/topology.svg"
        picture="$picture and ${work#"$root"/}/topology.svg"
    fi
    say "demo: the picture of what was built: $picture"
    # Every pair of VPCs the graph connects is checked, also those of region pairs the rollout leaves
    # unlinked on purpose (it links a chain of regions): those directions are listed, not a failure.
    say "demo: directions that do not work, between VPCs of one CEN: $(grep -c . "$work/problems.txt" || true)"
    say "      (region pairs the rollout leaves unlinked), listed in ${work#"$root"/}/problems.txt"
    say ""
fi

say "demo: ---- tear everything down"
run teardown teardown
if ! report leftovers "$url" "$work/seed.json" >"$work/leftovers.txt"; then
    cat "$work/leftovers.txt" >&2
    echo "demo: the teardown left resources behind (or removed seeded ones)" >&2
    exit 1
fi
say "demo: the emulator holds exactly its seed again"

say ""
say "demo: ---- runs (time, changed tasks, API calls from /_emulator/calls)"
for line in "${timings[@]}"; do say "  $line"; done
stop_emulator
say "demo: done; logs in ${work#"$root"/}"
