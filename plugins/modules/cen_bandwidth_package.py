#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cen_bandwidth_package
short_description: Buy, resize, associate and release CEN bandwidth packages
version_added: 0.2.0
description:
  - Manages a bandwidth package (bandwidth plan) of Cloud Enterprise Network (CEN), Basic edition.
  - Networks attached to one CEN in different regions only talk once the CEN holds a bandwidth package
    that covers the geographic areas of both regions, and an inter-region limit is set for the region pair
    with M(alicloud.interconnect.cen_bandwidth_limit). Networks in one region need no package.
  - Creates a package (C(CreateCenBandwidthPackage), pay-as-you-go or subscription), changes its name,
    description (C(ModifyCenBandwidthPackageAttribute)) and bandwidth (C(ModifyCenBandwidthPackageSpec)),
    associates it with a CEN (C(AssociateCenBandwidthPackage)) or takes it away
    (C(UnassociateCenBandwidthPackage)), and deletes it (C(DeleteCenBandwidthPackage)).
  - The package is found by O(bandwidth_package_id), or by O(name) within the geographic span of
    O(geographic_region_a) and O(geographic_region_b) when they are set. Names are not unique; when a name
    matches several packages the module fails and lists their ids.
  - Input that breaks a rule known in advance (areas, bandwidth range, subscription terms, a second package
    for the same span on one CEN, limits that block an unassociation or a smaller bandwidth) fails before
    anything is written.
  - Operates in the account of the credentials; a package can only be associated with a CEN of that account.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  bandwidth_package_id:
    description:
      - The ID of the package (C(cenbwp-...)). Required to rename a package.
      - With O(state=present) the package must exist; this module only creates packages found by O(name).
    type: str
  name:
    description:
      - The name of the package, up to 128 characters, not starting with C(http://) or C(https://).
      - Identifies the package when O(bandwidth_package_id) is not set.
    type: str
  description:
    description:
      - The description of the package, up to 256 characters, not starting with C(http://) or C(https://).
    type: str
  bandwidth:
    description:
      - The bandwidth of the package in Mbit/s, from 2 to 10000. Required to create a package.
      - It is shared by the inter-region limits in the package's span, so it cannot go below their sum.
    type: int
  geographic_region_a:
    description:
      - One geographic area of the package, in any case.
      - One of C(China), C(North-America), C(Asia-Pacific), C(Europe), C(Australia), C(Middle-East). A region id
        such as C(cn-hangzhou) is refused with the name of its area.
      - The order of O(geographic_region_a) and O(geographic_region_b) does not matter. Both are required to create
        a package and cannot be changed afterwards.
    type: str
  geographic_region_b:
    description:
      - The other geographic area of the package (the same as O(geographic_region_a) for regions in one area,
        for example C(China) and C(China) for C(cn-hangzhou) and C(cn-beijing)).
    type: str
  charge_type:
    description:
      - How the package is billed. Used when creating; a package's charge type cannot be changed, so a different
        value for an existing package is an error.
      - V(PostPaid) (pay-as-you-go) when creating without it.
      - A V(PrePaid) (subscription) package cannot be released before it expires, see O(state).
    type: str
    choices: [PostPaid, PrePaid]
  pricing_cycle:
    description:
      - The unit of O(period) for a V(PrePaid) package. Used when creating only. V(Month) when not set.
    type: str
    choices: [Month, Year]
  period:
    description:
      - The subscription term of a V(PrePaid) package, in O(pricing_cycle) units. Used when creating only.
      - 1, 2, 3 or 6 months, or 1, 2 or 3 years. 1 when not set.
    type: int
  auto_renew:
    description:
      - Renew a V(PrePaid) package automatically when its term ends. Used when creating only.
    type: bool
  cen_id:
    description:
      - The CEN instance to associate the package with. A package associated with another CEN is moved (its inter-region
        limits there must be removed first).
      - A CEN holds one package per geographic span; a second package for the same span is refused before anything
        is written.
      - When not set, the package's association is left as it is; use O(unassociate) to take it off its CEN.
    type: str
  unassociate:
    description:
      - Take the package off the CEN it is associated with. The inter-region limits in its span on that CEN must be
        removed first (M(alicloud.interconnect.cen_bandwidth_limit) with O(state=absent)).
      - Cannot be V(true) together with O(cen_id).
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the package, V(absent) unassociates and deletes it.
      - With V(absent), the inter-region limits of the package's span on its CEN must be removed first; the module
        fails before writing anything when some remain.
      - A V(PrePaid) package cannot be released inside its term. V(absent) then unassociates it, does not fail,
        warns, and returns the expiry in RV(retained_until); the package stays in the account until it expires.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Teardown of a cross-region CEN runs in this order, each step with O(state=absent)
    M(alicloud.interconnect.cen_bandwidth_limit) for every region pair, this module, then
    M(alicloud.interconnect.cen_attachment) for every network, then M(alicloud.interconnect.cen_instance).
  - O(charge_type), O(pricing_cycle), O(period) and O(auto_renew) only act when the package is created; the
    service does not report the last three, so they are never compared with an existing package.
  - Even with O(wait=false) the module waits for a new package to be C(Idle) before associating it with
    O(cen_id), and for an associated package to be C(Idle) before deleting it, since the API refuses both before.
seealso:
  - module: alicloud.interconnect.cen_bandwidth_limit
  - module: alicloud.interconnect.cen_bandwidth_package_info
  - module: alicloud.interconnect.cen_instance
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.alicloud.tags
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
"""

EXAMPLES = r"""
# S2: one account, a VPC in cn-hangzhou and one in us-west-1 on one CEN.
- name: Buy a China <-> North-America package and associate it with the CEN
  alicloud.interconnect.cen_bandwidth_package:
    name: hz-sv
    bandwidth: 20
    geographic_region_a: China
    geographic_region_b: north-america      # any case
    cen_id: "{{ cen.cen_id }}"
  register: package

- name: Let 10 Mbit/s of it flow between the two regions
  alicloud.interconnect.cen_bandwidth_limit:
    cen_id: "{{ cen.cen_id }}"
    local_region: cn-hangzhou
    opposite_region: us-west-1
    bandwidth_limit: 10

# S4: the member account's VPC in cn-shanghai was granted to the CEN of the owner account and attached by the
# owner (alicloud.interconnect.cen_grant, alicloud.interconnect.cen_attachment). Packages and limits belong to
# the CEN, so the owner account buys and associates them.
- name: A one-year subscription package for China <-> Asia-Pacific, bought by the CEN owner
  alicloud.interconnect.cen_bandwidth_package:
    profile: network-owner
    name: cn-ap
    bandwidth: 50
    geographic_region_a: China
    geographic_region_b: Asia-Pacific
    charge_type: PrePaid
    pricing_cycle: Year
    period: 1
    auto_renew: true
    cen_id: "{{ cen.cen_id }}"

- name: Grow the package, and rename it by id
  alicloud.interconnect.cen_bandwidth_package:
    bandwidth_package_id: "{{ package.bandwidth_package_id }}"
    name: hz-sv-prod
    bandwidth: 100

- name: Take the package off its CEN (its limits were removed first) but keep it
  alicloud.interconnect.cen_bandwidth_package:
    bandwidth_package_id: "{{ package.bandwidth_package_id }}"
    unassociate: true

# Teardown: limits first, then the package, then attachments and the CEN.
- name: Remove the limit
  alicloud.interconnect.cen_bandwidth_limit:
    cen_id: "{{ cen.cen_id }}"
    local_region: us-west-1          # either order
    opposite_region: cn-hangzhou
    state: absent

- name: Release the package (a PrePaid one is unassociated and kept until it expires, with a warning)
  alicloud.interconnect.cen_bandwidth_package:
    name: hz-sv-prod
    geographic_region_a: China
    geographic_region_b: North-America
    state: absent
  register: released

- name: Say when a subscription package really goes away
  ansible.builtin.debug:
    msg: "{{ released.bandwidth_package_id }} stays until {{ released.retained_until }}"
  when: released.retained_until
"""

RETURN = r"""
bandwidth_package_id:
  description:
    - The ID of the package; null when it does not exist. In check mode, when the package would be created,
      a predicted id like V(cenbwp-checkmode-1a2b3c4d).
  returned: always
  type: str
  sample: cenbwp-4c2zaavbvh5fx9s7wa
bandwidth_package:
  description:
    - The package after the change, as C(DescribeCenBandwidthPackages) returns it, with snake_case keys.
    - Empty after a deletion, or when the package does not exist.
  returned: always
  type: dict
  contains:
    cen_bandwidth_package_id:
      description: The ID of the package.
      type: str
      sample: cenbwp-4c2zaavbvh5fx9s7wa
    name:
      description: The name.
      type: str
      sample: hz-sv
    description:
      description: The description.
      type: str
      sample: China to Silicon Valley
    bandwidth:
      description: The bandwidth in Mbit/s.
      type: int
      sample: 20
    bandwidth_package_charge_type:
      description: C(POSTPAY) (pay-as-you-go) or C(PREPAY) (subscription).
      type: str
      sample: POSTPAY
    geographic_region_a_id:
      description: One area of the package, lower case.
      type: str
      sample: china
    geographic_region_b_id:
      description: The other area, lower case.
      type: str
      sample: north-america
    geographic_span_id:
      description: The span of the package.
      type: str
      sample: china_north-america
    cen_ids:
      description: The CEN the package is associated with (at most one).
      type: list
      elements: str
      sample: [cen-7qthudw0ll6jmc4]
    status:
      description: C(Idle) when not associated, C(InUse) when associated.
      type: str
      sample: InUse
    business_status:
      description: C(Normal), C(FinancialLocked) or C(SecurityLocked).
      type: str
      sample: Normal
    expired_time:
      description: When a subscription package expires (UTC).
      type: str
      sample: "2027-05-01T08:00Z"
    creation_time:
      description: When the package was bought (UTC).
      type: str
      sample: "2026-05-01T08:00Z"
    is_cross_border:
      description: Whether the package crosses the border of the Chinese mainland.
      type: bool
      sample: true
retained_until:
  description:
    - Set when O(state=absent) met a V(PrePaid) package inside its term; the package was unassociated but stays
      until this time (UTC). Null otherwise.
  returned: when O(state=absent)
  type: str
  sample: "2027-05-01T08:00Z"
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.bandwidth_package import ensure_bandwidth_package
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import TAGS_ARGUMENT_SPEC, WAIT_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module

ARGUMENT_SPEC = dict(
    bandwidth_package_id=dict(type="str"),
    name=dict(type="str"),
    description=dict(type="str"),
    bandwidth=dict(type="int"),
    geographic_region_a=dict(type="str"),
    geographic_region_b=dict(type="str"),
    charge_type=dict(type="str", choices=["PostPaid", "PrePaid"]),
    pricing_cycle=dict(type="str", choices=["Month", "Year"]),
    period=dict(type="int"),
    auto_renew=dict(type="bool"),
    cen_id=dict(type="str"),
    unassociate=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **dict(WAIT_ARGUMENT_SPEC, **TAGS_ARGUMENT_SPEC)
)
MODULE_KWARGS = dict(
    required_one_of=[("name", "bandwidth_package_id")],
    required_together=[("geographic_region_a", "geographic_region_b")],
)
CORE = ensure_bandwidth_package


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
