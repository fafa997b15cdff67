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
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_batch import transit_router_task

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


# -- transit_router -----------------------------------------------------------------------------------

class Routers(object):
    """ListTransitRouters over a list of routers; Create / Update / Delete / TagResources change it. A router
    written is ``Creating`` / ``Modifying`` for one listing, then ``Active``; a deleted one is listed as
    ``Deleting`` once, then gone."""

    def __init__(self, fake_api):
        self.routers = []
        self.requests = []
        for action in ("ListTransitRouters", "CreateTransitRouter", "UpdateTransitRouter", "DeleteTransitRouter",
                       "TagResources", "UntagResources"):
            fake_api.script[action] = self._answer(action)

    def add(self, router_id="tr-a", **fields):
        router = dict(TransitRouterId=router_id, CenId="cen-a", RegionId="cn-hangzhou", Type="Enterprise",
                      Status="Active", TransitRouterName="hz", TransitRouterDescription="", AliUid=int(UID),
                      Tags=[dict(Key="env", Value="prod")])
        router.update(fields)
        self.routers.append(router)
        return router

    def _answer(self, action):
        def answer(request):
            fields = fields_of(request)
            self.requests.append((action, fields))
            return 200, getattr(self, action)(fields)
        return answer

    def ListTransitRouters(self, fields):
        keys = ("CenId", "RegionId", "TransitRouterId")
        found = [r for r in self.routers if all(fields.get(k) in (None, r[k]) for k in keys)]
        listed = [dict(r) for r in found]
        for router in found:
            if router["Status"] in ("Creating", "Modifying"):
                router["Status"] = "Active"
            elif router["Status"] == "Deleting":
                self.routers.remove(router)
        return dict(TransitRouters=listed, TotalCount=len(listed), PageNumber=1, PageSize=50)

    def CreateTransitRouter(self, fields):
        tags = [dict(Key=fields["Tag.%d.Key" % i], Value=fields.get("Tag.%d.Value" % i, ""))
                for i in range(1, 21) if "Tag.%d.Key" % i in fields]
        self.add("tr-new", CenId=fields["CenId"], RegionId=fields["RegionId"], Status="Creating",
                 TransitRouterName=fields.get("TransitRouterName", ""), Tags=tags,
                 TransitRouterDescription=fields.get("TransitRouterDescription", ""))
        return dict(TransitRouterId="tr-new")

    def UpdateTransitRouter(self, fields):
        router = [r for r in self.routers if r["TransitRouterId"] == fields["TransitRouterId"]][0]
        router.update((k, v) for k, v in fields.items() if k in ("TransitRouterName", "TransitRouterDescription"))
        router["Status"] = "Modifying"
        return {}

    def DeleteTransitRouter(self, fields):
        [r for r in self.routers if r["TransitRouterId"] == fields["TransitRouterId"]][0]["Status"] = "Deleting"
        return {}

    def TagResources(self, fields):
        return {}

    def UntagResources(self, fields):
        return {}

    def writes(self):
        return [(action, fields) for action, fields in self.requests if action != "ListTransitRouters"]


@pytest.fixture
def routers(fake_api):
    return Routers(fake_api)


def router_params(**given):
    return dict(dict(cen_id="cen-a", region=None, name=None, description=None, tags=None, purge_tags=True,
                     state="present", wait=True, wait_timeout=300), **given)


def test_create_waits_for_active_with_a_client_token_in_the_session_region(session, routers):
    result = tr.transit_router(session, router_params(name="hz", description="Hangzhou", tags={"env": "prod"}), False)
    assert result["changed"] is True
    assert result["transit_router_id"] == "tr-new"
    assert result["transit_router"]["status"] == "Active"
    assert result["transit_router"]["ali_uid"] == UID
    assert result["transit_router"]["tags"] == {"env": "prod"}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"] == dict(transit_router_id="tr-new", cen_id="cen-a", region="cn-hangzhou",
                                           name="hz", description="Hangzhou", tags={"env": "prod"})
    ((action, fields),) = routers.writes()
    assert action == "CreateTransitRouter"
    assert (fields["CenId"], fields["RegionId"], fields["TransitRouterName"]) == ("cen-a", "cn-hangzhou", "hz")
    assert (fields["Tag.1.Key"], fields["Tag.1.Value"]) == ("env", "prod")
    assert fields["ClientToken"]


