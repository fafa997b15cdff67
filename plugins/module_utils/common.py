# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one layer between the collection and the Alibaba Cloud Python SDKs.

Everything a core function needs comes from here: the shared options
(COMMON_ARGUMENT_SPEC), credential and region resolution, a Session that
builds SDK clients and calls operations with retries, AlicloudError, a waiter,
ClientTokens, and helpers for snake_case results, tags, diffs, account ids and
name lookups.

Nothing heavy is imported at import time: the SDKs (about half a second of
imports) are loaded the first time a client of that product is built, so a
module that fails validation, or the import sanity test, never pays for them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import copy
import fnmatch
import importlib
import ipaddress
import json
import os
import random
import re
import threading
import time
import uuid

from urllib.parse import urlsplit


# ---------------------------------------------------------------------------
# Shared options (documented in plugins/doc_fragments/alicloud.py: keep in lockstep)
# ---------------------------------------------------------------------------

COMMON_ARGUMENT_SPEC = dict(
    alicloud_access_key=dict(type="str", no_log=False),
    alicloud_secret_key=dict(type="str", no_log=True),
    alicloud_security_token=dict(type="str", no_log=True),
    alicloud_region=dict(type="str"),
    alicloud_assume_role=dict(
        type="dict",
        options=dict(
            role_arn=dict(type="str", required=True),
            session_name=dict(type="str"),
            session_expiration=dict(type="int"),
            policy=dict(type="str"),
            external_id=dict(type="str", no_log=True),
        ),
    ),
    profile=dict(type="str"),
    shared_credentials_file=dict(type="path"),
    alicloud_endpoint=dict(type="str"),
)
"""Options every module takes. Environment variables are read by
resolve_settings(), not by env_fallback, because an explicit profile must beat
the environment (see the precedence there)."""

WAIT_ARGUMENT_SPEC = dict(
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=300),
)
"""For modules of resources with transitional states (doc fragment alicloud.interconnect.alicloud.wait)."""

TAGS_ARGUMENT_SPEC = dict(
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=True),
)
"""For taggable resources (doc fragment alicloud.interconnect.alicloud.tags)."""

DEFAULT_SHARED_CREDENTIALS_FILE = "~/.aliyun/config.json"
DEFAULT_ROLE_SESSION_NAME = "ansible-alicloud-interconnect"
DEFAULT_ROLE_SESSION_EXPIRATION = 3600

# product -> SDK package, its pip name, and the endpoint used when no region is known.
PRODUCTS = {
    "cbn": ("alibabacloud_cbn20170912", "alibabacloud-cbn20170912", "cbn.aliyuncs.com"),
    "vpc": ("alibabacloud_vpc20160428", "alibabacloud-vpc20160428", None),
    "vpcpeer": ("alibabacloud_vpcpeer20220101", "alibabacloud-vpcpeer20220101", "vpcpeer.aliyuncs.com"),
    "sts": ("alibabacloud_sts20150401", "alibabacloud-sts20150401", "sts.aliyuncs.com"),
}

# Error codes every call retries (fnmatch patterns). Resource-busy codes are
# operation specific: pass them to Session.call(retry_codes=...).
THROTTLING_CODES = ("Throttling", "Throttling.*", "*.Throttling")
RETRY_CODES = THROTTLING_CODES + ("ServiceUnavailable", "InternalError")

RESERVED_TAG_PREFIXES = ("aliyun", "acs:")

_PROXY_VARIABLES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy")


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

class AlicloudError(Exception):
    """A failure a module reports: an API error, an unreachable endpoint, bad settings, a wait timeout.

    ``str(error)`` reads like ``CreateCen failed: Forbbiden.AttachChildInstanceAcrossUid:
    <the service's message> (request id 4A2B...)``; the parts that are unknown are left out.
    ``retry_after`` (seconds) and ``transient`` tell Session.call how to retry it.
    """

    def __init__(self, code, message, request_id=None, action=None, status=None, retry_after=None, transient=False):
        self.code = code
        self.message = message
        self.request_id = request_id
        self.action = action
        self.status = status
        self.retry_after = retry_after
        self.transient = transient
        super(AlicloudError, self).__init__(self.__str__())

    def __str__(self):
        text = self.message or "unknown error"
        if self.code:
            text = "%s: %s" % (self.code, text)
        if self.action:
            text = "%s failed: %s" % (self.action, text)
        if self.request_id:
            text = "%s (request id %s)" % (text, self.request_id)
        return text


