"""Fault injection: rules that make chosen calls fail, slow down or lose their answer.

A rule is a dict (from ``--faults FILE`` or ``POST /_emulator/faults``)::

    {"fault": "throttle", "product": "cbn", "action": "Create*", "count": 2, "retry_after_ms": 500}

``fault`` is one of

* ``throttle``: HTTP 400 ``Throttling.User`` with the header ``x-acs-retry-after: <retry_after_ms>``
  (default 1000), which the SDK raises as ``ThrottlingException``;
* ``internal_error``: HTTP 500 ``InternalError``;
* ``unavailable``: HTTP 503 ``ServiceUnavailable``;
* ``latency``: sleep ``seconds`` before the call runs (outside the world lock);
* ``drop_after_commit``: a write runs and is saved, then the connection is closed
  without an answer (only write operations match);
* ``stuck``: transitions of the resource kind ``resource`` (a table name such as
  ``cen`` or ``cen_attachment``) never settle while the rule is in place.

``product`` and ``action`` are shell-style globs (default ``*``). A rule fires on
every matching call, or on the first ``count`` matching calls, or at random with
probability ``rate`` (drawn from one RNG seeded with ``seed``, default 0, so a run is
reproducible). With ``once: true`` a rule fires at most once for each distinct request
(same account, operation and parameters): the retry of a request it failed -- or whose
answer it dropped -- goes through, as the first attempt of every other request is hit.
The file form is either a list of rules or ``{"seed": N, "rules": [...]}``.
"""

import fnmatch
import random
import threading

from alicloud_emulator.errors import ApiError

KINDS = ("throttle", "internal_error", "unavailable", "latency", "drop_after_commit", "stuck")
_KEYS = {
    "fault", "product", "action", "rate", "count", "retry_after_ms", "seconds", "resource", "once",
}


class FaultError(ValueError):
    """A rule that cannot be understood."""


class Rule(object):
    def __init__(self, doc):
        if not isinstance(doc, dict):
            raise FaultError("a fault rule must be a mapping, not %r" % (doc,))
        unknown = set(doc) - _KEYS
        if unknown:
            raise FaultError("unknown fault rule keys: %s" % ", ".join(sorted(unknown)))
        self.fault = doc.get("fault")
        if self.fault not in KINDS:
            raise FaultError("fault must be one of %s, not %r" % (", ".join(KINDS), self.fault))
        self.product = str(doc.get("product", "*"))
        self.action = str(doc.get("action", "*"))
        self.rate = doc.get("rate")
        self.count = doc.get("count")
        if self.rate is not None and self.count is not None:
            raise FaultError("a fault rule takes rate or count, not both")
        if self.rate is not None and (not isinstance(self.rate, (int, float)) or not 0 <= self.rate <= 1):
            raise FaultError("rate must be a number from 0 to 1")
        if self.count is not None and (not isinstance(self.count, int) or self.count < 0):
            raise FaultError("count must be a non-negative integer")
        self.retry_after_ms = doc.get("retry_after_ms", 1000)
        if not isinstance(self.retry_after_ms, int) or self.retry_after_ms <= 0:
            raise FaultError("retry_after_ms must be a positive integer")
        self.seconds = doc.get("seconds", 0)
        if not isinstance(self.seconds, (int, float)) or self.seconds < 0:
            raise FaultError("seconds must be a non-negative number")
        if self.fault == "latency" and "seconds" not in doc:
            raise FaultError("a latency rule needs seconds")
        self.resource = doc.get("resource")
        if self.fault == "stuck" and not self.resource:
            raise FaultError("a stuck rule needs resource (a resource kind such as cen)")
        self.once = doc.get("once", False)
        if not isinstance(self.once, bool):
            raise FaultError("once must be true or false")
        if self.once and self.fault in ("latency", "stuck"):
            raise FaultError("once applies to rules that fail or drop a request, not to %s" % self.fault)
        self.hit = set()  # the requests a once rule fired on
        self.fired = 0
        self.doc = dict(doc)

    def matches(self, product, action):
        return fnmatch.fnmatchcase(product, self.product) and fnmatch.fnmatchcase(action, self.action)

    def error(self):
        if self.fault == "throttle":
            return ApiError("Throttling.User", "Request was denied due to user flow control.", 400,
                            {"x-acs-retry-after": str(self.retry_after_ms)})
        if self.fault == "internal_error":
            return ApiError("InternalError", "The request processing has failed due to some unknown error, exception or failure.", 500)
        return ApiError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503)


class Faults(object):
    """The rules in force; thread-safe."""

    def __init__(self, rules=(), seed=0):
        self._lock = threading.Lock()
        self.seed = seed
        self.rules = []
        self.rng = random.Random(seed)
        self.replace(rules)

    @staticmethod
    def parse(doc):
        """``(rules, seed)`` from a file or request body document."""
        seed = 0
        if isinstance(doc, dict):
            unknown = set(doc) - {"seed", "rules"}
            if unknown:
                raise FaultError("unknown fault file keys: %s" % ", ".join(sorted(unknown)))
            seed = doc.get("seed", 0)
            doc = doc.get("rules", [])
        if doc is None:
            doc = []
        if not isinstance(doc, list):
            raise FaultError("faults must be a list of rules")
        return [Rule(item) for item in doc], seed

    def replace(self, rules, seed=None):
        """Put ``rules`` (Rule objects or dicts) in force instead of the current ones."""
        rules = [r if isinstance(r, Rule) else Rule(r) for r in rules]
        with self._lock:
            self.rules = rules
            if seed is not None:
                self.seed = seed
            self.rng = random.Random(self.seed)

    def stuck_kinds(self):
        return {rule.resource for rule in self.rules if rule.fault == "stuck"}

    def _fires(self, rule, request):
        if rule.once and request in rule.hit:
            return False
        if rule.count is not None:
            if rule.fired >= rule.count:
                return False
        elif rule.rate is not None and self.rng.random() >= rule.rate:
            return False
        rule.fired += 1
        if rule.once:
            rule.hit.add(request)
        return True

    def before(self, product, action, request=None):
        """``(latency seconds, ApiError or None)`` for a call about to run.

        ``request`` identifies the request for ``once`` rules (account, operation, parameters).
        """
        delay = 0.0
        with self._lock:
            for rule in self.rules:
                if rule.fault in ("stuck", "drop_after_commit") or not rule.matches(product, action):
                    continue
                if rule.fault == "latency":
                    if self._fires(rule, request):
                        delay += rule.seconds
                elif self._fires(rule, request):
                    return delay, rule.error()
        return delay, None

    def drop_after(self, product, action, request=None):
        """True when the answer to this (committed) write must be dropped."""
        with self._lock:
            for rule in self.rules:
                if rule.fault == "drop_after_commit" and rule.matches(product, action) and self._fires(rule, request):
                    return True
        return False

    def describe(self):
        with self._lock:
            return [dict(rule.doc, fired=rule.fired) for rule in self.rules]
