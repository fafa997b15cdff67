# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes without a ClientToken whose answer is lost: Session.call(done=...) and each operation that gives it.

A lost answer is a 500 (or no answer at all) after the service did the work. The write must be read
back before it is sent again, count as done when the resource shows it, and a refusal of a repeat
("already associated") must be success when the resource shows the write. The router-interface
writes are tested with their core in test_router_interface.py, the transit-router grants in
test_transit_router_attachment.py; the whole path against the emulator in tests/reliability.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

from urllib.parse import parse_qs

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import bandwidth as bw
from ansible_collections.alicloud.interconnect.plugins.module_utils import cen, cen_attachments, route
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session


def fields_of(request):
    return dict((k, v[0]) for k, v in parse_qs(request["query"]).items())


def sent(fake_api, action):
    return [r for r in fake_api.requests if r["action"] == action]


def lost_then(apply, refusal):
    """The first call does the work (``apply(fields)``) and its answer is lost (500 InternalError); a repeat is
    refused with ``refusal``, as the service refuses a write already done."""
    calls = []

    def answer(request):
        calls.append(request)
        if len(calls) == 1:
            apply(fields_of(request))
            return 500, {"Code": "InternalError", "Message": "the answer was lost"}
        return 400, {"Code": refusal, "Message": "already done"}
    return answer


@pytest.fixture
def session(keys, fake_api, clock):
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep, timeout=30)


# -- Session.call(done=...) ---------------------------------------------------------------------

@pytest.fixture
def scripted(cloud, keys, clock):
    return Session(keys, client_factory=cloud.factory, region="cn-hangzhou", clock=clock, sleep=clock.sleep)


def test_a_lost_answer_is_read_back_and_the_write_not_sent_again(scripted, cloud, sdk_error):
    cloud.respond("DeleteCen", sdk_error.unreachable("Remote end closed connection without response"))
    reads = []
    assert scripted.call("cbn", "DeleteCen", CenId="cen-1", done=lambda: reads.append(1) or True) == {}
    assert cloud.operations() == ["DeleteCen"] and reads == [1]


def test_a_lost_answer_the_resource_does_not_show_is_tried_again(scripted, cloud, sdk_error):
    cloud.respond("DeleteCen", sdk_error.server("InternalError", 500), {"RequestId": "R2"})
    assert scripted.call("cbn", "DeleteCen", CenId="cen-1", done=lambda: False) == {"RequestId": "R2"}
    assert cloud.operations() == ["DeleteCen", "DeleteCen"]


def test_a_refusal_after_a_lost_answer_is_success_when_the_resource_shows_the_write(scripted, cloud, sdk_error):
    cloud.respond("DeleteCen", sdk_error.server(), sdk_error.client("InvalidOperation.CenInstanceStatus"))
    shows = iter([False, True])  # not visible yet right after the lost answer; visible when the repeat is refused
    assert scripted.call("cbn", "DeleteCen", CenId="cen-1", done=lambda: next(shows)) == {}
    assert cloud.operations() == ["DeleteCen", "DeleteCen"]


def test_a_refusal_after_a_lost_answer_the_resource_does_not_show_fails_saying_so(scripted, cloud, sdk_error):
    cloud.respond("DeleteCen", sdk_error.server(), sdk_error.client("InvalidParameter"))
    with pytest.raises(AlicloudError) as exc:
        scripted.call("cbn", "DeleteCen", CenId="cen-1", done=lambda: False)
    assert exc.value.code == "InvalidParameter"
    assert "an earlier attempt's answer was lost, and the resource does not show its change" in str(exc.value)


def test_refusals_and_throttling_alone_are_not_read_back(scripted, cloud, sdk_error):
    cloud.respond("DeleteCen", sdk_error.throttled(100), sdk_error.client("InvalidParameter"))
    reads = []
    with pytest.raises(AlicloudError, match="InvalidParameter") as exc:
        scripted.call("cbn", "DeleteCen", CenId="cen-1", done=lambda: reads.append(1))
    assert reads == [] and "answer was lost" not in str(exc.value)


