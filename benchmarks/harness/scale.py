# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Figure 3: playbooks/rollout.yml for many VPCs in many accounts and regions.

One inventory host per VPC (topology.Scale), the emulator's transitions at 0.2 s.
Measured: the wall time of the first converge and of a re-run, the peak RSS of the
largest process of either run, and the collection's module invocations. To show
that invocations do not follow the number of VPCs, a smaller rollout - one VPC per
account and region - is converged on its own emulator and its invocations counted.
"""

import os

from harness import economy, topology
from harness.ansible import ROOT
from harness.emulator import Emulator

ROLLOUT = os.path.join(ROOT, "playbooks", "rollout.yml")
TRANSITION_SECONDS = 0.2
FORKS = 20


def converge(world, workdir, rerun=True):
    """Converge (and re-run) ``world`` (a topology.Scale) on a fresh emulator: the phases, and the attachments."""
    paths = world.write(workdir)
    with Emulator(world.seed(), os.path.join(workdir, "emulator"), transition_seconds=TRANSITION_SECONDS) as emulator:
        phases = [("converge", world.extra_vars())] + ([("rerun", world.extra_vars())] if rerun else [])
        found = economy.run_phases(emulator, ROLLOUT, workdir, phases, inventory=paths["inventory"], forks=FORKS)
        attached = len(emulator.state()["tables"].get("cen_attachment", {}))
    if attached != len(world.vpcs):
        raise RuntimeError("the rollout attached %d of %d VPCs (%s)" % (attached, len(world.vpcs), workdir))
    return found


def measure(workdir, vpcs=200, accounts=10, regions=topology.SCALE_REGIONS):
    large = topology.Scale(vpcs, accounts, regions)
    first, second = converge(large, os.path.join(workdir, "large"))
    small = topology.Scale(accounts * len(regions), accounts, regions)
    (small_first,) = converge(small, os.path.join(workdir, "small"), rerun=False)
    return dict(
        vpcs=vpcs, accounts=accounts, regions=len(regions),
        converge=first.run.wall, rerun=second.run.wall,
        rerun_writes=sum(second.writes.values()) + len(second.refused),
        peak_rss_mib=max(first.run.peak_rss_kib, second.run.peak_rss_kib) / 1024.0,
        invocations=first.run.invocations(), rerun_invocations=second.run.invocations(),
        small_vpcs=len(small.vpcs), small_invocations=small_first.run.invocations(),
    )
