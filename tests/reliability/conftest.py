"""Fixtures of the reliability suite, and the time limit every case must declare.

Each test is marked ``@pytest.mark.timeout(seconds)``; a test without the marker is
an error, and a test that runs longer is stopped (SIGALRM) and fails. Child processes
(ansible-playbook, the emulator) have their own limits and are killed with it.

* ``world``: the emulator of ``files/world.yml`` (one process for the session, reset
  to its seed, without faults, before each test that uses it).
* ``ansible``: runs playbooks against ``world`` (a fresh scratch directory per test).
* ``emulator_factory(seed, **options)``: more emulator processes (a state file, a
  transition time of their own); stopped after the test.
* ``demo`` / ``demo_ansible``: the same for ``playbooks/emulator/demo-world.yml``, the
  world the scenario playbooks expect (with a state file, which also holds the STS
  secrets the secrets case looks for).
* ``baseline``: the scenario playbooks built once without faults, side by side, with
  ``-vvv --diff``: the state every scenario case must end in, and the runs' output.
"""

import json
import os
import signal

import pytest

import harness

WORLD_SEED = os.path.join(harness.HERE, "files", "world.yml")
TRANSITION_SECONDS = 0.1
FIGURES = {}  # case -> what it measured, printed at the end of the session (docs/reliability.md quotes them)
DURATIONS = {}  # test -> seconds its call took (fixtures such as the baseline not included)


def pytest_configure(config):
    config.addinivalue_line("markers", "timeout(seconds): the longest the case may run; every case has one")


def pytest_collection_modifyitems(config, items):
    unbounded = [item.nodeid for item in items if item.get_closest_marker("timeout") is None]
    if unbounded:
        raise pytest.UsageError("reliability cases without @pytest.mark.timeout: %s" % ", ".join(unbounded))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    seconds = item.get_closest_marker("timeout").args[0]

    def expire(_signum, _frame):
        raise harness.CaseTimeout("%s ran longer than its limit of %s s" % (item.nodeid, seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def pytest_runtest_logreport(report):
    if report.when == "call":
        DURATIONS[report.nodeid.split("::")[-1]] = round(report.duration, 1)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("reliability figures")
        for case in sorted(FIGURES):
            terminalreporter.write_line("%s: %s" % (case, json.dumps(FIGURES[case], sort_keys=True)))
        terminalreporter.write_line("seconds per case: %s" % json.dumps(DURATIONS))


@pytest.fixture(scope="session")
def figures():
    return FIGURES


@pytest.fixture(scope="session")
def world_seed():
    return harness.load_yaml(WORLD_SEED)


@pytest.fixture(scope="session")
def _world_process(tmp_path_factory):
    emulator = harness.Emulator(WORLD_SEED, str(tmp_path_factory.mktemp("world")), TRANSITION_SECONDS)
    emulator.start()
    yield emulator
    emulator.stop()


@pytest.fixture
def world(_world_process):
    if _world_process.proc.poll() is not None:  # a case that crashed it
        _world_process.start()
    _world_process.reset()
    return _world_process


@pytest.fixture
def ansible(tmp_path, world):
    return harness.Ansible(str(tmp_path), world)


@pytest.fixture
def emulator_factory(tmp_path):
    started = []

    def start(seed=WORLD_SEED, name="emulator", **options):
        options.setdefault("transition_seconds", TRANSITION_SECONDS)
        emulator = harness.Emulator(seed, str(tmp_path / name), **options)
        started.append(emulator)
        return emulator.start()

    yield start
    for emulator in started:
        emulator.stop()


@pytest.fixture(scope="session")
def _demo_process(tmp_path_factory):
    emulator = harness.Emulator(harness.DEMO_SEED, str(tmp_path_factory.mktemp("demo")), TRANSITION_SECONDS,
                                state_file=True)
    emulator.start()
    yield emulator
    emulator.stop()


def _fresh(emulator):
    if emulator.proc.poll() is not None:  # a case that killed it
        emulator.start()
    emulator.reset()
    return emulator


@pytest.fixture
def demo(_demo_process):
    return _fresh(_demo_process)


@pytest.fixture
def demo_ansible(tmp_path, demo):
    return harness.Ansible(str(tmp_path), demo)


class Baseline(object):
    """The fault-free build: ``shape`` (built), ``empty`` (the seed), ``runs``, ``secrets`` (all the emulator
    held after it), ``writes`` (the ok write calls), ``files`` (those the runs created or changed)."""

    def __init__(self, shape, empty, runs, secrets, writes, files):
        self.shape = shape
        self.empty = empty
        self.runs = runs
        self.secrets = secrets
        self.writes = writes
        self.files = files


@pytest.fixture(scope="session")
def baseline(_demo_process, tmp_path_factory):
    emulator = _fresh(_demo_process)
    stable = harness.seed_ids(harness.load_yaml(harness.DEMO_SEED))
    empty = harness.shape(emulator.settled_state(), stable)
    scratch = str(tmp_path_factory.mktemp("baseline"))
    ansible = harness.Ansible(scratch, emulator)
    before = harness.snapshot(scratch, harness.PLAYBOOKS)
    runs = ansible.run_many(harness.scenario_specs(verbosity=3, diff=True), timeout=600)
    files = harness.written_files(before, harness.snapshot(scratch, harness.PLAYBOOKS))
    for run in runs:
        harness.assert_converged(run, emulator)
    built = harness.shape(emulator.settled_state(), stable)
    writes = [c for c in emulator.calls(writes=True) if c["outcome"] == "ok"]
    return Baseline(built, empty, runs, harness.secrets_of(emulator.state_file), writes, files)
