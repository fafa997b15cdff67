"""VPCs and their vRouters (VPC 2016-04-28): CreateVpc, DeleteVpc, ModifyVpcAttribute,
DescribeVpcs, DescribeVpcAttribute, DescribeVRouters.

A VPC is created with its vRouter, its system route table and the system route to
100.64.0.0/10; ``Pending -> Available``; DeleteVpc ``Deleting -> gone`` with all of them.
DeleteVpc is refused while router interfaces, custom routes, vSwitches, a CEN attachment
or a VpcPeer connection remain.
"""

import ipaddress

from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import (
    check_tags,
    check_text,
    default_resource_group,
    dry_run_passed,
    iso_time,
    owned,
    page_body,
    split_ids,
    tag_list,
    tags_match,
)
from alicloud_emulator.services.vpc.shared import (
    CLOUD_SERVICE_NET,
    TAGS,
    associated_cens,
    cen_attachments_of,
    cen_status,
    check_region,
    check_resource_group,
    entries_of_table,
    new_route_entry,
    vpc_busy,
    vpc_is_stable,
    vpc_not_found,
    vswitches_of,
)

# Address ranges a VPC may not use.
RESERVED_NETS = tuple(
    ipaddress.ip_network(n) for n in ("100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16")
)
DEFAULT_VPC_CIDR = "172.16.0.0/12"


def parse_vpc_cidr(text, code="InvalidParameter", message="Specified CIDR block is not valid"):
    """An IPv4 network usable as a VPC CIDR block, or ApiError ``code``."""
    try:
        net = ipaddress.ip_network(text, strict=True)
    except (ValueError, TypeError):
        raise ApiError(code, message, 400)
    if net.version != 4 or not 8 <= net.prefixlen <= 28 or any(net.overlaps(r) for r in RESERVED_NETS):
        raise ApiError(code, message, 400)
    return net


def build_vpc(
    world,
    account,
    region,
    vpc_id,
    cidr,
    name="",
    description="",
    tags=None,
    status="Available",
    resource_group=None,
    user_cidrs=None,
):
    """Create a VPC with its vRouter, system route table and system route."""
    now = iso_time(world)
    router_id = world.new_id("vrt")
    table_id = world.new_id("vtb")
    rg = resource_group or default_resource_group(account)
    world.put(
        "vpc",
        vpc_id,
        {
            "VpcId": vpc_id,
            "VpcName": name,
            "Description": description,
            "CidrBlock": cidr,
            "UserCidrs": list(user_cidrs or []),
            "Status": status,
            "RegionId": region,
            "VRouterId": router_id,
            "RouteTableId": table_id,
            "CreationTime": now,
            "IsDefault": False,
            "DnsHostnameStatus": "DISABLED",
            "ResourceGroupId": rg,
            "_tags": dict(tags or {}),
        },
        account,
        region,
    )
    world.put(
        "vrouter",
        router_id,
        {
            "VRouterId": router_id,
            "VpcId": vpc_id,
            "VRouterName": "",
            "Description": "",
            "RegionId": region,
            "CreationTime": now,
            "RouteTableIds": [table_id],
        },
        account,
        region,
    )
    table = world.put(
        "route_table",
        table_id,
        {
            "RouteTableId": table_id,
            "RouteTableName": "",
            "Description": "",
            "RouteTableType": "System",
            "RouterId": router_id,
            "RouterType": "VRouter",
            "VpcId": vpc_id,
            "CreationTime": now,
            "Status": "Available",
            "ResourceGroupId": rg,
            "_tags": {},
        },
        account,
        region,
    )
    new_route_entry(
        world,
        table,
        account,
        region,
        str(CLOUD_SERVICE_NET),
        "System",
        [{"NextHopType": "service", "NextHopId": "", "Weight": None, "Enabled": 1}],
        "Available",
    )
    return world.get("vpc", vpc_id)


def vpc_view(world, vpc):
    """One VPC as DescribeVpcs / DescribeVpcAttribute show it (the server prunes per operation)."""
    vpc_id = vpc["VpcId"]
    tables = [t["RouteTableId"] for t in world.table("route_table").values() if t.get("VpcId") == vpc_id]
    return {
        "VpcId": vpc_id,
        "VpcName": vpc["VpcName"],
        "Description": vpc["Description"],
        "CidrBlock": vpc["CidrBlock"],
        "Status": vpc["Status"],
        "RegionId": vpc["RegionId"],
        "VRouterId": vpc["VRouterId"],
        "CreationTime": vpc["CreationTime"],
        "IsDefault": vpc["IsDefault"],
        "OwnerId": int(vpc["_account"]),
        "ResourceGroupId": vpc["ResourceGroupId"],
        "CenStatus": cen_status(world, vpc_id),
        "AssociatedCens": {"AssociatedCen": associated_cens(world, vpc_id)},
        "VSwitchIds": {"VSwitchId": [s["VSwitchId"] for s in vswitches_of(world, vpc_id)]},
        "RouterTableIds": {"RouterTableIds": tables},
        "UserCidrs": {"UserCidr": list(vpc["UserCidrs"])},
        "SecondaryCidrBlocks": {"SecondaryCidrBlock": []},
        "NatGatewayIds": {"NatGatewayIds": []},
        "Tags": {"Tag": tag_list(vpc.get("_tags"))},
        "EnabledIpv6": False,
        "Ipv6CidrBlock": "",
        "DhcpOptionsSetId": "",
        "DnsHostnameStatus": vpc["DnsHostnameStatus"],
        "ClassicLinkEnabled": False,
        "SupportIpv4Gateway": False,
    }


