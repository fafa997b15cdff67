# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/transit_router_attachment.py through the real SDK against a scripted HTTP API: the requests
the cores send, in which order, and what they return or refuse.

The same cores against the emulator are in tests/integration/targets/transit_router_vpc_attachment,
transit_router_grant and transit_router_attachment_info.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils import transit_router_attachment as tra
from ansible_collections.alicloud.interconnect.plugins.module_utils import transit_router_vpc_batch as trv
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

UID, UID2 = "1000000000000001", "1000000000000002"


class Cloud(object):
    """On top of conftest's TransitApi: one router tr-a (CEN cen-a, cn-hangzhou) with its System table
    vtb-sys and a custom table vtb-custom, VPC vpc-a of the caller with vSwitches vsw-j / vsw-k.
    Writes settle at once."""

    def __init__(self, fake_api):
        super(Cloud, self).__init__(fake_api)
        self.routers = [dict(TransitRouterId="tr-a", CenId="cen-a", RegionId="cn-hangzhou", Status="Active")]
        self.tables = [dict(TransitRouterRouteTableId="vtb-sys", TransitRouterId="tr-a",
                            TransitRouterRouteTableType="System"),
                       dict(TransitRouterRouteTableId="vtb-custom", TransitRouterId="tr-a",
                            TransitRouterRouteTableType="Custom")]
        self.vswitches = [dict(VSwitchId="vsw-j", VpcId="vpc-a", ZoneId="cn-hangzhou-j"),
                          dict(VSwitchId="vsw-k", VpcId="vpc-a", ZoneId="cn-hangzhou-k")]
        self.attachments, self.entries = [], []
        self.vpcs = ["vpc-a", "vpc-b"]  # the caller's VPCs
        self.peers = []  # inter-region attachments
        self.vpc_routes = []  # route entries of vpc-a's route table vtb-vpca
        self.granted = []  # vSwitches ListGrantVSwitchesToCen shows
        self.rules = []  # grant rules of the caller's instances (_id: the instance)
        self.associated_cens = []  # DescribeVpcAttribute's AssociatedCens

    def attach(self, **fields):
        att = dict(TransitRouterAttachmentId="tr-attach-a", TransitRouterId="tr-a", CenId="cen-a", VpcId="vpc-a",
                   VpcOwnerId=int(UID), VpcRegionId="cn-hangzhou", Status="Attached", ResourceType="VPC",
                   TransitRouterAttachmentName="app", TransitRouterAttachmentDescription="",
                   AutoPublishRouteEnabled=False, Tags=[],
                   ZoneMappings=[dict(ZoneId="cn-hangzhou-j", VSwitchId="vsw-j"),
                                 dict(ZoneId="cn-hangzhou-k", VSwitchId="vsw-k")])
        att.update(fields)
        self.attachments.append(att)
        return att

    @staticmethod
    def _mappings(fields, prefix):
        found, index = [], 1
        while "%s.%d.VSwitchId" % (prefix, index) in fields:
            found.append(dict(VSwitchId=fields["%s.%d.VSwitchId" % (prefix, index)],
                              ZoneId=fields["%s.%d.ZoneId" % (prefix, index)]))
            index += 1
        return found

    # -- reads --------------------------------------------------------------------------------------
    def ListTransitRouters(self, fields):
        return self.page("TransitRouters", self.match(self.routers, fields, ("CenId", "RegionId", "TransitRouterId")))

    def ListTransitRouterVpcAttachments(self, fields):
        keys = ("TransitRouterId", "VpcId", "TransitRouterAttachmentId", "CenId")
        return self.page("TransitRouterAttachments", self.match(self.attachments, fields, keys))

    def ListTransitRouterPeerAttachments(self, fields):
        keys = ("CenId", "RegionId", "TransitRouterId")
        return self.page("TransitRouterAttachments", self.match(self.peers, fields, keys))

    def ListTransitRouterRouteTables(self, fields):
        found = [t for t in self.tables if t["TransitRouterId"] == fields["TransitRouterId"]
                 and fields.get("TransitRouterRouteTableType") in (None, t["TransitRouterRouteTableType"])
                 and fields.get("TransitRouterRouteTableIds.1") in (None, t["TransitRouterRouteTableId"])]
        return self.page("TransitRouterRouteTables", found)

    def ListTransitRouterRouteEntries(self, fields):
        return self.page("TransitRouterRouteEntries", [
            e for e in self.entries if e["TransitRouterRouteTableId"] == fields["TransitRouterRouteTableId"]
            and e["TransitRouterRouteEntryNextHopId"] == fields.get("TransitRouterRouteEntryNextHopId")])

    def DescribeVSwitches(self, fields):
        found = [v for v in self.vswitches if fields.get("VSwitchId") in (None, v["VSwitchId"])]
        return dict(VSwitches={"VSwitch": found}, TotalCount=len(found))

    def DescribeVpcs(self, fields):
        found = [dict(VpcId=vpc_id, VRouterId="vrt-" + vpc_id[4:], RegionId="cn-hangzhou") for vpc_id in self.vpcs]
        found = [v for v in found if fields.get("VpcId") in (None, v["VpcId"])]
        return dict(Vpcs={"Vpc": found}, TotalCount=len(found))

    def DescribeRouteTables(self, fields):
        entries = [e for e in self.vpc_routes if fields["RouterId"] == "vrt-a"]
        tables = [dict(RouteTableId="vtb-vpca", RouteEntrys={"RouteEntry": entries})]
        return dict(RouteTables={"RouteTable": tables}, TotalCount=1)

    def ListGrantVSwitchesToCen(self, fields):
        return self.page("VSwitches", self.granted)

    # -- writes -------------------------------------------------------------------------------------
    def CreateTransitRouterVpcAttachment(self, fields):
        self.attach(TransitRouterAttachmentId="tr-attach-new", VpcId=fields["VpcId"],
                    ZoneMappings=self._mappings(fields, "ZoneMappings"),
                    TransitRouterAttachmentName=fields.get("TransitRouterAttachmentName", ""))
        return dict(TransitRouterAttachmentId="tr-attach-new")

    def UpdateTransitRouterVpcAttachmentAttribute(self, fields):
        self.attachments[0]["TransitRouterAttachmentName"] = fields.get("TransitRouterAttachmentName")
        return {}

    def UpdateTransitRouterVpcAttachmentZones(self, fields):
        att = self.attachments[0]
        removed = self._mappings(fields, "RemoveZoneMappings")
        att["ZoneMappings"] = [m for m in att["ZoneMappings"] if m not in removed] + \
            self._mappings(fields, "AddZoneMappings")
        return {}

    def ReplaceTransitRouterRouteTableAssociation(self, fields):
        self.associations = []
        return self.AssociateTransitRouterAttachmentWithRouteTable(fields)

    def DeleteTransitRouterVpcAttachment(self, fields):
        self.attachments = []
        return {}

    # -- grants (the instance owner's side) ---------------------------------------------------------
    def DescribeGrantRulesToResource(self, fields):
        return self.page("GrantRules", [dict(r) for r in self.rules if r["_id"] == fields["ResourceId"]])

    def DescribeVirtualBorderRouters(self, fields):
        found = [dict(VbrId="vbr-a", RegionId="cn-hangzhou")]
        return dict(VirtualBorderRouterSet={"VirtualBorderRouterType": found}, TotalCount=len(found))

    def DescribeVpcAttribute(self, fields):
        return dict(VpcId=fields["VpcId"], AssociatedCens={"AssociatedCen": self.associated_cens})

    def GrantInstanceToTransitRouter(self, fields):
        self.rules.append(dict(_id=fields["InstanceId"], CenId=fields["CenId"], CenOwnerId=int(fields["CenOwnerId"]),
                               OrderType=fields.get("OrderType", "PayByCenOwner"), CreateTime="2026-12-03T10:00:00Z"))
        return {}

    def RevokeInstanceFromTransitRouter(self, fields):
        self.rules = [r for r in self.rules if r["_id"] != fields["InstanceId"]]
        return {}


