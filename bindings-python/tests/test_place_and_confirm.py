"""`place_and_confirm_order`: place and confirm in one command, idempotent by
(channel, external_ref) like `place_order`."""

from decimal import Decimal

import pytest

import lotwise
from lotwise import AcceptedOrder, Customer, Lotwise, NewOrder, NewOrderLine

from conftest import CANDLE


def _webhook(qty: str) -> NewOrder:
    return NewOrder("shopify", Customer("Ada"), [NewOrderLine(CANDLE, qty)], external_ref="1001")


def test_place_and_confirm_from_stock_then_replay(shop: Lotwise) -> None:
    shop.receive(CANDLE, "5 pcs", lot="CL-1")

    accepted = shop.place_and_confirm_order(_webhook("3 pcs"))
    assert type(accepted) is AcceptedOrder
    assert accepted.placed.replayed is False
    order_id = accepted.placed.order.id
    assert order_id == "SO-000001"
    assert accepted.confirmed is not None
    assert accepted.confirmed.status == "ready_to_ship"
    assert accepted.confirmed.reserved == {1: Decimal(3)}
    assert accepted.confirmed.mos == ()
    assert shop.order(order_id).status == "ready_to_ship"
    assert [(r.lot, r.qty) for r in shop.reservations()] == [("CL-1", Decimal(3))]

    # The same webhook again: found, already confirmed, nothing changes.
    before = shop.snapshot()
    again = shop.place_and_confirm_order(_webhook("3 pcs"))
    assert again.placed.replayed is True
    assert again.confirmed is None
    assert again.placed.order.id == order_id
    assert again.placed.order.status == "ready_to_ship"
    assert shop.snapshot() == before


def test_other_content_under_the_same_ref_is_a_duplicate(shop: Lotwise) -> None:
    shop.receive(CANDLE, "5 pcs", lot="CL-1")
    shop.place_and_confirm_order(_webhook("3 pcs"))
    before = shop.snapshot()
    with pytest.raises(lotwise.DuplicateExternalOrder) as caught:
        shop.place_and_confirm_order(_webhook("4 pcs"))
    assert caught.value.code == "duplicate_external_order"
    assert shop.snapshot() == before
