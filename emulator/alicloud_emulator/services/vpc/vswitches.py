"""vSwitches (VPC 2016-04-28): CreateVSwitch, DeleteVSwitch, DescribeVSwitches,
DescribeVSwitchAttributes.

A vSwitch is a zone's slice of its VPC's CIDR block: ``Pending -> Available`` when created,
``Pending -> gone`` when deleted (DeleteVSwitch is asynchronous, as documented). Its zone is
one of its region's zones in :mod:`alicloud_emulator.geography`. Creating one adds its
``local`` system route to the VPC's system route table, deleting it removes that route.

No vSwitch of a VPC can be deleted while one of them is being created or deleted, as
documented; the documentation names no code for it, so the vSwitch status code
(``IncorrectVSwitchStatus``) answers.

A vSwitch another product uses (a transit router VPC attachment's network interface) cannot
be deleted: ``DependencyViolation``; see :func:`~alicloud_emulator.services.vpc.shared.vswitch_user`.
"""

import ipaddress

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import (
    check_tags,
    check_text,
    dry_run_passed,
    iso_time,
    owned,
    page_body,
    tag_list,
    tags_match,
)
from alicloud_emulator.services.vpc.shared import (
    TAGS,
    check_region,
    entries_of_table,
    new_route_entry,
    table_busy,
    vpc_busy,
    vpc_is_stable,
    vpc_not_found,
    vswitch_user,
    vswitches_of,
)


def vswitch_view(world, vsw):
    net = ipaddress.ip_network(vsw["CidrBlock"])
    return {
        "VSwitchId": vsw["VSwitchId"],
        "VpcId": vsw["VpcId"],
        "ZoneId": vsw["ZoneId"],
        "CidrBlock": vsw["CidrBlock"],
        "VSwitchName": vsw["VSwitchName"],
        "Description": vsw["Description"],
        "Status": vsw["Status"],
        "CreationTime": vsw["CreationTime"],
        "IsDefault": False,
        "AvailableIpAddressCount": net.num_addresses - 4,
        "OwnerId": int(vsw["_account"]),
        "ResourceGroupId": vsw["ResourceGroupId"],
        "RouteTable": {"RouteTableId": vsw["RouteTableId"], "RouteTableType": "System"},
        "ShareType": "",
        "EnabledIpv6": False,
        "Ipv6CidrBlock": "",
        "NetworkAclId": "",
        "Tags": {"Tag": tag_list(vsw.get("_tags"))},
    }


def vswitch_cidr(vpc, taken, cidr, mask):
    """The vSwitch CIDR block asked for (``CidrBlock``) or the first free one of ``mask`` bits."""
    vpc_net = ipaddress.ip_network(vpc["CidrBlock"])
    if cidr is not None:
        try:
            net = ipaddress.ip_network(cidr, strict=True)
        except ValueError:
            raise ApiError("InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", 400)
        if net.version != 4 or not 16 <= net.prefixlen <= 29:
            raise ApiError("InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .", 400)
        if not net.subnet_of(vpc_net):
            raise ApiError("InvalidParameter", "Specified CIDR block is not valid in VPC.", 400)
        if any(net.overlaps(other) for other in taken):
            raise ApiError("InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.", 400)
        return net
    if mask is None:
        raise missing("CidrBlock")
    if not 16 <= mask <= 29 or mask < vpc_net.prefixlen:
        raise ApiError("InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .", 400)
    for net in vpc_net.subnets(new_prefix=mask):
        if not any(net.overlaps(other) for other in taken):
            return net
    raise ApiError("InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.", 400)


def check_zone(zone, region):
    """``zone`` must be one of ``region``'s zones."""
    if geography.zone_region(zone) != region:
        raise ApiError("InvalidZoneId.NotFound", "Specified zone does not exist.", 404)


def build_vswitch(world, vpc, vsw_id, zone, net, name="", description="", tags=None, status="Available"):
    """Put a vSwitch of ``vpc`` and add its ``local`` route to the VPC's system route table."""
    table = world.get("route_table", vpc["RouteTableId"])
    account, region = vpc["_account"], vpc["RegionId"]
    world.put(
        "vswitch",
        vsw_id,
        {
            "VSwitchId": vsw_id,
            "VpcId": vpc["VpcId"],
            "ZoneId": zone,
            "CidrBlock": str(net),
            "VSwitchName": name,
            "Description": description,
            "Status": status,
            "CreationTime": iso_time(world),
            "RouteTableId": table["RouteTableId"],
            "ResourceGroupId": vpc["ResourceGroupId"],
            "_tags": dict(tags or {}),
        },
        account,
        region,
    )
    hops = [{"NextHopType": "local", "NextHopId": "", "Weight": None, "Enabled": 1}]
    new_route_entry(world, table, account, region, str(net), "System", hops, "Available")


