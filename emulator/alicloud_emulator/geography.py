"""The emulator's own table of regions, zones and CEN geographic areas.

Written from Alibaba Cloud's documentation, never loaded from the collection's
``plugins/module_utils/geo.py``: tests/emulator/test_geography.py compares the two
tables, so one wrong entry cannot hide in both.

* Regions and their CEN area (the names CreateCenBandwidthPackage's
  ``GeographicRegionAId`` takes, lower-cased in ``GeographicSpanId``): the CEN
  documentation. Hong Kong belongs to Asia-Pacific for CEN, not to China.
* Zones: the "Regions and zones" pages, ids ``<region>-<letter>`` (``cn-hangzhou-h``).
* Zones where Enterprise Edition transit routers are available: CEN's "Available
  regions and zones" page. It was read for Hangzhou, Shanghai, Nanjing and Fuzhou
  only; in every other region each zone counts as one where transit routers are
  available, since the emulator must never refuse what the cloud may accept.
* Display names: DescribeRegions' ``LocalName`` in English and Chinese.
"""

CHINA = "China"
NORTH_AMERICA = "North-America"
ASIA_PACIFIC = "Asia-Pacific"
EUROPE = "Europe"
AUSTRALIA = "Australia"
MIDDLE_EAST = "Middle-East"
AREAS = (CHINA, NORTH_AMERICA, ASIA_PACIFIC, EUROPE, AUSTRALIA, MIDDLE_EAST)

# region id: (area, zone letters, transit-router zone letters or None when not read from the doc)
_TABLE = {
    "cn-qingdao": (CHINA, "bc", None),
    "cn-beijing": (CHINA, "abcdefghijkl", None),
    "cn-zhangjiakou": (CHINA, "abc", None),
    "cn-huhehaote": (CHINA, "ab", None),
    "cn-wulanchabu": (CHINA, "abc", None),
    "cn-hangzhou": (CHINA, "befghijk", "bhijk"),
    "cn-shanghai": (CHINA, "abcdefgklmn", "bcefglmn"),
    "cn-nanjing": (CHINA, "a", "a"),
    "cn-fuzhou": (CHINA, "a", "a"),
    "cn-shenzhen": (CHINA, "abcdef", None),
    "cn-heyuan": (CHINA, "ab", None),
    "cn-guangzhou": (CHINA, "ab", None),
    "cn-chengdu": (CHINA, "ab", None),
    "cn-wuhan-lr": (CHINA, "a", None),
    "cn-hongkong": (ASIA_PACIFIC, "bcd", None),
    "ap-northeast-1": (ASIA_PACIFIC, "abc", None),
    "ap-northeast-2": (ASIA_PACIFIC, "a", None),
    "ap-southeast-1": (ASIA_PACIFIC, "abc", None),
    "ap-southeast-3": (ASIA_PACIFIC, "ab", None),
    "ap-southeast-5": (ASIA_PACIFIC, "abc", None),
    "ap-southeast-6": (ASIA_PACIFIC, "ab", None),
    "ap-southeast-7": (ASIA_PACIFIC, "a", None),
    "ap-south-1": (ASIA_PACIFIC, "ab", None),
    "ap-southeast-2": (AUSTRALIA, "ab", None),
    "us-west-1": (NORTH_AMERICA, "ab", None),
    "us-east-1": (NORTH_AMERICA, "ab", None),
    "na-south-1": (NORTH_AMERICA, "a", None),
    "eu-central-1": (EUROPE, "abc", None),
    "eu-west-1": (EUROPE, "ab", None),
    "me-east-1": (MIDDLE_EAST, "a", None),
    "me-central-1": (MIDDLE_EAST, "a", None),
}

REGIONS = {region: row[0] for region, row in _TABLE.items()}

# zone id: {"region", "transit_router"} -- whether Enterprise Edition transit routers are available there
ZONES = {
    "%s-%s" % (region, letter): {"region": region, "transit_router": tr_letters is None or letter in tr_letters}
    for region, (_area, letters, tr_letters) in _TABLE.items()
    for letter in letters
}

