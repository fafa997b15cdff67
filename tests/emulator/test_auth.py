"""Signature checks: the SDK's own requests pass, each kind of bad request gets Alibaba's code.

Bad requests the SDK cannot produce (replays, skewed clocks, unsigned headers,
tampered bodies) are built here with an independent ACS3 signer.
"""

import hashlib
import hmac
import http.client
import json
import time
import uuid
from urllib.parse import quote, urlencode

import pytest
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_tea_openapi.exceptions import ClientException
from alibabacloud_vpcpeer20220101 import models as peer_models

from conftest import UID1, UID2

STS = "2015-04-01"


def _pct(text):
    return quote(text, safe="~")


def signed_request(port, action, query=None, body=b"", key=("AK1", "SK1"), version=STS, token=None,
                   nonce=None, date=None, extra_signed=None, unsigned=None, tamper_body=None):
    """Send one ACS3-signed POST; return (status, json body)."""
    query = query or {}
    headers = {
        "host": "127.0.0.1:%d" % port,
        "x-acs-action": action,
        "x-acs-version": version,
        "x-acs-date": date or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "x-acs-signature-nonce": nonce or uuid.uuid4().hex,
        "x-acs-content-sha256": hashlib.sha256(body).hexdigest(),
    }
    if body:
        headers["content-type"] = "application/x-www-form-urlencoded"
    if token:
        headers["x-acs-security-token"] = token
    headers.update(extra_signed or {})
    signed = sorted(headers)
    canonical = "\n".join([
        "POST", "/",
        "&".join("%s=%s" % (_pct(k), _pct(v)) for k, v in sorted(query.items())),
        "".join("%s:%s\n" % (h, headers[h].strip()) for h in signed),
        ";".join(signed),
        headers["x-acs-content-sha256"],
    ])
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    signature = hmac.new(key[1].encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s" % (
        key[0], ";".join(signed), signature)
    headers.update(unsigned or {})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/?" + urlencode(query), body=tamper_body if tamper_body is not None else body,
                     headers=headers)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read())
    finally:
        conn.close()


def expect_client_error(fn, code, status):
    with pytest.raises(ClientException) as info:
        fn()
    assert (info.value.code, info.value.status_code) == (code, status)


def test_independent_signer_is_accepted(core):
    status, body = signed_request(core.port, "GetCallerIdentity")
    assert status == 200 and body["AccountId"] == UID1


def test_sdk_request_with_wrong_secret_does_not_match(core):
    sts = core.client("sts", ("AK1", "not-the-secret"))
    expect_client_error(sts.get_caller_identity, "SignatureDoesNotMatch", 400)


def test_unknown_access_key_is_not_found(core):
    sts = core.client("sts", ("AK-NOBODY", "x"))
    expect_client_error(sts.get_caller_identity, "InvalidAccessKeyId.NotFound", 404)


def test_replayed_nonce_is_refused(core):
    nonce = uuid.uuid4().hex
    assert signed_request(core.port, "GetCallerIdentity", nonce=nonce)[0] == 200
    status, body = signed_request(core.port, "GetCallerIdentity", nonce=nonce)
    assert (status, body["Code"]) == (400, "SignatureNonceUsed")


def test_same_nonce_from_another_key_is_not_a_replay(core):
    nonce = uuid.uuid4().hex
    assert signed_request(core.port, "GetCallerIdentity", nonce=nonce)[0] == 200
    assert signed_request(core.port, "GetCallerIdentity", nonce=nonce, key=("AK2", "SK2"))[0] == 200


@pytest.mark.parametrize("offset", [-16 * 60, 16 * 60])
def test_clock_skew_beyond_15_minutes_is_refused(core, offset):
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + offset))
    status, body = signed_request(core.port, "GetCallerIdentity", date=date)
    assert (status, body["Code"]) == (400, "InvalidTimeStamp.Expired")


def test_clock_skew_within_15_minutes_is_accepted(core):
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 14 * 60))
    assert signed_request(core.port, "GetCallerIdentity", date=date)[0] == 200


def test_malformed_date_is_refused(core):
    status, body = signed_request(core.port, "GetCallerIdentity", date="yesterday")
    assert (status, body["Code"]) == (400, "InvalidTimeStamp.Format")


def test_unsigned_acs_header_is_refused(core):
    status, body = signed_request(core.port, "GetCallerIdentity", unsigned={"x-acs-retry-attempts": "1"})
    assert (status, body["Code"]) == (400, "IncompleteSignature")
    assert "x-acs-retry-attempts" in body["Message"]


