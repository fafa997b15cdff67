# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writes every task result of a run to the JSON-lines file named by RELIABILITY_RESULTS.

The reliability suite reads it to find failed tasks, their modules and messages,
and (for the secrets case) everything a run returned. Ansible hands callbacks the
censored copy of a result, so what this writes is what any callback would see.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: recorder
type: aggregate
short_description: task results as JSON lines, for the reliability suite
description:
  - Appends one JSON object per task result to the file named by the environment variable RELIABILITY_RESULTS.
requirements:
  - enabled in callbacks_enabled
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "recorder"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._path = os.environ.get("RELIABILITY_RESULTS")
        self._started = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started[task._uuid] = time.monotonic()

    def _write(self, result, status, ignored=False):
        if not self._path:
            return
        task = result._task
        started = self._started.get(task._uuid)
        record = dict(
            task=task.get_name(),
            action=task.action,
            host=result._host.get_name(),
            status=status,
            ignored=bool(ignored),
            seconds=None if started is None else round(time.monotonic() - started, 3),
            result=result._result,
        )
        with open(self._path, "a") as stream:
            stream.write(json.dumps(record, default=str, sort_keys=True) + "\n")

    def v2_runner_on_ok(self, result):
        self._write(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write(result, "failed", ignore_errors)

    def v2_runner_on_skipped(self, result):
        self._write(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._write(result, "unreachable")
