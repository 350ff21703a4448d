"""How the engine's methods check and convert their scalar arguments:
whole counts, yes/no flags and quantities.
"""

from typing import Optional

from .values import Qty, QtyLike, to_qty


def count(value: Optional[int], field: str) -> Optional[int]:
    """Days and counts are whole numbers; a float or bool is a TypeError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field}: expected an int, got {type(value).__name__} {value!r}")
    return value


def flag(value: Optional[bool], field: str) -> Optional[bool]:
    """A yes/no setting takes a bool only: 0 or "no" is a TypeError."""
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"{field}: expected a bool, got {type(value).__name__} {value!r}")


def qty_json(value: Optional[QtyLike], field: str) -> Optional[str]:
    """A quantity argument as the core's JSON text; None stays None."""
    return None if value is None else Qty._to_json(to_qty(value, field))
