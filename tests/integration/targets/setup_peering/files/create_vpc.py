# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Create a VPC through the official SDK (the collection has no VPC module) and wait until it is Available,
then its vSwitches, if any are asked for.

Usage: create_vpc.py ENDPOINT ACCESS_KEY SECRET_KEY REGION CIDR NAME [ZONE:VSWITCH_CIDR ...]; prints the VPC id.
The keys come from the environment variables ACCESS_KEY and SECRET_KEY when the arguments are "-".
"""

import os
import sys
import time

from alibabacloud_tea_openapi.models import Config
from alibabacloud_vpc20160428 import models
from alibabacloud_vpc20160428.client import Client


def vpc_status(client, region, vpc_id):
    vpcs = client.describe_vpcs(models.DescribeVpcsRequest(region_id=region, vpc_id=vpc_id)).body.vpcs.vpc
    return vpcs[0].status if vpcs else None


def vswitch_status(client, region, vsw_id):
    request = models.DescribeVSwitchAttributesRequest(region_id=region, v_switch_id=vsw_id)
    return client.describe_vswitch_attributes(request).body.status


def available(status, client, region, resource_id):
    """Wait until ``status(client, region, resource_id)`` says Available; False (and a message) after 10 s."""
    for _attempt in range(100):
        if status(client, region, resource_id) == "Available":
            return True
        time.sleep(0.1)
    sys.stderr.write("%s did not become Available\n" % resource_id)
    return False


def main(endpoint, access_key, secret_key, region, cidr, name, *vswitches):
    scheme, _sep, host = endpoint.partition("://")
    client = Client(Config(access_key_id=access_key, access_key_secret=secret_key, region_id=region, endpoint=host,
                           protocol=scheme))
    vpc_id = client.create_vpc(models.CreateVpcRequest(region_id=region, cidr_block=cidr, vpc_name=name)).body.vpc_id
    if not available(vpc_status, client, region, vpc_id):
        return 1
    for vswitch in vswitches:
        zone, _sep, vswitch_cidr = vswitch.partition(":")
        request = models.CreateVSwitchRequest(region_id=region, vpc_id=vpc_id, zone_id=zone, cidr_block=vswitch_cidr)
        if not available(vswitch_status, client, region, client.create_vswitch(request).body.v_switch_id):
            return 1
    print(vpc_id)
    return 0


if __name__ == "__main__":
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        os.environ.pop(name, None)
    args = sys.argv[1:]
    args[1] = os.environ["ACCESS_KEY"] if args[1] == "-" else args[1]
    args[2] = os.environ["SECRET_KEY"] if args[2] == "-" else args[2]
    sys.exit(main(*args))
