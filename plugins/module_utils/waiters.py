# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The task's time budget and the one waiter.

``wait_timeout`` is the budget of the whole task: the Session starts a Deadline when the module
starts, and every wait (``wait_for``) and every busy retry of the task draws on it. Time is read
and spent through the Session (``session.clock``, ``session.sleep``), never time.* directly, so
tests run on a fake clock.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError


class Deadline:
    """``seconds`` from now on ``clock`` (a monotonic clock): the time budget of one task."""

    def __init__(self, seconds, clock):
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self):
        """Seconds left, never below zero."""
        return max(self._end - self._clock(), 0.0)

    def expired(self):
        return self.remaining() <= 0

    def text(self):
        """How the budget is named in messages."""
        return "wait_timeout (%g seconds for the whole task)" % self.seconds


def _status(item):
    """The status of a resource dict: ``Status``, ``status``, or its one ``*Status`` field
    (``TransitRouterRouteTableStatus``); None when it has none."""
    if not isinstance(item, dict):
        return None
    for key in ("Status", "status"):
        if item.get(key) is not None:
            return item[key]
    named = [key for key in item if key.endswith("Status") and item[key] is not None]
    return item[named[0]] if len(named) == 1 else None


def describe_state(state):
    """A short text for the state a waiter last saw.

    A resource with a status reads ``status Creating``; a mapping of ids to such resources
    (a batch) reads ``vpc-1 Attaching, vpc-2 Attached``, ``none`` when empty.
    """
    if state is None:
        return "not found"
    if isinstance(state, dict):
        status = _status(state)
        if status is not None:
            return "status %s" % status
        if all(_status(item) is not None for item in state.values()):
            return ", ".join("%s %s" % (key, _status(state[key])) for key in sorted(state)) or "none"
    return json.dumps(state, sort_keys=True, default=str)[:200]


# The polling schedule of wait_for (docs/performance.md, "Waits that track the resource"): a wait ends at most
# LATENESS of its length after the state it awaits settles, polling no more often than MIN_INTERVAL (10 reads
# a second, in a wait's first second only) and at least every MAX_INTERVAL (past 300 s a wait may end up to
# MAX_INTERVAL late).
LATENESS = 0.1
MIN_INTERVAL = 0.1
MAX_INTERVAL = 30.0


def next_interval(elapsed):
    """Seconds to sleep before the next poll of a wait that has lasted ``elapsed`` seconds."""
    return min(max(LATENESS * elapsed, MIN_INTERVAL), MAX_INTERVAL)


def _place(fetch, ready):
    """What identifies a kind of wait: the code that reads the resource and the code that judges it (the same
    lines of a core wait for the same kind of transition)."""
    return getattr(fetch, "__code__", fetch), getattr(ready, "__code__", ready)


def wait_for(session, fetch, ready, what):
    """Poll ``fetch()`` until ``ready(state)``; return that state.

    Polls at once, then on the schedule of next_interval, so the wait ends within about 10 % of the moment
    the state settled. A wait of a kind the task has already seen settle (``session.settle_times``, by
    _place) first sleeps until the last moment such a wait still saw it unsettled (the shortest, if several),
    sparing the polls before it. Gives up at the
    task's deadline (``session.deadline``): raises AlicloudError(code="WaitTimeout") naming ``what`` and the
    last state. Callers do not wait in check mode, nor when the task says ``wait: false``.
    """
    deadline = session.deadline
    place = _place(fetch, ready)
    expected = session.settle_times.get(place)
    start = session.clock()
    pending = None  # when the resource was last seen not settled, seconds into the wait
    while True:
        state = fetch()
        elapsed = session.clock() - start
        if ready(state):
            if pending:
                session.settle_times[place] = min(pending, expected or pending)
            return state
        pending = elapsed
        remaining = deadline.remaining()
        if remaining <= 0:
            raise AlicloudError("WaitTimeout", "%s ran out waiting for %s; last seen: %s"
                                % (deadline.text(), what, describe_state(state)))
        pause = max(next_interval(elapsed), (expected or 0) - elapsed)
        session.sleep(min(pause, remaining))


def wait_settled(session, fetch, what, gone=False, status="Active", field="Status"):
    """Wait (wait_for) until the resource ``fetch()`` reads is gone (``gone``), or else its ``field`` is
    ``status``; ``what`` names it, like ``"CEN cen-1"``. Returns what ``fetch()`` read last."""
    if gone:
        return wait_for(session, fetch, lambda r: r is None, "%s to be deleted" % what)
    return wait_for(session, fetch, lambda r: r is not None and r.get(field) == status,
                    "%s to become %s" % (what, status))
