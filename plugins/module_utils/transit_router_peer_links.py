# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core of ``transit_router_peer_attachment``: one link (the task's own options, transit_router_peer.py), or
the batch ``links``.

A batch first plans every link by reading and checking only (``plan_peer_attachment``); any bad link stops the
task naming it, before any write. Then the links that have something to write run in parallel, each in a thread
of its own, such that no two links in flight share a transit router (router_batches.run_on_routers): a router
takes one operation at a time, so a link holds both its routers from its first write until its last change has
settled, and links of disjoint router pairs do not wait for each other. A link that fails is reported naming it;
the others are done all the same.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_on_routers
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_peer import (
    plan_peer_attachment,
    transit_router_peer_attachment_one,
)


def transit_router_peer_attachment(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_peer_attachment."""
    if params.get("links") is None:
        return transit_router_peer_attachment_one(session, params, check_mode)
    return _batch(session, params, check_mode)


def _label(index, link):
    return "links[%d]%s" % (index, " (%s)" % link["name"] if link.get("name") else "")


def _link_params(params, link):
    """The options of one link: the task's shared ones (cen_id, state, force, purge_tags, wait, ...) and its own."""
    merged = dict((key, value) for key, value in params.items() if key != "links")
    merged.update(link)
    if not (merged.get("transit_router_id") or merged.get("cen_id")):
        raise AlicloudError(None, "transit_router_id: give the link's transit_router_id, or the task's cen_id (with "
                                  "the link's region)")
    if not (merged.get("peer_transit_router_id") or merged.get("peer_region")):
        raise AlicloudError(None, "peer_region: give the link's peer_transit_router_id or peer_region")
    return merged


def _plan_links(session, params, check_mode):
    """``[(link params, routers, result, apply)]`` for every link (plan_peer_attachment); every problem of every
    link raised at once, naming the links, before any write."""
    plans, problems, memo, seen = [], [], {}, {}
    for index, link in enumerate(params["links"]):
        try:
            link_params = _link_params(params, link)
            plans.append((link_params,) + plan_peer_attachment(session, link_params, check_mode, memo))
        except AlicloudError as exc:
            problems.append("%s: %s" % (_label(index, link), exc))
            continue
        pair = frozenset(plans[-1][1])
        if pair in seen:
            problems.append("%s: joins the same transit routers (%s) as %s" % (
                _label(index, link), " and ".join(plans[-1][1]), _label(seen[pair], params["links"][seen[pair]])))
        seen.setdefault(pair, index)
    if problems:
        raise AlicloudError(None, "nothing was changed: %s" % "; ".join(problems))
    return plans


def _batch(session, params, check_mode):
    plans = _plan_links(session, params, check_mode)
    writing = [index for index, plan in enumerate(plans) if plan[3] is not None]
    uses = {}
    for index in writing:
        for router_id in plans[index][1]:
            uses[router_id] = uses.get(router_id, 0) + 1
    for index in writing:
        # The next link of a router may write only once this one's last change has settled, whatever wait says.
        if any(uses[router_id] > 1 for router_id in plans[index][1]):
            plans[index][0]["wait"] = True
    outcomes = dict(zip(writing, run_on_routers(session, [(plans[i][1], plans[i][3]) for i in writing],
                                                lambda thread_session, apply: apply(thread_session))))
    results, failures, diff = [], [], dict(before={}, after={})
    for index, (link, plan) in enumerate(zip(params["links"], plans)):
        outcome = outcomes.get(index)
        result = plan[2] if outcome is None else outcome.value
        if outcome is not None and outcome.error is not None:
            error = outcome.error
            failures.append((index, error))
            result = dict(error.result, changed=error.changed, failed=True, msg=str(error))
        entry = dict(link=link, changed=result["changed"],
                     transit_router_attachment_id=result.get("transit_router_attachment_id"),
                     attachment=result.get("attachment", {}))
        entry.update((key, result[key]) for key in ("failed", "msg") if key in result)
        results.append(entry)
        for side, view in (result.get("diff") or {}).items():
            if view:  # a link created has no before, one deleted no after
                diff[side][_label(index, link)] = view
    changed = any(entry["changed"] for entry in results)
    if failures:
        texts = ["%s: %s" % (_label(index, params["links"][index]), error) for index, error in failures]
        others = len(results) - len(failures)
        if others:
            texts.append("the other link is done" if others == 1 else "the other %d links are done" % others)
        raise AlicloudError(None, "; ".join(texts), changed=changed, result=dict(results=results))
    outcome = dict(changed=changed, results=results)
    if changed:
        outcome["diff"] = diff
    return outcome
