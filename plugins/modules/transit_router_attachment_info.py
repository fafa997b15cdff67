#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: transit_router_attachment_info
short_description: List the VPC and inter-region attachments of a transit router or a CEN (Enterprise Edition)
version_added: 0.2.0
description:
  - Lists the VPC attachments (C(ListTransitRouterVpcAttachments)) and the inter-region attachments
    (C(ListTransitRouterPeerAttachments)) of a transit router, or of all transit routers of a CEN (in a region),
    as one list RV(attachments) whose entries say which kind they are (RV(attachments[].attachment_type)).
  - An inter-region attachment is listed for the routers at both of its ends.
  - Run it with the credentials of the CEN's owner; attachments belong to the CEN's account, also when the VPC is
    another account's.
author:
  - alicloud.interconnect contributors (@alicloud-interconnect)
options:
  transit_router_id:
    description:
      - The transit router whose attachments to list, like V(tr-bp1su1ytdxtataupl****).
      - Exactly one of O(transit_router_id) and O(cen_id) is required.
      - In check mode, an id predicted by M(alicloud.interconnect.transit_router) lists nothing.
    type: str
  cen_id:
    description:
      - The CEN whose transit routers' attachments to list, like V(cen-7qthudw0ll6jmc****).
      - In check mode, an id predicted by M(alicloud.interconnect.cen_instance) lists nothing.
    type: str
  region:
    description:
      - Only the attachments of the transit router in this region (for an inter-region attachment, at either end).
      - Unlike most modules, it does not default to O(alicloud_region); without it, every region.
    type: str
  attachment_type:
    description:
      - Only VPC attachments (V(VPC)) or only inter-region attachments (V(TR), an attachment to another transit
        router).
    type: str
    choices: [VPC, TR]
  attachment_ids:
    description:
      - Only these attachments.
    type: list
    elements: str
  vpc_id:
    description:
      - Only the attachment of this VPC (inter-region attachments are then left out).
    type: str
  name:
    description:
      - Only attachments with exactly this name.
    type: str
  tags:
    description:
      - Only attachments carrying all these tags. An empty value matches any value of the key.
    type: dict
extends_documentation_fragment:
  - alicloud.interconnect.alicloud
  - alicloud.interconnect.attributes
  - alicloud.interconnect.attributes.action
  - alicloud.interconnect.attributes.info
seealso:
  - module: alicloud.interconnect.transit_router_vpc_attachment
  - module: alicloud.interconnect.transit_router_info
"""

EXAMPLES = r"""
- name: Every attachment of a CEN
  alicloud.interconnect.transit_router_attachment_info:
    cen_id: cen-7qthudw0ll6jmc7fhb
  register: found

- name: The VPC attachments of one router
  alicloud.interconnect.transit_router_attachment_info:
    transit_router_id: tr-bp1su1ytdxtataupl2ab
    attachment_type: VPC

- name: The attachment of a VPC to the CEN's router in cn-hangzhou
  alicloud.interconnect.transit_router_attachment_info:
    cen_id: cen-7qthudw0ll6jmc7fhb
    region: cn-hangzhou
    vpc_id: vpc-bp1d2kp3l5n7b9c0d1e2
"""

RETURN = r"""
attachments:
  description: The attachments found, VPC attachments first, each as the API describes it in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    attachment_type:
      description: V(VPC) for a VPC attachment, V(TR) for an inter-region attachment to another transit router.
      type: str
      sample: VPC
    transit_router_attachment_id:
      description: The attachment.
      type: str
      sample: tr-attach-nls9fzkfat8934****
    transit_router_attachment_name:
      description: Its name.
      type: str
      sample: app-vpc
    transit_router_id:
      description: The transit router it belongs to (for an inter-region attachment, the one it was made from).
      type: str
      sample: tr-bp1su1ytdxtataupl2ab
    cen_id:
      description: The CEN.
      type: str
      sample: cen-7qthudw0ll6jmc7fhb
    status:
      description: C(Attaching), C(Attached), C(Modifying), C(Detaching) (or C(Detached) for an inter-region one).
      type: str
      sample: Attached
    tags:
      description: Its tags.
      type: dict
      sample: {"env": "prod"}
    vpc_id:
      description: The VPC (VPC attachments).
      type: str
      sample: vpc-bp1d2kp3l5n7b9c0d1e2
    vpc_owner_id:
      description: The account that owns the VPC (VPC attachments).
      type: str
      sample: "1000000000000001"
    vpc_region_id:
      description: The region of the VPC (VPC attachments).
      type: str
      sample: cn-hangzhou
    zone_mappings:
      description: The vSwitches the router connects through (VPC attachments).
      type: list
      elements: dict
      sample: [{"zone_id": "cn-hangzhou-j", "vswitch_id": "vsw-bp1s5fnvk4gn2tws0a1b", "network_interface_id": "eni-bp1..."}]
    auto_publish_route_enabled:
      description: Whether the router publishes routes to the other side.
      type: bool
      sample: false
    region_id:
      description: The region of the transit router it was made from (inter-region attachments).
      type: str
      sample: cn-hangzhou
    peer_transit_router_id:
      description: The transit router at the other end (inter-region attachments).
      type: str
      sample: tr-uf6llz2286dacw3l8****
    peer_transit_router_region_id:
      description: Its region (inter-region attachments).
      type: str
      sample: cn-shanghai
    peer_transit_router_owner_id:
      description: The account that owns it (inter-region attachments).
      type: str
      sample: "1000000000000001"
    bandwidth_type:
      description: V(DataTransfer) or V(BandwidthPackage) (inter-region attachments).
      type: str
      sample: DataTransfer
    bandwidth:
      description: The bandwidth in Mbit/s (inter-region attachments).
      type: int
      sample: 10
"""

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import run_module
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    transit_router_attachment_info,
)

ARGUMENT_SPEC = dict(
    transit_router_id=dict(type="str"),
    cen_id=dict(type="str"),
    region=dict(type="str"),
    attachment_type=dict(type="str", choices=["VPC", "TR"]),
    attachment_ids=dict(type="list", elements="str"),
    vpc_id=dict(type="str"),
    name=dict(type="str"),
    tags=dict(type="dict"),
)
MODULE_KWARGS = dict(
    required_one_of=[("transit_router_id", "cen_id")],
    mutually_exclusive=[("transit_router_id", "cen_id")],
)
CORE = transit_router_attachment_info


def main():
    run_module(ARGUMENT_SPEC, CORE, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
