"""Express Connect router interfaces (VPC API) through the official SDK: creation,
the Idle -> Connecting/AcceptingConnecting -> Active -> Deactivating -> Inactive
-> Activating -> Active state machine, spec changes, deletion, same-account and
cross-account VPC peering with routes on both sides, and every refusal."""

import re

import pytest
from conftest import UID1, UID2
from test_vpc import HZ, SH, TIME_RE, env  # noqa: F401  pylint: disable=unused-import


def modify(env, ri_id, who=UID1, region=HZ, **params):
    env.call(who, "ModifyRouterInterfaceAttribute", RegionId=region, RouterInterfaceId=ri_id, **params)


def point(env, ri_id, at_ri, at_vpc, at_owner, who=UID1, region=HZ):
    """Set one side's opposite information to the other side."""
    modify(
        env,
        ri_id,
        who,
        region,
        OppositeInterfaceId=at_ri,
        OppositeRouterId=env.router_of(at_vpc),
        OppositeRouterType="VRouter",
        OppositeInterfaceOwnerId=int(at_owner),
    )


def pair(
    env,
    init_vpc="vpc-a1",
    init_region=HZ,
    acc_vpc="vpc-a2",
    acc_region=SH,
    init_who=UID1,
    acc_who=UID1,
    point_initiator=True,
    point_acceptor=True,
):
    """An initiator and an acceptor, Idle, each pointing at the other (unless told not to)."""
    initiator = env.ri(init_vpc, acc_region, who=init_who, region=init_region)
    acceptor = env.ri(acc_vpc, init_region, who=acc_who, region=acc_region, role="AcceptingSide")
    if point_initiator:
        point(env, initiator, acceptor, acc_vpc, acc_who, who=init_who, region=init_region)
    if point_acceptor:
        point(env, acceptor, initiator, init_vpc, init_who, who=acc_who, region=acc_region)
    return initiator, acceptor


def connect(env, ri_id, who=UID1, region=HZ, settle=True):
    env.call(who, "ConnectRouterInterface", RegionId=region, RouterInterfaceId=ri_id)
    if settle:
        env.settle()


def status(env, ri_id, who=UID1, region=HZ):
    return env.describe_ri(ri_id, who, region)["Status"]


def action(env, name, ri_id, who=UID1, region=HZ, **params):
    return env.call(who, name, RegionId=region, RouterInterfaceId=ri_id, **params)


# =============================================================================== creation
def test_created_router_interfaces_are_idle_with_their_attributes(env):
    initiator = env.ri("vpc-a1", SH, Name="to-a2", Description="peering to a2", Tags=[{"Key": "env", "Value": "dev"}])
    assert re.match(r"^ri-[0-9a-z]{20}$", initiator)
    view = env.describe_ri(initiator)
    assert (view["Status"], view["Role"], view["Spec"], view["Bandwidth"]) == ("Idle", "InitiatingSide", "Mini.2", 2)
    assert (view["RouterId"], view["RouterType"], view["VpcInstanceId"]) == (
        env.router_of("vpc-a1"),
        "VRouter",
        "vpc-a1",
    )
    assert (view["OppositeRegionId"], view["OppositeInterfaceId"], view["OppositeRouterId"]) == (SH, "", "")
    assert (view["Name"], view["Description"], view["ChargeType"], view["BusinessStatus"]) == (
        "to-a2",
        "peering to a2",
        "AfterPay",
        "Normal",
    )
    assert (view["CrossBorder"], view["FastLinkMode"], view["Success"], view["Code"]) == (False, "false", True, "200")
    assert view["Tags"] == {"Tags": [{"Key": "env", "Value": "dev"}]}
    assert TIME_RE.match(view["CreationTime"]) and view["ConnectedTime"] == ""
    assert "OppositeInterfaceStatus" not in view
    acceptor = env.ri(
        "vpc-a2",
        HZ,
        region=SH,
        role="AcceptingSide",
        OppositeInterfaceId=initiator,
        OppositeRouterId=env.router_of("vpc-a1"),
        OppositeInterfaceOwnerId=UID1,
    )
    view = env.describe_ri(acceptor, region=SH)
    assert (view["Role"], view["Spec"], view["Bandwidth"], view["OppositeRouterType"]) == (
        "AcceptingSide",
        "Negative",
        0,
        "VRouter",
    )
    assert (view["OppositeInterfaceId"], view["OppositeInterfaceOwnerId"]) == (initiator, UID1)


def test_a_cross_border_interface_says_so(env):
    ri_id = env.ri("vpc-a1", "us-west-1")
    assert env.describe_ri(ri_id)["CrossBorder"] is True


