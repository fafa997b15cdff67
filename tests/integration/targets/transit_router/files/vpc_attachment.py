# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test fixture: attach a VPC to a transit router, or delete that attachment, through the CBN SDK
(this target tests transit_router, not the attachment module).

Usage: vpc_attachment.py ENDPOINT_URL create TR_ID REGION VPC_ID VSWITCH_ID:ZONE_ID...  (prints the id)
       vpc_attachment.py ENDPOINT_URL delete ATTACHMENT_ID
The access key pair comes from the environment (FIXTURE_ACCESS_KEY, FIXTURE_SECRET_KEY).
"""

import os
import sys
from urllib.parse import urlsplit

from alibabacloud_cbn20170912 import models
from alibabacloud_cbn20170912.client import Client
from alibabacloud_tea_openapi.models import Config


def main(url, command, *args):
    parts = urlsplit(url)
    client = Client(Config(access_key_id=os.environ["FIXTURE_ACCESS_KEY"],
                           access_key_secret=os.environ["FIXTURE_SECRET_KEY"],
                           endpoint=parts.netloc, protocol=parts.scheme))
    if command == "create":
        tr_id, region, vpc_id = args[:3]
        zones = [dict(zip(("VSwitchId", "ZoneId"), pair.split(":"))) for pair in args[3:]]
        request = models.CreateTransitRouterVpcAttachmentRequest().from_map(
            dict(TransitRouterId=tr_id, RegionId=region, VpcId=vpc_id, ZoneMappings=zones))
        print(client.create_transit_router_vpc_attachment(request).body.transit_router_attachment_id)
    else:
        request = models.DeleteTransitRouterVpcAttachmentRequest().from_map(dict(TransitRouterAttachmentId=args[0]))
        client.delete_transit_router_vpc_attachment(request)


if __name__ == "__main__":
    main(*sys.argv[1:])
