"""Several locations: transfers between them, availability per location, and
routing an order to the location(s) that can ship it.

    >>> lw.define_location("STORE", "Shop floor")
    >>> t = lw.ship_transfer("MAIN", "STORE", [NewTransferLine("CANDLE", "10 pcs")])
    >>> lw.receive_transfer(t.id)
    >>> lw.availability("CANDLE").locations
"""

import datetime as _dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, Iterable, Literal, Optional, Tuple

from . import _native
from ._codec import drop_none, shape
from .values import LocationKind, Qty, QtyLike, to_qty
from ._records import (  # generated from the schema
    TransferLine,
    Transfer,
    LocationStock,
    Availability,
    RouteLine,
    LocationCheck,
    RouteLeg,
    Routing,
)

__all__ = [
    "Availability",
    "LocationCheck",
    "LocationStock",
    "NewTransferLine",
    "RouteLeg",
    "RouteLine",
    "Routing",
    "RoutingRule",
    "Transfer",
    "TransferLine",
    "TransferStatus",
]

#: A transfer's status.
TransferStatus = Literal["in_transit", "received"]


@dataclass(frozen=True, init=False)
class RoutingRule:
    """Which locations ship a channel's orders, in priority order; the rule
    without a channel is the default. `allow_split` lets one order ship from
    several locations."""

    channel: Optional[str]
    locations: Tuple[str, ...]
    allow_split: bool

    def __init__(
        self, locations: Iterable[str], *, channel: Optional[str] = None, allow_split: bool = False
    ) -> None:
        object.__setattr__(self, "channel", channel)
        object.__setattr__(self, "locations", tuple(locations))
        object.__setattr__(self, "allow_split", bool(allow_split))

    @classmethod
    def _from_json(cls, data: Dict[str, Any]) -> "RoutingRule":
        return cls(data["locations"], channel=data.get("channel"), allow_split=data.get("allow_split", False))

    def _json(self) -> Dict[str, Any]:
        return {"channel": self.channel, "locations": list(self.locations), "allow_split": self.allow_split}

    @staticmethod
    def _to_json(rule: "RoutingRule") -> Dict[str, Any]:
        return rule._json()


@dataclass(frozen=True, init=False)
class NewTransferLine:
    """An item to move; FEFO picks the lots unless `lot` names one."""

    sku: str
    qty: Qty
    lot: Optional[str]

    def __init__(self, sku: str, qty: QtyLike, *, lot: Optional[str] = None) -> None:
        object.__setattr__(self, "sku", sku)
        object.__setattr__(self, "qty", to_qty(qty, "qty"))
        object.__setattr__(self, "lot", lot)

    def _json(self) -> Dict[str, Any]:
        return drop_none({"sku": self.sku, "qty": Qty._to_json(self.qty), "lot": self.lot})


_TRANSFER: _native.Shape[Transfer] = shape(Transfer)
_TRANSFERS: _native.Shape[Tuple[Transfer, ...]] = shape(Tuple[Transfer, ...])
_AVAILABILITY: _native.Shape[Availability] = shape(Availability)
_RULE: _native.Shape[RoutingRule] = shape(RoutingRule)
_RULES: _native.Shape[Tuple[RoutingRule, ...]] = shape(Tuple[RoutingRule, ...])
_ROUTING: _native.Shape[Routing] = shape(Routing)


class LocationsApi:
    """Transfer, availability and routing commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def ship_transfer(
        self,
        from_: str,
        to: str,
        lines: Iterable[NewTransferLine],
        *,
        note: Optional[str] = None,
    ) -> Transfer:
        """Sends stock from one internal location to another (in transit until received)."""
        payload = []
        for line in lines:
            if not isinstance(line, NewTransferLine):
                raise TypeError(f"lines: expected NewTransferLine items, got {type(line).__name__}")
            payload.append(line._json())
        new = {"from": from_, "to": to, "lines": payload, "note": note}
        return self._inner.ship_transfer(_TRANSFER, json.dumps(drop_none(new)))

    def receive_transfer(self, id: str) -> Transfer:
        """Books a transfer in at its destination."""
        return self._inner.receive_transfer(_TRANSFER, id)

    def transfer(self, id: str) -> Transfer:
        """The transfer with this id."""
        return self._inner.transfer(_TRANSFER, id)

    def transfers(self) -> Tuple[Transfer, ...]:
        """Every transfer."""
        return self._inner.transfers(_TRANSFERS)

    def availability(self, sku: str) -> Availability:
        """Stock of an item per location and in total."""
        return self._inner.availability(_AVAILABILITY, sku)

    def define_routing_rule(self, rule: RoutingRule) -> RoutingRule:
        """Sets the routing rule of a channel (or the default rule)."""
        return self._inner.define_routing_rule(_RULE, json.dumps(_rule(rule)._json()))

    def routing_rules(self) -> Tuple[RoutingRule, ...]:
        """Every routing rule."""
        return self._inner.routing_rules(_RULES)

    def route_order(self, id: str) -> Routing:
        """Where an order ships from under its channel's rule, and why (does not write)."""
        return self._inner.route_order(_ROUTING, id)

    def route_order_with(self, id: str, rule: RoutingRule) -> Routing:
        """Like `route_order` with a rule given here (to try one out)."""
        return self._inner.route_order_with(_ROUTING, id, json.dumps(_rule(rule)._json()))


def _rule(value: Any) -> RoutingRule:
    if not isinstance(value, RoutingRule):
        raise TypeError(f"expected a lotwise.RoutingRule, got {type(value).__name__}")
    return value