def check_user_cidrs(text):
    cidrs = split_ids(text)
    if len(cidrs) > 3:
        raise ApiError("InvalidUserCidr.Quota", "Specified  UserCidr number is greater than 3.", 400)
    for cidr in cidrs:
        try:
            net = ipaddress.ip_network(cidr, strict=True)
        except ValueError:
            raise ApiError("IllegalParam.UserCidr", "UserCidr is not a valid or strict address.", 400)
        if net.version != 4 or net.overlaps(CLOUD_SERVICE_NET):
            raise ApiError("InvalidUserCidr.Malformed", "Specified  UserCidr  overlapping in of 100.64.0.0/10.", 400)
    return cidrs


@action("vpc", "CreateVpc", write=True)
def create_vpc(ctx, p):
    region = p["RegionId"]
    check_region(region)
    if p.get("EnableIpv6") or p.get("Ipv6CidrBlock") or p.get("Ipv6IpamPoolId") or p.get("Ipv6CidrMask") is not None:
        raise ApiError("OperationUnsupported.Ipv6Feature", "IPv6 CIDR blocks are not supported by this emulator.", 400)
    if p.get("Ipv4IpamPoolId") or p.get("Ipv4CidrMask") is not None:
        raise ApiError("UnsupportedFeature.IPAM", "VPCs cannot be created by using IPAM.", 400)
    cidr = p.get("CidrBlock") or DEFAULT_VPC_CIDR
    parse_vpc_cidr(cidr)
    check_text(p.get("VpcName"), "VPC name", 128, code="InvalidVpcName.Malformed")
    check_text(p.get("Description"), "VPC description", 256, code="InvalidVpcDiscription.Malformed")
    user_cidrs = check_user_cidrs(p.get("UserCidr"))
    check_resource_group(p.get("ResourceGroupId"))
    tags = check_tags(p.get("Tag"), TAGS)
    if p.get("DryRun"):
        raise dry_run_passed()
    vpc_id = ctx.world.new_id("vpc")
    vpc = build_vpc(
        ctx.world,
        ctx.account,
        region,
        vpc_id,
        cidr,
        name=p.get("VpcName") or "",
        description=p.get("Description") or "",
        tags=tags,
        status="Pending",
        resource_group=p.get("ResourceGroupId"),
        user_cidrs=user_cidrs,
    )
    if p.get("EnableDnsHostname"):
        vpc["DnsHostnameStatus"] = "ENABLED"
    ctx.world.schedule("vpc", vpc_id, set_fields={"Status": "Available"})
    return {
        "VpcId": vpc_id,
        "VRouterId": vpc["VRouterId"],
        "RouteTableId": vpc["RouteTableId"],
        "ResourceGroupId": vpc["ResourceGroupId"],
    }


@action("vpc", "DeleteVpc", write=True)
def delete_vpc(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p.get("RegionId"), error=vpc_not_found())
    vpc_id = vpc["VpcId"]
    if not vpc_is_stable(world, vpc):
        raise vpc_busy()
    if any(ri["RouterId"] == vpc["VRouterId"] for ri in world.table("router_interface").values()):
        raise ApiError(
            "DependencyViolation.RouterInterface", "Specified object has dependent resources RouterInterface.", 400
        )
    tables = [t for t in world.table("route_table").values() if t.get("VpcId") == vpc_id]
    if any(e["Type"] == "Custom" for t in tables for e in entries_of_table(world, t["RouteTableId"])):
        raise ApiError("DependencyViolation.RouteEntry", "Specified object has dependent resources", 400)
    if vswitches_of(world, vpc_id):
        raise ApiError("DependencyViolation.VSwitch", "Specified object has dependent resources", 400)
    if cen_attachments_of(world, vpc_id):
        raise ApiError("IncorrectStatus.cbnStatus", "Current CBN status does not support this operation.", 400)
    if any(vpc_id in (pcc["VpcId"], pcc["AcceptingVpcId"]) for pcc in world.table("vpc_peer").values()):
        raise ApiError("OperationDenied.VpcPeerExists", "The operation is not allowed because the VpcPeer exists.", 400)
    if p.get("DryRun"):
        raise dry_run_passed()
    vpc["Status"] = "Deleting"
    world.schedule("vpc", vpc_id, delete=True)
    world.schedule("vrouter", vpc["VRouterId"], delete=True)
    for table in tables:
        world.schedule("route_table", table["RouteTableId"], delete=True)
        for entry in entries_of_table(world, table["RouteTableId"]):
            world.schedule("route_entry", entry["RouteEntryId"], delete=True)
    for key, grant in list(world.table("grant").items()):
        if grant["ChildInstanceId"] == vpc_id:
            world.schedule("grant", key, delete=True)
    return {}


