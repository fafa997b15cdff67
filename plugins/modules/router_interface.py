#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: router_interface
short_description: Peer two VPCs with Express Connect router interfaces (one side per task)
version_added: 0.2.0
description:
  - Manages one side of a router-interface peering between two routers (VPC vRouters, or a VBR and a vRouter), in
    one account or two, in one region or two (C(CreateRouterInterface), C(ModifyRouterInterfaceAttribute),
    C(ConnectRouterInterface), C(ActivateRouterInterface), C(DeactivateRouterInterface),
    C(ModifyRouterInterfaceSpec), C(DeleteRouterInterface)).
  - A peering is a pair of interfaces. The B(initiator) (C(InitiatingSide)) has a specification that sets the
    bandwidth and is the side that connects. The B(acceptor) (C(AcceptingSide)) has the specification C(Negative).
  - Each side is created and told about the other with its own account's credentials, so a peering takes one task
    per side. This order works in one account and across two
    (1) the initiator, naming the opposite router, without O(opposite_interface_id);
    (2) the acceptor, with O(opposite_interface_id) set to the initiator;
    (3) the initiator again, with O(opposite_interface_id) set to the acceptor. It sets the opposite interface,
    connects, and waits until the pair is C(Active).
  - An existing interface is found by O(router_interface_id), else by its router, the opposite router and its
    O(role), so running the tasks again never creates a second pair.
  - The pair carries no traffic until both VPCs have a route to the other through their interface; see
    M(alicloud.interconnect.vpc_route_entry).
  - Refused before anything is written, with the API's code in C(code), when the two VPCs' CIDR blocks overlap, the
    router already has five interfaces, another connected pair already joins the two routers, an acceptor is asked to
    connect, an interface to delete is still the next hop of routes, or an option is malformed.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  router_interface_id:
    description:
      - The interface to manage, C(ri-...). Without it the interface is found by its router, the opposite router
        and O(role).
    type: str
    aliases: [id]
  role:
    description:
      - V(initiator) creates the C(InitiatingSide), which connects; V(acceptor) the C(AcceptingSide).
      - Required unless O(router_interface_id) is given or O(state=absent).
    type: str
    choices: [initiator, acceptor]
  spec:
    description:
      - The initiator's specification, which sets the bandwidth of the pair, from V(Mini.2) (2 Mbit/s) to
        V(Xlarge.1) (10 Gbit/s). Required to create an initiator. An acceptor takes none.
      - Changing it on an existing initiator calls C(ModifyRouterInterfaceSpec), which needs the pair C(Active).
    type: str
    choices: [Mini.2, Mini.5, Small.1, Small.2, Small.5, Middle.1, Middle.2, Middle.5, Large.1, Large.2, Large.5,
              Xlarge.1]
  vpc_id:
    description:
      - The local VPC; the interface goes on its vRouter.
      - Mutually exclusive with O(router_id).
    type: str
  router_id:
    description:
      - The local router, a vRouter C(vrt-...) or, with O(router_type=VBR), a virtual border router C(vbr-...).
    type: str
  router_type:
    description:
      - The kind of O(router_id). A VBR can only be the initiator.
    type: str
    choices: [VRouter, VBR]
    default: VRouter
  opposite_interface_id:
    description:
      - The interface on the other side. Give it once the other side exists; an initiator that knows its opposite
        interface connects.
    type: str
  opposite_router_id:
    description:
      - The router on the other side, C(vrt-...) or C(vbr-...).
      - In one account, O(opposite_vpc_id) or O(opposite_interface_id) can be given instead.
      - Across accounts these credentials cannot read the other account's VPCs, so give it (the C(v_router_id) that
        M(alicloud.interconnect.vpc_info) returns when run as the other account).
    type: str
  opposite_vpc_id:
    description:
      - The VPC on the other side; in one account its vRouter is looked up.
    type: str
  opposite_router_type:
    description:
      - The kind of the opposite router.
    type: str
    choices: [VRouter, VBR]
    default: VRouter
  opposite_region:
    description:
      - The region of the other side. Defaults to the local region (O(alicloud_region)).
    type: str
  opposite_owner_id:
    description:
      - The account that owns the other side, as a string or an integer. Defaults to the account the credentials
        act as.
    type: raw
  opposite_cidr_blocks:
    description:
      - The CIDR blocks of the opposite VPC, when it belongs to another account. The interface is not created when
        one of them overlaps the local VPC's.
      - In one account the opposite VPC is read and this option is not needed.
    type: list
    elements: str
  name:
    description:
      - The interface's name, 2 to 128 characters starting with a letter.
    type: str
  description:
    description:
      - The interface's description, 2 to 256 characters starting with a letter.
    type: str
  state:
    description:
      - V(present) makes sure the interface exists with the opposite side the task names; an initiator that knows its
        opposite interface connects (once) and waits for C(Active). An C(Inactive) pair stays inactive.
      - V(active) is V(present) and also re-activates an C(Inactive) pair. An acceptor that was never connected
        cannot be V(active), since only the initiator connects.
      - V(inactive) deactivates a connected pair (both sides become C(Inactive)); the interface must exist.
      - V(absent) deactivates an C(Active) pair, then deletes the interface. It fails, changing nothing, while routes
        use the interface as their next hop; delete them first with M(alicloud.interconnect.vpc_route_entry).
        Each side is deleted with its own account's credentials.
    type: str
    choices: [present, active, inactive, absent]
    default: present
