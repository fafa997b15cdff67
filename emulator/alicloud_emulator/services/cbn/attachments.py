"""Child-instance attachments (CBN 2017-09-12): AttachCenChildInstance,
DetachCenChildInstance, DescribeCenAttachedChildInstances,
DescribeCenAttachedChildInstanceAttribute, DescribeChildInstanceRegions.

``Attaching -> Attached``, DetachCenChildInstance ``Detaching -> gone``. Another
account's VPC attaches only after its owner's GrantInstanceToCen (services/vpc/grants.py);
the instance owner may detach its instance from another account's CEN.
"""

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import page_body, public
from alicloud_emulator.services.cbn.shared import (
    attachments_of,
    cen_not_found,
    child_not_found,
    minute,
    own_cen,
    require_mutable,
    stamp,
)

CHILD_TYPES = {"VPC": "vpc", "VBR": "vbr", "CCN": "ccn"}


def attachment_view(att):
    view = public(att)
    view["ChildInstanceOwnerId"] = int(att["ChildInstanceOwnerId"])
    return view


def child_record(world, itype, instance_id, owner, region):
    """The network instance ``instance_id`` of ``owner`` in ``region``, or None."""
    rec = world.get(CHILD_TYPES[itype], instance_id)
    if rec is None or rec["_account"] != owner or rec["_region"] != region:
        return None
    return rec


def has_router_interfaces(world, vpc):
    """True when the VPC's vRouter carries an Express Connect router interface."""
    return any(ri["RouterId"] == vpc["VRouterId"] for ri in world.table("router_interface").values())


def grant_for(world, instance_id, cen, owner, itype, region):
    grant = world.get("grant", "%s|%s" % (instance_id, cen["CenId"]))
    if grant is None:
        return None
    if str(grant.get("CenOwnerId")) != cen["_account"] or str(grant.get("ChildInstanceOwnerId")) != owner:
        return None
    if grant.get("ChildInstanceType") != itype or grant.get("ChildInstanceRegionId") != region:
        return None
    return grant


def check_child_type(itype):
    if itype not in CHILD_TYPES:
        raise ApiError(
            "ParameterIllegal.ChildInstanceType", "ChildInstanceType must be VPC, VBR or CCN, not %r." % itype, 400
        )


@action("cbn", "AttachCenChildInstance", write=True)
def attach_cen_child_instance(ctx, p):
    world = ctx.world
    itype, instance_id, region = p["ChildInstanceType"], p["ChildInstanceId"], p["ChildInstanceRegionId"]
    check_child_type(itype)
    cen = own_cen(ctx, p["CenId"])
    require_mutable(world, cen)
    if geography.area_of(region) is None:
        raise ApiError("IllegalParam.RegionId", "The region %s is not a region CEN serves." % region, 400)
    owner = str(p["ChildInstanceOwnerId"]) if p.get("ChildInstanceOwnerId") is not None else ctx.account
    if owner != cen["_account"] and grant_for(world, instance_id, cen, owner, itype, region) is None:
        raise ApiError(
            "Forbbiden.AttachChildInstanceAcrossUid",
            "The account %s has not granted CEN instance %s access to %s." % (owner, cen["CenId"], instance_id),
            409,
        )
    child = child_record(world, itype, instance_id, owner, region)
    if child is None:
        raise child_not_found(instance_id, "does not exist in %s for account %s" % (region, owner))
    if itype == "VPC" and child["Status"] != "Available":
        raise ApiError(
            "OperationFailed.InvalidVpcStatus",
            "The VPC %s is %s; it must be Available." % (instance_id, child["Status"]),
            400,
        )
    for att in world.table("cen_attachment").values():
        if att["ChildInstanceId"] == instance_id:
            raise ApiError(
                "InvalidOperation.ChildInstanceAlreadyAttached",
                "The network instance %s is already attached to CEN instance %s." % (instance_id, att["CenId"]),
                409,
            )
    if itype == "VPC" and has_router_interfaces(world, child):
        raise ApiError(
            "InvalidOperation.ChildInstanceRIAlreadyExist",
            "The VPC %s already uses Express Connect router interfaces." % instance_id,
            409,
        )
    key = "%s|%s" % (cen["CenId"], instance_id)
    world.put(
        "cen_attachment",
        key,
        {
            "CenId": cen["CenId"],
            "ChildInstanceId": instance_id,
            "ChildInstanceType": itype,
            "ChildInstanceRegionId": region,
            "ChildInstanceOwnerId": owner,
            "ChildInstanceAttachTime": minute(world.now()),
            "Status": "Attaching",
            "_order": stamp(world),
        },
        cen["_account"],
        region,
    )
    world.schedule("cen_attachment", key, set_fields={"Status": "Attached"})
    return {}


