# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The peering cores (router_interface.py, vpcpeer.py, route.py) over time, on a fake clock: wait_timeout is
the budget of the whole task, wait: false waits for nothing, a failure after a write says what was done,
tags, and the ids check mode predicts. Transitions settle when the fake clock says so."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import route
from ansible_collections.alicloud.interconnect.plugins.module_utils import router_interface as ri_mod
from ansible_collections.alicloud.interconnect.plugins.module_utils import router_interface_api as ri_api
from ansible_collections.alicloud.interconnect.plugins.module_utils import vpcpeer
from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import Credentials
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

UID1, UID2 = "1000000000000001", "1000000000000002"  # the accounts of the keys AK1 and AK2 of the peering cloud
NEVER = float("inf")


@pytest.fixture
def world(peering, clock):
    """Two VPCs of account 1, a pair of router interfaces on them, and transitions that settle on the fake clock:
    a write handler puts a record in ``(transitional, final, seconds)``; reads settle what is due."""
    peering.add_vpc("vpc-l", "10.0.0.0/16")
    peering.add_vpc("vpc-r", "10.1.0.0/16")
    peering.transitions = {}  # record id -> (final status, due time)
    peering.clock = clock

    def settle():
        for record in peering.interfaces + peering.peers:
            key = record.get("RouterInterfaceId") or record.get("InstanceId")
            final, due = peering.transitions.get(key, (None, NEVER))
            if clock.now >= due:
                record["Status"] = final
                del peering.transitions[key]

    def reader(operation):
        def read(fields):
            settle()
            account = UID2 if peering.calls[-1][2] == UID2 else UID1
            return getattr(peering, "_" + operation)(fields, account)
        return read

    for operation in ("DescribeRouterInterfaces", "GetVpcPeerConnectionAttribute", "ListVpcPeerConnections"):
        peering.on[operation] = reader(operation)
    return peering


def move(world, record, transitional, final, seconds):
    """Put a record in a transition that ends ``seconds`` from now (never for NEVER)."""
    record["Status"] = transitional
    key = record.get("RouterInterfaceId") or record.get("InstanceId")
    world.transitions[key] = (final, world.clock.now + seconds)


def session(world, timeout, key="AK1"):
    """A Session like the module's: its deadline is wait_timeout from now, on the fake clock."""
    return Session(Credentials(key, "SECRET", source="test"), region="cn-hangzhou", client_factory=world.factory,
                   clock=world.clock, sleep=world.clock.sleep, timeout=timeout)


def interface(ri_id, router, role="InitiatingSide", status="Idle", opposite_router="", opposite_id="", **fields):
    record = dict(RouterInterfaceId=ri_id, RouterId=router, RouterType="VRouter", Role=role, Status=status,
                  Spec="Mini.2" if role == "InitiatingSide" else "Negative", OppositeRouterId=opposite_router,
                  OppositeRouterType="VRouter", OppositeInterfaceId=opposite_id, OppositeInterfaceOwnerId=UID1,
                  OppositeRegionId="cn-hangzhou", Name="", Description="", _account=UID1, _region="cn-hangzhou")
    record.update(fields)
    return record


def ri_params(**overrides):
    base = dict(router_interface_id="ri-i", role=None, spec=None, vpc_id=None, router_id=None, router_type="VRouter",
                opposite_interface_id=None, opposite_router_id=None, opposite_vpc_id=None,
                opposite_router_type="VRouter", opposite_region=None, opposite_owner_id=None,
                opposite_cidr_blocks=None, name=None, description=None, state="present", wait=True, wait_timeout=5,
                tags=None, purge_tags=True)
    base.update(overrides)
    return base


