# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cen_network role's Enterprise-edition filters: checks before any write, and the writes of a run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.filter.internal.cen_network import (
    cen_network_plan,
    cen_network_resolve,
    cen_network_result,
)
from ansible_collections.alicloud.interconnect.plugins.filter.internal.transit_network import (
    transit_network_attachments,
    transit_network_links,
    transit_network_plan,
    transit_network_result,
    transit_network_router_items,
    transit_network_routers,
    transit_network_steps,
    transit_network_teardown,
)

OWNER, OTHER = "1000000000000001", "1000000000000002"
ACCOUNTS = [dict(account_id=OWNER, profile="hub"), dict(account_id=OTHER, profile="other")]
HZ, SV = "cn-hangzhou", "us-west-1"
ZONES = {HZ: ["cn-hangzhou-h", "cn-hangzhou-j", "cn-hangzhou-k"], SV: ["us-west-1-a", "us-west-1-b"]}
VPCS = {(OWNER, HZ): [dict(vpc_id="vpc-web", vpc_name="web", cidr_block="10.1.0.0/16")],
        (OTHER, SV): [dict(vpc_id="vpc-us", vpc_name="us", cidr_block="10.3.0.0/16")]}
VSWITCHES = {
    (OWNER, HZ): [dict(vswitch_id="vsw-webk", vpc_id="vpc-web", zone_id="cn-hangzhou-k"),
                  dict(vswitch_id="vsw-webj2", vpc_id="vpc-web", zone_id="cn-hangzhou-j"),
                  dict(vswitch_id="vsw-webj1", vpc_id="vpc-web", zone_id="cn-hangzhou-j"),
                  dict(vswitch_id="vsw-webe", vpc_id="vpc-web", zone_id="cn-hangzhou-e")],
    (OTHER, SV): [dict(vswitch_id="vsw-usa", vpc_id="vpc-us", zone_id="us-west-1-a")],
}
MEMBERS = [dict(vpc_name="web", region=HZ), dict(instance_id="vpc-us", region=SV, account_id=OTHER)]
LIMITS = [dict(local_region=HZ, opposite_region=SV, bandwidth_limit=10)]


def registered(items, **by_item):
    return dict(results=[dict(item=item, **dict((key, fn(item)) for key, fn in by_item.items())) for item in items])


def network(members=None, closed=(), allow_open=False, vswitches=None, routers=(), cen_id=None, zones=None):
    members = MEMBERS if members is None else members
    zones = ZONES if zones is None else zones
    limits = LIMITS if len(set(m["region"] for m in members)) > 1 else []
    plan = cen_network_plan(members, ACCOUNTS, OWNER, limits, "corp")
    assert plan["errors"] == []
    vpcs = registered(plan["lookups"], vpcs=lambda i: VPCS.get((i["account_id"], i["region"]), []))
    found = cen_network_resolve(plan, vpcs)
    services = registered([dict(account_id=a) for a in plan["account_ids"]],
                          enabled=lambda item: item["account_id"] not in closed)
    regions = registered(sorted(set(m["region"] for m in plan["members"])),
                         zones=lambda region: {region: zones[region]},
                         transit_routers=lambda region: [r for r in routers if r["region_id"] == region])
    listed = VSWITCHES if vswitches is None else vswitches
    vsw = registered(plan["lookups"], vswitches=lambda i: listed.get((i["account_id"], i["region"]), []))
    return plan, found, transit_network_plan(found, plan, "corp", services, regions, vsw, allow_open, cen_id)


def test_each_member_gets_one_vswitch_per_router_zone_in_the_zones_order_two_at_most():
    _plan, _found, net = network()
    assert net["errors"] == []
    web, us = net["members"]
    assert web["zone_mappings"] == [dict(vswitch_id="vsw-webj1", zone_id="cn-hangzhou-j"),
                                    dict(vswitch_id="vsw-webk", zone_id="cn-hangzhou-k")]
    assert web["attachment_name"] == "corp-vpc-web"
    assert us["zone_mappings"] == [dict(vswitch_id="vsw-usa", zone_id="us-west-1-a")]
    assert net["warnings"] == ["member vpc-us is attached through one zone (us-west-1-a): the VPC has no vSwitch in "
                               "another zone where transit routers take attachments (us-west-1-a, us-west-1-b)"]
    assert net["routers"] == [dict(region=HZ, name="corp-cn-hangzhou", transit_router_id=None),
                              dict(region=SV, name="corp-us-west-1", transit_router_id=None)]
    assert net["links"] == [dict(local_region=HZ, opposite_region=SV, bandwidth=10, span="china_north-america",
                                 name="corp-cn-hangzhou-us-west-1")]