def test_a_prepaid_initiator_gets_an_order_and_an_end_time(env):
    created = env.call(
        UID1,
        "CreateRouterInterface",
        RegionId=HZ,
        Role="InitiatingSide",
        Spec="Small.1",
        RouterType="VRouter",
        RouterId=env.router_of("vpc-a1"),
        OppositeRegionId=SH,
        InstanceChargeType="PrePaid",
        PricingCycle="Month",
        Period=2,
        AutoPay=True,
    )
    assert isinstance(created["OrderId"], int)
    view = env.describe_ri(created["RouterInterfaceId"])
    assert view["ChargeType"] == "PrePaid" and view["EndTime"] < "2999" and TIME_RE.match(view["EndTime"])
    postpaid = env.call(
        UID1,
        "CreateRouterInterface",
        RegionId=HZ,
        Role="InitiatingSide",
        Spec="Small.1",
        RouterType="VRouter",
        RouterId=env.router_of("vpc-a1"),
        OppositeRegionId=SH,
    )
    assert "OrderId" not in postpaid


CREATE = {
    "RegionId": HZ,
    "Role": "InitiatingSide",
    "Spec": "Mini.2",
    "RouterType": "VRouter",
    "RouterId": "ROUTER",
    "OppositeRegionId": SH,
}


@pytest.mark.parametrize(
    "changes, code, status",
    [
        ({"RegionId": "xx-nowhere-1"}, "InvalidRegionId.NotFound", 404),
        ({"OppositeRegionId": "xx-nowhere-1"}, "InvalidOppositeRegionId.NotFound", 400),
        ({"Role": "Both"}, "InvalidRole.ValueNotSupported", 400),
        ({"RouterType": "Router"}, "InvalidRouterType.ValueNotSupported", 400),
        ({"Spec": "Huge.9"}, "InvalidSpec.ValudNotSupported", 400),
        ({"Spec": "Negative"}, "InvalidSpec.ValudNotSupported", 400),
        ({"Role": "AcceptingSide"}, "InvalidSpec.ValudNotSupported", 400),
        (
            {"RouterType": "VBR", "RouterId": "vbr-a1", "Role": "AcceptingSide", "Spec": "Negative"},
            "InvalidRole.ValueNotSupported",
            400,
        ),
        ({"OppositeRouterType": "Switch"}, "InvalidOppositeRouterType.ValueNotSupported", 400),
        ({"Name": "9lives"}, "InvalidName.Malformed", 400),
        ({"Name": "x"}, "InvalidName.Malformed", 400),
        ({"Description": "-dash first"}, "InvalidDescription.Malformed", 400),
        ({"InstanceChargeType": "Free"}, "InvalidRouterInterfaceChargeType.Malformed", 400),
        (
            {"InstanceChargeType": "PrePaid", "Role": "AcceptingSide", "Spec": "Negative"},
            "Forbidden.AcceptRoleNotSupportPrePay",
            400,
        ),
        ({"InstanceChargeType": "PrePaid", "AutoPay": True}, "MissingParameter", 400),
        ({"InstanceChargeType": "PrePaid", "Period": 1}, "MissingParameter", 400),
        (
            {"InstanceChargeType": "PrePaid", "AutoPay": True, "Period": 4, "PricingCycle": "Year"},
            "InvalidParameter",
            400,
        ),
        (
            {"InstanceChargeType": "PrePaid", "AutoPay": True, "Period": 1, "PricingCycle": "Week"},
            "InvalidParameter",
            400,
        ),
        ({"FastLinkMode": True}, "InvalidParameter", 400),
        ({"OppositeInterfaceOwnerId": "1999999999999999"}, "InvalidAliuid", 400),
        ({"OppositeInterfaceOwnerId": "someone"}, "InvalidAliuid", 400),
        ({"HealthCheckSourceIp": "10.0.0.5"}, "MissingParameter", 400),
        ({"HealthCheckSourceIp": "10.0.0.5", "HealthCheckTargetIp": "ten"}, "InvalidHealthCheckIP.Malformd", 400),
        ({"Tags": [{"Key": "aliyun-x", "Value": "v"}]}, "InvalidTagKey", 400),
        ({"RouterId": "vrt-nope"}, "InvalidRouterId.NotFound", 404),
        ({"RegionId": SH}, "InvalidRouterId.NotFound", 404),
        ({"AccessPointId": "ap-cn-hangzhou-xx"}, "InvalidAccessPoint.ValueNotAllowed", 400),
        ({"RouterType": "VBR", "RouterId": "vbr-nope"}, "InvalidRouterId.NotFound", 404),
        (
            {"RouterType": "VBR", "RouterId": "vbr-a1", "AccessPointId": "ap-elsewhere"},
            "InvalidAccessPoint.NotMatch",
            400,
        ),
    ],
)
def test_create_router_interface_refusals(env, changes, code, status):
    params = dict(CREATE, RouterId=env.router_of("vpc-a1"))
    params.update(changes)
    env.refused(UID1, "CreateRouterInterface", code, status, **params)


