# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Static routes of Enterprise Edition transit-router route tables (CBN 2017-09-12).

The core of ``transit_router_route_entry``: Create / Update / DeleteTransitRouterRouteEntry, one
route per destination of a table, to an attachment of the table's router or a blackhole. The
table (route_table_id, or the System table of transit_router_id) is found, and the name,
description and next hop checked, with the helpers of transit_router_route_table.py. The API
changes no next hop in place: a route to another hop replaces the old one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import is_predicted, predicted, predicted_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    changed_fields,
    every_token_page,
    make_diff,
    snake_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_route_table import (
    ATTACHMENT_ID,
    LIST_PAGE_SIZE,
    check_attachments,
    check_name_description,
    describe_table,
    find_table,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id, parse_cidr
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_settled

ENTRY_GONE_CODES = ("IllegalParam.TransitRouterRouteEntryId", "InvalidTransitRouterRouteEntryId.NotFound")
_ENTRY_OPTION_OF = dict(TransitRouterRouteEntryName="name", TransitRouterRouteEntryDescription="description")


def _static_route(session, table_id, destination, deleting=False):
    """The static route of the table to ``destination`` (at most one per destination), or None; one being
    deleted counts only with ``deleting``."""
    found = [e for e in every_token_page(session, "cbn", "ListTransitRouterRouteEntries", "TransitRouterRouteEntries",
                                         MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id,
                                         TransitRouterRouteEntryDestinationCidrBlock=destination,
                                         TransitRouterRouteEntryType="Static", TransitRouterRouteEntryStatus="All")
             if deleting or e.get("TransitRouterRouteEntryStatus") != "Deleting"]
    return found[0] if found else None


def _entry_view(table_id, entry):
    """The fields transit_router_route_entry manages, for diffs."""
    if not entry:
        return {}
    return dict(route_table_id=table_id, destination_cidr=entry.get("TransitRouterRouteEntryDestinationCidrBlock"),
                next_hop_type=entry.get("TransitRouterRouteEntryNextHopType"),
                next_hop_id=entry.get("TransitRouterRouteEntryNextHopId") or None,
                name=entry.get("TransitRouterRouteEntryName"),
                description=entry.get("TransitRouterRouteEntryDescription"))


def _entry_result(entry):
    if not entry:
        return {}
    result = snake_dict(entry)
    result.pop("request_id", None)
    return result


def _entry_table(session, params):
    """The table the route belongs in: route_table_id, or the System table of transit_router_id."""
    router_id, table_id = params.get("transit_router_id"), params.get("route_table_id")
    if table_id:
        table = describe_table(session, table_id)
        if table is None and params["state"] == "present":
            raise AlicloudError(None, "route_table_id: account %s (the account these credentials act as) has no "
                                      "transit-router route table %s" % (session.account_id(), table_id))
        if table is not None and router_id and table["TransitRouterId"] != router_id:
            raise AlicloudError(None, "route_table_id: %s is a route table of transit router %s, not %s"
                                % (table_id, table["TransitRouterId"], router_id))
        return table
    return find_table(session, dict(params, system=True))


def _wait_entry(session, table_id, destination, gone=False):
    return wait_settled(session, lambda: _static_route(session, table_id, destination, deleting=gone),
                        "the route to %s in %s" % (destination, table_id), gone, field="TransitRouterRouteEntryStatus")


def transit_router_route_entry(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_route_entry."""
    router_id, table_id = params.get("transit_router_id"), params.get("route_table_id")
    router_predicted = predicted(router_id, "transit_router_id", check_mode)
    table_predicted = predicted(table_id, "route_table_id", check_mode)
    if router_id is not None and not router_predicted:
        check_id(router_id, "tr", "transit_router_id")
    if table_id is not None and not table_predicted:
        check_id(table_id, "vtb", "route_table_id")
    destination = str(parse_cidr(params["destination_cidr"], "destination_cidr"))
    hop_type, hop_id = params["next_hop_type"], params.get("next_hop_id")
    if hop_type == "BlackHole" and hop_id:
        raise AlicloudError(None, "next_hop_id: a BlackHole route has no next hop; leave next_hop_id out")
    if hop_type == "Attachment" and params["state"] == "present" and not hop_id:
        raise AlicloudError(None, "next_hop_id: required for a route to an attachment (next_hop_type: Attachment)")
    if hop_id and not predicted(hop_id, "next_hop_id", check_mode) and not ATTACHMENT_ID.match(hop_id):
        raise AlicloudError(None, "next_hop_id: %r is not a transit-router attachment id (tr-attach-<lower-case "
                                  "letters and digits>)" % hop_id)
    check_name_description(params, "route")
    desired = dict(TransitRouterRouteEntryDestinationCidrBlock=destination, TransitRouterRouteEntryNextHopType=hop_type,
                   TransitRouterRouteEntryNextHopId=hop_id or "",
                   TransitRouterRouteEntryName=params.get("name") or "",
                   TransitRouterRouteEntryDescription=params.get("description") or "",
                   TransitRouterRouteEntryType="Static", TransitRouterRouteEntryStatus="Active")
    if router_predicted or table_predicted:
        # The table is to be created by an earlier task of this check-mode run: it has no routes yet.
        if params["state"] == "absent":
            return dict(changed=False, route_entry_id=None, route_entry={})
        entry = dict(desired, TransitRouterRouteEntryId=predicted_id("rte"))
        return dict(changed=True, route_entry_id=entry["TransitRouterRouteEntryId"], route_entry=_entry_result(entry),
                    diff=make_diff(None, _entry_view(table_id, entry)))
    table = _entry_table(session, params)
    if table is None:  # state absent: a table that is gone has no routes
        return dict(changed=False, route_entry_id=None, route_entry={})
    table_id = table["TransitRouterRouteTableId"]
    current = _static_route(session, table_id, destination)
    if params["state"] == "absent":
        return _entry_absent(session, params, check_mode, table_id, destination, current)
    if current is not None and (current.get("TransitRouterRouteEntryNextHopType"),
                                current.get("TransitRouterRouteEntryNextHopId") or "") == (hop_type, hop_id or ""):
        return _entry_update(session, params, check_mode, table_id, destination, current)
    if hop_id and not is_predicted(hop_id):
        check_attachments(session, table["TransitRouterId"], [hop_id], "next_hop_id")
    before = _entry_view(table_id, current)
    if check_mode:
        entry = dict(desired, TransitRouterRouteEntryId=predicted_id("rte"), TransitRouterRouteTableId=table_id)
        return dict(changed=True, route_entry_id=entry["TransitRouterRouteEntryId"], route_entry=_entry_result(entry),
                    diff=make_diff(before, _entry_view(table_id, entry)))
    done, ids = [], dict(route_table_id=table_id)
    try:
        if current is not None:
            # The API changes no next hop in place: the route to the old one goes first.
            session.call("cbn", "DeleteTransitRouterRouteEntry", ClientToken=session.client_token(),
                         TransitRouterRouteEntryId=current["TransitRouterRouteEntryId"])
            done.append("deleted the route %s to %s" % (current["TransitRouterRouteEntryId"], destination))
            _wait_entry(session, table_id, destination, gone=True)
        body = session.call("cbn", "CreateTransitRouterRouteEntry", ClientToken=session.client_token(),
                            TransitRouterRouteTableId=table_id,
                            TransitRouterRouteEntryDestinationCidrBlock=destination,
                            TransitRouterRouteEntryNextHopType=hop_type, TransitRouterRouteEntryNextHopId=hop_id,
                            TransitRouterRouteEntryName=params.get("name"),
                            TransitRouterRouteEntryDescription=params.get("description"))
        ids["route_entry_id"] = body["TransitRouterRouteEntryId"]
        done.append("created the route %s to %s" % (ids["route_entry_id"], destination))
        after = _wait_entry(session, table_id, destination) if params["wait"] \
            else _static_route(session, table_id, destination)
    except AlicloudError as exc:
        if not done:
            raise
        raise after_write(exc, "route table %s: %s" % (table_id, ", ".join(done)), "a re-run does what is left",
                          **ids)
    return dict(changed=True, route_entry_id=after["TransitRouterRouteEntryId"], route_entry=_entry_result(after),
                diff=make_diff(before, _entry_view(table_id, after)))


def _entry_update(session, params, check_mode, table_id, destination, current):
    entry_id = current["TransitRouterRouteEntryId"]
    changes = changed_fields(current, dict(TransitRouterRouteEntryName=params.get("name"),
                                           TransitRouterRouteEntryDescription=params.get("description")))
    if not changes:
        if params["wait"] and current.get("TransitRouterRouteEntryStatus") != "Active" and not check_mode:
            current = _wait_entry(session, table_id, destination)
        return dict(changed=False, route_entry_id=entry_id, route_entry=_entry_result(current))
    after = dict(current, **changes)
    if not check_mode:
        session.call("cbn", "UpdateTransitRouterRouteEntry", ClientToken=session.client_token(),
                     TransitRouterRouteEntryId=entry_id, **changes)
        try:
            after = _static_route(session, table_id, destination)
        except AlicloudError as exc:
            raise after_write(exc, "changed the %s of route %s" % (" and ".join(sorted(_ENTRY_OPTION_OF[k]
                                                                                       for k in changes)), entry_id),
                              "a re-run reads it again", route_entry_id=entry_id)
    return dict(changed=True, route_entry_id=entry_id, route_entry=_entry_result(after),
                diff=make_diff(_entry_view(table_id, current), _entry_view(table_id, after)))


def _entry_absent(session, params, check_mode, table_id, destination, current):
    hop_id = params.get("next_hop_id")
    if current is None or (hop_id and current.get("TransitRouterRouteEntryNextHopId") != hop_id):
        return dict(changed=False, route_entry_id=None, route_entry={})
    entry_id = current["TransitRouterRouteEntryId"]
    diff = make_diff(_entry_view(table_id, current), None)
    if check_mode:
        return dict(changed=True, route_entry_id=entry_id, route_entry={}, diff=diff)
    try:
        session.call("cbn", "DeleteTransitRouterRouteEntry", ClientToken=session.client_token(),
                     TransitRouterRouteEntryId=entry_id)
    except AlicloudError as exc:
        if exc.code in ENTRY_GONE_CODES:
            return dict(changed=False, route_entry_id=entry_id, route_entry={})
        raise
    if params["wait"]:
        try:
            _wait_entry(session, table_id, destination, gone=True)
        except AlicloudError as exc:
            raise after_write(exc, "deleted route %s" % entry_id, "a re-run waits for it again",
                              route_entry_id=entry_id)
    return dict(changed=True, route_entry_id=entry_id, route_entry={}, diff=diff)
