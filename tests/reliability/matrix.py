"""The seeded fault matrix: every scenario playbook under many mixes of faults (docs/reliability.md).

A *cell* is one playbook under one seed, on an emulator of the demo world of its own:

1. the seed's fault mix (:func:`fault_mix`) is put in force: latency, throttling, 5xx and
   answers lost after the write committed, each at a rate the seed draws from 5 to 35 %;
2. the playbook converges: no failed task;
3. it runs again under the same faults: ``changed=0`` and no write call at all;
4. the emulator's state has the shape of a fault-free run of the same playbook (its
   *reference*, built once per matrix on a fresh emulator): no second CEN, package,
   interface, connection, transit router or attachment, nothing missing;
5. the playbook again with ``interconnect_state=absent``, still under the faults, leaves
   the seed.

The ``teardown`` row builds every scenario without faults, then runs
``playbooks/teardown.yml`` under the seed's faults (steps 2 and 3); what is left must be
the seed.

Cells run ``--jobs`` at a time, each worker on its own emulator process. The table says,
per playbook and seed, the faults that fired by kind (throttled, 5xx and lost answers
counted from ``/_emulator/calls``; latency, which the call log does not show, from the
rule's ``fired`` count in ``/_emulator/faults``), the outcome and the time::

    python tests/reliability/matrix.py                      20 seeds of every playbook
    python tests/reliability/matrix.py --seeds 3 --playbooks s1,rollout --jobs 1
    python tests/reliability/matrix.py --seed-list 7,11 --json matrix.json

``make reliability-matrix`` runs the first form; ``test_matrix.py`` runs a fixed short
set as part of ``make reliability`` and ``make test``. The exit status is 1 when a cell
failed.
"""

import argparse
import json
import os
import random
import re
import sys
import tempfile
import threading
import time

import harness

TRANSITION_SECONDS = 0.1
RUN_TIMEOUT = 600  # one ansible-playbook run of a cell
LOWEST_RATE, HIGHEST_RATE = 0.05, 0.35
KINDS = ("throttled", "5xx", "latency", "lost")
TEARDOWN = "teardown"


def fault_mix(seed):
    """The rules of a seed. The emulator tries them in order for each call: a call that a latency rule
    slowed can still be throttled; a throttled call is not also answered 5xx; only a write that ran can
    lose its answer. A 5xx and a lost answer hit each distinct request at most once (``once``), as a
    real outage would not hit every retry of it; throttling may hit a request again and again."""
    rng = random.Random(seed)

    def rate():
        return round(rng.uniform(LOWEST_RATE, HIGHEST_RATE), 2)

    return [
        {"fault": "latency", "rate": rate(), "seconds": round(rng.uniform(0.05, 0.3), 2)},
        {"fault": "throttle", "rate": rate(), "retry_after_ms": rng.choice((100, 200, 500))},
        {"fault": rng.choice(("internal_error", "unavailable")), "rate": rate(), "once": True},
        {"fault": "drop_after_commit", "rate": rate(), "once": True},
    ]


def describe_mix(seed):
    rules = fault_mix(seed)
    return "latency %d %% (%s s), throttled %d %% (retry after %d ms), %s %d %%, lost answers %d %%" % (
        round(rules[0]["rate"] * 100), rules[0]["seconds"], round(rules[1]["rate"] * 100), rules[1]["retry_after_ms"],
        rules[2]["fault"], round(rules[2]["rate"] * 100), round(rules[3]["rate"] * 100))


def playbooks():
    """Short names of the scenario playbooks (s1_..., then e1_...), the rollout and the teardown."""
    names = [name[:-4] for name in os.listdir(harness.PLAYBOOKS) if re.match(r"[se]\d+_.*\.yml$", name)]
    return sorted(names, key=lambda name: (name[0] != "s", name)) + [os.path.basename(harness.ROLLOUT)[:-4],
                                                                     TEARDOWN]


def select(wanted):
    """The playbooks named (or started, as ``s1`` for ``s1_same_region``) in a comma-separated list."""
    every = playbooks()
    chosen = []
    for word in wanted.split(","):
        found = [name for name in every if name == word or name.startswith(word + "_")]
        if len(found) != 1:
            raise SystemExit("--playbooks: %r names %s; the playbooks are %s" % (
                word, "nothing" if not found else "several", ", ".join(every)))
        chosen += found
    return chosen


def spec_of(name, **options):
    """The run_many spec of a playbook (the demo inventory, which the rollout and the teardown need)."""
    path = harness.TEARDOWN if name == TEARDOWN else os.path.join(harness.PLAYBOOKS, name + ".yml")
    return dict(options, playbook=path, label=name, inventory=harness.DEMO_INVENTORY)


class CellFailed(Exception):
    """A step of a cell did not hold: the outcome (a short text) and the details."""

    def __init__(self, outcome, details):
        Exception.__init__(self, outcome)
        self.outcome = outcome
        self.details = details