def test_signed_extra_acs_header_is_fine(core):
    assert signed_request(core.port, "GetCallerIdentity", extra_signed={"x-acs-retry-attempts": "1"})[0] == 200


def test_body_that_does_not_match_its_sha256_is_refused(core):
    body = b"RegionId=cn-hangzhou"
    status, answer = signed_request(core.port, "ListVpcPeerConnections", version="2022-01-01", body=body,
                                    tamper_body=b"RegionId=cn-beijing")
    assert (status, answer["Code"]) == (400, "SignatureDoesNotMatch")
    assert not core.seen


def test_signed_form_body_is_accepted_and_read(core):
    status, _answer = signed_request(core.port, "ListVpcPeerConnections", version="2022-01-01",
                                     body=b"RegionId=cn-hangzhou")
    assert status == 200
    assert core.seen[-1] == ("ListVpcPeerConnections", {"RegionId": "cn-hangzhou"})


def test_request_without_signature_is_refused(core):
    conn = http.client.HTTPConnection("127.0.0.1", core.port, timeout=10)
    conn.request("POST", "/", headers={"x-acs-action": "GetCallerIdentity", "x-acs-version": STS})
    resp = conn.getresponse()
    assert (resp.status, json.loads(resp.read())["Code"]) == (400, "IncompleteSignature")
    conn.close()


def test_legacy_v2_signature_from_the_sdk_is_accepted(core):
    sts = core.client("sts", UID2, signature_algorithm="v2")
    assert sts.get_caller_identity().body.account_id == UID2


def test_legacy_v2_form_body_is_signed_and_read(core):
    peer = core.client("vpcpeer", UID1, signature_algorithm="v2")
    peer.list_vpc_peer_connections(peer_models.ListVpcPeerConnectionsRequest(region_id="cn-hangzhou", max_results=3))
    assert core.seen[-1] == ("ListVpcPeerConnections", {"RegionId": "cn-hangzhou", "MaxResults": 3})


def test_legacy_v2_signature_with_wrong_secret_does_not_match(core):
    sts = core.client("sts", ("AK1", "wrong"), signature_algorithm="v2")
    expect_client_error(sts.get_caller_identity, "SignatureDoesNotMatch", 400)


def assume(core, session="s1", duration=None):
    sts = core.client("sts", UID2)
    request = sts_models.AssumeRoleRequest(role_arn="acs:ram::%s:role/ops" % UID1, role_session_name=session,
                                           duration_seconds=duration)
    return sts.assume_role(request).body.credentials


def test_sts_key_without_its_token_is_refused(core):
    creds = assume(core)
    sts = core.client("sts", (creds.access_key_id, creds.access_key_secret))
    expect_client_error(sts.get_caller_identity, "InvalidSecurityToken.MismatchWithAccessKey", 400)


def test_sts_key_with_another_keys_token_is_refused(core):
    first, second = assume(core, "one"), assume(core, "two")
    sts = core.client("sts", (first.access_key_id, first.access_key_secret, second.security_token))
    expect_client_error(sts.get_caller_identity, "InvalidSecurityToken.MismatchWithAccessKey", 400)


def test_token_sent_with_a_permanent_key_is_refused(core):
    creds = assume(core)
    sts = core.client("sts", ("AK1", "SK1", creds.security_token))
    expect_client_error(sts.get_caller_identity, "InvalidSecurityToken.MismatchWithAccessKey", 400)


def test_expired_sts_token_is_refused(core):
    creds = assume(core)
    with core.world.lock:
        core.world.keys[creds.access_key_id]["expires"] = time.time() - 1
    sts = core.client("sts", (creds.access_key_id, creds.access_key_secret, creds.security_token))
    expect_client_error(sts.get_caller_identity, "InvalidSecurityToken.Expired", 400)


def test_sts_credentials_work_with_the_legacy_signature(core):
    creds = assume(core)
    sts = core.client("sts", (creds.access_key_id, creds.access_key_secret, creds.security_token),
                      signature_algorithm="v2")
    assert sts.get_caller_identity().body.identity_type == "AssumedRoleUser"


def test_rejections_are_in_the_call_log_without_an_account(core):
    with pytest.raises(ClientException):
        core.client("sts", ("AK1", "wrong")).get_caller_identity()
    (entry,) = core.calls()
    assert entry["outcome"] == "SignatureDoesNotMatch" and entry["account"] is None