@pytest.fixture
def cloud(transit_api):
    return transit_api(Cloud)


@pytest.fixture
def session(keys, fake_api, clock):
    return Session(keys, endpoint=fake_api.url, region="cn-hangzhou", clock=clock, sleep=clock.sleep)


def params(**overrides):
    base = dict(transit_router_id=None, cen_id="cen-a", region=None, vpc_id="vpc-a", vpc_owner_id=None,
                zone_mappings=[dict(vswitch_id="vsw-j", zone_id=None), dict(vswitch_id="vsw-k", zone_id=None)],
                name="app", description=None, auto_publish_route=None, route_table_id=None, force=False,
                state="present", wait=True, wait_timeout=300, tags=None, purge_tags=True)
    base.update(overrides)
    return base


# -- transit_router_vpc_attachment: create ------------------------------------------------------------

def test_create_looks_up_the_zones_then_associates_and_propagates_into_the_system_table(session, cloud):
    result = trv.transit_router_vpc_attachment(session, params(tags=dict(env="test")), False)
    assert cloud.writes() == ["CreateTransitRouterVpcAttachment", "AssociateTransitRouterAttachmentWithRouteTable",
                              "EnableTransitRouterRouteTablePropagation"]
    create = cloud.requests("CreateTransitRouterVpcAttachment")[-1]
    assert create["ClientToken"] and create["TransitRouterId"] == "tr-a" and "VpcOwnerId" not in create
    assert (create["ZoneMappings.1.ZoneId"], create["ZoneMappings.1.VSwitchId"]) == ("cn-hangzhou-j", "vsw-j")
    assert (create["ZoneMappings.2.ZoneId"], create["ZoneMappings.2.VSwitchId"]) == ("cn-hangzhou-k", "vsw-k")
    assert (create["Tag.1.Key"], create["Tag.1.Value"]) == ("env", "test")
    for action in ("AssociateTransitRouterAttachmentWithRouteTable", "EnableTransitRouterRouteTablePropagation"):
        link = cloud.requests(action)[-1]
        assert (link["TransitRouterAttachmentId"], link["TransitRouterRouteTableId"]) == ("tr-attach-new", "vtb-sys")
        assert link["ClientToken"]
    # The router takes one operation at a time: each write waits (reading) for the one before.
    actions = [action for action, _fields in cloud.calls]
    create_at = actions.index("CreateTransitRouterVpcAttachment")
    associate_at = actions.index("AssociateTransitRouterAttachmentWithRouteTable")
    assert "ListTransitRouterVpcAttachments" in actions[create_at:associate_at]
    assert "ListTransitRouterRouteTableAssociations" in actions[associate_at:]
    assert result["changed"] and result["transit_router_attachment_id"] == "tr-attach-new"
    assert result["attachment"]["route_table_id"] == "vtb-sys"
    assert result["attachment"]["associated"] and result["attachment"]["propagating"]
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["zone_mappings"] == [dict(zone_id="cn-hangzhou-j", vswitch_id="vsw-j"),
                                                        dict(zone_id="cn-hangzhou-k", vswitch_id="vsw-k")]


