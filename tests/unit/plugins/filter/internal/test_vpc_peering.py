# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vpc_peering role's internal filters: the overlap check and vpc_peering_result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.filter.internal.vpc_peering import (
    vpc_peering_overlap,
    vpc_peering_result,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import refuse_overlap

HZ = dict(vpc_id="vpc-hzbatch", cidr_block="10.10.0.0/17", secondary_cidr_blocks=[])
SG = dict(vpc_id="vpc-sgweb", cidr_block="10.10.128.0/17", secondary_cidr_blocks=["10.9.0.0/16"])


def test_two_vpcs_apart_do_not_overlap():
    assert vpc_peering_overlap(HZ, SG) == ""


def test_overlap_gives_the_peering_modules_message_naming_both_vpcs():
    wide = dict(SG, cidr_block="10.10.0.0/16")
    message = vpc_peering_overlap(HZ, wide)
    with pytest.raises(AlicloudError) as raised:
        refuse_overlap("vpc-hzbatch", ["10.10.0.0/17"], "vpc-sgweb", ["10.10.0.0/16", "10.9.0.0/16"])
    assert message == raised.value.message
    assert "vpc-hzbatch (10.10.0.0/17)" in message and "10.10.0.0/17 with 10.10.0.0/16" in message


def test_a_secondary_block_counts():
    assert "10.9.1.0/24 with 10.9.0.0/16" in vpc_peering_overlap(dict(HZ, secondary_cidr_blocks=["10.9.1.0/24"]), SG)


def context(method, state="present", **registered):
    vpcs = dict(initiator=dict(account_id="1", region="cn-hangzhou", vpc_id="vpc-hzbatch", vpc_name="batch",
                               vrouter_id="vrt-1", cidr_block="10.10.0.0/17"),
                acceptor=dict(account_id="2", region="ap-southeast-1", vpc_id="vpc-sgweb", vpc_name="web",
                              vrouter_id="vrt-2", cidr_block="10.10.128.0/17"))
    ctx = dict(method=method, state=state, name="p", vpcs=vpcs)
    ctx.update(registered)
    return ctx


def routes(changed=True):
    """vpc_route_entry's result for the role's routes (the batch form: one entry per route, by VPC)."""
    return dict(results=[dict(vpc_id=vpc, destination_cidr=destination, changed=changed, route_table_id="vtb-" + vpc,
                              route_entry_id="rte-" + vpc, route_entry=dict(next_hop_id="pcc-1"))
                         for vpc, destination in (("vpc-hzbatch", "10.10.128.0/17"), ("vpc-sgweb", "10.10.0.0/17"))])


def test_route_changes_name_the_vpc_that_holds_the_route_and_the_side_it_leads_to():
    result = vpc_peering_result(context("vpc_peer", routes_set=routes()))
    assert result["changes"] == [
        "added the route in the initiator's VPC vpc-hzbatch to the acceptor's 10.10.128.0/17",
        "added the route in the acceptor's VPC vpc-sgweb to the initiator's 10.10.0.0/17"]
    assert [(r["vpc_id"], r["destination_cidr"]) for r in result["routes"]] == [
        ("vpc-hzbatch", "10.10.128.0/17"), ("vpc-sgweb", "10.10.0.0/17")]


def test_removed_routes_are_named_the_same_way():
    removed = dict(results=[dict(vpc_id="vpc-sgweb", destination_cidr="10.10.0.0/17", changed=True)])
    result = vpc_peering_result(context("router_interface", state="absent", routes_removed=removed))
    assert result["changes"] == ["removed the route in the acceptor's VPC vpc-sgweb to the initiator's 10.10.0.0/17"]


def test_vpc_peer_bandwidth_and_status_come_from_the_acceptance_across_accounts():
    connection = dict(changed=True, peer_connection_id="pcc-1",
                      vpc_peer_connection=dict(bandwidth=200, status="Accepting"))
    accept = dict(changed=True, peer_connection_id="pcc-1", vpc_peer_connection=dict(bandwidth=200, status="Activated"))
    result = vpc_peering_result(context("vpc_peer", connection=connection, accept=accept))
    assert (result["peer_connection_id"], result["bandwidth"], result["status"]) == ("pcc-1", 200, "Activated")


def test_what_a_later_step_does_not_know_comes_from_an_earlier_one():
    connection = dict(changed=True, peer_connection_id="pcc-checkmode-1a2b3c4d",
                      vpc_peer_connection=dict(bandwidth=200, status="Accepting"))
    accept = dict(changed=True, peer_connection_id="pcc-checkmode-1a2b3c4d",
                  vpc_peer_connection=dict(bandwidth=None, status="Activated"))
    result = vpc_peering_result(context("vpc_peer", connection=connection, accept=accept))
    assert (result["bandwidth"], result["status"]) == (200, "Activated")


def test_vpc_peer_in_one_account_takes_them_from_the_connection():
    connection = dict(changed=False, peer_connection_id="pcc-1",
                      vpc_peer_connection=dict(bandwidth=-1, status="Activated"))
    result = vpc_peering_result(context("vpc_peer", connection=connection, accept=dict(skipped=True)))
    assert (result["bandwidth"], result["status"]) == (-1, "Activated")


def test_router_interface_bandwidth_and_status_are_the_connected_initiators():
    initiator = dict(changed=True, router_interface_id="ri-1", router_interface=dict(bandwidth=2, status="Idle"))
    connect = dict(changed=True, router_interface_id="ri-1", router_interface=dict(bandwidth=2, status="Active"))
    acceptor = dict(changed=True, router_interface_id="ri-2", router_interface=dict(bandwidth=0, status="Idle"))
    result = vpc_peering_result(context("router_interface", ri_initiator=initiator, ri_acceptor=acceptor,
                                        ri_connect=connect))
    assert (result["bandwidth"], result["status"]) == (2, "Active")
    assert result["initiator"]["router_interface_id"] == "ri-1"
    assert "vrouter_id" not in result["initiator"]


def test_after_absent_there_is_no_connection():
    removed = dict(changed=True, peer_connection_id="pcc-1", vpc_peer_connection={})
    result = vpc_peering_result(context("vpc_peer", state="absent", removed=removed))
    assert (result["peer_connection_id"], result["bandwidth"], result["status"]) == (None, None, None)
    assert result["changes"] == ["deleted pcc-1"]
