# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figure 1: what a task of the collection costs, next to ``ansible.builtin.ping``.

Two playbooks of 20 tasks on the implicit localhost, run alternately (the machine
is shared: compare within one sitting): 20 ``ansible.builtin.ping`` and 20
``alicloud.interconnect.cen_instance_info`` against the emulator. The figure is the
median per-task time of the second over that of the first, each taken over every
task of every run; the bench_timer callback times a task from its start to its result.
"""

import os
import statistics

from harness.ansible import run_playbook

TASKS = 20
INFO = "alicloud.interconnect.cen_instance_info"
PING = "ansible.builtin.ping"
ACCOUNT = {"uid": "1000000000000001", "access_keys": [{"id": "BENCHKEY", "secret": "bench-secret"}]}
SEED = {"accounts": [ACCOUNT]}


def write_playbooks(workdir, url):
    """The two playbooks, ping.yml and info.yml, in workdir."""
    ping = ["- name: %d tasks of %s" % (TASKS, PING), "  hosts: localhost", "  gather_facts: false", "  tasks:"]
    for number in range(1, TASKS + 1):
        ping += ["    - name: Ping %d" % number, "      %s:" % PING]
    info = ["- name: %d tasks of %s" % (TASKS, INFO), "  hosts: localhost", "  gather_facts: false",
            "  module_defaults:", "    group/alicloud.interconnect.all:",
            "      alicloud_access_key: %s" % ACCOUNT["access_keys"][0]["id"],
            "      alicloud_secret_key: %s" % ACCOUNT["access_keys"][0]["secret"],
            "      alicloud_region: cn-hangzhou", "      alicloud_endpoint: %s" % url, "  tasks:"]
    for number in range(1, TASKS + 1):
        info += ["    - name: List CENs %d" % number, "      %s:" % INFO]
    os.makedirs(workdir, exist_ok=True)
    paths = {}
    for name, lines in (("ping", ping), ("info", info)):
        paths[name] = os.path.join(workdir, name + ".yml")
        with open(paths[name], "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    return paths


def measure(emulator, workdir, runs=3):
    """Warm up once, then ``runs`` alternating pairs; the medians and their ratio."""
    paths = write_playbooks(workdir, emulator.url)
    seconds = {PING: [], INFO: []}
    for index in range(runs + 1):
        for name, action in (("ping", PING), ("info", INFO)):
            run = run_playbook(paths[name], workdir, label="%s-%d" % (name, index))
            found = run.seconds(action)
            if len(found) != TASKS:
                raise RuntimeError("%s: expected %d results of %s, got %d" % (paths[name], TASKS, action, len(found)))
            if index:
                seconds[action].extend(found)
    ping, info = statistics.median(seconds[PING]), statistics.median(seconds[INFO])
    return dict(ping=ping, info=info, ratio=info / ping, runs=runs)
