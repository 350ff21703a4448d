"""What a new Python user reaches for: a star import that keeps the builtins,
arithmetic on quantities and money, readable records, `with lotwise.open()`,
enum mistakes that say what is allowed, a typed channel order, and import
rejections with their field."""

import ast
import builtins
import dataclasses
import datetime as dt
import importlib
import inspect
import json
import pickle
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, Callable, Dict, List, Literal, Tuple, Union, get_args, get_origin, get_type_hints

import pytest

import lotwise
from lotwise import (
    ChannelOrder,
    Customer,
    CurrencyMismatch,
    DeskQuery,
    InvalidInput,
    Lotwise,
    Money,
    NewOrder,
    NewOrderLine,
    Qty,
    UnitMismatch,
    _display,
    _native,
)
from lotwise.values import _UNITS, _BASE_UNITS

from conftest import CANDLE, JAR, REPO, WAX

FIXTURES = REPO / "core" / "tests" / "fixtures" / "channels"
DISPLAY_REF = "#1042"  # the Shopify `name` of orders_create_multi.json
RECORD_MODULES = ("_records", "types", "inputs", "planning", "purchasing", "locations", "returns", "desk", "channels")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# --- 1. `from lotwise import *` keeps the builtins ---------------------------------


def test_star_import_keeps_the_builtin_open() -> None:
    namespace: Dict[str, Any] = {}
    exec("from lotwise import *", namespace)
    assert "Lotwise" in namespace and "Qty" in namespace
    assert "open" not in namespace
    assert eval("open", namespace) is builtins.open
    namespace = {}
    exec("from lotwise.engine import *", namespace)
    assert eval("open", namespace) is builtins.open
    # The attribute stays.
    with lotwise.open(":memory:") as lw:
        assert isinstance(lw, Lotwise)


def test_no_public_name_shadows_a_builtin() -> None:
    for name in ("lotwise", "lotwise.engine", "lotwise.values", "lotwise.errors", "lotwise.frames",
                 *(f"lotwise.{m}" for m in RECORD_MODULES)):
        module = importlib.import_module(name)
        shadowing = [n for n in getattr(module, "__all__", ()) if hasattr(builtins, n)]
        assert shadowing == [], name


# --- 2. quantities and money --------------------------------------------------------


def test_quantities_add_and_subtract_exactly_within_a_dimension() -> None:
    assert Qty("1", "kg") + Qty("250", "g") == Qty("1250", "g")
    # The sum is in the finer unit, so nothing is rounded.
    total = Qty("1", "kg") + Qty("1", "mg")
    assert (total.value, total.uom) == (Decimal("1000001"), "mg")
    assert Qty("0.1", "kg") + Qty("0.2", "kg") == Qty("0.3", "kg")
    diff = Qty("1", "l") - Qty("1500", "ml")
    assert (diff.value, diff.uom) == (Decimal("-500"), "ml")
    assert Qty("12", "pcs") - Qty("12", "pcs") == Qty("0", "pcs")
    assert sum([Qty("1", "kg"), Qty("2", "kg"), Qty("500", "g")], Qty(0, "g")) == Qty("3.5", "kg")
    assert type((Qty("1", "kg") + Qty("1", "kg")).value) is Decimal


def test_quantities_compare_across_units_and_hash_alike() -> None:
    assert Qty("2.5", "kg") == Qty("2500", "g") == Qty("2500000", "mg")
    assert Qty("1", "l") != Qty("999", "ml")
    assert Qty("1", "l") > Qty("999", "ml") >= Qty("999", "ml")
    assert Qty("1", "mg") < Qty("1", "g") <= Qty("0.001", "kg")
    assert sorted([Qty("1", "kg"), Qty("20", "g"), Qty("3", "mg")]) == [Qty("3", "mg"), Qty("20", "g"), Qty("1", "kg")]
    equal = [Qty("2", "kg"), Qty("2.000", "kg"), Qty("2000", "g"), Qty("2000000", "mg")]
    assert len({hash(q) for q in equal}) == 1 and len(set(equal)) == 1
    assert {Qty("1", "l"): "a"}[Qty("1000", "ml")] == "a"


