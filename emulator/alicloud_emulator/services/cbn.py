"""Cloud Enterprise Network (CBN 2017-09-12), Basic edition.

CEN instances, child-instance attachments, bandwidth packages and inter-region
bandwidth limits, with the states, rules and error codes of the real service.

States (each transition settles after the world's transition time):

* CEN: ``Creating -> Active``; ModifyCenAttribute ``Modifying -> Active``;
  DeleteCen ``Deleting -> gone``.
* attachment: ``Attaching -> Attached``; DetachCenChildInstance ``Detaching -> gone``.
* bandwidth package: ``Idle`` (free) / ``InUse`` (associated with one CEN); both
  changes are immediate.
* inter-region limit: ``Modifying -> Active``; a limit of 0 ``Modifying -> gone``.

One operation at a time per CEN: while the CEN is ``Modifying``, or one of its
attachments is ``Attaching``/``Detaching``, or one of its limits is
``Modifying``, a further modify/attach/detach/associate/unassociate/limit/delete
on it gets ``Operation.Blocking``. A CEN that is ``Creating`` or ``Deleting``
accepts queries only: ``InvalidOperation.CenInstanceStatus``.

Error codes, and where each comes from (API reference pages, the CEN error
centre, or the codes Terraform's provider matches on):

==============================================  ====  ===================================================
code                                            HTTP  when
==============================================  ====  ===================================================
ParameterCenInstanceId                          400   the CEN does not exist for the caller (Terraform's not-found code)
ParameterBwpInstanceId                          400   the bandwidth package does not exist for the caller
ParameterInstanceId                             400   the child instance is unknown, or not attached to this CEN
ParameterIllegal.ChildInstanceType              400   ChildInstanceType is not VPC, VBR or CCN
IllegalParam.RegionId                           400   ChildInstanceRegionId is not a region
ParameterIllegal.RegionId                       400   a limit's region is not a region
ParameterIllegal.BandwidthLimit                 400   a limit below 0, above the package, or over the package's total
InvalidOperation.CenInstanceStatus              400   the CEN is Creating or Deleting
Operation.Blocking                              400   another operation on the CEN is in progress
InvalidOperation.EnhanceProtectionLevel         400   ModifyCenAttribute asks for ProtectionLevel FULL
Forbbiden.AttachChildInstanceAcrossUid          409   another account's instance without a grant (the service's spelling)
InvalidOperation.ChildInstanceAlreadyAttached   409   the instance is attached to a CEN already
InvalidOperation.ChildInstanceRIAlreadyExist    409   the VPC has router interfaces (Express Connect)
OperationFailed.InvalidVpcStatus                400   the VPC is not Available
InvalidOperation.BwpForGeoSpanAlreadyAssociated 409   the CEN already holds a package for that geographic span
InvalidOperation.BwpInstanceStatus              403   the package is associated (delete, associate) or not with this CEN
InvalidOperation.CenBandwidthLimitsNotZero      400   unassociating while limits remain in the package's span
Forbidden.Release                               403   deleting a PREPAY package inside its term
UnSupported.ChargeType                          400   a charge type other than PREPAY / POSTPAY
InvalidTagKey / InvalidTagValue                 400   a tag breaks the length or reserved-prefix rules
InvalidParameter                                400   any other invalid value (the generic validation code)
==============================================  ====  ===================================================

Two refusals have no code in the public documentation, so they use the
service's own naming pattern: DeleteCen with attachments left gets
``InvalidOperation.AttachedChildInstanceExist`` (the code the service answers
for the same situation on a transit router) and DeleteCen with a bandwidth
package still associated gets ``InvalidOperation.CenBandwidthPackageAssociated``.
SetCenInterRegionBandwidthLimit without a package for the span gets
``InvalidParameter`` with a message that says so. Where the documentation gives
no HTTP status (the ``Parameter*`` not-found codes, ``Operation.Blocking``) the
emulator answers 400, as Terraform's handling of those codes implies (they are
not treated as 404s).
"""

import calendar
import time

from alicloud_emulator.errors import ApiError, invalid, missing
from alicloud_emulator.registry import action
from alicloud_emulator.seed import geo
from alicloud_emulator.services.vpc import REGION_NAMES, default_resource_group, owned

# The collection's plugins/module_utils/geo.py: regions, areas and spans live there only.
GEO = geo()

