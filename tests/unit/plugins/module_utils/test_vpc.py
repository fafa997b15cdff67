# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/vpc.py through the real SDK against a scripted HTTP API: id shapes, the requests the
look-ups send (id chunks, pages, tags, CIDR matching), not-found answers and vpc_info's results.

The same look-ups against the emulator are in tests/integration/targets/vpc_info.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

try:
    from urllib.parse import parse_qs
except ImportError:  # pragma: no cover
    from urlparse import parse_qs

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import vpc
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

# ansible-test runs every test in a fork of the collecting process: import the SDKs (over a second each)
# once there, not again in every test.
SDK_CLIENTS = [importlib.import_module(name) for name in ("alibabacloud_vpc20160428.client",)]


def fields_of(request):
    return dict((k, v[0]) for k, v in parse_qs(request["query"]).items())


def a_vpc(vpc_id, cidr="10.0.0.0/16", secondary=(), **fields):
    record = dict(VpcId=vpc_id, VpcName=vpc_id, CidrBlock=cidr, RegionId="cn-hangzhou", OwnerId=1000000000000001,
                  VRouterId="vrt-" + vpc_id[4:], Status="Available", CenStatus="Detached",
                  SecondaryCidrBlocks={"SecondaryCidrBlock": list(secondary)},
                  RouterTableIds={"RouterTableIds": ["vtb-" + vpc_id[4:]]}, VSwitchIds={"VSwitchId": []},
                  Tags={"Tag": [{"Key": "env", "Value": "prod"}]})
    record.update(fields)
    return record


def answer_vpcs(vpcs, requests):
    """DescribeVpcs over a list: VpcId (comma-separated) and PageNumber/PageSize honoured, requests recorded."""
    def answer(request):
        fields = fields_of(request)
        requests.append(fields)
        ids = fields.get("VpcId")
        found = [v for v in vpcs if not ids or v["VpcId"] in ids.split(",")]
        number, size = int(fields.get("PageNumber", 1)), int(fields.get("PageSize", 10))
        return 200, {"Vpcs": {"Vpc": found[(number - 1) * size:number * size]}, "TotalCount": len(found),
                     "PageNumber": number, "PageSize": size}
    return answer


@pytest.fixture
def session(keys, fake_api):
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou")


# -- id shapes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["vpc-bp18sth14qii3pnvx0a1", "vpc-a1hangzhou", "vpc-0"])
def test_well_formed_ids_pass(value):
    assert vpc.check_id(value, "vpc", "vpc_ids") == value


@pytest.mark.parametrize("value", ["vpc_bp18", "VPC-bp18", "vpc-", "vpc-Bp18", "vpc-bp 18", "vbr-bp18", "bp18",
                                   "", None, 12, " vpc-bp18"])
def test_malformed_ids_name_the_option(value):
    with pytest.raises(AlicloudError) as exc:
        vpc.check_id(value, "vpc", "instances[2].instance_id")
    assert str(exc.value) == ("instances[2].instance_id: %r is not a valid VPC id "
                              "(expected vpc-<lower-case letters and digits>)" % (value,))


# -- look-ups -------------------------------------------------------------------------------------

def test_many_ids_are_asked_twenty_at_a_time(session, fake_api):
    vpcs = [a_vpc("vpc-%02d" % i) for i in range(45)]
    requests = []
    fake_api.script["DescribeVpcs"] = answer_vpcs(vpcs, requests)
    found = vpc.find_vpcs(session, None, vpc_ids=[v["VpcId"] for v in vpcs] + ["vpc-00"])
    assert [v["VpcId"] for v in found] == [v["VpcId"] for v in vpcs]
    assert [len(r["VpcId"].split(",")) for r in requests] == [20, 20, 5]
    assert set(r["RegionId"] for r in requests) == {"cn-hangzhou"}


def test_every_page_is_read(session, fake_api):
    vpcs = [a_vpc("vpc-%03d" % i) for i in range(120)]
    requests = []
    fake_api.script["DescribeVpcs"] = answer_vpcs(vpcs, requests)
    assert len(vpc.find_vpcs(session, "cn-hangzhou")) == 120
    assert [(r["PageNumber"], r["PageSize"]) for r in requests] == [("1", "50"), ("2", "50"), ("3", "50")]


def test_name_and_tags_go_to_the_api_an_empty_tag_value_matches_any(session, fake_api):
    requests = []
    fake_api.script["DescribeVpcs"] = answer_vpcs([], requests)
    assert vpc.find_vpcs(session, "cn-shanghai", name="app", tags={"env": "prod", "team": ""}) == []
    assert requests[0]["VpcName"] == "app"
    assert requests[0]["RegionId"] == "cn-shanghai"
    assert (requests[0]["Tag.1.Key"], requests[0]["Tag.1.Value"]) == ("env", "prod")
    assert requests[0]["Tag.2.Key"] == "team"
    assert "Tag.2.Value" not in requests[0]


