#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vswitch_info
short_description: Find vSwitches by VPC, zone, id, name or tags
version_added: 0.2.0
description:
  - Lists the vSwitches of the caller's account in O(alicloud_region) (C(DescribeVSwitches), every page) that
    match all the criteria given; without criteria, every vSwitch of the region.
  - Useful to pick the vSwitches, one per zone, that a transit router VPC attachment needs.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  vswitch_ids:
    description:
      - Only these vSwitches. Ids that do not exist in the region are left out of the result.
    type: list
    elements: str
  vpc_id:
    description:
      - Only the vSwitches of this VPC.
    type: str
  zone_id:
    description:
      - Only the vSwitches in this zone of O(alicloud_region), like V(cn-hangzhou-j).
      - A zone of another region is refused before any API call.
    type: str
  name:
    description:
      - Only vSwitches with exactly this name (names are not unique).
    type: str
  tags:
    description:
      - Only vSwitches that carry all these tags. A tag given with an empty value matches any value.
    type: dict
extends_documentation_fragment:
  - alicloud.interconnect.accounts
  - alicloud.interconnect.accounts.lookups
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
notes:
  - The VPC API is regional; O(alicloud_region) (or its environment variable or profile) is required.
seealso:
  - module: alicloud.interconnect.vpc_info
  - module: alicloud.interconnect.transit_router_info
"""

EXAMPLES = r"""
- name: The vSwitches of a VPC
  alicloud.interconnect.vswitch_info:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-bp18sth14qii3pnvx0a1
  register: app

- name: One vSwitch per zone of that VPC
  ansible.builtin.debug:
    msg: "{{ app.vswitches | items2dict(key_name='zone_id', value_name='vswitch_id') }}"

- name: The vSwitches of that VPC in zone J
  alicloud.interconnect.vswitch_info:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-bp18sth14qii3pnvx0a1
    zone_id: cn-hangzhou-j

- name: A vSwitch by name, tagged for production
  alicloud.interconnect.vswitch_info:
    alicloud_region: cn-shanghai
    name: app-m
    tags:
      env: prod

- name: The vSwitches of many accounts and regions in one task
  alicloud.interconnect.vswitch_info:
    accounts: "{{ cen_network_accounts }}"
    lookups:
      - {account_id: "1000000000000001", region: cn-hangzhou}
      - {account_id: "1000000000000002", region: cn-shanghai}
  register: everywhere
"""

RETURN = r"""
vswitches:
  description: The matching vSwitches, in the API's order (with O(vswitch_ids), in the order of the ids).
  returned: without O(lookups)
  type: list
  elements: dict
  contains:
    vswitch_id:
      description: The id of the vSwitch.
      type: str
      sample: vsw-bp1s5fnvk4gn2tws03624
    vswitch_name:
      description: Its name.
      type: str
      sample: app-j
    vpc_id:
      description: Its VPC.
      type: str
      sample: vpc-bp18sth14qii3pnvx0a1
    zone_id:
      description: Its zone.
      type: str
      sample: cn-hangzhou-j
    cidr_block:
      description: Its IPv4 CIDR block.
      type: str
      sample: 10.11.1.0/24
    description:
      description: Its description.
      type: str
      sample: ""
    status:
      description: C(Pending) or C(Available).
      type: str
      sample: Available
    available_ip_address_count:
      description: How many of its IP addresses are free.
      type: int
      sample: 252
    owner_id:
      description: The account that owns it.
      type: str
      sample: "1000000000000001"
    route_table:
      description: The route table it uses.
      type: dict
      sample: {"route_table_id": "vtb-bp145q7glnuzdvzu2ds5z", "route_table_type": "System"}
    is_default:
      description: Whether it is the zone's default vSwitch.
      type: bool
      sample: false
    enabled_ipv6:
      description: Whether IPv6 is enabled.
      type: bool
      sample: false
    ipv6_cidr_block:
      description: Its IPv6 CIDR block, if any.
      type: str
      sample: ""
    network_acl_id:
      description: Its network ACL, if any.
      type: str
      sample: ""
    share_type:
      description: How it is shared, if it is.
      type: str
      sample: ""
    creation_time:
      description: When it was created (UTC).
      type: str
      sample: "2026-01-15T08:00:00Z"
    resource_group_id:
      description: Its resource group.
      type: str
      sample: rg-acfmxazb4ph6aiy
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
results:
  description:
    - With O(lookups), one entry per lookup, in their order, shaped like the results of a loop over them.
    - Each has C(item) (C(account_id), C(region)) and RV(vswitches) as above; or, for a lookup that failed, C(failed)
      and C(msg) (the error, without the account).
  returned: with O(lookups)
  type: list
  elements: dict
  sample:
    - {item: {account_id: "1000000000000001", region: cn-hangzhou}, vswitches: []}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import (
    ACCOUNTS_ARGUMENT_SPEC,
    LOOKUPS_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.vswitch import vswitch_info

ARGUMENT_SPEC = dict(
    vswitch_ids=dict(type="list", elements="str"),
    vpc_id=dict(type="str"),
    zone_id=dict(type="str"),
    name=dict(type="str"),
    tags=dict(type="dict"),
)
ARGUMENT_SPEC.update(ACCOUNTS_ARGUMENT_SPEC, **LOOKUPS_ARGUMENT_SPEC)
MODULE_KWARGS = dict(required_by=dict(lookups="accounts"))
CORE = vswitch_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
