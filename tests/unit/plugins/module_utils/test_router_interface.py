# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/router_interface.py: validation, finding an interface, the refusals that come before any
write, and the order of the writes, against scripted SDK clients. The whole peering against the
emulator is in tests/integration/targets/router_interface."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import router_interface as ri_mod
from ansible_collections.alicloud.interconnect.plugins.module_utils import router_interface_api as ri_api
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

SPECS_BANDWIDTH = {"Mini.2": 2, "Small.1": 10}

# The accounts of the keys AK1 and AK2 of the conftest's peering cloud.
UID1, UID2 = "1000000000000001", "1000000000000002"


def params(**overrides):
    base = dict(router_interface_id=None, role="initiator", spec="Mini.2", vpc_id="vpc-l", router_id=None,
                router_type="VRouter", opposite_interface_id=None, opposite_router_id=None, opposite_vpc_id="vpc-r",
                opposite_router_type="VRouter", opposite_region=None, opposite_owner_id=None,
                opposite_cidr_blocks=None, name=None, description=None, state="present", wait=True, wait_timeout=5,
                tags=None, purge_tags=True)
    base.update(overrides)
    return base


def interface(ri_id, router, role="InitiatingSide", status="Idle", opposite_router="", opposite_id="",
              owner=UID1, account=UID1, region="cn-hangzhou", spec=None):
    return dict(RouterInterfaceId=ri_id, RouterId=router, RouterType="VRouter", Role=role, Status=status,
                Spec=spec or ("Mini.2" if role == "InitiatingSide" else "Negative"), OppositeRouterId=opposite_router,
                OppositeRouterType="VRouter" if opposite_router else "", OppositeInterfaceId=opposite_id,
                OppositeInterfaceOwnerId=owner if opposite_router else "", OppositeRegionId="cn-hangzhou",
                Name="", Description="", _account=account, _region=region)


@pytest.fixture
def cloud(peering):
    """The conftest's peering cloud instead of its scripted clients."""
    return peering


@pytest.fixture
def world(cloud):
    """Two VPCs of account 1 in cn-hangzhou, and write handlers that act like the service."""
    cloud.add_vpc("vpc-l", "10.0.0.0/16")
    cloud.add_vpc("vpc-r", "10.1.0.0/16")

    def find(ri_id):
        return [ri for ri in cloud.interfaces if ri["RouterInterfaceId"] == ri_id][0]

    def create(fields):
        record = interface("ri-new", fields["RouterId"], role=fields["Role"], spec=fields["Spec"])
        record.update(dict((k, fields.get(k, "")) for k in ri_api.OPPOSITE_FIELDS),
                      OppositeRegionId=fields["OppositeRegionId"], Name=fields.get("Name", ""))
        cloud.interfaces.append(record)
        return dict(RouterInterfaceId="ri-new")

    def modify(fields):
        find(fields["RouterInterfaceId"]).update(
            (k, str(v)) for k, v in fields.items() if k not in ("RegionId", "RouterInterfaceId"))
        return {}

    def switch(status):
        def handler(fields):
            record = find(fields["RouterInterfaceId"])
            record["Status"] = status
            if record["OppositeInterfaceId"]:
                find(record["OppositeInterfaceId"])["Status"] = status
            return {}
        return handler

    def spec(fields):
        find(fields["RouterInterfaceId"])["Spec"] = fields["Spec"]
        return dict(Spec=fields["Spec"])

    def delete(fields):
        cloud.interfaces.remove(find(fields["RouterInterfaceId"]))
        return {}

    cloud.on.update(CreateRouterInterface=create, ModifyRouterInterfaceAttribute=modify,
                    ConnectRouterInterface=switch("Active"), DeactivateRouterInterface=switch("Inactive"),
                    ActivateRouterInterface=switch("Active"), ModifyRouterInterfaceSpec=spec,
                    DeleteRouterInterface=delete)
    return cloud


def refused(world, code, match, **overrides):
    """The core fails with code and a message containing match, and writes nothing."""
    writes = world.writes()
    with pytest.raises(AlicloudError) as exc:
        ri_mod.ensure_router_interface(world.session(), params(**overrides), False)
    assert exc.value.code == code
    assert match in str(exc.value)
    assert world.writes() == writes
    return exc.value


