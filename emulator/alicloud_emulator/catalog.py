"""Operation specs derived from the installed SDKs, once, at start.

Nothing here is written by hand: for every ``<op>_with_options`` method of the
four SDK clients the catalog

* reads the request and response model classes from the method's type hints,
* learns each request field's wire name by setting that one attribute and
  watching which key the model's ``to_map()`` grows, and its type from the
  model's ``__init__`` hints (nested models recursively),
* calls the method once, with every field filled, on a client whose
  ``call_api`` / ``do_rpcrequest`` only records what it was given: that tells
  the action, the API version, which parameters travel in the query and which
  in the form body, and which are sent as one "shrink" string (JSON text or a
  comma-joined list),
* reads "This parameter is required." from the comments the SDK generator puts
  above each field in the model's ``__init__``.

Type specs are plain values: ``"str"``, ``"int"``, ``"bool"``, ``"float"``,
``"any"``, ``("list", item)``, ``("map", value)`` and ``("object", fields,
required)`` where ``fields`` maps wire names to specs and ``required`` is a
frozenset of wire names.
"""

import importlib
import inspect
import re
import sys
import typing

from alicloud_emulator.registry import PRODUCTS

# Parameters every RPC operation accepts and the emulator ignores.
COMMON_PARAMS = frozenset(("OwnerId", "ResourceOwnerId", "OwnerAccount", "ResourceOwnerAccount"))

REQUIRED_MARK = "This parameter is required."

_SCALARS = {str: "str", int: "int", bool: "bool", float: "float"}
_SAMPLES = {"str": "x", "int": 1, "bool": True, "float": 1.5, "any": "x"}


class Operation(object):
    """What one API operation accepts and answers, as the SDK defines it."""

    def __init__(self, product, action, version, sdk_method, http_method, auth_type,
                 params, required, body_params, encoded, response_model):
        self.product = product
        self.action = action
        self.version = version
        self.sdk_method = sdk_method
        self.http_method = http_method
        self.auth_type = auth_type
        self.params = params  # wire name -> type spec
        self.required = required  # tuple of wire names
        self.body_params = body_params  # frozenset of wire names sent in the form body
        self.encoded = encoded  # wire name -> "json" | "simple"
        self.response_model = response_model  # the SDK's response body class, or None

    def prune(self, body):
        """The response body as the SDK would read it: keys the model lacks are dropped."""
        if self.response_model is None:
            return body
        return self.response_model().from_map(body).to_map()

    def __repr__(self):
        return "<Operation %s.%s>" % (self.product, self.action)


class Catalog(object):
    def __init__(self, operations):
        self.operations = operations  # (product, action) -> Operation

    def get(self, product, action):
        return self.operations.get((product, action))

    def actions(self, product):
        return sorted(action for prod, action in self.operations if prod == product)


# ---------------------------------------------------------------- model types
class _Deriver(object):
    """Derives type specs of SDK model classes, memoised per class."""

    def __init__(self):
        self.models = {}  # class -> (spec, {wire: attr})
        self.sources = {}  # file -> {class name: {attr: comment text}}

    def type_spec(self, hint):
        if hint in _SCALARS:
            return _SCALARS[hint]
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is list:
            return ("list", self.type_spec(args[0]) if args else "any")
        if origin is dict:
            return ("map", self.type_spec(args[1]) if len(args) == 2 else "any")
        if inspect.isclass(hint) and hasattr(hint, "to_map") and hasattr(hint, "from_map"):
            return self.model_spec(hint)[0]
        return "any"

    def model_spec(self, cls):
        if cls in self.models:
            return self.models[cls]
        hints = typing.get_type_hints(cls.__init__)
        hints.pop("return", None)
        baseline = cls().to_map() or {}
        fields = {}
        attrs = {}
        comments = self._comments(cls)
        required = set()
        for attr, hint in hints.items():
            probe = cls()
            setattr(probe, attr, self._probe_value(hint))
            grown = [k for k, v in (probe.to_map() or {}).items() if baseline.get(k, _MISSING) != v]
            if len(grown) != 1:
                raise RuntimeError("cannot tell the wire name of %s.%s" % (cls.__name__, attr))
            wire = grown[0]
            fields[wire] = self.type_spec(hint)
            attrs[wire] = attr
            if REQUIRED_MARK in comments.get(attr, ""):
                required.add(wire)
        result = (("object", fields, frozenset(required)), attrs)
        self.models[cls] = result
        return result

    def _probe_value(self, hint):
        if hint in _SCALARS:
            return _SAMPLES[_SCALARS[hint]]
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is list:
            return [self._probe_value(args[0]) if args else "x"]
        if origin is dict:
            return {"k": "x"}
        if inspect.isclass(hint) and hasattr(hint, "to_map"):
            return hint()
        return "x"

    def sample(self, hint):
        """A value of type ``hint`` with every field (recursively) filled."""
        if hint in _SCALARS:
            return _SAMPLES[_SCALARS[hint]]
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is list:
            return [self.sample(args[0]) if args else "x"]
        if origin is dict:
            return {"k": self.sample(args[1]) if len(args) == 2 else "x"}
        if inspect.isclass(hint) and hasattr(hint, "to_map"):
            obj = hint()
            hints = typing.get_type_hints(hint.__init__)
            hints.pop("return", None)
            for attr, sub in hints.items():
                setattr(obj, attr, self.sample(sub))
            return obj
        return "x"

    def _comments(self, cls):
        """``{attr: comment text}`` for the fields of ``cls``, read from the SDK source."""
        path = getattr(sys.modules[cls.__module__], "__file__", None)
        if not path:
            return {}
        if path not in self.sources:
            self.sources[path] = _read_field_comments(path)
        return self.sources[path].get(cls.__name__, {})


