# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/route.py: CIDR checks, next hops, the routes that block a delete, and the core of
vpc_route_entry, against the conftest's peering cloud. The same flows against the emulator are in
tests/integration/targets/vpc_route_entry."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import route
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

UID1 = "1000000000000001"  # the account of the key AK1 of the conftest's peering cloud


@pytest.fixture
def cloud(peering):
    return peering


# ---------------------------------------------------------------------------
# CIDR blocks
# ---------------------------------------------------------------------------

def test_parse_cidr_takes_a_network_and_names_the_option_otherwise():
    assert str(route.parse_cidr(" 10.2.0.0/16 ", "destination_cidr")) == "10.2.0.0/16"
    assert str(route.parse_cidr("2408:4002::/56", "destination_cidr")) == "2408:4002::/56"
    for bad in ("10.2.0.1/16", "10.2.0.0/33", "ten/8", ""):
        with pytest.raises(AlicloudError) as exc:
            route.parse_cidr(bad, "opposite_cidr_blocks")
        assert exc.value.code == "InvalidParameter"
        assert str(exc.value).startswith("InvalidParameter: opposite_cidr_blocks: %r is not a CIDR block" % bad)


def test_overlaps_pairs_blocks_of_the_same_family_only():
    assert route.overlaps(["10.0.0.0/16", "192.168.0.0/24"], ["10.0.128.0/20", "172.16.0.0/12"]) \
        == [("10.0.0.0/16", "10.0.128.0/20")]
    assert route.overlaps(["10.0.0.0/16"], ["10.1.0.0/16"]) == []
    assert route.overlaps(["::/0"], ["10.0.0.0/8"]) == []


def test_refuse_overlap_names_both_vpcs_and_blocks():
    route.refuse_overlap("vpc-a", ["10.0.0.0/16"], "vpc-b", ["10.1.0.0/16"])
    with pytest.raises(AlicloudError) as exc:
        route.refuse_overlap("vpc-a", ["10.0.0.0/16"], "vpc-b", ["10.9.0.0/16", "10.0.4.0/24"])
    assert exc.value.code == "OverlappingCidrBlocks"
    assert "vpc-a (10.0.0.0/16) and vpc-b (10.9.0.0/16, 10.0.4.0/24) overlap (10.0.0.0/16 with 10.0.4.0/24)" \
        in str(exc.value)


def test_a_vpcs_blocks_include_the_secondary_ones():
    vpc = dict(CidrBlock="10.0.0.0/16", SecondaryCidrBlocks={"SecondaryCidrBlock": ["10.5.0.0/16", "10.0.0.0/16"]})
    assert route.vpc_cidr_blocks(vpc) == ["10.0.0.0/16", "10.5.0.0/16"]
    assert route.vpc_cidr_blocks(dict(CidrBlock="10.0.0.0/16")) == ["10.0.0.0/16"]


# ---------------------------------------------------------------------------
# Next hops and the routes that use one
# ---------------------------------------------------------------------------

def test_next_hops_read_either_shape():
    assert route.next_hops(dict(NextHops={"NextHop": [dict(NextHopType="VpcPeer", NextHopId="pcc-1")]})) \
        == [("VpcPeer", "pcc-1")]
    assert route.next_hops(dict(NextHopType="RouterInterface", InstanceId="ri-1")) == [("RouterInterface", "ri-1")]
    assert route.next_hops(dict(NextHopType="", InstanceId="")) == []


def test_routes_via_finds_the_entries_of_every_table_of_the_router(cloud):
    cloud.add_vpc("vpc-a", "10.0.0.0/16")
    cloud.tables.append(dict(RouteTableId="vtb-custom", RouterId="vrt-a", entries=[]))
    cloud.add_route("vtb-a", "10.1.0.0/16", "RouterInterface", "ri-1", "rte-1")
    cloud.add_route("vtb-custom", "10.2.0.0/16", "RouterInterface", "ri-1", "rte-2")
    cloud.add_route("vtb-a", "10.3.0.0/16", "RouterInterface", "ri-2", "rte-3")
    found = route.routes_via(cloud.session(), "cn-hangzhou", "vrt-a", "ri-1")
    assert [e["RouteEntryId"] for e in found] == ["rte-1", "rte-2"]
    assert route.describe_routes(found) == "rte-1 (10.1.0.0/16 in vtb-a), rte-2 (10.2.0.0/16 in vtb-custom)"