class Worker(object):
    """One emulator process of the demo world and the playbook runs against it."""

    def __init__(self, scratch):
        self.emulator = harness.Emulator(harness.DEMO_SEED, os.path.join(scratch, "emulator"), TRANSITION_SECONDS)
        self.scratch = scratch
        self.ansible = None
        self.stable = harness.seed_ids(harness.load_yaml(harness.DEMO_SEED))

    def start(self):
        self.emulator.start()
        self.ansible = harness.Ansible(os.path.join(self.scratch, "runs"), self.emulator)
        return self

    def shape(self):
        return harness.shape(self.emulator.settled_state(), self.stable)

    def fresh(self, seed=None):
        """Back to the demo world's seed; with ``seed``, that seed's faults in force."""
        self.emulator.reset()
        if seed is not None:
            self.emulator.set_faults(fault_mix(seed), seed=seed)

    def converge(self, step, spec):
        run = self.ansible.run_many([spec], timeout=RUN_TIMEOUT)[0]
        if run.killed or run.rc != 0 or run.failed:
            raise CellFailed(step + " failed" + _failed_call(run), harness.explain(run, self.emulator))
        return run

    def reference(self, name):
        """The shape a fault-free run of the playbook leaves (the seed for the teardown)."""
        self.fresh()
        if name != TEARDOWN:
            self.converge("fault-free run", spec_of(name))
        return self.shape()

    def cell(self, name, seed, expected, seed_shape):
        """Run one cell; returns its row of the table."""
        started = time.monotonic()
        outcome, details = "ok", ""
        try:
            self.fresh()
            if name == TEARDOWN:
                for run in self.ansible.run_many([spec_of(n) for n in playbooks()[:-1]], timeout=RUN_TIMEOUT):
                    if run.rc != 0 or run.failed:
                        raise CellFailed("fault-free build failed", harness.explain(run, self.emulator))
            self.emulator.set_faults(fault_mix(seed), seed=seed)
            self.converge("converge", spec_of(name))
            again = self.converge("re-run", spec_of(name))
            writes = [c for c in self.emulator.calls(writes=True, since=again.first_seq) if c["seq"] <= again.last_seq]
            changed = again.recap().get("changed", 0)
            if changed or writes:
                raise CellFailed("re-run changed %d, wrote %d" % (changed, len(writes)),
                                 harness.explain(again, self.emulator) + "\n  writes: " +
                                 ", ".join(sorted(set(c["action"] for c in writes))))
            _compare(expected, self.shape(), "state differs from the fault-free run")
            if name != TEARDOWN:
                self.converge("teardown", spec_of(name, extra_vars={"interconnect_state": "absent"}))
                _compare(seed_shape, self.shape(), "teardown left")
        except CellFailed as failure:
            outcome, details = failure.outcome, failure.details
        except harness.CaseTimeout as err:
            outcome, details = "timed out", str(err)
        return dict(playbook=name, seed=seed, outcome=outcome, details=details,
                    seconds=round(time.monotonic() - started, 1), faults=self.fired())

    def fired(self):
        """The faults that fired since the last reset, by kind."""
        calls = self.emulator.calls()
        latency = sum(rule["fired"] for rule in self.emulator.faults() if rule["fault"] == "latency")
        return {"throttled": sum(1 for c in calls if c["outcome"].startswith("Throttling")),
                "5xx": sum(1 for c in calls if (c.get("status") or 0) >= 500),
                "latency": latency,
                "lost": sum(1 for c in calls if c.get("dropped"))}


def _failed_call(run):
    """': <module> <API code>' of the first failed task, for the table."""
    for result in run.failed:
        body = result["result"]
        code = body.get("code") or ""
        return ": %s%s" % (result["action"].split(".")[-1], " " + code if code else "")
    return ": rc %s" % run.rc


def _compare(expected, actual, what):
    diff = harness.shape_diff(expected, actual)
    if diff:
        extra, missing = sum((actual - expected).values()), sum((expected - actual).values())
        raise CellFailed("%s (%d extra, %d missing)" % (what, extra, missing), diff)


