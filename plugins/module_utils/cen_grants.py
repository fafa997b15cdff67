# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cross-account CEN grants: the VPC API operations with which an instance's owner lets another
account's CEN attach it, and the CEN owner's view of them (CBN DescribeGrantRulesToCen). The core
behind ``cen_grant`` (run with the instance owner's credentials) reads every instance's grant in
parallel, checks all of them, then grants or revokes in parallel.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import account_id, predicted
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import every_page, every_token_page, make_diff, unwrap
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import (
    check_id,
    get_vbr,
    get_vpc,
    get_vpc_attribute,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.cen import CEN_PAGE_SIZE, account_text, as_account_id, task_members

REVOKE_GONE_CODES = ("InvalidInstanceId.NotFound",)

GRANT_PAGE_SIZE = 100
WORKERS = 4  # parallel grant or revoke calls in a batch


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
    return dict(cen_id=rule.get("CenInstanceId"), cen_owner_id=as_account_id(rule.get("CenOwnerId")),
                instance_id=member["id"], instance_type=member["type"], instance_region=member["region"],
                creation_time=rule.get("CreationTime"))


def _inspect_grant(session, params, member):
    """Read one instance's grant and decide: (action, rule, problem). Reads only."""
    cen_id, cen_owner = params["cen_id"], params.get("cen_owner_id")
    rule = next((r for r in list_instance_grants(session, member["region"], member["id"], member["type"])
                 if r.get("CenInstanceId") == cen_id), None)
    if params["state"] == "present":
        if rule is not None:
            if as_account_id(rule.get("CenOwnerId")) != cen_owner:
                return "none", rule, ("%s is granted to %s as a CEN of account %s, not %s; revoke it first"
                                      % (member["id"], cen_id, as_account_id(rule.get("CenOwnerId")), cen_owner))
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
    members = task_members(session, params)
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
