"""Emits the generated half of the Node binding from the contract.

* `bindings-node/index.d.ts`: the whole typed surface of the `lotwise` npm
  package: the `Lotwise` class with one method per operation (and its
  `…Async` twin), an interface per record, a union of string literals per
  enum, a discriminated union per tagged enum, and one error class per code.
* `bindings-node/errors.js`: those error classes, under `LotwiseError`, with
  `code`, `category`, `fields` and each field as a property.
* `bindings-node/operations.js`: the operation table (name, method name,
  kind, whether it takes args), from which `index.js` installs the methods.

Names, decided once (see bindings-node/README.md): a method is the
operation's name in camelCase (`place_order` -> `placeOrder`), its async twin
adds `Async`; it takes the operation's `args` as one object, exactly as the
schema spells it (snake_case keys), and answers the schema's JSON (snake_case
keys). An error class is the code in CamelCase plus `Error`
(`unknown_sku` -> `UnknownSkuError`). Decimals, quantities, money, dates and
instants are strings (aliases below say which); integers are numbers.
"""

import json
from typing import Any, Dict, List

from .schema import (
    Contract,
    Enum,
    Lit,
    Map,
    Opt,
    Prim,
    Record,
    Ref,
    SchemaError,
    Seq,
    Tagged,
    Tup,
    Type,
    Unit,
    camel,
    definition,
    fields_of,
    to_type,
)

HEADER = """// {what}
//
// Generated from schema/lotwise.v1.json by scripts/generate.py: do not edit;
// run `scripts/generate.sh` after changing the core's command layer.
"""

# How a primitive of the contract reads in TypeScript: every exact value is
# a string (a JS number would lose digits), under an alias that says which.
PRIM = {
    "string": "string",
    "integer": "number",
    "boolean": "boolean",
    "decimal": "Decimal",
    "qty": "Qty",
    "money": "Money",
    "date": "DateString",
    "instant": "Instant",
    "time": "TimeOfDay",
    "json": "unknown",
}

# Properties every JS `Error` has: an error field of that name would hide them.
ERROR_RESERVED = {"name", "message", "stack", "cause", "code", "category", "fields", "retryable"}

# Error classes whose plain name would read oddly (`Storage`, `Internal`).
ERROR_CLASS_NAMES = {"storage": "StorageError", "internal": "InternalError"}


def method_name(op: str) -> str:
    """`place_order` -> `placeOrder`."""
    head, *rest = op.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def error_class_name(code: str) -> str:
    return ERROR_CLASS_NAMES.get(code, camel(code) + "Error")


def _doc(text: str, indent: str = "") -> List[str]:
    """A JSDoc comment from a doc string (empty when there is none)."""
    lines = [ln.rstrip() for ln in text.strip().splitlines()]
    if not lines:
        return []
    safe = [ln.replace("*/", "*\\/") for ln in lines]
    if len(safe) == 1:
        return [f"{indent}/** {safe[0]} */"]
    return [f"{indent}/**"] + [f"{indent} * {ln}".rstrip() for ln in safe] + [f"{indent} */"]


def _key(name: str) -> str:
    return name if name.isidentifier() else json.dumps(name)


def ts_type(t: Type) -> str:
    """A type of the model as TypeScript."""
    if isinstance(t, Prim):
        return PRIM[t.name]
    if isinstance(t, Opt):
        return f"{ts_type(t.inner)} | null"
    if isinstance(t, Seq):
        inner = ts_type(t.inner)
        return f"Array<{inner}>" if "|" in inner or "&" in inner else f"{inner}[]"
    if isinstance(t, Map):
        return f"Record<string, {ts_type(t.value)}>"
    if isinstance(t, Ref):
        return t.name
    if isinstance(t, Unit):
        return "null"
    if isinstance(t, Lit):
        return " | ".join(json.dumps(v) for v in t.values)
    if isinstance(t, Tup):
        return "[" + ", ".join(ts_type(i) for i in t.items) + "]"
    raise SchemaError(f"no TypeScript for {t}")


def ts_node(schema: Any, where: str) -> str:
    """A schema node as TypeScript: through the model, or, for the shapes
    the model leaves to emitters (objects written in place, unions of
    objects), straight from the node."""
    try:
        return ts_type(to_type(schema, where))
    except SchemaError:
        pass
    if isinstance(schema, dict) and "oneOf" in schema:
        return "(" + " | ".join(ts_node(o, where) for o in schema["oneOf"]) + ")"
    if isinstance(schema, dict) and "allOf" in schema:
        return " & ".join(ts_node(o, where) for o in schema["allOf"])
    if isinstance(schema, dict) and schema.get("type") == "object" and "properties" in schema:
        required = set(schema.get("required", []))
        parts = []
        for name, sub in schema["properties"].items():
            mark = "" if name in required else "?"
            parts.append(f"{_key(name)}{mark}: {ts_node(sub, f'{where}.{name}')}")
        return "{ " + "; ".join(parts) + " }"
    raise SchemaError(f"{where}: no TypeScript for {schema}")


