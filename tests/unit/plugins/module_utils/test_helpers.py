# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The waiter and the task deadline, failures after a write, predicted ids, and the result helpers:
snake_case, tags, diffs, account ids, name lookups."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import (
    account_id,
    is_predicted,
    predicted,
    predicted_id,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import (
    changed_fields,
    find_by_name,
    make_diff,
    snake_dict,
    snake_name,
    tags_to_dict,
    unwrap,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session
from ansible_collections.alicloud.interconnect.plugins.module_utils.tagging import compare_tags, tags_after, tags_to_list
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import wait_for, wait_settled


# -- wait_for: the task's deadline ---------------------------------------------------------

def states(*values):
    seen = list(values)
    return lambda: seen.pop(0) if len(seen) > 1 else seen[0]


def task(keys, clock, timeout=60):
    """A Session on the fake clock whose task has ``timeout`` seconds (its wait_timeout)."""
    return Session(keys, clock=clock, sleep=clock.sleep, timeout=timeout)


def test_wait_returns_the_ready_state(keys, clock):
    fetch = states({"Status": "Creating"}, {"Status": "Creating"}, {"Status": "Active", "CenId": "cen-1"})
    state = wait_for(task(keys, clock), fetch, lambda s: s["Status"] == "Active", "CEN cen-1 to become Active")
    assert state == {"Status": "Active", "CenId": "cen-1"}
    assert clock.sleeps == [0.1, 0.1]


def test_wait_does_not_sleep_when_already_ready(keys, clock):
    assert wait_for(task(keys, clock), lambda: {"Status": "Active"}, lambda s: True, "x")
    assert clock.sleeps == []


def test_wait_times_out_naming_the_resource_and_last_state(keys, clock):
    with pytest.raises(AlicloudError) as exc:
        wait_for(task(keys, clock, 30), lambda: {"Status": "Attaching"}, lambda s: s["Status"] == "Attached",
                 "vpc-1 to be attached to cen-1")
    assert exc.value.code == "WaitTimeout"
    assert str(exc.value) == "WaitTimeout: wait_timeout (30 seconds for the whole task) ran out waiting for vpc-1 " \
                             "to be attached to cen-1; last seen: status Attaching"
    assert sum(clock.sleeps) == pytest.approx(30)         # never sleeps past the deadline


def test_wait_settled_waits_for_the_status_in_its_field_or_for_the_resource_to_go(keys, clock):
    fetch = states({"TableStatus": "Creating"}, {"TableStatus": "Active"})
    assert wait_settled(task(keys, clock), fetch, "route table vtb-1", field="TableStatus") == {"TableStatus": "Active"}
    assert wait_settled(task(keys, clock), states({"Status": "Deleting"}, None), "CEN cen-1", gone=True) is None
    with pytest.raises(AlicloudError) as exc:
        wait_settled(task(keys, clock, 5), lambda: {"Status": "Attaching"}, "VPC attachment a-1", status="Attached")
    assert "waiting for VPC attachment a-1 to become Attached; last seen: status Attaching" in str(exc.value)
    with pytest.raises(AlicloudError) as exc:
        wait_settled(task(keys, clock, 5), lambda: {"Status": "Deleting"}, "CEN cen-1", gone=True)
    assert "waiting for CEN cen-1 to be deleted; last seen: status Deleting" in str(exc.value)


def test_waits_of_one_task_share_its_deadline(keys, clock):
    """wait_timeout is the budget of the whole task: a second wait gets what the first one left."""
    session = task(keys, clock, 10)
    fetch = states({"Status": "Creating"}, {"Status": "Creating"}, {"Status": "Creating"}, {"Status": "Active"})
    wait_for(session, fetch, lambda s: s["Status"] == "Active", "first")
    first = sum(clock.sleeps)
    with pytest.raises(AlicloudError, match="ran out waiting for second"):
        wait_for(session, lambda: None, lambda s: False, "second")
    assert first > 0 and sum(clock.sleeps) == pytest.approx(10)


def test_the_deadline_starts_with_the_session(keys, clock):
    session = task(keys, clock, 10)
    clock.sleep(4)                          # the task spent 4 s before its first wait
    assert session.deadline.remaining() == 6
    with pytest.raises(AlicloudError):
        wait_for(session, lambda: None, lambda s: False, "x")
    assert sum(clock.sleeps) == pytest.approx(10)


def test_wait_timeout_for_a_vanished_resource(keys, clock):
    with pytest.raises(AlicloudError, match="last seen: not found"):
        wait_for(task(keys, clock, 1), lambda: None, lambda s: s is not None, "cen-1")


def test_wait_timeout_for_snake_case_and_other_states(keys, clock):
    with pytest.raises(AlicloudError, match="last seen: status Modifying"):
        wait_for(task(keys, clock, 1), lambda: {"status": "Modifying"}, lambda s: False, "x")
    with pytest.raises(AlicloudError, match=r'last seen: \["a", "b"\]'):
        wait_for(task(keys, clock, 1), lambda: ["a", "b"], lambda s: False, "x")


def test_wait_timeout_names_a_status_field_of_another_name(keys, clock):
    table = {"TransitRouterRouteTableId": "vtb-1", "TransitRouterRouteTableStatus": "Creating", "Tags": []}
    with pytest.raises(AlicloudError, match="last seen: status Creating$"):
        wait_for(task(keys, clock, 1), lambda: table, lambda s: False, "x")


def test_wait_timeout_for_a_batch_names_each_member_and_its_state(keys, clock):
    batch = {"vpc-2": {"Status": "Attached", "CenId": "cen-1"}, "vpc-1": {"Status": "Attaching", "CenId": "cen-1"}}
    with pytest.raises(AlicloudError, match="last seen: vpc-1 Attaching, vpc-2 Attached$"):
        wait_for(task(keys, clock, 1), lambda: batch, lambda s: False, "x")
    with pytest.raises(AlicloudError, match="last seen: none$"):
        wait_for(task(keys, clock, 1), lambda: {}, lambda s: False, "x")


# -- failures after a write -----------------------------------------------------------------

def test_after_write_keeps_the_cause_and_says_what_was_done():
    cause = AlicloudError("WaitTimeout", "ran out", request_id="REQ-1")
    error = after_write(cause, "created CEN cen-1", "a re-run finds it and waits again", cen_id="cen-1")
    assert (error.code, error.request_id, error.changed, error.result) == ("WaitTimeout", "REQ-1", True,
                                                                           {"cen_id": "cen-1"})
    assert str(error) == "WaitTimeout: created CEN cen-1, then the task failed: ran out; a re-run finds it and waits " \
                         "again (request id REQ-1)"
    busy = AlicloudError("Operation.Blocking", "busy", action="AttachCenChildInstance")
    assert "attached vpc-1, then AttachCenChildInstance failed: busy; " in str(after_write(busy, "attached vpc-1", "x"))


# -- predicted ids ---------------------------------------------------------------------------

def test_predicted_ids_have_a_second_hyphen_real_ones_never():
    value = predicted_id("cen")
    assert value.startswith("cen-checkmode-") and len(value) == len("cen-checkmode-") + 8
    assert is_predicted(value) and predicted(value, "cen_id", check_mode=True)
    assert not is_predicted("cen-7qthudw0ll6jmxxxxx") and not predicted("cen-7qthudw0ll6jmxxxxx", "cen_id", True)
    assert not is_predicted(None) and not is_predicted("cen-checkmode-XYZ")


def test_a_predicted_id_outside_check_mode_is_refused_naming_the_option():
    with pytest.raises(AlicloudError, match="^cen_id: cen-checkmode-0a1b2c3d is an id predicted by check mode"):
        predicted("cen-checkmode-0a1b2c3d", "cen_id", check_mode=False)


# -- snake_case ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("CenId", "cen_id"),
    ("VSwitchIds", "vswitch_ids"),
    ("VRouterId", "vrouter_id"),
    ("GeographicRegionAId", "geographic_region_a_id"),
    ("Ipv6Level", "ipv6_level"),
    ("RequestId", "request_id"),
    ("OppositeInterfaceOwnerId", "opposite_interface_owner_id"),
    ("IsCrossBorder", "is_cross_border"),
    ("DNSName", "dns_name"),
])
def test_snake_name(name, expected):
    assert snake_name(name) == expected


