"""Conversions between Python values and the native module.

Inputs cross as the serde JSON of the Rust input types, where every decimal
is a string: this module turns Python values into that JSON (refusing
floats). Results come back as Python objects the native module builds
itself, guided by a `Shape` this module compiles once per result type from
the records' type hints (`shape`). The same type hints drive `from_json` and
`to_json`, the public JSON conversions of the records.
"""

import collections.abc
import dataclasses
import datetime as _dt
import difflib
import re
import sys
from decimal import Decimal
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Literal,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from . import _native
from .errors import InvalidInput, InvalidQuantity

T = TypeVar("T")

#: A decimal amount as Python code may give it. Floats are refused.
DecimalLike = Union[Decimal, int, str]

_PLAIN_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")

_FLOAT_REFUSED = (
    "lotwise refuses the float {value!r} for {field}: a binary float cannot hold most "
    "decimal amounts exactly (0.1 + 0.2 != 0.3), and lotwise never rounds quantities or "
    "money silently. Pass a decimal.Decimal, an int, or a str such as '2.5'."
)


def to_decimal(value: object, field: str) -> Decimal:
    """`value` as a finite Decimal: Decimal, int and plain decimal str are
    accepted; a float is refused with a TypeError saying why."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _not_decimal(field, value)
        return value
    if isinstance(value, bool):
        raise TypeError(f"{field}: expected a decimal.Decimal, int or str, got bool {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise TypeError(_FLOAT_REFUSED.format(value=value, field=field))
    if isinstance(value, str):
        text = value.strip()
        # The same rule as the core's parser: a plain decimal, no exponent,
        # no NaN or infinity.
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise _not_decimal(field, value)
        return Decimal(text)
    raise TypeError(
        f"{field}: expected a decimal.Decimal, int or str, got {type(value).__name__} {value!r}"
    )


def _not_decimal(field: str, value: object) -> InvalidQuantity:
    text = str(value)
    reason = "not a decimal number"
    return InvalidQuantity(
        f"invalid quantity for {field}: `{text}` ({reason})",
        {"field": field, "value": text, "reason": reason},
    )


# The values of each enumeration (a `Literal` alias such as `ItemKind`), in
# order and as a set.
_ENUMS: Dict[Any, Tuple[Tuple[str, ...], FrozenSet[str]]] = {}


def enum_value(tp: Any, value: object, field: str) -> str:
    """`value` when it is one of the values of the enumeration `tp` (a
    `Literal` alias such as `ItemKind`).

    Every enum-typed input goes through here before it is encoded for the
    core, so a wrong value is an `InvalidInput` whose `.value` is the value
    and whose message lists the allowed ones (not serde's "unknown variant
    ... at line 1 column 46"); a non-str is a TypeError.
    """
    found = _ENUMS.get(tp)
    if found is None:
        names = tuple(get_args(tp))
        found = _ENUMS[tp] = (names, frozenset(names))
    names, allowed = found
    if isinstance(value, str):
        if value in allowed:
            return value
        listed = ", ".join(names)
        reason = f"unknown value `{value}`, expected one of: {listed}"
        close = difflib.get_close_matches(value, names, n=1)
        if close:
            reason += f" (did you mean `{close[0]}`?)"
        raise InvalidInput(
            f"invalid {field}: `{value}` ({reason})",
            {"field": field, "value": value, "reason": reason},
        )
    raise TypeError(
        f"{field}: expected a str, one of: {', '.join(names)}; got {type(value).__name__} {value!r}"
    )


def enum_values(tp: Any, values: Iterable[object], field: str) -> List[str]:
    """`enum_value` for each of `values` (``field[i]`` names a wrong one); a
    bare str is refused, as it would be read as its characters."""
    if isinstance(values, str):
        raise TypeError(f"{field}: expected a tuple of str, got a str")
    return [enum_value(tp, v, f"{field}[{i}]") for i, v in enumerate(values)]


def decimal_text(value: Decimal) -> str:
    """A Decimal as the core writes it: plain digits, never an exponent."""
    return format(value, "f")


def normalized_text(value: Decimal) -> str:
    """Like Rust's `Decimal::normalize()` display: no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def check_date(value: object, field: str) -> _dt.date:
    """A calendar day; a datetime is refused because its day depends on a time zone."""
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise TypeError(f"{field}: expected a datetime.date, got {type(value).__name__} {value!r}")
    return value


def check_instant(value: object, field: str) -> _dt.datetime:
    """A timezone-aware datetime; a naive one is refused as ambiguous."""
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"{field}: expected a datetime.datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{field}: the datetime must be timezone-aware, e.g. tzinfo=timezone.utc")
    return value


