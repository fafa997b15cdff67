# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route tables of Enterprise Edition transit routers (CBN 2017-09-12).

The cores behind the modules:

* ``transit_router_route_table``: Create / Update / DeleteTransitRouterRouteTable of a custom table
  and, for any table of a router (its System table included), which attachments it is associated
  with (Associate / Replace / Dissociate) and which propagate their routes into it (Enable /
  Disable ...Propagation).
* ``transit_router_route_table_info``: the tables of a router with their associations, propagations
  and routes (static and learned).

The core of ``transit_router_route_entry`` (the static routes of a table) is in
transit_router_route_entry.py; it finds its table and checks its options with the helpers here.

An attachment is associated with one table of its router: associating it with this table moves it
from the other one (ReplaceTransitRouterRouteTableAssociation). It may propagate into several.
Every write is asynchronous and a router takes one operation at a time: between two writes of a
task the core waits (reading) until the previous one has settled, whatever ``wait`` says; busy
answers of a concurrent task are retried until the task's deadline (retries.BUSY_CODES).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    check_text,
    is_predicted,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    changed_fields,
    every_token_page,
    make_diff,
    snake_dict,
    tags_to_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import (
    apply_tags,
    compare_tags,
    tags_after,
    tags_to_list,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router import list_transit_routers
from ansible_collections.alicloud.interconnect.plugins.module_utils.transit_router_attachment import (
    list_peer_attachments,
    list_route_tables,
    list_vpc_attachments,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for, wait_settled

LIST_PAGE_SIZE = 50
NAME_MAX, DESCRIPTION_MAX = 128, 256
TAG_RESOURCE_TYPE = "TransitRouterRouteTable"
TABLE_GONE_CODE = "InvalidTransitRouterRouteTableId.NotFound"
# Links on their way out: no longer what the table is associated with / learns from.
LEAVING = ("Dissociating", "Disabling", "Deleted")
ATTACHMENT_ID = re.compile(r"^tr-attach-[0-9a-z]+$")
_OPTION_OF = dict(TransitRouterRouteTableName="name", TransitRouterRouteTableDescription="description")


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------

def associations_of_table(session, table_id):
    """The attachment ids associated with route table ``table_id`` (those being dissociated left out)."""
    return [a["TransitRouterAttachmentId"] for a in every_token_page(
        session, "cbn", "ListTransitRouterRouteTableAssociations", "TransitRouterAssociations",
        MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id) if a.get("Status") not in LEAVING]


def propagations_of_table(session, table_id):
    """The attachment ids propagating into route table ``table_id`` (those being disabled left out)."""
    return [p["TransitRouterAttachmentId"] for p in every_token_page(
        session, "cbn", "ListTransitRouterRouteTablePropagations", "TransitRouterPropagations",
        MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id) if p.get("Status") not in LEAVING]


def associations_of_attachment(session, attachment_id):
    """The associations of an attachment (one per router it is on; those being dissociated left out)."""
    return [a for a in every_token_page(session, "cbn", "ListTransitRouterRouteTableAssociations",
                                        "TransitRouterAssociations", MaxResults=LIST_PAGE_SIZE,
                                        TransitRouterAttachmentId=attachment_id) if a.get("Status") not in LEAVING]


def _unsettled_links(session, table_id):
    """The table's associations and propagations in transition, keyed ``association <attachment id>``
    or ``propagation <attachment id>``; empty when all have settled (a dissociated link may be listed
    as Deleted for a while)."""
    unsettled = {}
    for kind, operation, key in (
            ("association", "ListTransitRouterRouteTableAssociations", "TransitRouterAssociations"),
            ("propagation", "ListTransitRouterRouteTablePropagations", "TransitRouterPropagations")):
        for link in every_token_page(session, "cbn", operation, key, MaxResults=LIST_PAGE_SIZE,
                                     TransitRouterRouteTableId=table_id):
            if link.get("Status") not in ("Active", "Deleted"):
                unsettled["%s %s" % (kind, link.get("TransitRouterAttachmentId"))] = link
    return unsettled


def describe_table(session, table_id):
    found = list_route_tables(session, None, table_ids=[table_id])
    return found[0] if found else None


def route_table_result(table, associations, propagations):
    """A route table as the modules return it: snake_case, tags as a dict, with the sorted ids of the
    attachments associated with it and propagating into it."""
    if not table:
        return {}
    result = snake_dict(table)
    result.pop("request_id", None)
    result.update(associations=sorted(associations), propagations=sorted(propagations))
    return result


def _view(table, associations, propagations):
    """The fields transit_router_route_table manages, for diffs."""
    if not table:
        return {}
    return dict(route_table_id=table.get("TransitRouterRouteTableId"), transit_router_id=table.get("TransitRouterId"),
                type=table.get("TransitRouterRouteTableType"), name=table.get("TransitRouterRouteTableName"),
                description=table.get("TransitRouterRouteTableDescription"), tags=tags_to_dict(table.get("Tags")),
                associations=sorted(associations), propagations=sorted(propagations))


# ---------------------------------------------------------------------------
# The task's options, checked before any call
# ---------------------------------------------------------------------------

def _attachment_ids(params, option, check_mode):
    """The attachment ids of ``option`` (None: leave them alone), each checked; duplicates dropped."""
    ids = params.get(option)
    if ids is None:
        return None
    for value in ids:
        if not predicted(value, option, check_mode) and not ATTACHMENT_ID.match(value or ""):
            raise AlicloudError(None, "%s: %r is not a transit-router attachment id (tr-attach-<lower-case letters "
                                      "and digits>)" % (option, value))
    return list(dict.fromkeys(ids))


def check_name_description(params, what):
    """The API takes 1 to 128 (256) characters: neither can be cleared once set."""
    for option, limit in (("name", NAME_MAX), ("description", DESCRIPTION_MAX)):
        if params.get(option) == "":
            raise AlicloudError(None, "%s: give a non-empty %s, or leave %s out to keep the %s's %s"
                                % (option, option, option, what, option))
        check_text(params.get(option), option, limit)


def _checked(params, check_mode):
    """(router id predicted?, table id predicted?) after checking every option without any call."""
    router_id, table_id = params.get("transit_router_id"), params.get("route_table_id")
    router_predicted = predicted(router_id, "transit_router_id", check_mode)
    if router_id is not None and not router_predicted:
        check_id(router_id, "tr", "transit_router_id")
    table_predicted = predicted(table_id, "route_table_id", check_mode)
    if table_id is not None and not table_predicted:
        check_id(table_id, "vtb", "route_table_id")
    check_name_description(params, "table")
    if table_id and params.get("system"):
        raise AlicloudError(None, "system: give route_table_id or system: true, not both")
    if params["state"] == "absent" and params.get("system"):
        raise AlicloudError(None, "system: the System route table of a transit router cannot be deleted; it goes "
                                  "with its router (give state: present to manage its associations and propagations)")
    if not (table_id or params.get("system") or params.get("name")):
        raise AlicloudError(None, "name: give the name of the custom route table (or route_table_id, or system: "
                                  "true for the router's System table)")
    return router_predicted, table_predicted


def find_table(session, params):
    """The table the task names (route_table_id, system, or name among the router's custom tables), or None."""
    router_id, table_id = params.get("transit_router_id"), params.get("route_table_id")
    if table_id:
        table = describe_table(session, table_id)
        if table is not None and router_id and table["TransitRouterId"] != router_id:
            raise AlicloudError(None, "route_table_id: %s is a route table of transit router %s, not %s"
                                % (table_id, table["TransitRouterId"], router_id))
        return table
    if params.get("system"):
        tables = list_route_tables(session, router_id, table_type="System")
        if not tables:
            raise AlicloudError(None, "transit_router_id: account %s (the account these credentials act as) has no "
                                      "transit router %s with a System route table; use the credentials of the "
                                      "CEN's owner" % (session.account_id(), router_id))
        return tables[0]
    tables = [t for t in list_route_tables(session, router_id, table_type="Custom")
              if t.get("TransitRouterRouteTableName") == params["name"]]
    if len(tables) > 1:
        ids = ", ".join(t["TransitRouterRouteTableId"] for t in tables)
        raise AlicloudError(None, "name: %d custom route tables of transit router %s are named %r (%s); give "
                                  "route_table_id instead" % (len(tables), router_id, params["name"], ids))
    return tables[0] if tables else None


def check_attachments(session, router_id, ids, option):
    """Refuse, before any write, the attachment ids that are not attachments of the router (either end
    of an inter-region attachment counts), naming ``option``. Ids predicted by check mode pass."""
    wrong = []
    for attachment_id in ids:
        if is_predicted(attachment_id):
            continue  # check mode only (_attachment_ids)
        found = list_vpc_attachments(session, TransitRouterAttachmentId=attachment_id) \
            or list_peer_attachments(session, TransitRouterAttachmentId=attachment_id)
        if not found or router_id not in (found[0].get("TransitRouterId"), found[0].get("PeerTransitRouterId")):
            wrong.append(attachment_id)
    if wrong:
        raise AlicloudError(None, "%s: %s %s not %s of transit router %s (account %s); give attachments of the "
                                  "table's router"
                            % (option, ", ".join(wrong), "is" if len(wrong) == 1 else "are",
                               "an attachment" if len(wrong) == 1 else "attachments", router_id, session.account_id()))


# ---------------------------------------------------------------------------
# The core
# ---------------------------------------------------------------------------

def transit_router_route_table(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_route_table."""
    router_predicted, table_predicted = _checked(params, check_mode)
    associations = _attachment_ids(params, "associations", check_mode)
    propagations = _attachment_ids(params, "propagations", check_mode)
    if router_predicted or table_predicted:
        # The router (or table) is to be created by an earlier task of this check-mode run.
        return _predicted_result(params, associations, propagations)
    table = find_table(session, params)
    if params["state"] == "absent":
        return _absent(session, params, check_mode, table)
    if table is None and params.get("route_table_id"):
        raise AlicloudError(None, "route_table_id: account %s (the account these credentials act as) has no "
                                  "transit-router route table %s" % (session.account_id(), params["route_table_id"]))
    if table is None and not list_transit_routers(session, transit_router_id=params["transit_router_id"]):
        raise AlicloudError(None, "transit_router_id: account %s (the account these credentials act as) has no "
                                  "transit router %s; use the credentials of the CEN's owner"
                            % (session.account_id(), params["transit_router_id"]))
    return _present(session, params, check_mode, table, associations, propagations)


def _predicted_result(params, associations, propagations):
    if params["state"] == "absent":
        return dict(changed=False, route_table_id=None, route_table={})
    table = dict(TransitRouterRouteTableId=params.get("route_table_id") or predicted_id("vtb"),
                 TransitRouterId=params.get("transit_router_id"),
                 TransitRouterRouteTableType="System" if params.get("system") else "Custom",
                 TransitRouterRouteTableStatus="Active", TransitRouterRouteTableName=params.get("name") or "",
                 TransitRouterRouteTableDescription=params.get("description") or "",
                 Tags=tags_to_list(params.get("tags")))
    return dict(changed=True, route_table_id=table["TransitRouterRouteTableId"],
                route_table=route_table_result(table, associations or [], propagations or []),
                diff=make_diff(None, _view(table, associations or [], propagations or [])))


def _wait_table(session, table_id, gone=False):
    return wait_settled(session, lambda: describe_table(session, table_id), "route table %s" % table_id, gone,
                        field="TransitRouterRouteTableStatus")


def _link_steps(session, table, have_assoc, want_assoc, have_prop, want_prop, purge_assoc, purge_prop):
    """``[(what, operation, attachment id)]``: the link writes that take the table from what it has to
    what the task wants (None: leave that kind alone)."""
    table_id = table["TransitRouterRouteTableId"]
    steps = []
    if want_assoc is not None:
        router_tables = None
        for attachment_id in [a for a in want_assoc if a not in have_assoc]:
            other = None
            if not is_predicted(attachment_id):
                if router_tables is None:
                    router_tables = set(t["TransitRouterRouteTableId"]
                                        for t in list_route_tables(session, table["TransitRouterId"]))
                # An inter-region attachment has an association on each of its two routers.
                other = next((a for a in associations_of_attachment(session, attachment_id)
                              if a["TransitRouterRouteTableId"] in router_tables), None)
            if other is not None:
                steps.append(("moved the association of %s from %s" % (attachment_id,
                                                                       other["TransitRouterRouteTableId"]),
                              "ReplaceTransitRouterRouteTableAssociation", attachment_id))
            else:
                steps.append(("associated %s" % attachment_id, "AssociateTransitRouterAttachmentWithRouteTable",
                              attachment_id))
        if purge_assoc:
            steps.extend(("dissociated %s" % a, "DissociateTransitRouterAttachmentFromRouteTable", a)
                         for a in have_assoc if a not in want_assoc)
    if want_prop is not None:
        steps.extend(("enabled the propagation of %s" % a, "EnableTransitRouterRouteTablePropagation", a)
                     for a in want_prop if a not in have_prop)
        if purge_prop:
            steps.extend(("disabled the propagation of %s" % a, "DisableTransitRouterRouteTablePropagation", a)
                         for a in have_prop if a not in want_prop)
    return [(what + " (route table %s)" % table_id, operation, attachment_id)
            for what, operation, attachment_id in steps]


def _after_links(have, want, purge):
    if want is None:
        return sorted(have)
    return sorted(set(want) | (set() if purge else set(have)))


def _present(session, params, check_mode, table, want_assoc, want_prop):
    router_id = table["TransitRouterId"] if table else params["transit_router_id"]
    if table is not None and table.get("TransitRouterRouteTableStatus") == "Deleting":
        raise AlicloudError(None, "route table %s is being deleted; run the task again once it is gone"
                            % table["TransitRouterRouteTableId"])
    to_set, to_unset = compare_tags(tags_to_dict(table.get("Tags")) if table else {}, params.get("tags"),
                                    params["purge_tags"])
    have_assoc = associations_of_table(session, table["TransitRouterRouteTableId"]) if table else []
    have_prop = propagations_of_table(session, table["TransitRouterRouteTableId"]) if table else []
    new = [a for a in dict.fromkeys((want_assoc or []) + (want_prop or []))
           if a not in have_assoc and a not in have_prop]
    check_attachments(session, router_id, new, "associations, propagations")
    after_assoc = _after_links(have_assoc, want_assoc, params["purge_associations"])
    after_prop = _after_links(have_prop, want_prop, params["purge_propagations"])
    if table is None:
        return _create(session, params, check_mode, router_id, to_set, want_assoc, want_prop, after_assoc, after_prop)
    table_id = table["TransitRouterRouteTableId"]
    changes = changed_fields(table, dict(TransitRouterRouteTableName=params.get("name"),
                                         TransitRouterRouteTableDescription=params.get("description")))
    links = _link_steps(session, table, have_assoc, want_assoc, have_prop, want_prop,
                        params["purge_associations"], params["purge_propagations"])
    if not (changes or to_set or to_unset or links):
        if params["wait"] and table.get("TransitRouterRouteTableStatus") != "Active" and not check_mode:
            table = _wait_table(session, table_id)
        return dict(changed=False, route_table_id=table_id,
                    route_table=route_table_result(table, have_assoc, have_prop))
    after = dict(table, Tags=tags_after(table.get("Tags"), to_set, to_unset), **changes)
    diff_before = _view(table, have_assoc, have_prop)
    if check_mode:
        return dict(changed=True, route_table_id=table_id,
                    route_table=route_table_result(after, after_assoc, after_prop),
                    diff=make_diff(diff_before, _view(after, after_assoc, after_prop)))
    steps = []
    if changes:
        what = " and ".join(sorted(_OPTION_OF[k] for k in changes))
        steps.append(("changed the %s of route table %s" % (what, table_id),
                      lambda: session.call("cbn", "UpdateTransitRouterRouteTable", ClientToken=session.client_token(),
                                           TransitRouterRouteTableId=table_id, **changes)))
    if to_set or to_unset:
        steps.append(("changed the tags of route table %s" % table_id,
                      lambda: apply_tags(session, TAG_RESOURCE_TYPE, table_id, to_set, to_unset)))
    _run(session, params, table_id, steps + _link_calls(session, table_id, links),
         settled=table.get("TransitRouterRouteTableStatus") == "Active" and not _unsettled_links(session, table_id))
    return _final(session, table_id, diff_before)


def _create(session, params, check_mode, router_id, tags, want_assoc, want_prop, after_assoc, after_prop):
    if check_mode:
        table = dict(TransitRouterRouteTableId=predicted_id("vtb"), TransitRouterId=router_id,
                     TransitRouterRouteTableType="Custom", TransitRouterRouteTableStatus="Active",
                     TransitRouterRouteTableName=params["name"],
                     TransitRouterRouteTableDescription=params.get("description") or "", Tags=tags_to_list(tags))
        return dict(changed=True, route_table_id=table["TransitRouterRouteTableId"],
                    route_table=route_table_result(table, after_assoc, after_prop),
                    diff=make_diff(None, _view(table, after_assoc, after_prop)))
    body = session.call("cbn", "CreateTransitRouterRouteTable", ClientToken=session.client_token(),
                        TransitRouterId=router_id, TransitRouterRouteTableName=params["name"],
                        TransitRouterRouteTableDescription=params.get("description"), Tag=tags_to_list(tags) or None)
    table_id = body["TransitRouterRouteTableId"]
    table = dict(TransitRouterRouteTableId=table_id, TransitRouterId=router_id)
    links = _link_steps(session, table, [], want_assoc, [], want_prop, False, False)
    _run(session, params, table_id, _link_calls(session, table_id, links), settled=False,
         done=["created route table %s" % table_id])
    return _final(session, table_id, None)


def _link_calls(session, table_id, links):
    def call(operation, attachment_id):
        return lambda: session.call("cbn", operation, ClientToken=session.client_token(),
                                    TransitRouterAttachmentId=attachment_id, TransitRouterRouteTableId=table_id)
    return [(what, call(operation, attachment_id)) for what, operation, attachment_id in links]


def _run(session, params, table_id, steps, settled, done=()):
    """Run the writes ``steps`` ``[(what, call)]`` one after the other. The router takes one operation
    at a time: before each write the core waits until the table and its links have settled (unless
    ``settled`` says they are); after the last, only with ``wait``. A failure after a write says what
    was done."""
    done = list(done)

    def settle():
        _wait_table(session, table_id)
        wait_for(session, lambda: _unsettled_links(session, table_id), lambda unsettled: not unsettled,
                 "the associations and propagations of route table %s to settle" % table_id)

    try:
        for what, call in steps:
            if not settled:
                settle()
            call()
            done.append(what)
            settled = False
        if params["wait"] and not settled:
            settle()
    except AlicloudError as exc:
        if not done:
            raise
        raise after_write(exc, ", ".join(done), "a re-run does what is left", route_table_id=table_id)


def _final(session, table_id, diff_before):
    table = describe_table(session, table_id)
    associations = associations_of_table(session, table_id)
    propagations = propagations_of_table(session, table_id)
    return dict(changed=True, route_table_id=table_id, route_table=route_table_result(table, associations,
                                                                                      propagations),
                diff=make_diff(diff_before, _view(table, associations, propagations)))


def _absent(session, params, check_mode, table):
    if table is None:
        return dict(changed=False, route_table_id=None, route_table={})
    table_id = table["TransitRouterRouteTableId"]
    if table.get("TransitRouterRouteTableType") == "System":
        raise AlicloudError(None, "route_table_id: %s is the System route table of transit router %s, which cannot "
                                  "be deleted (it goes with its router)" % (table_id, table["TransitRouterId"]))
    if table.get("TransitRouterRouteTableStatus") == "Deleting":
        if params["wait"] and not check_mode:
            _wait_table(session, table_id, gone=True)
        return dict(changed=False, route_table_id=table_id, route_table={})
    associations = associations_of_table(session, table_id)
    propagations = propagations_of_table(session, table_id)
    left = ["associated with %s" % ", ".join(associations)] if associations else []
    left += ["learning routes from %s" % ", ".join(propagations)] if propagations else []
    if left:
        raise AlicloudError(None, "nothing was deleted: route table %s is still %s; remove them first (this module "
                                  "with associations: [], propagations: [], purge_associations: true and "
                                  "purge_propagations: true)" % (table_id, " and ".join(left)))
    routes = ["%s (%s)" % (e["TransitRouterRouteEntryId"], e.get("TransitRouterRouteEntryDestinationCidrBlock"))
              for e in every_token_page(session, "cbn", "ListTransitRouterRouteEntries", "TransitRouterRouteEntries",
                                        MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id,
                                        TransitRouterRouteEntryType="Static", TransitRouterRouteEntryStatus="All")]
    if routes:
        raise AlicloudError(None, "nothing was deleted: route table %s still has static routes (%s); remove them "
                                  "first (alicloud.interconnect.transit_router_route_entry with state: absent)"
                            % (table_id, ", ".join(routes)))
    diff = make_diff(_view(table, [], []), None)
    if check_mode:
        return dict(changed=True, route_table_id=table_id, route_table={}, diff=diff)
    try:
        session.call("cbn", "DeleteTransitRouterRouteTable", ClientToken=session.client_token(),
                     TransitRouterRouteTableId=table_id)
    except AlicloudError as exc:
        if exc.code == TABLE_GONE_CODE:
            return dict(changed=False, route_table_id=table_id, route_table={})
        raise
    if params["wait"]:
        try:
            _wait_table(session, table_id, gone=True)
        except AlicloudError as exc:
            raise after_write(exc, "deleted route table %s" % table_id, "a re-run waits for it again",
                              route_table_id=table_id)
    return dict(changed=True, route_table_id=table_id, route_table={}, diff=diff)


# ---------------------------------------------------------------------------
# transit_router_route_table_info
# ---------------------------------------------------------------------------

def routes_of_table(session, table_id):
    """Every route of a table, static and learned, in every state (the API lists Active ones unless told)."""
    return every_token_page(session, "cbn", "ListTransitRouterRouteEntries", "TransitRouterRouteEntries",
                            MaxResults=LIST_PAGE_SIZE, TransitRouterRouteTableId=table_id,
                            TransitRouterRouteEntryStatus="All")


def transit_router_route_table_info(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_route_table_info: the tables of a router (all, or those
    with ``route_table_ids``, ``name``, ``type``), each with its associations, propagations and routes."""
    router_id = params["transit_router_id"]
    if predicted(router_id, "transit_router_id", check_mode):
        return dict(changed=False, route_tables=[])  # a router check mode predicted has no tables yet
    check_id(router_id, "tr", "transit_router_id")
    table_ids = list(dict.fromkeys(params.get("route_table_ids") or []))
    if len(table_ids) > 20:
        raise AlicloudError(None, "route_table_ids: give at most 20 ids (the API's limit), not %d" % len(table_ids))
    for table_id in table_ids:
        check_id(table_id, "vtb", "route_table_ids")
    tables = list_route_tables(session, router_id, table_type=params.get("type"), table_ids=table_ids or None)
    if params.get("name") is not None:
        tables = [t for t in tables if t.get("TransitRouterRouteTableName") == params["name"]]
    found = []
    for table in tables:
        table_id = table["TransitRouterRouteTableId"]
        result = route_table_result(table, associations_of_table(session, table_id),
                                    propagations_of_table(session, table_id))
        result["routes"] = [snake_dict(route) for route in routes_of_table(session, table_id)]
        found.append(result)
    return dict(changed=False, route_tables=found)
