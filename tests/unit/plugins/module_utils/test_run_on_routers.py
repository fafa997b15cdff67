# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""router_batches.run_on_routers: items that take several routers each (the links of
transit_router_peer_attachment) run at once unless they share a router."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import itertools
import threading
import time

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_on_routers


class FakeSession(object):
    """What run_on_routers uses of a Session: a twin per thread, and the wait statistics."""

    def __init__(self, settle_times=None):
        self.settle_times = dict(settle_times or {})
        self.twins = []

    def for_thread(self):
        twin = FakeSession(self.settle_times)
        self.twins.append(twin)
        return twin


class Routers(object):
    """Records which routers the items in flight hold, failing when two hold the same one."""

    def __init__(self):
        self.lock = threading.Lock()
        self.held = set()
        self.clashes = []
        self.most = 0
        self.in_flight = 0

    def enter(self, routers):
        with self.lock:
            if self.held & set(routers):
                self.clashes.append(routers)
            self.held |= set(routers)
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)

    def leave(self, routers):
        with self.lock:
            self.held -= set(routers)
            self.in_flight -= 1


def test_items_of_disjoint_routers_run_at_the_same_time():
    both_in_flight = threading.Barrier(2, timeout=30)  # broken (an error) unless both items wait here together

    def work(_session, item):
        both_in_flight.wait()
        return item

    outcomes = run_on_routers(FakeSession(), [(("tr-a", "tr-b"), "a-b"), (("tr-c", "tr-d"), "c-d")], work)
    assert [(o.value, o.error, o.ok) for o in outcomes] == [("a-b", None, True), ("c-d", None, True)]


def test_items_sharing_a_router_never_run_at_the_same_time():
    routers = Routers()
    mesh = list(itertools.combinations(["tr-a", "tr-b", "tr-c", "tr-d", "tr-e", "tr-f"], 2))

    def work(_session, pair):
        routers.enter(pair)
        time.sleep(0.001)  # lets the other threads run meanwhile
        routers.leave(pair)
        return pair

    outcomes = run_on_routers(FakeSession(), [(pair, pair) for pair in mesh], work)
    assert [o.value for o in outcomes] == mesh
    assert routers.clashes == [] and routers.held == set()


def test_an_item_whose_router_is_free_does_not_wait_for_an_earlier_one_that_is_blocked():
    started = []
    release_first = threading.Event()

    def work(_session, name):
        started.append(name)
        if name == "a-b":
            release_first.wait(30)  # held until c-d has run
        if name == "c-d":
            release_first.set()
        return name

    items = [(("tr-a", "tr-b"), "a-b"), (("tr-b", "tr-c"), "b-c"), (("tr-c", "tr-d"), "c-d")]
    outcomes = run_on_routers(FakeSession(), items, work)
    assert [o.value for o in outcomes] == ["a-b", "b-c", "c-d"]
    assert started.index("c-d") < started.index("b-c")


def test_a_failure_stops_no_other_item():
    def work(_session, name):
        if name == "a-b":
            raise AlicloudError("OperationFailed.RouteEntryExist", "routes remain")
        return name

    items = [(("tr-a", "tr-b"), "a-b"), (("tr-a", "tr-c"), "a-c"), (("tr-b", "tr-c"), "b-c")]
    outcomes = run_on_routers(FakeSession(), items, work)
    assert outcomes[0].error.code == "OperationFailed.RouteEntryExist" and not outcomes[0].ok
    assert [(o.value, o.ok, o.skipped) for o in outcomes[1:]] == [("a-c", True, False), ("b-c", True, False)]


def test_a_bug_is_raised_once_every_item_has_ended():
    done = []

    def work(_session, name):
        if name == "a-b":
            raise KeyError("a bug")
        done.append(name)

    with pytest.raises(KeyError, match="a bug"):
        run_on_routers(FakeSession(), [(("tr-a", "tr-b"), "a-b"), (("tr-a", "tr-c"), "a-c")], work)
    assert done == ["a-c"]


def test_each_item_has_a_session_of_its_own_and_hands_on_what_its_waits_learnt():
    session = FakeSession({"attach": 3.0})
    seen = []

    def work(thread_session, name):
        seen.append((name, thread_session, dict(thread_session.settle_times)))
        thread_session.settle_times["attach"] = {"a-b": 2.0, "a-c": 2.5}[name]

    run_on_routers(session, [(("tr-a", "tr-b"), "a-b"), (("tr-a", "tr-c"), "a-c")], work)
    assert [s for _name, s, _times in seen] == session.twins and seen[0][1] is not seen[1][1]
    # a-c starts after a-b (they share tr-a) and knows what a-b's wait saw; the task keeps the shortest.
    assert seen[1][2] == {"attach": 2.0} and session.settle_times == {"attach": 2.0}


def test_no_items():
    assert run_on_routers(FakeSession(), [], lambda _session, _item: None) == []