def error_from_sdk(exc, action, endpoint):
    """Translate an exception raised by an SDK call into an AlicloudError, or return None if it is not the SDK's."""
    from Tea.exceptions import TeaException

    if not isinstance(exc, TeaException):
        return None
    inner = getattr(exc, "inner_exception", None)
    if inner is not None:
        # UnretryableException: the request never got an HTTP answer (RetryError), or the
        # answer could not be parsed.
        text = getattr(inner, "message", None) or str(inner)
        if type(inner).__name__ == "RetryError":
            return AlicloudError(None, "cannot reach the Alibaba Cloud API at %s: %s" % (endpoint, text),
                                 action=action, transient=True)
        return AlicloudError(exc.code, "unexpected answer from %s: %s" % (endpoint, text), action=action)
    data = exc.data if isinstance(exc.data, dict) else {}
    retry_after = getattr(exc, "retry_after", None)
    return AlicloudError(
        exc.code,
        data.get("Message") or exc.message,
        request_id=getattr(exc, "request_id", None) or data.get("RequestId"),
        action=action,
        status=getattr(exc, "status_code", None) or data.get("statusCode"),
        retry_after=retry_after / 1000.0 if retry_after else None,
    )


# ---------------------------------------------------------------------------
# Credentials, profiles, region, endpoint
# ---------------------------------------------------------------------------

class Credentials:
    """An access key pair (plus STS token). Its repr never shows the secret or the token."""

    def __init__(self, access_key_id, access_key_secret, security_token=None, source=""):
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.security_token = security_token or None
        self.source = source

    def __repr__(self):
        return "Credentials(%s from %s%s)" % (self.access_key_id, self.source, ", with token" if self.security_token else "")


def _get(mapping, *names):
    """The first non-empty value among names in mapping."""
    for name in names:
        value = mapping.get(name)
        if value not in (None, ""):
            return value
    return None


def load_profile(path, name=None):
    """Read one profile from an aliyun CLI config file (``~/.aliyun/config.json``).

    Without a name, the file's ``current`` profile is used. Returns
    ``(credentials, region, role)``; role is None unless the profile's mode is RamRoleArn.
    """
    path = os.path.expanduser(path)
    try:
        with open(path) as handle:
            config = json.load(handle)
    except (IOError, OSError) as exc:
        raise AlicloudError(None, "cannot read the credentials file %s: %s" % (path, exc))
    except ValueError as exc:
        raise AlicloudError(None, "the credentials file %s is not valid JSON: %s" % (path, exc))
    if not isinstance(config, dict):
        raise AlicloudError(None, "the credentials file %s does not hold an aliyun CLI configuration" % path)
    profiles = config.get("profiles") or []
    name = name or config.get("current") or "default"
    matches = [p for p in profiles if isinstance(p, dict) and p.get("name") == name]
    if not matches:
        known = ", ".join(sorted(str(p.get("name")) for p in profiles if isinstance(p, dict))) or "none"
        raise AlicloudError(None, "profile %r not found in %s (profiles: %s)" % (name, path, known))
    profile = matches[0]
    mode = profile.get("mode") or "AK"
    if mode not in ("AK", "StsToken", "RamRoleArn"):
        raise AlicloudError(None, "profile %r in %s uses mode %s; supported modes are AK, StsToken and RamRoleArn"
                            % (name, path, mode))
    key_id, secret = _get(profile, "access_key_id"), _get(profile, "access_key_secret")
    if not key_id or not secret:
        raise AlicloudError(None, "profile %r in %s has no access_key_id/access_key_secret" % (name, path))
    token = _get(profile, "sts_token") if mode == "StsToken" else None
    if mode == "StsToken" and not token:
        raise AlicloudError(None, "profile %r in %s has mode StsToken but no sts_token" % (name, path))
    role = None
    if mode == "RamRoleArn":
        if not _get(profile, "ram_role_arn"):
            raise AlicloudError(None, "profile %r in %s has mode RamRoleArn but no ram_role_arn" % (name, path))
        role = dict(
            role_arn=profile["ram_role_arn"],
            session_name=_get(profile, "ram_session_name"),
            session_expiration=_get(profile, "expired_seconds"),
            external_id=_get(profile, "external_id"),
            policy=None,
        )
    credentials = Credentials(key_id, secret, token, source="profile %s in %s" % (name, path))
    return credentials, _get(profile, "region_id"), role


