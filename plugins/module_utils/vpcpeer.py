# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPC peering connections (VpcPeer API 2022-01-01).

A connection joins the requester's VPC to the accepter's VPC, in one or two regions and
one or two accounts. In one account it becomes Activated by itself; across accounts it
waits in Accepting until the accepter accepts (Activated) or rejects (Rejected) it.
Cores: ensure_vpc_peer_connection() (module vpc_peer_connection) and
vpc_peer_connection_info().
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    account_id,
    is_predicted,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_token_page,
    make_diff,
    snake_dict,
    tags_to_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import (
    describe_routes,
    refuse_overlap,
    routes_via,
    vpc_cidr_blocks,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import compare_tags, tags_to_list
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    OWNER_CREDENTIALS,
    check_id,
    get_vpc,
    not_visible,
    parse_cidr,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for

NOT_FOUND = ("ResourceNotFound.InstanceId",)
LINK_TYPES = ("Platinum", "Gold", "Silver")
# Statuses in transition (Creating settles to Accepting across accounts, Activated in one; Updating to Activated).
TRANSITIONAL = ("Creating", "Updating")
ENDED = ("Rejected", "Expired")
GONE = ("Deleting", "Deleted")
TAG_RESOURCE_TYPE = "PeerConnection"

# The keys of vpc_peer_connection that --diff shows.
SUMMARY_KEYS = ("peer_connection_id", "status", "vpc_id", "region_id", "accepting_vpc_id", "accepting_region_id",
                "accepting_owner_uid", "bandwidth", "link_type", "name", "description", "tags")
# Task options that ModifyVpcPeerConnection changes, by wire name.
MODIFIABLE = (("name", "Name"), ("description", "Description"), ("bandwidth", "Bandwidth"), ("link_type", "LinkType"))

_NAME = re.compile(r"^[^\W\d_][\w\-]{1,127}$")


# ---------------------------------------------------------------------------
# API wrappers
# ---------------------------------------------------------------------------

def get_peer_connection(session, instance_id):
    """GetVpcPeerConnectionAttribute, or None when the caller sees no such connection."""
    try:
        return session.call("vpcpeer", "GetVpcPeerConnectionAttribute", InstanceId=instance_id)
    except AlicloudError as exc:
        if exc.code in NOT_FOUND:
            return None
        raise


def list_peer_connections(session, region=None, vpc_ids=None, name=None, instance_id=None):
    """ListVpcPeerConnections, every page. region is the caller's side of the connection."""
    return every_token_page(session, "vpcpeer", "ListVpcPeerConnections", "VpcPeerConnects", RegionId=region,
                            VpcId=vpc_ids or None, Name=name, InstanceId=instance_id, MaxResults=100)


def flatten(pcc):
    """An API connection with the two VPC ids on top, as the list and the attribute call both answer it."""
    pcc = dict(pcc)
    pcc["VpcId"] = (pcc.get("Vpc") or {}).get("VpcId")
    pcc["AcceptingVpcId"] = (pcc.get("AcceptingVpc") or {}).get("VpcId")
    return pcc


def set_tags(session, region, pcc_id, to_set, to_unset):
    """Untag, then tag, the caller's side of a connection (its tags, in ``region``, the caller's side's region)."""
    common = dict(RegionId=region, ResourceType=TAG_RESOURCE_TYPE, ResourceId=[pcc_id])
    if to_unset:
        session.call("vpcpeer", "UnTagResources", TagKey=list(to_unset), **common)
    if to_set:
        session.call("vpcpeer", "TagResources", Tag=tags_to_list(to_set), **common)


def pcc_view(pcc):
    """A connection as the modules return it: snake_case, account ids as strings, peer_connection_id on top, and the
    tags of the caller's side as a dict."""
    view = snake_dict(flatten(pcc))
    view.pop("request_id", None)
    view["peer_connection_id"] = view.get("instance_id")
    view["tags"] = tags_to_dict(pcc.get("Tags"))
    for key in ("owner_id", "accepting_owner_uid"):
        if view.get(key) is not None:
            view[key] = str(view[key])
    return view


def _summary(pcc):
    """What --diff shows of a connection (API dict), with vpc_peer_connection's return keys; None when absent."""
    if not pcc:
        return None
    view = pcc_view(pcc)
    return dict((key, view.get(key)) for key in SUMMARY_KEYS)


# ---------------------------------------------------------------------------
# Validation without API calls
# ---------------------------------------------------------------------------

def _refuse_inter_region_options(params, region):
    for option, code in (("bandwidth", "IllegalParam.Bandwidth"), ("link_type", "IllegalParam.LinkType")):
        if params.get(option) is not None:
            raise AlicloudError(code, "%s: applies only to a connection between two regions; both VPCs are in %s"
                                % (option, region))


def validate(params, region, check_mode=False):
    """Refuse what is wrong whatever the cloud holds. A peer_connection_id predicted by check mode passes in check
    mode only."""
    pcc_id = params.get("peer_connection_id")
    if pcc_id and not predicted(pcc_id, "peer_connection_id", check_mode):
        check_id(pcc_id, "pcc", "peer_connection_id")
    for option in ("vpc_id", "accepting_vpc_id"):
        if params.get(option):
            check_id(params[option], "vpc", option)
    for block in params.get("accepting_cidr_blocks") or []:
        parse_cidr(block, "accepting_cidr_blocks")
    if params.get("vpc_id") and params.get("vpc_id") == params.get("accepting_vpc_id"):
        raise AlicloudError("IllegalParam.AcceptingVpcId", "accepting_vpc_id: a VPC cannot be peered with itself (%s)"
                            % params["vpc_id"])
    if params.get("bandwidth") is not None and params["bandwidth"] < 1:
        raise AlicloudError("IllegalParam.Bandwidth", "bandwidth: must be a whole number of Mbit/s above 0, got %s"
                            % params["bandwidth"])
    if not params.get("peer_connection_id") and params.get("accepting_region") in (None, region):
        _refuse_inter_region_options(params, region)
    name, description = params.get("name"), params.get("description")
    if name is not None and not _NAME.match(name):
        raise AlicloudError("IllegalParam.Name", "name: %r must be 2 to 128 characters, start with a letter and hold "
                            "only letters, digits, underscores and hyphens" % name)
    if description is not None and (not 2 <= len(description) <= 256 or not description[0].isalpha()
                                    or description.startswith(("http://", "https://"))):
        raise AlicloudError("IllegalParam.Description", "description: must be 2 to 256 characters, start with a "
                            "letter and not start with http:// or https://")
    compare_tags({}, params.get("tags"))  # refuses reserved keys


# ---------------------------------------------------------------------------
# Finding, waiting, transitions
# ---------------------------------------------------------------------------

def find_connection(session, region, params):
    """The connection the task means: by id, else the live one from vpc_id to accepting_vpc_id seen from region."""
    if params.get("peer_connection_id"):
        pcc = get_peer_connection(session, params["peer_connection_id"])
        return None if pcc is None or pcc.get("Status") == "Deleted" else pcc
    vpc_id, accepting_vpc_id = params["vpc_id"], params["accepting_vpc_id"]
    matches = [pcc for pcc in (flatten(p) for p in list_peer_connections(session, region,
                                                                         vpc_ids=[vpc_id, accepting_vpc_id]))
               if pcc["VpcId"] == vpc_id and pcc["AcceptingVpcId"] == accepting_vpc_id
               and pcc.get("Status") not in GONE]
    if len(matches) > 1:
        raise AlicloudError("InvalidParameter", "%d peering connections join %s to %s (%s): give peer_connection_id"
                            % (len(matches), vpc_id, accepting_vpc_id,
                               ", ".join("%s (%s)" % (p["InstanceId"], p["Status"]) for p in matches)))
    return matches[0] if matches else None


def _wait(session, pcc_id, ready, what):
    """Wait, on the task's deadline, until ``ready(connection or None)``; return that connection."""
    return wait_for(session, lambda: get_peer_connection(session, pcc_id), ready,
                    "VPC peering connection %s %s" % (pcc_id, what))


def _status_is(*statuses):
    return lambda pcc: pcc is not None and pcc.get("Status") in statuses


def _settled(pcc):
    return pcc is not None and pcc.get("Status") not in TRANSITIONAL


def _gone(pcc):
    return pcc is None


def _heading(pcc):
    """The status a connection has or is on its way to (Creating: Activated in one account, else Accepting)."""
    status = pcc.get("Status")
    if status == "Creating":
        return "Activated" if str(pcc.get("OwnerId")) == str(pcc.get("AcceptingOwnerUid")) else "Accepting"
    return "Activated" if status == "Updating" else status


def _transitioning(pcc, action):
    """The error for wait: false on a connection in transition that the task must write to."""
    return AlicloudError("IncorrectStatus.VpcPeer", "%s is on its way to %s: the API takes no %s until it settles, and "
                         "wait: false does not wait for that; run the task again once it is %s, or with wait: true, "
                         "which waits for it; nothing was changed"
                         % (_label(pcc), _heading(pcc), action, _heading(pcc)))


def _label(pcc):
    """How messages name the VpcPeer connection: its id, then its role/status and where it is."""
    flat = flatten(pcc)
    return "%s (%s, %s in %s to %s in %s)" % tuple(flat.get(key) for key in (
        "InstanceId", "Status", "VpcId", "RegionId", "AcceptingVpcId", "AcceptingRegionId"))


def _result(changed, pcc, before=None):
    """vpc_peer_connection's result, one shape: the id, the connection ({} when there is none), and the diff."""
    result = dict(changed=changed, peer_connection_id=pcc.get("InstanceId") if pcc else None,
                  vpc_peer_connection=pcc_view(pcc) if pcc else {})
    if changed:
        result["diff"] = make_diff(_summary(before), _summary(pcc))
    return result


def _own_region(session, pcc):
    """The region of the caller's side of a connection (where its tags are)."""
    return pcc["RegionId"] if str(pcc.get("OwnerId")) == session.account_id() else pcc["AcceptingRegionId"]


# ---------------------------------------------------------------------------
# Core of vpc_peer_connection
# ---------------------------------------------------------------------------

def _own_sides(session, pcc):
    """``[(region, vpc id)]`` of the sides of a connection that belong to the caller (both in one account)."""
    me, flat = session.account_id(), flatten(pcc)
    sides = []
    if str(pcc.get("OwnerId")) == me:
        sides.append((pcc["RegionId"], flat["VpcId"]))
    if str(pcc.get("AcceptingOwnerUid")) == me:
        sides.append((pcc["AcceptingRegionId"], flat["AcceptingVpcId"]))
    return sides


def _refuse_if_routed(session, pcc):
    """Fail, naming them, when routes of the caller's VPCs lead to the connection (they block its deletion)."""
    routes = []
    for region, vpc_id in _own_sides(session, pcc):
        vpc = get_vpc(session, region, vpc_id)
        if vpc is not None:
            routes.extend(routes_via(session, region, vpc["VRouterId"], pcc["InstanceId"]))
    if routes:
        raise AlicloudError("OperationDenied.RouteEntryExist", "VPC peering connection %s is the next hop of route "
                            "entries %s: delete those routes first (vpc_route_entry with state=absent); nothing was "
                            "changed" % (pcc["InstanceId"], describe_routes(routes)))


def _absent(session, current, params, check_mode):
    if current is None:
        return _result(False, None)
    pcc_id = current["InstanceId"]
    if current.get("Status") in GONE:
        if params["wait"] and not check_mode:
            _wait(session, pcc_id, _gone, "to be deleted")
        return dict(changed=False, peer_connection_id=pcc_id, vpc_peer_connection={})
    _refuse_if_routed(session, current)
    if current.get("Status") in TRANSITIONAL and not params["wait"]:
        raise _transitioning(current, "delete")
    result = dict(changed=True, peer_connection_id=pcc_id, vpc_peer_connection={},
                  diff=make_diff(_summary(current), None))
    if check_mode:
        return result
    if current.get("Status") in TRANSITIONAL:
        _wait(session, pcc_id, _settled, "to settle before it is deleted")
    session.call("vpcpeer", "DeleteVpcPeerConnection", ClientToken=session.client_token(), InstanceId=pcc_id)
    if params["wait"]:
        try:
            _wait(session, pcc_id, _gone, "to be deleted")
        except AlicloudError as exc:
            raise after_write(exc, "deleted %s" % pcc_id, "a re-run waits for it to be gone", peer_connection_id=pcc_id)
    return result


def _check_vpcs(session, region, params, accepter, accepting_region):
    """The requester's VPC (it must be the caller's), and, in one account, the accepter's; refuse overlapping
    address ranges. Returns the requester's VPC."""
    vpc = get_vpc(session, region, params["vpc_id"])
    if vpc is None:
        raise not_visible(session, "ResourceNotFound.VpcId", "vpc_id", "VPC %s" % params["vpc_id"], region,
                          OWNER_CREDENTIALS + " (the requester creates the connection)")
    if accepter == session.account_id():
        accepting = get_vpc(session, accepting_region, params["accepting_vpc_id"])
        if accepting is None:
            raise not_visible(session, "ResourceNotFound.AcceptingVpcId", "accepting_vpc_id",
                              "VPC %s" % params["accepting_vpc_id"], accepting_region,
                              "give accepting_owner_id (and accepting_cidr_blocks)", region_option="accepting_region")
        refuse_overlap(vpc["VpcId"], vpc_cidr_blocks(vpc), accepting["VpcId"], vpc_cidr_blocks(accepting))
    elif params.get("accepting_cidr_blocks"):
        refuse_overlap(vpc["VpcId"], vpc_cidr_blocks(vpc), params["accepting_vpc_id"],
                       list(params["accepting_cidr_blocks"]))
    return vpc


def _create(session, region, params, check_mode):
    """Create the connection after checking, without writing, both VPCs and their address ranges."""
    own_account = session.account_id()
    accepter = account_id(params.get("accepting_owner_id"), "accepting_owner_id") or own_account
    accepting_region = params.get("accepting_region") or region
    vpc = _check_vpcs(session, region, params, accepter, accepting_region)
    inter_region = accepting_region != region
    tags = compare_tags({}, params.get("tags"))[0]
    predicted = dict(InstanceId=predicted_id("pcc"), Status="Activated" if accepter == own_account else "Accepting",
                     RegionId=region, AcceptingRegionId=accepting_region, AcceptingOwnerUid=int(accepter),
                     OwnerId=int(own_account), Name=params.get("name") or "",
                     Description=params.get("description") or "",
                     Bandwidth=params.get("bandwidth") or (1024 if inter_region else -1),
                     LinkType=params.get("link_type") or ("Gold" if inter_region else ""),
                     Vpc=dict(VpcId=vpc["VpcId"], Ipv4Cidrs=vpc_cidr_blocks(vpc)),
                     AcceptingVpc=dict(VpcId=params["accepting_vpc_id"]), Tags=tags_to_list(tags))
    if check_mode:
        return _result(True, predicted)
    body = session.call("vpcpeer", "CreateVpcPeerConnection", ClientToken=session.client_token(),
                        RegionId=region, VpcId=params["vpc_id"], AcceptingAliUid=int(accepter),
                        AcceptingRegionId=accepting_region, AcceptingVpcId=params["accepting_vpc_id"],
                        Bandwidth=params.get("bandwidth"), LinkType=params.get("link_type"), Name=params.get("name"),
                        Description=params.get("description"), Tag=tags_to_list(tags) or None)
    pcc_id = body["InstanceId"]
    try:
        if params["wait"]:
            pcc = _wait(session, pcc_id, _status_is("Accepting", "Activated"), "to become Accepting or Activated")
        else:
            pcc = get_peer_connection(session, pcc_id) or dict(predicted, InstanceId=pcc_id, Status="Creating")
    except AlicloudError as exc:
        raise after_write(exc, "created %s" % pcc_id, "a re-run finds it by its two VPCs and waits for it again",
                          peer_connection_id=pcc_id)
    return _result(True, pcc)


def _modifications(current, params):
    return dict((wire, params[option]) for option, wire in MODIFIABLE
                if params.get(option) is not None and current.get(wire) != params[option])


def _update(session, current, params, check_mode, before=None, done=()):
    """Apply name, description, bandwidth and link type changes (the connection must be Activated) and the tags of
    the caller's side. ``before`` and ``done`` come from an accept made earlier in the task."""
    before = before or current
    changes = _modifications(current, params)
    tags_set, tags_unset = compare_tags(tags_to_dict(current.get("Tags")), params.get("tags"), params["purge_tags"])
    if not changes and not tags_set and not tags_unset:
        return _result(bool(done), current, before)
    if changes and current.get("RegionId") == current.get("AcceptingRegionId"):
        _refuse_inter_region_options(params, current.get("RegionId"))
    if changes and _heading(current) != "Activated":
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s: %s can change only once the connection is Activated"
                            % (_label(current), ", ".join(option for option, wire in MODIFIABLE if wire in changes)))
    tags = dict((k, v) for k, v in tags_to_dict(current.get("Tags")).items() if k not in tags_unset)
    tags.update(tags_set)
    predicted = dict(current, Tags=tags_to_list(tags), **changes)
    if changes and current.get("Status") in TRANSITIONAL and not params["wait"]:
        raise _transitioning(current, "change")
    if check_mode:
        return _result(True, predicted, before)
    pcc_id, done = current["InstanceId"], list(done)
    try:
        if changes:
            session.call("vpcpeer", "ModifyVpcPeerConnection", ClientToken=session.client_token(), InstanceId=pcc_id,
                         **changes)
            done.append("changed %s of %s" % (", ".join(option for option, wire in MODIFIABLE if wire in changes),
                                              pcc_id))
        if tags_set or tags_unset:
            set_tags(session, _own_region(session, current), pcc_id, tags_set, tags_unset)
            done.append("updated the tags of %s" % pcc_id)
        if changes and params["wait"]:
            after = _wait(session, pcc_id, _status_is("Activated"), "to become Activated")
        else:
            after = get_peer_connection(session, pcc_id) or predicted
    except AlicloudError as exc:
        if not done:
            raise
        raise after_write(exc, ", ".join(done), "a re-run finds %s and goes on from the state it is in" % pcc_id,
                          peer_connection_id=pcc_id)
    return _result(True, after, before)