def test_given_vswitch_ids_are_used_and_checked():
    members = [dict(vpc_name="web", region=HZ, vswitch_ids=["vsw-webe", "vsw-nope", "vsw-webk"])]
    _plan, _found, net = network(members)
    assert net["errors"] == [
        "member web (VPC name, cn-hangzhou) of account %s: vswitch_ids: vsw-nope is not a vSwitch of vpc-web" % OWNER,
        "member web (VPC name, cn-hangzhou) of account %s: vswitch_ids: vsw-webe is in zone cn-hangzhou-e, where "
        "transit routers take no attachment (they do in cn-hangzhou-h, cn-hangzhou-j, cn-hangzhou-k)" % OWNER]
    _plan, _found, net = network([dict(vpc_name="web", region=HZ, vswitch_ids=["vsw-webk"])])
    assert net["errors"] == [] and net["warnings"] == []
    assert net["members"][0]["zone_mappings"] == [dict(vswitch_id="vsw-webk", zone_id="cn-hangzhou-k")]


def test_every_problem_is_named_at_once_before_any_write():
    members = MEMBERS + [dict(instance_id="vbr-dc", instance_type="VBR", region=HZ)]
    _plan, _found, net = network(members, closed=(OTHER,), vswitches={(OWNER, HZ): VSWITCHES[(OWNER, HZ)]})
    assert net["errors"] == [
        "account %s (members: vpc-us): its transit-router service is not open; set "
        "cen_network_open_transit_router_service: true to let the role open it (it cannot be undone)" % OTHER,
        "member vpc-us of account %s: the VPC has no vSwitch in a zone where transit routers take attachments in "
        "us-west-1 (us-west-1-a, us-west-1-b); create one there, or give vswitch_ids" % OTHER,
        "member vbr-dc: a VBR cannot be attached to a transit router by this role yet; use cen_network_edition: basic"]
    _plan, _found, net = network(closed=(OWNER, OTHER), allow_open=True)
    assert net["errors"] == [] and net["open_accounts"] == [OWNER, OTHER]


def test_only_the_cens_own_routers_are_kept():
    routers = [dict(region_id=HZ, transit_router_id="tr-hz", cen_id="cen-1"),
               dict(region_id=SV, transit_router_id="tr-other", cen_id="cen-2")]
    _plan, _found, net = network(routers=routers, cen_id="cen-1")
    assert [r["transit_router_id"] for r in net["routers"]] == ["tr-hz", None]
    # one transit_router batch creates the routers missing: one result per region
    missing = [r for r in net["routers"] if not r["transit_router_id"]]
    assert transit_network_router_items(missing) == [dict(region=SV, name="corp-us-west-1")]
    created = dict(changed=True, results=[dict(region=SV, changed=True, transit_router_id="tr-checkmode-1a2b3c4d")])
    assert transit_network_routers(net, created) == {HZ: "tr-hz", SV: "tr-checkmode-1a2b3c4d"}
    assert transit_network_routers(net, dict(skipped=True)) == {HZ: "tr-hz"}


def vpc_attachment(vpc_id, name, owner=OWNER, region=HZ, status="Attached", publish=True, vswitches=("vsw-webj1",)):
    router = {HZ: "tr-hz", SV: "tr-sv"}[region]
    return dict(attachment_type="VPC", transit_router_attachment_id="tr-attach-" + vpc_id, transit_router_id=router,
                vpc_id=vpc_id, vpc_owner_id=owner, vpc_region_id=region, status=status,
                transit_router_attachment_name=name, auto_publish_route_enabled=publish,
                zone_mappings=[dict(vswitch_id=v, zone_id="z") for v in vswitches])


def peer(attachment_id, ends, name, bandwidth=10, bandwidth_type="DataTransfer"):
    regions = {"tr-hz": HZ, "tr-sv": SV}
    return dict(attachment_type="TR", transit_router_attachment_id=attachment_id, transit_router_id=ends[0],
                peer_transit_router_id=ends[1], region_id=regions[ends[0]], peer_transit_router_region_id=regions[ends[1]],
                status="Attached", transit_router_attachment_name=name,
                bandwidth=bandwidth, bandwidth_type=bandwidth_type)


