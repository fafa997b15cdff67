# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloud Enterprise Network (CBN 2017-09-12): CEN instances, child-instance attachments, and the
cross-account grants (a VPC API operation) that let another account's CEN attach an instance.

Wrappers (``describe_cen``, ``list_cens``, ``list_attachments``, ...) return API dicts with wire
names, or None / [] when there is nothing. The cores behind the modules:

* ``cen_instance`` / ``cen_instance_info``
* ``cen_attachment`` / ``cen_attachment_info`` (one instance, or a batch in one invocation)
* ``cen_grant`` (run with the instance owner's credentials)

A CEN accepts one change at a time: while an attach, detach or modification is in progress,
further ones are refused with a busy code, which Session.call retries until the task's deadline
(retries.BUSY_CODES).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import itertools

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    account_id,
    check_text,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    changed_fields,
    every_page,
    every_token_page,
    find_by_name,
    make_diff,
    snake_dict,
    tags_to_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import (
    apply_tags,
    compare_tags,
    tags_after,
    tags_to_list,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.retries import BUSY_FIRST_PAUSE
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for, wait_settled
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    check_id,
    find_vpcs,
    get_vbr,
    get_vpc,
    get_vpc_attribute,
)

# Answers that mean "not there".
CEN_NOT_FOUND_CODES = ("ParameterCenInstanceId",)
ATTACHMENT_NOT_FOUND_CODES = ("ParameterInstanceId", "ParameterError")
DETACH_GONE_CODES = ("Bid.NotFound", "ParameterInstanceId")
ATTACHED_CODE = "InvalidOperation.ChildInstanceAlreadyAttached"
REVOKE_GONE_CODES = ("InvalidInstanceId.NotFound",)

# ChildInstanceType -> the prefix of its ids.
INSTANCE_TYPES = {"VPC": "vpc", "VBR": "vbr", "CCN": "ccn"}

CEN_PAGE_SIZE = 50
CEN_NAME_MAX, CEN_DESCRIPTION_MAX = 128, 256
GRANT_PAGE_SIZE = 100
MAX_FILTER_VALUES = 5  # DescribeCens: at most 5 values per filter
WORKERS = 4  # parallel grant or revoke calls in a batch


def _owner(value):
    """An account id from the API (int) as the modules return it (str)."""
    return None if value in (None, "") else str(value)


def _clean(result):
    result.pop("request_id", None)
    return result


# ---------------------------------------------------------------------------
# CEN instances
# ---------------------------------------------------------------------------

def list_cens(session, filters=None, tags=None):
    """The caller's CENs (DescribeCens, all pages).

    ``filters``: ``{"CenId": [...], "Name": [...]}``, AND between keys, OR among values (any number
    of values: they are sent five at a time). ``tags``: a dict every CEN must carry (an empty value
    matches any value). Keeps the API's order, without duplicates.
    """
    filters = dict((k, list(v)) for k, v in (filters or {}).items())
    tag_list = [dict(t, Value=t["Value"] or None) for t in tags_to_list(tags)] or None
    keys = sorted(filters)
    chunked = [[filters[k][i:i + MAX_FILTER_VALUES] for i in range(0, len(filters[k]), MAX_FILTER_VALUES)] or [[]]
               for k in keys]
    seen, cens = set(), []
    for combination in itertools.product(*chunked):
        api_filters = [dict(Key=k, Value=values) for k, values in zip(keys, combination)]
        found = every_page(session, "cbn", "DescribeCens", "Cens", CEN_PAGE_SIZE, Filter=api_filters or None,
                           Tag=tag_list)
        for cen in found:
            if cen["CenId"] not in seen:
                seen.add(cen["CenId"])
                cens.append(cen)
    return cens


def describe_cen(session, cen_id):
    """The caller's CEN ``cen_id``, or None."""
    cens = list_cens(session, filters={"CenId": [cen_id]})
    return cens[0] if cens else None


def find_cen(session, cen_id=None, name=None):
    """A CEN by id, else by name (failing, with the ids, when several CENs share the name), or None."""
    if cen_id:
        return describe_cen(session, cen_id)
    return find_by_name(list_cens(session, filters={"Name": [name]}), name, "CEN instances", "CenId")


def cen_result(cen):
    """A CEN as the modules return it (snake_case, tags as a dict)."""
    return _clean(snake_dict(cen, unwrap_keys=("CenBandwidthPackageIds",))) if cen else {}


def _cen_view(cen):
    """The fields cen_instance manages, for diffs."""
    if not cen:
        return {}
    return dict(cen_id=cen.get("CenId"), name=cen.get("Name"), description=cen.get("Description"),
                protection_level=cen.get("ProtectionLevel"), tags=tags_to_dict(cen.get("Tags")))


def _wait_cen(session, cen_id, gone=False):
    return wait_settled(session, lambda: describe_cen(session, cen_id), "CEN %s" % cen_id, gone)


def _settled_cen(session, params, cen_id, done, rerun):
    """The CEN after a write: waited for when ``wait``, else read once. A failure says what was done."""
    try:
        return _wait_cen(session, cen_id) if params["wait"] else describe_cen(session, cen_id)
    except AlicloudError as exc:
        raise after_write(exc, done, rerun, cen_id=cen_id)


def account_text(session):
    """``account 1000000000000001`` (the account the credentials act as), for messages."""
    return "account %s" % session.account_id()


def cen_missing(session, cen_id, option="cen_id"):
    """The error for a CEN the caller's account does not have, naming the account and what to try."""
    return AlicloudError("ParameterCenInstanceId", "%s: the CEN instance %s does not exist in %s (the account these "
                                                   "credentials act as); use the credentials of the CEN's owner"
                         % (option, cen_id, account_text(session)))


def cen_instance(session, params, check_mode):
    """Core of alicloud.interconnect.cen_instance."""
    cen_id, name = params.get("cen_id"), params.get("name")
    if predicted(cen_id, "cen_id", check_mode):
        return _cen_predicted(params, cen_id)
    if cen_id:
        check_id(cen_id, "cen", "cen_id")
    if name == "":
        raise AlicloudError(None, "name: give a non-empty name")
    check_text(name, "name", CEN_NAME_MAX)
    check_text(params.get("description"), "description", CEN_DESCRIPTION_MAX)
    current = find_cen(session, cen_id=cen_id, name=name)
    if params["state"] == "absent":
        return _cen_absent(session, params, check_mode, current)
    if current is None and cen_id:
        missing = cen_missing(session, cen_id).message
        raise AlicloudError(None, "%s; to create a CEN, give name without cen_id" % missing)
    # Validates the tags before anything is written (reserved keys are refused).
    to_set, to_unset = compare_tags(tags_to_dict(current.get("Tags")) if current else {}, params.get("tags"),
                                    params["purge_tags"])
    if current is None:
        return _cen_create(session, params, check_mode, to_set)
    return _cen_update(session, params, check_mode, current, to_set, to_unset)


def _cen_predicted(params, cen_id):
    """Check mode, given the id a check-mode create predicted: the CEN would exist, so would its change."""
    if params["state"] == "absent":
        return dict(changed=True, cen_id=cen_id, cen={})
    predicted_cen = dict(CenId=cen_id, Name=params.get("name"), Description=params.get("description"),
                         ProtectionLevel=params.get("protection_level"), Status="Active",
                         Tags=tags_to_list(params.get("tags")))
    return dict(changed=True, cen_id=cen_id, cen=cen_result(predicted_cen),
                diff=make_diff(None, _cen_view(predicted_cen)))


def _cen_create(session, params, check_mode, tags):
    predicted_cen = dict(CenId=predicted_id("cen"), Name=params["name"], Description=params.get("description") or "",
                         ProtectionLevel=params.get("protection_level") or "REDUCED", Status="Active",
                         Tags=tags_to_list(tags))
    if check_mode:
        return dict(changed=True, cen_id=predicted_cen["CenId"], cen=cen_result(predicted_cen),
                    diff=make_diff(None, _cen_view(predicted_cen)))
    body = session.call("cbn", "CreateCen", ClientToken=session.client_token(), Name=params["name"],
                        Description=params.get("description"), ProtectionLevel=params.get("protection_level"),
                        Tag=tags_to_list(tags) or None)
    cen_id = body["CenId"]
    after = _settled_cen(session, params, cen_id, "created CEN %s" % cen_id,
                         "a re-run with the same name finds it and waits for it again")
    return dict(changed=True, cen_id=cen_id, cen=cen_result(after), diff=make_diff(None, _cen_view(after)))


def _cen_update(session, params, check_mode, current, to_set, to_unset):
    cen_id = current["CenId"]
    changes = changed_fields(current, dict(Name=params.get("name"), Description=params.get("description"),
                                           ProtectionLevel=params.get("protection_level")))
    if not changes and not to_set and not to_unset:
        if params["wait"] and current.get("Status") != "Active" and not check_mode:
            current = _wait_cen(session, cen_id)
        return dict(changed=False, cen_id=cen_id, cen=cen_result(current))
    predicted_cen = dict(current, **changes)
    predicted_cen["Tags"] = tags_after(current.get("Tags"), to_set, to_unset)
    if check_mode:
        return dict(changed=True, cen_id=cen_id, cen=cen_result(predicted_cen),
                    diff=make_diff(_cen_view(current), _cen_view(predicted_cen)))
    if changes:
        session.call("cbn", "ModifyCenAttribute", CenId=cen_id, **changes)
    try:
        apply_tags(session, "cen", cen_id, to_set, to_unset)
    except AlicloudError as exc:
        if not changes:
            raise
        raise after_write(exc, "changed %s of CEN %s" % (", ".join(sorted(changes)), cen_id),
                          "a re-run changes what is left", cen_id=cen_id)
    after = _settled_cen(session, params, cen_id, "changed CEN %s" % cen_id, "a re-run waits for it again")
    return dict(changed=True, cen_id=cen_id, cen=cen_result(after),
                diff=make_diff(_cen_view(current), _cen_view(after)))


def _cen_absent(session, params, check_mode, current):
    if current is None:
        return dict(changed=False, cen_id=params.get("cen_id"), cen={})
    cen_id = current["CenId"]
    if current.get("Status") == "Deleting":
        if params["wait"] and not check_mode:
            _wait_cen(session, cen_id, gone=True)
        return dict(changed=False, cen_id=cen_id, cen={})
    diff = make_diff(_cen_view(current), None)
    if check_mode:
        return dict(changed=True, cen_id=cen_id, cen={}, diff=diff)
    try:
        session.call("cbn", "DeleteCen", CenId=cen_id)
    except AlicloudError as exc:
        if exc.code not in CEN_NOT_FOUND_CODES:
            raise
        return dict(changed=False, cen_id=cen_id, cen={})
    if params["wait"]:
        try:
            _wait_cen(session, cen_id, gone=True)
        except AlicloudError as exc:
            raise after_write(exc, "deleted CEN %s" % cen_id, "a re-run waits for the deletion again", cen_id=cen_id)
    return dict(changed=True, cen_id=cen_id, cen={}, diff=diff)


def cen_instance_info(session, params, check_mode):
    """Core of alicloud.interconnect.cen_instance_info: CENs by ids, name, raw filters and tags."""
    filters = {}
    for key, value in (params.get("filters") or {}).items():
        if key not in ("CenId", "Name"):
            raise AlicloudError(None, "filters: DescribeCens filters by CenId and Name only, not %r" % key)
        filters[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
    # A CEN that check mode predicted does not exist yet: nothing to read about it.
    cen_ids = [i for i in params.get("cen_ids") or [] if not predicted(i, "cen_ids", check_mode)]
    for cen_id in cen_ids:
        check_id(cen_id, "cen", "cen_ids")
    if params.get("cen_ids"):
        wanted = set(cen_ids)
        filters["CenId"] = [v for v in filters["CenId"] if v in wanted] if "CenId" in filters else cen_ids
    if params.get("name") is not None:
        filters["Name"] = [v for v in filters["Name"] if v == params["name"]] if "Name" in filters \
            else [params["name"]]
    if any(not values for values in filters.values()):
        return dict(changed=False, cens=[])
    cens = list_cens(session, filters=filters, tags=params.get("tags"))
    return dict(changed=False, cens=[cen_result(cen) for cen in cens])


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------

def list_attachments(session, cen_id, instance_type=None, instance_region=None):
    """The child instances attached to ``cen_id`` (all pages), or None when the caller has no such CEN."""
    try:
        return every_page(session, "cbn", "DescribeCenAttachedChildInstances", "ChildInstances", CEN_PAGE_SIZE,
                          CenId=cen_id, ChildInstanceType=instance_type, ChildInstanceRegionId=instance_region)
    except AlicloudError as exc:
        if exc.code in CEN_NOT_FOUND_CODES:
            return None
        raise


def child_instance_regions(session, product_type):
    """The regions where CEN attaches instances of product_type (DescribeChildInstanceRegions)."""
    body = session.call("cbn", "DescribeChildInstanceRegions", ProductType=product_type)
    return set(region.get("RegionId") for region in unwrap(body.get("Regions")) or [])


def describe_attachment(session, cen_id, instance_id, instance_type, instance_region):
    """The attachment of one instance to ``cen_id`` (DescribeCenAttachedChildInstanceAttribute), or None.

    A CEN the caller does not have raises the API's ParameterCenInstanceId error.
    """
    try:
        return session.call("cbn", "DescribeCenAttachedChildInstanceAttribute", CenId=cen_id,
                            ChildInstanceId=instance_id, ChildInstanceType=instance_type,
                            ChildInstanceRegionId=instance_region)
    except AlicloudError as exc:
        if exc.code in ATTACHMENT_NOT_FOUND_CODES:
            return None
        raise


def attachment_result(attachment):
    """An attachment as the modules return it (snake_case, owner id as a string)."""
    if not attachment:
        return {}
    result = _clean(snake_dict(attachment, unwrap_keys=("SecondaryCidrBlocks", "Ipv6CidrBlocks")))
    result["child_instance_owner_id"] = _owner(result.get("child_instance_owner_id"))
    return result


def _member(item, default_region, option):
    """One instance of the task, checked: {id, type, region, owner}."""
    itype = item.get("instance_type") or "VPC"
    if itype not in INSTANCE_TYPES:
        raise AlicloudError(None, "%sinstance_type must be one of %s, not %r"
                            % (option, ", ".join(sorted(INSTANCE_TYPES)), itype))
    check_id(item.get("instance_id"), INSTANCE_TYPES[itype], option + "instance_id")
    region = item.get("instance_region") or default_region
    if not region:
        raise AlicloudError(None, "%sinstance_region: set it (or instance_region, or alicloud_region) for %s"
                            % (option, item["instance_id"]))
    return dict(id=item["instance_id"], type=itype, region=region,
                owner=account_id(item.get("instance_owner_id"), option + "instance_owner_id"))


def _members(session, params):
    """The instances the task names: ``instances`` (batch) or the single instance_* options.

    An instance's region is its own instance_region, else the task's instance_region, else
    alicloud_region.
    """
    default_region = params.get("instance_region") or session.region
    if params.get("instances") is None:
        single = dict(instance_id=params.get("instance_id"), instance_type=params.get("instance_type"),
                      instance_owner_id=params.get("instance_owner_id"))
        return [_member(single, default_region, "")]
    members, seen = [], set()
    for index, item in enumerate(params["instances"]):
        member = _member(item, default_region, "instances[%d]." % index)
        if member["id"] in seen:
            raise AlicloudError(None, "instances: %s is listed twice" % member["id"])
        seen.add(member["id"])
        members.append(member)
    return members


def _attachment_record(member, cen_id, status):
    """The attachment a member is predicted to have (API wire names)."""
    return dict(CenId=cen_id, ChildInstanceId=member["id"], ChildInstanceType=member["type"],
                ChildInstanceRegionId=member["region"], ChildInstanceOwnerId=member.get("owner"), Status=status)


class _AccountView:
    """What the caller's credentials can see of the task's instances, read once per task."""

    def __init__(self, session, cen_id):
        self.session = session
        self.cen_id = cen_id
        self._vpcs = {}
        self._vbrs = {}
        self._index = None

    def is_own(self, member):
        """The caller owns member (no instance_owner_id, or the caller's own account id)."""
        return member["owner"] is None or member["owner"] == self.session.account_id()

    def vpc(self, member):
        """The caller's VPC of member (DescribeVpcs), or None. ``load_vpcs`` first reads many at once."""
        if member["id"] not in self._vpcs:
            self.load_vpcs([member])
        return self._vpcs[member["id"]]

    def load_vpcs(self, members):
        """Read the VPCs of members: one DescribeVpcs per region and 20 ids."""
        for region in sorted(set(m["region"] for m in members)):
            ids = [m["id"] for m in members if m["region"] == region]
            found = dict((v["VpcId"], v) for v in find_vpcs(self.session, region, vpc_ids=ids))
            self._vpcs.update((i, found.get(i)) for i in ids)

    def vbr(self, member):
        """The caller's VBR of member (DescribeVirtualBorderRouters), or None."""
        if member["id"] not in self._vbrs:
            self._vbrs[member["id"]] = get_vbr(self.session, member["region"], member["id"])
        return self._vbrs[member["id"]]

    def _associated(self, record):
        for cen in unwrap((record or {}).get("AssociatedCens")) or []:
            if cen.get("CenId") != self.cen_id:
                return dict(cen_id=cen.get("CenId"), owner=_owner(cen.get("CenOwnerId")))
        return None

    def locate(self, members):
        """{instance id: the CEN other than cen_id it is attached to}, as far as the caller can see.

        The caller's VPCs and VBRs say which CENs they are attached to (a VPC is only asked when
        DescribeVpcs shows it attached); other instances are looked for in the caller's other CENs.
        """
        where = {}
        own_vpcs = [m for m in members if m["type"] == "VPC" and self.is_own(m)]
        self.load_vpcs([m for m in own_vpcs if m["id"] not in self._vpcs])
        for member in members:
            if member["type"] == "VPC" and self.is_own(member):
                vpc = self.vpc(member)
                found = None
                if vpc is not None and vpc.get("CenStatus") == "Attached":
                    found = self._associated(get_vpc_attribute(self.session, member["region"], member["id"]))
            elif member["type"] == "VBR" and self.is_own(member):
                found = self._associated(self.vbr(member))
            else:
                found = self.other_cens().get(member["id"])
            if found:
                where[member["id"]] = found
        return where

    def other_cens(self):
        """instance id -> the caller's CEN (other than cen_id) it is attached to."""
        if self._index is None:
            self._index = {}
            for cen in list_cens(self.session):
                if cen["CenId"] == self.cen_id:
                    continue
                for att in list_attachments(self.session, cen["CenId"]) or []:
                    self._index[att["ChildInstanceId"]] = dict(cen_id=cen["CenId"], owner=None)
        return self._index


def _elsewhere_text(where):
    owner = " of account %s" % where["owner"] if where.get("owner") else ""
    return "CEN %s%s" % (where["cen_id"], owner)


def _not_found_text(session, member):
    """``vpc-1: no such VPC in cn-hangzhou for account 1000...`` and what to try."""
    return ("%s: no such %s in instance_region %s for %s (the account these credentials act as); if it belongs to "
            "another account, set instance_owner_id (and grant it with cen_grant in that account), else check "
            "instance_region" % (member["id"], member["type"], member["region"], account_text(session)))


def _preflight_attach(session, view, cen_id, members):
    """Everything an attach would be refused for, found by reading only; raises one error for all.

    With a CEN that check mode predicted (``cen_id`` None) only the instances themselves are checked.
    """
    problems = []
    cross = [m for m in members if not view.is_own(m)]
    own = [m for m in members if view.is_own(m)]
    for itype in sorted(set(m["type"] for m in cross)) if cen_id else []:
        rules = dict((r["ChildInstanceId"], r) for r in list_cen_grants(session, cen_id, itype))
        for member in (m for m in cross if m["type"] == itype):
            rule = rules.get(member["id"])
            if rule is None or _owner(rule.get("ChildInstanceOwnerId")) != member["owner"]:
                problems.append("%s: account %s has not granted CEN %s access to it; run "
                                "alicloud.interconnect.cen_grant with that account's credentials first "
                                "(instance_owner_id %s)" % (member["id"], member["owner"], cen_id, member["owner"]))
            elif rule.get("ChildInstanceRegionId") != member["region"]:
                problems.append("%s: instance_region is %s but the grant is for %s"
                                % (member["id"], member["region"], rule.get("ChildInstanceRegionId")))
    view.load_vpcs([m for m in own if m["type"] == "VPC"])
    existing = []
    for member in own:
        if (member["type"] == "VPC" and view.vpc(member) is None) \
                or (member["type"] == "VBR" and view.vbr(member) is None):
            problems.append(_not_found_text(session, member))
        else:
            existing.append(member)
    for instance_id, where in sorted(view.locate([m for m in existing if m["type"] in ("VPC", "VBR")]).items()):
        problems.append("%s: already attached to %s; detach it there first" % (instance_id, _elsewhere_text(where)))
    ccns = [m for m in own if m["type"] == "CCN"]
    if ccns:
        regions = child_instance_regions(session, "CCN")
        problems.extend("%s: instance_region %s is not a region where CEN attaches CCN instances"
                        % (m["id"], m["region"]) for m in ccns if m["region"] not in regions)
    if problems:
        raise AlicloudError(None, "nothing was attached: " + "; ".join(problems))


def _preflight_detach_elsewhere(view, cen_id, members):
    """Members not attached to cen_id but to another CEN: refuse, naming it (nothing is detached)."""
    problems = ["%s is attached to %s, not to cen_id %s" % (instance_id, _elsewhere_text(where), cen_id)
                for instance_id, where in sorted(view.locate(members).items())]
    if problems:
        raise AlicloudError(None, "nothing was detached: %s; set cen_id to the CEN it is attached to"
                            % "; ".join(problems))


def _attach(session, cen_id, member):
    owner = int(member["owner"]) if member.get("owner") else None
    try:
        session.call("cbn", "AttachCenChildInstance", CenId=cen_id, ChildInstanceId=member["id"],
                     ChildInstanceType=member["type"], ChildInstanceRegionId=member["region"],
                     ChildInstanceOwnerId=owner)
    except AlicloudError as exc:
        # AttachCenChildInstance takes no ClientToken: when an attempt's answer was lost, the
        # retry finds the instance attached. Attached to this CEN, that is the attach done.
        if exc.code != ATTACHED_CODE:
            raise
        if describe_attachment(session, cen_id, member["id"], member["type"], member["region"]) is None:
            raise


def _detach(session, cen_id, member):
    owner = int(member["owner"]) if member.get("owner") else None
    try:
        session.call("cbn", "DetachCenChildInstance", CenId=cen_id, ChildInstanceId=member["id"],
                     ChildInstanceType=member["type"], ChildInstanceRegionId=member["region"],
                     ChildInstanceOwnerId=owner)
    except AlicloudError as exc:
        if exc.code not in DETACH_GONE_CODES:
            raise


def _settled_attachment(session, cen_id, member):
    """Wait until member's attachment to cen_id is no longer Attaching or Detaching (or is gone).

    The first look comes BUSY_FIRST_PAUSE after the call: an attachment is never settled at once.
    This wait is needed whatever ``wait`` says: the CEN refuses the next attach or detach until then.
    """
    session.sleep(min(BUSY_FIRST_PAUSE, session.deadline.remaining()))
    wait_for(session, lambda: describe_attachment(session, cen_id, member["id"], member["type"], member["region"]),
             lambda att: att is None or att.get("Status") not in ("Attaching", "Detaching"),
             "%s to settle on CEN %s before the next attach or detach" % (member["id"], cen_id))


def _rerun_text(present):
    return "a re-run %s the rest" % ("attaches" if present else "detaches")


def _apply_attachments(session, cen_id, to_attach, to_detach, present):
    """Detach, then attach, one member at a time on cen_id.

    The CEN takes one attach or detach at a time and refuses another one sent while the last is
    in transition (Operation.Blocking): a write call spent for nothing. So each job after the
    first waits, reading the previous member's attachment, until that one has settled. After a
    failure no further job starts: raises one AlicloudError naming the failure and, when some
    jobs were done, ``changed`` with what was done.
    """
    jobs = [("detach", m, _detach) for m in to_detach] + [("attach", m, _attach) for m in to_attach]
    done = []
    for index, (verb, member, fn) in enumerate(jobs):
        step = "%s %s" % (verb, member["id"])
        try:
            if index:
                step = "before %s %s" % (verb, member["id"])
                _settled_attachment(session, cen_id, jobs[index - 1][1])
                step = "%s %s" % (verb, member["id"])
            fn(session, cen_id, member)
        except AlicloudError as exc:
            if not done:
                raise AlicloudError(exc.code, "%s: %s" % (step, exc), request_id=exc.request_id)
            error = AlicloudError(exc.code, "%s: %s" % (step, exc))
            raise after_write(error, "on CEN %s: %s" % (cen_id, ", ".join(text for text, _id in done)),
                              _rerun_text(present), cen_id=cen_id, instance_ids=[i for _text, i in done])
        done.append(("%sed %s" % (verb, member["id"]), member["id"]))


def _member_from_attachment(att):
    return dict(id=att["ChildInstanceId"], type=att["ChildInstanceType"], region=att["ChildInstanceRegionId"],
                owner=_owner(att.get("ChildInstanceOwnerId")))


def _current_attachments(session, cen_id, members, batch):
    """{instance id: attachment} as the task sees it (all of the CEN's for a batch), or None without the CEN."""
    if batch:
        listing = list_attachments(session, cen_id)
        return None if listing is None else dict((a["ChildInstanceId"], a) for a in listing)
    member = members[0]
    try:
        found = describe_attachment(session, cen_id, member["id"], member["type"], member["region"])
    except AlicloudError as exc:
        if exc.code not in CEN_NOT_FOUND_CODES:
            raise
        return None
    return {member["id"]: found} if found else {}


def _plan_attachments(session, params, cen_id, members, current):
    """``(to_attach, to_detach)``: the members to attach and to detach, after every check before a write."""
    view = _AccountView(session, cen_id)
    if params["state"] == "present":
        to_attach = [m for m in members if m["id"] not in current or current[m["id"]].get("Status") == "Detaching"]
        to_detach = []
        if params.get("purge_instances"):
            listed = set(m["id"] for m in members)
            to_detach = [_member_from_attachment(a) for i, a in current.items()
                         if i not in listed and a.get("Status") != "Detaching"]
        if to_attach:
            _preflight_attach(session, view, cen_id, to_attach)
        return to_attach, to_detach
    to_detach = [dict(m, owner=_owner(current[m["id"]].get("ChildInstanceOwnerId")) or m["owner"])
                 for m in members if m["id"] in current and current[m["id"]].get("Status") != "Detaching"]
    missing = [m for m in members if m["id"] not in current]
    if missing:
        _preflight_detach_elsewhere(view, cen_id, missing)
    return [], to_detach


def _predicted_after(current, cen_id, to_attach, to_detach):
    after = dict(current)
    for member in to_detach:
        after.pop(member["id"], None)
    for member in to_attach:
        after[member["id"]] = _attachment_record(member, cen_id, "Attached")
    return after


def _settle_attachments(session, params, cen_id, members, batch, current, to_attach, to_detach):
    """The attachments after the writes: waited for until settled when ``wait``, else read once."""
    present = params["state"] == "present"
    wanted_ids = set(m["id"] for m in members) if present else set()
    gone_ids = set(m["id"] for m in to_detach) | (set() if present else set(m["id"] for m in members))
    changed = bool(to_attach or to_detach)

    def settled(state):
        return all(state.get(i, {}).get("Status") == "Attached" for i in wanted_ids) \
            and not any(i in state for i in gone_ids)

    def fetch():
        return _current_attachments(session, cen_id, members, batch) or {}

    if params["wait"] and (changed or not settled(current)):
        try:
            return wait_for(session, fetch, settled, "the attachments of CEN %s to settle" % cen_id)
        except AlicloudError as exc:
            if not changed:
                raise
            done = ["attached %s" % m["id"] for m in to_attach] + ["detached %s" % m["id"] for m in to_detach]
            raise after_write(exc, "on CEN %s: %s" % (cen_id, ", ".join(done)), "a re-run waits for them again",
                              cen_id=cen_id, instance_ids=[m["id"] for m in to_detach + to_attach])
    return fetch() if changed else current


def cen_attachment(session, params, check_mode):
    """Core of alicloud.interconnect.cen_attachment: one instance, or the batch ``instances``."""
    cen_id = params.get("cen_id")
    members = _members(session, params)
    batch = params.get("instances") is not None
    present = params["state"] == "present"
    if params.get("purge_instances") and not batch:
        raise AlicloudError(None, "purge_instances: only valid with instances")
    if predicted(cen_id, "cen_id", check_mode):
        # A CEN that check mode would create has nothing attached: every member would be attached.
        to_attach = members if present else []
        if to_attach:
            _preflight_attach(session, _AccountView(session, None), None, to_attach)
        after = _predicted_after({}, cen_id, to_attach, [])
        return _attachment_outcome(batch, cen_id, members, to_attach, [], {}, after)
    check_id(cen_id, "cen", "cen_id")
    current = _current_attachments(session, cen_id, members, batch)
    if current is None and present:
        raise cen_missing(session, cen_id)
    current = current or {}
    to_attach, to_detach = _plan_attachments(session, params, cen_id, members, current)
    if check_mode:
        after = _predicted_after(current, cen_id, to_attach, to_detach)
    else:
        _apply_attachments(session, cen_id, to_attach, to_detach, present)
        after = _settle_attachments(session, params, cen_id, members, batch, current, to_attach, to_detach)
    return _attachment_outcome(batch, cen_id, members, to_attach, to_detach, current, after)


def _attachment_view(att):
    if not att:
        return {}
    return dict(instance_type=att.get("ChildInstanceType"), instance_region=att.get("ChildInstanceRegionId"),
                instance_owner_id=_owner(att.get("ChildInstanceOwnerId")), status=att.get("Status"))


def _attachment_outcome(batch, cen_id, members, to_attach, to_detach, before, after):
    """The result, one shape for both forms: ``attachments`` and ``results`` always, plus ``instance_id``
    and ``attachment`` when the task gave one instance through instance_id."""
    attached = set(m["id"] for m in to_attach)
    detached = set(m["id"] for m in to_detach)
    listed = set(m["id"] for m in members)
    results = []
    for member in members + [m for m in to_detach if m["id"] not in listed]:
        action = "attach" if member["id"] in attached else "detach" if member["id"] in detached else "none"
        att = after.get(member["id"])
        results.append(dict(instance_id=member["id"], instance_type=member["type"], instance_region=member["region"],
                            instance_owner_id=_owner(att.get("ChildInstanceOwnerId")) if att else member["owner"],
                            action=action, changed=action != "none",
                            status=att.get("Status") if att else "Detached"))
    changed = bool(to_attach or to_detach)
    result = dict(changed=changed, cen_id=cen_id, results=results,
                  attachments=[attachment_result(a) for a in after.values() if a])
    if not batch:
        result.update(instance_id=members[0]["id"], attachment=attachment_result(after.get(members[0]["id"])))
    if changed:
        result["diff"] = make_diff(dict((i, _attachment_view(a)) for i, a in before.items()),
                                   dict((i, _attachment_view(a)) for i, a in after.items()))
    return result


def cen_attachment_info(session, params, check_mode):
    """Core of alicloud.interconnect.cen_attachment_info: the instances attached to one CEN."""
    cen_id = params.get("cen_id")
    if predicted(cen_id, "cen_id", check_mode):
        return dict(changed=False, cen_id=cen_id, attachments=[])  # a CEN check mode would create: nothing yet
    check_id(cen_id, "cen", "cen_id")
    attachments = list_attachments(session, cen_id, params.get("instance_type"), params.get("instance_region"))
    if attachments is None:
        raise cen_missing(session, cen_id)
    return dict(changed=False, cen_id=cen_id, attachments=[attachment_result(a) for a in attachments])


# ---------------------------------------------------------------------------
# Grants
# ---------------------------------------------------------------------------

def list_cen_grants(session, cen_id, product_type):
    """The CEN owner's view (CBN DescribeGrantRulesToCen): instances of product_type granted to cen_id."""
    return every_token_page(session, "cbn", "DescribeGrantRulesToCen", "GrantRules", CenId=cen_id,
                            ProductType=product_type, MaxResults=GRANT_PAGE_SIZE)


def list_instance_grants(session, region, instance_id, instance_type):
    """The instance owner's view (VPC DescribeGrantRulesToCen): the CENs instance_id is granted to."""
    return every_page(session, "vpc", "DescribeGrantRulesToCen", "CenGrantRules", CEN_PAGE_SIZE, region=region,
                      RegionId=region, InstanceId=instance_id, InstanceType=instance_type)


def grant_result(member, rule):
    """A grant as the modules return it."""
    if not rule:
        return {}
    return dict(cen_id=rule.get("CenInstanceId"), cen_owner_id=_owner(rule.get("CenOwnerId")),
                instance_id=member["id"], instance_type=member["type"], instance_region=member["region"],
                creation_time=rule.get("CreationTime"))


def _inspect_grant(session, params, member):
    """Read one instance's grant and decide: (action, rule, problem). Reads only."""
    cen_id, cen_owner = params["cen_id"], params.get("cen_owner_id")
    rule = next((r for r in list_instance_grants(session, member["region"], member["id"], member["type"])
                 if r.get("CenInstanceId") == cen_id), None)
    if params["state"] == "present":
        if rule is not None:
            if _owner(rule.get("CenOwnerId")) != cen_owner:
                return "none", rule, ("%s is granted to %s as a CEN of account %s, not %s; revoke it first"
                                      % (member["id"], cen_id, _owner(rule.get("CenOwnerId")), cen_owner))
            return "none", rule, None
        if (member["type"] == "VPC" and get_vpc(session, member["region"], member["id"]) is None) \
                or (member["type"] == "VBR" and get_vbr(session, member["region"], member["id"]) is None):
            return "grant", None, ("%s: no such %s in instance_region %s for %s (the account these credentials act "
                                   "as); run cen_grant with the credentials of the account that owns it, or check "
                                   "instance_region" % (member["id"], member["type"], member["region"],
                                                        account_text(session)))
        return "grant", None, None
    if rule is None:
        return "none", None, None
    if member["type"] in ("VPC", "VBR"):
        record = (get_vpc_attribute if member["type"] == "VPC" else get_vbr)(session, member["region"], member["id"])
        if any(c.get("CenId") == cen_id for c in unwrap((record or {}).get("AssociatedCens")) or []):
            return "revoke", rule, "%s is still attached to %s" % (member["id"], cen_id)
    return "revoke", rule, None


def _parallel(fn, items):
    """fn(item) for every item on a small thread pool, results in order; the first error is raised."""
    if len(items) <= 1:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(items))) as pool:
        return list(pool.map(fn, items))


