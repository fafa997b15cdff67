# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tag a VPC, or take a tag off it, for ci/demo.sh: what a user does in the console to move a VPC in or out
of the group cen_members of playbooks/inventory/vpcs.

Usage: python ci/demo_tag.py URL ACCESS_KEY SECRET REGION VPC_ID KEY=VALUE   (TagResources)
       python ci/demo_tag.py URL ACCESS_KEY SECRET REGION VPC_ID KEY         (UnTagResources)

URL is the endpoint (the emulator's); the call goes through the official VPC SDK, never through a proxy
(ci/demo.sh unsets the proxy variables).
"""

import sys
from urllib.parse import urlsplit

from alibabacloud_tea_openapi.models import Config
from alibabacloud_vpc20160428 import models
from alibabacloud_vpc20160428.client import Client


def main(argv):
    if len(argv) != 7:
        sys.stderr.write(__doc__)
        return 2
    url, access_key, secret, region, vpc_id, tag = argv[1:]
    endpoint = urlsplit(url)
    client = Client(Config(access_key_id=access_key, access_key_secret=secret, region_id=region,
                           endpoint=endpoint.netloc, protocol=endpoint.scheme))
    key, sep, value = tag.partition("=")
    if sep:
        client.tag_resources(models.TagResourcesRequest(
            region_id=region, resource_type="VPC", resource_id=[vpc_id],
            tag=[models.TagResourcesRequestTag(key=key, value=value)]))
    else:
        client.un_tag_resources(models.UnTagResourcesRequest(
            region_id=region, resource_type="VPC", resource_id=[vpc_id], tag_key=[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
