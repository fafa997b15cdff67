"""Cases 1, 2, 4 and 5: the scenario playbooks converge through faults to the fault-free state.

The playbooks are the ones users run (playbooks/s1_... to s6_..., rollout.yml,
teardown.yml), against the demo world they are written for. Each case starts from the
seed, runs them with faults, and compares the final state with the ``baseline`` (the
same playbooks without faults): same resources, names, settings and relationships,
no duplicate, nothing missing.
"""

import os
import time

import pytest

import harness

# Case 1: 30 % of calls throttled (with x-acs-retry-after), 10 % answered 503. The rules are
# tried in order, so the 503 rule's rate applies to the 70 % the first one let through.
THROTTLE_RATE, UNAVAILABLE_RATE = 0.3, 0.1
STORM = [
    {"fault": "throttle", "rate": THROTTLE_RATE, "retry_after_ms": 200},
    {"fault": "unavailable", "rate": round(UNAVAILABLE_RATE / (1 - THROTTLE_RATE), 4)},
]


def shape_of(emulator):
    return harness.shape(emulator.settled_state(), harness.seed_ids(harness.load_yaml(harness.DEMO_SEED)))


def assert_like_baseline(emulator, baseline, runs):
    diff = harness.shape_diff(baseline.shape, shape_of(emulator))
    assert not diff, diff + "\n" + "\n".join(harness.explain(run, emulator) for run in runs)


@pytest.mark.timeout(900)
def test_throttling_storm_three_runs_in_a_row(baseline, demo, demo_ansible, figures):
    """Case 1: every scenario converges with no failed task, three runs in a row; the later runs change nothing."""
    demo.set_faults(STORM, seed=1)
    runs = []
    started = time.monotonic()
    for number in (1, 2, 3):
        round_runs = demo_ansible.run_many(harness.scenario_specs(), timeout=600)
        runs.extend(round_runs)
        for run in round_runs:
            harness.assert_converged(run, demo)
            if number > 1:
                assert run.recap()["changed"] == 0, "run %d changed something:\n%s" % (number, harness.explain(run, demo))
    rules = demo.faults()
    calls = demo.calls()
    # The storm happened: with ~800 calls, the shares are within a few points of 30 % and 10 %.
    assert rules[0]["fired"] >= 0.2 * len(calls) and rules[1]["fired"] >= 0.05 * len(calls), (rules, len(calls))
    assert_like_baseline(demo, baseline, runs)
    figures["throttling storm"] = dict(
        playbook_runs=len(runs), api_calls=len(calls), throttled=rules[0]["fired"], unavailable=rules[1]["fired"],
        seconds=round(time.monotonic() - started))


# Case 2: the answer to every create, attach, grant and associate is lost once, after the
# write was committed; the module's retry (same ClientToken where the API takes one) must
# find what the lost call made instead of making it again.
LOST_ANSWERS = [{"fault": "drop_after_commit", "action": pattern, "once": True}
                for pattern in ("Create*", "Attach*", "Grant*", "Associate*")]


@pytest.mark.timeout(600)
def test_lost_responses_make_no_duplicates(baseline, demo, demo_ansible, figures):
    demo.set_faults(LOST_ANSWERS)
    runs = demo_ansible.run_many(harness.scenario_specs(), timeout=600)
    for run in runs:
        harness.assert_converged(run, demo)
    writes = demo.calls(writes=True)
    dropped = [c for c in writes if c.get("dropped")]
    lost_kinds = set(c["action"] for c in dropped)
    expected_kinds = set(c["action"] for c in baseline.writes if c["action"].startswith(("Create", "Attach", "Grant",
                                                                                         "Associate")))
    assert lost_kinds == expected_kinds, "answers lost for %s, the fault-free run made %s" % (
        sorted(lost_kinds), sorted(expected_kinds))
    # A create's retry carries the first attempt's ClientToken: the emulator answers it from the token.
    creates = [c for c in dropped if c["action"].startswith("Create")]
    replays = [c for c in writes if c.get("replayed")]
    assert len(replays) >= len(creates), "%d creates lost their answer, %d retries reused the ClientToken:\n%s" % (
        len(creates), len(replays), "\n".join(harness.describe_call(c) for c in creates + replays))
    assert_like_baseline(demo, baseline, runs)
    figures["lost responses"] = dict(answers_dropped=len(dropped), token_replays=len(replays),
                                     operations=sorted(lost_kinds))


