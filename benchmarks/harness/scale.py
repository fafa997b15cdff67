# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figures 3, 7 and 8: playbooks/rollout.yml for many VPCs in many accounts and regions.

One inventory host per VPC (topology.Scale), on the Basic or the Enterprise edition, with
the emulator's transitions at a given pace. Measured: the wall time of the first converge,
of a re-run and (figure 8) of the teardown, the peak RSS of the largest process of the runs,
and the collection's module invocations. To show that invocations do not follow the number
of VPCs, a smaller rollout - one VPC per account and region - is converged on its own
emulator and its invocations counted.
"""

import os

from harness import economy, topology
from harness.ansible import ROOT
from harness.emulator import Emulator

ROLLOUT = os.path.join(ROOT, "playbooks", "rollout.yml")
TRANSITION_SECONDS = 0.2
FORKS = 20


def attached(state, edition):
    """How many VPCs the CEN of ``state`` (the emulator's) has attached, on ``edition``."""
    if edition == "basic":
        return len(state["tables"].get("cen_attachment", {}))
    return sum(1 for a in state["tables"].get("tr_attachment", {}).values() if a.get("ResourceType") == "VPC")


def converge(world, workdir, rerun=True, teardown=False, transition_seconds=TRANSITION_SECONDS):
    """Converge ``world`` (a topology.Scale) on a fresh emulator, then re-run and tear down when asked: the
    Phases (economy.run_phases). Raises RuntimeError when the converge did not attach every VPC or the teardown
    left a record."""
    paths = world.write(workdir)
    phases = [("converge", world.extra_vars())] + ([("rerun", world.extra_vars())] if rerun else []) + \
        ([("teardown", world.extra_vars("absent"))] if teardown else [])
    with Emulator(world.seed(), os.path.join(workdir, "emulator"), transition_seconds=transition_seconds) as emulator:
        found = economy.run_phases(emulator, ROLLOUT, workdir, phases, inventory=paths["inventory"], forks=FORKS)
    made = attached(found[0].after, world.edition)
    if made != len(world.vpcs):
        raise RuntimeError("the rollout attached %d of %d VPCs (%s)" % (made, len(world.vpcs), workdir))
    if teardown:
        left = economy.leftovers(found[0].before, found[-1].after)
        if left:
            raise RuntimeError("the teardown left %d records: %s (%s)" % (len(left), ", ".join(left[:6]), workdir))
    return found


def measure(workdir, vpcs=200, accounts=10, regions=topology.SCALE_REGIONS, edition="basic",
            transition_seconds=TRANSITION_SECONDS, teardown=False):
    """The figures of one rollout: times, re-run writes, peak RSS, invocations (and those of the small one)."""
    large = topology.Scale(vpcs, accounts, regions, edition)
    phases = converge(large, os.path.join(workdir, "large"), teardown=teardown, transition_seconds=transition_seconds)
    first, second = phases[0], phases[1]
    small = topology.Scale(accounts * len(regions), accounts, regions, edition)
    (small_first,) = converge(small, os.path.join(workdir, "small"), rerun=False,
                              transition_seconds=transition_seconds)
    return dict(
        vpcs=vpcs, accounts=accounts, regions=len(regions), edition=edition,
        converge=first.run.wall, rerun=second.run.wall,
        teardown=phases[2].run.wall if teardown else None,
        rerun_writes=sum(second.writes.values()) + len(second.refused),
        peak_rss_mib=max(p.run.peak_rss_kib for p in phases) / 1024.0,
        invocations=first.run.invocations(), rerun_invocations=second.run.invocations(),
        small_vpcs=len(small.vpcs), small_invocations=small_first.run.invocations(),
    )
