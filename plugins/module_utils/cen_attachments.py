# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CEN child-instance attachments (CBN 2017-09-12): the cores behind ``cen_attachment`` (one
instance, or a batch in one invocation) and ``cen_attachment_info``.

A CEN accepts one change at a time: while an attach, detach or modification is in progress,
further ones are refused with a busy code, which Session.call retries until the task's deadline
(retries.BUSY_CODES). So the batch form attaches or detaches one member at a time
(``_apply_attachments``), and checks everything it can by reading first (``_preflight_attach``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import predicted
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import every_page, make_diff, snake_dict, unwrap
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import MIN_INTERVAL, wait_for
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    check_id,
    find_vpcs,
    get_vbr,
    get_vpc_attribute,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import (
    CEN_NOT_FOUND_CODES,
    CEN_PAGE_SIZE,
    account_text,
    as_account_id,
    cen_missing,
    list_cens,
    task_members,
    without_request_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen_grants import list_cen_grants

# Answers that mean "not there".
ATTACHMENT_NOT_FOUND_CODES = ("ParameterInstanceId", "ParameterError")
DETACH_GONE_CODES = ("Bid.NotFound", "ParameterInstanceId")


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
    result = without_request_id(snake_dict(attachment, unwrap_keys=("SecondaryCidrBlocks", "Ipv6CidrBlocks")))
    result["child_instance_owner_id"] = as_account_id(result.get("child_instance_owner_id"))
    return result


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
                return dict(cen_id=cen.get("CenId"), owner=as_account_id(cen.get("CenOwnerId")))
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
            if rule is None or as_account_id(rule.get("ChildInstanceOwnerId")) != member["owner"]:
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
    # AttachCenChildInstance and DetachCenChildInstance take no ClientToken: when an attempt's answer was
    # lost, the attachment read back shows whether it did the work (Session.call).
    owner = int(member["owner"]) if member.get("owner") else None
    session.call("cbn", "AttachCenChildInstance", CenId=cen_id, ChildInstanceId=member["id"],
                 ChildInstanceType=member["type"], ChildInstanceRegionId=member["region"], ChildInstanceOwnerId=owner,
                 done=lambda: describe_attachment(session, cen_id, member["id"], member["type"],
                                                  member["region"]) is not None)


def _detach(session, cen_id, member):
    def detached():
        found = describe_attachment(session, cen_id, member["id"], member["type"], member["region"])
        return found is None or found.get("Status") == "Detaching"

    owner = int(member["owner"]) if member.get("owner") else None
    try:
        session.call("cbn", "DetachCenChildInstance", CenId=cen_id, ChildInstanceId=member["id"],
                     ChildInstanceType=member["type"], ChildInstanceRegionId=member["region"],
                     ChildInstanceOwnerId=owner, done=detached)
    except AlicloudError as exc:
        if exc.code not in DETACH_GONE_CODES:
            raise


def _settled_attachment(session, cen_id, member):
    """Wait until member's attachment to cen_id is no longer Attaching or Detaching (or is gone).

    The first look comes the shortest poll interval (waiters.MIN_INTERVAL) after the call: an attachment is
    never settled at once. This wait is needed whatever ``wait`` says: the CEN refuses the next attach or
    detach until then.
    """
    session.sleep(min(MIN_INTERVAL, session.deadline.remaining()))
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
                owner=as_account_id(att.get("ChildInstanceOwnerId")))


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
    to_detach = [dict(m, owner=as_account_id(current[m["id"]].get("ChildInstanceOwnerId")) or m["owner"])
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
    members = task_members(session, params)
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
                instance_owner_id=as_account_id(att.get("ChildInstanceOwnerId")), status=att.get("Status"))


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
                            instance_owner_id=as_account_id(att.get("ChildInstanceOwnerId")) if att else member["owner"],
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
