"""Emits the generated half of the Python binding from the contract.

* `lotwise/errors.py`: one exception class per error code, under
  `LotwiseError` and the Python family its category maps to (`LookupError`
  for not_found, `ValueError` for invalid, `StorageError` for storage), with
  the error's fields as typed attributes.
* `lotwise/_operations.py`: the operation table (name, kind, doc, result
  type) and `GeneratedOperations`, a method per operation that has no
  hand-written idiomatic method (those are listed in
  `bindings-python/idiomatic.txt`), so a new operation in the core reaches
  Python with no hand-written line.
"""

import keyword
from typing import Dict, List, Set

from .schema import Contract, ErrorCode, Field, Map, Opt, Prim, Ref, Seq, Tup, Type, Unit, camel, first_line

HEADER = '''"""{what}

Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
run `scripts/generate.sh` after changing the core's command layer.
"""
'''

# Error classes whose plain CamelCase name would be too generic in Python.
ERROR_CLASS_NAMES = {"storage": "StorageError", "internal": "InternalError"}

# The Python family each error category joins, besides `LotwiseError`.
CATEGORY_BASES = {"not_found": ("LookupError",), "invalid": ("ValueError",)}

# How a schema type reads as a Python annotation of an error field or result.
PRIM_RESULT = {
    "string": "str",
    "integer": "int",
    "boolean": "bool",
    "decimal": "Decimal",
    "qty": "Qty",
    "money": "Money",
    "date": "_dt.date",
    "instant": "_dt.datetime",
    "time": "_dt.time",
    "json": "Any",
}

# How a schema type reads as a Python annotation of an input parameter.
PRIM_INPUT = dict(PRIM_RESULT, decimal="DecimalLike", qty="QtyLike", money="MoneyLike")


def error_class_name(code: str) -> str:
    return ERROR_CLASS_NAMES.get(code, camel(code))


def attr_name(name: str) -> str:
    """A field name as a Python attribute: keywords get a trailing `_`."""
    return name + "_" if keyword.iskeyword(name) else name


def result_hint(t: Type, known: Set[str]) -> str:
    """A result type as a Python annotation; records Python lacks are `Any`."""
    if isinstance(t, Prim):
        return PRIM_RESULT[t.name]
    if isinstance(t, Opt):
        return f"Optional[{result_hint(t.inner, known)}]"
    if isinstance(t, Seq):
        return f"Tuple[{result_hint(t.inner, known)}, ...]"
    if isinstance(t, Map):
        return f"Dict[{result_hint(t.key, known)}, {result_hint(t.value, known)}]"
    if isinstance(t, Ref):
        return t.name if t.name in known else "Any"
    return "None"


def input_hint(t: Type) -> str:
    if isinstance(t, Prim):
        return PRIM_INPUT[t.name]
    if isinstance(t, Opt):
        return f"Optional[{input_hint(t.inner)}]"
    if isinstance(t, Seq):
        return f"Sequence[{input_hint(t.inner)}]"
    if isinstance(t, Map):
        return f"Mapping[{input_hint(t.key)}, {input_hint(t.value)}]"
    # Records and enums: the facade's record, a mapping of its fields, or
    # the enum's text all encode to the same JSON.
    return "Any"


ERRORS_DOC = """lotwise's exceptions: one class per stable error code, all under `LotwiseError`.

Every exception carries `.code` (the same snake_case code in every binding),
`.message` (the Rust `Display` text), `.category` (`not_found`, `invalid`,
`refused`, `retryable`, `storage`, `internal`) and the error's fields as
typed attributes (`InsufficientStock.requested` is a `decimal.Decimal`),
also available together as the mapping `.fields`. A failed command changes
nothing. Not-found errors are also `LookupError`s, invalid input is also a
`ValueError`, and the storage codes are `StorageError`s.

    >>> try:
    ...     lw.confirm_order("SO-999999")
    ... except lotwise.UnknownOrder as e:
    ...     print(e.code, e.order)
    unknown_order SO-999999

The native module builds these through `_from_native`; an error code this
version does not know yet still arrives as a plain `LotwiseError` with its
`.code` and `.fields`."""


def emit_errors(contract: Contract) -> str:
    out: List[str] = [HEADER.format(what=ERRORS_DOC)]
    out.append("import datetime as _dt")
    out.append("from decimal import Decimal")
    out.append("from typing import Optional, Tuple")
    out.append("")
    out.append("from ._error_base import LotwiseError, _from_native, error_class")
    out.append("")
    names = ["LotwiseError", "error_class"] + [error_class_name(e.code) for e in contract.errors]
    out.append("__all__ = [")
    out.extend(f'    "{n}",' for n in names)
    out.append("]")
    storage_first = sorted(contract.errors, key=lambda e: e.code != "storage")
    for e in storage_first:
        out.append("")
        out.append("")
        out.extend(_error_class(e))
    return "\n".join(out) + "\n"


