#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_attachment
short_description: Attach network instances to a Cloud Enterprise Network (CEN) and detach them
version_added: 0.2.0
description:
  - Attaches a VPC, VBR or CCN instance to a CEN (C(AttachCenChildInstance)) and waits until it is
    C(Attached), or detaches it (C(DetachCenChildInstance)) and waits until it is gone.
  - Run it with the credentials of the CEN's account. To attach an instance of another account, that account
    must first grant the CEN access with M(alicloud.interconnect.cen_grant); give its account id in
    O(instance_owner_id).
  - A batch form, O(instances), attaches (or detaches) many instances in one task. The CEN's attachments are
    read once, and only the missing ones are attached, one at a time, each as soon as the last one has settled,
    so that the CEN never refuses the batch's own requests as busy. With O(purge_instances=true) the instances
    attached to the CEN but not listed are detached. Use it for large rollouts instead of a loop.
  - Before writing anything, the module checks by reading what the API would refuse, and fails with every
    problem it found and no change made. Cross-account instances must have a grant to this CEN for the
    instance's region. The caller's own VPCs and VBRs must exist in O(instance_region) and must not be
    attached to another CEN (the message names that CEN). CCN instances must be in a region where CEN attaches
    CCN instances.
  - A CEN takes one attach or detach at a time. Requests refused because another one (of another task or
    client) is in progress are retried until O(wait_timeout), also when O(wait=false); so is, in a batch, the
    wait for each member to settle before the next one. With O(wait=false) the task does not wait for the
    last one.
  - When O(wait_timeout) runs out after some members were attached or detached, the task fails with
    C(changed=true), RV(cen_id), C(instance_ids) (the members done) and a message saying what a re-run will do.
  - In check mode, O(cen_id) may be the predicted id of a CEN that a check-mode
    M(alicloud.interconnect.cen_instance) would create; every instance is then predicted to be attached.
  - With O(state=absent), an instance that is not attached to O(cen_id) but to another CEN the caller can see
    (the CENs of the caller's account, and for the caller's own VPCs and VBRs any CEN) is an error naming that
    CEN, and nothing is detached, because a wrong O(cen_id) is the likely cause. An instance attached nowhere
    is already absent.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - The id of the CEN, like V(cen-7qthudw0ll6jmc****).
      - With O(state=present) the CEN must exist in the caller's account. With O(state=absent) a CEN that does
        not exist has nothing attached.
    type: str
    required: true
  instance_id:
    description:
      - The network instance to attach or detach, like V(vpc-bp18sth14qii3pnvx****).
      - Its prefix must match O(instance_type) (C(vpc-), C(vbr-) or C(ccn-)).
      - Exactly one of O(instance_id) and O(instances) is required.
    type: str
  instance_type:
    description:
      - The kind of network instance O(instance_id) is.
    type: str
    choices: [VPC, VBR, CCN]
    default: VPC
  instance_region:
    description:
      - The region of O(instance_id). Defaults to O(alicloud_region).
    type: str
  instance_owner_id:
    description:
      - The account id that owns O(instance_id), when it is not the CEN's account (cross-account attach).
      - A string or an integer.
      - That account must have granted this CEN access to the instance (M(alicloud.interconnect.cen_grant)).
    type: raw
  instances:
    description:
      - Several network instances of this CEN, handled in one task (see the description).
      - Exactly one of O(instance_id) and O(instances) is required.
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
        choices: [VPC, VBR, CCN]
        default: VPC
      instance_region:
        description:
          - The region of the instance. Defaults to O(alicloud_region).
        type: str
      instance_owner_id:
        description:
          - The account id that owns the instance, when it is not the CEN's account. A string or an integer.
        type: raw
  purge_instances:
    description:
      - With O(instances) and O(state=present), detach the instances attached to the CEN that are not listed.
      - Only valid with O(instances).
    type: bool
    default: false
  state:
    description:
      - V(present) attaches, V(absent) detaches.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
seealso:
  - module: alicloud.interconnect.cen_grant
  - module: alicloud.interconnect.cen_attachment_info
  - module: alicloud.interconnect.cen_instance
"""

EXAMPLES = r"""
- name: Attach a VPC of the CEN's account
  alicloud.interconnect.cen_attachment:
    cen_id: "{{ cen_id }}"
    instance_id: vpc-bp18sth14qii3pnvx0a1
    instance_region: cn-hangzhou

- name: As the member account, let the CEN attach its VPC
  alicloud.interconnect.cen_grant:
    profile: member
    alicloud_region: cn-hangzhou
    cen_id: "{{ cen_id }}"
    cen_owner_id: "1000000000000001"
    instance_id: vpc-uf6o8d1dj8sjwxi6o0b2

- name: Then attach it as the CEN's account
  alicloud.interconnect.cen_attachment:
    cen_id: "{{ cen_id }}"
    instance_id: vpc-uf6o8d1dj8sjwxi6o0b2
    instance_region: cn-hangzhou
    instance_owner_id: 1000000000000002