def test_another_accounts_router_cannot_take_an_interface(env):
    env.refused(
        UID2, "CreateRouterInterface", "InvalidRouterId.NotFound", 404, **dict(CREATE, RouterId=env.router_of("vpc-a1"))
    )
    env.refused(
        UID2,
        "CreateRouterInterface",
        "InvalidRouterId.NotFound",
        404,
        **dict(CREATE, RouterType="VBR", RouterId="vbr-a1")
    )


def test_a_router_takes_at_most_five_interfaces(env):
    for _ in range(5):
        env.ri("vpc-a1", SH)
    env.refused(
        UID1,
        "CreateRouterInterface",
        "LimitationExceed.InterfaceNumberOnRouter",
        **dict(CREATE, RouterId=env.router_of("vpc-a1"))
    )


def test_a_vpc_attached_to_a_cen_cannot_take_router_interfaces(env):
    cen_id = env.cen()
    env.attach(cen_id, "vpc-a1")
    env.settle()
    env.refused(
        UID1,
        "CreateRouterInterface",
        "InvalidRouterId.AttacedToCEN",
        404,
        **dict(CREATE, RouterId=env.router_of("vpc-a1"))
    )


def test_no_new_interface_names_routers_that_are_already_connected(env):
    initiator, _acceptor = pair(env)
    connect(env, initiator)
    env.refused(
        UID1,
        "CreateRouterInterface",
        "HaveConnectionBetweenRouters",
        **dict(CREATE, RouterId=env.router_of("vpc-a1"), OppositeRouterId=env.router_of("vpc-a2"))
    )


