"""Geography (CBN 2017-09-12): DescribeCenGeographicSpans,
DescribeCenGeographicSpanRemainingBandwidth, DescribeGeographicRegionMembership.
"""

from alicloud_emulator import geography
from alicloud_emulator.errors import invalid
from alicloud_emulator.registry import action
from alicloud_emulator.services.common import page_body, page_numbers
from alicloud_emulator.services.cbn.bandwidth_packages import area_param, package_used
from alicloud_emulator.services.cbn.shared import own_cen, package_span, packages_of


def all_spans():
    spans = []
    for i, area_a in enumerate(geography.AREAS):
        for area_b in geography.AREAS[i:]:
            spans.append(geography.span_of(area_a, area_b))
    return spans


@action("cbn", "DescribeCenGeographicSpans")
def describe_cen_geographic_spans(ctx, p):
    models = [
        {"GeographicSpanId": geography.span_id(a, b), "LocalGeoRegionId": a.lower(), "OppositeGeoRegionId": b.lower()}
        for a, b in all_spans()
    ]
    if p.get("GeographicSpanId"):
        models = [m for m in models if m["GeographicSpanId"] == p["GeographicSpanId"]]
    return page_body(models, p, "GeographicSpanModels", "GeographicSpanModel")


@action("cbn", "DescribeCenGeographicSpanRemainingBandwidth")
def describe_cen_geographic_span_remaining_bandwidth(ctx, p):
    cen = own_cen(ctx, p["CenId"])
    span = geography.span_of(area_param(p, "GeographicRegionAId"), area_param(p, "GeographicRegionBId"))
    page_numbers(p)
    for bwp in packages_of(ctx.world, cen["CenId"]):
        if package_span(bwp) == span:
            used = package_used(ctx.world, bwp)
            return {"RemainingBandwidth": bwp["Bandwidth"] - used}
    return {"RemainingBandwidth": 0}


@action("cbn", "DescribeGeographicRegionMembership")
def describe_geographic_region_membership(ctx, p):
    area = geography.normalize_area(p["GeographicRegionId"])
    if area is None:
        raise invalid("GeographicRegionId", "must be one of %s" % ", ".join(a.lower() for a in geography.AREAS))
    regions = [{"RegionId": rid} for rid in sorted(geography.REGIONS) if geography.REGIONS[rid] == area]
    return page_body(regions, p, "RegionIds", "RegionId")
