"""How records print: `repr` and the notebook's `_repr_html_`, for every
record class at once (`install`, called by the package on its record modules).

`repr` stays Python: ``ClassName(field=value, ...)`` with each field's own
repr. A record whose repr fits in `WIDTH` characters prints on one line;
a bigger one prints one field per line, indented, and so do its nested
records and tuples that do not fit on their line either:

    >>> lw.item("WAX")
    Item(sku='WAX', name='Soy wax', kind='material', uom='g', ...)
    >>> lw.order("SO-000001")
    SalesOrder(
        id='SO-000001',
        channel='etsy',
        ...
        lines=(
            OrderLine(line=1, sku='CANDLE', qty=Qty('3 pcs'), ...),
        ),
        ...
    )

`_repr_html_` (Jupyter) shows a record as a two-column table, nested records
as nested tables. Only the display changes: equality, hashing, pickling and
`dataclasses` behaviour are the dataclasses' own.
"""

import dataclasses
import html
from types import ModuleType
from typing import Any, Dict, Iterable, List, Optional, Tuple

__all__ = ["WIDTH", "install", "record_html", "record_repr"]

#: The longest line a repr keeps on one line, indentation included.
WIDTH = 100
#: How many items of a tuple the HTML table shows before "… n more".
HTML_ITEMS = 20
_INDENT = "    "

# The fields each record class shows, in order (dataclass fields with repr=True).
_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _fields(cls: type) -> Tuple[str, ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = tuple(f.name for f in dataclasses.fields(cls) if f.repr)
        _FIELDS[cls] = found
    return found


def _is_record(value: Any) -> bool:
    return getattr(type(value), "_repr_html_", None) is record_html


def _flat(value: Any, budget: int) -> Optional[str]:
    """The one-line repr of `value`, or None once it is longer than `budget`
    (computed only as far as needed, so a big record costs little)."""
    if _is_record(value):
        name = type(value).__qualname__
        parts = _flat_items(
            ((f"{field}=", getattr(value, field)) for field in _fields(type(value))),
            budget - len(name) - 2,
        )
        return None if parts is None else f"{name}({parts})"
    if isinstance(value, (tuple, list)) and any(_is_record(v) for v in value):
        parts = _flat_items((("", v) for v in value), budget - 3)
        if parts is None:
            return None
        if isinstance(value, list):
            return f"[{parts}]"
        return f"({parts},)" if len(value) == 1 else f"({parts})"
    if isinstance(value, dict) and any(_is_record(v) for v in value.values()):
        parts = _flat_items(((f"{k!r}: ", v) for k, v in value.items()), budget - 2)
        return None if parts is None else f"{{{parts}}}"
    text = repr(value)
    return text if len(text) <= budget else None


def _flat_items(items: Iterable[Tuple[str, Any]], budget: int) -> Optional[str]:
    """``prefix + flat repr`` of each item joined by ", ", or None past `budget`."""
    parts: List[str] = []
    used = 0
    for prefix, value in items:
        text = _flat(value, budget - used - len(prefix))
        if text is None:
            return None
        parts.append(prefix + text)
        used += len(prefix) + len(text) + 2
        if used > budget + 2:
            return None
    return ", ".join(parts)


def _format(value: Any, level: int, column: int) -> str:
    """`value`'s repr starting at `column` on a line indented `level` times:
    one line when it fits in `WIDTH`, else records, tuples and dicts of
    records one item per line, one level deeper."""
    flat = _flat(value, WIDTH - column)
    if flat is not None:
        return flat
    pad = _INDENT * (level + 1)
    # Each item line ends with a comma: one character less for it.
    if _is_record(value):
        lines = [
            f"{pad}{name}={_format(getattr(value, name), level + 1, len(pad) + len(name) + 2)},"
            for name in _fields(type(value))
        ]
        left, right = f"{type(value).__qualname__}(", ")"
    elif isinstance(value, (tuple, list)) and value:
        lines = [f"{pad}{_format(item, level + 1, len(pad) + 1)}," for item in value]
        left, right = ("[", "]") if isinstance(value, list) else ("(", ")")
    elif isinstance(value, dict) and value:
        lines = []
        for k, v in value.items():
            key = f"{k!r}: "
            lines.append(f"{pad}{key}{_format(v, level + 1, len(pad) + len(key) + 1)},")
        left, right = "{", "}"
    else:
        return repr(value)
    return left + "\n" + "\n".join(lines) + "\n" + _INDENT * level + right


def record_repr(self: Any) -> str:
    """``ClassName(field=value, ...)``: one line when it fits in `WIDTH`
    characters, else one field per line, indented."""
    return _format(self, 0, 0)


def _html_value(value: Any) -> str:
    if _is_record(value):
        return record_html(value)
    if isinstance(value, (tuple, list)) and value and any(_is_record(v) for v in value):
        shown = [_html_value(v) for v in value[:HTML_ITEMS]]
        more = len(value) - len(shown)
        if more > 0:
            shown.append(f"<div>… {more} more</div>")
        return "".join(shown)
    # Text as it is; amounts, dates and the rest by their str (7600, not
    # Decimal('7600')).
    return html.escape(value if isinstance(value, str) else str(value))


def record_html(self: Any) -> str:
    """The record as an HTML table: one row per field, nested records as
    nested tables (a notebook shows this instead of the repr)."""
    cls = type(self)
    rows = "".join(
        f'<tr><th style="text-align:left;vertical-align:top">{html.escape(name)}</th>'
        f'<td style="text-align:left">{_html_value(getattr(self, name))}</td></tr>'
        for name in _fields(cls)
    )
    caption = f'<caption style="text-align:left"><b>{html.escape(cls.__qualname__)}</b></caption>'
    return f'<table class="lotwise-record">{caption}{rows}</table>'


def install(*modules: ModuleType) -> None:
    """Gives every dataclass defined in `modules` the record `__repr__` and
    `_repr_html_`. Classes with a `__repr__` of their own (`Qty`, `Money`)
    are not in these modules; equality, hashing and pickling are untouched."""
    for module in modules:
        for value in list(vars(module).values()):
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
            ):
                setattr(value, "__repr__", record_repr)
                setattr(value, "_repr_html_", record_html)
