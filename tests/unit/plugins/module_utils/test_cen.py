# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/cen.py, cen_attachments.py and cen_grants.py through the real SDK against a scripted
HTTP API: the paths the emulator does not reach (long listings, filters of more than five values, busy
answers until the deadline, answers that race with another client, a failure in the middle of a batch)
and the requests each core sends.

The lifecycle of every module against the emulator is in tests/integration/targets/cen_*.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import threading

try:
    from urllib.parse import parse_qs
except ImportError:  # pragma: no cover
    from urlparse import parse_qs

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import cen, cen_attachments, cen_grants
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import is_predicted
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

CEN_OWNER = "1000000000000001"
MEMBER = "1000000000000002"

# ansible-test runs every test in a fork of the collecting process: import the SDKs (over a second each)
# once there, not again in every test.
SDK_CLIENTS = [importlib.import_module(name + ".client")
               for name in ("alibabacloud_cbn20170912", "alibabacloud_vpc20160428", "alibabacloud_sts20150401")]


def fields_of(request):
    return dict((k, v[0]) for k, v in parse_qs(request["query"]).items())


def error(code, status=400, message="refused"):
    return status, {"Code": code, "Message": message}


def a_cen(cen_id, name="n", **fields):
    record = dict(CenId=cen_id, Name=name, Description="", ProtectionLevel="REDUCED", Status="Active",
                  CenBandwidthPackageIds={"CenBandwidthPackageId": []}, Tags={"Tag": []})
    record.update(fields)
    return record


def attachment(instance_id, cen_id="cen-a", status="Attached", itype="VPC", region="cn-hangzhou", owner=CEN_OWNER):
    return dict(CenId=cen_id, ChildInstanceId=instance_id, ChildInstanceType=itype, ChildInstanceRegionId=region,
                ChildInstanceOwnerId=int(owner), Status=status)


def pages(key, inner, items, requests=None):
    """A PageNumber/PageSize listing of items, wrapped as {key: {inner: [...]}}; requests are recorded."""
    def answer(request):
        fields = fields_of(request)
        if requests is not None:
            requests.append(fields)
        number, size = int(fields.get("PageNumber", 1)), int(fields.get("PageSize", 10))
        return 200, {key: {inner: items[(number - 1) * size:number * size]}, "TotalCount": len(items),
                     "PageNumber": number, "PageSize": size}
    return answer


def recording(into, answer=(200, {})):
    """An answer that appends the request's fields to the list ``into``."""
    def record(request):
        into.append(fields_of(request))
        return answer
    return record


def sequence(*answers):
    """Answers in order; the last one repeats."""
    answers = list(answers)
    lock = threading.Lock()

    def answer(request):
        with lock:
            return answers.pop(0) if len(answers) > 1 else answers[0]
    return answer


def actions(fake_api, only=None):
    return [r["action"] for r in fake_api.requests if only is None or r["action"] in only]


def cen_params(**overrides):
    params = dict(cen_id=None, name=None, description=None, protection_level=None, tags=None, purge_tags=True,
                  state="present", wait=True, wait_timeout=5)
    params.update(overrides)
    return params


def attach_params(**overrides):
    params = dict(cen_id="cen-a", instance_id=None, instance_type="VPC", instance_region=None, instance_owner_id=None,
                  instances=None, purge_instances=False, state="present", wait=True, wait_timeout=5)
    params.update(overrides)
    return params


def grant_params(**overrides):
    params = dict(cen_id="cen-a", cen_owner_id=CEN_OWNER, instance_id=None, instance_type="VPC", instances=None,
                  state="present")
    params.update(overrides)
    return params


@pytest.fixture
def session(keys, fake_api, clock):
    """A task of 5 seconds (its wait_timeout) on the fake clock: waits and busy retries never sleep."""
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep, timeout=5)


# -- listings -----------------------------------------------------------------------------------

def test_list_cens_reads_every_page(session, fake_api):
    requests = []
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [a_cen("cen-%03d" % i) for i in range(101)], requests)
    assert len(cen.list_cens(session)) == 101
    assert [r["PageNumber"] for r in requests] == ["1", "2", "3"]
    assert set(r["PageSize"] for r in requests) == {"50"}


