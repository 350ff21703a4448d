"""Reads `schema/lotwise.v1.json` into a small model every emitter shares.

The schema is JSON Schema as schemars writes it from the core's Rust types.
Emitters for Python (today), TypeScript and UniFFI (next) do not read JSON
Schema themselves: they read the `Type` values below, which name the handful
of shapes the contract uses (see `schema/README.md`):

    Prim(name)      string, integer, boolean, decimal, qty, money, date,
                    instant, time, json (anything)
    Opt(inner)      absent or null
    Seq(inner)      an array
    Map(key, value) an object with arbitrary keys
    Ref(name)       a named definition in `$defs` (record, enum, tagged enum)
    Unit()          no value (`null`)

Stdlib only, Python 3.9+, so the generator runs wherever the tests run.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union


@dataclass(frozen=True)
class Prim:
    name: str


@dataclass(frozen=True)
class Opt:
    inner: "Type"


@dataclass(frozen=True)
class Seq:
    inner: "Type"


@dataclass(frozen=True)
class Map:
    key: "Type"
    value: "Type"


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Unit:
    pass


@dataclass(frozen=True)
class Lit:
    """One of a few fixed strings, written in place (an unnamed enum)."""

    values: Tuple[str, ...]


@dataclass(frozen=True)
class Tup:
    """A fixed-length array, one type per position."""

    items: Tuple["Type", ...]


Type = Union[Prim, Opt, Seq, Map, Ref, Unit, Lit, Tup]


@dataclass
class Field:
    name: str
    type: Type
    doc: str
    required: bool


@dataclass
class ErrorCode:
    code: str
    category: str
    doc: str
    fields: List[Field]


@dataclass
class Operation:
    name: str
    kind: str
    doc: str
    input: Type
    output: Type


@dataclass
class Contract:
    version: int
    operations: List[Operation]
    errors: List[ErrorCode]
    defs: Dict[str, Any] = field(default_factory=dict)


class SchemaError(Exception):
    """A schema shape no emitter knows: extend `to_type` rather than guess."""


_FORMATS = {
    "decimal": "decimal",
    "qty": "qty",
    "money": "money",
    "date": "date",
    "date-time": "instant",
    "partial-time": "time",
}


def to_type(schema: Any, where: str) -> Type:
    """The model of one JSON Schema node."""
    if schema is True or schema == {}:
        return Prim("json")
    if not isinstance(schema, dict):
        raise SchemaError(f"{where}: unexpected schema {schema!r}")
    if "$ref" in schema:
        return Ref(schema["$ref"].rsplit("/", 1)[-1])
    if "anyOf" in schema:
        options = schema["anyOf"]
        non_null = [o for o in options if o.get("type") != "null"]
        if len(non_null) == 1 and len(options) == 2:
            return Opt(to_type(non_null[0], where))
        raise SchemaError(f"{where}: a union other than T | null: {schema}")
    kind = schema.get("type")
    if isinstance(kind, list):
        non_null = [k for k in kind if k != "null"]
        if "null" in kind and len(non_null) == 1:
            inner = dict(schema, type=non_null[0])
            return Opt(to_type(inner, where))
        raise SchemaError(f"{where}: a type list other than [T, null]: {kind}")
    if kind == "null":
        return Unit()
    if kind == "string" and isinstance(schema.get("enum"), list):
        return Lit(tuple(schema["enum"]))
    if kind == "string" and "const" in schema:
        return Lit((schema["const"],))
    if kind == "string":
        fmt = schema.get("format")
        return Prim(_FORMATS.get(fmt, "string")) if fmt else Prim("string")
    if kind == "integer":
        return Prim("integer")
    if kind == "number":
        # The contract has no floating-point numbers; a float would be a bug.
        raise SchemaError(f"{where}: a floating-point number in the contract")
    if kind == "boolean":
        return Prim("boolean")
    if kind == "array":
        items = schema.get("items")
        if items is None and "prefixItems" in schema:
            return Tup(tuple(to_type(p, f"{where}[{i}]") for i, p in enumerate(schema["prefixItems"])))
        return Seq(to_type(items, where + "[]"))
    if kind == "object" and "properties" not in schema and "patternProperties" in schema:
        patterns = schema["patternProperties"]
        if len(patterns) != 1:
            raise SchemaError(f"{where}: a map with {len(patterns)} key patterns")
        ((pattern, value),) = patterns.items()
        key = Prim("integer") if pattern in ("^\\d+$", "^-?\\d+$", "^[0-9]+$") else Prim("string")
        return Map(key, to_type(value, where + "{}"))
    if kind == "object":
        extra = schema.get("additionalProperties")
        if "properties" not in schema and extra not in (None, False):
            key = Prim("integer") if _integer_keys(schema) else Prim("string")
            return Map(key, to_type(extra, where + "{}"))
        if "properties" not in schema:
            return Prim("json")
    if "oneOf" in schema or "enum" in schema or "const" in schema:
        raise SchemaError(f"{where}: an anonymous enum; give it a name in Rust")
    raise SchemaError(f"{where}: unknown schema {schema}")


def _integer_keys(schema: Dict[str, Any]) -> bool:
    names = schema.get("propertyNames", {})
    pattern = names.get("pattern", "") if isinstance(names, dict) else ""
    return "\\d" in pattern or "[0-9]" in pattern


def fields_of(schema: Dict[str, Any], where: str) -> List[Field]:
    """The fields of an object schema, in declaration order."""
    required = set(schema.get("required", []))
    out = []
    for name, sub in schema.get("properties", {}).items():
        doc = sub.get("description", "") if isinstance(sub, dict) else ""
        out.append(Field(name, to_type(sub, f"{where}.{name}"), doc, name in required))
    return out


def load(path: Path) -> Contract:
    raw = json.loads(path.read_text(encoding="utf-8"))
    operations = [
        Operation(
            op["name"],
            op["kind"],
            op["doc"],
            to_type(op["input"], op["name"] + ".input"),
            to_type(op["output"], op["name"] + ".output"),
        )
        for op in raw["operations"]
    ]
    errors = []
    for e in raw["errors"]:
        fields = []
        required = set(e.get("required", []))
        for name, sub in e["fields"].items():
            fields.append(
                Field(name, to_type(sub, f"{e['code']}.{name}"), sub.get("description", ""), name in required)
            )
        errors.append(ErrorCode(e["code"], e["category"], e.get("doc") or "", fields))
    return Contract(raw["version"], operations, errors, raw.get("$defs", {}))


def first_line(doc: str) -> str:
    """A doc's first sentence line, for one-line docstrings."""
    for line in doc.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