# ---------------------------------------------------------------------------
# Validation without the API
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("overrides, match", [
    (dict(role="acceptor", spec="Large.1"), "spec: an acceptor has no specification"),
    (dict(role="acceptor", spec=None, vpc_id=None, router_id="vbr-1", router_type="VBR"), "role: a router interface on a VBR"),
    (dict(role=None), "role is required"),
    (dict(router_id="vbr-1", vpc_id=None), "router_id: 'vbr-1' is not a valid VRT id"),
    (dict(opposite_router_id="vrt-1", opposite_router_type="VBR"), "opposite_router_id: 'vrt-1' is not a valid VBR id"),
    (dict(router_interface_id="ri_1"), "router_interface_id: 'ri_1'"),
    (dict(opposite_interface_id="RI-1"), "opposite_interface_id: 'RI-1'"),
    (dict(opposite_vpc_id="vpc_r"), "opposite_vpc_id: 'vpc_r'"),
    (dict(opposite_cidr_blocks=["10.1.0.0/16", "10.1.0.1/16"]), "opposite_cidr_blocks: '10.1.0.1/16'"),
    (dict(name="1st"), "name: '1st' must be 2 to 128 characters"),
    (dict(name="a"), "name: 'a' must be"),
    (dict(description="http://x"), "description: must be 2 to 256 characters"),
])
def test_invalid_tasks_are_refused_before_any_call(world, overrides, match):
    with pytest.raises(AlicloudError, match=match.replace("(", r"\(")):
        ri_mod.ensure_router_interface(world.session(), params(**overrides), False)
    assert world.calls == []


def test_role_may_be_left_out_to_delete():
    ri_mod.validate(params(role=None, state="absent"))
    ri_mod.validate(params(role=None, router_interface_id="ri-1"))


# ---------------------------------------------------------------------------
# Creating and finding
# ---------------------------------------------------------------------------

def test_check_mode_predicts_the_initiator_without_writing(world):
    result = ri_mod.ensure_router_interface(world.session(), params(name="l-to-r"), True)
    assert result["changed"] is True and result["router_interface_id"].startswith("ri-checkmode-")
    view = result["router_interface"]
    assert (view["role"], view["role_name"], view["status"], view["spec"]) == ("InitiatingSide", "initiator", "Idle",
                                                                               "Mini.2")
    assert (view["router_id"], view["opposite_router_id"], view["opposite_interface_owner_id"]) \
        == ("vrt-l", "vrt-r", UID1)
    assert result["diff"]["before"] == {} and result["diff"]["after"]["name"] == "l-to-r"
    assert set(result["diff"]["after"]) == set(ri_api.SUMMARY_KEYS)  # the module's return keys
    assert world.writes() == []


def test_create_names_the_opposite_router_and_owner_with_a_client_token(world):
    result = ri_mod.ensure_router_interface(world.session(), params(name="l-to-r"), False)
    request = world.request("CreateRouterInterface")
    assert request["ClientToken"]
    assert (request["Role"], request["Spec"], request["RouterType"], request["RouterId"]) \
        == ("InitiatingSide", "Mini.2", "VRouter", "vrt-l")
    assert (request["OppositeRouterId"], request["OppositeRouterType"], request["OppositeRegionId"],
            request["OppositeInterfaceOwnerId"]) == ("vrt-r", "VRouter", "cn-hangzhou", UID1)
    assert "OppositeInterfaceId" not in request
    assert world.writes() == ["CreateRouterInterface"]
    assert (result["changed"], result["router_interface_id"]) == (True, "ri-new")


def test_a_rerun_finds_the_interface_by_router_opposite_router_and_role(world):
    world.interfaces.append(interface("ri-other-role", "vrt-l", role="AcceptingSide", opposite_router="vrt-r"))
    world.interfaces.append(interface("ri-1", "vrt-l", opposite_router="vrt-r"))
    result = ri_mod.ensure_router_interface(world.session(), params(), False)
    assert (result["changed"], result["router_interface_id"]) == (False, "ri-1")
    assert world.writes() == []
    assert "diff" not in result