def test_filters_of_more_than_five_values_are_sent_five_at_a_time(session, fake_api):
    requests = []

    def answer(request):
        fields = fields_of(request)
        requests.append(fields)
        ids = [v for k, v in sorted(fields.items()) if k.startswith("Filter.") and ".Value." in k
               and fields[k.rsplit(".", 2)[0] + ".Key"] == "CenId"]
        return 200, {"Cens": {"Cen": [a_cen(i) for i in ids]}, "TotalCount": len(ids)}
    fake_api.script["DescribeCens"] = answer
    ids = ["cen-%d" % i for i in range(7)]
    found = cen.list_cens(session, filters={"CenId": ids + ["cen-0"], "Name": ["a", "b", "c", "d", "e", "f"]})
    # 8 ids -> 2 chunks, 6 names -> 2 chunks: every combination once, each CEN once in the result
    assert len(requests) == 4
    assert sorted(c["CenId"] for c in found) == sorted(ids)
    for fields in requests:
        assert len([k for k in fields if k.startswith("Filter.") and ".Value." in k]) <= 10
        assert all(len([k for k in fields if k.startswith("Filter.%d.Value." % n)]) <= 5 for n in (1, 2))


def test_tags_filter_an_empty_value_matches_any(session, fake_api):
    requests = []
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [], requests)
    cen.list_cens(session, tags={"env": "prod", "team": None})
    assert (requests[0]["Tag.1.Key"], requests[0]["Tag.1.Value"]) == ("env", "prod")
    assert requests[0]["Tag.2.Key"] == "team" and "Tag.2.Value" not in requests[0]


def test_list_attachments_pages_and_a_missing_cen(session, fake_api):
    requests = []
    items = [attachment("vpc-%03d" % i) for i in range(75)]
    fake_api.script["DescribeCenAttachedChildInstances"] = pages("ChildInstances", "ChildInstance", items, requests)
    assert len(cen_attachments.list_attachments(session, "cen-a", "VPC", "cn-shanghai")) == 75
    assert [(r["PageNumber"], r["ChildInstanceType"], r["ChildInstanceRegionId"]) for r in requests] == \
        [("1", "VPC", "cn-shanghai"), ("2", "VPC", "cn-shanghai")]
    fake_api.script["DescribeCenAttachedChildInstances"] = error("ParameterCenInstanceId")
    assert cen_attachments.list_attachments(session, "cen-x") is None


def test_grant_rules_follow_next_token(session, fake_api):
    tokens = []

    def answer(request):
        fields = fields_of(request)
        tokens.append(fields.get("NextToken"))
        if not fields.get("NextToken"):
            return 200, {"GrantRules": {"GrantRule": [{"ChildInstanceId": "vpc-1"}]}, "NextToken": "1"}
        return 200, {"GrantRules": {"GrantRule": [{"ChildInstanceId": "vpc-2"}]}, "NextToken": ""}
    fake_api.script["DescribeGrantRulesToCen"] = answer
    rules = cen_grants.list_cen_grants(session, "cen-a", "VPC")
    assert [r["ChildInstanceId"] for r in rules] == ["vpc-1", "vpc-2"]
    assert tokens == [None, "1"]


# -- cen_instance -------------------------------------------------------------------------------------------

def test_a_shared_name_is_refused_with_the_ids(session, fake_api):
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [a_cen("cen-a", "core"), a_cen("cen-b", "core")])
    with pytest.raises(AlicloudError, match=r"^2 CEN instances are named 'core' \(cen-a, cen-b\)"):
        cen.cen_instance(session, cen_params(name="core", state="absent"), False)
    assert actions(fake_api) == ["DescribeCens"]


def test_create_sends_a_client_token_and_waits_for_active(session, fake_api):
    fake_api.script["DescribeCens"] = sequence(
        pages("Cens", "Cen", [])(dict(query="")),
        (200, {"Cens": {"Cen": [a_cen("cen-new", "core", Status="Creating")]}, "TotalCount": 1}),
        (200, {"Cens": {"Cen": [a_cen("cen-new", "core", Tags={"Tag": [{"Key": "k", "Value": "v"}]})]},
               "TotalCount": 1}))
    creates = []
    fake_api.script["CreateCen"] = recording(creates, (200, {"CenId": "cen-new"}))
    result = cen.cen_instance(session, cen_params(name="core", tags={"k": "v"}), False)
    assert result["changed"] is True
    assert result["cen_id"] == "cen-new"
    assert result["cen"]["status"] == "Active"
    assert result["diff"]["after"]["tags"] == {"k": "v"}
    assert len(creates[0]["ClientToken"]) >= 32
    assert (creates[0]["Name"], creates[0]["Tag.1.Key"], creates[0]["Tag.1.Value"]) == ("core", "k", "v")
    assert actions(fake_api).count("DescribeCens") == 3


