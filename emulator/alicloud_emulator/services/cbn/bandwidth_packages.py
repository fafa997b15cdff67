"""Bandwidth packages (CBN 2017-09-12): Create, ModifyAttribute, ModifySpec, Delete,
Associate, Unassociate, DescribeCenBandwidthPackages.

A package covers one span between two geographic areas; it is ``Idle`` (free) or
``InUse`` (associated with one CEN, which holds one package per span); both changes are
immediate. A PREPAY package cannot be deleted inside its term.
"""

import calendar
import time

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, invalid, missing
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
    check_tag_count,
    filters_of,
    limit_span,
    limits_of,
    minute,
    order_id,
    own_bwp,
    own_cen,
    package_span,
    packages_of,
    require_mutable,
    stamp,
    tags_view,
)

BANDWIDTH_MIN, BANDWIDTH_MAX = 2, 10000
PREPAY_PERIODS = {"Month": (1, 2, 3, 6), "Year": (1, 2, 3)}


def parse_minute(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%MZ"))


def add_months(ts, months):
    t = time.gmtime(ts)
    carry, month0 = divmod(t.tm_mon - 1 + months, 12)
    year, month = t.tm_year + carry, month0 + 1
    day = min(t.tm_mday, calendar.monthrange(year, month)[1])
    return calendar.timegm((year, month, day, t.tm_hour, t.tm_min, t.tm_sec))


def area_param(p, field):
    area = geography.normalize_area(p.get(field))
    if area is None:
        raise invalid(field, "must be one of %s" % ", ".join(geography.AREAS))
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


def package_used(world, bwp, skip=None):
    """The Mbit/s a package has handed out: its CEN's inter-region limits in its span and the
    transit-router inter-region attachments that draw on it (``skip``: a record to leave out)."""
    limits = sum(lim["BandwidthLimit"] for lim in package_limits(world, bwp) if lim is not skip)
    peers = sum(
        att["Bandwidth"]
        for att in world.table("tr_attachment").values()
        if att.get("CenBandwidthPackageId") == bwp["CenBandwidthPackageId"] and att is not skip
    )
    return limits + peers


def bwp_view(world, bwp, with_reservation):
    view = public(bwp)
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
    view["Tags"] = tags_view(bwp)
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
    check_text(name, "Name", 128, low=0)
    check_text(p.get("Description"), "Description", 256, low=0)
    tags = check_tags(p.get("Tag"), TAGS)
    now = world.now()
    record = {
        "Bandwidth": p["Bandwidth"],
        "BandwidthPackageChargeType": charge,
        "BusinessStatus": "Normal",
        "CenIds": [],
        "CreationTime": minute(now),
        "Description": p.get("Description", ""),
        "GeographicRegionAId": area_a.lower(),
        "GeographicRegionBId": area_b.lower(),
        "GeographicSpanId": geography.span_id(area_a, area_b),
        "IsCrossBorder": (area_a == geography.CHINA) != (area_b == geography.CHINA),
        "Name": name or "",
        "ResourceGroupId": default_resource_group(ctx.account),
        "Status": "Idle",
        "_tags": tags,
        "_order": stamp(world),
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
                "ExpiredTime": minute(add_months(now, months)),
            }
        )
    bwp_id = world.new_id("cenbwp", 17)
    record["CenBandwidthPackageId"] = bwp_id
    world.put("cen_bwp", bwp_id, record, ctx.account)
    return {"CenBandwidthPackageId": bwp_id, "CenBandwidthPackageOrderId": order_id(world)}


@action("cbn", "ModifyCenBandwidthPackageAttribute", write=True)
def modify_cen_bandwidth_package_attribute(ctx, p):
    bwp = own_bwp(ctx, p["CenBandwidthPackageId"])
    check_text(p.get("Name"), "Name", 128, low=0)
    check_text(p.get("Description"), "Description", 256, low=0)
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
    allocated = package_used(ctx.world, bwp)
    if p["Bandwidth"] < allocated:
        raise invalid("Bandwidth", "cannot go below the %d Mbit/s already allocated to inter-region connections" % allocated)
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
    if bwp["BandwidthPackageChargeType"] == "PREPAY" and world.now() < parse_minute(bwp["ExpiredTime"]):
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
    if package_used(world, bwp):
        raise ApiError(
            "InvalidOperation.CenBandwidthLimitsNotZero",
            "Inter-region bandwidth limits or transit-router connections in the span %s still use the package; "
            "set them to 0 or delete them first." % bwp["GeographicSpanId"],
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
    filters = filters_of(p, keys)
    check_tag_count(p)

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
        if not tags_match(bwp.get("_tags"), p.get("Tag")):
            continue
        found.append(bwp)
    found.sort(key=lambda b: b["_order"])
    with_reservation = bool(p.get("IncludeReservationData"))
    return page_body(
        found, p, "CenBandwidthPackages", "CenBandwidthPackage", lambda b: bwp_view(world, b, with_reservation)
    )
