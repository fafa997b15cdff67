#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_grant
short_description: Let the transit routers of another account's CEN attach a network instance (Enterprise Edition)
version_added: 0.2.0
description:
  - Run it with the credentials of the account that owns the network instance. It grants a CEN of another
    account access to a VPC or VBR for its transit routers (C(GrantInstanceToTransitRouter)), changes who pays
    for the connection (C(ModifyGrantInstanceToTransitRouter)), or revokes the grant
    (C(RevokeInstanceFromTransitRouter)).
  - After the grant, the CEN's account attaches a VPC with M(alicloud.interconnect.transit_router_vpc_attachment)
    and O(alicloud.interconnect.transit_router_vpc_attachment#module:vpc_owner_id).
  - The grants of each instance are read first (C(DescribeGrantRulesToResource)); an existing grant is left
    alone, so a re-run changes nothing.
  - Before writing, the module checks that each instance exists in its region, that an existing grant is for
    the same CEN account, and, before a revoke, that the instance is not still attached to the CEN; otherwise it
    fails naming every problem, and nothing is written.
  - O(instances) grants or revokes several instances of the account in one task.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - The CEN to grant access to, like V(cen-7qthudw0ll6jmc****).
    type: str
    required: true
  cen_owner_id:
    description:
      - The id of the account that owns the CEN, a string or an integer.
      - Required with O(state=present). With O(state=absent) the grant's own record is used.
      - M(alicloud.interconnect.account_info) run with the CEN account's credentials tells it.
    type: raw
  instance_id:
    description:
      - The network instance of the caller's account, in O(instance_region).
      - Exactly one of O(instance_id) and O(instances) is required.
    type: str
  instance_region:
    description:
      - The region of O(instance_id), and of the entries of O(instances) that give none.
      - Defaults to O(alicloud_region).
    type: str
  instance_type:
    description:
      - The kind of network instance O(instance_id) is; its prefix must match (C(vpc-), C(vbr-)).
    type: str
    choices: [VPC, VBR]
    default: VPC
  instances:
    description:
      - Several network instances of the caller's account, granted or revoked in one task.
    type: list
    elements: dict
    suboptions:
      instance_id:
        description:
          - The network instance.
        type: str
        required: true
      instance_type:
        description:
          - The kind of network instance.
        type: str
        choices: [VPC, VBR]
        default: VPC
      instance_region:
        description:
          - The region of the instance. Defaults to O(instance_region), then O(alicloud_region).
        type: str
  order_type:
    description:
      - Who pays for the instance's connection to the transit router (C(OrderType)).
      - When not set, a new grant is V(PayByCenOwner) and an existing one is left as it is.
    type: str
    choices: [PayByCenOwner, PayByResourceOwner]
  state:
    description:
      - V(present) grants, V(absent) revokes. A grant that does not exist is already absent.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
notes:
  - The grant is the same rule M(alicloud.interconnect.cen_grant) makes for Basic Edition attachments (a VPC API
    operation); either module finds the other's grant.
  - Requests refused because the instance is busy are retried for up to 300 seconds, the task's time budget (the
    module has no O(ignore:wait_timeout)).
  - With a O(cen_id) predicted by a check-mode M(alicloud.interconnect.cen_instance), check mode predicts the
    grant.
seealso:
  - module: alicloud.interconnect.transit_router_vpc_attachment
  - module: alicloud.interconnect.account_info
  - module: alicloud.interconnect.cen_grant
"""

EXAMPLES = r"""
- name: Find the CEN account's id
  alicloud.interconnect.account_info:
    profile: network-hub
  register: hub

- name: As the VPC's account, grant the hub's CEN access to the VPC for its transit routers
  alicloud.interconnect.transit_router_grant:
    profile: app-team
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    cen_owner_id: "{{ hub.account_id }}"
    instance_id: vpc-bp1d2kp3l5n7b9c0d1e2

- name: As the hub's account, attach it
  alicloud.interconnect.transit_router_vpc_attachment:
    profile: network-hub
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    vpc_id: vpc-bp1d2kp3l5n7b9c0d1e2
    vpc_owner_id: 1000000000000002
    zone_mappings:
      - vswitch_id: vsw-bp1s5fnvk4gn2tws0a1b
      - vswitch_id: vsw-bp1s5fnvk4gn2tws0c3d

