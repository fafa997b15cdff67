# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Session: client configs, endpoints, proxies, requests, errors and retries."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, error_from_sdk
from ansible_collections.alicloud.interconnect.plugins.module_utils.retries import BUSY_CODES, BUSY_PAUSE, RetryPolicy
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import DEFAULT_WAIT_TIMEOUT
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session


def configs(cloud):
    return [config for product, config in cloud.configs]


def session_for(cloud, keys, clock=None, **kwargs):
    if clock is not None:
        kwargs.update(clock=clock, sleep=clock.sleep)
    return Session(keys, client_factory=cloud.factory, **kwargs)


# -- clients and endpoints ------------------------------------------------------------

def test_endpoint_sends_every_product_to_one_address(cloud, keys):
    cloud.respond("DescribeCens", {})
    cloud.respond("DescribeVpcs", {})
    session = session_for(cloud, keys, endpoint="http://127.0.0.1:8765", region="cn-hangzhou")
    session.call("cbn", "DescribeCens")
    session.call("vpc", "DescribeVpcs", RegionId="cn-hangzhou")
    for config in configs(cloud):
        assert (config["endpoint"], config["protocol"]) == ("127.0.0.1:8765", "http")
    assert [product for product, config in cloud.configs] == ["cbn", "vpc"]


def test_endpoint_without_scheme_is_https(cloud, keys):
    cloud.respond("DescribeCens", {})
    session_for(cloud, keys, endpoint="cen.example.internal:443").call("cbn", "DescribeCens")
    assert cloud.configs[0][1]["protocol"] == "https"
    assert cloud.configs[0][1]["endpoint"] == "cen.example.internal:443"


@pytest.mark.parametrize("endpoint", ["ftp://127.0.0.1:1", "http://127.0.0.1:1/path", "http://", "http://h?x=1"])
def test_bad_endpoints_are_refused(keys, endpoint):
    with pytest.raises(AlicloudError, match="is not of the form http"):
        Session(keys, endpoint=endpoint)


def test_without_endpoint_the_sdk_picks_regional_endpoints(cloud, keys):
    cloud.respond("DescribeVpcs", {})
    session_for(cloud, keys, region="eu-central-1").call("vpc", "DescribeVpcs", RegionId="eu-central-1")
    config = cloud.configs[0][1]
    assert config["region_id"] == "eu-central-1"
    assert "endpoint" not in config and "protocol" not in config


def test_global_products_work_without_a_region(cloud, keys):
    cloud.respond("GetCallerIdentity", {"AccountId": "1"})
    cloud.respond("DescribeCens", {})
    session = session_for(cloud, keys)
    session.call("sts", "GetCallerIdentity")
    session.call("cbn", "DescribeCens")
    assert [c["endpoint"] for c in configs(cloud)] == ["sts.aliyuncs.com", "cbn.aliyuncs.com"]


def test_regional_product_without_region_asks_for_one(cloud, keys):
    with pytest.raises(AlicloudError, match="no region: set alicloud_region, ALICLOUD_REGION"):
        session_for(cloud, keys).call("vpc", "DescribeVpcs")


def test_one_client_per_product_and_region(cloud, keys):
    cloud.respond("DescribeVpcs", {})
    session = session_for(cloud, keys, region="cn-hangzhou")
    session.call("vpc", "DescribeVpcs", RegionId="cn-hangzhou")
    session.call("vpc", "DescribeVpcs", RegionId="cn-hangzhou")
    session.call("vpc", "DescribeVpcs", region="cn-shanghai", RegionId="cn-shanghai")
    assert [c["region_id"] for c in configs(cloud)] == ["cn-hangzhou", "cn-shanghai"]


def test_static_credentials_and_token_go_into_the_config(cloud):
    from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import Credentials
    cloud.respond("DescribeCens", {})
    session_for(cloud, Credentials("STS.X", "S", "TOKEN")).call("cbn", "DescribeCens")
    config = cloud.configs[0][1]
    assert (config["access_key_id"], config["access_key_secret"], config["security_token"]) == ("STS.X", "S", "TOKEN")


# -- proxies -------------------------------------------------------------------------

PROXY_ENV = {"HTTP_PROXY": "http://proxy.example:3128", "HTTPS_PROXY": "http://proxy.example:3129"}


def test_proxies_from_the_environment_are_used_for_remote_endpoints(cloud, keys):
    cloud.respond("DescribeCens", {})
    session_for(cloud, keys, endpoint="https://cbn.example.com", environ=PROXY_ENV).call("cbn", "DescribeCens")
    config = cloud.configs[0][1]
    assert (config["http_proxy"], config["https_proxy"]) == ("http://proxy.example:3128", "http://proxy.example:3129")


