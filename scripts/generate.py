#!/usr/bin/env python3
"""Generates every binding's contract code from `schema/lotwise.v1.json`.

    python3 scripts/generate.py           write the generated files
    python3 scripts/generate.py --check   fail (exit 1) when one is stale

The schema itself is written by the core (`scripts/generate.sh` does both).
Emitters live in `scripts/codegen/`, one per language, over one model of the
contract (`codegen/schema.py`).
"""

import ast
import sys
from pathlib import Path
from typing import Dict, Set

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from codegen import python as py  # noqa: E402
from codegen import typescript as ts  # noqa: E402
from codegen import uniffi  # noqa: E402
from codegen.schema import Contract, load  # noqa: E402

PY_PACKAGE = ROOT / "bindings-python" / "python" / "lotwise"
NODE_PACKAGE = ROOT / "bindings-node"


def python_exports() -> Set[str]:
    """The names `lotwise/__init__.py` exports (its `__all__`)."""
    tree = ast.parse((PY_PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return {elt.value for elt in node.value.elts if isinstance(elt, ast.Constant)}  # type: ignore[attr-defined]
    raise SystemExit("lotwise/__init__.py has no __all__")


GENERATED = {"errors.py", "_operations.py", "_records.py"}


def handwritten_classes() -> Dict[str, str]:
    """Classes and type aliases the facade defines by hand, name -> module:
    the generator leaves those to the facade."""
    found: Dict[str, str] = {}
    for path in sorted(PY_PACKAGE.glob("*.py")):
        if path.name in GENERATED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                found[node.name] = path.stem
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, path.stem)
    return found


def generated_names(records_source: str) -> Set[str]:
    """The `__all__` of a generated `_records.py`."""
    tree = ast.parse(records_source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return {elt.value for elt in node.value.elts if isinstance(elt, ast.Constant)}  # type: ignore[attr-defined]
    return set()


BEGIN = "# BEGIN generated exports"
END = "# END generated exports"


def with_exports(init_source: str, names: "list[str]") -> str:
    """`__init__.py` with its marked region listing the generated names in
    `__all__` (a literal, so type checkers and stubtest read it)."""
    head, found, rest = init_source.partition(BEGIN)
    if not found:
        raise SystemExit(f"lotwise/__init__.py has no `{BEGIN}` line")
    marker_line, _, rest = rest.partition("\n")
    _, found, tail = rest.partition(END)
    if not found:
        raise SystemExit(f"lotwise/__init__.py has no `{END}` line")
    body = "__all__ += [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n"
    return head + BEGIN + marker_line + "\n" + body + END + tail


def idiomatic_ops() -> Set[str]:
    path = ROOT / "bindings-python" / "idiomatic.txt"
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def swift_kotlin_outputs(contract: Contract) -> Dict[Path, str]:
    """The Rust items UniFFI makes the Swift and Kotlin bindings from
    (see bindings-swift/README.md)."""
    gen = ROOT / "bindings-swift" / "src" / "generated"
    return {
        gen / "records.rs": uniffi.emit_records(contract),
        gen / "errors.rs": uniffi.emit_errors(contract),
        gen / "operations.rs": uniffi.emit_operations(contract),
    }


def outputs() -> Dict[Path, str]:
    contract = load(ROOT / "schema" / "lotwise.v1.json")
    records = py.emit_records(contract, handwritten_classes())
    # `lotwise` exports its hand-written names and every generated record.
    known = python_exports() | generated_names(records)
    init = PY_PACKAGE / "__init__.py"
    return {
        init: with_exports(init.read_text(encoding="utf-8"), sorted(generated_names(records))),
        PY_PACKAGE / "errors.py": py.emit_errors(contract),
        PY_PACKAGE / "_operations.py": py.emit_operations(contract, idiomatic_ops(), known),
        PY_PACKAGE / "_records.py": records,
        ROOT / "bindings-python" / "stubtest-allowlist.generated.txt": py.emit_stubtest_allowlist(records),
        NODE_PACKAGE / "index.d.ts": ts.emit_declarations(contract),
        NODE_PACKAGE / "errors.js": ts.emit_errors(contract),
        NODE_PACKAGE / "operations.js": ts.emit_operations(contract),
        **swift_kotlin_outputs(contract),
    }


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            stale.append(path.relative_to(ROOT))
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        names = ", ".join(str(p) for p in stale)
        print(f"generated files are stale: {names}; run scripts/generate.sh", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
