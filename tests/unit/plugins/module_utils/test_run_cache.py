# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The run cache: reads the tasks of one playbook run share (module_utils/run_cache.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import Credentials
from ansible_collections.alicloud.interconnect.plugins.module_utils.run_cache import RunCache
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import get_vpc

VPC = {"VpcId": "vpc-1", "VRouterId": "vrt-1", "CidrBlock": "10.0.0.0/16"}


def task(cloud, keys, cache, **kwargs):
    """A task's Session: each task of a run builds its own."""
    return Session(keys, region="cn-hangzhou", client_factory=cloud.factory, cache=cache, **kwargs)


def test_the_tasks_of_a_run_ask_sts_and_read_a_vpc_once(cloud, keys, tmp_path):
    cache = RunCache(str(tmp_path), os.urandom(32))
    cloud.respond("GetCallerIdentity", {"AccountId": "1000000000000001"})
    cloud.respond("DescribeVpcs", {"Vpcs": {"Vpc": [VPC]}, "TotalCount": 1})
    for _task in range(3):
        session = task(cloud, keys, cache)
        assert session.account_id() == "1000000000000001"
        assert get_vpc(session, "cn-hangzhou", "vpc-1")["VRouterId"] == "vrt-1"
    assert cloud.operations() == ["GetCallerIdentity", "DescribeVpcs"]


def test_other_credentials_an_endpoint_a_vpc_not_found_or_no_cache_read_again(cloud, keys, tmp_path):
    cache = RunCache(str(tmp_path), os.urandom(32))
    cloud.respond("GetCallerIdentity", {"AccountId": "1"})
    cloud.respond("DescribeVpcs", {"Vpcs": {"Vpc": []}, "TotalCount": 0})
    task(cloud, keys, cache).account_id()
    task(cloud, Credentials("AKID", "ANOTHER-SECRET"), cache).account_id()
    task(cloud, keys, cache, endpoint="127.0.0.1:1").account_id()
    task(cloud, keys, None).account_id()
    assert get_vpc(task(cloud, keys, cache), "cn-hangzhou", "vpc-9") is None
    assert get_vpc(task(cloud, keys, cache), "cn-hangzhou", "vpc-9") is None
    assert cloud.operations() == ["GetCallerIdentity"] * 4 + ["DescribeVpcs"] * 2


def test_no_secret_lands_on_disk_and_another_run_reads_nothing(cloud, keys, tmp_path):
    cache = RunCache(str(tmp_path), os.urandom(32))
    cloud.respond("GetCallerIdentity", {"AccountId": "1000000000000001"})
    task(cloud, keys, cache).account_id()
    names = os.listdir(str(tmp_path))
    text = "".join(names) + "".join(open(os.path.join(str(tmp_path), name)).read() for name in names)
    assert names and "SECRET-VALUE" not in text and "AKID" not in text
    assert RunCache(str(tmp_path), os.urandom(32)).get([keys.access_key_id], "identity") is None
    task(cloud, keys, RunCache(str(tmp_path), os.urandom(32))).account_id()
    assert cloud.operations() == ["GetCallerIdentity"] * 2


def test_a_vpc_that_vpc_info_found_is_not_read_again(cloud, keys, tmp_path):
    from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import vpc_info
    cache = RunCache(str(tmp_path), os.urandom(32))
    cloud.respond("DescribeVpcs", {"Vpcs": {"Vpc": [VPC]}, "TotalCount": 1})
    vpc_info(task(cloud, keys, cache), dict(vpc_ids=["vpc-1"]), False)
    assert get_vpc(task(cloud, keys, cache), "cn-hangzhou", "vpc-1")["CidrBlock"] == "10.0.0.0/16"
    assert cloud.operations() == ["DescribeVpcs"]
