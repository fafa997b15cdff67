# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core of ``transit_router_vpc_attachment``: one VPC (transit_router_vpc.py), or many with ``attachments``.

A batch, in four passes:

1. every item's options are checked without a call (transit_router_vpc.checked_vpc_params), and no VPC may be
   listed twice;
2. each item's router is found (one read per router named; a router check mode would create needs none);
3. per router, in parallel (router_batches.run_per_router): the router's VPC attachments are listed once and each
   item is planned (plan_vpc_attachment: reads and checks only). A problem with any item fails the task, naming
   every item concerned, before anything is written;
4. per router, in parallel: the items' changes, one item after the other (a router takes one operation at a
   time), each waiting for its changes to settle before the next starts (the router's last item waits only with
   ``wait``). A failure stops the rest of that router's items, the other routers go on, and the task fails naming
   the item, with ``results`` saying what was done.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import make_diff
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_per_router
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    list_vpc_attachments,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_vpc import (
    checked_vpc_params,
    one_vpc_attachment,
    plan_vpc_attachment,
    predicted_router,
    predicted_router_result,
    vpc_router,
)

# The options of one VPC: given at the top for one VPC, in each item of ``attachments`` for a batch.
VPC_OPTIONS = ("transit_router_id", "cen_id", "region", "vpc_id", "vpc_owner_id", "zone_mappings", "name",
               "description", "auto_publish_route", "route_table_id", "tags")


def transit_router_vpc_attachment(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_vpc_attachment: one VPC (vpc_id) or a batch (attachments)."""
    if params.get("attachments") is None:
        return one_vpc_attachment(session, params, check_mode)
    return _batch(session, params, check_mode)


class _Item:
    """One VPC of a batch: its options (the task's shared ones included) and what the passes found."""

    def __init__(self, index, params):
        self.index = index
        self.params = params
        self.text = "attachments[%d] (%s)" % (index, params.get("vpc_id"))
        self.region = self.owner = self.table_option = self.router = None
        self.finish = None

    @property
    def router_id(self):
        return self.router["TransitRouterId"]


def _checked_items(session, params):
    """Pass 1: the items, each checked without a call; one error naming every item with a problem."""
    shared = dict((k, v) for k, v in params.items() if k not in VPC_OPTIONS + ("attachments",))
    items, problems, listed = [], [], {}
    for index, given in enumerate(params["attachments"]):
        item = _Item(index, dict(shared, **given))
        if given["vpc_id"] in listed:
            problems.append("%s: vpc_id: the VPC is listed twice (also %s)" % (item.text, listed[given["vpc_id"]]))
        listed.setdefault(given["vpc_id"], "attachments[%d]" % index)
        try:
            item.region, item.owner, item.table_option = checked_vpc_params(session, item.params)
        except AlicloudError as exc:
            problems.append("%s: %s" % (item.text, exc.message))
            continue
        items.append(item)
    if problems:
        raise AlicloudError(None, "nothing was changed: %s" % "; ".join(problems))
    return items


def _batch(session, params, check_mode):
    items = _checked_items(session, params)
    results = {}
    known, problems = {}, []
    for item in items:  # pass 2
        if predicted_router(item.params, check_mode):
            results[item.index] = predicted_router_result(item.params, item.region, item.owner, item.table_option)
            continue
        try:
            item.router = vpc_router(session, item.params, item.region, known)
        except AlicloudError as exc:
            problems.append("%s: %s" % (item.text, exc.message))
    if problems:
        raise AlicloudError(None, "nothing was changed: %s" % "; ".join(problems))
    routed = [item for item in items if item.router is not None]
    last = dict((item.router_id, item) for item in routed)
    for item in routed:
        # Within a router, each item's changes settle before the next item's first write.
        item.params = dict(item.params, wait=item.params["wait"] or last[item.router_id] is not item)

    listings, tables = {}, {}

    def plan(thread_session, item):  # pass 3, in the router's thread
        if item.router_id not in listings:
            listings[item.router_id] = dict(
                (a["VpcId"], a) for a in list_vpc_attachments(thread_session, TransitRouterId=item.router_id))
        item.finish = plan_vpc_attachment(thread_session, item.params, check_mode, item.router, item.owner,
                                          item.table_option, listings[item.router_id].get(item.params["vpc_id"]),
                                          tables)

    planned = run_per_router(session, [(item.router_id, item) for item in routed], plan, stop_on_error=False)
    problems = ["%s: %s" % (item.text, outcome.error.message) for item, outcome in zip(routed, planned)
                if outcome.error]
    if problems:
        raise AlicloudError(None, "nothing was changed: %s" % "; ".join(problems))
    done = run_per_router(session, [(item.router_id, item) for item in routed],
                          lambda _thread_session, item: item.finish())  # pass 4
    for item, outcome in zip(routed, done):
        results[item.index] = outcome
    return _outcome(items, results)


def _entry(item, result):
    router_id = item.router_id if item.router else item.params.get("transit_router_id")
    return dict(vpc_id=item.params["vpc_id"], transit_router_id=router_id, changed=bool(result.get("changed")),
                transit_router_attachment_id=result.get("transit_router_attachment_id"),
                attachment=result.get("attachment") or {})


def _outcome(items, results):
    """The task's result (or its failure): ``results``, one entry per item in order, and ``diff`` by VPC."""
    entries, failures, done = [], [], []
    before, after = {}, {}
    for item in items:
        outcome = results[item.index]
        if isinstance(outcome, dict):  # a router check mode would create
            result = outcome
        elif outcome.ok:
            result = outcome.value
        elif outcome.skipped:
            entries.append(dict(_entry(item, {}), error="not attempted: an earlier item on its router failed"))
            failures.append("%s on %s: not attempted after that" % (item.text, item.router_id))
            continue
        else:
            error = outcome.error
            entry = dict(_entry(item, error.result), changed=error.changed, error=str(error))
            entries.append(entry)
            failures.append("%s on %s: %s" % (item.text, item.router_id, error))
            if error.changed:
                done.append("%s (partly)" % item.text)
            continue
        entries.append(_entry(item, result))
        if result.get("changed"):
            done.append(item.text)
            vpc_id = item.params["vpc_id"]
            before[vpc_id] = result.get("diff", {}).get("before") or {}
            after[vpc_id] = result.get("diff", {}).get("after") or {}
    changed = bool(done)
    if failures:
        text = "; ".join(failures)
        text += "; changed: %s" % (", ".join(done) or "nothing")
        raise AlicloudError(None, text + "; a re-run of the task does the rest", changed=changed,
                            result=dict(results=entries))
    result = dict(changed=changed, results=entries)
    if changed:
        result["diff"] = make_diff(before, after)
    return result
