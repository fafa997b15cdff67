# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloud Enterprise Network (CBN 2017-09-12): CEN instances, and what the attachment and grant
cores share (cen_attachments.py, cen_grants.py).

Wrappers (``describe_cen``, ``list_cens``, ...) return API dicts with wire names, or None / []
when there is nothing. The cores behind the modules: ``cen_instance`` / ``cen_instance_info``.
Shared: ``find_cen``, ``cen_missing`` and ``account_text`` (for messages), ``task_members`` (the
instances an attachment or grant task names) and ``as_account_id``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import itertools

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
    find_by_name,
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
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_settled
from ansible_collections.alicloud.interconnect.plugins.module_utils.vpc import check_id

# Answers that mean "not there".
CEN_NOT_FOUND_CODES = ("ParameterCenInstanceId",)

# ChildInstanceType -> the prefix of its ids.
INSTANCE_TYPES = {"VPC": "vpc", "VBR": "vbr", "CCN": "ccn"}

CEN_PAGE_SIZE = 50
CEN_NAME_MAX, CEN_DESCRIPTION_MAX = 128, 256
MAX_FILTER_VALUES = 5  # DescribeCens: at most 5 values per filter


def as_account_id(value):
    """An account id from the API (int) as the modules return it (str), or None."""
    return None if value in (None, "") else str(value)


def without_request_id(result):
    """A snake_case API answer without its request_id, as the modules return it."""
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
    return without_request_id(snake_dict(cen, unwrap_keys=("CenBandwidthPackageIds",))) if cen else {}


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
        # No ClientToken: when an attempt's answer was lost, the CEN read back shows whether it changed.
        session.call("cbn", "ModifyCenAttribute", CenId=cen_id,
                     done=lambda: not changed_fields(describe_cen(session, cen_id), changes), **changes)
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

    def deleting():  # no ClientToken: after a lost answer, the CEN read back shows whether the delete was done
        cen = describe_cen(session, cen_id)
        return cen is None or cen.get("Status") == "Deleting"

    try:
        session.call("cbn", "DeleteCen", CenId=cen_id, done=deleting)
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
# The instances an attachment or grant task names
# ---------------------------------------------------------------------------

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


def task_members(session, params):
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
