"""Tags of CENs and bandwidth packages (CBN 2017-09-12): TagResources, UntagResources,
ListTagResources.
"""

from alicloud_emulator.errors import invalid, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import MAX_TAGS, check_tags, merged_tags, tags_match, token_page
from alicloud_emulator.services.cbn.shared import TAGS, check_tag_count, own_bwp, own_cen, require_mutable

TAG_RESOURCE_TABLES = {"cen": "cen", "bandwidthpackage": "cen_bwp"}


def _tag_targets(ctx, p):
    rtype = p["ResourceType"]
    kind = TAG_RESOURCE_TABLES.get(rtype.lower())
    if kind is None:
        raise invalid("ResourceType", "must be Cen or BandwidthPackage, not %r" % rtype)
    ids = p.get("ResourceId") or []
    if len(ids) > 20:
        raise invalid("ResourceId", "holds at most 20 resource ids")
    lookup = own_cen if kind == "cen" else own_bwp
    return kind, [lookup(ctx, rid) for rid in ids]


def _resource_id(kind, rec):
    return rec["CenId"] if kind == "cen" else rec["CenBandwidthPackageId"]


@action("cbn", "TagResources", write=True)
def tag_resources(ctx, p):
    kind, targets = _tag_targets(ctx, p)
    tags = check_tags(p["Tag"], TAGS)
    if not tags:
        raise missing("Tag.1.Key")
    for rec in targets:
        if kind == "cen":
            require_mutable(ctx.world, rec, exclusive=False)
    merged = [merged_tags(rec.get("_tags"), tags, TAGS.too_many) for rec in targets]
    for rec, new in zip(targets, merged):
        rec["_tags"] = new
    return {}


@action("cbn", "UntagResources", write=True)
def untag_resources(ctx, p):
    kind, targets = _tag_targets(ctx, p)
    keys = p.get("TagKey") or []
    if not keys and not p.get("All"):
        raise missing("TagKey.1")
    if len(keys) > MAX_TAGS:
        raise invalid("TagKey", "holds at most %d keys" % MAX_TAGS)
    for rec in targets:
        if kind == "cen":
            require_mutable(ctx.world, rec, exclusive=False)
    for rec in targets:
        rec["_tags"] = {} if not keys else {k: v for k, v in rec.get("_tags", {}).items() if k not in keys}
    return {}


@action("cbn", "ListTagResources")
def list_tag_resources(ctx, p):
    rtype = p["ResourceType"]
    kind = TAG_RESOURCE_TABLES.get(rtype.lower())
    if kind is None:
        raise invalid("ResourceType", "must be Cen or BandwidthPackage, not %r" % rtype)
    ids = p.get("ResourceId") or []
    if len(ids) > 20:
        raise invalid("ResourceId", "holds at most 20 resource ids")
    check_tag_count(p)
    rows = []
    for rec in sorted(ctx.world.records(kind, account=ctx.account), key=lambda r: r["_order"]):
        rid = _resource_id(kind, rec)
        if ids and rid not in ids:
            continue
        if not tags_match(rec.get("_tags"), p.get("Tag")):
            continue
        for key, value in sorted(rec.get("_tags", {}).items()):
            rows.append({"ResourceId": rid, "ResourceType": rtype, "TagKey": key, "TagValue": value})
    page = token_page(rows, p, 10, 50, size_key="PageSize")
    return {"TagResources": {"TagResource": page.items}, "NextToken": page.next_token}
