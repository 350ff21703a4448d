"""The Python binding covers the whole contract in schema/lotwise.v1.json:
every operation is a method of `lotwise.Lotwise`, every error code has its
exception class, the generated files are current, and the generic doors
(`execute`, `execute_json`) answer like the methods. Everything is enumerated
from the schema file, not from a hand list."""

import datetime as dt
import inspect
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any, Dict, List

import pytest

import lotwise
from lotwise import FixedClock, Lotwise
from lotwise._operations import GeneratedOperations

from conftest import REPO, T0

SCHEMA: Dict[str, Any] = json.loads((REPO / "schema" / "lotwise.v1.json").read_text())
OPERATIONS: List[Dict[str, Any]] = SCHEMA["operations"]
ERRORS: List[Dict[str, Any]] = SCHEMA["errors"]
IDIOMATIC = {
    line.split("#", 1)[0].strip()
    for line in (REPO / "bindings-python" / "idiomatic.txt").read_text().splitlines()
} - {""}


def test_the_generated_files_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("op", OPERATIONS, ids=[op["name"] for op in OPERATIONS])
def test_every_operation_is_a_method_of_lotwise(op: Dict[str, Any]) -> None:
    method = getattr(Lotwise, op["name"], None)
    assert method is not None, f"lotwise.Lotwise has no `{op['name']}`"
    if isinstance(method, property):
        return  # `backend` reads as an attribute
    assert callable(method)
    generated = op["name"] in vars(GeneratedOperations)
    if op["name"] in IDIOMATIC:
        assert not generated, f"{op['name']} is listed as idiomatic but generated"
        owner = next(k for k in Lotwise.__mro__ if op["name"] in vars(k))
        assert owner is not GeneratedOperations
    else:
        assert generated, f"{op['name']} is neither generated nor listed in idiomatic.txt"


def test_the_python_table_matches_the_schema() -> None:
    assert [op.name for op in lotwise.OPERATIONS] == [op["name"] for op in OPERATIONS]
    assert [op.kind for op in lotwise.OPERATIONS] == [op["kind"] for op in OPERATIONS]
    assert IDIOMATIC <= {op["name"] for op in OPERATIONS}, "idiomatic.txt names an unknown operation"


@pytest.mark.parametrize("error", ERRORS, ids=[e["code"] for e in ERRORS])
def test_every_error_code_has_its_class(error: Dict[str, Any]) -> None:
    cls = lotwise.error_class(error["code"])
    assert cls is not lotwise.LotwiseError, f"no class for {error['code']}"
    assert issubclass(cls, lotwise.LotwiseError)
    assert cls.__name__ in lotwise.__all__
    family = {"not_found": LookupError, "invalid": ValueError, "storage": lotwise.StorageError}
    expected = family.get(error["category"])
    if expected is not None:
        assert issubclass(cls, expected), f"{cls.__name__} is not a {expected.__name__}"
    # Building one from the core's fields gives typed attributes.
    sample = {name: _sample(schema) for name, schema in error["fields"].items()}
    e = cls("a message", sample, error["code"])
    assert e.code == error["code"] and e.category == error["category"]
    assert e.retryable == (error["category"] == "retryable")
    for name, schema in error["fields"].items():
        attr = name + "_" if name in ("from", "class", "in", "is") else name
        value = getattr(e, attr)
        if schema.get("format") == "decimal":
            assert isinstance(value, Decimal)
        elif schema.get("format") == "date":
            assert isinstance(value, dt.date)


def _sample(schema: Dict[str, Any]) -> Any:
    kind = schema.get("type")
    if schema.get("format") == "decimal":
        return "1.5"
    if schema.get("format") == "date":
        return "2026-03-02"
    if kind == "integer" or kind == ["integer", "null"]:
        return 3
    if kind == "array":
        return ["A", "B"]
    return "text"


def test_storage_codes_are_storage_errors(tmp_path: Any) -> None:
    """Opening a file that is no database raises a `StorageError` subclass
    with its own code, not a bare `LotwiseError`."""
    text = tmp_path / "notes.txt"
    text.write_text("shopping list: wax, wicks, jars\n" * 50)
    with pytest.raises(lotwise.StorageError) as caught:
        lotwise.open(str(text))
    assert type(caught.value) is lotwise.UnrecognizedDatabase
    assert caught.value.code == "unrecognized_database"
    assert caught.value.location == str(text)


@pytest.fixture
def fixed() -> Lotwise:
    return lotwise.open(":memory:", clock=FixedClock(T0))


