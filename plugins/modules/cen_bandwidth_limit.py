#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_bandwidth_limit
short_description: Set, change or remove the bandwidth between two regions of a CEN
version_added: 0.2.0
description:
  - Sets the inter-region bandwidth limit of a region pair on a Cloud Enterprise Network (CEN) instance, Basic
    edition (C(SetCenInterRegionBandwidthLimit)). Networks attached to the CEN in the two regions can talk once
    it is set.
  - The bandwidth comes from the bandwidth package the CEN holds for the geographic span of the two regions
    (M(alicloud.interconnect.cen_bandwidth_package)). All the limits in a span share that package's bandwidth.
  - The pair matches in either order, so V(cn-hangzhou)/V(us-west-1) and V(us-west-1)/V(cn-hangzhou) are the same
    limit.
  - Returns what is left of the package in RV(package_capacity), so a playbook can tell why a limit cannot grow.
  - Fails before writing anything when a region is unknown, both regions are the same, the CEN has no package for
    the span, or the limit would not fit in the package (alone, or with the other limits of the span); the message
    says how much is left.
  - Run with the credentials of the account that owns the CEN, also when networks of other accounts are attached.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - The CEN instance.
    type: str
    required: true
  local_region:
    description:
      - One region of the pair, for example V(cn-hangzhou).
    type: str
    required: true
  opposite_region:
    description:
      - The other region of the pair; it must differ from O(local_region).
    type: str
    required: true
  bandwidth_limit:
    description:
      - The bandwidth between the two regions in Mbit/s, at least 1. Required with O(state=present).
      - It cannot exceed what the package of the span has left once the other limits of the span are counted.
    type: int
  state:
    description:
      - V(present) sets the limit to O(bandwidth_limit); O(wait) waits until it is C(Active).
      - V(absent) removes the limit (sets it to 0) and, with O(wait), waits until the pair is gone. Removing the limits
        of a span is the first step of a teardown; the package cannot leave the CEN before.
    type: str
    choices: [present, absent]
    default: present
notes:
  - A CEN that does not exist has no limit, so O(state=absent) reports no change for it.
seealso:
  - module: alicloud.interconnect.cen_bandwidth_package
  - module: alicloud.interconnect.cen_bandwidth_package_info
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
"""

EXAMPLES = r"""
# S2: one account, VPCs in cn-hangzhou and cn-shanghai attached to one CEN that holds a China <-> China package.
- name: 5 Mbit/s between Hangzhou and Shanghai
  alicloud.interconnect.cen_bandwidth_limit:
    cen_id: "{{ cen.cen_id }}"
    local_region: cn-hangzhou
    opposite_region: cn-shanghai
    bandwidth_limit: 5
  register: limit

- name: Show what the package has left for other pairs in the span
  ansible.builtin.debug:
    msg: "{{ limit.package_capacity.remaining }} of {{ limit.package_capacity.bandwidth }} Mbit/s left"

# S4: the member account's VPC in ap-southeast-1 is attached to the owner's CEN after a grant. The CEN owner sets
# the limit, with its own credentials.
- name: 20 Mbit/s between the owner's Hangzhou VPC and the member's Singapore VPC
  alicloud.interconnect.cen_bandwidth_limit:
    profile: network-owner
    cen_id: "{{ cen.cen_id }}"
    local_region: ap-southeast-1
    opposite_region: cn-hangzhou
    bandwidth_limit: 20

# Teardown, step 1 of 5: limits, package, attachments, grants, CEN.
- name: Remove the limit (the pair in any order)
  alicloud.interconnect.cen_bandwidth_limit:
    cen_id: "{{ cen.cen_id }}"
    local_region: cn-shanghai
    opposite_region: cn-hangzhou
    state: absent
"""

RETURN = r"""
cen_id:
  description: The CEN instance.
  returned: always
  type: str
  sample: cen-7qthudw0ll6jmc4
bandwidth_limit:
  description:
    - The limit after the change as C(DescribeCenInterRegionBandwidthLimits) returns it, with snake_case keys; empty
      when there is none.
    - The regions keep the order the limit was first set in.
  returned: always
  type: dict
  contains:
    cen_id:
      description: The CEN instance.
      type: str
      sample: cen-7qthudw0ll6jmc4
    local_region_id:
      description: One region of the pair.
      type: str
      sample: cn-hangzhou
    opposite_region_id:
      description: The other region.
      type: str
      sample: cn-shanghai
    bandwidth_limit:
      description: The bandwidth in Mbit/s.
      type: int
      sample: 5
    status:
      description: C(Active), or C(Modifying) while a change settles.
      type: str
      sample: Active
    geographic_span_id:
      description: The span of the pair.
      type: str
      sample: china_china
    bandwidth_package_id:
      description: The package the bandwidth comes from.
      type: str
      sample: cenbwp-4c2zaavbvh5fx9s7wa
    bandwidth_type:
      description: Where the bandwidth comes from, C(BandwidthPackage).
      type: str
      sample: BandwidthPackage
package_capacity:
  description: The package of the pair's span after the change; null when the CEN holds none for the span.
  returned: always
  type: dict
  contains:
    bandwidth_package_id:
      description: The package.
      type: str
      sample: cenbwp-4c2zaavbvh5fx9s7wa
    geographic_span_id:
      description: Its span.
      type: str
      sample: china_china
    bandwidth:
      description: Its bandwidth in Mbit/s.
      type: int
      sample: 10
    allocated:
      description: The Mbit/s the limits of the span use.
      type: int
      sample: 5
    remaining:
      description: The Mbit/s left for limits in the span (O(bandwidth_limit) can grow by this much).
      type: int
      sample: 5
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.bandwidth import ensure_bandwidth_limit
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

ARGUMENT_SPEC = dict(
    cen_id=dict(type="str", required=True),
    local_region=dict(type="str", required=True),
    opposite_region=dict(type="str", required=True),
    bandwidth_limit=dict(type="int"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **WAIT_ARGUMENT_SPEC
)
MODULE_KWARGS = dict(required_if=[("state", "present", ("bandwidth_limit",))])
CORE = ensure_bandwidth_limit


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
