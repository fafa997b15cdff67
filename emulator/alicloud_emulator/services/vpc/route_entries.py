"""Route entries (VPC 2016-04-28): CreateRouteEntry, DeleteRouteEntry, DescribeRouteEntryList.

Custom entries go ``Pending -> Available`` and ``Deleting -> gone``; one table takes one
change at a time (IncorrectRouteEntryStatus). A next hop is a router interface on the
table's router, an Activated VpcPeer connection of the table's VPC or an Attached
transit-router attachment of the table's VPC (ECMP: 2 to 16 router interfaces); the
emulator models no ECS instances, gateways or ENIs, so any other next hop does not exist.
The routes transit routers publish into a system table (AutoPublishRouteEnabled, see
services/transit_router/route_entries.py) are listed with the table's own.
"""

import ipaddress

from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_text, dry_run_passed, iso_time, owned, token_page
from alicloud_emulator.services.transit_router.route_entries import published_routes
from alicloud_emulator.services.vpc.shared import (
    CLOUD_SERVICE_NET,
    check_region,
    entries_of_table,
    new_route_entry,
    table_busy,
    table_not_found,
    vpc_busy,
    vpc_is_stable,
    vswitches_of,
)

NEXT_HOP_TYPES = (
    "Instance",
    "HaVip",
    "RouterInterface",
    "NetworkInterface",
    "VpnGateway",
    "IPv6Gateway",
    "NatGateway",
    "Attachment",
    "VpcPeer",
    "Ipv4Gateway",
    "GatewayEndpoint",
    "Ecr",
    "GatewayLoadBalancerEndpoint",
    "RouteTargetGroup",
)
MAX_ECMP_HOPS = 16


def hop_view(world, entry, hop):
    """One next hop with where it leads (NextHopRegionId / NextHopRelatedInfo)."""
    view = {
        "NextHopType": hop["NextHopType"],
        "NextHopId": hop["NextHopId"],
        "Weight": hop["Weight"],
        "Enabled": hop["Enabled"],
        "NextHopRegionId": entry["_region"],
    }
    if hop["NextHopType"] == "RouterInterface":
        ri = world.get("router_interface", hop["NextHopId"])
        view["NextHopRegionId"] = ri["OppositeRegionId"]
        view["NextHopRelatedInfo"] = {
            "InstanceId": ri["OppositeRouterId"],
            "InstanceType": ri["OppositeRouterType"],
            "RegionId": ri["OppositeRegionId"],
        }
    elif hop["NextHopType"] == "VpcPeer":
        pcc = world.get("vpc_peer", hop["NextHopId"])
        requester_side = world.get("route_table", entry["RouteTableId"])["VpcId"] == pcc["VpcId"]
        other_vpc = pcc["AcceptingVpcId"] if requester_side else pcc["VpcId"]
        other_region = pcc["AcceptingRegionId"] if requester_side else pcc["RegionId"]
        view["NextHopRegionId"] = other_region
        view["NextHopRelatedInfo"] = {"InstanceId": other_vpc, "InstanceType": "VPC", "RegionId": other_region}
    return view


def entry_view(world, entry):
    return {
        "RouteEntryId": entry["RouteEntryId"],
        "RouteEntryName": entry["RouteEntryName"],
        "RouteTableId": entry["RouteTableId"],
        "DestinationCidrBlock": entry["DestinationCidrBlock"],
        "Type": entry["Type"],
        "Status": entry["Status"],
        "Description": entry["Description"],
        "InstanceId": entry["InstanceId"],
        "NextHopType": entry["NextHopType"],
        "IpVersion": entry["IpVersion"],
        "GmtModified": entry["GmtModified"],
        "NextHops": {"NextHop": [hop_view(world, entry, hop) for hop in entry["NextHops"]]},
    }


@action("vpc", "DescribeRouteEntryList")
def describe_route_entry_list(ctx, p):
    check_region(p["RegionId"])
    table = owned(ctx, "route_table", p["RouteTableId"], p["RegionId"], error=table_not_found())
    entries = entries_of_table(ctx.world, table["RouteTableId"]) + published_routes(ctx.world, table)
    simple = {
        "RouteEntryId": "RouteEntryId",
        "RouteEntryName": "RouteEntryName",
        "RouteEntryType": "Type",
        "DestinationCidrBlock": "DestinationCidrBlock",
    }
    for param, field in simple.items():
        if p.get(param):
            entries = [e for e in entries if e[field] == p[param]]
    if p.get("DestCidrBlockList"):
        entries = [e for e in entries if e["DestinationCidrBlock"] in p["DestCidrBlockList"]]
    if p.get("NextHopId"):
        entries = [e for e in entries if any(h["NextHopId"] == p["NextHopId"] for h in e["NextHops"])]
    if p.get("NextHopType"):
        entries = [e for e in entries if any(h["NextHopType"] == p["NextHopType"] for h in e["NextHops"])]
    if p.get("IpVersion"):
        entries = [e for e in entries if e["IpVersion"] == p["IpVersion"].lower()]
    if p.get("ServiceType"):
        entries = []
    page = token_page(entries, p, 10, 100, size_key="MaxResult", token_code="IllegalParam.NextToken")
    return {
        "RouteEntrys": {"RouteEntry": [entry_view(ctx.world, e) for e in page.items]},
        "NextToken": page.next_token,
        "TotalCount": len(entries),
    }