CHILD_TYPES = {"VPC": "vpc", "VBR": "vbr", "CCN": "ccn"}
GRANT_PRODUCT_TYPES = ("VPC", "VBR", "CCN", "VPN")
# DescribeGrantRulesToResource names products differently: ExpressConnect is a VBR.
RESOURCE_PRODUCT_TYPES = {"VPC": "VPC", "ExpressConnect": "VBR", "VPN": "VPN", "ECR": "ECR"}
TAG_RESOURCE_TABLES = {"cen": "cen", "bandwidthpackage": "cen_bwp"}
MAX_TAGS = 20
MAX_FILTERS = 5
MAX_FILTER_VALUES = 5
RESERVED_TAG_PREFIXES = ("aliyun", "acs:")
BANDWIDTH_MIN, BANDWIDTH_MAX = 2, 10000
PREPAY_PERIODS = {"Month": (1, 2, 3, 6), "Year": (1, 2, 3)}


# ---------------------------------------------------------------------------- errors
def cen_not_found(cen_id):
    return ApiError("ParameterCenInstanceId", "The specified CEN instance %s does not exist." % cen_id, 400)


def bwp_not_found(bwp_id):
    return ApiError("ParameterBwpInstanceId", "The specified bandwidth package %s does not exist." % bwp_id, 400)


def child_not_found(instance_id, why="does not exist"):
    return ApiError("ParameterInstanceId", "The specified child instance %s %s." % (instance_id, why), 400)


def cen_status_error(cen):
    return ApiError(
        "InvalidOperation.CenInstanceStatus",
        "The CEN instance %s is %s; only queries are allowed in this state." % (cen["CenId"], cen["Status"]),
        400,
    )


def blocking(cen_id):
    return ApiError(
        "Operation.Blocking", "Another operation is being performed on CEN instance %s. Try again later." % cen_id, 400
    )


# ---------------------------------------------------------------------------- helpers
def _minute(ts):
    """``YYYY-MM-DDThh:mmZ`` (UTC), the CBN timestamp format."""
    return time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(ts))


