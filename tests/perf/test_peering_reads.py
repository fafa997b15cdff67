# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A peering re-run reads at most 2 calls per resource (docs/performance.md, "Caching within a run").

The reference topology's re-run, each read given to the task that made it (the bench_timer callback notes
where each task's calls start): every router_interface and vpc_peer_connection task - which would otherwise
ask STS who its credentials act as and read its VPC again after the vpc_peering role's earlier tasks did -
reads at most twice per interface or connection it manages (one per loop item). Counts, never times.
The re-run takes the playbook's parts one after another (reference_serial=1): run at once, as the playbook
does by default, their tasks' calls interleave and could not be told apart.
"""

import collections

from harness import economy, topology
from harness.ansible import ROOT
from harness.emulator import Emulator

REFERENCE = ROOT + "/benchmarks/reference.yml"
PEERING_ACTIONS = ("alicloud.interconnect.router_interface", "alicloud.interconnect.vpc_peer_connection")


def reads_by_record(phase):
    """``[(task record, reads)]`` of a Phase run with calls_by_task."""
    records = sorted(phase.run.records, key=lambda r: r["calls_after"])
    reads = collections.Counter()
    for call in phase.calls:
        if not call["write"]:
            reads[[i for i, r in enumerate(records) if r["calls_after"] < call["seq"]][-1]] += 1
    return [(record, reads[i]) for i, record in enumerate(records)]


def test_peering_tasks_reread_at_most_twice_per_resource(tmp_path):
    world = topology.Reference()
    with Emulator(world.seed(), str(tmp_path / "emulator"), transition_seconds=0.1) as emulator:
        _converge, rerun = economy.run_phases(emulator, REFERENCE, str(tmp_path), [
            ("converge", world.playbook_vars("present")),
            ("rerun", dict(world.playbook_vars("present"), reference_serial=1))],
            calls_by_task=True)
    peering = [(r, n) for r, n in reads_by_record(rerun) if r["action"] in PEERING_ACTIONS and r["invocations"]]
    assert sorted(set(r["action"] for r, _n in peering)) == sorted(PEERING_ACTIONS)
    over = ["%s: %d reads for %d resources" % (r["task"], n, r["invocations"]) for r, n in peering
            if n > economy.MAX_READS_PER_RESOURCE * r["invocations"]]
    assert not over
    assert sum(rerun.writes.values()) == 0
