"""Request authentication the way Alibaba Cloud's API gateway does it.

Two signature styles reach the emulator:

* ACS3-HMAC-SHA256 (the SDKs' default): an ``Authorization`` header over a
  canonical request made of the method, the path, the sorted query, the signed
  headers and the SHA-256 of the body.
* The legacy RPC style (``Config(signature_algorithm='v2')``): HMAC-SHA1 of the
  sorted parameters (query and form body), sent as the ``Signature`` parameter.

Both also carry a timestamp (refused when more than 15 minutes off) and a
nonce (refused when seen before from the same key). Keys minted by STS
AssumeRole carry a security token that must come with the key and must not be
expired.
"""

import base64
import calendar
import hashlib
import hmac
import threading
import time
from urllib.parse import parse_qsl, quote

from alicloud_emulator.errors import ApiError

MAX_SKEW_SECONDS = 15 * 60
ACS3 = "ACS3-HMAC-SHA256"


def _pct(text):
    return quote(text, safe="~")


def _error(code, message, status=400):
    return ApiError(code, message, status)


def bad_signature(string_to_sign=None):
    """SignatureDoesNotMatch; the legacy RPC style's message ends with the server's string to sign after
    a colon, as the cloud writes it (aliyun-python-sdk-core compares it with its own)."""
    message = "Specified signature is not matched with our calculation."
    if string_to_sign is not None:
        message += " server string to sign is:" + string_to_sign
    return _error("SignatureDoesNotMatch", message)


def parse_timestamp(text):
    """Seconds since the epoch of ``YYYY-MM-DDThh:mm:ssZ``, or None."""
    try:
        return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))
    except (TypeError, ValueError):
        return None