# =============================================================================== peering end to end
def test_same_account_peering_with_routes_on_both_sides_and_its_teardown(env):
    initiator, acceptor = pair(env)
    connect(env, initiator, settle=False)
    assert status(env, initiator) == "Connecting"
    assert status(env, acceptor, region=SH) == "AcceptingConnecting"
    env.refused(UID1, "DeleteRouterInterface", "IncorrectStatus", RegionId=HZ, RouterInterfaceId=initiator)
    env.settle()
    init_view, acc_view = env.describe_ri(initiator), env.describe_ri(acceptor, region=SH)
    assert (init_view["Status"], acc_view["Status"]) == ("Active", "Active")
    assert TIME_RE.match(init_view["ConnectedTime"])
    assert (init_view["OppositeInterfaceStatus"], init_view["OppositeInterfaceSpec"]) == ("Active", "Negative")
    assert (init_view["OppositeVpcInstanceId"], acc_view["OppositeVpcInstanceId"]) == ("vpc-a2", "vpc-a1")
    assert (acc_view["OppositeInterfaceSpec"], acc_view["OppositeBandwidth"]) == ("Mini.2", 2)
    # routes on both sides
    there = env.route(env.table_of("vpc-a1"), "10.1.0.0/16", "RouterInterface", initiator)
    back = env.route(env.table_of("vpc-a2"), "10.0.0.0/16", "RouterInterface", acceptor, region=SH)
    [hop] = env.entries(env.table_of("vpc-a1"), RouteEntryId=there)[0]["NextHops"]["NextHop"]
    assert hop["NextHopRelatedInfo"] == {
        "InstanceId": env.router_of("vpc-a2"),
        "InstanceType": "VRouter",
        "RegionId": SH,
    }
    # teardown: deactivate the pair, drop the routes, delete both sides
    env.refused(UID1, "DeleteRouterInterface", "IncorrectStatus", RegionId=HZ, RouterInterfaceId=initiator)
    action(env, "DeactivateRouterInterface", initiator)
    assert (status(env, initiator), status(env, acceptor, region=SH)) == ("Deactivating", "Deactivating")
    env.settle()
    assert (status(env, initiator), status(env, acceptor, region=SH)) == ("Inactive", "Inactive")
    env.refused(
        UID1,
        "DeleteRouterInterface",
        "DependencyViolation.RouterInterfaceReferedByRouteEntry",
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    env.call(UID1, "DeleteRouteEntry", RouteEntryId=there)
    env.call(UID1, "DeleteRouteEntry", RouteEntryId=back, RegionId=SH)
    env.settle()
    action(env, "DeleteRouterInterface", initiator)
    action(env, "DeleteRouterInterface", acceptor, region=SH)
    assert status(env, initiator) == "Deleting"
    env.settle()
    assert env.error(UID1, "DescribeRouterInterfaceAttribute", RegionId=HZ, InstanceId=initiator) == (
        "InvalidRouterInterfaceId.NotFound",
        404,
    )
    assert env.call(UID1, "DescribeRouterInterfaces", RegionId=SH)["TotalCount"] == 0
    env.call(UID1, "DeleteVpc", VpcId="vpc-a1")


def test_cross_account_peering_with_routes_on_both_sides_and_its_teardown(env):
    initiator, acceptor = pair(env, acc_vpc="vpc-b2", acc_who=UID2)
    assert env.describe_ri(initiator)["OppositeInterfaceOwnerId"] == UID2
    assert env.error(UID2, "DescribeRouterInterfaceAttribute", RegionId=HZ, InstanceId=initiator) == (
        "InvalidRouterInterfaceId.NotFound",
        404,
    )
    env.refused(
        UID2,
        "ConnectRouterInterface",
        "InvalidRouterInterfaceId.NotFound",
        404,
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    env.refused(
        UID2, "ConnectRouterInterface", "IncorrectRole.NotInitiatingSide", RegionId=SH, RouterInterfaceId=acceptor
    )
    connect(env, initiator, settle=False)
    assert status(env, acceptor, who=UID2, region=SH) == "AcceptingConnecting"
    env.settle()
    assert status(env, initiator) == "Active" and status(env, acceptor, who=UID2, region=SH) == "Active"
    assert env.describe_ri(acceptor, who=UID2, region=SH)["OppositeInterfaceOwnerId"] == UID1
    env.route(env.table_of("vpc-a1"), "10.3.0.0/16", "RouterInterface", initiator)
    env.route(env.table_of("vpc-b2"), "10.0.0.0/16", "RouterInterface", acceptor, who=UID2, region=SH)
    env.refused(
        UID1,
        "CreateRouteEntry",
        "InvalidRouteTableId.NotFound",
        404,
        RegionId=SH,
        RouteTableId=env.table_of("vpc-b2"),
        DestinationCidrBlock="10.9.0.0/16",
        NextHopType="RouterInterface",
        NextHopId=acceptor,
    )
    # the accepting account may freeze the connection too; the initiator follows
    action(env, "DeactivateRouterInterface", acceptor, who=UID2, region=SH)
    env.settle()
    assert status(env, initiator) == "Inactive"
    for entry in env.entries(env.table_of("vpc-a1"), RouteEntryType="Custom"):
        env.call(UID1, "DeleteRouteEntry", RouteEntryId=entry["RouteEntryId"])
    for entry in env.entries(env.table_of("vpc-b2"), who=UID2, region=SH, RouteEntryType="Custom"):
        env.call(UID2, "DeleteRouteEntry", RouteEntryId=entry["RouteEntryId"], RegionId=SH)
    env.settle()
    action(env, "DeleteRouterInterface", initiator)
    action(env, "DeleteRouterInterface", acceptor, who=UID2, region=SH)
    env.settle()
    assert env.call(UID1, "DescribeRouterInterfaces", RegionId=HZ)["TotalCount"] == 0
    assert env.call(UID2, "DescribeRouterInterfaces", RegionId=SH)["TotalCount"] == 0


def test_a_vbr_initiator_connects_to_a_vpc_acceptor(env):
    vbr_ri = env.call(
        UID1,
        "CreateRouterInterface",
        RegionId=HZ,
        Role="InitiatingSide",
        Spec="Large.1",
        RouterType="VBR",
        RouterId="vbr-a1",
        OppositeRegionId=HZ,
    )["RouterInterfaceId"]
    view = env.describe_ri(vbr_ri)
    assert (view["RouterType"], view["VpcInstanceId"], view["Bandwidth"]) == ("VBR", "", 1000)
    assert view["AccessPointId"] == env.world.get("vbr", "vbr-a1")["AccessPointId"]
    acceptor = env.ri("vpc-a1", HZ, role="AcceptingSide")
    modify(
        env,
        vbr_ri,
        OppositeInterfaceId=acceptor,
        OppositeRouterId=env.router_of("vpc-a1"),
        OppositeRouterType="VRouter",
        OppositeInterfaceOwnerId=int(UID1),
    )
    modify(
        env,
        acceptor,
        OppositeInterfaceId=vbr_ri,
        OppositeRouterId="vbr-a1",
        OppositeRouterType="VBR",
        OppositeInterfaceOwnerId=int(UID1),
    )
    connect(env, vbr_ri)
    assert status(env, acceptor) == "Active"
    assert env.describe_ri(acceptor)["OppositeVpcInstanceId"] == ""


# =============================================================================== connect refusals
def test_connect_needs_the_opposite_information_on_both_sides(env):
    initiator, acceptor = pair(env, point_initiator=False, point_acceptor=False)
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "IncorrectOppositeInterfaceInfo.NotSet",
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    modify(
        env,
        initiator,
        OppositeInterfaceId=acceptor,
        OppositeRouterId=env.router_of("vpc-a2"),
        OppositeRouterType="VRouter",
    )
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "IncorrectOppositeInterfaceInfo.NotSet",
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    modify(env, initiator, OppositeInterfaceOwnerId=int(UID1))
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "IncorrectOppositeInterfaceInfo.NotSet",
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    point(env, acceptor, initiator, "vpc-a1", UID1, region=SH)
    connect(env, initiator)
    assert status(env, initiator) == "Active"


def test_connect_refuses_an_interface_pointing_at_its_own_router(env):
    initiator = env.ri("vpc-a1", HZ)
    acceptor = env.ri("vpc-a1", HZ, role="AcceptingSide")
    point(env, initiator, acceptor, "vpc-a1", UID1)
    point(env, acceptor, initiator, "vpc-a1", UID1)
    env.refused(
        UID1, "ConnectRouterInterface", "IncorrectOppositeInterfaceInfo", RegionId=HZ, RouterInterfaceId=initiator
    )


def test_connect_refuses_an_opposite_that_does_not_exist(env):
    initiator, acceptor = pair(env)
    modify(env, initiator, OppositeInterfaceId="ri-nope")
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "InvalidRouterInterfaceId.NotFound",
        404,
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    modify(env, initiator, OppositeInterfaceId=acceptor)
    action(env, "DeleteRouterInterface", acceptor, region=SH)
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "InvalidRouterInterfaceId.NotFound",
        404,
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )


@pytest.mark.parametrize(
    "side, params, code",
    [
        ("initiator", {"OppositeInterfaceOwnerId": int(UID2)}, "AttrMismatching.AcceptingSideAliUid"),
        ("initiator", {"OppositeRouterId": "vrt-elsewhere"}, "AttrMismatching.AcceptingSideRouterId"),
        ("initiator", {"OppositeRouterType": "VBR"}, "AttrMismatching.AcceptingSideRouterType"),
        ("acceptor", {"OppositeInterfaceId": "ri-elsewhere"}, "AttrMismatching.AcceptingSideOppositeInterfaceId"),
        ("acceptor", {"OppositeRouterId": "vrt-elsewhere"}, "AttrMismatching.AcceptingSideOppositeRouterId"),
        ("acceptor", {"OppositeRouterType": "VBR"}, "AttrMismatching.AcceptingSideOppositeRouterType"),
        ("acceptor", {"OppositeInterfaceOwnerId": int(UID2)}, "AttrMismatching.AcceptingSideOppositeInterfaceOwnerId"),
    ],
)
def test_connect_refuses_opposite_information_that_does_not_match(env, side, params, code):
    initiator, acceptor = pair(env)
    if side == "initiator":
        modify(env, initiator, **params)
    else:
        modify(env, acceptor, region=SH, **params)
    env.refused(UID1, "ConnectRouterInterface", code, RegionId=HZ, RouterInterfaceId=initiator)


def test_connect_refuses_an_opposite_in_another_region_or_with_the_wrong_role(env):
    wrong_region = env.ri("vpc-a1", HZ)
    acceptor = env.ri("vpc-a2", HZ, region=SH, role="AcceptingSide")
    point(env, wrong_region, acceptor, "vpc-a2", UID1)
    point(env, acceptor, wrong_region, "vpc-a1", UID1, region=SH)
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "AttrMismatching.AcceptingSideRegionNo",
        RegionId=HZ,
        RouterInterfaceId=wrong_region,
    )
    initiator = env.ri("vpc-a1", SH)
    other_initiator = env.ri("vpc-a2", HZ, region=SH)
    point(env, initiator, other_initiator, "vpc-a2", UID1)
    point(env, other_initiator, initiator, "vpc-a1", UID1, region=SH)
    env.refused(
        UID1, "ConnectRouterInterface", "AttrMismatching.AcceptingSideRole", RegionId=HZ, RouterInterfaceId=initiator
    )
    # the acceptor names a region other than the initiator's
    third = env.ri("vpc-a2", "us-west-1", region=SH, role="AcceptingSide")
    point(env, initiator, third, "vpc-a2", UID1)
    point(env, third, initiator, "vpc-a1", UID1, region=SH)
    env.refused(
        UID1,
        "ConnectRouterInterface",
        "AttrMismatching.AcceptingSideOppositeRegionNo",
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )


