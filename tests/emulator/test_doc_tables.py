"""docs/emulator.md lists the emulator's regions, areas and zones: the list must be the table's."""

import os

from alicloud_emulator import geography

DOC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "emulator.md")
HEADER = "| region | name | CEN area | zones | transit routers in zones |"


def documented_regions():
    """``{region: (name, area, zone letters, transit-router zone letters or "all")}`` from the doc's table."""
    with open(DOC, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    start = lines.index(HEADER) + 2
    rows = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        region, name, area, zones, transit = [cell.strip() for cell in line.strip("|").split("|")]
        rows[region.strip("`")] = (name, area, zones, transit)
    return rows


def letters(region, zones):
    """``["cn-hangzhou-b", "cn-hangzhou-h"]`` -> ``"b h"``."""
    return " ".join(zone[len(region) + 1 :] for zone in zones)


def table_regions():
    rows = {}
    for region in geography.REGIONS:
        zones, transit = geography.zones_of(region), geography.transit_router_zones(region)
        rows[region] = (
            geography.REGION_NAMES[region][0],
            geography.REGIONS[region],
            letters(region, zones),
            "all" if transit == zones else letters(region, transit),
        )
    return rows


def test_the_documented_regions_and_zones_are_the_emulators():
    assert documented_regions() == table_regions()
