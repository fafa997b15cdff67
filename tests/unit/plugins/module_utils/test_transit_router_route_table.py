# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/transit_router_route_table.py and transit_router_route_entry.py through the real SDK against a
scripted HTTP API: the requests the cores send, in which order, and what they return or refuse.

The same cores against the emulator are in tests/integration/targets/transit_router_route_table*,
transit_router_route_entry.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import transit_router_route_entry as tre
from ansible_collections.alicloud.interconnect.plugins.module_utils import transit_router_route_table as trt
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

UID = "1000000000000001"


class Cloud(object):
    """On top of conftest's TransitApi: router tr-a with its System table vtb-sys; VPC attachments tr-attach-a
    and tr-attach-b of tr-a, and tr-attach-x of another router. Writes settle at once."""

    def __init__(self, fake_api):
        super(Cloud, self).__init__(fake_api)
        self.routers = [dict(TransitRouterId="tr-a", Status="Active")]
        self.tables = [self._table("vtb-sys", "System", "")]
        self.attachments = [dict(TransitRouterAttachmentId=a, TransitRouterId=r)
                            for a, r in (("tr-attach-a", "tr-a"), ("tr-attach-b", "tr-a"), ("tr-attach-x", "tr-b"))]
        self.entries = []

    @staticmethod
    def _table(table_id, kind, name):
        return dict(TransitRouterRouteTableId=table_id, TransitRouterId="tr-a", TransitRouterRouteTableType=kind,
                    TransitRouterRouteTableName=name, TransitRouterRouteTableDescription="",
                    TransitRouterRouteTableStatus="Active", Tags=[])

    # -- reads --------------------------------------------------------------------------------------
    def ListTransitRouters(self, fields):
        return self.page("TransitRouters", self.match(self.routers, fields, ("TransitRouterId",)))

    def ListTransitRouterVpcAttachments(self, fields):
        return self.page("TransitRouterAttachments",
                         self.match(self.attachments, fields, ("TransitRouterAttachmentId",)))

    def ListTransitRouterPeerAttachments(self, fields):
        return self.page("TransitRouterAttachments", [])

    def ListTransitRouterRouteTables(self, fields):
        found = [t for t in self.tables if fields.get("TransitRouterId") in (None, t["TransitRouterId"])
                 and fields.get("TransitRouterRouteTableType") in (None, t["TransitRouterRouteTableType"])
                 and fields.get("TransitRouterRouteTableIds.1") in (None, t["TransitRouterRouteTableId"])]
        return self.page("TransitRouterRouteTables", found)

    def ListTransitRouterRouteEntries(self, fields):
        dest = fields.get("TransitRouterRouteEntryDestinationCidrBlock")
        table_id = fields["TransitRouterRouteTableId"]
        return self.page("TransitRouterRouteEntries", [
            e for e in self.entries if e.get("TransitRouterRouteTableId", table_id) == table_id
            and dest in (None, e["TransitRouterRouteEntryDestinationCidrBlock"])])

    # -- writes -------------------------------------------------------------------------------------
    def CreateTransitRouterRouteTable(self, fields):
        self.tables.append(self._table("vtb-new", "Custom", fields.get("TransitRouterRouteTableName")))
        return dict(TransitRouterRouteTableId="vtb-new")

    def UpdateTransitRouterRouteTable(self, fields):
        self.tables[-1]["TransitRouterRouteTableName"] = fields["TransitRouterRouteTableName"]
        return {}

    def DeleteTransitRouterRouteTable(self, fields):
        self.tables = [t for t in self.tables if t["TransitRouterRouteTableId"] != fields["TransitRouterRouteTableId"]]
        return {}

    def ReplaceTransitRouterRouteTableAssociation(self, fields):
        self.associations = [a for a in self.associations
                             if a["TransitRouterAttachmentId"] != fields["TransitRouterAttachmentId"]]
        return self.AssociateTransitRouterAttachmentWithRouteTable(fields)

    def DissociateTransitRouterAttachmentFromRouteTable(self, fields):
        self.associations = [a for a in self.associations
                             if a["TransitRouterAttachmentId"] != fields["TransitRouterAttachmentId"]]
        return {}

    def DisableTransitRouterRouteTablePropagation(self, fields):
        self.propagations = [p for p in self.propagations
                             if (p["TransitRouterAttachmentId"], p["TransitRouterRouteTableId"])
                             != (fields["TransitRouterAttachmentId"], fields["TransitRouterRouteTableId"])]
        return {}

    def CreateTransitRouterRouteEntry(self, fields):
        entry_id = "rte-%d" % (len(self.entries) + 1)
        self.entries.append(dict(
            TransitRouterRouteEntryId=entry_id, TransitRouterRouteTableId=fields["TransitRouterRouteTableId"],
            TransitRouterRouteEntryDestinationCidrBlock=fields["TransitRouterRouteEntryDestinationCidrBlock"],
            TransitRouterRouteEntryNextHopType=fields["TransitRouterRouteEntryNextHopType"],
            TransitRouterRouteEntryNextHopId=fields.get("TransitRouterRouteEntryNextHopId", ""),
            TransitRouterRouteEntryName=fields.get("TransitRouterRouteEntryName", ""),
            TransitRouterRouteEntryDescription="", TransitRouterRouteEntryType="Static",
            TransitRouterRouteEntryStatus="Active"))
        return dict(TransitRouterRouteEntryId=entry_id)

    def UpdateTransitRouterRouteEntry(self, fields):
        self.entries[0]["TransitRouterRouteEntryName"] = fields["TransitRouterRouteEntryName"]
        return {}

    def DeleteTransitRouterRouteEntry(self, fields):
        self.entries = [e for e in self.entries
                        if e["TransitRouterRouteEntryId"] != fields["TransitRouterRouteEntryId"]]
        return {}


