# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/reachability.py on graphs built here: a correct topology of each kind (Basic CEN, Enterprise
transit routers, VpcPeer, router interfaces) reaches both ways, and each broken one finds exactly its fault.
The same topologies built in the emulator are in tests/integration/targets/interconnect_info."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.reachability import problems, reachability
from ansible_collections.alicloud.interconnect.plugins.module_utils.topology import dot, mermaid

HZ, SH = "cn-hangzhou", "cn-shanghai"


def vpc(vpc_id, cidr, region, *routes):
    return dict(id=vpc_id, type="VPC", name="", region=region, cidrs=[cidr], read=True,
                route_table_id="vtb-" + vpc_id[4:],
                routes=[dict(destination=d, type="Custom", status="Available", next_hop_type=t, next_hop_id=h)
                        for d, t, h in routes])


def edge(edge_id, kind, source, target, status, **extra):
    types = dict(cen="attachment", transit_router="attachment", transit_router_peer="link",
                 router_interface="link", vpc_peer="peering")
    return dict(extra, id=edge_id, type=types[kind], kind=kind, source=source, target=target, status=status)


def table(associations, propagations, *routes):
    return dict(id="vtb-tr", name="", type="System", associations=list(associations), propagations=list(propagations),
                routes=[dict(destination=d, type="Propagated", status="Active", next_hop_type="Attachment",
                             next_hop_id=h) for d, h in routes])


def results_of(graph, pairs=None):
    return dict(((r["source"], r["target"]), r) for r in reachability(graph, pairs))


def assert_only(graph, fault):
    """Exactly one direction fails, or both with the same reason: ``fault`` = {(source, target): reason}."""
    found = results_of(graph)
    assert dict((pair, r["reason"]) for pair, r in found.items() if not r["reachable"]) == fault


# ---------------------------------------------------------------------------
# Basic edition CEN: routes learned from the members, a limit between regions
# ---------------------------------------------------------------------------

def basic():
    return dict(
        nodes=[vpc("vpc-a", "10.1.0.0/16", HZ), vpc("vpc-b", "10.2.0.0/16", SH),
               dict(id="cen-1", type="CEN", name="", edition="Basic", read=True, grants=[], bandwidth_packages=[],
                    bandwidth_limits=[dict(local_region=HZ, opposite_region=SH, bandwidth_limit=10, status="Active")])],
        edges=[edge("cen-1|vpc-a", "cen", "vpc-a", "cen-1", "Attached"),
               edge("cen-1|vpc-b", "cen", "vpc-b", "cen-1", "Attached")])


def test_basic_cen_members_reach_each_other_through_the_cen():
    found = results_of(basic())
    assert found[("vpc-a", "vpc-b")] == dict(source="vpc-a", target="vpc-b", reachable=True,
                                             path=["vpc-a", "cen-1", "vpc-b"], reason=None)
    assert found[("vpc-b", "vpc-a")]["reachable"]


def test_basic_cen_without_a_limit_between_the_regions():
    graph = basic()
    graph["nodes"][2]["bandwidth_limits"] = []
    reason = "no bandwidth between %s and %s in cen-1"
    assert_only(graph, {("vpc-a", "vpc-b"): reason % (HZ, SH), ("vpc-b", "vpc-a"): reason % (SH, HZ)})


def test_basic_cen_in_one_region_needs_no_limit():
    graph = basic()
    graph["nodes"][1]["region"] = HZ
    graph["nodes"][2]["bandwidth_limits"] = []
    assert_only(graph, {})


def test_basic_cen_with_a_member_still_attaching():
    graph = basic()
    graph["edges"][1]["status"] = "Attaching"
    reason = "vpc-b's attachment to cen-1 is Attaching"
    assert_only(graph, {("vpc-a", "vpc-b"): reason, ("vpc-b", "vpc-a"): reason})


def test_overlapping_cidr_blocks_are_named_both_ways():
    graph = basic()
    graph["nodes"][1]["cidrs"] = ["10.1.128.0/17"]
    assert_only(graph, {("vpc-a", "vpc-b"): "10.1.0.0/16 overlaps 10.1.128.0/17",
                        ("vpc-b", "vpc-a"): "10.1.128.0/17 overlaps 10.1.0.0/16"})


def test_a_more_specific_route_of_the_vpc_wins_over_the_cen():
    graph = basic()
    graph["nodes"][0]["routes"] = [dict(destination="10.2.0.0/16", type="Custom", status="Available",
                                        next_hop_type="Instance", next_hop_id="i-1")]
    assert_only(graph, {("vpc-a", "vpc-b"):
                        "vpc-a's route to 10.2.0.0/16 goes to Instance i-1, not to an interconnect"})


