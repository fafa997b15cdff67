# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The options every module shares, and the checks of option values that need no API call:
account ids, texts, and the predicted ids of check mode."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import uuid

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError

# Shared options (documented in plugins/doc_fragments/alicloud.py: keep in lockstep)

DEFAULT_WAIT_TIMEOUT = 300
"""Seconds: the default wait_timeout, and the budget of a task whose module has no wait_timeout."""

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
    wait_timeout=dict(type="int", default=DEFAULT_WAIT_TIMEOUT),
)
"""For modules of resources with transitional states (doc fragment alicloud.interconnect.alicloud.wait)."""

TAGS_ARGUMENT_SPEC = dict(
    tags=dict(type="dict"),
    purge_tags=dict(type="bool", default=True),
)
"""For taggable resources (doc fragment alicloud.interconnect.alicloud.tags)."""


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


# ---------------------------------------------------------------------------
# Predicted ids (check mode)
# ---------------------------------------------------------------------------

_PREDICTED = re.compile(r"^[a-z]+-checkmode-[0-9a-f]{8}$")


def predicted_id(prefix):
    """The id check mode reports for a resource it would create: ``cen-checkmode-1a2b3c4d``.

    Real ids never hold a second hyphen, so the collection's modules recognise it (is_predicted)
    when a later task of the same check-mode run is given it.
    """
    return "%s-checkmode-%s" % (prefix, uuid.uuid4().hex[:8])


def is_predicted(value):
    """True for an id made by predicted_id()."""
    return isinstance(value, str) and bool(_PREDICTED.match(value))


def predicted(value, option, check_mode):
    """Whether the task's ``option`` holds a predicted id, which only check mode accepts.

    In check mode, True tells the core to predict its own change for that resource without
    reading it; outside check mode a predicted id is refused, naming the option.
    """
    if not is_predicted(value):
        return False
    if not check_mode:
        raise AlicloudError(None, "%s: %s is an id predicted by check mode, not a real one; run the task that "
                                  "creates it without --check first (or give the real id)" % (option, value))
    return True
