"""Memory between builds, so `mkdocs serve` redoes only what a seed edit changed.

Everything lives at module level, so it survives MkDocs re-creating the plugin object
on each rebuild. Each memo is keyed by what its result depends on (a file's size and
modification time, a seed's content hash, the locked ids of its page), so a stale entry
can never be used.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")
MAX_ENTRIES = 50_000


class Memo(Generic[V]):
    """A bounded dict of results by key."""

    def __init__(self) -> None:
        self._data: dict[Hashable, V] = {}
        _ALL.append(self)

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        value = self._data.get(key)
        if value is None:
            if len(self._data) >= MAX_ENTRIES:
                self._data.clear()
            value = make()
            self._data[key] = value
        return value

    def peek(self, key: Hashable) -> V | None:
        return self._data.get(key)

    def put(self, key: Hashable, value: V) -> None:
        if len(self._data) >= MAX_ENTRIES:
            self._data.clear()
        self._data[key] = value

    def items(self) -> list[tuple[Hashable, V]]:
        return list(self._data.items())

    def clear(self) -> None:
        self._data.clear()


class ObjectMemo(Generic[V]):
    """Results per (object, variant), for objects too large to hash: kept while the object lives."""

    def __init__(self) -> None:
        self._data: dict[tuple[int, Hashable], tuple[weakref.ref[object], V]] = {}
        _ALL.append(self)

    def get(self, obj: object, variant: Hashable, make: Callable[[], V]) -> V:
        key = (id(obj), variant)
        entry = self._data.get(key)
        if entry is not None and entry[0]() is obj:
            return entry[1]
        if len(self._data) >= MAX_ENTRIES:
            self._data.clear()
        value = make()
        self._data[key] = (weakref.ref(obj), value)
        return value

    def clear(self) -> None:
        self._data.clear()


_ALL: list[Memo | ObjectMemo] = []  # type: ignore[type-arg]


def clear() -> None:
    """Forget everything (benchmarks measure cold runs with it)."""
    for memo in _ALL:
        memo.clear()
