# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/vpcpeer.py: validation, finding a connection, who may answer it, the refusals that come
before any write, and the writes, against scripted SDK clients. The whole peering against the emulator
is in tests/integration/targets/vpc_peer_connection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import vpcpeer
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

# The accounts of the keys AK1 and AK2 of the conftest's peering cloud.
UID1, UID2 = "1000000000000001", "1000000000000002"


def params(**overrides):
    base = dict(peer_connection_id=None, vpc_id="vpc-a", accepting_vpc_id="vpc-b", accepting_owner_id=None,
                accepting_region=None, accepting_cidr_blocks=None, bandwidth=None, link_type=None, name=None,
                description=None, state="present", wait=True, wait_timeout=5, tags=None, purge_tags=True)
    base.update(overrides)
    return base


def connection(pcc_id="pcc-1", status="Activated", accepter=UID1, accepting_region="cn-hangzhou", **fields):
    record = dict(InstanceId=pcc_id, Status=status, OwnerId=int(UID1), RegionId="cn-hangzhou",
                  AcceptingOwnerUid=int(accepter), AcceptingRegionId=accepting_region, Name="", Description="",
                  Bandwidth=-1 if accepting_region == "cn-hangzhou" else 1024,
                  LinkType="" if accepting_region == "cn-hangzhou" else "Gold",
                  Vpc=dict(VpcId="vpc-a", Ipv4Cidrs=["10.0.0.0/16"]),
                  AcceptingVpc=dict(VpcId="vpc-b", Ipv4Cidrs=["10.1.0.0/16"]))
    record.update(fields)
    return record


@pytest.fixture
def cloud(peering):
    """The conftest's peering cloud instead of its scripted clients."""
    return peering


@pytest.fixture
def world(cloud):
    """VPC a of account 1 and VPC b of account 1 or 2 in cn-hangzhou, and write handlers like the service's."""
    cloud.add_vpc("vpc-a", "10.0.0.0/16")
    cloud.add_vpc("vpc-b", "10.1.0.0/16")

    def find(pcc_id):
        return [p for p in cloud.peers if p["InstanceId"] == pcc_id][0]

    def create(fields):
        cloud.peers.append(connection(
            "pcc-new", status="Activated" if str(fields["AcceptingAliUid"]) == UID1 else "Accepting",
            accepter=fields["AcceptingAliUid"], accepting_region=fields["AcceptingRegionId"],
            Name=fields.get("Name", "")))
        return dict(InstanceId="pcc-new")

    def setter(**changes):
        def handler(fields):
            find(fields["InstanceId"]).update(changes)
            return {}
        return handler

    def modify(fields):
        find(fields["InstanceId"]).update((k, v) for k, v in fields.items() if k not in ("InstanceId", "ClientToken"))
        return {}

    def delete(fields):
        cloud.peers.remove(find(fields["InstanceId"]))
        return {}

    cloud.on.update(CreateVpcPeerConnection=create, AcceptVpcPeerConnection=setter(Status="Activated"),
                    RejectVpcPeerConnection=setter(Status="Rejected"), ModifyVpcPeerConnection=modify,
                    DeleteVpcPeerConnection=delete)
    return cloud


def refused(world, code, match, key="AK1", **overrides):
    writes = world.writes()
    with pytest.raises(AlicloudError) as exc:
        vpcpeer.ensure_vpc_peer_connection(world.session(key), params(**overrides), False)
    assert exc.value.code == code
    assert match in str(exc.value)
    assert world.writes() == writes
    return exc.value


