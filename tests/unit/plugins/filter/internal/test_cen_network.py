# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cen_network role's internal filters: the look-ups of the plan, and what resolving them finds."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.filter.internal.cen_network import (
    cen_network_dropped_pairs,
    cen_network_plan,
    cen_network_resolve,
    cen_network_result,
    cen_network_verify_pairs,
)

OWNER, OTHER = "1000000000000001", "1000000000000002"
ACCOUNTS = [dict(account_id=OWNER, profile="hub"), dict(account_id=OTHER, profile="other")]
MEMBERS = [
    dict(vpc_name="web", region="cn-hangzhou"),
    dict(instance_id="vpc-db", region="cn-hangzhou"),
    dict(instance_id="vbr-dc", instance_type="VBR", region="cn-hangzhou"),
    dict(instance_id="vpc-us", region="us-west-1", account_id=OTHER),
]
LISTED = {
    (OWNER, "cn-hangzhou"): [dict(vpc_id="vpc-web", vpc_name="web", cidr_block="10.1.0.0/16"),
                             dict(vpc_id="vpc-db", vpc_name="db", cidr_block="10.2.0.0/16",
                                  secondary_cidr_blocks=["172.16.0.0/24"])],
    (OTHER, "us-west-1"): [dict(vpc_id="vpc-us", vpc_name="us", cidr_block="10.3.0.0/16")],
}


def plan(members=None):
    return cen_network_plan(MEMBERS if members is None else members, ACCOUNTS, OWNER)


def lookups(the_plan, listed=None):
    listed = LISTED if listed is None else listed
    return dict(results=[dict(item=entry, vpcs=listed.get((entry["account_id"], entry["region"]), []))
                         for entry in the_plan["lookups"]])


def test_every_account_and_region_with_vpc_members_is_looked_up_once():
    assert plan()["lookups"] == [
        dict(account_id=OWNER, region="cn-hangzhou", names=["web"], ids=["vpc-db"]),
        dict(account_id=OTHER, region="us-west-1", names=[], ids=["vpc-us"])]


def test_resolving_gives_names_their_ids_and_every_vpc_its_blocks():
    the_plan = plan()
    found = cen_network_resolve(the_plan, lookups(the_plan))
    assert found["errors"] == [] and found["overlaps"] == []
    assert [(m["instance_id"], m["cidr_blocks"]) for m in found["members"]] == [
        ("vpc-web", ["10.1.0.0/16"]), ("vpc-db", ["10.2.0.0/16", "172.16.0.0/24"]), ("vbr-dc", []),
        ("vpc-us", ["10.3.0.0/16"])]
    assert found["members"][3]["instance"] == dict(instance_id="vpc-us", instance_type="VPC",
                                                   instance_region="us-west-1", instance_owner_id=OTHER)


def test_a_name_that_matches_nothing_or_several_is_an_error_naming_the_member():
    listed = dict(LISTED)
    listed[(OWNER, "cn-hangzhou")] = listed[(OWNER, "cn-hangzhou")] + [
        dict(vpc_id="vpc-web2", vpc_name="web", cidr_block="10.9.0.0/16")]
    the_plan = plan(MEMBERS + [dict(vpc_name="gone", region="us-west-1", account_id=OTHER)])
    found = cen_network_resolve(the_plan, lookups(the_plan, listed))
    assert found["errors"] == [
        "member web (VPC name, cn-hangzhou) of account %s: the name matches several VPCs (vpc-web, vpc-web2): "
        "give instance_id" % OWNER,
        "member gone (VPC name, us-west-1) of account %s: no VPC has this name" % OTHER]