def _parse_minute(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%MZ"))


def _add_months(ts, months):
    t = time.gmtime(ts)
    carry, month0 = divmod(t.tm_mon - 1 + months, 12)
    year, month = t.tm_year + carry, month0 + 1
    day = min(t.tm_mday, calendar.monthrange(year, month)[1])
    return calendar.timegm((year, month, day, t.tm_hour, t.tm_min, t.tm_sec))


def _stamp(world):
    """A creation sequence number: lists come back in creation order, also after a restart."""
    world.counter += 1
    return world.counter


def _public(record):
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _tags_view(record):
    return {"Tag": [{"Key": k, "Value": v} for k, v in sorted(record.get("_tags", {}).items())]}


def check_text(value, field, max_len):
    """CBN names and descriptions: empty or 1..max_len characters, not starting with http(s)://."""
    if value is None or value == "":
        return
    if len(value) > max_len:
        raise invalid(field, "must be at most %d characters long" % max_len)
    if value.lower().startswith(("http://", "https://")):
        raise invalid(field, "cannot start with http:// or https://")


def check_tags(tags):
    """Tag.N: at most 20, unique keys of 1..64 characters, values up to 128, no reserved prefix."""
    tags = tags or []
    if len(tags) > MAX_TAGS:
        raise invalid("Tag", "holds at most %d tags" % MAX_TAGS)
    seen = set()
    for tag in tags:
        key, value = tag.get("Key"), tag.get("Value") or ""
        if not key or len(key) > 64:
            raise ApiError("InvalidTagKey", "The tag key must be 1 to 64 characters long.", 400)
        if key.lower().startswith(RESERVED_TAG_PREFIXES) or "http://" in key or "https://" in key:
            raise ApiError("InvalidTagKey", "The tag key %s starts with a reserved prefix or holds a URL." % key, 400)
        if len(value) > 128:
            raise ApiError("InvalidTagValue", "The tag value of %s is longer than 128 characters." % key, 400)
        if value.lower().startswith(RESERVED_TAG_PREFIXES) or "http://" in value or "https://" in value:
            raise ApiError(
                "InvalidTagValue", "The tag value of %s starts with a reserved prefix or holds a URL." % key, 400
            )
        if key in seen:
            raise invalid("Tag", "names the key %s twice" % key)
        seen.add(key)
    return {tag["Key"]: tag.get("Value") or "" for tag in tags}


def paging(p):
    """The checked PageNumber (from 1) and PageSize (1..50, default 10)."""
    number = p.get("PageNumber", 1)
    size = p.get("PageSize", 10)
    if number < 1:
        raise invalid("PageNumber", "must be at least 1")
    if not 1 <= size <= 50:
        raise invalid("PageSize", "must be between 1 and 50")
    return number, size


def page_body(items, p, wrapper, member, view=None):
    """A PageNumber/PageSize list answer: one page of ``items`` (each through ``view`` when given) as
    ``{wrapper: {member: [...]}}`` with PageNumber, PageSize and TotalCount."""
    number, size = paging(p)
    shown = items[(number - 1) * size : number * size]
    return {
        wrapper: {member: [view(item) for item in shown] if view else shown},
        "PageNumber": number,
        "PageSize": size,
        "TotalCount": len(items),
    }


def token_page(items, p, size_key, default_size, max_size):
    """NextToken pagination: (page items, next token or "")."""
    token = p.get("NextToken") or "0"
    if not token.isdigit() or int(token) > len(items):
        raise invalid("NextToken", "is not a token this operation returned")
    start = int(token)
    size = p.get(size_key, default_size)
    if not 1 <= size <= max_size:
        raise invalid(size_key, "must be between 1 and %d" % max_size)
    end = start + size
    return items[start:end], (str(end) if end < len(items) else "")


def check_filters(filters, keys):
    """Filter.N.Key/Value.M: at most 5 filters of 5 values each, known keys only."""
    filters = filters or []
    if len(filters) > MAX_FILTERS:
        raise invalid("Filter", "holds at most %d filters" % MAX_FILTERS)
    for flt in filters:
        if flt.get("Key") not in keys:
            raise invalid("Filter.Key", "must be one of %s, not %r" % (", ".join(keys), flt.get("Key")))
        if len(flt.get("Value") or []) > MAX_FILTER_VALUES:
            raise invalid("Filter.Value", "holds at most %d values" % MAX_FILTER_VALUES)
    return filters


def match_tags(record, wanted):
    """Tag.N filter: the record carries every key, with the value when one is given."""
    have = record.get("_tags", {})
    for tag in wanted or []:
        if tag.get("Key") not in have:
            return False
        if tag.get("Value") and have[tag["Key"]] != tag["Value"]:
            return False
    return True


def order_id(world):
    """A purchase order number: digits, unique in this world."""
    return "%d" % (200000000000000 + int(world.new_id("o", 9)[2:], 36))


# ---------------------------------------------------------------------------- lookups
def own_cen(ctx, cen_id):
    """The caller's CEN ``cen_id`` or ParameterCenInstanceId; other accounts' CENs do not exist for it."""
    return owned(ctx, "cen", cen_id, error=cen_not_found(cen_id))


def own_bwp(ctx, bwp_id):
    return owned(ctx, "cen_bwp", bwp_id, error=bwp_not_found(bwp_id))


def attachments_of(world, cen_id):
    return [a for a in world.table("cen_attachment").values() if a["CenId"] == cen_id]


def limits_of(world, cen_id):
    return [lim for lim in world.table("cen_limit").values() if lim["CenId"] == cen_id]


def packages_of(world, cen_id):
    return [b for b in world.table("cen_bwp").values() if cen_id in b["CenIds"]]


def find_limit(world, cen_id, region_a, region_b):
    """The limit of a region pair, in either order, or None."""
    table = world.table("cen_limit")
    return table.get("%s|%s|%s" % (cen_id, region_a, region_b)) or table.get("%s|%s|%s" % (cen_id, region_b, region_a))


def limit_span(limit):
    return GEO.region_span(limit["LocalRegionId"], limit["OppositeRegionId"])


def package_span(bwp):
    return GEO.span_of(bwp["GeographicRegionAId"], bwp["GeographicRegionBId"])


def require_mutable(world, cen, exclusive=True):
    """Refuse a write on a CEN in transition: its own Creating/Deleting, or (exclusive) any busy child."""
    if cen["Status"] in ("Creating", "Deleting"):
        raise cen_status_error(cen)
    if not exclusive:
        return
    if cen["Status"] == "Modifying":
        raise blocking(cen["CenId"])
    if any(a["Status"] in ("Attaching", "Detaching") for a in attachments_of(world, cen["CenId"])):
        raise blocking(cen["CenId"])
    if any(lim["Status"] == "Modifying" for lim in limits_of(world, cen["CenId"])):
        raise blocking(cen["CenId"])


# ---------------------------------------------------------------------------- CEN instances
def cen_view(world, cen):
    view = _public(cen)
    view["CenBandwidthPackageIds"] = {
        "CenBandwidthPackageId": sorted(b["CenBandwidthPackageId"] for b in packages_of(world, cen["CenId"]))
    }
    view["Tags"] = _tags_view(cen)
    return view


@action("cbn", "CreateCen", write=True)
def create_cen(ctx, p):
    check_text(p.get("Name"), "Name", 128)
    check_text(p.get("Description"), "Description", 256)
    if p.get("ProtectionLevel", "REDUCED") != "REDUCED":
        raise invalid("ProtectionLevel", "must be REDUCED")
    tags = check_tags(p.get("Tag"))
    world = ctx.world
    cen_id = world.new_id("cen", 18)
    record = {
        "CenId": cen_id,
        "Name": p.get("Name", ""),
        "Description": p.get("Description", ""),
        "ProtectionLevel": "REDUCED",
        "Status": "Creating",
        "CreationTime": _minute(world.now()),
        "Ipv6Level": "DISABLED",
        "ResourceGroupId": default_resource_group(ctx.account),
        "_tags": tags,
        "_order": _stamp(world),
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
    check_text(p.get("Name"), "Name", 128)
    check_text(p.get("Description"), "Description", 256)
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
    if packages_of(world, cen["CenId"]):
        raise ApiError(
            "InvalidOperation.CenBandwidthPackageAssociated",
            "The CEN instance %s still has bandwidth packages associated; unassociate them first." % cen["CenId"],
            400,
        )
    cen["Status"] = "Deleting"
    world.schedule("cen", cen["CenId"], delete=True)
    return {}


@action("cbn", "DescribeCens")
def describe_cens(ctx, p):
    world = ctx.world
    filters = check_filters(p.get("Filter"), ("CenId", "Name"))
    if len(p.get("Tag") or []) > MAX_TAGS:
        raise invalid("Tag", "holds at most %d tags" % MAX_TAGS)
    found = []
    for cen in world.records("cen", account=ctx.account):
        if any(cen.get(f["Key"]) not in (f.get("Value") or []) for f in filters):
            continue
        if p.get("ResourceGroupId") and cen["ResourceGroupId"] != p["ResourceGroupId"]:
            continue
        if not match_tags(cen, p.get("Tag")):
            continue
        found.append(cen)
    found.sort(key=lambda c: c["_order"])
    return page_body(found, p, "Cens", "Cen", lambda c: cen_view(world, c))


# ---------------------------------------------------------------------------- tags
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
    tags = check_tags(p["Tag"])
    if not tags:
        raise missing("Tag.1.Key")
    for rec in targets:
        if kind == "cen":
            require_mutable(ctx.world, rec, exclusive=False)
        if len(dict(rec.get("_tags", {}), **tags)) > MAX_TAGS:
            raise invalid("Tag", "would leave %s with more than %d tags" % (_resource_id(kind, rec), MAX_TAGS))
    for rec in targets:
        rec["_tags"] = dict(rec.get("_tags", {}), **tags)
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
    if len(p.get("Tag") or []) > MAX_TAGS:
        raise invalid("Tag", "holds at most %d tags" % MAX_TAGS)
    rows = []
    for rec in sorted(ctx.world.records(kind, account=ctx.account), key=lambda r: r["_order"]):
        rid = _resource_id(kind, rec)
        if ids and rid not in ids:
            continue
        if not match_tags(rec, p.get("Tag")):
            continue
        for key, value in sorted(rec.get("_tags", {}).items()):
            rows.append({"ResourceId": rid, "ResourceType": rtype, "TagKey": key, "TagValue": value})
    items, next_token = token_page(rows, p, "PageSize", 10, 50)
    return {"TagResources": {"TagResource": items}, "NextToken": next_token}


# ---------------------------------------------------------------------------- attachments
def attachment_view(att):
    view = _public(att)
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
    if GEO.area_of(region) is None:
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
            "ChildInstanceAttachTime": _minute(world.now()),
            "Status": "Attaching",
            "_order": _stamp(world),
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
    regions = [{"RegionId": rid, "LocalName": REGION_NAMES.get(rid, (rid, rid))[column]} for rid in sorted(GEO.REGIONS)]
    return {"Regions": {"Region": regions}}


# ---------------------------------------------------------------------------- grants (CEN side)
def _grant_time(grant):
    """A grant's CreationTime (``YYYY-MM-DDThh:mm:ssZ``, as the VPC service writes it) in epoch seconds."""
    return calendar.timegm(time.strptime(grant["CreationTime"], "%Y-%m-%dT%H:%M:%SZ"))


@action("cbn", "DescribeGrantRulesToCen")
def describe_grant_rules_to_cen(ctx, p):
    world = ctx.world
    cen = own_cen(ctx, p["CenId"])
    product = p["ProductType"]
    if product not in GRANT_PRODUCT_TYPES:
        raise invalid("ProductType", "must be one of %s" % ", ".join(GRANT_PRODUCT_TYPES))
    found = []
    for grant in world.table("grant").values():
        if grant["CenId"] != cen["CenId"] or str(grant["CenOwnerId"]) != ctx.account:
            continue
        if grant["ChildInstanceType"] != product:
            continue
        if p.get("ChildInstanceId") and grant["ChildInstanceId"] != p["ChildInstanceId"]:
            continue
        if p.get("ChildInstanceOwnerId") is not None and str(grant["ChildInstanceOwnerId"]) != str(
            p["ChildInstanceOwnerId"]
        ):
            continue
        if p.get("RegionId") and grant["ChildInstanceRegionId"] != p["RegionId"]:
            continue
        if p.get("EnabledIpv6") and product == "VPC":
            # The VPC service refuses IPv6 (OperationUnsupported.Ipv6Feature): no VPC here has it enabled.
            continue
        found.append(grant)
    found.sort(key=lambda g: (_grant_time(g), g["ChildInstanceId"]))
    rules = [
        {
            "CenId": g["CenId"],
            "CenOwnerId": int(g["CenOwnerId"]),
            "ChildInstanceId": g["ChildInstanceId"],
            "ChildInstanceOwnerId": int(g["ChildInstanceOwnerId"]),
            "ChildInstanceRegionId": g["ChildInstanceRegionId"],
            "ChildInstanceType": g["ChildInstanceType"],
            "CreateTime": int(_grant_time(g) * 1000),
            "OrderType": "PayByCenOwner",
            "EffectiveOrderType": "PayByCenOwner",
        }
        for g in found
    ]
    if p.get("MaxResults") is None and not p.get("NextToken"):
        return {"GrantRules": {"GrantRule": rules}, "MaxResults": len(rules), "NextToken": "", "TotalCount": len(rules)}
    items, next_token = token_page(rules, p, "MaxResults", 20, 100)
    return {
        "GrantRules": {"GrantRule": items},
        "MaxResults": len(items),
        "NextToken": next_token,
        "TotalCount": len(rules),
    }


@action("cbn", "DescribeGrantRulesToResource")
def describe_grant_rules_to_resource(ctx, p):
    product = p["ProductType"]
    if product not in RESOURCE_PRODUCT_TYPES:
        raise invalid("ProductType", "must be one of %s" % ", ".join(sorted(RESOURCE_PRODUCT_TYPES)))
    found = []
    for grant in ctx.world.table("grant").values():
        if grant["ChildInstanceId"] != p["ResourceId"] or str(grant["ChildInstanceOwnerId"]) != ctx.account:
            continue
        if grant["ChildInstanceType"] != RESOURCE_PRODUCT_TYPES[product]:
            continue
        if p.get("RegionId") and grant["ChildInstanceRegionId"] != p["RegionId"]:
            continue
        found.append(grant)
    found.sort(key=lambda g: (_grant_time(g), g["CenId"]))
    rules = [
        {
            "CenId": g["CenId"],
            "CenOwnerId": int(g["CenOwnerId"]),
            "CreateTime": g["CreationTime"],
            "OrderType": "PayByCenOwner",
            "EffectiveOrderType": "PayByCenOwner",
        }
        for g in found
    ]
    if p.get("MaxResults") is None and not p.get("NextToken"):
        return {"GrantRules": rules, "MaxResults": len(rules), "NextToken": "", "TotalCount": len(rules)}
    items, next_token = token_page(rules, p, "MaxResults", 20, 100)
    return {"GrantRules": items, "MaxResults": len(items), "NextToken": next_token, "TotalCount": len(rules)}


# ---------------------------------------------------------------------------- bandwidth packages
def area_param(p, field):
    area = GEO.normalize_area(p.get(field))
    if area is None:
        raise invalid(field, "must be one of %s" % ", ".join(GEO.AREAS))
    return area


def check_bandwidth(value, field="Bandwidth"):
    if not BANDWIDTH_MIN <= value <= BANDWIDTH_MAX:
        raise invalid(field, "must be between %d and %d Mbit/s" % (BANDWIDTH_MIN, BANDWIDTH_MAX))


def package_limits(world, bwp):
    """The inter-region limits a package pays for: its CEN's limits in its span."""
    if not bwp["CenIds"]:
        return []
    span = package_span(bwp)
    return [lim for lim in limits_of(world, bwp["CenIds"][0]) if limit_span(lim) == span]


def bwp_view(world, bwp, with_reservation):
    view = _public(bwp)
    view["CenIds"] = {"CenId": list(bwp["CenIds"])}
    view["OrginInterRegionBandwidthLimits"] = {
        "OrginInterRegionBandwidthLimit": [
            {
                "LocalRegionId": lim["LocalRegionId"],
                "OppositeRegionId": lim["OppositeRegionId"],
                "BandwidthLimit": str(lim["BandwidthLimit"]),
                "GeographicSpanId": lim["GeographicSpanId"],
            }
            for lim in sorted(package_limits(world, bwp), key=lambda x: (x["LocalRegionId"], x["OppositeRegionId"]))
        ]
    }
    view["Tags"] = _tags_view(bwp)
    if with_reservation:
        # No renewal is ever scheduled in the emulator, so there is never reservation data.
        view["HasReservationData"] = "false"
    return view


@action("cbn", "CreateCenBandwidthPackage", write=True)
def create_cen_bandwidth_package(ctx, p):
    world = ctx.world
    check_bandwidth(p["Bandwidth"])
    area_a, area_b = area_param(p, "GeographicRegionAId"), area_param(p, "GeographicRegionBId")
    charge = p.get("BandwidthPackageChargeType", "POSTPAY")
    if charge not in ("PREPAY", "POSTPAY"):
        raise ApiError(
            "UnSupported.ChargeType", "The charge type %s is not supported; use PREPAY or POSTPAY." % charge, 400
        )
    name = p.get("Name")
    check_text(name, "Name", 128)
    check_text(p.get("Description"), "Description", 256)
    tags = check_tags(p.get("Tag"))
    now = world.now()
    record = {
        "Bandwidth": p["Bandwidth"],
        "BandwidthPackageChargeType": charge,
        "BusinessStatus": "Normal",
        "CenIds": [],
        "CreationTime": _minute(now),
        "Description": p.get("Description", ""),
        "GeographicRegionAId": area_a.lower(),
        "GeographicRegionBId": area_b.lower(),
        "GeographicSpanId": GEO.span_id(area_a, area_b),
        "IsCrossBorder": (area_a == GEO.CHINA) != (area_b == GEO.CHINA),
        "Name": name or "",
        "ResourceGroupId": default_resource_group(ctx.account),
        "Status": "Idle",
        "_tags": tags,
        "_order": _stamp(world),
    }
    if charge == "PREPAY":
        cycle = p.get("PricingCycle", "Month")
        if cycle not in PREPAY_PERIODS:
            raise invalid("PricingCycle", "must be Month or Year")
        period = p.get("Period", 1)
        if period not in PREPAY_PERIODS[cycle]:
            raise invalid(
                "Period",
                "must be one of %s when PricingCycle is %s" % (", ".join(str(n) for n in PREPAY_PERIODS[cycle]), cycle),
            )
        months = period * (12 if cycle == "Year" else 1)
        record.update(
            {
                "PricingCycle": cycle,
                "Period": period,
                "AutoRenew": bool(p.get("AutoRenew", False)),
                "ExpiredTime": _minute(_add_months(now, months)),
            }
        )
    bwp_id = world.new_id("cenbwp", 17)
    record["CenBandwidthPackageId"] = bwp_id
    world.put("cen_bwp", bwp_id, record, ctx.account)
    return {"CenBandwidthPackageId": bwp_id, "CenBandwidthPackageOrderId": order_id(world)}


@action("cbn", "ModifyCenBandwidthPackageAttribute", write=True)
def modify_cen_bandwidth_package_attribute(ctx, p):
    bwp = own_bwp(ctx, p["CenBandwidthPackageId"])
    check_text(p.get("Name"), "Name", 128)
    check_text(p.get("Description"), "Description", 256)
    for field in ("Name", "Description"):
        if field in p:
            bwp[field] = p[field]
    return {}


@action("cbn", "ModifyCenBandwidthPackageSpec", write=True)
def modify_cen_bandwidth_package_spec(ctx, p):
    bwp = own_bwp(ctx, p["CenBandwidthPackageId"])
    if p.get("Bandwidth") is None:
        raise missing("Bandwidth")
    check_bandwidth(p["Bandwidth"])
    allocated = sum(lim["BandwidthLimit"] for lim in package_limits(ctx.world, bwp))
    if p["Bandwidth"] < allocated:
        raise invalid("Bandwidth", "cannot go below the %d Mbit/s already allocated to inter-region limits" % allocated)
    bwp["Bandwidth"] = p["Bandwidth"]
    return {}


@action("cbn", "DeleteCenBandwidthPackage", write=True)
def delete_cen_bandwidth_package(ctx, p):
    world = ctx.world
    bwp = own_bwp(ctx, p["CenBandwidthPackageId"])
    if bwp["CenIds"]:
        raise ApiError(
            "InvalidOperation.BwpInstanceStatus",
            "The bandwidth package %s is associated with %s; unassociate it first."
            % (bwp["CenBandwidthPackageId"], bwp["CenIds"][0]),
            403,
        )
    if bwp["BandwidthPackageChargeType"] == "PREPAY" and world.now() < _parse_minute(bwp["ExpiredTime"]):
        raise ApiError(
            "Forbidden.Release",
            "A PREPAY bandwidth package cannot be released before it expires (%s)." % bwp["ExpiredTime"],
            403,
        )
    world.delete("cen_bwp", bwp["CenBandwidthPackageId"])
    return {}


@action("cbn", "AssociateCenBandwidthPackage", write=True)
def associate_cen_bandwidth_package(ctx, p):
    world = ctx.world
    cen = own_cen(ctx, p["CenId"])
    bwp = own_bwp(ctx, p["CenBandwidthPackageId"])
    require_mutable(world, cen)
    if bwp["CenIds"]:
        raise ApiError(
            "InvalidOperation.BwpInstanceStatus",
            "The bandwidth package %s is already associated with %s."
            % (bwp["CenBandwidthPackageId"], bwp["CenIds"][0]),
            403,
        )
    span = package_span(bwp)
    for other in packages_of(world, cen["CenId"]):
        if package_span(other) == span:
            raise ApiError(
                "InvalidOperation.BwpForGeoSpanAlreadyAssociated",
                "CEN instance %s already holds bandwidth package %s for the span %s."
                % (cen["CenId"], other["CenBandwidthPackageId"], other["GeographicSpanId"]),
                409,
            )
    bwp["CenIds"] = [cen["CenId"]]
    bwp["Status"] = "InUse"
    return {}


@action("cbn", "UnassociateCenBandwidthPackage", write=True)
def unassociate_cen_bandwidth_package(ctx, p):
    world = ctx.world
    cen = own_cen(ctx, p["CenId"])
    bwp = own_bwp(ctx, p["CenBandwidthPackageId"])
    if cen["CenId"] not in bwp["CenIds"]:
        raise ApiError(
            "InvalidOperation.BwpInstanceStatus",
            "The bandwidth package %s is not associated with CEN instance %s."
            % (bwp["CenBandwidthPackageId"], cen["CenId"]),
            403,
        )
    require_mutable(world, cen, exclusive=False)
    if package_limits(world, bwp):
        raise ApiError(
            "InvalidOperation.CenBandwidthLimitsNotZero",
            "Inter-region bandwidth limits in the span %s remain; set them to 0 first." % bwp["GeographicSpanId"],
            400,
        )
    require_mutable(world, cen)
    bwp["CenIds"] = []
    bwp["Status"] = "Idle"
    return {}


@action("cbn", "DescribeCenBandwidthPackages")
def describe_cen_bandwidth_packages(ctx, p):
    world = ctx.world
    keys = ("CenBandwidthPackageId", "Name", "Status", "CenId")
    filters = check_filters(p.get("Filter"), keys)
    if len(p.get("Tag") or []) > MAX_TAGS:
        raise invalid("Tag", "holds at most %d tags" % MAX_TAGS)

    def passes(bwp, flt):
        values = flt.get("Value") or []
        if flt["Key"] == "CenId":
            return any(cen_id in values for cen_id in bwp["CenIds"])
        return bwp[flt["Key"]] in values

    found = []
    for bwp in world.records("cen_bwp", account=ctx.account):
        results = [passes(bwp, flt) for flt in filters]
        if results and not (any(results) if p.get("IsOrKey") else all(results)):
            continue
        if p.get("ResourceGroupId") and bwp["ResourceGroupId"] != p["ResourceGroupId"]:
            continue
        if not match_tags(bwp, p.get("Tag")):
            continue
        found.append(bwp)
    found.sort(key=lambda b: b["_order"])
    with_reservation = bool(p.get("IncludeReservationData"))
    return page_body(
        found, p, "CenBandwidthPackages", "CenBandwidthPackage", lambda b: bwp_view(world, b, with_reservation)
    )


# ---------------------------------------------------------------------------- geography
def all_spans():
    spans = []
    for i, area_a in enumerate(GEO.AREAS):
        for area_b in GEO.AREAS[i:]:
            spans.append(GEO.span_of(area_a, area_b))
    return spans


@action("cbn", "DescribeCenGeographicSpans")
def describe_cen_geographic_spans(ctx, p):
    models = [
        {"GeographicSpanId": GEO.span_id(a, b), "LocalGeoRegionId": a.lower(), "OppositeGeoRegionId": b.lower()}
        for a, b in all_spans()
    ]
    if p.get("GeographicSpanId"):
        models = [m for m in models if m["GeographicSpanId"] == p["GeographicSpanId"]]
    return page_body(models, p, "GeographicSpanModels", "GeographicSpanModel")


@action("cbn", "DescribeCenGeographicSpanRemainingBandwidth")
def describe_cen_geographic_span_remaining_bandwidth(ctx, p):
    cen = own_cen(ctx, p["CenId"])
    span = GEO.span_of(area_param(p, "GeographicRegionAId"), area_param(p, "GeographicRegionBId"))
    paging(p)
    for bwp in packages_of(ctx.world, cen["CenId"]):
        if package_span(bwp) == span:
            used = sum(lim["BandwidthLimit"] for lim in package_limits(ctx.world, bwp))
            return {"RemainingBandwidth": bwp["Bandwidth"] - used}
    return {"RemainingBandwidth": 0}


@action("cbn", "DescribeGeographicRegionMembership")
def describe_geographic_region_membership(ctx, p):
    area = GEO.normalize_area(p["GeographicRegionId"])
    if area is None:
        raise invalid("GeographicRegionId", "must be one of %s" % ", ".join(a.lower() for a in GEO.AREAS))
    regions = [{"RegionId": rid} for rid in sorted(GEO.REGIONS) if GEO.REGIONS[rid] == area]
    return page_body(regions, p, "RegionIds", "RegionId")


# ---------------------------------------------------------------------------- inter-region limits
def limit_region(p, field):
    region = p[field]
    if GEO.area_of(region) is None:
        raise ApiError("ParameterIllegal.RegionId", "%s %s is not a region CEN serves." % (field, region), 400)
    return region


@action("cbn", "SetCenInterRegionBandwidthLimit", write=True)
def set_cen_inter_region_bandwidth_limit(ctx, p):
    world = ctx.world
    cen = own_cen(ctx, p["CenId"])
    local, opposite = limit_region(p, "LocalRegionId"), limit_region(p, "OppositeRegionId")
    if local == opposite:
        raise invalid("OppositeRegionId", "must differ from LocalRegionId")
    if p.get("BandwidthType", "BandwidthPackage") != "BandwidthPackage":
        raise invalid("BandwidthType", "must be BandwidthPackage")
    limit_value = p["BandwidthLimit"]
    if limit_value < 0:
        raise ApiError("ParameterIllegal.BandwidthLimit", "BandwidthLimit cannot be negative.", 400)
    require_mutable(world, cen)
    existing = find_limit(world, cen["CenId"], local, opposite)
    if limit_value == 0:
        if existing is not None:
            existing["Status"] = "Modifying"
            world.schedule(
                "cen_limit",
                "%s|%s|%s" % (existing["CenId"], existing["LocalRegionId"], existing["OppositeRegionId"]),
                delete=True,
            )
        return {}
    span = GEO.region_span(local, opposite)
    bwp = next((b for b in packages_of(world, cen["CenId"]) if package_span(b) == span), None)
    if bwp is None:
        raise invalid("CenId", "has no bandwidth package associated for the span %s" % GEO.span_id(*span))
    if limit_value > bwp["Bandwidth"]:
        raise ApiError(
            "ParameterIllegal.BandwidthLimit",
            "BandwidthLimit %d exceeds the %d Mbit/s of bandwidth package %s."
            % (limit_value, bwp["Bandwidth"], bwp["CenBandwidthPackageId"]),
            400,
        )
    others = sum(lim["BandwidthLimit"] for lim in package_limits(world, bwp) if lim is not existing)
    if others + limit_value > bwp["Bandwidth"]:
        raise ApiError(
            "ParameterIllegal.BandwidthLimit",
            "The limits of bandwidth package %s would total %d Mbit/s, more than its %d Mbit/s."
            % (bwp["CenBandwidthPackageId"], others + limit_value, bwp["Bandwidth"]),
            400,
        )
    if existing is None:
        key = "%s|%s|%s" % (cen["CenId"], local, opposite)
        existing = world.put(
            "cen_limit",
            key,
            {
                "CenId": cen["CenId"],
                "LocalRegionId": local,
                "OppositeRegionId": opposite,
                "GeographicSpanId": GEO.span_id(*span),
                "BandwidthPackageId": bwp["CenBandwidthPackageId"],
                "BandwidthType": "BandwidthPackage",
            },
            cen["_account"],
        )
    else:
        key = "%s|%s|%s" % (existing["CenId"], existing["LocalRegionId"], existing["OppositeRegionId"])
    existing["BandwidthLimit"] = limit_value
    existing["Status"] = "Modifying"
    world.schedule("cen_limit", key, set_fields={"Status": "Active"})
    return {}


@action("cbn", "DescribeCenInterRegionBandwidthLimits")
def describe_cen_inter_region_bandwidth_limits(ctx, p):
    world = ctx.world
    if p.get("CenId"):
        found = limits_of(world, own_cen(ctx, p["CenId"])["CenId"])
    else:
        found = world.records("cen_limit", account=ctx.account)
    region = p.get("TrRegionId")
    if region:
        found = [lim for lim in found if region in (lim["LocalRegionId"], lim["OppositeRegionId"])]
    found.sort(key=lambda lim: (lim["CenId"], lim["LocalRegionId"], lim["OppositeRegionId"]))
    return page_body(found, p, "CenInterRegionBandwidthLimits", "CenInterRegionBandwidthLimit", _public)
