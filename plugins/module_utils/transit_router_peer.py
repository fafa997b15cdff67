# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inter-region (peer) attachments between two transit routers of a CEN (CBN 2017-09-12): one link of
``transit_router_peer_attachment`` (its batch form is transit_router_peer_links.py).

CreateTransitRouterPeerAttachment / UpdateTransitRouterPeerAttachmentAttribute /
DeleteTransitRouterPeerAttachment, and on each end (the task's router and the peer router) the
attachment's association with one route table of that router and its propagation there (each
router's System table unless told otherwise). One link joins two routers: the attachment is found
by its two routers, whichever end created it.

Both routers take one operation at a time: between two writes of a task the core waits (reading)
until the previous one has settled, whatever ``wait`` says (retries.BUSY_CODES covers the busy
answers of other tasks). The two routers do not wait for each other: once the attachment's own
changes have settled, each end's association and propagation run in a thread of that end's
router, both ends at the same time (``_run_link``).

A link is first planned by reading and checking only (``plan_peer_attachment``: bad input raises before
any write), then its writes are applied with the Session given (a batch runs them in threads of their own).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.geo import is_known_region
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import check_text, predicted, predicted_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    changed_fields,
    every_token_page,
    make_diff,
    snake_dict,
    tags_to_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_per_router
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import (
    apply_tags,
    compare_tags,
    tags_after,
    tags_to_list,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import (
    SERVICE_CLOSED_CODE,
    find_transit_router,
    list_transit_routers,
    service_closed,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    ATTACHMENT_GONE_CODE,
    LIST_PAGE_SIZE,
    NAME_MAX,
    DESCRIPTION_MAX,
    ROUTER_ROUTES_CODE,
    associations_of,
    do_steps,
    link_steps,
    list_peer_attachments,
    list_route_tables,
    propagation_of,
    run_steps,
    task_router,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_settled

TAG_RESOURCE_TYPE = "TransitRouterPeerAttachment"
_OPTION_OF = dict(TransitRouterAttachmentName="name", TransitRouterAttachmentDescription="description",
                  BandwidthType="bandwidth_type", Bandwidth="bandwidth", CenBandwidthPackageId="bandwidth_package_id",
                  DefaultLinkType="default_link_type")  # for messages


# ---------------------------------------------------------------------------
# The task's options, checked before any call
# ---------------------------------------------------------------------------

def _table_option(value, option):
    """A route-table option: a table id, None (the router's System table) or False (leave routing alone)."""
    if isinstance(value, str) and value.lower() == "false":
        value = False  # templated
    if value is True or (value is not None and value is not False and not isinstance(value, str)):
        raise AlicloudError(None, "%s: give a route table id (vtb-...), or false to leave the attachment's "
                                  "associations and propagations on that router alone, not %r" % (option, value))
    if isinstance(value, str):
        check_id(value, "vtb", option)
    return value


def _checked_peer_params(session, params, check_mode):
    """The options checked without any call: ``(region, local table option, peer table option)``."""
    for option in ("transit_router_id", "peer_transit_router_id", "cen_id"):
        if params.get(option) is not None and not predicted(params[option], option, check_mode):
            check_id(params[option], "cen" if option == "cen_id" else "tr", option)
    for option in ("region", "peer_region"):
        if params.get(option) is not None and not is_known_region(params[option]):
            raise AlicloudError(None, "%s: %r is not an Alibaba Cloud region (like cn-shanghai)"
                                % (option, params[option]))
    for option in ("name", "description"):
        if params.get(option) == "":
            raise AlicloudError(None, "%s: give a non-empty %s, or leave %s out to keep the attachment's %s"
                                % ((option,) * 4))
    check_text(params.get("name"), "name", NAME_MAX)
    check_text(params.get("description"), "description", DESCRIPTION_MAX)
    kind, package = params.get("bandwidth_type"), params.get("bandwidth_package_id")
    if package is not None:
        check_id(package, "cenbwp", "bandwidth_package_id")
        if kind == "DataTransfer":
            raise AlicloudError(None, "bandwidth_package_id: a DataTransfer attachment takes no bandwidth package; "
                                      "leave it out, or set bandwidth_type: BandwidthPackage")
    if params.get("bandwidth") is not None and params["bandwidth"] < 1:
        raise AlicloudError(None, "bandwidth: give 1 Mbit/s or more, not %d" % params["bandwidth"])
    if params.get("default_link_type") == "Platinum" and (kind == "BandwidthPackage" or package):
        raise AlicloudError(None, "default_link_type: Platinum needs bandwidth_type DataTransfer; a bandwidth "
                                  "package takes Gold only")
    region = params.get("region")
    if region is None and not params.get("transit_router_id"):
        region = session.require_region()
    return (region, _table_option(params.get("route_table_id"), "route_table_id"),
            _table_option(params.get("peer_route_table_id"), "peer_route_table_id"))


def _desired_bandwidth(params, current):
    """The bandwidth settings the task wants (wire names; None: leave as it is), checked against ``current``."""
    kind, package = params.get("bandwidth_type"), params.get("bandwidth_package_id")
    kind = kind or ("BandwidthPackage" if package else None)
    if current is None:
        kind = kind or "DataTransfer"
    if kind == "BandwidthPackage" and (current is None or current.get("BandwidthType") != kind):
        if not package:
            raise AlicloudError(None, "bandwidth_package_id: required with bandwidth_type BandwidthPackage (a CEN "
                                      "bandwidth package that covers both regions)")
        if params.get("bandwidth") is None:
            raise AlicloudError(None, "bandwidth: required with bandwidth_type BandwidthPackage (the Mbit/s taken "
                                      "from the package)")
    return dict(BandwidthType=kind, Bandwidth=params.get("bandwidth"), CenBandwidthPackageId=package,
                DefaultLinkType=params.get("default_link_type"))


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------

def _peer_router(session, params, router):
    """The router on the other end (peer_transit_router_id, or the CEN's router in peer_region)."""
    peer_id, peer_region = params.get("peer_transit_router_id"), params.get("peer_region")
    if peer_id:
        found = list_transit_routers(session, transit_router_id=peer_id)
        peer = found[0] if found else None
        if peer is None or peer["CenId"] != router["CenId"]:
            raise AlicloudError(None, "peer_transit_router_id: %s is not a transit router of CEN %s (account %s, "
                                      "the account these credentials act as)"
                                % (peer_id, router["CenId"], session.account_id()))
        if peer_region and peer_region != peer["RegionId"]:
            raise AlicloudError(None, "peer_region: the transit router %s is in %s, not %s"
                                % (peer_id, peer["RegionId"], peer_region))
    else:
        peer = find_transit_router(session, router["CenId"], peer_region)
        if peer is None:
            raise AlicloudError(None, "peer_region: CEN %s has no transit router in %s (account %s); create it first "
                                      "(alicloud.interconnect.transit_router), or check peer_region"
                                % (router["CenId"], peer_region, session.account_id()))
    if peer["RegionId"] == router["RegionId"]:
        raise AlicloudError(None, "peer_transit_router_id: the transit routers %s and %s are both in %s; an "
                                  "inter-region attachment joins routers of two regions (attach VPCs of one region "
                                  "to its router)" % (router["TransitRouterId"], peer["TransitRouterId"],
                                                      router["RegionId"]))
    return peer


def _memo(memo, key, read):
    """``read()``, kept in ``memo`` under ``key`` for the other links of the task."""
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _find(session, router, peer, memo):
    """The attachment between the two routers (created from either end), or None."""
    ends = set((router["TransitRouterId"], peer["TransitRouterId"]))
    listing = _memo(memo, ("peer attachments", router["CenId"]),
                    lambda: list_peer_attachments(session, CenId=router["CenId"]))
    found = [a for a in listing
             if set((a.get("TransitRouterId"), a.get("PeerTransitRouterId"))) == ends]
    if len(found) > 1:
        raise AlicloudError(None, "the transit routers %s and %s are joined by %d inter-region attachments (%s); "
                                  "delete the extra ones first"
                            % (router["TransitRouterId"], peer["TransitRouterId"], len(found),
                               ", ".join(a["TransitRouterAttachmentId"] for a in found)))
    return found[0] if found else None


def _describe(session, attachment_id):
    found = list_peer_attachments(session, TransitRouterAttachmentId=attachment_id)
    return found[0] if found else None


def _wait_attachment(session, attachment_id, gone=False):
    return wait_settled(session, lambda: _describe(session, attachment_id),
                        "inter-region attachment %s" % attachment_id, gone, "Attached")


class _End(object):
    """One end of the attachment: a router, its route tables, and the table the task manages there."""

    def __init__(self, session, router, option, prefix, memo):
        self.router_id = router["TransitRouterId"]
        self.prefix = prefix  # "" or "peer_", for results and messages
        tables = _memo(memo, ("route tables", self.router_id), lambda: list_route_tables(session, self.router_id))
        self.tables = [t["TransitRouterRouteTableId"] for t in tables]
        self.table_id = None
        if option is None:
            system = [t for t in tables if t.get("TransitRouterRouteTableType") == "System"]
            if not system:
                raise AlicloudError(None, "the transit router %s has no System route table" % self.router_id)
            self.table_id = system[0]["TransitRouterRouteTableId"]
        elif option is not False:
            if option not in self.tables:
                raise AlicloudError(None, "%sroute_table_id: %s is not a route table of transit router %s (account "
                                          "%s); give one of the router's tables, or leave it out for its System table"
                                    % (prefix, option, self.router_id, session.account_id()))
            self.table_id = option

    def links(self, association, propagating):
        """What the task manages of the attachment's routing on this end, for results and diffs."""
        if self.table_id is None:
            return {}
        return {self.prefix + "route_table_id": self.table_id,
                self.prefix + "associated": bool(association)
                and association["TransitRouterRouteTableId"] == self.table_id,
                self.prefix + "propagating": bool(propagating)}

    def linked(self):
        return self.links(dict(TransitRouterRouteTableId=self.table_id), True)


def _end_state(session, end, attachment_id, associations):
    """``(association on this end's router or None, propagation into the task's table or None)``."""
    association = next((a for a in associations if a["TransitRouterRouteTableId"] in end.tables), None)
    propagation = propagation_of(session, attachment_id, end.table_id) if end.table_id else None
    return association, propagation


def _run_link(session, params, attachment_id, steps, states, settle=None, done=()):
    """Run the attachment's own ``steps`` ``[(what, call, settle)]`` (run_steps; ``settle`` waits for the change
    before the first, ``done`` says what that was), then link its ends: ``states`` ``[(end, association,
    propagation)]`` as read. Each end's association and propagation run one after the other in a thread of that
    end's router (run_per_router, with the thread's Session), the two ends at the same time, once the attachment's
    own last change has settled. A failure of an end names its router and says what was done on both ends; the
    other end is linked all the same."""
    linking = [(end.router_id, (end, association, propagation)) for end, association, propagation in states
               if end.links(association, propagation) != end.linked()]
    # The ends write next: the attachment's last change settles first, whatever wait says.
    run_steps(dict(params, wait=params["wait"] or bool(linking)), "inter-region attachment", attachment_id, steps,
              settle, done)
    done = list(done) + [what for what, _call, _settle in steps]
    done_on = dict((router_id, []) for router_id, _state in linking)

    def link_end(thread_session, state):
        end, association, propagation = state
        do_steps(params, link_steps(thread_session, attachment_id, end.table_id, association, propagation,
                                    end.router_id), None, done_on[end.router_id])

    outcomes = run_per_router(session, linking, link_end)
    done.extend(what for router_id, _state in linking for what in done_on[router_id])
    failures = [(router_id, outcome.error) for (router_id, _state), outcome in zip(linking, outcomes)
                if outcome.error is not None]
    if failures:
        (router_id, error), others = failures[0], failures[1:]
        failed = AlicloudError(error.code, "; ".join([error.message] + ["on %s, %s" % o for o in others]),
                               request_id=error.request_id, result=error.result,
                               action="%s on %s" % (error.action or "linking the attachment", router_id))
        if not done:
            raise failed
        raise after_write(failed, "inter-region attachment %s: %s" % (attachment_id, ", ".join(done)),
                          "a re-run does what is left", transit_router_attachment_id=attachment_id)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

def peer_attachment_result(attachment, links=None):
    """A peer attachment as the module returns it: snake_case, tags as a dict, the owner id a string, and with
    ``links`` what the task manages of its routing on both ends."""
    if not attachment:
        return {}
    result = snake_dict(attachment)
    result.pop("request_id", None)
    if result.get("peer_transit_router_owner_id") is not None:
        result["peer_transit_router_owner_id"] = str(result["peer_transit_router_owner_id"])
    result.update(links or {})
    return result


def _view(attachment, router_id, peer_id, links):
    """The fields the module manages, for diffs (the ends as the task names them)."""
    if not attachment:
        return {}
    view = dict(transit_router_id=router_id, peer_transit_router_id=peer_id,
                bandwidth_type=attachment.get("BandwidthType"), bandwidth=attachment.get("Bandwidth"),
                bandwidth_package_id=attachment.get("CenBandwidthPackageId") or None,
                default_link_type=attachment.get("DefaultLinkType"),
                name=attachment.get("TransitRouterAttachmentName"),
                description=attachment.get("TransitRouterAttachmentDescription"),
                tags=tags_to_dict(attachment.get("Tags")))
    view.update(links)
    return view


def _predicted_peer_attachment(params, attachment_id, router, peer, bandwidth, tags):
    return dict(TransitRouterAttachmentId=attachment_id, TransitRouterId=router["TransitRouterId"],
                RegionId=router.get("RegionId"), CenId=router.get("CenId"), ResourceType="TR", Status="Attached",
                PeerTransitRouterId=peer["TransitRouterId"], PeerTransitRouterRegionId=peer.get("RegionId"),
                BandwidthType=bandwidth["BandwidthType"], Bandwidth=bandwidth["Bandwidth"] or 0,
                CenBandwidthPackageId=bandwidth["CenBandwidthPackageId"] or "",
                DefaultLinkType=bandwidth["DefaultLinkType"] or "Gold",
                TransitRouterAttachmentName=params.get("name") or "",
                TransitRouterAttachmentDescription=params.get("description") or "", Tags=tags_to_list(tags))


# ---------------------------------------------------------------------------
# The core: a plan made by reading and checking only, then its writes
# ---------------------------------------------------------------------------

def transit_router_peer_attachment_one(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_peer_attachment for one link (the task's own options)."""
    _routers, result, apply = plan_peer_attachment(session, params, check_mode)
    return result if apply is None else apply(session)


def plan_peer_attachment(session, params, check_mode, memo=None):
    """What the task does to one link, decided by reading and checking only (bad input raises AlicloudError,
    nothing written): ``(routers, result, apply)``. ``routers`` are the ids of its two routers; ``result`` is
    the task's result when there is nothing to write (also in check mode), else ``apply(session)`` makes the
    changes, waits included, and returns it. ``apply`` reads ``params["wait"]`` when it runs. ``memo``: a dict
    that keeps the listings of CENs and routers for the other links of a batch."""
    memo = {} if memo is None else memo
    region, table_option, peer_table_option = _checked_peer_params(session, params, check_mode)
    if any(predicted(params.get(o), o, check_mode) for o in ("transit_router_id", "cen_id", "peer_transit_router_id")):
        # A router is to be created by an earlier task of this check-mode run: it has no attachment yet.
        return _predicted(params, region, table_option, peer_table_option)
    router = task_router(session, params, region)
    if params.get("cen_id") and router["CenId"] != params["cen_id"]:  # a link of a batch, with the task's cen_id
        raise AlicloudError(None, "transit_router_id: %s is a transit router of CEN %s, not of cen_id %s"
                            % (router["TransitRouterId"], router["CenId"], params["cen_id"]))
    if region is not None and region != router["RegionId"]:
        raise AlicloudError(None, "region: the transit router %s is in %s, not %s"
                            % (router["TransitRouterId"], router["RegionId"], region))
    peer = _peer_router(session, params, router)
    routers = (router["TransitRouterId"], peer["TransitRouterId"])
    current = _find(session, router, peer, memo)
    if params["state"] == "absent":
        return (routers,) + _absent(session, params, check_mode, router, peer, current, table_option,
                                    peer_table_option, memo)
    detaching = None
    if current is not None and current.get("Status") == "Detaching":
        detaching, current = current, None  # being deleted: attached anew once it is gone
    bandwidth = _desired_bandwidth(params, current)
    to_set, to_unset = compare_tags(tags_to_dict(current.get("Tags")) if current else {}, params.get("tags"),
                                    params["purge_tags"])
    ends = (_End(session, router, table_option, "", memo), _End(session, peer, peer_table_option, "peer_", memo))
    if current is None:
        return (routers,) + _create(params, check_mode, router, peer, ends, bandwidth, to_set, detaching)
    return (routers,) + _update(session, params, check_mode, router, peer, ends, current, bandwidth, to_set,
                                to_unset)


def _predicted(params, region, table_option, peer_table_option):
    router_id = params.get("transit_router_id") or predicted_id("tr")
    peer_id = params.get("peer_transit_router_id") or predicted_id("tr")
    if params["state"] == "absent":
        return (router_id, peer_id), dict(changed=False, transit_router_attachment_id=None, attachment={}), None
    router = dict(TransitRouterId=router_id, RegionId=region, CenId=params.get("cen_id"))
    peer = dict(TransitRouterId=peer_id, RegionId=params.get("peer_region"))
    attachment = _predicted_peer_attachment(params, predicted_id("attach"), router, peer,
                                            _desired_bandwidth(params, None), params.get("tags"))
    links = {}
    for prefix, option in (("", table_option), ("peer_", peer_table_option)):
        if option is not False:
            links.update({prefix + "route_table_id": option or predicted_id("vtb"), prefix + "associated": True,
                          prefix + "propagating": True})
    return (router_id, peer_id), dict(
        changed=True, transit_router_attachment_id=attachment["TransitRouterAttachmentId"],
        attachment=peer_attachment_result(attachment, links),
        diff=make_diff(None, _view(attachment, router_id, peer_id, links))), None


def _create(params, check_mode, router, peer, ends, bandwidth, tags, detaching):
    """``(result, apply)`` of a link to create; ``detaching``: the attachment being deleted there, if any (the
    create waits until it is gone)."""
    router_id, peer_id = router["TransitRouterId"], peer["TransitRouterId"]
    links = dict(ends[0].linked(), **ends[1].linked())
    if check_mode:
        attachment = _predicted_peer_attachment(params, predicted_id("attach"), router, peer, bandwidth, tags)
        return dict(changed=True, transit_router_attachment_id=attachment["TransitRouterAttachmentId"],
                    attachment=peer_attachment_result(attachment, links),
                    diff=make_diff(None, _view(attachment, router_id, peer_id, links))), None

    def apply(session):
        if detaching:
            _wait_attachment(session, detaching["TransitRouterAttachmentId"], gone=True)
        try:
            body = session.call("cbn", "CreateTransitRouterPeerAttachment", ClientToken=session.client_token(),
                                TransitRouterId=router_id, RegionId=router["RegionId"], PeerTransitRouterId=peer_id,
                                PeerTransitRouterRegionId=peer["RegionId"],
                                TransitRouterAttachmentName=params.get("name"),
                                TransitRouterAttachmentDescription=params.get("description"),
                                Tag=tags_to_list(tags) or None, **bandwidth)
        except AlicloudError as exc:
            if exc.code == SERVICE_CLOSED_CODE:
                raise service_closed(session, exc)
            raise
        attachment_id = body["TransitRouterAttachmentId"]
        _run_link(session, params, attachment_id, [], [(end, None, None) for end in ends],
                  lambda: _wait_attachment(session, attachment_id), ["created"])
        after = _describe(session, attachment_id)
        return dict(changed=True, transit_router_attachment_id=attachment_id,
                    attachment=peer_attachment_result(after, links),
                    diff=make_diff(None, _view(after, router_id, peer_id, links)))

    return None, apply


def _update(session, params, check_mode, router, peer, ends, current, bandwidth, to_set, to_unset):
    """``(result, apply)`` of a link that exists."""
    router_id, peer_id = router["TransitRouterId"], peer["TransitRouterId"]
    attachment_id = current["TransitRouterAttachmentId"]
    wanted = dict(bandwidth, TransitRouterAttachmentName=params.get("name"),
                  TransitRouterAttachmentDescription=params.get("description"))
    if wanted["BandwidthType"] == "DataTransfer" and current.get("BandwidthType") != "DataTransfer":
        wanted["CenBandwidthPackageId"] = None  # the API drops the package with the type
    changes = changed_fields(current, wanted)
    associations = associations_of(session, attachment_id) if any(end.table_id for end in ends) else []
    before_links, after_links, states = {}, {}, []
    for end in ends:
        association, propagation = _end_state(session, end, attachment_id, associations)
        before_links.update(end.links(association, propagation))
        after_links.update(end.linked())
        states.append((end, association, propagation))
    if not (changes or to_set or to_unset or before_links != after_links):
        unchanged = dict(changed=False, transit_router_attachment_id=attachment_id,
                         attachment=peer_attachment_result(current, before_links))
        if not params["wait"] or current.get("Status") == "Attached" or check_mode:
            return unchanged, None
        return None, lambda s: dict(unchanged, attachment=peer_attachment_result(_wait_attachment(s, attachment_id),
                                                                                 before_links))
    if check_mode:
        predicted_attachment = dict(current, Tags=tags_after(current.get("Tags"), to_set, to_unset), **changes)
        return dict(changed=True, transit_router_attachment_id=attachment_id,
                    attachment=peer_attachment_result(predicted_attachment, after_links),
                    diff=make_diff(_view(current, router_id, peer_id, before_links),
                                   _view(predicted_attachment, router_id, peer_id, after_links))), None

    def apply(session):
        def settled():
            _wait_attachment(session, attachment_id)

        steps = []
        if changes:
            steps.append(("changed its %s" % " and ".join(sorted(_OPTION_OF[k] for k in changes)),
                          lambda: session.call("cbn", "UpdateTransitRouterPeerAttachmentAttribute",
                                               ClientToken=session.client_token(),
                                               TransitRouterAttachmentId=attachment_id, **changes), settled))
        if to_set or to_unset:
            steps.append(("changed its tags",
                          lambda: apply_tags(session, TAG_RESOURCE_TYPE, attachment_id, to_set, to_unset), None))
        # A transition of an earlier task settles first.
        _run_link(session, params, attachment_id, steps, states,
                  settled if current.get("Status") != "Attached" else None)
        after = _describe(session, attachment_id)
        return dict(changed=True, transit_router_attachment_id=attachment_id,
                    attachment=peer_attachment_result(after, after_links),
                    diff=make_diff(_view(current, router_id, peer_id, before_links),
                                   _view(after, router_id, peer_id, after_links)))

    return None, apply


def _absent(session, params, check_mode, router, peer, current, table_option, peer_table_option, memo):
    """``(result, apply)`` of a link to delete."""
    gone = dict(changed=False, transit_router_attachment_id=None, attachment={})
    if current is None:
        return gone, None
    attachment_id = current["TransitRouterAttachmentId"]
    gone["transit_router_attachment_id"] = attachment_id
    if current.get("Status") == "Detaching":
        if not params["wait"] or check_mode:
            return gone, None

        def deleted_at_last(session):
            _wait_attachment(session, attachment_id, gone=True)
            return gone

        return None, deleted_at_last
    ends = (_End(session, router, table_option, "", memo), _End(session, peer, peer_table_option, "peer_", memo))
    associations = associations_of(session, attachment_id)
    own, others, before_links = 0, [], {}
    for end in ends:
        association, propagation = _end_state(session, end, attachment_id, associations)
        before_links.update(end.links(association, propagation))
        if association is not None:
            if association["TransitRouterRouteTableId"] == end.table_id:
                own += 1
            else:
                others.append("associated with route table %s of %s"
                              % (association["TransitRouterRouteTableId"], end.router_id))
        own += propagation is not None
        for table_id in end.tables:
            if table_id != end.table_id and propagation_of(session, attachment_id, table_id) is not None:
                others.append("propagating into route table %s of %s" % (table_id, end.router_id))
    if others and not params.get("force"):
        raise AlicloudError(None, "nothing was deleted: the inter-region attachment %s is still %s; remove %s first "
                                  "(alicloud.interconnect.transit_router_route_table), or set force: true to remove "
                                  "them with the attachment" % (attachment_id, " and ".join(others),
                                                                "it" if len(others) == 1 else "them"))
    deleted = dict(changed=True, transit_router_attachment_id=attachment_id, attachment={},
                   diff=make_diff(_view(current, router["TransitRouterId"], peer["TransitRouterId"], before_links),
                                  None))
    if check_mode:
        return deleted, None

    def apply(session):
        try:
            # Force removes the associations and propagations (the task's own, or all with force: true).
            session.call("cbn", "DeleteTransitRouterPeerAttachment", ClientToken=session.client_token(),
                         TransitRouterAttachmentId=attachment_id, Force=True if (own or others) else None)
        except AlicloudError as exc:
            if exc.code == ATTACHMENT_GONE_CODE:
                return gone
            if exc.code == ROUTER_ROUTES_CODE:
                raise _routes_remain(session, ends, attachment_id, exc)
            raise
        if params["wait"]:
            try:
                _wait_attachment(session, attachment_id, gone=True)
            except AlicloudError as exc:
                raise after_write(exc, "deleted inter-region attachment %s" % attachment_id,
                                  "a re-run waits for it again", transit_router_attachment_id=attachment_id)
        return deleted

    return None, apply


def _routes_remain(session, ends, attachment_id, error):
    """The refusal of the delete because static routes of either router point at the attachment, naming them."""
    found = ["%s (%s in %s)" % (e["TransitRouterRouteEntryId"], e.get("TransitRouterRouteEntryDestinationCidrBlock"),
                                table_id)
             for end in ends for table_id in end.tables
             for e in every_token_page(session, "cbn", "ListTransitRouterRouteEntries", "TransitRouterRouteEntries",
                                       MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id,
                                       TransitRouterRouteEntryType="Static",
                                       TransitRouterRouteEntryNextHopId=attachment_id)]
    return AlicloudError(error.code, "nothing was deleted: static routes point at the inter-region attachment %s "
                                     "(%s); remove them first (alicloud.interconnect.transit_router_route_entry with "
                                     "state: absent)" % (attachment_id, ", ".join(found) or "see the routers' tables"),
                         request_id=error.request_id, action=error.action,
                         result=dict(transit_router_attachment_id=attachment_id))