def test_connect_only_on_an_idle_initiator_and_only_one_connection_per_router_pair(env):
    initiator, acceptor = pair(env)
    env.refused(
        UID1, "ConnectRouterInterface", "IncorrectRole.NotInitiatingSide", RegionId=SH, RouterInterfaceId=acceptor
    )
    connect(env, initiator)
    env.refused(UID1, "ConnectRouterInterface", "IncorrectRIStatus", RegionId=HZ, RouterInterfaceId=initiator)
    second_initiator, second_acceptor = pair(env)
    env.refused(
        UID1, "ConnectRouterInterface", "Forbidden.OnlyOneConnection", RegionId=HZ, RouterInterfaceId=second_initiator
    )
    assert status(env, second_acceptor, region=SH) == "Idle"


# =============================================================================== other transitions
def test_modify_attribute_changes_names_any_time_but_opposite_information_only_when_idle(env):
    initiator, acceptor = pair(env)
    connect(env, initiator, settle=False)
    env.refused(
        UID1,
        "ModifyRouterInterfaceAttribute",
        "IncorrectStatus.RouterInterface",
        RegionId=HZ,
        RouterInterfaceId=initiator,
        Name="renamed",
    )
    env.settle()
    modify(
        env,
        initiator,
        Name="renamed",
        Description="still peering",
        HealthCheckSourceIp="10.0.0.9",
        HealthCheckTargetIp="10.1.0.9",
        HcRate=2000,
        HcThreshold=8,
    )
    view = env.describe_ri(initiator)
    assert (view["Name"], view["Description"], view["HealthCheckSourceIp"], view["HcRate"]) == (
        "renamed",
        "still peering",
        "10.0.0.9",
        2000,
    )
    modify(env, initiator, DeleteHealthCheckIp=True)
    view = env.describe_ri(initiator)
    assert (view["HealthCheckSourceIp"], view["HealthCheckTargetIp"]) == ("", "") and "HcRate" not in view
    env.refused(
        UID1,
        "ModifyRouterInterfaceAttribute",
        "IncorrectStatus.RouterInterface",
        RegionId=HZ,
        RouterInterfaceId=initiator,
        OppositeInterfaceId="ri-other",
    )
    modify(env, initiator, OppositeInterfaceId=acceptor)  # unchanged information is no change