# -- CEN ----------------------------------------------------------------------------------------

def a_cen(**fields):
    record = dict(CenId="cen-a", Name="core", Description="", ProtectionLevel="REDUCED", Status="Active",
                  CenBandwidthPackageIds={"CenBandwidthPackageId": []}, Tags={"Tag": []})
    record.update(fields)
    return record


def cens_of(cens):
    return lambda request: (200, {"Cens": {"Cen": list(cens)}, "TotalCount": len(cens)})


def cen_params(**overrides):
    params = dict(cen_id="cen-a", name=None, description=None, protection_level=None, tags=None, purge_tags=True,
                  state="present", wait=True, wait_timeout=30)
    params.update(overrides)
    return params


def test_modify_cen_attribute(session, fake_api):
    cens = [a_cen()]
    fake_api.script["DescribeCens"] = cens_of(cens)
    fake_api.script["ModifyCenAttribute"] = lost_then(lambda f: cens[0].update(Name=f["Name"]), "Operation.Blocking")
    result = cen.cen_instance(session, cen_params(name="renamed"), False)
    assert result["changed"] and result["cen"]["name"] == "renamed"
    assert len(sent(fake_api, "ModifyCenAttribute")) == 1


def test_delete_cen_is_a_change_although_the_repeat_finds_it_gone(session, fake_api):
    cens = [a_cen()]
    fake_api.script["DescribeCens"] = cens_of(cens)
    fake_api.script["DeleteCen"] = lost_then(lambda f: cens.pop(), "ParameterCenInstanceId")
    result = cen.cen_instance(session, cen_params(state="absent"), False)
    assert (result["changed"], result["cen_id"]) == (True, "cen-a")
    assert len(sent(fake_api, "DeleteCen")) == 1


# -- attachments --------------------------------------------------------------------------------

MEMBER = dict(id="vpc-1", type="VPC", region="cn-hangzhou", owner=None)


def attachment_reads(fake_api, attachments):
    def answer(request):
        found = [a for a in attachments if a["ChildInstanceId"] == fields_of(request)["ChildInstanceId"]]
        return (200, dict(found[0])) if found else (400, {"Code": "ParameterInstanceId", "Message": "none"})
    fake_api.script["DescribeCenAttachedChildInstanceAttribute"] = answer


def test_attach_cen_child_instance(session, fake_api):
    attachments = []
    attachment_reads(fake_api, attachments)
    fake_api.script["AttachCenChildInstance"] = lost_then(
        lambda f: attachments.append(dict(CenId=f["CenId"], ChildInstanceId=f["ChildInstanceId"], Status="Attaching")),
        "InvalidOperation.ChildInstanceAlreadyAttached")
    cen_attachments._attach(session, "cen-a", MEMBER)
    assert len(sent(fake_api, "AttachCenChildInstance")) == 1


def test_detach_cen_child_instance(session, fake_api):
    attachments = [dict(CenId="cen-a", ChildInstanceId="vpc-1", Status="Attached")]
    attachment_reads(fake_api, attachments)
    fake_api.script["DetachCenChildInstance"] = lost_then(lambda f: attachments[0].update(Status="Detaching"),
                                                          "InstanceStatus.NotSupport")
    cen_attachments._detach(session, "cen-a", MEMBER)
    assert len(sent(fake_api, "DetachCenChildInstance")) == 1


# -- bandwidth packages and limits ---------------------------------------------------------------

def package_reads(fake_api, package):
    fake_api.script["DescribeCenBandwidthPackages"] = lambda request: (
        200, {"CenBandwidthPackages": {"CenBandwidthPackage": [dict(package)]}, "TotalCount": 1})


