"""The reliability suite's tools: an emulator process, playbook runs, state shapes, failure reports.

* :class:`Emulator` runs ``alicloud-emulator serve`` as a child process (so a case can
  kill it, restart it on the same port with its state file, or inject faults) and
  talks to its admin API.
* :func:`shape` turns ``GET /_emulator/state`` into something two runs can be compared
  on: generated ids differ from run to run, so every id is replaced by a label built
  from what the record holds and what it points at, and times are dropped. Two runs
  that built the same resources with the same names, settings and relationships have
  equal shapes; a duplicate or a leftover shows as an extra record.
* :class:`Ansible` runs ``ansible-playbook`` with the collection, a scratch HOME, and
  the recorder callback (``callback_plugins/recorder.py``) that writes every task result
  to a JSON-lines file, inside a time limit.
* :func:`explain` is what a failing case prints: each failed task (its module and
  message) and every API call the emulator refused or lost, from ``/_emulator/calls``.
"""

import collections
import contextlib
import hashlib
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COLLECTION = ("alicloud", "interconnect")
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                   "no_proxy", "NO_PROXY")


class CaseTimeout(Exception):
    """A case, or one process of it, ran out of its time."""


def clean_environ(extra=None):
    """os.environ without proxy variables (the SDK ignores NO_PROXY), plus extra."""
    environ = dict((k, v) for k, v in os.environ.items() if k not in PROXY_VARIABLES)
    environ.update(extra or {})
    return environ


def load_yaml(path):
    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


