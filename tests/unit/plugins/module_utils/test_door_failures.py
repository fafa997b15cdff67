# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""door.execute's failure results: ``code`` and ``request_id`` only when the API gave them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.door import execute, full_argument_spec
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

KEYS = dict(alicloud_access_key="AK1", alicloud_secret_key="SK1")


def params(**values):
    """Every shared option, unset unless given (what the doors pass after validation)."""
    return dict(dict.fromkeys(full_argument_spec({})), **values)


def never_called(session, params, check_mode):
    raise AssertionError("the core ran")


def test_a_failure_before_any_call_carries_no_code_or_request_id(clean_env):
    result = execute(never_called, params(), False, False, {})
    assert result["failed"] is True and result["changed"] is False
    assert "alicloud_access_key" in result["msg"]
    assert "code" not in result and "request_id" not in result


def test_an_api_failure_carries_its_code_and_request_id(clean_env):
    def core(session, params, check_mode):
        raise AlicloudError("IncorrectStatus.Cen", "busy", request_id="R-1", action="DeleteCen")

    result = execute(core, params(**KEYS), False, False, {})
    assert (result["failed"], result["code"], result["request_id"]) == (True, "IncorrectStatus.Cen", "R-1")


def test_a_code_without_a_request_id_carries_only_the_code(clean_env):
    def core(session, params, check_mode):
        raise AlicloudError("WaitTimeout", "cen-1 did not become Active within 10 s")

    result = execute(core, params(**KEYS), False, False, {})
    assert result["code"] == "WaitTimeout" and "request_id" not in result
