# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench: measure the eight figures of docs/performance.md and print them with their targets.

    python benchmarks/bench.py                 every figure
    python benchmarks/bench.py --figure 1 4    some of them
    python benchmarks/bench.py --figure 3 --vpcs 1000 --accounts 50 --regions 10 --edition enterprise

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

from harness import (  # noqa: E402  pylint: disable=wrong-import-position
    economy, inventory, pace, pertask, scale, throughput, topology)
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


def figure_2(workdir, args):
    reference = topology.Reference()
    with Emulator(reference.seed(), os.path.join(workdir, "emulator"), transition_seconds=0.2) as emulator:
        phases = economy.run_phases(emulator, REFERENCE, workdir, [
            ("converge", reference.playbook_vars("present")),
            ("rerun", reference.playbook_vars("present")),
            ("teardown", reference.playbook_vars("absent")),
        ])
    first, second, third, managed = economy.judge(*phases)
    what = "API economy (%d accounts, %d regions, %d VPCs)" % (
        len(reference.accounts), len(reference.regions), len(reference.vpcs))
    return [
        Row(2, what + ": converge", first[1], "1 per resource/step", first[0]),
        Row(2, "  re-run (%d managed resources)" % managed, second[1], "0 writes, <= 2 reads", second[0]),
        Row(2, "  teardown", third[1], "0 left", third[0]),
    ]


def scale_regions(count):
    """The first ``count`` regions of the scale rollouts."""
    if not 1 <= count <= len(topology.SCALE_REGIONS_10):
        raise SystemExit("--regions: 1 to %d, not %d" % (len(topology.SCALE_REGIONS_10), count))
    return topology.SCALE_REGIONS_10[:count]


def scale_rows(number, found, converge_limit, rerun_limit, teardown=False):
    """The rows of a scale rollout (scale.measure): converge, re-run, [teardown,] peak RSS, invocations."""
    what = "%s rollout of %d VPCs (%d accounts, %d regions)" % (
        found["edition"].capitalize(), found["vpcs"], found["accounts"], found["regions"])
    growth = (found["invocations"] - found["small_invocations"]) / float(found["vpcs"] - found["small_vpcs"])
    rows = [
        Row(number, what + ": converge", "%.0f s" % found["converge"], "<= %g s" % converge_limit,
            found["converge"] <= converge_limit),
        Row(number, "  re-run", "%.0f s, %d writes" % (found["rerun"], found["rerun_writes"]),
            "<= %g s, 0 writes" % rerun_limit, found["rerun"] <= rerun_limit and found["rerun_writes"] == 0),
    ]
    if teardown:
        rows.append(Row(number, "  teardown", "%.0f s" % found["teardown"], "<= converge (%.0f s)" % found["converge"],
                        found["teardown"] <= found["converge"]))
    rows += [
        Row(number, "  peak RSS of the largest process", "%.0f MiB" % found["peak_rss_mib"], "<= 300 MiB",
            found["peak_rss_mib"] <= 300),
        Row(number, "  module invocations (converge, re-run)",
            "%d, %d (%d for %d VPCs)" % (found["invocations"], found["rerun_invocations"], found["small_invocations"],
                                         found["small_vpcs"]),
            "< 1 more per VPC", growth < 1),
    ]
    return rows


def figure_3(workdir, args):
    found = scale.measure(workdir, vpcs=args.vpcs, accounts=args.accounts, regions=scale_regions(args.regions),
                          edition=args.edition)
    return scale_rows(3, found, 120, 30)


def figure_4(workdir, args):
    key = (pertask.ACCOUNT["access_keys"][0]["id"], pertask.ACCOUNT["access_keys"][0]["secret"])
    with Emulator(pertask.SEED, os.path.join(workdir, "emulator")) as emulator:
        found = throughput.measure(emulator, key, seconds=args.seconds)
    measured = "%d calls/s (%d in %g s)" % (found["rate"], found["calls"], found["seconds"])
    if found["server_ms_per_call"] is not None:
        measured += ", emulator CPU %.2f ms/call" % found["server_ms_per_call"]
    return [Row(4, "emulator throughput, %d SDK clients" % found["clients"], measured, ">= 500 calls/s",
                found["rate"] >= 500)]