def _answer(session, current, params, check_mode):
    """state accepted / rejected: the accepter answers a connection that waits in Accepting."""
    state = params["state"]
    if current is None:
        raise AlicloudError("ResourceNotFound.InstanceId", "no VPC peering connection %s is visible to account %s "
                            "(the account these credentials act as) in %s to be %s: run the task with the accepter's "
                            "credentials, or check the id and alicloud_region"
                            % (params.get("peer_connection_id") or "from %s to %s" % (
                                params["vpc_id"], params["accepting_vpc_id"]), session.account_id(),
                               session.region or "any region", state))
    status = _heading(current)
    pcc_id = current["InstanceId"]
    if state == "rejected":
        if status == "Rejected":
            return _result(False, current)
        if status != "Accepting":
            raise AlicloudError("IncorrectStatus.VpcPeer", "%s cannot be rejected: only a connection waiting in "
                                "Accepting can; to end it, delete it (state=absent)" % _label(current))
    elif status in ENDED:
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s cannot be accepted any more: ask the requester to delete it "
                            "and create it again" % _label(current))
    elif status == "Activated":
        return _update(session, current, params, check_mode)
    own_account = session.account_id()
    if str(current.get("AcceptingOwnerUid")) != own_account:
        raise AlicloudError("Forbidden.NotAccepter", "%s waits for account %s to answer it; these credentials act as "
                            "account %s" % (_label(current), current.get("AcceptingOwnerUid"), own_account))
    flat = flatten(current)
    if state == "accepted":
        refuse_overlap(flat["VpcId"], list((current.get("Vpc") or {}).get("Ipv4Cidrs") or []),
                       flat["AcceptingVpcId"], list((current.get("AcceptingVpc") or {}).get("Ipv4Cidrs") or []))
    target = "Activated" if state == "accepted" else "Rejected"
    tags = compare_tags({}, params.get("tags"))[0] if state == "accepted" else {}
    changes = _modifications(current, params) if state == "accepted" else {}
    predicted = dict(current, Status=target, **changes)
    if tags:
        predicted["Tags"] = tags_to_list(tags)
    if current.get("Status") in TRANSITIONAL and not params["wait"]:
        raise _transitioning(current, "answer")
    if changes and not params["wait"]:
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s: %s can change only once the connection is Activated, and "
                            "wait: false does not wait after accepting it; run it with wait: true, or change them in "
                            "a later task; nothing was changed"
                            % (_label(current), ", ".join(option for option, wire in MODIFIABLE if wire in changes)))
    if check_mode:
        return _result(True, predicted, current)
    operation = "AcceptVpcPeerConnection" if state == "accepted" else "RejectVpcPeerConnection"
    session.call("vpcpeer", operation, ClientToken=session.client_token(), InstanceId=pcc_id,
                 **(dict(Tag=tags_to_list(tags)) if tags else {}))
    done = ["%s %s" % (state, pcc_id)]
    try:
        if params["wait"]:
            after = _wait(session, pcc_id, _status_is(target), "to become %s" % target)
        else:
            after = get_peer_connection(session, pcc_id) or predicted
    except AlicloudError as exc:
        raise after_write(exc, done[0], "a re-run finds %s and waits for it again" % pcc_id, peer_connection_id=pcc_id)
    if state == "accepted" and after.get("Status") == "Activated":
        return _update(session, after, params, check_mode, before=current, done=done)
    return _result(True, after, current)