def _error_class(e: ErrorCode) -> List[str]:
    bases: List[str] = []
    if e.category == "storage" and e.code != "storage":
        bases.append("StorageError")
    else:
        bases.append("LotwiseError")
    bases.extend(CATEGORY_BASES.get(e.category, ()))
    head = f'class {error_class_name(e.code)}({", ".join(bases)}, code="{e.code}", category="{e.category}"):'
    lines = [head, f'    """{_docstring(e.doc)}"""']
    if e.fields:
        lines.append("")
    for f in e.fields:
        lines.append(f"    {attr_name(f.name)}: {_error_field_hint(f)}")
        if f.doc:
            lines.append(f'    """{_docstring(f.doc)}"""')
    return lines


def _error_field_hint(f: Field) -> str:
    t = f.type
    if isinstance(t, Seq) and isinstance(t.inner, Prim):
        return f"Tuple[{PRIM_RESULT[t.inner.name]}, ...]"
    if isinstance(t, Opt) and isinstance(t.inner, Prim):
        return f"Optional[{PRIM_RESULT[t.inner.name]}]"
    if isinstance(t, Prim):
        return PRIM_RESULT[t.name]
    raise ValueError(f"error field {f.name}: a shape errors do not use: {t}")


def _docstring(doc: str) -> str:
    text = first_line(doc).replace('"""', "'''").replace("\\", "\\\\")
    return text or "(no description)"


def emit_operations(contract: Contract, idiomatic: Set[str], known: Set[str]) -> str:
    out: List[str] = [HEADER.format(what="The operation table, and a method for each operation without an idiomatic one.")]
    out.append("from __future__ import annotations")
    out.append("")
    out.append("import datetime as _dt")
    out.append("from decimal import Decimal")
    out.append("from typing import TYPE_CHECKING, Any, Dict, Mapping, NamedTuple, Optional, Sequence, Tuple")
    out.append("")
    out.append("from ._codec import DecimalLike")
    out.append("from .values import Money, MoneyLike, Qty, QtyLike")
    used = sorted(
        {
            name
            for op in contract.operations
            if op.name not in idiomatic
            for name in _refs(op.output)
            if name in known
        }
    )
    if used:
        out.append("")
        out.append("if TYPE_CHECKING:  # pragma: no cover")
        out.append("    from . import (")
        out.extend(f"        {n}," for n in used)
        out.append("    )")
    out.append("")
    out.append("")
    out.append("class OperationSpec(NamedTuple):")
    out.append('    """One row of the core\'s operation table."""')
    out.append("")
    out.append("    name: str")
    out.append('    """The snake_case name, as in a scenario\'s `"do"`."""')
    out.append("    kind: str")
    out.append('    """`read`, `write`, `clock` or `pure`."""')
    out.append("    doc: str")
    out.append('    """What it does."""')
    out.append("    result: str")
    out.append('    """The Python type of its result, as an annotation."""')
    out.append("")
    out.append("")
    out.append("OPERATIONS: Tuple[OperationSpec, ...] = (")
    for op in contract.operations:
        out.append(
            f"    OperationSpec({op.name!r}, {op.kind!r}, {first_line(op.doc)!r}, {result_hint(op.output, known)!r}),"
        )
    out.append(")")
    out.append('"""Every operation of the core, in table order."""')
    out.append("")
    out.append("")
    out.append("class GeneratedOperations:")
    out.append('    """A method per operation that has no hand-written idiomatic method."""')
    out.append("")
    out.append("    def _run(self, name: str, args: Dict[str, Any]) -> Any:")
    out.append("        raise NotImplementedError  # the engine handle provides it")
    for op in contract.operations:
        if op.name in idiomatic:
            continue
        out.append("")
        out.extend(_method(op, contract, known))
    return "\n".join(out) + "\n"


def _refs(t: Type) -> List[str]:
    if isinstance(t, Ref):
        return [t.name]
    if isinstance(t, (Opt, Seq)):
        return _refs(t.inner)
    if isinstance(t, Map):
        return _refs(t.key) + _refs(t.value)
    return []