def figure_5(workdir, args):
    rows = []
    for found in pace.measure(workdir, transition_seconds=args.transition_seconds):
        measured = "%.0f s; critical path %.0f s (%d of %d transitions), %.0f s at %g s" % (
            found["slow"], found["critical"], found["chain"], found["transitions"], found["fast"], pace.FAST)
        rows.append(Row(5, "at %g s transitions: %s" % (args.transition_seconds, found["label"]), measured,
                        "<= %.0f s (1.15 x path + fast)" % found["bound"], found["ok"]))
    return rows


# Figure 7: the Enterprise rollout must take at most this share of the Basic one's time at 3 s transitions.
PARALLEL_RATIO = 0.8


def figure_7(workdir, args):
    walls = {}
    for edition in topology.EDITIONS:
        # A Basic CEN's 200 attaches, one at a time, take longer than the role's default wait_timeout (600 s) at 3 s
        world = topology.Scale(200, 10, topology.SCALE_REGIONS, edition, wait_timeout=3600)
        (run,) = scale.converge(world, os.path.join(workdir, edition), rerun=False,
                                transition_seconds=args.transition_seconds)
        walls[edition] = run.run.wall
    ratio = walls["enterprise"] / walls["basic"]
    measured = "Basic %.0f s, Enterprise %.0f s: %.2f" % (walls["basic"], walls["enterprise"], ratio)
    return [Row(7, "at %g s transitions: rollout of 200 VPCs (10 accounts, 6 regions), Enterprise / Basic"
                % args.transition_seconds, measured, "<= %g" % PARALLEL_RATIO, ratio <= PARALLEL_RATIO)]


# Figure 8: 1,000 VPCs in 50 accounts over 10 regions at 0.1 s transitions; converge limits by edition
SCALE_CONVERGE_LIMITS = {"basic": 200, "enterprise": 60}


def figure_8(workdir, args):
    rows = []
    for edition in topology.EDITIONS:
        found = scale.measure(os.path.join(workdir, edition), vpcs=1000, accounts=50,
                              regions=topology.SCALE_REGIONS_10, edition=edition, transition_seconds=0.1,
                              teardown=True)
        rows += scale_rows(8, found, SCALE_CONVERGE_LIMITS[edition], 10, teardown=True)
    return rows


def figure_6(workdir, args):
    found = inventory.measure(workdir)
    what = "inventory plugin vpcs: %d VPCs (%d accounts, %d regions)" % (found["vpcs"], found["accounts"],
                                                                         found["regions"])
    measured = "%.1f s, %d hosts" % (found["seconds"], found["hosts"])
    return [Row(6, what, measured, "<= 30 s, every VPC", found["seconds"] <= 30 and found["hosts"] == found["vpcs"])]


FIGURES = {1: figure_1, 2: figure_2, 3: figure_3, 4: figure_4, 5: figure_5, 6: figure_6, 7: figure_7, 8: figure_8}
REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.yml")


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
    lines = [("#", "figure", "measured", "target", "result")]
    lines += [(str(r.figure), r.what, r.measured, r.target, "PASS" if r.ok else "FAIL") for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths + [0])).rstrip())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--figure", type=int, nargs="+", choices=sorted(FIGURES), default=sorted(FIGURES),
                        help="the figures to measure (default: all)")
    parser.add_argument("--workdir", default=os.path.join(ROOT, ".tmp", "bench"),
                        help="where logs, playbooks and inventories go (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="figure 1: alternating runs of each playbook (default: 3)")
    parser.add_argument("--vpcs", type=int, default=200, help="figure 3: VPCs of the rollout (default: 200)")
    parser.add_argument("--accounts", type=int, default=10, help="figure 3: accounts of the rollout (default: 10)")
    parser.add_argument("--regions", type=int, default=6,
                        help="figure 3: regions of the rollout, 1 to 10 (default: 6)")
    parser.add_argument("--edition", choices=topology.EDITIONS, default="basic",
                        help="figure 3: the CEN's edition (default: basic)")
    parser.add_argument("--seconds", type=float, default=5.0, help="figure 4: seconds of calls (default: 5)")
    parser.add_argument("--transition-seconds", type=float, default=3.0,
                        help="figures 5 and 7: the emulator's transition time of the slow runs (default: 3)")
    parser.add_argument("--write-scale", metavar="DIR",
                        help="only write figure 3's emulator seed, inventory and accounts (extra vars) to DIR")
    args = parser.parse_args(argv)
    if args.write_scale:
        world = topology.Scale(args.vpcs, args.accounts, scale_regions(args.regions), args.edition)
        for path in sorted(world.write(args.write_scale).values()):
            print(path)
        return 0
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
