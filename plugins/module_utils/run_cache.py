# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the tasks of one playbook run share: reads that do not change during a run.

Each task runs in its own forked worker, so a task cannot hand anything to the next in memory. The
action door makes one RunCache when the controller's main process imports it (before any worker is
forked): a private directory (mode 0700) and a random key that only the run's processes hold. An entry
is a JSON file (mode 0600) whose name is an HMAC, under that key, of the credentials, endpoint and what
is cached: no secret is written, not even hashed with a key one could guess, and another run cannot read
the entries. The directory goes when the main process exits.

Only what a run does not change is cached (Session.caller_identity, vpc.get_vpc for the peering tasks):
the account a key acts as, a VPC's vRouter and CIDR blocks. A write never relies on it alone being right:
the API refuses a write on a VPC that has gone.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import atexit
import hashlib
import hmac
import json
import os
import shutil
import tempfile


class RunCache:
    """Entries in ``directory``, named by HMAC-SHA256 under ``key`` (bytes)."""

    def __init__(self, directory, key):
        self.directory = directory
        self._key = key

    @classmethod
    def for_run(cls):
        """A cache for this process and the workers it forks; removed when this process exits."""
        directory = tempfile.mkdtemp(prefix="alicloud-interconnect-run-")
        owner = os.getpid()
        atexit.register(lambda: os.getpid() == owner and shutil.rmtree(directory, ignore_errors=True))
        return cls(directory, os.urandom(32))

    def _path(self, scope, name):
        text = json.dumps([scope, name], sort_keys=True, default=str)
        return os.path.join(self.directory, hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest())

    def get(self, scope, name):
        """The value put for ``(scope, name)``, or None."""
        try:
            with open(self._path(scope, name)) as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def put(self, scope, name, value):
        """Keep ``value`` (JSON-able) for ``(scope, name)``; a failure to write only loses the entry."""
        path = self._path(scope, name)
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory)
            with os.fdopen(fd, "w") as handle:
                json.dump(value, handle)
            os.replace(tmp, path)
        except OSError:
            pass