CEN_BODY = {
    "Cens": {"Cen": [{
        "CenId": "cen-1",
        "CenBandwidthPackageIds": {"CenBandwidthPackageId": ["cenbwp-1"]},
        "Tags": {"Tag": [{"Key": "CamelKey", "Value": "v"}, {"Key": "env", "Value": ""}]},
    }]},
    "TotalCount": 1,
}


def test_snake_dict_unwraps_only_the_keys_asked_for():
    result = snake_dict(CEN_BODY, unwrap_keys=("Cens",))
    assert result["cens"][0]["cen_bandwidth_package_ids"] == {"cen_bandwidth_package_id": ["cenbwp-1"]}
    result = snake_dict(CEN_BODY, unwrap_keys=("Cens", "CenBandwidthPackageIds"))
    assert result == {
        "cens": [{"cen_id": "cen-1", "cen_bandwidth_package_ids": ["cenbwp-1"],
                  "tags": {"CamelKey": "v", "env": ""}}],
        "total_count": 1,
    }


def test_snake_dict_leaves_tag_keys_alone_in_every_wrapper_shape():
    assert snake_dict({"Tags": {"Tags": [{"Key": "MyKey", "Value": "x"}]}}) == {"tags": {"MyKey": "x"}}
    assert snake_dict({"Tags": [{"Key": "MyKey", "Value": "x"}]}) == {"tags": {"MyKey": "x"}}
    assert snake_dict({"Tags": [{"TagKey": "MyKey", "TagValue": "x"}]}) == {"tags": {"MyKey": "x"}}
    assert snake_dict({"Tags": None}) == {"tags": {}}


