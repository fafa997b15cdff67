# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the AWX tests: the collection as an execution environment gets it,
a freshly started emulator, and ansible-runner jobs.

* ``collection_tarball``: ``ansible-galaxy collection build`` of this checkout.
* ``installed_collections``: a collections path with that tarball installed by
  ``ansible-galaxy collection install``, as the EE build does.
* ``start_emulator(seed)``: ``alicloud-emulator serve --port 0 --seed SEED`` in a
  subprocess; ``url``, ``admin(path)``, ``calls()`` (the admin call log); stopped
  after the test. ``emulator``: one started with tests/awx/seed.yml.
* ``run_job(credential, playbook, project, extravars, **runner_options)``: an
  ansible-runner run in a new private data dir (the project's files, the
  inventory of tests/awx/job/) whose env/envvars holds exactly what the
  credential type injects for ``credential`` (input id -> value) and whose
  env/extravars holds the job template's extra variables and ``awx_job_id``;
  returns a :class:`Job`.
* ``run_on_node(credential, **runner_options)``: the same private data dir, run
  the way an AWX control node hands a job to a remote execution node:
  ``ansible-runner transmit`` here, ``ansible-runner worker`` in a separate
  process with its own directory and the environment of the execution
  environment (tests/awx/ee.py: a clean virtualenv with the EE's requirements,
  the collection installed as the image has it), ``ansible-runner process``
  back here; returns a :class:`Job` (``artifacts``: what came back).
"""

import glob
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request

import ansible_runner
import pytest

import awxtest
import ee
from awxtest import BIN, ROOT, tool

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "seed.yml")

# Variables of the developer's shell that a job in an execution environment would not have.
FOREIGN = re.compile(r"^(ALICLOUD_|ALIBABA_CLOUD_|https?_proxy$|HTTPS?_PROXY$|all_proxy$|ALL_PROXY$)")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in list(os.environ):
        if FOREIGN.match(name):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def collection_tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    subprocess.run([tool("ansible-galaxy"), "collection", "build", "--output-path", str(out), ROOT],
                   check=True, stdout=subprocess.DEVNULL)
    (tarball,) = glob.glob(str(out / "alicloud-interconnect-*.tar.gz"))
    return tarball


@pytest.fixture(scope="session")
def installed_collections(tmp_path_factory, collection_tarball):
    path = str(tmp_path_factory.mktemp("collections"))
    subprocess.run([tool("ansible-galaxy"), "collection", "install", "--collections-path", path, collection_tarball],
                   check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=path))
    return path


@pytest.fixture(scope="session")
def collection_credentials(installed_collections):
    """The installed collection's plugins/module_utils/credentials.py, imported."""
    sys.path.insert(0, installed_collections)
    try:
        return importlib.import_module("ansible_collections.alicloud.interconnect.plugins.module_utils.credentials")
    finally:
        sys.path.remove(installed_collections)


class Emulator(object):
    def __init__(self, url):
        self.url = url

    def admin(self, path):
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(self.url + path, timeout=10) as answer:
            return json.loads(answer.read().decode("utf-8"))

    def calls(self):
        return self.admin("/_emulator/calls")["calls"]


