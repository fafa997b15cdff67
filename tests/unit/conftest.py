# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures for the unit tests.

Stubs live only *below* module_utils:

* ``cloud``: a scripted stand-in for the SDK clients, injected with
  ``Session(..., client_factory=cloud.factory)``. It records every client config
  and every request (as wire names) and answers from a script of bodies and real
  SDK exceptions.
* ``fake_api``: a tiny HTTP server on 127.0.0.1 that the *real* SDKs talk to. It
  answers by ``x-acs-action`` from a script and records the access key of each
  request. Used where the code under test builds its own Session (the doors).
* ``peering``: the cloud of the peering cores (VPCs, router interfaces, route tables, VpcPeer
  connections) answered from lists, with a handler per write operation.
* ``transit_api``: the transit-router API answered from lists through ``fake_api`` (TransitApi), which
  the transit-router cores' test files extend with their records and actions.
* ``clock``: a fake monotonic clock whose sleep advances it.
* ``sdk_error``: real SDK exceptions as the SDK raises them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re
import threading

from urllib.parse import parse_qs

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import Credentials
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session


# ---------------------------------------------------------------------------
# Scripted SDK clients
# ---------------------------------------------------------------------------

class _Body:
    def __init__(self, data):
        self._data = data

    def to_map(self):
        return json.loads(json.dumps(self._data))


class _Response:
    def __init__(self, data):
        self.body = _Body(data)


class FakeClient:
    """Answers like an SDK client: one method per operation, a request model in, a response out."""

    def __init__(self, cloud, product, config):
        self.cloud = cloud
        self.product = product
        self.config = config

    def _answer(self, operation, request=None):
        self.cloud.calls.append(dict(
            product=self.product,
            operation=operation,
            request=request.to_map() if request is not None else {},
            access_key_id=self.config["access_key_id"],
            security_token=self.config.get("security_token"),
        ))
        script = self.cloud.script.get(operation)
        if not script:
            raise AssertionError("no scripted answer for %s" % operation)
        outcome = script.pop(0) if len(script) > 1 else script[0]
        if isinstance(outcome, Exception):
            raise outcome
        if callable(outcome):
            outcome = outcome(self.cloud.calls[-1])
        return _Response(outcome)

    def get_caller_identity(self):
        return self._answer("GetCallerIdentity")

    def assume_role(self, request):
        return self._answer("AssumeRole", request)

    def create_cen(self, request):
        return self._answer("CreateCen", request)

    def describe_cens(self, request):
        return self._answer("DescribeCens", request)

    def describe_vpcs(self, request):
        return self._answer("DescribeVpcs", request)

    def modify_cen_attribute(self, request):
        return self._answer("ModifyCenAttribute", request)

    def delete_cen(self, request):
        return self._answer("DeleteCen", request)


class FakeCloud:
    """The factory and the record: ``configs`` (product, config dict), ``calls`` (dicts), ``script``."""

    def __init__(self):
        self.configs = []
        self.calls = []
        self.script = {}

    def factory(self, product, config):
        self.configs.append((product, dict(config)))
        return FakeClient(self, product, config)

    def respond(self, operation, *outcomes):
        """Answers for operation, in order; the last one repeats. An outcome is a body dict,
        an exception to raise, or a callable(call) returning the body."""
        self.script[operation] = list(outcomes)

    def operations(self):
        return [c["operation"] for c in self.calls]


@pytest.fixture
def cloud():
    return FakeCloud()


@pytest.fixture
def keys():
    return Credentials("AKID", "SECRET-VALUE", source="test")


# ---------------------------------------------------------------------------
# The peering cloud: VPCs, router interfaces, route tables, VpcPeer connections
# ---------------------------------------------------------------------------

# The accounts of the access keys AK1 and AK2 of the peering cloud.
UID1 = "1000000000000001"
UID2 = "1000000000000002"
ACCOUNTS = {"AK1": UID1, "AK2": UID2}

