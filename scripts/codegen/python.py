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

from .schema import Contract, ErrorCode, Field, Map, Opt, Prim, Ref, Seq, Type, Unit, camel, first_line

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
