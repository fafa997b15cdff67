# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figure 5: converge at the cloud's pace.

Each topology - the Basic reference (benchmarks/reference.yml), the Enterprise reference
(benchmarks/enterprise.yml) and a 60-VPC rollout (playbooks/rollout.yml, one VPC per account and
region) - is converged twice, each time on a fresh emulator: with transitions of 0.1 s, where waiting
costs next to nothing (the run's own work), and with slow transitions (3 s by default). The emulator
reports the slow run's critical path (``/_emulator/critical_path``: the longest chain of transitions its
rules made serial). The target: slow wall time <= 1.15 x critical path + the fast run's wall time, that is
the run waits no more than 15 % longer than the cloud makes it.
"""

import os

from harness import topology
from harness.ansible import ROOT, run_playbook
from harness.emulator import Emulator

BENCHMARKS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAST = 0.1
SLACK = 1.15
ROLLOUT_FORKS = 20


def topologies(rollout_vpcs=60, rollout_accounts=10):
    """``[(label, seed, playbook, extra_vars, inventory world or None)]`` of the figure."""
    basic, enterprise = topology.Reference(), topology.Enterprise()
    rollout = topology.Scale(rollout_vpcs, rollout_accounts)
    return [
        ("Basic reference (%d VPCs)" % len(basic.vpcs), basic.seed(), os.path.join(BENCHMARKS, "reference.yml"),
         basic.playbook_vars("present"), None),
        ("Enterprise reference (%d VPCs)" % len(enterprise.vpcs), enterprise.seed(),
         os.path.join(BENCHMARKS, "enterprise.yml"), enterprise.playbook_vars("present"), None),
        ("rollout of %d VPCs (%d accounts, %d regions)" % (len(rollout.vpcs), len(rollout.accounts),
                                                          len(rollout.regions)),
         rollout.seed(), os.path.join(ROOT, "playbooks", "rollout.yml"), rollout.extra_vars(), rollout),
    ]


def converge(seed, playbook, extra_vars, world, workdir, transition_seconds):
    """One converge on a fresh emulator: ``(wall seconds, the emulator's critical path)``."""
    inventory, forks = None, None
    if world is not None:
        inventory, forks = world.write(workdir)["inventory"], ROLLOUT_FORKS
    with Emulator(seed, os.path.join(workdir, "emulator"), transition_seconds=transition_seconds) as emulator:
        since = emulator.admin("critical_path")["last"]
        run = run_playbook(playbook, workdir, inventory=inventory, extra_vars=extra_vars, forks=forks,
                           environ={"ALICLOUD_ENDPOINT": emulator.url}, label="converge")
        path = emulator.admin("critical_path?since=%d" % since)
    return run.wall, path


def measure(workdir, transition_seconds=3.0):
    """Per topology: label, the fast and slow walls, the slow run's critical path, the bound and the verdict."""
    found = []
    for index, (label, seed, playbook, extra_vars, world) in enumerate(topologies()):
        base = os.path.join(workdir, "topology-%d" % (index + 1))
        fast, _path = converge(seed, playbook, extra_vars, world, os.path.join(base, "fast"), FAST)
        slow, path = converge(seed, playbook, extra_vars, world, os.path.join(base, "slow"), transition_seconds)
        bound = SLACK * path["seconds"] + fast
        found.append(dict(label=label, fast=fast, slow=slow, critical=path["seconds"], chain=len(path["chain"]),
                          transitions=path["transitions"], bound=bound, ok=slow <= bound))
    return found
