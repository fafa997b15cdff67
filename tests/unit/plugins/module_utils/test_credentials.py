# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credential, region, role and endpoint resolution, and assume-role through STS."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import (
    Credentials,
    load_profile,
    resolve_settings,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session


def write_config(tmp_path, profiles, current="default"):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"current": current, "profiles": profiles, "meta_path": ""}))
    return str(path)


def ak_profile(name, key, region=None, **extra):
    profile = dict(name=name, mode="AK", access_key_id=key, access_key_secret=key + "-secret",
                   sts_token="", ram_role_arn="", ram_session_name="", expired_seconds=0,
                   region_id=region or "", output_format="json", language="en")
    profile.update(extra)
    return profile


@pytest.fixture
def config(tmp_path):
    return write_config(tmp_path, [
        ak_profile("default", "AK-DEFAULT", "cn-beijing"),
        ak_profile("prod", "AK-PROD", "cn-shanghai"),
        ak_profile("envprof", "AK-ENVPROF", "eu-central-1"),
        ak_profile("sts", "STS.AK", "cn-hangzhou", mode="StsToken", sts_token="TOKEN-1"),
        ak_profile("role", "AK-ROLE-SRC", "cn-hangzhou", mode="RamRoleArn",
                   ram_role_arn="acs:ram::1000000000000001:role/ops", ram_session_name="from-profile",
                   expired_seconds=1800),
        ak_profile("ecs", "x", mode="EcsRamRole"),
    ])


ALL_ENV = {
    "ALICLOUD_ACCESS_KEY": "AK-ENV", "ALICLOUD_SECRET_KEY": "SK-ENV", "ALICLOUD_SECURITY_TOKEN": "TOKEN-ENV",
    "ALIBABA_CLOUD_ACCESS_KEY_ID": "AK-SDK", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "SK-SDK",
    "ALICLOUD_PROFILE": "envprof",
}


def resolve(params=None, environ=None):
    return resolve_settings(params or {}, environ or {})


# -- precedence -------------------------------------------------------------------

def test_options_win_over_everything(config):
    settings = resolve(dict(alicloud_access_key="AK-OPT", alicloud_secret_key="SK-OPT", profile="prod",
                            shared_credentials_file=config), ALL_ENV)
    creds = settings["credentials"]
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == ("AK-OPT", "SK-OPT", None)


def test_option_token_goes_with_option_keys_only(config):
    creds = resolve(dict(alicloud_access_key="AK-OPT", alicloud_secret_key="SK-OPT",
                         alicloud_security_token="TOKEN-OPT"), ALL_ENV)["credentials"]
    assert creds.security_token == "TOKEN-OPT"
    creds = resolve(dict(alicloud_access_key="AK-OPT", alicloud_secret_key="SK-OPT"), ALL_ENV)["credentials"]
    assert creds.security_token is None


def test_explicit_profile_beats_environment(config):
    creds = resolve(dict(profile="prod", shared_credentials_file=config), ALL_ENV)["credentials"]
    assert creds.access_key_id == "AK-PROD"
    assert creds.access_key_secret == "AK-PROD-secret"


def test_shared_credentials_file_alone_uses_its_current_profile(tmp_path):
    path = write_config(tmp_path, [ak_profile("a", "AK-A"), ak_profile("b", "AK-B")], current="b")
    assert resolve(dict(shared_credentials_file=path), ALL_ENV)["credentials"].access_key_id == "AK-B"


def test_alicloud_env_beats_sdk_env_and_env_profile(config):
    creds = resolve({}, dict(ALL_ENV, ALICLOUD_SHARED_CREDENTIALS_FILE=config))["credentials"]
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == ("AK-ENV", "SK-ENV", "TOKEN-ENV")


def test_sdk_env_beats_env_profile(config):
    env = dict(ALL_ENV, ALICLOUD_SHARED_CREDENTIALS_FILE=config, ALIBABA_CLOUD_SECURITY_TOKEN="TOKEN-SDK")
    for name in ("ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN"):
        del env[name]
    creds = resolve({}, env)["credentials"]
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == ("AK-SDK", "SK-SDK", "TOKEN-SDK")