def test_a_cen_that_stays_creating_times_out(session, fake_api):
    fake_api.script["DescribeCens"] = sequence(
        pages("Cens", "Cen", [])(dict(query="")),
        (200, {"Cens": {"Cen": [a_cen("cen-new", Status="Creating")]}, "TotalCount": 1}))
    fake_api.script["CreateCen"] = (200, {"CenId": "cen-new"})
    with pytest.raises(AlicloudError) as exc:
        cen.cen_instance(session, cen_params(name="n", wait_timeout=0), False)
    assert exc.value.code == "WaitTimeout"
    assert "CEN cen-new to become Active" in str(exc.value)


def test_a_cen_created_whose_wait_times_out_reports_the_change_and_its_id(session, fake_api):
    fake_api.script["DescribeCens"] = sequence(
        pages("Cens", "Cen", [])(dict(query="")),
        (200, {"Cens": {"Cen": [a_cen("cen-new", Status="Creating")]}, "TotalCount": 1}))
    fake_api.script["CreateCen"] = (200, {"CenId": "cen-new"})
    with pytest.raises(AlicloudError) as exc:
        cen.cen_instance(session, cen_params(name="n"), False)
    assert (exc.value.changed, exc.value.result) == (True, {"cen_id": "cen-new"})
    assert str(exc.value).startswith("WaitTimeout: created CEN cen-new, then the task failed: wait_timeout (5 seconds")
    assert str(exc.value).endswith("; a re-run with the same name finds it and waits for it again")


def test_wait_false_reads_once_and_never_waits(session, fake_api, clock):
    fake_api.script["DescribeCens"] = sequence(
        pages("Cens", "Cen", [])(dict(query="")),
        (200, {"Cens": {"Cen": [a_cen("cen-new", Status="Creating")]}, "TotalCount": 1}))
    fake_api.script["CreateCen"] = (200, {"CenId": "cen-new"})
    result = cen.cen_instance(session, cen_params(name="n", wait=False), False)
    assert result["cen"]["status"] == "Creating" and clock.sleeps == []


def test_check_mode_create_predicts_an_id_the_other_modules_take(session, fake_api):
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [])
    result = cen.cen_instance(session, cen_params(name="core"), True)
    assert is_predicted(result["cen_id"]) and result["cen_id"].startswith("cen-checkmode-")
    assert result["cen"]["cen_id"] == result["cen_id"]
    again = cen.cen_instance(session, cen_params(cen_id=result["cen_id"], description="d"), True)
    assert again["changed"] is True and again["cen"]["description"] == "d"
    assert actions(fake_api) == ["DescribeCens"]


def test_update_sends_only_what_differs(session, fake_api):
    tags = [dict(Key="keep", Value="1"), dict(Key="drop", Value="2"), dict(Key="acs:system", Value="3")]
    current = a_cen("cen-a", "core", Description="d", Tags={"Tag": tags})
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [current])
    sent = dict(ModifyCenAttribute=[], TagResources=[], UntagResources=[])
    for operation, requests in sent.items():
        fake_api.script[operation] = recording(requests)
    result = cen.cen_instance(session, cen_params(cen_id="cen-a", name="core", description="new",
                                                  tags={"keep": "1", "add": "x"}), False)
    assert result["changed"] is True
    assert sent["ModifyCenAttribute"] == [dict(CenId="cen-a", Description="new")]
    (untag,) = sent["UntagResources"]
    (tag,) = sent["TagResources"]
    # the reserved acs: tag is never purged
    assert (untag["ResourceType"], untag["ResourceId.1"], untag["TagKey.1"]) == ("cen", "cen-a", "drop")
    assert "TagKey.2" not in untag
    assert (tag["Tag.1.Key"], tag["Tag.1.Value"]) == ("add", "x")


def test_check_mode_predicts_without_writing(session, fake_api):
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [a_cen("cen-a", "core")])
    result = cen.cen_instance(session, cen_params(cen_id="cen-a", name="renamed", tags={"a": "b"}), True)
    assert result["changed"] is True
    assert result["cen"]["name"] == "renamed"
    assert result["cen"]["tags"] == {"a": "b"}
    assert result["diff"]["before"]["name"] == "core"
    result = cen.cen_instance(session, cen_params(cen_id="cen-a", state="absent"), True)
    assert result["changed"] is True and result["cen"] == {}
    assert set(actions(fake_api)) == {"DescribeCens"}


