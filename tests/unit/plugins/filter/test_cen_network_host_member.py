# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cen_network_host_member, the collection's public filter: an inventory host to a cen_network member."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.filter.cen_network_host_member import cen_network_host_member

ACCOUNTS = {"hub": {"account_id": 1000000000000001}}


def test_a_host_without_an_id_is_the_vpc_named_like_it():
    host = dict(inventory_hostname="web", network_region="cn-hangzhou", network_account="hub")
    assert cen_network_host_member(host, ACCOUNTS) == dict(
        vpc_name="web", region="cn-hangzhou", instance_type="VPC", account_id="1000000000000001")


def test_a_host_with_an_id_and_a_type():
    host = dict(inventory_hostname="dc", network_region="cn-hangzhou", network_account="hub",
                network_instance_id="vbr-1", network_instance_type="VBR")
    assert cen_network_host_member(host, ACCOUNTS) == dict(
        instance_id="vbr-1", region="cn-hangzhou", instance_type="VBR", account_id="1000000000000001")


def test_an_unknown_account_label_leaves_the_account_to_the_role():
    host = dict(inventory_hostname="web", network_region="cn-hangzhou", network_account="nobody")
    assert cen_network_host_member(host, ACCOUNTS)["account_id"] is None