# ---------------------------------------------------------------------------- emulator
class Emulator(object):
    """``alicloud-emulator serve`` in a child process.

    ``seed`` is a path; ``workdir`` holds its log (and the state file when ``state_file``).
    """

    def __init__(self, seed, workdir, transition_seconds=0.1, state_file=False, start_timeout=60):
        self.seed = seed
        self.workdir = workdir
        self.transition_seconds = transition_seconds
        self.state_file = os.path.join(workdir, "state.json") if state_file else None
        self.start_timeout = start_timeout
        self.log_path = os.path.join(workdir, "emulator.log")
        self.proc = None
        self.port = 0
        self.starts = 0
        self._cursor = 0  # the last call sequence number seen (a new process starts again from 0)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        """Start (on the port of the previous start, if any) and wait for ``listening on``."""
        os.makedirs(self.workdir, exist_ok=True)
        command = [sys.executable, "-m", "alicloud_emulator", "serve", "--host", "127.0.0.1",
                   "--port", str(self.port), "--seed", self.seed,
                   "--transition-seconds", str(self.transition_seconds)]
        if self.state_file:
            command += ["--state-file", self.state_file]
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         env=clean_environ(), start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + self.start_timeout
        pattern = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")
        while True:
            with open(self.log_path, encoding="utf-8", errors="replace") as stream:
                found = pattern.findall(stream.read())
            if len(found) > self.starts:
                self.port = int(found[-1])
                self._cursor = 0
                self.starts += 1
                return self
            if self.proc.poll() is not None:
                raise RuntimeError("the emulator exited before listening:\n" + self.log())
            if time.monotonic() > deadline:
                self.kill()
                raise CaseTimeout("the emulator did not listen within %s s:\n%s" % (self.start_timeout, self.log()))
            time.sleep(0.05)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as stream:
            return stream.read()[-4000:]

    def stop(self):
        """SIGTERM, as a user stops it; SIGKILL if it does not go within 10 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self):
        """SIGKILL: a crash, nothing saved beyond what the state file already holds."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def restart(self):
        """Kill (a crash) and start again on the same port, from the state file."""
        self.kill()
        return self.start()

    # -- admin API ----------------------------------------------------------------
    def admin(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            data = None if body is None else json.dumps(body).encode("utf-8")
            conn.request(method, path, body=data)
            resp = conn.getresponse()
            payload = json.loads(resp.read().decode("utf-8"))
        finally:
            conn.close()
        if resp.status != 200:
            raise RuntimeError("%s %s: %s %s" % (method, path, resp.status, payload))
        return payload

    def state(self):
        return self.admin("GET", "/_emulator/state")

    def calls(self, writes=False, since=0):
        query = "?since=%d" % since + ("&writes=1" if writes else "")
        return self.admin("GET", "/_emulator/calls" + query)["calls"]

    def last_seq(self):
        """The sequence number of the latest call the emulator logged."""
        calls = self.calls(since=self._cursor)
        if calls:
            self._cursor = calls[-1]["seq"]
        return self._cursor

    def set_faults(self, rules, seed=None):
        """Put fault rules in force (``[]`` clears them); returns them as the emulator describes them."""
        body = rules if seed is None else {"seed": seed, "rules": rules}
        return self.admin("POST", "/_emulator/faults", body)["rules"]

    def faults(self):
        return self.admin("GET", "/_emulator/faults")["rules"]

    def reset(self):
        """Back to the seed, no faults, an empty call log."""
        self.set_faults([])
        self.admin("POST", "/_emulator/reset")

    def settled_state(self, timeout=30):
        """The state once no transition is pending (stuck kinds excepted)."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if not state["pending"]:
                return state
            if time.monotonic() > deadline:
                raise CaseTimeout("transitions still pending after %s s: %s" % (timeout, state["pending"]))
            time.sleep(max(0.05, self.transition_seconds / 2))


# ---------------------------------------------------------------------------- state shapes
# cen-..., vpc-..., and the two-word prefix of transit-router attachments (tr-attach-...).
GENERATED_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z]+)?-[a-z0-9]{8,}$")
VOLATILE_FIELD = re.compile(r"(Time|Date)$|^Gmt|Expir")
SHAPE_ROUNDS = 4
# The emulator's own fields kept in shapes (owner, region, tags); others (such as a
# creation counter that orders listings) differ between runs that built the same things.
KEPT_PRIVATE_FIELDS = ("_account", "_region", "_tags")


def seed_ids(seed_doc):
    """Every string a seed names (VPC and VBR ids, account UIDs): those ids are the same in every run."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.add(node)

    walk(seed_doc)
    return found


def _substitute(node, labels, own_id):
    if isinstance(node, dict):
        return dict((k, _substitute(v, labels, own_id)) for k, v in node.items() if not VOLATILE_FIELD.search(k))
    if isinstance(node, list):
        return [_substitute(v, labels, own_id) for v in node]
    if isinstance(node, str):
        if node == own_id:
            return "<self>"
        return labels.get(node, node)
    return node


def _volatile_ids(node, stable, found):
    if isinstance(node, dict):
        for value in node.values():
            _volatile_ids(value, stable, found)
    elif isinstance(node, list):
        for value in node:
            _volatile_ids(value, stable, found)
    elif isinstance(node, str) and GENERATED_ID.match(node) and node not in stable:
        found.add(node)


def shape(state, stable):
    """A Counter of ``"kind: record"`` texts in which generated ids are labels.

    A generated id (``cen-...``, ``vrt-...``, ``ri-...``) becomes ``<kind>#<hash>``, the hash
    of the record it names (with its own references labelled the same way, refined over a
    few rounds so that chains and pairs are followed); an id no record holds becomes
    ``<prefix>-?``. ``stable`` are the ids that are the same in every run (the seed's).
    Fields holding times, and the emulator's bookkeeping fields but owner, region and tags, are
    dropped; STS keys are not resources and are left out.
    """
    records = []
    for kind in sorted(state["tables"]):
        for key in sorted(state["tables"][kind]):
            record = state["tables"][kind][key]
            records.append((kind, key, dict((k, v) for k, v in record.items()
                                            if not k.startswith("_") or k in KEPT_PRIVATE_FIELDS)))
    volatile = set()
    for _kind, key, record in records:
        _volatile_ids(record, stable, volatile)
    owners = dict((key, index) for index, (_kind, key, _record) in enumerate(records) if key in volatile)
    labels = dict((vid, vid.split("-")[0] + "-?") for vid in volatile)
    texts = []
    for _round in range(SHAPE_ROUNDS):
        texts = [json.dumps(_substitute(record, labels, key), sort_keys=True) for _kind, key, record in records]
        for vid, index in owners.items():
            labels[vid] = "%s#%s" % (records[index][0], hashlib.sha1(texts[index].encode("utf-8")).hexdigest()[:8])
    items = ["%s: %s" % (kind, text) for (kind, _key, _record), text in zip(records, texts)]
    roles = dict((uid, account.get("roles")) for uid, account in state["accounts"].items())
    items.append("accounts: %s" % json.dumps(roles, sort_keys=True))
    return collections.Counter(items)


def counts(shape_counter):
    """Records per kind, for messages and the figures in docs/reliability.md."""
    totals = collections.Counter()
    for item, number in shape_counter.items():
        totals[item.split(":", 1)[0]] += number
    totals.pop("accounts", None)
    return dict(sorted(totals.items()))


def shape_diff(expected, actual):
    """Text describing how two shapes differ ('' when equal)."""
    if expected == actual:
        return ""
    lines = ["the emulator's final state differs from the fault-free run's",
             "  records per kind, fault-free: %s" % counts(expected),
             "  records per kind, this run:   %s" % counts(actual)]
    for item, number in sorted((actual - expected).items()):
        lines.append("  extra   x%d %s" % (number, item[:400]))
    for item, number in sorted((expected - actual).items()):
        lines.append("  missing x%d %s" % (number, item[:400]))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- ansible
def collections_path(scratch):
    """A directory holding ansible_collections/alicloud/interconnect for this checkout."""
    parts = ROOT.split(os.sep)
    if parts[-3:] == ["ansible_collections"] + list(COLLECTION):
        return os.sep.join(parts[:-3])
    tree = os.path.join(scratch, "collections")
    link = os.path.join(tree, "ansible_collections", *COLLECTION)
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    return tree


class Run(object):
    """One ansible-playbook run: ``rc``, ``stdout``, ``results`` (the recorder's), ``seconds``, ``killed``."""

    def __init__(self, label, rc, stdout, results, seconds, killed, first_seq, last_seq):
        self.label = label
        self.rc = rc
        self.stdout = stdout
        self.results = results
        self.seconds = seconds
        self.killed = killed
        self.first_seq = first_seq  # the emulator's last call before the run ...
        self.last_seq = last_seq  # ... and after it

    @property
    def failed(self):
        return [r for r in self.results if r["status"] in ("failed", "unreachable") and not r["ignored"]]

    def recap(self):
        """PLAY RECAP counters summed over hosts: {'ok': n, 'changed': n, 'failed': n, ...}."""
        totals = collections.Counter()
        for line in self.stdout.splitlines():
            match = re.match(r"^\S+\s+:\s+((?:\w+=\d+\s*)+)$", line.strip())
            if match:
                for name, value in re.findall(r"(\w+)=(\d+)", match.group(1)):
                    totals[name] += int(value)
        return totals

    def by_name(self, name):
        found = [r for r in self.results if r["task"] == name]
        if not found:
            raise AssertionError("%s: no result for task %r" % (self.label, name))
        return found


class Ansible(object):
    """Runs playbooks against one emulator with the collection and the recorder callback."""

    def __init__(self, scratch, emulator):
        self.scratch = scratch
        self.emulator = emulator
        self.home = os.path.join(scratch, "home")
        self.tmp = os.path.join(scratch, "tmp")
        self.runs = 0
        for path in (self.home, self.tmp):
            os.makedirs(path, exist_ok=True)
        self.collections = collections_path(scratch)

    def wait_for_tmp_cleanup(self, timeout=15):
        """Wait until Ansible's own clean-up (an async job's wrapper removes its module after the
        run) has emptied the temporary directory; what is left after ``timeout`` stays for the caller."""
        deadline = time.monotonic() + timeout
        while any(name.startswith("ansible-tmp-") for name in os.listdir(self.tmp)) and time.monotonic() < deadline:
            time.sleep(0.1)

    def environ(self, results_file, extra=None):
        environ = clean_environ({
            "HOME": self.home,
            "ANSIBLE_COLLECTIONS_PATH": self.collections,
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "recorder",
            "ANSIBLE_ACTION_PLUGINS": os.path.join(HERE, "action_plugins"),
            "RELIABILITY_RESULTS": results_file,
            "ANSIBLE_LOCAL_TEMP": self.tmp,
            "ANSIBLE_REMOTE_TEMP": self.tmp,
            "ANSIBLE_ASYNC_DIR": os.path.join(self.scratch, "async"),
            "ANSIBLE_LOG_PATH": os.path.join(self.scratch, "ansible.log"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ALICLOUD_ENDPOINT": self.emulator.url,
        })
        environ.update(extra or {})
        return environ

    def run(self, playbook, label=None, timeout=240, **options):
        """Run a playbook; returns a :class:`Run`. The options are those of :meth:`run_many`'s specs."""
        return self.run_many([dict(options, playbook=playbook, label=label)], timeout)[0]

    def run_many(self, specs, timeout=240, watch=None):
        """Run playbooks side by side (one process each); returns their :class:`Run` objects in order.

        A spec holds ``playbook`` and optionally ``label``, ``inventory``, ``extra_vars``,
        ``forks``, ``verbosity``, ``diff``, ``env``, and ``kill_when(emulator)``: polled while
        the playbook runs, when it returns true that run's process group gets SIGKILL (a
        user's kill -9, or a lost CI runner). All must end within ``timeout`` seconds.
        ``watch(emulator)`` is called as often while they run (to restart the emulator, say).
        """
        first_seq = self.emulator.last_seq()
        started = time.monotonic()
        running = []
        try:
            for spec in specs:
                running.append(self._start(spec))
            while any("ended" not in item for item in running):
                for item in running:
                    if "ended" in item:
                        continue
                    if item["proc"].poll() is not None:
                        item["ended"] = time.monotonic()
                        continue
                    if time.monotonic() - started > timeout:
                        raise CaseTimeout("%s: still running after %s s; output:\n%s"
                                          % (item["label"], timeout, _tail(item["out"])))
                    kill_when = item["spec"].get("kill_when")
                    if kill_when is not None and kill_when(self.emulator):
                        _kill_group(item["proc"])
                        item["killed"] = True
                        item["ended"] = time.monotonic()
                if watch is not None:
                    watch(self.emulator)
                time.sleep(0.05)
        finally:
            for item in running:
                _kill_group(item["proc"])
        last_seq = self.emulator.last_seq()
        runs = []
        for item in running:
            with open(item["out"], encoding="utf-8", errors="replace") as stream:
                stdout = stream.read()
            runs.append(Run(item["label"], item["proc"].returncode, stdout, read_results(item["results"]),
                            item["ended"] - started, item.get("killed", False),
                            first_seq, last_seq))
        return runs

    def _start(self, spec):
        self.runs += 1
        playbook = spec["playbook"]
        label = spec.get("label") or "%s #%d" % (os.path.basename(playbook), self.runs)
        results_file = os.path.join(self.scratch, "results-%03d.jsonl" % self.runs)
        out_path = os.path.join(self.scratch, "stdout-%03d.txt" % self.runs)
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), playbook,
                   "-i", spec.get("inventory") or "localhost,", "--forks", str(spec.get("forks", 5))]
        if not spec.get("inventory"):
            command += ["-c", "local"]
        if spec.get("verbosity"):
            command.append("-" + "v" * spec["verbosity"])
        if spec.get("diff"):
            command.append("--diff")
        if spec.get("extra_vars"):
            command += ["-e", json.dumps(spec["extra_vars"])]
        with open(out_path, "wb") as out:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    env=self.environ(results_file, spec.get("env")), cwd=self.scratch,
                                    start_new_session=True)
        return dict(spec=spec, label=label, proc=proc, out=out_path, results=results_file)


