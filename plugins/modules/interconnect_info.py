#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: interconnect_info
short_description: The interconnects of several accounts as one graph, and whether every VPC reaches every other
version_added: 0.2.0
description:
  - Reads, with the credentials of every account of O(accounts), every interconnect those accounts see - CENs of
    both editions with their attachments, grants, bandwidth packages and inter-region limits, transit routers with
    their VPC and inter-region attachments and route tables (associations, propagations, routes), router-interface
    pairs, VpcPeer connections - and the VPCs, VBRs and VPC system route tables of those accounts, into one graph
    of RV(nodes) and RV(edges).
  - Without O(accounts), the task's own credentials are the one account read.
  - Then checks, for every ordered pair of VPCs the graph connects (or the O(pairs) given), whether traffic from
    one reaches each CIDR block of the other, following the rules each product documents. A VPC picks its next hop
    in its system route table by longest prefix (its own routes, the routes a transit router publishes into it, and
    on a Basic edition CEN the CIDR blocks of the other attached VPCs, which need an inter-region bandwidth limit
    across regions); a transit router forwards by the route table the incoming attachment is associated with; an
    inter-region attachment needs bandwidth; a VpcPeer connection must be Activated and a router-interface pair
    Active, and neither is transitive. Overlapping CIDR blocks make a pair unreachable.
  - When a direction does not work, the C(reason) of RV(reachability) names the first missing piece in plain words, and
    RV(problems) lists them all, one line each - the first thing to read when traffic fails.
  - The graph is also returned as Mermaid text (RV(mermaid), rendered by GitHub and by the docs) and as Graphviz
    text (RV(dot)); C(dot -Tsvg) makes an SVG picture of it (see the examples).
  - Makes read calls only, through the same client as the other modules; accounts, and then every account and
    region, are read in parallel.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  regions:
    description:
      - The regions whose VPCs, VBRs, route tables and router interfaces are read in every account.
      - When empty, the regions of every interconnect found (transit routers, attached instances, VpcPeer
        connections) and the task's region (O(alicloud_region)); with O(vpc_ids), the task's region.
    type: list
    elements: str
    default: []
  vpc_ids:
    description:
      - Read only what concerns these VPCs, by id, instead of every VPC of the accounts and regions - the check a
        role makes after building reads the role's members this way.
      - Each VPC is looked for in the accounts of O(accounts) and the regions of O(regions) (default the task's
        region), skipping those an earlier task of the playbook run already read. Then, for each, its system route
        table's entries and the CENs it is attached to, and those CENs as a whole read does (with their transit
        routers, route tables, attachments and limits; without grants and bandwidth packages); when a route of
        one of them goes through a VpcPeer connection, the connections of the accounts holding the VPCs that join
        one of them, and when one goes through a router interface, the router interfaces of their vRouters. VBRs
        are not read, and the other members of a CEN are nodes with C(read=false).
      - So a pair that a connection or a router-interface pair joins but no route uses is reported as a missing
        route, without the connection's state.
      - A VPC no account has in those regions fails the task, naming it.
      - The VPCs of O(pairs) must be among them.
    type: list
    elements: str
    default: []
  pairs:
    description:
      - The pairs of VPCs to check, both directions of each. When not given, every ordered pair of VPCs that the
        graph connects (through a CEN and its transit routers, a VpcPeer connection or a router-interface pair).
      - A VPC that is not among the VPCs read fails the task, naming the pair.
    type: list
    elements: dict
    suboptions:
      source:
        description: A VPC id.
        type: str
        required: true
      target:
        description: Another VPC id.
        type: str
        required: true
extends_documentation_fragment:
  - alicloud.interconnect.accounts
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
notes:
  - Basic edition CEN routes are not read from the API; they are derived from the attachments and the limits, as
    the product documents them.
  - A VPC that an interconnect names but no account of O(accounts) owns is a node with C(read=false); a pair with
    it is unreachable, the reason saying so.
"""

EXAMPLES = r"""
- name: What did we build, and does every VPC reach every other one?
  alicloud.interconnect.interconnect_info:
    alicloud_region: cn-hangzhou
    accounts:
      - {name: hub, profile: hub}
      - name: apps
        access_key: "{{ lookup('ansible.builtin.env', 'APPS_ACCESS_KEY') }}"
        secret_key: "{{ lookup('ansible.builtin.env', 'APPS_SECRET_KEY') }}"
  register: network

- name: Say what is missing
  ansible.builtin.assert:
    that: network.problems | length == 0
    fail_msg: "{{ network.problems }}"

