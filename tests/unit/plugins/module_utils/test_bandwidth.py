# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/bandwidth.py and bandwidth_package.py: the local rules, and the paths the emulator cannot
reach (an expired subscription, long listings), through the real SDK against a scripted HTTP API.

Everything else (create, modify, associate, limits, errors, ambiguous retries) is tested against
the emulator in tests/integration/targets/cen_bandwidth_*.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

try:
    from urllib.parse import parse_qs
except ImportError:  # pragma: no cover
    from urlparse import parse_qs

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import bandwidth as bw
from ansible_collections.alicloud.interconnect.plugins.module_utils import bandwidth_package as bwp
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session


def package(bwp_id, span=("china", "asia-pacific"), **fields):
    record = dict(
        CenBandwidthPackageId=bwp_id, Name="p", Bandwidth=10, BandwidthPackageChargeType="POSTPAY",
        GeographicRegionAId=span[0], GeographicRegionBId=span[1], GeographicSpanId="%s_%s" % span,
        CenIds={"CenId": []}, Status="Idle",
    )
    record.update(fields)
    return record


def limit(local, opposite, value, cen_id="cen-1"):
    return dict(CenId=cen_id, LocalRegionId=local, OppositeRegionId=opposite, BandwidthLimit=value, Status="Active")


def package_params(**overrides):
    params = dict(bandwidth_package_id=None, name="p", description=None, bandwidth=None, geographic_region_a=None,
                  geographic_region_b=None, charge_type=None, pricing_cycle=None, period=None, auto_renew=None,
                  cen_id=None, unassociate=False, tags=None, purge_tags=True, state="present", wait=True,
                  wait_timeout=5)
    params.update(overrides)
    return params


def fields_of(request):
    """The request's parameters (the SDK sends CBN's RPC parameters in the query string)."""
    return dict((k, v[0]) for k, v in parse_qs(request["query"]).items())


def answer_packages(packages):
    """DescribeCenBandwidthPackages over a list, honouring PageNumber/PageSize."""
    def answer(request):
        fields = fields_of(request)
        number, size = int(fields.get("PageNumber", 1)), int(fields.get("PageSize", 10))
        items = packages[(number - 1) * size:number * size]
        return 200, {"CenBandwidthPackages": {"CenBandwidthPackage": items}, "TotalCount": len(packages),
                     "PageNumber": number, "PageSize": size}
    return answer


@pytest.fixture
def session(keys, fake_api, clock):
    """A task of 5 seconds on the fake clock: waits never sleep for real."""
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep, timeout=5)


def actions(fake_api):
    return [r["action"] for r in fake_api.requests]


# -- areas, regions, ranges ----------------------------------------------------------------

@pytest.mark.parametrize("value, area", [("china", "China"), ("NORTH-AMERICA", "North-America"),
                                         ("Middle-East", "Middle-East")])
def test_areas_in_any_case(value, area):
    assert bwp.check_area(value, "geographic_region_a") == area


def test_a_region_given_as_area_gets_its_area_named():
    with pytest.raises(AlicloudError) as exc:
        bwp.check_area("cn-hangzhou", "geographic_region_b")
    assert str(exc.value).startswith("geographic_region_b must be one of China, North-America, Asia-Pacific, "
                                     "Europe, Australia, Middle-East, not 'cn-hangzhou'")
    assert "(cn-hangzhou is a region; its area is China)" in str(exc.value)


def test_an_unknown_area_is_refused_without_hint():
    with pytest.raises(AlicloudError) as exc:
        bwp.check_area("Antarctica", "geographic_region_a")
    assert "is a region" not in str(exc.value)
    assert "'Antarctica'" in str(exc.value)


def test_unknown_region_names_the_option():
    with pytest.raises(AlicloudError) as exc:
        bw.check_region("mars-north-1", "opposite_region")
    assert str(exc.value).startswith("opposite_region: 'mars-north-1' is not an Alibaba Cloud region")
    assert bw.check_region("ap-southeast-2", "local_region") == "ap-southeast-2"


@pytest.mark.parametrize("value, ok", [(1, False), (2, True), (10000, True), (10001, False)])
def test_bandwidth_range(value, ok):
    if ok:
        bwp.check_bandwidth(value)
    else:
        with pytest.raises(AlicloudError, match="^bandwidth must be between 2 and 10000 Mbit/s, not %d$" % value):
            bwp.check_bandwidth(value)


# -- package options -------------------------------------------------------------------------

def test_package_options_canonical_span():
    opts = bwp._package_options(package_params(geographic_region_a="asia-pacific", geographic_region_b="CHINA"))
    assert opts["span"] == ("China", "Asia-Pacific")
    assert (opts["geographic_region_a"], opts["geographic_region_b"]) == ("Asia-Pacific", "China")
    assert bwp._package_options(package_params())["span"] is None


