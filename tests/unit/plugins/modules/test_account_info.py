# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module door, through account_info's main(), with the real SDK talking to a fake API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json

import pytest
from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.alicloud.interconnect.plugins.modules import account_info

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    patch_module_args = None


@contextlib.contextmanager
def set_module_args(args):
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
    else:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args})))
            yield


class ExitJson(Exception):
    pass


class FailJson(Exception):
    pass


@pytest.fixture(autouse=True)
def module_exits(monkeypatch):
    def exit_json(self, **kwargs):
        raise ExitJson(kwargs)

    def fail_json(self, msg, **kwargs):
        kwargs.update(failed=True, msg=msg)
        raise FailJson(kwargs)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)


def run(args, outcome=ExitJson):
    with set_module_args(args):
        with pytest.raises(outcome) as exc:
            account_info.main()
    return exc.value.args[0]


@pytest.fixture
def api(fake_api, clean_env):
    fake_api.identity({"AK1": "1000000000000001", "AK2": "1000000000000002"})
    return fake_api


def test_returns_the_account_of_the_keys(api):
    result = run(dict(alicloud_access_key="AK2", alicloud_secret_key="SK2", alicloud_endpoint=api.url,
                      alicloud_region="cn-hangzhou"))
    assert result["changed"] is False
    assert result["account_id"] == "1000000000000002"
    assert result["arn"] == "acs:ram::1000000000000002:root"
    assert result["identity_type"] == "Account"
    assert result["region"] == "cn-hangzhou"
    assert "request_id" not in result


def test_check_mode_still_reports_the_account(api):
    result = run(dict(alicloud_access_key="AK1", alicloud_secret_key="SK1", alicloud_endpoint=api.url,
                      _ansible_check_mode=True))
    assert result["account_id"] == "1000000000000001" and result["changed"] is False


def test_environment_credentials_and_endpoint(api, monkeypatch):
    monkeypatch.setenv("ALICLOUD_ACCESS_KEY", "AK1")
    monkeypatch.setenv("ALICLOUD_SECRET_KEY", "SK1")
    monkeypatch.setenv("ALICLOUD_ENDPOINT", api.url)
    assert run({})["account_id"] == "1000000000000001"
    assert api.requests[-1]["access_key_id"] == "AK1"


def test_api_error_fails_with_code_and_request_id(api):
    result = run(dict(alicloud_access_key="AK9", alicloud_secret_key="SK9", alicloud_endpoint=api.url), FailJson)
    assert result["code"] == "InvalidAccessKeyId.NotFound"
    assert result["request_id"] == "FAKE-REQ"
    assert result["msg"] == "GetCallerIdentity failed: InvalidAccessKeyId.NotFound: Specified access key is not " \
                            "found. (request id FAKE-REQ)"


def test_no_credentials_fails_naming_the_options(api):
    result = run(dict(alicloud_endpoint=api.url), FailJson)
    assert "alicloud_access_key" in result["msg"] and "ALICLOUD_ACCESS_KEY" in result["msg"]
    assert "code" not in result and "request_id" not in result
    assert api.requests == []


def test_unknown_option_is_refused(api):
    result = run(dict(alicloud_access_key="AK1", alicloud_secret_key="SK1", bogus=1), FailJson)
    assert "Unsupported parameters" in result["msg"] and "bogus" in result["msg"]