- name: Only two VPCs, both ways, reading only what concerns them
  alicloud.interconnect.interconnect_info:
    regions: [cn-hangzhou, cn-shanghai]
    vpc_ids: [vpc-bp1a, vpc-uf6b]
    pairs:
      - {source: vpc-bp1a, target: vpc-uf6b}
  register: pair

- name: Write the picture as Graphviz text
  ansible.builtin.copy:
    content: "{{ network.dot }}"
    dest: network.dot
    mode: "0644"

- name: Draw it as SVG (the graphviz package)
  ansible.builtin.command: dot -Tsvg network.dot -o network.svg
  changed_when: true
"""

RETURN = r"""
accounts:
  description: The accounts read (UIDs), in the order of O(accounts).
  returned: always
  type: list
  elements: str
  sample: ["1000000000000001"]
regions:
  description: The regions read in every account.
  returned: always
  type: list
  elements: str
  sample: [cn-hangzhou, cn-shanghai]
nodes:
  description:
    - The VPCs, VBRs, CENs and transit routers, each with C(id), C(type) (C(VPC), C(VBR), C(CEN), C(TR)), C(name),
      C(status), C(read) (false for an instance an interconnect names but no account given owns) and, when known,
      C(account_id) and C(region).
    - A VPC also has C(cidrs), C(route_table_id) (its system route table) and C(routes) (that table's entries other
      than the system ones, each C(destination), C(type), C(status), C(next_hop_type), C(next_hop_id)).
    - A CEN also has C(edition) (C(Enterprise) when it has transit routers), C(bandwidth_limits), C(grants) and
      C(bandwidth_packages); a transit router C(cen_id) and C(route_tables), each with C(id), C(name), C(type),
      C(associations) and C(propagations) (attachment ids) and C(routes).
  returned: always
  type: list
  elements: dict
  sample:
    - {id: vpc-a, type: VPC, name: app, account_id: "1000000000000001", region: cn-hangzhou, status: Available,
       read: true, cidrs: [10.1.0.0/16], route_table_id: vtb-a, routes: []}
    - {id: cen-1, type: CEN, name: core, edition: Basic, status: Active, read: true, bandwidth_limits: [],
       grants: [], bandwidth_packages: []}
edges:
  description:
    - The interconnects, each with C(id), C(type) (C(attachment), C(link), C(peering)), C(kind), C(source),
      C(target) (node ids) and C(status).
    - C(kind) is C(cen) (a Basic edition attachment, id C(<cen id>|<instance id>)), C(transit_router) (a VPC
      attachment, with C(auto_publish_route)), C(transit_router_peer) (an inter-region attachment, with
      C(bandwidth), C(bandwidth_type), C(bandwidth_package_id)), C(router_interface) (a pair, id the initiator's,
      with C(interfaces); C(status) is C(Active) when both are, else both statuses) or C(vpc_peer).
  returned: always
  type: list
  elements: dict
  sample:
    - {id: pcc-1, type: peering, kind: vpc_peer, source: vpc-a, target: vpc-b, status: Activated, bandwidth: 1024}
reachability:
  description:
    - One entry per direction checked, C(source) and C(target) VPC ids, C(reachable), C(path) (the node and edge
      ids a packet takes, empty when unreachable) and C(reason) (the first missing piece, null when reachable).
  returned: always
  type: list
  elements: dict
  sample:
    - {source: vpc-a, target: vpc-b, reachable: true, path: [vpc-a, pcc-1, vpc-b], reason: null}
    - {source: vpc-b, target: vpc-a, reachable: false, path: [],
       reason: "vpc-b's route table vtb-b has no route to 10.1.0.0/16"}
problems:
  description:
    - "One line per direction that does not work, C(<source> -> <target>: <reason>); empty when all work."
  returned: always
  type: list
  elements: str
  sample: ["vpc-b -> vpc-a: vpc-b's route table vtb-b has no route to 10.1.0.0/16"]
mermaid:
  description: The graph as a Mermaid flowchart (CENs as boxes holding their transit routers; unreachable pairs in red).
  returned: always
  type: str
dot:
  description: The graph as Graphviz text, for C(dot -Tsvg).
  returned: always
  type: str
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import ACCOUNTS_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.topology import interconnect_info

ARGUMENT_SPEC = dict(
    ACCOUNTS_ARGUMENT_SPEC,
    regions=dict(type="list", elements="str", default=[]),
    vpc_ids=dict(type="list", elements="str", default=[]),
    pairs=dict(type="list", elements="dict", options=dict(
        source=dict(type="str", required=True),
        target=dict(type="str", required=True),
    )),
)
MODULE_KWARGS = {}
CORE = interconnect_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
