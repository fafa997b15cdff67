# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The counting rules of benchmarks/harness/economy.py fail when a run breaks them (no playbook runs here)."""

from collections import Counter

from harness import topology
from harness.economy import Phase, expected_writes, judge, reads_by_task

SEEDED = {"vpc": {"vpc-a": {}, "vpc-b": {}}, "route_entry": {"rte-sys": {}}}


def state(**added):
    tables = dict((kind, dict(records)) for kind, records in SEEDED.items())
    for kind, records in added.items():
        tables.setdefault(kind, {}).update(records)
    return {"tables": tables}


BUILT = state(
    cen={"cen-1": {}},
    cen_attachment={"cen-1|vpc-a": {}},
    cen_bwp={"cenbwp-1": {"CenIds": ["cen-1"]}},
    router_interface={"ri-1": {"Role": "InitiatingSide"}, "ri-2": {"Role": "AcceptingSide"}},
    vpc_peer={"pcc-1": {"AcceptingOwnerUid": 2, "_account": "1"}},
)


def call(action, write=True, outcome="ok"):
    return {"action": action, "write": write, "outcome": outcome}


CONVERGE_CALLS = [call(a) for a in (
    "CreateCen", "AttachCenChildInstance", "CreateCenBandwidthPackage", "AssociateCenBandwidthPackage",
    "CreateRouterInterface", "CreateRouterInterface", "ModifyRouterInterfaceAttribute", "ConnectRouterInterface",
    "CreateVpcPeerConnection", "AcceptVpcPeerConnection")] + [call("DescribeCens", write=False)]


def verdicts(converge_calls=None, rerun_calls=None, left=None):
    converge = Phase("converge", None, CONVERGE_CALLS if converge_calls is None else converge_calls, state(), BUILT)
    rerun = Phase("rerun", None, [call("DescribeCens", write=False)] * 12 if rerun_calls is None else rerun_calls,
                  BUILT, BUILT)
    teardown = Phase("teardown", None, [], BUILT, state(**(left or {})))
    return judge(converge, rerun, teardown)


def test_a_clean_converge_rerun_and_teardown_pass():
    first, second, third, managed = verdicts()
    assert managed == 6
    assert first == (True, "10 writes for 6 resources + 4 steps")
    assert second == (True, "0 writes, 12 reads = 2.00 per resource")
    assert third == (True, "0 left")


def test_a_write_refused_or_repeated_fails_the_converge():
    refused = verdicts(CONVERGE_CALLS + [call("AttachCenChildInstance", outcome="Operation.Blocking")])[0]
    assert refused == (False, "10 writes for 6 resources + 4 steps; 1 refused (1 AttachCenChildInstance "
                              "Operation.Blocking)")
    repeated = verdicts(CONVERGE_CALLS + [call("CreateCen")])[0]
    assert repeated == (False, "11 writes for 6 resources + 4 steps; extra: 1 CreateCen; missing: none")
    skipped = verdicts(CONVERGE_CALLS[1:])[0]
    assert skipped == (False, "9 writes for 6 resources + 4 steps; extra: none; missing: 1 CreateCen")


def test_a_rerun_that_writes_or_reads_too_much_fails():
    assert verdicts(rerun_calls=[call("ModifyCenAttribute")])[1] == (False, "1 writes, 0 reads = 0.00 per resource")
    assert verdicts(rerun_calls=[call("DescribeCens", write=False)] * 13)[1] == \
        (False, "0 writes, 13 reads = 2.17 per resource")


def test_a_teardown_that_leaves_or_removes_a_record_fails():
    assert verdicts(left={"cen": {"cen-1": {}}})[2] == (False, "1 left (+cen cen-1)")
    teardown = Phase("teardown", None, [], BUILT, {"tables": {"vpc": {"vpc-a": {}}, "route_entry": {"rte-sys": {}}}})
    converge = Phase("converge", None, CONVERGE_CALLS, state(), BUILT)
    rerun = Phase("rerun", None, [], BUILT, BUILT)
    assert judge(converge, rerun, teardown)[2] == (False, "1 left (-vpc vpc-b)")


def test_topologies_are_spread_over_every_account_and_region_with_peerings_apart_from_the_cen():
    reference = topology.Reference()
    assert len(reference.vpcs) == 12
    assert set((v[1]["label"], v[2]) for v in reference.vpcs) == set(
        (a["label"], r) for a in reference.accounts for r in topology.REFERENCE_REGIONS)
    peered = [vpc for pair in reference.peerings() for vpc in pair]
    for first, second in reference.peerings():
        assert first[1] is not second[1] and first[2] != second[2]
    assert len(set(v[0] for v in peered)) == 4
    assert not set(v[0] for v in peered) & set(v[0] for v in reference.members())
    scale = topology.Scale()
    assert len(scale.vpcs) == 200 and len(set(v[3] for v in scale.vpcs)) == 200
    hosts = [h for group in scale.inventory()["cen_members"]["children"].values() for h in group["hosts"]]
    assert sorted(hosts) == sorted(v[0] for v in scale.vpcs)


def test_transit_router_records_are_counted_by_the_write_that_made_them():
    made = {"transit_router": [{}], "tr_route_table": [{"TransitRouterRouteTableType": "System"},
                                                       {"TransitRouterRouteTableType": "Custom"}],
            "tr_attachment": [{"ResourceType": "VPC"}, {"ResourceType": "TR"}],
            "grant": [{"OrderType": "PayByCenOwner"}, {}], "tr_association": [{}], "tr_propagation": [{}]}
    assert expected_writes(made) == Counter({
        "CreateTransitRouter": 1, "CreateTransitRouterRouteTable": 1, "CreateTransitRouterVpcAttachment": 1,
        "CreateTransitRouterPeerAttachment": 1, "GrantInstanceToTransitRouter": 1, "GrantInstanceToCen": 1,
        "AssociateTransitRouterAttachmentWithRouteTable": 1, "EnableTransitRouterRouteTablePropagation": 1})


class FakeRun:
    def __init__(self, records):
        self.records = records


def test_reads_are_given_to_the_task_that_was_running():
    calls = [dict(call("DescribeCens", write=False), seq=s) for s in (3, 4, 6)] + [dict(call("CreateCen"), seq=5)]
    run = FakeRun([{"task": "first", "calls_after": 2}, {"task": "second", "calls_after": 4}])
    assert reads_by_task(Phase("rerun", run, calls, BUILT, BUILT)) == Counter({"first": 2, "second": 1})