@pytest.fixture
def start_emulator():
    """``start(seed_path)``: a new emulator process with that seed; all are stopped after the test."""
    processes = []

    def start(seed):
        process = subprocess.Popen([tool("alicloud-emulator"), "serve", "--host", "127.0.0.1", "--port", "0",
                                    "--seed", seed, "--transition-seconds", "0.1"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   universal_newlines=True)
        processes.append(process)
        line = process.stdout.readline()
        match = re.match(r"listening on (http://\S+)", line)
        if not match:
            raise AssertionError("the emulator did not start: %s" % line)
        return Emulator(match.group(1))

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def emulator(start_emulator):
    return start_emulator(SEED)


class Job(object):
    """What ansible-runner left of one run: status, stats, events and the output AWX would store."""

    def __init__(self, runner, data_dir):
        self.status = runner.status
        self.rc = runner.rc
        self.stats = runner.stats
        self.events = list(runner.events)
        self.data_dir = data_dir
        self.stdout = runner.stdout.read()

    def results(self, task, event="runner_on_ok"):
        """host -> module result of ``task`` for the events of one kind."""
        return dict((e["event_data"]["host"], e["event_data"]["res"]) for e in self.events
                    if e["event"] == event and e["event_data"].get("task") == task)

    def stored_output(self):
        """Everything of the job AWX keeps and shows: the stdout and every job event."""
        return self.stdout + "".join(json.dumps(e) for e in self.events)


class RemoteJob(Job):
    """What ``ansible-runner process`` gave back of a job run on an execution node."""

    def __init__(self, processor, data_dir, events):  # pylint: disable=super-init-not-called
        self.status = processor.status
        self.rc = processor.rc
        self.events = events
        stats = ([e["event_data"] for e in events if e["event"] == "playbook_on_stats"] or [{}])[-1]
        self.stats = dict((key, stats.get(key, {})) for key in ("ok", "changed", "failures", "dark"))
        self.data_dir = data_dir
        self.stdout = "\n".join(e["stdout"] for e in events if e.get("stdout"))


@pytest.fixture
def run_job(tmp_path, installed_collections):
    inputs, injectors = awxtest.load()

    def run(credential, playbook="accounts.yml", project=os.path.join(HERE, "job", "project"), extravars=None,
            **options):
        data_dir = tmp_path / ("job%d" % len(list(tmp_path.glob("job*"))))
        shutil.copytree(project, str(data_dir / "project"))
        shutil.copytree(os.path.join(HERE, "job", "inventory"), str(data_dir / "inventory"))
        (data_dir / "env").mkdir()
        # What the credential injects, nothing else: as AWX writes it for the job.
        with open(str(data_dir / "env" / "envvars"), "w") as handle:
            json.dump(awxtest.inject(inputs, injectors, credential), handle)
        # AWX passes the job's id as an extra variable, beside the job template's own.
        with open(str(data_dir / "env" / "extravars"), "w") as handle:
            json.dump(dict(extravars or {}, awx_job_id=42), handle)
        runner = ansible_runner.run(
            private_data_dir=str(data_dir), playbook=playbook, quiet=True,
            # What the execution environment itself provides: the collection and the tools.
            envvars={"ANSIBLE_COLLECTIONS_PATH": installed_collections,
                     "PATH": BIN + os.pathsep + os.environ.get("PATH", "")},
            **options)
        return Job(runner, data_dir)

    return run


@pytest.fixture(scope="session")
def execution_environment(installed_collections):
    """The environment of a process in the EE's image: its virtualenv first on PATH, its collections."""
    venv = ee.virtualenv()
    return {"PATH": os.path.join(venv, "bin") + os.pathsep + "/usr/bin:/bin",
            "ANSIBLE_COLLECTIONS_PATH": installed_collections, "LANG": "C.UTF-8"}


@pytest.fixture
def run_on_node(tmp_path, execution_environment):
    inputs, injectors = awxtest.load()

    def run(credential, project=os.path.join(HERE, "job", "project"), inventory_files=None, extravars=None,
            **options):
        number = len(list(tmp_path.glob("control*")))
        control = tmp_path / ("control%d" % number)
        shutil.copytree(project, str(control / "project"))
        if inventory_files:
            (control / "inventory").mkdir()
        for name, text in (inventory_files or {}).items():
            path = control / "inventory" / name
            path.write_text(text)
            path.chmod(0o755)
        (control / "env").mkdir()
        with open(str(control / "env" / "envvars"), "w") as handle:
            json.dump(awxtest.inject(inputs, injectors, credential), handle)
        with open(str(control / "env" / "extravars"), "w") as handle:
            json.dump(dict(extravars or {}, awx_job_id=42), handle)
        # The worker's private data dir (/runner in an EE's container): "{runner}" in cmdline.
        node = tmp_path / ("node%d" % number)
        if "cmdline" in options:
            options["cmdline"] = options["cmdline"].format(runner=node / "runner")
        # Control node: the job's private data dir, streamed.
        transmitted = tmp_path / ("transmitted%d" % number)
        with open(str(transmitted), "wb") as stream:
            ansible_runner.run(private_data_dir=str(control), streamer="transmit", _output=stream, **options)
        # Execution node: a worker of the EE's own ansible-runner, in its own directory.
        node.mkdir()
        home = tmp_path / ("home%d" % number)
        home.mkdir()
        returned = tmp_path / ("returned%d" % number)
        with open(str(transmitted), "rb") as stdin, open(str(returned), "wb") as stdout:
            subprocess.run(["ansible-runner", "worker", "--private-data-dir", str(node / "runner")],
                           stdin=stdin, stdout=stdout, cwd=str(node), check=True,
                           env=dict(execution_environment, HOME=str(home)))
        # Control node: the events, handed one by one to AWX's callback, and the artifacts.
        events = []
        with open(str(returned), "rb") as stream:
            processor = ansible_runner.run(private_data_dir=str(control), streamer="process", _input=stream,
                                           quiet=True, event_handler=events.append, **options)
        return RemoteJob(processor, control, events)

    return run
