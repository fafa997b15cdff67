# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""run_module: spec merging, module kwargs, check mode, diff and the one except."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, after_write
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import COMMON_ARGUMENT_SPEC
from ansible_collections.alicloud.interconnect.plugins.module_utils.door import full_argument_spec, run_module

KEYS = dict(alicloud_access_key="AK1", alicloud_secret_key="SK1")
SPEC = dict(name=dict(type="str"), cen_id=dict(type="str"))
KWARGS = dict(required_one_of=[("name", "cen_id")])


class Done(Exception):
    pass


@pytest.fixture(autouse=True)
def module_exits(monkeypatch, clean_env):
    def exit_json(self, **kwargs):
        raise Done(dict(kwargs, failed=False))

    def fail_json(self, msg, **kwargs):
        raise Done(dict(kwargs, failed=True, msg=msg))

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)


def run(args, core):
    with patch_module_args(args):
        with pytest.raises(Done) as exc:
            run_module(SPEC, core, **KWARGS)
    return exc.value.args[0]


def changing_core(session, params, check_mode):
    return dict(changed=True, cen_id="cen-1", check_mode=check_mode, name=params["name"],
                region=session.region, diff={"before": {}, "after": {"name": params["name"]}})


def test_core_gets_session_params_and_check_mode():
    result = run(dict(KEYS, name="n", alicloud_region="cn-shanghai", _ansible_check_mode=True), changing_core)
    assert result["failed"] is False
    assert (result["changed"], result["cen_id"], result["name"], result["region"]) == (True, "cen-1", "n",
                                                                                       "cn-shanghai")
    assert result["check_mode"] is True


def test_diff_is_returned_only_in_diff_mode():
    assert "diff" not in run(dict(KEYS, name="n"), changing_core)
    assert run(dict(KEYS, name="n", _ansible_diff=True), changing_core)["diff"] == {"before": {},
                                                                                    "after": {"name": "n"}}


def test_changed_defaults_to_false():
    assert run(dict(KEYS, name="n"), lambda session, params, check_mode: {"x": 1})["changed"] is False


def test_alicloud_error_becomes_a_failure_with_code_and_request_id():
    def core(session, params, check_mode):
        raise AlicloudError("IncorrectStatus.Cen", "busy", request_id="R-1", action="DeleteCen")
    result = run(dict(KEYS, cen_id="cen-1"), core)
    assert result["failed"] is True
    assert result["msg"] == "DeleteCen failed: IncorrectStatus.Cen: busy (request id R-1)"
    assert (result["code"], result["request_id"], result["changed"]) == ("IncorrectStatus.Cen", "R-1", False)


def test_a_failure_after_a_write_reports_the_change_and_its_ids():
    def core(session, params, check_mode):
        raise after_write(AlicloudError("WaitTimeout", "ran out"), "created CEN cen-1", "a re-run waits again",
                          cen_id="cen-1")
    result = run(dict(KEYS, name="n"), core)
    assert (result["failed"], result["changed"], result["cen_id"]) == (True, True, "cen-1")
    assert result["msg"] == "WaitTimeout: created CEN cen-1, then the task failed: ran out; a re-run waits again"


def test_module_kwargs_are_enforced():
    result = run(dict(KEYS), changing_core)
    assert result["failed"] is True and "one of the following is required: name, cen_id" in result["msg"]


def test_full_argument_spec_adds_the_shared_options_without_sharing_them():
    spec = full_argument_spec(SPEC)
    assert set(spec) == set(SPEC) | set(COMMON_ARGUMENT_SPEC)
    spec["alicloud_assume_role"]["options"]["role_arn"]["required"] = False
    assert COMMON_ARGUMENT_SPEC["alicloud_assume_role"]["options"]["role_arn"]["required"] is True


def test_core_warnings_become_module_warnings(monkeypatch):
    warned = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, warning: warned.append(warning))
    result = run(dict(KEYS, name="n"), lambda session, params, check_mode: dict(warnings=["careful"]))
    assert "warnings" not in result
    assert warned == ["careful"]
