# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""STS: who the credentials act as. (AssumeRole is part of Session, in session.py.)"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.account_batches import read_accounts, session_params
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import snake_dict


def account_info(session, params, check_mode):
    """Core of alicloud.interconnect.account_info: STS GetCallerIdentity, snake_cased, never a change; with
    ``accounts``, that of every account, ``results`` one per account."""
    if params.get("accounts"):
        return dict(changed=False, results=read_accounts(session, params, lambda own, _uid: _identity(own)))
    return dict(_identity(session), changed=False)


def _identity(session):
    identity = snake_dict(session.caller_identity())
    identity.pop("request_id", None)
    identity["account_id"] = session.account_id()
    identity["region"] = session.region
    return identity


account_info.session_params = session_params
