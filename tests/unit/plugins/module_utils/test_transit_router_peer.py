# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/transit_router_peer.py through the real SDK against a scripted HTTP API: the requests the
core sends, in which order, and what it returns or refuses.

The same core against the emulator is in tests/integration/targets/transit_router_peer_attachment.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_peer_links import (
    transit_router_peer_attachment as core,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

UID = "1000000000000001"


class Cloud(object):
    """On top of conftest's TransitApi: CEN cen-a with routers tr-a (cn-hangzhou; tables vtb-sys, vtb-custom),
    tr-b (cn-shanghai; vtb-sysb) and tr-d (cn-shenzhen; vtb-sysd), and tr-c of CEN cen-other in cn-beijing.
    Writes settle at once."""

    def __init__(self, fake_api):
        super(Cloud, self).__init__(fake_api)
        self.routers = [dict(TransitRouterId="tr-a", CenId="cen-a", RegionId="cn-hangzhou", Status="Active"),
                        dict(TransitRouterId="tr-b", CenId="cen-a", RegionId="cn-shanghai", Status="Active"),
                        dict(TransitRouterId="tr-c", CenId="cen-other", RegionId="cn-beijing", Status="Active"),
                        dict(TransitRouterId="tr-d", CenId="cen-a", RegionId="cn-shenzhen", Status="Active")]
        self.tables = [dict(TransitRouterRouteTableId="vtb-sys", TransitRouterId="tr-a",
                            TransitRouterRouteTableType="System"),
                       dict(TransitRouterRouteTableId="vtb-custom", TransitRouterId="tr-a",
                            TransitRouterRouteTableType="Custom"),
                       dict(TransitRouterRouteTableId="vtb-sysb", TransitRouterId="tr-b",
                            TransitRouterRouteTableType="System"),
                       dict(TransitRouterRouteTableId="vtb-sysd", TransitRouterId="tr-d",
                            TransitRouterRouteTableType="System")]
        self.attachments, self.entries = [], []

    def attach(self, **fields):
        att = dict(TransitRouterAttachmentId="tr-attach-p", TransitRouterId="tr-a", RegionId="cn-hangzhou",
                   CenId="cen-a", PeerTransitRouterId="tr-b", PeerTransitRouterRegionId="cn-shanghai",
                   PeerTransitRouterOwnerId=int(UID), ResourceType="TR", Status="Attached",
                   BandwidthType="DataTransfer", Bandwidth=100, CenBandwidthPackageId="", DefaultLinkType="Gold",
                   TransitRouterAttachmentName="link", TransitRouterAttachmentDescription="", Tags=[])
        att.update(fields)
        self.attachments.append(att)
        return att

    def linked(self):
        for table_id in ("vtb-sys", "vtb-sysb"):
            self.link("associations", table_id, "tr-attach-p")
            self.link("propagations", table_id, "tr-attach-p")

    # -- reads --------------------------------------------------------------------------------------
    def ListTransitRouters(self, fields):
        return self.page("TransitRouters", self.match(self.routers, fields, ("CenId", "RegionId", "TransitRouterId")))

    def ListTransitRouterPeerAttachments(self, fields):
        return self.page("TransitRouterAttachments", self.match(
            self.attachments, fields, ("CenId", "TransitRouterId", "TransitRouterAttachmentId")))

    def ListTransitRouterRouteTables(self, fields):
        return self.page("TransitRouterRouteTables",
                         self.match(self.tables, fields, ("TransitRouterId", "TransitRouterRouteTableType")))

    def ListTransitRouterRouteEntries(self, fields):
        return self.page("TransitRouterRouteEntries", self.match(
            self.entries, fields, ("TransitRouterRouteTableId", "TransitRouterRouteEntryNextHopId")))

    # -- writes -------------------------------------------------------------------------------------
    def CreateTransitRouterPeerAttachment(self, fields):
        attachment_id = "tr-attach-new" if fields["PeerTransitRouterId"] == "tr-b" else "tr-attach-new-d"
        self.attach(TransitRouterAttachmentId=attachment_id, TransitRouterId=fields["TransitRouterId"],
                    PeerTransitRouterId=fields["PeerTransitRouterId"], BandwidthType=fields["BandwidthType"],
                    Bandwidth=int(fields.get("Bandwidth", 0)),
                    TransitRouterAttachmentName=fields.get("TransitRouterAttachmentName", ""))
        return dict(TransitRouterAttachmentId=attachment_id)

    def UpdateTransitRouterPeerAttachmentAttribute(self, fields):
        self.attachments[0]["Bandwidth"] = int(fields.get("Bandwidth", self.attachments[0]["Bandwidth"]))
        return {}

    def DeleteTransitRouterPeerAttachment(self, fields):
        self.attachments = []
        return {}


@pytest.fixture
def cloud(transit_api):
    return transit_api(Cloud)


@pytest.fixture
def session(keys, fake_api, clock):
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep)