def _key_pair(values, key_name, secret_name, token_name, source):
    """Credentials from one source of keys, None when the source sets neither key."""
    key_id, secret = _get(values, key_name), _get(values, secret_name)
    if key_id is None and secret is None:
        return None
    if key_id is None or secret is None:
        given, missing = (secret_name, key_name) if key_id is None else (key_name, secret_name)
        raise AlicloudError(None, "%s is set but %s is not: set both" % (given, missing))
    return Credentials(key_id, secret, _get(values, token_name), source=source)


NO_CREDENTIALS_MESSAGE = (
    "no Alibaba Cloud credentials found: set the options alicloud_access_key and alicloud_secret_key "
    "(and alicloud_security_token for STS keys), or profile and/or shared_credentials_file, "
    "or the environment variables ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, "
    "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or ALICLOUD_PROFILE"
)


def resolve_settings(params, environ=None):
    """Work out credentials, region, endpoint and the roles to assume from module params and the environment.

    Credentials, first match wins:
      1. the options alicloud_access_key + alicloud_secret_key (+ alicloud_security_token);
      2. the profile named by the option ``profile`` (or the ``current`` profile of the file
         given by ``shared_credentials_file``);
      3. ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY (+ ALICLOUD_SECURITY_TOKEN);
      4. ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN);
      5. the profile named by ALICLOUD_PROFILE.
    The credentials file is ``shared_credentials_file``, else ALICLOUD_SHARED_CREDENTIALS_FILE,
    else ``~/.aliyun/config.json``.

    Region: the option alicloud_region, the region_id of an explicit profile the credentials
    came from, ALICLOUD_REGION, ALIBABA_CLOUD_REGION_ID, then the region_id of the ALICLOUD_PROFILE
    profile the credentials came from. A profile that supplies no credentials is not read.

    Roles, assumed in this order: the role of a RamRoleArn profile the credentials came
    from, then alicloud_assume_role (or, when that option is unset, ALICLOUD_ASSUME_ROLE_ARN).

    Endpoint: alicloud_endpoint, else ALICLOUD_ENDPOINT.

    Returns a dict with credentials, region, endpoint and roles. Reads files but makes no API call.
    """
    environ = os.environ if environ is None else environ
    creds_file = _get(params, "shared_credentials_file") or _get(environ, "ALICLOUD_SHARED_CREDENTIALS_FILE") \
        or DEFAULT_SHARED_CREDENTIALS_FILE
    explicit_profile = _get(params, "profile") is not None or _get(params, "shared_credentials_file") is not None
    explicit_region = env_profile_region = None
    roles = []
    credentials = _key_pair(params, "alicloud_access_key", "alicloud_secret_key", "alicloud_security_token",
                            "the alicloud_access_key option")
    if credentials is None and _get(params, "alicloud_security_token"):
        raise AlicloudError(None, "alicloud_security_token is set but alicloud_access_key and alicloud_secret_key are not")
    if credentials is None and explicit_profile:
        credentials, explicit_region, role = load_profile(creds_file, _get(params, "profile"))
        roles.extend([role] if role else [])
    if credentials is None:
        credentials = _key_pair(environ, "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN",
                                "ALICLOUD_ACCESS_KEY")
    if credentials is None:
        credentials = _key_pair(environ, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                                "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_ACCESS_KEY_ID")
    if credentials is None and _get(environ, "ALICLOUD_PROFILE"):
        credentials, env_profile_region, role = load_profile(creds_file, environ["ALICLOUD_PROFILE"])
        roles.extend([role] if role else [])
    if credentials is None:
        raise AlicloudError(None, NO_CREDENTIALS_MESSAGE)

    region = _get(params, "alicloud_region") or explicit_region or _get(environ, "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID") \
        or env_profile_region

    option_role = params.get("alicloud_assume_role")
    if option_role:
        roles.append(dict(option_role))
    elif _get(environ, "ALICLOUD_ASSUME_ROLE_ARN"):
        roles.append(dict(role_arn=environ["ALICLOUD_ASSUME_ROLE_ARN"]))

    return dict(
        credentials=credentials,
        region=region,
        endpoint=_get(params, "alicloud_endpoint") or _get(environ, "ALICLOUD_ENDPOINT"),
        roles=roles,
    )