- name: Attach every VPC of the inventory in one task, and detach the ones no longer listed
  alicloud.interconnect.cen_attachment:
    cen_id: "{{ cen_id }}"
    instances: "{{ groups['vpcs'] | map('extract', hostvars) | map(attribute='cen_member') | list }}"
    purge_instances: true
  register: rollout

- name: What happened to each
  ansible.builtin.debug:
    msg: "{{ rollout.results | selectattr('changed') | map(attribute='instance_id') | list }}"

- name: Detach a VBR
  alicloud.interconnect.cen_attachment:
    cen_id: "{{ cen_id }}"
    instance_id: vbr-bp1q5t0oxgqk8pb4nkzjo
    instance_type: VBR
    instance_region: cn-hangzhou
    state: absent
"""

RETURN = r"""
cen_id:
  description: The id of the CEN.
  returned: always
  type: str
  sample: cen-7qthudw0ll6jmc7fhb
instance_id:
  description: The network instance, when the task gave one with O(instance_id).
  returned: with O(instance_id)
  type: str
  sample: vpc-bp18sth14qii3pnvx0a1
attachment:
  description:
    - The attachment of O(instance_id) after the change (in check mode, as it is predicted to be); empty when
      detached. Returned next to RV(attachments) when the task gave one instance with O(instance_id).
  returned: with O(instance_id)
  type: dict
  contains:
    cen_id:
      description: The CEN.
      type: str
      sample: cen-7qthudw0ll6jmc7fhb
    child_instance_id:
      description: The network instance.
      type: str
      sample: vpc-bp18sth14qii3pnvx0a1
    child_instance_type:
      description: C(VPC), C(VBR) or C(CCN).
      type: str
      sample: VPC
    child_instance_region_id:
      description: The region of the network instance.
      type: str
      sample: cn-hangzhou
    child_instance_owner_id:
      description: The account that owns the network instance; null in check mode when not given.
      type: str
      sample: "1000000000000002"
    child_instance_name:
      description: The name of the network instance.
      type: str
      sample: app-vpc
    child_instance_attach_time:
      description: When it was attached (UTC).
      type: str
      sample: "2026-01-15T08:31Z"
    child_instance_attributes:
      description: The CIDR blocks of a VPC.
      type: dict
      sample: {"cidr_block": "10.11.0.0/16", "secondary_cidr_blocks": []}
    status:
      description: C(Attaching), C(Attached) or C(Detaching).
      type: str
      sample: Attached
results:
  description:
    - One entry per instance of the task (O(instance_id) or O(instances)), then one per instance detached by
      O(purge_instances).
  returned: always
  type: list
  elements: dict
  contains:
    instance_id:
      description: The network instance.
      type: str
      sample: vpc-bp18sth14qii3pnvx0a1
    instance_type:
      description: Its type.
      type: str
      sample: VPC
    instance_region:
      description: Its region.
      type: str
      sample: cn-hangzhou
    instance_owner_id:
      description: Its owner account, when known.
      type: str
      sample: "1000000000000001"
    action:
      description: V(attach), V(detach) or V(none).
      type: str
      sample: attach
    changed:
      description: Whether this instance was attached or detached.
      type: bool
      sample: true
    status:
      description: Its status afterwards; C(Detached) when it is not attached.
      type: str
      sample: Attached
attachments:
  description:
    - With O(instances), every attachment of the CEN afterwards; with O(instance_id), its attachment when it is
      attached. Each as in RV(attachment).
  returned: always
  type: list
  elements: dict
  sample: []
diff:
  description: The attachments concerned before and after, by instance id, with C(--diff).
  returned: changed and diff mode
  type: dict
  sample: {"before": {}, "after": {"vpc-bp18sth14qii3pnvx0a1": {"instance_type": "VPC", "status": "Attached"}}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.cen_attachments import cen_attachment
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

INSTANCE_TYPES = ["VPC", "VBR", "CCN"]

ARGUMENT_SPEC = dict(
    cen_id=dict(type="str", required=True),
    instance_id=dict(type="str"),
    instance_type=dict(type="str", default="VPC", choices=INSTANCE_TYPES),
    instance_region=dict(type="str"),
    instance_owner_id=dict(type="raw"),
    instances=dict(
        type="list",
        elements="dict",
        options=dict(
            instance_id=dict(type="str", required=True),
            instance_type=dict(type="str", default="VPC", choices=INSTANCE_TYPES),
            instance_region=dict(type="str"),
            instance_owner_id=dict(type="raw"),
        ),
    ),
    purge_instances=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **WAIT_ARGUMENT_SPEC
)
MODULE_KWARGS = dict(
    required_one_of=[("instance_id", "instances")],
    mutually_exclusive=[("instance_id", "instances")],
)
CORE = cen_attachment


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
