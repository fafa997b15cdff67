# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action door: validation like a module's (warnings and deprecations included), check/diff
mode, no_log masking, the task's environment, the user's switch to the module door, and the
fallbacks to the real module (among them an ansible-core without the internals the door reads)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import types

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.alicloud.interconnect.plugins.action.account_info import ActionModule as AccountInfoAction
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.plugin_utils import action as action_door

COLLECTION = "alicloud.interconnect"
FQCN = COLLECTION + ".account_info"
NO_LOG = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


class Templar:
    @staticmethod
    def template(value):
        return value


def make_action(args, cls=AccountInfoAction, transport="local", check_mode=False, diff=False, environment=None,
                async_val=0, become=False):
    task = types.SimpleNamespace(args=args, action=FQCN, check_mode=check_mode, diff=diff, async_val=async_val,
                                 environment=environment or [], no_log=False)
    shell = types.SimpleNamespace(tmpdir=None)      # read by ActionBase.run, not by the door
    connection = types.SimpleNamespace(transport=transport, has_native_async=False, _shell=shell)
    play_context = types.SimpleNamespace(become=become)
    action = cls(task, connection, play_context, loader=None, templar=Templar())
    action.module_runs = []

    def execute_module(module_name=None, module_args=None, task_vars=None, wrap_async=False, **kwargs):
        action.module_runs.append(dict(module_name=module_name, module_args=module_args, wrap_async=wrap_async))
        return {"changed": False, "ran": "module"}

    action._execute_module = execute_module
    action.tmp_removals = []
    action._remove_tmp_path = action.tmp_removals.append
    return action


@pytest.fixture
def api(fake_api, clean_env):
    fake_api.identity({"AK1": "1000000000000001", "AK2": "1000000000000002"})
    return fake_api


def keys(api, key="AK1", **extra):
    return dict(alicloud_access_key=key, alicloud_secret_key="SECRET-" + key, alicloud_endpoint=api.url, **extra)


# -- runs the core in the worker -----------------------------------------------------------

def test_runs_the_core_on_the_controller(api):
    action = make_action(keys(api, "AK2"))
    result = action.run(task_vars={})
    assert result["account_id"] == "1000000000000002"
    assert result["changed"] is False and "failed" not in result
    assert action.module_runs == []
    assert api.requests[-1]["access_key_id"] == "AK2"


def test_no_log_values_are_masked_everywhere(api):
    args = keys(api, alicloud_security_token="TOKEN-VALUE",
                alicloud_assume_role=dict(role_arn="acs:ram::1:role/x", external_id="EXT-SECRET"))
    api.script["AssumeRole"] = (200, {"Credentials": {"AccessKeyId": "STS.K", "AccessKeySecret": "S",
                                                      "SecurityToken": "T"}})
    api.identity({"STS.K": "1000000000000001"})
    result = make_action(args).run(task_vars={})
    text = json.dumps(result)
    for secret in ("SECRET-AK1", "TOKEN-VALUE", "EXT-SECRET"):
        assert secret not in text
    module_args = result["invocation"]["module_args"]
    assert module_args["alicloud_secret_key"] == NO_LOG
    assert module_args["alicloud_security_token"] == NO_LOG
    assert module_args["alicloud_assume_role"]["external_id"] == NO_LOG
    assert module_args["alicloud_access_key"] == "AK1"      # an AccessKey ID is not a secret
    assert result["account_id"] == "1000000000000001"


def test_task_environment_reaches_credential_resolution(api):
    # The play's, the block's, the task's: the later keys win.
    env = [{"ALICLOUD_ACCESS_KEY": "AK1", "ALICLOUD_SECRET_KEY": "x"}, {}, {"ALICLOUD_ACCESS_KEY": "AK2"}]
    result = make_action(dict(alicloud_endpoint=api.url), environment=env).run(task_vars={})
    assert result["account_id"] == "1000000000000002"
    assert api.requests[-1]["access_key_id"] == "AK2"


def test_an_environment_that_is_not_a_dictionary_fails(api):
    result = make_action(keys(api), environment=["ALICLOUD_SECRET_KEY=TOPSECRET"]).run(task_vars={})
    assert result["failed"] is True and result["msg"] == "environment must be a dictionary, got a str"
    assert api.requests == []


def test_api_failure_is_reported_like_the_module(api):
    result = make_action(keys(api, "AK9")).run(task_vars={})
    assert result["failed"] is True and result["changed"] is False
    assert result["code"] == "InvalidAccessKeyId.NotFound" and result["request_id"] == "FAKE-REQ"
    assert result["msg"].startswith("GetCallerIdentity failed: InvalidAccessKeyId.NotFound")


def test_missing_credentials_message(api):
    result = make_action(dict(alicloud_endpoint=api.url)).run(task_vars={})
    assert result["failed"] is True and "alicloud_access_key" in result["msg"]


# -- validation -------------------------------------------------------------------------------

def test_unknown_option_is_refused_like_a_module(api):
    result = make_action(keys(api, bogus=1)).run(task_vars={})
    assert result["failed"] is True
    assert result["msg"].startswith("Unsupported parameters for (%s) module: bogus. Supported parameters include: "
                                    % FQCN)
    assert api.requests == []


