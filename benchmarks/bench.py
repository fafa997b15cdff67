# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench: measure the four figures of docs/performance.md and print them with their targets.

    python benchmarks/bench.py                 every figure
    python benchmarks/bench.py --figure 1 4    some of them

Each figure starts the emulator it needs (a fresh one) on a free loopback port.
The table has the same rows every run; a figure that misses its target says FAIL
and the command exits 1. Logs, playbooks and call counts are kept in --workdir.
"""

import argparse
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import pertask, throughput  # noqa: E402  pylint: disable=wrong-import-position
from harness.ansible import ROOT  # noqa: E402  pylint: disable=wrong-import-position
from harness.emulator import Emulator  # noqa: E402  pylint: disable=wrong-import-position


class Row:
    """One line of the table: what, the measured value, the target, and whether it is met."""

    def __init__(self, figure, what, measured, target, ok):
        self.figure, self.what, self.measured, self.target, self.ok = figure, what, measured, target, ok


def figure_1(workdir, args):
    with Emulator(pertask.SEED, os.path.join(workdir, "emulator")) as emulator:
        found = pertask.measure(emulator, workdir, runs=args.runs)
    measured = "%.2fx (%.3f s / %.3f s)" % (found["ratio"], found["info"], found["ping"])
    return [Row(1, "per-task cost: cen_instance_info / ping", measured, "<= 1.5x", found["ratio"] <= 1.5)]


def figure_4(workdir, args):
    key = (pertask.ACCOUNT["access_keys"][0]["id"], pertask.ACCOUNT["access_keys"][0]["secret"])
    with Emulator(pertask.SEED, os.path.join(workdir, "emulator")) as emulator:
        found = throughput.measure(emulator, key, seconds=args.seconds)
    measured = "%d calls/s (%d in %g s)" % (found["rate"], found["calls"], found["seconds"])
    return [Row(4, "emulator throughput, %d SDK clients" % found["clients"], measured, ">= 500 calls/s",
                found["rate"] >= 500)]


FIGURES = {1: figure_1, 4: figure_4}


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    load = " load %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return "%s, %d cores (%s),%s Python %s" % (platform.system(), os.cpu_count() or 0, cpu, load,
                                               platform.python_version())


def print_table(rows):
    print("%-3s %-44s %-40s %-16s %s" % ("#", "figure", "measured", "target", "result"))
    for row in rows:
        print("%-3s %-44s %-40s %-16s %s" % (row.figure, row.what, row.measured, row.target,
                                             "PASS" if row.ok else "FAIL"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--figure", type=int, nargs="+", choices=sorted(FIGURES), default=sorted(FIGURES),
                        help="the figures to measure (default: all)")
    parser.add_argument("--workdir", default=os.path.join(ROOT, ".tmp", "bench"),
                        help="where logs, playbooks and inventories go (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="figure 1: alternating runs of each playbook (default: 3)")
    parser.add_argument("--seconds", type=float, default=5.0, help="figure 4: seconds of calls (default: 5)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    print("bench: %s" % machine(), flush=True)
    rows = []
    for number in args.figure:
        begun = time.monotonic()
        rows.extend(FIGURES[number](os.path.join(args.workdir, "figure-%d" % number), args))
        print("bench: figure %d measured in %.0f s" % (number, time.monotonic() - begun), flush=True)
    print()
    print_table(rows)
    print("\nbench: %.0f s in all; logs in %s" % (time.monotonic() - started, args.workdir))
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