def test_two_interfaces_of_one_role_between_two_routers_are_listed(world):
    world.interfaces.append(interface("ri-1", "vrt-l", opposite_router="vrt-r"))
    world.interfaces.append(interface("ri-2", "vrt-l", opposite_router="vrt-r"))
    refused(world, "InvalidParameter", "2 router interfaces join vrt-l to vrt-r (ri-1 (initiator, Idle, on vrt-l), "
                                       "ri-2 (initiator, Idle, on vrt-l))")


def test_an_interface_given_by_id_must_have_the_role_and_router_asked_for(world):
    world.interfaces.append(interface("ri-1", "vrt-l", role="AcceptingSide", opposite_router="vrt-r"))
    refused(world, "IncorrectRole", "ri-1 is the acceptor (AcceptingSide), not the initiator", router_interface_id="ri-1")
    refused(world, "InvalidParameter", "ri-1 is on router vrt-l, not on vrt-r", router_interface_id="ri-1",
            role=None, vpc_id="vpc-r")


def test_a_missing_interface_given_by_id(world):
    refused(world, "InvalidRouterInterfaceId.NotFound", "ri-9 does not exist", router_interface_id="ri-9")
    result = ri_mod.ensure_router_interface(world.session(), params(router_interface_id="ri-9", state="absent"), False)
    assert (result["changed"], result["router_interface_id"]) == (False, None)


# ---------------------------------------------------------------------------
# Refusals before any write
# ---------------------------------------------------------------------------

def test_a_sixth_interface_on_a_router(world):
    for index in range(5):
        world.interfaces.append(interface("ri-%d" % index, "vrt-l", opposite_router="vrt-x%d" % index))
    error = refused(world, "LimitationExceed.InterfaceNumberOnRouter", "router vrt-l already has 5 router interfaces")
    assert "ri-0, ri-1, ri-2, ri-3, ri-4" in str(error)


def test_a_second_connected_pair_between_two_routers(world):
    world.interfaces.append(interface("ri-1", "vrt-l", status="Inactive", opposite_router="vrt-r"))
    refused(world, "Forbidden.OnlyOneConnection", "routers vrt-l and vrt-r are already joined by the connected "
                                                  "router interface ri-1", role="acceptor", spec=None)


def test_overlapping_vpcs_in_one_account(world):
    world.vpcs[1]["SecondaryCidrBlocks"] = {"SecondaryCidrBlock": ["10.0.128.0/20"]}
    refused(world, "OverlappingCidrBlocks", "vpc-l (10.0.0.0/16) and vpc-r (10.1.0.0/16, 10.0.128.0/20) overlap")


def test_overlapping_vpcs_across_accounts_from_opposite_cidr_blocks(world):
    overrides = dict(opposite_vpc_id=None, opposite_router_id="vrt-b", opposite_owner_id=UID2)
    refused(world, "OverlappingCidrBlocks", "overlap (10.0.0.0/16 with 10.0.4.0/24)",
            opposite_cidr_blocks=["10.0.4.0/24"], **overrides)
    # Without the blocks the other account's VPC cannot be read: nothing to compare with.
    result = ri_mod.ensure_router_interface(world.session(), params(**overrides), False)
    assert result["changed"] is True
    assert world.request("CreateRouterInterface")["OppositeInterfaceOwnerId"] == UID2


def test_another_accounts_vpc_needs_its_router(world):
    refused(world, "MissingParameter", "opposite_vpc_id: VPC vpc-b belongs to account %s" % UID2,
            opposite_vpc_id="vpc-b", opposite_owner_id=UID2)


def test_a_missing_opposite_vpc_or_interface(world):
    refused(world, "InvalidVpcId.NotFound", "opposite_vpc_id: VPC vpc-gone does not exist in cn-hangzhou",
            opposite_vpc_id="vpc-gone")
    refused(world, "InvalidRouterInterfaceId.NotFound", "opposite_interface_id: router interface ri-gone does not",
            role="acceptor", spec=None, opposite_vpc_id=None, opposite_interface_id="ri-gone",
            opposite_router_id="vrt-r")