def test_quantities_of_two_dimensions_do_not_mix() -> None:
    for op in (lambda: Qty("1", "kg") + Qty("1", "l"), lambda: Qty("1", "kg") - Qty("1", "pcs"),
               lambda: Qty("1", "kg") < Qty("1", "l"), lambda: Qty("1", "pcs") >= Qty("1", "g")):
        with pytest.raises(UnitMismatch) as info:
            op()
        assert info.value.code == "unit_mismatch"
    with pytest.raises(UnitMismatch) as named:
        Qty("1", "kg") + Qty("1", "l")
    assert (named.value.expected, named.value.got) == ("mass", "l")
    # Equality answers, as `==` must: 1 kg is not 1 l.
    assert Qty("1", "kg") != Qty("1", "l")
    assert Qty("1", "kg") not in [Qty("1", "l"), Qty("1", "pcs")]


def test_bare_numbers_do_not_add_to_quantities_or_money() -> None:
    numbers: List[Any] = [1, 0, 2.5, Decimal("1"), "1 kg"]
    for n in numbers:
        makes: List[Callable[[], Any]] = [
            lambda: Qty("1", "kg") + n, lambda: n + Qty("1", "kg"), lambda: Qty("1", "kg") - n,
            lambda: Money("1", "USD") + n, lambda: n - Money("1", "USD"), lambda: Qty("1", "kg") < n,
        ]
        for make in makes:
            with pytest.raises(TypeError):
                make()
    assert Qty("1", "kg") != 1 and Money("1", "USD") != Decimal(1)
    with pytest.raises(TypeError):
        Qty("1", "kg") + Money("1", "USD")  # type: ignore[operator]
    with pytest.raises(TypeError):
        sum([Qty("1", "kg")])  # type: ignore[list-item]  # no start: 0 has no unit


def test_money_adds_and_compares_within_one_currency() -> None:
    assert Money("18.00", "USD") + Money("0.5", "usd") == Money("18.50", "USD")
    assert Money("10", "EUR") - Money("12.25", "EUR") == Money("-2.25", "EUR")
    assert Money("1", "USD") < Money("1.01", "USD") <= Money("1.010", "USD")
    assert Money("2", "USD") > Money("1.99", "USD") >= Money("1.99", "USD")
    assert hash(Money("18.00", "USD")) == hash(Money("18", "USD"))
    with pytest.raises(CurrencyMismatch) as info:
        Money("1", "USD") + Money("1", "EUR")
    assert (info.value.code, info.value.expected, info.value.got) == ("currency_mismatch", "USD", "EUR")
    for op in (lambda: Money("1", "USD") - Money("1", "EUR"), lambda: Money("1", "USD") < Money("1", "EUR"),
               lambda: Money("1", "USD") >= Money("1", "EUR")):
        with pytest.raises(CurrencyMismatch):
            op()
    assert Money("1", "USD") != Money("1", "EUR")


def test_the_unit_table_agrees_with_the_core() -> None:
    uoms = get_args(lotwise.Uom)
    # The table knows every code, and the symbol quantities write "fl_oz" in.
    assert set(_UNITS) == set(uoms) | {"fl oz"}
    assert set(_BASE_UNITS.values()) <= set(uoms)
    for a in uoms:
        for b in uoms:
            (dim_a, rank_a), (dim_b, rank_b) = _UNITS[a], _UNITS[b]
            if dim_a != dim_b:
                with pytest.raises(UnitMismatch):
                    _native.convert_qty(f"1 {a}", b)
                continue
            value = Decimal(_native.convert_qty(f"1 {a}", b)[0])
            # A finer unit holds more of itself in one of a coarser one.
            assert (value >= 1) == (rank_a >= rank_b), (a, b)
        assert _native.convert_qty(f"1 {a}", _BASE_UNITS[_UNITS[a][0]])


# --- 3. records print readably --------------------------------------------------------


def record_classes() -> List[type]:
    found = []
    for name in RECORD_MODULES:
        module = importlib.import_module(f"lotwise.{name}")
        found += [v for v in vars(module).values()
                  if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == module.__name__]
    return found


def test_every_record_class_uses_the_shared_display() -> None:
    classes = record_classes()
    assert len(classes) > 80
    for cls in classes:
        assert cls.__repr__ is _display.record_repr, cls  # type: ignore[comparison-overlap]
        assert getattr(cls, "_repr_html_") is _display.record_html, cls
    # Qty and Money keep their short forms.
    assert repr(Qty("2.500", "kg")) == "Qty('2.5 kg')" and repr(Money("1", "USD")) == "Money('1 USD')"


