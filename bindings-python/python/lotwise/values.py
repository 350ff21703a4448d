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

Quantities add, subtract and compare within one dimension, converted exactly
by the core (``Qty("1", "kg") + Qty("250", "g") == Qty("1250", "g")``); money
within one currency. Across dimensions that is a `UnitMismatch`, across
currencies a `CurrencyMismatch`; a bare number is a TypeError.
"""

import decimal
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Dict, Literal, Tuple, Union

from . import _native
from ._codec import DecimalLike, decimal_text, normalized_text, to_decimal
from .errors import CurrencyMismatch

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

#: Units of measure, by their codes (a quantity's text writes ``"fl_oz"`` as
#: ``"fl oz"``; the core reads both, and names such as ``"pounds"``). Stock is
#: kept in the base unit of each dimension: g, ml, pcs.
Uom = Literal[
    "mg", "g", "kg", "tonne", "oz", "lb",
    "ml", "cl", "l", "tsp", "tbsp", "fl_oz", "cup", "pt", "qt", "gal",
    "pcs", "dozen",
]
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


#: Sums and differences are exact: this context never rounds (an amount too
#: long for it raises `decimal.Inexact` instead of losing digits).
_EXACT = decimal.Context(prec=100, traps=[decimal.Inexact, decimal.InvalidOperation])

#: Each unit's dimension and rank in it (finer units first) and each
#: dimension's base unit. The conversion factors are the core's
#: (`_native.convert_qty`); this table only says which units can meet.
_UNITS: Dict[str, Tuple[str, int]] = {
    "mg": ("mass", 0),
    "g": ("mass", 1),
    "oz": ("mass", 2),
    "lb": ("mass", 3),
    "kg": ("mass", 4),
    "tonne": ("mass", 5),
    "ml": ("volume", 0),
    "tsp": ("volume", 1),
    "cl": ("volume", 2),
    "tbsp": ("volume", 3),
    "fl oz": ("volume", 4),
    "fl_oz": ("volume", 4),
    "cup": ("volume", 5),
    "pt": ("volume", 6),
    "qt": ("volume", 7),
    "l": ("volume", 8),
    "gal": ("volume", 9),
    "pcs": ("count", 0),
    "dozen": ("count", 1),
}
_BASE_UNITS: Dict[str, str] = {"mass": "g", "volume": "ml", "count": "pcs"}
#: Units whose factor is not a power of ten: converting into one may round.
_CUSTOMARY = frozenset(["oz", "lb", "tsp", "tbsp", "fl oz", "fl_oz", "cup", "pt", "qt", "gal", "dozen"])


def _unit(uom: str) -> Tuple[str, int]:
    # A unit this table does not know (a newer core) is its own dimension
    # here: only the core's conversion may say otherwise.
    return _UNITS.get(uom, (uom, 0))


@dataclass(frozen=True, init=False)
class Qty:
    """A decimal amount in a unit, e.g. ``Qty("2.5", "kg")``; text form ``"2.5 kg"``.

    Quantities of one dimension compare, add and subtract exactly across
    units: ``Qty("2.5", "kg") == Qty("2500", "g")``, and the hash agrees. A
    sum or difference is in the finer of the two units (``1 kg + 250 g`` is
    ``1250 g``), so no digit is lost. Ordering or arithmetic across
    dimensions raises `UnitMismatch` (``==`` is simply False); a bare
    number is a TypeError (``Qty + 1`` has no unit). `sum` needs a start:
    ``sum(qtys, Qty(0, "g"))``.
    """

    value: Decimal
    #: A unit's symbol (``"kg"``, ``"fl oz"``) or a pack unit of the item the
    #: quantity is for (``"box"``), which that item resolves.
    uom: str
    #: Read from the core's "<decimal> <unit>" text by the native module.
    _text_fields: ClassVar[Tuple[str, str]] = ("value", "uom")

    def __init__(self, value: DecimalLike, uom: str) -> None:
        object.__setattr__(self, "value", to_decimal(value, "quantity"))
        object.__setattr__(self, "uom", _native.parse_unit(uom))

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
        # The core always writes "<decimal> <unit>" with a canonical unit
        # (which may hold a space: "16 fl oz").
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

    def _in(self, uom: str) -> Decimal:
        """The value in `uom`, by the core's exact conversion."""
        if uom == self.uom:
            return self.value
        return Decimal(_native.convert_qty(Qty._to_json(self), uom)[0])

    def _common(self, other: "Qty") -> Tuple[Decimal, Decimal, str]:
        """Both values in the finer unit of the two (`UnitMismatch` across
        dimensions, raised by the core's conversion)."""
        if self.uom == other.uom:
            return self.value, other.value, self.uom
        (dimension, rank), (other_dimension, other_rank) = _unit(self.uom), _unit(other.uom)
        # Across dimensions `other` is converted to this unit, so the error
        # reads "expected a unit of mass, got `l`".
        unit = self.uom if dimension != other_dimension or rank <= other_rank else other.uom
        if dimension == other_dimension and (self.uom in _CUSTOMARY) != (other.uom in _CUSTOMARY):
            # Metric and customary meet in the base unit, where both are exact.
            unit = _BASE_UNITS[dimension]
        return self._in(unit), other._in(unit), unit

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Qty):
            return NotImplemented
        if self.uom == other.uom:
            return self.value == other.value
        if _unit(self.uom)[0] != _unit(other.uom)[0]:
            return False
        a, b, _ = self._common(other)
        return a == b

    def __hash__(self) -> int:
        # Equal quantities have equal values in their dimension's base unit.
        dimension = _unit(self.uom)[0]
        return hash((dimension, self._in(_BASE_UNITS.get(dimension, self.uom))))

    def __lt__(self, other: "Qty") -> bool:
        if not isinstance(other, Qty):
            return NotImplemented
        a, b, _ = self._common(other)
        return a < b

    def __le__(self, other: "Qty") -> bool:
        if not isinstance(other, Qty):
            return NotImplemented
        a, b, _ = self._common(other)
        return a <= b

    def __gt__(self, other: "Qty") -> bool:
        if not isinstance(other, Qty):
            return NotImplemented
        a, b, _ = self._common(other)
        return a > b

    def __ge__(self, other: "Qty") -> bool:
        if not isinstance(other, Qty):
            return NotImplemented
        a, b, _ = self._common(other)
        return a >= b

    def __add__(self, other: "Qty") -> "Qty":
        if not isinstance(other, Qty):
            return NotImplemented
        a, b, unit = self._common(other)
        return Qty._make(_EXACT.add(a, b), unit)

    def __sub__(self, other: "Qty") -> "Qty":
        if not isinstance(other, Qty):
            return NotImplemented
        a, b, unit = self._common(other)
        return Qty._make(_EXACT.subtract(a, b), unit)


@dataclass(frozen=True, init=False)
class Money:
    """An amount in one ISO 4217 currency, e.g. ``Money("18.00", "USD")``.

    Amounts of one currency compare, add and subtract exactly; across
    currencies ordering and arithmetic raise `CurrencyMismatch` (``==`` is
    simply False) and a bare number is a TypeError.
    """

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

    def _amounts(self, other: "Money") -> Tuple[Decimal, Decimal]:
        if self.currency != other.currency:
            raise CurrencyMismatch(
                f"currency mismatch: expected {self.currency}, got {other.currency}",
                {"expected": self.currency, "got": other.currency},
            )
        return self.amount, other.amount

    def __lt__(self, other: "Money") -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._amounts(other)
        return a < b

    def __le__(self, other: "Money") -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._amounts(other)
        return a <= b

    def __gt__(self, other: "Money") -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._amounts(other)
        return a > b

    def __ge__(self, other: "Money") -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._amounts(other)
        return a >= b

    def __add__(self, other: "Money") -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._amounts(other)
        return Money._make(_EXACT.add(a, b), self.currency)

    def __sub__(self, other: "Money") -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        a, b = self._amounts(other)
        return Money._make(_EXACT.subtract(a, b), self.currency)


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
