"""A `GraphStore` proxy that counts calls: each call is one round trip to the store,
so tests and benchmarks can see batching hold (and the server can report it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, cast

from researchgraph.graphstore.protocol import GraphStore


class CountingStore:
    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self.calls: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._store, name)
        if not callable(method):
            return method
        target = cast(Callable[..., Awaitable[Any]], method)

        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return await target(*args, **kwargs)

        setattr(self, name, counted)  # built once per method, not per call
        return counted

    def as_store(self) -> GraphStore:
        return cast(GraphStore, self)
