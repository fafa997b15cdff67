# -*- coding: utf-8 -*-
# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AlicloudError, the one failure a core raises, and its translation from the SDK's exceptions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class AlicloudError(Exception):
    """A failure a module reports: an API error, an unreachable endpoint, bad settings, a wait timeout.

    ``str(error)`` reads like ``CreateCen failed: Forbbiden.AttachChildInstanceAcrossUid:
    <the service's message> (request id 4A2B...)``; the parts that are unknown are left out.
    ``retry_after`` (seconds) and ``transient`` tell Session.call how to retry it.
    ``changed`` and ``result`` (ids of what was created or changed, e.g. ``{"cen_id": ...}``)
    are set by ``after_write()`` when the failure came after a write; the doors put them in the
    failed task's result.
    """

    def __init__(self, code, message, request_id=None, action=None, status=None, retry_after=None, transient=False,
                 changed=False, result=None):
        self.code = code
        self.message = message
        self.request_id = request_id
        self.action = action
        self.status = status
        self.retry_after = retry_after
        self.transient = transient
        self.changed = changed
        self.result = dict(result or {})
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


def after_write(error, done, rerun, **ids):
    """The AlicloudError to raise when ``error`` struck after the task changed something.

    ``done`` says what was changed (``created CEN cen-1``), ``rerun`` what running the task again
    will do (``a re-run finds it by name and waits again``); ``ids`` are returned with the failure
    (``cen_id=...``) next to ``changed: true``. An error that already carries ids keeps them.
    """
    result = dict(error.result)
    result.update(ids)
    message = "%s, then %s failed: %s; %s" % (done, error.action or "the task", error.message, rerun)
    return AlicloudError(error.code, message, request_id=error.request_id, changed=True, result=result)


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
