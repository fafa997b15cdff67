# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a task's credentials, region, roles and endpoint come from (options, profiles, environment),
and how the endpoint is reached (proxy or not). Reads files and the environment; makes no API call."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import ipaddress
import json
import os
import threading

from urllib.parse import urlsplit

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

DEFAULT_SHARED_CREDENTIALS_FILE = "~/.aliyun/config.json"
DEFAULT_ROLE_SESSION_NAME = "ansible-alicloud-interconnect"
DEFAULT_ROLE_SESSION_EXPIRATION = 3600

# The keys of an account entry (the roles' cen_network_accounts, the vpcs inventory's and
# interconnect_info's accounts) -> the shared option each one sets.
ACCOUNT_ENTRY_OPTIONS = dict(
    access_key="alicloud_access_key",
    secret_key="alicloud_secret_key",
    security_token="alicloud_security_token",
    profile="profile",
    shared_credentials_file="shared_credentials_file",
    assume_role="alicloud_assume_role",
)

# The argument spec of those keys, for the options that take an account entry (accounts[], routes[].account).
ACCOUNT_ENTRY_SPEC = dict(
    access_key=dict(type="str", no_log=False),
    secret_key=dict(type="str", no_log=True),
    security_token=dict(type="str", no_log=True),
    profile=dict(type="str"),
    shared_credentials_file=dict(type="path"),
    assume_role=dict(type="dict", no_log=False),
)

_PROXY_VARIABLES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy")


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


def bypasses_proxy(host, environ):
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
def proxy_variables_hidden():
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


def proxy_settings(environ):
    """The SDK Config's proxy fields from HTTP(S)_PROXY / http(s)_proxy in environ (only those set)."""
    settings = {}
    for field, names in (("http_proxy", ("HTTP_PROXY", "http_proxy")), ("https_proxy", ("HTTPS_PROXY", "https_proxy"))):
        value = _get(environ, *names)
        if value:
            settings[field] = value
    return settings
