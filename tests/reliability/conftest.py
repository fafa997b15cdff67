"""Fixtures of the reliability suite, and the time limit every case must declare.

Each test is marked ``@pytest.mark.timeout(seconds)``; a test without the marker is
an error, and a test that runs longer is stopped (SIGALRM) and fails. Child processes
(ansible-playbook, the emulator) have their own limits and are killed with it.

* ``world``: the emulator of ``files/world.yml`` (one process for the session, reset
  to its seed, without faults, before each test that uses it).
* ``ansible``: runs playbooks against ``world`` (a fresh scratch directory per test).
* ``emulator_factory(seed, **options)``: more emulator processes (a state file, a
  transition time of their own); stopped after the test.
"""

import os
import signal

import pytest

import harness

WORLD_SEED = os.path.join(harness.HERE, "files", "world.yml")
TRANSITION_SECONDS = 0.1


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
