# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Session: the SDK clients of one task, and Session.call, through which every API call goes.

Nothing heavy is imported at import time: the SDKs (about half a second of imports) are loaded
the first time a client of that product is built, so a module that fails validation, or the
import sanity test, never pays for them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import copy
import importlib
import os
import random
import time
import uuid

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import (
    DEFAULT_ROLE_SESSION_EXPIRATION,
    DEFAULT_ROLE_SESSION_NAME,
    Credentials,
    bypasses_proxy,
    parse_endpoint,
    proxy_settings,
    proxy_variables_hidden,
    resolve_settings,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError, error_from_sdk
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import DEFAULT_WAIT_TIMEOUT
from ansible_collections.alicloud.interconnect.plugins.module_utils.retries import RetryPolicy, busy_pause, is_busy
from ansible_collections.alicloud.interconnect.plugins.module_utils.waiters import Deadline

# product -> SDK package, its pip name, and the endpoint used when no region is known.
PRODUCTS = {
    "cbn": ("alibabacloud_cbn20170912", "alibabacloud-cbn20170912", "cbn.aliyuncs.com"),
    "vpc": ("alibabacloud_vpc20160428", "alibabacloud-vpc20160428", None),
    "vpcpeer": ("alibabacloud_vpcpeer20220101", "alibabacloud-vpcpeer20220101", "vpcpeer.aliyuncs.com"),
    "sts": ("alibabacloud_sts20150401", "alibabacloud-sts20150401", "sts.aliyuncs.com"),
}


SDK_READ_TIMEOUT = 10  # seconds: the SDK's default read timeout, the shortest a call waits for its answer


def _import_sdk(product):
    """The SDK's client and models modules for product; a clear error naming the pip package when missing."""
    package, pip_name, _central = PRODUCTS[product]
    try:
        client_module = importlib.import_module(package + ".client")
        models = importlib.import_module(package + ".models")
        config_module = importlib.import_module("alibabacloud_tea_openapi.models")
    except ImportError as exc:
        from ansible.module_utils.basic import missing_required_lib
        raise AlicloudError("MissingLibrary", "%s (%s)" % (missing_required_lib(pip_name), exc))
    return client_module, models, config_module


def preload_sdks(products=None):
    """Import the SDKs of ``products`` (default: all four) now instead of on the first call.

    The action door calls this when the controller's main process imports it, which the
    strategy does before it forks a worker for each task: every worker then starts with the
    SDKs in memory instead of importing them again (0.3-0.5 s per task). Returns the products
    whose SDK was imported; a missing SDK is left for the first call of that product to report.
    """
    loaded = []
    for product in sorted(PRODUCTS) if products is None else products:
        try:
            _import_sdk(product)
        except AlicloudError:
            continue
        loaded.append(product)
    return loaded


def default_client_factory(product, config):
    """Build the official SDK client of product from a dict of ``Config`` fields."""
    client_module, _models, config_module = _import_sdk(product)
    return client_module.Client(config_module.Config(**config))


_method_names = {}


def _method_name(client, operation):
    """The client method for an API operation: CreateCen -> create_cen, DescribeVSwitches -> describe_vswitches."""
    cls = type(client)
    if cls not in _method_names:
        _method_names[cls] = dict(
            (name.replace("_", ""), name) for name in dir(cls)
            if not name.startswith("_") and not name.endswith(("_async", "_with_options")) and callable(getattr(cls, name))
        )
    try:
        return _method_names[cls][operation.lower()]
    except KeyError:
        raise ValueError("%s has no operation %s" % (cls.__module__, operation))


class Session:
    """Resolved credentials, region and endpoint, and the SDK clients built from them.

    Build it with Session.from_params(module_params). A core function then calls
    ``session.call("cbn", "DescribeCens", PageSize=50)`` and gets the response body as
    a dict with the API's wire names.

    ``deadline`` is the task's time budget (``timeout`` seconds, the task's ``wait_timeout``),
    started when the Session is built, that is when the module starts: every wait and busy retry
    of the task draws on it. ``clock`` (monotonic seconds) and ``sleep`` are the only way cores
    read and spend time; tests pass fakes of them, of ``client_factory`` and of ``rand``. ``cache`` (a
    run_cache.RunCache, given by the action door to the tasks that use it) keeps ``remembered`` reads for the
    playbook run.
    """

    def __init__(self, credentials, region=None, endpoint=None, roles=(), environ=None, client_factory=None,
                 retry=None, sleep=None, clock=None, rand=None, timeout=DEFAULT_WAIT_TIMEOUT, cache=None):
        self.region = region
        self.endpoint = endpoint
        self._base_credentials = credentials
        self._roles = list(roles)
        self._credentials = None if self._roles else credentials
        self._environ = os.environ if environ is None else environ
        self._client_factory = client_factory or default_client_factory
        self.retry = retry or RetryPolicy()
        self.sleep = sleep or time.sleep
        self.clock = clock or time.monotonic
        self._rand = rand or random.random
        self.deadline = Deadline(timeout, self.clock)
        self.cache = cache  # a run_cache.RunCache shared by the run's tasks, or None
        self.settle_times = {}  # kind of wait (waiters._place) -> seconds it saw the state unsettled
        self._clients = {}
        self._identity = None
        if endpoint:
            self._scheme, self._host, hostname = parse_endpoint(endpoint)
            self._direct = bypasses_proxy(hostname, self._environ)
        else:
            self._scheme = self._host = None
            self._direct = False

    @classmethod
    def from_params(cls, params, environ=None, **kwargs):
        """A Session for module params (the shared options, and ``wait_timeout`` when the module has it)
        and an environment (os.environ by default)."""
        settings = resolve_settings(params, environ)
        if params.get("wait_timeout") is not None:
            kwargs.setdefault("timeout", params["wait_timeout"])
        return cls(settings["credentials"], region=settings["region"], endpoint=settings["endpoint"],
                   roles=settings["roles"], environ=environ, **kwargs)

    # -- clients ---------------------------------------------------------

    def require_region(self):
        """The session's region, or an error telling the user how to set one."""
        if not self.region:
            raise AlicloudError(None, "no region: set alicloud_region, ALICLOUD_REGION or a profile's region_id")
        return self.region

    def _config(self, product, region, credentials):
        config = dict(
            access_key_id=credentials.access_key_id,
            access_key_secret=credentials.access_key_secret,
            security_token=credentials.security_token,
            region_id=region,
            # A slow answer is awaited as long as the task's budget: the SDK's own read timeout (10 s) would
            # give up on a slow API, and every attempt after it would time out the same way.
            read_timeout=int(max(SDK_READ_TIMEOUT, self.deadline.seconds) * 1000),
        )
        if self._host:
            config.update(endpoint=self._host, protocol=self._scheme)
        elif not region:
            central = PRODUCTS[product][2]
            if central is None:
                self.require_region()
            config["endpoint"] = central
        if not self._direct:
            config.update(proxy_settings(self._environ))
        return config

    def _new_client(self, product, region, credentials):
        return self._client_factory(product, self._config(product, region, credentials))

    def client(self, product, region=None):
        """The cached SDK client of product for region (default: the session's region)."""
        if product not in PRODUCTS:
            raise ValueError("unknown product %r (known: %s)" % (product, ", ".join(sorted(PRODUCTS))))
        region = region or self.region
        key = (product, region)
        if key not in self._clients:
            self._clients[key] = self._new_client(product, region, self.credentials())
        return self._clients[key]

    def for_thread(self):
        """A Session for another thread of the same task (module_utils/router_batches.py): the same credentials
        (any roles are assumed here, once), region, endpoint, deadline, run cache, clock, sleep and retry policy,
        and the caller's identity when it is already known; SDK clients and ``settle_times`` of its own, which
        are not shared across threads."""
        self.credentials()
        twin = copy.copy(self)
        twin._clients = {}
        twin.settle_times = dict(self.settle_times)
        return twin

    def credentials(self):
        """The credentials calls are signed with: the resolved keys, after assuming any roles."""
        if self._credentials is None:
            credentials = self._base_credentials
            for role in self._roles:
                credentials = self._assume_role(credentials, role)
            self._credentials = credentials
        return self._credentials

    def _assume_role(self, credentials, role):
        client = self._new_client("sts", self.region, credentials)
        fields = dict(
            RoleArn=role["role_arn"],
            RoleSessionName=role.get("session_name") or DEFAULT_ROLE_SESSION_NAME,
            DurationSeconds=int(role.get("session_expiration") or DEFAULT_ROLE_SESSION_EXPIRATION),
            Policy=role.get("policy"),
            ExternalId=role.get("external_id"),
        )
        try:
            body = self._invoke(client, "sts", "AssumeRole", fields)
        except AlicloudError as exc:
            exc.message = "%s (assuming role %s with %s)" % (exc.message, role["role_arn"], credentials.source)
            raise
        keys = body.get("Credentials") or {}
        return Credentials(keys.get("AccessKeyId"), keys.get("AccessKeySecret"), keys.get("SecurityToken"),
                           source="role %s" % role["role_arn"])

    # -- calls -----------------------------------------------------------

    def call(self, product, operation, region=None, done=None, **fields):
        """Call an API operation and return the response body as a dict with wire names.

        ``fields`` are the request's wire names (``CenId=..., Tag=[{"Key": ..., "Value": ...}]``);
        None values are left out. ``region`` picks the client (default: the session's).
        Throttling, 5xx and an unreachable endpoint are retried as ``self.retry`` says; the
        operation's busy codes (retries.BUSY_CODES) until the task's deadline. The same request,
        ClientToken included, is sent on every attempt.

        ``done``: for a write that takes no ClientToken, a callable that reads the resource back and
        returns True when it shows the write. Once an attempt's answer was lost (no answer, or a 5xx:
        RetryPolicy.answer_lost), every later failure asks ``done()`` before anything else: True means
        the lost attempt did the work, and the call returns ``{}`` instead of trying again, or instead of
        failing with the refusal that a repeat gets ("already connecting", "already associated").
        """
        return self._invoke(self.client(product, region), product, operation, fields, done)

    def _invoke(self, client, product, operation, fields, done=None):
        method = getattr(client, _method_name(client, operation))
        request = self._request(product, operation, fields)
        args = () if request is None else (request,)
        start = self.clock()
        failures = {True: 0, False: 0}  # throttled or not -> how many so far
        busy = 0
        in_doubt = False  # an earlier attempt's answer was lost: it may have done the write
        while True:
            try:
                with self._network():
                    response = method(*args)
                body = getattr(response, "body", None)
                return body.to_map() if body is not None else {}
            except Exception as exc:  # the SDK's exceptions have no useful common base to catch narrowly
                error = error_from_sdk(exc, operation, self._describe_endpoint(client, product))
                if error is None:
                    raise
                if done is not None:
                    in_doubt = in_doubt or self.retry.answer_lost(error)
                    if in_doubt and done():
                        return {}
                if is_busy(error, product, operation):
                    busy += 1
                    remaining = self.deadline.remaining()
                    if remaining <= 0:
                        error.message = "%s (still refused as busy when %s ran out)" \
                            % (error.message, self.deadline.text())
                        raise error
                    self.sleep(min(remaining, busy_pause(busy, self._rand)))
                    continue
                throttled = self.retry.throttled(error)
                failures[throttled] += 1
                wait = self.retry.delay(error, failures[throttled], self.clock() - start, self._rand)
                if wait is None:
                    if in_doubt and not self.retry.answer_lost(error):
                        error.message = "%s (an earlier attempt's answer was lost, and the resource does not show " \
                            "its change)" % error.message
                    raise error
                self.sleep(wait)

    @staticmethod
    def _request(product, operation, fields):
        _client_module, models, _config_module = _import_sdk(product)
        fields = dict((k, v) for k, v in fields.items() if v is not None)
        model = getattr(models, operation + "Request", None)
        if model is None:
            if fields:
                raise ValueError("%s takes no request fields, got %s" % (operation, ", ".join(sorted(fields))))
            return None
        request = model().from_map(copy.deepcopy(fields))
        unknown = set(fields) - set(request.to_map())
        if unknown:
            raise ValueError("%s has no request field %s" % (operation, ", ".join(sorted(unknown))))
        return request

    def _network(self):
        return proxy_variables_hidden() if self._direct else contextlib.nullcontext()

    def _describe_endpoint(self, client, product):
        if self._host:
            return "%s://%s" % (self._scheme, self._host)
        return "%s (%s)" % (getattr(client, "_endpoint", None) or "the %s endpoint" % product, product)

    # -- helpers ----------------------------------------------------------

    def caller_identity(self):
        """STS GetCallerIdentity for the session's credentials (cached): AccountId, Arn, IdentityType, ..."""
        if self._identity is None:
            self._identity = self.remembered("identity", lambda: self.call("sts", "GetCallerIdentity"))
        return self._identity

    def remembered(self, name, read):
        """``read()``, or what it returned earlier in the playbook run for these credentials and endpoint when
        the session has a cache. Only for what a run does not change; a None answer is not kept."""
        if self.cache is None:
            return read()
        value = self.cache.get(self._cache_scope(), name)
        if value is None:
            value = read()
            self.keep(name, value)
        return value

    def keep(self, name, value):
        """Keep ``value`` for later ``remembered(name, ...)`` of the run (nothing without a cache, or for None)."""
        if self.cache is not None and value is not None:
            self.cache.put(self._cache_scope(), name, value)

    def _cache_scope(self):
        base = self._base_credentials
        return [base.access_key_id, base.access_key_secret, base.security_token, self._roles, self.endpoint]

    def account_id(self):
        """The UID (a string) of the account the credentials act as."""
        return str(self.caller_identity()["AccountId"])

    @staticmethod
    def client_token():
        """A fresh ClientToken. Pass the same one to every attempt of one create."""
        return str(uuid.uuid4())
