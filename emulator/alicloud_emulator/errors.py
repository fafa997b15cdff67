"""Errors the emulator answers with: Alibaba Cloud's codes, messages and HTTP statuses."""


class ApiError(Exception):
    """An API error answered as HTTP ``status`` with Alibaba's JSON error body.

    ``headers`` adds response headers (``x-acs-retry-after`` for throttling).
    """

    def __init__(self, code, message, status=400, headers=None):
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.status = status
        self.headers = dict(headers or {})


def not_found(code, what):
    return ApiError(code, "The specified %s does not exist." % what, 404)


def missing(name):
    return ApiError("MissingParameter", "The input parameter \"%s\" that is mandatory for processing this request is not supplied." % name, 400)


def invalid(name, why="is not valid"):
    return ApiError("InvalidParameter", "The parameter %s %s." % (name, why), 400)


def busy(code="Operation.Blocking", what="the resource"):
    return ApiError(code, "Another operation is being performed on %s. Try again later." % what, 400)
