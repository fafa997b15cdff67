# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""emulator_faults: put fault rules in force in the emulator at ALICLOUD_ENDPOINT, from a play.

    - name: Make CEN transitions stuck
      emulator_faults:
        rules: [{fault: stuck, resource: cen}]

It posts ``rules`` to ``/_emulator/faults`` from the controller (no module process), so a
playbook of the reliability suite can switch faults between two steps for a fraction of
what an ``ansible.builtin.uri`` task costs. ``rules: []`` clears them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from urllib.request import Request, build_opener, ProxyHandler

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("rules",))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        rules = self._task.args.get("rules")
        if not isinstance(rules, list):
            return dict(result, failed=True, msg="rules must be a list of fault rules")
        url = os.environ["ALICLOUD_ENDPOINT"].rstrip("/") + "/_emulator/faults"
        request = Request(url, data=json.dumps(rules).encode("utf-8"), method="POST")
        with build_opener(ProxyHandler({})).open(request, timeout=30) as answer:
            in_force = json.loads(answer.read().decode("utf-8"))["rules"]
        return dict(result, changed=True, rules=in_force)