def params(**overrides):
    base = dict(transit_router_id=None, cen_id="cen-a", region=None, peer_transit_router_id=None,
                peer_region="cn-shanghai", bandwidth_type=None, bandwidth=100, bandwidth_package_id=None,
                default_link_type=None, name="link", description=None, route_table_id=None, peer_route_table_id=None,
                force=False, state="present", wait=True, wait_timeout=300, tags=None, purge_tags=True, links=None)
    base.update(overrides)
    return base


LINK_WRITES = ["AssociateTransitRouterAttachmentWithRouteTable", "EnableTransitRouterRouteTablePropagation"] * 2


def per_table(cloud):
    """The route-table writes of each table, in order (the two ends are linked at the same time)."""
    writes = {}
    for action, fields in cloud.calls:
        if "TransitRouterRouteTableId" in fields and not action.startswith(cloud.READS):
            writes.setdefault(fields["TransitRouterRouteTableId"], []).append(action)
    return writes


def test_create_links_both_system_tables(session, cloud):
    result = core(session, params(tags=dict(env="test")), False)
    assert cloud.writes()[0] == "CreateTransitRouterPeerAttachment"
    assert sorted(cloud.writes()) == sorted(["CreateTransitRouterPeerAttachment"] + LINK_WRITES)
    assert per_table(cloud) == {"vtb-sys": LINK_WRITES[:2], "vtb-sysb": LINK_WRITES[:2]}
    create = cloud.requests("CreateTransitRouterPeerAttachment")[0]
    assert create["ClientToken"] and (create["TransitRouterId"], create["PeerTransitRouterId"]) == ("tr-a", "tr-b")
    assert (create["BandwidthType"], create["Bandwidth"], create["PeerTransitRouterRegionId"]) == \
        ("DataTransfer", "100", "cn-shanghai")
    assert "CenBandwidthPackageId" not in create and (create["Tag.1.Key"], create["Tag.1.Value"]) == ("env", "test")
    attachment = result["attachment"]
    assert result["changed"] and result["transit_router_attachment_id"] == "tr-attach-new"
    assert (attachment["route_table_id"], attachment["peer_route_table_id"]) == ("vtb-sys", "vtb-sysb")
    assert attachment["associated"] and attachment["peer_associated"] and attachment["peer_propagating"]
    assert attachment["peer_transit_router_owner_id"] == UID
    assert result["diff"]["before"] == {} and result["diff"]["after"]["bandwidth_type"] == "DataTransfer"


def test_found_from_the_other_end_and_unchanged_writes_nothing(session, cloud):
    cloud.attach(TransitRouterId="tr-b", RegionId="cn-shanghai", PeerTransitRouterId="tr-a",
                 PeerTransitRouterRegionId="cn-hangzhou")
    cloud.linked()
    result = core(session, params(), False)
    assert cloud.writes() == []
    assert not result["changed"] and "diff" not in result
    assert result["transit_router_attachment_id"] == "tr-attach-p"
    assert result["attachment"]["associated"] and result["attachment"]["peer_propagating"]


def test_bandwidth_changes_in_place(session, cloud):
    cloud.attach()
    cloud.linked()
    result = core(session, params(bandwidth=200), False)
    assert cloud.writes() == ["UpdateTransitRouterPeerAttachmentAttribute"]
    update = cloud.requests("UpdateTransitRouterPeerAttachmentAttribute")[0]
    assert (update["TransitRouterAttachmentId"], update["Bandwidth"]) == ("tr-attach-p", "200")
    assert "BandwidthType" not in update and "TransitRouterAttachmentName" not in update
    assert (result["diff"]["before"]["bandwidth"], result["diff"]["after"]["bandwidth"]) == (100, 200)


def test_check_mode_predicts_without_writing(session, cloud):
    result = core(session, params(), True)
    assert cloud.writes() == []
    assert result["transit_router_attachment_id"].startswith("attach-checkmode-")
    assert result["attachment"]["peer_route_table_id"] == "vtb-sysb"


