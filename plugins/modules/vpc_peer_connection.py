#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vpc_peer_connection
short_description: Peer two VPCs with a VPC peering connection (VpcPeer API)
version_added: 0.2.0
description:
  - Creates, changes, accepts, rejects and deletes a VPC peering connection (C(CreateVpcPeerConnection),
    C(ModifyVpcPeerConnection), C(AcceptVpcPeerConnection), C(RejectVpcPeerConnection), C(DeleteVpcPeerConnection)),
    the newer way to peer two VPCs in one account or two, in one region or two.
  - The B(requester) creates the connection from its VPC (O(vpc_id), in O(alicloud_region)) to the B(accepter)'s VPC
    (O(accepting_vpc_id)). In one account the connection becomes C(Activated) by itself. Across accounts it waits in
    C(Accepting) until the accepter runs this module with O(state=accepted) (or O(state=rejected)) and its own
    credentials.
  - The connection is found by O(peer_connection_id), else by the two VPCs, so running the task again never creates
    a second one.
  - The connection carries no traffic until both VPCs have a route to the other through it; see
    M(alicloud.interconnect.vpc_route_entry) with O(alicloud.interconnect.vpc_route_entry#module:next_hop_type=VpcPeer).
  - Refused before anything is written, with the API's code in C(code), when the two VPCs' CIDR blocks overlap, a
    VPC does not exist (the accepter's is checked in one account), bandwidth is set on a connection within one
    region, a connection to delete is still the next hop of routes, or an option is malformed.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  peer_connection_id:
    description:
      - The connection, C(pcc-...). Without it, the connection from O(vpc_id) to O(accepting_vpc_id) is meant.
    type: str
    aliases: [id]
  vpc_id:
    description:
      - The requester's VPC. Required, with O(accepting_vpc_id), unless O(peer_connection_id) is given.
      - For O(state=accepted) and O(state=rejected), still the requester's VPC (the other account's).
    type: str
  accepting_vpc_id:
    description:
      - The accepter's VPC.
    type: str
  accepting_owner_id:
    description:
      - The account of the accepter's VPC, as a string or an integer. Defaults to the account the credentials act as.
    type: raw
  accepting_region:
    description:
      - The region of the accepter's VPC. Defaults to O(alicloud_region).
    type: str
  accepting_cidr_blocks:
    description:
      - The CIDR blocks of the accepter's VPC, when it belongs to another account. The connection is not created
        when one of them overlaps the requester's VPC.
      - In one account the accepter's VPC is read and this option is not needed. The accepter checks again before it
        accepts, from the blocks the connection shows.
    type: list
    elements: str
  bandwidth:
    description:
      - The bandwidth in Mbit/s, above 0. Only for a connection between two regions (defaults to 1024 there); a
        connection within one region has no limit.
    type: int
  link_type:
    description:
      - The link type of a connection between two regions (defaults to V(Gold) there).
    type: str
    choices: [Platinum, Gold, Silver]
  name:
    description:
      - The connection's name, 2 to 128 characters starting with a letter.
    type: str
  description:
    description:
      - The connection's description, 2 to 256 characters starting with a letter.
    type: str
  state:
    description:
      - V(present), run by the requester, creates the connection, or changes its O(name), O(description),
        O(bandwidth) and O(link_type) once it is C(Activated). O(wait) waits until it is C(Activated), or
        C(Accepting) across accounts. It fails on a connection the accepter rejected.
      - V(accepted), run by the accepter, accepts a connection waiting in C(Accepting) and waits until it is
        C(Activated); on an C(Activated) connection it only applies O(name), O(description), O(bandwidth) and
        O(link_type).
      - V(rejected), run by the accepter, rejects a connection waiting in C(Accepting).
      - V(absent), run by either side, deletes the connection. It fails, changing nothing, while routes of this
        side's VPC use it as their next hop; delete them first with M(alicloud.interconnect.vpc_route_entry).
    type: str
    choices: [present, absent, accepted, rejected]
    default: present
notes:
  - With O(wait=false) the module waits for nothing. A connection in transition (C(Creating), C(Updating)) is judged
    by the status it is on its way to; when the task would still have to write to it (change, accept, reject or
    delete it), it fails, writing nothing, naming the status (O(wait=true) waits for it to settle). Changing
    O(name), O(description), O(bandwidth) or O(link_type) in the task that accepts the connection needs O(wait=true).
  - A failure after the task wrote something (for example the connection created but not settled within
    O(wait_timeout)) returns C(changed=true) and O(peer_connection_id), and says what was done.
  - O(tags) are the tags of this side of the connection (each account tags its own side; the accepter can give them
    with O(state=accepted)).
  - In check mode a new connection gets a predicted id, C(pcc-checkmode-<8 hex digits>). The collection's modules
    take it in check mode (O(peer_connection_id), and M(alicloud.interconnect.vpc_route_entry)'s
    O(alicloud.interconnect.vpc_route_entry#module:next_hop_id)) and predict their own change; outside check mode it
    is refused.
  - Across accounts the requester cannot read the accepter's VPC; the service itself refuses a VPC that does not
    exist, and the routes of the other side, when it is asked to create or delete.
seealso:
  - module: alicloud.interconnect.vpc_peer_connection_info
  - module: alicloud.interconnect.vpc_route_entry
  - module: alicloud.interconnect.router_interface
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.alicloud.tags
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
"""

EXAMPLES = r"""
# S6 in one account and one region: vpc-a (10.1.0.0/16) and vpc-b (10.2.0.0/16).
- name: Peer the two VPCs (Activated at once)
  alicloud.interconnect.vpc_peer_connection:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-a
    accepting_vpc_id: vpc-b
    name: a-to-b
  register: peering

- name: Route a -> b
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-a
    destination_cidr: 10.2.0.0/16
    next_hop_type: VpcPeer
    next_hop_id: "{{ peering.peer_connection_id }}"

- name: Route b -> a
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-b
    destination_cidr: 10.1.0.0/16
    next_hop_type: VpcPeer
    next_hop_id: "{{ peering.peer_connection_id }}"

# S6 across accounts and regions.
- name: Account A asks to peer its Hangzhou VPC with account B's Singapore VPC
  alicloud.interconnect.vpc_peer_connection:
    profile: account-a
    alicloud_region: cn-hangzhou
    vpc_id: vpc-a
    accepting_vpc_id: vpc-b
    accepting_owner_id: 1000000000000002
    accepting_region: ap-southeast-1
    accepting_cidr_blocks: [10.20.0.0/16]
    bandwidth: 100
  register: request

- name: Account B accepts
  alicloud.interconnect.vpc_peer_connection:
    profile: account-b
    alicloud_region: ap-southeast-1
    peer_connection_id: "{{ request.peer_connection_id }}"
    state: accepted

- name: Account A raises the bandwidth
  alicloud.interconnect.vpc_peer_connection:
    profile: account-a
    alicloud_region: cn-hangzhou
    vpc_id: vpc-a
    accepting_vpc_id: vpc-b
    accepting_owner_id: 1000000000000002
    accepting_region: ap-southeast-1
    bandwidth: 200

# Teardown: the routes of both sides first, then either side deletes the connection.
- name: Delete the peering
  alicloud.interconnect.vpc_peer_connection:
    profile: account-a
    alicloud_region: cn-hangzhou
    peer_connection_id: "{{ request.peer_connection_id }}"
    state: absent
"""

RETURN = r"""
peer_connection_id:
  description:
    - The connection's id; null when there was none to delete.
    - In check mode, for a connection the task would create, a predicted id C(pcc-checkmode-...).
  returned: always
  type: str
  sample: pcc-lnk0m24khwvtkm5
vpc_peer_connection:
  description:
    - The connection as C(GetVpcPeerConnectionAttribute) returns it, with snake_case keys, the two VPC ids on top,
      and account ids as strings; empty after O(state=absent).
  returned: always
  type: dict
  contains:
    peer_connection_id:
      description: The connection's id (also in C(instance_id)).
      type: str
      sample: pcc-lnk0m24khwvtkm5
    status:
      description: C(Creating), C(Accepting), C(Updating), C(Activated), C(Rejected), C(Expired) or C(Deleting).
      type: str
      sample: Activated
    vpc_id:
      description: The requester's VPC.
      type: str
      sample: vpc-bp1gsk7h12ew7oegk
    region_id:
      description: The requester's region.
      type: str
      sample: cn-hangzhou
    owner_id:
      description: The requester's account.
      type: str
      sample: "1000000000000001"
    accepting_vpc_id:
      description: The accepter's VPC.
      type: str
      sample: vpc-bp1vzjkp2q1xgnind
    accepting_region_id:
      description: The accepter's region.
      type: str
      sample: ap-southeast-1
    accepting_owner_uid:
      description: The accepter's account.
      type: str
      sample: "1000000000000002"
    vpc:
      description: The requester's VPC and its CIDR blocks (C(vpc_id), C(ipv4_cidrs), C(ipv6_cidrs)).
      type: dict
    accepting_vpc:
      description: The accepter's VPC and its CIDR blocks.
      type: dict
    bandwidth:
      description: The bandwidth in Mbit/s; -1 (no limit) within one region.
      type: int
      sample: 100
    link_type:
      description: The link type between two regions.
      type: str
      sample: Gold
    name:
      description: The name.
      type: str
      sample: a-to-b
    description:
      description: The description.
      type: str
      sample: Peering of the two VPCs
    tags:
      description: The tags of the caller's side of the connection.
      type: dict
      sample: {env: prod}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.options import TAGS_ARGUMENT_SPEC, WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpcpeer import LINK_TYPES, ensure_vpc_peer_connection

ARGUMENT_SPEC = dict(
    peer_connection_id=dict(type="str", aliases=["id"]),
    vpc_id=dict(type="str"),
    accepting_vpc_id=dict(type="str"),
    accepting_owner_id=dict(type="raw"),
    accepting_region=dict(type="str"),
    accepting_cidr_blocks=dict(type="list", elements="str"),
    bandwidth=dict(type="int"),
    link_type=dict(type="str", choices=list(LINK_TYPES)),
    name=dict(type="str"),
    description=dict(type="str"),
    state=dict(type="str", choices=["present", "absent", "accepted", "rejected"], default="present"),
    **dict(WAIT_ARGUMENT_SPEC, **TAGS_ARGUMENT_SPEC)
)
MODULE_KWARGS = dict(
    required_one_of=[("peer_connection_id", "vpc_id")],
    required_together=[("vpc_id", "accepting_vpc_id")],
)
CORE = ensure_vpc_peer_connection


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