_MISSING = object()
_CLASS_RE = re.compile(r"^class (\w+)\(", re.M)
_ASSIGN_RE = re.compile(r"^\s+self\.(\w+) = (\w+)\s*$")


def _read_field_comments(path):
    """Parse the generator's layout: ``# comment`` lines then ``self.attr = attr`` in ``__init__``."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    out = {}
    starts = [(m.start(), m.group(1)) for m in _CLASS_RE.finditer(text)]
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        block = text[start:end]
        init_end = block.find("    def validate(")
        if init_end > 0:
            block = block[:init_end]
        fields = {}
        pending = []
        for line in block.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                pending.append(stripped.lstrip("#").strip())
                continue
            match = _ASSIGN_RE.match(line)
            if match and match.group(1) == match.group(2):
                fields[match.group(1)] = "\n".join(pending)
            pending = []
        out[name] = fields
    return out


# ---------------------------------------------------------------- operations
class _Recorded(Exception):
    def __init__(self, action, version, method, auth_type, req):
        super().__init__(action)
        self.action = action
        self.version = version
        self.method = method
        self.auth_type = auth_type
        self.req = req


def _record_call_api(params, req, runtime, *_rest):
    raise _Recorded(params.action, params.version, params.method, params.auth_type, req)


def _record_rpc(action, version, protocol, method, auth_type, body_type, req, runtime):
    raise _Recorded(action, version, method, auth_type, req)


def _top_keys(mapping):
    return {key.split(".", 1)[0] for key in (mapping or {})}


def _derive_operation(product, client, name, deriver):
    method = getattr(client, name)
    hints = typing.get_type_hints(getattr(type(client), name))
    request_cls = hints.get("request") or hints.get("tmp_req")
    response_cls = hints.get("return")
    args = []
    fields = {}
    required = frozenset()
    if request_cls is not None:
        (_kind, fields, required), _attrs = deriver.model_spec(request_cls)
        args.append(deriver.sample(request_cls))
    args.append(None)  # runtime options: never looked at before the recorded call
    try:
        method(*args)
    except _Recorded as rec:
        recorded = rec
    else:
        raise RuntimeError("%s did not call the API" % name)
    query = recorded.req.query or {}
    body = recorded.req.body if isinstance(recorded.req.body, dict) else {}
    query_keys = _top_keys(query)
    body_keys = _top_keys(body)
    params = {}
    encoded = {}
    for wire, spec in fields.items():
        if wire not in query_keys and wire not in body_keys:
            continue  # a model field this operation never sends
        params[wire] = spec
        sent = query.get(wire, body.get(wire))
        if isinstance(sent, str) and isinstance(spec, tuple):
            encoded[wire] = "json" if sent[:1] in ("[", "{") else "simple"
    body_model = None
    if response_cls is not None:
        body_hint = typing.get_type_hints(response_cls.__init__).get("body")
        if inspect.isclass(body_hint) and hasattr(body_hint, "from_map"):
            body_model = body_hint
    return Operation(
        product=product,
        action=recorded.action,
        version=recorded.version,
        sdk_method=name[: -len("with_options")].rstrip("_"),
        http_method=recorded.method,
        auth_type=recorded.auth_type,
        params=params,
        required=tuple(sorted(w for w in required if w in params and w not in COMMON_PARAMS)),
        body_params=frozenset(w for w in params if w in body_keys),
        encoded=encoded,
        response_model=body_model,
    )


def derive(products=None):
    """Build the catalog of every operation of the given products (default: all four)."""
    deriver = _Deriver()
    operations = {}
    for product in products or sorted(PRODUCTS):
        _version, package = PRODUCTS[product]
        client_cls = importlib.import_module(package + ".client").Client
        client = client_cls.__new__(client_cls)  # no config: the client never talks to anyone
        client.call_api = _record_call_api
        client.do_rpcrequest = _record_rpc
        for name in sorted(vars(client_cls)):
            # "assume_role_with_oidcwith_options": the generator does not always add the "_"
            if not name.endswith("with_options") or name.startswith("_"):
                continue
            op = _derive_operation(product, client, name, deriver)
            operations[(product, op.action)] = op
    return Catalog(operations)


_CATALOG = None


def load():
    """The process-wide catalog, derived on first use."""
    global _CATALOG  # pylint: disable=global-statement
    if _CATALOG is None:
        _CATALOG = derive()
    return _CATALOG
