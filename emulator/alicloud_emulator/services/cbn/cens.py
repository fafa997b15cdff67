"""CEN instances (CBN 2017-09-12): CreateCen, ModifyCenAttribute, DeleteCen, DescribeCens.

``Creating -> Active``, ModifyCenAttribute ``Modifying -> Active``, DeleteCen ``Deleting ->
gone`` (refused while attachments or bandwidth packages remain; its transit routers go with it,
unless they still have connections, custom route tables or static routes).
"""

from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import (
    check_tags,
    check_text,
    default_resource_group,
    page_body,
    public,
    tags_match,
)
from alicloud_emulator.services.cbn.shared import (
    TAGS,
    attachments_of,
    check_tag_count,
    filters_of,
    minute,
    own_cen,
    packages_of,
    require_mutable,
    stamp,
    tags_view,
)
from alicloud_emulator.services.transit_router.routers import cen_routers_deletable, delete_cen_routers


def cen_view(world, cen):
    view = public(cen)
    view["CenBandwidthPackageIds"] = {
        "CenBandwidthPackageId": sorted(b["CenBandwidthPackageId"] for b in packages_of(world, cen["CenId"]))
    }
    view["Tags"] = tags_view(cen)
    return view


@action("cbn", "CreateCen", write=True)
def create_cen(ctx, p):
    check_text(p.get("Name"), "Name", 128, low=0)
    check_text(p.get("Description"), "Description", 256, low=0)
    if p.get("ProtectionLevel", "REDUCED") != "REDUCED":
        raise invalid("ProtectionLevel", "must be REDUCED")
    tags = check_tags(p.get("Tag"), TAGS)
    world = ctx.world
    cen_id = world.new_id("cen", 18)
    record = {
        "CenId": cen_id,
        "Name": p.get("Name", ""),
        "Description": p.get("Description", ""),
        "ProtectionLevel": "REDUCED",
        "Status": "Creating",
        "CreationTime": minute(world.now()),
        "Ipv6Level": "DISABLED",
        "ResourceGroupId": default_resource_group(ctx.account),
        "_tags": tags,
        "_order": stamp(world),
    }
    world.put("cen", cen_id, record, ctx.account)
    world.schedule("cen", cen_id, set_fields={"Status": "Active"})
    return {"CenId": cen_id}


@action("cbn", "ModifyCenAttribute", write=True)
def modify_cen_attribute(ctx, p):
    cen = own_cen(ctx, p["CenId"])
    require_mutable(ctx.world, cen)
    level = p.get("ProtectionLevel")
    if level == "FULL":
        raise ApiError(
            "InvalidOperation.EnhanceProtectionLevel",
            "Raising the protection level of a CEN instance to FULL cannot be done through the API.",
            400,
        )
    if level not in (None, "REDUCED"):
        raise invalid("ProtectionLevel", "must be REDUCED")
    check_text(p.get("Name"), "Name", 128, low=0)
    check_text(p.get("Description"), "Description", 256, low=0)
    for field in ("Name", "Description"):
        if field in p:
            cen[field] = p[field]
    cen["Status"] = "Modifying"
    ctx.world.schedule("cen", cen["CenId"], set_fields={"Status": "Active"})
    return {}


@action("cbn", "DeleteCen", write=True)
def delete_cen(ctx, p):
    world = ctx.world
    cen = own_cen(ctx, p["CenId"])
    require_mutable(world, cen)
    if attachments_of(world, cen["CenId"]):
        raise ApiError(
            "InvalidOperation.AttachedChildInstanceExist",
            "The CEN instance %s still has network instances attached; detach them first." % cen["CenId"],
            400,
        )
    routers = cen_routers_deletable(world, cen["CenId"])
    if packages_of(world, cen["CenId"]):
        raise ApiError(
            "InvalidOperation.CenBandwidthPackageAssociated",
            "The CEN instance %s still has bandwidth packages associated; unassociate them first." % cen["CenId"],
            400,
        )
    cen["Status"] = "Deleting"
    world.schedule("cen", cen["CenId"], delete=True)
    delete_cen_routers(world, routers)
    return {}


@action("cbn", "DescribeCens")
def describe_cens(ctx, p):
    world = ctx.world
    filters = filters_of(p, ("CenId", "Name"))
    check_tag_count(p)
    found = []
    for cen in world.records("cen", account=ctx.account):
        if any(cen.get(f["Key"]) not in (f.get("Value") or []) for f in filters):
            continue
        if p.get("ResourceGroupId") and cen["ResourceGroupId"] != p["ResourceGroupId"]:
            continue
        if not tags_match(cen.get("_tags"), p.get("Tag")):
            continue
        found.append(cen)
    found.sort(key=lambda c: c["_order"])
    return page_body(found, p, "Cens", "Cen", lambda c: cen_view(world, c))
