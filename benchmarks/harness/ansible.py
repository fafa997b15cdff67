# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run ansible-playbook with the collection of this checkout and measure the run.

Each run reports its wall time, the peak RSS of the largest process of the run
(ansible-playbook, its forked workers and the module processes they start: the
kernel keeps the maximum over a process and its reaped descendants; LAUNCHER says
why a small launcher starts it) and, through
the bench_timer callback, every task result with its time and invocations.
"""

import json
import os
import subprocess
import sys
import time

from harness.emulator import direct_environ

BENCHMARKS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCHMARKS)
COLLECTION = "alicloud.interconnect"


# ansible-playbook is started by this small launcher, which reports the run's peak RSS: a process started
# straight from the harness would report the harness's own (Linux's exec keeps, in the new process's
# ru_maxrss, the high-water mark of the memory it was forked with), and the harness holds the emulator's
# state and call log: at 1000 VPCs several hundred MiB, none of it ansible-playbook's.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as handle:
    handle.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


class PlaybookFailed(RuntimeError):
    pass


class Run:
    """What one ansible-playbook run measured."""

    def __init__(self, wall, peak_rss_kib, records, output):
        self.wall = wall
        self.peak_rss_kib = peak_rss_kib
        self.records = records
        self.output = output

    def seconds(self, action):
        """Per-result seconds of the tasks whose resolved action is ``action``."""
        return [r["seconds"] for r in self.records if r["action"] == action]

    def invocations(self, prefix=COLLECTION + "."):
        """Module invocations (loop items counted one by one) of actions starting with ``prefix``."""
        return sum(r["invocations"] for r in self.records if r["action"].startswith(prefix))


def collections_path(workdir):
    """A collections tree whose alicloud.interconnect is a symlink to this checkout (made once)."""
    tree = os.path.join(workdir, "collections")
    link = os.path.join(tree, "ansible_collections", "alicloud", "interconnect")
    if os.path.realpath(link) != ROOT:
        os.makedirs(os.path.dirname(link), exist_ok=True)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(ROOT, link)
    return tree


def playbook_environ(workdir, extra=None):
    """The environment the harness runs ansible-playbook in: this checkout's collection, no proxies, quiet."""
    environ = direct_environ()
    environ.update(
        ANSIBLE_COLLECTIONS_PATH=collections_path(workdir),
        ANSIBLE_CALLBACK_PLUGINS=os.path.join(BENCHMARKS, "callback_plugins"),
        ANSIBLE_CALLBACKS_ENABLED="bench_timer",
        ANSIBLE_LOCALHOST_WARNING="False",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="False",
        ANSIBLE_NOCOLOR="True",
        ANSIBLE_RETRY_FILES_ENABLED="False",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
    )
    environ.pop("ANSIBLE_CONFIG", None)
    environ.update(extra or {})
    return environ


def run_playbook(playbook, workdir, inventory=None, extra_vars=None, forks=None, environ=None, label="run"):
    """Run ansible-playbook once from ``workdir``; raise PlaybookFailed (with its output) when it fails."""
    os.makedirs(workdir, exist_ok=True)
    records_path = os.path.join(workdir, "%s.tasks.json" % label)
    rss_path = os.path.join(workdir, "%s.maxrss" % label)
    log_path = os.path.join(workdir, "%s.log" % label)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), playbook]
    if inventory:
        command += ["-i", inventory]
    if forks:
        command += ["--forks", str(forks)]
    if extra_vars:
        vars_path = os.path.join(workdir, "%s.vars.json" % label)
        with open(vars_path, "w", encoding="utf-8") as handle:
            json.dump(extra_vars, handle)
        command += ["-e", "@" + vars_path]
    env = playbook_environ(workdir, environ)
    env["BENCH_TIMER_OUT"] = records_path
    if os.path.exists(records_path):
        os.remove(records_path)
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", LAUNCHER, rss_path] + command, cwd=workdir, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        process.wait()
        wall = time.perf_counter() - start
    with open(log_path, encoding="utf-8", errors="replace") as handle:
        output = handle.read()
    if process.returncode != 0:
        raise PlaybookFailed("%s failed (exit %d); log %s:\n%s" % (" ".join(command[:2]), process.returncode, log_path,
                                                                   output[-6000:]))
    with open(records_path, encoding="utf-8") as handle:
        records = json.load(handle)
    with open(rss_path, encoding="utf-8") as handle:
        peak_rss_kib = int(handle.read())
    return Run(wall, peak_rss_kib, records, output)