def test_execute_answers_like_the_method(fixed: Lotwise) -> None:
    item = fixed.execute("define_item", {"sku": "WAX", "name": "Soy wax", "kind": "material", "uom": "kg"})
    assert item == fixed.item("WAX")
    fixed.receive("WAX", "2.5 kg", lot="L1")
    level = fixed.execute("stock", {"sku": "WAX"})
    assert level == fixed.stock("WAX")
    assert level.available == Decimal("2500")
    with pytest.raises(lotwise.UnknownSku) as caught:
        fixed.execute("stock", {"sku": "NOPE"})
    assert caught.value.sku == "NOPE"
    with pytest.raises(lotwise.InvalidInput) as bad:
        fixed.execute("teleport", {})
    assert bad.value.field == "do"


def test_a_bad_enum_value_names_the_allowed_values(fixed: Lotwise) -> None:
    with pytest.raises(lotwise.InvalidInput) as bad:
        fixed.execute("define_item", {"sku": "W", "name": "W", "kind": "materials", "uom": "kg"})
    assert bad.value.field == "args.kind"
    assert "material" in bad.value.reason and "packaging" in bad.value.reason


def test_execute_json_is_the_text_door(fixed: Lotwise) -> None:
    ok = json.loads(fixed.execute_json('{"do": "define_item", "args": {"sku": "JAR", "name": "Jar", "kind": "packaging", "uom": "pcs"}}'))
    assert ok["ok"]["sku"] == "JAR"
    refused = json.loads(fixed.execute_json('{"do": "item", "args": {"sku": "NOPE"}}'))
    assert refused["error"] == {"code": "unknown_sku", "sku": "NOPE", "message": "unknown sku `NOPE`"}
    broken = json.loads(fixed.execute_json("{not json"))
    assert broken["error"]["code"] == "invalid_input"


def test_generated_methods_work(fixed: Lotwise) -> None:
    """Operations without an idiomatic method are still typed methods."""
    assert fixed.parse_qty("2.50 kg") == lotwise.Qty(Decimal("2.5"), "kg")
    assert fixed.advance_days(2) == T0 + dt.timedelta(days=2)
    assert fixed.now() == T0 + dt.timedelta(days=2)
    assert fixed.set_clock(T0) == T0
    svg = fixed.schedule_svg(T0, T0 + dt.timedelta(days=7))
    assert svg.startswith("<svg")
    assert fixed.available_to_sell() == ()
    with pytest.raises(lotwise.InvalidInput):
        lotwise.open(":memory:").advance_days(1)  # a system clock does not move
    params = inspect.signature(Lotwise.schedule_svg).parameters
    assert list(params) == ["self", "from_", "to"]


def test_any_backend_takes_a_fixed_clock(tmp_path: Any) -> None:
    lw = lotwise.open(str(tmp_path / "shop.db"), clock=FixedClock(T0))
    assert lw.backend == "sqlite"
    assert lw.now() == T0


def _output_definitions() -> List[str]:
    sys.path.insert(0, str(REPO / "scripts"))
    from codegen.python import output_closure  # type: ignore[import-not-found]
    from codegen.schema import load  # type: ignore[import-not-found]

    return list(output_closure(load(REPO / "schema" / "lotwise.v1.json")))


OUTPUT_DEFS = _output_definitions()
SPECIAL = {"ErrorReport", "Error", "WorkCalendar", "NewCalendar", "Qty", "Money"}


@pytest.mark.parametrize("name", [n for n in OUTPUT_DEFS if n not in SPECIAL])
def test_every_result_type_is_in_python_and_fits_the_schema(name: str) -> None:
    """Generated or written by hand, every record an answer can hold exists
    in `lotwise`, with the schema's fields in its order; every enum lists the
    schema's values. A hand-written class cannot drift from the core."""
    import dataclasses
    import typing

    from lotwise._codec import json_name

    definition = SCHEMA["$defs"][name]
    found = getattr(lotwise, name, None) or getattr(lotwise._records, name, None)
    assert found is not None, f"lotwise has no `{name}`"
    if name == "Event":  # `kind` and `data` come from its tagged payload
        fields = [json_name(f) for f in dataclasses.fields(found)]
        assert fields == ["seq", "at", "kind", "subject", "data"]
    elif "properties" in definition and "oneOf" not in definition:
        assert dataclasses.is_dataclass(found)
        fields = [json_name(f) for f in dataclasses.fields(found)]
        if not found.__dataclass_params__.init:  # type: ignore[attr-defined]
            # An input with its own constructor (required arguments first).
            assert sorted(fields) == sorted(definition["properties"]), name
        else:
            assert fields == list(definition["properties"]), name
    elif all("const" in o and o.get("type") == "string" for o in definition.get("oneOf", [{}])):
        assert typing.get_args(found) == tuple(o["const"] for o in definition["oneOf"])
    else:  # a tagged enum flattened into one record: the tag, then every field
        tag = next(k for k, v in definition["oneOf"][0]["properties"].items() if "const" in v)
        fields = [json_name(f) for f in dataclasses.fields(found)]
        assert fields[0] == tag
        expected = []
        for variant in definition["oneOf"]:
            expected += [k for k in variant["properties"] if k != tag and k not in expected]
        assert fields[1:] == expected, name