def next_hop_not_found(hop_id):
    return ApiError("InvalidNextHopId.NotFound", "Specified next hop %s does not exist." % hop_id, 404)


def resolve_next_hop(ctx, table, hop_type, hop_id, weight=None):
    """Check that a next hop exists, belongs to the caller and fits the table; returns the hop record."""
    world = ctx.world
    if hop_type not in NEXT_HOP_TYPES:
        raise ApiError("InvalidNextHopType", 'Specified parameter "NextHopType" is not valid.', 400)
    if not hop_id:
        raise missing("NextHopId")
    if weight is not None and not 0 <= weight <= 255:
        raise ApiError("INVALID_WEIGHT_PARAM", "Specified value of weight invalid", 400)
    if hop_type == "RouterInterface":
        ri = owned(ctx, "router_interface", hop_id, table["_region"])
        if ri is None or ri["RouterId"] != table["RouterId"]:
            raise next_hop_not_found(hop_id)
        if world.is_pending("router_interface", hop_id) or ri["Status"] == "Deleting":
            raise ApiError("IncorrectStatus.RouterInterface", "The specified RouterInterface status is invalid.", 400)
    elif hop_type == "VpcPeer":
        pcc = world.get("vpc_peer", hop_id)
        mine = (
            pcc is not None
            and table["VpcId"]
            and (
                (pcc["VpcId"] == table["VpcId"] and pcc["_account"] == ctx.account)
                or (pcc["AcceptingVpcId"] == table["VpcId"] and str(pcc["AcceptingOwnerUid"]) == ctx.account)
            )
        )
        if not mine:
            raise ApiError(
                "ResourceNotFound.VpcPeer", "The specified resource of VpcPeer [%s] is not found." % hop_id, 400
            )
        if world.is_pending("vpc_peer", hop_id) or pcc["Status"] != "Activated":
            raise ApiError(
                "IncorrectStatus.VpcPeer", "The status of %s [%s] is incorrect." % (hop_id, pcc["Status"]), 400
            )
    elif hop_type == "Attachment":
        # A transit router's VPC attachment of the table's VPC (the attachment is the CEN owner's).
        att = world.get("tr_attachment", hop_id)
        if att is None or att.get("VpcId") != table["VpcId"] or str(att["VpcOwnerId"]) != ctx.account:
            raise next_hop_not_found(hop_id)
        if world.is_pending("tr_attachment", hop_id) or att["Status"] != "Attached":
            raise ApiError("IncorrectStatus.Attachment", "The attachment %s is %s." % (hop_id, att["Status"]), 400)
    else:
        # The emulator models no ECS instances, gateways or ENIs: such a next hop cannot exist.
        raise next_hop_not_found(hop_id)
    return {"NextHopType": hop_type, "NextHopId": hop_id, "Weight": weight, "Enabled": 1}


def parse_destination(text):
    try:
        return ipaddress.ip_network(text, strict=True)
    except (ValueError, TypeError):
        raise ApiError("InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.", 400)