def test_type_and_required_errors(api):
    result = make_action(keys(api, alicloud_assume_role=dict(session_name="s"))).run(task_vars={})
    assert result["failed"] is True
    assert "missing required arguments: role_arn found in alicloud_assume_role" in result["msg"]
    result = make_action(keys(api, alicloud_assume_role="not-a-dict")).run(task_vars={})
    assert result["failed"] is True and result["msg"] == "dictionary requested, could not parse JSON or key=value"


def test_validation_errors_never_show_secrets(api):
    args = keys(api, alicloud_assume_role=dict(role_arn="acs:ram::1:role/x", external_id="EXT-SECRET",
                                               session_expiration="EXT-SECRET"))
    result = make_action(args).run(task_vars={})
    assert result["failed"] is True and "session_expiration" in result["msg"]
    assert "EXT-SECRET" not in json.dumps(result)


# -- a module with its own spec, kwargs and a changing core --------------------------------------

def fake_module(core):
    return types.SimpleNamespace(
        ARGUMENT_SPEC=dict(name=dict(type="str", aliases=["cen_name"]), cen_id=dict(type="str")),
        MODULE_KWARGS=dict(mutually_exclusive=[("name", "cen_id")]),
        CORE=core,
    )


def action_for(core, args, **kwargs):
    class Action(action_door.AlicloudAction):
        MODULE = "account_info"

        def module_source(self):
            return fake_module(core)

    return make_action(args, cls=Action, **kwargs)


def recording_core(seen):
    def core(session, params, check_mode):
        seen.update(params=params, check_mode=check_mode)
        return dict(changed=True, cen_id="cen-1", diff={"before": {}, "after": {"name": params["name"]}})
    return core


def test_check_mode_reaches_the_core(api):
    seen = {}
    action_for(recording_core(seen), keys(api, name="n"), check_mode=True).run(task_vars={})
    assert seen["check_mode"] is True
    action_for(recording_core(seen), keys(api, name="n")).run(task_vars={})
    assert seen["check_mode"] is False


def test_diff_only_in_diff_mode(api):
    assert "diff" not in action_for(recording_core({}), keys(api, name="n")).run(task_vars={})
    result = action_for(recording_core({}), keys(api, name="n"), diff=True).run(task_vars={})
    assert result["diff"] == {"before": {}, "after": {"name": "n"}} and result["changed"] is True


def test_module_kwargs_are_enforced(api):
    result = action_for(recording_core({}), keys(api, name="n", cen_id="c")).run(task_vars={})
    assert result["failed"] is True and "parameters are mutually exclusive: name|cen_id" in result["msg"]


def test_aliases_are_resolved_and_double_setting_warns(api):
    seen = {}
    result = action_for(recording_core(seen), keys(api, cen_name="by-alias")).run(task_vars={})
    assert seen["params"]["name"] == "by-alias" and "warnings" not in result
    result = action_for(recording_core(seen), keys(api, cen_name="a", name="b")).run(task_vars={})
    assert result["warnings"] == ["Both option name and its alias cen_name are set."]


def test_core_errors_carry_code_and_request_id(api):
    def core(session, params, check_mode):
        raise AlicloudError("Operation.Blocking", "busy", request_id="R-2", action="ModifyCenAttribute")
    result = action_for(core, keys(api, name="n")).run(task_vars={})
    assert (result["failed"], result["code"], result["request_id"]) == (True, "Operation.Blocking", "R-2")
    assert result["msg"] == "ModifyCenAttribute failed: Operation.Blocking: busy (request id R-2)"


def test_core_warnings_are_returned_for_the_controller_to_show(api):
    result = action_for(lambda session, params, check_mode: dict(warnings=["careful"]), keys(api)).run(task_vars={})
    assert result["warnings"] == ["careful"]


# -- falls back to the real module ----------------------------------------------------------------

@pytest.mark.parametrize("options", [dict(transport="ssh"), dict(become=True), dict(async_val=30)])
def test_runs_the_module_when_not_local_to_the_controller(api, options):
    args = keys(api)
    action = make_action(args, **options)
    result = action.run(task_vars={})
    assert result["ran"] == "module"
    assert action.module_runs == [dict(module_name=FQCN, module_args=args,
                                       wrap_async=bool(options.get("async_val")))]
    assert action.module_runs[0]["module_args"] is not args      # the task's args are not mutated
    assert api.requests == []
    # The connection's temporary directory goes with the task, unless the async wrapper owns it.
    assert action.tmp_removals == ([] if options.get("async_val") else [None])


def test_runs_the_module_when_the_controller_lacks_the_sdk(api, monkeypatch):
    monkeypatch.setitem(sys.modules, "alibabacloud_sts20150401.client", None)
    action = make_action(keys(api))
    result = action.run(task_vars={})
    assert result["ran"] == "module" and len(action.module_runs) == 1
    assert api.requests == []


# -- the user's switch to the module door ------------------------------------------------------

