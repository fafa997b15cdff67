"""DescribeRegions (VPC 2016-04-28): the regions of the emulator's table, named in English or Chinese."""

from alicloud_emulator import geography
from alicloud_emulator.registry import action


@action("vpc", "DescribeRegions")
def describe_regions(ctx, p):
    english = (p.get("AcceptLanguage") or "zh-CN").lower().startswith("en")
    regions = []
    for region in geography.REGIONS:
        names = geography.REGION_NAMES.get(region, (region, region))
        regions.append(
            {
                "RegionId": region,
                "LocalName": names[0] if english else names[1],
                "RegionEndpoint": "vpc.aliyuncs.com" if region == "cn-hangzhou" else "vpc.%s.aliyuncs.com" % region,
            }
        )
    return {"Regions": {"Region": regions}}