# ---------------------------------------------------------------------------
# The core of vpc_route_entry
# ---------------------------------------------------------------------------

def params(**overrides):
    base = dict(route_table_id=None, vpc_id="vpc-a", destination_cidr="10.1.0.0/16", next_hop_type="RouterInterface",
                next_hop_id="ri-1", name=None, description=None, state="present", wait=True, wait_timeout=5)
    base.update(overrides)
    return base


@pytest.fixture
def world(cloud):
    cloud.add_vpc("vpc-a", "10.0.0.0/16")
    cloud.interfaces.append(dict(RouterInterfaceId="ri-1", RouterId="vrt-a", Role="InitiatingSide", Status="Active",
                                 _account=UID1, _region="cn-hangzhou"))

    def create(fields):
        entry = cloud.add_route(fields["RouteTableId"], fields["DestinationCidrBlock"], fields["NextHopType"],
                                fields["NextHopId"], "rte-new")
        entry["RouteEntryName"] = fields.get("RouteEntryName", "")
        return dict(RouteEntryId=entry["RouteEntryId"])

    def delete(fields):
        for table in cloud.tables:
            table["entries"] = [e for e in table["entries"] if e["RouteEntryId"] != fields["RouteEntryId"]]
        return {}

    cloud.on.update(CreateRouteEntry=create, DeleteRouteEntry=delete)
    return cloud


def test_check_mode_predicts_the_route_in_the_system_table_and_writes_nothing(world):
    result = route.ensure_route_entry(world.session(), params(name="to-b"), True)
    assert result["changed"] is True
    assert result["route_entry_id"].startswith("rte-checkmode-")  # an id later check-mode tasks recognise
    assert result["route_table_id"] == "vtb-a"
    assert result["route_entry"]["next_hop_id"] == "ri-1"
    assert result["diff"] == {"before": {}, "after": dict(route_table_id="vtb-a", destination_cidr_block="10.1.0.0/16",
                                                          next_hop_type="RouterInterface", next_hop_id="ri-1",
                                                          route_entry_name="to-b", description="")}
    assert world.writes() == []


def test_create_sends_a_client_token_and_waits_for_available(world):
    result = route.ensure_route_entry(world.session(), params(name="to-b", description="Via ri-1"), False)
    request = world.request("CreateRouteEntry")
    assert request["ClientToken"]
    assert (request["RegionId"], request["RouteTableId"], request["DestinationCidrBlock"]) \
        == ("cn-hangzhou", "vtb-a", "10.1.0.0/16")
    assert (request["NextHopType"], request["NextHopId"]) == ("RouterInterface", "ri-1")
    assert (request["RouteEntryName"], request["Description"]) == ("to-b", "Via ri-1")
    assert result["route_entry_id"] == "rte-new"
    assert result["route_entry"]["status"] == "Available"
    assert result["route_entry"]["next_hops"] == [dict(next_hop_type="RouterInterface", next_hop_id="ri-1")]


def test_the_same_route_is_left_alone(world):
    world.add_route("vtb-a", "10.1.0.0/16", "RouterInterface", "ri-1", "rte-1")
    result = route.ensure_route_entry(world.session(), params(route_table_id="vtb-a", vpc_id=None), False)
    assert (result["changed"], result["route_entry_id"]) == (False, "rte-1")
    assert world.writes() == []
    assert "DescribeRouteTableList" not in world.operations()


def test_a_route_to_another_next_hop_is_replaced(world):
    world.add_route("vtb-a", "10.1.0.0/16", "RouterInterface", "ri-old", "rte-1")
    result = route.ensure_route_entry(world.session(), params(), False)
    assert world.writes() == ["DeleteRouteEntry", "CreateRouteEntry"]
    assert world.request("DeleteRouteEntry")["RouteEntryId"] == "rte-1"
    assert result["changed"] is True
    assert (result["diff"]["before"]["next_hop_id"], result["diff"]["after"]["next_hop_id"]) == ("ri-old", "ri-1")


