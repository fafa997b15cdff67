#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_bandwidth_package_info
short_description: List CEN bandwidth packages and the bandwidth their limits leave
version_added: 0.2.0
description:
  - Lists the CEN bandwidth packages of the account (C(DescribeCenBandwidthPackages)), every page.
  - For each package associated with a CEN, also reports how much of its bandwidth the inter-region limits of that
    CEN in the package's span use, and how much is left (C(DescribeCenInterRegionBandwidthLimits)).
  - All the given criteria must match.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - Only the packages associated with this CEN instance.
    type: str
  bandwidth_package_ids:
    description:
      - Only these packages (at most 5).
    type: list
    elements: str
  name:
    description:
      - Only the packages with this exact name.
    type: str
  filters:
    description:
      - More filters of C(DescribeCenBandwidthPackages), as a dictionary of filter key and value (or list of values,
        at most 5).
      - Keys are C(CenBandwidthPackageId), C(Name), C(Status) (C(Idle) or C(InUse)) and C(CenId). O(cen_id),
        O(bandwidth_package_ids) and O(name) take precedence over the same keys here.
    type: dict
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
"""

EXAMPLES = r"""
- name: The packages of a CEN, and what is left of each for new limits
  alicloud.interconnect.cen_bandwidth_package_info:
    cen_id: "{{ cen.cen_id }}"
  register: packages

- name: Show the room left per span
  ansible.builtin.debug:
    msg: "{{ item.geographic_span_id }}: {{ item.remaining_bandwidth }} of {{ item.bandwidth }} Mbit/s free"
  loop: "{{ packages.bandwidth_packages }}"

- name: Packages bought but not associated with any CEN (paid for, unused)
  alicloud.interconnect.cen_bandwidth_package_info:
    filters:
      Status: Idle
  register: idle
"""

RETURN = r"""
bandwidth_packages:
  description:
    - The packages, oldest first, as C(DescribeCenBandwidthPackages) returns them with snake_case keys (see
      RV(alicloud.interconnect.cen_bandwidth_package#module:bandwidth_package) for every key), plus two keys.
  returned: always
  type: list
  elements: dict
  sample:
    - cen_bandwidth_package_id: cenbwp-4c2zaavbvh5fx9s7wa
      name: hz-sv
      bandwidth: 20
      geographic_span_id: china_north-america
      cen_ids: [cen-7qthudw0ll6jmc4]
      status: InUse
      allocated_bandwidth: 10
      remaining_bandwidth: 10
  contains:
    allocated_bandwidth:
      description: The Mbit/s the inter-region limits of its CEN in its span use (0 when not associated).
      type: int
      sample: 10
    remaining_bandwidth:
      description: The Mbit/s still free for limits in its span.
      type: int
      sample: 10
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.bandwidth import bandwidth_package_info
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

ARGUMENT_SPEC = dict(
    cen_id=dict(type="str"),
    bandwidth_package_ids=dict(type="list", elements="str"),
    name=dict(type="str"),
    filters=dict(type="dict"),
)
MODULE_KWARGS = {}
CORE = bandwidth_package_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
