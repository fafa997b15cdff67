#!/usr/bin/env bash
# make test's installed step: the collection as users get it.
#
# 1. builds the tarball (ansible-galaxy collection build);
# 2. makes a fresh venv and fills it from the wheels make install built
#    (.tmp/wheels/installed: ansible-core and requirements.txt's SDKs, pinned), nothing else;
# 3. installs the tarball with ansible-galaxy collection install into an empty collections
#    path, the only one the runs see: ansible-galaxy collection list must find the collection
#    there and nowhere else, and no path in the runs' -vvv logs may lead to another copy;
# 4. runs the installed copy's playbooks/e1_same_region.yml (Enterprise edition) against a fresh
#    emulator seeded with the installed playbooks/emulator/demo-world.yml: a build, then a second
#    run with changed=0, then the emulator's state (/_emulator/state) must hold the CEN, its
#    transit router and both VPCs attached.
#
#   bash ci/installed.sh
#
# Environment: INSTALLED_TMP, where the wheels are (wheels/installed) and where the step
# works (installed/, kept for its logs); default .tmp of this checkout. make test runs this
# script in its copy of the checkout and points it at the original's: the step must work
# outside any ansible_collections tree.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -x "$root/.venv/bin/python" ]; then
    # shellcheck disable=SC1091  # created by make install
    source "$root/.venv/bin/activate"
fi
# The SDK ignores NO_PROXY: a proxy must never see the loopback emulator.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

tmp=${INSTALLED_TMP:-$root/.tmp}
wheels=$tmp/wheels/installed
work=$tmp/installed
say() { printf 'installed: %s\n' "$*"; }
fail() { say "$*" >&2; exit 1; }

[ -f "$wheels/.stamp" ] || fail "no wheels at $wheels; run 'make install'"
# The emulator is the project's (.venv), not part of what users install.
emulator=$(command -v alicloud-emulator) || fail "no alicloud-emulator on PATH; run 'make install'"
toolchain=$(dirname "$emulator")
rm -rf "$work"
mkdir -p "$work/dist" "$work/collections"