@pytest.fixture
def pair(world):
    """An Active pair ri-i (initiator, on L) and ri-a (acceptor, on R) whose writes start transitions."""
    world.interfaces.append(interface("ri-i", "vrt-l", status="Active", opposite_router="vrt-r", opposite_id="ri-a"))
    world.interfaces.append(interface("ri-a", "vrt-r", role="AcceptingSide", status="Active", opposite_router="vrt-l",
                                      opposite_id="ri-i"))
    world.seconds = 1  # how long the transitions of the writes below take

    def find(ri_id):
        return [ri for ri in world.interfaces if ri["RouterInterfaceId"] == ri_id][0]

    def switch(transitional, final):
        def handler(fields):
            for ri_id in ("ri-i", "ri-a"):
                move(world, find(ri_id), transitional, final, world.seconds)
            return {}
        return handler

    def delete(fields):
        world.interfaces.remove(find(fields["RouterInterfaceId"]))
        return {}

    world.on.update(DeactivateRouterInterface=switch("Deactivating", "Inactive"),
                    ConnectRouterInterface=switch("Connecting", "Active"), DeleteRouterInterface=delete,
                    ModifyRouterInterfaceAttribute=lambda fields: {},
                    TagResourcesForExpressConnect=lambda fields: {}, UntagResourcesForExpressConnect=lambda fields: {})
    return world


# ---------------------------------------------------------------------------
# wait_timeout: one budget for the whole task
# ---------------------------------------------------------------------------

def test_a_teardowns_waits_share_one_budget(pair):
    # Settling (3 s) then deactivating (3 s) would each fit in 5 s, but not together.
    move(pair, pair.interfaces[0], "Activating", "Active", 3)
    pair.seconds = 3
    start = pair.clock.now
    with pytest.raises(AlicloudError) as exc:
        ri_mod.ensure_router_interface(session(pair, 5), ri_params(state="absent"), False)
    assert exc.value.code == "WaitTimeout"
    assert "wait_timeout (5 seconds for the whole task) ran out waiting for router interface ri-i to become " \
           "Inactive; last seen: status Deactivating" in str(exc.value)
    assert pair.clock.now - start <= 5
    assert pair.writes() == ["DeactivateRouterInterface"]
    # It failed after a write: it says so.
    assert exc.value.changed is True and exc.value.result == dict(router_interface_id="ri-i")
    assert str(exc.value).startswith("WaitTimeout: deactivated ri-i and its pair, then the task failed: ")
    assert str(exc.value).endswith("; a re-run deletes it once it is Inactive")


def test_the_same_teardown_within_the_budget(pair):
    move(pair, pair.interfaces[0], "Activating", "Active", 1)
    result = ri_mod.ensure_router_interface(session(pair, 5), ri_params(state="absent"), False)
    assert result["changed"] is True
    assert pair.writes() == ["DeactivateRouterInterface", "DeleteRouterInterface"]


# ---------------------------------------------------------------------------
# wait: false waits for nothing
# ---------------------------------------------------------------------------

def test_wait_false_judges_a_transition_by_where_it_goes_and_writes_nothing_it_cannot(pair):
    move(pair, pair.interfaces[0], "Activating", "Active", NEVER)
    result = ri_mod.ensure_router_interface(session(pair, 5), ri_params(wait=False), False)
    assert (result["changed"], result["router_interface"]["status"]) == (False, "Activating")
    with pytest.raises(AlicloudError) as exc:
        ri_mod.ensure_router_interface(session(pair, 5), ri_params(wait=False, state="inactive"), False)
    assert exc.value.code == "IncorrectStatus.RouterInterface"
    assert "is Activating (on its way to Active): the API takes no change until it settles, and wait: false does " \
           "not wait for that" in str(exc.value)
    assert exc.value.changed is False
    # Tags are not a status change: they are written at once.
    result = ri_mod.ensure_router_interface(session(pair, 5), ri_params(wait=False, tags=dict(env="test")), False)
    assert result["changed"] is True
    assert pair.writes() == ["TagResourcesForExpressConnect"]
    assert pair.clock.sleeps == []


@pytest.mark.parametrize("check_mode", [False, True])  # check mode predicts the refusal the run would meet
def test_wait_false_refuses_to_delete_an_active_pair(pair, check_mode):
    with pytest.raises(AlicloudError) as exc:
        ri_mod.ensure_router_interface(session(pair, 5), ri_params(wait=False, state="absent"), check_mode)
    assert "is Active: deleting it means deactivating the pair and waiting until it is Inactive" in str(exc.value)
    assert pair.writes() == []


