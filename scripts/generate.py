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
from codegen.schema import load  # noqa: E402

PY_PACKAGE = ROOT / "bindings-python" / "python" / "lotwise"


def python_exports() -> Set[str]:
    """The names `lotwise/__init__.py` exports (its `__all__`)."""
    tree = ast.parse((PY_PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return {elt.value for elt in node.value.elts if isinstance(elt, ast.Constant)}  # type: ignore[attr-defined]
    raise SystemExit("lotwise/__init__.py has no __all__")


def idiomatic_ops() -> Set[str]:
    path = ROOT / "bindings-python" / "idiomatic.txt"
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def outputs() -> Dict[Path, str]:
    contract = load(ROOT / "schema" / "lotwise.v1.json")
    known = python_exports()
    return {
        PY_PACKAGE / "errors.py": py.emit_errors(contract),
        PY_PACKAGE / "_operations.py": py.emit_operations(contract, idiomatic_ops(), known),
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