def test_prepaid_defaults_to_one_month():
    opts = bwp._package_options(package_params(charge_type="PrePaid"))
    assert (opts["pricing_cycle"], opts["period"]) == ("Month", 1)


@pytest.mark.parametrize("cycle, period, ok", [("Month", 6, True), ("Month", 4, False), ("Year", 3, True),
                                               ("Year", 6, False), (None, 12, False)])
def test_prepaid_terms(cycle, period, ok):
    params = package_params(charge_type="PrePaid", pricing_cycle=cycle, period=period)
    if ok:
        assert bwp._package_options(params)["period"] == period
    else:
        with pytest.raises(AlicloudError, match="^period must be one of "):
            bwp._package_options(params)


@pytest.mark.parametrize("extra", [dict(period=1), dict(pricing_cycle="Year"), dict(auto_renew=False)])
@pytest.mark.parametrize("charge", [None, "PostPaid"])
def test_subscription_options_need_prepaid(extra, charge):
    with pytest.raises(AlicloudError, match="only apply to charge_type=PrePaid$"):
        bwp._package_options(package_params(charge_type=charge, **extra))


@pytest.mark.parametrize("overrides, message", [
    (dict(name="n" * 129), "name must be at most 128 characters long"),
    (dict(description="d" * 257), "description must be at most 256 characters long"),
    (dict(description="https://example.com"), "description cannot start with http:// or https://"),
    (dict(bandwidth=1), "bandwidth must be between 2 and 10000 Mbit/s, not 1"),
    (dict(cen_id="cen-1", unassociate=True), "unassociate=true and cen_id contradict each other: set one of them"),
])
def test_package_options_refused(overrides, message):
    with pytest.raises(AlicloudError) as exc:
        bwp._package_options(package_params(**overrides))
    assert str(exc.value) == message


# -- subscription terms ----------------------------------------------------------------------

def test_parse_time():
    assert bwp.parse_time("1970-01-01T00:01Z") == 60
    assert bwp.parse_time("1970-01-01T00:01:30Z") == 90
    assert bwp.parse_time("soon") is None
    assert bwp.parse_time(None) is None


@pytest.mark.parametrize("fields, in_term", [
    (dict(BandwidthPackageChargeType="POSTPAY"), False),
    (dict(BandwidthPackageChargeType="PREPAY", ExpiredTime="2030-01-01T00:00Z"), True),
    (dict(BandwidthPackageChargeType="PREPAY", ExpiredTime="2020-01-01T00:00Z"), False),
    (dict(BandwidthPackageChargeType="PREPAY", ExpiredTime=""), True),  # unknown expiry: keep it
])
def test_prepaid_term(fields, in_term):
    now = bwp.parse_time("2026-06-01T00:00Z")
    assert bwp.in_prepaid_term(package("cenbwp-1", **fields), now) is in_term


# -- limits and capacity -----------------------------------------------------------------------

def test_limits_match_in_either_order():
    limits = [limit("cn-hangzhou", "ap-southeast-1", 3), limit("cn-beijing", "cn-shanghai", 2)]
    assert bw.find_limit(limits, "ap-southeast-1", "cn-hangzhou") is limits[0]
    assert bw.find_limit(limits, "cn-hangzhou", "ap-southeast-1") is limits[0]
    assert bw.find_limit(limits, "cn-hangzhou", "cn-shanghai") is None


def test_capacity_counts_the_limits_of_the_package_span_only():
    limits = [limit("cn-hangzhou", "ap-southeast-1", 3), limit("cn-hongkong", "cn-beijing", "4"),
              limit("cn-beijing", "cn-shanghai", 2), limit("us-west-1", "cn-hangzhou", 5)]
    left = bw.capacity(package("cenbwp-1", Bandwidth=10), limits)
    assert left == dict(bandwidth_package_id="cenbwp-1", geographic_span_id="china_asia-pacific", bandwidth=10,
                        allocated=7, remaining=3)


def test_info_filters():
    params = dict(cen_id="cen-1", bandwidth_package_ids=None, name=None,
                  filters={"Status": "Idle", "CenId": ["cen-ignored"], "Name": ["a", "b"]})
    assert bw._filters(params) == {"Status": ["Idle"], "CenId": ["cen-1"], "Name": ["a", "b"]}
    with pytest.raises(AlicloudError, match=r"^filters: unknown key 'status' \(known: CenBandwidthPackageId, "):
        bw._filters(dict(params, filters={"status": "Idle"}))


# -- through the SDK ---------------------------------------------------------------------------