def test_wait_false_deactivates_without_waiting(pair):
    result = ri_mod.ensure_router_interface(session(pair, 5), ri_params(wait=False, state="inactive"), False)
    assert (result["changed"], result["router_interface"]["status"]) == (True, "Deactivating")
    assert pair.writes() == ["DeactivateRouterInterface"]
    assert pair.clock.sleeps == []


def test_wait_true_settles_first(pair):
    move(pair, pair.interfaces[0], "Activating", "Active", 2)
    result = ri_mod.ensure_router_interface(session(pair, 5), ri_params(state="inactive"), False)
    assert result["router_interface"]["status"] == "Inactive"
    assert pair.writes() == ["DeactivateRouterInterface"]


# ---------------------------------------------------------------------------
# A failure after a write
# ---------------------------------------------------------------------------

def test_a_connect_that_never_settles_reports_what_was_done(pair):
    for ri in pair.interfaces:
        ri["Status"] = "Idle"
    pair.seconds = NEVER
    with pytest.raises(AlicloudError) as exc:
        ri_mod.ensure_router_interface(session(pair, 5), ri_params(opposite_interface_id="ri-a"), False)
    assert exc.value.changed is True and exc.value.result == dict(router_interface_id="ri-i")
    assert str(exc.value).startswith("WaitTimeout: connected ri-i, then the task failed: wait_timeout (5 seconds")
    assert "last seen: status Connecting; a re-run finds ri-i and goes on from the state it is in" in str(exc.value)


def test_a_failure_before_any_write_changes_nothing(pair):
    pair.errors["ConnectRouterInterface"] = AlicloudError("IncorrectRIStatus", "refused", action="Connect")
    for ri in pair.interfaces:
        ri["Status"] = "Idle"
    with pytest.raises(AlicloudError) as exc:
        ri_mod.ensure_router_interface(session(pair, 5), ri_params(opposite_interface_id="ri-a"), False)
    assert exc.value.changed is False and exc.value.result == {}


# ---------------------------------------------------------------------------
# Tags
# ---------------------------------------------------------------------------

def test_router_interface_tags_go_through_the_express_connect_tag_calls(pair):
    pair.interfaces[0]["Tags"] = {"Tags": [dict(Key="old", Value="1"), dict(Key="acs:owner", Value="x")]}
    result = ri_mod.ensure_router_interface(session(pair, 5), ri_params(tags=dict(env="test")), False)
    assert pair.writes() == ["UntagResourcesForExpressConnect", "TagResourcesForExpressConnect"]
    untag, tag = pair.request("UntagResourcesForExpressConnect"), pair.request("TagResourcesForExpressConnect")
    assert (untag["ResourceType"], untag["ResourceId"], untag["TagKey"]) == ("ROUTERINTERFACE", ["ri-i"], ["old"])
    assert (tag["RegionId"], tag["Tag"]) == ("cn-hangzhou", [dict(Key="env", Value="test")])
    assert result["diff"]["before"]["tags"] == {"old": "1", "acs:owner": "x"}


def test_reserved_tag_keys_are_refused_before_any_call(pair):
    with pytest.raises(AlicloudError, match="reserved by Alibaba Cloud: aliyun-x"):
        ri_mod.ensure_router_interface(session(pair, 5), ri_params(tags={"aliyun-x": "1"}), False)
    assert pair.calls == []


def test_a_new_interface_carries_its_tags_in_the_create(world):
    world.on["CreateRouterInterface"] = lambda fields: dict(RouterInterfaceId="ri-new")
    ri_mod.ensure_router_interface(session(world, 5), ri_params(
        router_interface_id=None, role="initiator", spec="Mini.2", vpc_id="vpc-l", opposite_vpc_id="vpc-r",
        tags=dict(env="test")), False)
    assert world.request("CreateRouterInterface")["Tags"] == [dict(Key="env", Value="test")]
    assert world.writes() == ["CreateRouterInterface"]


# ---------------------------------------------------------------------------
# VpcPeer connections
# ---------------------------------------------------------------------------