def test_a_busy_create_is_retried_with_the_same_client_token(session, routers, fake_api):
    create = fake_api.script["CreateTransitRouter"]
    answers = [lambda request: (400, {"Code": "IncorrectStatus.CenInstance", "Message": "the CEN is Creating"}),
               create]
    tokens = []

    def busy_then_create(request):
        tokens.append(fields_of(request)["ClientToken"])
        return answers.pop(0)(request)
    fake_api.script["CreateTransitRouter"] = busy_then_create
    assert tr.transit_router(session, router_params(region="cn-shanghai"), False)["transit_router_id"] == "tr-new"
    assert len(tokens) == 2 and tokens[0] == tokens[1]


def test_an_unchanged_router_is_read_and_nothing_written(session, routers):
    routers.add()
    result = tr.transit_router(session, router_params(name="hz", tags={"env": "prod"}), False)
    assert (result["changed"], result["transit_router_id"]) == (False, "tr-a")
    assert "diff" not in result
    assert routers.writes() == []


def test_check_mode_predicts_a_create_and_writes_nothing(session, routers):
    result = tr.transit_router(session, router_params(name="hz", region="cn-shanghai"), True)
    assert result["changed"] is True
    assert result["transit_router_id"].startswith("tr-checkmode-")
    assert result["transit_router"]["region_id"] == "cn-shanghai"
    assert result["diff"]["after"]["name"] == "hz"
    assert routers.writes() == []


def test_a_cen_predicted_by_check_mode_needs_no_call(session, routers, fake_api):
    result = tr.transit_router(session, router_params(cen_id="cen-checkmode-1a2b3c4d"), True)
    assert result["changed"] is True and result["transit_router"]["cen_id"] == "cen-checkmode-1a2b3c4d"
    assert fake_api.requests == []
    with pytest.raises(AlicloudError, match="^cen_id: cen-checkmode-1a2b3c4d is an id predicted by check mode"):
        tr.transit_router(session, router_params(cen_id="cen-checkmode-1a2b3c4d"), False)


def test_a_batch_on_a_cen_predicted_by_check_mode_predicts_each_region_without_a_call(session, routers, fake_api):
    params = router_params(cen_id="cen-checkmode-1a2b3c4d", region=None, name=None, description=None, tags=None,
                           routers=[dict(region="cn-hangzhou", name="hz", description=None, tags=None),
                                    dict(region="cn-shanghai", name=None, description=None, tags=None)])
    result = transit_router_task(session, params, True)
    assert [(r["region"], r["changed"]) for r in result["results"]] == [("cn-hangzhou", True), ("cn-shanghai", True)]
    assert result["diff"]["after"]["cn-hangzhou"]["name"] == "hz"
    assert all(r["transit_router_id"].startswith("tr-checkmode-") for r in result["results"])
    assert fake_api.requests == []
    with pytest.raises(AlicloudError, match=r"^nothing was changed: routers\[0\] \(cn-hangzhou\): cen_id: "
                                            r"cen-checkmode-1a2b3c4d is an id predicted.*; routers\[1\] \(cn-shanghai\)"):
        transit_router_task(session, params, False)
    assert fake_api.requests == []


def test_name_description_and_tags_are_changed_in_place(session, routers):
    routers.add(Tags=[dict(Key="env", Value="prod"), dict(Key="old", Value="x")])
    result = tr.transit_router(session, router_params(name="hz2", description="new", tags={"env": "dev"}), False)
    assert result["changed"] is True
    assert result["diff"]["before"]["name"] == "hz" and result["diff"]["after"]["name"] == "hz2"
    actions = [action for action, _fields in routers.writes()]
    assert actions == ["UpdateTransitRouter", "UntagResources", "TagResources"]
    update, untag, tag = [fields for _action, fields in routers.writes()]
    assert (update["TransitRouterId"], update["RegionId"]) == ("tr-a", "cn-hangzhou")
    assert (update["TransitRouterName"], update["TransitRouterDescription"]) == ("hz2", "new")
    assert (untag["ResourceType"], untag["ResourceId.1"], untag["TagKey.1"]) == ("TransitRouter", "tr-a", "old")
    assert (tag["ResourceType"], tag["Tag.1.Key"], tag["Tag.1.Value"]) == ("TransitRouter", "env", "dev")


