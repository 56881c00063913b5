"""A request's deadline, carried to the store: a store call never outlives the request
that made it. The HTTP layer sets it (`server.timeouts`); the Neo4j connection bounds
each transaction's timeout and its wait for a pooled connection by what is left."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Store calls inside must end within `seconds` from now."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left to the current request's deadline (may be negative); None: none."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()