def test_a_predicted_router_is_predicted_without_any_call(session, cloud):
    result = core(
        session, params(cen_id=None, transit_router_id="tr-a", peer_region=None,
                        peer_transit_router_id="tr-checkmode-1a2b3c4d"), True)
    assert cloud.calls == []
    assert result["changed"] and result["attachment"]["peer_transit_router_id"] == "tr-checkmode-1a2b3c4d"
    with pytest.raises(AlicloudError, match="peer_transit_router_id: .*predicted by check mode"):
        core(
            session, params(peer_region=None, peer_transit_router_id="tr-checkmode-1a2b3c4d"), False)


@pytest.mark.parametrize("overrides, message", [
    (dict(bandwidth=0), "bandwidth: give 1 Mbit/s or more"),
    (dict(bandwidth_type="DataTransfer", bandwidth_package_id="cenbwp-a"), "bandwidth_package_id: a DataTransfer"),
    (dict(bandwidth_type="BandwidthPackage"), "bandwidth_package_id: required"),
    (dict(bandwidth_package_id="cenbwp-a", bandwidth=None), "bandwidth: required"),
    (dict(bandwidth_package_id="cenbwp-a", default_link_type="Platinum"), "default_link_type: Platinum"),
    (dict(peer_region="cn-nowhere"), "peer_region: 'cn-nowhere' is not"),
    (dict(peer_region="cn-beijing"), "peer_region: CEN cen-a has no transit router in cn-beijing"),
    (dict(peer_region=None, peer_transit_router_id="tr-c"), "peer_transit_router_id: tr-c is not a transit router"),
    (dict(peer_region=None, peer_transit_router_id="tr-a"), "are both in cn-hangzhou"),
    (dict(peer_transit_router_id="tr-b", peer_region="cn-beijing"), "peer_region: the transit router tr-b is in"),
    (dict(peer_route_table_id="vtb-custom"), "peer_route_table_id: vtb-custom is not a route table of transit "
                                             "router tr-b"),
    (dict(route_table_id=True), "route_table_id: give a route table id"),
    (dict(name=""), "name: give a non-empty name"),
])
def test_bad_input_is_refused_before_any_write(session, cloud, overrides, message):
    with pytest.raises(AlicloudError, match=message):
        core(session, params(**overrides), False)
    assert cloud.writes() == []


def test_route_table_false_leaves_that_end_alone(session, cloud):
    result = core(session, params(peer_route_table_id="false"), False)
    assert cloud.writes() == ["CreateTransitRouterPeerAttachment"] + LINK_WRITES[:2]
    assert "peer_route_table_id" not in result["attachment"] and result["attachment"]["route_table_id"] == "vtb-sys"


def test_a_failure_after_the_create_reports_changed_and_the_id(session, cloud):
    cloud.refuse["EnableTransitRouterRouteTablePropagation"] = ("Throttling.User", "slow down")
    with pytest.raises(AlicloudError) as caught:
        core(session, params(wait_timeout=5), False)
    assert caught.value.changed and caught.value.result["transit_router_attachment_id"] == "tr-attach-new"
    assert "created, associated it with route table vtb-sys of tr-a" in str(caught.value)


def test_the_two_ends_are_linked_at_the_same_time(session, cloud):
    # The local end's association is answered only once the peer end's has arrived: linked one end after the
    # other, it would never be (the event's timeout only keeps a broken core from hanging the test).
    peer_arrived = threading.Event()

    def associate(fields):
        if fields["TransitRouterRouteTableId"] == "vtb-sysb":
            peer_arrived.set()
        elif not peer_arrived.wait(30):
            return ("Test.Serial", "the peer end was not linked at the same time")
        return None

    cloud.refuse["AssociateTransitRouterAttachmentWithRouteTable"] = associate
    result = core(session, params(), False)
    assert result["attachment"]["associated"] and result["attachment"]["peer_associated"]
    assert per_table(cloud) == {"vtb-sys": LINK_WRITES[:2], "vtb-sysb": LINK_WRITES[:2]}


def test_a_failing_end_is_named_and_the_other_end_linked(session, cloud):
    cloud.refuse["EnableTransitRouterRouteTablePropagation"] = \
        lambda fields: ("Forbidden", "no") if fields["TransitRouterRouteTableId"] == "vtb-sysb" else None
    with pytest.raises(AlicloudError) as caught:
        core(session, params(), False)
    error = caught.value
    assert error.changed and error.result["transit_router_attachment_id"] == "tr-attach-new"
    assert error.code == "Forbidden"
    assert str(error).startswith("Forbidden: inter-region attachment tr-attach-new: created, associated it with route table "
                                 "vtb-sys of tr-a, enabled its propagation into route table vtb-sys of tr-a, "
                                 "associated it with route table vtb-sysb of tr-b, then "
                                 "EnableTransitRouterRouteTablePropagation on tr-b failed: no; a re-run does what is left")
    assert per_table(cloud) == {"vtb-sys": LINK_WRITES[:2], "vtb-sysb": LINK_WRITES[:2]}