- name: Grant several VPCs of the account in one task, the VPCs' account paying for their connections
  alicloud.interconnect.transit_router_grant:
    profile: app-team
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    cen_owner_id: 1000000000000001
    order_type: PayByResourceOwner
    instances:
      - instance_id: vpc-bp1d2kp3l5n7b9c0d1e2
      - instance_id: vpc-uf6o8d1dj8sjwxi6o0b2
        instance_region: cn-shanghai

- name: Revoke the grant (after the CEN's account deleted the attachment)
  alicloud.interconnect.transit_router_grant:
    profile: app-team
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    instance_id: vpc-bp1d2kp3l5n7b9c0d1e2
    state: absent
"""

RETURN = r"""
cen_id:
  description: The CEN.
  returned: always
  type: str
  sample: cen-7qthudw0ll6jmc7fhb
instance_id:
  description: The network instance, when the task gave one with O(instance_id).
  returned: with O(instance_id)
  type: str
  sample: vpc-bp1d2kp3l5n7b9c0d1e2
grant:
  description:
    - The grant of O(instance_id) afterwards (in check mode, as predicted); empty when there is none.
    - The same as the one entry of RV(grants), returned when the task gave one instance with O(instance_id).
  returned: with O(instance_id)
  type: dict
  contains:
    cen_id:
      description: The CEN granted access.
      type: str
      sample: cen-7qthudw0ll6jmc7fhb
    cen_owner_id:
      description: The account that owns the CEN.
      type: str
      sample: "1000000000000001"
    instance_id:
      description: The network instance.
      type: str
      sample: vpc-bp1d2kp3l5n7b9c0d1e2
    instance_type:
      description: Its type.
      type: str
      sample: VPC
    instance_region:
      description: Its region.
      type: str
      sample: cn-hangzhou
    order_type:
      description: Who pays for the connection.
      type: str
      sample: PayByCenOwner
    creation_time:
      description: When the grant was made (UTC); null in check mode for a new grant.
      type: str
      sample: "2026-01-15T08:29:51Z"
results:
  description: One entry per instance of the task (O(instance_id) or O(instances)).
  returned: always
  type: list
  elements: dict
  contains:
    instance_id:
      description: The network instance.
      type: str
      sample: vpc-bp1d2kp3l5n7b9c0d1e2
    instance_type:
      description: Its type.
      type: str
      sample: VPC
    instance_region:
      description: Its region.
      type: str
      sample: cn-hangzhou
    action:
      description: V(grant), V(modify) (the order type), V(revoke) or V(none).
      type: str
      sample: grant
    changed:
      description: Whether this instance's grant was made, changed or revoked.
      type: bool
      sample: true
    granted:
      description: Whether the instance is granted to the CEN afterwards.
      type: bool
      sample: true
grants:
  description: The grants of the task's instances to the CEN afterwards, as in RV(grant).
  returned: always
  type: list
  elements: dict
  sample: []
diff:
  description: The grants concerned before and after, by instance id, with C(--diff).
  returned: changed and diff mode
  type: dict
  sample: {"before": {}, "after": {"vpc-bp1d2kp3l5n7b9c0d1e2": {"cen_id": "cen-7qthudw0ll6jmc7fhb"}}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    transit_router_grant,
)

INSTANCE_TYPES = ["VPC", "VBR"]

ARGUMENT_SPEC = dict(
    cen_id=dict(type="str", required=True),
    cen_owner_id=dict(type="raw"),
    instance_id=dict(type="str"),
    instance_type=dict(type="str", default="VPC", choices=INSTANCE_TYPES),
    instance_region=dict(type="str"),
    instances=dict(
        type="list",
        elements="dict",
        options=dict(
            instance_id=dict(type="str", required=True),
            instance_type=dict(type="str", default="VPC", choices=INSTANCE_TYPES),
            instance_region=dict(type="str"),
        ),
    ),
    order_type=dict(type="str", choices=["PayByCenOwner", "PayByResourceOwner"]),
    state=dict(type="str", default="present", choices=["present", "absent"]),
)
MODULE_KWARGS = dict(
    required_one_of=[("instance_id", "instances")],
    mutually_exclusive=[("instance_id", "instances")],
    required_if=[("state", "present", ["cen_owner_id"])],
)
CORE = transit_router_grant


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