def test_an_attachment_being_deleted_is_waited_for_then_made_anew(session, cloud):
    cloud.attach(Status="Detaching")
    listed = cloud.ListTransitRouterVpcAttachments

    def gone_after_the_first_look(fields):
        body = listed(fields)
        if cloud.attachments and cloud.attachments[0]["Status"] == "Detaching":
            cloud.attachments = []
        return body
    cloud.ListTransitRouterVpcAttachments = gone_after_the_first_look
    result = trv.transit_router_vpc_attachment(session, params(route_table_id=False), False)
    assert cloud.writes() == ["CreateTransitRouterVpcAttachment"]
    assert result["transit_router_attachment_id"] == "tr-attach-new"


@pytest.mark.parametrize("table", [False, "false"])
def test_route_table_false_leaves_routing_alone(session, cloud, table):
    result = trv.transit_router_vpc_attachment(session, params(route_table_id=table, wait=False), False)
    assert cloud.writes() == ["CreateTransitRouterVpcAttachment"]
    assert not [a for a, _f in cloud.calls if "RouteTable" in a]
    assert "route_table_id" not in result["attachment"]


def test_check_mode_predicts_without_writing(session, cloud):
    result = trv.transit_router_vpc_attachment(session, params(), True)
    assert cloud.writes() == []
    assert result["transit_router_attachment_id"].startswith("attach-checkmode-")
    assert result["attachment"]["route_table_id"] == "vtb-sys"


