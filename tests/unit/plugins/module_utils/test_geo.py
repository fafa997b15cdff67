# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Regions and CEN geographic areas (module_utils/geo.py), checked against the installed SDKs' endpoint tables."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import geo
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import PRODUCTS

AREA_NAMES = ["China", "North-America", "Asia-Pacific", "Europe", "Australia", "Middle-East"]


def sdk_endpoint_regions():
    """Every region id named in the endpoint tables (``_endpoint_map``) of the installed SDK clients."""
    from alibabacloud_tea_openapi.models import Config

    regions = set()
    for package, _pip, _central in PRODUCTS.values():
        client_class = importlib.import_module(package + ".client").Client
        client = client_class(Config(access_key_id="AK", access_key_secret="SK", region_id="cn-hangzhou"))
        regions.update((client._endpoint_map or {}).keys())
    return sorted(regions)


SDK_REGIONS = sdk_endpoint_regions()


def test_the_sdks_name_regions():
    # The VPC and STS clients carry endpoint tables; an empty union would make the next test vacuous.
    assert len(SDK_REGIONS) > 20
    assert "cn-shanghai-finance-1" in SDK_REGIONS


@pytest.mark.parametrize("region", SDK_REGIONS)
def test_every_sdk_region_has_an_area(region):
    assert geo.area_of(region) in AREA_NAMES


@pytest.mark.parametrize("region", sorted(geo.REGIONS))
def test_every_public_region_has_an_area(region):
    assert geo.is_known_region(region)
    assert geo.area_of(region) == geo.REGIONS[region]
    assert geo.REGIONS[region] in AREA_NAMES


def test_the_six_areas():
    assert list(geo.AREAS) == AREA_NAMES


@pytest.mark.parametrize("region, area", [
    ("cn-hangzhou", "China"),
    ("cn-hongkong", "Asia-Pacific"),            # Hong Kong is outside the China area for CEN
    ("cn-hongkong-finance-pop", "Asia-Pacific"),
    ("ap-southeast-2", "Australia"),            # Sydney is its own area, unlike the rest of ap-
    ("ap-southeast-1", "Asia-Pacific"),
    ("us-west-1", "North-America"),
    ("na-south-1", "North-America"),
    ("eu-central-1", "Europe"),
    ("rus-west-1-pop", "Europe"),
    ("me-east-1", "Middle-East"),
    ("cn-shanghai-finance-1", "China"),
])
def test_area_of(region, area):
    assert geo.area_of(region) == area


@pytest.mark.parametrize("region", ["xx-nowhere-1", "China", "", None, "hangzhou"])
def test_unknown_regions_have_no_area(region):
    assert geo.area_of(region) is None
    assert not geo.is_known_region(region)


@pytest.mark.parametrize("name, area", [
    ("china", "China"), ("CHINA", "China"), ("north-america", "North-America"),
    ("Asia-pacific", "Asia-Pacific"), ("middle-east", "Middle-East"), ("AUSTRALIA", "Australia"),
])
def test_area_names_in_any_case(name, area):
    assert geo.normalize_area(name) == area


@pytest.mark.parametrize("name", ["cn-hangzhou", "North America", "", None, "Asia"])
def test_not_area_names(name):
    assert geo.normalize_area(name) is None


def test_span_is_order_independent_and_canonical():
    assert geo.span_of("north-america", "china") == ("China", "North-America")
    assert geo.span_of("China", "NORTH-AMERICA") == ("China", "North-America")
    assert geo.span_id("Europe", "china") == "china_europe"
    assert geo.span_id("china", "china") == "china_china"


def test_region_span():
    assert geo.region_span("us-west-1", "cn-hangzhou") == ("China", "North-America")
    assert geo.region_span("cn-hangzhou", "cn-shanghai") == ("China", "China")
    assert geo.region_span("cn-hongkong", "cn-shanghai") == ("China", "Asia-Pacific")
    assert geo.region_span("cn-hangzhou", "xx-nowhere-1") is None