_INSTANT = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)")


def _parse_instant_portable(text: str) -> _dt.datetime:
    """An RFC 3339 instant from the core (``2026-03-02T09:00:00Z``, maybe with
    nanoseconds, which Python cannot hold: they are cut to microseconds)."""
    m = _INSTANT.fullmatch(text)
    if m is None:
        raise ValueError(f"not an RFC 3339 instant: {text!r}")
    base, frac, zone = m.groups()
    micro = (frac or "").ljust(6, "0")[:6]
    offset = "+00:00" if zone == "Z" else zone
    parsed = _dt.datetime.fromisoformat(f"{base}.{micro}{offset}")
    return parsed.astimezone(_dt.timezone.utc)


def _parse_instant_fast(text: str) -> _dt.datetime:
    # From 3.11 fromisoformat reads `Z` and cuts nanoseconds itself, in C.
    parsed = _dt.datetime.fromisoformat(text)
    return parsed if text.endswith("Z") else parsed.astimezone(_dt.timezone.utc)


#: Parses the core's instants (always UTC) into aware datetimes.
parse_instant = _parse_instant_fast if sys.version_info >= (3, 11) else _parse_instant_portable


def instant_text(value: _dt.datetime) -> str:
    """The RFC 3339 text serde gives `DateTime<Utc>`: UTC, `Z`, fraction only when needed."""
    utc = check_instant(value, "instant").astimezone(_dt.timezone.utc)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if utc.microsecond:
        digits = f"{utc.microsecond:06d}"
        text += "." + (digits[:3] if digits.endswith("000") else digits)
    return text + "Z"


# ---------------------------------------------------------------------------
# JSON -> dataclasses, and back.

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]

_DECODERS: Dict[Any, Decoder] = {}
_ENCODERS: Dict[Any, Encoder] = {}


def _identity(value: Any) -> Any:
    return value


def json_name(field: "dataclasses.Field[Any]") -> str:
    """A field's key in the JSON: its own name unless renamed (`from_` -> `from`)."""
    return str(field.metadata.get("json", field.name))


def decoder(tp: Any) -> Decoder:
    """A function turning the JSON of type `tp` into its Python value."""
    found = _DECODERS.get(tp)
    if found is None:
        found = _build_decoder(tp)
        _DECODERS[tp] = found
    return found


def _build_decoder(tp: Any) -> Decoder:
    custom = getattr(tp, "_from_json", None)
    if custom is not None:
        return custom  # type: ignore[no-any-return]
    if tp is Decimal:
        return Decimal
    if tp in (str, int, bool, Any):
        return _identity
    if tp is _dt.date:
        return _dt.date.fromisoformat
    if tp is _dt.datetime:
        return parse_instant
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return _identity
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"cannot decode the union {tp}")
        one = decoder(inner[0])
        return lambda v: None if v is None else one(v)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = decoder(args[0])
            # A missing list is empty (the core's `#[serde(default)]` fields).
            return lambda v: () if v is None else tuple([item(x) for x in v])
        parts = [decoder(a) for a in args]
        return lambda v: tuple(f(x) for f, x in zip(parts, v))
    if origin in (dict, collections.abc.Mapping):
        key, value = decoder(args[0]), decoder(args[1])
        return lambda v: {key(_key_from_json(args[0], k)): value(x) for k, x in v.items()}
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    raise TypeError(f"no JSON decoder for {tp!r}")