def _predicted_connection(params):
    """Check mode, given the id of a connection an earlier check-mode task predicted: it would exist, and this task
    would act on it."""
    pcc_id = params["peer_connection_id"]
    if params["state"] == "absent":
        return dict(changed=True, peer_connection_id=pcc_id, vpc_peer_connection={},
                    diff=make_diff(dict(peer_connection_id=pcc_id), None))
    after = dict(InstanceId=pcc_id, Status=dict(accepted="Activated", rejected="Rejected").get(params["state"]),
                 Name=params.get("name"), Description=params.get("description"), Bandwidth=params.get("bandwidth"),
                 LinkType=params.get("link_type"), Tags=tags_to_list(params.get("tags")))
    return _result(True, after)


def ensure_vpc_peer_connection(session, params, check_mode):
    """Core of vpc_peer_connection: create / modify / accept / reject / delete one peering connection.

    A connection in transition (Creating, Updating) is waited for with wait: true; with wait: false the task is
    decided from the status it is on its way to, and fails, writing nothing, if it has to write to it."""
    # VpcPeer is a global API: a connection named by its id needs no region; the requester's VPC does.
    region = session.region if params.get("peer_connection_id") else session.require_region()
    validate(params, region, check_mode)
    if is_predicted(params.get("peer_connection_id")):
        return _predicted_connection(params)
    current = find_connection(session, region, params)
    state = params["state"]
    if state == "absent":
        return _absent(session, current, params, check_mode)
    if current is not None and current.get("Status") in TRANSITIONAL and params["wait"] and not check_mode:
        current = _wait(session, current["InstanceId"], _settled, "to settle")
    if state in ("accepted", "rejected"):
        return _answer(session, current, params, check_mode)
    if current is None:
        if params.get("peer_connection_id"):
            raise not_visible(session, "ResourceNotFound.InstanceId", "peer_connection_id",
                              "VPC peering connection %s" % params["peer_connection_id"], "any region",
                              "run the task with the credentials of one of its two accounts", region_option="the id")
        return _create(session, region, params, check_mode)
    if current.get("Status") in ENDED:
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s was %s by the accepter: delete it (state=absent) and run "
                            "this task again to ask again" % (_label(current), current["Status"].lower()))
    return _update(session, current, params, check_mode)