def _kill_group(proc):
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)


def _tail(path, size=6000):
    with open(path, encoding="utf-8", errors="replace") as stream:
        return stream.read()[-size:]


def read_results(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def snapshot(*roots):
    """path -> (size, mtime) of every file under the roots."""
    files = {}
    for root in roots:
        for directory, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(directory, name)
                if os.path.isfile(path):
                    stat = os.stat(path)
                    files[path] = (stat.st_size, stat.st_mtime_ns)
    return files


def written_files(before, after):
    """The files of ``after`` that are new or changed since ``before`` (two snapshots)."""
    return sorted(path for path, stamp in after.items() if before.get(path) != stamp)


def write_playbook(path, plays):
    with open(path, "w", encoding="utf-8") as stream:
        yaml.safe_dump(plays, stream, sort_keys=False, width=200)
    return path


# ---------------------------------------------------------------------------- scenario playbooks
PLAYBOOKS = os.path.join(ROOT, "playbooks")
DEMO_SEED = os.path.join(PLAYBOOKS, "emulator", "demo-world.yml")
DEMO_INVENTORY = os.path.join(PLAYBOOKS, "inventory", "demo")
TEARDOWN = os.path.join(PLAYBOOKS, "teardown.yml")
ROLLOUT = os.path.join(PLAYBOOKS, "rollout.yml")


def scenario_playbooks():
    """The scenario playbooks (s1_... to s6_...) and the inventory-driven rollout, by file name."""
    names = sorted(name for name in os.listdir(PLAYBOOKS) if re.match(r"s\d+_.*\.yml$", name))
    return names + [os.path.basename(ROLLOUT)]


def scenario_specs(names=None, **options):
    """run_many specs that build every scenario side by side (they use VPCs of their own)."""
    return [dict(options, playbook=os.path.join(PLAYBOOKS, name), label=name, inventory=DEMO_INVENTORY)
            for name in names or scenario_playbooks()]


def secrets_of(state_file):
    """Every secret the emulator holds: seeded AccessKey secrets, and the secrets and tokens STS minted."""
    with open(state_file, encoding="utf-8") as stream:
        keys = json.load(stream)["keys"]
    found = set()
    for key in keys.values():
        found.update(value for value in (key.get("secret"), key.get("token")) if value)
    return found


# ---------------------------------------------------------------------------- reports
def refused_calls(emulator, since=0, until=None):
    """API calls that did not end well (refused, or answered by nobody) after seq ``since``."""
    bad = []
    for call in emulator.calls(since=since):
        if until is not None and call["seq"] > until:
            break
        if call["outcome"] != "ok" or call.get("dropped"):
            bad.append(call)
    return bad


def describe_call(call):
    text = "#%s %s %s/%s -> %s (HTTP %s, request id %s)" % (
        call["seq"], call.get("account"), call.get("product"), call.get("action"), call["outcome"], call.get("status"),
        call.get("request_id"))
    if call.get("dropped"):
        text += " [answer dropped after commit]"
    if call.get("replayed"):
        text += " [ClientToken replay]"
    return text


def explain(run, emulator=None, limit=25):
    """What went wrong in a run: failed tasks (module, message) and the calls the emulator refused."""
    lines = ["%s: rc=%s, %.1f s, recap %s" % (run.label, run.rc, run.seconds, dict(run.recap()))]
    for result in run.failed:
        body = result["result"]
        lines.append("  FAILED task %r (module %s) on %s: %s" % (
            result["task"], result["action"], result["host"], str(body.get("msg", body))[:800]))
        if body.get("code"):
            lines.append("    API code %s, request id %s" % (body.get("code"), body.get("request_id")))
    if emulator is not None:
        bad = refused_calls(emulator, run.first_seq, run.last_seq)
        failed_ids = set(r["result"].get("request_id") for r in run.failed)
        lines.append("  calls the emulator refused or dropped during the run: %d" % len(bad))
        shown = [c for c in bad if c.get("request_id") in failed_ids] + bad[-limit:]
        for call in sorted(dict((c["seq"], c) for c in shown).values(), key=lambda c: c["seq"]):
            marker = "  <== the failed task's call" if call.get("request_id") in failed_ids else ""
            lines.append("    " + describe_call(call) + marker)
    if not run.results:
        lines.append("  output:\n" + run.stdout[-4000:])
    return "\n".join(lines)


def assert_converged(run, emulator):
    """The run ended by itself, with rc 0 and no failed task."""
    assert not run.killed and run.rc == 0 and not run.failed and run.recap().get("failed", 0) == 0, \
        explain(run, emulator)