def test_delete_that_races_with_another_client_is_not_a_change(session, fake_api):
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [a_cen("cen-a")])
    fake_api.script["DeleteCen"] = error("ParameterCenInstanceId")
    result = cen.cen_instance(session, cen_params(cen_id="cen-a", state="absent"), False)
    assert result == dict(changed=False, cen_id="cen-a", cen={})


def test_deleting_cen_is_awaited_not_deleted_again(session, fake_api):
    fake_api.script["DescribeCens"] = sequence(
        (200, {"Cens": {"Cen": [a_cen("cen-a", Status="Deleting")]}, "TotalCount": 1}),
        (200, {"Cens": {"Cen": []}, "TotalCount": 0}))
    result = cen.cen_instance(session, cen_params(cen_id="cen-a", state="absent"), False)
    assert result["changed"] is False
    assert "DeleteCen" not in actions(fake_api)


def test_an_empty_name_is_refused(session, fake_api):
    with pytest.raises(AlicloudError, match="^name: give a non-empty name"):
        cen.cen_instance(session, cen_params(name=""), False)
    assert fake_api.requests == []


# -- cen_instance_info -------------------------------------------------------------------------------------

def test_info_intersects_ids_with_raw_filters(session, fake_api):
    requests = []
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [a_cen("cen-b")], requests)
    result = cen.cen_instance_info(session, dict(cen_ids=["cen-a", "cen-b"], name=None, tags=None,
                                                 filters={"CenId": ["cen-b", "cen-c"], "Name": "x"}), False)
    assert [c["cen_id"] for c in result["cens"]] == ["cen-b"]
    assert requests[0]["Filter.1.Key"] == "CenId" and requests[0]["Filter.1.Value.1"] == "cen-b"
    assert "Filter.1.Value.2" not in requests[0]
    assert (requests[0]["Filter.2.Key"], requests[0]["Filter.2.Value.1"]) == ("Name", "x")


def test_info_with_filters_that_cannot_match_makes_no_call(session, fake_api):
    result = cen.cen_instance_info(session, dict(cen_ids=None, name="a", tags=None, filters={"Name": ["b"]}), False)
    assert result == dict(changed=False, cens=[])
    assert fake_api.requests == []


# -- cen_attachment -------------------------------------------------------------------------------------------

def members(*ids):
    return [dict(instance_id=i, instance_type="VPC", instance_region="cn-hangzhou", instance_owner_id=None)
            for i in ids]


def own_vpcs(fake_api, *ids):
    fake_api.script["DescribeVpcs"] = pages("Vpcs", "Vpc", [dict(VpcId=i, CenStatus="Detached") for i in ids])


def test_batch_attaches_only_the_missing_ones(session, fake_api):
    attached = [attachment("vpc-1")]
    listing = pages("ChildInstances", "ChildInstance", attached)
    fake_api.script["DescribeCenAttachedChildInstances"] = listing
    own_vpcs(fake_api, "vpc-2", "vpc-3")
    lock = threading.Lock()

    def attach(request):
        fields = fields_of(request)
        with lock:
            attached.append(attachment(fields["ChildInstanceId"]))
        return 200, {}
    fake_api.script["AttachCenChildInstance"] = attach
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = lambda request: (
        200, attachment(fields_of(request)["ChildInstanceId"]))
    result = cen_attachments.cen_attachment(session, attach_params(instances=members("vpc-1", "vpc-2", "vpc-3")), False)
    assert result["changed"] is True
    assert [(r["instance_id"], r["action"], r["status"]) for r in result["results"]] == \
        [("vpc-1", "none", "Attached"), ("vpc-2", "attach", "Attached"), ("vpc-3", "attach", "Attached")]
    assert sorted(a["child_instance_id"] for a in result["attachments"]) == ["vpc-1", "vpc-2", "vpc-3"]
    # the CEN takes one attach at a time: the second waits until the first has settled
    assert actions(fake_api, ["AttachCenChildInstance", "DescribeCenAttachedChildInstanceAttribute"]) == \
        ["AttachCenChildInstance", "DescribeCenAttachedChildInstanceAttribute", "AttachCenChildInstance"]
    polled = [fields_of(r)["ChildInstanceId"] for r in fake_api.requests
              if r["action"] == "DescribeCenAttachedChildInstanceAttribute"]
    assert polled == ["vpc-2"]


