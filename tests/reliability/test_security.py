"""Case 9: the emulator refuses what Alibaba Cloud refuses, with Alibaba's code, and changes nothing.

Every attack is a write made through the official SDK clients -- signed by the SDK,
then bent where an attacker or a broken client would bend it: a wrong secret, a parameter
changed after signing, a request sent again byte for byte, a clock 20 minutes off, an
``x-acs-*`` header added after signing, one account's STS token on another account's
resources, an expired token, a role that does not trust the caller. Each must fail
with the service's code and HTTP status, be logged with that code, and leave every
table exactly as it was.

The emulator runs in this process on a clock the test moves, so an STS key can
expire without waiting an hour.
"""

import http.client
import json
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests
from alibabacloud_cbn20170912 import models as cbn_models
from alibabacloud_cbn20170912.client import Client as CbnClient
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_sts20150401.client import Client as StsClient
from alibabacloud_tea_openapi.utils import Utils
from alibabacloud_tea_openapi.utils_models import Config
from alibabacloud_vpc20160428 import models as vpc_models
from alibabacloud_vpc20160428.client import Client as VpcClient
from alicloud_emulator import server

import harness

HUB, MEMBER = "1000000000000001", "1000000000000002"
KEYS = {HUB: ("RELHUBKEY", "rel-hub-secret-7f3a"), MEMBER: ("RELMEMBERKEY", "rel-member-secret-9c1d")}
CLIENTS = {"cbn": CbnClient, "vpc": VpcClient, "sts": StsClient}


class Clock(object):
    """Real time plus an offset the test sets."""

    def __init__(self):
        self.offset = 0.0

    def __call__(self):
        return time.time() + self.offset


class InProcess(object):
    """An emulator of files/world.yml serving on a thread of this process."""

    def __init__(self, seed_doc):
        self.clock = Clock()
        self.emu = server.build(seed_doc, transition_seconds=0.05, clock=self.clock)
        self.httpd = server.make_server(self.emu, "127.0.0.1", 0)
        self.endpoint = "127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def client(self, product, key, **config):
        options = dict(access_key_id=key[0], access_key_secret=key[1], endpoint=self.endpoint, protocol="http",
                       region_id="cn-hangzhou", read_timeout=10000, connect_timeout=5000)
        if len(key) > 2:
            options["security_token"] = key[2]
        options.update(config)
        return CLIENTS[product](Config(**options))

    def tables(self):
        """Every table that holds a record, once no transition is pending."""
        deadline = time.monotonic() + 10
        while True:
            state = self.emu.state()
            if not state["pending"] or time.monotonic() > deadline:
                return dict((kind, rows) for kind, rows in state["tables"].items() if rows)
            time.sleep(0.05)

    def last_seq(self):
        calls = self.emu.call_log()
        return calls[-1]["seq"] if calls else 0

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def emu(world_seed):
    running = InProcess(world_seed)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def member_cen(emu):
    """The id of a CEN of the member account."""
    return emu.client("cbn", KEYS[MEMBER]).create_cen(cbn_models.CreateCenRequest(name="member-owned")).body.cen_id


def assume(emu, key, role, duration=3600):
    request = sts_models.AssumeRoleRequest(role_arn="acs:ram::%s:role/%s" % role, role_session_name="reliability",
                                           duration_seconds=duration)
    creds = emu.client("sts", key).assume_role(request).body.credentials
    return (creds.access_key_id, creds.access_key_secret, creds.security_token)


def create_cen(client, name="attack"):
    return client.create_cen(cbn_models.CreateCenRequest(name=name))


def outcome(attempt):
    """``(code, HTTP status)`` of an attempt: an SDK call that raises, or a raw request's answer."""
    try:
        answer = attempt()
    except Exception as error:  # the SDK's errors share no narrower base with the raw sender's
        return getattr(error, "code", repr(error)), getattr(error, "status_code", None)
    if isinstance(answer, tuple):
        return answer
    return "accepted", 200


def refused(emu, attempt, code, status):
    """``attempt()`` must get ``code``/``status``, be logged with that code, and change no table."""
    before = emu.tables()
    since = emu.last_seq()
    assert outcome(attempt) == (code, status)
    calls = emu.emu.call_log(since=since)
    assert [c["outcome"] for c in calls] == [code], [harness.describe_call(c) for c in calls]
    assert emu.tables() == before, "a refused request changed the emulator's state"