READS = ("Describe", "List", "Get")


OPERATIONS = (
    "GetCallerIdentity", "DescribeVpcs", "DescribeVRouters", "DescribeRouteTableList", "DescribeRouteTables",
    "DescribeRouteEntryList", "CreateRouteEntry", "DeleteRouteEntry", "DescribeRouterInterfaces",
    "CreateRouterInterface", "ModifyRouterInterfaceAttribute", "ConnectRouterInterface", "ActivateRouterInterface",
    "DeactivateRouterInterface", "ModifyRouterInterfaceSpec", "DeleteRouterInterface",
    "GetVpcPeerConnectionAttribute", "ListVpcPeerConnections", "CreateVpcPeerConnection", "ModifyVpcPeerConnection",
    "AcceptVpcPeerConnection", "RejectVpcPeerConnection", "DeleteVpcPeerConnection",
    "TagResourcesForExpressConnect", "UntagResourcesForExpressConnect", "TagResources", "UnTagResources",
)


def _method(operation):
    def call(self, request=None):
        return self.peering.answer(self, operation, request)
    return call


class PeeringClient(object):
    """One SDK client: a method per operation, answered by ``Peering``."""

    def __init__(self, peering, product, config):
        self.peering = peering
        self.product = product
        self.access_key_id = config["access_key_id"]


for _operation in OPERATIONS:
    # Session finds a client's method by its name without underscores: DescribeVpcs -> describevpcs.
    setattr(PeeringClient, _operation.lower(), _method(_operation))


