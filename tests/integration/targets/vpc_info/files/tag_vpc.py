# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test fixture: tag a VPC through the VPC SDK (no module of the collection tags VPCs).

Usage: tag_vpc.py ENDPOINT_URL REGION VPC_ID KEY=VALUE...
The access key pair comes from the environment (FIXTURE_ACCESS_KEY, FIXTURE_SECRET_KEY).
"""

import os
import sys
from urllib.parse import urlsplit

from alibabacloud_tea_openapi.models import Config
from alibabacloud_vpc20160428.client import Client
from alibabacloud_vpc20160428.models import TagResourcesRequest


def main(url, region, vpc_id, *pairs):
    parts = urlsplit(url)
    client = Client(Config(access_key_id=os.environ["FIXTURE_ACCESS_KEY"],
                           access_key_secret=os.environ["FIXTURE_SECRET_KEY"],
                           region_id=region, endpoint=parts.netloc, protocol=parts.scheme))
    tags = [dict(zip(("Key", "Value"), pair.split("=", 1))) for pair in pairs]
    request = TagResourcesRequest().from_map(dict(RegionId=region, ResourceType="VPC", ResourceId=[vpc_id], Tag=tags))
    client.tag_resources(request)


if __name__ == "__main__":
    main(*sys.argv[1:])
