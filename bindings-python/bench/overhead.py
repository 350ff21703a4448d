"""Per-call overhead of the Python binding against the same call in Rust,
and importing 10 000 orders.

Run after a release build (``LOTWISE_PY_RELEASE=1 scripts/python.sh``):

    .venv/bin/python bindings-python/bench/overhead.py
    cargo run --release -p lotwise-python --example overhead   # Rust alone, own process

For each query the table shows, measured in this one run on this one
store: the typed facade call (``lw.order(id)`` -> `SalesOrder`), the same
query in Rust (``Engine._bench_rust``: the core call in a Rust loop, the
GIL released, results dropped), their difference (what the binding adds),
and for comparison the path the binding used before results were built
natively: the core's JSON text, ``json.loads`` and the facade's Python
decoders (``lotwise.from_json``). Best of 5 runs each. Not a test: nothing
is asserted.
"""

import datetime as dt
import json
import timeit
from typing import Any, Callable, Dict, List, Tuple

import lotwise
from lotwise import Customer, Lotwise, NewOrder, NewOrderLine, NewRecipeInput, _native
from lotwise._codec import decoder

REPEAT = 5
JSON = _native.Shape.json()


def best_per_call(f: Callable[[], object], n: int) -> float:
    """The best of `REPEAT` runs of `n` calls, in seconds per call."""
    return min(timeit.repeat(f, number=n, repeat=REPEAT)) / n


def rust_per_call(lw: Lotwise, call: str, args: Dict[str, Any], n: int) -> float:
    text = json.dumps(args)
    return min(lw._inner._bench_rust(call, text, n) for _ in range(REPEAT)) / n


def workload() -> Lotwise:
    """A small shop: two materials, a candle with a recipe, stock, one
    confirmed order (5 candles from stock, 7 to make), its MO and events."""
    lw = lotwise.open(":memory:")
    lw.define_item("WAX", "Soy wax", "material", "kg", shelf_life_days=365)
    lw.define_item("WICK", "Cotton wick", "material", "pcs")
    lw.define_item("CANDLE", "Lavender candle", "product", "pcs")
    lw.define_recipe("CANDLE", "1 pcs", [NewRecipeInput("WAX", "0.2 kg"), NewRecipeInput("WICK", "1 pcs")])
    lw.receive("WAX", "10 kg", expiry=dt.date(2031, 1, 31))
    lw.receive("WICK", "100 pcs")
    lw.receive("CANDLE", "5 pcs")
    order = lw.place_order(
        NewOrder(
            "etsy",
            Customer("Grace Hopper", "grace@example.com"),
            [NewOrderLine("CANDLE", "12 pcs", unit_price="24.00 USD", requested_date=dt.date(2031, 1, 5))],
            external_ref="3141592",
            tags=["gift"],
        )
    ).order
    lw.confirm_order(order.id)
    return lw


