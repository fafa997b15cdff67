"""STS 2015-04-01: AssumeRole and GetCallerIdentity.

Roles come from the seed (``accounts[].roles``: a name and the account UIDs that
may assume it). AssumeRole mints a temporary key (``STS.``-prefixed id, secret,
security token) that acts as the role's account until it expires; the
authenticator refuses it afterwards with ``InvalidSecurityToken.Expired``.
"""

import hashlib
import re
import secrets
import time

from alicloud_emulator.errors import ApiError
from alicloud_emulator.registry import action

_ROLE_ARN_RE = re.compile(r"^acs:ram::([0-9]+):role/([A-Za-z0-9.\-]{1,64})$")
_SESSION_RE = re.compile(r"^[A-Za-z0-9.@\-_]{2,64}$")
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
MIN_DURATION = 900
MAX_DURATION = 3600


def _random(length):
    return "".join(secrets.choice(_ALNUM) for _ in range(length))


def role_id(uid, name):
    """A stable numeric role id, as RAM shows it (19 digits)."""
    digest = hashlib.sha256(("%s/%s" % (uid, name.lower())).encode("utf-8")).hexdigest()
    return str(300000000000000000 + int(digest, 16) % 100000000000000000)


def _find_role(world, uid, name):
    account = world.accounts.get(uid)
    if account is None:
        return None, None
    for role_name, role in account.get("roles", {}).items():
        if role_name.lower() == name.lower():
            return role_name, role
    return None, None


@action("sts", "AssumeRole")
def assume_role(ctx, p):
    world = ctx.world
    arn = p["RoleArn"]
    match = _ROLE_ARN_RE.match(arn)
    if match is None:
        raise ApiError("InvalidParameter.RoleArn", "The parameter RoleArn is wrong.", 400)
    session = p["RoleSessionName"]
    if not _SESSION_RE.match(session):
        raise ApiError("InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrong.", 400)
    duration = p.get("DurationSeconds", MAX_DURATION)
    if not MIN_DURATION <= duration <= MAX_DURATION:
        raise ApiError(
            "InvalidParameter.DurationSeconds",
            "The DurationSeconds must be between %d and %d seconds." % (MIN_DURATION, MAX_DURATION),
            400,
        )
    uid, wanted = match.group(1), match.group(2)
    name, role = _find_role(world, uid, wanted)
    if role is None:
        raise ApiError("EntityNotExist.Role", "The role not exists: %s." % arn, 404)
    if ctx.account not in role.get("trusted", []):
        raise ApiError(
            "NoPermission", "You are not authorized to do this action. You should be authorized by RAM.", 403
        )
    now = world.now()
    # Forget keys that expired long ago so the key table does not grow without end.
    for key_id in [k for k, v in world.keys.items() if v.get("token") and v["expires"] < now - MAX_DURATION]:
        del world.keys[key_id]
    rid = role_id(uid, name)
    canonical_arn = "acs:ram::%s:role/%s" % (uid, name.lower())
    key_id = "STS." + _random(25)
    secret = _random(44)
    token = "CAIS" + _random(200)
    expires = int(now) + duration
    world.keys[key_id] = {
        "secret": secret,
        "uid": uid,
        "token": token,
        "expires": expires,
        "role": canonical_arn,
        "role_id": rid,
        "session": session,
        "source_uid": ctx.account,
    }
    world.save()  # the key must survive a restart like any resource
    return {
        "Credentials": {
            "AccessKeyId": key_id,
            "AccessKeySecret": secret,
            "SecurityToken": token,
            "Expiration": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires)),
        },
        "AssumedRoleUser": {
            "Arn": "acs:ram::%s:assumed-role/%s/%s" % (uid, name.lower(), session),
            "AssumedRoleId": "%s:%s" % (rid, session),
        },
        "SourceIdentity": p.get("SourceIdentity"),
    }


@action("sts", "GetCallerIdentity")
def get_caller_identity(ctx, _p):
    identity = ctx.identity
    uid = ctx.account
    if identity["type"] == "AssumedRoleUser":
        role_name = identity["role_arn"].rsplit("/", 1)[1]
        return {
            "AccountId": uid,
            "Arn": "acs:ram::%s:assumed-role/%s/%s" % (uid, role_name, identity["session_name"]),
            "IdentityType": "AssumedRoleUser",
            "PrincipalId": "%s:%s" % (identity["role_id"], identity["session_name"]),
            "RoleId": identity["role_id"],
        }
    return {
        "AccountId": uid,
        "Arn": "acs:ram::%s:root" % uid,
        "IdentityType": "Account",
        "PrincipalId": uid,
        "UserId": uid,
    }
