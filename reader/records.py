"""``Record``: ``typing.NamedTuple``'s class syntax, without importing ``typing``.

The values a warm ``reader search`` meets (``Article``, ``ArticleRow``, the query's terms,
``SearchHit``...) are named tuples: immutable, compared and hashed by value, and cheap to
define (a frozen dataclass costs about 0.5 ms to define). ``typing`` itself costs about
3 ms to import, a twentieth of the whole search, and those modules need nothing else from
it (their annotations are strings and their ``TYPE_CHECKING`` a constant). So at run
time ``Record`` makes what ``NamedTuple`` makes, a ``collections.namedtuple`` class
carrying the class body's methods, properties and docstring, and type checkers see
``typing.NamedTuple`` itself.

Write ``class Span(Record):`` with annotated fields, defaults last, as for NamedTuple.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    # What the class body holds that is no method or property for the new class, and
    # what it may not redefine (as NamedTuple forbids).
    _BOOKKEEPING = frozenset({"__module__", "__qualname__", "__annotations__", "__doc__", "__orig_bases__"})
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace",
         "_asdict"}
    )  # fmt: skip

    class _RecordType(type):
        def __new__(cls, name, bases, namespace):
            if not bases:  # ``Record`` itself
                return super().__new__(cls, name, bases, namespace)
            fields = list(namespace.get("__annotations__", {}))
            defaults = [namespace[field] for field in fields if field in namespace]
            if any(field not in namespace for field in fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            made = collections.namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            made.__qualname__ = namespace.get("__qualname__", name)
            made.__annotations__ = dict(namespace.get("__annotations__", {}))
            if namespace.get("__doc__") is not None:
                made.__doc__ = namespace["__doc__"]
            for key, value in namespace.items():
                if key in _BOOKKEEPING or key in fields:
                    continue
                if key in _PROHIBITED:
                    raise AttributeError(f"{name}: cannot overwrite {key} on a record")
                setattr(made, key, value)
            return made

    class Record(metaclass=_RecordType):
        """The base a record class names (see the module's doc)."""


__all__ = ["Record"]