# ---------------------------------------------------------------------------
# Validation without the API
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("overrides, match", [
    (dict(accepting_vpc_id="vpc-a"), "accepting_vpc_id: a VPC cannot be peered with itself (vpc-a)"),
    (dict(bandwidth=10), "bandwidth: applies only to a connection between two regions; both VPCs are in cn-hangzhou"),
    (dict(link_type="Gold", accepting_region="cn-hangzhou"), "link_type: applies only to a connection between"),
    (dict(bandwidth=0, accepting_region="cn-shanghai"), "bandwidth: must be a whole number of Mbit/s above 0"),
    (dict(accepting_cidr_blocks=["10.1.0.0/15"]), "accepting_cidr_blocks: '10.1.0.0/15' is not a CIDR block"),
    (dict(peer_connection_id="pcc_1"), "peer_connection_id: 'pcc_1' is not a valid PCC id"),
    (dict(vpc_id="VPC-A"), "vpc_id: 'VPC-A' is not a valid VPC id"),
    (dict(name="-x"), "name: '-x' must be 2 to 128 characters"),
    (dict(description="1 description"), "description: must be 2 to 256 characters"),
])
def test_invalid_tasks_are_refused_before_any_call(world, overrides, match):
    with pytest.raises(AlicloudError) as exc:
        vpcpeer.ensure_vpc_peer_connection(world.session(), params(**overrides), False)
    assert match in str(exc.value)
    assert world.calls == []


def test_a_connection_named_by_id_needs_no_region(world):
    world.peers.append(connection())
    task = params(peer_connection_id="pcc-1", vpc_id=None)
    result = vpcpeer.ensure_vpc_peer_connection(world.session(region=None), task, False)
    assert (result["changed"], result["peer_connection_id"]) == (False, "pcc-1")


# ---------------------------------------------------------------------------
# The requester
# ---------------------------------------------------------------------------

def test_check_mode_predicts_a_request_across_accounts(world):
    world.vpcs[1]["_account"] = UID2
    result = vpcpeer.ensure_vpc_peer_connection(world.session(), params(accepting_owner_id=UID2,
                                                                        accepting_region="cn-shanghai"), True)
    view = result["vpc_peer_connection"]
    assert result["changed"] is True and result["peer_connection_id"].startswith("pcc-checkmode-")
    assert (view["status"], view["accepting_owner_uid"], view["owner_id"]) == ("Accepting", UID2, UID1)
    assert (view["bandwidth"], view["link_type"], view["accepting_region_id"]) == (1024, "Gold", "cn-shanghai")
    assert result["diff"]["before"] == {} and result["diff"]["after"]["accepting_owner_uid"] == UID2
    assert set(result["diff"]["after"]) == set(vpcpeer.SUMMARY_KEYS)  # the module's return keys
    assert world.writes() == []


def test_create_in_one_account_checks_both_vpcs_and_sends_a_client_token(world):
    result = vpcpeer.ensure_vpc_peer_connection(world.session(), params(name="a-to-b"), False)
    request = world.request("CreateVpcPeerConnection")
    assert request["ClientToken"]
    assert (request["RegionId"], request["VpcId"], request["AcceptingVpcId"], request["AcceptingRegionId"]) \
        == ("cn-hangzhou", "vpc-a", "vpc-b", "cn-hangzhou")
    assert request["AcceptingAliUid"] == int(UID1)
    assert "Bandwidth" not in request
    assert (result["changed"], result["peer_connection_id"]) == (True, "pcc-new")
    assert result["vpc_peer_connection"]["status"] == "Activated"
    assert (result["vpc_peer_connection"]["vpc_id"], result["vpc_peer_connection"]["accepting_vpc_id"]) \
        == ("vpc-a", "vpc-b")


def test_a_rerun_finds_the_live_connection_between_the_two_vpcs(world):
    world.peers.append(connection("pcc-reverse", Vpc=dict(VpcId="vpc-b"), AcceptingVpc=dict(VpcId="vpc-a")))
    world.peers.append(connection("pcc-1"))
    result = vpcpeer.ensure_vpc_peer_connection(world.session(), params(), False)
    assert (result["changed"], result["peer_connection_id"]) == (False, "pcc-1")
    assert world.request("ListVpcPeerConnections")["VpcId"] == ["vpc-a", "vpc-b"]
    assert world.writes() == []


def test_two_live_connections_between_the_vpcs_are_listed(world):
    world.peers.extend([connection("pcc-1"), connection("pcc-2", status="Accepting")])
    refused(world, "InvalidParameter", "2 peering connections join vpc-a to vpc-b (pcc-1 (Activated), "
                                       "pcc-2 (Accepting))")


