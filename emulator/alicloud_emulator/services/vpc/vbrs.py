"""Virtual border routers (VPC 2016-04-28): DescribeVirtualBorderRouters.

VBRs come from the seed only (a physical connection cannot be ordered through an API
call): each is ``active`` with its own system route table.
"""

from alicloud_emulator.registry import action
from alicloud_emulator.services.common import default_resource_group, iso_time, page_body, tag_list, tags_match
from alicloud_emulator.services.vpc.shared import associated_cens, check_region, filters_of

VBR_FILTER_KEYS = ("VbrId", "Status", "Name", "AccessPointId", "PhysicalConnectionId", "VlanId")


def build_vbr(world, vbr_id, account, region, name=""):
    """An active VBR ``vbr_id`` of ``account`` in ``region``, with its route table."""
    now = iso_time(world)
    table_id = world.new_id("vtb")
    vlan = 100 + len(world.table("vbr"))
    world.put(
        "route_table",
        table_id,
        {
            "RouteTableId": table_id,
            "RouteTableName": "",
            "Description": "",
            "RouteTableType": "System",
            "RouterId": vbr_id,
            "RouterType": "VBR",
            "VpcId": "",
            "CreationTime": now,
            "Status": "Available",
            "ResourceGroupId": default_resource_group(account),
            "_tags": {},
        },
        account,
        region,
    )
    return world.put(
        "vbr",
        vbr_id,
        {
            "VbrId": vbr_id,
            "Name": name,
            "Description": "",
            "Status": "active",
            "Type": "pconn",
            "AccessPointId": "ap-%s-emu-A" % region,
            "PhysicalConnectionId": world.new_id("pc"),
            "VlanId": vlan,
            "RouteTableId": table_id,
            "CreationTime": now,
            "ActivationTime": now,
            "ResourceGroupId": default_resource_group(account),
            "_tags": {},
        },
        account,
        region,
    )


def vbr_view(world, vbr):
    return {
        "VbrId": vbr["VbrId"],
        "Name": vbr["Name"],
        "Description": vbr["Description"],
        "Status": vbr["Status"],
        "Type": vbr["Type"],
        "AccessPointId": vbr["AccessPointId"],
        "PhysicalConnectionId": vbr["PhysicalConnectionId"],
        "PhysicalConnectionOwnerUid": vbr["_account"],
        "PhysicalConnectionStatus": "Enabled",
        "PhysicalConnectionBusinessStatus": "Normal",
        "VlanId": vbr["VlanId"],
        "RouteTableId": vbr["RouteTableId"],
        "CreationTime": vbr["CreationTime"],
        "ActivationTime": vbr["ActivationTime"],
        "ResourceGroupId": vbr["ResourceGroupId"],
        "AssociatedCens": {"AssociatedCen": associated_cens(world, vbr["VbrId"])},
        "Tags": {"Tags": tag_list(vbr.get("_tags"))},
    }


@action("vpc", "DescribeVirtualBorderRouters")
def describe_virtual_border_routers(ctx, p):
    check_region(p["RegionId"])
    vbrs = ctx.world.records("vbr", ctx.account, p["RegionId"])
    for key, values in filters_of(p, VBR_FILTER_KEYS):
        vbrs = [v for v in vbrs if str(v[key]) in values]
    if p.get("ResourceGroupId"):
        vbrs = [v for v in vbrs if v["ResourceGroupId"] == p["ResourceGroupId"]]
    if p.get("Tags"):
        vbrs = [v for v in vbrs if tags_match(v.get("_tags"), p["Tags"])]
    return page_body(vbrs, p, "VirtualBorderRouterSet", "VirtualBorderRouterType", lambda v: vbr_view(ctx.world, v))