@pytest.mark.parametrize(
    "who, params, code, status",
    [
        (UID2, {}, "InvalidRouterInterfaceId.NotFound", 404),
        (UID1, {"RegionId": SH}, "InvalidRouterInterfaceId.NotFound", 404),
        (UID1, {"OppositeRouterType": "Switch"}, "InvalidOppositeRouterType.ValueNotSupported", 400),
        (UID1, {"OppositeInterfaceOwnerId": 1999999999999999}, "InvalidAliuid", 400),
        (UID1, {"Name": "_underscore"}, "InvalidName.Malformed", 400),
        (UID1, {"Description": "x"}, "InvalidDescription.Malformed", 400),
        (UID1, {"HcRate": 0}, "IllegalParam.HcRate", 400),
        (UID1, {"HealthCheckSourceIp": "10.0.0.9"}, "MissingParameter", 400),
    ],
)
def test_modify_attribute_refusals(env, who, params, code, status):
    ri_id = env.ri("vpc-a1", SH)
    env.refused(
        who,
        "ModifyRouterInterfaceAttribute",
        code,
        status,
        **dict({"RegionId": HZ, "RouterInterfaceId": ri_id}, **params)
    )


def test_activate_and_deactivate_move_both_sides_and_only_from_the_right_state(env):
    initiator, acceptor = pair(env)
    env.refused(UID1, "DeactivateRouterInterface", "IncorrectRIStatus", RegionId=HZ, RouterInterfaceId=initiator)
    env.refused(UID1, "ActivateRouterInterface", "IncorrectRIStatus", RegionId=HZ, RouterInterfaceId=initiator)
    connect(env, initiator)
    env.refused(UID1, "ActivateRouterInterface", "IncorrectRIStatus", RegionId=HZ, RouterInterfaceId=initiator)
    action(env, "DeactivateRouterInterface", initiator)
    env.refused(UID1, "DeactivateRouterInterface", "IncorrectRIStatus", RegionId=HZ, RouterInterfaceId=initiator)
    env.refused(UID1, "DeactivateRouterInterface", "IncorrectRIStatus", RegionId=SH, RouterInterfaceId=acceptor)
    env.settle()
    action(env, "ActivateRouterInterface", acceptor, region=SH)
    assert (status(env, initiator), status(env, acceptor, region=SH)) == ("Activating", "Activating")
    env.refused(UID1, "ActivateRouterInterface", "IncorrectRIStatus", RegionId=HZ, RouterInterfaceId=initiator)
    env.settle()
    assert (status(env, initiator), status(env, acceptor, region=SH)) == ("Active", "Active")
    env.refused(
        UID2,
        "DeactivateRouterInterface",
        "InvalidRouterInterfaceId.NotFound",
        404,
        RegionId=HZ,
        RouterInterfaceId=initiator,
    )
    env.refused(
        UID1,
        "ActivateRouterInterface",
        "InvalidRouterInterfaceId.NotFound",
        404,
        RegionId=HZ,
        RouterInterfaceId="ri-nope",
    )


def test_an_inactive_interface_whose_opposite_is_gone_cannot_be_activated(env):
    initiator, acceptor = pair(env)
    connect(env, initiator)
    action(env, "DeactivateRouterInterface", initiator)
    env.settle()
    action(env, "DeleteRouterInterface", initiator)
    env.refused(
        UID1, "ActivateRouterInterface", "OppositeRouterInterfaceIsDeleted", RegionId=SH, RouterInterfaceId=acceptor
    )
    env.settle()
    env.refused(
        UID1, "ActivateRouterInterface", "OppositeRouterInterfaceIsDeleted", RegionId=SH, RouterInterfaceId=acceptor
    )
    assert "OppositeInterfaceStatus" not in env.describe_ri(acceptor, region=SH)
    action(env, "DeleteRouterInterface", acceptor, region=SH)