def test_missing_vpcs_and_overlaps_are_refused_before_writing(world):
    refused(world, "ResourceNotFound.VpcId", "vpc_id: VPC vpc-x does not exist in cn-hangzhou", vpc_id="vpc-x")
    refused(world, "ResourceNotFound.AcceptingVpcId", "accepting_vpc_id: VPC vpc-x does not exist",
            accepting_vpc_id="vpc-x")
    world.vpcs[1]["CidrBlock"] = "10.0.64.0/18"
    refused(world, "OverlappingCidrBlocks", "vpc-a (10.0.0.0/16) and vpc-b (10.0.64.0/18) overlap")
    refused(world, "OverlappingCidrBlocks", "vpc-a (10.0.0.0/16) and vpc-c (10.0.9.0/24) overlap",
            accepting_vpc_id="vpc-c", accepting_owner_id=UID2, accepting_cidr_blocks=["10.0.9.0/24"])


def test_changes_wait_for_activated_and_stay_in_one_region(world):
    world.peers.append(connection(status="Accepting", accepter=UID2, accepting_region="cn-shanghai"))
    overrides = dict(accepting_owner_id=UID2, accepting_region="cn-shanghai")
    refused(world, "IncorrectStatus.VpcPeer", "bandwidth can change only once the connection is Activated",
            bandwidth=200, **overrides)
    world.peers[0]["Status"] = "Activated"
    result = vpcpeer.ensure_vpc_peer_connection(world.session(), params(bandwidth=200, name="a-b", **overrides), True)
    assert (result["diff"]["before"]["bandwidth"], result["diff"]["after"]["bandwidth"]) == (1024, 200)
    assert world.writes() == []
    result = vpcpeer.ensure_vpc_peer_connection(world.session(), params(bandwidth=200, name="a-b", **overrides), False)
    request = world.request("ModifyVpcPeerConnection")
    assert (request["Bandwidth"], request["Name"], request["InstanceId"]) == (200, "a-b", "pcc-1")
    assert "LinkType" not in request
    assert result["vpc_peer_connection"]["bandwidth"] == 200


def test_bandwidth_of_a_one_region_connection_named_by_id(world):
    world.peers.append(connection())
    refused(world, "IllegalParam.Bandwidth", "bandwidth: applies only to a connection between two regions",
            peer_connection_id="pcc-1", vpc_id=None, bandwidth=5)


def test_a_rejected_request_is_not_asked_again_silently(world):
    world.peers.append(connection(status="Rejected", accepter=UID2))
    refused(world, "IncorrectStatus.VpcPeer", "was rejected by the accepter: delete it (state=absent)",
            accepting_owner_id=UID2)


# ---------------------------------------------------------------------------
# The accepter
# ---------------------------------------------------------------------------

@pytest.fixture
def waiting(world):
    """A request from account 1's vpc-a to account 2's vpc-b, waiting in Accepting."""
    world.vpcs[1]["_account"] = UID2
    world.peers.append(connection(status="Accepting", accepter=UID2))
    return world


def test_the_accepter_accepts(waiting):
    result = vpcpeer.ensure_vpc_peer_connection(waiting.session("AK2"), params(state="accepted"), True)
    assert (result["changed"], result["vpc_peer_connection"]["status"], waiting.writes()) == (True, "Activated", [])
    result = vpcpeer.ensure_vpc_peer_connection(waiting.session("AK2"), params(state="accepted"), False)
    assert waiting.writes() == ["AcceptVpcPeerConnection"]
    assert waiting.request("AcceptVpcPeerConnection")["ClientToken"]
    assert result["vpc_peer_connection"]["status"] == "Activated"
    again = vpcpeer.ensure_vpc_peer_connection(waiting.session("AK2"), params(state="accepted"), False)
    assert again["changed"] is False and waiting.writes() == ["AcceptVpcPeerConnection"]


def test_only_the_accepter_answers(waiting):
    refused(waiting, "Forbidden.NotAccepter",
            "waits for account %s to answer it; these credentials act as account %s" % (UID2, UID1), state="accepted")


def test_the_accepter_refuses_overlapping_vpcs(waiting):
    waiting.peers[0]["AcceptingVpc"]["Ipv4Cidrs"] = ["10.0.0.0/8"]
    refused(waiting, "OverlappingCidrBlocks", "vpc-a (10.0.0.0/16) and vpc-b (10.0.0.0/8) overlap", key="AK2",
            state="accepted")


