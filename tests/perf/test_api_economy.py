# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figures 2 and 3 of docs/performance.md, checked exactly by counting the emulator's calls.

* The reference topology (3 accounts, 4 regions in 2 areas, 12 VPCs: a CEN with cross-area
  bandwidth, a router-interface peering, a VpcPeer peering): the first converge writes once per
  resource it creates (plus the steps the API requires), refuses nothing and repeats nothing; a
  re-run writes nothing and reads at most twice per managed resource; the teardown leaves every
  table as it was before.
* playbooks/rollout.yml, reduced to 8 VPCs in 2 accounts and 2 regions: the same rules, and the
  number of module invocations is the same as for 4 VPCs in the same accounts and regions. On the
  Enterprise edition (transit routers) the invocations alone, for 4 and 2 VPCs in one account and
  two regions.

Times are never asserted (make bench prints them).
"""

import collections

from harness import economy, scale, topology
from harness.ansible import ROOT
from harness.emulator import Emulator

REFERENCE = ROOT + "/benchmarks/reference.yml"


def assert_economy(converge, rerun, teardown):
    first, second, third, managed = economy.judge(converge, rerun, teardown)
    assert managed > 0
    assert first[0], "first converge: " + first[1]
    assert second[0], "re-run: " + second[1]
    assert third[0], "teardown: " + third[1]
    return managed


def test_reference_topology_writes_once_per_resource_and_rereads_little(tmp_path):
    world = topology.Reference()
    with Emulator(world.seed(), str(tmp_path / "emulator"), transition_seconds=0.1) as emulator:
        phases = economy.run_phases(emulator, REFERENCE, str(tmp_path), [
            ("converge", world.playbook_vars("present")),
            ("rerun", world.playbook_vars("present")),
            ("teardown", world.playbook_vars("absent")),
        ])
    converge = phases[0]
    made = economy.created(converge.before, converge.after)
    # the CEN with its 8 members, 6 of them in the two other accounts and granted from there, a package
    # and a limit for each of the 3 region pairs (China, China - North America, North America), both
    # peerings with a route each way
    assert dict((kind, len(records)) for kind, records in made.items()) == {
        "cen": 1, "cen_attachment": 8, "grant": 6, "cen_bwp": 3, "cen_limit": 3,
        "router_interface": 2, "vpc_peer": 1, "route_entry": 4}
    assert converge.writes == collections.Counter({
        "CreateCen": 1, "GrantInstanceToCen": 6, "AttachCenChildInstance": 8, "CreateCenBandwidthPackage": 3,
        "AssociateCenBandwidthPackage": 3, "SetCenInterRegionBandwidthLimit": 3, "CreateRouterInterface": 2,
        "ModifyRouterInterfaceAttribute": 1, "ConnectRouterInterface": 1, "CreateVpcPeerConnection": 1,
        "AcceptVpcPeerConnection": 1, "CreateRouteEntry": 4})
    assert assert_economy(*phases) == 28


def test_rollout_economy_and_invocations_that_do_not_follow_the_vpcs(tmp_path):
    regions = ("cn-hangzhou", "us-west-1")
    small, large = topology.Scale(4, 2, regions), topology.Scale(8, 2, regions)
    (small_converge,) = scale.converge(small, str(tmp_path / "small"), rerun=False)
    workdir = str(tmp_path / "large")
    paths = large.write(workdir)
    with Emulator(large.seed(), workdir + "/emulator", transition_seconds=0.1) as emulator:
        phases = economy.run_phases(emulator, scale.ROLLOUT, workdir, [
            ("converge", large.extra_vars()), ("rerun", large.extra_vars()), ("teardown", large.extra_vars("absent"))],
            inventory=paths["inventory"], forks=scale.FORKS)
    assert assert_economy(*phases) > 8
    assert phases[0].run.invocations() == small_converge.run.invocations()


def test_enterprise_rollout_invocations_do_not_follow_the_vpcs(tmp_path):
    regions = ("cn-hangzhou", "us-west-1")
    small, large = topology.Scale(2, 1, regions, "enterprise"), topology.Scale(4, 1, regions, "enterprise")
    (small_converge,) = scale.converge(small, str(tmp_path / "small"), rerun=False, transition_seconds=0.1)
    (large_converge,) = scale.converge(large, str(tmp_path / "large"), rerun=False, transition_seconds=0.1)
    assert large_converge.run.invocations() == small_converge.run.invocations()
    assert not large_converge.refused
