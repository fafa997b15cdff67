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

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import account_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    every_token_page,
    make_diff,
    snake_dict,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for
from ansible_collections.alicloud.interconnect.plugins.module_utils.route import (
    describe_routes,
    parse_cidr,
    refuse_overlap,
    routes_via,
    vpc_cidr_blocks,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id, get_vpc

NOT_FOUND = ("ResourceNotFound.InstanceId",)
LINK_TYPES = ("Platinum", "Gold", "Silver")
# Where each transitional status settles (Creating: Accepting across accounts, Activated in one).
TRANSITIONAL = ("Creating", "Updating")
ENDED = ("Rejected", "Expired")
GONE = ("Deleting", "Deleted")

SUMMARY_FIELDS = ("InstanceId", "Status", "VpcId", "RegionId", "AcceptingVpcId", "AcceptingRegionId",
                  "AcceptingOwnerUid", "Bandwidth", "LinkType", "Name", "Description")
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


def pcc_view(pcc):
    """A connection as the modules return it: snake_case, account ids as strings, peer_connection_id on top."""
    view = snake_dict(flatten(pcc))
    view.pop("request_id", None)
    view["peer_connection_id"] = view.get("instance_id")
    for key in ("owner_id", "accepting_owner_uid"):
        if view.get(key) is not None:
            view[key] = str(view[key])
    return view


def _summary(pcc):
    if not pcc:
        return None
    flat = flatten(pcc)
    summary = dict((key, flat.get(key)) for key in SUMMARY_FIELDS)
    summary["AcceptingOwnerUid"] = str(summary["AcceptingOwnerUid"]) if summary["AcceptingOwnerUid"] else None
    return summary


# ---------------------------------------------------------------------------
# Validation without API calls
# ---------------------------------------------------------------------------

def _refuse_inter_region_options(params, region):
    for option, code in (("bandwidth", "IllegalParam.Bandwidth"), ("link_type", "IllegalParam.LinkType")):
        if params.get(option) is not None:
            raise AlicloudError(code, "%s: applies only to a connection between two regions; both VPCs are in %s"
                                % (option, region))


def validate(params, region):
    """Refuse what is wrong whatever the cloud holds."""
    if params.get("peer_connection_id"):
        check_id(params["peer_connection_id"], "pcc", "peer_connection_id")
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


# ---------------------------------------------------------------------------
# Finding and waiting
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


def _wait_status(session, pcc_id, statuses, timeout):
    return wait_for(session, lambda: get_peer_connection(session, pcc_id),
                    lambda pcc: pcc is not None and pcc.get("Status") in statuses,
                    "VPC peering connection %s to become %s" % (pcc_id, " or ".join(statuses)))


def _wait_gone(session, pcc_id, timeout):
    wait_for(session, lambda: get_peer_connection(session, pcc_id), lambda pcc: pcc is None,
             "VPC peering connection %s to be deleted" % pcc_id)


def _settle(session, pcc, timeout):
    if pcc.get("Status") not in TRANSITIONAL:
        return pcc
    return _wait_status(session, pcc["InstanceId"], ("Accepting", "Activated", "Rejected", "Expired"), timeout)


def _describe(pcc):
    flat = flatten(pcc)
    return "%s (%s, %s in %s to %s in %s)" % tuple(flat.get(key) for key in (
        "InstanceId", "Status", "VpcId", "RegionId", "AcceptingVpcId", "AcceptingRegionId"))


def _result(changed, pcc, before=None, after=None):
    result = dict(changed=changed, peer_connection_id=pcc.get("InstanceId") if pcc else None,
                  vpc_peer_connection=pcc_view(pcc) if pcc else {})
    if changed:
        result["diff"] = make_diff(before, after)
    return result


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
            _wait_gone(session, pcc_id, params["wait_timeout"])
        return dict(changed=False, peer_connection_id=pcc_id, vpc_peer_connection={})
    _refuse_if_routed(session, current)
    result = dict(changed=True, peer_connection_id=pcc_id, vpc_peer_connection={},
                  diff=make_diff(_summary(current), None))
    if check_mode:
        return result
    _settle(session, current, params["wait_timeout"])
    session.call("vpcpeer", "DeleteVpcPeerConnection", ClientToken=session.client_token(),
                 InstanceId=pcc_id)
    if params["wait"]:
        _wait_gone(session, pcc_id, params["wait_timeout"])
    return result


def _create(session, region, params, check_mode):
    """Create the connection after checking, without writing, both VPCs and their address ranges."""
    own_account = session.account_id()
    accepter = account_id(params.get("accepting_owner_id"), "accepting_owner_id") or own_account
    accepting_region = params.get("accepting_region") or region
    vpc = get_vpc(session, region, params["vpc_id"])
    if vpc is None:
        raise AlicloudError("ResourceNotFound.VpcId", "vpc_id: VPC %s does not exist in %s for this account"
                            % (params["vpc_id"], region))
    if accepter == own_account:
        accepting = get_vpc(session, accepting_region, params["accepting_vpc_id"])
        if accepting is None:
            raise AlicloudError("ResourceNotFound.AcceptingVpcId", "accepting_vpc_id: VPC %s does not exist in %s for "
                                "account %s" % (params["accepting_vpc_id"], accepting_region, accepter))
        refuse_overlap(vpc["VpcId"], vpc_cidr_blocks(vpc), accepting["VpcId"], vpc_cidr_blocks(accepting))
    elif params.get("accepting_cidr_blocks"):
        refuse_overlap(vpc["VpcId"], vpc_cidr_blocks(vpc), params["accepting_vpc_id"],
                       list(params["accepting_cidr_blocks"]))
    inter_region = accepting_region != region
    status = "Activated" if accepter == own_account else "Accepting"
    predicted = dict(InstanceId=None, Status=status, RegionId=region, AcceptingRegionId=accepting_region,
                     AcceptingOwnerUid=int(accepter), OwnerId=int(own_account), Name=params.get("name") or "",
                     Description=params.get("description") or "",
                     Bandwidth=params.get("bandwidth") or (1024 if inter_region else -1),
                     LinkType=params.get("link_type") or ("Gold" if inter_region else ""),
                     Vpc=dict(VpcId=vpc["VpcId"], Ipv4Cidrs=vpc_cidr_blocks(vpc)),
                     AcceptingVpc=dict(VpcId=params["accepting_vpc_id"]))
    if check_mode:
        return _result(True, predicted, None, _summary(predicted))
    body = session.call("vpcpeer", "CreateVpcPeerConnection", ClientToken=session.client_token(),
                        RegionId=region, VpcId=params["vpc_id"], AcceptingAliUid=int(accepter),
                        AcceptingRegionId=accepting_region, AcceptingVpcId=params["accepting_vpc_id"],
                        Bandwidth=params.get("bandwidth"), LinkType=params.get("link_type"), Name=params.get("name"),
                        Description=params.get("description"))
    pcc_id = body["InstanceId"]
    if params["wait"]:
        pcc = _wait_status(session, pcc_id, ("Accepting", "Activated"), params["wait_timeout"])
    else:
        pcc = get_peer_connection(session, pcc_id) or dict(predicted, InstanceId=pcc_id, Status="Creating")
    return _result(True, pcc, None, _summary(pcc))


def _modifications(current, params):
    return dict((wire, params[option]) for option, wire in MODIFIABLE
                if params.get(option) is not None and current.get(wire) != params[option])


def _modify(session, current, params, check_mode, changes):
    """Apply name, description, bandwidth and link type changes (the connection must be Activated)."""
    before = _summary(current)
    if current.get("RegionId") == current.get("AcceptingRegionId"):
        _refuse_inter_region_options(params, current.get("RegionId"))
    if current.get("Status") != "Activated":
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s: %s can change only once the connection is Activated"
                            % (_describe(current), ", ".join(option for option, wire in MODIFIABLE if wire in changes)))
    if check_mode:
        predicted = dict(current, **changes)
        return _result(True, predicted, before, _summary(predicted))
    session.call("vpcpeer", "ModifyVpcPeerConnection", ClientToken=session.client_token(),
                 InstanceId=current["InstanceId"], **changes)
    if params["wait"]:
        after = _wait_status(session, current["InstanceId"], ("Activated",), params["wait_timeout"])
    else:
        after = get_peer_connection(session, current["InstanceId"])
    return _result(True, after, before, _summary(after))


