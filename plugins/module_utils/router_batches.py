# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A batch of one task over several transit routers: one thread per router, one item at a time within it.

A transit router takes one operation at a time (a second one is refused as busy, ``Operation.Blocking``), but
routers are per region and never wait for each other. So a batch core groups its items by router and runs each
router's items, waits included, one after the other in a thread; the routers proceed in parallel (up to
MAX_THREADS at once, beyond which a router's chain waits for a thread to be free).

How a batch core uses it::

    from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_per_router

    outcomes = run_per_router(session, [(router_id, item) for ...], work)

* ``work(thread_session, item)`` is called for every item of one router in the order given, in the thread that
  took that router's chain, with the Session of that thread (``Session.for_thread``: the task's credentials,
  identity, deadline and run cache; SDK clients and wait statistics of its own, since those are not shared
  across threads; what the threads learned of waits is handed back to ``session`` once they have ended). It
  returns anything, or raises AlicloudError.
* The result is one ``Outcome`` per item, in the order given: ``value`` (what ``work`` returned), ``error`` (the
  AlicloudError it raised, else None) and ``skipped`` (True when ``work`` was not called because an earlier item
  of the same router failed, with ``stop_on_error``). The other routers' items are always run.
* An exception other than AlicloudError is a bug: it is raised again in the caller's thread, once every thread
  has ended.
* The key may be anything hashable that names the router (its id; a predicted id in check mode). A batch with a
  single router runs in a thread all the same: one way to run a batch.

An item that takes two routers at once (an inter-region attachment: both its ends) goes through
``run_on_routers`` instead, keyed by the routers it takes.

A core runs it twice: first to read and check every item (``stop_on_error=False``, nothing written, so that bad
input in any item stops the task before any write), then to make the changes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import queue
import sys
import threading

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError


class Outcome:
    """What became of one item of a batch (see the module's docstring)."""

    def __init__(self):
        self.value = None
        self.error = None
        self.skipped = False

    @property
    def ok(self):
        return self.error is None and not self.skipped


# The most threads a batch runs at once. A batch over the routers of a CEN has one per region, and gets them all;
# one over (account, region) lookups may have hundreds, which would start as many SDK clients for no gain: the
# calls of a task share the controller's cores and the account's API rate.
MAX_THREADS = 16


def run_per_router(session, keyed_items, work, stop_on_error=True):
    """Run ``work(thread_session, item)`` for every ``(router key, item)`` of ``keyed_items``: the items of a
    router one after the other, the routers at the same time - each router's chain in one of at most MAX_THREADS
    threads, which take the chains in the order of their first item. Returns one Outcome per item, in the order
    given."""
    outcomes = [Outcome() for _pair in keyed_items]
    chains = {}
    for index, (key, _item) in enumerate(keyed_items):
        chains.setdefault(key, []).append(index)
    bugs = []

    def chain(indexes, thread_session):
        try:
            for position, index in enumerate(indexes):
                try:
                    outcomes[index].value = work(thread_session, keyed_items[index][1])
                except AlicloudError as exc:
                    outcomes[index].error = exc
                    if stop_on_error:
                        for later in indexes[position + 1:]:
                            outcomes[later].skipped = True
                        return
        except Exception:  # a bug: raised again in the caller's thread
            bugs.append(sys.exc_info())

    waiting = queue.Queue()
    for indexes in chains.values():
        waiting.put(indexes)

    def worker(thread_session):
        while True:
            try:
                indexes = waiting.get_nowait()
            except queue.Empty:
                return
            chain(indexes, thread_session)

    sessions = [session.for_thread() for _slot in range(min(MAX_THREADS, len(chains)))]
    threads = [threading.Thread(target=worker, args=(thread_session,), name="batch worker %d" % slot)
               for slot, thread_session in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for thread_session in sessions:
        _learn(session, thread_session)
    if bugs:
        raise bugs[0][1].with_traceback(bugs[0][2])
    return outcomes


def run_on_routers(session, keyed_items, work):
    """The variant for items that each take several routers at once (an inter-region attachment takes both its
    ends): ``keyed_items`` are ``(router keys, item)``. Every item runs in a thread of its own (its Session from
    ``Session.for_thread``, whose wait statistics are handed to the items started after it), never at the same
    time as another item that takes one of its routers: an item starts as soon as none of its routers is taken,
    the earliest first. Nothing is skipped (a failure stops no other item); the Outcomes and bugs as for
    run_per_router."""
    outcomes = [Outcome() for _pair in keyed_items]
    pending = list(range(len(keyed_items)))
    taken = set()
    finished = queue.Queue()
    bugs = []

    def run(index, thread_session):
        try:
            outcomes[index].value = work(thread_session, keyed_items[index][1])
        except AlicloudError as exc:
            outcomes[index].error = exc
        except Exception:  # a bug: raised again in the caller's thread
            bugs.append(sys.exc_info())
        finally:
            finished.put((index, thread_session))

    running = 0
    while pending or running:
        for index in list(pending):
            keys = set(keyed_items[index][0])
            if not keys & taken:
                taken |= keys
                pending.remove(index)
                running += 1
                threading.Thread(target=run, args=(index, session.for_thread()),
                                 name="routers %s" % ", ".join(sorted(str(k) for k in keys))).start()
        index, thread_session = finished.get()
        running -= 1
        taken -= set(keyed_items[index][0])
        _learn(session, thread_session)
    if bugs:
        raise bugs[0][1].with_traceback(bugs[0][2])
    return outcomes


def _learn(session, thread_session):
    """Hand what a thread's waits saw (``settle_times``, waiters.wait_for) to ``session``: the shortest of each."""
    for place, seconds in thread_session.settle_times.items():
        session.settle_times[place] = min(seconds, session.settle_times.get(place, seconds))
