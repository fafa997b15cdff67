# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reads of several accounts, or of several accounts and regions, in one task: the ``accounts`` option.

``accounts`` gives each account's credentials in the roles' form (``cen_network_accounts``); every entry becomes
one Session, built once (``account_sessions``). interconnect_info reads with them as it likes; the batch form of
the info modules (account_info, vpc_info, vswitch_info, transit_router_service state=query) goes through
``read_accounts`` (one read per account) or ``read_lookups`` (one read per ``lookups`` entry, an account and a
region). Both check first, one thread per account, that each account's credentials act as its ``account_id``;
then every read runs in a thread of its own (router_batches.run_per_router keyed by the entry). They return
``results`` shaped like a loop's: one dict per entry with ``item`` (``{account_id}``, or ``{account_id,
region}``) and what the read returned, or ``failed`` and ``msg`` (the error, not naming the account); when any
entry failed, the task fails naming every account that did, ``results`` included.

The doc fragment ``alicloud.interconnect.accounts`` documents ACCOUNTS_ARGUMENT_SPEC (keep them in lockstep).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.credentials import (
    ACCOUNT_ENTRY_OPTIONS,
    ACCOUNT_ENTRY_SPEC,
)
from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.options import account_id
from ansible_collections.alicloud.interconnect.plugins.module_utils.router_batches import run_per_router
from ansible_collections.alicloud.interconnect.plugins.module_utils.session import Session

ACCOUNTS_ARGUMENT_SPEC = dict(
    accounts=dict(type="list", elements="dict", options=dict(
        name=dict(type="str"),
        account_id=dict(type="raw"),
        **ACCOUNT_ENTRY_SPEC
    )),
)
LOOKUPS_ARGUMENT_SPEC = dict(
    lookups=dict(type="list", elements="dict", options=dict(
        account_id=dict(type="raw", required=True),
        region=dict(type="str", required=True),
    )),
)
SHARED_OPTIONS = ("alicloud_endpoint", "alicloud_region", "wait_timeout")


def account_sessions(session, params):
    """``[(label, Session, expected account id or None)]``: one per entry of ``accounts``, else the task's own.

    An entry's credentials replace the task's; the endpoint and the region stay the task's.
    """
    if not params.get("accounts"):
        return [("of the task", session, None)]
    sessions = []
    for index, entry in enumerate(params["accounts"]):
        label = entry.get("name") or (str(entry["account_id"]) if entry.get("account_id") is not None
                                      else "accounts[%d]" % index)
        expected = account_id(entry.get("account_id"), "accounts[%d].account_id" % index)
        own = dict((option, entry.get(key)) for key, option in ACCOUNT_ENTRY_OPTIONS.items())
        own.update((option, params.get(option)) for option in SHARED_OPTIONS)
        if not any(own[option] for option in ("alicloud_access_key", "profile", "shared_credentials_file")):
            raise AlicloudError(None, "accounts[%d] (%s): give access_key and secret_key, or profile" % (index, label))
        try:
            sessions.append((label, Session.from_params(own, cache=session.cache), expected))
        except AlicloudError as exc:
            exc.message = "accounts[%d] (%s): %s" % (index, label, exc.message)
            raise
    return sessions


def session_params(params):
    """The task's params for its own session (door.execute): with the first account's credentials when the task
    gives none - the task's own session only carries the endpoint, region and deadline to the accounts'."""
    if not params.get("accounts") or any(params.get(option) for option in ACCOUNT_ENTRY_OPTIONS.values()):
        return params
    first = params["accounts"][0]
    if not any(first.get(key) for key in ("access_key", "profile", "shared_credentials_file")):
        return params  # account_sessions names what the entry lacks, unless the environment has credentials
    return dict(params, **dict((option, first.get(key)) for key, option in ACCOUNT_ENTRY_OPTIONS.items()))


def check_identity(session, expected):
    """The UID the session's credentials act as (STS); fails when ``expected`` is given and differs."""
    uid = session.account_id()
    if expected and expected != uid:
        raise AlicloudError(None, "the credentials act as account %s, not %s" % (uid, expected))
    return uid


def _results(items, outcomes, labels):
    """The loop-shaped results, or an AlicloudError naming every account that failed (``results`` in it)."""
    results, failures = [], []
    for item, outcome, label in zip(items, outcomes, labels):
        if outcome.error is None:
            results.append(dict(outcome.value, item=item))
            continue
        results.append(dict(item=item, failed=True, msg=str(outcome.error)))
        where = "account %s" % label + (" in %s" % item["region"] if item.get("region") else "")
        failures.append("%s: %s" % (where, outcome.error))
    if failures:
        raise AlicloudError(None, "; ".join(failures), result=dict(results=results))
    return results


def read_accounts(session, params, read):
    """``read(account session, uid)`` (a dict) for every entry of ``accounts`` after its identity check, one
    thread each: loop-shaped results with ``item`` ``{account_id}`` (the entry's, else the UID found)."""
    sessions = account_sessions(session, params)
    found = {}

    def work(_thread, index):
        _label, own, expected = sessions[index]
        found[index] = check_identity(own, expected)
        return read(own, found[index])

    outcomes = run_per_router(session, [(index, index) for index in range(len(sessions))], work)
    items = [dict(account_id=expected or found.get(index)) for index, (_l, _s, expected) in enumerate(sessions)]
    return _results(items, outcomes, [label for label, _own, _expected in sessions])


def read_lookups(session, params, read):
    """``read(session of the account in the region)`` (a dict) for every entry of ``lookups``, one thread each,
    after each account's identity check (one thread per account): loop-shaped results with ``item``
    ``{account_id, region}``."""
    sessions = account_sessions(session, params)
    by_id = dict((expected, index) for index, (_label, _own, expected) in enumerate(sessions) if expected)
    lookups = []
    for index, lookup in enumerate(params["lookups"]):
        uid = account_id(lookup["account_id"], "lookups[%d].account_id" % index)
        if uid not in by_id:
            raise AlicloudError(None, "lookups[%d].account_id: %s is the account_id of no entry of accounts"
                                % (index, uid))
        lookups.append((by_id[uid], dict(account_id=uid, region=lookup["region"])))
    checks = run_per_router(session, list(enumerate(sessions)),
                            lambda _thread, entry: check_identity(entry[1], entry[2]))

    def work(_thread, lookup):
        index, item = lookup
        if checks[index].error is not None:
            raise checks[index].error
        regional = sessions[index][1].for_thread()  # credentials and identity resolved once, by the check
        regional.region = item["region"]
        return read(regional)

    outcomes = run_per_router(session, [((index, item["region"]), (index, item)) for index, item in lookups], work)
    return _results([item for _index, item in lookups], outcomes, [sessions[index][0] for index, _item in lookups])
