#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_route_entry
short_description: Manage the static routes of a transit router's route table
version_added: 0.2.0
description:
  - Creates a static route in a route table of an Enterprise Edition transit router
    (C(CreateTransitRouterRouteEntry)), to an attachment of the router or to a blackhole, and waits until it is
    C(Active); changes its name and description in place (C(UpdateTransitRouterRouteEntry)); or deletes it
    (C(DeleteTransitRouterRouteEntry)) and waits until it is gone.
  - A table holds one static route per destination. A route to O(destination_cidr) that goes to another next hop is
    replaced (deleted, then created), since the API changes no next hop in place.
  - A next hop that is not an attachment of the table's router is refused before anything is written.
  - Routes the table learned (propagated routes) are not managed here; see
    M(alicloud.interconnect.transit_router_route_table).
  - A transit router takes one operation at a time. Changes refused because another one is in progress are
    retried until O(wait_timeout).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  route_table_id:
    description:
      - The route table, like V(vtb-bp1xbcgpgcz9axl9m****).
      - When not set, the System table of O(transit_router_id).
      - In check mode, an id that M(alicloud.interconnect.transit_router_route_table) predicted is accepted; the
        route is then predicted to be created.
    type: str
  transit_router_id:
    description:
      - The transit router whose System table holds the route, when O(route_table_id) is not set.
      - With O(route_table_id), the table must be one of this router's.
    type: str
  destination_cidr:
    description:
      - The destination CIDR block, for example V(10.2.0.0/16). It must not have host bits set.
    type: str
    required: true
    aliases: [destination_cidr_block]
  next_hop_type:
    description:
      - V(Attachment) sends the traffic to O(next_hop_id); V(BlackHole) drops it.
    type: str
    choices: [Attachment, BlackHole]
    default: Attachment
  next_hop_id:
    description:
      - The attachment (VPC or inter-region) the route goes to, like V(tr-attach-nls9fzkfat8934****).
      - Required with O(next_hop_type=Attachment) and O(state=present); not allowed with V(BlackHole).
      - With O(state=absent), the route is deleted only if it goes to this next hop.
      - In check mode, an attachment id that an earlier check-mode task predicted is accepted.
    type: str
  name:
    description:
      - The route's name, 1 to 128 characters. When not set, it is left as it is.
    type: str
  description:
    description:
      - The route's description, 1 to 256 characters. When not set, it is left as it is.
    type: str
  state:
    description:
      - V(present) creates the route (or replaces one to another next hop), V(absent) deletes the route to
        O(destination_cidr).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
notes:
  - Run the task with the credentials of the transit router's owner.
seealso:
  - module: alicloud.interconnect.transit_router_route_table
  - module: alicloud.interconnect.transit_router_route_table_info
"""

EXAMPLES = r"""
- name: Send 10.50.0.0/16 to the shared-services VPC, in the router's System table
  alicloud.interconnect.transit_router_route_entry:
    transit_router_id: "{{ router.transit_router_id }}"
    destination_cidr: 10.50.0.0/16
    next_hop_id: "{{ shared.transit_router_attachment_id }}"
    name: to-shared

- name: Drop 192.168.0.0/16 in a custom table
  alicloud.interconnect.transit_router_route_entry:
    route_table_id: "{{ isolated.route_table_id }}"
    destination_cidr: 192.168.0.0/16
    next_hop_type: BlackHole

- name: Remove the route
  alicloud.interconnect.transit_router_route_entry:
    transit_router_id: "{{ router.transit_router_id }}"
    destination_cidr: 10.50.0.0/16
    state: absent
"""

RETURN = r"""
route_entry_id:
  description:
    - The id of the route. In check mode, when the route would be created, a predicted id like
      V(rte-checkmode-1a2b3c4d). Null when the route is absent and was not found.
  returned: always
  type: str
  sample: rte-75eg4jprkvk0pw****
route_entry:
  description:
    - The route as C(ListTransitRouterRouteEntries) shows it after the change (in check mode, as it is predicted to
      be), in snake_case. Empty when the route is absent.
  returned: always
  type: dict
  contains:
    transit_router_route_entry_id:
      description: The id of the route.
      type: str
      sample: rte-75eg4jprkvk0pw****
    transit_router_route_entry_destination_cidr_block:
      description: The destination.
      type: str
      sample: 10.50.0.0/16
    transit_router_route_entry_next_hop_type:
      description: C(Attachment) or C(BlackHole).
      type: str
      sample: Attachment
    transit_router_route_entry_next_hop_id:
      description: The attachment it goes to (empty for a blackhole).
      type: str
      sample: tr-attach-nls9fzkfat8934****
    transit_router_route_entry_type:
      description: C(Static).
      type: str
      sample: Static
    transit_router_route_entry_status:
      description: C(Creating), C(Active) or C(Deleting), among others.
      type: str
      sample: Active
    transit_router_route_entry_name:
      description: The name.
      type: str
      sample: to-shared
    transit_router_route_entry_description:
      description: The description.
      type: str
      sample: ""
diff:
  description: The table, destination, next hop, name and description before and after, with C(--diff).
  returned: changed and diff mode
  type: dict
  sample: {"before": {}, "after": {"destination_cidr": "10.50.0.0/16", "next_hop_type": "BlackHole"}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_route_entry import (
    transit_router_route_entry,
)

ARGUMENT_SPEC = dict(
    route_table_id=dict(type="str"),
    transit_router_id=dict(type="str"),
    destination_cidr=dict(type="str", required=True, aliases=["destination_cidr_block"]),
    next_hop_type=dict(type="str", default="Attachment", choices=["Attachment", "BlackHole"]),
    next_hop_id=dict(type="str"),
    name=dict(type="str"),
    description=dict(type="str"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **WAIT_ARGUMENT_SPEC
)
MODULE_KWARGS = dict(required_one_of=[("route_table_id", "transit_router_id")])
CORE = transit_router_route_entry


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