# ---------------------------------------------------------------------------
# Enterprise edition: transit routers, their tables, an inter-region attachment
# ---------------------------------------------------------------------------

def enterprise():
    return dict(
        nodes=[vpc("vpc-a", "10.1.0.0/16", HZ, ("10.2.0.0/16", "Attachment", "tr-attach-a")),
               vpc("vpc-b", "10.2.0.0/16", SH, ("10.1.0.0/16", "Attachment", "tr-attach-b")),
               dict(id="cen-1", type="CEN", name="", edition="Enterprise", read=True, bandwidth_limits=[]),
               dict(id="tr-1", type="TR", name="", region=HZ, cen_id="cen-1", read=True, route_tables=[
                   table(["tr-attach-a", "tr-attach-p"], ["tr-attach-a", "tr-attach-p"],
                         ("10.1.0.0/16", "tr-attach-a"), ("10.2.0.0/16", "tr-attach-p"))]),
               dict(id="tr-2", type="TR", name="", region=SH, cen_id="cen-1", read=True, route_tables=[
                   table(["tr-attach-b", "tr-attach-p"], ["tr-attach-b", "tr-attach-p"],
                         ("10.2.0.0/16", "tr-attach-b"), ("10.1.0.0/16", "tr-attach-p"))])],
        edges=[edge("tr-attach-a", "transit_router", "vpc-a", "tr-1", "Attached", auto_publish_route=False),
               edge("tr-attach-b", "transit_router", "vpc-b", "tr-2", "Attached", auto_publish_route=False),
               edge("tr-attach-p", "transit_router_peer", "tr-1", "tr-2", "Attached", bandwidth=10,
                    bandwidth_package_id=None)])


def router_table(graph, router_id):
    return [n for n in graph["nodes"] if n["id"] == router_id][0]["route_tables"][0]


def test_enterprise_path_goes_through_both_routers():
    found = results_of(enterprise())
    assert found[("vpc-a", "vpc-b")]["path"] == ["vpc-a", "tr-attach-a", "tr-1", "tr-attach-p", "tr-2",
                                                 "tr-attach-b", "vpc-b"]
    assert found[("vpc-b", "vpc-a")]["path"] == ["vpc-b", "tr-attach-b", "tr-2", "tr-attach-p", "tr-1",
                                                 "tr-attach-a", "vpc-a"]
    assert problems(reachability(enterprise())) == []


def test_enterprise_vpc_without_a_route_to_the_attachment():
    graph = enterprise()
    graph["nodes"][1]["routes"] = []
    assert_only(graph, {("vpc-b", "vpc-a"): "vpc-b's route table vtb-b has no route to 10.1.0.0/16"})


def test_enterprise_routes_published_by_the_router_are_enough():
    graph = enterprise()
    graph["nodes"][1]["routes"][0]["type"] = "CEN"  # as the router publishes it: AutoPublishRouteEnabled
    graph["edges"][1]["auto_publish_route"] = True
    assert_only(graph, {})


def test_enterprise_propagation_off_on_the_far_router():
    graph = enterprise()
    # tr-attach-b no longer propagates into tr-2's System table: tr-2, and tr-1 through the peer, lose 10.2.0.0/16.
    tr2 = router_table(graph, "tr-2")
    tr2["propagations"].remove("tr-attach-b")
    tr2["routes"] = [r for r in tr2["routes"] if r["destination"] != "10.2.0.0/16"]
    tr1 = router_table(graph, "tr-1")
    tr1["routes"] = [r for r in tr1["routes"] if r["destination"] != "10.2.0.0/16"]
    assert_only(graph, {("vpc-a", "vpc-b"): "propagation of tr-attach-b into the System table of tr-2 is off"})


def test_enterprise_auto_publish_names_what_the_router_lacks():
    graph = enterprise()
    graph["nodes"][0]["routes"] = []
    graph["edges"][0]["auto_publish_route"] = True
    tr1 = router_table(graph, "tr-1")
    tr1["propagations"].remove("tr-attach-p")
    tr1["routes"] = [r for r in tr1["routes"] if r["destination"] != "10.2.0.0/16"]
    assert_only(graph, {("vpc-a", "vpc-b"): "propagation of tr-attach-p into the System table of tr-1 is off"})


def test_enterprise_peer_attachment_without_bandwidth():
    graph = enterprise()
    graph["edges"][2]["bandwidth"] = 0
    reason = "no bandwidth between %s and %s (tr-attach-p has none)" % (HZ, SH)
    assert_only(graph, {("vpc-a", "vpc-b"): reason, ("vpc-b", "vpc-a"): reason})


