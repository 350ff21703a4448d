"""Errors: one class per code under LotwiseError, the same fields as Rust,
state unchanged after a refusal, picklable, and a panic is an InternalError."""

import pickle
import subprocess
import sys
from decimal import Decimal

import pytest

import lotwise
from lotwise import Customer, Lotwise, NewOrder, NewOrderLine, errors
from lotwise import _native

from conftest import CANDLE, JAR, REPO, WAX


def test_insufficient_stock_carries_typed_fields_and_changes_nothing(shop: Lotwise) -> None:
    shop.receive(CANDLE, "10 pcs", lot="CL-1")
    o = shop.place_order(NewOrder("etsy", Customer("Ada"), [NewOrderLine(CANDLE, "7 pcs")])).order
    shop.confirm_order(o.id)
    before = shop.snapshot()
    with pytest.raises(lotwise.InsufficientStock) as info:
        shop.adjust_stock(CANDLE, "CL-1", "-5 pcs", "dropped a box")
    e = info.value
    assert isinstance(e, lotwise.LotwiseError)
    assert e.code == "insufficient_stock"
    assert (e.sku, e.requested, e.available) == (CANDLE, Decimal(5), Decimal(3))
    assert isinstance(e.requested, Decimal)
    assert e.fields == {"sku": CANDLE, "requested": Decimal(5), "available": Decimal(3)}
    assert "insufficient stock" in str(e) and e.message == str(e)
    assert e.retryable is False
    assert shop.snapshot() == before


def test_invalid_transition_fields(shop: Lotwise) -> None:
    o = shop.place_order(NewOrder("etsy", Customer("Ada"), [NewOrderLine(CANDLE, "1 pcs")])).order
    with pytest.raises(lotwise.InvalidTransition) as info:
        shop.ship(o.id, carrier="USPS", tracking="1")
    e = info.value
    assert (e.entity, e.id, e.from_, e.action) == ("order", o.id, "placed", "ship")
    assert e.fields["from"] == "placed"


def test_lookup_and_value_errors_join_the_builtin_families(lw: Lotwise) -> None:
    with pytest.raises(LookupError):
        lw.order("SO-000404")
    with pytest.raises(LookupError):
        lw.item("NOPE")
    with pytest.raises(ValueError):
        lotwise.Qty.parse("12,5 kg")


def test_every_error_pickles_with_its_fields() -> None:
    samples = [
        ("insufficient_stock", {"sku": "W", "requested": "5.5", "available": "3"}),
        ("invalid_transition", {"entity": "order", "id": "SO-1", "from": "placed", "action": "ship"}),
        ("recipe_cycle", {"path": ["A", "B", "A"]}),
        ("lot_expired", {"lot": "L", "expiry": "2027-01-31"}),
        ("unknown_order_line", {"order": "SO-1", "line": 9}),
        ("conflict", {"reason": "busy"}),
        ("some_future_code", {"x": 1}),
    ]
    for code, fields in samples:
        e = errors._from_native(code, f"{code} happened", __import__("json").dumps(fields))
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is type(e)
        assert (back.code, back.message, back.fields) == (e.code, e.message, e.fields)
    cycle = errors._from_native("recipe_cycle", "cycle", '{"path": ["A", "B", "A"]}')
    assert isinstance(cycle, lotwise.RecipeCycle) and cycle.path == ("A", "B", "A")
    expired = errors._from_native("lot_expired", "x", '{"lot": "L", "expiry": "2027-01-31"}')
    assert isinstance(expired, lotwise.LotExpired)
    assert expired.expiry.isoformat() == "2027-01-31"
    unknown = errors._from_native("some_future_code", "new", '{"x": 1}')
    assert type(unknown) is lotwise.LotwiseError and unknown.code == "some_future_code"
    assert errors._from_native("conflict", "c", '{"reason": "r"}').retryable is True


def test_each_code_has_its_own_class() -> None:
    codes = {
        "unknown_sku": lotwise.UnknownSku, "duplicate_sku": lotwise.DuplicateSku,
        "unknown_location": lotwise.UnknownLocation, "duplicate_location": lotwise.DuplicateLocation,
        "unknown_lot": lotwise.UnknownLot, "duplicate_lot": lotwise.DuplicateLot,
        "unknown_order": lotwise.UnknownOrder, "unknown_order_line": lotwise.UnknownOrderLine,
        "unknown_mo": lotwise.UnknownMo, "no_recipe": lotwise.NoRecipe,
        "invalid_quantity": lotwise.InvalidQuantity, "unit_mismatch": lotwise.UnitMismatch,
        "unknown_unit": lotwise.UnknownUnit, "currency_mismatch": lotwise.CurrencyMismatch,
        "invalid_input": lotwise.InvalidInput, "recipe_cycle": lotwise.RecipeCycle,
        "insufficient_stock": lotwise.InsufficientStock, "not_ready_to_ship": lotwise.NotReadyToShip,
        "invalid_transition": lotwise.InvalidTransition,
        "duplicate_external_order": lotwise.DuplicateExternalOrder,
        "lot_expired": lotwise.LotExpired, "invalid_payload": lotwise.InvalidPayload,
        "negative_lead_time": lotwise.NegativeLeadTime, "unknown_supplier": lotwise.UnknownSupplier,
        "unknown_purchase_order": lotwise.UnknownPurchaseOrder,
        "unknown_transfer": lotwise.UnknownTransfer, "stock_reserved": lotwise.StockReserved,
        "no_shipping_location": lotwise.NoShippingLocation,
        "return_exceeds_shipped": lotwise.ReturnExceedsShipped,
        "conflict": lotwise.Conflict, "storage": lotwise.StorageError, "internal": lotwise.InternalError,
    }
    for code, cls in codes.items():
        assert errors.error_class(code) is cls
        assert issubclass(cls, lotwise.LotwiseError)
    assert len(set(codes.values())) == len(codes)


def test_a_rust_panic_becomes_internal_error_not_a_crash() -> None:
    with pytest.raises(lotwise.InternalError) as info:
        _native._raise_panic("boom")
    assert info.value.code == "internal"
    assert "boom" in info.value.reason
    # The interpreter goes on working afterwards.
    assert lotwise.Qty.parse("1 kg") == lotwise.Qty(1, "kg")


def test_unknown_backend_is_a_storage_error() -> None:
    with pytest.raises(lotwise.StorageError) as info:
        lotwise.open("nosuch://somewhere")
    assert info.value.code == "storage"


def test_errors_survive_a_process_boundary() -> None:
    """An error pickled in a child process unpickles as the same class (how
    multiprocessing and concurrent.futures move them)."""
    child = (
        "import pickle, sys, lotwise\n"
        "lw = lotwise.open()\n"
        "try:\n    lw.stock('NOPE')\n"
        "except lotwise.LotwiseError as e:\n    sys.stdout.buffer.write(pickle.dumps(e))\n"
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, check=True, cwd=REPO).stdout
    e = pickle.loads(out)
    assert isinstance(e, lotwise.UnknownSku) and e.sku == "NOPE"
