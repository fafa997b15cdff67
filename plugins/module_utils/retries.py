# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What Session.call retries, and for how long.

Three kinds of error answers are retried, every call alike:

* throttling (a throttling code, or any answer carrying ``x-acs-retry-after``): "slow down";
* transient failures (5xx, ServiceUnavailable, InternalError, an unreachable endpoint);
* the operation's busy codes (BUSY_CODES below): the resource is in the middle of another
  change (a CEN takes one attach at a time, a route table one entry at a time).

Throttling and transient failures follow RetryPolicy's jittered exponential backoff and its
attempt and time limits. Busy answers are retried until the task's deadline (its
``wait_timeout``; see waiters.Deadline), pausing BUSY_FIRST_PAUSE growing to BUSY_PAUSE seconds.

A transient failure may come after the service did the work: the answer was lost on the way
back, or the service failed (5xx) after committing (RetryPolicy.answer_lost). A write with a
ClientToken is safe to send again, with the same token. A write without one is given a read-back
(``done``) by its caller, and Session.call asks it before trying again (see Session.call).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fnmatch
import random

# Error codes every call retries (fnmatch patterns).
THROTTLING_CODES = ("Throttling", "Throttling.*", "*.Throttling")
LOST_CODES = ("ServiceUnavailable", "InternalError")  # the service failed: whether it did the work is unknown
RETRY_CODES = THROTTLING_CODES + LOST_CODES

BUSY_FIRST_PAUSE = 0.2  # seconds: the first pause after a busy answer
BUSY_PAUSE = 1.0  # seconds: the longest pause between two attempts on a busy resource

# Busy codes (fnmatch patterns) per family of write operations: the one table.
_CEN_BUSY = ("Operation.Blocking", "InvalidOperation.CenInstanceStatus")
_PEERING_BUSY = ("OperationConflict", "TaskConflict", "Operation.Blocking")
_FAMILIES = (
    # A CEN takes one change at a time; tags of CENs and bandwidth packages go through it too.
    ("cbn", ("CreateCen", "ModifyCenAttribute", "DeleteCen", "TagResources", "UntagResources",
             "AssociateCenBandwidthPackage", "UnassociateCenBandwidthPackage", "SetCenInterRegionBandwidthLimit"),
     _CEN_BUSY),
    ("cbn", ("AttachCenChildInstance",),
     _CEN_BUSY + ("InvalidOperation.ChildInstanceStatus", "OperationFailed.InvalidVpcStatus",
                  "IncorrectStatus.VpcSwitch", "IncorrectStatus.VpcRouteTable")),
    ("cbn", ("DetachCenChildInstance",), _CEN_BUSY + ("InstanceStatus.NotSupport", "IncorrectStatus.VpcRouteTable")),
    ("cbn", ("CreateCenBandwidthPackage", "DeleteCenBandwidthPackage"), ("Operation.Blocking",)),
    ("cbn", ("ModifyCenBandwidthPackageAttribute", "ModifyCenBandwidthPackageSpec"),
     ("Operation.Blocking", "InvalidStatus.Resource")),
    # Cross-account grants (a VPC API operation) of an instance in transition.
    ("vpc", ("GrantInstanceToCen",), ("TaskConflict", "Operation.Blocking", "IncorrectStatus")),
    ("vpc", ("RevokeInstanceFromCen",), ("TaskConflict", "IncorrectStatus")),
    # Router interfaces and VpcPeer connections: one task per instance at a time.
    ("vpc", ("CreateRouterInterface", "ModifyRouterInterfaceAttribute", "ModifyRouterInterfaceSpec",
             "ConnectRouterInterface", "ActivateRouterInterface", "DeactivateRouterInterface",
             "DeleteRouterInterface"), _PEERING_BUSY),
    ("vpcpeer", ("CreateVpcPeerConnection", "ModifyVpcPeerConnection", "AcceptVpcPeerConnection",
                 "RejectVpcPeerConnection", "DeleteVpcPeerConnection"), _PEERING_BUSY),
    # A transit router takes one operation at a time; a CEN in transition refuses new routers.
    ("cbn", ("CreateTransitRouter", "UpdateTransitRouter", "DeleteTransitRouter"),
     ("Operation.Blocking", "IncorrectStatus.Status", "IncorrectStatus.CenInstance",
      "IncorrectStatus.TransitRouterInstance")),
    # ... so do its VPC attachments and their links to route tables; the VPC or a vSwitch in transition too.
    ("cbn", ("CreateTransitRouterVpcAttachment", "UpdateTransitRouterVpcAttachmentAttribute",
             "UpdateTransitRouterVpcAttachmentZones", "DeleteTransitRouterVpcAttachment",
             "AssociateTransitRouterAttachmentWithRouteTable", "ReplaceTransitRouterRouteTableAssociation",
             "EnableTransitRouterRouteTablePropagation"),
     ("Operation.Blocking", "IncorrectStatus.Status", "IncorrectStatus.TransitRouterInstance",
      "IncorrectStatus.Attachment", "IncorrectStatus.AttachmentOrRouteTable", "IncorrectStatus.Vpc",
      "IncorrectStatus.VpcOrVswitch", "IncorrectStatus.VpcResource", "IncorrectStatus.VpcRouteTable",
      "IncorrectStatus.VpcSwitch", "IncorrectStatus.VpcRouteEntry", "InstanceStatus.NotSupport")),
    # ... and its inter-region attachments (either router busy refuses the write).
    ("cbn", ("CreateTransitRouterPeerAttachment", "UpdateTransitRouterPeerAttachmentAttribute",
             "DeleteTransitRouterPeerAttachment"),
     ("Operation.Blocking", "IncorrectStatus.Status", "IncorrectStatus.TransitRouterInstance",
      "IncorrectStatus.TransitRouter", "IncorrectStatus.Attachment")),
    # ... and its route tables, the links they lose and its static routes.
    ("cbn", ("CreateTransitRouterRouteTable", "UpdateTransitRouterRouteTable", "DeleteTransitRouterRouteTable",
             "DissociateTransitRouterAttachmentFromRouteTable", "DisableTransitRouterRouteTablePropagation",
             "CreateTransitRouterRouteEntry", "UpdateTransitRouterRouteEntry", "DeleteTransitRouterRouteEntry"),
     ("Operation.Blocking", "IncorrectStatus.Status", "IncorrectStatus.TransitRouterInstance",
      "IncorrectStatus.TransitRouterRouteTable", "IncorrectStatus.AttachmentOrRouteTable")),
    # Transit-router grants of an instance in transition.
    ("cbn", ("GrantInstanceToTransitRouter", "RevokeInstanceFromTransitRouter", "ModifyGrantInstanceToTransitRouter"),
     ("OperationFailed.TaskConflict", "TaskConflict", "Operation.Blocking")),
    # A route table with an entry in transition (Pending, Deleting) refuses other writes for a moment.
    ("vpc", ("CreateRouteEntry", "DeleteRouteEntry"),
     ("IncorrectRouteEntryStatus", "IncorrectVpcStatus", "IncorrectStatus*") + _PEERING_BUSY),
)
BUSY_CODES = dict(((product, operation), codes) for product, operations, codes in _FAMILIES
                  for operation in operations)
