#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_instance_info
short_description: List Cloud Enterprise Network (CEN) instances
version_added: 0.2.0
description:
  - Lists the account's CEN instances (C(DescribeCens), every page) that match all the criteria given.
  - Without criteria, lists every CEN of the account.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_ids:
    description:
      - Only these CENs. Ids that do not exist are left out of the result.
    type: list
    elements: str
  name:
    description:
      - Only CENs with exactly this name.
    type: str
  filters:
    description:
      - Filters passed to C(DescribeCens), as a dictionary of filter key and value or list of values.
      - The API filters by C(CenId) and C(Name); several values of a key match any of them.
    type: dict
  tags:
    description:
      - Only CENs that carry all these tags. A tag given with an empty value matches any value.
    type: dict
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
notes:
  - CEN is a global service, so O(alicloud_region) is not needed.
seealso:
  - module: alicloud.interconnect.cen_instance
"""

EXAMPLES = r"""
- name: Every CEN of the account
  alicloud.interconnect.cen_instance_info:
  register: all_cens

- name: The CENs of the production team
  alicloud.interconnect.cen_instance_info:
    tags:
      env: prod
  register: prod

- name: Two CENs by id
  alicloud.interconnect.cen_instance_info:
    cen_ids:
      - cen-7qthudw0ll6jmc7fhb
      - cen-9wztpq4jkx1b2mmyhd

- name: CENs named like this (names are not unique)
  alicloud.interconnect.cen_instance_info:
    filters:
      Name: [prod-backbone, prod-core]

- name: Their ids
  ansible.builtin.debug:
    msg: "{{ prod.cens | map(attribute='cen_id') | list }}"
"""

RETURN = r"""
cens:
  description: The matching CENs, in the API's order.
  returned: always
  type: list
  elements: dict
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
      sample: ""
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
      sample: [cenbwp-4c2zaavbvh5fx1a5t0]
    tags:
      description: The tags of the CEN.
      type: dict
      sample: {"env": "prod"}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import cen_instance_info
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

ARGUMENT_SPEC = dict(
    cen_ids=dict(type="list", elements="str"),
    name=dict(type="str"),
    filters=dict(type="dict"),
    tags=dict(type="dict"),
)
MODULE_KWARGS = {}
CORE = cen_instance_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
