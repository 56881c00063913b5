"""Paged lists: checked arguments, opaque keyset cursors, and the connection shape
resolvers hand to the schema.

A cursor encodes `(order, sort key, id)` of a row; it is only valid with the ordering
that produced it. Every argument is checked before any store call."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from aiodataloader import DataLoader

from researchgraph.graphstore.ids import NodeKind, is_kind
from researchgraph.graphstore.pages import HasId, Page, PageRequest, WorkFilter
from researchgraph.resolvers import limits
from researchgraph.resolvers.errors import BadUserInput

T = TypeVar("T")
R = TypeVar("R", bound=HasId)


@dataclass(frozen=True, slots=True)
class Edge(Generic[T]):
    cursor: str
    node: T


@dataclass(frozen=True, slots=True)
class CursorPage(Generic[T]):
    """What a Relay connection field returns: a page of edges with their cursors."""

    edges: list[Edge[T]]
    total_count: int
    has_next_page: bool
    has_previous_page: bool

    @property
    def start_cursor(self) -> str | None:
        return self.edges[0].cursor if self.edges else None

    @property
    def end_cursor(self) -> str | None:
        return self.edges[-1].cursor if self.edges else None


def encode(order: str, key: int, node_id: str) -> str:
    return base64.urlsafe_b64encode(f"{order}:{key}:{node_id}".encode()).decode().rstrip("=")


def decode_key(cursor: str | None, order: str, kind: NodeKind) -> tuple[int, str] | None:
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        cursor_order, key, node_id = text.split(":")
        if cursor_order != order or not is_kind(node_id, kind):
            raise ValueError(text)
        return int(key), node_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput(
            "`after` is not a cursor of this list (cursors are only valid with the "
            "ordering that produced them).",
            argument="after",
        ) from None


def cursor_page(page: Page[R], order: str, after: str | None) -> CursorPage[R]:
    return CursorPage(
        edges=[Edge(encode(order, row.key, row.record.id), row.record) for row in page.rows],
        total_count=page.total,
        has_next_page=page.has_next,
        has_previous_page=after is not None,
    )


def offset_cursor(tag: str, offset: int) -> str:
    """For lists paged by position (ranked search hits; followers, whose ids are not
    for showing): the position of a row in its list."""
    return base64.urlsafe_b64encode(f"{tag}:{offset}".encode()).decode().rstrip("=")


def after_offset(cursor: str | None, tag: str) -> int:
    """Where the page after `cursor` starts; BAD_USER_INPUT for another list's cursor."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        cursor_tag, offset = text.split(":")
        if cursor_tag != tag or not 0 <= int(offset) < MAX_OFFSET:
            raise ValueError(text)
        return int(offset) + 1
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput("`after` is not a cursor of this list.", argument="after") from None


def offset_page(rows: list[T], tag: str, offset: int, total: int) -> CursorPage[T]:
    edges = [Edge(offset_cursor(tag, offset + i), row) for i, row in enumerate(rows)]
    return CursorPage(
        edges=edges,
        total_count=total,
        has_next_page=offset + len(edges) < total,
        has_previous_page=offset > 0,
    )


# Positions past any list a store pages by offset.
MAX_OFFSET = 1_000_000

MIN_YEAR, MAX_YEAR = 1000, 3000


def checked_filter(wanted: WorkFilter | None) -> WorkFilter | None:
    if wanted is None:
        return None
    for name, year in (("yearFrom", wanted.year_from), ("yearTo", wanted.year_to)):
        if year is not None:
            limits.bounded(f"filter.{name}", year, MIN_YEAR, MAX_YEAR)
    if (
        wanted.year_from is not None
        and wanted.year_to is not None
        and wanted.year_from > wanted.year_to
    ):
        raise BadUserInput("`filter.yearFrom` is after `filter.yearTo`.", argument="filter")
    return wanted


async def paged(
    loader: DataLoader[PageRequest, Page[R]],
    owner: str | None,
    kind: NodeKind,
    first: int,
    after: str | None,
    order: StrEnum,
    wanted: WorkFilter | None = None,
    fields: frozenset[str] | None = None,
) -> CursorPage[R]:
    """One page of `owner`'s list of `kind` nodes, arguments checked first."""
    request = page_request(owner, kind, first, after, order, wanted, fields)
    return cursor_page(await loader.load(request), order.value, after)


def page_request(
    owner: str | None,
    kind: NodeKind,
    first: int,
    after: str | None,
    order: StrEnum,
    wanted: WorkFilter | None = None,
    fields: frozenset[str] | None = None,
) -> PageRequest:
    """The store's request for a page; `BadUserInput` for a bad argument."""
    return PageRequest(
        owner=owner,
        order=order.value,
        limit=limits.first(first),
        after=decode_key(after, order.value, kind),
        filter=checked_filter(wanted),
        fields=fields,
    )
