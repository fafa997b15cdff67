#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_peer_attachment
short_description: Join the transit routers of two regions of a CEN (Enterprise Edition), and route through the link
version_added: 0.2.0
description:
  - Creates an inter-region attachment between two transit routers of one CEN
    (C(CreateTransitRouterPeerAttachment)) and waits until it is C(Attached), changes its bandwidth, bandwidth
    type, default link type, name and description in place (C(UpdateTransitRouterPeerAttachmentAttribute)) and
    its tags, or deletes it (C(DeleteTransitRouterPeerAttachment)) and waits until it is gone.
  - The attachment carries no traffic until, on each router, it is associated with a route table and propagates
    its routes into one. On each end the module associates the attachment with the router's System table (or
    O(route_table_id) / O(peer_route_table_id)) and enables its propagation there, and removes both with the
    attachment. V(false) for either option leaves that router's associations and propagations to
    C(alicloud.interconnect.transit_router_route_table).
  - The task's router is named by O(transit_router_id), or by O(cen_id) and O(region); the other end by
    O(peer_transit_router_id), or by O(peer_region) (the CEN's router there). The attachment is found by its two
    routers, whichever end created it; two routers are joined once.
  - Before writing, the module checks the options, both routers and the route tables; bad input fails naming the
    option and nothing is written. The create passes a client token, so a create retried after a lost answer
    never makes a second attachment.
  - A transit router takes one operation at a time. Between its own writes the module waits until the last one
    settled, and changes refused because another task's operation is in progress are retried until
    O(wait_timeout). The two routers do not wait for each other. Once the attachment has settled, the two ends'
    associations and propagations are made at the same time (one after the other on each router); a failure on
    one end names its router and says what was done on both.
  - A batch form, O(links), creates, updates or deletes many links in one task. Every link is first read and
    checked; a bad one fails the task naming the link (its index in O(links) and its name) and the
    option, and nothing is written.
    Then the links run in parallel, each from its first write until its last change has settled, such that no
    two links in flight share a transit router; links of disjoint router pairs do not wait for each other.
    A link that fails is named in the task's failure, and the other links are done all the same; RV(results)
    says what became of each. Use it instead of a loop.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  transit_router_id:
    description:
      - The task's transit router, like V(tr-bp1su1ytdxtataupl****).
      - Exactly one of O(transit_router_id) and O(cen_id) is required (for each link with O(links)).
      - In check mode, the id M(alicloud.interconnect.transit_router) predicted for a router it would create is
        accepted (also for O(peer_transit_router_id)); the attachment is then predicted to be created too.
    type: str
  cen_id:
    description:
      - The CEN whose transit router in O(region) is the task's end, like V(cen-7qthudw0ll6jmc****).
      - With O(links), the CEN of the links that give no O(links[].transit_router_id), each in its
        O(links[].region).
      - In check mode, a predicted CEN id is accepted as for O(transit_router_id).
    type: str
  region:
    description:
      - The region of the task's transit router, like V(cn-hangzhou). Defaults to O(alicloud_region).
    type: str
  peer_transit_router_id:
    description:
      - The transit router on the other end, of the same CEN, in another region.
      - Exactly one of O(peer_transit_router_id) and O(peer_region) is required; with both, the router must be in
        O(peer_region).
    type: str
  peer_region:
    description:
      - The region of the other end; the CEN's transit router there is the peer router.
    type: str
  bandwidth_type:
    description:
      - V(DataTransfer) bills the traffic by the gigabyte (no bandwidth package; O(bandwidth) is then an optional
        cap). V(BandwidthPackage) takes O(bandwidth) Mbit/s from O(bandwidth_package_id).
      - When not set, a new attachment is V(BandwidthPackage) if O(bandwidth_package_id) is given, else
        V(DataTransfer); an existing one keeps its type.
    type: str
    choices: [DataTransfer, BandwidthPackage]
  bandwidth:
    description:
      - The bandwidth of the link in Mbit/s, 1 or more. Required with V(BandwidthPackage).
      - When not set, an existing attachment's bandwidth is left as it is.
    type: int
  bandwidth_package_id:
    description:
      - The CEN bandwidth package whose geographic span covers both regions, like V(cenbwp-4c2zaavbvh5fx****),
        associated with the CEN (C(alicloud.interconnect.cen_bandwidth_package)). Only with V(BandwidthPackage).
    type: str
  default_link_type:
    description:
      - The link class, C(Gold) or C(Platinum) (V(DataTransfer) only). When not set, new attachments are C(Gold)
        and an existing one is left as it is.
    type: str
    choices: [Gold, Platinum]
  name:
    description:
      - The name of the attachment, 1 to 128 characters, not starting with C(http://) or C(https://).
      - When not set, the name is left as it is.
    type: str
  description:
    description:
      - The description, 1 to 256 characters, not starting with C(http://) or C(https://).
      - When not set, the description is left as it is.
    type: str
  route_table_id:
    description:
      - The route table of the task's router the attachment is associated with and propagates into. An
        association with another table of that router is moved (C(ReplaceTransitRouterRouteTableAssociation));
        propagations into other tables are left alone.
      - When not set, the router's System route table. V(false) leaves that router's associations and
        propagations of the attachment alone.
    type: raw
  peer_route_table_id:
    description:
      - As O(route_table_id), on the peer router.
    type: raw
  links:
    description:
      - Several links handled in one task (see the description), exclusive with the options of the single form
        (O(transit_router_id), O(peer_region), O(name), ...). O(cen_id), O(state), O(force), O(purge_tags),
        O(wait) and O(wait_timeout) apply to every link; O(wait_timeout) is the budget of the whole task.
      - A link whose routers another link of the batch also joins waits until its last change has settled,
        also with O(wait=false) (the next link on that router could not be written before).
      - Each link names its own router by O(links[].transit_router_id) (which must then be of O(cen_id) when the
        task gives one), or by the task's O(cen_id) and O(links[].region); its peer by
        O(links[].peer_transit_router_id) or O(links[].peer_region). Two links must not join the same two routers.
    type: list
    elements: dict
    suboptions:
      transit_router_id:
        description:
          - As O(transit_router_id).
        type: str
      region:
        description:
          - As O(region).
        type: str
      peer_transit_router_id:
        description:
          - As O(peer_transit_router_id).
        type: str
      peer_region:
        description:
          - As O(peer_region).
        type: str
      bandwidth_type:
        description:
          - As O(bandwidth_type).
        type: str
        choices: [DataTransfer, BandwidthPackage]
      bandwidth:
        description:
          - As O(bandwidth).
        type: int
      bandwidth_package_id:
        description:
          - As O(bandwidth_package_id).
        type: str
      default_link_type:
        description:
          - As O(default_link_type).
        type: str
        choices: [Gold, Platinum]
      name:
        description:
          - As O(name); it also names the link in messages.
        type: str
      description:
        description:
          - As O(description).
        type: str
      route_table_id:
        description:
          - As O(route_table_id).
        type: raw
      peer_route_table_id:
        description:
          - As O(peer_route_table_id).
        type: raw
      tags:
        description:
          - As O(tags), with the task's O(purge_tags).
        type: dict
  force:
    description:
      - With O(state=absent), also remove the associations and propagations of the attachment other than those the
        task manages (C(Force)). Without it, the module fails naming them, and deletes nothing.
      - Static routes pointing at the attachment are never removed; the module fails naming them.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the attachment, V(absent) deletes it. One that does not exist is already
        absent.
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
  - Run the task with the credentials of the CEN's owner; both routers are the CEN's.
  - With O(wait=false) the module still waits between its own writes (a router takes one at a time), but not
    after the last one.
  - In check mode, a peer router that an earlier check-mode task would create is named by its predicted id
    (O(peer_transit_router_id)); O(peer_region) finds only routers that exist.
seealso:
  - module: alicloud.interconnect.transit_router
  - module: alicloud.interconnect.transit_router_vpc_attachment
"""

EXAMPLES = r"""
- name: Join the CEN's routers in Hangzhou and Shanghai, billed by data transfer, capped at 100 Mbit/s
  alicloud.interconnect.transit_router_peer_attachment:
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    peer_region: cn-shanghai
    bandwidth: 100
    name: hangzhou-shanghai

- name: The same link, its bandwidth taken from a bandwidth package
  alicloud.interconnect.transit_router_peer_attachment:
    transit_router_id: tr-bp1su1ytdxtataupl2ab
    peer_transit_router_id: tr-uf6b8df2ccfd3eabc0x1y
    bandwidth_type: BandwidthPackage
    bandwidth_package_id: cenbwp-4c2zaavbvh5fx1a2b
    bandwidth: 20

- name: Link three regions in one task; links of disjoint router pairs are made at the same time
  alicloud.interconnect.transit_router_peer_attachment:
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    links:
      - {region: cn-hangzhou, peer_region: cn-shanghai, name: hangzhou-shanghai, bandwidth: 100}
      - {region: cn-hangzhou, peer_region: cn-beijing, name: hangzhou-beijing}
      - {region: cn-shanghai, peer_region: cn-beijing, name: shanghai-beijing}
  register: mesh

- name: The attachment of each link
  ansible.builtin.debug:
    msg: "{{ mesh.results | map(attribute='transit_router_attachment_id') | list }}"

- name: Delete the link (its associations and propagations in the System tables go with it)
  alicloud.interconnect.transit_router_peer_attachment:
    alicloud_region: cn-hangzhou
    cen_id: cen-7qthudw0ll6jmc7fhb
    peer_region: cn-shanghai
    state: absent
"""

RETURN = r"""
transit_router_attachment_id:
  description: The attachment (null when there is none). In check mode, a predicted id for one it would create.
  returned: without O(links)
  type: str
  sample: tr-attach-nls9fzkfat8934****
attachment:
  description: The attachment afterwards (in check mode, as predicted); empty when there is none.
  returned: without O(links)
  type: dict
  contains:
    transit_router_attachment_id:
      description: The attachment.
      type: str
      sample: tr-attach-nls9fzkfat8934****
    transit_router_attachment_name:
      description: Its name.
      type: str
      sample: hangzhou-shanghai
    transit_router_attachment_description:
      description: Its description.
      type: str
      sample: ""
    transit_router_id:
      description: The router of the end that created it.
      type: str
      sample: tr-bp1su1ytdxtataupl2ab
    region_id:
      description: The region of that router.
      type: str
      sample: cn-hangzhou
    peer_transit_router_id:
      description: The router on the other end.
      type: str
      sample: tr-uf6b8df2ccfd3eabc0x1y
    peer_transit_router_region_id:
      description: The region of the other end.
      type: str
      sample: cn-shanghai
    peer_transit_router_owner_id:
      description: The account that owns the peer router.
      type: str
      sample: "1000000000000001"
    cen_id:
      description: The CEN.
      type: str
      sample: cen-7qthudw0ll6jmc7fhb
    bandwidth_type:
      description: C(DataTransfer) or C(BandwidthPackage).
      type: str
      sample: DataTransfer
    bandwidth:
      description: The bandwidth in Mbit/s (0 for an uncapped C(DataTransfer) link).
      type: int
      sample: 100
    cen_bandwidth_package_id:
      description: The bandwidth package (empty with C(DataTransfer)).
      type: str
      sample: ""
    default_link_type:
      description: C(Gold) or C(Platinum).
      type: str
      sample: Gold
    status:
      description: C(Attaching), C(Attached), C(Modifying) or C(Detaching).
      type: str
      sample: Attached
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
    route_table_id:
      description: The table of the task's router whose association and propagation the task manages.
      returned: unless O(route_table_id=false)
      type: str
      sample: vtb-bp1dudbh2d5na6b50a1b
    associated:
      description: Whether the attachment is associated with RV(attachment.route_table_id).
      returned: unless O(route_table_id=false)
      type: bool
      sample: true
    propagating:
      description: Whether the attachment propagates into RV(attachment.route_table_id).
      returned: unless O(route_table_id=false)
      type: bool
      sample: true
    peer_route_table_id:
      description: As RV(attachment.route_table_id), on the peer router.
      returned: unless O(peer_route_table_id=false)
      type: str
      sample: vtb-uf6dudbh2d5na6b50c3d
    peer_associated:
      description: As RV(attachment.associated), on the peer router.
      returned: unless O(peer_route_table_id=false)
      type: bool
      sample: true
    peer_propagating:
      description: As RV(attachment.propagating), on the peer router.
      returned: unless O(peer_route_table_id=false)
      type: bool
      sample: true
results:
  description:
    - With O(links), one entry per link, in the order given; also when the task fails.
  returned: with O(links)
  type: list
  elements: dict
  contains:
    link:
      description: The link as the task gave it (its suboptions).
      type: dict
      sample: {"region": "cn-hangzhou", "peer_region": "cn-shanghai", "name": "hangzhou-shanghai"}
    changed:
      description: Whether the link was created, changed or deleted (in check mode, would be).
      type: bool
      sample: true
    transit_router_attachment_id:
      description: As RV(transit_router_attachment_id).
      type: str
      sample: tr-attach-nls9fzkfat8934****
    attachment:
      description: As RV(attachment).
      type: dict
      sample: {"status": "Attached", "bandwidth": 100}
    failed:
      description: True when this link failed; RV(results[].msg) says why.
      returned: when the link failed
      type: bool
      sample: true
    msg:
      description: Why the link failed.
      returned: when the link failed
      type: str
      sample: "DeleteTransitRouterPeerAttachment failed: ..."
diff:
  description:
    - What the module manages of the attachment before and after (both routers, bandwidth settings, name,
      description, tags, and the routing on both ends), with C(--diff).
    - With O(links), the links that changed, each keyed by its index in O(links) and its name, as messages
      name it.
  returned: changed and diff mode
  type: dict
  sample: {"before": {"bandwidth": 100}, "after": {"bandwidth": 200}}
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    TAGS_ARGUMENT_SPEC,
    WAIT_ARGUMENT_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_peer_links import (
    transit_router_peer_attachment,
)

LINK_ARGUMENT_SPEC = dict(
    transit_router_id=dict(type="str"),
    region=dict(type="str"),
    peer_transit_router_id=dict(type="str"),
    peer_region=dict(type="str"),
    bandwidth_type=dict(type="str", choices=["DataTransfer", "BandwidthPackage"]),
    bandwidth=dict(type="int"),
    bandwidth_package_id=dict(type="str"),
    default_link_type=dict(type="str", choices=["Gold", "Platinum"]),
    name=dict(type="str"),
    description=dict(type="str"),
    route_table_id=dict(type="raw"),
    peer_route_table_id=dict(type="raw"),
    tags=dict(type="dict"),
)
ARGUMENT_SPEC = dict(
    cen_id=dict(type="str"),
    links=dict(type="list", elements="dict", options=LINK_ARGUMENT_SPEC),
    force=dict(type="bool", default=False),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **dict(LINK_ARGUMENT_SPEC, **dict(WAIT_ARGUMENT_SPEC, purge_tags=TAGS_ARGUMENT_SPEC["purge_tags"]))
)
MODULE_KWARGS = dict(
    required_one_of=[("transit_router_id", "cen_id", "links"), ("peer_transit_router_id", "peer_region", "links")],
    mutually_exclusive=[("transit_router_id", "cen_id")] + [("links", option) for option in sorted(LINK_ARGUMENT_SPEC)],
)
CORE = transit_router_peer_attachment


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