def test_env_profile_is_the_last_resort(config):
    creds = resolve({}, dict(ALICLOUD_PROFILE="envprof", ALICLOUD_SHARED_CREDENTIALS_FILE=config))["credentials"]
    assert creds.access_key_id == "AK-ENVPROF"


def test_default_credentials_file_is_the_aliyun_cli_one(tmp_path, monkeypatch):
    (tmp_path / ".aliyun").mkdir()
    write_config(tmp_path / ".aliyun", [ak_profile("default", "AK-HOME")])
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve(dict(profile="default"))["credentials"].access_key_id == "AK-HOME"


def test_empty_strings_count_as_unset(config):
    creds = resolve(dict(alicloud_access_key="", alicloud_secret_key=""),
                    dict(ALICLOUD_ACCESS_KEY="", ALICLOUD_SECRET_KEY="", ALIBABA_CLOUD_ACCESS_KEY_ID="AK-SDK",
                         ALIBABA_CLOUD_ACCESS_KEY_SECRET="SK-SDK"))["credentials"]
    assert creds.access_key_id == "AK-SDK"


# -- errors -----------------------------------------------------------------------

def test_no_credentials_names_the_options_and_variables():
    with pytest.raises(AlicloudError) as exc:
        resolve({}, {})
    msg = str(exc.value)
    for name in ("alicloud_access_key", "alicloud_secret_key", "profile", "ALICLOUD_ACCESS_KEY",
                 "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_PROFILE"):
        assert name in msg


@pytest.mark.parametrize("params, environ, expected", [
    (dict(alicloud_access_key="AK"), {}, "alicloud_access_key is set but alicloud_secret_key is not"),
    (dict(alicloud_secret_key="SK"), {}, "alicloud_secret_key is set but alicloud_access_key is not"),
    ({}, dict(ALICLOUD_ACCESS_KEY="AK"), "ALICLOUD_ACCESS_KEY is set but ALICLOUD_SECRET_KEY is not"),
    (dict(alicloud_security_token="T"), {}, "alicloud_security_token is set but"),
])
def test_half_a_key_pair_is_an_error(params, environ, expected):
    with pytest.raises(AlicloudError, match=expected):
        resolve(params, environ)


def test_half_a_key_pair_error_never_shows_the_secret():
    with pytest.raises(AlicloudError) as exc:
        resolve(dict(alicloud_secret_key="TOP-SECRET"), {})
    assert "TOP-SECRET" not in str(exc.value)


def test_unknown_profile_lists_the_known_ones(config):
    with pytest.raises(AlicloudError) as exc:
        resolve(dict(profile="nope", shared_credentials_file=config))
    assert "profile 'nope' not found" in str(exc.value)
    assert "default, ecs, envprof, prod, role, sts" in str(exc.value)


def test_unsupported_profile_mode(config):
    with pytest.raises(AlicloudError, match="mode EcsRamRole; supported modes are AK, StsToken and RamRoleArn"):
        load_profile(config, "ecs")


def test_missing_and_broken_credentials_files(tmp_path):
    with pytest.raises(AlicloudError, match="cannot read the credentials file"):
        load_profile(str(tmp_path / "absent.json"), "x")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(AlicloudError, match="is not valid JSON"):
        load_profile(str(broken), "x")


def test_sts_profile_without_token_is_an_error(tmp_path):
    path = write_config(tmp_path, [ak_profile("s", "AK", mode="StsToken", sts_token="")])
    with pytest.raises(AlicloudError, match="mode StsToken but no sts_token"):
        load_profile(path, "s")


def test_sts_profile_keeps_its_token(config):
    creds, region, role = load_profile(config, "sts")
    assert (creds.access_key_id, creds.security_token, region, role) == ("STS.AK", "TOKEN-1", "cn-hangzhou", None)