def test_small_records_print_on_one_line() -> None:
    assert repr(Customer("Ada")) == "Customer(name='Ada', email=None, id=None, external_id=None, phone=None)"
    assert repr(lotwise.ShipLine(1, "2 pcs")) == "ShipLine(line=1, qty=Qty('2 pcs'))"
    assert repr(DeskQuery(statuses=("placed",), limit=5)).startswith("DeskQuery(\n")  # 12 fields: too long
    assert repr(lotwise.SkuTarget("WAX", "kg")) == "SkuTarget(sku='WAX', uom='kg')"


def test_big_records_print_one_field_per_line(shop: Lotwise) -> None:
    placed = shop.place_order(NewOrder("etsy", Customer("Grace"), [NewOrderLine(CANDLE, "3 pcs", unit_price="18.00 USD")]))
    text = repr(placed.order)
    lines = text.splitlines()
    assert lines[0] == "SalesOrder(" and lines[1] == "    id='SO-000001'," and lines[-1] == ")"
    assert "    customer=Customer(name='Grace', email=None, id='CU-000001', external_id=None, phone=None)," in lines
    # Nested records and tuples indent one level more and fit the width.
    assert "    lines=(" in lines and "        OrderLine(" in lines
    assert "            qty=Qty('3 pcs')," in lines
    assert all(len(line) <= _display.WIDTH for line in lines)
    # Each field is the field's own repr.
    assert f"    placed_at={placed.order.placed_at!r}," in lines


def test_reprs_stay_python(shop: Lotwise) -> None:
    placed = shop.place_order(NewOrder("etsy", Customer("Ann"), [NewOrderLine(CANDLE, "14 pcs")], tags=["gift"]))
    shop.confirm_order(placed.order.id)
    records: List[Any] = [shop.snapshot(), shop.order_view(placed.order.id), shop.recipe(CANDLE), shop.stock(WAX),
                          *shop.items(), *shop.mos(), shop.desk(), shop.analytics(), shop.promise(placed.order.id)]
    for record in records:
        ast.parse(repr(record), mode="eval")  # valid Python, however long
    # Records of plain values evaluate back to themselves.
    namespace = {"Decimal": Decimal, "datetime": dt, **{c.__name__: c for c in record_classes()}}
    for record in (shop.recipe(CANDLE), shop.stock(WAX), shop.item(WAX), shop.lot("SW-A")):
        assert eval(repr(record), namespace) == record


def test_display_leaves_equality_hashing_and_pickling_alone(shop: Lotwise) -> None:
    order = shop.place_order(NewOrder("etsy", Customer("Io"), [NewOrderLine(CANDLE, "1 pcs")])).order
    again = shop.order(order.id)
    assert order == again and hash(order) == hash(again) and repr(order) == repr(again)
    assert pickle.loads(pickle.dumps(order)) == order
    assert dataclasses.replace(order, notes="x") != order
    assert repr(dataclasses.replace(order, notes="x")).count("notes='x'") == 1


def test_records_render_as_html_tables(shop: Lotwise) -> None:
    html = Customer("<Ada & Co>", "ada@example.com")._repr_html_()  # type: ignore[attr-defined]
    assert html.startswith('<table class="lotwise-record">') and html.endswith("</table>")
    assert "<b>Customer</b>" in html and ">name</th>" in html and ">email</th>" in html
    assert "&lt;Ada &amp; Co&gt;" in html and "<Ada" not in html
    stock_html = shop.stock(WAX)._repr_html_()  # type: ignore[attr-defined]
    # Amounts by their str; nested records as nested tables.
    assert "<td style=\"text-align:left\">20000</td>" in stock_html
    assert stock_html.count("<table") == 1 + len(shop.stock(WAX).lots)
    # A long tuple shows its first items and how many more there are.
    lots = tuple(lotwise.StockLot(f"L{i}", "MAIN", None, Decimal(1), Decimal(0)) for i in range(25))
    many = lotwise.StockLevel("X", Decimal(25), Decimal(0), Decimal(25), Decimal(0), lots)._repr_html_()  # type: ignore[attr-defined]
    assert many.count("<table") == 1 + _display.HTML_ITEMS and "… 5 more" in many