def test_enterprise_without_an_inter_region_attachment():
    graph = enterprise()
    del graph["edges"][2]
    for router_id in ("tr-1", "tr-2"):
        tab = router_table(graph, router_id)
        tab["associations"].remove("tr-attach-p")
        tab["propagations"].remove("tr-attach-p")
        tab["routes"] = tab["routes"][:1]
    assert_only(graph, {("vpc-a", "vpc-b"): "no inter-region connection between tr-1 (%s) and tr-2 (%s)" % (HZ, SH),
                        ("vpc-b", "vpc-a"): "no inter-region connection between tr-2 (%s) and tr-1 (%s)" % (SH, HZ)})


def test_enterprise_target_attached_to_another_cen():
    graph = enterprise()
    graph["nodes"][4]["cen_id"] = "cen-2"
    graph["edges"] = graph["edges"][:2]
    for router_id in ("tr-1", "tr-2"):
        tab = router_table(graph, router_id)
        tab["routes"] = tab["routes"][:1]
    found = results_of(graph, [dict(source="vpc-a", target="vpc-b")])
    assert found[("vpc-a", "vpc-b")]["reason"] == "vpc-b is attached to no transit router of cen-1"
    assert found[("vpc-b", "vpc-a")]["reason"] == "vpc-a is attached to no transit router of cen-2"


def test_enterprise_attachment_associated_with_no_table():
    graph = enterprise()
    router_table(graph, "tr-1")["associations"].remove("tr-attach-a")
    assert_only(graph, {("vpc-a", "vpc-b"): "tr-attach-a is associated with no route table of tr-1"})


def test_enterprise_blackhole_route():
    graph = enterprise()
    route = router_table(graph, "tr-1")["routes"][1]
    route.update(type="Static", next_hop_type="BlackHole", next_hop_id=None)
    assert_only(graph, {("vpc-a", "vpc-b"): "the route to 10.2.0.0/16 in the System table of tr-1 is a blackhole"})


# ---------------------------------------------------------------------------
# VpcPeer and router interfaces: routes on both sides, an active connection, not transitive
# ---------------------------------------------------------------------------

def peering(status="Activated"):
    return dict(
        nodes=[vpc("vpc-c", "10.3.0.0/16", HZ, ("10.4.0.0/16", "VpcPeer", "pcc-1")),
               vpc("vpc-d", "10.4.0.0/16", SH, ("10.3.0.0/16", "VpcPeer", "pcc-1"))],
        edges=[edge("pcc-1", "vpc_peer", "vpc-c", "vpc-d", status)])


def test_peering_reaches_both_ways():
    found = results_of(peering())
    assert found[("vpc-c", "vpc-d")]["path"] == ["vpc-c", "pcc-1", "vpc-d"]
    assert found[("vpc-d", "vpc-c")]["path"] == ["vpc-d", "pcc-1", "vpc-c"]


def test_peering_still_accepting():
    assert_only(peering("Accepting"), {("vpc-c", "vpc-d"): "peering pcc-1 is Accepting",
                                       ("vpc-d", "vpc-c"): "peering pcc-1 is Accepting"})


def test_peering_still_accepting_before_any_route():
    graph = peering("Accepting")
    for node in graph["nodes"]:
        node["routes"] = []
    assert_only(graph, {("vpc-c", "vpc-d"): "peering pcc-1 is Accepting",
                        ("vpc-d", "vpc-c"): "peering pcc-1 is Accepting"})


def test_peering_with_a_route_on_one_side_only():
    graph = peering()
    graph["nodes"][1]["routes"] = []
    assert_only(graph, {("vpc-d", "vpc-c"): "vpc-d's route table vtb-d has no route to 10.3.0.0/16"})


def test_peering_is_not_transitive():
    graph = peering()
    graph["nodes"].append(vpc("vpc-e", "10.5.0.0/16", SH, ("10.3.0.0/16", "VpcPeer", "pcc-2")))
    graph["nodes"][0]["routes"].append(dict(destination="10.5.0.0/16", type="Custom", status="Available",
                                            next_hop_type="VpcPeer", next_hop_id="pcc-1"))
    graph["edges"].append(edge("pcc-2", "vpc_peer", "vpc-d", "vpc-e", "Activated"))
    found = results_of(graph, [dict(source="vpc-c", target="vpc-e")])
    assert found[("vpc-c", "vpc-e")]["reason"] == \
        "vpc-c's route to 10.5.0.0/16 goes through peering pcc-1 to vpc-d, not to vpc-e"


