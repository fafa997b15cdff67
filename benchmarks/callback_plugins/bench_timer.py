# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A callback the benchmark harness enables to time tasks and count module invocations.

For every task result on every host it records the task's name, its resolved action,
the host, the status, how many loop items ran (each item is one invocation) and the
seconds from the task's start to that result. At the end of the playbook it writes
them as JSON to the file named by BENCH_TIMER_OUT.

With BENCH_EMULATOR_URL set, each record also has ``calls_after``: the sequence number of the
emulator's last call when the task started, so the calls of a task can be told from the call log.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time
import urllib.request

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._started = {}
        self._items = {}
        self._records = []
        self._emulator = os.environ.get("BENCH_EMULATOR_URL")
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self._last_seq = 0
        self._calls_after = {}

    def _emulator_last_seq(self):
        url = "%s/_emulator/calls?since=%d" % (self._emulator, self._last_seq)
        with self._opener.open(url, timeout=60) as response:
            calls = json.loads(response.read().decode("utf-8"))["calls"]
        if calls:
            self._last_seq = calls[-1]["seq"]
        return self._last_seq

    def v2_playbook_on_task_start(self, task, is_conditional):
        if self._emulator:
            self._calls_after[task._uuid] = self._emulator_last_seq()
        self._started[task._uuid] = time.perf_counter()

    v2_playbook_on_handler_task_start = v2_playbook_on_task_start

    def _count_item(self, result, ran):
        key = (result._task._uuid, result._host.get_name())
        self._items.setdefault(key, 0)
        if ran:
            self._items[key] += 1

    def v2_runner_item_on_ok(self, result):
        self._count_item(result, True)

    def v2_runner_item_on_failed(self, result):
        self._count_item(result, True)

    def v2_runner_item_on_skipped(self, result):
        self._count_item(result, False)

    def _record(self, result, status):
        task = result._task
        host = result._host.get_name()
        now = time.perf_counter()
        items = self._items.pop((task._uuid, host), None)
        if status == "skipped":
            invocations = 0
        else:
            invocations = 1 if items is None else items
        self._records.append(dict(
            task=task.get_name(),
            action=task.resolved_action or task.action,
            host=host,
            status=status,
            invocations=invocations,
            seconds=now - self._started.get(task._uuid, now),
        ))
        if self._emulator:
            self._records[-1]["calls_after"] = self._calls_after[task._uuid]

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get("BENCH_TIMER_OUT")
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(self._records, handle, indent=1)