def run_matrix(cells, jobs, scratch, progress=None):
    """Run ``cells`` (``(playbook, seed)`` pairs); returns their rows, by playbook then seed.

    ``jobs`` workers, each with its own emulator; ``progress(row)`` is called as each cell ends. A
    reference run that fails raises :class:`CellFailed` (the matrix means nothing without it)."""
    names = sorted(set(name for name, _seed in cells), key=[name for name, _seed in cells].index)
    tasks = [("reference", name, None) for name in names] + [("cell", name, seed) for name, seed in cells]
    lock = threading.Lock()
    references, rows, errors = {}, [], []
    stop = threading.Event()
    ready = threading.Condition(lock)
    workers = [Worker(os.path.join(scratch, "worker-%d" % index)) for index in range(max(1, min(jobs, len(tasks))))]

    def take():
        with lock:
            return tasks.pop(0) if tasks and not stop.is_set() else None

    def work(worker):
        try:
            worker.start()
            seed_shape = worker.reference(TEARDOWN)
            while True:
                task = take()
                if task is None:
                    return
                kind, name, seed = task
                if kind == "reference":
                    shape = worker.reference(name)
                    with ready:
                        references[name] = shape
                        ready.notify_all()
                    continue
                with ready:
                    while name not in references and not stop.is_set():
                        ready.wait(1)
                    expected = references.get(name)
                if expected is None:
                    return
                row = worker.cell(name, seed, expected, seed_shape)
                with lock:
                    rows.append(row)
                if progress is not None:
                    progress(row)
        except Exception as err:  # a reference that failed, an emulator that would not start
            errors.append(err)
            stop.set()
        finally:
            worker.emulator.stop()

    threads = [threading.Thread(target=work, args=(worker,), daemon=True) for worker in workers]
    for thread in threads:
        thread.start()
    try:
        while any(thread.is_alive() for thread in threads):
            for thread in threads:
                thread.join(0.5)
    except BaseException:  # the caller's time limit: stop the workers and their emulators
        stop.set()
        for worker in workers:
            worker.emulator.kill()
        raise
    if errors:
        raise errors[0]
    order = dict((name, index) for index, name in enumerate(names))
    return sorted(rows, key=lambda row: (order[row["playbook"]], row["seed"]))


TABLE_HEAD = "%-32s %5s %9s %5s %7s %5s %8s  %s" % (("playbook", "seed") + KINDS + ("seconds", "outcome"))


def table_row(row):
    return "%-32s %5d %9d %5d %7d %5d %8.1f  %s" % (
        (row["playbook"], row["seed"]) + tuple(row["faults"][kind] for kind in KINDS)
        + (row["seconds"], row["outcome"]))


def table(rows):
    """The matrix as text: playbook x seed -> faults fired by kind, seconds, outcome."""
    return "\n".join([TABLE_HEAD, "-" * len(TABLE_HEAD)] + [table_row(row) for row in rows])


def summary(rows):
    """Per playbook: cells, ok, faults fired by kind in all, the longest cell."""
    lines = ["%-32s %5s %4s %9s %5s %7s %5s %8s" % (("playbook", "cells", "ok") + KINDS + ("longest",))]
    for name in sorted(set(r["playbook"] for r in rows), key=[r["playbook"] for r in rows].index):
        mine = [r for r in rows if r["playbook"] == name]
        lines.append("%-32s %5d %4d %9d %5d %7d %5d %8.1f" % (
            (name, len(mine), sum(1 for r in mine if r["outcome"] == "ok"))
            + tuple(sum(r["faults"][kind] for r in mine) for kind in KINDS) + (max(r["seconds"] for r in mine),)))
    return "\n".join(lines)


def failures(rows, size=3000):
    """The details of every cell that failed."""
    return "\n\n".join("%s, seed %d: %s\n%s" % (r["playbook"], r["seed"], r["outcome"], r["details"][-size:])
                       for r in rows if r["outcome"] != "ok")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds 1..N (default: %(default)s)")
    parser.add_argument("--seed-list", help="these seeds instead, comma-separated")
    parser.add_argument("--playbooks", help="comma-separated names or prefixes (s1, rollout, teardown); default: all")
    parser.add_argument("--jobs", type=int, default=4, help="cells at a time, one emulator each (default: %(default)s)")
    parser.add_argument("--json", help="write the rows (with the details of failures) to this file")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seed_list.split(",")] if args.seed_list else list(range(1, args.seeds + 1))
    names = select(args.playbooks) if args.playbooks else playbooks()
    print("matrix: %d playbooks x %d seeds, %d at a time" % (len(names), len(seeds), args.jobs), flush=True)
    for seed in seeds:
        print("  seed %d: %s" % (seed, describe_mix(seed)), flush=True)
    print("cells as they end (seed by seed, so that a run cut short has tried every playbook):\n" + TABLE_HEAD,
          flush=True)
    started = time.monotonic()

    def progress(row):
        print(table_row(row), flush=True)
        if row["outcome"] != "ok":
            print(failures([row], 1500), flush=True)

    with tempfile.TemporaryDirectory(prefix="matrix-") as scratch:
        rows = run_matrix([(name, seed) for seed in seeds for name in names], args.jobs, scratch, progress)
    print("\n" + table(rows) + "\n\n" + summary(rows))
    failed = [r for r in rows if r["outcome"] != "ok"]
    took = time.monotonic() - started
    print("\n%d cells, %d ok, %d failed, %.0f s" % (len(rows), len(rows) - len(failed), len(failed), took))
    if failed:
        print("\n" + failures(failed))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as stream:
            json.dump(dict(seeds={str(s): fault_mix(s) for s in seeds}, rows=rows), stream, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