def test_modify_spec_on_an_active_initiator_goes_activating_then_active(env):
    initiator, acceptor = pair(env)
    env.refused(
        UID1,
        "ModifyRouterInterfaceSpec",
        "InvalidInstance.StatusError",
        RegionId=HZ,
        RouterInterfaceId=initiator,
        Spec="Large.2",
    )
    connect(env, initiator)
    env.refused(
        UID1,
        "ModifyRouterInterfaceSpec",
        "InvalidSpec.ValueNotSupported",
        RegionId=SH,
        RouterInterfaceId=acceptor,
        Spec="Large.2",
    )
    env.refused(
        UID1,
        "ModifyRouterInterfaceSpec",
        "InvalidSpec.ValueNotSupported",
        RegionId=HZ,
        RouterInterfaceId=initiator,
        Spec="Negative",
    )
    assert action(env, "ModifyRouterInterfaceSpec", initiator, Spec="Large.2")["Spec"] == "Large.2"
    view = env.describe_ri(initiator)
    assert (view["Status"], view["Spec"], view["Bandwidth"]) == ("Activating", "Large.2", 2000)
    env.refused(
        UID1,
        "ModifyRouterInterfaceSpec",
        "InvalidInstance.StatusError",
        RegionId=HZ,
        RouterInterfaceId=initiator,
        Spec="Large.5",
    )
    env.settle()
    assert status(env, initiator) == "Active"
    assert env.describe_ri(acceptor, region=SH)["OppositeBandwidth"] == 2000


def test_an_idle_interface_is_deleted_through_deleting(env):
    ri_id = env.ri("vpc-a1", SH)
    env.refused(
        UID2, "DeleteRouterInterface", "InvalidRouterInterfaceId.NotFound", 404, RegionId=HZ, RouterInterfaceId=ri_id
    )
    action(env, "DeleteRouterInterface", ri_id)
    env.refused(UID1, "DeleteRouterInterface", "IncorrectStatus", RegionId=HZ, RouterInterfaceId=ri_id)
    env.settle()
    env.refused(
        UID1, "DeleteRouterInterface", "InvalidRouterInterfaceId.NotFound", 404, RegionId=HZ, RouterInterfaceId=ri_id
    )


# =============================================================================== queries and tags
def test_describe_router_interfaces_filters_pages_and_isolates(env):
    initiator, acceptor = pair(env)
    extra = [env.ri("vpc-a1", SH, Name="extra%d" % i) for i in range(3)]
    theirs = env.ri("vpc-b1", SH, who=UID2)

    def ids(who=UID1, region=HZ, **params):
        found = env.call(who, "DescribeRouterInterfaces", RegionId=region, **params)
        return [ri["RouterInterfaceId"] for ri in found["RouterInterfaceSet"]["RouterInterfaceType"]]

    def flt(key, *values):
        return {"Filter": [{"Key": key, "Value": list(values)}]}

    assert ids() == [initiator] + extra
    assert ids(region=SH) == [acceptor]
    assert ids(who=UID2) == [theirs]
    assert ids(**flt("RouterInterfaceId", initiator, theirs)) == [initiator]
    assert ids(**flt("Name", "extra0", "extra2")) == [extra[0], extra[2]]
    assert ids(**flt("OppositeInterfaceId", acceptor)) == [initiator]
    assert ids(**flt("OppositeRouterId", env.router_of("vpc-a2"))) == [initiator]
    assert ids(**flt("OppositeInterfaceOwnerId", UID1)) == [initiator]
    assert ids(**flt("RouterInterfaceOwnerId", UID1)) == [initiator] + extra
    assert ids(**flt("RouterInterfaceOwnerId", UID2)) == []
    assert ids(**flt("RouterType", "VBR")) == []
    assert ids(**flt("OppositeRouterType", "VRouter")) == [initiator]
    assert ids(
        Filter=[
            {"Key": "Status", "Value": ["Idle"]},
            {"Key": "RouterId", "Value": [env.router_of("vpc-a1")]},
            {"Key": "Name", "Value": ["extra1"]},
        ]
    ) == [extra[1]]
    first = env.call(UID1, "DescribeRouterInterfaces", RegionId=HZ, PageSize=3)
    second = env.call(UID1, "DescribeRouterInterfaces", RegionId=HZ, PageSize=3, PageNumber=2)
    assert (first["TotalCount"], first["PageSize"], second["PageNumber"]) == (4, 3, 2)
    assert [
        ri["RouterInterfaceId"] for page in (first, second) for ri in page["RouterInterfaceSet"]["RouterInterfaceType"]
    ] == [initiator] + extra
    assert env.error(UID1, "DescribeRouterInterfaces", RegionId=HZ, PageSize=51) == ("InvalidParameter", 400)
    assert env.error(UID1, "DescribeRouterInterfaces", RegionId=HZ, **flt("Role", "AcceptingSide")) == (
        "InvalidFilterKey.ValueNotSupported",
        404,
    )
    assert env.error(UID1, "DescribeRouterInterfaces", RegionId=HZ, Filter=[{"Key": "Name", "Value": ["x"]}] * 6) == (
        "InvalidParameter",
        400,
    )
    assert env.error(UID1, "DescribeRouterInterfaces", RegionId="xx-nowhere-1") == ("InvalidRegionId.NotFound", 404)