class Peering(object):
    """The cloud as the peering cores see it: lists of VPCs, router interfaces, route tables (with their
    entries) and peering connections that the read operations answer from, a handler per write
    operation (``on[operation] = fn(request) -> body``, changing the lists as it likes), and the log
    of every call as ``(operation, request with wire names, account)``."""

    def __init__(self):
        self.vpcs = []
        self.interfaces = []
        self.tables = []
        self.peers = []
        self.on = {}
        self.calls = []
        self.errors = {}

    # -- plumbing -------------------------------------------------------------------------------
    def factory(self, product, config):
        return PeeringClient(self, product, config)

    def session(self, key="AK1", region="cn-hangzhou"):
        clock = FakeClock()
        return Session(Credentials(key, "SECRET", source="test"), region=region, client_factory=self.factory,
                       clock=clock, sleep=clock.sleep)

    def answer(self, client, operation, request):
        fields = request.to_map() if request is not None else {}
        account = ACCOUNTS[client.access_key_id]
        self.calls.append((operation, fields, account))
        if operation in self.errors:
            raise self.errors[operation]
        if operation in self.on:
            return _Response(self.on[operation](fields))
        if operation.startswith(READS):
            return _Response(getattr(self, "_" + operation)(fields, account))
        raise AssertionError("unexpected write %s %s" % (operation, fields))

    def operations(self):
        return [operation for operation, _fields, _account in self.calls]

    def writes(self):
        return [operation for operation in self.operations() if not operation.startswith(READS)]

    def request(self, operation):
        found = [fields for op, fields, _account in self.calls if op == operation]
        assert found, "%s was not called" % operation
        return found[-1]

    # -- reads ----------------------------------------------------------------------------------
    @staticmethod
    def _GetCallerIdentity(fields, account):
        return dict(AccountId=account, Arn="acs:ram::%s:root" % account, IdentityType="Account")

    def _DescribeVpcs(self, fields, account):
        ids = fields.get("VpcId", "").split(",") if fields.get("VpcId") else None
        found = [v for v in self.vpcs if v["_account"] == account and v["RegionId"] == fields["RegionId"]
                 and (ids is None or v["VpcId"] in ids)]
        return dict(Vpcs={"Vpc": [self.public(v) for v in found]}, TotalCount=len(found))

    def _DescribeVRouters(self, fields, account):
        found = [dict(VRouterId=v["VRouterId"], VpcId=v["VpcId"]) for v in self.vpcs
                 if v["_account"] == account and v["VRouterId"] == fields.get("VRouterId")]
        return dict(VRouters={"VRouter": found}, TotalCount=len(found))

    def _DescribeRouterInterfaces(self, fields, account):
        found = [ri for ri in self.interfaces if ri["_account"] == account and ri["_region"] == fields["RegionId"]]
        for flt in fields.get("Filter") or []:
            found = [ri for ri in found if str(ri.get(flt["Key"])) in flt["Value"]]
        return dict(RouterInterfaceSet={"RouterInterfaceType": [self.public(ri) for ri in found]},
                    TotalCount=len(found))

    def _DescribeRouteTables(self, fields, account):
        found = [dict(RouteTableId=t["RouteTableId"], RouteEntrys={"RouteEntry": t["entries"]})
                 for t in self.tables if t["RouterId"] == fields.get("RouterId")]
        return dict(RouteTables={"RouteTable": found}, TotalCount=len(found))

    def _DescribeRouteTableList(self, fields, account):
        found = [dict(RouteTableId=t["RouteTableId"], RouteTableType="System") for t in self.tables
                 if t.get("VpcId") == fields.get("VpcId")]
        return dict(RouterTableList={"RouterTableListType": found}, TotalCount=len(found))

    def _DescribeRouteEntryList(self, fields, account):
        tables = [t for t in self.tables if t["RouteTableId"] == fields["RouteTableId"]]
        entries = tables[0]["entries"] if tables else []
        for key in ("DestinationCidrBlock", "RouteEntryId"):
            if fields.get(key):
                entries = [e for e in entries if e[key] == fields[key]]
        return dict(RouteEntrys={"RouteEntry": entries})

    def _GetVpcPeerConnectionAttribute(self, fields, account):
        for pcc in self.peers:
            if pcc["InstanceId"] == fields["InstanceId"]:
                return copy.deepcopy(pcc)
        raise SdkErrors.client("ResourceNotFound.InstanceId", "The specified resource of %s is not found."
                               % fields["InstanceId"], request_id="REQ")

    def _ListVpcPeerConnections(self, fields, account):
        found = [p for p in self.peers if not fields.get("VpcId")
                 or set(fields["VpcId"]) <= {p["Vpc"]["VpcId"], p["AcceptingVpc"]["VpcId"]}]
        return dict(VpcPeerConnects=copy.deepcopy(found), TotalCount=len(found))

    @staticmethod
    def public(record):
        return dict((k, v) for k, v in record.items() if not k.startswith("_"))

    # -- building the world ---------------------------------------------------------------------
    def add_vpc(self, vpc_id, cidr, account=UID1, region="cn-hangzhou", secondary=()):
        vpc = dict(VpcId=vpc_id, CidrBlock=cidr, VRouterId="vrt-" + vpc_id[4:], RegionId=region,
                   SecondaryCidrBlocks={"SecondaryCidrBlock": list(secondary)}, _account=account)
        self.vpcs.append(vpc)
        self.tables.append(dict(RouteTableId="vtb-" + vpc_id[4:], RouterId=vpc["VRouterId"], VpcId=vpc_id,
                                entries=[]))
        return vpc

    def add_route(self, table_id, destination, hop_type, hop_id, entry_id=None, status="Available"):
        entry = dict(RouteEntryId=entry_id or "rte-%d" % len(self.calls), RouteTableId=table_id,
                     DestinationCidrBlock=destination, Type="Custom", Status=status,
                     NextHops={"NextHop": [dict(NextHopType=hop_type, NextHopId=hop_id)]})
        [t for t in self.tables if t["RouteTableId"] == table_id][0]["entries"].append(entry)
        return entry


@pytest.fixture
def peering():
    """The cloud the peering cores (route, router_interface, vpcpeer) see, answered from lists."""
    return Peering()


# ---------------------------------------------------------------------------
# Real SDK exceptions
# ---------------------------------------------------------------------------

