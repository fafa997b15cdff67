#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vpc_info
short_description: Find VPCs by id, name, tags or CIDR block
version_added: 0.2.0
description:
  - Lists the VPCs of the caller's account in O(alicloud_region) (C(DescribeVpcs), every page) that match
    all the criteria given; without criteria, every VPC of the region.
  - Useful to look up the ids, vRouters and route tables the CEN and peering modules need.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  vpc_ids:
    description:
      - Only these VPCs. Ids that do not exist in the region are left out of the result.
    type: list
    elements: str
  name:
    description:
      - Only VPCs with exactly this name (names are not unique).
    type: str
  tags:
    description:
      - Only VPCs that carry all these tags. A tag given with an empty value matches any value.
    type: dict
  cidr_block:
    description:
      - Only VPCs whose primary or a secondary IPv4 CIDR block is this network, like V(10.0.0.0/16).
    type: str
extends_documentation_fragment:
  - alicloud.interconnect.accounts
  - alicloud.interconnect.accounts.lookups
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
notes:
  - The VPC API is regional; O(alicloud_region) (or its environment variable or profile) is required.
"""

EXAMPLES = r"""
- name: The VPC named app in Hangzhou
  alicloud.interconnect.vpc_info:
    alicloud_region: cn-hangzhou
    name: app
  register: app

- name: Fail unless exactly one VPC has that name
  ansible.builtin.assert:
    that: app.vpcs | length == 1

- name: VPCs of the production environment that use 10.20.0.0/16
  alicloud.interconnect.vpc_info:
    alicloud_region: cn-shanghai
    tags:
      env: prod
    cidr_block: 10.20.0.0/16

- name: Two VPCs by id, and their vRouters
  alicloud.interconnect.vpc_info:
    alicloud_region: cn-hangzhou
    vpc_ids: [vpc-bp18sth14qii3pnvx0a1, vpc-bp1d2kp3l5n7b9c0d1e2]
  register: pair

- name: Show the vRouters
  ansible.builtin.debug:
    msg: "{{ pair.vpcs | items2dict(key_name='vpc_id', value_name='vrouter_id') }}"

- name: The VPCs of many accounts and regions in one task
  alicloud.interconnect.vpc_info:
    accounts: "{{ cen_network_accounts }}"
    lookups:
      - {account_id: "1000000000000001", region: cn-hangzhou}
      - {account_id: "1000000000000002", region: cn-shanghai}
  register: everywhere
"""

RETURN = r"""
vpcs:
  description: The matching VPCs, in the API's order.
  returned: without O(lookups)
  type: list
  elements: dict
  contains:
    vpc_id:
      description: The id of the VPC.
      type: str
      sample: vpc-bp18sth14qii3pnvx0a1
    vpc_name:
      description: Its name.
      type: str
      sample: app
    description:
      description: Its description.
      type: str
      sample: ""
    cidr_block:
      description: Its primary IPv4 CIDR block.
      type: str
      sample: 10.11.0.0/16
    secondary_cidr_blocks:
      description: Its secondary IPv4 CIDR blocks.
      type: list
      elements: str
      sample: []
    user_cidrs:
      description: Its user CIDR blocks.
      type: list
      elements: str
      sample: []
    status:
      description: C(Pending) or C(Available).
      type: str
      sample: Available
    region_id:
      description: Its region.
      type: str
      sample: cn-hangzhou
    owner_id:
      description: The account that owns it.
      type: str
      sample: "1000000000000001"
    vrouter_id:
      description: Its vRouter, for router interfaces.
      type: str
      sample: vrt-bp1lhl0taikrteen8oxkf
    router_table_ids:
      description: Its route tables.
      type: list
      elements: str
      sample: [vtb-bp145q7glnuzdvzu2ds5z]
    vswitch_ids:
      description: Its vSwitches.
      type: list
      elements: str
      sample: []
    cen_status:
      description: C(Attached) when it is attached to a CEN, else C(Detached).
      type: str
      sample: Detached
    is_default:
      description: Whether it is the region's default VPC.
      type: bool
      sample: false
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
    - Each has C(item) (C(account_id), C(region)) and RV(vpcs) as above; or, for a lookup that failed, C(failed)
      and C(msg) (the error, without the account).
  returned: with O(lookups)
  type: list
  elements: dict
  sample:
    - {item: {account_id: "1000000000000001", region: cn-hangzhou}, vpcs: []}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import (
    ACCOUNTS_ARGUMENT_SPEC,
    LOOKUPS_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import vpc_info

ARGUMENT_SPEC = dict(
    vpc_ids=dict(type="list", elements="str"),
    name=dict(type="str"),
    tags=dict(type="dict"),
    cidr_block=dict(type="str"),
)
ARGUMENT_SPEC.update(ACCOUNTS_ARGUMENT_SPEC, **LOOKUPS_ARGUMENT_SPEC)
MODULE_KWARGS = dict(required_by=dict(lookups="accounts"))
CORE = vpc_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
