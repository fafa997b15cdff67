#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_route_table_info
short_description: List the route tables of a transit router with their associations, propagations and routes
version_added: 0.2.0
description:
  - Lists the route tables of an Enterprise Edition transit router (C(ListTransitRouterRouteTables)), its System
    table and its custom tables, each with the attachments associated with it
    (C(ListTransitRouterRouteTableAssociations)), those propagating into it
    (C(ListTransitRouterRouteTablePropagations)) and its routes, static and learned, in every state
    (C(ListTransitRouterRouteEntries)).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  transit_router_id:
    description:
      - The id of the transit router, like V(tr-bp1su1ytdxtataupl****).
    type: str
    required: true
  route_table_ids:
    description:
      - Only these tables (at most 20). Ids that do not exist are left out of the result.
    type: list
    elements: str
  name:
    description:
      - Only tables with exactly this name (names are not unique).
    type: str
  type:
    description:
      - Only the System table, or only the custom tables.
    type: str
    choices: [System, Custom]
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
notes:
  - Run the task with the credentials of the transit router's owner.
  - In check mode, a router id that M(alicloud.interconnect.transit_router) predicted is accepted and finds nothing.
seealso:
  - module: alicloud.interconnect.transit_router_route_table
  - module: alicloud.interconnect.transit_router_info
"""

EXAMPLES = r"""
- name: The System table of a router, with its links and routes
  alicloud.interconnect.transit_router_route_table_info:
    transit_router_id: tr-bp1su1ytdxtataupl****
    type: System
  register: system

- name: The attachments that learn routes into it
  ansible.builtin.debug:
    msg: "{{ system.route_tables[0].propagations }}"
"""

RETURN = r"""
route_tables:
  description: The matching route tables, in the API's order.
  returned: always
  type: list
  elements: dict
  contains:
    transit_router_route_table_id:
      description: The id of the table.
      type: str
      sample: vtb-bp1xbcgpgcz9axl9m****
    transit_router_route_table_name:
      description: The name.
      type: str
      sample: isolated
    transit_router_route_table_description:
      description: The description.
      type: str
      sample: Routes of the isolated VPCs
    transit_router_route_table_type:
      description: C(System) or C(Custom).
      type: str
      sample: System
    transit_router_route_table_status:
      description: C(Creating), C(Active), C(Modifying) or C(Deleting).
      type: str
      sample: Active
    transit_router_id:
      description: The router the table belongs to.
      type: str
      sample: tr-bp1su1ytdxtataupl****
    region_id:
      description: Its region.
      type: str
      sample: cn-hangzhou
    route_table_options:
      description: Its options; C(multi_region_ecmp) is C(disable) or C(enable).
      type: dict
      sample: {"multi_region_ecmp": "disable"}
    create_time:
      description: When it was created (UTC).
      type: str
      sample: "2026-01-15T08:30:00Z"
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
    associations:
      description: The ids of the attachments associated with the table, sorted.
      type: list
      elements: str
      sample: ["tr-attach-nls9fzkfat8934****"]
    propagations:
      description: The ids of the attachments propagating into the table, sorted.
      type: list
      elements: str
      sample: ["tr-attach-nls9fzkfat8934****"]
    routes:
      description:
        - Its routes as C(ListTransitRouterRouteEntries) shows them, every state, in snake_case.
        - C(transit_router_route_entry_type) is C(Static) or C(Propagated); a static route's
          C(transit_router_route_entry_next_hop_type) is C(Attachment) or C(BlackHole).
      type: list
      elements: dict
      sample:
        - transit_router_route_entry_id: rte-75eg4jprkvk0pw****
          transit_router_route_entry_destination_cidr_block: 10.0.0.0/16
          transit_router_route_entry_type: Static
          transit_router_route_entry_status: Active
          transit_router_route_entry_next_hop_type: Attachment
          transit_router_route_entry_next_hop_id: tr-attach-nls9fzkfat8934****
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_route_table import (
    transit_router_route_table_info,
)

ARGUMENT_SPEC = dict(
    transit_router_id=dict(type="str", required=True),
    route_table_ids=dict(type="list", elements="str"),
    name=dict(type="str"),
    type=dict(type="str", choices=["System", "Custom"]),
)
MODULE_KWARGS = {}
CORE = transit_router_route_table_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
