#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router
short_description: Create, modify and delete the transit router of a CEN in a region (Enterprise Edition)
version_added: 0.2.0
description:
  - Creates the Enterprise Edition transit router of a CEN in a region (C(CreateTransitRouter)) and waits until
    it is C(Active), changes its name and description (C(UpdateTransitRouter)) and its tags (C(TagResources),
    C(UntagResources)), or deletes it (C(DeleteTransitRouter)) and waits until it is gone.
  - A CEN has at most one Enterprise Edition transit router in each region, so O(cen_id) and O(region) find it.
  - The account must have opened its transit-router service (M(alicloud.interconnect.transit_router_service));
    otherwise the create fails naming the account, and nothing is written.
  - A transit router is deleted only when nothing is left on it. When VPC or inter-region attachments, custom
    route tables or static routes remain, the module fails naming them and the modules that remove them,
    and changes nothing.
  - Creation passes a client token, so a create retried after a lost answer never makes a second router.
  - A transit router takes one operation at a time. Changes refused because another one is in progress are
    retried until O(wait_timeout).
  - A batch form, O(routers), creates, updates or (with O(state=absent)) deletes the routers of the CEN in
    several regions in one task. Every item is checked first, without a call, then by reading its router; bad
    input in any item fails the task naming the item and the option, and nothing is written. Each region's router
    is then handled in a thread of its own, so the regions work at the same time. Use it instead of a loop over
    regions.
  - When an item of a batch fails, the other regions' routers are done all the same, and the task fails with
    C(changed) when anything was changed, a message naming the failed item and what was done, and RV(results).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  cen_id:
    description:
      - The id of the CEN the transit router belongs to, like V(cen-7qthudw0ll6jmc****).
      - In check mode, the id that M(alicloud.interconnect.cen_instance) predicted for a CEN it would create is
        accepted; the router is then predicted to be created too.
    type: str
    required: true
  region:
    description:
      - The region of the transit router, like V(cn-hangzhou).
      - Defaults to O(alicloud_region).
      - Not with O(routers), nor are O(name), O(description) and O(tags).
    type: str
  name:
    description:
      - The name of the transit router, 1 to 128 characters, not starting with C(http://) or C(https://).
      - When not set, the name is left as it is (a new router has none). The API cannot clear a name.
    type: str
  description:
    description:
      - The description of the transit router, 1 to 256 characters, not starting with C(http://) or C(https://).
      - When not set, the description is left as it is (a new router has none). The API cannot clear a
        description.
    type: str
  state:
    description:
      - V(present) creates or updates the transit router, V(absent) deletes it.
      - A router that does not exist is already absent.
    type: str
    choices: [present, absent]
    default: present
  routers:
    description:
      - The routers of the CEN in several regions, handled in one task (see the description). Each item takes
        the options of one router, with the same meaning as at the top; O(cen_id), O(state), O(purge_tags),
        O(wait) and O(wait_timeout) apply to every item.
      - A region may be listed once.
    type: list
    elements: dict
    suboptions:
      region:
        description:
          - The region of the router, as O(region). Defaults to O(alicloud_region).
        type: str
      name:
        description:
          - The name of the router, as O(name).
        type: str
      description:
        description:
          - The description of the router, as O(description).
        type: str
      tags:
        description:
          - The tags of the router, as O(tags).
        type: dict
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.alicloud.wait
  - alicloud.interconnect.alicloud.tags
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.resource
notes:
  - Run the task with the credentials of the CEN's owner.
  - Each transit router gets a System route table, which goes with it.
seealso:
  - module: alicloud.interconnect.transit_router_info
  - module: alicloud.interconnect.transit_router_service
  - module: alicloud.interconnect.cen_instance
"""

EXAMPLES = r"""
- name: A CEN
  alicloud.interconnect.cen_instance:
    name: prod-backbone
  register: backbone

- name: Its transit router in Hangzhou
  alicloud.interconnect.transit_router:
    cen_id: "{{ backbone.cen_id }}"
    region: cn-hangzhou
    name: prod-hangzhou
    description: Connects the Hangzhou VPCs
    tags:
      env: prod
  register: hangzhou

- name: Rename it; other tags are kept
  alicloud.interconnect.transit_router:
    cen_id: "{{ backbone.cen_id }}"
    region: cn-hangzhou
    name: prod-hz
    tags:
      owner: netops
    purge_tags: false

- name: Delete it (remove its attachments and custom route tables first)
  alicloud.interconnect.transit_router:
    cen_id: "{{ backbone.cen_id }}"
    region: cn-hangzhou
    state: absent

- name: A router in each of three regions, created at the same time
  alicloud.interconnect.transit_router:
    cen_id: "{{ backbone.cen_id }}"
    routers:
      - region: cn-hangzhou
        name: prod-hangzhou
      - region: cn-shanghai
        name: prod-shanghai
      - region: cn-beijing
        name: prod-beijing
  register: routers

- name: The router ids by region
  ansible.builtin.debug:
    msg: "{{ routers.results | items2dict(key_name='region', value_name='transit_router_id') }}"

- name: Delete the routers of two regions
  alicloud.interconnect.transit_router:
    cen_id: "{{ backbone.cen_id }}"
    routers:
      - region: cn-shanghai
      - region: cn-beijing
    state: absent
"""

RETURN = r"""
transit_router_id:
  description:
    - The id of the transit router. In check mode, when the router would be created, a predicted id like
      V(tr-checkmode-1a2b3c4d). Null when the router is absent and was not found.
  returned: without O(routers)
  type: str
  sample: tr-bp1su1ytdxtataupl****
transit_router:
  description:
    - The transit router as C(ListTransitRouters) shows it after the change (in check mode, as it is predicted
      to be). Empty when the router is absent.
  returned: without O(routers)
  type: dict
  contains:
    transit_router_id:
      description: The id of the transit router.
      type: str
      sample: tr-bp1su1ytdxtataupl****
    transit_router_name:
      description: The name.
      type: str
      sample: prod-hangzhou
    transit_router_description:
      description: The description.
      type: str
      sample: Connects the Hangzhou VPCs
    cen_id:
      description: The CEN it belongs to.
      type: str
      sample: cen-7qthudw0ll6jmc****
    region_id:
      description: Its region.
      type: str
      sample: cn-hangzhou
    status:
      description: C(Creating), C(Active), C(Modifying), C(Deleting) or C(Upgrading).
      type: str
      sample: Active
    type:
      description: The edition, C(Enterprise) (or C(Basic) for a router an older CEN has).
      type: str
      sample: Enterprise
    ali_uid:
      description: The account that owns it.
      type: str
      sample: "1000000000000001"
    support_multicast:
      description: Whether it supports multicast.
      type: bool
      sample: false
    creation_time:
      description: When it was created (UTC).
      type: str
      sample: "2026-01-15T08:30Z"
    transit_router_cidr_list:
      description: The CIDR blocks of the router, if any.
      type: list
      elements: dict
      sample: []
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
results:
  description:
    - With O(routers), one entry per item, in the order given; also returned by a failed batch task.
  returned: with O(routers)
  type: list
  elements: dict
  contains:
    region:
      description: The region of the item.
      type: str
      sample: cn-hangzhou
    transit_router_id:
      description: Its router, as RV(transit_router_id).
      type: str
      sample: tr-bp1su1ytdxtataupl****
    changed:
      description: Whether the item's router was changed (created, updated, deleted).
      type: bool
      sample: true
    transit_router:
      description: Its router afterwards, as RV(transit_router).
      type: dict
      sample: {}
    error:
      description: Why the item failed.
      returned: when the item failed
      type: str
      sample: "transit router tr-bp1su1ytdxtataupl**** still has attachments"
diff:
  description:
    - The ids, region, name, description and tags before and after, with C(--diff).
    - With O(routers), the same by region, for the items changed.
  returned: changed and diff mode
  type: dict
  sample: {"before": {"name": "prod-hangzhou"}, "after": {"name": "prod-hz"}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    TAGS_ARGUMENT_SPEC,
    WAIT_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_batch import (
    ROUTER_OPTIONS,
    transit_router_task,
)

ROUTER_ARGUMENT_SPEC = dict(
    region=dict(type="str"),
    name=dict(type="str"),
    description=dict(type="str"),
    tags=TAGS_ARGUMENT_SPEC["tags"],
)
ARGUMENT_SPEC = dict(
    ROUTER_ARGUMENT_SPEC,
    cen_id=dict(type="str", required=True),
    routers=dict(type="list", elements="dict", options=ROUTER_ARGUMENT_SPEC),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **dict(WAIT_ARGUMENT_SPEC, purge_tags=TAGS_ARGUMENT_SPEC["purge_tags"])
)
MODULE_KWARGS = dict(mutually_exclusive=[("routers", option) for option in ROUTER_OPTIONS])

CORE = transit_router_task


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