@action("cbn", "DetachCenChildInstance", write=True)
def detach_cen_child_instance(ctx, p):
    world = ctx.world
    itype, instance_id, region = p["ChildInstanceType"], p["ChildInstanceId"], p["ChildInstanceRegionId"]
    check_child_type(itype)
    cen_owner = str(p["CenOwnerId"]) if p.get("CenOwnerId") is not None else ctx.account
    cen = world.get("cen", p["CenId"])
    if cen is None or cen["_account"] != cen_owner:
        raise cen_not_found(p["CenId"])
    key = "%s|%s" % (cen["CenId"], instance_id)
    att = world.get("cen_attachment", key)
    if cen_owner != ctx.account:
        # The instance owner may detach its own instance from another account's CEN.
        if att is None or att["ChildInstanceOwnerId"] != ctx.account:
            raise cen_not_found(p["CenId"])
    require_mutable(world, cen, exclusive=False)
    if att is None or att["ChildInstanceType"] != itype or att["ChildInstanceRegionId"] != region:
        raise child_not_found(instance_id, "is not attached to CEN instance %s" % cen["CenId"])
    if p.get("ChildInstanceOwnerId") is not None and str(p["ChildInstanceOwnerId"]) != att["ChildInstanceOwnerId"]:
        raise child_not_found(instance_id, "does not belong to account %s" % p["ChildInstanceOwnerId"])
    require_mutable(world, cen)
    att["Status"] = "Detaching"
    world.schedule("cen_attachment", key, delete=True)
    return {}


@action("cbn", "DescribeCenAttachedChildInstances")
def describe_cen_attached_child_instances(ctx, p):
    cen = own_cen(ctx, p["CenId"])
    if p.get("ChildInstanceType") is not None:
        check_child_type(p["ChildInstanceType"])
    found = []
    for att in attachments_of(ctx.world, cen["CenId"]):
        if p.get("ChildInstanceType") and att["ChildInstanceType"] != p["ChildInstanceType"]:
            continue
        if p.get("ChildInstanceRegionId") and att["ChildInstanceRegionId"] != p["ChildInstanceRegionId"]:
            continue
        found.append(att)
    found.sort(key=lambda a: a["_order"])
    return page_body(found, p, "ChildInstances", "ChildInstance", attachment_view)


def _secondary_cidrs(vpc):
    value = vpc.get("SecondaryCidrBlocks") or []
    if isinstance(value, dict):
        value = value.get("SecondaryCidrBlock") or []
    return list(value)


@action("cbn", "DescribeCenAttachedChildInstanceAttribute")
def describe_cen_attached_child_instance_attribute(ctx, p):
    world = ctx.world
    itype, instance_id, region = p["ChildInstanceType"], p["ChildInstanceId"], p["ChildInstanceRegionId"]
    check_child_type(itype)
    cen = own_cen(ctx, p["CenId"])
    att = world.get("cen_attachment", "%s|%s" % (cen["CenId"], instance_id))
    if att is None or att["ChildInstanceType"] != itype or att["ChildInstanceRegionId"] != region:
        raise child_not_found(instance_id, "is not attached to CEN instance %s" % cen["CenId"])
    view = attachment_view(att)
    child = world.get(CHILD_TYPES[itype], instance_id)
    if child is not None:
        view["ChildInstanceName"] = child.get("VpcName") if itype == "VPC" else child.get("Name", "")
        if itype == "VPC":
            view["ChildInstanceAttributes"] = {
                "CidrBlock": child.get("CidrBlock", ""),
                "Ipv6CidrBlock": child.get("Ipv6CidrBlock", ""),
                "SecondaryCidrBlocks": {"secondaryCidrBlock": _secondary_cidrs(child)},
            }
    return view


@action("cbn", "DescribeChildInstanceRegions")
def describe_child_instance_regions(ctx, p):
    product = p.get("ProductType")
    if product is not None and product not in CHILD_TYPES:
        raise invalid("ProductType", "must be VPC, VBR or CCN")
    language = p.get("AcceptLanguage", "zh-CN")
    if language not in ("zh-CN", "en-US", "ja"):
        raise invalid("AcceptLanguage", "must be zh-CN, en-US or ja")
    # REGION_NAMES holds (English, Chinese); Japanese names are not kept, so ja answers in English.
    column = 1 if language == "zh-CN" else 0
    names = geography.REGION_NAMES
    regions = [{"RegionId": rid, "LocalName": names[rid][column]} for rid in sorted(geography.REGIONS)]
    return {"Regions": {"Region": regions}}