def _fields(fields: list, indent: str = "  ") -> List[str]:
    out: List[str] = []
    for f in fields:
        out.extend(_doc(f.doc, indent))
        mark = "" if f.required else "?"
        out.append(f"{indent}{_key(f.name)}{mark}: {ts_type(f.type)};")
    return out


def _definition(name: str, schema: Dict[str, Any]) -> List[str]:
    d = definition(name, schema)
    doc = _doc(schema.get("description", ""))
    if isinstance(d, Record):
        body = _fields(d.fields)
        return doc + [f"export interface {name} {{"] + body + ["}"]
    if isinstance(d, Enum):
        values = " | ".join(json.dumps(v) for v, _ in d.values)
        return doc + [f"export type {name} = {values};"]
    if isinstance(d, Tagged):
        out = doc + [f"export type {name} ="]
        for tag_value, vdoc, fields in d.variants:
            out.extend(_doc(vdoc, "  "))
            inner = [f"{_key(d.tag)}: {json.dumps(tag_value)}"]
            inner += [f"{_key(f.name)}{'' if f.required else '?'}: {ts_type(f.type)}" for f in fields]
            out.append("  | { " + "; ".join(inner) + " }")
        out[-1] += ";"
        return out
    # Text types (`Qty`, `Money`), empty records and records with variants.
    if schema.get("type") == "string":
        return doc + [f"export type {name} = string;"]
    if schema.get("type") == "object" and "properties" not in schema:
        return doc + [f"export type {name} = Record<string, never>;"]
    if "properties" in schema and "oneOf" in schema:
        base = fields_of(schema, name)
        head = "{ " + "; ".join(
            f"{_key(f.name)}{'' if f.required else '?'}: {ts_type(f.type)}" for f in base
        ) + " }"
        variants = [ts_node(o, f"{name}[{i}]") for i, o in enumerate(schema["oneOf"])]
        return doc + [f"export type {name} = {head} & ("] + [f"  | {v}" for v in variants] + [");"]
    raise SchemaError(f"{name}: a definition TypeScript has no shape for")


def _takes_args(input_type: Type) -> bool:
    return not (isinstance(input_type, Ref) and input_type.name == "NoArgs")


CLASS_HEAD = """\
/** Options of `Lotwise.open`. */
export interface OpenOptions {
  /**
   * Run on a fixed clock starting at this instant (moved only by
   * `advanceDays` and `setClock`), for tests and replays; the system clock
   * when absent.
   */
  clock?: Instant | Date | null;
}

/**
 * The lotwise engine over one store. Every operation of the command layer
 * is a method: synchronous on the JS thread, and an `…Async` twin that runs
 * on the libuv thread pool and returns a Promise. Errors are thrown (or
 * rejected) as the `LotwiseError` subclass of their code.
 */
export declare class Lotwise {
  private constructor();
  /**
   * Opens a store by URL: `":memory:"` (the default), a SQLite file path,
   * or `postgres://…`.
   */
  static open(url?: string, options?: OpenOptions): Lotwise;
  /** `open` off the JS thread. */
  static openAsync(url?: string, options?: OpenOptions): globalThis.Promise<Lotwise>;
  /** Runs any operation by its snake_case name with its `args`. */
  execute(name: OperationName, args?: object | null): unknown;
  /** `execute` off the JS thread. */
  executeAsync(name: OperationName, args?: object | null): globalThis.Promise<unknown>;
  /**
   * `{"do": name, "args": {...}}` JSON text in, `{"ok": ...}` or
   * `{"error": {...}}` JSON text out; never throws for a refused command.
   */
  executeJson(command: string): string;
  /**
   * Closes the store once no async call still runs on it; later calls
   * throw a `StorageError`.
   */
  close(): void;
  /** Whether `close` was called. */
  readonly closed: boolean;
"""

ERRORS_HEAD = """\
/** Every error code. */
export type ErrorCode = {codes};

/** The family an error code belongs to. */
export type ErrorCategory = "not_found" | "invalid" | "refused" | "retryable" | "storage" | "internal";

/** An error as data: its code, its message and its fields. */
export interface ErrorDetail {{
  code: ErrorCode;
  message: string;
  [field: string]: unknown;
}}

/**
 * Every error lotwise throws: `code` (stable, snake_case), `category`,
 * `message` (for people) and the error's fields, both as properties and
 * together in `fields`.
 */
export declare class LotwiseError extends Error {{
  constructor(detail: ErrorDetail);
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Whether the same call may succeed if simply retried. */
  readonly retryable: boolean;
}}

/** The error class of a code (`LotwiseError` for a code this version lacks). */
export declare function errorClass(code: string): typeof LotwiseError;
"""