def test_the_accepter_rejects(waiting):
    reject = params(peer_connection_id="pcc-1", state="rejected")
    result = vpcpeer.ensure_vpc_peer_connection(waiting.session("AK2"), reject, False)
    assert waiting.writes() == ["RejectVpcPeerConnection"]
    assert result["vpc_peer_connection"]["status"] == "Rejected"
    again = vpcpeer.ensure_vpc_peer_connection(waiting.session("AK2"), reject, False)
    assert again["changed"] is False
    refused(waiting, "IncorrectStatus.VpcPeer", "cannot be accepted any more", key="AK2", state="accepted")


def test_an_activated_connection_cannot_be_rejected(waiting):
    waiting.peers[0]["Status"] = "Activated"
    refused(waiting, "IncorrectStatus.VpcPeer", "cannot be rejected", key="AK2", state="rejected")


def test_there_must_be_a_connection_to_answer(world):
    refused(world, "ResourceNotFound.InstanceId", "no VPC peering connection from vpc-a to vpc-b is visible",
            state="accepted")


# ---------------------------------------------------------------------------
# Deleting
# ---------------------------------------------------------------------------

def test_absent_is_refused_while_routes_of_either_own_vpc_use_the_connection(world):
    world.peers.append(connection())
    world.add_route("vtb-b", "10.0.0.0/16", "VpcPeer", "pcc-1", "rte-b")
    refused(world, "OperationDenied.RouteEntryExist", "next hop of route entries rte-b (10.0.0.0/16 in vtb-b)",
            state="absent")


def test_absent_deletes_with_a_client_token(world):
    world.peers.append(connection())
    check = vpcpeer.ensure_vpc_peer_connection(world.session(), params(state="absent"), True)
    assert (check["changed"], world.writes()) == (True, [])
    result = vpcpeer.ensure_vpc_peer_connection(world.session(), params(state="absent"), False)
    assert world.writes() == ["DeleteVpcPeerConnection"]
    assert world.request("DeleteVpcPeerConnection")["ClientToken"]
    assert (result["peer_connection_id"], result["vpc_peer_connection"], result["diff"]["after"]) == ("pcc-1", {}, {})
    again = vpcpeer.ensure_vpc_peer_connection(world.session(), params(state="absent"), False)
    assert (again["changed"], again["peer_connection_id"]) == (False, None)


# ---------------------------------------------------------------------------
# Views and vpc_peer_connection_info
# ---------------------------------------------------------------------------

def test_the_view_puts_ids_on_top_and_account_ids_as_strings():
    view = vpcpeer.pcc_view(dict(connection(accepter=UID2), RequestId="REQ", Tags=[dict(Key="env", Value="prod")]))
    assert (view["peer_connection_id"], view["vpc_id"], view["accepting_vpc_id"]) == ("pcc-1", "vpc-a", "vpc-b")
    assert (view["owner_id"], view["accepting_owner_uid"]) == (UID1, UID2)
    assert view["tags"] == {"env": "prod"}
    assert "request_id" not in view


def test_info_filters_by_ids_and_status(world):
    world.peers.extend([connection("pcc-1"), connection("pcc-2", status="Accepting"),
                        connection("pcc-3", status="Accepting")])
    result = vpcpeer.vpc_peer_connection_info(world.session(), dict(peer_connection_ids=["pcc-2", "pcc-1"],
                                                                    vpc_id=None, name=None, status=["Accepting"]),
                                              False)
    assert result["ids"] == ["pcc-2"]
    single = vpcpeer.vpc_peer_connection_info(world.session(), dict(peer_connection_ids=["pcc-3"], vpc_id="vpc-a",
                                                                    name="x", status=None), False)
    request = world.request("ListVpcPeerConnections")
    assert (request["InstanceId"], request["VpcId"], request["Name"], request["RegionId"]) \
        == ("pcc-3", ["vpc-a"], "x", "cn-hangzhou")
    assert single["ids"] == ["pcc-3"]
