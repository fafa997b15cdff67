"""Tags of CENs, bandwidth packages, transit routers, their attachments and route tables
(CBN 2017-09-12): TagResources, UntagResources, ListTagResources.
"""

from alicloud_emulator.errors import invalid, missing
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import MAX_TAGS, check_tags, merged_tags, tags_match, token_page
from alicloud_emulator.services.cbn.shared import TAGS, check_tag_count, own_bwp, own_cen, require_mutable
from alicloud_emulator.services.transit_router.shared import attachment_not_found, router_not_found, table_not_found

TAG_RESOURCE_TABLES = {"cen": "cen", "bandwidthpackage": "cen_bwp"}
# ResourceType (lower case) -> (table, id field, ResourceType of the attachment records) of the transit-router family
_TR_TYPES = {
    "transitrouter": ("transit_router", "TransitRouterId", None),
    "transitroutervpcattachment": ("tr_attachment", "TransitRouterAttachmentId", "VPC"),
    "transitrouterpeerattachment": ("tr_attachment", "TransitRouterAttachmentId", "TR"),
    "transitrouterroutetable": ("tr_route_table", "TransitRouterRouteTableId", None),
}
_TYPES_TEXT = "Cen, BandwidthPackage, TransitRouter, TransitRouterVpcAttachment, TransitRouterPeerAttachment or " \
    "TransitRouterRouteTable"


def _kind(rtype):
    if rtype.lower() in TAG_RESOURCE_TABLES:
        return TAG_RESOURCE_TABLES[rtype.lower()]
    if rtype.lower() in _TR_TYPES:
        return rtype.lower()
    raise invalid("ResourceType", "must be %s, not %r" % (_TYPES_TEXT, rtype))


def _records(ctx, kind):
    if kind not in _TR_TYPES:
        return ctx.world.records(kind, account=ctx.account)
    table, _field, att_type = _TR_TYPES[kind]
    return [r for r in ctx.world.records(table, account=ctx.account) if att_type in (None, r.get("ResourceType"))]


def _lookup(ctx, kind, rid):
    if kind == "cen":
        return own_cen(ctx, rid)
    if kind == "cen_bwp":
        return own_bwp(ctx, rid)
    for rec in _records(ctx, kind):
        if _resource_id(kind, rec) == rid:
            return rec
    # The documentation names no code here: the family's not-found code of the resource.
    raise {"transit_router": router_not_found, "tr_attachment": attachment_not_found,
           "tr_route_table": table_not_found}[_TR_TYPES[kind][0]](rid)


def _tag_targets(ctx, p):
    kind = _kind(p["ResourceType"])
    ids = p.get("ResourceId") or []
    if len(ids) > 20:
        raise invalid("ResourceId", "holds at most 20 resource ids")
    return kind, [_lookup(ctx, kind, rid) for rid in ids]


def _resource_id(kind, rec):
    if kind in _TR_TYPES:
        return rec[_TR_TYPES[kind][1]]
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
    kind = _kind(rtype)
    ids = p.get("ResourceId") or []
    if len(ids) > 20:
        raise invalid("ResourceId", "holds at most 20 resource ids")
    check_tag_count(p)
    rows = []
    for rec in sorted(_records(ctx, kind), key=lambda r: r["_order"]):
        rid = _resource_id(kind, rec)
        if ids and rid not in ids:
            continue
        if not tags_match(rec.get("_tags"), p.get("Tag")):
            continue
        for key, value in sorted(rec.get("_tags", {}).items()):
            rows.append({"ResourceId": rid, "ResourceType": rtype, "TagKey": key, "TagValue": value})
    page = token_page(rows, p, 10, 50, size_key="PageSize")
    return {"TagResources": {"TagResource": page.items}, "NextToken": page.next_token}