def pcc_params(**overrides):
    base = dict(peer_connection_id=None, vpc_id="vpc-l", accepting_vpc_id="vpc-r", accepting_owner_id=None,
                accepting_region=None, accepting_cidr_blocks=None, bandwidth=None, link_type=None, name=None,
                description=None, state="present", wait=True, wait_timeout=5, tags=None, purge_tags=True)
    base.update(overrides)
    return base


def connection(status="Activated", accepter=UID1, **fields):
    record = dict(InstanceId="pcc-1", Status=status, OwnerId=int(UID1), RegionId="cn-hangzhou",
                  AcceptingOwnerUid=int(accepter), AcceptingRegionId="cn-shanghai", Name="", Description="",
                  Bandwidth=1024, LinkType="Gold", Vpc=dict(VpcId="vpc-l", Ipv4Cidrs=["10.0.0.0/16"]),
                  AcceptingVpc=dict(VpcId="vpc-r", Ipv4Cidrs=["10.1.0.0/16"]))
    record.update(fields)
    return record


def test_a_connection_created_but_never_settled_reports_its_id(world):
    def create(fields):
        world.peers.append(connection(status="Creating", InstanceId="pcc-new"))
        world.transitions["pcc-new"] = ("Activated", NEVER)
        return dict(InstanceId="pcc-new")
    world.on["CreateVpcPeerConnection"] = create
    with pytest.raises(AlicloudError) as exc:
        vpcpeer.ensure_vpc_peer_connection(session(world, 5), pcc_params(), False)
    assert exc.value.changed is True and exc.value.result == dict(peer_connection_id="pcc-new")
    assert str(exc.value).startswith("WaitTimeout: created pcc-new, then the task failed: ")
    assert str(exc.value).endswith("a re-run finds it by its two VPCs and waits for it again")


def test_wait_false_on_a_connection_in_transition(world):
    world.peers.append(connection(status="Updating"))
    world.transitions["pcc-1"] = ("Activated", NEVER)
    task = pcc_params(wait=False, accepting_region="cn-shanghai")
    result = vpcpeer.ensure_vpc_peer_connection(session(world, 5), task, False)
    assert (result["changed"], result["vpc_peer_connection"]["status"]) == (False, "Updating")
    for overrides, action in ((dict(bandwidth=20), "change"), (dict(state="absent"), "delete")):
        with pytest.raises(AlicloudError) as exc:
            vpcpeer.ensure_vpc_peer_connection(session(world, 5), dict(task, **overrides), False)
        assert "is on its way to Activated: the API takes no %s until it settles" % action in str(exc.value)
    assert world.writes() == [] and world.clock.sleeps == []


def test_the_accepter_tags_its_own_side_in_its_own_region(world):
    world.peers.append(connection(accepter=UID2))

    def tag(fields):
        world.peers[0]["Tags"] = fields["Tag"]
        return {}
    world.on["TagResources"] = tag
    result = vpcpeer.ensure_vpc_peer_connection(session(world, 5, key="AK2"), pcc_params(
        peer_connection_id="pcc-1", vpc_id=None, accepting_vpc_id=None, tags=dict(env="b")), False)
    request = world.request("TagResources")
    assert (request["RegionId"], request["ResourceType"], request["ResourceId"]) \
        == ("cn-shanghai", "PeerConnection", ["pcc-1"])
    assert result["diff"]["after"]["tags"] == dict(env="b")


# ---------------------------------------------------------------------------
# Ids predicted by check mode
# ---------------------------------------------------------------------------

def route_params(**overrides):
    base = dict(route_table_id=None, vpc_id="vpc-l", destination_cidr="10.1.0.0/16", next_hop_type="VpcPeer",
                next_hop_id="pcc-checkmode-0123abcd", name=None, description=None, state="present", wait=True,
                wait_timeout=5)
    base.update(overrides)
    return base