def test_check_mode_predicts_an_update(session, routers):
    routers.add()
    result = tr.transit_router(session, router_params(description="new"), True)
    assert result["changed"] is True
    assert result["transit_router"]["transit_router_description"] == "new"
    assert result["diff"]["before"]["description"] == "" and result["diff"]["after"]["description"] == "new"
    assert routers.writes() == []


def test_absent_deletes_and_waits_until_gone(session, routers):
    routers.add()
    result = tr.transit_router(session, router_params(state="absent"), False)
    assert (result["changed"], result["transit_router_id"], result["transit_router"]) == (True, "tr-a", {})
    assert result["diff"]["after"] == {} and result["diff"]["before"]["transit_router_id"] == "tr-a"
    assert [action for action, _fields in routers.writes()] == ["DeleteTransitRouter"]
    assert routers.routers == []
    again = tr.transit_router(session, router_params(state="absent"), False)
    assert (again["changed"], again["transit_router_id"]) == (False, None)


def test_check_mode_predicts_a_delete(session, routers):
    routers.add()
    assert tr.transit_router(session, router_params(state="absent"), True)["changed"] is True
    assert routers.writes() == []


def test_a_router_still_in_use_names_what_is_left(session, routers, fake_api):
    routers.add()
    fake_api.script["DeleteTransitRouter"] = (400, {"Code": "InvalidOperation.AttachedChildInstanceExist",
                                                    "Message": "in use"})
    fake_api.script["ListTransitRouterVpcAttachments"] = (200, {"TransitRouterAttachments": [
        dict(TransitRouterAttachmentId="tr-attach-vpc1")]})
    fake_api.script["ListTransitRouterPeerAttachments"] = (200, {"TransitRouterAttachments": [
        dict(TransitRouterAttachmentId="tr-attach-peer1")]})
    with pytest.raises(AlicloudError) as exc:
        tr.transit_router(session, router_params(state="absent"), False)
    assert exc.value.code == "InvalidOperation.AttachedChildInstanceExist"
    assert "VPC attachment tr-attach-vpc1, inter-region attachment tr-attach-peer1" in exc.value.message
    assert "transit_router_vpc_attachment" in exc.value.message


def test_a_router_with_custom_route_tables_names_them(session, routers, fake_api):
    routers.add()
    fake_api.script["DeleteTransitRouter"] = (400, {"Code": "OperationFailed.DeleteTransitRouter", "Message": "x"})
    fake_api.script["ListTransitRouterRouteTables"] = (200, {"TransitRouterRouteTables": [
        dict(TransitRouterRouteTableId="vtb-custom1")]})
    with pytest.raises(AlicloudError, match="route table vtb-custom1.*transit_router_route_table"):
        tr.transit_router(session, router_params(state="absent"), False)
    request = fields_of([r for r in fake_api.requests if r["action"] == "ListTransitRouterRouteTables"][0])
    assert (request["TransitRouterId"], request["TransitRouterRouteTableType"]) == ("tr-a", "Custom")


def test_a_closed_service_names_the_account_and_the_module_that_opens_it(session, routers, fake_api):
    fake_api.script["CreateTransitRouter"] = (400, {"Code": "Forbbiden.TransitRouterServiceNotOpen", "Message": "no"})
    with pytest.raises(AlicloudError) as exc:
        tr.transit_router(session, router_params(), False)
    assert exc.value.code == "Forbbiden.TransitRouterServiceNotOpen"
    assert "account %s" % UID in exc.value.message
    assert "alicloud.interconnect.transit_router_service" in exc.value.message


def test_a_cen_of_another_account_names_the_account(session, routers, fake_api):
    fake_api.script["CreateTransitRouter"] = (400, {"Code": "InvalidCenId.NotFound", "Message": "no"})
    with pytest.raises(AlicloudError, match="^CreateTransitRouter failed: InvalidCenId.NotFound: cen_id: the CEN "
                                            "instance cen-a does not exist in account %s" % UID):
        tr.transit_router(session, router_params(), False)


@pytest.mark.parametrize("given, message", [
    (dict(cen_id="cen_a"), "^cen_id: 'cen_a' is not a valid CEN id"),
    (dict(region="cn-nowhere"), "^region: 'cn-nowhere' is not an Alibaba Cloud region"),
    (dict(name=""), "^name: give a non-empty name"),
    (dict(description=""), "^description: give a non-empty description, or leave description out"),
    (dict(name="x" * 129), "^name must be at most 128 characters long"),
    (dict(description="https://x"), "^description cannot start with http"),
    (dict(tags={"acs:x": "1"}), "^tag keys starting with aliyun or acs: are reserved"),
])
def test_bad_input_is_refused_before_any_write(session, routers, given, message):
    with pytest.raises(AlicloudError, match=message):
        tr.transit_router(session, router_params(**given), False)
    assert routers.writes() == []