def test_absent_deletes_only_a_route_to_the_named_next_hop(world):
    world.add_route("vtb-a", "10.1.0.0/16", "RouterInterface", "ri-other", "rte-1")
    result = route.ensure_route_entry(world.session(), params(state="absent"), False)
    assert (result["changed"], world.writes()) == (False, [])
    result = route.ensure_route_entry(world.session(), params(state="absent", next_hop_id=None), True)
    assert (result["changed"], result["route_entry_id"], world.writes()) == (True, "rte-1", [])
    result = route.ensure_route_entry(world.session(), params(state="absent", next_hop_id=None), False)
    assert world.writes() == ["DeleteRouteEntry"]
    assert world.request("DeleteRouteEntry")["RouteEntryId"] == "rte-1"
    assert (result["changed"], result["route_entry"], result["diff"]["after"]) == (True, {}, {})
    assert result["diff"]["before"]["next_hop_id"] == "ri-other"
    again = route.ensure_route_entry(world.session(), params(state="absent", next_hop_id=None), False)
    assert (again["changed"], again["route_entry_id"]) == (False, None)


def test_a_missing_vpc_and_a_malformed_destination_fail_before_writing(world):
    with pytest.raises(AlicloudError) as exc:
        route.ensure_route_entry(world.session(), params(vpc_id="vpc-gone"), False)
    assert exc.value.code == "InvalidVpcId.NotFound" and "vpc-gone" in str(exc.value)
    with pytest.raises(AlicloudError, match="destination_cidr: '10.1.0.1/16' is not a CIDR block"):
        route.ensure_route_entry(world.session(), params(destination_cidr="10.1.0.1/16"), False)
    with pytest.raises(AlicloudError, match="route_table_id: 'vtb_1' is not a valid VTB id"):
        route.ensure_route_entry(world.session(), params(route_table_id="vtb_1", vpc_id=None), False)
    assert world.writes() == []


def test_a_deleted_route_table_lists_no_entries(world, sdk_error):
    world.errors["DescribeRouteEntryList"] = sdk_error.client("InvalidRouteTableId.NotFound", status=404)
    assert route.describe_route_entries(world.session(), "cn-hangzhou", "vtb-gone") == []
    world.errors["DescribeRouteEntryList"] = sdk_error.client("Forbidden.RAM", status=403)
    with pytest.raises(AlicloudError, match="Forbidden.RAM"):
        route.describe_route_entries(world.session(), "cn-hangzhou", "vtb-a")


def test_a_next_hop_that_does_not_exist_is_refused_before_the_old_route_is_deleted(world):
    world.add_route("vtb-a", "10.1.0.0/16", "RouterInterface", "ri-1", "rte-1")
    with pytest.raises(AlicloudError) as exc:
        route.ensure_route_entry(world.session(), params(next_hop_id="ri-gone"), True)
    assert exc.value.code == "InvalidNextHopId.NotFound" and "ri-gone" in str(exc.value)
    with pytest.raises(AlicloudError) as exc:
        route.ensure_route_entry(world.session(), params(next_hop_type="VpcPeer", next_hop_id="pcc-gone"), False)
    assert exc.value.code == "InvalidNextHopId.NotFound" and "pcc-gone" in str(exc.value)
    assert world.writes() == []


# ---------------------------------------------------------------------------
# The batch form: routes
# ---------------------------------------------------------------------------

def batch_params(routes, **overrides):
    base = dict(routes=routes, state="present", wait=True, wait_timeout=5)
    base.update(overrides)
    return base


def item(vpc_id, destination, hop_id, **overrides):
    base = dict(route_table_id=None, vpc_id=vpc_id, region=None, destination_cidr=destination,
                next_hop_type="RouterInterface", next_hop_id=hop_id, name="peer", description=None, account=None)
    base.update(overrides)
    return base


@pytest.fixture
def pair(world):
    """Two VPCs, each with an interface to the other, and a create that names the entry after its table."""
    world.add_vpc("vpc-b", "10.1.0.0/16")
    world.interfaces.append(dict(RouterInterfaceId="ri-2", RouterId="vrt-b", Role="AcceptingSide", Status="Active",
                                 _account=UID1, _region="cn-hangzhou"))

    def create(fields):
        entry = world.add_route(fields["RouteTableId"], fields["DestinationCidrBlock"], fields["NextHopType"],
                                fields["NextHopId"], "rte-" + fields["RouteTableId"][4:])
        return dict(RouteEntryId=entry["RouteEntryId"])

    world.on["CreateRouteEntry"] = create
    return world


