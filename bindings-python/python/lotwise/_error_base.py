"""The base of lotwise's exceptions: `LotwiseError` and how the native
module builds one. The classes per error code are generated into
`errors.py` (the public module) from the schema.
"""

import datetime as _dt
import json
import keyword
from decimal import Decimal
from typing import Any, Callable, ClassVar, Dict, Mapping, Optional, Tuple, Type

__all__ = ["LotwiseError", "error_class"]


_BY_CODE: Dict[str, Type["LotwiseError"]] = {}


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else convert(v)


# How a field's JSON value (as `Error::fields()` gives it) becomes its typed
# attribute. Decimals arrive as strings, so they never pass through a float.
_CONVERTERS: Dict[Any, Callable[[Any], Any]] = {
    str: str,
    int: int,
    Decimal: Decimal,
    _dt.date: _dt.date.fromisoformat,
    Tuple[str, ...]: tuple,
    Optional[str]: _optional(str),
    Optional[int]: _optional(int),
}


class LotwiseError(Exception):
    """Base of every lotwise error.

    Attributes:
        code: the stable snake_case error code, e.g. ``"insufficient_stock"``.
        message: the human-readable text.
        fields: every field of the error, typed (decimals as ``Decimal``).
        retryable: whether simply retrying the same command may succeed.
    """

    code: str
    message: str
    fields: Mapping[str, Any]
    _code: ClassVar[str] = ""
    _category: ClassVar[str] = ""
    _raw: Dict[str, Any]

    def __init_subclass__(cls, code: str = "", category: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if code:
            cls._code = code
            _BY_CODE[code] = cls
        if category:
            cls._category = category

    def __init__(
        self,
        message: str,
        fields: Optional[Mapping[str, Any]] = None,
        code: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or type(self)._code or "lotwise_error"
        self._raw = dict(fields or {})
        converters = _field_converters(type(self))
        typed: Dict[str, Any] = {}
        for name, value in self._raw.items():
            convert = converters.get(name)
            typed[name] = convert(value) if convert is not None and value is not None else value
        for name in converters:
            setattr(self, _attr(name), typed.get(name))
        self.fields = typed

    @property
    def retryable(self) -> bool:
        """True for `Conflict`: the same command may succeed when retried."""
        return type(self)._category == "retryable"

    @property
    def category(self) -> str:
        """The error's family, the same in every binding: `not_found`,
        `invalid`, `refused`, `retryable`, `storage` or `internal`."""
        return type(self)._category or "internal"

    @staticmethod
    def _from_json(data: Mapping[str, Any]) -> "LotwiseError":
        """The exception for an error reported as data (`{code, message,
        ...fields}`), as bulk operations answer refused items."""
        code = str(data.get("code", ""))
        fields = {k: v for k, v in data.items() if k not in ("code", "message")}
        return error_class(code)(str(data.get("message", "")), fields, code)

    @staticmethod
    def _to_json(error: "LotwiseError") -> Dict[str, Any]:
        return {"code": error.code, **error._raw, "message": error.message}

    def __reduce__(self) -> Tuple[Any, ...]:
        # Exceptions pickle as `cls(*args)` by default, which would drop the
        # fields; rebuild from the raw fields instead.
        return (type(self), (self.message, self._raw, self.code))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.fields.items())
        return f"{type(self).__name__}(code={self.code!r}, {shown})" if shown else (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"
        )


def _field_converters(cls: Type[LotwiseError]) -> Dict[str, Callable[[Any], Any]]:
    """Typed fields declared by the class and its lotwise bases, by name."""
    cached = cls.__dict__.get("_converters")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out: Dict[str, Callable[[Any], Any]] = {}
    for klass in reversed(cls.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, LotwiseError)) or klass is LotwiseError:
            continue
        for name, hint in klass.__dict__.get("__annotations__", {}).items():
            if not name.startswith("_"):
                out[_json_name(name)] = _CONVERTERS.get(hint, lambda v: v)
    cls._converters = out  # type: ignore[attr-defined]
    return out


def _attr(json_name: str) -> str:
    """A field's attribute: a Python keyword (`from`) gets a trailing `_`."""
    return json_name + "_" if keyword.iskeyword(json_name) else json_name


def _json_name(attr: str) -> str:
    """The field's name in the core's JSON for an attribute name."""
    bare = attr[:-1]
    return bare if attr.endswith("_") and keyword.iskeyword(bare) else attr


def error_class(code: str) -> Type[LotwiseError]:
    """The exception class for an error code (`LotwiseError` when unknown)."""
    return _BY_CODE.get(code, LotwiseError)


def _from_native(code: str, message: str, fields_json: str) -> LotwiseError:
    """Called by the native module to build the exception it raises."""
    return error_class(code)(message, json.loads(fields_json), code)