class SdkErrors:
    """Build the exceptions the SDK raises for an error answer or a failed connection."""

    @staticmethod
    def client(code, message="raw message", status=400, request_id="REQ-1"):
        from alibabacloud_tea_openapi.exceptions import ClientException
        return ClientException(
            status_code=status, code=code, request_id=request_id,
            message="code: %s, %s request id: %s" % (status, message, request_id),
            data={"Code": code, "Message": message, "RequestId": request_id},
        )

    @staticmethod
    def server(code="ServiceUnavailable", status=503, request_id="REQ-5"):
        from alibabacloud_tea_openapi.exceptions import ServerException
        return ServerException(status_code=status, code=code, request_id=request_id,
                               message="code: %s, busy request id: %s" % (status, request_id),
                               data={"Code": code, "Message": "busy", "RequestId": request_id})

    @staticmethod
    def throttled(retry_after_ms, code="Throttling.User", request_id="REQ-T"):
        from alibabacloud_tea_openapi.exceptions import ThrottlingException
        return ThrottlingException(status_code=400, code=code, request_id=request_id, retry_after=retry_after_ms,
                                   message="code: 400, slow down request id: %s" % request_id,
                                   data={"Code": code, "Message": "slow down", "RequestId": request_id})

    @staticmethod
    def unreachable(text="Connection refused"):
        from darabonba.exceptions import RetryError, UnretryableException
        from darabonba.policy.retry import RetryPolicyContext
        return UnretryableException(RetryPolicyContext(exception=RetryError(text)))


@pytest.fixture
def sdk_error():
    return SdkErrors()


# ---------------------------------------------------------------------------
# Fake clock
# ---------------------------------------------------------------------------

class FakeClock:
    """time.monotonic and time.sleep stand-ins: sleeping advances the clock and is recorded."""

    def __init__(self, start=1000.0):
        self.now = start
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


# ---------------------------------------------------------------------------
# A fake API over HTTP for the real SDK
# ---------------------------------------------------------------------------

