# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SDKs are imported when the controller imports the action door, before any worker forks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

from ansible_collections.alicloud.interconnect.plugins.module_utils.session import preload_sdks

SDK_CLIENTS = ["alibabacloud_cbn20170912.client", "alibabacloud_sts20150401.client",
               "alibabacloud_vpc20160428.client", "alibabacloud_vpcpeer20220101.client"]


def imported_after(statement):
    """The SDK client modules present in sys.modules of a fresh Python after running statement."""
    script = "%s\nimport json, sys\nprint(json.dumps(sorted(m for m in %r if m in sys.modules)))" % (statement, SDK_CLIENTS)
    environ = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", script], env=environ, check=True, stdout=subprocess.PIPE).stdout
    return json.loads(out.decode("utf-8").strip().splitlines()[-1])


def test_importing_the_action_door_loads_every_sdk():
    assert imported_after("import ansible_collections.alicloud.interconnect.plugins.module_utils.door") == []
    assert imported_after("import ansible_collections.alicloud.interconnect.plugins.plugin_utils.action") == SDK_CLIENTS


def test_preload_leaves_a_missing_sdk_to_the_first_call(monkeypatch):
    monkeypatch.setitem(sys.modules, "alibabacloud_vpc20160428.client", None)
    assert preload_sdks() == ["cbn", "sts", "vpcpeer"]
    assert preload_sdks(["vpcpeer"]) == ["vpcpeer"]
