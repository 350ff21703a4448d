"""Value types: quantities, money and the enumerations, as lotwise spells them.

Quantities and money are exact decimals with a unit or currency. A float is
refused with a TypeError (it cannot hold most decimal amounts exactly); a
`decimal.Decimal`, an `int` or a `str` such as ``"2.5"`` is accepted.

    >>> Qty("2.5", "kg")
    Qty('2.5 kg')
    >>> Qty.parse("12 pcs").value
    Decimal('12')
    >>> Money("18.00", "usd")
    Money('18.00 USD')
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal, Tuple, Union

from . import _native
from ._codec import DecimalLike, decimal_text, normalized_text, to_decimal

__all__ = [
    "DecimalLike",
    "Dimension",
    "ItemKind",
    "LocationKind",
    "MoStatus",
    "Money",
    "MoneyLike",
    "MovementReason",
    "OrderStatus",
    "Qty",
    "QtyLike",
    "Tracking",
    "Uom",
]

#: Units of measure. Stock is kept in the base unit of each dimension: g, ml, pcs.
Uom = Literal["mg", "g", "kg", "ml", "l", "pcs"]
#: What a unit measures.
Dimension = Literal["mass", "volume", "count"]
#: What role an item plays.
ItemKind = Literal["material", "product", "packaging"]
#: How stock of an item is identified.
Tracking = Literal["none", "lot"]
#: Internal locations hold stock; the virtual ones are the other side of the ledger.
LocationKind = Literal[
    "internal",
    "quarantine",
    "transit",
    "supplier",
    "customer",
    "production",
    "scrap",
    "adjustment",
]
#: A sales order's status, derived from its lines.
OrderStatus = Literal[
    "needs_attention",
    "placed",
    "awaiting_materials",
    "materials_reserved",
    "in_production",
    "ready_to_ship",
    "partially_shipped",
    "shipped",
    "cancelled",
]
#: A manufacturing order's status.
MoStatus = Literal[
    "awaiting_materials", "materials_reserved", "in_production", "completed", "cancelled"
]
#: Why stock moved.
MovementReason = Literal[
    "receipt", "adjustment", "consumption", "production", "scrap", "shipment", "transfer", "return"
]


@dataclass(frozen=True, init=False)
class Qty:
    """A decimal amount in a unit, e.g. ``Qty("2.5", "kg")``; text form ``"2.5 kg"``.

    Two quantities are equal when value and unit are (``2.5 kg`` is not
    ``2500 g``; use `convert_to` to compare across units).
    """

    value: Decimal
    uom: Uom
    #: Read from the core's "<decimal> <unit>" text by the native module.
    _text_fields: ClassVar[Tuple[str, str]] = ("value", "uom")

    def __init__(self, value: DecimalLike, uom: str) -> None:
        object.__setattr__(self, "value", to_decimal(value, "quantity"))
        object.__setattr__(self, "uom", _native.parse_uom(uom))

    @classmethod
    def parse(cls, text: str) -> "Qty":
        """Parses ``"<decimal> <unit>"`` with the core's parser (exponents,
        commas and unknown units are refused with lotwise errors)."""
        value, uom = _native.parse_qty(text)
        return cls._make(Decimal(value), uom)

    @classmethod
    def _make(cls, value: Decimal, uom: str) -> "Qty":
        q = object.__new__(cls)
        object.__setattr__(q, "value", value)
        object.__setattr__(q, "uom", uom)
        return q

    @classmethod
    def _from_json(cls, text: str) -> "Qty":
        # The core always writes "<decimal> <unit>" with a canonical unit.
        value, _, uom = text.partition(" ")
        return cls._make(Decimal(value), uom)

    @staticmethod
    def _to_json(q: "Qty") -> str:
        return f"{decimal_text(q.value)} {q.uom}"

    def convert_to(self, uom: str) -> "Qty":
        """The same amount in another unit of the same dimension (exact); a
        `UnitMismatch` across dimensions."""
        value, unit = _native.convert_qty(Qty._to_json(self), uom)
        return Qty._make(Decimal(value), unit)

    def __str__(self) -> str:
        return f"{normalized_text(self.value)} {self.uom}"

    def __repr__(self) -> str:
        return f"Qty('{self}')"


@dataclass(frozen=True, init=False)
class Money:
    """An amount in one ISO 4217 currency, e.g. ``Money("18.00", "USD")``."""

    amount: Decimal
    currency: str
    #: Read from the core's "<decimal> <CUR>" text by the native module.
    _text_fields: ClassVar[Tuple[str, str]] = ("amount", "currency")

    def __init__(self, amount: DecimalLike, currency: str) -> None:
        exact = to_decimal(amount, "money")
        # The core checks the currency code (three letters) and upper-cases it.
        _, cur = _native.parse_money(f"{decimal_text(exact)} {currency}")
        object.__setattr__(self, "amount", exact)
        object.__setattr__(self, "currency", cur)

    @classmethod
    def parse(cls, text: str) -> "Money":
        """Parses ``"<decimal> <CUR>"`` with the core's parser."""
        amount, currency = _native.parse_money(text)
        return cls._make(Decimal(amount), currency)

    @classmethod
    def _make(cls, amount: Decimal, currency: str) -> "Money":
        m = object.__new__(cls)
        object.__setattr__(m, "amount", amount)
        object.__setattr__(m, "currency", currency)
        return m

    @classmethod
    def _from_json(cls, text: str) -> "Money":
        amount, _, currency = text.partition(" ")
        return cls._make(Decimal(amount), currency)

    @staticmethod
    def _to_json(m: "Money") -> str:
        return f"{decimal_text(m.amount)} {m.currency}"

    def __str__(self) -> str:
        return Money._to_json(self)

    def __repr__(self) -> str:
        return f"Money('{self}')"


#: A quantity as input: a `Qty` or its text form ``"2.5 kg"``.
QtyLike = Union[Qty, str]
#: Money as input: a `Money` or its text form ``"18.00 USD"``.
MoneyLike = Union[Money, str]


def to_qty(value: QtyLike, field: str = "quantity") -> Qty:
    """A `Qty` from a `Qty` or its text ``"2.5 kg"``; a float is refused."""
    if isinstance(value, Qty):
        return value
    if isinstance(value, str):
        return Qty.parse(value)
    if isinstance(value, float):
        raise TypeError(
            f"lotwise refuses the float {value!r} for {field}: a float cannot hold most decimal "
            "amounts exactly; pass Qty(Decimal('2.5'), 'kg') or a str such as '2.5 kg'"
        )
    raise TypeError(f"{field}: expected a Qty or a str such as '2.5 kg', got {type(value).__name__}")


def to_money(value: MoneyLike, field: str = "money") -> Money:
    """A `Money` from a `Money` or its text ``"18.00 USD"``; a float is refused."""
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value)
    if isinstance(value, float):
        raise TypeError(
            f"lotwise refuses the float {value!r} for {field}: a float cannot hold most decimal "
            "amounts exactly; pass Money(Decimal('18.00'), 'USD') or a str such as '18.00 USD'"
        )
    raise TypeError(
        f"{field}: expected a Money or a str such as '18.00 USD', got {type(value).__name__}"
    )