@action("vpc", "CreateVSwitch", write=True)
def create_vswitch(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p.get("RegionId"), error=vpc_not_found())
    check_zone(p["ZoneId"], vpc["RegionId"])
    if p.get("Ipv6CidrBlock") is not None or p.get("Ipv6CidrMask") is not None or p.get("VpcIpv6CidrBlock"):
        raise ApiError("OperationFailed.VpcIpv6Disabled", "IPv6 is not enabled for the VPC.", 400)
    check_text(p.get("VSwitchName"), "virtual switch name", 128, code="InvalidVSwitchName.Malformed")
    check_text(p.get("Description"), "virtual switch description", 256, code="InvalidVSwitchDiscription.Malformed")
    tags = check_tags(p.get("Tag"), TAGS)
    siblings = vswitches_of(world, vpc["VpcId"])
    net = vswitch_cidr(
        vpc, [ipaddress.ip_network(s["CidrBlock"]) for s in siblings], p.get("CidrBlock"), p.get("CidrMask")
    )
    if not vpc_is_stable(world, vpc):
        raise vpc_busy()
    if any(world.is_pending("vswitch", s["VSwitchId"]) for s in siblings):
        raise ApiError(
            "OperationDenied.OtherSubnetCreating",
            "The operation is not allowed because the other VSwitch is creating.",
            400,
        )
    table = world.get("route_table", vpc["RouteTableId"])
    if table_busy(world, table["RouteTableId"]):
        raise ApiError("IncorrectRouteEntryStatus", "Some route entry status blocked this operation.", 400)
    custom = [
        ipaddress.ip_network(e["DestinationCidrBlock"])
        for e in entries_of_table(world, table["RouteTableId"])
        if e["Type"] == "Custom"
    ]
    if any(dest.subnet_of(net) for dest in custom):
        raise ApiError("RouteConflict.AlreadyExist", "Route conflict exists in routing table.", 400)
    vsw_id = world.new_id("vsw")
    build_vswitch(
        world,
        vpc,
        vsw_id,
        p["ZoneId"],
        net,
        name=p.get("VSwitchName") or "",
        description=p.get("Description") or "",
        tags=tags,
        status="Pending",
    )
    world.schedule("vswitch", vsw_id, set_fields={"Status": "Available"})
    return {"VSwitchId": vsw_id}


def vswitch_not_found(status=404):
    return ApiError("InvalidVSwitchId.NotFound", "VSwitch not exist.", status)


@action("vpc", "DeleteVSwitch", write=True)
def delete_vswitch(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vsw = owned(ctx, "vswitch", p["VSwitchId"], p.get("RegionId"), error=vswitch_not_found())
    if any(world.is_pending("vswitch", s["VSwitchId"]) for s in vswitches_of(world, vsw["VpcId"])):
        raise ApiError("IncorrectVSwitchStatus", "vpc subnet is in middle status.", 400)
    if table_busy(world, vsw["RouteTableId"]):
        raise ApiError("IncorrectRouteEntryStatus", "Some route entry status blocked this operation.", 400)
    if vswitch_user(world, vsw["VSwitchId"]):
        raise ApiError("DependencyViolation", "Specified object has dependent resources.", 400)
    if p.get("DryRun"):
        raise dry_run_passed()
    for entry in entries_of_table(world, vsw["RouteTableId"]):
        if entry["Type"] == "System" and entry["DestinationCidrBlock"] == vsw["CidrBlock"]:
            world.delete("route_entry", entry["RouteEntryId"])
    vsw["Status"] = "Pending"
    world.schedule("vswitch", vsw["VSwitchId"], delete=True)
    return {}


@action("vpc", "DescribeVSwitches")
def describe_vswitches(ctx, p):
    region = p.get("RegionId")
    if region:
        check_region(region)
    elif not p.get("VpcId"):
        raise missing("RegionId")
    if p.get("DryRun"):
        raise dry_run_passed()
    vsws = ctx.world.records("vswitch", ctx.account, region)
    for key in ("VpcId", "VSwitchId", "ZoneId", "VSwitchName", "RouteTableId", "ResourceGroupId"):
        if p.get(key):
            vsws = [v for v in vsws if v[key] == p[key]]
    if p.get("IsDefault") or p.get("EnableIpv6"):
        vsws = []
    if p.get("VSwitchOwnerId") is not None and str(p["VSwitchOwnerId"]) != ctx.account:
        vsws = []
    if p.get("Tag"):
        vsws = [v for v in vsws if tags_match(v.get("_tags"), p["Tag"])]
    return page_body(vsws, p, "VSwitches", "VSwitch", lambda v: vswitch_view(ctx.world, v))


@action("vpc", "DescribeVSwitchAttributes")
def describe_vswitch_attributes(ctx, p):
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vsw = owned(ctx, "vswitch", p["VSwitchId"], p.get("RegionId"), error=vswitch_not_found(400))
    if p.get("DryRun"):
        raise dry_run_passed()
    return vswitch_view(ctx.world, vsw)
