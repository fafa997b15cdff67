#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_attachment_info
short_description: List the network instances attached to a Cloud Enterprise Network (CEN)
version_added: 0.2.0
description:
  - Lists the VPCs, VBRs and CCN instances attached to one CEN of the caller's account
    (C(DescribeCenAttachedChildInstances), every page), optionally only of one type or region.
  - Fails, naming O(cen_id), when the account has no such CEN.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - The CEN, like V(cen-7qthudw0ll6jmc****).
    type: str
    required: true
  instance_type:
    description:
      - Only instances of this type.
    type: str
    choices: [VPC, VBR, CCN]
  instance_region:
    description:
      - Only instances in this region.
    type: str
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
seealso:
  - module: alicloud.interconnect.cen_attachment
"""

EXAMPLES = r"""
- name: Everything attached to the CEN
  alicloud.interconnect.cen_attachment_info:
    cen_id: cen-7qthudw0ll6jmc7fhb
  register: attached

- name: Only the VPCs in Shanghai
  alicloud.interconnect.cen_attachment_info:
    cen_id: cen-7qthudw0ll6jmc7fhb
    instance_type: VPC
    instance_region: cn-shanghai
  register: shanghai

- name: Their ids
  ansible.builtin.debug:
    msg: "{{ shanghai.attachments | map(attribute='child_instance_id') | list }}"
"""

RETURN = r"""
cen_id:
  description: The CEN.
  returned: always
  type: str
  sample: cen-7qthudw0ll6jmc7fhb
attachments:
  description: The attached instances, in the order they were attached.
  returned: always
  type: list
  elements: dict
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
      description: The account that owns the network instance.
      type: str
      sample: "1000000000000001"
    child_instance_attach_time:
      description: When it was attached (UTC).
      type: str
      sample: "2026-01-15T08:31Z"
    status:
      description: C(Attaching), C(Attached) or C(Detaching).
      type: str
      sample: Attached
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.cen_attachments import cen_attachment_info
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

ARGUMENT_SPEC = dict(
    cen_id=dict(type="str", required=True),
    instance_type=dict(type="str", choices=["VPC", "VBR", "CCN"]),
    instance_region=dict(type="str"),
)
MODULE_KWARGS = {}
CORE = cen_attachment_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