# --- 4. `with lotwise.open(url) as lw:` and `close()` -----------------------------------


def test_a_handle_closes_at_the_end_of_with() -> None:
    with lotwise.open(":memory:") as lw:
        lw.define_item(JAR, "Jar", "packaging", "pcs")
        assert not lw.closed
    assert lw.closed
    assert repr(lw) == "<lotwise.Lotwise closed>"
    calls: List[Callable[[], Any]] = [
        lw.items, lambda: lw.item(JAR), lambda: lw.receive(JAR, "1 pcs"), lambda: lw.backend, lw.now,
        lw.suppliers, lambda: lw.desk(), lw.work_centers, lw.returns, lw.transfers,
        lambda: lw.import_payloads("csv", []), lambda: lw._inner,
    ]
    for call in calls:
        with pytest.raises(ValueError, match="closed"):
            call()
    with pytest.raises(ValueError, match="closed"):
        with lw:
            pass


def test_close_is_idempotent_and_exceptions_pass_through() -> None:
    lw = lotwise.open()
    lw.close()
    lw.close()
    assert lw.closed
    with pytest.raises(lotwise.UnknownSku):
        with lotwise.open() as inner:
            inner.item("NOPE")
    assert inner.closed


# --- 5. a bad enum value names the allowed ones -----------------------------------------


def test_a_bad_item_kind_lists_the_allowed_kinds(lw: Lotwise) -> None:
    with pytest.raises(InvalidInput) as info:
        lw.define_item("X", "X", "materials", "kg")  # type: ignore[arg-type]
    e = info.value
    assert (e.code, e.field, e.value) == ("invalid_input", "new_item.kind", "materials")
    assert "expected one of: material, product, packaging" in e.reason
    assert "expected one of: material, product, packaging" in str(e) and "`materials`" in str(e)
    assert "did you mean `material`" in str(e)
    assert "variant" not in str(e) and "line 1" not in str(e)  # no serde internals
    assert lw.items() == ()


def enum_cases(lw: Lotwise) -> List[Tuple[str, Any, str, str, Callable[[], Any]]]:
    """(name, Literal alias, field, bad value, call) for every enum input."""
    return [
        ("item kind", lotwise.ItemKind, "new_item.kind", "widget", lambda: lw.define_item("X", "X", "widget", "kg")),  # type: ignore[arg-type]
        ("tracking", lotwise.Tracking, "new_item.tracking", "lots",
         lambda: lw.define_item("X", "X", "material", "kg", tracking="lots")),  # type: ignore[arg-type]
        ("category", lotwise.ItemCategory, "new_item.category", "snack",
         lambda: lw.define_item("X", "X", "product", "pcs", category="snack")),  # type: ignore[arg-type]
        ("location kind", lotwise.LocationKind, "kind", "cellar", lambda: lw.define_location("X", "X", "cellar")),  # type: ignore[arg-type]
        ("channel", lotwise.Channel, "channel", "amazon", lambda: lw.import_payloads("amazon", [b"{}"])),  # type: ignore[arg-type]
        ("desk sort", lotwise.DeskSort, "query.sort", "newest", lambda: lw.desk(DeskQuery(sort="newest"))),  # type: ignore[arg-type]
        ("desk status", lotwise.OrderStatus, "query.statuses[1]", "shiped",
         lambda: lw.desk(DeskQuery(statuses=("placed", "shiped")))),  # type: ignore[arg-type]
        ("weekday", lotwise.Weekday, "working_days", "Monday", lambda: lotwise.Calendar(["Mon", "Monday"], "8")),  # type: ignore[list-item]
        ("disposition", Literal["restock", "quarantine", "scrap"], "disposition.type", "restok",
         lambda: lw.record_return("SO-000001", [lotwise.NewReturnLine(1, "L", "1 pcs", "r", lotwise.Disposition("restok"))])),  # type: ignore[arg-type]
    ]


def test_every_enum_input_names_the_bad_value_and_the_allowed_ones(lw: Lotwise) -> None:
    for name, alias, field, bad, call in enum_cases(lw):
        with pytest.raises(InvalidInput) as info:
            call()
        e = info.value
        assert (e.field, e.value) == (field, bad), name
        allowed = ", ".join(get_args(alias))
        assert f"expected one of: {allowed}" in e.reason and f"expected one of: {allowed}" in e.message, name
        assert pickle.loads(pickle.dumps(e)).value == bad
    assert lw.items() == () and lw.locations() == lotwise.open().locations()