def test_an_acceptor_is_never_asked_to_connect(world):
    world.interfaces.append(interface("ri-a", "vrt-r", role="AcceptingSide", opposite_router="vrt-l"))
    refused(world, "IncorrectRole.NotInitiatingSide", "ri-a (acceptor, Idle, on vrt-r) is an acceptor",
            role="acceptor", spec=None, vpc_id="vpc-r", opposite_vpc_id="vpc-l", state="active")


def test_an_initiator_asked_to_be_active_needs_its_acceptor(world):
    refused(world, "MissingParameter", "state=active: give opposite_interface_id", state="active")


def test_a_new_initiator_cannot_connect_in_one_account(world):
    world.interfaces.append(interface("ri-a", "vrt-r", role="AcceptingSide", opposite_router="vrt-l"))
    refused(world, "IncorrectOppositeInterfaceInfo.NotSet", "cannot name an initiator that does not exist yet",
            opposite_vpc_id=None, opposite_interface_id="ri-a")


def test_an_initiator_waits_for_its_acceptor_to_name_it(world):
    world.interfaces.append(interface("ri-i", "vrt-l", opposite_router="vrt-r"))
    world.interfaces.append(interface("ri-a", "vrt-r", role="AcceptingSide", opposite_router="vrt-l",
                                      opposite_id="ri-other"))
    error = refused(world, "IncorrectOppositeInterfaceInfo.NotSet", "the acceptor ri-a does not name the initiator "
                                                                    "ri-i", opposite_interface_id="ri-a")
    assert "OppositeInterfaceId is 'ri-other', not 'ri-i'" in str(error)


def test_the_opposite_of_a_connected_interface_cannot_change(world):
    world.interfaces.append(interface("ri-i", "vrt-l", status="Active", opposite_router="vrt-r", opposite_id="ri-a"))
    world.interfaces.append(interface("ri-a", "vrt-r", role="AcceptingSide", status="Active", opposite_router="vrt-l",
                                      opposite_id="ri-i"))
    world.interfaces.append(interface("ri-b", "vrt-r", role="AcceptingSide", opposite_router="vrt-l",
                                      opposite_id="ri-i"))
    refused(world, "IncorrectStatus.RouterInterface", "is Active: its opposite (OppositeInterfaceId) cannot change",
            router_interface_id="ri-i", opposite_vpc_id=None, opposite_interface_id="ri-b")
    refused(world, "InvalidParameter", "opposite_region: ri-i faces cn-hangzhou, not cn-shanghai",
            router_interface_id="ri-i", opposite_vpc_id=None, opposite_region="cn-shanghai")


def test_a_spec_changes_only_while_active(world):
    world.interfaces.append(interface("ri-i", "vrt-l", status="Inactive", opposite_router="vrt-r", opposite_id="ri-a"))
    refused(world, "InvalidInstance.StatusError", "can change only while it is Active (it would be Inactive)",
            router_interface_id="ri-i", spec="Small.1")


# ---------------------------------------------------------------------------
# The writes, in order
# ---------------------------------------------------------------------------

@pytest.fixture
def pair(world):
    """An Idle initiator on L and an Idle acceptor on R that names it."""
    world.interfaces.append(interface("ri-i", "vrt-l", opposite_router="vrt-r"))
    world.interfaces.append(interface("ri-a", "vrt-r", role="AcceptingSide", opposite_router="vrt-l",
                                      opposite_id="ri-i"))
    return world


def test_the_initiator_sets_its_opposite_interface_then_connects(pair):
    result = ri_mod.ensure_router_interface(pair.session(), params(opposite_vpc_id=None, opposite_interface_id="ri-a"),
                                            False)
    assert pair.writes() == ["ModifyRouterInterfaceAttribute", "ConnectRouterInterface"]
    assert pair.request("ModifyRouterInterfaceAttribute") == dict(RegionId="cn-hangzhou", RouterInterfaceId="ri-i",
                                                                  OppositeInterfaceId="ri-a")
    assert result["router_interface"]["status"] == "Active"
    assert result["diff"]["before"]["status"] == "Idle" and result["diff"]["after"]["status"] == "Active"


