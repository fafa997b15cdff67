# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/vswitch.py through the real SDK against a scripted HTTP API: the requests the look-up
sends (one per id, pages, filters, tags), vswitch_info's results and the checks made before any call.

The same look-ups against the emulator are in tests/integration/targets/vswitch_info.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

try:
    from urllib.parse import parse_qs
except ImportError:  # pragma: no cover
    from urlparse import parse_qs

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import vswitch
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

SDK_CLIENTS = [importlib.import_module(name) for name in ("alibabacloud_vpc20160428.client",)]


def a_vswitch(vswitch_id, vpc_id="vpc-a", zone_id="cn-hangzhou-j", **fields):
    record = dict(VSwitchId=vswitch_id, VSwitchName=vswitch_id, VpcId=vpc_id, ZoneId=zone_id, CidrBlock="10.0.1.0/24",
                  Status="Available", OwnerId=1000000000000001, AvailableIpAddressCount=252,
                  RouteTable=dict(RouteTableId="vtb-a", RouteTableType="System"),
                  Tags={"Tag": [{"Key": "env", "Value": "prod"}]})
    record.update(fields)
    return record


def answer_vswitches(vswitches, requests):
    """DescribeVSwitches over a list: VSwitchId, VpcId, ZoneId and pages honoured, requests recorded."""
    def answer(request):
        fields = dict((k, v[0]) for k, v in parse_qs(request["query"]).items())
        requests.append(fields)
        found = [v for v in vswitches if all(fields.get(key) in (None, v[key]) for key in ("VSwitchId", "VpcId", "ZoneId"))]
        number, size = int(fields.get("PageNumber", 1)), int(fields.get("PageSize", 10))
        return 200, {"VSwitches": {"VSwitch": found[(number - 1) * size:number * size]}, "TotalCount": len(found),
                     "PageNumber": number, "PageSize": size}
    return answer


@pytest.fixture
def session(keys, fake_api):
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou")


def params(**given):
    return dict(dict(vswitch_ids=None, vpc_id=None, zone_id=None, name=None, tags=None), **given)


def test_every_page_of_the_region_is_read(session, fake_api):
    requests = []
    fake_api.script["DescribeVSwitches"] = answer_vswitches([a_vswitch("vsw-%03d" % i) for i in range(70)], requests)
    assert len(vswitch.find_vswitches(session, None)) == 70
    assert [(r["PageNumber"], r["PageSize"], r["RegionId"]) for r in requests] == [
        ("1", "50", "cn-hangzhou"), ("2", "50", "cn-hangzhou")]


def test_ids_are_asked_one_a_call_in_the_order_given_once_each(session, fake_api):
    requests = []
    fake_api.script["DescribeVSwitches"] = answer_vswitches([a_vswitch("vsw-a"), a_vswitch("vsw-b")], requests)
    found = vswitch.find_vswitches(session, "cn-hangzhou", vswitch_ids=["vsw-b", "vsw-x", "vsw-a", "vsw-b"],
                                   vpc_id="vpc-a")
    assert [v["VSwitchId"] for v in found] == ["vsw-b", "vsw-a"]
    assert [r["VSwitchId"] for r in requests] == ["vsw-b", "vsw-x", "vsw-a"]
    assert set(r["VpcId"] for r in requests) == {"vpc-a"}


def test_filters_and_tags_go_to_the_api_an_empty_tag_value_matches_any(session, fake_api):
    requests = []
    fake_api.script["DescribeVSwitches"] = answer_vswitches([], requests)
    assert vswitch.find_vswitches(session, "cn-shanghai", zone_id="cn-shanghai-m", name="app",
                                  tags={"env": "prod", "team": ""}) == []
    (request,) = requests
    assert (request["RegionId"], request["ZoneId"], request["VSwitchName"]) == ("cn-shanghai", "cn-shanghai-m", "app")
    assert (request["Tag.1.Key"], request["Tag.1.Value"], request["Tag.2.Key"]) == ("env", "prod", "team")
    assert "Tag.2.Value" not in request
    assert "VpcId" not in request and "VSwitchId" not in request


def test_vswitch_info_results(session, fake_api):
    fake_api.script["DescribeVSwitches"] = answer_vswitches([a_vswitch("vsw-a"), a_vswitch("vsw-b", vpc_id="vpc-b")], [])
    result = vswitch.vswitch_info(session, params(vpc_id="vpc-a"), False)
    assert result["changed"] is False
    (found,) = result["vswitches"]
    assert found["vswitch_id"] == "vsw-a"
    assert found["vswitch_name"] == "vsw-a"
    assert found["zone_id"] == "cn-hangzhou-j"
    assert found["owner_id"] == "1000000000000001"
    assert found["route_table"] == {"route_table_id": "vtb-a", "route_table_type": "System"}
    assert found["tags"] == {"env": "prod"}
    assert "request_id" not in found


@pytest.mark.parametrize("given, message", [
    (dict(vswitch_ids=["vsw-a", "vpc-b"]), "^vswitch_ids: 'vpc-b' is not a valid VSW id"),
    (dict(vpc_id="vsw-a"), "^vpc_id: 'vsw-a' is not a valid VPC id"),
    (dict(zone_id="cn-shanghai-m"), r"^zone_id: 'cn-shanghai-m' is not a zone of cn-hangzhou \(alicloud_region\)"),
])
def test_vswitch_info_refuses_bad_input_before_any_call(session, fake_api, given, message):
    with pytest.raises(AlicloudError, match=message):
        vswitch.vswitch_info(session, params(**given), False)
    assert fake_api.requests == []


def test_a_region_is_required(keys, fake_api):
    with pytest.raises(AlicloudError, match="^no region"):
        vswitch.vswitch_info(Session(keys, endpoint=fake_api.url), params(), False)
