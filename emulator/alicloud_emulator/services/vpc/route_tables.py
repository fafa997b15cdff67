"""Route tables (VPC 2016-04-28): DescribeRouteTables, DescribeRouteTableList.

Every VPC and every VBR has one ``System`` table, made with its router; custom tables
are not modelled. A table's entries are services/vpc/route_entries.py's.
"""

from alicloud_emulator.errors import ApiError, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import page_body, tag_list, tags_match
from alicloud_emulator.services.vpc.route_entries import entry_view
from alicloud_emulator.services.vpc.shared import check_region, entries_of_table, vswitches_of


def table_vswitch_ids(world, table):
    if table["RouteTableType"] != "System" or not table.get("VpcId"):
        return []
    return [s["VSwitchId"] for s in vswitches_of(world, table["VpcId"])]


def table_view(world, table, entry_type=None):
    entries = entries_of_table(world, table["RouteTableId"])
    if entry_type:
        entries = [e for e in entries if e["Type"] == entry_type]
    return {
        "RouteTableId": table["RouteTableId"],
        "RouteTableName": table["RouteTableName"],
        "Description": table["Description"],
        "RouteTableType": table["RouteTableType"],
        "VRouterId": table["RouterId"],
        "RouterId": table["RouterId"],
        "RouterType": table["RouterType"],
        "VpcId": table["VpcId"],
        "CreationTime": table["CreationTime"],
        "Status": table["Status"],
        "OwnerId": int(table["_account"]),
        "ResourceGroupId": table["ResourceGroupId"],
        "AssociateType": "VSwitch",
        "RoutePropagationEnable": False,
        "VSwitchIds": {"VSwitchId": table_vswitch_ids(world, table)},
        "GatewayIds": {"GatewayIds": []},
        "Tags": {"Tag": tag_list(table.get("_tags"))},
        "RouteEntrys": {"RouteEntry": [entry_view(world, e) for e in entries]},
    }


@action("vpc", "DescribeRouteTables")
def describe_route_tables(ctx, p):
    region = p.get("RegionId")
    if region:
        check_region(region)
    if p.get("VRouterId") and p.get("RouterId"):
        raise ApiError("InvalidParameter", "You cannot specify both VRouterId and RouterId.", 400)
    if not any(p.get(k) for k in ("VRouterId", "RouterId", "RouteTableId", "RouteTableName")):
        raise missing("RouteTableId")
    router = p.get("VRouterId") or p.get("RouterId")
    tables = ctx.world.records("route_table", ctx.account, region)
    if router:
        tables = [t for t in tables if t["RouterId"] == router]
    if p.get("RouterType"):
        tables = [t for t in tables if t["RouterType"] == p["RouterType"]]
    if p.get("RouteTableId"):
        tables = [t for t in tables if t["RouteTableId"] == p["RouteTableId"]]
    if p.get("RouteTableName"):
        tables = [t for t in tables if t["RouteTableName"] == p["RouteTableName"]]
    if p.get("ResourceGroupId"):
        tables = [t for t in tables if t["ResourceGroupId"] == p["ResourceGroupId"]]
    return page_body(tables, p, "RouteTables", "RouteTable", lambda t: table_view(ctx.world, t, p.get("Type")))


@action("vpc", "DescribeRouteTableList")
def describe_route_table_list(ctx, p):
    check_region(p["RegionId"])
    tables = ctx.world.records("route_table", ctx.account, p["RegionId"])
    for key in (
        "VpcId",
        "RouterId",
        "RouterType",
        "RouteTableId",
        "RouteTableName",
        "RouteTableType",
        "ResourceGroupId",
    ):
        if p.get(key):
            tables = [t for t in tables if t[key] == p[key]]
    if p.get("Tag"):
        tables = [t for t in tables if tags_match(t.get("_tags"), p["Tag"])]
    return page_body(tables, p, "RouterTableList", "RouterTableListType", lambda t: table_view(ctx.world, t))