def test_a_predicted_router_is_predicted_in_check_mode_and_refused_outside_it(session, cloud):
    result = trv.transit_router_vpc_attachment(session, params(cen_id=None,
                                                               transit_router_id="tr-checkmode-1a2b3c4d"), True)
    assert result["changed"] and result["attachment"]["transit_router_id"] == "tr-checkmode-1a2b3c4d"
    assert cloud.calls == []
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(cen_id=None, transit_router_id="tr-checkmode-1a2b3c4d"),
                                          False)
    assert "transit_router_id: tr-checkmode-1a2b3c4d is an id predicted by check mode" in str(exc.value)


def test_another_accounts_vpc_takes_its_zones_from_the_vswitches_it_shares(session, cloud):
    cloud.granted = [dict(VSwitchId="vsw-j", VpcId="vpc-a", ZoneId="cn-hangzhou-j")]
    trv.transit_router_vpc_attachment(session, params(vpc_owner_id=int(UID2), zone_mappings=[
        dict(vswitch_id="vsw-j", zone_id=None)], route_table_id=False), False)
    create = cloud.requests("CreateTransitRouterVpcAttachment")[-1]
    assert (create["VpcOwnerId"], create["ZoneMappings.1.ZoneId"]) == (UID2, "cn-hangzhou-j")
    assert "DescribeVSwitches" not in [a for a, _f in cloud.calls]


def test_another_accounts_vpc_without_a_grant_is_refused_before_writing(session, cloud):
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(vpc_owner_id=UID2), False)
    assert "vpc_owner_id: account %s has not granted CEN cen-a access to the VPC vpc-a" % UID2 in str(exc.value)
    assert "transit_router_grant" in str(exc.value)
    assert cloud.writes() == []


def test_a_closed_service_names_the_account_and_the_module_that_opens_it(session, cloud):
    cloud.refuse["CreateTransitRouterVpcAttachment"] = ("Forbbiden.TransitRouterServiceNotOpen", "not open")
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(), False)
    assert exc.value.code == "Forbbiden.TransitRouterServiceNotOpen"
    assert "account %s" % UID in str(exc.value) and "transit_router_service" in str(exc.value)
    assert not exc.value.changed


def test_a_failure_after_the_create_reports_changed_and_the_id(session, cloud):
    cloud.refuse["EnableTransitRouterRouteTablePropagation"] = ("InvalidParameter", "no")
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(), False)
    assert exc.value.changed and exc.value.result == dict(transit_router_attachment_id="tr-attach-new")
    assert "VPC attachment tr-attach-new: created, associated it with route table vtb-sys, then " \
           "EnableTransitRouterRouteTablePropagation failed" in str(exc.value)


# -- transit_router_vpc_attachment: update --------------------------------------------------------------

def test_an_unchanged_attachment_reads_and_writes_nothing_more(session, cloud):
    cloud.attach()
    cloud.link("associations", "vtb-sys", "tr-attach-a")
    cloud.link("propagations", "vtb-sys", "tr-attach-a")
    result = trv.transit_router_vpc_attachment(session, params(), False)
    assert not result["changed"] and "diff" not in result
    assert cloud.writes() == []
    assert "DescribeVSwitches" not in [a for a, _f in cloud.calls]


def test_zones_change_in_place_and_an_association_elsewhere_moves(session, cloud):
    cloud.vswitches.append(dict(VSwitchId="vsw-k2", VpcId="vpc-a", ZoneId="cn-hangzhou-k"))
    cloud.attach()
    cloud.link("associations", "vtb-custom", "tr-attach-a")
    cloud.link("propagations", "vtb-custom", "tr-attach-a")
    result = trv.transit_router_vpc_attachment(session, params(zone_mappings=[
        dict(vswitch_id="vsw-j", zone_id=None), dict(vswitch_id="vsw-k2", zone_id=None)]), False)
    assert cloud.writes() == ["UpdateTransitRouterVpcAttachmentZones", "ReplaceTransitRouterRouteTableAssociation",
                              "EnableTransitRouterRouteTablePropagation"]
    zones = cloud.requests("UpdateTransitRouterVpcAttachmentZones")[-1]
    assert (zones["AddZoneMappings.1.VSwitchId"], zones["RemoveZoneMappings.1.VSwitchId"]) == ("vsw-k2", "vsw-k")
    assert result["diff"]["before"]["associated"] is False and result["diff"]["after"]["associated"] is True
    assert result["transit_router_attachment_id"] == "tr-attach-a"