@pytest.mark.parametrize("value", ["1", "true", "yes", "True"])
def test_the_environment_variable_sends_the_task_to_the_module(api, monkeypatch, value):
    monkeypatch.setenv(action_door.MODULE_DOOR_ENVIRONMENT, value)
    action = make_action(keys(api))
    assert action.run(task_vars={})["ran"] == "module"
    assert len(action.module_runs) == 1 and api.requests == []


@pytest.mark.parametrize("value", [True, "yes", 1])
def test_the_variable_sends_the_task_to_the_module(api, value):
    action = make_action(keys(api))
    assert action.run(task_vars={action_door.MODULE_DOOR_VARIABLE: value})["ran"] == "module"
    assert api.requests == []


def test_the_variable_wins_over_the_environment(api, monkeypatch):
    monkeypatch.setenv(action_door.MODULE_DOOR_ENVIRONMENT, "true")
    action = make_action(keys(api))
    result = action.run(task_vars={action_door.MODULE_DOOR_VARIABLE: False})
    assert result["account_id"] == "1000000000000001" and action.module_runs == []
    monkeypatch.setenv(action_door.MODULE_DOOR_ENVIRONMENT, "false")
    assert make_action(keys(api)).run(task_vars={})["account_id"] == "1000000000000001"


@pytest.mark.parametrize("where", ["variable", "environment"])
def test_a_switch_that_is_not_a_boolean_fails_naming_it(api, monkeypatch, where):
    task_vars = {}
    if where == "variable":
        task_vars[action_door.MODULE_DOOR_VARIABLE] = "sometimes"
        name = action_door.MODULE_DOOR_VARIABLE
    else:
        monkeypatch.setenv(action_door.MODULE_DOOR_ENVIRONMENT, "sometimes")
        name = action_door.MODULE_DOOR_ENVIRONMENT
    action = make_action(keys(api))
    result = action.run(task_vars=task_vars)
    assert result["failed"] is True
    assert result["msg"] == "%s: expected a boolean (true or false), got 'sometimes'" % name
    assert action.module_runs == [] and api.requests == []


def test_the_environment_switch_skips_loading_the_sdks_at_import():
    script = ("import sys\n"
              "import ansible_collections.alicloud.interconnect.plugins.plugin_utils.action\n"
              "print(sorted(m for m in sys.modules if m.startswith('alibabacloud_')))")
    environ = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    environ[action_door.MODULE_DOOR_ENVIRONMENT] = "true"
    out = subprocess.run([sys.executable, "-c", script], env=environ, check=True, stdout=subprocess.PIPE).stdout
    assert out.decode("utf-8").strip().splitlines()[-1] == "[]"


# -- argument-validation deprecations reach the user ---------------------------------------------

def deprecating_module(core):
    return types.SimpleNamespace(
        ARGUMENT_SPEC=dict(
            name=dict(type="str", aliases=["cen_name"],
                      deprecated_aliases=[dict(name="cen_name", version="3.0.0", collection_name=COLLECTION)]),
            old=dict(type="str", removed_in_version="3.0.0", removed_from_collection=COLLECTION),
            count=dict(type="int")),
        CORE=core,
    )


def deprecating_action(core, args):
    class Action(action_door.AlicloudAction):
        MODULE = "account_info"

        def module_source(self):
            return deprecating_module(core)

    return make_action(args, cls=Action)


DEPRECATIONS = [
    dict(msg="Alias 'cen_name' is deprecated. See the module docs for more information", version="3.0.0",
         date=None, collection_name=COLLECTION),
    dict(msg="Param 'old' is deprecated. See the module docs for more information", version="3.0.0",
         collection_name=COLLECTION),
]


def test_deprecated_options_and_aliases_are_returned_as_deprecations(api):
    core = recording_core({})
    result = deprecating_action(core, keys(api, cen_name="n", old="x")).run(task_vars={})
    assert result["changed"] is True and result["deprecations"] == DEPRECATIONS
    result = deprecating_action(core, keys(api, name="n")).run(task_vars={})
    assert "deprecations" not in result


def test_a_failed_validation_still_reports_its_deprecations(api):
    result = deprecating_action(recording_core({}), keys(api, cen_name="n", old="x", count="many")).run(task_vars={})
    assert result["failed"] is True and "count" in result["msg"]
    assert result["deprecations"] == DEPRECATIONS


# -- an ansible-core without the validation internals the door reads ------------------------------

@pytest.mark.parametrize("internal", ["_no_log_values", "_deprecations", "_warnings"])
def test_runs_the_module_when_validation_hides_an_internal(api, monkeypatch, internal):
    class Validator(ArgumentSpecValidator):
        def validate(self, *args, **kwargs):
            validation = super(Validator, self).validate(*args, **kwargs)
            delattr(validation, internal)
            return validation

    monkeypatch.setattr(action_door, "ArgumentSpecValidator", Validator)
    action = make_action(keys(api))
    result = action.run(task_vars={})
    assert result["ran"] == "module" and len(action.module_runs) == 1
    assert api.requests == []
