"""GET /_emulator/critical_path: the longest chain of transitions the emulator's rules made serial.

The emulator runs on a fake clock: each step moves it past the transition time, so the run's
order is exact and nothing sleeps.
"""

from alibabacloud_cbn20170912 import models as cbn_models

from alicloud_emulator.critical_path import critical_path
from conftest import UID1, UID2

TRANSITION = 3.0


class Clock(object):
    now = 1000.0

    def __call__(self):
        return self.now


def attach(run, cen_id, vpc_id, region):
    run.client("cbn", UID1).attach_cen_child_instance(cbn_models.AttachCenChildInstanceRequest(
        cen_id=cen_id, child_instance_id=vpc_id, child_instance_type="VPC", child_instance_region_id=region))


def test_a_cen_create_and_its_attaches_are_one_chain_and_another_cen_runs_beside_it(emulator_factory):
    clock = Clock()
    run = emulator_factory(transition_seconds=TRANSITION, clock=clock)
    start = run.admin("GET", "/_emulator/critical_path")[1]["last"]
    cen_id = run.client("cbn", UID1).create_cen(cbn_models.CreateCenRequest(name="one")).body.cen_id
    clock.now += TRANSITION
    attach(run, cen_id, "vpc-a1", "cn-hangzhou")
    run.client("cbn", UID2).create_cen(cbn_models.CreateCenRequest(name="beside"))  # another CEN: no queue
    clock.now += TRANSITION
    attach(run, cen_id, "vpc-a2", "cn-shanghai")  # one operation at a time on the CEN: after the first
    clock.now += TRANSITION

    status, found = run.admin("GET", "/_emulator/critical_path?since=%d" % start)

    assert status == 200
    assert found["seconds"] == 3 * TRANSITION and found["transitions"] == 4
    assert [(step["kind"], step["id"]) for step in found["chain"]] == [
        ("cen", cen_id), ("cen_attachment", cen_id + "|vpc-a1"), ("cen_attachment", cen_id + "|vpc-a2")]
    assert run.admin("GET", "/_emulator/critical_path?since=%d" % found["last"])[1]["transitions"] == 0
    assert run.admin("GET", "/_emulator/critical_path?since=x")[0] == 400


def transition(seq, start, holds=(), needs=()):
    return dict(seq=seq, kind="k", id=str(seq), start=start, seconds=3.0, holds=["own:%d" % seq] + list(holds),
                needs=list(needs))


def test_a_chain_follows_what_a_transition_holds_or_needs_once_it_settled():
    found = critical_path([
        transition(1, 0.0, holds=["tr:1"]),                  # a transit router's attachment
        transition(2, 1.0, holds=["tr:2"]),                  # another router's, at the same time
        transition(3, 3.0, holds=["tr:1"]),                  # the first router's next operation
        transition(4, 6.0, needs=["own:3"]),                 # a route through what 3 made
        transition(5, 6.5, holds=["tr:2"]),                  # started after 2 settled, but beside 4
    ])
    assert found["seconds"] == 9.0 and [step["id"] for step in found["chain"]] == ["1", "3", "4"]
    assert critical_path([])["seconds"] == 0.0