PAIR = [item("vpc-a", "10.1.0.0/16", "ri-1"), item("vpc-b", "10.0.0.0/16", "ri-2")]


def test_a_batch_makes_the_route_of_each_table_and_gives_one_result_per_route(pair):
    result = route.ensure_route_entry(pair.session(), batch_params(PAIR), False)
    assert sorted(r["RouteTableId"] for r in [c[1] for c in pair.calls if c[0] == "CreateRouteEntry"]) \
        == ["vtb-a", "vtb-b"]
    assert result["changed"] is True
    assert [(r["route_table_id"], r["route_entry_id"], r["changed"], r["failed"]) for r in result["results"]] \
        == [("vtb-a", "rte-a", True, False), ("vtb-b", "rte-b", True, False)]
    assert [(r["vpc_id"], r["region"], r["destination_cidr"]) for r in result["results"]] \
        == [("vpc-a", "cn-hangzhou", "10.1.0.0/16"), ("vpc-b", "cn-hangzhou", "10.0.0.0/16")]
    assert result["results"][1]["route_entry"]["next_hop_id"] == "ri-2"
    assert sorted(result["diff"]["after"]) == ["vtb-a 10.1.0.0/16", "vtb-b 10.0.0.0/16"]
    again = route.ensure_route_entry(pair.session(), batch_params(PAIR), False)
    assert again["changed"] is False and "diff" not in again
    assert pair.writes() == ["CreateRouteEntry", "CreateRouteEntry"]


def test_a_batch_checks_every_route_first_and_writes_nothing_when_one_is_refused(pair):
    routes = [PAIR[0], item("vpc-b", "10.0.0.0/16", "ri-gone")]
    with pytest.raises(AlicloudError) as exc:
        route.ensure_route_entry(pair.session(), batch_params(routes), False)
    assert exc.value.code == "InvalidNextHopId.NotFound" and not exc.value.changed
    assert exc.value.message.startswith("nothing was changed: routes[1] (10.0.0.0/16 in vpc-b): ")
    with pytest.raises(AlicloudError, match=r"routes\[0\].destination_cidr: '10.1.0.1/16' is not a CIDR block"):
        route.ensure_route_entry(pair.session(), batch_params([item("vpc-a", "10.1.0.1/16", "ri-1")]), False)
    with pytest.raises(AlicloudError, match=r"routes\[0\].next_hop_id: required with state=present"):
        route.ensure_route_entry(pair.session(), batch_params([item("vpc-a", "10.1.0.0/16", None)]), False)
    assert pair.writes() == []


def test_a_batch_in_check_mode_predicts_every_route_and_absent_removes_them(pair):
    check = route.ensure_route_entry(pair.session(), batch_params(PAIR), True)
    assert [r["route_entry_id"].startswith("rte-checkmode-") for r in check["results"]] == [True, True]
    assert pair.writes() == []
    route.ensure_route_entry(pair.session(), batch_params(PAIR), False)
    removed = route.ensure_route_entry(pair.session(), batch_params(PAIR, state="absent"), False)
    assert [(r["changed"], r["route_entry"]) for r in removed["results"]] == [(True, {}), (True, {})]
    assert pair.writes() == ["CreateRouteEntry", "CreateRouteEntry", "DeleteRouteEntry", "DeleteRouteEntry"]


def test_a_batch_route_refused_after_another_was_made_fails_changed_with_every_result(pair, sdk_error):
    create = pair.on["CreateRouteEntry"]

    def refuse_in_b(fields):
        if fields["RouteTableId"] == "vtb-b":
            raise sdk_error.client("QuotaExceeded.RouteEntryNum", status=400)
        return create(fields)

    pair.on["CreateRouteEntry"] = refuse_in_b
    with pytest.raises(AlicloudError) as exc:
        route.ensure_route_entry(pair.session(), batch_params(PAIR), False)
    assert exc.value.changed and exc.value.code == "QuotaExceeded.RouteEntryNum"
    assert exc.value.message.startswith("routes[1] (10.0.0.0/16 in vpc-b): ")
    assert [(r["route_table_id"], r["changed"], r["failed"]) for r in exc.value.result["results"]] \
        == [("vtb-a", True, False), ("vtb-b", False, True)]