def cen_grant(session, params, check_mode):
    """Core of alicloud.interconnect.cen_grant (with the instance owner's credentials)."""
    cen_id = params.get("cen_id")
    if not predicted(cen_id, "cen_id", check_mode):
        check_id(cen_id, "cen", "cen_id")
    params = dict(params, cen_owner_id=account_id(params.get("cen_owner_id"), "cen_owner_id"))
    members = _members(session, params)
    present = params["state"] == "present"
    plans = _parallel(lambda m: _inspect_grant(session, params, m), members)
    problems = [problem for _action, _rule, problem in plans if problem]
    if problems and present:
        raise AlicloudError(None, "nothing was granted: %s" % "; ".join(problems))
    if problems:
        raise AlicloudError(None, "nothing was revoked: %s; the CEN's account must detach it first "
                                  "(alicloud.interconnect.cen_attachment state=absent)" % "; ".join(problems))
    changed = any(action != "none" for action, _rule, _problem in plans)
    done = []

    def apply(pair):
        member, (action, rule, _problem) = pair
        if action == "none":
            return rule
        if check_mode:
            if action == "revoke":
                return None
            return dict(CenInstanceId=cen_id, CenOwnerId=params["cen_owner_id"], CreationTime=None)
        fields = dict(CenId=cen_id, InstanceId=member["id"], InstanceType=member["type"], RegionId=member["region"])
        if action == "grant":
            session.call("vpc", "GrantInstanceToCen", region=member["region"], ClientToken=session.client_token(),
                         CenOwnerId=int(params["cen_owner_id"]), **fields)
            done.append(member["id"])
            return next(r for r in list_instance_grants(session, member["region"], member["id"], member["type"])
                        if r.get("CenInstanceId") == cen_id)
        try:
            session.call("vpc", "RevokeInstanceFromCen", region=member["region"], ClientToken=session.client_token(),
                         CenOwnerId=int(rule["CenOwnerId"]), **fields)
        except AlicloudError as exc:
            if exc.code not in REVOKE_GONE_CODES:
                raise
        done.append(member["id"])
        return None

    try:
        afters = _parallel(apply, list(zip(members, plans)))
    except AlicloudError as exc:
        if not done:
            raise
        verb = "granted" if present else "revoked the grants of"
        raise after_write(exc, "%s %s to CEN %s" % (verb, ", ".join(sorted(done)), cen_id),
                          "a re-run %s the rest" % ("grants" if present else "revokes"), cen_id=cen_id,
                          instance_ids=sorted(done))
    befores = [rule for _action, rule, _problem in plans]
    results = [dict(instance_id=m["id"], instance_type=m["type"], instance_region=m["region"], action=plan[0],
                    changed=plan[0] != "none", granted=after is not None)
               for m, plan, after in zip(members, plans, afters)]
    result = dict(changed=changed, cen_id=cen_id, results=results,
                  grants=[grant_result(m, a) for m, a in zip(members, afters) if a is not None])
    if params.get("instances") is None:
        result.update(instance_id=members[0]["id"], grant=grant_result(members[0], afters[0]))
    if changed:
        result["diff"] = make_diff(dict((m["id"], grant_result(m, b)) for m, b in zip(members, befores) if b),
                                   dict((m["id"], grant_result(m, a)) for m, a in zip(members, afters) if a))
    return result