def test_router_interfaces_are_tagged_through_the_express_connect_tag_calls(env):
    ri_id = env.ri("vpc-a1", SH)
    env.call(
        UID1,
        "TagResourcesForExpressConnect",
        RegionId=HZ,
        ResourceType="ROUTERINTERFACE",
        ResourceId=[ri_id],
        Tag=[{"Key": "env", "Value": "prod"}],
    )
    rows = env.call(
        UID1, "ListTagResourcesForExpressConnect", RegionId=HZ, ResourceType="ROUTERINTERFACE", ResourceId=[ri_id]
    )["TagResources"]["TagResource"]
    assert rows == [{"ResourceId": ri_id, "ResourceType": "ROUTERINTERFACE", "TagKey": "env", "TagValue": "prod"}]
    found = env.call(UID1, "DescribeRouterInterfaces", RegionId=HZ, Tags=[{"Key": "env", "Value": "prod"}])
    assert [ri["Tags"] for ri in found["RouterInterfaceSet"]["RouterInterfaceType"]] == [
        {"Tags": [{"Key": "env", "Value": "prod"}]}
    ]
    assert (
        env.call(UID1, "DescribeRouterInterfaces", RegionId=HZ, Tags=[{"Key": "env", "Value": "dev"}])["TotalCount"]
        == 0
    )
    env.refused(
        UID2,
        "TagResourcesForExpressConnect",
        "InvalidInstanceIds.NotFound",
        RegionId=HZ,
        ResourceType="ROUTERINTERFACE",
        ResourceId=[ri_id],
        Tag=[{"Key": "a", "Value": "b"}],
    )
    env.refused(
        UID1,
        "TagResources",
        "InvalidInstanceType.NotFound",
        RegionId=HZ,
        ResourceType="ROUTERINTERFACE",
        ResourceId=[ri_id],
        Tag=[{"Key": "a", "Value": "b"}],
    )
    env.call(
        UID1,
        "UntagResourcesForExpressConnect",
        RegionId=HZ,
        ResourceType="ROUTERINTERFACE",
        ResourceId=[ri_id],
        TagKey=["env"],
    )
    assert env.describe_ri(ri_id)["Tags"] == {"Tags": []}
    env.call(
        UID1,
        "TagResourcesForExpressConnect",
        RegionId=HZ,
        ResourceType="VIRTUALBORDERROUTER",
        ResourceId=["vbr-a1"],
        Tag=[{"Key": "site", "Value": "dc1"}],
    )
    vbrs = env.call(UID1, "DescribeVirtualBorderRouters", RegionId=HZ, Tags=[{"Key": "site"}])
    assert [v["VbrId"] for v in vbrs["VirtualBorderRouterSet"]["VirtualBorderRouterType"]] == ["vbr-a1"]


def test_the_accepting_side_cannot_freeze_while_its_initiator_changes_spec(env):
    initiator, acceptor = pair(env)
    connect(env, initiator)
    action(env, "ModifyRouterInterfaceSpec", initiator, Spec="Small.1")
    assert env.describe_ri(acceptor, region=SH)["OppositeInterfaceStatus"] == "Activating"
    env.refused(UID1, "DeactivateRouterInterface", "IncorrectRIStatus", RegionId=SH, RouterInterfaceId=acceptor)
    env.settle()
    action(env, "DeactivateRouterInterface", acceptor, region=SH)
    env.settle()
    assert status(env, initiator) == "Inactive"


def test_router_interfaces_are_found_by_resource_group(env):
    grouped = env.ri("vpc-a1", SH, ResourceGroupId="rg-net")
    env.ri("vpc-a1", SH)
    found = env.call(UID1, "DescribeRouterInterfaces", RegionId=HZ, ResourceGroupId="rg-net")
    assert [ri["RouterInterfaceId"] for ri in found["RouterInterfaceSet"]["RouterInterfaceType"]] == [grouped]
    assert env.describe_ri(grouped)["ResourceGroupId"] == "rg-net"