def test_listing_reads_every_page(session, fake_api):
    packages = [package("cenbwp-%03d" % n) for n in range(bw.PAGE_SIZE + 7)]
    fake_api.script["DescribeCenBandwidthPackages"] = answer_packages(packages)
    found = bw.describe_packages(session, {"Status": ["Idle"]})
    assert [p["CenBandwidthPackageId"] for p in found] == [p["CenBandwidthPackageId"] for p in packages]
    pages = [fields_of(r) for r in fake_api.requests]
    assert [(p["PageNumber"], p["PageSize"]) for p in pages] == [("1", "50"), ("2", "50")]
    assert pages[0]["Filter.1.Key"] == "Status" and pages[0]["Filter.1.Value.1"] == "Idle"


def test_a_name_matching_two_packages_fails_listing_them(session, fake_api):
    fake_api.script["DescribeCenBandwidthPackages"] = answer_packages(
        [package("cenbwp-a"), package("cenbwp-b", span=("china", "europe"))])
    with pytest.raises(AlicloudError) as exc:
        bwp.ensure_bandwidth_package(session, package_params(), False)
    assert str(exc.value) == "2 bandwidth packages are named 'p' (cenbwp-a, cenbwp-b); give bandwidth_package_id " \
                             "or the geographic span"
    # The span tells them apart.
    result = bwp.ensure_bandwidth_package(
        session, package_params(geographic_region_a="europe", geographic_region_b="china"), True)
    assert result["bandwidth_package_id"] == "cenbwp-b"
    assert result["changed"] is False
    assert set(actions(fake_api)) == {"DescribeCenBandwidthPackages"}


def test_absent_deletes_an_expired_subscription(session, fake_api):
    expired = package("cenbwp-old", BandwidthPackageChargeType="PREPAY", ExpiredTime="2020-01-01T00:00Z")
    listing = [expired]
    fake_api.script["DescribeCenBandwidthPackages"] = answer_packages(listing)  # sees the deletion

    def delete(request):
        assert fields_of(request)["CenBandwidthPackageId"] == "cenbwp-old"
        del listing[:]
        return 200, {}
    fake_api.script["DeleteCenBandwidthPackage"] = delete
    result = bwp.ensure_bandwidth_package(session, package_params(state="absent"), False)
    assert result["changed"] is True
    assert result["retained_until"] is None
    assert "warnings" not in result
    assert result["bandwidth_package"] == {}
    assert "DeleteCenBandwidthPackage" in actions(fake_api)


def test_absent_keeps_a_subscription_in_its_term_without_writing(session, fake_api):
    expires = time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime(time.time() + 86400 * 30))
    fake_api.script["DescribeCenBandwidthPackages"] = answer_packages(
        [package("cenbwp-sub", BandwidthPackageChargeType="PREPAY", ExpiredTime=expires)])
    result = bwp.ensure_bandwidth_package(session, package_params(state="absent"), False)
    assert result["changed"] is False
    assert result["retained_until"] == expires
    assert result["warnings"] == ["bandwidth package cenbwp-sub is PrePaid and cannot be released before it expires "
                                  "(%s): it was left and stays in the account, billed, until then" % expires]
    assert set(actions(fake_api)) == {"DescribeCenBandwidthPackages"}


def test_predicted_ids_in_check_mode_predict_a_change_and_need_no_call(session, fake_api):
    info = bw.bandwidth_package_info
    assert info(session, dict(cen_id="cen-checkmode-0a1b2c3d"), True)["bandwidth_packages"] == []
    assert info(session, dict(bandwidth_package_ids=["cenbwp-checkmode-0a1b2c3d"]), True)["bandwidth_packages"] == []
    grown = bwp.ensure_bandwidth_package(session, package_params(bandwidth_package_id="cenbwp-checkmode-0a1b2c3d",
                                                                 name=None, bandwidth=20), True)
    assert grown["changed"] is True and grown["bandwidth_package_id"] == "cenbwp-checkmode-0a1b2c3d"
    limit = bw.ensure_bandwidth_limit(session, dict(cen_id="cen-checkmode-0a1b2c3d", local_region="cn-hangzhou",
                                                    opposite_region="cn-shanghai", bandwidth_limit=5,
                                                    state="present", wait=True), True)
    assert limit["changed"] is True and limit["bandwidth_limit"]["bandwidth_limit"] == 5
    assert fake_api.requests == []


def test_a_predicted_id_outside_check_mode_is_refused(session, fake_api):
    with pytest.raises(AlicloudError, match="^bandwidth_package_id: cenbwp-checkmode-0a1b2c3d is an id predicted"):
        bwp.ensure_bandwidth_package(session, package_params(bandwidth_package_id="cenbwp-checkmode-0a1b2c3d",
                                                             name=None, bandwidth=20), False)
    assert fake_api.requests == []