def parse_endpoint(url):
    """``http://127.0.0.1:8765`` -> ``("http", "127.0.0.1:8765", "127.0.0.1")``; no scheme means https."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else "https://" + text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        raise AlicloudError(None, "alicloud_endpoint %r is not of the form http[s]://host[:port]" % url)
    return parts.scheme, parts.netloc, parts.hostname


def _bypasses_proxy(host, environ):
    """Whether requests to host must not go through a proxy: loopback hosts, and hosts NO_PROXY names."""
    if host == "localhost":
        return True
    try:
        if ipaddress.ip_address(host).is_loopback:
            return True
    except ValueError:
        pass
    no_proxy = _get(environ, "NO_PROXY", "no_proxy")
    if not no_proxy:
        return False
    from urllib.request import proxy_bypass_environment
    return bool(proxy_bypass_environment(host, {"no": no_proxy}))


_proxy_lock = threading.Lock()
_proxy_hidden = {"depth": 0, "saved": {}}


@contextlib.contextmanager
def _proxy_variables_hidden():
    """Hide the proxy variables from os.environ while a call is in flight.

    The SDK reads HTTP(S)_PROXY from os.environ whenever its Config sets no proxy, and it
    ignores NO_PROXY; for an endpoint that must be reached directly the only way to stop it
    is to hide the variables. They are restored as soon as the last concurrent call ends.
    """
    with _proxy_lock:
        if _proxy_hidden["depth"] == 0:
            _proxy_hidden["saved"] = dict((k, os.environ.pop(k)) for k in _PROXY_VARIABLES if k in os.environ)
        _proxy_hidden["depth"] += 1
    try:
        yield
    finally:
        with _proxy_lock:
            _proxy_hidden["depth"] -= 1
            if _proxy_hidden["depth"] == 0:
                os.environ.update(_proxy_hidden["saved"])
                _proxy_hidden["saved"] = {}


# ---------------------------------------------------------------------------
# Retries
# ---------------------------------------------------------------------------

class RetryPolicy:
    """Bounded, jittered exponential backoff.

    A retryable error waits ``retry_after`` when the service sent ``x-acs-retry-after``,
    otherwise a random time between half and all of ``min(max_delay, base_delay * 2 ** (attempt - 1))``.
    Throttling (a throttling code, or any answer with ``x-acs-retry-after``) and the other
    retryable errors are counted apart: a call gives up at the ``max_throttled_attempts``-th
    throttling answer or the ``max_attempts``-th other failure, or when the wait would end
    after ``max_total`` seconds from the first attempt. Throttling says "slow down", not
    "broken": under a storm of it a call keeps trying, within the same time budget.
    """

    def __init__(self, max_attempts=6, base_delay=1.0, max_delay=15.0, max_total=120.0, max_throttled_attempts=20):
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_total = max_total
        self.max_throttled_attempts = max_throttled_attempts

    @staticmethod
    def throttled(error):
        """True for a throttling answer: a throttling code, or ``x-acs-retry-after``."""
        return bool(error.retry_after) or (bool(error.code) and any(
            fnmatch.fnmatchcase(error.code, pattern) for pattern in THROTTLING_CODES))

    @staticmethod
    def retryable(error, retry_codes=()):
        """Throttling, 5xx, unreachable endpoints, ``x-acs-retry-after`` answers, and the call's busy codes."""
        if error.retry_after or error.transient or (error.status or 0) >= 500:
            return True
        return bool(error.code) and any(fnmatch.fnmatchcase(error.code, pattern)
                                        for pattern in tuple(RETRY_CODES) + tuple(retry_codes))

    def delay(self, error, attempt, elapsed, retry_codes=(), rand=random.random):
        """Seconds to wait before the next attempt, or None to give up.

        ``attempt`` counts the failures of the error's kind (throttled or not) so far, from 1.
        """
        limit = self.max_throttled_attempts if self.throttled(error) else self.max_attempts
        if attempt >= limit or not self.retryable(error, retry_codes):
            return None
        if error.retry_after:
            wait = float(error.retry_after)
        else:
            step = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
            wait = step / 2.0 + rand() * step / 2.0
        if elapsed + wait > self.max_total:
            return None
        return wait