# English and Chinese display names of the regions (DescribeRegions' LocalName).
REGION_NAMES = {
    "cn-qingdao": ("China (Qingdao)", "华北1（青岛）"),
    "cn-beijing": ("China (Beijing)", "华北2（北京）"),
    "cn-zhangjiakou": ("China (Zhangjiakou)", "华北3（张家口）"),
    "cn-huhehaote": ("China (Hohhot)", "华北5（呼和浩特）"),
    "cn-wulanchabu": ("China (Ulanqab)", "华北6（乌兰察布）"),
    "cn-hangzhou": ("China (Hangzhou)", "华东1（杭州）"),
    "cn-shanghai": ("China (Shanghai)", "华东2（上海）"),
    "cn-nanjing": ("China (Nanjing - Local Region)", "华东5（南京-本地地域）"),
    "cn-fuzhou": ("China (Fuzhou - Local Region)", "华东6（福州-本地地域）"),
    "cn-shenzhen": ("China (Shenzhen)", "华南1（深圳）"),
    "cn-heyuan": ("China (Heyuan)", "华南2（河源）"),
    "cn-guangzhou": ("China (Guangzhou)", "华南3（广州）"),
    "cn-chengdu": ("China (Chengdu)", "西南1（成都）"),
    "cn-wuhan-lr": ("China (Wuhan - Local Region)", "华中1（武汉-本地地域）"),
    "cn-hongkong": ("China (Hong Kong)", "中国香港"),
    "ap-northeast-1": ("Japan (Tokyo)", "日本（东京）"),
    "ap-northeast-2": ("South Korea (Seoul)", "韩国（首尔）"),
    "ap-southeast-1": ("Singapore", "新加坡"),
    "ap-southeast-2": ("Australia (Sydney)", "澳大利亚（悉尼）"),
    "ap-southeast-3": ("Malaysia (Kuala Lumpur)", "马来西亚（吉隆坡）"),
    "ap-southeast-5": ("Indonesia (Jakarta)", "印度尼西亚（雅加达）"),
    "ap-southeast-6": ("Philippines (Manila)", "菲律宾（马尼拉）"),
    "ap-southeast-7": ("Thailand (Bangkok)", "泰国（曼谷）"),
    "ap-south-1": ("India (Mumbai)", "印度（孟买）"),
    "us-west-1": ("US (Silicon Valley)", "美国（硅谷）"),
    "us-east-1": ("US (Virginia)", "美国（弗吉尼亚）"),
    "na-south-1": ("Mexico", "墨西哥"),
    "eu-central-1": ("Germany (Frankfurt)", "德国（法兰克福）"),
    "eu-west-1": ("UK (London)", "英国（伦敦）"),
    "me-east-1": ("UAE (Dubai)", "阿联酋（迪拜）"),
    "me-central-1": ("Saudi Arabia (Riyadh - Partner Region)", "沙特（利雅得）"),
}


def is_known_region(region):
    return region in REGIONS


def area_of(region):
    """The CEN geographic area of ``region``, or None for a region the table lacks."""
    return REGIONS.get(region)


def zones_of(region):
    """The zone ids of ``region``, in letter order."""
    return sorted(zone for zone, info in ZONES.items() if info["region"] == region)


def zone_region(zone):
    """The region of zone id ``zone``, or None for a zone the table lacks."""
    info = ZONES.get(zone)
    return info["region"] if info else None


def transit_router_zones(region):
    """The zones of ``region`` where Enterprise Edition transit routers are available."""
    return [zone for zone in zones_of(region) if ZONES[zone]["transit_router"]]


def normalize_area(name):
    """Canonical spelling of an area name in any case (``china`` -> ``China``), or None."""
    for area in AREAS:
        if name and area.lower() == str(name).lower():
            return area
    return None


def span_of(area_a, area_b):
    """The bandwidth-package span of two areas: an order-independent pair, canonical spelling."""
    return tuple(sorted([normalize_area(area_a), normalize_area(area_b)], key=AREAS.index))


def span_id(area_a, area_b):
    """``GeographicSpanId`` of two areas, e.g. ``china_north-america``."""
    return "_".join(a.lower() for a in span_of(area_a, area_b))


def region_span(region_a, region_b):
    """The span a region pair needs, or None when a region is not in the table."""
    area_a, area_b = area_of(region_a), area_of(region_b)
    if area_a is None or area_b is None:
        return None
    return span_of(area_a, area_b)