def test_a_zone_id_that_is_not_the_vswitchs_is_refused_before_writing(session, cloud):
    cloud.attach()
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(name="other", zone_mappings=[
            dict(vswitch_id="vsw-j", zone_id="cn-hangzhou-k")]), False)
    assert str(exc.value) == "zone_mappings[0].zone_id: the vSwitch vsw-j is in zone cn-hangzhou-j, not cn-hangzhou-k"
    assert cloud.writes() == []


def test_tags_change_through_tag_resources(session, cloud):
    cloud.attach(Tags=[dict(Key="old", Value="1")])
    trv.transit_router_vpc_attachment(session, params(route_table_id=False, tags=dict(env="prod")), False)
    assert cloud.writes() == ["UntagResources", "TagResources"]
    assert cloud.requests("UntagResources")[-1]["TagKey.1"] == "old"
    tag = cloud.requests("TagResources")[-1]
    assert (tag["ResourceType"], tag["ResourceId.1"], tag["Tag.1.Key"]) == ("TransitRouterVpcAttachment",
                                                                            "tr-attach-a", "env")


# -- transit_router_vpc_attachment: delete --------------------------------------------------------------

def test_delete_removes_its_own_association_and_propagation_with_force(session, cloud):
    cloud.attach()
    cloud.link("associations", "vtb-sys", "tr-attach-a")
    cloud.link("propagations", "vtb-sys", "tr-attach-a")
    result = trv.transit_router_vpc_attachment(session, params(state="absent"), False)
    assert cloud.writes() == ["DeleteTransitRouterVpcAttachment"]
    assert cloud.requests("DeleteTransitRouterVpcAttachment")[-1]["Force"] == "True"
    assert result["changed"] and result["attachment"] == {}
    assert result["diff"]["before"]["associated"] and result["diff"]["after"] == {}


def test_delete_without_links_does_not_force(session, cloud):
    cloud.attach()
    trv.transit_router_vpc_attachment(session, params(state="absent", route_table_id=False), False)
    assert "Force" not in cloud.requests("DeleteTransitRouterVpcAttachment")[-1]


def test_delete_refuses_links_to_other_tables_unless_forced(session, cloud):
    cloud.attach()
    cloud.link("associations", "vtb-custom", "tr-attach-a")
    cloud.link("propagations", "vtb-sys", "tr-attach-a")
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(state="absent"), False)
    assert "nothing was deleted: the VPC attachment tr-attach-a is still associated with route table vtb-custom" \
        in str(exc.value)
    assert "force: true" in str(exc.value)
    assert cloud.writes() == []
    trv.transit_router_vpc_attachment(session, params(state="absent", force=True), False)
    assert cloud.requests("DeleteTransitRouterVpcAttachment")[-1]["Force"] == "True"


def test_delete_refused_for_static_routes_names_them(session, cloud):
    cloud.attach()
    cloud.entries.append(dict(TransitRouterRouteEntryId="rte-1", TransitRouterRouteTableId="vtb-sys",
                              TransitRouterRouteEntryDestinationCidrBlock="10.9.0.0/16",
                              TransitRouterRouteEntryNextHopId="tr-attach-a"))
    cloud.refuse["DeleteTransitRouterVpcAttachment"] = ("OperationFailed.RouteEntryExist", "routes")
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(state="absent", route_table_id=False), False)
    assert exc.value.code == "OperationFailed.RouteEntryExist"
    assert "rte-1 (10.9.0.0/16 in vtb-sys)" in str(exc.value)
    assert "transit_router_route_entry" in str(exc.value)


def test_delete_refused_for_vpc_routes_names_them(session, cloud):
    cloud.attach()
    cloud.vpc_routes.append(dict(RouteEntryId="rte-v", RouteTableId="vtb-vpca", DestinationCidrBlock="10.8.0.0/16",
                                 NextHops={"NextHop": [dict(NextHopType="Attachment", NextHopId="tr-attach-a")]}))
    cloud.refuse["DeleteTransitRouterVpcAttachment"] = ("OperationFailed.AttachmentReferencedVpcRouteEntryExisted", "r")
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(state="absent", route_table_id=False), False)
    assert "routes of VPC vpc-a point at it (rte-v (10.8.0.0/16 in vtb-vpca))" in str(exc.value)
    assert "alicloud.interconnect.vpc_route_entry with state: absent" in str(exc.value)
    assert not exc.value.changed


