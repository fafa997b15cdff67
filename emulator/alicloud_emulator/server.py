"""The HTTP side: a threaded HTTP/1.1 server that answers like Alibaba Cloud's API gateway.

One call goes: route on (x-acs-version, x-acs-action) -- or the ``Version`` and
``Action`` parameters of the legacy RPC style -- to an operation of the catalog,
authenticate, check the parameters against the SDK model, apply fault rules,
then run the registered handler under the world lock (after settling due
transitions), prune the answer to the SDK's response model and add
``RequestId``. Write operations get ClientToken idempotency and are saved to
the state file before the answer goes out.

Under ``/_emulator/`` lives the admin API (loopback only, unsigned): ``GET
state``, ``GET calls``, ``GET critical_path`` (critical_path.py), ``POST reset``, ``GET``/``POST faults``. Each call in the
log names the parameters the emulator accepted but no SDK model defines
(``ignored_params``).
"""

import collections
import hashlib
import json
import socket
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from alicloud_emulator import catalog as catalog_mod
from alicloud_emulator import protocol, registry, seed
from alicloud_emulator.auth import Authenticator
from alicloud_emulator.critical_path import critical_path
from alicloud_emulator.errors import ApiError
from alicloud_emulator.faults import FaultError, Faults
from alicloud_emulator.services.transit_router.route_entries import derived_routes
from alicloud_emulator.world import World

CALL_LOG_SIZE = 100000
_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
            500: "Internal Server Error", 503: "Service Unavailable"}
_PRODUCT_CODES = {"cbn": "Cbn", "vpc": "Vpc", "vpcpeer": "VpcPeer", "sts": "Sts"}


class Context(object):
    """What a handler knows about the call it serves."""

    __slots__ = ("world", "account", "identity", "request_id", "product", "action")

    def __init__(self, world, account, identity, request_id, product, action):
        self.world = world
        self.account = account
        self.identity = identity
        self.request_id = request_id
        self.product = product
        self.action = action


class Dropped(Exception):
    """The answer to a committed write must not be sent (drop_after_commit fault)."""


def new_request_id():
    return str(uuid.uuid4()).upper()


