"""`Lotwise`, the engine handle, and `FixedClock`.

Every command is one transaction: it applies whole or raises a `LotwiseError`
and changes nothing. Every call releases the GIL while the engine works, and
one handle may be shared by many threads.
"""

import datetime as _dt
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence

from . import _native
from ._args import count
from ._audit import AuditApi
from ._catalog import CatalogApi
from ._codec import instant_text, parse_instant, to_json
from ._operations import GeneratedOperations
from ._orders import OrdersApi
from ._production import ProductionApi
from ._results import result_shape
from ._shipping import ShippingApi
from ._stock import StockApi
from .channels import ChannelsApi
from .desk import DeskApi
from .locations import LocationsApi
from .planning import PlanningApi
from .purchasing import PurchasingApi
from .returns import ReturnsApi

if TYPE_CHECKING:  # pragma: no cover
    import pandas

# `open` is left out so that `from lotwise.engine import *` keeps the builtin.
__all__ = ["FixedClock", "Lotwise"]

_JSON_SCALARS = (str, int, bool)


class FixedClock:
    """A clock that stands still until moved; pass it to `Lotwise.open` for
    reproducible notebooks, tests and replays."""

    __slots__ = ("_inner",)

    def __init__(self, at: _dt.datetime) -> None:
        self._inner = _native.FixedClock(instant_text(at))

    def now(self) -> _dt.datetime:
        """The time shown (UTC)."""
        return parse_instant(self._inner.now())

    def set(self, at: _dt.datetime) -> None:
        """Moves the clock to `at` (timezone-aware)."""
        self._inner.set(instant_text(at))

    def advance_days(self, days: int) -> None:
        """Moves the clock forward by whole days."""
        self._inner.advance_days(count(days, "days") or 0)

    def __repr__(self) -> str:
        return f"FixedClock({self.now().isoformat()!r})"


# The commands of each area are a mixin in that area's module: `_catalog`,
# `_stock`, `_orders`, `_production`, `_shipping`, `_audit`, and the public
# modules purchasing, locations, returns, channels, desk and planning; the
# generated methods come last. This class holds the native handle, `execute`
# and the pandas views.
class Lotwise(
    CatalogApi,
    StockApi,
    OrdersApi,
    ProductionApi,
    ShippingApi,
    AuditApi,
    PurchasingApi,
    LocationsApi,
    ReturnsApi,
    ChannelsApi,
    DeskApi,
    PlanningApi,
    GeneratedOperations,
):
    """The lotwise engine over one store. Open one with `Lotwise.open` (or
    `lotwise.open`); share it freely between threads.

    The commands of purchasing, locations, returns, channel import and the
    order desk (with analytics and exports) live in their modules
    (`lotwise.purchasing`, `lotwise.locations`, `lotwise.returns`,
    `lotwise.channels`, `lotwise.desk`).

    A handle is a context manager: ``with lotwise.open(url) as lw:`` closes
    it at the end of the block, as `close` does. Any call on a closed handle
    raises `ValueError` ("... is closed"), as a closed Python file does.
    """

    __slots__ = ("_engine",)

    def __init__(self, engine: _native.Engine) -> None:
        self._engine: Optional[_native.Engine] = engine

    @property
    def _inner(self) -> _native.Engine:
        # The one place every method fetches the native handle.
        engine = self._engine
        if engine is None:
            raise ValueError("this lotwise.Lotwise handle is closed; open another with lotwise.open(url)")
        return engine

    @_inner.setter
    def _inner(self, engine: _native.Engine) -> None:
        self._engine = engine

    @property
    def closed(self) -> bool:
        """Whether `close` was called (or the ``with`` block ended)."""
        return self._engine is None

    def close(self) -> None:
        """Lets go of the store (the last handle on it closes its connections;
        a call already running in another thread finishes first). Closing
        twice is harmless; any other call afterwards raises `ValueError`."""
        self._engine = None

    def __enter__(self) -> "Lotwise":
        _ = self._inner  # a closed handle cannot be entered
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @classmethod
    def open(cls, url: str = ":memory:", *, clock: Optional[FixedClock] = None) -> "Lotwise":
        """Opens a store by URL (``":memory:"``, ``"shop.db"``, ``"postgres://…"``).

        With `clock` the engine reads time from that fixed clock instead of
        the system clock, on any backend (replays, simulations, tests).
        """
        return cls(_native.Engine.open(url, None if clock is None else clock._inner))

    def execute(self, operation: str, args: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation of the core's table by name, with its arguments
        as the core's JSON shapes or Python values (`Decimal`, `date`, aware
        `datetime`, records), and answers its typed result, as the method of
        that name would. `lotwise.OPERATIONS` lists them all.

            >>> lw.execute("stock", {"sku": "WAX-SOY"}).available
            Decimal('20000')
        """
        return self._run(operation, dict(args or {}))

    def execute_json(self, command: str) -> str:
        """``{"do": ..., "args": ...}`` JSON text in, ``{"ok": ...}`` or
        ``{"error": {"code", "message", ...}}`` JSON text out: the same door
        every language has, for hosts that hold commands as text."""
        return self._inner.execute_json(command)

    def _run(self, name: str, args: Dict[str, Any]) -> Any:
        # The native side reads JSON-like values (str, int, bool, lists,
        # dicts); records, decimals and dates become the core's JSON first.
        plain = {}
        for key, value in args.items():
            if value is None:
                continue  # absent: the core's default applies
            plain[key] = value if type(value) in _JSON_SCALARS else to_json(value)
        return self._inner.execute(result_shape(name), name, plain)

    @property
    def backend(self) -> str:
        """``memory``, ``sqlite`` or ``postgres``."""
        return self._inner.backend()

    def now(self) -> _dt.datetime:
        """The engine's clock (UTC)."""
        return parse_instant(self._inner.now())

    def __repr__(self) -> str:
        if self._engine is None:
            return "<lotwise.Lotwise closed>"
        return f"<lotwise.Lotwise backend={self.backend}>"

    # --- pandas (optional) -----------------------------------------------------------------

    def orders_frame(self) -> "pandas.DataFrame":
        """Every order line as a DataFrame row (needs pandas)."""
        from .frames import orders_frame

        return orders_frame(self)

    def stock_frame(self, skus: Optional[Sequence[str]] = None) -> "pandas.DataFrame":
        """Stock per item, lot and location as a DataFrame (needs pandas)."""
        from .frames import stock_frame

        return stock_frame(self, skus)

    def schedule_frame(self, from_: _dt.datetime, to: _dt.datetime) -> "pandas.DataFrame":
        """Booked operations overlapping ``[from_, to)`` as a DataFrame (needs pandas)."""
        from .frames import schedule_frame

        return schedule_frame(self, from_, to)


def open(url: str = ":memory:", *, clock: Optional[FixedClock] = None) -> Lotwise:  # noqa: A001
    """Opens a lotwise store: ``lotwise.open(":memory:")``."""
    return Lotwise.open(url, clock=clock)