def send_raw(prepared):
    """Send a request the SDK prepared earlier again, byte for byte: ``(code, status)`` of the answer."""
    url = urlsplit(prepared.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request(prepared.method, url.path + ("?" + url.query if url.query else ""), body=prepared.body,
                     headers=dict(prepared.headers))
        answer = conn.getresponse()
        payload = json.loads(answer.read().decode("utf-8"))
    finally:
        conn.close()
    return payload.get("Code", "accepted"), answer.status


@pytest.fixture
def wire(monkeypatch):
    """What the SDK sends: ``wire.sent`` (copies of every request), ``wire.tamper = fn(request)`` before sending."""
    original = requests.Session.send

    class Wire(object):
        tamper = None
        sent = []

    def send(self, request, **kwargs):
        if Wire.tamper is not None:
            Wire.tamper(request)
        Wire.sent.append(request.copy())
        return original(self, request, **kwargs)

    Wire.sent = []
    monkeypatch.setattr(requests.Session, "send", send)
    return Wire


# ---------------------------------------------------------------------------- signatures
@pytest.mark.timeout(60)
def test_wrong_secret(emu):
    refused(emu, lambda: create_cen(emu.client("cbn", ("RELHUBKEY", "not-the-secret"))), "SignatureDoesNotMatch", 400)


@pytest.mark.timeout(60)
def test_wrong_secret_with_the_legacy_signature(emu):
    client = emu.client("cbn", ("RELHUBKEY", "not-the-secret"), signature_algorithm="v2")
    refused(emu, lambda: create_cen(client), "SignatureDoesNotMatch", 400)


@pytest.mark.timeout(60)
def test_unknown_access_key(emu):
    refused(emu, lambda: create_cen(emu.client("cbn", ("NOSUCHKEY", "whatever"))), "InvalidAccessKeyId.NotFound", 404)


@pytest.mark.timeout(60)
def test_parameter_changed_after_signing(emu, wire):
    def rename(request):
        assert "Name=attack" in request.url
        request.url = request.url.replace("Name=attack", "Name=other")

    wire.tamper = rename
    refused(emu, lambda: create_cen(emu.client("cbn", KEYS[HUB])), "SignatureDoesNotMatch", 400)


@pytest.mark.timeout(60)
def test_replayed_request(emu, wire):
    cen_id = create_cen(emu.client("cbn", KEYS[HUB]), "replayed").body.cen_id
    refused(emu, lambda: send_raw(wire.sent[-1]), "SignatureNonceUsed", 400)
    assert [c["CenId"] for c in emu.tables()["cen"].values() if c["Name"] == "replayed"] == [cen_id]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("minutes", [-20, 20])
def test_timestamp_outside_15_minutes(emu, monkeypatch, minutes):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + minutes * 60))
    monkeypatch.setattr(Utils, "get_timestamp", staticmethod(lambda: stamp))
    refused(emu, lambda: create_cen(emu.client("cbn", KEYS[HUB])), "InvalidTimeStamp.Expired", 400)


@pytest.mark.timeout(60)
def test_acs_header_added_after_signing(emu, monkeypatch):
    sign = Utils.get_authorization

    def sign_then_add(request, *args):
        authorization = sign(request, *args)
        request.headers["x-acs-unsigned-extra"] = "1"
        return authorization

    monkeypatch.setattr(Utils, "get_authorization", staticmethod(sign_then_add))
    refused(emu, lambda: create_cen(emu.client("cbn", KEYS[HUB])), "IncompleteSignature", 400)


# ---------------------------------------------------------------------------- STS and accounts
@pytest.mark.timeout(60)
def test_role_that_does_not_trust_the_caller(emu):
    request = sts_models.AssumeRoleRequest(role_arn="acs:ram::%s:role/audit" % MEMBER, role_session_name="reliability")
    refused(emu, lambda: emu.client("sts", KEYS[HUB]).assume_role(request), "NoPermission", 403)


@pytest.mark.timeout(60)
def test_token_with_another_sessions_key(emu):
    first, second = assume(emu, KEYS[MEMBER], (HUB, "ops")), assume(emu, KEYS[MEMBER], (HUB, "ops"))
    mixed = (first[0], first[1], second[2])
    refused(emu, lambda: create_cen(emu.client("cbn", mixed)), "InvalidSecurityToken.MismatchWithAccessKey", 400)


@pytest.mark.timeout(60)
def test_token_of_account_a_on_account_b_resources(emu, member_cen):
    """The member assumes the hub's role: those keys act as the hub and cannot touch the member's resources."""
    as_hub = assume(emu, KEYS[MEMBER], (HUB, "ops"))
    refused(emu, lambda: emu.client("cbn", as_hub).delete_cen(cbn_models.DeleteCenRequest(cen_id=member_cen)),
            "ParameterCenInstanceId", 400)
    grant = vpc_models.GrantInstanceToCenRequest(cen_id=member_cen, cen_owner_id=int(MEMBER), instance_id="vpc-memhz",
                                                 instance_type="VPC", region_id="cn-hangzhou")
    refused(emu, lambda: emu.client("vpc", as_hub).grant_instance_to_cen(grant), "InvalidInstanceId.NotFound", 404)
    hub_cen = create_cen(emu.client("cbn", as_hub), "hub-by-role").body.cen_id
    emu.tables()  # let it become Active
    attach = cbn_models.AttachCenChildInstanceRequest(cen_id=hub_cen, child_instance_id="vpc-memhz",
                                                      child_instance_type="VPC", child_instance_region_id="cn-hangzhou",
                                                      child_instance_owner_id=int(MEMBER))
    refused(emu, lambda: emu.client("cbn", as_hub).attach_cen_child_instance(attach),
            "Forbbiden.AttachChildInstanceAcrossUid", 409)


@pytest.mark.timeout(60)
def test_expired_sts_token(emu):
    keys = assume(emu, KEYS[MEMBER], (HUB, "ops"), duration=900)
    assert emu.client("sts", keys).get_caller_identity().body.account_id == HUB
    emu.clock.offset = 901
    try:
        refused(emu, lambda: create_cen(emu.client("cbn", keys)), "InvalidSecurityToken.Expired", 400)
    finally:
        emu.clock.offset = 0