def test_a_route_to_a_predicted_next_hop_is_predicted_in_check_mode_only(world):
    result = route.ensure_route_entry(session(world, 5), route_params(), True)
    assert result["changed"] is True
    assert result["route_entry"]["next_hop_id"] == "pcc-checkmode-0123abcd"
    assert "GetVpcPeerConnectionAttribute" not in world.operations()
    with pytest.raises(AlicloudError, match="next_hop_id: pcc-checkmode-0123abcd is an id predicted by check mode"):
        route.ensure_route_entry(session(world, 5), route_params(), False)
    assert world.writes() == []


def test_predicted_interface_and_connection_ids_are_taken_in_check_mode(world):
    result = ri_mod.ensure_router_interface(session(world, 5), ri_params(router_interface_id="ri-checkmode-0123abcd",
                                                                         state="active"), True)
    assert (result["changed"], result["router_interface_id"]) == (True, "ri-checkmode-0123abcd")
    result = vpcpeer.ensure_vpc_peer_connection(session(world, 5), pcc_params(
        peer_connection_id="pcc-checkmode-0123abcd", vpc_id=None, accepting_vpc_id=None, state="accepted"), True)
    assert (result["changed"], result["vpc_peer_connection"]["status"]) == (True, "Activated")
    assert world.calls == []
    with pytest.raises(AlicloudError, match="peer_connection_id: pcc-checkmode-0123abcd is an id predicted"):
        vpcpeer.ensure_vpc_peer_connection(session(world, 5), pcc_params(
            peer_connection_id="pcc-checkmode-0123abcd", vpc_id=None, accepting_vpc_id=None), False)


def test_a_vpc_not_found_names_the_account_and_what_to_try(world):
    with pytest.raises(AlicloudError) as exc:
        vpcpeer.ensure_vpc_peer_connection(session(world, 5, key="AK2"), pcc_params(), False)
    assert str(exc.value) == (
        "ResourceNotFound.VpcId: vpc_id: VPC vpc-l does not exist in cn-hangzhou for account %s (the account these "
        "credentials act as); if it belongs to another account, run the task with that account's credentials "
        "(profile, alicloud_access_key or alicloud_assume_role) (the requester creates the connection); otherwise "
        "check alicloud_region" % UID2)


def test_info_modules_find_nothing_for_predicted_ids_in_check_mode(world):
    world.interfaces.append(interface("ri-i", "vrt-l"))
    result = ri_api.router_interface_info(session(world, 5), dict(router_interface_ids=["ri-checkmode-0123abcd"],
                                                                  filters=None), True)
    assert result == dict(changed=False, router_interfaces=[], ids=[])
    result = vpcpeer.vpc_peer_connection_info(session(world, 5), dict(
        peer_connection_ids=["pcc-checkmode-0123abcd"], vpc_id=None, name=None, status=None), True)
    assert result == dict(changed=False, vpc_peer_connections=[], ids=[])
    assert world.calls == []
    with pytest.raises(AlicloudError, match="router_interface_ids: ri-checkmode-0123abcd is an id predicted"):
        ri_api.router_interface_info(session(world, 5), dict(router_interface_ids=["ri-checkmode-0123abcd"],
                                                             filters=None), False)


def test_a_replaced_route_whose_new_route_is_refused_says_the_old_one_is_gone(world, sdk_error):
    world.interfaces.append(interface("ri-new", "vrt-l"))
    world.add_route("vtb-l", "10.1.0.0/16", "RouterInterface", "ri-old", "rte-old")

    def delete(fields):
        world.tables[0]["entries"] = []
        return {}
    world.on["DeleteRouteEntry"] = delete
    world.errors["CreateRouteEntry"] = sdk_error.client("QuotaExceeded.RouteEntry", "too many routes")
    with pytest.raises(AlicloudError) as exc:
        route.ensure_route_entry(session(world, 5), route_params(next_hop_type="RouterInterface",
                                                                 next_hop_id="ri-new"), False)
    assert exc.value.changed is True and exc.value.result == dict(route_table_id="vtb-l")
    assert str(exc.value) == (
        "QuotaExceeded.RouteEntry: deleted route entry rte-old (to 10.1.0.0/16, through RouterInterface ri-old), then "
        "CreateRouteEntry failed: too many routes; a re-run creates the route to 10.1.0.0/16 through RouterInterface "
        "ri-new (request id REQ-1)")
