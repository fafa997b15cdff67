"""Inter-region bandwidth limits (CBN 2017-09-12): SetCenInterRegionBandwidthLimit,
DescribeCenInterRegionBandwidthLimits.

A limit is paid for by the CEN's package for the regions' span: ``Modifying -> Active``;
a limit of 0 ``Modifying -> gone``.
"""

from alicloud_emulator import geography
from alicloud_emulator.errors import ApiError, invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import page_body, public
from alicloud_emulator.services.cbn.bandwidth_packages import package_used
from alicloud_emulator.services.cbn.shared import (
    find_limit,
    limits_of,
    own_cen,
    package_span,
    packages_of,
    require_mutable,
)


def limit_region(p, field):
    region = p[field]
    if geography.area_of(region) is None:
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
    span = geography.region_span(local, opposite)
    bwp = next((b for b in packages_of(world, cen["CenId"]) if package_span(b) == span), None)
    if bwp is None:
        raise invalid("CenId", "has no bandwidth package associated for the span %s" % geography.span_id(*span))
    if limit_value > bwp["Bandwidth"]:
        raise ApiError(
            "ParameterIllegal.BandwidthLimit",
            "BandwidthLimit %d exceeds the %d Mbit/s of bandwidth package %s."
            % (limit_value, bwp["Bandwidth"], bwp["CenBandwidthPackageId"]),
            400,
        )
    others = package_used(world, bwp, skip=existing)
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
                "GeographicSpanId": geography.span_id(*span),
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
    return page_body(found, p, "CenInterRegionBandwidthLimits", "CenInterRegionBandwidthLimit", public)