def test_absent_is_no_change_without_the_attachment(session, cloud):
    result = trv.transit_router_vpc_attachment(session, params(state="absent"), False)
    assert result == dict(changed=False, transit_router_attachment_id=None, attachment={})
    assert cloud.writes() == []


@pytest.mark.parametrize("overrides, text", [
    (dict(route_table_id=True), "route_table_id: give a route table id (vtb-...), or false"),
    (dict(route_table_id="rtb-1"), "route_table_id: 'rtb-1' is not a valid VTB id"),
    (dict(zone_mappings=[]), "zone_mappings: give 1 to 10 mappings"),
    (dict(name=""), "name: give a non-empty name"),
    (dict(vpc_owner_id="two"), "vpc_owner_id: 'two' is not an Alibaba Cloud account id"),
])
def test_bad_options_are_refused_before_any_call(session, cloud, overrides, text):
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, params(**overrides), False)
    assert text in str(exc.value)
    assert cloud.calls == []


# -- transit_router_grant ---------------------------------------------------------------------------------

def grant_params(**overrides):
    base = dict(cen_id="cen-b", cen_owner_id=int(UID2), instance_id="vpc-a", instance_type="VPC",
                instance_region=None, instances=None, order_type=None, state="present")
    base.update(overrides)
    return base


def test_grant_reads_then_grants_and_returns_one_shape(session, cloud):
    result = tra.transit_router_grant(session, grant_params(), False)
    assert cloud.writes() == ["GrantInstanceToTransitRouter"]
    grant = cloud.requests("GrantInstanceToTransitRouter")[-1]
    assert (grant["CenOwnerId"], grant["InstanceType"], grant["RegionId"]) == (UID2, "VPC", "cn-hangzhou")
    assert "ClientToken" not in grant  # the operation takes none
    assert result["changed"] and result["instance_id"] == "vpc-a"
    assert result["grants"] == [result["grant"]]
    assert result["grant"]["cen_owner_id"] == UID2 and result["grant"]["order_type"] == "PayByCenOwner"
    assert result["results"] == [dict(instance_id="vpc-a", instance_type="VPC", instance_region="cn-hangzhou",
                                      action="grant", changed=True, granted=True)]


def test_a_vbr_is_granted_as_express_connect(session, cloud):
    tra.transit_router_grant(session, grant_params(instance_id="vbr-a", instance_type="VBR"), False)
    assert cloud.requests("DescribeGrantRulesToResource")[-1]["ProductType"] == "ExpressConnect"
    assert cloud.requests("GrantInstanceToTransitRouter")[-1]["InstanceType"] == "ExpressConnect"


def test_a_grant_found_after_a_lost_answer_is_the_grant_done(session, cloud):
    cloud.lose.add("GrantInstanceToTransitRouter")
    result = tra.transit_router_grant(session, grant_params(), False)
    assert result["changed"] and result["grant"]["cen_id"] == "cen-b"
    assert cloud.writes() == ["GrantInstanceToTransitRouter"]  # read back, not granted twice


def test_a_revoke_found_after_a_lost_answer_is_the_revoke_done(session, cloud):
    cloud.rules.append(dict(_id="vpc-a", CenId="cen-b", CenOwnerId=int(UID2), OrderType="PayByCenOwner"))
    cloud.lose.add("RevokeInstanceFromTransitRouter")
    result = tra.transit_router_grant(session, grant_params(state="absent", cen_owner_id=None), False)
    assert result["changed"] and "grant" in result and not result["grant"]
    assert cloud.writes() == ["RevokeInstanceFromTransitRouter"]