def emit_declarations(contract: Contract) -> str:
    out: List[str] = [HEADER.format(what="The typed surface of the `lotwise` npm package.")]
    out.append("/** An exact decimal as text: `\"4896\"`, `\"2.5\"`. A JS number is refused. */")
    out.append("export type Decimal = string;")
    out.append("/** A day, `\"2026-03-09\"`. */")
    out.append("export type DateString = string;")
    out.append("/** An instant, RFC 3339 in UTC: `\"2026-03-02T09:00:00Z\"`. */")
    out.append("export type Instant = string;")
    out.append("/** A time of day, `\"08:00:00\"`. */")
    out.append("export type TimeOfDay = string;")
    out.append("")
    names = " | ".join(json.dumps(op.name) for op in contract.operations)
    out.append("/** Every operation's snake_case name. */")
    out.append(f"export type OperationName = {names};")
    out.append("")
    out.append("/** One row of the operation table. */")
    out.append("export interface OperationSpec {")
    out.append("  readonly name: OperationName;")
    out.append("  readonly method: string;")
    out.append('  readonly kind: "read" | "write" | "clock" | "pure";')
    out.append("  readonly takesArgs: boolean;")
    out.append("  readonly doc: string;")
    out.append("}")
    out.append("/** Every operation, in the core's table order. */")
    out.append("export declare const OPERATIONS: readonly OperationSpec[];")
    out.append("")
    out.append(CLASS_HEAD.rstrip("\n"))
    for op in contract.operations:
        name = method_name(op.name)
        result = ts_type(op.output)
        params = f"args: {ts_type(op.input)}" if _takes_args(op.input) else ""
        out.append("")
        out.extend(_doc(op.doc, "  "))
        out.append(f"  {name}({params}): {result};")
        out.append(f"  /** `{name}` off the JS thread. */")
        out.append(f"  {name}Async({params}): globalThis.Promise<{result}>;")
    out.append("}")
    out.append("")
    codes = " | ".join(json.dumps(e.code) for e in contract.errors)
    out.append(ERRORS_HEAD.format(codes=codes).rstrip("\n"))
    # `storage` is also the base of the other storage codes: its declared
    # code is theirs too, and its own fields may be absent on them.
    family = [e.code for e in contract.errors if e.category == "storage"]
    for e in _storage_first(contract):
        cls = error_class_name(e.code)
        base = _error_base(e)
        is_base = e.code == "storage"
        out.append("")
        out.extend(_doc(e.doc))
        out.append(f"export declare class {cls} extends {base} {{")
        codes = family if is_base else [e.code]
        out.append(f"  readonly code: {' | '.join(json.dumps(c) for c in codes)};")
        for f in e.fields:
            out.extend(_doc(f.doc, "  "))
            out.append(f"  readonly {_key(f.name)}{'?' if is_base else ''}: {ts_type(f.type)};")
        fields = "; ".join(f"{_key(f.name)}: {ts_type(f.type)}" for f in e.fields)
        if is_base or not fields:
            out.append("  readonly fields: Readonly<Record<string, unknown>>;")
        else:
            out.append(f"  readonly fields: Readonly<{{ {fields} }}>;")
        out.append("}")
    out.append("")
    for name, schema in contract.defs.items():
        if name == "Error":
            continue  # the error classes above are its typed form
        out.extend(_definition(name, schema))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _storage_first(contract: Contract) -> list:
    return sorted(contract.errors, key=lambda e: e.code != "storage")


def _error_base(e: Any) -> str:
    if e.category == "storage" and e.code != "storage":
        return "StorageError"
    return "LotwiseError"


def emit_errors(contract: Contract) -> str:
    for e in contract.errors:
        clash = ERROR_RESERVED & {f.name for f in e.fields}
        if clash:
            raise SchemaError(f"error {e.code}: a field named {sorted(clash)} would hide a property of Error")
    out: List[str] = [HEADER.format(what="One Error subclass per error code of lotwise.")]
    out.append("'use strict';")
    out.append("")
    out.append("const { LotwiseError, register } = require('./error_base.js');")
    out.append("")
    for e in _storage_first(contract):
        cls = error_class_name(e.code)
        out.extend(_doc(e.doc))
        out.append(f"class {cls} extends {_error_base(e)} {{}}")
        out.append(f"register({cls}, {json.dumps(e.code)}, {json.dumps(e.category)});")
        out.append("")
    names = ["LotwiseError"] + [error_class_name(e.code) for e in _storage_first(contract)]
    out.append("module.exports = {")
    out.extend(f"  {n}," for n in names)
    out.append("};")
    return "\n".join(out) + "\n"


def emit_operations(contract: Contract) -> str:
    out: List[str] = [HEADER.format(what="The operation table: every method of `Lotwise` comes from a row.")]
    out.append("'use strict';")
    out.append("")
    out.append("/** name, method, kind, whether it takes args, doc. */")
    out.append("const OPERATIONS = Object.freeze([")
    for op in contract.operations:
        row = {
            "name": op.name,
            "method": method_name(op.name),
            "kind": op.kind,
            "takesArgs": _takes_args(op.input),
            "doc": op.doc.strip(),
        }
        out.append(f"  Object.freeze({json.dumps(row, ensure_ascii=False)}),")
    out.append("]);")
    out.append("")
    out.append("module.exports = { OPERATIONS };")
    return "\n".join(out) + "\n"