def test_router_interface_pair_must_be_active():
    graph = dict(nodes=[vpc("vpc-c", "10.3.0.0/16", HZ, ("10.4.0.0/16", "RouterInterface", "ri-1")),
                        vpc("vpc-d", "10.4.0.0/16", SH, ("10.3.0.0/16", "RouterInterface", "ri-2"))],
                 edges=[edge("ri-1", "router_interface", "vpc-c", "vpc-d", "Active", interfaces=["ri-1", "ri-2"])])
    assert results_of(graph)[("vpc-d", "vpc-c")]["path"] == ["vpc-d", "ri-1", "vpc-c"]
    graph["edges"][0]["status"] = "Active/Inactive"
    assert_only(graph, {("vpc-c", "vpc-d"): "router interface pair ri-1 is Active/Inactive",
                        ("vpc-d", "vpc-c"): "router interface pair ri-1 is Active/Inactive"})


# ---------------------------------------------------------------------------
# Which pairs, and the pictures
# ---------------------------------------------------------------------------

def test_default_pairs_are_those_the_graph_connects():
    graph = enterprise()
    graph["nodes"] += peering()["nodes"]
    graph["edges"] += peering()["edges"]
    assert sorted(results_of(graph)) == [("vpc-a", "vpc-b"), ("vpc-b", "vpc-a"), ("vpc-c", "vpc-d"),
                                         ("vpc-d", "vpc-c")]
    asked = results_of(graph, [dict(source="vpc-a", target="vpc-c")])
    assert asked[("vpc-a", "vpc-c")]["reason"] == "vpc-a's route table vtb-a has no route to 10.3.0.0/16"
    assert sorted(asked) == [("vpc-a", "vpc-c"), ("vpc-c", "vpc-a")]


@pytest.mark.parametrize("pair, message", [
    (dict(source="vpc-a", target="vpc-x"), "pairs[0].target: vpc-x is not a VPC of the accounts and regions read"),
    (dict(source="cen-1", target="vpc-a"), "pairs[0].source: cen-1 is not a VPC of the accounts and regions read"),
    (dict(source="vpc-a", target="vpc-a"), "pairs[0]: source and target are both vpc-a"),
])
def test_bad_pairs_are_refused(pair, message):
    with pytest.raises(AlicloudError) as caught:
        reachability(basic(), [pair])
    assert str(caught.value).endswith(message)


def test_a_vpc_no_account_given_could_read():
    graph = basic()
    graph["nodes"][1] = dict(id="vpc-b", type="VPC", name="", read=False, region=SH)
    assert results_of(graph, [dict(source="vpc-a", target="vpc-b")])[("vpc-a", "vpc-b")]["reason"] == \
        "vpc-b was not read: add the account that owns it to accounts"


def test_pictures_show_every_node_edge_and_unreachable_pair():
    graph = enterprise()
    graph["nodes"][1]["routes"] = []
    results = reachability(graph)
    text = mermaid(graph, results)
    assert text.startswith("flowchart LR\n")
    assert 'subgraph n_cen_1["cen-1<br/>Enterprise edition"]' in text
    assert 'n_tr_1{{"tr-1<br/>cn-hangzhou"}}' in text
    assert 'n_vpc_a ---|"tr-attach-a Attached"| n_tr_1' in text
    assert 'n_tr_1 ===|"tr-attach-p Attached"| n_tr_2' in text
    assert text.count("unreachable") == 1 and 'n_vpc_b -.-x|"unreachable"| n_vpc_a' in text
    assert "  linkStyle 3 stroke:#d00,color:#d00\n" in text  # the fourth link: after the three edges
    graph_text = dot(graph, results)
    assert 'subgraph "cluster_cen-1"' in graph_text
    assert '"vpc-a" -- "tr-1" [style=solid, label="tr-attach-a Attached"];' in graph_text
    assert graph_text.count("color=red") == 1
    assert '"tr-1" [shape=hexagon, label="tr-1\\ncn-hangzhou"];' in graph_text


def test_a_basic_cen_is_drawn_as_one_node():
    graph = basic()
    assert 'n_cen_1(("cen-1<br/>Basic edition"))' in mermaid(graph)
    assert 'n_vpc_a ---|"Attached"| n_cen_1' in mermaid(graph)
    assert '"cen-1" [shape=ellipse, label="cen-1\\nBasic edition"];' in dot(graph)


def test_the_graph_is_not_changed_by_the_analysis():
    graph = enterprise()
    before = copy.deepcopy(graph)
    reachability(graph)
    assert graph == before
