# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figure 6: the inventory plugin alicloud.interconnect.vpcs loading many VPCs of many accounts and regions.

One ``ansible-inventory --list`` of a source that lists every account (its keys) and region of a
generated world (topology.spread), against a fresh emulator; timed from start to exit.
"""

import json
import os
import subprocess
import sys
import time

import yaml

from harness import topology
from harness.ansible import playbook_environ
from harness.emulator import Emulator

INVENTORY_REGIONS = ("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-hongkong", "ap-southeast-1",
                     "us-west-1", "us-east-1", "eu-central-1", "eu-west-1")


def source(accounts, regions):
    """The inventory source of the world: every account by its keys, every region."""
    return dict(plugin="alicloud.interconnect.vpcs", regions=list(regions),
                accounts=[dict(name=a["label"], access_key=a["access_key"], secret_key=a["secret_key"])
                          for a in accounts],
                hostnames=["network_name"], keyed_groups=[dict(key="network_account", prefix="account")])


def measure(workdir, vpcs=1000, accounts=50, regions=INVENTORY_REGIONS):
    """Wall time of one ``ansible-inventory --list``, and how many hosts it listed."""
    members = [topology.account(i) for i in range(1, accounts + 1)]
    world = topology.spread(vpcs, members, regions)
    os.makedirs(workdir, exist_ok=True)
    path = os.path.join(workdir, "vpcs.alicloud.yml")
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(source(members, regions), handle, sort_keys=False)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", path, "--list"]
    with Emulator(topology.seed(members, world), os.path.join(workdir, "emulator")) as emulator:
        environ = playbook_environ(workdir, dict(ALICLOUD_ENDPOINT=emulator.url,
                                                 ANSIBLE_INVENTORY_UNPARSED_FAILED="True"))
        start = time.perf_counter()
        done = subprocess.run(command, cwd=workdir, env=environ, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError("ansible-inventory failed (exit %d):\n%s" % (done.returncode, done.stderr[-6000:]))
    hosts = json.loads(done.stdout)["_meta"]["hostvars"]
    return dict(seconds=wall, hosts=len(hosts), vpcs=vpcs, accounts=accounts, regions=len(regions),
                warnings=[line for line in done.stderr.splitlines() if "WARNING" in line])