@action("vpc", "DescribeVpcs")
def describe_vpcs(ctx, p):
    region = p["RegionId"]
    check_region(region)
    if p.get("DryRun"):
        raise dry_run_passed()
    ids = split_ids(p.get("VpcId"))
    if len(ids) > 20:
        raise ApiError("InvalidParameter", "You can specify at most 20 VPC IDs.", 400)
    vpcs = ctx.world.records("vpc", ctx.account, region)
    if ids:
        vpcs = [v for v in vpcs if v["VpcId"] in ids]
    if p.get("VpcName") is not None:
        vpcs = [v for v in vpcs if v["VpcName"] == p["VpcName"]]
    if p.get("IsDefault") is not None:
        vpcs = [v for v in vpcs if v["IsDefault"] == p["IsDefault"]]
    if p.get("EnableIpv6"):
        vpcs = []
    if p.get("DhcpOptionsSetId"):
        vpcs = []
    if p.get("VpcOwnerId") is not None and str(p["VpcOwnerId"]) != ctx.account:
        vpcs = []
    if p.get("ResourceGroupId"):
        vpcs = [v for v in vpcs if v["ResourceGroupId"] == p["ResourceGroupId"]]
    if p.get("Tag"):
        vpcs = [v for v in vpcs if tags_match(v.get("_tags"), p["Tag"])]
    return page_body(vpcs, p, "Vpcs", "Vpc", lambda v: vpc_view(ctx.world, v))


@action("vpc", "DescribeVpcAttribute")
def describe_vpc_attribute(ctx, p):
    check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p["RegionId"], error=vpc_not_found())
    if p.get("DryRun"):
        raise dry_run_passed()
    return vpc_view(ctx.world, vpc)


@action("vpc", "ModifyVpcAttribute", write=True)
def modify_vpc_attribute(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    vpc = owned(ctx, "vpc", p["VpcId"], p.get("RegionId"), error=vpc_not_found(400))
    if not vpc_is_stable(world, vpc):
        raise vpc_busy()
    check_text(p.get("VpcName"), "VPC name", 128, code="InvalidVpcName.Malformed")
    check_text(p.get("Description"), "VPC description", 256, code="InvalidVpcDiscription.Malformed")
    if p.get("EnableIPv6") or p.get("Ipv6CidrBlock") or p.get("Ipv6Isp"):
        raise ApiError("OperationUnsupported.Ipv6Feature", "IPv6 CIDR blocks are not supported by this emulator.", 400)
    cidr = p.get("CidrBlock")
    if cidr is not None:
        new = parse_vpc_cidr(cidr, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.")
        if not new.overlaps(ipaddress.ip_network(vpc["CidrBlock"])):
            raise ApiError("InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", 400)
        for vsw in vswitches_of(world, vpc["VpcId"]):
            if not ipaddress.ip_network(vsw["CidrBlock"]).subnet_of(new):
                raise ApiError("IllegalCidrBlock", "Some subnet cidrBlock is not in the cidrBlock.", 400)
    if p.get("VpcName") is not None:
        vpc["VpcName"] = p["VpcName"]
    if p.get("Description") is not None:
        vpc["Description"] = p["Description"]
    if cidr is not None:
        vpc["CidrBlock"] = cidr
    if p.get("EnableDnsHostname") is not None:
        vpc["DnsHostnameStatus"] = "ENABLED" if p["EnableDnsHostname"] else "DISABLED"
    return {}


@action("vpc", "DescribeVRouters")
def describe_vrouters(ctx, p):
    check_region(p["RegionId"])
    routers = ctx.world.records("vrouter", ctx.account, p["RegionId"])
    if p.get("VRouterId"):
        routers = [r for r in routers if r["VRouterId"] == p["VRouterId"]]
    return page_body(
        routers,
        p,
        "VRouters",
        "VRouter",
        lambda r: {
            "VRouterId": r["VRouterId"],
            "VpcId": r["VpcId"],
            "VRouterName": r["VRouterName"],
            "Description": r["Description"],
            "RegionId": r["RegionId"],
            "CreationTime": r["CreationTime"],
            "RouteTableIds": {"RouteTableId": list(r["RouteTableIds"])},
        },
    )