@pytest.mark.parametrize("endpoint, no_proxy", [
    ("http://127.0.0.1:8765", None),
    ("http://localhost:8765", None),
    ("http://[::1]:8765", None),
    ("https://api.corp.internal", ".corp.internal"),
])
def test_loopback_and_no_proxy_hosts_get_no_proxy(cloud, keys, endpoint, no_proxy):
    environ = dict(PROXY_ENV, NO_PROXY=no_proxy) if no_proxy else PROXY_ENV
    cloud.respond("DescribeCens", {})
    session_for(cloud, keys, endpoint=endpoint, environ=environ).call("cbn", "DescribeCens")
    config = cloud.configs[0][1]
    assert "http_proxy" not in config and "https_proxy" not in config


def test_loopback_endpoint_works_through_the_real_sdk_with_a_proxy_set(fake_api, keys, monkeypatch):
    # The SDK would send this request to the (dead) proxy: it ignores NO_PROXY.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    fake_api.identity({"AKID": "1000000000000001"})
    session = Session(keys, endpoint=fake_api.url, retry=RetryPolicy(max_attempts=1))
    assert session.account_id() == "1000000000000001"
    assert os.environ["HTTP_PROXY"] == os.environ["http_proxy"] == "http://127.0.0.1:9"


# -- requests ------------------------------------------------------------------------

def test_fields_are_wire_names_and_none_is_left_out(cloud, keys):
    cloud.respond("CreateCen", {"CenId": "cen-1"})
    session = session_for(cloud, keys)
    body = session.call("cbn", "CreateCen", Name="n", Description=None, Tag=[{"Key": "env", "Value": "dev"}])
    assert body == {"CenId": "cen-1"}
    assert cloud.calls[0]["request"] == {"Name": "n", "Tag": [{"Key": "env", "Value": "dev"}]}


def test_unknown_field_is_a_programming_error(cloud, keys):
    with pytest.raises(ValueError, match="CreateCen has no request field Nmae"):
        session_for(cloud, keys).call("cbn", "CreateCen", Nmae="typo")
    assert cloud.calls == []


def test_operation_without_request_model_takes_no_fields(cloud, keys):
    with pytest.raises(ValueError, match="GetCallerIdentity takes no request fields"):
        session_for(cloud, keys).call("sts", "GetCallerIdentity", Foo="x")


def test_unknown_operation_and_product(cloud, keys):
    session = session_for(cloud, keys)
    with pytest.raises(ValueError, match="has no operation CreateCenn"):
        session.call("cbn", "CreateCenn")
    with pytest.raises(ValueError, match="unknown product 'ecs'"):
        session.call("ecs", "DescribeInstances")


def test_method_names_follow_the_sdk_for_vswitch_style_operations(keys):
    from alibabacloud_vpc20160428.client import Client
    from ansible_collections.alicloud.interconnect.plugins.module_utils.session import _method_name
    assert _method_name(Client.__new__(Client), "DescribeVSwitches") == "describe_vswitches"
    assert _method_name(Client.__new__(Client), "DescribeVRouters") == "describe_vrouters"


def test_missing_sdk_names_the_pip_package(cloud, keys, monkeypatch):
    monkeypatch.setitem(sys.modules, "alibabacloud_cbn20170912.client", None)
    with pytest.raises(AlicloudError) as exc:
        session_for(cloud, keys).call("cbn", "DescribeCens")
    assert exc.value.code == "MissingLibrary"
    assert "alibabacloud-cbn20170912" in str(exc.value)


def test_caller_identity_is_cached(cloud, keys):
    cloud.respond("GetCallerIdentity", {"AccountId": 1000000000000001, "Arn": "acs:ram::1000000000000001:root"})
    session = session_for(cloud, keys)
    assert session.account_id() == "1000000000000001"
    assert session.account_id() == "1000000000000001"
    assert cloud.operations() == ["GetCallerIdentity"]


def test_client_tokens_are_fresh_and_short():
    tokens = set(Session.client_token() for attempt in range(20))
    assert len(tokens) == 20
    assert all(len(t) <= 64 and t.isascii() for t in tokens)


# -- errors -----------------------------------------------------------------------------