def test_an_enum_given_a_non_str_is_a_type_error(lw: Lotwise) -> None:
    with pytest.raises(TypeError, match="expected a str, one of: material, product, packaging"):
        lw.define_item("X", "X", 1, "kg")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got a str"):
        lw.desk(DeskQuery(statuses="placed"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got a str"):
        lotwise.Calendar("Mon", "8")  # type: ignore[arg-type]


def _literal_inputs(hint: Any) -> bool:
    """Whether a parameter type is (an optional or a tuple of) a str enum."""
    origin = get_origin(hint)
    if origin is Literal:
        return True
    if origin in (Union, tuple) or str(origin) == "collections.abc.Iterable":
        return any(_literal_inputs(a) for a in get_args(hint) if a is not Ellipsis)
    return False


def test_the_enum_cases_cover_every_enum_input() -> None:
    # Every method parameter and input record field typed as a str enum is in
    # `enum_cases` (or, for units, checked by the core's unit parser).
    found = set()
    # Names some modules import only for type checkers (the frames' pandas).
    names = {**vars(lotwise), "pandas": SimpleNamespace(DataFrame=object)}
    for name, method in inspect.getmembers(Lotwise, inspect.isfunction):
        if name.startswith("_"):
            continue
        for param, hint in get_type_hints(method, localns=names).items():
            if param != "return" and _literal_inputs(hint):
                found.add(f"Lotwise.{name}({param})")
    for cls in (lotwise.DeskQuery, lotwise.Disposition, lotwise.Calendar, lotwise.SkuTarget,
                lotwise.NewReturnLine, lotwise.RoutingRule, lotwise.PromiseOptions, lotwise.IncomingSupply):
        for field, hint in get_type_hints(cls).items():
            if _literal_inputs(hint):
                found.add(f"{cls.__name__}.{field}")
    assert found == {
        "Lotwise.define_item(kind)",
        "Lotwise.define_item(tracking)",
        "Lotwise.define_item(category)",
        "Lotwise.define_location(kind)",
        "Lotwise.import_payloads(channel)",
        "DeskQuery.statuses",
        "DeskQuery.sort",
        "Calendar.working_days",
        "Disposition.type",
    }


# --- 6. the channel order is typed ---------------------------------------------------------


@pytest.fixture
def fernwick(lw: Lotwise) -> Lotwise:
    for sku in ("CANDLE-LAV-200", "SOAP-OAT-100", "MELT-SEASONAL"):
        lw.define_item(sku, sku, "product", "pcs")
    return lw


def core_json(lw: Lotwise, order_id: str) -> Any:
    return json.loads(lw._inner.channel_order(_native.Shape.json(), order_id))


def test_channel_order_is_a_typed_record(fernwick: Lotwise) -> None:
    (result,) = fernwick.import_payloads("shopify", [fixture("shopify/orders_create_multi.json")])
    assert result.order is not None
    co = fernwick.channel_order(result.order)
    assert isinstance(co, ChannelOrder)
    assert (co.channel, co.display_ref, co.currency) == ("shopify", DISPLAY_REF, "USD")
    assert isinstance(co.new_order, NewOrder) and co.new_order.external_ref == co.external_id
    assert all(isinstance(line, NewOrderLine) and isinstance(line.qty, Qty) for line in co.new_order.lines)
    assert all(isinstance(line, lotwise.ChannelLine) for line in co.lines)
    assert {line.mapping.kind for line in co.lines} == {"mapped", "unmapped"}
    unmapped = [line for line in co.lines if line.mapping.kind == "unmapped"]
    assert all(isinstance(line.mapping.reason, lotwise.UnmappedReason) for line in unmapped)
    first = co.lines[0]
    assert type(first.quantity) is Decimal and isinstance(first.unit_price, Money)
    assert type(first.unit_price.amount) is Decimal
    assert [p.name for p in first.properties] == ["Gift message", "_gift_wrap"]
    assert isinstance(co.created_at, dt.datetime) and co.created_at.utcoffset() == dt.timedelta(0)
    # Money is Decimal inside, and the totals add up with Money arithmetic.
    t = co.totals
    assert t is not None and all(type(m.amount) is Decimal for m in (t.items, t.discounts, t.shipping, t.tax, t.total))
    assert t.items - t.discounts + t.shipping + t.tax == t.total
    assert sum((s.price for s in co.shipping_lines), Money("0", "USD")) == t.shipping
    assert co.fulfillment.status == "unfulfilled" and co.fulfillment.shipments == ()
    # The same values the core's JSON has, and back.
    raw = core_json(fernwick, result.order)
    assert lotwise.to_json(co) == raw
    assert lotwise.from_json(ChannelOrder, raw) == co
    assert pickle.loads(pickle.dumps(co)) == co and hash(co) == hash(fernwick.channel_order(result.order))


def test_channel_order_gift_presentment_and_cancellation(fernwick: Lotwise) -> None:
    lw = fernwick
    payloads: List[Tuple[lotwise.Channel, str]] = [
        ("etsy", "etsy/receipt_gift_message.json"),
        ("shopify", "shopify/orders_create_presentment_eur.json"),
        ("shopify", "shopify/orders_cancelled.json"),
    ]
    gift, eur, cancelled = (lw.import_payloads(channel, [fixture(name)])[0] for channel, name in payloads)
    ids = [r.order for r in (gift, eur, cancelled)]
    assert all(ids)
    g, e, c = orders = [lw.channel_order(i) for i in ids if i is not None]
    assert g is not None and g.gift is not None and g.gift.sender == "Rowan" and "Juniper" in (g.gift.message or "")
    assert e is not None and e.presentment_currency == "EUR" and e.presentment_totals is not None
    assert e.presentment_totals.total == Money("53.50", "EUR") and e.totals is not None
    with pytest.raises(CurrencyMismatch):
        e.totals.total + e.presentment_totals.total
    assert e.shipping_lines[0].presentment_price == Money("14.00", "EUR")
    assert c is not None and c.cancellation is not None and c.cancellation.reason == "customer"
    assert isinstance(c.cancellation.at, dt.datetime)
    for order_id, order in zip(ids, orders):
        assert order is not None and order_id is not None
        assert lotwise.to_json(order) == core_json(lw, order_id)


def test_channel_order_of_an_order_not_imported_is_none(shop: Lotwise) -> None:
    placed = shop.place_order(NewOrder("pos", Customer("A"), [NewOrderLine(CANDLE, "1 pcs")]))
    assert shop.channel_order(placed.order.id) is None
    with pytest.raises(lotwise.UnknownOrder):
        shop.channel_order("SO-999999")


# --- 7. import rejections carry their code and field ---------------------------------------------


def test_a_rejected_payload_names_its_field(fernwick: Lotwise) -> None:
    body = json.loads(fixture("shopify/orders_create_simple.json"))
    body["line_items"][0]["price"] = 24.0  # a float where money is a decimal string
    negative = json.loads(fixture("shopify/orders_create_simple.json"))
    negative["id"] = 2
    negative["line_items"][0]["quantity"] = -1
    good = fixture("shopify/orders_create_simple.json")
    results = fernwick.import_payloads(
        "shopify", [b"{not json", json.dumps(body).encode(), json.dumps(negative).encode(), good]
    )
    assert [(r.status, r.error_code, r.error_field) for r in results] == [
        ("rejected", "invalid_payload", "body"),
        ("rejected", "invalid_payload", "line_items[0].price"),
        ("rejected", "invalid_payload", "line_items[0].quantity"),
        ("imported", None, None),
    ]
    assert all(r.error and r.error_field and r.error_field in r.error for r in results[:3])


def test_an_import_rejection_carries_the_core_errors_field(lw: Lotwise) -> None:
    # The core reports the field as data, not only inside the message.
    lw.define_item(CANDLE, "Candle", "product", "pcs")
    header = b"order_ref,customer,sku,quantity,unit_price,currency,requested_date\n"
    zero = header + b"X-1,Ann,CANDLE-LAV-8OZ,0,24.00,USD,2026-12-01\n"
    results = lw.import_payloads("csv", [zero])
    assert [(r.status, r.error_code, r.error_field) for r in results] == [
        ("rejected", "invalid_payload", "row 2, column quantity")
    ]
    assert results[0].error is not None and "must be greater than 0" in results[0].error
