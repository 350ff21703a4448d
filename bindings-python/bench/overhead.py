"""Per-call overhead of the Python binding, and importing 10 000 orders.

Run after a release build (``LOTWISE_PY_RELEASE=1 scripts/python.sh``):

    .venv/bin/python bindings-python/bench/overhead.py
    cargo run --release -p lotwise-python --example overhead   # the same calls in Rust

The workload is printed with the numbers. Not a test: nothing is asserted.
"""

import timeit
from typing import Callable, List

import lotwise
from lotwise import Customer, NewOrder, NewOrderLine


def per_call(label: str, f: Callable[[], object], n: int = 100_000) -> None:
    timer = timeit.Timer(f)
    best = min(timer.repeat(repeat=5, number=n)) / n
    print(f"{label:<52} {best * 1e6:>8.2f} µs/call")


def main() -> None:
    lw = lotwise.open(":memory:")
    lw.define_item("WAX", "Soy wax", "material", "kg")
    lw.define_item("CANDLE", "Candle", "product", "pcs")
    lw.receive("WAX", "10 kg")
    lw.receive("CANDLE", "100000 pcs")
    raw = lw._inner
    print("workload: in-memory store, 2 items, 1 lot each; best of 5 runs")
    per_call("native backend() (no engine work, no JSON)", raw.backend)
    per_call("native event_cursor(consumer) (engine, GIL released)", lambda: raw.event_cursor("mailer"))
    per_call("lw.event_cursor(consumer) (facade)", lambda: lw.event_cursor("mailer"))
    per_call("native stock(sku) -> JSON str", lambda: raw.stock("WAX"))
    per_call("lw.stock(sku) -> StockLevel (JSON + dataclasses)", lambda: lw.stock("WAX"))

    orders: List[NewOrder] = [
        NewOrder("csv", Customer(f"Customer {i}"), [NewOrderLine("CANDLE", "2 pcs", unit_price="24.00 USD")],
                 external_ref=str(i))
        for i in range(10_000)
    ]
    for label, place in (
        ("place_order x 10 000 (one call each)", lambda lw2: [lw2.place_order(o) for o in orders]),
        ("place_orders(10 000) (one call)", lambda lw2: lw2.place_orders(orders)),
    ):
        fresh = lotwise.open(":memory:")
        fresh.define_item("CANDLE", "Candle", "product", "pcs")
        seconds = timeit.timeit(lambda: place(fresh), number=1)
        assert len(fresh.orders()) == 10_000
        print(f"{label:<52} {seconds * 1000:>8.1f} ms")
    build = timeit.timeit(
        lambda: [NewOrder("csv", Customer(f"C{i}"), [NewOrderLine("CANDLE", "2 pcs", unit_price="24.00 USD")],
                          external_ref=str(i)) for i in range(10_000)],
        number=1,
    )
    print(f"{'(building the 10 000 NewOrder objects in Python)':<52} {build * 1000:>8.1f} ms")


if __name__ == "__main__":
    main()
