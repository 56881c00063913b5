"""A `GraphStore` proxy that counts calls: each call is one round trip to the store,
so tests and benchmarks can see batching hold (and the server can report it). It
also notes how many keys each batch read carried (a loader's batch size)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from typing import Any, cast

from researchgraph.graphstore.protocol import GraphStore

# Opens a tracing span around one call: (method, keys in its batch or None).
SpanFactory = Callable[[str, int | None], AbstractContextManager[object]]


class CountingStore:
    def __init__(self, store: GraphStore, span: SpanFactory | None = None) -> None:
        self._store = store
        self._span = span
        self.calls: Counter[str] = Counter()
        # (method, keys) for every call whose first argument is a batch of keys.
        self.batches: list[tuple[str, int]] = []

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
            keys = len(args[0]) if args and isinstance(args[0], list | tuple) else None
            if keys is not None:
                self.batches.append((name, keys))
            if self._span is None:
                return await target(*args, **kwargs)
            with self._span(name, keys):
                return await target(*args, **kwargs)

        setattr(self, name, counted)  # built once per method, not per call
        return counted

    def as_store(self) -> GraphStore:
        return cast(GraphStore, self)