ROUTERS = {HZ: "tr-hz", SV: "tr-sv"}


def test_a_new_network_writes_everything_and_grants_per_account():
    _plan, _found, net = network()
    steps = transit_network_steps(net, dict(skipped=True), ROUTERS, False, {}, [OWNER, OTHER])
    assert steps["grants"] == [dict(account_id=OTHER, instances=[
        dict(instance_id="vpc-us", instance_type="VPC", instance_region=SV)])]
    assert [(m["instance_id"], m["transit_router_id"]) for m in steps["attach"]] == [("vpc-web", "tr-hz"),
                                                                                     ("vpc-us", "tr-sv")]
    assert [(lnk["transit_router_id"], lnk["peer_transit_router_id"], lnk["bandwidth_package_id"])
            for lnk in steps["link"]] == [("tr-hz", "tr-sv", None)]
    assert steps["detach"] == steps["unlink"] == steps["revokes"] == []


def test_a_rerun_writes_nothing_and_only_what_differs_is_written():
    _plan, _found, net = network()
    same = dict(attachments=[vpc_attachment("vpc-web", "corp-vpc-web"),
                             vpc_attachment("vpc-us", "corp-vpc-us", OTHER, SV),
                             peer("tr-attach-p", ("tr-sv", "tr-hz"), "corp-cn-hangzhou-us-west-1"),
                             peer("tr-attach-p", ("tr-sv", "tr-hz"), "corp-cn-hangzhou-us-west-1")])
    steps = transit_network_steps(net, same, ROUTERS, True, {}, [OWNER, OTHER])
    assert [steps[k] for k in ("grants", "attach", "link", "detach", "unlink", "revokes")] == [[]] * 6
    differs = dict(attachments=[vpc_attachment("vpc-web", "corp-vpc-web", publish=False),
                                vpc_attachment("vpc-us", "corp-vpc-us", OTHER, SV),
                                peer("tr-attach-p", ("tr-hz", "tr-sv"), "corp-cn-hangzhou-us-west-1", bandwidth=5)])
    steps = transit_network_steps(net, differs, ROUTERS, False, {}, [OWNER])
    assert [m["instance_id"] for m in steps["attach"]] == ["vpc-web"]
    assert steps["attach"][0]["zone_mappings"] == []  # an attachment that exists keeps its vSwitches
    assert [lnk["bandwidth"] for lnk in steps["link"]] == [10]


def test_purging_detaches_unlisted_networks_unlinks_dropped_pairs_and_revokes_their_grants():
    _plan, _found, net = network([dict(vpc_name="web", region=HZ)])
    attached = dict(attachments=[vpc_attachment("vpc-web", "corp-vpc-web"),
                                 vpc_attachment("vpc-gone", "corp-vpc-gone", OTHER, SV),
                                 peer("tr-attach-p", ("tr-hz", "tr-sv"), "corp-cn-hangzhou-us-west-1")])
    steps = transit_network_steps(net, attached, {HZ: "tr-hz"}, True, {}, [OWNER, OTHER])
    assert [a["vpc_id"] for a in steps["detach"]] == ["vpc-gone"]
    assert [a["transit_router_attachment_id"] for a in steps["unlink"]] == ["tr-attach-p"]
    assert steps["revokes"] == [dict(account_id=OTHER, instances=[
        dict(instance_id="vpc-gone", instance_type="VPC", instance_region=SV)])]
    assert steps["routers"] == [dict(transit_router_id="tr-sv", region=SV)]
    kept = transit_network_steps(net, attached, {HZ: "tr-hz"}, False, {}, [OWNER, OTHER])
    assert kept["detach"] == kept["unlink"] == kept["revokes"] == kept["routers"] == []


def test_teardown_removes_every_attachment_and_revokes_the_members_grants():
    _plan, found, _net = network()
    attached = dict(attachments=[vpc_attachment("vpc-web", "corp-vpc-web"),
                                 peer("tr-attach-p", ("tr-hz", "tr-sv"), "x")])
    down = transit_network_teardown(attached, found["members"], OWNER, [OWNER])
    assert [a["transit_router_attachment_id"] for a in down["unlink"]] == ["tr-attach-p"]
    assert [a["vpc_id"] for a in down["detach"]] == ["vpc-web"]
    assert down["revokes"] == [] and down["unknown"] == ["vpc-us (account %s)" % OTHER]


