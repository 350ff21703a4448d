"""The result shape of each operation, from the generated operation table.

`_operations.OPERATIONS` gives each operation's result as a Python
annotation (``"Tuple[Lot, ...]"``); it is resolved once against the public
names of `lotwise` and compiled into the native shape that builds the typed
result straight from the core's answer.
"""

import datetime as _dt
from decimal import Decimal
from typing import Any, Dict, Optional, Tuple

from . import _native
from ._codec import shape
from ._operations import OPERATIONS, OperationSpec

_SPECS: Dict[str, OperationSpec] = {op.name: op for op in OPERATIONS}
_SHAPES: Dict[str, "_native.Shape[Any]"] = {}


def spec(name: str) -> Optional[OperationSpec]:
    """The table row of operation `name`, if there is one."""
    return _SPECS.get(name)


def result_type(name: str) -> Any:
    """The Python type of operation `name`'s result (`Any` for an unknown
    name: the core then refuses the call with `InvalidInput`)."""
    row = _SPECS.get(name)
    if row is None:
        return Any
    import lotwise  # the public records; imported here, after the package

    namespace: Dict[str, Any] = dict(vars(lotwise))
    namespace.update(Any=Any, Optional=Optional, Tuple=Tuple, Dict=Dict, Decimal=Decimal, _dt=_dt)
    found = eval(row.result, namespace)  # noqa: S307  (generated annotations only)
    # An operation that answers nothing answers JSON null: `None`.
    return Any if found is None else found


def result_shape(name: str) -> "_native.Shape[Any]":
    """The native shape of operation `name`'s result, compiled once."""
    found = _SHAPES.get(name)
    if found is None:
        found = shape(result_type(name))
        _SHAPES[name] = found
    return found