# ---------------------------------------------------------------------------
# Session
# ---------------------------------------------------------------------------

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
    a dict with the API's wire names. ``client_factory``, ``sleep``, ``clock`` and ``rand``
    exist for tests.
    """

    def __init__(self, credentials, region=None, endpoint=None, roles=(), environ=None, client_factory=None,
                 retry=None, sleep=None, clock=None, rand=None):
        self.region = region
        self.endpoint = endpoint
        self._base_credentials = credentials
        self._roles = list(roles)
        self._credentials = None if self._roles else credentials
        self._environ = os.environ if environ is None else environ
        self._client_factory = client_factory or default_client_factory
        self.retry = retry or RetryPolicy()
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic
        self._rand = rand or random.random
        self._clients = {}
        self._identity = None
        if endpoint:
            self._scheme, self._host, hostname = parse_endpoint(endpoint)
            self._direct = _bypasses_proxy(hostname, self._environ)
        else:
            self._scheme = self._host = None
            self._direct = False

    @classmethod
    def from_params(cls, params, environ=None, **kwargs):
        """A Session for module params (the shared options) and an environment (os.environ by default)."""
        settings = resolve_settings(params, environ)
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
        )
        if self._host:
            config.update(endpoint=self._host, protocol=self._scheme)
        elif not region:
            central = PRODUCTS[product][2]
            if central is None:
                self.require_region()
            config["endpoint"] = central
        if not self._direct:
            http_proxy = _get(self._environ, "HTTP_PROXY", "http_proxy")
            https_proxy = _get(self._environ, "HTTPS_PROXY", "https_proxy")
            if http_proxy:
                config["http_proxy"] = http_proxy
            if https_proxy:
                config["https_proxy"] = https_proxy
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
            body = self._invoke(client, "sts", "AssumeRole", fields, ())
        except AlicloudError as exc:
            exc.message = "%s (assuming role %s with %s)" % (exc.message, role["role_arn"], credentials.source)
            raise
        keys = body.get("Credentials") or {}
        return Credentials(keys.get("AccessKeyId"), keys.get("AccessKeySecret"), keys.get("SecurityToken"),
                           source="role %s" % role["role_arn"])

    # -- calls -----------------------------------------------------------

    def call(self, product, operation, region=None, retry_codes=(), **fields):
        """Call an API operation and return the response body as a dict with wire names.

        ``fields`` are the request's wire names (``CenId=..., Tag=[{"Key": ..., "Value": ...}]``);
        None values are left out. ``region`` picks the client (default: the session's).
        Retries follow self.retry: throttling, 5xx, unreachable endpoint, and ``retry_codes``
        (fnmatch patterns of busy codes for this operation). The same request, ClientToken
        included, is sent on every attempt.
        """
        return self._invoke(self.client(product, region), product, operation, fields, retry_codes)

    def _invoke(self, client, product, operation, fields, retry_codes):
        method = getattr(client, _method_name(client, operation))
        request = self._request(product, operation, fields)
        args = () if request is None else (request,)
        start = self._clock()
        failures = {True: 0, False: 0}  # throttled or not -> how many so far
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
                throttled = self.retry.throttled(error)
                failures[throttled] += 1
                wait = self.retry.delay(error, failures[throttled], self._clock() - start, retry_codes, self._rand)
                if wait is None:
                    raise error
                self._sleep(wait)

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
        return _proxy_variables_hidden() if self._direct else contextlib.nullcontext()

    def _describe_endpoint(self, client, product):
        if self._host:
            return "%s://%s" % (self._scheme, self._host)
        return "%s (%s)" % (getattr(client, "_endpoint", None) or "the %s endpoint" % product, product)

    # -- helpers ----------------------------------------------------------

    def caller_identity(self):
        """STS GetCallerIdentity for the session's credentials (cached): AccountId, Arn, IdentityType, ..."""
        if self._identity is None:
            self._identity = self.call("sts", "GetCallerIdentity")
        return self._identity

    def account_id(self):
        """The UID (a string) of the account the credentials act as."""
        return str(self.caller_identity()["AccountId"])

    @staticmethod
    def client_token():
        """A fresh ClientToken. Pass the same one to every attempt of one create."""
        return str(uuid.uuid4())


# ---------------------------------------------------------------------------
# Waiting
# ---------------------------------------------------------------------------

def describe_state(state):
    """A short text for the state a waiter last saw.

    A resource with a status reads ``status Creating``; a mapping of ids to such resources
    (a batch) reads ``vpc-1 Attaching, vpc-2 Attached``, ``none`` when empty.
    """
    if state is None:
        return "not found"
    if isinstance(state, dict):
        status = state.get("Status", state.get("status"))
        if status is not None:
            return "status %s" % status
        if all(isinstance(item, dict) and "Status" in item for item in state.values()):
            return ", ".join("%s %s" % (key, state[key]["Status"]) for key in sorted(state)) or "none"
    return json.dumps(state, sort_keys=True, default=str)[:200]


def wait_for(fetch, ready, what, timeout, delay=5, clock=None, sleep=None):
    """Poll ``fetch()`` until ``ready(state)``; return that state.

    Polls at once, then after 0.25 s, doubling up to ``delay`` seconds. Raises
    AlicloudError(code="WaitTimeout") naming ``what`` and the last state after
    ``timeout`` seconds (measured on time.monotonic). Callers do not wait in check mode.
    """
    clock = clock or time.monotonic
    sleep = sleep or time.sleep
    deadline = clock() + timeout
    interval = min(0.25, delay)
    while True:
        state = fetch()
        if ready(state):
            return state
        now = clock()
        if now >= deadline:
            raise AlicloudError("WaitTimeout", "timed out after %g seconds waiting for %s; last seen: %s"
                                % (round(timeout, 1), what, describe_state(state)))
        sleep(min(interval, deadline - now))
        interval = min(interval * 2, delay)


# ---------------------------------------------------------------------------
# Results: snake_case, tags, diffs, account ids, lookups
# ---------------------------------------------------------------------------

_V_WORDS = re.compile(r"V(Switch|Router)")
_CAPS_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_START = re.compile(r"([a-z0-9])([A-Z])")


def snake_name(name):
    """CenId -> cen_id, VSwitchIds -> vswitch_ids, GeographicRegionAId -> geographic_region_a_id."""
    name = _V_WORDS.sub(lambda m: "V" + m.group(1).lower(), name)
    return _WORD_START.sub(r"\1_\2", _CAPS_WORD.sub(r"\1_\2", name)).lower()


def unwrap(value):
    """{"Tag": [...]} -> [...]: Alibaba's one-key wrapper around a list. Anything else is returned as is."""
    if isinstance(value, dict) and len(value) == 1:
        inner = list(value.values())[0]
        if isinstance(inner, list):
            return inner
    return value


def every_page(session, product, operation, list_key, page_size, **fields):
    """Every item of a PageNumber/PageSize listing (``fields`` as for ``Session.call``), page after page."""
    items, number = [], 1
    while True:
        body = session.call(product, operation, PageNumber=number, PageSize=page_size, **fields)
        page = unwrap(body.get(list_key)) or []
        items.extend(page)
        if not page or len(items) >= int(body.get("TotalCount") or 0):
            return items
        number += 1


def every_token_page(session, product, operation, list_key, **fields):
    """Every item of a NextToken listing (``fields`` as for ``Session.call``, page size included)."""
    items, token = [], None
    while True:
        body = session.call(product, operation, NextToken=token, **fields)
        items.extend(unwrap(body.get(list_key)) or [])
        token = body.get("NextToken")
        if not token:
            return items


def snake_dict(data, unwrap_keys=(), tag_keys=("Tags",)):
    """Convert an API dict (recursively) to snake_case keys.

    Keys in ``unwrap_keys`` lose their single-list wrapper (``{"Cens": {"Cen": [...]}}`` ->
    ``"cens": [...]``). Keys in ``tag_keys`` become a plain ``{key: value}`` dict whose keys
    are left exactly as the user wrote them.
    """
    if isinstance(data, dict):
        result = {}
        for key, value in data.items():
            if key in tag_keys:
                result[snake_name(key)] = tags_to_dict(value)
                continue
            if key in unwrap_keys:
                value = unwrap(value)
            result[snake_name(key)] = snake_dict(value, unwrap_keys, tag_keys)
        return result
    if isinstance(data, list):
        return [snake_dict(item, unwrap_keys, tag_keys) for item in data]
    return data


def tags_to_dict(tags):
    """API tags (``[{"Key", "Value"}]``, or wrapped as ``{"Tag": [...]}``) -> ``{key: value}``."""
    tags = unwrap(tags) or []
    if isinstance(tags, dict):
        return dict(tags)
    return dict((t.get("Key", t.get("TagKey")), t.get("Value", t.get("TagValue")) or "") for t in tags)


def tags_to_list(tags):
    """``{key: value}`` -> the API's ``[{"Key": key, "Value": value}]``, sorted by key."""
    return [dict(Key=k, Value=_tag_value(v)) for k, v in sorted((tags or {}).items())]


def _tag_value(value):
    return "" if value is None else str(value)


def is_reserved_tag(key):
    """Keys starting with aliyun or acs: belong to Alibaba Cloud and are never set or removed by a module."""
    return str(key).lower().startswith(RESERVED_TAG_PREFIXES)


def compare_tags(current, desired, purge=True):
    """What to change to go from current to desired tags: ``(to_set: dict, to_unset: list)``.

    desired None means "leave tags alone". With purge, current keys missing from desired are
    removed, except reserved (aliyun/acs:) keys. A desired reserved key is an error.
    """
    if desired is None:
        return {}, []
    current = current or {}
    reserved = sorted(k for k in desired if is_reserved_tag(k))
    if reserved:
        raise AlicloudError(None, "tag keys starting with %s are reserved by Alibaba Cloud: %s"
                            % (" or ".join(RESERVED_TAG_PREFIXES), ", ".join(reserved)))
    to_set = dict((k, _tag_value(v)) for k, v in desired.items()
                  if k not in current or _tag_value(current[k]) != _tag_value(v))
    to_unset = sorted(k for k in current if k not in desired and not is_reserved_tag(k)) if purge else []
    return to_set, to_unset


def changed_fields(current, desired):
    """The entries of desired that are set (not None) and differ from current."""
    current = current or {}
    return dict((k, v) for k, v in desired.items() if v is not None and current.get(k) != v)


def make_diff(before, after):
    """The ``diff`` a module returns: ``{"before": ..., "after": ...}`` ({} stands for absent)."""
    return {"before": before or {}, "after": after or {}}


def account_id(value, option):
    """Normalise an account UID given as an int or a string to a string of digits.

    Account-id options are ``type=raw`` (YAML gives integers, templating gives
    strings) and go through this in the core; a bad value fails naming ``option``.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise AlicloudError(None, "%s: %r is not an Alibaba Cloud account id (a string or an integer of digits)"
                            % (option, value))
    return str(value).strip()


def check_text(value, option, max_len):
    """Refuse a name or description the CBN API would refuse: longer than max_len, or starting with http(s)://."""
    if value is None:
        return
    if len(value) > max_len:
        raise AlicloudError(None, "%s must be at most %d characters long" % (option, max_len))
    if value.lower().startswith(("http://", "https://")):
        raise AlicloudError(None, "%s cannot start with http:// or https://" % option)


def find_by_name(items, name, what, id_key, name_key="Name"):
    """The one item whose name_key equals name, None when there is none.

    Names are not unique in Alibaba Cloud: when several items match, this fails and lists their ids.
    """
    matches = [item for item in items if item.get(name_key) == name]
    if len(matches) > 1:
        raise AlicloudError(None, "%d %s are named %r (%s); give the id instead of the name"
                            % (len(matches), what, name, ", ".join(str(m.get(id_key)) for m in matches)))
    return matches[0] if matches else None