def test_the_result_names_routers_attachments_links_and_changes_in_order():
    plan, found, net = network()
    steps = transit_network_steps(net, dict(skipped=True), ROUTERS, False, {}, [OWNER, OTHER])
    # one transit_router_vpc_attachment batch: one result per VPC
    attach = dict(changed=True, results=[dict(vpc_id=m["instance_id"], changed=True,
                                              transit_router_attachment_id="tr-attach-" + m["instance_id"],
                                              attachment=vpc_attachment(m["instance_id"], m["attachment_name"]))
                                         for m in net["members"]])
    result = transit_network_result(dict(
        state="present", name="corp", plan=plan, members=found["members"], overlaps=[], network=net,
        cen_id="cen-1", existed=False, cen=dict(changed=True, cen_id="cen-1"), router_ids=ROUTERS,
        # one transit_router batch: one result per region
        routers=dict(results=[dict(region=r["region"], changed=True, transit_router_id=ROUTERS[r["region"]])
                              for r in net["routers"]]),
        attach=attach,
        # one transit_router_peer_attachment batch: one result per link, with the link as the task gave it
        link=dict(results=[dict(link=link, changed=True, transit_router_attachment_id="tr-attach-p",
                                attachment=dict(transit_router_attachment_id="tr-attach-p", bandwidth=10))
                           for link in transit_network_links(steps["link"])]),
        unlink=dict(results=[dict(link=dict(transit_router_id="tr-hz", peer_transit_router_id="tr-old"),
                                  changed=True, transit_router_attachment_id="tr-attach-old")])))
    assert result["edition"] == "enterprise" and result["changed"]
    assert result["changes"] == [
        "created the CEN cen-1", "created the transit router tr-hz (cn-hangzhou)",
        "created the transit router tr-sv (us-west-1)",
        "attached vpc-web (cn-hangzhou, account %s) as tr-attach-vpc-web" % OWNER,
        "attached vpc-us (us-west-1, account %s) as tr-attach-vpc-us" % OTHER,
        "linked cn-hangzhou <-> us-west-1 at 10 Mbit/s as tr-attach-p", "removed the link tr-attach-old"]
    assert result["transit_routers"] == [dict(region=HZ, transit_router_id="tr-hz"),
                                         dict(region=SV, transit_router_id="tr-sv")]
    assert [a["transit_router_attachment_id"] for a in result["attachments"]] == [
        "tr-attach-vpc-web", "tr-attach-vpc-us"]
    assert result["links"] == [dict(local_region=HZ, opposite_region=SV, bandwidth=10,
                                    transit_router_attachment_id="tr-attach-p")]
    assert result["warnings"] == net["warnings"]


def test_in_check_mode_a_member_whose_grant_is_predicted_is_reported_without_its_attachment():
    plan, found, net = network()
    result = transit_network_result(dict(
        state="present", name="corp", plan=plan, members=found["members"], overlaps=[], network=net, cen_id="cen-1",
        existed=True, router_ids=ROUTERS, waiting=["vpc-us"],
        granted=dict(results=[dict(item=dict(account_id=OTHER), changed=True,
                                   results=[dict(instance_id="vpc-us", changed=True)])])))
    assert result["changes"] == ["granted vpc-us to the CEN from account %s" % OTHER,
                                 "attached vpc-us (us-west-1, account %s) once granted" % OTHER]
    assert [m["status"] for m in result["members"]] == ["Detached", "Detached"]


def test_the_routers_that_go_are_deleted_in_one_batch_by_region_and_named_in_the_changes():
    plan, found, net = network()
    # the purge's steps.routers, and the routers transit_router_info found (absent)
    assert transit_network_router_items([dict(transit_router_id="tr-old", region=SV)]) == [dict(region=SV)]
    assert transit_network_router_items([dict(transit_router_id="tr-hz", region_id=HZ, cen_id="cen-1")]) == [
        dict(region=HZ)]
    gone = dict(changed=True, results=[dict(region=HZ, changed=True, transit_router_id="tr-hz", transit_router={}),
                                       dict(region=SV, changed=False, transit_router_id=None, transit_router={})])
    context = dict(name="corp", plan=plan, members=found["members"], overlaps=[], network=net, cen_id="cen-1",
                   existed=True, router_ids=ROUTERS)
    assert transit_network_result(dict(context, state="present", routers_gone=gone))["changes"] == [
        "deleted the transit router tr-hz"]
    assert transit_network_result(dict(context, state="absent", routers=gone))["changes"] == [
        "deleted the transit router tr-hz"]