@action("vpc", "CreateRouteEntry", write=True)
def create_route_entry(ctx, p):
    world = ctx.world
    if p.get("RegionId"):
        check_region(p["RegionId"])
    table = owned(ctx, "route_table", p["RouteTableId"], p.get("RegionId"), error=table_not_found())
    vpc = world.get("vpc", table["VpcId"]) if table["VpcId"] else None
    if vpc is not None and not vpc_is_stable(world, vpc):
        raise vpc_busy()
    dest = parse_destination(p["DestinationCidrBlock"])
    if dest.version == 6:
        raise ApiError("OperationDenied.VpcIpv6NotEnabled", "IPv6 has not been enabled for the VPC.", 400)
    if dest.overlaps(CLOUD_SERVICE_NET):
        raise ApiError("InvalidCidrBlock", "Specified CIDR block is not valid.", 400)
    if vpc is not None and any(
        dest.subnet_of(ipaddress.ip_network(s["CidrBlock"])) for s in vswitches_of(world, vpc["VpcId"])
    ):
        raise ApiError("InvalidCidrBlock", "Specified CIDR block is not valid.", 400)
    check_text(p.get("RouteEntryName"), "RouteEntry name", 128, code="InvalidRouteEntryName.Malformed")
    check_text(p.get("Description"), "Description", 256, code="InvalidDescription.Malformed")
    hop_list = p.get("NextHopList")
    if hop_list and p.get("NextHopType"):
        raise ApiError("InvalidNexthopTypeAndList.BothNotNull", "both nexthopType and nextHopList are not null.", 400)
    if hop_list:
        if not 2 <= len(hop_list) <= MAX_ECMP_HOPS:
            raise ApiError(
                "InvalidNexthopListSize", "nexthop size is illegal. Must be between 2 and %d." % MAX_ECMP_HOPS, 400
            )
        if len({(h.get("NextHopType"), h.get("NextHopId")) for h in hop_list}) != len(hop_list):
            raise ApiError("Duplicated.VpcNextHop", "Route entry nexthop duplicate.", 400)
        if any(h.get("NextHopType") != "RouterInterface" for h in hop_list):
            raise ApiError("InvalidNextHopType", "An ECMP route entry takes router interfaces only.", 400)
        hops = [resolve_next_hop(ctx, table, h["NextHopType"], h.get("NextHopId"), h.get("Weight")) for h in hop_list]
    else:
        hops = [resolve_next_hop(ctx, table, p.get("NextHopType") or "Instance", p.get("NextHopId"))]
    if table_busy(world, table["RouteTableId"]):
        raise ApiError(
            "IncorrectRouteEntryStatus",
            "The route table contains route entries in the Pending or Modifying state.",
            400,
        )
    for entry in entries_of_table(world, table["RouteTableId"]):
        if ipaddress.ip_network(entry["DestinationCidrBlock"]) == dest:
            raise ApiError(
                "RouterEntryConflict.Duplicated", "A route entry already exists, which CIDR is '%s'" % dest, 400
            )
    if p.get("DryRun"):
        raise dry_run_passed()
    entry = new_route_entry(
        world,
        table,
        ctx.account,
        table["_region"],
        str(dest),
        "Custom",
        hops,
        "Pending",
        name=p.get("RouteEntryName") or "",
        description=p.get("Description") or "",
    )
    world.schedule("route_entry", entry["RouteEntryId"], set_fields={"Status": "Available"})
    return {"RouteEntryId": entry["RouteEntryId"]}


def route_entry_not_found():
    return ApiError("InvalidRouteEntry.NotFound", "Specified route entry does not exist.", 404)


@action("vpc", "DeleteRouteEntry", write=True)
def delete_route_entry(ctx, p):
    world = ctx.world
    region = p.get("RegionId")
    if region:
        check_region(region)
    if p.get("RouteEntryId"):
        entry = owned(ctx, "route_entry", p["RouteEntryId"], region)
        if entry is None or entry["Type"] != "Custom":
            raise route_entry_not_found()
        if p.get("RouteTableId") and entry["RouteTableId"] != p["RouteTableId"]:
            raise route_entry_not_found()
    else:
        if not p.get("RouteTableId"):
            raise missing("RouteTableId")
        if not p.get("DestinationCidrBlock"):
            raise missing("DestinationCidrBlock")
        table = owned(ctx, "route_table", p["RouteTableId"], region, error=table_not_found())
        dest = parse_destination(p["DestinationCidrBlock"])
        wanted_hops = None
        if p.get("NextHopList"):
            wanted_hops = {(h.get("NextHopType"), h.get("NextHopId")) for h in p["NextHopList"]}
        matches = []
        for entry in entries_of_table(world, table["RouteTableId"]):
            if entry["Type"] != "Custom" or ipaddress.ip_network(entry["DestinationCidrBlock"]) != dest:
                continue
            hops = {(h["NextHopType"], h["NextHopId"]) for h in entry["NextHops"]}
            if p.get("NextHopId") and p["NextHopId"] not in {hop_id for _t, hop_id in hops}:
                continue
            if wanted_hops is not None and wanted_hops != hops:
                continue
            matches.append(entry)
        if not matches:
            raise route_entry_not_found()
        entry = matches[0]
    if table_busy(world, entry["RouteTableId"]):
        raise ApiError(
            "IncorrectRouteEntryStatus",
            "The route table contains route entries in the Pending or Modifying state.",
            400,
        )
    if p.get("DryRun"):
        raise dry_run_passed()
    entry["Status"] = "Deleting"
    entry["GmtModified"] = iso_time(world)
    world.schedule("route_entry", entry["RouteEntryId"], delete=True)
    return {}
