"""The event and audit commands of `Lotwise`: the event log with
per-consumer cursors, the whole-state snapshot and the invariant check.
"""

from typing import Any, Dict, Optional, Tuple

from . import _native
from ._args import count
from ._codec import shape
from .types import Event, Snapshot

# Result shapes are compiled once from the records' type hints; the native
# module builds each call's result as its shape says.
_EVENTS: _native.Shape[Tuple[Event, ...]] = shape(Tuple[Event, ...])
_SNAPSHOT: _native.Shape[Snapshot] = shape(Snapshot)
_INVARIANTS: _native.Shape[Tuple[str, ...]] = shape(Tuple[str, ...])


class AuditApi:
    """Event and audit commands of `Lotwise`."""

    __slots__ = ()
    _inner: _native.Engine

    def _run(self, name: str, args: Dict[str, Any]) -> Any:
        raise NotImplementedError  # the engine handle provides it

    def events_after(self, after: Optional[int] = None, limit: Optional[int] = None) -> Tuple[Event, ...]:
        """Up to `limit` events (the core's page, 100, when None) with a
        sequence above `after` (from the start when None)."""
        events: Tuple[Event, ...] = self._run(
            "events_after", {"after": count(after, "after"), "limit": count(limit, "limit")}
        )
        return events

    def pending_events(self, consumer: str, limit: Optional[int] = None) -> Tuple[Event, ...]:
        """Up to `limit` events (100 when None) after the consumer's cursor."""
        events: Tuple[Event, ...] = self._run(
            "pending_events", {"consumer": consumer, "limit": count(limit, "limit")}
        )
        return events

    def ack_events(self, consumer: str, seq: int) -> None:
        """Moves the consumer's cursor to `seq`."""
        self._inner.ack_events(consumer, seq)

    def event_cursor(self, consumer: str) -> int:
        """The last sequence the consumer acknowledged (0 before any)."""
        return self._inner.event_cursor(consumer)

    def snapshot(self) -> Snapshot:
        """The whole state; equal snapshots mean equal states."""
        return self._inner.snapshot(_SNAPSHOT)

    def check_invariants(self) -> Tuple[str, ...]:
        """The invariants the state violates; empty when all hold."""
        return self._inner.check_invariants(_INVARIANTS)