def test_a_link_takes_the_package_given_for_its_span():
    _plan, _found, net = network()
    packages = {"china_north-america": "cenbwp-1"}
    steps = transit_network_steps(net, dict(skipped=True), ROUTERS, False, packages, [OWNER, OTHER])
    assert [lnk["bandwidth_package_id"] for lnk in steps["link"]] == ["cenbwp-1"]
    on_package = dict(peer("tr-attach-p", ("tr-hz", "tr-sv"), "corp-cn-hangzhou-us-west-1",
                           bandwidth_type="BandwidthPackage"), cen_bandwidth_package_id="cenbwp-1")
    attached = dict(attachments=[on_package])
    assert transit_network_steps(net, attached, ROUTERS, False, packages, [OWNER])["link"] == []
    assert len(transit_network_steps(net, attached, ROUTERS, False, {}, [OWNER])["link"]) == 1


def test_the_links_batch_is_billed_on_the_span_package_if_any_and_a_removal_names_only_the_routers():
    _plan, _found, net = network()
    steps = transit_network_steps(net, dict(skipped=True), ROUTERS, False, {"china_north-america": "cenbwp-1"}, [OWNER])
    assert transit_network_links(steps["link"]) == [dict(
        transit_router_id="tr-hz", peer_transit_router_id="tr-sv", region=HZ, peer_region=SV,
        name="corp-cn-hangzhou-us-west-1", bandwidth=10, bandwidth_package_id="cenbwp-1",
        bandwidth_type="BandwidthPackage")]
    by_transfer = transit_network_steps(net, dict(skipped=True), ROUTERS, False, {}, [OWNER])["link"]
    assert [(lnk["bandwidth_type"], lnk["bandwidth_package_id"]) for lnk in transit_network_links(by_transfer)] == [
        ("DataTransfer", None)]
    gone = peer("tr-attach-p", ("tr-hz", "tr-sv"), "corp-cn-hangzhou-us-west-1")
    assert transit_network_links([gone]) == [dict(transit_router_id="tr-hz", peer_transit_router_id="tr-sv")]


def test_a_member_in_a_region_without_router_zones_is_told_to_use_the_basic_edition():
    _plan, _found, net = network(zones=dict(ZONES, **{SV: []}))
    assert net["errors"] == ["member vpc-us of account %s: transit routers take no attachment in us-west-1 (the "
                             "region has no zone for them): use cen_network_edition: basic for this member's "
                             "network, or leave it out" % OTHER]


def test_both_editions_end_their_warnings_with_the_grants_left_for_want_of_credentials():
    plan, found, net = network()
    ctx = dict(name="corp", plan=plan, members=found["members"], network=net, cen_id="cen-1",
               overlaps=["the CIDR blocks..."], revoke=dict(unknown=["vpc-us (account %s)" % OTHER]))
    left = "still granted to cen-1 for want of credentials: vpc-us (account %s)" % OTHER
    assert cen_network_result(dict(ctx, state="present"))["warnings"] == [left, "the CIDR blocks..."]
    assert transit_network_result(dict(ctx, state="present"))["warnings"] == net["warnings"] + [
        "the CIDR blocks...", left]
    for fn, edition in ((cen_network_result, "basic"), (transit_network_result, "enterprise")):
        gone = fn(dict(ctx, state="absent"))
        assert (gone["edition"], gone["cen_id"], gone["warnings"], gone["verified"]) == (edition, None, [left], False)


def test_the_batch_items_attach_members_and_detach_attachments():
    _plan, _found, net = network()
    steps = transit_network_steps(net, dict(skipped=True), ROUTERS, False, {}, [OWNER, OTHER])
    items = transit_network_attachments(steps["attach"], OWNER)
    assert [(i["transit_router_id"], i["vpc_id"], i["vpc_owner_id"], i["auto_publish_route"]) for i in items] == [
        ("tr-hz", "vpc-web", None, True), ("tr-sv", "vpc-us", OTHER, True)]
    assert items[0]["zone_mappings"] == steps["attach"][0]["zone_mappings"]
    assert transit_network_attachments([dict(steps["attach"][0], zone_mappings=[])], OWNER)[0]["zone_mappings"] is None
    gone = dict(transit_router_id="tr-hz", vpc_id="vpc-gone", transit_router_attachment_id="tr-attach-g", status="x")
    assert transit_network_attachments([gone]) == [dict(transit_router_id="tr-hz", vpc_id="vpc-gone")]