def test_api_error_uses_the_raw_message(sdk_error):
    error = error_from_sdk(sdk_error.client("Forbbiden.AttachChildInstanceAcrossUid", "not granted", status=409,
                                            request_id="R-9"), "AttachCenChildInstance", "x")
    assert (error.code, error.message, error.request_id, error.status) == \
        ("Forbbiden.AttachChildInstanceAcrossUid", "not granted", "R-9", 409)
    assert str(error) == "AttachCenChildInstance failed: Forbbiden.AttachChildInstanceAcrossUid: not granted " \
                         "(request id R-9)"


def test_error_str_leaves_out_unknown_parts():
    assert str(AlicloudError(None, "plain")) == "plain"
    assert str(AlicloudError("WaitTimeout", "slow")) == "WaitTimeout: slow"
    assert str(AlicloudError(None, "down", action="DescribeCens")) == "DescribeCens failed: down"


def test_connection_error_names_the_endpoint(cloud, keys, sdk_error):
    cloud.respond("DescribeCens", sdk_error.unreachable("Connection refused"))
    session = session_for(cloud, keys, endpoint="http://127.0.0.1:1", retry=RetryPolicy(max_attempts=1))
    with pytest.raises(AlicloudError) as exc:
        session.call("cbn", "DescribeCens")
    assert exc.value.code is None and exc.value.transient
    assert str(exc.value) == "DescribeCens failed: cannot reach the Alibaba Cloud API at http://127.0.0.1:1: " \
                             "Connection refused"


def test_real_connection_refused_is_reported(keys, fake_api):
    fake_api.close()
    session = Session(keys, endpoint=fake_api.url, retry=RetryPolicy(max_attempts=1))
    with pytest.raises(AlicloudError, match="GetCallerIdentity failed: cannot reach the Alibaba Cloud API at %s"
                                            % fake_api.url):
        session.account_id()


def test_real_api_error_through_the_sdk(keys, fake_api):
    fake_api.script["GetCallerIdentity"] = (400, {"Code": "SignatureDoesNotMatch",
                                                  "Message": "Specified signature is not matched."})
    with pytest.raises(AlicloudError) as exc:
        Session(keys, endpoint=fake_api.url).account_id()
    assert str(exc.value) == "GetCallerIdentity failed: SignatureDoesNotMatch: Specified signature is not matched. " \
                             "(request id FAKE-REQ)"
    assert exc.value.status == 400
    assert len(fake_api.requests) == 1


def test_non_json_answer_is_reported_without_retry(keys, fake_api):
    fake_api.script["DescribeCens"] = (502, b"<html>Bad Gateway</html>")
    with pytest.raises(AlicloudError) as exc:
        Session(keys, endpoint=fake_api.url).call("cbn", "DescribeCens")
    assert str(exc.value).startswith("DescribeCens failed: unexpected answer from %s: " % fake_api.url)
    assert len(fake_api.requests) == 1


@pytest.mark.parametrize("product, operation, fields, answer", [
    ("cbn", "DescribeCens", dict(PageSize=10), {"TotalCount": 0, "Cens": {"Cen": []}}),
    ("vpc", "DescribeVpcs", dict(RegionId="cn-hangzhou", VpcId="vpc-1"), {"TotalCount": 0, "Vpcs": {"Vpc": []}}),
    ("vpcpeer", "ListVpcPeerConnections", dict(RegionId="cn-hangzhou", VpcId=["vpc-1"]),
     {"TotalCount": 0, "VpcPeerConnects": []}),
    ("sts", "GetCallerIdentity", {}, {"AccountId": "1000000000000001"}),
])
def test_every_product_goes_through_its_real_sdk_client(keys, fake_api, product, operation, fields, answer):
    fake_api.script[operation] = (200, answer)
    session = Session(keys, endpoint=fake_api.url, region="cn-hangzhou")
    body = session.call(product, operation, **fields)
    assert body == dict(answer, RequestId="FAKE-REQ")
    assert [(r["action"], r["access_key_id"]) for r in fake_api.requests] == [(operation, "AKID")]


# -- retries -----------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["Throttling", "Throttling.User", "Throttling.Api", "Rejected.Throttling",
                                  "ServiceUnavailable", "InternalError"])
def test_throttling_and_transient_codes_are_retried(cloud, keys, clock, sdk_error, code):
    cloud.respond("DescribeCens", sdk_error.client(code), {"TotalCount": 0})
    assert session_for(cloud, keys, clock).call("cbn", "DescribeCens") == {"TotalCount": 0}
    assert len(cloud.calls) == 2 and len(clock.sleeps) == 1


def test_5xx_and_unreachable_are_retried(cloud, keys, clock, sdk_error):
    cloud.respond("DescribeCens", sdk_error.server("SomethingOdd", 502), sdk_error.unreachable(), {"TotalCount": 0})
    assert session_for(cloud, keys, clock).call("cbn", "DescribeCens") == {"TotalCount": 0}
    assert len(cloud.calls) == 3


