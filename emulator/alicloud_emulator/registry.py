"""Where services register their operations, keyed on (product, action).

A handler is ``fn(ctx, params) -> dict``: ``params`` are the request parameters,
already checked against the SDK model and converted to Python types (nested lists
unflattened, booleans and integers parsed); the returned dict is the response body
without ``RequestId`` (the server adds it and prunes the body to the SDK's
response model). Errors are raised as :class:`alicloud_emulator.errors.ApiError`.
"""

PRODUCTS = {
    # product key: (API version, SDK package module)
    "cbn": ("2017-09-12", "alibabacloud_cbn20170912"),
    "vpc": ("2016-04-28", "alibabacloud_vpc20160428"),
    "vpcpeer": ("2022-01-01", "alibabacloud_vpcpeer20220101"),
    "sts": ("2015-04-01", "alibabacloud_sts20150401"),
}
VERSIONS = {version: product for product, (version, _pkg) in PRODUCTS.items()}

HANDLERS = {}


class Handler(object):
    def __init__(self, product, action, fn, write):
        self.product = product
        self.action = action
        self.fn = fn
        self.write = write


def action(product, name, write=False):
    """Register ``fn`` as the handler of ``name`` in ``product``.

    ``write=True`` marks a mutating call: it is logged as a write, persisted to the
    state file, subject to ClientToken idempotency and to "drop after commit" faults.
    """
    if product not in PRODUCTS:
        raise ValueError("unknown product %s" % product)

    def register(fn):
        key = (product, name)
        if key in HANDLERS:
            raise ValueError("%s.%s registered twice" % key)
        HANDLERS[key] = Handler(product, name, fn, write)
        return fn

    return register


def load_services():
    """Import every module of :mod:`alicloud_emulator.services` and its packages (one per product,
    e.g. ``services/cbn/``) so that their handlers register."""
    import importlib  # pylint: disable=import-outside-toplevel
    import pkgutil  # pylint: disable=import-outside-toplevel

    from alicloud_emulator import services  # pylint: disable=import-outside-toplevel

    for info in pkgutil.walk_packages(services.__path__, services.__name__ + "."):
        importlib.import_module(info.name)
    return HANDLERS
