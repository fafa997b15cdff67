"""Fixtures: an in-process emulator on a free port and the official SDK clients pointed at it.

* ``emulator``: a fresh emulator per test, seeded with :data:`SEED` (two accounts, a
  role, VPCs in two regions, a VBR). Attributes: ``endpoint`` (``127.0.0.1:PORT``),
  ``url``, ``emu`` (the :class:`~alicloud_emulator.server.Emulator`), ``world``, and
  ``admin(method, path, body=None) -> (status, json)`` for the admin API.
* ``emulator_factory(seed=SEED, **build_options)``: more emulators (state files, faults).
* ``sdk(product, who, **config)``: the official SDK client of ``product`` (``cbn``,
  ``vpc``, ``vpcpeer``, ``sts``) for ``who`` -- an account UID of the seed, or a
  tuple ``(access_key_id, secret[, security_token])`` -- talking to ``emulator``.
  ``Running.client(product, who, **config)`` does the same for any running emulator.
* ``core``: an emulator for tests of the core (protocol, auth, faults, admin API):
  the two seed accounts only, the real STS service, and small test handlers for a
  few CBN/VpcPeer operations (:func:`core_handlers`) that record what they got in
  ``core.seen``, so those tests do not depend on the services' rules.
"""

import http.client
import importlib
import json
import os
import threading

import pytest
from alibabacloud_tea_openapi.client import Client as OpenApiClient
from alibabacloud_tea_openapi.utils_models import Config, OpenApiRequest, Params
from darabonba.runtime import RuntimeOptions

from alicloud_emulator import registry, server
from alicloud_emulator.registry import Handler

# The SDK hands proxy variables to requests and ignores NO_PROXY: loopback calls must not see them.
for _name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(_name, None)

UID1 = "1000000000000001"
UID2 = "1000000000000002"
KEYS = {UID1: ("AK1", "SK1"), UID2: ("AK2", "SK2")}

SEED = {
    "accounts": [
        {"uid": UID1, "name": "main", "access_keys": [{"id": "AK1", "secret": "SK1"}],
         "roles": [{"name": "ops", "trusted": [UID2]}]},
        {"uid": UID2, "name": "member", "access_keys": [{"id": "AK2", "secret": "SK2"}]},
    ],
    "vpcs": [
        {"id": "vpc-a1", "account": UID1, "region": "cn-hangzhou", "cidr": "10.0.0.0/16", "name": "a1"},
        {"id": "vpc-a2", "account": UID1, "region": "cn-shanghai", "cidr": "10.1.0.0/16", "name": "a2"},
        {"id": "vpc-b1", "account": UID2, "region": "cn-hangzhou", "cidr": "10.2.0.0/16", "name": "b1"},
        {"id": "vpc-b2", "account": UID2, "region": "cn-shanghai", "cidr": "10.3.0.0/16", "name": "b2"},
    ],
    "vbrs": [
        {"id": "vbr-a1", "account": UID1, "region": "cn-hangzhou"},
    ],
}

_CLIENTS = {
    "cbn": "alibabacloud_cbn20170912.client",
    "vpc": "alibabacloud_vpc20160428.client",
    "vpcpeer": "alibabacloud_vpcpeer20220101.client",
    "sts": "alibabacloud_sts20150401.client",
}


class Running(object):
    """An emulator serving on a background thread."""

    def __init__(self, emu, host="127.0.0.1"):
        self.emu = emu
        self.world = emu.world
        self.httpd = server.make_server(emu, host, 0)
        self.port = self.httpd.server_address[1]
        self.endpoint = "%s:%d" % (host, self.port)
        self.url = "http://" + self.endpoint
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def admin(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            data = None if body is None else json.dumps(body).encode("utf-8")
            conn.request(method, path, body=data)
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read().decode("utf-8"))
        finally:
            conn.close()

    def calls(self, writes=False):
        return self.admin("GET", "/_emulator/calls" + ("?writes=1" if writes else ""))[1]["calls"]

    def client(self, product, who, **config):
        return make_client(self.endpoint, product, who, **config)

    def call(self, version, action, query=None, body=None, who=UID1):
        """Any action with any parameters, signed by the SDK's generic client; the parsed response dict."""
        params = Params(action=action, version=version, protocol="HTTP", pathname="/", method="POST",
                        auth_type="AK", style="RPC", req_body_type="formData", body_type="json")
        request = OpenApiRequest(query=query or {}, body=body)
        generic = OpenApiClient(_config(self.endpoint, who))
        return generic.call_api(params, request, RuntimeOptions())

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def emulator_factory():
    running = []

    def start(seed=None, **options):
        emu = server.build(SEED if seed is None else seed, **options)
        run = Running(emu)
        running.append(run)
        return run

    yield start
    for run in running:
        run.stop()


@pytest.fixture
def emulator(emulator_factory):
    return emulator_factory(transition_seconds=0.2)


def _config(endpoint, who, **config):
    if isinstance(who, str):
        who = KEYS[who]
    options = {"access_key_id": who[0], "access_key_secret": who[1], "endpoint": endpoint,
               "protocol": "http", "region_id": "cn-hangzhou", "read_timeout": 10000, "connect_timeout": 5000}
    if len(who) > 2:
        options["security_token"] = who[2]
    options.update(config)
    return Config(**options)


def make_client(endpoint, product, who, **config):
    """The official SDK client of ``product`` for ``who`` (an account UID or key tuple)."""
    return importlib.import_module(_CLIENTS[product]).Client(_config(endpoint, who, **config))


@pytest.fixture
def sdk(emulator):
    def factory(product, who, **config):
        return make_client(emulator.endpoint, product, who, **config)

    return factory


ACCOUNTS_SEED = {"accounts": SEED["accounts"]}


def core_handlers():
    """``(handlers, seen)``: test handlers over real catalog operations, and the ``(action, params)`` they got."""
    seen = []

    def create_cen(ctx, p):
        seen.append(("CreateCen", p))
        cen_id = ctx.world.new_id("cen")
        ctx.world.put("cen", cen_id, {"CenId": cen_id, "Name": p.get("Name"), "Status": "Creating"}, ctx.account)
        ctx.world.schedule("cen", cen_id, set_fields={"Status": "Active"})
        return {"CenId": cen_id, "NotInTheModel": "pruned"}

    def describe_cens(ctx, p):
        seen.append(("DescribeCens", p))
        cens = [{k: v for k, v in rec.items() if not k.startswith("_")} for rec in ctx.world.records("cen", ctx.account)]
        for cen in cens:
            cen["Unknown"] = 1
        return {"Cens": {"Cen": cens}, "TotalCount": len(cens), "PageNumber": 1, "PageSize": 10}

    def echo(action):
        def handler(_ctx, p):
            seen.append((action, p))
            return {}

        return handler

    handlers = {
        ("cbn", "CreateCen"): Handler("cbn", "CreateCen", create_cen, True),
        ("cbn", "DescribeCens"): Handler("cbn", "DescribeCens", describe_cens, False),
    }
    for product, action in (("cbn", "CreateTransitRouter"), ("vpcpeer", "ListVpcPeerConnections"),
                            ("vpcpeer", "CreateVpcPeerConnection")):
        handlers[(product, action)] = Handler(product, action, echo(action), False)
    registry.load_services()
    for key, handler in registry.HANDLERS.items():
        if key[0] == "sts":
            handlers[key] = handler
    return handlers, seen


@pytest.fixture
def core(emulator_factory):
    handlers, seen = core_handlers()
    run = emulator_factory(seed=ACCOUNTS_SEED, handlers=handlers, transition_seconds=0)
    run.seen = seen
    return run