def test_both_ends_failing_are_both_named(session, cloud):
    cloud.refuse["AssociateTransitRouterAttachmentWithRouteTable"] = ("Forbidden", "no")
    cloud.attach()
    with pytest.raises(AlicloudError) as caught:
        core(session, params(), False)
    text = str(caught.value)
    assert not caught.value.changed  # nothing was written
    assert "AssociateTransitRouterAttachmentWithRouteTable on tr-a failed: Forbidden: no; on tr-b, " \
           "AssociateTransitRouterAttachmentWithRouteTable failed: Forbidden: no" in text, text


def test_delete_takes_its_own_links_with_it(session, cloud):
    cloud.attach()
    cloud.linked()
    result = core(session, params(state="absent"), False)
    assert cloud.writes() == ["DeleteTransitRouterPeerAttachment"]
    assert cloud.requests("DeleteTransitRouterPeerAttachment")[0]["Force"] == "True"
    assert result["changed"] and result["diff"]["after"] == {} and result["diff"]["before"]["peer_associated"]


def test_delete_refuses_links_it_does_not_manage_unless_forced(session, cloud):
    cloud.attach()
    cloud.link("propagations", "vtb-custom", "tr-attach-p")
    with pytest.raises(AlicloudError, match="still propagating into route table vtb-custom of tr-a; .*force: true"):
        core(session, params(state="absent"), False)
    assert cloud.writes() == []
    core(session, params(state="absent", force=True), False)
    assert cloud.writes() == ["DeleteTransitRouterPeerAttachment"]


def test_delete_refused_for_static_routes_names_them(session, cloud):
    cloud.attach()
    cloud.entries.append(dict(TransitRouterRouteEntryId="rte-1", TransitRouterRouteTableId="vtb-sysb",
                              TransitRouterRouteEntryDestinationCidrBlock="10.0.0.0/16",
                              TransitRouterRouteEntryNextHopId="tr-attach-p"))
    cloud.refuse["DeleteTransitRouterPeerAttachment"] = ("OperationFailed.RouteEntryExist", "routes exist")
    with pytest.raises(AlicloudError, match=r"rte-1 \(10.0.0.0/16 in vtb-sysb\).*transit_router_route_entry") as caught:
        core(session, params(state="absent"), False)
    assert caught.value.result == dict(transit_router_attachment_id="tr-attach-p")


def test_absent_when_there_is_none(session, cloud):
    result = core(session, params(state="absent"), False)
    assert not result["changed"] and result["transit_router_attachment_id"] is None and cloud.writes() == []


# -- the batch form ---------------------------------------------------------------------------------------------

def batch(**overrides):
    """The task's options with ``links``: each link's own options default to None."""
    links = [dict(dict.fromkeys(LINK_OPTIONS), **link) for link in overrides.pop("links")]
    return params(links=links, **dict(dict.fromkeys(LINK_OPTIONS), **overrides))


LINK_OPTIONS = ("transit_router_id", "region", "peer_transit_router_id", "peer_region", "bandwidth_type",
                "bandwidth", "bandwidth_package_id", "default_link_type", "name", "description", "route_table_id",
                "peer_route_table_id", "tags")
TWO_LINKS = [dict(region="cn-hangzhou", peer_region="cn-shanghai", name="a-b", bandwidth=100),
             dict(transit_router_id="tr-d", peer_transit_router_id="tr-a", name="d-a")]


def test_batch_makes_each_link_and_returns_one_result_per_link_in_order(session, cloud):
    result = core(session, batch(cen_id="cen-a", links=[TWO_LINKS[0], dict(region="cn-shenzhen",
                                                                           peer_region="cn-hangzhou", name="d-a")]),
                  False)
    assert sorted(cloud.writes()) == sorted((["CreateTransitRouterPeerAttachment"] + LINK_WRITES) * 2)
    assert [r["link"]["name"] for r in result["results"]] == ["a-b", "d-a"]
    assert [r["transit_router_attachment_id"] for r in result["results"]] == ["tr-attach-new", "tr-attach-new-d"]
    assert result["changed"] and all(r["changed"] for r in result["results"])
    assert result["results"][1]["attachment"]["route_table_id"] == "vtb-sysd"
    assert sorted(result["diff"]["after"]) == ["links[0] (a-b)", "links[1] (d-a)"] and result["diff"]["before"] == {}
    again = core(session, batch(cen_id="cen-a", links=[TWO_LINKS[0], dict(region="cn-shenzhen",
                                                                          peer_region="cn-hangzhou")]), False)
    assert not again["changed"] and "diff" not in again and len(cloud.writes()) == 10


