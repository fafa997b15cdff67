"""STS AssumeRole and GetCallerIdentity through the official STS SDK."""

import calendar
import time

import pytest
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi.exceptions import ClientException

from conftest import UID1, UID2

OPS_ARN = "acs:ram::%s:role/ops" % UID1


def assume(core, who=UID2, arn=OPS_ARN, session="deploy", **extra):
    sts = core.client("sts", who)
    return sts.assume_role(sts_models.AssumeRoleRequest(role_arn=arn, role_session_name=session, **extra)).body


def refused(fn, code, status):
    with pytest.raises(ClientException) as info:
        fn()
    assert (info.value.code, info.value.status_code) == (code, status)


def test_caller_identity_of_an_account_key(core):
    body = core.client("sts", UID1).get_caller_identity().body
    assert body.account_id == UID1
    assert body.identity_type == "Account"
    assert body.arn == "acs:ram::%s:root" % UID1
    assert body.request_id


def test_trusted_account_assumes_the_role_and_acts_as_its_account(core):
    body = assume(core)
    creds = body.credentials
    assert creds.access_key_id.startswith("STS.")
    assert creds.access_key_secret and creds.security_token
    assert body.assumed_role_user.arn == "acs:ram::%s:assumed-role/ops/deploy" % UID1
    assert body.assumed_role_user.assumed_role_id.endswith(":deploy")

    who = core.client("sts", (creds.access_key_id, creds.access_key_secret, creds.security_token))
    identity = who.get_caller_identity().body
    assert identity.account_id == UID1
    assert identity.identity_type == "AssumedRoleUser"
    assert identity.arn == body.assumed_role_user.arn
    assert identity.principal_id == body.assumed_role_user.assumed_role_id
    assert identity.role_id == body.assumed_role_user.assumed_role_id.split(":")[0]


def test_default_duration_is_one_hour_and_expiration_is_iso_utc(core):
    before = time.time()
    expiration = assume(core).credentials.expiration
    assert expiration.endswith("Z") and "T" in expiration
    expires = calendar.timegm(time.strptime(expiration, "%Y-%m-%dT%H:%M:%SZ"))
    assert before + 3600 - 2 <= expires <= time.time() + 3600 + 1


def test_duration_seconds_is_honoured(core):
    before = time.time()
    expires = calendar.timegm(time.strptime(assume(core, duration_seconds=900).credentials.expiration,
                                            "%Y-%m-%dT%H:%M:%SZ"))
    assert before + 900 - 2 <= expires <= time.time() + 900 + 1


@pytest.mark.parametrize("seconds", [899, 3601])
def test_duration_outside_900_to_3600_is_refused(core, seconds):
    refused(lambda: assume(core, duration_seconds=seconds), "InvalidParameter.DurationSeconds", 400)


def test_account_not_in_the_trust_list_gets_no_permission(core):
    # The role trusts account 2 only, not even its own account.
    refused(lambda: assume(core, who=UID1), "NoPermission", 403)


def test_assumed_role_user_of_an_untrusted_account_gets_no_permission(core):
    creds = assume(core).credentials
    as_role = (creds.access_key_id, creds.access_key_secret, creds.security_token)
    refused(lambda: assume(core, who=as_role), "NoPermission", 403)


def test_unknown_role_does_not_exist(core):
    refused(lambda: assume(core, arn="acs:ram::%s:role/nobody" % UID1), "EntityNotExist.Role", 404)


def test_role_in_unknown_account_does_not_exist(core):
    refused(lambda: assume(core, arn="acs:ram::1999999999999999:role/ops"), "EntityNotExist.Role", 404)


def test_role_name_is_case_insensitive(core):
    assert assume(core, arn="acs:ram::%s:role/OPS" % UID1).assumed_role_user.arn.startswith("acs:ram::%s:" % UID1)


@pytest.mark.parametrize("arn", ["ops", "acs:ram::abc:role/ops", "acs:ram::%s:user/ops" % UID1])
def test_malformed_role_arn_is_refused(core, arn):
    refused(lambda: assume(core, arn=arn), "InvalidParameter.RoleArn", 400)


def test_malformed_session_name_is_refused(core):
    refused(lambda: assume(core, session="has space"), "InvalidParameter.RoleSessionName", 400)


def test_expired_credentials_stop_working(core):
    creds = assume(core, duration_seconds=900).credentials
    key = (creds.access_key_id, creds.access_key_secret, creds.security_token)
    assert core.client("sts", key).get_caller_identity().body.account_id == UID1
    with core.world.lock:
        core.world.keys[creds.access_key_id]["expires"] = time.time() - 1
    refused(core.client("sts", key).get_caller_identity, "InvalidSecurityToken.Expired", 400)


def test_each_assume_role_mints_new_credentials(core):
    first, second = assume(core).credentials, assume(core).credentials
    assert first.access_key_id != second.access_key_id
    assert first.security_token != second.security_token