def _answer(session, current, params, check_mode):
    """state accepted / rejected: the accepter answers a connection that waits in Accepting."""
    state = params["state"]
    if current is None:
        raise AlicloudError("ResourceNotFound.InstanceId", "no VPC peering connection %s is visible to this account "
                            "in %s to be %s" % (params.get("peer_connection_id") or "from %s to %s" % (
                                params["vpc_id"], params["accepting_vpc_id"]), session.region or "any region", state))
    status = current.get("Status")
    pcc_id = current["InstanceId"]
    if state == "rejected":
        if status == "Rejected":
            return _result(False, current)
        if status != "Accepting":
            raise AlicloudError("IncorrectStatus.VpcPeer", "%s cannot be rejected: only a connection waiting in "
                                "Accepting can; to end it, delete it (state=absent)" % _describe(current))
    elif status in ENDED:
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s cannot be accepted any more: ask the requester to delete it "
                            "and create it again" % _describe(current))
    elif status == "Activated":
        changes = _modifications(current, params)
        return _modify(session, current, params, check_mode, changes) if changes else _result(False, current)
    own_account = session.account_id()
    if str(current.get("AcceptingOwnerUid")) != own_account:
        raise AlicloudError("Forbidden.NotAccepter", "%s waits for account %s to answer it; these credentials act as "
                            "account %s" % (_describe(current), current.get("AcceptingOwnerUid"), own_account))
    flat = flatten(current)
    if state == "accepted":
        refuse_overlap(flat["VpcId"], list((current.get("Vpc") or {}).get("Ipv4Cidrs") or []),
                       flat["AcceptingVpcId"], list((current.get("AcceptingVpc") or {}).get("Ipv4Cidrs") or []))
    target = "Activated" if state == "accepted" else "Rejected"
    predicted = dict(current, Status=target)
    if check_mode:
        return _result(True, predicted, _summary(current), _summary(predicted))
    operation = "AcceptVpcPeerConnection" if state == "accepted" else "RejectVpcPeerConnection"
    session.call("vpcpeer", operation, ClientToken=session.client_token(), InstanceId=pcc_id)
    after = current
    if params["wait"]:
        after = _wait_status(session, pcc_id, (target,), params["wait_timeout"])
    else:
        after = get_peer_connection(session, pcc_id) or predicted
    if state == "accepted" and _modifications(after, params) and after.get("Status") == "Activated":
        return _modify(session, after, params, check_mode, _modifications(after, params))
    return _result(True, after, _summary(current), _summary(after))