def _iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class Emulator(object):
    """Everything one emulator process serves: world, catalog, handlers, faults, call log."""

    def __init__(self, world, faults=None, catalog=None, handlers=None):
        self.world = world
        self.catalog = catalog or catalog_mod.load()
        self.handlers = registry.load_services() if handlers is None else handlers
        self.faults = faults or Faults()
        self.auth = Authenticator(world)
        self.calls = collections.deque(maxlen=CALL_LOG_SIZE)
        self._calls_lock = threading.Lock()
        self._seq = 0
        self.world.frozen = self.faults.stuck_kinds()

    # -------------------------------------------------------------- API call
    def call(self, method, path, raw_query, headers, body):
        """Serve one API request: ``(status, headers, body dict)``; raises :class:`Dropped`."""
        request_id = new_request_id()
        flat = protocol.read_wire(raw_query, headers, body)
        # The legacy RPC style signs parameters (and names the operation there); ACS3 uses headers.
        v3 = "Signature" not in flat or "authorization" in headers
        version = headers.get("x-acs-version") if v3 else flat.get("Version")
        action = headers.get("x-acs-action") if v3 else flat.get("Action")
        entry = {"account": None, "product": None, "action": action, "write": False, "ignored_params": []}
        try:
            product = registry.VERSIONS.get(version)
            if product is None:
                raise ApiError("InvalidVersion", "Specified parameter Version is not valid.", 400)
            entry["product"] = product
            op = self.catalog.get(product, action) if action else None
            if op is None:
                raise ApiError("InvalidAction.NotFound", "Specified api is not found, please check your url and method.", 404)
            handler = self.handlers.get((product, action))
            if handler is None:
                raise ApiError("InvalidAction.NotFound", "The emulator does not implement %s %s." % (product, action), 404)
            entry["write"] = handler.write
            identity = self.auth.authenticate(method, path, raw_query, flat, headers, body)
            entry["account"] = identity["uid"]
            params, entry["ignored_params"] = protocol.parse(
                op, flat, protocol.RPC_PROTOCOL_PARAMS if not v3 else frozenset()
            )
            request = "%s|%s|%s|%s" % (identity["uid"], product, action,
                                       json.dumps(params, sort_keys=True, default=str))
            delay, fault = self.faults.before(product, action, request)
            if delay:
                time.sleep(delay)
            if fault is not None:
                raise fault
            ctx = Context(self.world, identity["uid"], identity, request_id, product, action)
            answer, replayed = self._run(op, handler, ctx, params)
            if replayed:
                entry["replayed"] = True
            if handler.write and self.faults.drop_after(product, action, request):
                entry["dropped"] = True
                self._log(entry, "ok", 200, request_id)
                raise Dropped()
        except ApiError as err:
            self._log(entry, err.code, err.status, request_id)
            return err.status, err.headers, self.error_body(err, request_id, entry["product"])
        except Dropped:
            raise
        except Exception:  # a bug in a handler: answer like the service's own failure, show the trace
            traceback.print_exc(file=sys.stderr)
            err = ApiError("InternalError", "The request processing has failed due to some unknown error.", 500)
            self._log(entry, err.code, err.status, request_id)
            return err.status, {}, self.error_body(err, request_id, entry["product"])
        self._log(entry, "ok", 200, request_id)
        answer["RequestId"] = request_id
        return 200, {}, answer

    def _run(self, op, handler, ctx, params):
        """Run the handler under the lock; ``(pruned answer, replayed?)``."""
        world = self.world
        token = params.get("ClientToken") if handler.write else None
        with world.lock:
            world.tick()
            if token:
                slot = "%s|%s|%s|%s" % (ctx.account, ctx.product, ctx.action, token)
                digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode("utf-8")).hexdigest()
                seen = world.client_tokens.get(slot)
                if seen is not None:
                    if seen["digest"] != digest:
                        raise ApiError("IdempotentParameterMismatch",
                                       "The request uses the same client token as a previous, but non-identical request.", 400)
                    return dict(seen["response"]), True
            answer = op.prune(handler.fn(ctx, params) or {})
            answer.pop("RequestId", None)
            if handler.write:
                if token:
                    world.client_tokens[slot] = {"digest": digest, "response": answer}
                world.save()
        return dict(answer), False

    @staticmethod
    def error_body(err, request_id, product):
        code = _PRODUCT_CODES.get(product, "")
        return {
            "RequestId": request_id,
            "HostId": "%s.aliyuncs.com" % (product or "api"),
            "Code": err.code,
            "Message": err.message,
            "Recommend": "https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s" % (err.code, code, request_id),
        }

    # -------------------------------------------------------------- call log
    def _log(self, entry, outcome, status, request_id):
        record = dict(entry, outcome=outcome, status=status, request_id=request_id, time=_iso(time.time()))
        with self._calls_lock:
            self._seq += 1
            record["seq"] = self._seq
            self.calls.append(record)

    def call_log(self, writes_only=False, since=0):
        with self._calls_lock:
            return [c for c in self.calls if c["seq"] > since and (c["write"] or not writes_only)]

    # ------------------------------------------------------------ admin API
    def state(self):
        """Every table, the routes derived from them, tags and pending transitions, without secrets."""
        world = self.world
        with world.lock:
            world.tick()
            keys_by_uid = {}
            for key_id, key in world.keys.items():
                keys_by_uid.setdefault(key["uid"], []).append(key_id)
            accounts = {}
            for uid, account in world.accounts.items():
                accounts[uid] = {"uid": uid, "name": account.get("name"), "roles": account.get("roles", {}),
                                 "transit_router_service": account.get("transit_router_service", True),
                                 "access_key_ids": sorted(keys_by_uid.get(uid, []))}
            return json.loads(json.dumps({
                "accounts": accounts,
                "tables": world.tables,
                "derived_routes": derived_routes(world),
                "pending": [dict(p, due=_iso(p["due"])) for p in world.pending],
                "frozen": sorted(world.frozen),
                "transition_seconds": world.transition_seconds,
            }))

    def reset(self):
        with self.world.lock:
            seed.reset(self.world)
            self.world.frozen = self.faults.stuck_kinds()
        with self._calls_lock:
            self.calls.clear()

    def set_faults(self, doc):
        rules, seed_value = Faults.parse(doc)
        self.faults.replace(rules, seed_value)
        with self.world.lock:
            self.world.frozen = self.faults.stuck_kinds()
            self.world.tick()

    def admin(self, method, path, raw_query, body):
        """Serve ``/_emulator/...``: ``(status, body)``."""
        query = dict(parse_qsl(raw_query))
        if path == "/_emulator/state" and method == "GET":
            return 200, self.state()
        if path == "/_emulator/calls" and method == "GET":
            writes = query.get("writes", "").lower() in ("1", "true", "yes")
            try:
                since = int(query.get("since", "0"))
            except ValueError:
                return 400, {"Code": "InvalidParameter", "Message": "since must be an integer"}
            return 200, {"calls": self.call_log(writes, since)}
        if path == "/_emulator/critical_path" and method == "GET":
            try:
                since = int(query.get("since", "0"))
            except ValueError:
                return 400, {"Code": "InvalidParameter", "Message": "since must be an integer"}
            with self.world.lock:
                return 200, critical_path(self.world.transitions, since)
        if path == "/_emulator/reset" and method == "POST":
            self.reset()
            return 200, {"reset": True}
        if path == "/_emulator/faults" and method == "GET":
            return 200, {"seed": self.faults.seed, "rules": self.faults.describe()}
        if path == "/_emulator/faults" and method == "POST":
            try:
                self.set_faults(json.loads(body.decode("utf-8") or "[]"))
            except (ValueError, FaultError) as err:
                return 400, {"Code": "InvalidParameter", "Message": str(err)}
            return 200, {"seed": self.faults.seed, "rules": self.faults.describe()}
        return 404, {"Code": "NotFound", "Message": "no admin endpoint %s %s" % (method, path)}