def _key_from_json(tp: Any, key: str) -> Any:
    # JSON object keys are strings; `BTreeMap<u32, _>` keys are numbers in Rust.
    return int(key) if tp is int else key


def _dataclass_decoder(cls: Any) -> Decoder:
    hints = type_hints(cls)
    by_tag = getattr(cls, "_by_tag", {})
    plan: List[Tuple[str, str, Decoder]] = [
        (f.name, json_name(f), decoder(hints[f.name])) for f in dataclasses.fields(cls) if f.name not in by_tag
    ]
    if by_tag:
        plain = _dataclass_plain_decoder(cls, plan, by_tag)
        return plain

    new = object.__new__

    def decode(data: Mapping[str, Any]) -> Any:
        # The values are already exact and typed, so the record is filled
        # directly; a frozen dataclass's __init__ would cost more than the
        # decoding. Keys the binding does not know yet (a newer core) are ignored.
        record = new(cls)
        record.__dict__.update({name: conv(data.get(key)) for name, key, conv in plan})
        return record

    return decode


def type_hints(cls: Any) -> Dict[str, Any]:
    """A record's field types. Generated records (`_records.py`) write their
    annotations as text and may name classes defined elsewhere in the
    package (`Qty`, hand-written records), so names resolve against the
    package too (its modules may still be loading: module-level shapes are
    compiled on import)."""
    names: Dict[str, Any] = {}
    for module_name, module in list(sys.modules.items()):
        if module is not None and (module_name == "lotwise" or module_name.startswith("lotwise.")):
            names.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    return get_type_hints(cls, localns=names)


def tagged_json(value: Any, tag: str, keys: Mapping[str, Tuple[str, ...]]) -> Dict[str, Any]:
    """The core's JSON of a tagged enum flattened into one record: the tag,
    then exactly the fields its variant has (`keys[tag value]`, JSON names)."""
    cls = type(value)
    plan = _TAGGED_PLANS.get(cls)
    if plan is None:
        hints = type_hints(cls)
        plan = {json_name(f): (f.name, encoder(hints[f.name])) for f in dataclasses.fields(cls)}
        _TAGGED_PLANS[cls] = plan
    variant = getattr(value, plan[tag][0])
    out: Dict[str, Any] = {tag: variant}
    for key in keys.get(variant, ()):
        name, conv = plan[key]
        field_value = getattr(value, name)
        out[key] = None if field_value is None else conv(field_value)
    return out


_TAGGED_PLANS: Dict[Any, Dict[str, Tuple[str, Encoder]]] = {}


def _dataclass_plain_decoder(
    cls: Any, plan: List[Tuple[str, str, Decoder]], by_tag: Mapping[str, Tuple[str, Mapping[str, Any]]]
) -> Decoder:
    """A record with fields whose record a sibling's tag names."""
    tagged = [(name, tag, {k: decoder(c) for k, c in classes.items()}) for name, (tag, classes) in by_tag.items()]

    def decode(data: Mapping[str, Any]) -> Any:
        record = object.__new__(cls)
        record.__dict__.update({name: conv(data.get(key)) for name, key, conv in plan})
        for name, tag, decoders in tagged:
            conv = decoders.get(str(data.get(tag)), _identity)
            record.__dict__[name] = conv(data.get(name))
        return record

    return decode


def encoder(tp: Any) -> Encoder:
    """A function turning a Python value of type `tp` into the core's JSON."""
    found = _ENCODERS.get(tp)
    if found is None:
        found = _build_encoder(tp)
        _ENCODERS[tp] = found
    return found