def _method(op: "object", contract: Contract, known: Set[str]) -> List[str]:
    from .schema import fields_of

    name = getattr(op, "name")
    input_t = getattr(op, "input")
    output_t = getattr(op, "output")
    params: List[str] = []
    encode: List[str] = []
    if isinstance(input_t, Ref):
        definition: Dict[str, object] = contract.defs.get(input_t.name, {})  # type: ignore[assignment]
        fields = fields_of(definition, input_t.name)  # type: ignore[arg-type]
        required = [f for f in fields if f.required]
        optional = [f for f in fields if not f.required]
        for f in required:
            params.append(f"{attr_name(f.name)}: {input_hint(f.type)}")
            encode.append(f'"{f.name}": {attr_name(f.name)}')
        if optional:
            params.append("*")
        for f in optional:
            hint = input_hint(f.type)
            if not hint.startswith("Optional["):
                hint = f"Optional[{hint}]"
            params.append(f"{attr_name(f.name)}: {hint} = None")
            encode.append(f'"{f.name}": {attr_name(f.name)}')
    signature = ", ".join(["self"] + params)
    result = result_hint(output_t, known)
    lines = [f"    def {name}({signature}) -> {result}:"]
    lines.append(f'        """{_docstring(getattr(op, "doc"))}"""')
    call = f'self._run("{name}", {{{", ".join(encode)}}})'
    if result == "Any":
        lines.append(f"        return {call}")
    else:
        # `_run` answers Any; the annotation says what this operation gives.
        lines.append(f"        result: {result} = {call}")
        lines.append("        return result")
    return lines


# --- records -------------------------------------------------------------------

# Definitions Python shows as something else than a record of their own.
RECORD_SPECIAL = {
    "ErrorReport": "LotwiseError",
    "Error": "LotwiseError",
    # One hand-written `Calendar` is both what a caller defines and what
    # the core answers.
    "WorkCalendar": "Calendar",
    "NewCalendar": "Calendar",
}
# Text types with hand-written classes in `values.py`.
TEXT_TYPES = {"Qty", "Money"}


def record_hint(t: Type) -> str:
    """A field's annotation in a generated record (string annotations, so a
    record may name one defined later or by hand)."""
    from .schema import Lit

    if isinstance(t, Prim):
        return PRIM_RESULT[t.name]
    if isinstance(t, Opt):
        return f"Optional[{record_hint(t.inner)}]"
    if isinstance(t, Seq):
        return f"Tuple[{record_hint(t.inner)}, ...]"
    if isinstance(t, Map):
        return f"Mapping[{record_hint(t.key)}, {record_hint(t.value)}]"
    if isinstance(t, Ref):
        return RECORD_SPECIAL.get(t.name, t.name)
    if isinstance(t, Lit):
        return "Literal[" + ", ".join(repr(v) for v in t.values) + "]"
    if isinstance(t, Tup):
        return "Tuple[" + ", ".join(record_hint(i) for i in t.items) + "]"
    return "None"


def output_closure(contract: Contract) -> List[str]:
    """Names of every definition an operation's answer (or an event) can
    contain, in `$defs` order."""
    from .schema import referenced

    roots: Set[str] = set()
    for op in contract.operations:
        roots.update(referenced(op.output))
    roots.add("Event")
    seen: Set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in contract.defs:
            continue
        seen.add(name)
        todo.extend(_refs_in(contract.defs[name]))
    return [n for n in contract.defs if n in seen]


def _refs_in(value: object) -> List[str]:
    out: List[str] = []
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            out.append(ref.rsplit("/", 1)[-1])
        for v in value.values():
            out.extend(_refs_in(v))
    elif isinstance(value, list):
        for v in value:
            out.extend(_refs_in(v))
    return out