def per_call_table(lw: Lotwise) -> None:
    raw = lw._inner
    events = len(lw.events_after(0, 100))
    # (label, facade call, Rust query, its argument, the JSON path, calls per run)
    rows: List[Tuple[str, Callable[[], object], str, Dict[str, Any], Callable[[], object], int]] = [
        ("event_cursor(consumer) -> int", lambda: lw.event_cursor("mailer"), "event_cursor", {"consumer": "mailer"},
         lambda: raw.event_cursor("mailer"), 100_000),
        ("stock(sku) -> StockLevel", lambda: lw.stock("WAX"), "stock", {"sku": "WAX"},
         _json_path(lotwise.StockLevel, lambda: raw.stock(JSON, "WAX")), 50_000),
        ("lot(code) -> Lot", lambda: lw.lot("WAX-R0001"), "lot", {"lot": "WAX-R0001"},
         _json_path(lotwise.Lot, lambda: raw.lot(JSON, "WAX-R0001")), 50_000),
        ("order(id) -> SalesOrder", lambda: lw.order("SO-000001"), "order", {"id": "SO-000001"},
         _json_path(lotwise.SalesOrder, lambda: raw.order(JSON, "SO-000001")), 30_000),
        ("order_view(id) -> OrderView", lambda: lw.order_view("SO-000001"), "order_view", {"id": "SO-000001"},
         _json_path(lotwise.OrderView, lambda: raw.order_view(JSON, "SO-000001")), 20_000),
        ("mo(id) -> ManufacturingOrder", lambda: lw.mo("MO-000001"), "mo", {"id": "MO-000001"},
         _json_path(lotwise.ManufacturingOrder, lambda: raw.mo(JSON, "MO-000001")), 30_000),
        (f"events_after(0, 100) -> {events} Events", lambda: lw.events_after(0, 100), "events_after", {"after": 0, "limit": 100},
         _json_path(Tuple[lotwise.Event, ...], lambda: raw.events_after(JSON, 0, 100)), 5_000),
        # The generic door every generated method takes: args as JSON, the
        # core's command table, the same typed result.
        ("execute('stock', {sku}) -> StockLevel", lambda: lw.execute("stock", {"sku": "WAX"}), "stock", {"sku": "WAX"},
         _json_path(lotwise.StockLevel, lambda: raw.stock(JSON, "WAX")), 50_000),
        ("execute('lot', {lot}) -> Lot", lambda: lw.execute("lot", {"lot": "WAX-R0001"}), "lot", {"lot": "WAX-R0001"},
         _json_path(lotwise.Lot, lambda: raw.lot(JSON, "WAX-R0001")), 50_000),
    ]
    print(f"{'call (µs/call)':<42} {'Python':>8} {'Rust':>8} {'overhead':>9} {'before: JSON path':>18}")
    for label, facade, call, arg, before, n in rows:
        py = best_per_call(facade, n)
        rs = rust_per_call(lw, call, arg, n)
        old = best_per_call(before, n)
        print(f"{label:<42} {py * 1e6:>8.2f} {rs * 1e6:>8.2f} {(py - rs) * 1e6:>9.2f} {old * 1e6:>18.2f}")


def _json_path(tp: Any, native_json: Callable[[], str]) -> Callable[[], object]:
    """The earlier path: JSON text, `json.loads`, the Python decoders."""
    decode = decoder(tp)
    loads = json.loads
    return lambda: decode(loads(native_json()))


def import_orders() -> None:
    orders = [
        NewOrder("csv", Customer(f"Customer {i}"), [NewOrderLine("CANDLE", "2 pcs", unit_price="24.00 USD")],
                 external_ref=str(i))
        for i in range(10_000)
    ]
    imports: List[Tuple[str, Callable[[Lotwise], object]]] = [
        ("place_order x 10 000 (one call each)", lambda lw: [lw.place_order(o) for o in orders]),
        ("place_orders(10 000) (one call)", lambda lw: lw.place_orders(orders)),
    ]
    for label, place in imports:
        best = float("inf")
        for _ in range(3):
            fresh = lotwise.open(":memory:")
            fresh.define_item("CANDLE", "Candle", "product", "pcs")
            best = min(best, timeit.timeit(lambda: place(fresh), number=1))
            assert len(fresh.orders()) == 10_000
        print(f"{label:<42} {best * 1000:>8.1f} ms")
    build = timeit.timeit(
        lambda: [NewOrder("csv", Customer(f"C{i}"), [NewOrderLine("CANDLE", "2 pcs", unit_price="24.00 USD")],
                          external_ref=str(i)) for i in range(10_000)],
        number=1,
    )
    print(f"{'(building the 10 000 NewOrder objects)':<42} {build * 1000:>8.1f} ms")
    print("(the same import in Rust: `cargo run --release -p lotwise-python --example overhead`)")


def main() -> None:
    print(f"lotwise {lotwise.__version__}; in-memory store; best of {REPEAT} runs\n")
    per_call_table(workload())
    print()
    import_orders()


if __name__ == "__main__":
    main()
