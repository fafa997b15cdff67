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
* ``clock``: a fake monotonic clock whose sleep advances it.
* ``sdk_error``: real SDK exceptions as the SDK raises them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import threading

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible_collections.alicloud.interconnect.plugins.module_utils.common import Credentials


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


@pytest.fixture
def clean_env(monkeypatch):
    """No credential, region, profile or endpoint variables from the machine running the tests."""
    for name in ("ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN", "ALICLOUD_REGION",
                 "ALICLOUD_PROFILE", "ALICLOUD_ASSUME_ROLE_ARN", "ALICLOUD_ENDPOINT",
                 "ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_ACCESS_KEY_ID",
                 "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_REGION_ID"):
        monkeypatch.delenv(name, raising=False)
