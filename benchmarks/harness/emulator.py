# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run an ``alicloud-emulator serve`` process and read its admin API."""

import json
import os
import subprocess
import sys
import time
import urllib.request

import yaml

PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def direct_environ(base=None):
    """A copy of the environment without proxy variables: the SDK ignores NO_PROXY, loopback must be direct."""
    environ = dict(os.environ if base is None else base)
    for name in PROXY_VARIABLES:
        environ.pop(name, None)
    return environ


class Emulator:
    """An emulator process on a free loopback port, seeded from a dict; use it as a context manager."""

    def __init__(self, seed, workdir, transition_seconds=0.5, start_timeout=60):
        self.seed = seed
        self.workdir = workdir
        self.transition_seconds = transition_seconds
        self.start_timeout = start_timeout
        self.url = None
        self.process = None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def endpoint(self):
        """``127.0.0.1:PORT``, the form the SDK's Config takes."""
        return self.url.split("://", 1)[1]

    def start(self):
        os.makedirs(self.workdir, exist_ok=True)
        seed_path = os.path.join(self.workdir, "seed.yml")
        with open(seed_path, "w", encoding="utf-8") as handle:
            yaml.safe_dump(self.seed, handle, sort_keys=False)
        log_path = os.path.join(self.workdir, "emulator.log")
        command = [sys.executable, "-m", "alicloud_emulator", "serve", "--host", "127.0.0.1", "--port", "0",
                   "--seed", seed_path, "--transition-seconds", str(self.transition_seconds)]
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            env=direct_environ())
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            with open(log_path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
            for line in text.splitlines():
                if line.startswith("listening on http://"):
                    self.url = line.split()[2]
                    return self
            if self.process.poll() is not None:
                raise RuntimeError("the emulator exited before listening:\n" + text)
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the emulator did not listen within %s s (log: %s)" % (self.start_timeout, log_path))

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def admin(self, path, method="GET", body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + "/_emulator/" + path, data=data, method=method)
        with self._opener.open(request, timeout=60) as response:
            return json.loads(response.read().decode("utf-8"))

    def calls(self, since=0):
        """The call log after sequence number ``since``."""
        answer = self.admin("calls?since=%d" % since)
        return answer["calls"] if isinstance(answer, dict) else answer

    def last_seq(self):
        calls = self.calls()
        return calls[-1]["seq"] if calls else 0

    def state(self):
        return self.admin("state")
