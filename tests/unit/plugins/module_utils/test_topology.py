# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/topology.py: build_graph on what the readers return (API records), for what the emulator target
tests/integration/targets/interconnect_info does not build: router-interface pairs seen from one or both ends, a
VBR, instances no account given owns, a connection both accounts see."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.topology import build_graph

HZ, SH = "cn-hangzhou", "cn-shanghai"


def interface(ri_id, role, router_id, router_type, opposite_id, opposite_router_id, status="Active"):
    return dict(RouterInterfaceId=ri_id, Role=role, RouterId=router_id, RouterType=router_type,
                OppositeInterfaceId=opposite_id, OppositeRouterId=opposite_router_id, Status=status)


def regional(*interfaces):
    return [dict(vpcs=[dict(id="vpc-a", type="VPC", name="app", account_id="1", region=HZ, cidrs=["10.1.0.0/16"],
                            router_id="vrt-a", route_table_id="vtb-a", routes=[])],
                 vbrs=[dict(id="vbr-1", type="VBR", name="", account_id="1", region=HZ, router_id="vbr-1")],
                 interfaces=list(interfaces))]


def account(uid, cens=(), peerings=()):
    return dict(account_id=uid, cens=list(cens), peerings=list(peerings))


PEERING = dict(InstanceId="pcc-1", VpcId="vpc-a", AcceptingVpcId="vpc-b", RegionId=HZ, AcceptingRegionId=SH,
               Status="Activated", Bandwidth=1024)


def cen():
    return dict(
        cen=dict(id="cen-1", type="CEN", name="", edition="Enterprise", account_id="1", bandwidth_limits=[],
                 grants=[], bandwidth_packages=[]),
        routers=[dict(id="tr-1", type="TR", name="", region=HZ, cen_id="cen-1", account_id="1", route_tables=[])],
        basic=[dict(ChildInstanceId="vpc-x", ChildInstanceType="VPC", ChildInstanceRegionId=SH,
                    ChildInstanceOwnerId=2, Status="Attached")],
        vpc_attachments=[dict(TransitRouterAttachmentId="tr-attach-a", VpcId="vpc-a", VpcRegionId=HZ, VpcOwnerId=1,
                              TransitRouterId="tr-1", Status="Attached", AutoPublishRouteEnabled=True)],
        peer_attachments=[dict(TransitRouterAttachmentId="tr-attach-p", TransitRouterId="tr-1",
                               PeerTransitRouterId="tr-9", PeerTransitRouterRegionId=SH, Status="Attached",
                               Bandwidth=0, BandwidthType="BandwidthPackage", CenBandwidthPackageId="cenbwp-1")])


def by_id(items):
    return dict((item["id"], item) for item in items)


def test_every_interconnect_becomes_an_edge_and_what_no_account_read_a_stub_node():
    graph = build_graph([account("1", [cen()], [PEERING]), account("2", peerings=[PEERING])], regional())
    nodes, edges = by_id(graph["nodes"]), by_id(graph["edges"])
    assert [n["id"] for n in graph["nodes"]] == ["vpc-a", "vpc-b", "vpc-x", "vbr-1", "cen-1", "tr-1", "tr-9"]
    assert nodes["vpc-a"]["read"] and nodes["cen-1"]["read"] and nodes["tr-1"]["read"]
    assert nodes["vpc-x"] == dict(id="vpc-x", type="VPC", name="", read=False, region=SH, account_id="2")
    assert nodes["vpc-b"] == dict(id="vpc-b", type="VPC", name="", read=False, region=SH)
    assert nodes["tr-9"] == dict(id="tr-9", type="TR", name="", read=False, region=SH)
    assert edges == {
        "cen-1|vpc-x": dict(id="cen-1|vpc-x", type="attachment", kind="cen", source="vpc-x", target="cen-1",
                            status="Attached"),
        "tr-attach-a": dict(id="tr-attach-a", type="attachment", kind="transit_router", source="vpc-a",
                            target="tr-1", status="Attached", auto_publish_route=True),
        "tr-attach-p": dict(id="tr-attach-p", type="link", kind="transit_router_peer", source="tr-1", target="tr-9",
                            status="Attached", bandwidth=0, bandwidth_type="BandwidthPackage",
                            bandwidth_package_id="cenbwp-1"),
        "pcc-1": dict(id="pcc-1", type="peering", kind="vpc_peer", source="vpc-a", target="vpc-b",
                      status="Activated", bandwidth=1024),
    }


def test_a_router_interface_pair_seen_from_both_ends_is_one_link_between_the_routers_owners():
    graph = build_graph([], regional(
        interface("ri-2", "AcceptingSide", "vbr-1", "VBR", "ri-1", "vrt-a", status="Inactive"),
        interface("ri-1", "InitiatingSide", "vrt-a", "VRouter", "ri-2", "vbr-1")))
    assert graph["edges"] == [dict(id="ri-1", type="link", kind="router_interface", source="vpc-a", target="vbr-1",
                                   interfaces=["ri-1", "ri-2"], status="Active/Inactive")]


def test_a_router_interface_seen_from_one_end_only():
    graph = build_graph([], regional(interface("ri-2", "AcceptingSide", "vbr-1", "VBR", "ri-1", "vrt-a")))
    assert graph["edges"] == [dict(id="ri-1", type="link", kind="router_interface", source="vpc-a", target="vbr-1",
                                   interfaces=["ri-1", "ri-2"], status="unknown/Active")]
    far = dict(interface("ri-1", "InitiatingSide", "vrt-a", "VRouter", "ri-2", "vrt-far"), OppositeRegionId=SH,
               OppositeRouterType="VRouter", OppositeVpcInstanceId="vpc-far")
    graph = build_graph([], regional(far))
    assert graph["edges"] == [dict(id="ri-1", type="link", kind="router_interface", source="vpc-a", target="vpc-far",
                                   interfaces=["ri-1", "ri-2"], status="Active/unknown")]
    assert graph["nodes"][1] == dict(id="vpc-far", type="VPC", name="", read=False, region=SH)