@pytest.fixture
def cloud(transit_api):
    return transit_api(Cloud)


@pytest.fixture
def session(keys, fake_api, clock):
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep)


def params(**overrides):
    base = dict(transit_router_id="tr-a", route_table_id=None, system=False, name="isolated", description=None,
                associations=None, purge_associations=False, propagations=None, purge_propagations=False,
                state="present", wait=True, wait_timeout=300, tags=None, purge_tags=True)
    base.update(overrides)
    return base


def test_create_then_associate_and_propagate_one_write_each(session, cloud):
    result = trt.transit_router_route_table(
        session, params(associations=["tr-attach-a"], propagations=["tr-attach-a", "tr-attach-b"]), False)
    assert cloud.writes() == ["CreateTransitRouterRouteTable", "AssociateTransitRouterAttachmentWithRouteTable",
                              "EnableTransitRouterRouteTablePropagation", "EnableTransitRouterRouteTablePropagation"]
    create = [f for a, f in cloud.calls if a == "CreateTransitRouterRouteTable"][0]
    assert create["ClientToken"] and create["TransitRouterRouteTableName"] == "isolated"
    assert result["changed"] and result["route_table_id"] == "vtb-new"
    assert result["route_table"]["associations"] == ["tr-attach-a"]
    assert result["route_table"]["propagations"] == ["tr-attach-a", "tr-attach-b"]
    assert result["diff"]["before"] == {} and result["diff"]["after"]["name"] == "isolated"


def test_a_link_that_never_settles_times_out_naming_it_and_its_status(session, cloud):
    cloud.tables.append(cloud._table("vtb-new", "Custom", "isolated"))
    cloud.link("propagations", "vtb-new", "tr-attach-b")
    cloud.propagations[-1]["Status"] = "Enabling"
    with pytest.raises(AlicloudError) as failure:
        trt.transit_router_route_table(session, params(route_table_id="vtb-new", associations=["tr-attach-a"],
                                                       propagations=["tr-attach-b"], wait_timeout=30), False)
    assert failure.value.code == "WaitTimeout"
    assert "propagation tr-attach-b Enabling" in failure.value.message
    assert cloud.writes() == []


def test_an_unchanged_table_writes_nothing(session, cloud):
    cloud.tables.append(cloud._table("vtb-c", "Custom", "isolated"))
    cloud.link("associations", "vtb-c", "tr-attach-a")
    result = trt.transit_router_route_table(session, params(associations=["tr-attach-a"]), False)
    assert not result["changed"] and "diff" not in result
    assert cloud.writes() == []
    assert result["route_table"]["associations"] == ["tr-attach-a"]


def test_check_mode_predicts_without_writing(session, cloud):
    result = trt.transit_router_route_table(session, params(associations=["tr-attach-a"]), True)
    assert result["changed"] and result["route_table_id"].startswith("vtb-checkmode-")
    assert result["route_table"]["associations"] == ["tr-attach-a"]
    assert cloud.writes() == []