class FakeApi:
    """Answers POST / by x-acs-action. ``script[action] = (status, body[, headers])`` or a
    callable(request dict) returning that tuple; a body of bytes is sent as is (text/html). ``requests`` records action, access key,
    token and query string of every request."""

    def __init__(self):
        self.script = {}
        self.requests = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                match = re.search(r"Credential=([^,]+)", self.headers.get("authorization", ""))
                request = dict(
                    action=self.headers.get("x-acs-action"),
                    access_key_id=match.group(1) if match else None,
                    security_token=self.headers.get("x-acs-security-token"),
                    query=self.path.partition("?")[2],
                )
                api.requests.append(request)
                unscripted = (404, {"Code": "InvalidAction.NotFound", "Message": "not scripted"})
                answer = api.script.get(request["action"], unscripted)
                if callable(answer):
                    answer = answer(request)
                status, body = answer[0], answer[1]
                headers = answer[2] if len(answer) > 2 else {}
                if isinstance(body, bytes):
                    payload, content_type = body, "text/html"
                else:
                    payload, content_type = json.dumps(dict(body, RequestId="FAKE-REQ")).encode(), "application/json"
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True
        self.thread.start()

    def identity(self, accounts):
        """Script GetCallerIdentity to answer with the account of the caller's access key."""
        def answer(request):
            uid = accounts.get(request["access_key_id"])
            if uid is None:
                return 404, {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."}
            return 200, {"AccountId": uid, "Arn": "acs:ram::%s:root" % uid, "IdentityType": "Account",
                         "PrincipalId": uid, "UserId": uid}
        self.script["GetCallerIdentity"] = answer

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def fake_api(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    api = FakeApi()
    yield api
    api.close()


class TransitApi(object):
    """The transit-router API answered from lists through ``fake_api``: what the unit tests of the
    transit-router cores share. A test file's ``Cloud`` class adds its records and the handlers of its
    actions (a method named like the action, taking the request's fields, returning the body); the
    ``transit_api`` fixture makes a ``Cloud`` on top of this class, whose ``__init__`` Cloud's calls first.

    ``refuse[action] = (code, message)``, or a callable(fields) returning that or None, refuses an action;
    ``lose`` holds actions whose next answer is lost: the action is done, then answered 500 InternalError;
    ``calls`` logs ``(action, fields)``; ``associations`` and ``propagations`` are the route-table links.
    """

    READS = ("List", "Describe", "Get")

    def __init__(self, fake_api):
        self.associations, self.propagations = [], []
        self.refuse, self.calls, self.lose = {}, [], set()
        fake_api.identity({"AKID": UID1})
        for action in [name for name in dir(self) if name[0].isupper()]:
            fake_api.script[action] = self._answer(action)

    def _answer(self, action):
        def answer(request):
            fields = dict((k, v[0]) for k, v in parse_qs(request["query"]).items())
            self.calls.append((action, fields))
            refusal = self.refuse.get(action)
            if callable(refusal):
                refusal = refusal(fields)
            if refusal:
                return 400, dict(Code=refusal[0], Message=refusal[1])
            body = getattr(self, action)(fields)
            if action in self.lose:
                self.lose.discard(action)
                return 500, dict(Code="InternalError", Message="the answer was lost")
            return 200, body
        return answer

    def writes(self):
        return [action for action, _fields in self.calls if not action.startswith(self.READS)]

    def requests(self, action):
        """The fields of each call of ``action``, in order."""
        return [fields for name, fields in self.calls if name == action]

    def link(self, kind, table_id, attachment_id):
        """An Active link of ``kind`` (``"associations"`` or ``"propagations"``)."""
        getattr(self, kind).append(dict(TransitRouterAttachmentId=attachment_id, TransitRouterRouteTableId=table_id,
                                        Status="Active"))

    @staticmethod
    def page(key, items):
        return {key: items, "TotalCount": len(items)}

    @staticmethod
    def match(items, fields, keys):
        """The items whose value of each of ``keys`` is the one ``fields`` gives, if it gives one."""
        return [i for i in items if all(fields.get(k) in (None, i.get(k)) for k in keys)]

    def ListTransitRouterRouteTableAssociations(self, fields):
        return self.page("TransitRouterAssociations", self.match(
            self.associations, fields, ("TransitRouterAttachmentId", "TransitRouterRouteTableId")))

    def ListTransitRouterRouteTablePropagations(self, fields):
        return self.page("TransitRouterPropagations", self.match(
            self.propagations, fields, ("TransitRouterAttachmentId", "TransitRouterRouteTableId")))

    def AssociateTransitRouterAttachmentWithRouteTable(self, fields):
        self.link("associations", fields["TransitRouterRouteTableId"], fields["TransitRouterAttachmentId"])
        return {}

    def EnableTransitRouterRouteTablePropagation(self, fields):
        self.link("propagations", fields["TransitRouterRouteTableId"], fields["TransitRouterAttachmentId"])
        return {}

    def TagResources(self, fields):
        return {}

    def UntagResources(self, fields):
        return {}


@pytest.fixture
def transit_api(fake_api):
    """``transit_api(Cloud)``: a ``Cloud`` of the test file on top of TransitApi, answering through fake_api."""
    return lambda cloud_class: type(cloud_class.__name__, (cloud_class, TransitApi), {})(fake_api)


@pytest.fixture
def clean_env(monkeypatch):
    """No credential, region, profile or endpoint variables from the machine running the tests."""
    for name in ("ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN", "ALICLOUD_REGION",
                 "ALICLOUD_PROFILE", "ALICLOUD_ASSUME_ROLE_ARN", "ALICLOUD_ENDPOINT",
                 "ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_ACCESS_KEY_ID",
                 "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_REGION_ID"):
        monkeypatch.delenv(name, raising=False)