def ensure_vpc_peer_connection(session, params, check_mode):
    """Core of vpc_peer_connection: create / modify / accept / reject / delete one peering connection."""
    # VpcPeer is a global API: a connection named by its id needs no region; the requester's VPC does.
    region = session.region if params.get("peer_connection_id") else session.require_region()
    validate(params, region)
    current = find_connection(session, region, params)
    state = params["state"]
    if state == "absent":
        return _absent(session, current, params, check_mode)
    if current is not None and not check_mode:
        current = _settle(session, current, params["wait_timeout"])
    if state in ("accepted", "rejected"):
        return _answer(session, current, params, check_mode)
    if current is None:
        if params.get("peer_connection_id"):
            raise AlicloudError("ResourceNotFound.InstanceId", "peer_connection_id: %s does not exist (or is not "
                                "visible to this account)" % params["peer_connection_id"])
        return _create(session, region, params, check_mode)
    if current.get("Status") in ENDED:
        raise AlicloudError("IncorrectStatus.VpcPeer", "%s was %s by the accepter: delete it (state=absent) and run "
                            "this task again to ask again" % (_describe(current), current["Status"].lower()))
    changes = _modifications(current, params)
    if not changes:
        return _result(False, current)
    return _modify(session, current, params, check_mode, changes)


# ---------------------------------------------------------------------------
# Core of vpc_peer_connection_info
# ---------------------------------------------------------------------------

def vpc_peer_connection_info(session, params, check_mode):
    """Core of vpc_peer_connection_info: the connections the caller is a side of, filtered."""
    ids = params.get("peer_connection_ids") or []
    for pcc_id in ids:
        check_id(pcc_id, "pcc", "peer_connection_ids")
    if params.get("vpc_id"):
        check_id(params["vpc_id"], "vpc", "vpc_id")
    found = list_peer_connections(session, session.region, vpc_ids=[params["vpc_id"]] if params.get("vpc_id") else None,
                                  name=params.get("name"), instance_id=ids[0] if len(ids) == 1 else None)
    if ids:
        found = [pcc for pcc in found if pcc.get("InstanceId") in ids]
    if params.get("status"):
        found = [pcc for pcc in found if pcc.get("Status") in params["status"]]
    return dict(changed=False, vpc_peer_connections=[pcc_view(pcc) for pcc in found],
                ids=[pcc["InstanceId"] for pcc in found])