def camel(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def describe(t: Type) -> str:
    """A short human name of a type, for comments."""
    if isinstance(t, Prim):
        return t.name
    if isinstance(t, Opt):
        return describe(t.inner) + "?"
    if isinstance(t, Seq):
        return "[" + describe(t.inner) + "]"
    if isinstance(t, Map):
        return "{" + describe(t.key) + ": " + describe(t.value) + "}"
    if isinstance(t, Ref):
        return t.name
    if isinstance(t, Lit):
        return "|".join(t.values)
    return "null"


def referenced(t: Type) -> Tuple[str, ...]:
    """Names of the definitions a type refers to."""
    if isinstance(t, Ref):
        return (t.name,)
    if isinstance(t, (Opt, Seq)):
        return referenced(t.inner)
    if isinstance(t, Map):
        return referenced(t.key) + referenced(t.value)
    if isinstance(t, Tup):
        return tuple(n for item in t.items for n in referenced(item))
    return ()


def optional_inner(t: Type) -> Optional[Type]:
    return t.inner if isinstance(t, Opt) else None


@dataclass
class Record:
    """A named object with fixed fields."""

    name: str
    doc: str
    fields: List[Field]


@dataclass
class Enum:
    """A named set of snake_case words."""

    name: str
    doc: str
    values: List[Tuple[str, str]]  # (value, doc)


@dataclass
class Tagged:
    """A named enum of objects told apart by one property (`tag`)."""

    name: str
    doc: str
    tag: str
    variants: List[Tuple[str, str, List[Field]]]  # (tag value, doc, other fields)


Definition = Union[Record, Enum, Tagged]


def definition(name: str, schema: Dict[str, Any]) -> Optional[Definition]:
    """The model of a named definition, or None for the few that are not
    records, enums or tagged enums (text types such as `Qty`, `Money`)."""
    doc = schema.get("description", "")
    if "properties" in schema and "oneOf" not in schema:
        return Record(name, doc, fields_of(schema, name))
    options = schema.get("oneOf")
    if isinstance(schema.get("enum"), list):
        return Enum(name, doc, [(v, "") for v in schema["enum"]])
    if not isinstance(options, list):
        return None
    if all(o.get("type") == "string" and "const" in o for o in options):
        return Enum(name, doc, [(o["const"], o.get("description", "")) for o in options])
    if all(o.get("type") == "object" and "properties" in o for o in options) and "properties" not in schema:
        tags = [
            k for k, v in options[0]["properties"].items() if isinstance(v, dict) and "const" in v
        ]
        if len(tags) != 1:
            raise SchemaError(f"{name}: a tagged enum needs exactly one tag property, found {tags}")
        tag = tags[0]
        variants = []
        for o in options:
            const = o["properties"][tag]["const"]
            rest = {k: v for k, v in o["properties"].items() if k != tag}
            body = dict(o, properties=rest)
            variants.append((const, o.get("description", ""), fields_of(body, f"{name}.{const}")))
        return Tagged(name, doc, tag, variants)
    return None