notes:
  - With O(wait=false) the module waits for nothing. An interface in transition (C(Connecting), C(Activating),
    C(Deactivating), C(Modifying)) is judged by the status it is on its way to; when the task would still have to
    write to it, it fails, writing nothing, naming the status (the API takes no change until it settles; O(wait=true)
    waits for that). O(state=absent) of an C(Active) interface fails the same way, since its deletion needs the pair
    C(Inactive) first; run it with O(state=inactive) and then O(state=absent), or with O(wait=true). A new O(spec)
    for a pair the same task connects or activates needs O(wait=true).
  - O(wait_timeout) is the budget of the whole task; the waits of a teardown (settle, C(Inactive), gone) share it.
  - A failure after the task wrote something (for example the pair created but not C(Active) within
    O(wait_timeout)) returns C(changed=true) and O(router_interface_id), and says what was done; running the task
    again finds the interface and goes on from its state.
  - In check mode a new interface gets a predicted id, C(ri-checkmode-<8 hex digits>). The collection's modules take
    it in check mode (O(router_interface_id), O(opposite_interface_id), and
    M(alicloud.interconnect.vpc_route_entry)'s O(alicloud.interconnect.vpc_route_entry#module:next_hop_id)) and
    predict their own change, so a playbook can be dry-run from start to end; outside check mode it is refused.
  - The opposite side of an interface cannot change once it is connected; delete it and create another.
  - The pair's bandwidth is the initiator's O(spec); the acceptor's is C(Negative).
  - Only the interface's own account can see it, so across accounts the initiator cannot check the acceptor before
    connecting; in one account it refuses to connect until the acceptor names it.
seealso:
  - module: alicloud.interconnect.router_interface_info
  - module: alicloud.interconnect.vpc_route_entry
  - module: alicloud.interconnect.vpc_peer_connection
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.alicloud.tags
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
"""

EXAMPLES = r"""
# S5 in one account: vpc-hz (cn-hangzhou, 10.1.0.0/16) and vpc-sh (cn-shanghai, 10.2.0.0/16).
- name: Initiator on the Hangzhou VPC
  alicloud.interconnect.router_interface:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-hz
    role: initiator
    spec: Mini.2
    opposite_vpc_id: vpc-sh
    opposite_region: cn-shanghai
  register: initiator

- name: Acceptor on the Shanghai VPC, naming the initiator
  alicloud.interconnect.router_interface:
    alicloud_region: cn-shanghai
    vpc_id: vpc-sh
    role: acceptor
    opposite_interface_id: "{{ initiator.router_interface_id }}"
    opposite_region: cn-hangzhou
  register: acceptor

- name: Connect from the initiator and wait until the pair is Active
  alicloud.interconnect.router_interface:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-hz
    role: initiator
    spec: Mini.2
    opposite_interface_id: "{{ acceptor.router_interface_id }}"
    opposite_region: cn-shanghai

- name: Route Hangzhou -> Shanghai through the initiator
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-hangzhou
    vpc_id: vpc-hz
    destination_cidr: 10.2.0.0/16
    next_hop_type: RouterInterface
    next_hop_id: "{{ initiator.router_interface_id }}"

- name: Route Shanghai -> Hangzhou through the acceptor
  alicloud.interconnect.vpc_route_entry:
    alicloud_region: cn-shanghai
    vpc_id: vpc-sh
    destination_cidr: 10.1.0.0/16
    next_hop_type: RouterInterface
    next_hop_id: "{{ acceptor.router_interface_id }}"

# S5 across accounts: each side runs with its own account's credentials and names the other's vRouter.
- name: Initiator in account A
  alicloud.interconnect.router_interface:
    profile: account-a
    alicloud_region: cn-hangzhou
    vpc_id: vpc-a
    role: initiator
    spec: Small.1
    opposite_router_id: vrt-b
    opposite_region: ap-southeast-1
    opposite_owner_id: 1000000000000002
    opposite_cidr_blocks: [10.20.0.0/16]
  register: a_side

- name: Acceptor in account B
  alicloud.interconnect.router_interface:
    profile: account-b
    alicloud_region: ap-southeast-1
    vpc_id: vpc-b
    role: acceptor
    opposite_interface_id: "{{ a_side.router_interface_id }}"
    opposite_router_id: vrt-a
    opposite_region: cn-hangzhou
    opposite_owner_id: 1000000000000001
  register: b_side

- name: Account A connects
  alicloud.interconnect.router_interface:
    profile: account-a
    alicloud_region: cn-hangzhou
    vpc_id: vpc-a
    role: initiator
    spec: Small.1
    opposite_interface_id: "{{ b_side.router_interface_id }}"
    opposite_router_id: vrt-b
    opposite_region: ap-southeast-1
    opposite_owner_id: 1000000000000002

- name: More bandwidth (the pair must be Active)
  alicloud.interconnect.router_interface:
    profile: account-a
    alicloud_region: cn-hangzhou
    router_interface_id: "{{ a_side.router_interface_id }}"
    spec: Middle.1

- name: Tag the initiator (tags not listed are removed; purge_tags=false keeps them)
  alicloud.interconnect.router_interface:
    profile: account-a
    alicloud_region: cn-hangzhou
    router_interface_id: "{{ a_side.router_interface_id }}"
    tags:
      env: prod

- name: Pause the peering
  alicloud.interconnect.router_interface:
    profile: account-a
    alicloud_region: cn-hangzhou
    router_interface_id: "{{ a_side.router_interface_id }}"
    state: inactive

# Teardown: routes first, then each side with its own credentials.
- name: Delete the initiator (deactivates the pair first)
  alicloud.interconnect.router_interface:
    profile: account-a
    alicloud_region: cn-hangzhou
    router_interface_id: "{{ a_side.router_interface_id }}"
    state: absent

- name: Delete the acceptor
  alicloud.interconnect.router_interface:
    profile: account-b
    alicloud_region: ap-southeast-1
    router_interface_id: "{{ b_side.router_interface_id }}"
    state: absent
"""

RETURN = r"""
router_interface_id:
  description:
    - The interface's id; null when none was found to delete.
    - In check mode, for an interface the task would create, a predicted id C(ri-checkmode-...).
  returned: always
  type: str
  sample: ri-2zeo3xzyf38r4urzd
router_interface:
  description:
    - The interface as C(DescribeRouterInterfaces) returns it, with snake_case keys; empty after O(state=absent).
    - In check mode, the interface as it would be.
  returned: always
  type: dict
  contains:
    router_interface_id:
      description: The interface's id.
      type: str
      sample: ri-2zeo3xzyf38r4urzd
    role:
      description: C(InitiatingSide) or C(AcceptingSide).
      type: str
      sample: InitiatingSide
    role_name:
      description: The role as the module's O(role) names it, C(initiator) or C(acceptor).
      type: str
      sample: initiator
    spec:
      description: The specification; C(Negative) for an acceptor.
      type: str
      sample: Mini.2
    bandwidth:
      description: The bandwidth of the specification, in Mbit/s.
      type: int
      sample: 2
    status:
      description: C(Idle), C(Connecting), C(AcceptingConnecting), C(Activating), C(Active), C(Deactivating),
        C(Inactive), C(Modifying) or C(Deleting).
      type: str
      sample: Active
    router_id:
      description: The local router.
      type: str
      sample: vrt-bp1lhl0taikrteen8
    router_type:
      description: C(VRouter) or C(VBR).
      type: str
      sample: VRouter
    vpc_instance_id:
      description: The local VPC, for a vRouter.
      type: str
      sample: vpc-bp18sth14qii3pnvx
    opposite_interface_id:
      description: The interface on the other side.
      type: str
      sample: ri-6wecj8b3m1mwivtb
    opposite_router_id:
      description: The router on the other side.
      type: str
      sample: vrt-6wemj8f2cn2kzcqo
    opposite_router_type:
      description: The kind of the opposite router.
      type: str
      sample: VRouter
    opposite_region_id:
      description: The region of the other side.
      type: str
      sample: cn-shanghai
    opposite_interface_owner_id:
      description: The account of the other side.
      type: str
      sample: "1000000000000002"
    opposite_interface_status:
      description: The status of the other side, once the two name each other.
      type: str
      sample: Active
    opposite_vpc_instance_id:
      description: The VPC on the other side, once the two name each other.
      type: str
      sample: vpc-6wecj8b3m1mwivtb
    name:
      description: The name.
      type: str
      sample: hz-to-sh
    description:
      description: The description.
      type: str
      sample: Peering of the Hangzhou and Shanghai VPCs
    creation_time:
      description: When it was created.
      type: str
      sample: "2026-01-01T12:00:00Z"
    connected_time:
      description: When the pair connected.
      type: str
      sample: "2026-01-01T12:05:00Z"
    tags:
      description: The interface's tags.
      type: dict
      sample: {env: prod}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.options import TAGS_ARGUMENT_SPEC, WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_interface import ensure_router_interface
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_interface_api import (
    ROLES,
    ROUTER_TYPES,
    SPECS,
)

ARGUMENT_SPEC = dict(
    router_interface_id=dict(type="str", aliases=["id"]),
    role=dict(type="str", choices=sorted(ROLES)),
    spec=dict(type="str", choices=list(SPECS)),
    vpc_id=dict(type="str"),
    router_id=dict(type="str"),
    router_type=dict(type="str", choices=list(ROUTER_TYPES), default="VRouter"),
    opposite_interface_id=dict(type="str"),
    opposite_router_id=dict(type="str"),
    opposite_vpc_id=dict(type="str"),
    opposite_router_type=dict(type="str", choices=list(ROUTER_TYPES), default="VRouter"),
    opposite_region=dict(type="str"),
    opposite_owner_id=dict(type="raw"),
    opposite_cidr_blocks=dict(type="list", elements="str"),
    name=dict(type="str"),
    description=dict(type="str"),
    state=dict(type="str", choices=["present", "active", "inactive", "absent"], default="present"),
    **dict(WAIT_ARGUMENT_SPEC, **TAGS_ARGUMENT_SPEC)
)
MODULE_KWARGS = dict(
    mutually_exclusive=[("vpc_id", "router_id")],
    required_one_of=[("router_interface_id", "vpc_id", "router_id")],
)
CORE = ensure_router_interface


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