def test_overlapping_members_are_named_with_their_blocks_across_accounts_and_secondary_blocks():
    listed = dict(LISTED)
    listed[(OTHER, "us-west-1")] = [dict(vpc_id="vpc-us", vpc_name="us", cidr_block="10.1.128.0/17",
                                         secondary_cidr_blocks=["172.16.0.128/25"])]
    the_plan = plan()
    found = cen_network_resolve(the_plan, lookups(the_plan, listed))
    assert found["overlaps"] == [
        "the CIDR blocks of vpc-web (10.1.0.0/16) and vpc-us (10.1.128.0/17, 172.16.0.128/25) overlap "
        "(10.1.0.0/16 with 10.1.128.0/17): the CEN cannot route the addresses they share to both",
        "the CIDR blocks of vpc-db (10.2.0.0/16, 172.16.0.0/24) and vpc-us (10.1.128.0/17, 172.16.0.128/25) overlap "
        "(172.16.0.0/24 with 172.16.0.128/25): the CEN cannot route the addresses they share to both"]


def test_a_wide_block_overlaps_every_block_inside_it_however_far_apart_they_sort():
    listed = dict(LISTED)
    listed[(OTHER, "us-west-1")] = [dict(vpc_id="vpc-us", vpc_name="us", cidr_block="10.0.0.0/8")]
    listed[(OWNER, "cn-hangzhou")] = [dict(vpc_id="vpc-web", vpc_name="web", cidr_block="10.1.0.0/24"),
                                      dict(vpc_id="vpc-db", vpc_name="db", cidr_block="11.0.0.0/24",
                                           secondary_cidr_blocks=["10.200.0.0/24"])]
    the_plan = plan()
    found = cen_network_resolve(the_plan, lookups(the_plan, listed))
    assert [text.split(" overlap ")[0] for text in found["overlaps"]] == [
        "the CIDR blocks of vpc-web (10.1.0.0/24) and vpc-us (10.0.0.0/8)",
        "the CIDR blocks of vpc-db (11.0.0.0/24, 10.200.0.0/24) and vpc-us (10.0.0.0/8)"]


def test_the_result_warns_of_overlaps_when_building_only():
    the_plan = plan()
    found = cen_network_resolve(the_plan, lookups(the_plan))
    ctx = dict(name="corp", plan=the_plan, members=found["members"], cen_id="cen-1", overlaps=["the CIDR blocks..."])
    assert cen_network_result(dict(ctx, state="present"))["warnings"] == ["the CIDR blocks..."]
    assert cen_network_result(dict(ctx, state="absent"))["warnings"] == []


def test_purging_drops_the_limits_of_every_unlisted_pair_of_member_and_attached_regions():
    limits = [dict(local_region="us-west-1", opposite_region="cn-hangzhou", bandwidth_limit=5)]
    the_plan = cen_network_plan(MEMBERS, ACCOUNTS, OWNER, limits)
    attached = [dict(child_instance_id="vpc-old", child_instance_region_id="cn-shanghai"), dict(child_instance_id="x")]
    assert cen_network_dropped_pairs(the_plan, attached) == [
        dict(local_region="cn-hangzhou", opposite_region="cn-shanghai"),
        dict(local_region="cn-shanghai", opposite_region="us-west-1")]
    assert cen_network_dropped_pairs(the_plan, []) == []


def test_verify_pairs_are_the_member_vpcs_of_one_region_or_of_linked_regions():
    unlinked = plan()
    found = cen_network_resolve(unlinked, lookups(unlinked))
    # The VBR is left out; vpc-us is in a region no limit links to cn-hangzhou.
    assert cen_network_verify_pairs(found["members"], unlinked) == [dict(source="vpc-web", target="vpc-db")]
    linked = cen_network_plan(MEMBERS, ACCOUNTS, OWNER, [
        dict(local_region="us-west-1", opposite_region="cn-hangzhou", bandwidth_limit=2)])
    found = cen_network_resolve(linked, lookups(linked))
    assert cen_network_verify_pairs(found["members"], linked) == [
        dict(source="vpc-web", target="vpc-db"), dict(source="vpc-web", target="vpc-us"),
        dict(source="vpc-db", target="vpc-us")]
