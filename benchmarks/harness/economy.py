# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figure 2: the API calls a converge, a re-run and a teardown make, from the emulator's call log.

The rules, checked by counting (never by timing):

* first converge: the successful write calls are exactly one per resource created
  (the create, attach, grant or limit that made it) plus the steps the API requires
  on what was created - associating a bandwidth package with the CEN, giving an
  initiating router interface its opposite and connecting it, accepting a peering
  connection in the other account - and no write call is refused or repeated;
* re-run: no write call, and at most 2 read calls per managed resource (the
  resources the first converge created);
* teardown: every table of the emulator holds exactly what it held before the
  first converge.
"""

import collections

from harness.ansible import run_playbook

# Table of the emulator -> the write call that makes one record of it, or a function of the record giving
# that call, or None for a record that is part of another (a router's System route table).
CREATED_BY = {
    "cen": "CreateCen",
    "cen_attachment": "AttachCenChildInstance",
    "cen_bwp": "CreateCenBandwidthPackage",
    "cen_limit": "SetCenInterRegionBandwidthLimit",
    "grant": lambda r: "GrantInstanceToTransitRouter" if "OrderType" in r else "GrantInstanceToCen",
    "router_interface": "CreateRouterInterface",
    "route_entry": "CreateRouteEntry",
    "vpc_peer": "CreateVpcPeerConnection",
    "vpc": "CreateVpc",
    "vswitch": "CreateVSwitch",
    "transit_router": "CreateTransitRouter",
    "tr_attachment": lambda r: ("CreateTransitRouterPeerAttachment" if r.get("ResourceType") == "TR"
                                else "CreateTransitRouterVpcAttachment"),
    "tr_route_table": lambda r: (None if r.get("TransitRouterRouteTableType") == "System"
                                 else "CreateTransitRouterRouteTable"),
    "tr_association": "AssociateTransitRouterAttachmentWithRouteTable",
    "tr_propagation": "EnableTransitRouterRouteTablePropagation",
    "tr_route_entry": "CreateTransitRouterRouteEntry",
}

MAX_READS_PER_RESOURCE = 2


def table_ids(state):
    return dict((kind, set(records)) for kind, records in state["tables"].items())


def created(before, after):
    """``{kind: [record, ...]}`` of the records in state ``after`` that state ``before`` did not have."""
    old = table_ids(before)
    found = {}
    for kind, records in after["tables"].items():
        new = [records[i] for i in sorted(records) if i not in old.get(kind, set())]
        if new:
            found[kind] = new
    return found


def leftovers(before, after):
    """Records added or removed between two states, as ``["+kind id", "-kind id", ...]``."""
    old, new = table_ids(before), table_ids(after)
    changes = []
    for kind in sorted(set(old) | set(new)):
        changes += ["+%s %s" % (kind, i) for i in sorted(new.get(kind, set()) - old.get(kind, set()))]
        changes += ["-%s %s" % (kind, i) for i in sorted(old.get(kind, set()) - new.get(kind, set()))]
    return changes


def maker(kind, record):
    """The write call that made ``record`` of table ``kind``, or None when it is part of another record."""
    if kind not in CREATED_BY:
        raise ValueError("the converge created a record of %s, which no known write makes" % kind)
    made_by = CREATED_BY[kind]
    return made_by(record) if callable(made_by) else made_by


def expected_writes(new_records):
    """The write calls that make ``new_records`` (from created()), as a Counter of actions."""
    expected = collections.Counter()
    for kind, records in new_records.items():
        for record in records:
            action = maker(kind, record)
            if action:
                expected[action] += 1
    expected["AssociateCenBandwidthPackage"] += sum(1 for b in new_records.get("cen_bwp", []) if b.get("CenIds"))
    initiators = sum(1 for r in new_records.get("router_interface", []) if r.get("Role") == "InitiatingSide")
    expected["ModifyRouterInterfaceAttribute"] += initiators
    expected["ConnectRouterInterface"] += initiators
    expected["AcceptVpcPeerConnection"] += sum(1 for p in new_records.get("vpc_peer", [])
                                               if str(p.get("AcceptingOwnerUid")) != str(p.get("_account")))
    return +expected


def split_calls(calls):
    """(Counter of successful writes by action, list of refused writes, number of reads)."""
    writes = collections.Counter(c["action"] for c in calls if c["write"] and c["outcome"] == "ok")
    refused = [c for c in calls if c["write"] and c["outcome"] != "ok"]
    reads = sum(1 for c in calls if not c["write"])
    return writes, refused, reads


def counter_text(counter):
    return ", ".join("%d %s" % (n, action) for action, n in sorted(counter.items())) or "none"


class Phase:
    """One run of the playbook: its calls, and the states before and after."""

    def __init__(self, name, run, calls, before, after):
        self.name, self.run, self.calls, self.before, self.after = name, run, calls, before, after
        self.writes, self.refused, self.reads = split_calls(calls)


def run_phases(emulator, playbook, workdir, phases, inventory=None, forks=None, calls_by_task=False):
    """Run ``phases`` (``[(name, extra_vars)]``) in order against emulator; a Phase for each.

    With ``calls_by_task``, the bench_timer callback notes where each task's calls start (reads_by_task).
    """
    results = []
    environ = {"ALICLOUD_ENDPOINT": emulator.url}
    if calls_by_task:
        environ["BENCH_EMULATOR_URL"] = emulator.url
    for name, extra_vars in phases:
        before, since = emulator.state(), emulator.last_seq()
        run = run_playbook(playbook, workdir, inventory=inventory, extra_vars=extra_vars, forks=forks,
                           environ=environ, label=name)
        results.append(Phase(name, run, emulator.calls(since=since), before, emulator.state()))
    return results


def reads_by_task(phase):
    """``{task name: number of read calls}`` of a Phase run with ``calls_by_task=True``."""
    starts = sorted((r["calls_after"], r["task"]) for r in phase.run.records)
    reads = collections.Counter()
    for call in phase.calls:
        if not call["write"]:
            task = [name for after, name in starts if after < call["seq"]][-1]
            reads[task] += 1
    return reads


def judge(converge, rerun, teardown):
    """The verdicts of the three rules, each ``(ok, text)`` (the third None without a teardown), and the
    number of managed resources (the records the converge created that a write of their own made)."""
    new_records = created(converge.before, converge.after)
    managed = sum(1 for kind, records in new_records.items() for record in records if maker(kind, record))
    expected = expected_writes(new_records)
    extra, missing = converge.writes - expected, expected - converge.writes
    text = "%d writes for %d resources + %d steps" % (sum(converge.writes.values()), managed,
                                                      sum(expected.values()) - managed)
    if extra or missing:
        text += "; extra: %s; missing: %s" % (counter_text(extra), counter_text(missing))
    if converge.refused:
        text += "; %d refused (%s)" % (len(converge.refused), counter_text(collections.Counter(
            "%s %s" % (c["action"], c["outcome"]) for c in converge.refused)))
    first = (not extra and not missing and not converge.refused and managed > 0, text)

    rerun_writes = sum(rerun.writes.values()) + len(rerun.refused)
    per_resource = rerun.reads / float(managed) if managed else float("inf")
    second = (rerun_writes == 0 and per_resource <= MAX_READS_PER_RESOURCE,
              "%d writes, %d reads = %.2f per resource" % (rerun_writes, rerun.reads, per_resource))

    if teardown is None:
        return first, second, None, managed
    left = leftovers(converge.before, teardown.after)
    text = "%d left%s" % (len(left), (" (%s)" % ", ".join(left[:6])) if left else "")
    if teardown.refused:
        text += "; %d writes refused" % len(teardown.refused)
    third = (not left, text)
    return first, second, third, managed