def test_credentials_repr_hides_the_secret_and_token():
    text = repr(Credentials("AKID", "THE-SECRET", "THE-TOKEN", source="test"))
    assert "AKID" in text and "THE-SECRET" not in text and "THE-TOKEN" not in text


# -- region ------------------------------------------------------------------------

def test_region_option_first(config):
    env = dict(ALL_ENV, ALICLOUD_REGION="us-west-1")
    assert resolve(dict(alicloud_region="ap-southeast-1", profile="prod", shared_credentials_file=config),
                   env)["region"] == "ap-southeast-1"


def test_region_of_explicit_profile_beats_env(config):
    env = dict(ALL_ENV, ALICLOUD_REGION="us-west-1")
    assert resolve(dict(profile="prod", shared_credentials_file=config), env)["region"] == "cn-shanghai"


def test_region_from_env_then_sdk_env_then_env_profile(config):
    base = dict(ALICLOUD_PROFILE="envprof", ALICLOUD_SHARED_CREDENTIALS_FILE=config)
    assert resolve({}, dict(base, ALICLOUD_REGION="us-west-1", ALIBABA_CLOUD_REGION_ID="us-east-1"))["region"] \
        == "us-west-1"
    assert resolve({}, dict(base, ALIBABA_CLOUD_REGION_ID="us-east-1"))["region"] == "us-east-1"
    assert resolve({}, base)["region"] == "eu-central-1"


def test_a_profile_that_supplies_no_credentials_is_not_read(tmp_path):
    absent = str(tmp_path / "absent.json")
    settings = resolve(dict(alicloud_access_key="AK", alicloud_secret_key="SK", profile="p",
                            shared_credentials_file=absent),
                       dict(ALICLOUD_PROFILE="q", ALICLOUD_SHARED_CREDENTIALS_FILE=absent))
    assert settings["credentials"].access_key_id == "AK"
    assert settings["region"] is None


def test_region_may_be_unknown():
    assert resolve(dict(alicloud_access_key="AK", alicloud_secret_key="SK"))["region"] is None


# -- endpoint -----------------------------------------------------------------------

def test_endpoint_option_then_env():
    keys = dict(alicloud_access_key="AK", alicloud_secret_key="SK")
    assert resolve(dict(keys, alicloud_endpoint="http://127.0.0.1:1"),
                   dict(ALICLOUD_ENDPOINT="http://127.0.0.1:2"))["endpoint"] == "http://127.0.0.1:1"
    assert resolve(keys, dict(ALICLOUD_ENDPOINT="http://127.0.0.1:2"))["endpoint"] == "http://127.0.0.1:2"
    assert resolve(keys)["endpoint"] is None


# -- roles -----------------------------------------------------------------------------

ROLE_ARN = "acs:ram::1000000000000001:role/ops"
OTHER_ARN = "acs:ram::1000000000000003:role/net"


def test_assume_role_option_then_env():
    keys = dict(alicloud_access_key="AK", alicloud_secret_key="SK")
    option = dict(role_arn=OTHER_ARN, session_name="s", session_expiration=900, policy=None, external_id="x")
    assert resolve(dict(keys, alicloud_assume_role=option),
                   dict(ALICLOUD_ASSUME_ROLE_ARN=ROLE_ARN))["roles"] == [option]
    assert resolve(keys, dict(ALICLOUD_ASSUME_ROLE_ARN=ROLE_ARN))["roles"] == [dict(role_arn=ROLE_ARN)]
    assert resolve(keys)["roles"] == []


def test_ram_role_arn_profile_role_comes_before_the_option_role(config):
    option = dict(role_arn=OTHER_ARN)
    settings = resolve(dict(profile="role", shared_credentials_file=config, alicloud_assume_role=option))
    assert settings["credentials"].access_key_id == "AK-ROLE-SRC"
    assert [r["role_arn"] for r in settings["roles"]] == [ROLE_ARN, OTHER_ARN]
    assert settings["roles"][0]["session_name"] == "from-profile"
    assert settings["roles"][0]["session_expiration"] == 1800