# ---------------------------------------------------------------------------
# Core of vpc_peer_connection_info
# ---------------------------------------------------------------------------

def vpc_peer_connection_info(session, params, check_mode):
    """Core of vpc_peer_connection_info: the connections the caller is a side of, filtered."""
    given = params.get("peer_connection_ids") or []
    # Ids that check mode predicted name connections that do not exist yet: none matches them.
    ids = [pcc_id for pcc_id in given if not predicted(pcc_id, "peer_connection_ids", check_mode)]
    for pcc_id in ids:
        check_id(pcc_id, "pcc", "peer_connection_ids")
    if params.get("vpc_id"):
        check_id(params["vpc_id"], "vpc", "vpc_id")
    if given and not ids:
        return dict(changed=False, vpc_peer_connections=[], ids=[])
    found = list_peer_connections(session, session.region, vpc_ids=[params["vpc_id"]] if params.get("vpc_id") else None,
                                  name=params.get("name"), instance_id=ids[0] if len(ids) == 1 else None)
    if ids:
        found = [pcc for pcc in found if pcc.get("InstanceId") in ids]
    if params.get("status"):
        found = [pcc for pcc in found if pcc.get("Status") in params["status"]]
    return dict(changed=False, vpc_peer_connections=[pcc_view(pcc) for pcc in found],
                ids=[pcc["InstanceId"] for pcc in found])