def test_an_attachment_associated_elsewhere_on_the_router_moves(session, cloud):
    cloud.link("associations", "vtb-sys", "tr-attach-a")
    cloud.tables.append(cloud._table("vtb-c", "Custom", "isolated"))
    result = trt.transit_router_route_table(session, params(associations=["tr-attach-a"]), False)
    assert cloud.writes() == ["ReplaceTransitRouterRouteTableAssociation"]
    assert result["diff"]["before"]["associations"] == [] and result["diff"]["after"]["associations"] == ["tr-attach-a"]


def test_purge_removes_only_what_is_not_listed_and_only_when_asked(session, cloud):
    for kind in ("associations", "propagations"):
        cloud.link(kind, "vtb-sys", "tr-attach-a")
    cloud.link("propagations", "vtb-sys", "tr-attach-b")
    kept = trt.transit_router_route_table(session, params(system=True, name=None, propagations=[]), False)
    assert not kept["changed"] and cloud.writes() == []
    purged = trt.transit_router_route_table(
        session, params(system=True, name=None, associations=[], purge_associations=True, propagations=["tr-attach-b"],
                        purge_propagations=True), False)
    assert cloud.writes() == ["DissociateTransitRouterAttachmentFromRouteTable",
                              "DisableTransitRouterRouteTablePropagation"]
    assert purged["route_table"]["associations"] == [] and purged["route_table"]["propagations"] == ["tr-attach-b"]


def test_an_attachment_of_another_router_is_refused_before_any_write(session, cloud):
    with pytest.raises(AlicloudError) as err:
        trt.transit_router_route_table(session, params(associations=["tr-attach-a", "tr-attach-x"]), False)
    assert "tr-attach-x is not an attachment of transit router tr-a" in err.value.message
    assert cloud.writes() == []


def test_two_tables_with_the_name_are_listed(session, cloud):
    cloud.tables += [cloud._table("vtb-1", "Custom", "isolated"), cloud._table("vtb-2", "Custom", "isolated")]
    with pytest.raises(AlicloudError) as err:
        trt.transit_router_route_table(session, params(), False)
    assert "vtb-1, vtb-2" in err.value.message and "route_table_id" in err.value.message


def test_rename_by_id(session, cloud):
    cloud.tables.append(cloud._table("vtb-c", "Custom", "isolated"))
    result = trt.transit_router_route_table(session, params(route_table_id="vtb-c", transit_router_id=None,
                                                            name="renamed"), False)
    assert cloud.writes() == ["UpdateTransitRouterRouteTable"]
    assert result["diff"]["before"]["name"] == "isolated" and result["diff"]["after"]["name"] == "renamed"


def test_delete_refused_while_links_remain_names_them(session, cloud):
    cloud.tables.append(cloud._table("vtb-c", "Custom", "isolated"))
    cloud.link("propagations", "vtb-c", "tr-attach-b")
    with pytest.raises(AlicloudError) as err:
        trt.transit_router_route_table(session, params(state="absent"), False)
    assert "learning routes from tr-attach-b" in err.value.message
    assert cloud.writes() == []


def test_delete_refused_for_static_routes_names_them(session, cloud):
    cloud.tables.append(cloud._table("vtb-c", "Custom", "isolated"))
    cloud.entries = [dict(TransitRouterRouteEntryId="rte-1", TransitRouterRouteEntryDestinationCidrBlock="10.0.0.0/8")]
    with pytest.raises(AlicloudError) as err:
        trt.transit_router_route_table(session, params(state="absent"), False)
    assert "rte-1 (10.0.0.0/8)" in err.value.message and "transit_router_route_entry" in err.value.message
    assert cloud.writes() == []


def test_delete_waits_until_gone_and_absent_is_no_change(session, cloud):
    cloud.tables.append(cloud._table("vtb-c", "Custom", "isolated"))
    result = trt.transit_router_route_table(session, params(state="absent"), False)
    assert result["changed"] and cloud.writes() == ["DeleteTransitRouterRouteTable"]
    again = trt.transit_router_route_table(session, params(state="absent"), False)
    assert not again["changed"] and again["route_table_id"] is None


