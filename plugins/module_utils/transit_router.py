# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Transit routers of Enterprise Edition CENs (CBN 2017-09-12) and the account's transit-router service.

The cores behind the modules:

* ``transit_router_service``: CheckTransitRouterService / OpenTransitRouterService. The service is
  per account, and opening it cannot be undone: the core opens it only with ``state: present``.

Wrappers return API dicts with wire names, or None / [] when there is nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud.interconnect.plugins.module_utils.errors import AlicloudError
from ansible_collections.alicloud.interconnect.plugins.module_utils.results import make_diff

SERVICE_CLOSED_CODE = "Forbbiden.TransitRouterServiceNotOpen"  # sic: the API spells it so
SERVICE_OPENED_CODE = "Order.Opened"  # OpenTransitRouterService on an account that has it already


# ---------------------------------------------------------------------------
# The transit-router service
# ---------------------------------------------------------------------------

def service_enabled(session):
    """Whether the account the credentials act as has opened the transit-router service."""
    body = session.call("cbn", "CheckTransitRouterService")
    return str(body.get("Enabled")).lower() == "true"


def transit_router_service(session, params, check_mode):
    """Core of alicloud.interconnect.transit_router_service."""
    account = session.account_id()
    enabled = service_enabled(session)
    if enabled or params["state"] == "query":
        return dict(changed=False, account_id=account, enabled=enabled)
    what = "the transit-router service of account %s" % account
    diff = make_diff(dict(account_id=account, enabled=False), dict(account_id=account, enabled=True))
    diff["after_header"] = "%s (opened: this cannot be undone)" % what
    if check_mode:
        return dict(changed=True, account_id=account, enabled=True, diff=diff,
                    warnings=["check mode: %s is not open; without check mode, this task opens it "
                              "(OpenTransitRouterService), which cannot be undone" % what])
    try:
        body = session.call("cbn", "OpenTransitRouterService", ClientToken=session.client_token())
    except AlicloudError as exc:
        if exc.code != SERVICE_OPENED_CODE:
            raise
        # Opened by someone else since the check.
        return dict(changed=False, account_id=account, enabled=True)
    return dict(changed=True, account_id=account, enabled=True, order_id=body.get("OrderId"), diff=diff)