def _is_loopback(address):
    return address.startswith("127.") or address in ("::1", "localhost") or address.startswith("::ffff:127.")


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "alicloud-emulator"
    emulator = None  # set on the subclass made by make_server

    def setup(self):
        super().setup()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """No access log on stderr: ``/_emulator/calls`` is the log."""

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        self._serve("POST")

    def _serve(self, method):
        path, _mark, raw_query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if path.startswith("/_emulator/"):
            if not _is_loopback(self.client_address[0]):
                self._send(403, {"Code": "Forbidden", "Message": "the admin API answers loopback clients only"})
                return
            status, payload = self.emulator.admin(method, path, raw_query, body)
            self._send(status, payload)
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            status, extra, payload = self.emulator.call(method, path, raw_query, headers, body)
        except Dropped:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self._send(status, payload, extra, payload.get("RequestId"))

    def _send(self, status, payload, extra=None, request_id=None):
        data = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        lines = ["HTTP/1.1 %d %s" % (status, _REASONS.get(status, "Error")),
                 "Content-Type: application/json;charset=utf-8",
                 "Content-Length: %d" % len(data)]
        if request_id:
            lines.append("x-acs-request-id: %s" % request_id)
        for name, value in (extra or {}).items():
            lines.append("%s: %s" % (name, value))
        if self.close_connection:
            lines.append("Connection: close")
        self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True
    connections = 0  # accepted so far: with keep-alive, far fewer than requests

    def process_request(self, request, client_address):
        self.connections += 1
        super().process_request(request, client_address)


def make_server(emulator, host="127.0.0.1", port=0):
    """A bound (not yet serving) HTTP server for ``emulator``; ``port=0`` picks a free port."""
    handler = type("BoundRequestHandler", (RequestHandler,), {"emulator": emulator})
    return Server((host, port), handler)


def build(seed_doc, state_file=None, transition_seconds=0.5, faults_doc=None, clock=time.time, handlers=None):
    """An :class:`Emulator` with its world seeded, or reloaded from ``state_file`` when that exists.

    ``handlers`` replaces the registered services (tests of the core use their own).
    """
    world = World(transition_seconds=transition_seconds, state_file=state_file, clock=clock)
    seed.validate(seed_doc)
    if not world.load_state_file():
        seed.apply(world, seed_doc)
        world.save()
    world.seed_doc = seed_doc
    faults = Faults()
    if faults_doc is not None:
        rules, seed_value = Faults.parse(faults_doc)
        faults.replace(rules, seed_value)
    return Emulator(world, faults, handlers=handlers)
