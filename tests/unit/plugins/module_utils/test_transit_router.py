# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/transit_router.py through the real SDK against a scripted HTTP API: the requests the
cores send and what they return, in check mode and not.

The same cores against the emulator are in tests/integration/targets/transit_router*.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

try:
    from urllib.parse import parse_qs
except ImportError:  # pragma: no cover
    from urlparse import parse_qs

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import transit_router as tr
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

SDK_CLIENTS = [importlib.import_module(name) for name in ("alibabacloud_cbn20170912.client",
                                                          "alibabacloud_sts20150401.client")]
UID = "1000000000000001"


def fields_of(request):
    return dict((k, v[0]) for k, v in parse_qs(request["query"]).items())


def actions(fake_api):
    return [r["action"] for r in fake_api.requests if r["action"] != "GetCallerIdentity"]


@pytest.fixture
def session(keys, fake_api, clock):
    fake_api.identity({"AKID": UID})
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep)


# -- transit_router_service -------------------------------------------------------------------------

def service(fake_api, enabled):
    fake_api.script["CheckTransitRouterService"] = (200, {"Enabled": "true"} if enabled else {})


@pytest.mark.parametrize("state", ["present", "query"])
def test_an_open_service_is_left_alone(session, fake_api, state):
    service(fake_api, True)
    result = tr.transit_router_service(session, dict(state=state), False)
    assert result == dict(changed=False, account_id=UID, enabled=True)
    assert actions(fake_api) == ["CheckTransitRouterService"]


def test_query_reports_a_closed_service_and_never_opens_it(session, fake_api):
    service(fake_api, False)
    result = tr.transit_router_service(session, dict(state="query"), False)
    assert result == dict(changed=False, account_id=UID, enabled=False)
    assert actions(fake_api) == ["CheckTransitRouterService"]


def test_check_mode_says_it_would_open_it_for_good_and_opens_nothing(session, fake_api):
    service(fake_api, False)
    result = tr.transit_router_service(session, dict(state="present"), True)
    assert result["changed"] is True and result["enabled"] is True
    (warning,) = result["warnings"]
    assert "account %s" % UID in warning and "cannot be undone" in warning
    assert result["diff"]["before"] == dict(account_id=UID, enabled=False)
    assert result["diff"]["after"] == dict(account_id=UID, enabled=True)
    assert "cannot be undone" in result["diff"]["after_header"]
    assert actions(fake_api) == ["CheckTransitRouterService"]


def test_present_opens_a_closed_service_once_with_a_client_token(session, fake_api):
    service(fake_api, False)
    fake_api.script["OpenTransitRouterService"] = (200, {"OrderId": "2026"})
    result = tr.transit_router_service(session, dict(state="present"), False)
    assert (result["changed"], result["enabled"], result["order_id"]) == (True, True, "2026")
    assert "cannot be undone" in result["diff"]["after_header"]
    assert "warnings" not in result
    assert actions(fake_api) == ["CheckTransitRouterService", "OpenTransitRouterService"]
    assert fields_of(fake_api.requests[-1])["ClientToken"]


def test_a_service_opened_meanwhile_is_no_change(session, fake_api):
    service(fake_api, False)
    fake_api.script["OpenTransitRouterService"] = (400, {"Code": "Order.Opened", "Message": "opened"})
    assert tr.transit_router_service(session, dict(state="present"), False) == dict(
        changed=False, account_id=UID, enabled=True)


def test_a_refused_opening_is_reported_with_its_code(session, fake_api):
    service(fake_api, False)
    fake_api.script["OpenTransitRouterService"] = (400, {"Code": "Risk.RiskControlRejection", "Message": "no"})
    with pytest.raises(AlicloudError) as exc:
        tr.transit_router_service(session, dict(state="present"), False)
    assert exc.value.code == "Risk.RiskControlRejection"
    assert str(exc.value).startswith("OpenTransitRouterService failed: Risk.RiskControlRejection")