@pytest.mark.parametrize("code", ["InvalidParameter", "Forbbiden.AttachChildInstanceAcrossUid", "IncorrectStatus.Cen"])
def test_other_client_errors_fail_at_once(cloud, keys, clock, sdk_error, code):
    cloud.respond("DescribeCens", sdk_error.client(code))
    with pytest.raises(AlicloudError) as exc:
        session_for(cloud, keys, clock).call("cbn", "DescribeCens")
    assert exc.value.code == code
    assert len(cloud.calls) == 1 and clock.sleeps == []


def test_busy_codes_of_the_operation_are_retried_until_accepted(cloud, keys, clock, sdk_error):
    cloud.respond("ModifyCenAttribute", sdk_error.client("Operation.Blocking"),
                  sdk_error.client("InvalidOperation.CenInstanceStatus"), {})
    session_for(cloud, keys, clock, rand=lambda: 1.0).call("cbn", "ModifyCenAttribute", CenId="cen-a", Name="x")
    assert len(cloud.calls) == 3
    assert clock.sleeps == [0.2, 0.4]        # BUSY_FIRST_PAUSE, doubling up to BUSY_PAUSE


def test_busy_until_the_task_deadline_raises_the_last_answer(cloud, keys, clock, sdk_error):
    cloud.respond("DeleteCen", sdk_error.client("Operation.Blocking", message="another operation"))
    with pytest.raises(AlicloudError) as exc:
        session_for(cloud, keys, clock, timeout=30).call("cbn", "DeleteCen", CenId="cen-a")
    assert exc.value.code == "Operation.Blocking"
    assert "another operation (still refused as busy when wait_timeout (30 seconds for the whole task) ran out)" \
        in str(exc.value)
    assert sum(clock.sleeps) == pytest.approx(30) and max(clock.sleeps) <= BUSY_PAUSE


def test_busy_codes_belong_to_their_operation(cloud, keys, clock, sdk_error):
    """A code that means busy for one operation is an answer like any other for the rest."""
    cloud.respond("DescribeCens", sdk_error.client("Operation.Blocking"))
    cloud.respond("DeleteCen", sdk_error.client("InvalidOperation.AttachedChildInstanceExist"))
    session = session_for(cloud, keys, clock)
    with pytest.raises(AlicloudError):
        session.call("cbn", "DescribeCens")
    with pytest.raises(AlicloudError):
        session.call("cbn", "DeleteCen", CenId="cen-a")
    assert cloud.operations() == ["DescribeCens", "DeleteCen"] and clock.sleeps == []


def test_every_busy_family_is_in_the_one_table():
    assert BUSY_CODES[("cbn", "AttachCenChildInstance")][:2] == ("Operation.Blocking",
                                                                 "InvalidOperation.CenInstanceStatus")
    assert "IncorrectStatus*" in BUSY_CODES[("vpc", "CreateRouteEntry")]
    assert BUSY_CODES[("vpcpeer", "DeleteVpcPeerConnection")] == BUSY_CODES[("vpc", "DeleteRouterInterface")]
    assert ("cbn", "DescribeCens") not in BUSY_CODES


def test_retry_after_is_honoured(cloud, keys, clock, sdk_error):
    cloud.respond("DescribeCens", sdk_error.throttled(1500), sdk_error.throttled(250), {})
    session_for(cloud, keys, clock).call("cbn", "DescribeCens")
    assert clock.sleeps == [1.5, 0.25]


def test_retry_after_beyond_the_time_budget_gives_up(cloud, keys, clock, sdk_error):
    cloud.respond("DescribeCens", sdk_error.throttled(200000))
    with pytest.raises(AlicloudError) as exc:
        session_for(cloud, keys, clock, retry=RetryPolicy(max_total=60)).call("cbn", "DescribeCens")
    assert exc.value.code == "Throttling.User" and exc.value.retry_after == 200
    assert len(cloud.calls) == 1 and clock.sleeps == []


def test_attempts_are_capped(cloud, keys, clock, sdk_error):
    cloud.respond("DescribeCens", sdk_error.server())
    with pytest.raises(AlicloudError, match="ServiceUnavailable"):
        session_for(cloud, keys, clock, retry=RetryPolicy(max_attempts=4)).call("cbn", "DescribeCens")
    assert len(cloud.calls) == 4 and len(clock.sleeps) == 3