# ---- 1-3: tarball, fresh venv, clean install ------------------------------------
ansible-galaxy collection build --output-path "$work/dist" . >"$work/tarball.log"
tarball=$(echo "$work"/dist/alicloud-interconnect-*.tar.gz)
version=$(python -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' galaxy.yml)
say "built $(basename "$tarball") in $SECONDS s"

# The interpreter .venv was made with: the wheels were built for it.
python_base=$(python -c 'import sys; print(sys._base_executable)')
# .venv's pip fills it (a pip of its own would only slow the step down).
"$python_base" -m venv --without-pip "$work/venv"
fresh=$work/venv/bin
python -m pip --python "$fresh/python" install --quiet --disable-pip-version-check --no-compile \
    --no-index --find-links "$wheels" ansible-core -r requirements.txt -c "$wheels/constraints.txt"
say "fresh venv: $("$fresh/ansible" --version | head -n 1), SDKs of requirements.txt ($SECONDS s)"

# From here on only the fresh venv: its bin first, the toolchain's off PATH, one collections path.
PATH=$fresh:$(tr ':' '\n' <<<"$PATH" | grep -vxF "$toolchain" | paste -sd:)
export PATH
unset VIRTUAL_ENV PYTHONPATH ANSIBLE_CONFIG ALICLOUD_INTERCONNECT_MODULE_DOOR
export ANSIBLE_COLLECTIONS_PATH=$work/collections ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0
collection=$work/collections/ansible_collections/alicloud/interconnect

ansible-galaxy collection install "$tarball" -p "$work/collections" >"$work/install.log"
ansible-galaxy collection list alicloud.interconnect --format json >"$work/list.json"
python - "$work/list.json" "$work/collections/ansible_collections" "$version" <<'PY' || exit 1
import json
import sys

listed, path, version = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
found = dict((where, entries["alicloud.interconnect"]["version"]) for where, entries in listed.items()
             if "alicloud.interconnect" in entries)
if found != {path: version}:
    sys.exit("installed: ansible-galaxy collection list finds alicloud.interconnect at %s, not only %s %s"
             % (found, path, version))
PY
say "ansible-galaxy collection list: alicloud.interconnect $version at $collection only"

# ---- 4: the scenario against the emulator ----------------------------------------
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

"$emulator" serve --host 127.0.0.1 --port 0 \
    --seed "$collection/playbooks/emulator/demo-world.yml" --transition-seconds 0.05 \
    >"$work/emulator.log" 2>&1 </dev/null &
emulator_pid=$!
url=
for _ in $(seq 300); do
    url=$(sed -n 's#^listening on \(http://[^ ]*\).*#\1#p' "$work/emulator.log")
    [ -n "$url" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; fail "the emulator exited before listening"; }
    sleep 0.1
done
[ -n "$url" ] || fail "the emulator did not listen within 30 s"
export ALICLOUD_ENDPOINT=$url

# run NAME: the installed E1 playbook; prints the sum of its changed counts.
run() {
    local log=$work/$1.log recap rc=0
    # From $work: no ansible.cfg, no collections/ next to the playbook.
    (cd "$work" && ansible-playbook -vvv -i "$collection/playbooks/inventory/demo" \
        "$collection/playbooks/e1_same_region.yml" >"$log" 2>&1) || rc=$?
    recap=$(sed -n '/^PLAY RECAP/,$p' "$log")
    if [ "$rc" != 0 ] || ! grep -q 'failed=0 ' <<<"$recap"; then
        sed -n '/^TASK \[/,$p' "$log" | grep -vE '^(<127\.0\.0\.1>|EXEC|PUT|ESTABLISH)' | tail -n 40 >&2
        fail "$1: ansible-playbook exited $rc (log $log)"
    fi
    # Every collection path the run touched is the clean install's.
    if grep -oE '/[^ "'\'']*/ansible_collections/alicloud/interconnect' "$log" | grep -vxF "$collection" | sort -u \
        | grep . >&2; then
        fail "$1: the run used alicloud.interconnect from the paths above, not only $collection"
    fi
    grep -qF "$collection/" "$log" || fail "$1: the -vvv log names no file of $collection"
    grep -oE 'changed=[0-9]+' <<<"$recap" | awk -F= '{ total += $2 } END { print total + 0 }'
}

changed=$(run apply)
[ "$changed" != 0 ] || fail "apply: changed=0 on a fresh emulator (nothing was built)"
say "e1_same_region from the installed collection: applied, changed=$changed ($SECONDS s)"
changed=$(run again)
[ "$changed" = 0 ] || fail "again: changed=$changed on the second run (log $work/again.log)"
say "e1_same_region again: changed=0 ($SECONDS s)"

python - "$url" <<'PY'
import json
import sys
import urllib.request

opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
with opener.open(sys.argv[1] + "/_emulator/state", timeout=30) as answer:
    tables = json.loads(answer.read().decode("utf-8"))["tables"]
cens = [cen for cen in tables.get("cen", {}).values() if cen.get("Name") == "interconnect-e1"]
if len(cens) != 1:
    sys.exit("installed: the emulator holds %d CENs named interconnect-e1, not 1" % len(cens))
cen_id = cens[0]["CenId"]
routers = [tr for tr in tables.get("transit_router", {}).values()
           if tr["CenId"] == cen_id and tr["RegionId"] == "cn-hangzhou"]
if len(routers) != 1:
    sys.exit("installed: %s has %d transit routers in cn-hangzhou, not 1" % (cen_id, len(routers)))
attached = sorted(att["VpcId"] for att in tables.get("tr_attachment", {}).values()
                  if att.get("TransitRouterId") == routers[0]["TransitRouterId"]
                  and att.get("ResourceType") == "VPC" and att.get("Status") == "Attached")
if attached != ["vpc-e1db", "vpc-e1web"]:
    sys.exit("installed: the VPCs attached to %s are %s, not vpc-e1db and vpc-e1web"
             % (routers[0]["TransitRouterId"], attached))
print("installed: the emulator holds %s, its transit router %s and both VPCs attached"
      % (cen_id, routers[0]["TransitRouterId"]))
PY
