#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_route_table
short_description: Manage the route tables of a transit router, their associations and propagations
version_added: 0.2.0
description:
  - Creates a custom route table of an Enterprise Edition transit router (C(CreateTransitRouterRouteTable)) and
    waits until it is C(Active), changes its name, description (C(UpdateTransitRouterRouteTable)) and tags, or
    deletes it (C(DeleteTransitRouterRouteTable)) and waits until it is gone.
  - For any table of the router, the System table included, sets which attachments are associated with it
    (associated forwarding) and which propagate their routes into it (route learning).
  - An attachment is associated with one table of its router. Listing in O(associations) an attachment
    associated with another table of the router moves it here (C(ReplaceTransitRouterRouteTableAssociation)).
    An attachment may propagate into several tables.
  - Attachment ids that are not attachments of the table's router are refused before anything is written.
  - A table is deleted only when no attachment is associated with it or propagates into it and it has no static
    routes; otherwise the module fails naming them, and deletes nothing.
  - A transit router takes one operation at a time. The module waits, between two of its own changes, until the
    previous one has settled, and retries changes refused because another task's is in progress until
    O(wait_timeout).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  transit_router_id:
    description:
      - The id of the transit router, like V(tr-bp1su1ytdxtataupl****).
      - Required to create a table, and with O(system) or O(name) to find one. Optional with O(route_table_id);
        when both are given the table must be one of the router's.
      - In check mode, an id that M(alicloud.interconnect.transit_router) predicted is accepted; the table is then
        predicted as the task describes it.
    type: str
  route_table_id:
    description:
      - The id of an existing route table (custom or System), like V(vtb-bp1xbcgpgcz9axl9m****).
      - When not set, the table is the router's System table with O(system), or else its custom table named
        O(name).
    type: str
  system:
    description:
      - Manage the System route table of the router (found by listing its tables). Only with O(state=present).
    type: bool
    default: false
  name:
    description:
      - The name of the table, 1 to 128 characters, not starting with C(http://) or C(https://).
      - Without O(route_table_id) or O(system), the name finds the custom table of the router; two tables with
        that name make the module fail listing them. A table that is not found is created with that name.
      - With O(route_table_id) or O(system), the table is renamed. When not set, the name is left as it is.
    type: str
  description:
    description:
      - The description of the table, 1 to 256 characters, not starting with C(http://) or C(https://).
      - When not set, the description is left as it is.
    type: str
  associations:
    description:
      - Ids of attachments (VPC or inter-region, like V(tr-attach-nls9fzkfat8934****)) to associate with the table.
      - When not set, the table's associations are left alone.
    type: list
    elements: str
  purge_associations:
    description:
      - Dissociate from the table the attachments associated with it that are not in O(associations).
      - Has no effect when O(associations) is not set.
    type: bool
    default: false
  propagations:
    description:
      - Ids of attachments that propagate (learn) their routes into the table.
      - When not set, the table's propagations are left alone.
    type: list
    elements: str
  purge_propagations:
    description:
      - Disable the propagation into the table of the attachments that are not in O(propagations).
      - Has no effect when O(propagations) is not set.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the table, V(absent) deletes a custom table.
      - A table that does not exist is already absent.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.alicloud.tags
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
notes:
  - Run the task with the credentials of the transit router's owner.
  - M(alicloud.interconnect.transit_router_vpc_attachment) associates its attachment with the System table and
    makes it propagate there unless told otherwise; leave O(purge_associations) and O(purge_propagations) at
    V(false) on the System table to keep those links.
seealso:
  - module: alicloud.interconnect.transit_router
  - module: alicloud.interconnect.transit_router_vpc_attachment
"""

EXAMPLES = r"""
- name: A custom table of the router, two attachments associated and propagating
  alicloud.interconnect.transit_router_route_table:
    transit_router_id: "{{ router.transit_router_id }}"
    name: isolated
    description: Routes of the isolated VPCs
    associations:
      - "{{ app.transit_router_attachment_id }}"
    propagations:
      - "{{ app.transit_router_attachment_id }}"
      - "{{ shared.transit_router_attachment_id }}"
    tags:
      env: prod
  register: isolated

- name: The System table learns routes from the shared VPC only
  alicloud.interconnect.transit_router_route_table:
    transit_router_id: "{{ router.transit_router_id }}"
    system: true
    propagations:
      - "{{ shared.transit_router_attachment_id }}"
    purge_propagations: true

- name: Before deleting the custom table, remove its links
  alicloud.interconnect.transit_router_route_table:
    route_table_id: "{{ isolated.route_table_id }}"
    associations: []
    purge_associations: true
    propagations: []
    purge_propagations: true

- name: Delete it
  alicloud.interconnect.transit_router_route_table:
    route_table_id: "{{ isolated.route_table_id }}"
    state: absent
"""

RETURN = r"""
route_table_id:
  description:
    - The id of the route table. In check mode, when the table would be created, a predicted id like
      V(vtb-checkmode-1a2b3c4d). Null when the table is absent and was not found.
  returned: always
  type: str
  sample: vtb-bp1xbcgpgcz9axl9m****
route_table:
  description:
    - The route table as C(ListTransitRouterRouteTables) shows it after the change (in check mode, as it is
      predicted to be), with its associations and propagations. Empty when the table is absent.
  returned: always
  type: dict
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
      sample: Custom
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
diff:
  description: The ids, type, name, description, tags, associations and propagations before and after, with C(--diff).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"associations": []}, "after": {"associations": ["tr-attach-nls9fzkfat8934****"]}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    TAGS_ARGUMENT_SPEC,
    WAIT_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_route_table import (
    transit_router_route_table,
)

ARGUMENT_SPEC = dict(
    transit_router_id=dict(type="str"),
    route_table_id=dict(type="str"),
    system=dict(type="bool", default=False),
    name=dict(type="str"),
    description=dict(type="str"),
    associations=dict(type="list", elements="str"),
    purge_associations=dict(type="bool", default=False),
    propagations=dict(type="list", elements="str"),
    purge_propagations=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **dict(WAIT_ARGUMENT_SPEC, **TAGS_ARGUMENT_SPEC)
)
MODULE_KWARGS = dict(
    required_one_of=[("transit_router_id", "route_table_id")],
)
CORE = transit_router_route_table


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
