# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API-economy rules of figure 2 (docs/performance.md) on the Enterprise reference topology.

benchmarks/enterprise.yml (no role manages transit routers yet): a CEN, a transit router in cn-hangzhou and
one in cn-shanghai, three VPC attachments through vSwitches in two zones (two in Hangzhou, one of them
another account's VPC granted to the CEN, one in Shanghai), an inter-region attachment, a custom route table
with one association and one propagation, and a static route in it. Counted from the emulator's call log:

* first converge: one write per resource or step, none refused or repeated. Each association and
  propagation is a record of its own made by a write of its own, so it counts as a resource; a router's
  System route table comes with the router and is no resource of its own;
* re-run: no write, and at most 2 reads per resource for every task (the bench_timer callback notes where
  each task's calls start), not only on average;
* teardown: every table as it was before the converge, with one delete per resource that does not go with
  another (the System links of an attachment go with it), none refused.

Times are never asserted.
"""

import collections

from harness import economy, topology
from harness.ansible import ROOT
from harness.emulator import Emulator

ENTERPRISE = ROOT + "/benchmarks/enterprise.yml"

# Task of benchmarks/enterprise.yml -> the resources it manages (what its re-run reads are divided by).
RESOURCES = {
    "The CEN": 1,
    "A transit router in each region": 2,
    "The other account grants its VPC to the CEN": 1,
    # 3 attachments; the two not routed by the custom table associated with and propagating into the System table
    "The VPC attachments, the routed one's links left to its custom table": 3 + 2 + 2,
    # the attachment, associated with and propagating into the System table of each end
    "The routers joined across the regions": 1 + 2 + 2,
    # the table, its association and its propagation: 3 reads, one list each (the API lists a table's
    # associations and its propagations separately, so a table with both links cannot be read in fewer)
    "The custom route table of the routed VPC": 1 + 1 + 1,
    "Its static route towards the granted VPC": 1,
}


def test_enterprise_topology_writes_once_per_resource_and_rereads_at_most_twice_per_resource(tmp_path):
    world = topology.Enterprise()
    with Emulator(world.seed(), str(tmp_path / "emulator"), transition_seconds=0.1) as emulator:
        converge, rerun, teardown = economy.run_phases(emulator, ENTERPRISE, str(tmp_path), [
            ("converge", world.playbook_vars()), ("rerun", world.playbook_vars()),
            ("teardown", world.playbook_vars("absent"))], calls_by_task=True)

    made = economy.created(converge.before, converge.after)
    assert dict((kind, len(records)) for kind, records in made.items()) == {
        "cen": 1, "transit_router": 2, "tr_route_table": 2 + 1, "grant": 1, "tr_attachment": 3 + 1,
        "tr_association": 5, "tr_propagation": 5, "tr_route_entry": 1}
    assert converge.writes == collections.Counter({
        "CreateCen": 1,
        "CreateTransitRouter": 2,  # each with its System route table
        "GrantInstanceToTransitRouter": 1,  # by the VPC's account
        "CreateTransitRouterVpcAttachment": 3,
        "CreateTransitRouterPeerAttachment": 1,
        "CreateTransitRouterRouteTable": 1,
        # 2 VPC attachments and both ends of the peer attachment with the System tables, the routed VPC with
        # the custom table
        "AssociateTransitRouterAttachmentWithRouteTable": 5,
        "EnableTransitRouterRouteTablePropagation": 5,
        "CreateTransitRouterRouteEntry": 1,
    })
    first, second, third, managed = economy.judge(converge, rerun, teardown)
    assert managed == sum(RESOURCES.values()) == 20
    assert first == (True, "20 writes for 20 resources + 0 steps"), first
    assert second[0], "re-run: " + second[1]
    assert third == (True, "0 left"), third
    assert teardown.writes == collections.Counter({
        "DeleteTransitRouterRouteEntry": 1,
        # the routed VPC's links with the custom table; the other links go with their attachments
        "DissociateTransitRouterAttachmentFromRouteTable": 1,
        "DisableTransitRouterRouteTablePropagation": 1,
        "DeleteTransitRouterRouteTable": 1,
        "DeleteTransitRouterPeerAttachment": 1,
        "DeleteTransitRouterVpcAttachment": 3,
        "RevokeInstanceFromTransitRouter": 1,
        "DeleteTransitRouter": 2,
        "DeleteCen": 1,
    })

    reads = economy.reads_by_task(rerun)
    assert set(reads) == set(RESOURCES)
    over = dict((task, "%d reads for %d resources" % (reads[task], n)) for task, n in RESOURCES.items()
                if reads[task] > economy.MAX_READS_PER_RESOURCE * n)
    assert not over