def emit_records(contract: Contract, handwritten: Dict[str, str]) -> str:
    """`_records.py`: every record, enum and tagged enum an answer can hold,
    except those `handwritten` (name -> module) defines by hand."""
    from .schema import Enum, Record, Tagged, definition

    out: List[str] = [
        HEADER.format(
            what="lotwise's result records and enums, as frozen dataclasses and Literal types.\n\n"
            "Every record is immutable and compares by value; amounts are `Decimal` in the\n"
            "item's base unit unless typed `Qty`, days are `datetime.date`, instants aware\n"
            "`datetime.datetime` in UTC, sequences tuples. A class defined by hand in the\n"
            "facade (an input that is also a result, or one with behaviour) is not\n"
            "generated here; the facade's tests check it still fits the schema."
        )
    ]
    out.append("from __future__ import annotations")
    out.append("")
    out.append("import datetime as _dt")
    out.append("from dataclasses import dataclass, field")
    out.append("from decimal import Decimal")
    out.append("from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Tuple, Union")
    out.append("")
    out.append("from ._codec import tagged_json")
    names: List[str] = []
    bodies: List[List[str]] = []
    used_hand: Set[str] = set()
    for name in output_closure(contract):
        if name in handwritten or name in TEXT_TYPES or name in RECORD_SPECIAL:
            continue
        if name == "Event":
            event_names, event_body, event_hand = _event_classes(contract.defs[name], handwritten)
            names.extend(event_names)
            bodies.extend(event_body)
            used_hand.update(event_hand)
            continue
        d = definition(name, contract.defs[name])
        if d is None:
            continue
        names.append(name)
        if isinstance(d, Enum):
            bodies.append(_enum_alias(d))
        elif isinstance(d, Record):
            bodies.append(_record_class(d.name, d.doc, d.fields))
            used_hand.update(_hand_refs(d.fields, handwritten))
        elif isinstance(d, Tagged):
            bodies.append(_tagged_class(d))
            for _, _, fields in d.variants:
                used_hand.update(_hand_refs(fields, handwritten))
    out.append("")
    out.append("if TYPE_CHECKING:  # pragma: no cover")
    out.append("    from ._error_base import LotwiseError")
    out.append("    from .values import Money, Qty")
    by_module: Dict[str, List[str]] = {}
    for name in sorted(used_hand):
        by_module.setdefault(handwritten[name], []).append(name)
    for module, members in sorted(by_module.items()):
        out.append(f"    from .{module} import {', '.join(members)}")
    out.append("")
    out.append("__all__ = [")
    out.extend(f'    "{n}",' for n in names)
    out.append("]")
    for body in bodies:
        out.append("")
        out.append("")
        out.extend(body)
    return "\n".join(out) + "\n"


def _hand_refs(fields: List[Field], handwritten: Dict[str, str]) -> List[str]:
    from .schema import referenced

    names = [RECORD_SPECIAL.get(n, n) for f in fields for n in referenced(f.type)]
    return [n for n in names if n in handwritten]


