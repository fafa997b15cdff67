# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/router_batches.py: one thread per router, one item at a time within a router."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import MAX_THREADS, run_per_router
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session
from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import Credentials


def session():
    return Session(Credentials("AK", "SK"), region="cn-hangzhou", client_factory=lambda product, config: object())


def test_routers_run_at_the_same_time_and_items_of_a_router_in_order():
    # Each router's first item waits for the other router's: only routers running at once get past the barrier.
    barrier = threading.Barrier(2, timeout=30)
    seen = {"tr-1": [], "tr-2": []}

    def work(thread_session, item):
        router, name = item
        if name.endswith("a"):
            barrier.wait()
        seen[router].append((name, threading.current_thread().name, thread_session))
        return name.upper()

    items = [("tr-1", "1a"), ("tr-2", "2a"), ("tr-1", "1b"), ("tr-1", "1c")]
    outcomes = run_per_router(session(), [(router, (router, name)) for router, name in items], work)

    assert [o.value for o in outcomes] == ["1A", "2A", "1B", "1C"]
    assert all(o.ok for o in outcomes)
    assert [name for name, _thread, _session in seen["tr-1"]] == ["1a", "1b", "1c"]
    # A router's items in one thread, the two routers in two.
    assert [len(set(thread for _name, thread, _session in entries)) for entries in seen.values()] == [1, 1]
    assert seen["tr-1"][0][1] != seen["tr-2"][0][1]
    # Each thread has a Session of its own (own SDK clients), all with the task's deadline.
    sessions = [entries[0][2] for entries in seen.values()]
    assert sessions[0] is not sessions[1] and sessions[0].deadline is sessions[1].deadline


def test_many_routers_share_at_most_max_threads_and_every_item_runs():
    lock = threading.Lock()
    running, most, threads = [0], [0], set()

    def work(_thread_session, item):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
            threads.add(threading.current_thread().name)
        threading.Event().wait(0.01)  # long enough for the threads to overlap
        with lock:
            running[0] -= 1
        return item

    keyed = [("tr-%d" % (n % 40), n) for n in range(80)]
    outcomes = run_per_router(session(), keyed, work)

    assert [o.value for o in outcomes] == list(range(80))
    assert len(threads) == MAX_THREADS and most[0] <= MAX_THREADS


def test_a_failure_stops_its_router_only():
    def work(_thread_session, item):
        if item == "1a":
            raise AlicloudError("Some.Code", "refused")
        return item

    outcomes = run_per_router(session(), [("tr-1", "1a"), ("tr-2", "2a"), ("tr-1", "1b"), ("tr-2", "2b")], work)

    assert str(outcomes[0].error) == "Some.Code: refused" and not outcomes[0].ok
    assert outcomes[2].skipped and outcomes[2].error is None and outcomes[2].value is None
    assert [outcomes[1].value, outcomes[3].value] == ["2a", "2b"]


def test_without_stop_on_error_every_item_runs():
    def work(_thread_session, item):
        raise AlicloudError(None, "bad %s" % item)

    outcomes = run_per_router(session(), [("tr-1", "a"), ("tr-1", "b")], work, stop_on_error=False)

    assert [o.error.message for o in outcomes] == ["bad a", "bad b"]
    assert not any(o.skipped for o in outcomes)


def test_a_bug_is_raised_in_the_callers_thread():
    def work(_thread_session, item):
        return {}[item]

    with pytest.raises(KeyError):
        run_per_router(session(), [("tr-1", "a")], work)