def test_batch_in_check_mode_predicts_each_link_without_writing(session, cloud):
    cloud.attach()
    cloud.linked()
    result = core(session, batch(cen_id="cen-a", links=[dict(TWO_LINKS[0], bandwidth=200), TWO_LINKS[1]]), True)
    assert cloud.writes() == []
    assert [r["changed"] for r in result["results"]] == [True, True]
    assert result["diff"]["before"]["links[0] (a-b)"]["bandwidth"] == 100
    assert result["diff"]["after"]["links[0] (a-b)"]["bandwidth"] == 200
    assert "links[1] (d-a)" not in result["diff"]["before"]
    assert result["results"][1]["transit_router_attachment_id"].startswith("attach-checkmode-")


B_TO_A = dict(region="cn-shanghai", peer_region="cn-hangzhou", name="b-a")


def test_batch_bad_input_names_every_bad_link_and_writes_nothing(session, cloud):
    links = [TWO_LINKS[0], dict(region="cn-hangzhou", peer_region="cn-shenzhen", bandwidth=0),
             dict(peer_region="cn-shanghai", name="no-router"), dict(region="cn-hangzhou", name="no-peer"),
             dict(transit_router_id="tr-b", peer_transit_router_id="tr-a", name="b-a")]
    with pytest.raises(AlicloudError) as caught:
        core(session, batch(cen_id=None, links=links), False)
    message = str(caught.value)
    assert message.startswith("nothing was changed: links[0] (a-b): transit_router_id: give the link's")
    assert "links[2] (no-router): transit_router_id: give the link's" in message  # no cen_id for the task
    with pytest.raises(AlicloudError) as caught:
        core(session, batch(cen_id="cen-a", links=links[:4] + [B_TO_A]), False)
    message = str(caught.value)
    assert "links[0] (a-b):" not in message and "links[1]: bandwidth: give 1 Mbit/s or more, not 0" in message
    assert "links[2] (no-router): joins the same transit routers (tr-a and tr-b) as links[0] (a-b)" in message
    assert "links[3] (no-peer): peer_region: give the link's peer_transit_router_id or peer_region" in message
    assert "links[4] (b-a): joins the same transit routers (tr-b and tr-a) as links[0] (a-b)" in message
    with pytest.raises(AlicloudError, match=r"^nothing was changed: links\[0\]: transit_router_id: tr-c is a "
                                            r"transit router of CEN cen-other, not of cen_id cen-a$"):
        core(session, batch(cen_id="cen-a", links=[dict(transit_router_id="tr-c", peer_region="cn-shanghai")]),
             False)
    assert cloud.writes() == []


def test_batch_names_the_link_that_failed_and_does_the_others(session, cloud):
    cloud.refuse["CreateTransitRouterPeerAttachment"] = \
        lambda fields: ("InvalidParam", "refused") if fields["TransitRouterId"] == "tr-d" else None
    with pytest.raises(AlicloudError) as caught:
        core(session, batch(cen_id="cen-a", links=TWO_LINKS), False)
    error = caught.value
    assert str(error).startswith("links[1] (d-a): CreateTransitRouterPeerAttachment failed: InvalidParam: refused")
    assert str(error).endswith("; the other link is done")
    assert error.changed and [r["changed"] for r in error.result["results"]] == [True, False]
    assert error.result["results"][1]["failed"] and "refused" in error.result["results"][1]["msg"]
    assert "failed" not in error.result["results"][0]
    assert cloud.writes().count("CreateTransitRouterPeerAttachment") == 2 and len(cloud.attachments) == 1


def test_batch_deletes_each_link(session, cloud):
    cloud.attach()
    cloud.linked()
    result = core(session, batch(cen_id="cen-a", state="absent", links=TWO_LINKS), False)
    assert cloud.writes() == ["DeleteTransitRouterPeerAttachment"]
    assert [(r["changed"], r["transit_router_attachment_id"]) for r in result["results"]] == \
        [(True, "tr-attach-p"), (False, None)]
    assert list(result["diff"]["before"]) == ["links[0] (a-b)"] and result["diff"]["after"] == {}