def test_unwrap_only_touches_single_list_wrappers():
    assert unwrap({"Cen": [1]}) == [1]
    assert unwrap({"Cen": [1], "Other": 2}) == {"Cen": [1], "Other": 2}
    assert unwrap({"Cen": "x"}) == {"Cen": "x"}
    assert unwrap([1]) == [1]


# -- tags ------------------------------------------------------------------------------------

def test_tags_round_trip():
    tags = {"b": "2", "a": 1, "c": None}
    assert tags_to_list(tags) == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}, {"Key": "c", "Value": ""}]
    assert tags_to_dict(tags_to_list(tags)) == {"a": "1", "b": "2", "c": ""}
    assert tags_to_dict({"Tag": tags_to_list({"x": "y"})}) == {"x": "y"}
    assert tags_to_list(None) == []


def test_compare_tags_sets_changed_and_new_and_purges_the_rest():
    current = {"keep": "1", "change": "old", "drop": "x"}
    to_set, to_unset = compare_tags(current, {"keep": "1", "change": "new", "add": 5})
    assert to_set == {"change": "new", "add": "5"}
    assert to_unset == ["drop"]


def test_compare_tags_without_purge_keeps_extra_tags():
    assert compare_tags({"drop": "x"}, {"add": "1"}, purge=False) == ({"add": "1"}, [])


def test_tags_after_applies_what_compare_tags_says_to_the_api_list():
    current = tags_to_list({"keep": "1", "change": "old", "drop": "x"})
    to_set, to_unset = compare_tags(tags_to_dict(current), {"keep": "1", "change": "new", "add": 5})
    assert tags_after(current, to_set, to_unset) == tags_to_list({"keep": "1", "change": "new", "add": "5"})
    assert tags_after(None, {}, []) == []


def test_compare_tags_none_means_leave_alone():
    assert compare_tags({"a": "1"}, None) == ({}, [])


def test_compare_tags_empty_dict_with_purge_removes_all_but_reserved():
    assert compare_tags({"a": "1", "acs:rm:rgId": "x", "aliyun-managed": "y"}, {}) == ({}, ["a"])


def test_compare_tags_int_and_str_values_are_equal():
    assert compare_tags({"n": "1"}, {"n": 1}) == ({}, [])


@pytest.mark.parametrize("key", ["aliyun", "aliyunx", "acs:x", "ACS:x", "Aliyun.tag"])
def test_compare_tags_refuses_reserved_keys(key):
    with pytest.raises(AlicloudError, match="reserved by Alibaba Cloud: %s" % key.replace(".", r"\.")):
        compare_tags({}, {key: "v", "fine": "v"})


# -- diffs -----------------------------------------------------------------------------------

def test_changed_fields_ignores_unset_and_equal_values():
    assert changed_fields({"Name": "a", "Description": "d"}, {"Name": "b", "Description": "d", "Other": None}) \
        == {"Name": "b"}
    assert changed_fields(None, {"Name": "a"}) == {"Name": "a"}


def test_make_diff_uses_empty_dicts_for_absent():
    assert make_diff(None, {"cen_id": "cen-1"}) == {"before": {}, "after": {"cen_id": "cen-1"}}
    assert make_diff({"cen_id": "cen-1"}, None) == {"before": {"cen_id": "cen-1"}, "after": {}}


# -- account ids ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (1000000000000001, "1000000000000001"),
    ("1000000000000001", "1000000000000001"),
    (" 1000000000000001 ", "1000000000000001"),
    (None, None),
])
def test_account_ids_are_normalised_to_strings(value, expected):
    assert account_id(value, "owner") == expected


@pytest.mark.parametrize("value", ["acct-1", "", True, 1.5e15, [1]])
def test_bad_account_ids_are_refused_naming_the_option(value):
    with pytest.raises(AlicloudError) as caught:
        account_id(value, "instances[2].instance_owner_id")
    assert str(caught.value).startswith("instances[2].instance_owner_id: ")
    assert "not an Alibaba Cloud account id" in str(caught.value)


# -- lookups by name --------------------------------------------------------------------------

ITEMS = [{"CenId": "cen-1", "Name": "prod"}, {"CenId": "cen-2", "Name": "dev"}, {"CenId": "cen-3", "Name": "dev"}]


def test_find_by_name_returns_the_one_match_or_none():
    assert find_by_name(ITEMS, "prod", "CEN instances", "CenId") == ITEMS[0]
    assert find_by_name(ITEMS, "test", "CEN instances", "CenId") is None


def test_find_by_name_fails_listing_duplicates():
    with pytest.raises(AlicloudError) as exc:
        find_by_name(ITEMS, "dev", "CEN instances", "CenId")
    assert str(exc.value) == "2 CEN instances are named 'dev' (cen-2, cen-3); give the id instead of the name"
