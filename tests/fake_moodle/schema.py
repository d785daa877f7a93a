"""Form-body decoding and Moodle-style parameter validation (external_function_parameters)."""
import re

from tests.fake_moodle.errors import invalid_parameter

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
MISSING = object()


class Opt:
    """An optional parameter (VALUE_OPTIONAL, or VALUE_DEFAULT when a default is given)."""

    def __init__(self, spec, default=MISSING):
        self.spec = spec
        self.default = default


def unflatten(pairs):
    """Rebuild nested values from PHP-array form keys; dicts keyed 0..n become lists."""
    root = {}
    for key, value in pairs:
        match = _KEY.match(key)
        if not match:
            continue
        path = [match.group(1)] + re.findall(r"\[([^\[\]]*)\]", match.group(2))
        node = root
        for part, nxt in zip(path, path[1:]):
            node = node.setdefault(part if part != "" else str(len(node)), {})
            if not isinstance(node, dict):
                break
        else:
            last = path[-1] if path[-1] != "" else str(len(node))
            node[last] = value
    return _listify(root)


def _listify(node):
    """Turn dicts whose keys are all integers into lists ordered by key."""
    if not isinstance(node, dict):
        return node
    items = {k: _listify(v) for k, v in node.items()}
    if items and all(k.isdigit() for k in items):
        return [items[k] for k in sorted(items, key=int)]
    return items


def validate(spec, value, path="params"):
    """Check and clean value against spec the way Moodle's validate_parameters does."""
    if isinstance(spec, dict):
        return _validate_struct(spec, value, path)
    if isinstance(spec, list):
        if isinstance(value, dict) and not value:
            value = []
        if not isinstance(value, list):
            raise invalid_parameter(f"{path} => Only arrays accepted.")
        return [validate(spec[0], item, f"{path}[{i}]") for i, item in enumerate(value)]
    return _scalar(spec, value, path)


def _validate_struct(spec, value, path):
    """Validate a single structure: no unexpected keys, required keys present, defaults applied."""
    if not isinstance(value, dict):
        raise invalid_parameter(f"{path} => Only arrays accepted.")
    unexpected = set(value) - set(spec)
    if unexpected:
        raise invalid_parameter(f"{path} => Unexpected keys ({', '.join(sorted(unexpected))}) "
                                "detected in parameter array.")
    cleaned = {}
    for name, sub in spec.items():
        optional = isinstance(sub, Opt)
        if name in value:
            cleaned[name] = validate(sub.spec if optional else sub, value[name], f"{path}[{name}]")
        elif not optional:
            raise invalid_parameter(f"{path} => Missing required key in single structure: {name}")
        elif sub.default is not MISSING:
            cleaned[name] = sub.default
    return cleaned


def _scalar(kind, value, path):
    """Clean one scalar of kind int, float, bool or str."""
    if isinstance(value, (dict, list)):
        raise invalid_parameter(f"{path} => Scalar type expected, array or object received.")
    text = str(value)
    if kind == "int" and re.fullmatch(r"-?\d+", text):
        return int(text)
    if kind == "float" and re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text):
        return float(text)
    if kind == "bool" and text.lower() in ("0", "1", "true", "false", ""):
        return text.lower() in ("1", "true")
    if kind == "str":
        return text
    raise invalid_parameter(f"{path} => Invalid external api parameter: the value is \"{text}\", "
                            f"the server was expecting \"{kind}\" type")