def _build_encoder(tp: Any) -> Encoder:
    custom = getattr(tp, "_to_json", None)
    if custom is not None:
        return custom  # type: ignore[no-any-return]
    if tp is Decimal:
        return decimal_text
    if tp in (str, int, bool, Any):
        return _identity
    if tp is _dt.date:
        return lambda v: v.isoformat()
    if tp is _dt.datetime:
        return instant_text
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return _identity
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        one = encoder(inner[0])
        return lambda v: None if v is None else one(v)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = encoder(args[0])
            return lambda v: [item(x) for x in v]
        parts = [encoder(a) for a in args]
        return lambda v: [f(x) for f, x in zip(parts, v)]
    if origin in (dict, collections.abc.Mapping):
        value = encoder(args[1])
        return lambda v: {str(k): value(x) for k, x in v.items()}
    if dataclasses.is_dataclass(tp):
        hints = type_hints(tp)
        by_tag = getattr(tp, "_by_tag", {})
        # A field a sibling's tag types is encoded by its value's own class.
        plan = [
            (f.name, json_name(f), to_json if f.name in by_tag else encoder(hints[f.name]))
            for f in dataclasses.fields(tp)
        ]
        return lambda v: {key: conv(getattr(v, name)) for name, key, conv in plan}
    raise TypeError(f"no JSON encoder for {tp!r}")


# ---------------------------------------------------------------------------
# Result shapes: what the native module builds each call's result as.

_SHAPES: Dict[Any, "_native.Shape[Any]"] = {}

#: The core's instants are serde `DateTime<Utc>`, always written with `Z`;
#: from 3.11 `datetime.fromisoformat` reads those in C (nanoseconds cut to
#: microseconds), and other text goes through `parse_instant`.
_INSTANT_FAST = _dt.datetime.fromisoformat if sys.version_info >= (3, 11) else None


def shape(tp: Any) -> "_native.Shape[Any]":
    """The native shape of type `tp` (a record, a tuple of records, ...),
    compiled once from its type hints, as `decoder` reads JSON."""
    found = _SHAPES.get(tp)
    if found is None:
        found = _build_shape(tp)
        _SHAPES[tp] = found
    return found


def _build_shape(tp: Any) -> "_native.Shape[Any]":
    Shape = _native.Shape
    text = getattr(tp, "_text_fields", None)
    if text is not None:
        # Qty and Money: "<decimal> <word>" text, built without Python code.
        return Shape.text(tp, text[0], text[1], Decimal)
    custom = getattr(tp, "_from_json", None)
    if custom is not None:
        return Shape.call(custom)
    # Decimals and days are immutable: equal texts may share one object.
    if tp is Decimal:
        return Shape.memo(Decimal)
    if tp in (str, int, bool, Any):
        return Shape.plain()
    if tp is _dt.date:
        return Shape.memo(_dt.date.fromisoformat)
    if tp is _dt.datetime:
        return Shape.instant(parse_instant, _INSTANT_FAST)
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return Shape.plain()
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"cannot decode the union {tp}")
        return Shape.optional(shape(inner[0]))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return Shape.tuple_of(shape(args[0]))
        return Shape.fixed([shape(a) for a in args])
    if origin in (dict, collections.abc.Mapping):
        return Shape.mapping(args[0] is int, shape(args[0]), shape(args[1]))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = type_hints(tp)
        by_tag = getattr(tp, "_by_tag", {})
        fields = []
        for f in dataclasses.fields(tp):
            if f.name in by_tag:
                # A field whose record its sibling names (an event's data).
                tag, classes = by_tag[f.name]
                node = Shape.by_tag(tag, {k: shape(c) for k, c in classes.items()}, Shape.plain())
            else:
                node = shape(hints[f.name])
            fields.append((json_name(f), f.name, node))
        return Shape.record(tp, fields)
    raise TypeError(f"no result shape for {tp!r}")


def from_json(cls: Type[T], data: Any) -> T:
    """Builds a `lotwise.types` record (or a tuple of them) from core JSON."""
    return decoder(cls)(data)  # type: ignore[no-any-return]


def to_json(value: Any) -> Any:
    """The core's JSON for a record, a tuple of records, or a plain value."""
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encoder(type(value))(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, _dt.datetime):
        return instant_text(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


def drop_none(data: Dict[str, Any]) -> Dict[str, Any]:
    """An input object without its absent optional fields (serde defaults them)."""
    return {k: v for k, v in data.items() if v is not None}


def optional(convert: Callable[[Any], T]) -> Callable[[Optional[Any]], Optional[T]]:
    """`convert` that lets None through."""
    return lambda v: None if v is None else convert(v)