def assumed(arn, key):
    return {"Credentials": {"AccessKeyId": key, "AccessKeySecret": key + "-secret", "SecurityToken": key + "-token",
                            "Expiration": "2030-01-01T00:00:00Z"},
            "AssumedRoleUser": {"Arn": arn + "/s", "AssumedRoleId": "3000:s"}}


def test_assume_role_calls_sts_and_signs_with_the_role_keys(cloud, keys):
    cloud.respond("AssumeRole", assumed(ROLE_ARN, "STS.ROLE"))
    cloud.respond("GetCallerIdentity", {"AccountId": "1000000000000001"})
    session = Session(keys, roles=[dict(role_arn=ROLE_ARN, external_id="ext-1")], client_factory=cloud.factory)
    assert session.account_id() == "1000000000000001"
    assume, identity = cloud.calls
    assert assume["operation"] == "AssumeRole" and assume["access_key_id"] == "AKID"
    assert assume["request"] == {"RoleArn": ROLE_ARN, "RoleSessionName": "ansible-alicloud-interconnect",
                                 "DurationSeconds": 3600, "ExternalId": "ext-1"}
    assert identity["access_key_id"] == "STS.ROLE" and identity["security_token"] == "STS.ROLE-token"
    assert cloud.configs[-1][1]["access_key_secret"] == "STS.ROLE-secret"


def test_roles_chain_in_order(cloud, keys):
    cloud.respond("AssumeRole", lambda call: assumed(call["request"]["RoleArn"],
                                                     "STS.1" if call["access_key_id"] == "AKID" else "STS.2"))
    cloud.respond("GetCallerIdentity", {"AccountId": "1000000000000003"})
    session = Session(keys, roles=[dict(role_arn=ROLE_ARN), dict(role_arn=OTHER_ARN, session_expiration=900)],
                      client_factory=cloud.factory)
    session.account_id()
    first, second, identity = cloud.calls
    assert (first["request"]["RoleArn"], first["access_key_id"]) == (ROLE_ARN, "AKID")
    assert (second["request"]["RoleArn"], second["access_key_id"]) == (OTHER_ARN, "STS.1")
    assert second["request"]["DurationSeconds"] == 900
    assert identity["access_key_id"] == "STS.2"


def test_assume_role_failure_names_the_role(cloud, keys, sdk_error):
    cloud.respond("AssumeRole", sdk_error.client("NoPermission", "You are not authorized", status=403))
    session = Session(keys, roles=[dict(role_arn=ROLE_ARN)], client_factory=cloud.factory)
    with pytest.raises(AlicloudError) as exc:
        session.account_id()
    assert exc.value.code == "NoPermission"
    assert str(exc.value).startswith("AssumeRole failed: NoPermission: You are not authorized")
    assert ROLE_ARN in str(exc.value)


def test_roles_are_assumed_once_per_session(cloud, keys):
    cloud.respond("AssumeRole", assumed(ROLE_ARN, "STS.ROLE"))
    cloud.respond("DescribeCens", {"Cens": {"Cen": []}})
    session = Session(keys, roles=[dict(role_arn=ROLE_ARN)], client_factory=cloud.factory)
    session.call("cbn", "DescribeCens")
    session.call("cbn", "DescribeCens")
    assert cloud.operations() == ["AssumeRole", "DescribeCens", "DescribeCens"]


def test_from_params_builds_a_session_that_uses_env_credentials(cloud, clean_env, monkeypatch):
    monkeypatch.setenv("ALICLOUD_ACCESS_KEY", "AK-ENV")
    monkeypatch.setenv("ALICLOUD_SECRET_KEY", "SK-ENV")
    monkeypatch.setenv("ALICLOUD_REGION", "cn-shanghai")
    cloud.respond("GetCallerIdentity", {"AccountId": "1000000000000002"})
    session = Session.from_params({}, client_factory=cloud.factory)
    assert session.region == "cn-shanghai"
    assert session.account_id() == "1000000000000002"
    assert cloud.calls[0]["access_key_id"] == "AK-ENV"
