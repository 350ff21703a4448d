"""One handle, many threads: commands from several Python threads at once
keep the state consistent, and engine calls release the GIL."""

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Iterator, List

import pytest

import lotwise
from lotwise import Customer, Lotwise, NewOrder, NewOrderLine

from conftest import CANDLE, candle_catalog


def test_threads_share_one_handle_without_overselling(lw: Lotwise) -> None:
    candle_catalog(lw)
    lw.receive(CANDLE, "100 pcs", lot="CL-1")
    # No materials are in stock, so each order either gets a finished candle
    # or waits for a batch; the 100 candles can be reserved only once.
    per_thread, threads = 15, 8
    errors: List[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(per_thread):
                o = lw.place_order(
                    NewOrder("pos", Customer(f"T{n}"), [NewOrderLine(CANDLE, "1 pcs")], external_ref=f"{n}-{i}")
                ).order
                lw.confirm_order(o.id)
                lw.stock(CANDLE)
                lw.order_view(o.id)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(worker, range(threads)))
    assert errors == []
    orders = lw.orders()
    assert len(orders) == per_thread * threads
    assert len({o.id for o in orders}) == len(orders)
    stock = lw.stock(CANDLE)
    assert stock.on_hand == 100
    assert stock.reserved == 100  # every candle reserved once, never twice
    reserved_for_orders = sum((r.qty for r in lw.reservations() if r.sku == CANDLE), Decimal(0))
    assert reserved_for_orders == 100
    assert lw.check_invariants() == ()


@pytest.fixture
def long_switch_interval() -> Iterator[None]:
    # With a 60 s switch interval the main thread keeps the GIL unless a call
    # releases it; that makes the check below deterministic, not timed.
    old = sys.getswitchinterval()
    sys.setswitchinterval(60)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def test_engine_calls_release_the_gil(long_switch_interval: None) -> None:
    lw = lotwise.open()
    candle_catalog(lw)
    orders = [
        NewOrder("csv", Customer(f"C{i}"), [NewOrderLine(CANDLE, "1 pcs")], external_ref=str(i))
        for i in range(400)
    ]
    ticks = [0]
    stop = threading.Event()
    started = threading.Event()

    def spinner() -> None:
        started.set()
        while not stop.is_set():
            ticks[0] += 1
            # sleep(0) hands the GIL back after every tick.
            time.sleep(0)

    t = threading.Thread(target=spinner)
    t.start()
    started.wait()
    before = ticks[0]
    lw.place_orders(orders)  # one native call: JSON in, engine loop, JSON out
    during = ticks[0] - before
    stop.set()
    t.join()
    assert len(lw.orders()) == 400
    # The spinner could only run while the native call had released the GIL.
    assert during > 0
