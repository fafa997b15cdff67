#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_vpc_attachment
short_description: Attach a VPC to a transit router of a CEN (Enterprise Edition), and route through it
version_added: 0.2.0
description:
  - Attaches a VPC to a transit router (C(CreateTransitRouterVpcAttachment)) and waits until it is C(Attached),
    changes its name, description and route publishing (C(UpdateTransitRouterVpcAttachmentAttribute)), its zone
    mappings in place (C(UpdateTransitRouterVpcAttachmentZones), never by attaching it anew) and its tags, or
    deletes it (C(DeleteTransitRouterVpcAttachment)) and waits until it is gone.
  - A VPC attachment carries no traffic until it is associated with a route table of the router and propagates
    its routes into one. The module associates the attachment with O(route_table_id) (the router's System table
    by default) and enables its propagation there, and removes both with the attachment. With
    O(route_table_id=false) it leaves associations and propagations to
    C(alicloud.interconnect.transit_router_route_table).
  - The router is named by O(transit_router_id), or by O(cen_id) and O(region) (a CEN has one transit router in
    each region). The attachment is found by the router and O(vpc_id); a VPC is attached to a router once.
  - To attach a VPC of another account, that account first grants the CEN access to it
    (M(alicloud.interconnect.transit_router_grant)); set O(vpc_owner_id).
  - Before writing, the module checks the options, the router, the vSwitches and the route table; bad input
    fails naming the option and nothing is written. The create passes a client token, so a create retried
    after a lost answer never makes a second attachment.
  - A transit router takes one operation at a time. Between its own writes the module waits until the last
    one settled, and changes refused because another task's operation is in progress are retried until
    O(wait_timeout).
  - A batch form, O(attachments), attaches (or with O(state=absent) detaches) many VPCs in one task. Every item
    is checked first, without a call, then by reading; bad input in any item fails the task naming the item
    and the option, and nothing is written. The items are then grouped by transit router; the items of a
    router are handled one after the other, each waiting for its changes to settle before the next starts,
    and the routers (one per region) work at the same time, each in a thread of its own. Use it instead of a
    loop for rollouts over several regions.
  - When an item of a batch fails, the rest of its router's items are not attempted, the other routers' items
    are done, and the task fails with C(changed) when anything was changed, a message naming the failed item and
    what was done, and RV(results).
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  transit_router_id:
    description:
      - The transit router, like V(tr-bp1su1ytdxtataupl****).
      - Exactly one of O(transit_router_id) and O(cen_id) is required (for one VPC, and in each item of
        O(attachments)).
      - In check mode, the id M(alicloud.interconnect.transit_router) predicted for a router it would create is
        accepted; the attachment is then predicted to be created too.
    type: str
  cen_id:
    description:
      - The CEN whose transit router in O(region) the VPC is attached to, like V(cen-7qthudw0ll6jmc****).
      - The router must exist (M(alicloud.interconnect.transit_router)); the module does not create it.
      - In check mode, a predicted CEN id is accepted as for O(transit_router_id).
    type: str
  region:
    description:
      - The region of the transit router and of the VPC, like V(cn-hangzhou).
      - Defaults to O(alicloud_region).
    type: str
  vpc_id:
    description:
      - The VPC to attach, in O(region).
      - Exactly one of O(vpc_id) and O(attachments) is required.
    type: str
  vpc_owner_id:
    description:
      - The account that owns the VPC, a string or an integer, when it is not the account the task runs as.
      - That account must have granted the CEN access to the VPC (M(alicloud.interconnect.transit_router_grant))
        and opened its transit-router service.
    type: raw
  zone_mappings:
    description:
      - The vSwitches of the VPC the router connects through, one per zone, in zones where transit routers are
        available (M(alicloud.interconnect.transit_router_info) lists them). Two zones give zone redundancy.
      - Required to create the attachment. When not set, an existing attachment's zones are left as they are;
        when set, mappings are added and removed in place to match.
    type: list
    elements: dict
    suboptions:
      vswitch_id:
        description:
          - A vSwitch of the VPC, like V(vsw-bp1s5fnvk4gn2tws0****).
        type: str
        required: true
      zone_id:
        description:
          - The zone of the vSwitch, like V(cn-hangzhou-j).
          - When not set, it is read from the vSwitch (for another account's VPC, from the vSwitches it shares
            with the CEN).
        type: str
  name:
    description:
      - The name of the attachment, 1 to 128 characters, not starting with C(http://) or C(https://).
      - When not set, the name is left as it is.
    type: str
  description:
    description:
      - The description of the attachment, 1 to 256 characters, not starting with C(http://) or C(https://).
      - When not set, the description is left as it is.
    type: str
  auto_publish_route:
    description:
      - Whether the router publishes the routes of the table the attachment is associated with into the VPC's
        system route table (C(AutoPublishRouteEnabled)). Otherwise the VPC needs its own routes whose next hop
        is the attachment (next hop type C(Attachment)).
      - When not set, a new attachment does not publish, and an existing one is left as it is.
    type: bool
  route_table_id:
    description:
      - The route table of the router the attachment is associated with and propagates its routes into, like
        V(vtb-bp1dudbh2d5na6b50****). When the attachment is associated with another table, the association is
        moved (C(ReplaceTransitRouterRouteTableAssociation)); propagations into other tables are left alone.
      - When not set, the router's System route table.
      - V(false) leaves the attachment's associations and propagations alone (manage them with
        C(alicloud.interconnect.transit_router_route_table)); a new attachment then carries no traffic.
    type: raw
  attachments:
    description:
      - Several VPC attachments handled in one task (see the description). Each item takes the options of one VPC,
        with the same meaning as at the top; O(state), O(force), O(purge_tags), O(wait) and O(wait_timeout) apply
        to every item.
      - Not with O(vpc_id) or the other options of one VPC. A VPC may be listed once.
    type: list
    elements: dict
    suboptions:
      transit_router_id:
        description:
          - The transit router, as O(transit_router_id). Exactly one of it and O(attachments[].cen_id) is required.
        type: str
      cen_id:
        description:
          - The CEN whose router in O(attachments[].region) to use, as O(cen_id).
        type: str
      region:
        description:
          - The region of the router and the VPC. Defaults to O(alicloud_region).
        type: str
      vpc_id:
        description:
          - The VPC.
        type: str
        required: true
      vpc_owner_id:
        description:
          - The account that owns the VPC, as O(vpc_owner_id).
        type: raw
      zone_mappings:
        description:
          - The vSwitches of the VPC the router connects through, as O(zone_mappings).
        type: list
        elements: dict
        suboptions:
          vswitch_id:
            description:
              - A vSwitch of the VPC.
            type: str
            required: true
          zone_id:
            description:
              - The zone of the vSwitch; read from the vSwitch when not set.
            type: str
      name:
        description:
          - The name of the attachment, as O(name).
        type: str
      description:
        description:
          - The description of the attachment, as O(description).
        type: str
      auto_publish_route:
        description:
          - Whether the router publishes routes into the VPC, as O(auto_publish_route).
        type: bool
      route_table_id:
        description:
          - The route table to associate with and propagate into, or V(false), as O(route_table_id).
        type: raw
      tags:
        description:
          - The tags of the attachment, as O(tags).
        type: dict
  force:
    description:
      - With O(state=absent), also remove the associations and propagations of the attachment other than those
        with O(route_table_id) (C(Force)). Without it, the module fails naming them, and deletes nothing.
      - Routes pointing at the attachment (VPC routes, static routes of the router) are never removed; the module
        fails naming them.
    type: bool
    default: false
  state:
    description:
      - V(present) attaches the VPC or updates its attachment, V(absent) deletes the attachment.
      - An attachment that does not exist is already absent.
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
  - Run the task with the credentials of the CEN's owner; the attachment belongs to the CEN's account, also when
    the VPC is another account's.
  - With O(wait=false) the module still waits between its own writes (the router takes one at a time), but not
    after the last one.
seealso:
  - module: alicloud.interconnect.transit_router
  - module: alicloud.interconnect.transit_router_grant
  - module: alicloud.interconnect.vswitch_info
"""

EXAMPLES = r"""
- name: Attach a VPC to the CEN's router in cn-hangzhou, through a vSwitch in each of two zones
  alicloud.interconnect.transit_router_vpc_attachment:
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    vpc_id: vpc-bp1d2kp3l5n7b9c0d1e2
    name: app-vpc
    zone_mappings:
      - vswitch_id: vsw-bp1s5fnvk4gn2tws0a1b
      - vswitch_id: vsw-bp1s5fnvk4gn2tws0c3d
  register: attached

- name: Attach a VPC of another account (granted with transit_router_grant), publishing routes into it
  alicloud.interconnect.transit_router_vpc_attachment:
    transit_router_id: tr-bp1su1ytdxtataupl2ab
    region: cn-hangzhou
    vpc_id: vpc-bp1aevy8sofi8mh1q5e7f
    vpc_owner_id: 1000000000000002
    auto_publish_route: true
    zone_mappings:
      - {vswitch_id: vsw-bp1n3d5t7v9x1z3b5d7f, zone_id: cn-hangzhou-j}
      - {vswitch_id: vsw-bp1p4f6h8j0l2n4p6r8t, zone_id: cn-hangzhou-k}

- name: Attach a VPC and leave its routing to transit_router_route_table
  alicloud.interconnect.transit_router_vpc_attachment:
    cen_id: cen-7qthudw0ll6jmc7fhb
    region: cn-shanghai
    vpc_id: vpc-uf6o8d1dj8sjwxi6o0b2
    route_table_id: false
    zone_mappings:
      - vswitch_id: vsw-uf6a1b2c3d4e5f6g7h8i

- name: Attach the VPCs of two regions in one task; the two routers work at the same time
  alicloud.interconnect.transit_router_vpc_attachment:
    attachments:
      - cen_id: cen-7qthudw0ll6jmc7fhb
        region: cn-hangzhou
        vpc_id: vpc-bp1d2kp3l5n7b9c0d1e2
        zone_mappings: [{vswitch_id: vsw-bp1s5fnvk4gn2tws0a1b}, {vswitch_id: vsw-bp1s5fnvk4gn2tws0c3d}]
      - cen_id: cen-7qthudw0ll6jmc7fhb
        region: cn-shanghai
        vpc_id: vpc-uf6o8d1dj8sjwxi6o0b2
        zone_mappings: [{vswitch_id: vsw-uf6a1b2c3d4e5f6g7h8i}]
  register: rollout

- name: The attachment of each VPC, in the order given
  ansible.builtin.debug:
    msg: "{{ rollout.results | map(attribute='transit_router_attachment_id') | list }}"

- name: Delete the attachment (its association and propagation go with it)
  alicloud.interconnect.transit_router_vpc_attachment:
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    vpc_id: vpc-bp1d2kp3l5n7b9c0d1e2
    state: absent
"""

RETURN = r"""
transit_router_attachment_id:
  description: The attachment (null when there is none). In check mode, a predicted id for one it would create.
  returned: with O(vpc_id)
  type: str
  sample: tr-attach-nls9fzkfat8934****
attachment:
  description: The attachment afterwards (in check mode, as predicted); empty when there is none.
  returned: with O(vpc_id)
  type: dict
  contains:
    transit_router_attachment_id:
      description: The attachment.
      type: str
      sample: tr-attach-nls9fzkfat8934****
    transit_router_attachment_name:
      description: Its name.
      type: str
      sample: app-vpc
    transit_router_attachment_description:
      description: Its description.
      type: str
      sample: ""
    transit_router_id:
      description: The transit router.
      type: str
      sample: tr-bp1su1ytdxtataupl2ab
    cen_id:
      description: The CEN.
      type: str
      sample: cen-7qthudw0ll6jmc7fhb
    vpc_id:
      description: The VPC.
      type: str
      sample: vpc-bp1d2kp3l5n7b9c0d1e2
    vpc_owner_id:
      description: The account that owns the VPC.
      type: str
      sample: "1000000000000001"
    vpc_region_id:
      description: The region of the VPC.
      type: str
      sample: cn-hangzhou
    status:
      description: C(Attaching), C(Attached), C(Modifying) or C(Detaching).
      type: str
      sample: Attached
    auto_publish_route_enabled:
      description: Whether the router publishes routes into the VPC.
      type: bool
      sample: false
    zone_mappings:
      description: The vSwitches the router connects through, with the network interface in each.
      type: list
      elements: dict
      sample: [{"zone_id": "cn-hangzhou-j", "vswitch_id": "vsw-bp1s5fnvk4gn2tws0a1b", "network_interface_id": "eni-bp1..."}]
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
    route_table_id:
      description: The route table the task manages the attachment's association and propagation with.
      returned: unless O(route_table_id=false)
      type: str
      sample: vtb-bp1dudbh2d5na6b50a1b
    associated:
      description: Whether the attachment is associated (or being associated) with RV(attachment.route_table_id).
      returned: unless O(route_table_id=false)
      type: bool
      sample: true
    propagating:
      description: Whether the attachment propagates (or is starting to propagate) into RV(attachment.route_table_id).
      returned: unless O(route_table_id=false)
      type: bool
      sample: true
results:
  description:
    - With O(attachments), one entry per item, in the order given; also returned by a failed batch task.
  returned: with O(attachments)
  type: list
  elements: dict
  contains:
    vpc_id:
      description: The VPC of the item.
      type: str
      sample: vpc-bp1d2kp3l5n7b9c0d1e2
    transit_router_id:
      description: Its transit router.
      type: str
      sample: tr-bp1su1ytdxtataupl2ab
    changed:
      description: Whether the item's attachment was changed (created, updated, deleted).
      type: bool
      sample: true
    transit_router_attachment_id:
      description: Its attachment, as RV(transit_router_attachment_id).
      type: str
      sample: tr-attach-nls9fzkfat8934****
    attachment:
      description: Its attachment afterwards, as RV(attachment).
      type: dict
      sample: {}
    error:
      description: Why the item failed, or that it was not attempted because an earlier item on its router failed.
      returned: when the item failed or was not attempted
      type: str
      sample: "not attempted: an earlier item on its router failed"
diff:
  description:
    - What the module manages of the attachment before and after (name, description, auto_publish_route,
      zone_mappings, tags, route_table_id, associated, propagating), with C(--diff).
    - With O(attachments), the same by VPC id, for the items changed.
  returned: changed and diff mode
  type: dict
  sample: {"before": {}, "after": {"vpc_id": "vpc-bp1d2kp3l5n7b9c0d1e2", "associated": true}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    TAGS_ARGUMENT_SPEC,
    WAIT_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_vpc_batch import (
    VPC_OPTIONS,
    transit_router_vpc_attachment,
)

ZONE_MAPPING_OPTIONS = dict(vswitch_id=dict(type="str", required=True), zone_id=dict(type="str"))
VPC_ARGUMENT_SPEC = dict(
    transit_router_id=dict(type="str"),
    cen_id=dict(type="str"),
    region=dict(type="str"),
    vpc_id=dict(type="str"),
    vpc_owner_id=dict(type="raw"),
    zone_mappings=dict(type="list", elements="dict", options=ZONE_MAPPING_OPTIONS),
    name=dict(type="str"),
    description=dict(type="str"),
    auto_publish_route=dict(type="bool"),
    route_table_id=dict(type="raw"),
    tags=TAGS_ARGUMENT_SPEC["tags"],
)
ARGUMENT_SPEC = dict(
    VPC_ARGUMENT_SPEC,
    attachments=dict(type="list", elements="dict",
                     options=dict(VPC_ARGUMENT_SPEC, vpc_id=dict(type="str", required=True))),
    force=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **dict(WAIT_ARGUMENT_SPEC, purge_tags=TAGS_ARGUMENT_SPEC["purge_tags"])
)
MODULE_KWARGS = dict(
    required_one_of=[("vpc_id", "attachments")],
    mutually_exclusive=[("transit_router_id", "cen_id")] + [("attachments", option) for option in VPC_OPTIONS],
)
CORE = transit_router_vpc_attachment


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
