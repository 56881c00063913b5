"""Read-your-own-writes across API replicas and database cluster members, with the
database's bookmarks: a write's response carries the bookmark of its transaction; a
client that sends it back gets reads that wait until the member serving them has
applied that transaction, whichever replica and member answer.

The HTTP layer opens a `Causality` per request (`causal`); the Neo4j connection reads
it for every session it opens, and records the bookmark of each write in it. A store
without replicas (the in-memory one) has nothing to wait for and leaves it empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

HEADER = "x-neo4j-bookmark"
MAX_BOOKMARKS = 16  # a client's own recent writes; more is not a bookmark but a payload
# Neo4j's bookmarks are short printable tokens (`FB:kcwQ…`); anything else is refused
# before it reaches the database.
_BOOKMARK = re.compile(r"[A-Za-z0-9:+/=_.\-]{1,256}")


class MalformedBookmark(ValueError):
    """The client's bookmark header is not a list of bookmarks."""


@dataclass
class Causality:
    after: frozenset[str]  # what the client has seen: reads wait for these
    written: frozenset[str] = field(default_factory=frozenset)  # this request's writes

    @property
    def bookmarks(self) -> frozenset[str]:
        """What a session of this request must see: the client's and its own writes."""
        return self.after | self.written


_CURRENT: ContextVar[Causality | None] = ContextVar("causality", default=None)


def parse(header: str | None) -> frozenset[str]:
    """The bookmarks of a header: comma-separated; raises `MalformedBookmark`."""
    if header is None or not header.strip():
        return frozenset()
    values = [value.strip() for value in header.split(",")]
    if len(values) > MAX_BOOKMARKS:
        raise MalformedBookmark(f"at most {MAX_BOOKMARKS} bookmarks, comma-separated")
    if not all(_BOOKMARK.fullmatch(value) for value in values):
        raise MalformedBookmark("a bookmark is a token a write's response returned")
    return frozenset(values)


def render(bookmarks: frozenset[str]) -> str:
    return ",".join(sorted(bookmarks))


@contextmanager
def causal(after: frozenset[str]) -> Iterator[Causality]:
    """The request's causality, for the stores' sessions within the block."""
    causality = Causality(after)
    token = _CURRENT.set(causality)
    try:
        yield causality
    finally:
        _CURRENT.reset(token)


def current() -> Causality | None:
    return _CURRENT.get()
