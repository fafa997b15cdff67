#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vpc_route_entry
short_description: Add or remove a custom route of a VPC route table
version_added: 0.2.0
description:
  - Manages one custom route entry of a VPC route table (C(CreateRouteEntry), C(DeleteRouteEntry)), which sends
    traffic to O(destination_cidr) to the next hop.
  - A peering carries no traffic until each VPC routes the other's CIDR block through its side of the peering,
    a router interface (M(alicloud.interconnect.router_interface), O(next_hop_type=RouterInterface)) or a VPC peering
    connection (M(alicloud.interconnect.vpc_peer_connection), O(next_hop_type=VpcPeer)).
  - A VPC attached to a transit router of a CEN (M(alicloud.interconnect.transit_router_vpc_attachment)) reaches
    the other networks of the CEN through a route whose next hop is its attachment (O(next_hop_type=Attachment)),
    unless the router publishes its routes into the VPC (O(alicloud.interconnect.transit_router_vpc_attachment#module:auto_publish_route)).
    Run the task with the VPC owner's credentials; the attachment may belong to the CEN's account.
  - The route is found by its table and destination. When the destination already goes to another next hop, the
    route is replaced (deleted, then created), since a route's next hop cannot be edited.
  - O(destination_cidr) is checked before any call.
  - With O(wait=false) the module does not wait for a new route to be C(Available), nor for a deleted one to be
    gone. Replacing a route still waits until the old route is gone before it creates the new one (a table takes
    one route per destination), on the task's O(wait_timeout).
  - A failure after the task wrote something (a route created but not C(Available) in time, or the old route of a
    replacement deleted but the new one refused) returns C(changed=true), the ids, and says what was done and what a
    re-run does.
  - In check mode, O(next_hop_id) may be an id that an earlier check-mode task predicted (C(ri-checkmode-...) from
    M(alicloud.interconnect.router_interface), C(pcc-checkmode-...) from M(alicloud.interconnect.vpc_peer_connection));
    the route to it is predicted instead of refused, so a peering playbook can be dry-run from start to end.
  - A batch form, O(routes), manages several routes in one task, in route tables of several regions and, with
    O(routes[].account), of several accounts - both sides of a peering at once. Every route is read and checked
    first (its table, its next hop), and nothing is written when one of them is refused; then each route table's
    routes are made one after the other (a table takes one change at a time) while the tables proceed in parallel,
    so the routes of two VPCs do not wait for each other. O(state) and O(wait) apply to every route.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  route_table_id:
    description:
      - The route table, C(vtb-...).
      - Exactly one of O(route_table_id), O(vpc_id) and O(routes) is required.
    type: str
  vpc_id:
    description:
      - The VPC whose system route table holds the route.
    type: str
  destination_cidr:
    description:
      - The destination CIDR block, for example V(10.2.0.0/16). It must not have host bits set.
      - Required with O(route_table_id) or O(vpc_id).
    type: str
    aliases: [destination_cidr_block]
  next_hop_type:
    description:
      - The kind of next hop (the API's C(NextHopType)).
    type: str
    choices: [RouterInterface, VpcPeer, Instance, HaVip, NetworkInterface, VpnGateway, IPv6Gateway, NatGateway,
              Attachment, Ipv4Gateway, GatewayEndpoint, Ecr, GatewayLoadBalancerEndpoint, RouteTargetGroup]
    default: RouterInterface
  next_hop_id:
    description:
      - The next hop, for example a router interface C(ri-...), a VPC peering connection C(pcc-...) or a
        transit-router attachment of the VPC C(tr-attach-...).
      - Required with O(state=present) (unless O(routes) is given). With O(state=absent), the route is deleted only
        if it goes to this next hop.
    type: str
  name:
    description:
      - The route's name, set when it is created.
    type: str
  description:
    description:
      - The route's description, set when it is created.
    type: str
  routes:
    description:
      - Several routes handled in one task (see the description), instead of O(route_table_id) or O(vpc_id) and the
        options of one route.
    type: list
    elements: dict
    suboptions:
      route_table_id:
        description:
          - The route table, C(vtb-...). Exactly one of O(routes[].route_table_id) and O(routes[].vpc_id) is required.
        type: str
      vpc_id:
        description:
          - The VPC whose system route table holds the route.
        type: str
      region:
        description:
          - The region of the route table. Defaults to O(alicloud_region).
        type: str
      destination_cidr:
        description:
          - The destination CIDR block. It must not have host bits set.
        type: str
        required: true
        aliases: [destination_cidr_block]
      next_hop_type:
        description:
          - The kind of next hop, as O(next_hop_type).
        type: str
        choices: [RouterInterface, VpcPeer, Instance, HaVip, NetworkInterface, VpnGateway, IPv6Gateway, NatGateway,
                  Attachment, Ipv4Gateway, GatewayEndpoint, Ecr, GatewayLoadBalancerEndpoint, RouteTargetGroup]
        default: RouterInterface
      next_hop_id:
        description:
          - The next hop, as O(next_hop_id). Required with O(state=present).
        type: str
      name:
        description:
          - The route's name, set when it is created.
        type: str
      description:
        description:
          - The route's description, set when it is created.
        type: str
      account:
        description:
          - The credentials of the account that owns the route table, in the form the roles take an account
            (C(vpc_peering_initiator), C(cen_network_accounts)). The endpoint and O(wait_timeout) stay the task's.
          - Without it, the route is made with the task's credentials.
        type: dict
        suboptions:
          access_key:
            description: The AccessKey ID.
            type: str
          secret_key:
            description: The AccessKey secret.
            type: str
          security_token:
            description: The STS token of a temporary key.
            type: str
          profile:
            description: A profile of the aliyun CLI configuration file.
            type: str
          shared_credentials_file:
            description: The aliyun CLI configuration file of O(routes[].account.profile).
            type: path
          assume_role:
            description:
              - A RAM role to assume with the credentials above, as the shared option O(alicloud_assume_role).
            type: dict
  state:
    description:
      - V(present) creates the route (or replaces one to another next hop) and, with O(wait), waits until it is
        C(Available).
      - V(absent) deletes the route to O(destination_cidr) and, with O(wait), waits until it is gone.
    type: str
    choices: [present, absent]
    default: present
notes:
  - O(name) and O(description) are set when the route is created; changing them later does not change the route.
seealso:
  - module: alicloud.interconnect.router_interface
  - module: alicloud.interconnect.vpc_peer_connection
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
"""

EXAMPLES = r"""
- name: Send 10.2.0.0/16 through the router interface of a peering (the VPC's system route table)
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-hz
    destination_cidr: 10.2.0.0/16
    next_hop_type: RouterInterface
    next_hop_id: "{{ initiator.router_interface_id }}"

- name: Send 10.3.0.0/16 through a VPC peering connection
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    route_table_id: vtb-bp145q7glnuzdvzu2
    destination_cidr: 10.3.0.0/16
    next_hop_type: VpcPeer
    next_hop_id: "{{ peering.peer_connection_id }}"

- name: Send 10.4.0.0/16 to the transit router the VPC is attached to
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-hz
    destination_cidr: 10.4.0.0/16
    next_hop_type: Attachment
    next_hop_id: "{{ attached.transit_router_attachment_id }}"

- name: Route two VPCs of two accounts to each other through a VPC peering connection, both routes at once
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    routes:
      - vpc_id: vpc-hz
        destination_cidr: 10.3.0.0/16
        next_hop_type: VpcPeer
        next_hop_id: "{{ peering.peer_connection_id }}"
      - vpc_id: vpc-sh
        region: cn-shanghai
        destination_cidr: 10.1.0.0/16
        next_hop_type: VpcPeer
        next_hop_id: "{{ peering.peer_connection_id }}"
        account:
          profile: peer-account
  register: routes

- name: Remove the route
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-hz
    destination_cidr: 10.2.0.0/16
    state: absent
"""

RETURN = r"""
route_entry_id:
  description:
    - The route's id; null when there was none to delete.
    - In check mode, for a route the task would create, a predicted id C(rte-checkmode-...).
  returned: without O(routes)
  type: str
  sample: rte-bp1mnnr2al0naomnpv
route_table_id:
  description: The route table (the VPC's system route table when O(vpc_id) was given).
  returned: without O(routes)
  type: str
  sample: vtb-bp145q7glnuzdvzu2
route_entry:
  description: The route as C(DescribeRouteEntryList) returns it, with snake_case keys; empty after O(state=absent).
  returned: without O(routes)
  type: dict
  contains:
    route_entry_id:
      description: The route's id.
      type: str
      sample: rte-bp1mnnr2al0naomnpv
    destination_cidr_block:
      description: The destination.
      type: str
      sample: 10.2.0.0/16
    next_hop_type:
      description: The kind of next hop.
      type: str
      sample: RouterInterface
    next_hop_id:
      description: The next hop.
      type: str
      sample: ri-2zeo3xzyf38r4urzd
    next_hops:
      description: The next hops as the API lists them, with where each one leads (C(next_hop_related_info)).
      type: list
      elements: dict
    status:
      description: C(Pending), C(Available) or C(Deleting).
      type: str
      sample: Available
    type:
      description: C(Custom).
      type: str
      sample: Custom
results:
  description:
    - With O(routes), one entry per route, in the order given; also in the result of a failed task when some routes
      were made.
  returned: with O(routes)
  type: list
  elements: dict
  contains:
    vpc_id:
      description: The VPC the item gave, else null.
      type: str
      sample: vpc-hz
    region:
      description: The region of the route table.
      type: str
      sample: cn-hangzhou
    destination_cidr:
      description: The destination.
      type: str
      sample: 10.3.0.0/16
    route_table_id:
      description: The route table.
      type: str
      sample: vtb-bp145q7glnuzdvzu2
    route_entry_id:
      description: As RV(route_entry_id).
      type: str
      sample: rte-bp1mnnr2al0naomnpv
    route_entry:
      description: As RV(route_entry).
      type: dict
    changed:
      description: Whether the task changed this route.
      type: bool
      sample: true
    failed:
      description: Whether this route failed, or was not tried after an earlier route of its table failed.
      type: bool
      sample: false
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import ACCOUNT_ENTRY_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import NEXT_HOP_TYPES, ensure_route_entry

HOP_TYPES = ["RouterInterface", "VpcPeer"] + [t for t in NEXT_HOP_TYPES if t not in ("RouterInterface", "VpcPeer")]
ARGUMENT_SPEC = dict(
    route_table_id=dict(type="str"),
    vpc_id=dict(type="str"),
    destination_cidr=dict(type="str", aliases=["destination_cidr_block"]),
    next_hop_type=dict(type="str", choices=HOP_TYPES, default="RouterInterface"),
    next_hop_id=dict(type="str"),
    name=dict(type="str"),
    description=dict(type="str"),
    routes=dict(
        type="list",
        elements="dict",
        options=dict(
            route_table_id=dict(type="str"),
            vpc_id=dict(type="str"),
            region=dict(type="str"),
            destination_cidr=dict(type="str", required=True, aliases=["destination_cidr_block"]),
            next_hop_type=dict(type="str", choices=HOP_TYPES, default="RouterInterface"),
            next_hop_id=dict(type="str"),
            name=dict(type="str"),
            description=dict(type="str"),
            account=dict(type="dict", options=ACCOUNT_ENTRY_SPEC),
        ),
        mutually_exclusive=[("route_table_id", "vpc_id")],
        required_one_of=[("route_table_id", "vpc_id")],
    ),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    **WAIT_ARGUMENT_SPEC
)
MODULE_KWARGS = dict(
    mutually_exclusive=[("route_table_id", "vpc_id", "routes")]
    + [("routes", option) for option in ("destination_cidr", "next_hop_id", "name", "description")],
    required_one_of=[("route_table_id", "vpc_id", "routes")],
    required_by=dict(route_table_id="destination_cidr", vpc_id="destination_cidr"),
)
CORE = ensure_route_entry


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
