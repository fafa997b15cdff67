# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Alibaba Cloud regions and the CEN geographic areas they belong to.

This is the one place the mapping lives: the modules use it to work out which
bandwidth package a region pair needs, and the emulator (which loads this file
by path) uses it to validate seeds and bandwidth requests. Pure Python, no
imports, so both can load it cheaply.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The area names CreateCenBandwidthPackage takes (GeographicRegionAId/BId).
CHINA = "China"
NORTH_AMERICA = "North-America"
ASIA_PACIFIC = "Asia-Pacific"
EUROPE = "Europe"
AUSTRALIA = "Australia"
MIDDLE_EAST = "Middle-East"
AREAS = (CHINA, NORTH_AMERICA, ASIA_PACIFIC, EUROPE, AUSTRALIA, MIDDLE_EAST)

# Public regions and their area. Hong Kong is in Asia-Pacific for CEN, not China.
REGIONS = {
    "cn-qingdao": CHINA,
    "cn-beijing": CHINA,
    "cn-zhangjiakou": CHINA,
    "cn-huhehaote": CHINA,
    "cn-wulanchabu": CHINA,
    "cn-hangzhou": CHINA,
    "cn-shanghai": CHINA,
    "cn-nanjing": CHINA,
    "cn-fuzhou": CHINA,
    "cn-shenzhen": CHINA,
    "cn-heyuan": CHINA,
    "cn-guangzhou": CHINA,
    "cn-chengdu": CHINA,
    "cn-wuhan-lr": CHINA,
    "cn-hongkong": ASIA_PACIFIC,
    "ap-northeast-1": ASIA_PACIFIC,
    "ap-northeast-2": ASIA_PACIFIC,
    "ap-southeast-1": ASIA_PACIFIC,
    "ap-southeast-3": ASIA_PACIFIC,
    "ap-southeast-5": ASIA_PACIFIC,
    "ap-southeast-6": ASIA_PACIFIC,
    "ap-southeast-7": ASIA_PACIFIC,
    "ap-south-1": ASIA_PACIFIC,
    "ap-southeast-2": AUSTRALIA,
    "us-west-1": NORTH_AMERICA,
    "us-east-1": NORTH_AMERICA,
    "na-south-1": NORTH_AMERICA,
    "eu-central-1": EUROPE,
    "eu-west-1": EUROPE,
    "me-east-1": MIDDLE_EAST,
    "me-central-1": MIDDLE_EAST,
}

# Regions outside the public list (finance, government and internal regions the SDK
# endpoint tables name) follow their prefix, most specific first.
_PREFIXES = (
    ("cn-hongkong", ASIA_PACIFIC),
    ("cn-", CHINA),
    ("ap-southeast-2", AUSTRALIA),
    ("ap-", ASIA_PACIFIC),
    ("us-", NORTH_AMERICA),
    ("na-", NORTH_AMERICA),
    ("eu-", EUROPE),
    ("rus-", EUROPE),
    ("me-", MIDDLE_EAST),
)


def is_known_region(region):
    """True for a public region id this collection knows."""
    return region in REGIONS


def area_of(region):
    """The geographic area of ``region``, or None when it cannot be told."""
    if region in REGIONS:
        return REGIONS[region]
    for prefix, area in _PREFIXES:
        if region and region.startswith(prefix):
            return area
    return None


def normalize_area(name):
    """Canonical spelling of an area name in any case (``china`` -> ``China``), or None."""
    for area in AREAS:
        if name and area.lower() == str(name).lower():
            return area
    return None


def span_of(area_a, area_b):
    """The bandwidth-package span of two areas: an order-independent pair, canonical spelling."""
    pair = sorted([normalize_area(area_a), normalize_area(area_b)], key=AREAS.index)
    return tuple(pair)


def span_id(area_a, area_b):
    """DescribeCenBandwidthPackages' GeographicSpanId spelling, e.g. ``china_north-america``."""
    return "_".join(a.lower() for a in span_of(area_a, area_b))


def region_span(region_a, region_b):
    """The span a region pair needs, or None when a region's area is unknown."""
    area_a, area_b = area_of(region_a), area_of(region_b)
    if area_a is None or area_b is None:
        return None
    return span_of(area_a, area_b)