class Authenticator(object):
    """Verifies signatures against the keys of ``world`` and remembers nonces."""

    def __init__(self, world, clock=time.time):
        self.world = world
        self.clock = clock
        self._nonces = {}  # (access key id, nonce) -> time it may be forgotten
        self._nonce_lock = threading.Lock()
        self._next_prune = 0.0

    # ----------------------------------------------------------- entry point
    def authenticate(self, method, path, raw_query, flat, headers, body):
        """The caller's identity dict, or :class:`ApiError` with Alibaba's code.

        ``flat`` is every wire parameter (query and form body), ``headers`` has
        lower-case names.
        """
        authorization = headers.get("authorization")
        if authorization is not None:
            return self._acs3(method, path, raw_query, headers, body, authorization)
        if "Signature" in flat:
            return self._rpc_v1(method, flat)
        raise _error(
            "IncompleteSignature",
            "The request signature does not conform to Alibaba Cloud standards: no signature was sent.",
        )

    # ------------------------------------------------------------------ ACS3
    def _acs3(self, method, path, raw_query, headers, body, authorization):
        algorithm, _space, rest = authorization.partition(" ")
        if algorithm != ACS3:
            raise _error("IncompleteSignature", "The signature algorithm %s is not supported." % algorithm)
        parts = {}
        for item in rest.split(","):
            name, eq, value = item.strip().partition("=")
            if eq:
                parts[name] = value
        access_key_id = parts.get("Credential")
        signed = parts.get("SignedHeaders")
        signature = parts.get("Signature")
        if not access_key_id or not signed or not signature:
            raise _error(
                "IncompleteSignature", "The Authorization header must name Credential, SignedHeaders and Signature."
            )
        key = self._key(access_key_id, headers.get("x-acs-security-token"))
        signed_names = signed.split(";")
        signed_set = set(signed_names)
        for name in headers:
            if name.startswith("x-acs-") and name not in signed_set:
                raise _error("IncompleteSignature", "The header %s must be signed." % name)
        payload = hashlib.sha256(body or b"").hexdigest()
        if headers.get("x-acs-content-sha256") != payload:
            raise _error("SignatureDoesNotMatch", "The x-acs-content-sha256 header does not match the request body.")
        query = "&".join("%s=%s" % (_pct(k), _pct(v)) for k, v in sorted(parse_qsl(raw_query, keep_blank_values=True)))
        canonical_headers = "".join("%s:%s\n" % (name, headers.get(name, "").strip()) for name in signed_names)
        canonical = "\n".join((method.upper(), path or "/", query, canonical_headers, signed, payload))
        string_to_sign = ACS3 + "\n" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        expected = hmac.new(key["secret"].encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise bad_signature()
        self._check_time(headers.get("x-acs-date"))
        self._use_nonce(access_key_id, headers.get("x-acs-signature-nonce"))
        return self._identity(access_key_id, key)

    # ---------------------------------------------------------------- RPC v1
    def _rpc_v1(self, method, flat):
        access_key_id = flat.get("AccessKeyId")
        if not access_key_id:
            raise _error(
                "MissingParameter",
                'The input parameter "AccessKeyId" that is mandatory for processing this request is not supplied.',
            )
        if flat.get("SignatureMethod") != "HMAC-SHA1":
            raise _error("InvalidSignatureMethod", "Specified signature method is not supported.")
        key = self._key(access_key_id, flat.get("SecurityToken"))
        canonical = "&".join("%s=%s" % (_pct(k), _pct(v)) for k, v in sorted(flat.items()) if k != "Signature")
        string_to_sign = "%s&%s&%s" % (method.upper(), _pct("/"), _pct(canonical))
        digest = hmac.new((key["secret"] + "&").encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha1).digest()
        if not hmac.compare_digest(base64.b64encode(digest).decode("ascii"), flat["Signature"]):
            raise bad_signature(string_to_sign)
        self._check_time(flat.get("Timestamp"))
        self._use_nonce(access_key_id, flat.get("SignatureNonce"))
        return self._identity(access_key_id, key)

    # --------------------------------------------------------------- helpers
    def _key(self, access_key_id, token):
        key = self.world.keys.get(access_key_id)
        if key is None:
            raise _error("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)
        expected = key.get("token")
        if expected is None:
            if token:
                raise _error(
                    "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."
                )
            return key
        if not token or not hmac.compare_digest(token, expected):
            raise _error(
                "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."
            )
        # Keys expire on the world's time (the clock AssumeRole minted them by); request
        # timestamps are checked against the wall clock the client signs with.
        if key["expires"] <= self.world.now():
            raise _error("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
        return key

    def _check_time(self, stamp):
        if not stamp:
            raise _error("MissingParameter", "The request has no timestamp (x-acs-date or Timestamp).")
        when = parse_timestamp(stamp)
        if when is None:
            raise _error("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
        if abs(self.clock() - when) > MAX_SKEW_SECONDS:
            raise _error("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")

    def _use_nonce(self, access_key_id, nonce):
        if not nonce:
            raise _error(
                "MissingParameter", "The request has no signature nonce (x-acs-signature-nonce or SignatureNonce)."
            )
        now = self.clock()
        with self._nonce_lock:
            if now >= self._next_prune:
                self._nonces = {k: until for k, until in self._nonces.items() if until > now}
                self._next_prune = now + 60
            slot = (access_key_id, nonce)
            if slot in self._nonces:
                raise _error("SignatureNonceUsed", "Specified signature nonce was used already.")
            # A request older than the skew window is refused anyway, so the nonce can go after it.
            self._nonces[slot] = now + 2 * MAX_SKEW_SECONDS

    @staticmethod
    def _identity(access_key_id, key):
        if key.get("token") is None:
            return {
                "type": "Account",
                "uid": key["uid"],
                "access_key_id": access_key_id,
                "role_arn": None,
                "session_name": None,
            }
        return {
            "type": "AssumedRoleUser",
            "uid": key["uid"],
            "access_key_id": access_key_id,
            "role_arn": key["role"],
            "session_name": key["session"],
            "role_id": key.get("role_id"),
            "source_uid": key.get("source_uid"),
        }