def test_a_batch_failing_half_way_reports_what_was_granted(session, cloud):
    cloud.refuse["GrantInstanceToTransitRouter"] = \
        lambda fields: ("OperationFailed.Unknown", "no") if fields["InstanceId"] == "vpc-b" else None
    with pytest.raises(AlicloudError) as exc:
        tra.transit_router_grant(session, grant_params(instance_id=None, instances=[
            dict(instance_id="vpc-a", instance_type="VPC", instance_region=None),
            dict(instance_id="vpc-b", instance_type="VPC", instance_region=None)]), False)
    assert exc.value.changed and exc.value.result == dict(cen_id="cen-b", instance_ids=["vpc-a"])
    assert "granted vpc-a to CEN cen-b, then GrantInstanceToTransitRouter failed" in str(exc.value)


def test_revoke_is_refused_while_the_cen_has_the_instance_attached(session, cloud):
    cloud.rules.append(dict(_id="vpc-a", CenId="cen-b", CenOwnerId=int(UID2), OrderType="PayByCenOwner"))
    cloud.associated_cens = [dict(CenId="cen-b", CenOwnerId=int(UID2), CenStatus="Attached")]
    with pytest.raises(AlicloudError) as exc:
        tra.transit_router_grant(session, grant_params(state="absent", cen_owner_id=None), False)
    assert "nothing was revoked: vpc-a is still attached to cen-b" in str(exc.value)
    assert cloud.writes() == []
    cloud.associated_cens = []
    result = tra.transit_router_grant(session, grant_params(state="absent", cen_owner_id=None), False)
    assert cloud.requests("RevokeInstanceFromTransitRouter")[-1]["CenOwnerId"] == UID2
    assert result["grant"] == {} and result["results"][0]["action"] == "revoke"


# -- transit_router_attachment_info -------------------------------------------------------------------------

def info_params(**overrides):
    base = dict(transit_router_id=None, cen_id="cen-a", region=None, attachment_type=None, attachment_ids=None,
                vpc_id=None, name=None, tags=None)
    base.update(overrides)
    return base


def peer(attachment_id, local, remote, local_region="cn-hangzhou", remote_region="cn-shanghai"):
    return dict(TransitRouterAttachmentId=attachment_id, TransitRouterId=local, RegionId=local_region,
                PeerTransitRouterId=remote, PeerTransitRouterRegionId=remote_region, PeerTransitRouterOwnerId=int(UID),
                CenId="cen-a", ResourceType="TR", Status="Attached", TransitRouterAttachmentName=attachment_id,
                BandwidthType="DataTransfer", Bandwidth=10, Tags=[])


def test_info_lists_vpc_then_inter_region_attachments_with_their_kind(session, cloud):
    cloud.attach()
    cloud.peers = [peer("tr-attach-p", "tr-a", "tr-s")]
    result = tra.transit_router_attachment_info(session, info_params(), False)
    assert [(a["transit_router_attachment_id"], a["attachment_type"]) for a in result["attachments"]] == [
        ("tr-attach-a", "VPC"), ("tr-attach-p", "TR")]
    assert result["attachments"][0]["vpc_owner_id"] == UID
    assert result["attachments"][1]["peer_transit_router_owner_id"] == UID
    assert result["changed"] is False


def test_a_router_sees_the_inter_region_attachments_made_from_the_other_end(session, cloud):
    cloud.routers.append(dict(TransitRouterId="tr-s", CenId="cen-a", RegionId="cn-shanghai", Status="Active"))
    cloud.peers = [peer("tr-attach-p", "tr-a", "tr-s"), peer("tr-attach-q", "tr-a", "tr-b", remote_region="cn-beijing")]
    result = tra.transit_router_attachment_info(session, info_params(cen_id=None, transit_router_id="tr-s"), False)
    assert [a["transit_router_attachment_id"] for a in result["attachments"]] == ["tr-attach-p"]
    assert cloud.requests("ListTransitRouterPeerAttachments")[-1]["CenId"] == "cen-a"
    by_region = tra.transit_router_attachment_info(session, info_params(region="cn-beijing"), False)
    assert [a["transit_router_attachment_id"] for a in by_region["attachments"]] == ["tr-attach-q"]


def test_info_asks_only_for_the_kind_it_needs(session, cloud):
    tra.transit_router_attachment_info(session, info_params(attachment_type="VPC"), False)
    tra.transit_router_attachment_info(session, info_params(vpc_id="vpc-a"), False)
    assert "ListTransitRouterPeerAttachments" not in [a for a, _f in cloud.calls]
    tra.transit_router_attachment_info(session, info_params(attachment_type="TR"), False)
    assert [a for a, _f in cloud.calls].count("ListTransitRouterVpcAttachments") == 2


