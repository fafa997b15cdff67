"""The emulator's whole state: accounts, keys, resources, pending transitions.

Everything here is plain JSON-able data so that ``--state-file`` can write it and
read it back. The server holds :attr:`World.lock` while a handler runs; handlers
never block (latency faults are applied outside the lock), so one lock keeps the
rules consistent without serialising clients behind slow requests.

Resources live in tables: ``world.table(kind)`` is a dict ``id -> record``. A
record is the service's own dict (API field names, e.g. ``CenId``, ``Status``)
plus two bookkeeping keys every record has: ``_account`` (owner UID) and
``_region`` (region id or ``None`` for global resources).

Async states are data too: :meth:`World.schedule` queues "at time T set these
fields on record K/ID" (or delete it); :meth:`World.tick` applies what is due and
runs before every request and every admin read.
"""

import hashlib
import json
import os
import tempfile
import threading
import time

from alicloud_emulator import critical_path

STATE_VERSION = 1


class World(object):
    def __init__(self, transition_seconds=0.5, state_file=None, clock=time.time):
        self.lock = threading.RLock()
        self.transition_seconds = float(transition_seconds)
        self.state_file = state_file
        self.clock = clock
        self.seed_doc = {}
        self._reset_data()

    # ------------------------------------------------------------------ data
    def _reset_data(self):
        self.accounts = {}  # uid -> {"uid", "name", "roles": {name: {"trusted": [uid]}}}
        self.keys = {}  # access key id -> {"secret", "uid", "token", "expires", "role", "session"}
        self.tables = {}  # kind -> {id: record}
        self.pending = []  # [{"due", "kind", "id", "set", "delete"}], sorted by due
        self.transitions = []  # every transition started, for critical_path (not saved in the state file)
        self.client_tokens = {}  # "uid|product|action|token" -> {"digest", "response"}
        self.counter = 0
        self.frozen = set()  # kinds whose transitions never settle (fault: stuck)
        self.transit_router_zones = {}  # region -> its zones with transit routers, where the seed overrides geography

    def clear(self):
        """Forget everything (accounts, keys, resources, transitions, tokens)."""
        self._reset_data()

    def table(self, kind):
        return self.tables.setdefault(kind, {})

    def records(self, kind, account=None, region=None):
        """Records of ``kind``, optionally only one owner's and/or one region's."""
        out = []
        for rec in self.table(kind).values():
            if account is not None and rec.get("_account") != account:
                continue
            if region is not None and rec.get("_region") != region:
                continue
            out.append(rec)
        return out

    def put(self, kind, rid, record, account, region=None):
        record = dict(record)
        record["_account"] = str(account)
        record["_region"] = region
        self.table(kind)[rid] = record
        return record

    def get(self, kind, rid):
        return self.table(kind).get(rid)

    def delete(self, kind, rid):
        self.table(kind).pop(rid, None)
        self.pending = [p for p in self.pending if not (p["kind"] == kind and p["id"] == rid)]

    def new_id(self, prefix, length=20):
        """A fresh id such as ``cen-3k9x...``: lower-case alphanumerics, unique in this world."""
        self.counter += 1
        digest = hashlib.sha256(("%s/%d/%s" % (prefix, self.counter, id(self))).encode()).hexdigest()
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        num = int(digest, 16)
        chars = []
        for _ in range(length):
            num, rem = divmod(num, 36)
            chars.append(alphabet[rem])
        return "%s-%s" % (prefix, "".join(chars))

    def now(self):
        return self.clock()

    # ----------------------------------------------------------- transitions
    def schedule(self, kind, rid, set_fields=None, delete=False, delay=None):
        """After ``delay`` (default: the world's transition time) set fields or delete the record."""
        start = self.now()
        due = start + (self.transition_seconds if delay is None else delay)
        holds, needs = critical_path.keys_of(self, kind, rid, self.table(kind).get(rid) or {})
        self.transitions.append({"seq": len(self.transitions) + 1, "kind": kind, "id": rid, "start": start,
                                 "seconds": due - start, "holds": sorted(holds), "needs": sorted(needs)})
        self.pending.append({"due": due, "kind": kind, "id": rid, "set": dict(set_fields or {}), "delete": bool(delete)})
        self.pending.sort(key=lambda p: p["due"])
        if self.transition_seconds == 0 and delay is None:
            self.tick()

    def is_pending(self, kind, rid):
        return any(p["kind"] == kind and p["id"] == rid for p in self.pending)

    def tick(self):
        """Apply every transition that is due. Returns True when anything changed."""
        now = self.now()
        changed = False
        keep = []
        for item in self.pending:
            if item["due"] > now or item["kind"] in self.frozen:
                keep.append(item)
                continue
            rec = self.table(item["kind"]).get(item["id"])
            if rec is None:
                continue
            if item["delete"]:
                self.table(item["kind"]).pop(item["id"], None)
            else:
                rec.update(item["set"])
            changed = True
        self.pending = keep
        if changed:
            self.save()
        return changed

    # ------------------------------------------------------------ persistence
    def to_dict(self):
        return {
            "version": STATE_VERSION,
            "accounts": self.accounts,
            "keys": self.keys,
            "tables": self.tables,
            "pending": self.pending,
            "client_tokens": self.client_tokens,
            "counter": self.counter,
            "frozen": sorted(self.frozen),
            "transit_router_zones": self.transit_router_zones,
        }

    def load_dict(self, doc):
        if doc.get("version") != STATE_VERSION:
            raise ValueError("state file version %r is not %d" % (doc.get("version"), STATE_VERSION))
        self._reset_data()
        self.accounts = doc["accounts"]
        self.keys = doc["keys"]
        self.tables = doc["tables"]
        self.pending = doc["pending"]
        self.client_tokens = doc["client_tokens"]
        self.counter = doc["counter"]
        self.frozen = set(doc.get("frozen", []))
        self.transit_router_zones = doc.get("transit_router_zones", {})

    def save(self):
        """Write the state file atomically (write a temporary file, fsync, rename)."""
        if not self.state_file:
            return
        directory = os.path.dirname(os.path.abspath(self.state_file))
        fd, tmp = tempfile.mkstemp(prefix=".state-", dir=directory)
        try:
            with os.fdopen(fd, "w") as handle:
                # In the tables' own order: listings answer in the order records were made, before and after a
                # restart (sorting the keys here once made a restarted emulator list by id instead).
                json.dump(self.to_dict(), handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.state_file)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def load_state_file(self):
        """Reload the state file if it exists. Returns True when state was loaded."""
        if not self.state_file or not os.path.exists(self.state_file):
            return False
        with open(self.state_file) as handle:
            self.load_dict(json.load(handle))
        return True