@pytest.mark.parametrize("overrides, text", [
    (dict(system=True, state="absent"), "System route table of a transit router cannot be deleted"),
    (dict(system=True, route_table_id="vtb-sys"), "not both"),
    (dict(associations=["attach-1"]), "associations: 'attach-1' is not a transit-router attachment id"),
    (dict(name=""), "name: give a non-empty name"),
    (dict(name=None), "name: give the name of the custom route table"),
    (dict(associations=["attach-checkmode-0123abcd"]), "predicted by check mode"),
])
def test_bad_options_are_refused_before_any_call(session, cloud, overrides, text):
    with pytest.raises(AlicloudError) as err:
        trt.transit_router_route_table(session, params(**overrides), False)
    assert text in err.value.message
    assert cloud.calls == []


# -- transit_router_route_table_info ------------------------------------------------------------------

def info_params(**overrides):
    base = dict(transit_router_id="tr-a", route_table_ids=None, name=None, type=None)
    base.update(overrides)
    return base


def test_info_lists_each_table_with_its_links_and_routes_of_every_state(session, cloud):
    cloud.tables.append(cloud._table("vtb-c", "Custom", "blue"))
    cloud.link("associations", "vtb-sys", "tr-attach-a")
    cloud.link("propagations", "vtb-sys", "tr-attach-b")
    cloud.entries = [dict(TransitRouterRouteEntryId="rte-1", TransitRouterRouteEntryDestinationCidrBlock="10.0.0.0/8")]
    result = trt.transit_router_route_table_info(session, info_params(type="System"), False)
    assert not result["changed"] and [t["transit_router_route_table_id"] for t in result["route_tables"]] == ["vtb-sys"]
    table = result["route_tables"][0]
    assert table["associations"] == ["tr-attach-a"] and table["propagations"] == ["tr-attach-b"]
    assert table["routes"] == [dict(transit_router_route_entry_id="rte-1",
                                    transit_router_route_entry_destination_cidr_block="10.0.0.0/8")]
    routes = [f for a, f in cloud.calls if a == "ListTransitRouterRouteEntries"]
    assert routes[0]["TransitRouterRouteEntryStatus"] == "All"
    by_name = trt.transit_router_route_table_info(session, info_params(name="blue"), False)
    assert [t["transit_router_route_table_id"] for t in by_name["route_tables"]] == ["vtb-c"]
    assert cloud.writes() == []


def test_info_of_a_predicted_router_reads_nothing(session, cloud):
    result = trt.transit_router_route_table_info(session, info_params(transit_router_id="tr-checkmode-0123abcd"), True)
    assert result == dict(changed=False, route_tables=[]) and cloud.calls == []


def test_info_refuses_more_ids_than_the_api_takes(session, cloud):
    with pytest.raises(AlicloudError) as err:
        trt.transit_router_route_table_info(session, info_params(route_table_ids=["vtb-%d" % i for i in range(21)]),
                                            False)
    assert "route_table_ids: give at most 20" in err.value.message and cloud.calls == []


# -- transit_router_route_entry -----------------------------------------------------------------------

def route_params(**overrides):
    base = dict(route_table_id=None, transit_router_id="tr-a", destination_cidr="10.50.0.0/16",
                next_hop_type="Attachment", next_hop_id="tr-attach-a", name=None, description=None, state="present",
                wait=True, wait_timeout=300)
    base.update(overrides)
    return base


def test_a_route_goes_into_the_system_table_and_a_rerun_writes_nothing(session, cloud):
    result = tre.transit_router_route_entry(session, route_params(name="to-app"), False)
    create = [f for a, f in cloud.calls if a == "CreateTransitRouterRouteEntry"]
    assert cloud.writes() == ["CreateTransitRouterRouteEntry"]
    assert create[0]["TransitRouterRouteTableId"] == "vtb-sys" and create[0]["ClientToken"]
    assert create[0]["TransitRouterRouteEntryNextHopId"] == "tr-attach-a"
    assert result["changed"] and result["route_entry_id"] == "rte-1"
    assert result["diff"]["after"]["next_hop_id"] == "tr-attach-a"
    again = tre.transit_router_route_entry(session, route_params(name="to-app"), False)
    assert not again["changed"] and cloud.writes() == ["CreateTransitRouterRouteEntry"]


def test_a_name_changes_in_place(session, cloud):
    tre.transit_router_route_entry(session, route_params(), False)
    result = tre.transit_router_route_entry(session, route_params(name="renamed"), False)
    assert cloud.writes()[1:] == ["UpdateTransitRouterRouteEntry"]
    assert result["diff"]["after"]["name"] == "renamed" and result["route_entry_id"] == "rte-1"