def test_a_batch_attach_waits_while_the_last_one_is_attaching(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstances"] = pages("ChildInstances", "ChildInstance", [])
    own_vpcs(fake_api, "vpc-1", "vpc-2")
    fake_api.script["AttachCenChildInstance"] = (200, {})
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = sequence(
        (200, attachment("vpc-1", status="Attaching")), (200, attachment("vpc-1", status="Attaching")),
        (200, attachment("vpc-1")))
    with pytest.raises(AlicloudError):  # the final listing is scripted empty: the wait for it runs out
        cen_attachments.cen_attachment(session, attach_params(instances=members("vpc-1", "vpc-2"), wait_timeout=1), False)
    assert actions(fake_api, ["AttachCenChildInstance", "DescribeCenAttachedChildInstanceAttribute"]) == \
        ["AttachCenChildInstance"] + ["DescribeCenAttachedChildInstanceAttribute"] * 3 + ["AttachCenChildInstance"]


def test_a_batch_stops_at_the_first_failure_and_says_what_was_done(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstances"] = pages("ChildInstances", "ChildInstance", [])
    ids = ["vpc-%02d" % i for i in range(30)]
    own_vpcs(fake_api, *ids)
    # vpc-00 attaches; vpc-01 is attached to another CEN, so not found on this one
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = lambda request: (
        (200, attachment("vpc-00")) if fields_of(request)["ChildInstanceId"] == "vpc-00"
        else error("ParameterInstanceId"))
    calls = []

    def attach(request):
        calls.append(fields_of(request)["ChildInstanceId"])
        if len(calls) == 2:
            return error("InvalidOperation.ChildInstanceAlreadyAttached", 409, "attached to cen-z")
        return 200, {}
    fake_api.script["AttachCenChildInstance"] = attach
    with pytest.raises(AlicloudError) as exc:
        cen_attachments.cen_attachment(session, attach_params(instances=members(*ids)), False)
    assert exc.value.code == "InvalidOperation.ChildInstanceAlreadyAttached"
    assert "attach vpc-01: AttachCenChildInstance failed: InvalidOperation.ChildInstanceAlreadyAttached" \
        in str(exc.value)
    # no attach starts after the failure; the failure says what was done and returns it
    assert calls == ["vpc-00", "vpc-01"]
    assert str(exc.value).startswith("InvalidOperation.ChildInstanceAlreadyAttached: on CEN cen-a: attached vpc-00, "
                                     "then the task failed: attach vpc-01: ")
    assert str(exc.value).endswith("; a re-run attaches the rest")
    assert (exc.value.changed, exc.value.result) == (True, dict(cen_id="cen-a", instance_ids=["vpc-00"]))


def test_a_batch_names_the_member_it_was_waiting_for_when_the_wait_fails(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstances"] = pages("ChildInstances", "ChildInstance", [])
    own_vpcs(fake_api, "vpc-1", "vpc-2")
    fake_api.script["AttachCenChildInstance"] = (200, {})
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = (200, attachment("vpc-1", status="Attaching"))
    with pytest.raises(AlicloudError) as exc:
        cen_attachments.cen_attachment(session, attach_params(instances=members("vpc-1", "vpc-2"), wait_timeout=1), False)
    assert exc.value.code == "WaitTimeout"
    assert str(exc.value).startswith("WaitTimeout: on CEN cen-a: attached vpc-1, then the task failed: "
                                     "before attach vpc-2: ")
    assert "vpc-1 to settle on CEN cen-a" in str(exc.value)
    assert (exc.value.changed, exc.value.result["instance_ids"]) == (True, ["vpc-1"])
    assert actions(fake_api, ["AttachCenChildInstance"]) == ["AttachCenChildInstance"]


def test_purge_detaches_the_unlisted_and_skips_those_detaching(session, fake_api):
    attached = [attachment("vpc-1"), attachment("vpc-2"), attachment("vpc-3", status="Detaching"),
                attachment("vbr-1", itype="VBR")]
    fake_api.script["DescribeCenAttachedChildInstances"] = sequence(
        pages("ChildInstances", "ChildInstance", attached)(dict(query="")),
        pages("ChildInstances", "ChildInstance", attached[:1])(dict(query="")))
    detached = []
    fake_api.script["DetachCenChildInstance"] = recording(detached)
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = error("ParameterInstanceId")
    result = cen_attachments.cen_attachment(session, attach_params(instances=members("vpc-1"), purge_instances=True), False)
    assert sorted(d["ChildInstanceId"] for d in detached) == ["vbr-1", "vpc-2"]
    vbr = [d for d in detached if d["ChildInstanceId"] == "vbr-1"][0]
    assert (vbr["ChildInstanceType"], vbr["ChildInstanceOwnerId"]) == ("VBR", CEN_OWNER)
    assert [(r["instance_id"], r["action"]) for r in result["results"]] == \
        [("vpc-1", "none"), ("vpc-2", "detach"), ("vbr-1", "detach")]


def test_purge_needs_instances(session, fake_api):
    with pytest.raises(AlicloudError, match="^purge_instances: only valid with instances"):
        cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-1", purge_instances=True), False)
    assert fake_api.requests == []


def test_detach_answered_as_already_gone_is_done(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = sequence(
        (200, attachment("vpc-1")), error("ParameterInstanceId"))
    fake_api.script["DetachCenChildInstance"] = error("Bid.NotFound", 404)
    result = cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-1", state="absent"), False)
    assert result["changed"] is True
    assert result["attachment"] == {}


def test_an_attaching_instance_is_awaited_not_attached_again(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = sequence(
        (200, attachment("vpc-1", status="Attaching")), (200, attachment("vpc-1")))
    result = cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-1"), False)
    assert result["changed"] is False
    assert result["attachment"]["status"] == "Attached"
    assert "AttachCenChildInstance" not in actions(fake_api)


def test_instance_types_and_regions_are_checked_before_any_call(keys, fake_api):
    session = Session(keys, endpoint=fake_api.url)
    with pytest.raises(AlicloudError, match=r"^instances\[1\]\.instance_id: 'vpc-2' is not a valid VBR id"):
        cen_attachments.cen_attachment(session, attach_params(instances=[
            dict(instance_id="vpc-1", instance_type="VPC", instance_region="cn-hangzhou", instance_owner_id=None),
            dict(instance_id="vpc-2", instance_type="VBR", instance_region="cn-hangzhou", instance_owner_id=None)]),
            False)
    with pytest.raises(AlicloudError, match=r"^instance_region: set it \(or instance_region, or alicloud_region\) for vpc-1"):
        cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-1"), False)
    with pytest.raises(AlicloudError, match=r"^instance_type must be one of CCN, VBR, VPC, not 'VPN'"):
        cen_attachments.cen_attachment(session, attach_params(instance_id="vpn-1", instance_type="VPN"), False)
    assert fake_api.requests == []


def test_a_grant_for_another_region_is_reported(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = error("ParameterInstanceId")
    fake_api.identity({"AKID": CEN_OWNER})
    fake_api.script["DescribeGrantRulesToCen"] = (200, {"GrantRules": {"GrantRule": [
        dict(ChildInstanceId="vpc-m", ChildInstanceOwnerId=int(MEMBER), ChildInstanceRegionId="cn-shanghai")]},
        "NextToken": ""})
    with pytest.raises(AlicloudError) as exc:
        cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-m", instance_owner_id=MEMBER), False)
    assert str(exc.value) == "nothing was attached: vpc-m: instance_region is cn-hangzhou but the grant is for cn-shanghai"
    assert "AttachCenChildInstance" not in actions(fake_api)


def test_an_instance_attached_to_another_cen_of_the_account_is_found_by_listing_them(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = error("ParameterInstanceId")
    fake_api.script["DescribeCens"] = pages("Cens", "Cen", [a_cen("cen-a"), a_cen("cen-b")])

    def listing(request):
        cen_id = fields_of(request)["CenId"]
        items = [attachment("ccn-1", cen_id="cen-b", itype="CCN")] if cen_id == "cen-b" else []
        return 200, {"ChildInstances": {"ChildInstance": items}, "TotalCount": len(items)}
    fake_api.script["DescribeCenAttachedChildInstances"] = listing
    with pytest.raises(AlicloudError) as exc:
        cen_attachments.cen_attachment(session, attach_params(instance_id="ccn-1", instance_type="CCN", state="absent"), False)
    assert str(exc.value) == ("nothing was detached: ccn-1 is attached to CEN cen-b, not to cen_id cen-a; "
                              "set cen_id to the CEN it is attached to")
    assert "DetachCenChildInstance" not in actions(fake_api)


def test_a_ccn_in_a_region_cen_does_not_serve_is_refused(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = error("ParameterInstanceId")
    requests = []
    fake_api.script["DescribeChildInstanceRegions"] = recording(
        requests, (200, {"Regions": {"Region": [{"RegionId": "cn-hangzhou"}, {"RegionId": "cn-shanghai"}]}}))
    with pytest.raises(AlicloudError) as exc:
        cen_attachments.cen_attachment(session, attach_params(instance_id="ccn-1", instance_type="CCN",
                                                              instance_region="cn-nowhere"), False)
    assert str(exc.value) == ("nothing was attached: ccn-1: instance_region cn-nowhere is not a region where CEN "
                              "attaches CCN instances")
    assert requests[0]["ProductType"] == "CCN"
    fake_api.script["AttachCenChildInstance"] = (200, {})
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = sequence(
        error("ParameterInstanceId"), (200, attachment("ccn-1", itype="CCN", region="cn-shanghai")))
    result = cen_attachments.cen_attachment(session, attach_params(instance_id="ccn-1", instance_type="CCN",
                                                                   instance_region="cn-shanghai"), False)
    assert result["attachment"]["child_instance_type"] == "CCN"


def test_check_mode_attach_makes_no_write(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstances"] = pages("ChildInstances", "ChildInstance", [])
    own_vpcs(fake_api, "vpc-1", "vpc-2")
    result = cen_attachments.cen_attachment(session, attach_params(instances=members("vpc-1", "vpc-2")), True)
    assert [r["action"] for r in result["results"]] == ["attach", "attach"]
    assert sorted(result["diff"]["after"]) == ["vpc-1", "vpc-2"]
    assert set(actions(fake_api)) == {"DescribeCenAttachedChildInstances", "DescribeVpcs"}


def test_check_mode_with_a_predicted_cen_predicts_every_attach_and_reads_only_the_instances(session, fake_api):
    own_vpcs(fake_api, "vpc-1")
    result = cen_attachments.cen_attachment(session, attach_params(cen_id="cen-checkmode-0a1b2c3d", instance_id="vpc-1",
                                                                   instance_region="cn-hangzhou"), True)
    assert result["changed"] is True
    assert result["attachment"]["cen_id"] == "cen-checkmode-0a1b2c3d"
    assert [a["child_instance_id"] for a in result["attachments"]] == ["vpc-1"]
    assert [r["action"] for r in result["results"]] == ["attach"]
    assert set(actions(fake_api)) <= {"DescribeVpcs", "GetCallerIdentity"}


def test_a_predicted_cen_id_outside_check_mode_is_refused_before_any_call(session, fake_api):
    with pytest.raises(AlicloudError, match="^cen_id: cen-checkmode-0a1b2c3d is an id predicted by check mode"):
        cen_attachments.cen_attachment(session, attach_params(cen_id="cen-checkmode-0a1b2c3d", instance_id="vpc-1",
                                                              instance_region="cn-hangzhou"), False)
    assert fake_api.requests == []


def test_one_instance_and_a_batch_return_the_same_keys(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = (200, attachment("vpc-1"))
    fake_api.script["DescribeCenAttachedChildInstances"] = pages("ChildInstances", "ChildInstance",
                                                                 [attachment("vpc-1")])
    single = cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-1", instance_region="cn-hangzhou"), False)
    batch = cen_attachments.cen_attachment(session, attach_params(instances=members("vpc-1")), False)
    assert set(single) == set(batch) | {"instance_id", "attachment"}
    assert single["attachments"] == batch["attachments"] == [single["attachment"]]
    assert single["results"] == batch["results"]
    assert "diff" not in single and "diff" not in batch


def test_a_missing_vpc_names_the_account_and_what_to_try(session, fake_api):
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = error("ParameterInstanceId")
    fake_api.script["DescribeVpcs"] = pages("Vpcs", "Vpc", [])
    fake_api.identity({"AKID": CEN_OWNER})
    with pytest.raises(AlicloudError) as exc:
        cen_attachments.cen_attachment(session, attach_params(instance_id="vpc-1", instance_region="cn-hangzhou"), False)
    assert str(exc.value) == ("nothing was attached: vpc-1: no such VPC in instance_region cn-hangzhou for account "
                              "%s (the account these credentials act as); if it belongs to another account, set "
                              "instance_owner_id (and grant it with cen_grant in that account), else check "
                              "instance_region" % CEN_OWNER)


# -- cen_grant ----------------------------------------------------------------------------------------------

def rules(*cen_ids, **kwargs):
    owner = kwargs.get("owner", int(CEN_OWNER))
    return (200, {"CenGrantRules": {"CbnGrantRule": [dict(CenInstanceId=c, CenOwnerId=owner,
                                                          CreationTime="2026-01-01T00:00:00Z") for c in cen_ids]},
                  "TotalCount": len(cen_ids)})


def test_grant_sends_a_client_token_and_the_owner_as_a_number(session, fake_api):
    fake_api.script["DescribeGrantRulesToCen"] = sequence(rules(), rules("cen-a"))
    own_vpcs(fake_api, "vpc-1")
    grants = []
    fake_api.script["GrantInstanceToCen"] = recording(grants)
    result = cen_grants.cen_grant(session, grant_params(instance_id="vpc-1"), False)
    assert result["changed"] is True
    assert result["grant"]["cen_owner_id"] == CEN_OWNER
    assert (grants[0]["CenId"], grants[0]["CenOwnerId"], grants[0]["InstanceType"], grants[0]["RegionId"]) == \
        ("cen-a", CEN_OWNER, "VPC", "cn-hangzhou")
    assert len(grants[0]["ClientToken"]) >= 32


def test_a_revoke_answered_as_already_gone_is_done(session, fake_api):
    fake_api.script["DescribeGrantRulesToCen"] = rules("cen-a")
    fake_api.script["DescribeVpcAttribute"] = (200, dict(VpcId="vpc-1", AssociatedCens={"AssociatedCen": []}))
    fake_api.script["RevokeInstanceFromCen"] = error("InvalidInstanceId.NotFound", 404)
    result = cen_grants.cen_grant(session, grant_params(instance_id="vpc-1", state="absent", cen_owner_id=None), False)
    assert result["changed"] is True
    assert result["grant"] == {}


def test_revoke_uses_the_owner_of_the_grant(session, fake_api):
    fake_api.script["DescribeGrantRulesToCen"] = rules("cen-a", owner=1000000000000009)
    fake_api.script["DescribeVpcAttribute"] = (200, dict(VpcId="vpc-1", AssociatedCens={"AssociatedCen": []}))
    revokes = []
    fake_api.script["RevokeInstanceFromCen"] = recording(revokes)
    cen_grants.cen_grant(session, grant_params(instance_id="vpc-1", state="absent", cen_owner_id=None), False)
    assert revokes[0]["CenOwnerId"] == "1000000000000009"


def test_grant_busy_answers_are_retried(session, fake_api):
    fake_api.script["DescribeGrantRulesToCen"] = sequence(rules(), rules("cen-a"))
    own_vpcs(fake_api, "vpc-1")
    fake_api.script["GrantInstanceToCen"] = sequence(error("TaskConflict"), (200, {}))
    assert cen_grants.cen_grant(session, grant_params(instance_id="vpc-1"), False)["changed"] is True
    assert actions(fake_api, ["GrantInstanceToCen"]) == ["GrantInstanceToCen"] * 2


def test_every_instance_grant_page_is_read(session, fake_api):
    requests = []
    items = [dict(CenInstanceId="cen-%02d" % i, CenOwnerId=int(CEN_OWNER)) for i in range(60)] + \
        [dict(CenInstanceId="cen-a", CenOwnerId=int(CEN_OWNER), CreationTime="t")]
    fake_api.script["DescribeGrantRulesToCen"] = pages("CenGrantRules", "CbnGrantRule", items, requests)
    result = cen_grants.cen_grant(session, grant_params(instance_id="vpc-1"), False)
    assert result["changed"] is False
    assert [r["PageNumber"] for r in requests] == ["1", "2"]


def test_instances_take_the_task_instance_region_unless_they_give_their_own(session, fake_api):
    fake_api.script["DescribeGrantRulesToCen"] = rules("cen-a")
    seen = []

    def listing(request):
        seen.append(fields_of(request)["RegionId"])
        return rules("cen-a")
    fake_api.script["DescribeGrantRulesToCen"] = listing
    result = cen_grants.cen_grant(session, grant_params(instance_region="cn-shanghai", instances=[
        dict(instance_id="vpc-1", instance_type="VPC", instance_region=None),
        dict(instance_id="vpc-2", instance_type="VPC", instance_region="cn-beijing")]), False)
    assert sorted(seen) == ["cn-beijing", "cn-shanghai"]
    assert [r["instance_region"] for r in result["results"]] == ["cn-shanghai", "cn-beijing"]
    single = cen_grants.cen_grant(session, grant_params(instance_id="vpc-1", instance_region="cn-shanghai"), False)
    assert single["grant"]["instance_region"] == "cn-shanghai"
    assert single["grants"] == [single["grant"]] and single["results"][0]["action"] == "none"


def test_check_mode_grants_to_a_predicted_cen(session, fake_api):
    fake_api.script["DescribeGrantRulesToCen"] = rules()
    own_vpcs(fake_api, "vpc-1")
    result = cen_grants.cen_grant(session, grant_params(cen_id="cen-checkmode-0a1b2c3d", instance_id="vpc-1"), True)
    assert result["changed"] is True and result["grant"]["cen_id"] == "cen-checkmode-0a1b2c3d"
    assert actions(fake_api) == ["DescribeGrantRulesToCen", "DescribeVpcs"]
