"""From wire parameters to a handler's typed ``params`` dict.

The SDKs send every parameter as a string, either in the URL query or in a
form-urlencoded body: nested values are flattened (``Tag.1.Key``,
``Filter.1.Value.2``, ``Options.Key``) and a few parameters travel as one
"shrink" string (JSON text, or a comma-joined list). :func:`parse` rebuilds the
structure the SDK model describes and converts scalars to the model's types.

What the model does not define is accepted, as Alibaba's gateway accepts it: the
RPC common parameters every client may send (``RegionId`` on every operation, the
``Owner*`` ones) are dropped silently; any other unknown parameter, or unknown field
of a structure, is dropped and named in the returned ``ignored`` list, which the
call log records (``ignored_params``) so that a misspelt parameter is still seen.
"""

import json
from urllib.parse import parse_qsl

from alicloud_emulator.catalog import COMMON_PARAMS
from alicloud_emulator.errors import invalid, missing

# Parameters of the legacy (v1, HMAC-SHA1) RPC style that describe the request, not the operation.
RPC_PROTOCOL_PARAMS = frozenset(
    (
        "Action",
        "Version",
        "Format",
        "Timestamp",
        "SignatureNonce",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureType",
        "AccessKeyId",
        "SecurityToken",
        "Signature",
        "BearerToken",
    )
)

# What every RPC operation takes besides its model's parameters: RegionId (aliyun-python-sdk-core
# and the Go SDK add it to every request) and the owner parameters (catalog.COMMON_PARAMS).
GATEWAY_PARAMS = COMMON_PARAMS | {"RegionId"}

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def read_wire(raw_query, headers, body):
    """All wire parameters of a request: the query string, then a form body (same key: body wins)."""
    flat = dict(parse_qsl(raw_query, keep_blank_values=True))
    if body and headers.get("content-type", "").split(";")[0].strip().lower() == FORM_CONTENT_TYPE:
        flat.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return flat


def parse(op, flat, skip=frozenset()):
    """``(params, ignored)``: the typed parameters of ``op`` from the flat wire dict, and the sorted wire
    names of the parameters no model defines; or :class:`~alicloud_emulator.errors.ApiError` for a value of the wrong
    type or a missing required parameter.

    ``skip`` names top-level keys that belong to the transport (the legacy RPC
    style's ``Action``, ``Signature``, ...), not to the operation.
    """
    groups = {}
    ignored = []
    for key, value in flat.items():
        if key in skip:
            continue
        top, _dot, rest = key.partition(".")
        if top in COMMON_PARAMS or (top in GATEWAY_PARAMS and top not in op.params):
            continue
        if top not in op.params:
            ignored.append(key)
            continue
        groups.setdefault(top, []).append((rest, key, value))
    params = {}
    for top, items in groups.items():
        spec = op.params[top]
        if top in op.encoded:
            params[top] = _decode_shrink(top, spec, op.encoded[top], items, ignored)
        elif not isinstance(spec, tuple):
            if len(items) != 1 or items[0][0]:
                raise invalid(items[0][1], "is not a valid parameter name")
            params[top] = _scalar(top, spec, items[0][2])
        else:
            tree = {}
            for rest, key, value in items:
                if not rest:
                    raise invalid(key, "must be sent as %s.N" % key)
                node = tree
                parts = rest.split(".")
                for part in parts[:-1]:
                    node = node.setdefault(part, {})
                    if not isinstance(node, dict):
                        raise invalid(key, "is not a valid parameter name")
                if parts[-1] in node:
                    raise invalid(key, "is given twice")
                node[parts[-1]] = value
            params[top] = _from_tree(top, spec, tree, ignored)
    for name in op.required:
        if name not in params:
            raise missing(name)
    return params, sorted(ignored)


def _decode_shrink(name, spec, style, items, ignored):
    if len(items) != 1 or items[0][0]:
        raise invalid(items[0][1], "is not a valid parameter name")
    text = items[0][2]
    if style == "json":
        try:
            value = json.loads(text)
        except ValueError:
            raise invalid(name, "is not valid JSON")
        return _from_json(name, spec, value, ignored)
    values = text.split(",") if text else []
    return _from_json(name, spec, values, ignored)


def _scalar(name, kind, text):
    if kind in ("str", "any"):
        return text
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise invalid(name, "must be an integer")
    if kind == "bool":
        lowered = text.lower()
        if lowered == "true":
            return True
        if lowered == "false":
            return False
        raise invalid(name, "must be true or false")
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise invalid(name, "must be a number")
    raise invalid(name)


def _from_tree(name, spec, node, ignored):
    """Convert an unflattened tree of strings to ``spec``; unknown fields go to ``ignored``."""
    if not isinstance(spec, tuple):
        if isinstance(node, dict):
            raise invalid(name, "must be a single value")
        return _scalar(name, spec, node)
    if not isinstance(node, dict):
        raise invalid(name, "must be a structure")
    kind = spec[0]
    if kind == "list":
        items = []
        for index in node:
            if not index.isdigit() or int(index) < 1:
                raise invalid("%s.%s" % (name, index), "is not a valid parameter name")
            items.append((int(index), index))
        return [_from_tree("%s.%s" % (name, raw), spec[1], node[raw], ignored) for _num, raw in sorted(items)]
    if kind == "map":
        return {key: _from_tree("%s.%s" % (name, key), spec[1], value, ignored) for key, value in node.items()}
    fields, required = spec[1], spec[2]
    out = {}
    for key, value in node.items():
        if key not in fields:
            ignored.append("%s.%s" % (name, key))
            continue
        out[key] = _from_tree("%s.%s" % (name, key), fields[key], value, ignored)
    for key in required:
        if key not in out:
            raise missing("%s.%s" % (name, key))
    return out


def _from_json(name, spec, value, ignored):
    """Check and convert a decoded JSON value (or a split list) against ``spec``; unknown fields go to
    ``ignored``."""
    if not isinstance(spec, tuple):
        if isinstance(value, (dict, list)):
            raise invalid(name, "must be a single value")
        if spec == "bool" and isinstance(value, bool):
            return value
        if spec in ("int", "float") and isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(value) if spec == "int" else float(value)
        if spec in ("str", "any") and not isinstance(value, str):
            return value if spec == "any" else json.dumps(value)
        return _scalar(name, spec, value if isinstance(value, str) else json.dumps(value))
    kind = spec[0]
    if kind == "list":
        if not isinstance(value, list):
            raise invalid(name, "must be a list")
        return [_from_json("%s.%d" % (name, i + 1), spec[1], item, ignored) for i, item in enumerate(value)]
    if not isinstance(value, dict):
        raise invalid(name, "must be an object")
    if kind == "map":
        return {key: _from_json("%s.%s" % (name, key), spec[1], item, ignored) for key, item in value.items()}
    fields, required = spec[1], spec[2]
    out = {}
    for key, item in value.items():
        if key not in fields:
            ignored.append("%s.%s" % (name, key))
            continue
        out[key] = _from_json("%s.%s" % (name, key), fields[key], item, ignored)
    for key in required:
        if key not in out:
            raise missing("%s.%s" % (name, key))
    return out