def test_another_next_hop_replaces_the_route(session, cloud):
    tre.transit_router_route_entry(session, route_params(), False)
    result = tre.transit_router_route_entry(session, route_params(next_hop_type="BlackHole", next_hop_id=None), False)
    assert cloud.writes()[1:] == ["DeleteTransitRouterRouteEntry", "CreateTransitRouterRouteEntry"]
    assert "TransitRouterRouteEntryNextHopId" not in [f for a, f in cloud.calls
                                                      if a == "CreateTransitRouterRouteEntry"][-1]
    assert result["diff"]["before"]["next_hop_type"] == "Attachment"
    assert result["diff"]["after"]["next_hop_type"] == "BlackHole" and result["diff"]["after"]["next_hop_id"] is None


def test_a_failure_after_the_delete_of_a_replaced_route_says_so(session, cloud):
    tre.transit_router_route_entry(session, route_params(), False)
    cloud.refuse["CreateTransitRouterRouteEntry"] = ("QuotaExceeded.TransitRouterRoutEntry", "quota")
    with pytest.raises(AlicloudError) as err:
        tre.transit_router_route_entry(session, route_params(next_hop_type="BlackHole", next_hop_id=None), False)
    assert err.value.changed and err.value.code == "QuotaExceeded.TransitRouterRoutEntry"
    assert "deleted the route rte-1 to 10.50.0.0/16" in err.value.message


def test_a_route_that_never_becomes_active_fails_with_its_id_its_status_and_the_wait(session, cloud):
    create = cloud.CreateTransitRouterRouteEntry

    def stuck(fields):
        body = create(fields)
        cloud.entries[-1]["TransitRouterRouteEntryStatus"] = "Creating"
        return body
    cloud.CreateTransitRouterRouteEntry = stuck
    with pytest.raises(AlicloudError) as err:
        tre.transit_router_route_entry(session, route_params(), False)
    assert (err.value.code, err.value.changed) == ("WaitTimeout", True)
    assert err.value.result == dict(route_table_id="vtb-sys", route_entry_id="rte-1")
    assert "wait_timeout (300 seconds for the whole task) ran out waiting for the route to 10.50.0.0/16 in vtb-sys " \
        "to become Active; last seen: status Creating" in err.value.message


def test_a_next_hop_of_another_router_is_refused_before_any_write(session, cloud):
    with pytest.raises(AlicloudError) as err:
        tre.transit_router_route_entry(session, route_params(next_hop_id="tr-attach-x"), False)
    assert "next_hop_id: tr-attach-x is not an attachment of transit router tr-a" in err.value.message
    assert cloud.writes() == []


def test_delete_only_for_the_next_hop_given(session, cloud):
    tre.transit_router_route_entry(session, route_params(), False)
    kept = tre.transit_router_route_entry(session, route_params(next_hop_id="tr-attach-b", state="absent"), False)
    assert not kept["changed"] and cloud.writes() == ["CreateTransitRouterRouteEntry"]
    deleted = tre.transit_router_route_entry(session, route_params(state="absent"), False)
    assert deleted["changed"] and deleted["route_entry_id"] == "rte-1" and cloud.entries == []


def test_check_mode_predicts_the_route_without_writing(session, cloud):
    result = tre.transit_router_route_entry(session, route_params(), True)
    assert result["changed"] and result["route_entry_id"].startswith("rte-checkmode-") and cloud.writes() == []


@pytest.mark.parametrize("overrides, text", [
    (dict(destination_cidr="10.50.0.1/16"), "destination_cidr: '10.50.0.1/16' is not a CIDR block"),
    (dict(next_hop_type="BlackHole"), "a BlackHole route has no next hop"),
    (dict(next_hop_id=None), "next_hop_id: required"),
    (dict(next_hop_id="attach-1"), "next_hop_id: 'attach-1' is not a transit-router attachment id"),
    (dict(name=""), "name: give a non-empty name, or leave name out to keep the route's name"),
])
def test_bad_route_options_are_refused_before_any_call(session, cloud, overrides, text):
    with pytest.raises(AlicloudError) as err:
        tre.transit_router_route_entry(session, route_params(**overrides), False)
    assert text in err.value.message and cloud.calls == []
