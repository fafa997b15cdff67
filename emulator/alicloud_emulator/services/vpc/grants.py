"""CEN grants, the instance owner's side (VPC 2016-04-28): GrantInstanceToCen,
RevokeInstanceFromCen, DescribeGrantRulesToCen.

A grant (table ``grant``, key ``instance|cen``) lets another account's CEN attach the
owner's VPC (a VBR only to the owner's own CENs); CBN reads it when attaching and lists
it from the CEN's side (services/cbn/grants.py).
"""

from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import iso_time, owned, page_body
from alicloud_emulator.services.vpc.shared import cen_attachments_of, check_region

GRANT_TYPES = {"VPC": "vpc", "VBR": "vbr"}


def grant_key(instance_id, cen_id):
    return "%s|%s" % (instance_id, cen_id)


def _grant_instance(ctx, p):
    """The caller's network instance named by a Grant/Revoke call, validated."""
    check_region(p["RegionId"])
    kind = GRANT_TYPES.get(p["InstanceType"])
    if kind is None:
        raise ApiError("InstanceType.Invalid", "Specified type is not valid.", 404)
    if not p["CenId"]:
        raise ApiError("MissingParam.CenInstanceId", "The parameter CenId is mandatory.", 400)
    if not p["CenId"].startswith("cen-"):
        raise ApiError("IllegalParam.CenInstanceId", "The specified CenId %s is illegal." % p["CenId"], 400)
    instance = owned(ctx, kind, p["InstanceId"], p["RegionId"])
    if instance is None:
        if kind == "vbr":
            raise ApiError("InvalidVbr.NotFound", "Specified vbr does not exist.", 404)
        raise ApiError("InvalidInstanceId.NotFound", "Specified Instance does not exist.", 404)
    return kind, instance


@action("vpc", "GrantInstanceToCen", write=True)
def grant_instance_to_cen(ctx, p):
    world = ctx.world
    kind, instance = _grant_instance(ctx, p)
    cen_owner = str(p["CenOwnerId"])
    if cen_owner not in world.accounts:
        raise ApiError("InvalidParameter", "The specified CenOwnerId %s does not exist." % cen_owner, 400)
    if kind == "vbr" and cen_owner != ctx.account:
        raise ApiError("Invalid.Grant", "Can not grant to other owner cen.", 400)
    if world.is_pending(kind, p["InstanceId"]) or instance.get("Status") not in ("Available", "active"):
        raise ApiError("IncorrectStatus", "Current Instance status does not support this operation.", 400)
    key = grant_key(p["InstanceId"], p["CenId"])
    if world.get("grant", key) is not None:
        raise ApiError(
            "ResourceAlreadyExist.GrantRule",
            "The instance %s is already granted to %s." % (p["InstanceId"], p["CenId"]),
            400,
        )
    world.put(
        "grant",
        key,
        {
            "ChildInstanceId": p["InstanceId"],
            "ChildInstanceType": p["InstanceType"],
            "ChildInstanceRegionId": p["RegionId"],
            "ChildInstanceOwnerId": int(ctx.account),
            "CenId": p["CenId"],
            "CenOwnerId": int(cen_owner),
            "CreationTime": iso_time(world),
        },
        ctx.account,
        p["RegionId"],
    )
    return {}


@action("vpc", "RevokeInstanceFromCen", write=True)
def revoke_instance_from_cen(ctx, p):
    world = ctx.world
    _grant_instance(ctx, p)
    key = grant_key(p["InstanceId"], p["CenId"])
    grant = world.get("grant", key)
    if grant is None or grant["_account"] != ctx.account or grant["CenOwnerId"] != p["CenOwnerId"]:
        raise ApiError("InvalidInstanceId.NotFound", "Specified Instance does not exist.", 404)
    if world.is_pending("grant", key):
        raise ApiError("IncorrectStatus", "Current Instance status does not support this operation.", 400)
    if any(att["CenId"] == p["CenId"] for att in cen_attachments_of(world, p["InstanceId"])):
        raise ApiError(
            "IncorrectStatus",
            "The instance %s is still attached to %s; detach it first." % (p["InstanceId"], p["CenId"]),
            400,
        )
    world.delete("grant", key)
    return {}


@action("vpc", "DescribeGrantRulesToCen")
def describe_grant_rules_to_cen(ctx, p):
    check_region(p["RegionId"])
    if p["InstanceType"] not in GRANT_TYPES and p["InstanceType"] != "CCN":
        raise ApiError("InstanceType.Invalid", "Specified type is not valid.", 404)
    rules = [
        g
        for g in ctx.world.records("grant", ctx.account, p["RegionId"])
        if g["ChildInstanceId"] == p["InstanceId"] and g["ChildInstanceType"] == p["InstanceType"]
    ]
    return page_body(
        rules,
        p,
        "CenGrantRules",
        "CbnGrantRule",
        lambda g: {"CenInstanceId": g["CenId"], "CenOwnerId": g["CenOwnerId"], "CreationTime": g["CreationTime"]},
    )
