#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_instance
short_description: Create, modify and delete Cloud Enterprise Network (CEN) instances
version_added: 0.2.0
description:
  - Creates a CEN instance (C(CreateCen)) and waits until it is C(Active), changes its name, description and
    protection level (C(ModifyCenAttribute)) and its tags (C(TagResources), C(UntagResources)), or deletes it
    (C(DeleteCen)) and waits until it is gone.
  - The CEN is found by O(cen_id), or else by O(name). CEN names are not unique, so when O(name) matches several
    CENs of the account the module fails and lists their ids, and nothing is changed.
  - A CEN cannot be deleted while network instances are attached to it or bandwidth packages are associated
    with it; the module then fails with the API's error code and changes nothing. Detach them first with
    M(alicloud.interconnect.cen_attachment).
  - Creation passes a client token, so a create retried after a lost answer never makes a second CEN.
  - A CEN takes one change at a time. Changes refused because another one is in progress are retried until
    O(wait_timeout).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  name:
    description:
      - The name of the CEN, 1 to 128 characters, not starting with C(http://) or C(https://).
      - Identifies the CEN when O(cen_id) is not given; with O(cen_id), the CEN is renamed to O(name).
      - Required to create a CEN.
    type: str
  cen_id:
    description:
      - The id of an existing CEN, like V(cen-7qthudw0ll6jmc****).
      - With O(state=present) the CEN must exist; to create one, give O(name) without O(cen_id).
    type: str
  description:
    description:
      - The description of the CEN, up to 256 characters, not starting with C(http://) or C(https://).
      - When not set, the description is left as it is. V("") clears it.
    type: str
  protection_level:
    description:
      - The level of CIDR block overlap protection. Only V(REDUCED) (overlapping routes are allowed when they do
        not conflict) can be set through the API.
      - When not set, it is left as it is (a new CEN gets V(REDUCED)).
    type: str
    choices: [REDUCED]
  state:
    description:
      - V(present) creates or updates the CEN, V(absent) deletes it.
      - A CEN that does not exist is already absent.
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
  - CEN is a global service, so O(alicloud_region) is not needed.
seealso:
  - module: alicloud.interconnect.cen_instance_info
  - module: alicloud.interconnect.cen_attachment
"""

EXAMPLES = r"""
- name: A CEN for the production networks
  alicloud.interconnect.cen_instance:
    name: prod-backbone
    description: Connects the production VPCs of every region
    tags:
      env: prod
      team: network
  register: backbone

- name: Rename it, found by id; other tags are kept
  alicloud.interconnect.cen_instance:
    cen_id: "{{ backbone.cen_id }}"
    name: prod-core
    tags:
      owner: netops
    purge_tags: false

- name: Create without waiting for the CEN to become Active
  alicloud.interconnect.cen_instance:
    name: lab
    wait: false

- name: Delete it (detach its network instances first)
  alicloud.interconnect.cen_instance:
    cen_id: "{{ backbone.cen_id }}"
    state: absent
"""

RETURN = r"""
cen_id:
  description:
    - The id of the CEN. In check mode, when the CEN would be created, a predicted id like
      V(cen-checkmode-1a2b3c4d) that the collection's modules take in check mode.
  returned: always
  type: str
  sample: cen-7qthudw0ll6jmc7fhb
cen:
  description:
    - The CEN as C(DescribeCens) shows it after the change (in check mode, as it is predicted to be).
    - Empty when the CEN is absent.
  returned: always
  type: dict
  contains:
    cen_id:
      description: The id of the CEN.
      type: str
      sample: cen-7qthudw0ll6jmc7fhb
    name:
      description: The name.
      type: str
      sample: prod-backbone
    description:
      description: The description.
      type: str
      sample: Connects the production VPCs of every region
    status:
      description: C(Creating), C(Active), C(Modifying) or C(Deleting).
      type: str
      sample: Active
    protection_level:
      description: The CIDR overlap protection level.
      type: str
      sample: REDUCED
    creation_time:
      description: When the CEN was created (UTC).
      type: str
      sample: "2026-01-15T08:30Z"
    ipv6_level:
      description: Whether IPv6 is enabled.
      type: str
      sample: DISABLED
    resource_group_id:
      description: The resource group of the CEN.
      type: str
      sample: rg-acfmxazb4ph6aiy
    cen_bandwidth_package_ids:
      description: The bandwidth packages associated with the CEN.
      type: list
      elements: str
      sample: []
    tags:
      description: The tags of the CEN.
      type: dict
      sample: {"env": "prod"}
diff:
  description: The name, description, protection level and tags before and after, with C(--diff).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"name": "prod-backbone"}, "after": {"name": "prod-core"}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import cen_instance
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    TAGS_ARGUMENT_SPEC,
    WAIT_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    cen_id=dict(type="str"),
    description=dict(type="str"),
    protection_level=dict(type="str", choices=["REDUCED"]),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **dict(WAIT_ARGUMENT_SPEC, **TAGS_ARGUMENT_SPEC)
)
MODULE_KWARGS = dict(required_one_of=[("name", "cen_id")])
CORE = cen_instance


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
