"""Tags of the VPC service (VPC 2016-04-28): TagResources, UnTagResources, ListTagResources
for VPCs, vSwitches and route tables, and their ...ForExpressConnect twins for router
interfaces and VBRs.
"""

from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import check_tags, merged_tags, owned, tags_match, token_page
from alicloud_emulator.services.vpc.shared import TAGS, check_region, tag_resource_ids, untag_keys

# Resource types -> table (and the field that holds a record's id).
VPC_TAG_TYPES = {"VPC": "vpc", "VSWITCH": "vswitch", "ROUTETABLE": "route_table"}
EXPRESS_CONNECT_TAG_TYPES = {"ROUTERINTERFACE": "router_interface", "VIRTUALBORDERROUTER": "vbr"}
ID_FIELDS = {
    "vpc": "VpcId",
    "route_table": "RouteTableId",
    "router_interface": "RouterInterfaceId",
    "vbr": "VbrId",
    "vswitch": "VSwitchId",
}


def tag_kind(p, types):
    """The region-checked ``(resource type, table)`` a tag call names."""
    check_region(p["RegionId"])
    resource_type = (p.get("ResourceType") or "").upper()
    kind = types.get(resource_type)
    if kind is None:
        raise ApiError("InvalidInstanceType.NotFound", "The instance type is not found.", 400)
    return resource_type, kind


def tag_targets(ctx, p, types):
    """The caller's records named by a tag call."""
    _type, kind = tag_kind(p, types)
    recs = []
    for rid in tag_resource_ids(p):
        rec = owned(ctx, kind, rid, p["RegionId"])
        if rec is None:
            raise ApiError("InvalidInstanceIds.NotFound", "The instance IDs are not found.", 400)
        recs.append(rec)
    return recs


def tag(ctx, p, types):
    recs = tag_targets(ctx, p, types)
    tags = check_tags(p["Tag"], TAGS)
    merged = [merged_tags(rec.get("_tags"), tags, TAGS.too_many) for rec in recs]
    for rec, new in zip(recs, merged):
        rec["_tags"] = new
    return {}


def untag(ctx, p, types):
    recs = tag_targets(ctx, p, types)
    keys = untag_keys(p)
    for rec in recs:
        if p.get("All"):
            rec["_tags"] = {}
        else:
            rec["_tags"] = {k: v for k, v in (rec.get("_tags") or {}).items() if k not in keys}
    return {}


def list_tags(ctx, p, types):
    resource_type, kind = tag_kind(p, types)
    ids = tag_resource_ids(p, listing=True)
    wanted = p.get("Tag") or []
    check_tags(wanted, TAGS)
    rows = []
    for rec in ctx.world.records(kind, ctx.account, p["RegionId"]):
        rid = rec[ID_FIELDS[kind]]
        if ids and rid not in ids:
            continue
        if not tags_match(rec.get("_tags"), wanted):
            continue
        for key, value in sorted((rec.get("_tags") or {}).items()):
            rows.append({"ResourceId": rid, "ResourceType": resource_type, "TagKey": key, "TagValue": value})
    page = token_page(rows, p, 50, 50, token_code="IllegalParam.NextToken")
    return {"TagResources": {"TagResource": page.items}, "NextToken": page.next_token}


@action("vpc", "TagResources", write=True)
def tag_resources(ctx, p):
    return tag(ctx, p, VPC_TAG_TYPES)


@action("vpc", "UnTagResources", write=True)
def untag_resources(ctx, p):
    return untag(ctx, p, VPC_TAG_TYPES)


@action("vpc", "ListTagResources")
def list_tag_resources(ctx, p):
    return list_tags(ctx, p, VPC_TAG_TYPES)


@action("vpc", "TagResourcesForExpressConnect", write=True)
def tag_resources_for_express_connect(ctx, p):
    return tag(ctx, p, EXPRESS_CONNECT_TAG_TYPES)


@action("vpc", "UntagResourcesForExpressConnect", write=True)
def untag_resources_for_express_connect(ctx, p):
    return untag(ctx, p, EXPRESS_CONNECT_TAG_TYPES)


@action("vpc", "ListTagResourcesForExpressConnect")
def list_tag_resources_for_express_connect(ctx, p):
    return list_tags(ctx, p, EXPRESS_CONNECT_TAG_TYPES)