# -- transit_router_info -------------------------------------------------------------------------------

def info_params(**given):
    return dict(dict(cen_id=None, region=None, transit_router_ids=None, name=None, tags=None), **given)


@pytest.fixture
def zones(fake_api):
    asked = []

    def answer(request):
        region = fields_of(request)["RegionId"]
        asked.append(region)
        return 200, dict(AvailableZones=[region + "-j", region + "-k"], MasterZones=[], SlaveZones=[])
    fake_api.script["ListTransitRouterAvailableResource"] = answer
    return asked


def test_info_lists_routers_with_the_zones_of_their_regions(session, routers, zones):
    routers.add("tr-a", RegionId="cn-hangzhou")
    routers.add("tr-b", RegionId="cn-shanghai")
    routers.add("tr-c", RegionId="cn-hangzhou", CenId="cen-b")
    result = tr.transit_router_info(session, info_params(cen_id="cen-a", name="hz", tags={"env": ""}), False)
    assert result["changed"] is False
    assert [r["transit_router_id"] for r in result["transit_routers"]] == ["tr-a", "tr-b"]
    assert result["transit_routers"][0]["ali_uid"] == UID
    assert result["zones"] == {"cn-hangzhou": ["cn-hangzhou-j", "cn-hangzhou-k"],
                               "cn-shanghai": ["cn-shanghai-j", "cn-shanghai-k"]}
    assert zones == ["cn-hangzhou", "cn-shanghai"]
    ((action, request),) = routers.requests
    assert (request["CenId"], request["TransitRouterName"], request["Tag.1.Key"]) == ("cen-a", "hz", "env")
    assert "Tag.1.Value" not in request and "RegionId" not in request


def test_info_for_a_region_without_routers_gives_its_zones(session, routers, zones):
    result = tr.transit_router_info(session, info_params(region="cn-beijing"), False)
    assert result == dict(changed=False, transit_routers=[], zones={"cn-beijing": ["cn-beijing-j", "cn-beijing-k"]})
    assert routers.requests[0][1]["RegionId"] == "cn-beijing"


def test_info_asks_for_each_id_once(session, routers, zones):
    routers.add("tr-a")
    routers.add("tr-b")
    result = tr.transit_router_info(session, info_params(transit_router_ids=["tr-b", "tr-x", "tr-b", "tr-a"]), False)
    assert [r["transit_router_id"] for r in result["transit_routers"]] == ["tr-b", "tr-a"]
    assert [request["TransitRouterId"] for _action, request in routers.requests] == ["tr-b", "tr-x", "tr-a"]
    assert zones == ["cn-hangzhou"]


def test_info_in_check_mode_finds_nothing_for_predicted_ids(session, routers, zones, fake_api):
    assert tr.transit_router_info(session, info_params(cen_id="cen-checkmode-1a2b3c4d"), True)["transit_routers"] == []
    assert tr.transit_router_info(session, info_params(transit_router_ids=["tr-checkmode-1a2b3c4d"]),
                                  True)["transit_routers"] == []
    assert fake_api.requests == []
    with pytest.raises(AlicloudError, match="^transit_router_ids: tr-checkmode-1a2b3c4d is an id predicted"):
        tr.transit_router_info(session, info_params(transit_router_ids=["tr-checkmode-1a2b3c4d"]), False)


@pytest.mark.parametrize("given, message", [
    (dict(cen_id="vpc-a"), "^cen_id: 'vpc-a' is not a valid CEN id"),
    (dict(transit_router_ids=["tr-a", "tr_b"]), "^transit_router_ids: 'tr_b' is not a valid TR id"),
    (dict(region="hangzhou"), "^region: 'hangzhou' is not an Alibaba Cloud region"),
])
def test_info_refuses_bad_input_before_any_call(session, fake_api, given, message):
    with pytest.raises(AlicloudError, match=message):
        tr.transit_router_info(session, info_params(**given), False)
    assert fake_api.requests == []
