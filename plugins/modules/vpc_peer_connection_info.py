#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vpc_peer_connection_info
short_description: List VPC peering connections (VpcPeer API)
version_added: 0.2.0
description:
  - Lists the VPC peering connections the account is a side of, as requester or as accepter
    (C(ListVpcPeerConnections)), every page.
  - With O(alicloud_region), only the connections whose side of this account is in that region; without it, every
    region.
  - All the given criteria must match.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  peer_connection_ids:
    description:
      - Only these connections.
      - In check mode an id that M(alicloud.interconnect.vpc_peer_connection) predicted (C(pcc-checkmode-...))
        matches nothing, since the connection does not exist yet; outside check mode it is refused.
    type: list
    elements: str
  vpc_id:
    description:
      - Only the connections of this VPC (either side).
    type: str
  name:
    description:
      - Only the connections with this exact name.
    type: str
  status:
    description:
      - Only the connections in one of these statuses, for example V(Accepting) to find requests waiting for this
        account's answer.
    type: list
    elements: str
    choices: [Creating, Accepting, Updating, Activated, Rejected, Expired, Deleting]
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
"""

EXAMPLES = r"""
- name: Requests from other accounts waiting for this account's answer
  alicloud.interconnect.vpc_peer_connection_info:
    profile: account-b
    alicloud_region: ap-southeast-1
    status: [Accepting]
  register: waiting

- name: Accept them all
  alicloud.interconnect.vpc_peer_connection:
    profile: account-b
    alicloud_region: ap-southeast-1
    peer_connection_id: "{{ item }}"
    state: accepted
  loop: "{{ waiting.ids }}"

- name: The peerings of one VPC
  alicloud.interconnect.vpc_peer_connection_info:
    vpc_id: vpc-bp1gsk7h12ew7oegk
  register: peerings
"""

RETURN = r"""
vpc_peer_connections:
  description:
    - The connections, with snake_case keys, the two VPC ids on top and account ids as strings. The fields are those
      of the C(vpc_peer_connection) that M(alicloud.interconnect.vpc_peer_connection) returns, C(tags) (the tags
      of the caller's side) included.
  returned: always
  type: list
  elements: dict
  sample:
    - peer_connection_id: pcc-lnk0m24khwvtkm5
      status: Accepting
      vpc_id: vpc-bp1gsk7h12ew7oegk
      region_id: cn-hangzhou
      owner_id: "1000000000000001"
      accepting_vpc_id: vpc-bp1vzjkp2q1xgnind
      accepting_region_id: ap-southeast-1
      accepting_owner_uid: "1000000000000002"
      bandwidth: 1024
      tags: {env: prod}
ids:
  description: The ids of the connections, in the same order.
  returned: always
  type: list
  elements: str
  sample: [pcc-lnk0m24khwvtkm5]
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpcpeer import vpc_peer_connection_info

ARGUMENT_SPEC = dict(
    peer_connection_ids=dict(type="list", elements="str"),
    vpc_id=dict(type="str"),
    name=dict(type="str"),
    status=dict(type="list", elements="str",
                choices=["Creating", "Accepting", "Updating", "Activated", "Rejected", "Expired", "Deleting"]),
)
MODULE_KWARGS = {}
CORE = vpc_peer_connection_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
