#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: router_interface_info
short_description: List Express Connect router interfaces
version_added: 0.2.0
description:
  - Lists the router interfaces of the account in the region (C(DescribeRouterInterfaces)), every page.
  - An account sees only its own interfaces; the other side of a peering across accounts is listed by running this
    module as that account.
  - All the given criteria must match.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  router_interface_ids:
    description:
      - Only these interfaces.
      - In check mode an id that M(alicloud.interconnect.router_interface) predicted (C(ri-checkmode-...)) matches
        nothing, since the interface does not exist yet; outside check mode it is refused.
    type: list
    elements: str
  filters:
    description:
      - Filters of C(DescribeRouterInterfaces), as a dictionary of filter key and value (or list of values). At most
        5 keys, O(router_interface_ids) included.
      - Keys are written as the API writes them or in snake_case, for example C(RouterId) or C(router_id).
        The API's keys are C(RouterInterfaceId), C(RouterId), C(RouterType), C(RouterInterfaceOwnerId),
        C(OppositeInterfaceId), C(OppositeRouterType), C(OppositeRouterId), C(OppositeInterfaceOwnerId), C(Status)
        and C(Name). An unknown key is refused before any call.
    type: dict
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
"""

EXAMPLES = r"""
- name: The interfaces on a VPC's vRouter
  alicloud.interconnect.router_interface_info:
    alicloud_region: cn-hangzhou
    filters:
      router_id: "{{ vpc.v_router_id }}"
  register: found

- name: Active initiators towards one opposite router
  alicloud.interconnect.router_interface_info:
    alicloud_region: cn-hangzhou
    filters:
      OppositeRouterId: vrt-6wemj8f2cn2kzcqo
      Status: Active
  register: active

- name: Show them
  ansible.builtin.debug:
    msg: "{{ item.router_interface_id }} ({{ item.role_name }}, {{ item.spec }}) -> {{ item.opposite_interface_id }}"
  loop: "{{ active.router_interfaces }}"
"""

RETURN = r"""
router_interfaces:
  description:
    - The interfaces as C(DescribeRouterInterfaces) returns them, with snake_case keys, plus C(role_name)
      (C(initiator) or C(acceptor)) and C(tags) (a dictionary). The fields are those of the C(router_interface) that
      M(alicloud.interconnect.router_interface) returns.
  returned: always
  type: list
  elements: dict
  sample:
    - router_interface_id: ri-2zeo3xzyf38r4urzd
      role: InitiatingSide
      role_name: initiator
      spec: Mini.2
      status: Active
      router_id: vrt-bp1lhl0taikrteen8
      opposite_interface_id: ri-6wecj8b3m1mwivtb
      opposite_region_id: cn-shanghai
      tags: {env: prod}
ids:
  description: The ids of the interfaces, in the same order.
  returned: always
  type: list
  elements: str
  sample: [ri-2zeo3xzyf38r4urzd]
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_interface_api import router_interface_info

ARGUMENT_SPEC = dict(
    router_interface_ids=dict(type="list", elements="str"),
    filters=dict(type="dict"),
)
MODULE_KWARGS = {}
CORE = router_interface_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