def test_throttled_attempts_are_capped_apart(cloud, keys, clock, sdk_error):
    cloud.respond("DescribeCens", sdk_error.client("Throttling.User"))
    policy = RetryPolicy(max_attempts=2, max_throttled_attempts=5, max_total=1000)
    with pytest.raises(AlicloudError, match="Throttling.User"):
        session_for(cloud, keys, clock, retry=policy).call("cbn", "DescribeCens")
    assert len(cloud.calls) == 5


def test_throttling_does_not_use_up_the_other_failures_budget(cloud, keys, clock, sdk_error):
    # A storm: throttled answers between two 503s; max_attempts=3 counts only the 503s.
    cloud.respond("DescribeCens", sdk_error.throttled(10), sdk_error.server(), sdk_error.throttled(10),
                  sdk_error.throttled(10), sdk_error.server(), {})
    session_for(cloud, keys, clock, retry=RetryPolicy(max_attempts=3)).call("cbn", "DescribeCens")
    assert len(cloud.calls) == 6


def test_total_time_is_capped(cloud, keys, clock, sdk_error):
    cloud.respond("DescribeCens", sdk_error.server())
    policy = RetryPolicy(max_attempts=100, base_delay=1, max_delay=8, max_total=20)
    with pytest.raises(AlicloudError, match="ServiceUnavailable"):
        session_for(cloud, keys, clock, retry=policy, rand=lambda: 1.0).call("cbn", "DescribeCens")
    assert clock.sleeps == [1, 2, 4, 8]          # the next 8 would end after 20 s
    assert sum(clock.sleeps) <= 20


def test_backoff_is_exponential_jittered_and_capped():
    policy = RetryPolicy(max_throttled_attempts=10, base_delay=1, max_delay=8, max_total=1000)
    error = AlicloudError("Throttling", "x")
    assert [policy.delay(error, n, 0, rand=lambda: 1.0) for n in (1, 2, 3, 4, 5, 6)] == [1, 2, 4, 8, 8, 8]
    assert [policy.delay(error, n, 0, rand=lambda: 0.0) for n in (1, 2, 3, 4, 5)] == [0.5, 1, 2, 4, 4]
    assert policy.delay(error, 10, 0) is None


def test_client_token_is_reused_across_attempts(cloud, keys, clock, sdk_error):
    cloud.respond("CreateCen", sdk_error.unreachable("Read timed out"), sdk_error.server(), {"CenId": "cen-1"})
    session = session_for(cloud, keys, clock)
    token = session.client_token()
    assert session.call("cbn", "CreateCen", ClientToken=token, Name="n")["CenId"] == "cen-1"
    assert [c["request"]["ClientToken"] for c in cloud.calls] == [token, token, token]


def test_retries_resend_the_same_request(fake_api, keys, monkeypatch):
    attempts = []

    def answer(request):
        attempts.append(request["query"])
        if len(attempts) == 1:
            return 400, {"Code": "Throttling.User", "Message": "slow"}, {"x-acs-retry-after": "10"}
        return 200, {"CenId": "cen-9"}

    fake_api.script["CreateCen"] = answer
    session = Session(keys, endpoint=fake_api.url)
    assert session.call("cbn", "CreateCen", ClientToken="tok-1", Name="n")["CenId"] == "cen-9"
    assert len(attempts) == 2 and attempts[0] == attempts[1]
    assert "ClientToken=tok-1" in attempts[0]


def test_the_task_deadline_is_the_wait_timeout_from_the_start_of_the_task(clock):
    params = dict(alicloud_access_key="AK", alicloud_secret_key="SK", wait_timeout=42)
    session = Session.from_params(params, environ={}, clock=clock, sleep=clock.sleep)
    assert (session.deadline.seconds, session.deadline.remaining()) == (42, 42)
    clock.sleep(40)
    assert session.deadline.remaining() == 2
    without = Session.from_params(dict(alicloud_access_key="AK", alicloud_secret_key="SK"), environ={}, clock=clock)
    assert without.deadline.seconds == DEFAULT_WAIT_TIMEOUT


@pytest.mark.parametrize("timeout, read_timeout_ms", [(600, 600000), (300, 300000), (2, 10000)])
def test_a_slow_answer_is_awaited_as_long_as_the_task_budget(cloud, keys, timeout, read_timeout_ms):
    """The SDK's read timeout (10 s) would give up on a slow API long before the task's wait_timeout."""
    cloud.respond("DescribeCens", {})
    session_for(cloud, keys, region="cn-hangzhou", timeout=timeout).call("cbn", "DescribeCens")
    assert configs(cloud)[0]["read_timeout"] == read_timeout_ms