def test_a_new_owner_goes_to_modify_as_an_integer(pair):
    ri_mod.ensure_router_interface(pair.session(), params(router_interface_id="ri-i", opposite_vpc_id=None,
                                                          opposite_router_id="vrt-b", opposite_owner_id=UID2), False)
    request = pair.request("ModifyRouterInterfaceAttribute")
    assert request["OppositeInterfaceOwnerId"] == int(UID2)
    assert request["OppositeRouterId"] == "vrt-b"


def test_check_mode_predicts_the_connection(pair):
    result = ri_mod.ensure_router_interface(pair.session(), params(opposite_vpc_id=None, opposite_interface_id="ri-a"),
                                            True)
    assert result["changed"] is True
    assert result["router_interface"]["status"] == "Active"
    assert result["router_interface"]["opposite_interface_id"] == "ri-a"
    assert pair.writes() == []


def test_inactive_active_and_spec(pair):
    session = pair.session()
    connect = params(opposite_vpc_id=None, opposite_interface_id="ri-a")
    ri_mod.ensure_router_interface(session, connect, False)
    result = ri_mod.ensure_router_interface(session, params(router_interface_id="ri-i", state="inactive"), False)
    assert result["router_interface"]["status"] == "Inactive"
    assert pair.writes()[-1] == "DeactivateRouterInterface"
    assert ri_mod.ensure_router_interface(session, connect, False)["changed"] is False
    result = ri_mod.ensure_router_interface(session, params(router_interface_id="ri-a", role=None, spec=None,
                                                            vpc_id=None, opposite_vpc_id=None, state="active"), False)
    assert (result["changed"], result["router_interface"]["status"]) == (True, "Active")
    assert pair.writes()[-1] == "ActivateRouterInterface"
    result = ri_mod.ensure_router_interface(session, dict(connect, spec="Small.1"), False)
    assert pair.writes()[-1] == "ModifyRouterInterfaceSpec"
    assert pair.request("ModifyRouterInterfaceSpec")["Spec"] == "Small.1"
    assert result["router_interface"]["spec"] == "Small.1"
    assert ri_mod.ensure_router_interface(session, dict(connect, spec="Small.1"), False)["changed"] is False


def lose_first_answer(world, operation, error, refusal):
    """The next ``operation`` is done, then its answer is lost (``error``); a repeat is refused (``refusal``)."""
    handler, calls = world.on[operation], []

    def answer(fields):
        calls.append(fields)
        if len(calls) > 1:
            raise refusal
        handler(fields)
        raise error
    world.on[operation] = answer


@pytest.mark.parametrize("operation, steps, status", [
    ("ModifyRouterInterfaceAttribute", [], "Active"),
    ("ConnectRouterInterface", [], "Active"),
    ("DeactivateRouterInterface", [dict(state="inactive")], "Inactive"),
    ("ActivateRouterInterface", [dict(state="inactive"), dict(state="active")], "Active"),
])
def test_a_write_whose_answer_was_lost_is_read_back_not_repeated(pair, sdk_error, operation, steps, status):
    session = pair.session()
    connect = params(opposite_vpc_id=None, opposite_interface_id="ri-a")
    lose_first_answer(pair, operation, sdk_error.unreachable("Remote end closed connection without response"),
                      sdk_error.client("IncorrectRIStatus"))
    result = ri_mod.ensure_router_interface(session, connect, False)
    for step in steps:
        result = ri_mod.ensure_router_interface(session, params(router_interface_id="ri-i", **step), False)
    assert (result["changed"], result["router_interface"]["status"]) == (True, status)
    assert pair.writes().count(operation) == 1


def test_absent_reads_back_a_deactivate_whose_answer_was_lost(pair, sdk_error):
    pair.interfaces[0].update(Status="Active", OppositeInterfaceId="ri-a")
    pair.interfaces[1]["Status"] = "Active"
    lose_first_answer(pair, "DeactivateRouterInterface", sdk_error.server("InternalError", 500),
                      sdk_error.client("IncorrectRIStatus"))
    result = ri_mod.ensure_router_interface(pair.session(), params(router_interface_id="ri-i", state="absent"), False)
    assert pair.writes() == ["DeactivateRouterInterface", "DeleteRouterInterface"]
    assert (result["changed"], result["router_interface"]) == (True, {})


