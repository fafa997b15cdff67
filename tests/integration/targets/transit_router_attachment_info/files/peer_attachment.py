# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test fixture: an inter-region attachment between two transit routers, or its deletion, through the CBN SDK
(this target tests transit_router_attachment_info, not a module that makes them).

Usage: peer_attachment.py ENDPOINT_URL create TR_ID PEER_TR_ID PEER_REGION NAME  (DataTransfer; prints the id)
       peer_attachment.py ENDPOINT_URL delete ATTACHMENT_ID
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
        tr_id, peer_id, peer_region, name = args
        request = models.CreateTransitRouterPeerAttachmentRequest().from_map(dict(
            TransitRouterId=tr_id, PeerTransitRouterId=peer_id, PeerTransitRouterRegionId=peer_region,
            BandwidthType="DataTransfer", Bandwidth=10, TransitRouterAttachmentName=name))
        print(client.create_transit_router_peer_attachment(request).body.transit_router_attachment_id)
    else:
        request = models.DeleteTransitRouterPeerAttachmentRequest().from_map(dict(TransitRouterAttachmentId=args[0]))
        client.delete_transit_router_peer_attachment(request)


if __name__ == "__main__":
    main(*sys.argv[1:])