def _doc_block(doc: str, indent: str) -> List[str]:
    """A docstring from a Rust doc comment: its prose, without code examples."""
    text = doc.split("```", 1)[0].strip().replace('"""', "'''").replace("\\", "\\\\")
    if not text:
        text = "(no description)"
    lines = text.splitlines()
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}'] + [f"{indent}{l}".rstrip() for l in lines[1:]] + [f'{indent}"""']


def _enum_alias(d: "object") -> List[str]:
    name = getattr(d, "name")
    values = getattr(d, "values")
    lines = [f"{name} = Literal[" + ", ".join(repr(v) for v, _ in values) + "]"]
    lines.extend(_doc_block(getattr(d, "doc"), ""))
    return lines


def _field_lines(f: Field, optional_default: bool) -> List[str]:
    hint = record_hint(f.type)
    attr = attr_name(f.name)
    if optional_default:
        if not hint.startswith("Optional["):
            hint = f"Optional[{hint}]"
        default = " = None" if attr == f.name else f' = field(default=None, metadata={{"json": "{f.name}"}})'
    else:
        default = "" if attr == f.name else f' = field(metadata={{"json": "{f.name}"}})'
    lines = [f"    {attr}: {hint}{default}"]
    if f.doc:
        lines.extend(_doc_block(f.doc, "    "))
    return lines


def _record_class(name: str, doc: str, fields: List[Field]) -> List[str]:
    lines = ["@dataclass(frozen=True)", f"class {name}:"]
    lines.extend(_doc_block(doc, "    "))
    if fields:
        lines.append("")
    for f in fields:
        lines.extend(_field_lines(f, optional_default=False))
    return lines


def _tagged_class(d: "object") -> List[str]:
    """A tagged enum as one record: the tag, then every variant's fields,
    absent (None) where the variant has none."""
    name = getattr(d, "name")
    tag = getattr(d, "tag")
    variants = getattr(d, "variants")
    merged: Dict[str, Field] = {}
    for _, _, fields in variants:
        for f in fields:
            if f.name in merged and record_hint(merged[f.name].type) != record_hint(f.type):
                raise ValueError(f"{name}.{f.name}: variants disagree on its type")
            merged.setdefault(f.name, f)
    doc = getattr(d, "doc").split("```", 1)[0].strip()
    listed = "\n".join(f"- ``{value}``: {first_line(vdoc)}" for value, vdoc, _ in variants)
    lines = ["@dataclass(frozen=True)", f"class {name}:"]
    lines.extend(_doc_block(f"{doc}\n\nBy `{tag}`:\n\n{listed}", "    "))
    lines.append("")
    tags = ", ".join(repr(v) for v, _, _ in variants)
    lines.append(f"    {attr_name(tag)}: Literal[{tags}]")
    for f in merged.values():
        lines.extend(_field_lines(f, optional_default=True))
    keys = ", ".join(
        f"{value!r}: (" + "".join(f"{f.name!r}, " for f in fields) + ")" for value, _, fields in variants
    )
    lines.append("")
    lines.append("    @staticmethod")
    lines.append(f"    def _to_json(value: {name}) -> Dict[str, Any]:")
    lines.append("        # Exactly the fields of the value's variant, as the core writes it.")
    lines.append(f'        return tagged_json(value, "{tag}", {{{keys}}})')
    return lines


def emit_stubtest_allowlist(records_source: str) -> str:
    """stubtest reports every Literal alias with several values as "is not a
    Union" (see stubtest-allowlist.txt for why they stay Literal aliases);
    this lists the generated ones, so a new enum in the core needs no hand edit."""
    names = []
    for line in records_source.splitlines():
        head, sep, _ = line.partition(" = Literal[")
        if sep and head.isidentifier() and line.count(",") >= 1:
            names.append(head)
    out = [
        "# Generated by scripts/generate.py from lotwise/_records.py: do not edit.",
        "# The generated Literal aliases (why they are allowed: stubtest-allowlist.txt).",
    ]
    out.extend(f"lotwise\\._records\\.{n}" for n in names)
    return "\n".join(out) + "\n"


def _event_classes(schema: Dict[str, object], handwritten: Dict[str, str]) -> "Tuple[List[str], List[List[str]], List[str]]":
    """The outbox event: one payload record per kind (`OrderShippedData`),
    the `EventKind` literal, and `Event` whose `data` is the payload its
    `kind` names (built natively by the result shape, see `_by_tag`)."""
    from .schema import fields_of

    names: List[str] = []
    bodies: List[List[str]] = []
    hand: List[str] = []
    kinds: List[Tuple[str, str]] = []
    for variant in schema["oneOf"]:  # type: ignore[union-attr]
        props = variant["properties"]  # type: ignore[index]
        kind = props["kind"]["const"]
        cls = camel(kind) + "Data"
        data_fields = fields_of(props["data"], cls)
        doc = variant.get("description", "")  # type: ignore[union-attr]
        bodies.append(_record_class(cls, f"The data of a `{kind}` event. {doc}", data_fields))
        hand.extend(_hand_refs(data_fields, handwritten))
        names.append(cls)
        kinds.append((kind, cls))
    names.append("EventKind")
    bodies.append(
        [f"EventKind = Literal[" + ", ".join(repr(k) for k, _ in kinds) + "]", '"""Every kind of event."""']
    )
    names.append("EventPayload")
    bodies.append(
        ["EventPayload = Union[", *[f"    {c}," for _, c in kinds], "]",
         '"""The data of any event; `Event.kind` says which."""']
    )
    fields = fields_of(schema, "Event")  # type: ignore[arg-type]
    lines = ["@dataclass(frozen=True)", "class Event:"]
    lines.extend(
        _doc_block(
            "An event of the outbox, written in the same transaction as its change.\n\n"
            "`data` is the typed payload of its `kind` (`OrderShippedData` for\n"
            "``order_shipped``, ...); `to_json` gives the core's JSON back.",
            "    ",
        )
    )
    lines.append("")
    by_name = {f.name: f for f in fields}
    for fname in ("seq", "at"):
        lines.extend(_field_lines(by_name[fname], optional_default=False))
    lines.append("    kind: EventKind")
    lines.append('    """What happened, e.g. ``order_shipped``."""')
    lines.extend(_field_lines(by_name["subject"], optional_default=False))
    lines.append("    data: EventPayload")
    lines.append('    """The payload: the `...Data` record of `kind`."""')
    lines.append("")
    lines.append("    # `data`'s record is chosen by `kind` (see `_codec`).")
    lines.append("    _by_tag: ClassVar[Mapping[str, Tuple[str, Mapping[str, type]]]] = {}")
    names.append("Event")
    bodies.append(lines)
    table = ", ".join(f"{k!r}: {c}" for k, c in kinds)
    bodies.append([f'Event._by_tag = {{"data": ("kind", {{{table}}})}}'])
    return names, bodies, hand
