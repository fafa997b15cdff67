"""What the CBN resource kinds share: errors, lookups, the one-operation-at-a-time rule,
timestamps and the service's tag and filter rules.
"""

import time

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.services.common import TagRules, check_filters, owned, tag_list

# Tag rules of CBN: keys of at most 64 characters; too many or repeated keys are InvalidParameter.
TAGS = TagRules(key_length=64, too_many="InvalidParameter", duplicate="InvalidParameter")


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
def minute(ts):
    """``YYYY-MM-DDThh:mmZ`` (UTC), the CBN timestamp format."""
    return time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(ts))


def stamp(world):
    """A creation sequence number: lists come back in creation order, also after a restart."""
    world.counter += 1
    return world.counter


def tags_view(record):
    return {"Tag": tag_list(record.get("_tags"))}


def _unknown_filter_key(keys):
    return lambda _index, key: invalid("Filter.Key", "must be one of %s, not %r" % (", ".join(keys), key))


def filters_of(p, keys):
    """The checked ``Filter.N`` of a request: at most 5 filters of at most 5 values, known keys only."""
    return check_filters(p.get("Filter"), keys, _unknown_filter_key(keys), max_values=5)


def check_tag_count(p):
    """A Tag.N filter holds at most 20 tags."""
    if len(p.get("Tag") or []) > 20:
        raise invalid("Tag", "holds at most 20 tags")


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
    return geography.region_span(limit["LocalRegionId"], limit["OppositeRegionId"])


def package_span(bwp):
    return geography.span_of(bwp["GeographicRegionAId"], bwp["GeographicRegionBId"])


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