"""(product, operation) -> the busy codes Session.call retries until the task's deadline."""


def matches(code, patterns):
    """True when code matches one of the fnmatch patterns."""
    return bool(code) and any(fnmatch.fnmatchcase(code, pattern) for pattern in patterns)


def is_busy(error, product, operation):
    """True when error is a busy answer of (product, operation)."""
    return matches(error.code, BUSY_CODES.get((product, operation), ()))


def busy_pause(attempt, rand=random.random):
    """Seconds to pause before retrying the ``attempt``-th busy answer (from 1), jittered so that
    parallel callers do not retry in step."""
    step = min(BUSY_FIRST_PAUSE * 2 ** (attempt - 1), BUSY_PAUSE)
    return step / 2.0 + rand() * step / 2.0


class RetryPolicy:
    """Bounded, jittered exponential backoff for throttling and transient failures.

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
        return bool(error.retry_after) or matches(error.code, THROTTLING_CODES)

    @classmethod
    def answer_lost(cls, error):
        """True when the work may have been done although no good answer came back: no answer at all
        (a connection lost or timed out), or a 5xx. Throttling is a refusal: nothing was done."""
        if cls.throttled(error):
            return False
        return bool(error.transient or (error.status or 0) >= 500) or matches(error.code, LOST_CODES)

    @staticmethod
    def retryable(error):
        """Throttling, 5xx, unreachable endpoints and ``x-acs-retry-after`` answers."""
        return bool(error.retry_after or error.transient or (error.status or 0) >= 500) \
            or matches(error.code, RETRY_CODES)

    def delay(self, error, attempt, elapsed, rand=random.random):
        """Seconds to wait before the next attempt, or None to give up.

        ``attempt`` counts the failures of the error's kind (throttled or not) so far, from 1.
        """
        limit = self.max_throttled_attempts if self.throttled(error) else self.max_attempts
        if attempt >= limit or not self.retryable(error):
            return None
        if error.retry_after:
            wait = float(error.retry_after)
        else:
            step = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
            wait = step / 2.0 + rand() * step / 2.0
        if elapsed + wait > self.max_total:
            return None
        return wait
