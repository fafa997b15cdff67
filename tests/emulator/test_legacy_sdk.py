"""The older Python SDK core (``aliyun-python-sdk-core``'s ``CommonRequest``, HMAC-SHA1 RPC, what
footmark and the older alicloud modules use) against the emulator, by GET and by POST.

That client adds ``RegionId`` (and ``Format``, ``SignatureType``, ...) to every request and reads the
server's string to sign after the colon of a ``SignatureDoesNotMatch`` message: the emulator must take
the one and write the other as the cloud does.
"""

import json

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.auth.credentials import StsTokenCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest

from conftest import KEYS, UID1, UID2

CBN, VPC, STS = "2017-09-12", "2016-04-28", "2015-04-01"
METHODS = ["GET", "POST"]


def request(emulator, version, action, method, params):
    """A CommonRequest; parameters go in the query for GET and in the form body for POST."""
    req = CommonRequest(domain=emulator.endpoint, version=version, action_name=action)
    req.set_protocol_type("http")
    req.set_method(method)
    for key, value in params.items():
        if method == "POST":
            req.add_body_params(key, value)
        else:
            req.add_query_param(key, value)
    return req


def client(who, region="cn-hangzhou"):
    if isinstance(who, StsTokenCredential):
        return AcsClient(region_id=region, credential=who)
    key_id, secret = KEYS[who] if isinstance(who, str) else who
    return AcsClient(key_id, secret, region)


def call(emulator, who, version, action, method="GET", **params):
    body = client(who).do_action_with_exception(request(emulator, version, action, method, params))
    return json.loads(body)


@pytest.fixture
def emulator(emulator_factory):
    """Transitions settle at once: these tests are about the wire, not about waiting."""
    return emulator_factory(transition_seconds=0)


def last_call(emulator):
    return emulator.calls()[-1]


@pytest.mark.parametrize("method", METHODS)
def test_cen_flow(emulator, method):
    cen_id = call(emulator, UID1, CBN, "CreateCen", method, Name="legacy", Description="d")["CenId"]
    assert last_call(emulator)["ignored_params"] == []
    cens = call(emulator, UID1, CBN, "DescribeCens", method, **{"Filter.1.Key": "CenId", "Filter.1.Value.1": cen_id})
    assert [c["Name"] for c in cens["Cens"]["Cen"]] == ["legacy"]
    call(
        emulator,
        UID1,
        CBN,
        "AttachCenChildInstance",
        method,
        CenId=cen_id,
        ChildInstanceId="vpc-a1",
        ChildInstanceType="VPC",
        ChildInstanceRegionId="cn-hangzhou",
    )
    children = call(emulator, UID1, CBN, "DescribeCenAttachedChildInstances", method, CenId=cen_id)
    assert [c["ChildInstanceId"] for c in children["ChildInstances"]["ChildInstance"]] == ["vpc-a1"]
    assert all(c["ignored_params"] == [] for c in emulator.calls())


@pytest.mark.parametrize("method", METHODS)
def test_vpc_flow(emulator, method):
    vpcs = call(emulator, UID1, VPC, "DescribeVpcs", method, RegionId="cn-shanghai")
    assert [v["VpcId"] for v in vpcs["Vpcs"]["Vpc"]] == ["vpc-a2"]
    vsw = call(
        emulator,
        UID1,
        VPC,
        "CreateVSwitch",
        method,
        RegionId="cn-hangzhou",
        VpcId="vpc-a1",
        ZoneId="cn-hangzhou-h",
        CidrBlock="10.0.1.0/24",
    )["VSwitchId"]
    listed = call(emulator, UID1, VPC, "DescribeVSwitches", method, RegionId="cn-hangzhou", VpcId="vpc-a1")
    assert [s["VSwitchId"] for s in listed["VSwitches"]["VSwitch"]] == [vsw]
    assert all(c["ignored_params"] == [] for c in emulator.calls())


@pytest.mark.parametrize("method", METHODS)
def test_sts_flow(emulator, method):
    assert call(emulator, UID2, STS, "GetCallerIdentity", method)["AccountId"] == UID2
    creds = call(
        emulator, UID2, STS, "AssumeRole", method, RoleArn="acs:ram::%s:role/ops" % UID1, RoleSessionName="legacy"
    )["Credentials"]
    assumed = StsTokenCredential(creds["AccessKeyId"], creds["AccessKeySecret"], creds["SecurityToken"])
    who = call(emulator, assumed, STS, "GetCallerIdentity", method)
    assert (who["AccountId"], who["IdentityType"]) == (UID1, "AssumedRoleUser")
    cen_id = call(emulator, assumed, CBN, "CreateCen", method, Name="as-role")["CenId"]
    assert emulator.world.get("cen", cen_id)["_account"] == UID1


@pytest.mark.parametrize("method", METHODS)
def test_a_parameter_no_model_defines_is_accepted_and_named_in_the_call_log(emulator, method):
    call(emulator, UID1, CBN, "DescribeCens", method, NoSuchParam="1")
    assert last_call(emulator)["ignored_params"] == ["NoSuchParam"]


@pytest.mark.parametrize("method", METHODS)
def test_a_wrong_secret_is_reported_with_the_servers_string_to_sign(emulator, method):
    with pytest.raises(ServerException) as info:
        call(emulator, ("AK1", "wrong"), CBN, "DescribeCens", method, PageSize="5")
    err = info.value
    assert (err.get_http_status(), err.get_error_code()) == (400, "SignatureDoesNotMatch")
    assert err.get_request_id()
    server_string = err.get_error_msg().split("server string to sign is:")[1]
    assert server_string.startswith(method + "&%2F&AccessKeyId%3DAK1%26Action%3DDescribeCens%26")
    assert "PageSize%3D5" in server_string


def test_errors_carry_the_clouds_fields(emulator):
    req = request(emulator, CBN, "DeleteCen", "GET", {"CenId": "cen-nosuch"})
    status, _headers, body, _exc = client(UID1)._implementation_of_do_action(req)
    assert status == 400
    body = json.loads(body)
    assert set(body) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert body["Code"] == "ParameterCenInstanceId" and body["HostId"] == "cbn.aliyuncs.com"
    assert body["Recommend"].endswith("q=ParameterCenInstanceId&product=Cbn&requestId=%s" % body["RequestId"])
