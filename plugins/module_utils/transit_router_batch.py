# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The batch form of ``transit_router``: the routers of one CEN in several regions (``routers``), in one task.

In three passes:

1. every item's options are checked without a call (transit_router.checked_router_params), and no region may be
   listed twice (a CEN has one router a region);
2. per region, in parallel (router_batches.run_per_router): the item's router is read and its change planned
   (transit_router.plan_router: reads and checks only). A problem with any item fails the task, naming every
   item concerned, before anything is written;
3. per region, in parallel: each item's changes (create, update or delete, and its wait). A failing item fails
   the task naming it, once the other regions are done, with ``results`` saying what was done.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import make_diff
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_per_router
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import (
    checked_router_params,
    plan_router,
    transit_router,
)

# The options of one router: given at the top for one router, in each item of ``routers`` for a batch.
ROUTER_OPTIONS = ("region", "name", "description", "tags")


def transit_router_task(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router: one router, or a batch (routers)."""
    if params.get("routers") is None:
        return transit_router(session, params, check_mode)
    return _batch(session, params, check_mode)


def _batch(session, params, check_mode):
    """``results`` one entry per item, in order."""
    shared = dict((k, v) for k, v in params.items() if k not in ROUTER_OPTIONS + ("routers",))
    items, problems, listed = [], [], {}
    for index, given in enumerate(params["routers"]):
        item = dict(index=index, params=dict(shared, **given), text="routers[%d] (%s)" % (index, given.get("region")))
        try:
            item["region"] = checked_router_params(session, item["params"])
        except AlicloudError as exc:
            problems.append("%s: %s" % (item["text"], exc.message))
            continue
        if item["region"] in listed:
            problems.append("%s: region: the region is listed twice (also %s); a CEN has one transit router "
                            "a region" % (item["text"], listed[item["region"]]))
        listed.setdefault(item["region"], "routers[%d]" % index)
        items.append(item)
    if problems:
        raise AlicloudError(None, "nothing was changed: %s" % "; ".join(problems))
    keyed = [(item["region"], item) for item in items]
    planned = run_per_router(session, keyed, lambda own, item: plan_router(own, item["params"], check_mode,
                                                                           item["region"]), stop_on_error=False)
    problems = ["%s: %s" % (item["text"], outcome.error.message) for item, outcome in zip(items, planned)
                if outcome.error]
    if problems:
        raise AlicloudError(None, "nothing was changed: %s" % "; ".join(problems))
    finishes = dict((item["index"], outcome.value) for item, outcome in zip(items, planned))
    done = run_per_router(session, keyed, lambda own, item: finishes[item["index"]](own))
    return _outcome(items, done)


def _entry(item, result):
    return dict(region=item["region"], transit_router_id=result.get("transit_router_id"),
                changed=bool(result.get("changed")), transit_router=result.get("transit_router") or {})


def _outcome(items, outcomes):
    """The task's result (or its failure): ``results``, one entry per item in order, and ``diff`` by region."""
    entries, failures, done = [], [], []
    before, after = {}, {}
    for item, outcome in zip(items, outcomes):
        if outcome.error:
            error = outcome.error
            entries.append(dict(_entry(item, error.result or {}), changed=error.changed, error=str(error)))
            failures.append("%s: %s" % (item["text"], error))
            if error.changed:
                done.append("%s (partly)" % item["text"])
            continue
        result = outcome.value
        entries.append(_entry(item, result))
        if result.get("changed"):
            done.append(item["text"])
            before[item["region"]] = result.get("diff", {}).get("before") or {}
            after[item["region"]] = result.get("diff", {}).get("after") or {}
    changed = bool(done)
    if failures:
        raise AlicloudError(None, "%s; changed: %s; a re-run of the task does the rest"
                            % ("; ".join(failures), ", ".join(done) or "nothing"), changed=changed,
                            result=dict(results=entries))
    result = dict(changed=changed, results=entries)
    if changed:
        result["diff"] = make_diff(before, after)
    return result
