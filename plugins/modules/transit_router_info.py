#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_info
short_description: Find transit routers by CEN, region, id, name or tags, with the regions' transit-router zones
version_added: 0.2.0
description:
  - Lists the caller's transit routers (C(ListTransitRouters), every page) that match all the criteria given;
    without criteria, every transit router of the account.
  - Returns, for the region asked for (O(region)), or else for each region a router was found in, the zones
    where transit routers take VPC attachments (C(ListTransitRouterAvailableResource)). A VPC attachment needs
    a vSwitch of the VPC in one of these zones, and two zones where the region has two
    (M(alicloud.interconnect.vswitch_info) finds them).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - Only the routers of this CEN.
    type: str
  region:
    description:
      - Only the routers in this region, like V(cn-hangzhou); O(alicloud_region) does not filter.
      - Its zones are returned even when it has no router yet.
    type: str
  transit_router_ids:
    description:
      - Only these routers. Ids that do not exist are left out of the result.
    type: list
    elements: str
  name:
    description:
      - Only routers with exactly this name (names are not unique).
    type: str
  tags:
    description:
      - Only routers that carry all these tags. A tag given with an empty value matches any value.
    type: dict
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
notes:
  - In check mode, ids that modules predicted for resources they would create are accepted and find nothing.
seealso:
  - module: alicloud.interconnect.transit_router
  - module: alicloud.interconnect.vswitch_info
"""

EXAMPLES = r"""
- name: The routers of a CEN
  alicloud.interconnect.transit_router_info:
    cen_id: cen-7qthudw0ll6jmc****
  register: routers

- name: The CEN's router in Hangzhou, and the Hangzhou zones where routers take VPC attachments
  alicloud.interconnect.transit_router_info:
    cen_id: cen-7qthudw0ll6jmc****
    region: cn-hangzhou
  register: hangzhou

- name: A vSwitch of the VPC in each of those zones
  alicloud.interconnect.vswitch_info:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-bp18sth14qii3pnvx0a1
  register: vswitches

- name: Show them
  ansible.builtin.debug:
    msg: "{{ vswitches.vswitches | selectattr('zone_id', 'in', hangzhou.zones['cn-hangzhou']) | list }}"
"""

RETURN = r"""
transit_routers:
  description: The matching transit routers, in the API's order.
  returned: always
  type: list
  elements: dict
  contains:
    transit_router_id:
      description: The id of the transit router.
      type: str
      sample: tr-bp1su1ytdxtataupl****
    transit_router_name:
      description: The name.
      type: str
      sample: prod-hangzhou
    transit_router_description:
      description: The description.
      type: str
      sample: Connects the Hangzhou VPCs
    cen_id:
      description: The CEN it belongs to.
      type: str
      sample: cen-7qthudw0ll6jmc****
    region_id:
      description: Its region.
      type: str
      sample: cn-hangzhou
    status:
      description: C(Creating), C(Active), C(Modifying), C(Deleting) or C(Upgrading).
      type: str
      sample: Active
    type:
      description: The edition, C(Enterprise) (or C(Basic) for a router an older CEN has).
      type: str
      sample: Enterprise
    ali_uid:
      description: The account that owns it.
      type: str
      sample: "1000000000000001"
    support_multicast:
      description: Whether it supports multicast.
      type: bool
      sample: false
    creation_time:
      description: When it was created (UTC).
      type: str
      sample: "2026-01-15T08:30Z"
    transit_router_cidr_list:
      description: The CIDR blocks of the router, if any.
      type: list
      elements: dict
      sample: []
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
zones:
  description:
    - For the region asked for, or else each region a router was found in, the zones where transit routers
      take VPC attachments.
  returned: always
  type: dict
  sample: {"cn-hangzhou": ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"]}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import transit_router_info

ARGUMENT_SPEC = dict(
    cen_id=dict(type="str"),
    region=dict(type="str"),
    transit_router_ids=dict(type="list", elements="str"),
    name=dict(type="str"),
    tags=dict(type="dict"),
)
MODULE_KWARGS = {}
CORE = transit_router_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