def test_cidr_matches_primary_or_secondary_blocks_as_networks(session, fake_api):
    vpcs = [a_vpc("vpc-a", "10.1.0.0/16"), a_vpc("vpc-b", "10.2.0.0/16", secondary=["10.9.0.0/16"]),
            a_vpc("vpc-c", "10.1.0.0/24")]
    fake_api.script["DescribeVpcs"] = answer_vpcs(vpcs, [])
    assert [v["VpcId"] for v in vpc.find_vpcs(session, None, cidr_block="10.1.7.7/16")] == ["vpc-a"]
    assert [v["VpcId"] for v in vpc.find_vpcs(session, None, cidr_block="10.9.0.0/16")] == ["vpc-b"]
    assert vpc.find_vpcs(session, None, cidr_block="10.3.0.0/16") == []


def test_a_bad_cidr_names_the_option_before_any_call(session, fake_api):
    with pytest.raises(AlicloudError, match=r"^InvalidParameter: cidr_block: '10.0.0.0/40' is not a CIDR block"):
        vpc.find_vpcs(session, None, cidr_block="10.0.0.0/40")
    assert fake_api.requests == []


def test_find_vpc_by_name_refuses_a_shared_name(session, fake_api):
    fake_api.script["DescribeVpcs"] = answer_vpcs([a_vpc("vpc-a", VpcName="app"), a_vpc("vpc-b", VpcName="app")], [])
    with pytest.raises(AlicloudError, match=r"^2 VPCs are named 'app' \(vpc-a, vpc-b\)"):
        vpc.find_vpc(session, None, name="app")


def test_find_vpc_by_id_and_the_routers(session, fake_api):
    fake_api.script["DescribeVpcs"] = answer_vpcs([a_vpc("vpc-a")], [])
    assert vpc.find_vpc(session, None, vpc_id="vpc-a")["VpcId"] == "vpc-a"
    assert vpc.get_vrouter_id(session, None, "vpc-a") == "vrt-a"
    assert vpc.get_vrouter_id(session, None, "vpc-x") is None
    assert vpc.get_vpc(session, None, "vpc-x") is None


def test_system_route_table(session, fake_api):
    requests = []

    def answer(request):
        requests.append(fields_of(request))
        return 200, {"RouterTableList": {"RouterTableListType": [{"RouteTableId": "vtb-a", "RouteTableType": "System"}]},
                     "TotalCount": 1}
    fake_api.script["DescribeRouteTableList"] = answer
    assert vpc.get_system_route_table(session, None, "vpc-a")["RouteTableId"] == "vtb-a"
    assert (requests[0]["VpcId"], requests[0]["RouteTableType"]) == ("vpc-a", "System")


def test_vbr_by_id(session, fake_api):
    requests = []

    def answer(request):
        requests.append(fields_of(request))
        return 200, {"VirtualBorderRouterSet": {"VirtualBorderRouterType": []}, "TotalCount": 0}
    fake_api.script["DescribeVirtualBorderRouters"] = answer
    assert vpc.get_vbr(session, "cn-beijing", "vbr-a") is None
    assert requests[0]["Filter.1.Key"] == "VbrId"
    assert requests[0]["Filter.1.Value.1"] == "vbr-a"
    assert requests[0]["RegionId"] == "cn-beijing"


def test_vpc_attribute_not_found_is_none_other_errors_are_raised(session, fake_api):
    fake_api.script["DescribeVpcAttribute"] = (404, {"Code": "InvalidVpcId.NotFound", "Message": "no such VPC"})
    assert vpc.get_vpc_attribute(session, None, "vpc-a") is None
    fake_api.script["DescribeVpcAttribute"] = (400, {"Code": "Forbidden.RAM", "Message": "denied"})
    with pytest.raises(AlicloudError) as exc:
        vpc.get_vpc_attribute(session, None, "vpc-a")
    assert exc.value.code == "Forbidden.RAM"


def test_a_region_is_required(keys, fake_api):
    with pytest.raises(AlicloudError, match="^no region"):
        vpc.get_vpc(Session(keys, endpoint=fake_api.url), None, "vpc-a")


# -- vpc_info ---------------------------------------------------------------------------------------

def test_vpc_info_results(session, fake_api):
    fake_api.script["DescribeVpcs"] = answer_vpcs([a_vpc("vpc-a", secondary=["10.9.0.0/16"])], [])
    result = vpc.vpc_info(session, dict(vpc_ids=["vpc-a"], name=None, tags=None, cidr_block=None), False)
    assert result["changed"] is False
    (found,) = result["vpcs"]
    assert found["vpc_id"] == "vpc-a"
    assert found["owner_id"] == "1000000000000001"
    assert found["vrouter_id"] == "vrt-a"
    assert found["secondary_cidr_blocks"] == ["10.9.0.0/16"]
    assert found["router_table_ids"] == ["vtb-a"]
    assert found["tags"] == {"env": "prod"}
    assert "request_id" not in found


def test_vpc_info_checks_ids_and_cidr_before_calling(session, fake_api):
    with pytest.raises(AlicloudError, match="^vpc_ids: "):
        vpc.vpc_info(session, dict(vpc_ids=["vpc-a", "subnet-b"], name=None, tags=None, cidr_block=None), False)
    with pytest.raises(AlicloudError, match="^InvalidParameter: cidr_block: "):
        vpc.vpc_info(session, dict(vpc_ids=None, name=None, tags=None, cidr_block="10.0.0/8x"), False)
    assert fake_api.requests == []
