"""Cross-account grants for transit routers (CBN 2017-09-12): GrantInstanceToTransitRouter,
RevokeInstanceFromTransitRouter, ModifyGrantInstanceToTransitRouter (all called by the network
instance's owner) and ListGrantVSwitchesToCen (the CEN owner's view of a granted VPC's vSwitches).

A grant is the same rule GrantInstanceToCen writes (table ``grant``, key ``instance|cen``), so
DescribeGrantRulesToCen and DescribeGrantRulesToResource list it and a Basic-edition attach
honours it too. ``InstanceType`` ExpressConnect is a VBR; VPN and ECR instances are not modelled,
so they do not exist. Revoke is refused while the instance is still attached to the CEN.
"""

from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import iso_time, owned, page_numbers
from alicloud_emulator.services.transit_router.shared import ATTACHMENT, cen_not_found, check_region

INSTANCE_TYPES = {"VPC": ("vpc", "VPC"), "ExpressConnect": ("vbr", "VBR"), "VPN": (None, "VPN"), "ECR": (None, "ECR")}
ORDER_TYPES = ("PayByCenOwner", "PayByResourceOwner")


def _instance_not_found(instance_id):
    return ApiError("InvalidInstanceId.NotFound", "The instance %s does not exist." % instance_id, 404)


def _instance(ctx, p):
    """``(record, grant type)``: the caller's instance a grant call names."""
    if p["InstanceType"] not in INSTANCE_TYPES:
        raise invalid("InstanceType", "must be one of %s" % ", ".join(INSTANCE_TYPES))
    if p.get("RegionId"):
        check_region(p["RegionId"])
    kind, grant_type = INSTANCE_TYPES[p["InstanceType"]]
    rec = ctx.world.get(kind, p["InstanceId"]) if kind else None
    if rec is None or rec["_account"] != ctx.account or (p.get("RegionId") and rec["_region"] != p["RegionId"]):
        raise _instance_not_found(p["InstanceId"])
    return rec, grant_type


def _key(p):
    return "%s|%s" % (p["InstanceId"], p["CenId"])


def _own_grant(ctx, p):
    grant = ctx.world.get("grant", _key(p))
    if grant is None or grant["_account"] != ctx.account:
        raise ApiError(
            "InvalidInstanceId.NotFound", "The instance %s is not granted to %s." % (p["InstanceId"], p["CenId"]), 404
        )
    return grant


def _order_type(value):
    if value not in ORDER_TYPES:
        raise invalid("OrderType", "must be PayByCenOwner or PayByResourceOwner")
    return value


@action("cbn", "GrantInstanceToTransitRouter", write=True)
def grant_instance_to_transit_router(ctx, p):
    world = ctx.world
    rec, grant_type = _instance(ctx, p)
    order = _order_type(p.get("OrderType", "PayByCenOwner"))
    cen_owner = str(p["CenOwnerId"])
    if cen_owner not in world.accounts:
        raise invalid("CenOwnerId", "names no account (%s)" % cen_owner)
    if not p["CenId"].startswith("cen-"):
        raise invalid("CenId", "is not a CEN instance id")
    if world.get("grant", _key(p)) is not None:
        raise ApiError(
            "ResourceAlreadyExist.GrantRule",
            "The instance %s is already granted to %s." % (p["InstanceId"], p["CenId"]),
            400,
        )
    world.put(
        "grant",
        _key(p),
        {
            "ChildInstanceId": p["InstanceId"],
            "ChildInstanceType": grant_type,
            "ChildInstanceRegionId": rec["_region"],
            "ChildInstanceOwnerId": int(ctx.account),
            "CenId": p["CenId"],
            "CenOwnerId": int(cen_owner),
            "CreationTime": iso_time(world),
            "OrderType": order,
        },
        ctx.account,
        rec["_region"],
    )
    return {}


@action("cbn", "RevokeInstanceFromTransitRouter", write=True)
def revoke_instance_from_transit_router(ctx, p):
    world = ctx.world
    _instance(ctx, p)
    grant = _own_grant(ctx, p)
    if str(grant["CenOwnerId"]) != str(p["CenOwnerId"]):
        raise _instance_not_found(p["InstanceId"])
    attached = world.get("cen_attachment", "%s|%s" % (p["CenId"], p["InstanceId"])) is not None or any(
        a["CenId"] == p["CenId"] and a.get("VpcId") == p["InstanceId"] for a in world.table(ATTACHMENT).values()
    )
    if attached:
        raise ApiError(
            "IncorrectStatus",
            "The instance %s is still attached to %s; detach it first." % (p["InstanceId"], p["CenId"]),
            400,
        )
    world.delete("grant", _key(p))
    return {}


@action("cbn", "ModifyGrantInstanceToTransitRouter", write=True)
def modify_grant_instance_to_transit_router(ctx, p):
    order = _order_type(p["OrderType"])
    _own_grant(ctx, p)["OrderType"] = order
    return {}


@action("cbn", "ListGrantVSwitchesToCen")
def list_grant_vswitches_to_cen(ctx, p):
    world = ctx.world
    check_region(p["RegionId"])
    cen = owned(ctx, "cen", p["CenId"], error=cen_not_found(p["CenId"]))
    vpc = world.get("vpc", p["VpcId"])
    visible = vpc is not None and vpc["_region"] == p["RegionId"]
    if visible and vpc["_account"] != ctx.account:
        grant = world.get("grant", "%s|%s" % (vpc["VpcId"], cen["CenId"]))
        visible = grant is not None and str(grant["CenOwnerId"]) == ctx.account
    found = []
    if visible and not p.get("EnabledIpv6"):
        found = [
            v
            for v in world.table("vswitch").values()
            if v["VpcId"] == vpc["VpcId"] and (not p.get("ZoneId") or v["ZoneId"] == p["ZoneId"])
        ]
    number, size = page_numbers(p)
    return {
        "VSwitches": [
            {"VSwitchId": v["VSwitchId"], "VSwitchName": v["VSwitchName"], "VpcId": v["VpcId"], "ZoneId": v["ZoneId"]}
            for v in found[(number - 1) * size : number * size]
        ],
        "TotalCount": len(found),
        "PageNumber": number,
        "PageSize": size,
    }