# Case 4: the rollout is killed with SIGKILL at 10 points spread over its writes, each
# re-run picking up where the last one died; a last run converges to what an
# uninterrupted rollout builds, and teardown.yml then leaves the seed alone.
KILL_POINTS = 10


def ok_writes(emulator, since):
    return [c for c in emulator.calls(writes=True, since=since) if c["outcome"] == "ok" and not c.get("replayed")]


@pytest.mark.timeout(900)
def test_interrupted_rollout_converges_and_tears_down(baseline, demo, demo_ansible, figures):
    stable = harness.seed_ids(harness.load_yaml(harness.DEMO_SEED))
    rollout = harness.scenario_specs([os.path.basename(harness.ROLLOUT)])[0]
    clean = demo_ansible.run(rollout["playbook"], "uninterrupted rollout", inventory=rollout["inventory"])
    harness.assert_converged(clean, demo)
    total = len(ok_writes(demo, clean.first_seq))
    expected = shape_of(demo)

    demo.reset()
    chain_start = demo.last_seq()
    kills = []
    for point in range(1, KILL_POINTS + 1):
        target = max(point, round(point * total / (KILL_POINTS + 1)))
        run = demo_ansible.run(rollout["playbook"], "rollout killed after write %d" % target,
                               inventory=rollout["inventory"],
                               kill_when=lambda em, target=target: len(ok_writes(em, chain_start)) >= target)
        assert run.killed, "the rollout ended (rc %s) before write %d of %d:\n%s" % (
            run.rc, target, total, harness.explain(run, demo))
        kills.append(target)
    final = demo_ansible.run(rollout["playbook"], "rollout after 10 kills", inventory=rollout["inventory"])
    harness.assert_converged(final, demo)
    chain_writes = len(ok_writes(demo, chain_start))
    diff = harness.shape_diff(expected, shape_of(demo))
    assert not diff, diff + "\n" + harness.explain(final, demo)

    teardown = demo_ansible.run(harness.TEARDOWN, "teardown", inventory=harness.DEMO_INVENTORY, timeout=400)
    harness.assert_converged(teardown, demo)
    left = harness.shape_diff(baseline.empty, harness.shape(demo.settled_state(), stable))
    assert not left, "teardown left something behind:\n" + left
    figures["interruption"] = dict(rollout_writes=total, killed_after_writes=kills,
                                   writes_to_converge=chain_writes)


# Case 5: the emulator is killed (SIGKILL) and restarted from its state file on the same
# port while every scenario is being built; the runs ride it out and a re-run changes nothing.
@pytest.mark.timeout(600)
def test_emulator_restart_mid_run_loses_nothing(baseline, demo, demo_ansible, figures):
    restart_after = len(baseline.writes) // 2
    restarted = []

    def restart_halfway(emulator):
        if not restarted and len(ok_writes(emulator, 0)) >= restart_after:
            started = time.monotonic()
            emulator.restart()
            restarted.append(round(time.monotonic() - started, 1))

    runs = demo_ansible.run_many(harness.scenario_specs(), timeout=600, watch=restart_halfway)
    assert restarted, "the runs ended before write %d" % restart_after
    for run in runs:
        harness.assert_converged(run, demo)
    again = demo_ansible.run_many(harness.scenario_specs(), timeout=600)
    for run in again:
        harness.assert_converged(run, demo)
        assert run.recap()["changed"] == 0, "the re-run changed something:\n" + harness.explain(run, demo)
    assert_like_baseline(demo, baseline, runs + again)
    figures["emulator restart"] = dict(restarted_after_writes=restart_after, seconds_down=restarted[0])
