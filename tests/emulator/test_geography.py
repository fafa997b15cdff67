"""The emulator's region, zone and area table, and how it agrees with the collection's.

The emulator keeps its own table (``alicloud_emulator.geography``) so that one wrong
entry cannot hide in both it and the collection's ``plugins/module_utils/geo.py``:
here the two are compared, and a region or area they disagree on fails.
"""

import importlib.util
import os
import re

import pytest

from alicloud_emulator import geography

GEO_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "plugins", "module_utils", "geo.py")


@pytest.fixture(scope="module")
def collection_geo():
    """The collection's geo.py, loaded by path (it needs nothing but the standard library)."""
    spec = importlib.util.spec_from_file_location("collection_geo", os.path.normpath(GEO_PATH))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_both_tables_name_the_same_areas(collection_geo):
    assert list(geography.AREAS) == list(collection_geo.AREAS)


def test_both_tables_hold_the_same_regions_in_the_same_areas(collection_geo):
    only_emulator = sorted(set(geography.REGIONS) - set(collection_geo.REGIONS))
    only_collection = sorted(set(collection_geo.REGIONS) - set(geography.REGIONS))
    assert (only_emulator, only_collection) == ([], [])
    disagree = {
        region: (area, collection_geo.REGIONS[region])
        for region, area in geography.REGIONS.items()
        if collection_geo.REGIONS[region] != area
    }
    assert disagree == {}


def test_both_tables_spell_spans_alike(collection_geo):
    for area_a in geography.AREAS:
        for area_b in geography.AREAS:
            assert geography.span_id(area_a, area_b) == collection_geo.span_id(area_a, area_b)
    assert geography.span_id("north-america", "CHINA") == "china_north-america"


def test_every_region_has_zones_named_as_alibaba_names_them():
    for region in geography.REGIONS:
        zones = geography.zones_of(region)
        assert zones, region
        for zone in zones:
            assert re.match(r"^%s-[a-z]$" % re.escape(region), zone)
            assert geography.zone_region(zone) == region
        assert set(geography.REGION_NAMES) == set(geography.REGIONS)


def test_transit_router_zones_are_those_alibaba_documents():
    assert geography.transit_router_zones("cn-hangzhou") == ["cn-hangzhou-%s" % z for z in "bhijk"]
    assert geography.transit_router_zones("cn-shanghai") == ["cn-shanghai-%s" % z for z in "bcefglmn"]
    assert geography.transit_router_zones("cn-nanjing") == ["cn-nanjing-a"]
    assert "cn-hangzhou-g" in geography.zones_of("cn-hangzhou")
    assert geography.ZONES["cn-hangzhou-g"]["transit_router"] is False
    # Where the zone table was not read, every zone counts: never stricter than the cloud.
    assert geography.transit_router_zones("eu-central-1") == geography.zones_of("eu-central-1")


def test_unknown_regions_and_zones_have_no_area_or_region():
    assert geography.area_of("cn-nowhere") is None
    assert geography.region_span("cn-hangzhou", "cn-nowhere") is None
    assert geography.zone_region("cn-hangzhou-z") is None
    assert geography.zone_region("hangzhou") is None
    assert geography.region_span("cn-hongkong", "us-east-1") == ("North-America", "Asia-Pacific")