def test_inactive_needs_a_connected_interface(pair):
    refused(pair, "IncorrectStatus", "ri-i (initiator, Idle, on vrt-l) was never connected", state="inactive")


def test_absent_deactivates_an_active_pair_then_deletes(pair):
    pair.interfaces[0].update(Status="Active", OppositeInterfaceId="ri-a")
    pair.interfaces[1]["Status"] = "Active"
    result = ri_mod.ensure_router_interface(pair.session(), params(router_interface_id="ri-i", state="absent"), False)
    assert pair.writes() == ["DeactivateRouterInterface", "DeleteRouterInterface"]
    assert pair.request("DeleteRouterInterface")["ClientToken"]
    assert (result["changed"], result["router_interface_id"], result["router_interface"]) == (True, "ri-i", {})
    assert pair.interfaces[0]["Status"] == "Inactive"  # the acceptor, left for its own account to delete


def test_absent_refuses_an_interface_that_routes_use(pair):
    pair.add_route("vtb-l", "10.1.0.0/16", "RouterInterface", "ri-i", "rte-1")
    refused(pair, "DependencyViolation.RouterInterfaceReferedByRouteEntry",
            "next hop of route entries rte-1 (10.1.0.0/16 in vtb-l)", router_interface_id="ri-i", state="absent")


def test_absent_finds_the_acceptor_by_its_opposite_interface_once_that_is_gone(pair):
    pair.interfaces.pop(0)
    result = ri_mod.ensure_router_interface(pair.session(), params(role="acceptor", spec=None, vpc_id="vpc-r",
                                                                   opposite_vpc_id=None, opposite_interface_id="ri-i",
                                                                   state="absent"), False)
    assert (result["changed"], result["router_interface_id"]) == (True, "ri-a")
    assert pair.writes() == ["DeleteRouterInterface"]


def test_a_vbr_initiator_is_not_checked_for_overlaps(world):
    world.interfaces.append(interface("ri-v", "vbr-1", opposite_router="vrt-r"))
    world.interfaces[-1]["RouterType"] = "VBR"
    result = ri_mod.ensure_router_interface(world.session(), params(vpc_id=None, router_id="vbr-1", router_type="VBR",
                                                                    name="from-idc"), False)
    assert world.writes() == ["ModifyRouterInterfaceAttribute"]
    assert world.request("ModifyRouterInterfaceAttribute")["Name"] == "from-idc"
    assert "DescribeVRouters" not in world.operations()
    assert result["router_interface_id"] == "ri-v"


# ---------------------------------------------------------------------------
# router_interface_info
# ---------------------------------------------------------------------------

def test_filters_take_api_or_snake_case_keys_and_values_or_lists():
    filters = ri_api.build_filters(dict(router_interface_ids=["ri-1"],
                                        filters=dict(router_id="vrt-1", Status=["Active", "Idle"], RouterId="vrt-2")))
    assert filters == dict(RouterId=["vrt-1", "vrt-2"], Status=["Active", "Idle"], RouterInterfaceId=["ri-1"])


def test_unknown_or_too_many_filter_keys_are_refused():
    with pytest.raises(AlicloudError, match="filters: 'vpc_id' is not a filter of DescribeRouterInterfaces"):
        ri_api.build_filters(dict(filters=dict(vpc_id="vpc-1")))
    with pytest.raises(AlicloudError, match="at most 5 filter keys, got 6"):
        ri_api.build_filters(dict(router_interface_ids=["ri-1"], filters=dict(
            RouterId="a", RouterType="VRouter", Status="Idle", Name="n", OppositeRouterId="b")))


def test_info_lists_the_filtered_interfaces(world):
    world.interfaces.append(interface("ri-1", "vrt-l", opposite_router="vrt-r"))
    world.interfaces.append(interface("ri-2", "vrt-r", role="AcceptingSide", opposite_router="vrt-l"))
    result = ri_api.router_interface_info(world.session(), dict(router_interface_ids=None,
                                                                filters=dict(router_id="vrt-r")), False)
    assert result["ids"] == ["ri-2"]
    assert result["router_interfaces"][0]["role_name"] == "acceptor"
    assert world.request("DescribeRouterInterfaces")["Filter"] == [dict(Key="RouterId", Value=["vrt-r"])]