def test_info_of_a_predicted_cen_lists_nothing_without_a_call(session, cloud):
    result = tra.transit_router_attachment_info(session, info_params(cen_id="cen-checkmode-1a2b3c4d"), True)
    assert result == dict(changed=False, attachments=[])
    assert cloud.calls == []


# -- transit_router_vpc_attachment: the batch form (attachments) -----------------------------------------

def batch(items, **overrides):
    """The module's params for a batch: the options of one VPC in each item, none at the top."""
    return params(attachments=items, **dict(dict((key, None) for key in trv.VPC_OPTIONS), **overrides))


def test_a_batch_checks_every_item_before_any_call_and_names_each_problem(session, cloud):
    with pytest.raises(AlicloudError) as exc:
        trv.transit_router_vpc_attachment(session, batch([
            dict(cen_id="cen-a", vpc_id="vpc-a", zone_mappings=[dict(vswitch_id="nope")]),
            dict(vpc_id="vpc-b"),
            dict(cen_id="cen-a", vpc_id="vpc-c", name=""),
            dict(transit_router_id="tr-a", vpc_id="vpc-a")]), False)
    message = str(exc.value)
    assert message.startswith("nothing was changed: attachments[0] (vpc-a): zone_mappings[0].vswitch_id")
    assert "attachments[1] (vpc-b): transit_router_id, cen_id: give exactly one of them" in message
    assert "attachments[2] (vpc-c): name: give a non-empty name" in message
    assert "attachments[3] (vpc-a): vpc_id: the VPC is listed twice (also attachments[0])" in message
    assert cloud.calls == []


def test_a_batch_reads_first_then_attaches_each_item_of_a_router_after_the_last_settled(session, cloud):
    cloud.vswitches.append(dict(VSwitchId="vsw-b", VpcId="vpc-b", ZoneId="cn-hangzhou-j"))
    result = trv.transit_router_vpc_attachment(session, batch([
        dict(cen_id="cen-a", vpc_id="vpc-a", route_table_id=False, zone_mappings=[dict(vswitch_id="vsw-j")]),
        dict(transit_router_id="tr-a", vpc_id="vpc-b", route_table_id=False, zone_mappings=[dict(vswitch_id="vsw-b")])],
        wait=False), False)
    actions = [action for action, _fields in cloud.calls]
    assert cloud.writes() == ["CreateTransitRouterVpcAttachment", "CreateTransitRouterVpcAttachment"]
    first, second = [i for i, a in enumerate(actions) if a == "CreateTransitRouterVpcAttachment"]
    # every read and check before the first write; the router's attachments listed once for both
    assert actions[:first].count("ListTransitRouterVpcAttachments") == 1
    assert "ListTransitRouterVpcAttachments" in actions[first:second]  # the first one settled, whatever wait says
    assert [(r["vpc_id"], r["transit_router_id"], r["changed"]) for r in result["results"]] == [
        ("vpc-a", "tr-a", True), ("vpc-b", "tr-a", True)]
    assert result["changed"] and set(result["diff"]["after"]) == {"vpc-a", "vpc-b"}
    assert "transit_router_attachment_id" not in result


def test_a_batch_in_check_mode_predicts_each_item_also_on_a_router_to_be_created(session, cloud):
    cloud.attach()
    result = trv.transit_router_vpc_attachment(session, batch([
        dict(cen_id="cen-a", vpc_id="vpc-a", name="renamed"),
        dict(transit_router_id="tr-checkmode-1a2b3c4d", vpc_id="vpc-b", zone_mappings=[dict(vswitch_id="vsw-b")])]),
        True)
    assert cloud.writes() == []
    assert [r["changed"] for r in result["results"]] == [True, True]
    assert result["diff"]["before"]["vpc-a"]["name"] == "app" and result["diff"]["after"]["vpc-a"]["name"] == "renamed"
    assert result["diff"]["before"]["vpc-b"] == {} and result["diff"]["after"]["vpc-b"]["vpc_id"] == "vpc-b"