@pytest.mark.parametrize("operation, before, after, write", [
    ("AssociateCenBandwidthPackage", [], ["cen-a"], bw.associate_package),
    ("UnassociateCenBandwidthPackage", ["cen-a"], [], bw.unassociate_package),
])
def test_associate_and_unassociate(session, fake_api, operation, before, after, write):
    package = dict(CenBandwidthPackageId="cenbwp-1", CenIds={"CenId": before})
    package_reads(fake_api, package)
    fake_api.script[operation] = lost_then(lambda f: package.update(CenIds={"CenId": after}),
                                           "InvalidOperation.BwpInstanceStatus")
    write(session, "cenbwp-1", "cen-a")
    assert len(sent(fake_api, operation)) == 1


@pytest.mark.parametrize("value", [5, 0])
def test_set_cen_inter_region_bandwidth_limit(session, fake_api, value):
    limits = [dict(CenId="cen-a", LocalRegionId="us-west-1", OppositeRegionId="cn-hangzhou", BandwidthLimit=2,
                   Status="Active")]
    fake_api.script["DescribeCenInterRegionBandwidthLimits"] = lambda request: (
        200, {"CenInterRegionBandwidthLimits": {"CenInterRegionBandwidthLimit": list(limits)},
              "TotalCount": len(limits)})

    def apply(fields):
        if value:
            limits[0].update(BandwidthLimit=value, Status="Modifying")
        else:
            limits.pop()
    fake_api.script["SetCenInterRegionBandwidthLimit"] = lost_then(apply, "Operation.Blocking")
    bw.set_limit(session, "cen-a", "cn-hangzhou", "us-west-1", value)
    assert len(sent(fake_api, "SetCenInterRegionBandwidthLimit")) == 1


# -- route entries ------------------------------------------------------------------------------

def test_delete_route_entry(peering, sdk_error):
    peering.add_vpc("vpc-l", "10.0.0.0/16")
    entry = peering.add_route("vtb-l", "10.1.0.0/16", "RouterInterface", "ri-1", "rte-1")

    def delete(fields):
        if entry["Status"] == "Deleting":
            raise sdk_error.client("IncorrectRouteEntryStatus")
        entry["Status"] = "Deleting"
        raise sdk_error.unreachable("Remote end closed connection without response")
    peering.on["DeleteRouteEntry"] = delete
    assert route.delete_route_entry(peering.session(), "cn-hangzhou", "vtb-l", "rte-1") is True
    assert peering.writes() == ["DeleteRouteEntry"]


# -- every write is covered ---------------------------------------------------------------------

# Writes without ClientToken nor read-back: a repeat sets the same value, or finds the thing gone (docs/reliability.md).
SAFE_TO_REPEAT = ("TagResources", "UntagResources", "UnTagResources", "TagResourcesForExpressConnect",
                  "UntagResourcesForExpressConnect", "ModifyCenBandwidthPackageAttribute",
                  "ModifyCenBandwidthPackageSpec", "DeleteCenBandwidthPackage")
READS = ("Describe", "List", "Get", "Check")


def test_every_write_has_a_client_token_or_a_read_back_or_is_safe_to_repeat():
    """Each ``session.call`` (or router interface ``_ri_call``) naming a write operation in module_utils."""
    folder = os.path.dirname(cen.__file__)
    uncovered = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(folder, name)) as stream:
            tree = ast.parse(stream.read())
        for node in ast.walk(tree):
            func = getattr(node, "func", None)
            called = getattr(func, "attr", None) or getattr(func, "id", None)
            if called not in ("call", "_ri_call") or len(node.args) < 2 or not isinstance(node.args[1], ast.Constant):
                continue
            operation = node.args[1].value
            keywords = set(k.arg for k in node.keywords)
            if not operation.startswith(READS) and operation not in SAFE_TO_REPEAT \
                    and not keywords & {"ClientToken", "done"}:
                uncovered.append("%s:%d %s" % (name, node.lineno, operation))
    assert not uncovered
