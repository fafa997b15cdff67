# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The polling schedule of wait_for (docs/performance.md, "Waits that track the resource"), on the fake clock:
a wait ends within 10 % of the moment its resource settles, and what that costs in reads."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import (
    MAX_INTERVAL, MIN_INTERVAL, next_interval, wait_for, wait_settled)


class Resource:
    """A resource that settles ``seconds`` after it was made; counts its reads."""

    def __init__(self, clock, seconds):
        self.clock, self.settles, self.reads = clock, clock() + seconds, 0

    def read(self):
        self.reads += 1
        return {"Status": "Active" if self.clock() >= self.settles else "Creating"}


def task(keys, clock, timeout=3600):
    return Session(keys, clock=clock, sleep=clock.sleep, timeout=timeout)


def settle(session, clock, seconds):
    """Wait for a resource that settles after ``seconds``: (how long the wait took, its reads)."""
    resource, start = Resource(clock, seconds), clock()
    wait_settled(session, resource.read, "CEN cen-1")
    return clock() - start, resource.reads


# The reads of the first wait of a kind in a task, as docs/performance.md lists them.
@pytest.mark.parametrize("seconds, reads", [(1, 11), (3, 23), (10, 36), (30, 47), (60, 54), (300, 71), (1800, 121)])
def test_a_wait_ends_within_a_tenth_of_the_moment_the_resource_settles(keys, clock, seconds, reads):
    took, read = settle(task(keys, clock), clock, seconds)
    assert seconds <= took <= seconds + max(min(0.1 * seconds, MAX_INTERVAL), MIN_INTERVAL)
    assert read == reads


def test_the_interval_grows_with_the_wait_between_its_bounds():
    assert [next_interval(t) for t in (0, 1, 2.5, 10, 100, 299, 301, 5000)] == [
        0.1, 0.1, 0.25, 1.0, 10.0, pytest.approx(29.9), 30.0, 30.0]


def test_a_wait_of_a_kind_the_task_saw_settle_sleeps_through_most_of_it(keys, clock):
    session = task(keys, clock)
    assert settle(session, clock, 3) == (pytest.approx(3.138, abs=1e-3), 23)  # last seen unsettled at 2.853 s
    assert settle(session, clock, 3) == (pytest.approx(3.138, abs=1e-3), 3)   # the next attach: at 0, 2.853, 3.138 s
    assert settle(session, clock, 1) == (pytest.approx(2.853, abs=1e-3), 2)   # one that settles sooner: at 2.853 s
    took, reads = settle(session, clock, 20)         # one that takes longer is followed as closely as the first
    assert 20 <= took <= 22 and reads < 26


def test_waits_of_other_kinds_learn_nothing_from_each_other(keys, clock):
    session = task(keys, clock)
    settle(session, clock, 10)
    resource = Resource(clock, 3)
    wait_for(session, resource.read, lambda r: r["Status"] == "Active", "another kind")
    assert resource.reads == 23
