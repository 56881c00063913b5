"""Keyset pagination shared by both stores.

Every ordering is expressed as one integer sort key ascending, ties broken by id
ascending, so a cursor is just `(key, id)` and both stores page identically.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.records import WorkRecord

T = TypeVar("T")

# Years missing from a record sort after every real year in either direction.
NO_YEAR_ASC = 10_000
NO_YEAR_DESC = 0


class WorkOrder(StrEnum):
    YEAR_DESC = "YEAR_DESC"
    YEAR_ASC = "YEAR_ASC"
    CITATIONS_DESC = "CITATIONS_DESC"


class ResearcherOrder(StrEnum):
    WORKS_DESC = "WORKS_DESC"
    CITATIONS_DESC = "CITATIONS_DESC"


@dataclass(frozen=True, slots=True)
class WorkFilter:
    year_from: int | None = None
    year_to: int | None = None
    types: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class PageRequest:
    """One page of one owner's list. `owner` is None for a top-level list;
    `limit` is the page size; `after` is the `(key, id)` of the last row seen.
    `fields`: the record fields its reader needs (None: all); the batch reads give
    whole records, a planned read only these (`records.projected`)."""

    owner: str | None
    order: str
    limit: int
    after: tuple[int, str] | None = None
    filter: WorkFilter | None = None
    fields: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class WorksPageRequest:
    """One page of the declared list `works` (`graphstore.model`) of `page.owner`."""

    works: WorkList
    page: PageRequest


@dataclass(frozen=True, slots=True)
class PageRow(Generic[T]):
    key: int
    record: T


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    rows: list[PageRow[T]]
    total: int
    has_next: bool


def order_key(year: int | None, citations: int, order: str) -> int:
    """A work's key in `order`, from what the key is made of."""
    if order == WorkOrder.YEAR_ASC:
        return year if year is not None else NO_YEAR_ASC
    if order == WorkOrder.CITATIONS_DESC:
        return -citations
    return -(year if year is not None else NO_YEAR_DESC)


def work_sort_key(work: WorkRecord, order: str) -> int:
    return order_key(work.year, work.citation_count, order)


# Beyond every key a work can have (citation counts included), for open ranges.
LOWEST_KEY = -(2**62)
HIGHEST_KEY = 2**62


def key_range(order: str, wanted: WorkFilter | None) -> tuple[int, int]:
    """The keys in `order` (inclusive) of works a filter's years admit: a walk in
    key order need not look outside them. A missing year's key may fall inside;
    `work_matches` still decides."""
    low, high = LOWEST_KEY, HIGHEST_KEY
    first = wanted.year_from if wanted else None
    last = wanted.year_to if wanted else None
    if order == WorkOrder.YEAR_ASC:
        low = first if first is not None else low
        high = last if last is not None else high
    elif order != WorkOrder.CITATIONS_DESC:  # newest first, as `order_key`
        low = -last if last is not None else low
        high = -first if first is not None else high
    return low, high


def researcher_sort_key(works: int, citations: int, order: str) -> int:
    return -citations if order == ResearcherOrder.CITATIONS_DESC else -works


def walk_bounds(
    order: str, wanted: WorkFilter | None, after: tuple[int, str] | None
) -> tuple[int, int]:
    """The keys a walk in key order covers past a cursor's key: (exclusive lower,
    inclusive upper). The cursor's ties are the walk's before these."""
    low, high = key_range(order, wanted)
    return (max(after[0], low - 1) if after else low - 1), high


def work_matches(work: WorkRecord, wanted: WorkFilter | None) -> bool:
    if wanted is None:
        return True
    if wanted.year_from is not None and (work.year is None or work.year < wanted.year_from):
        return False
    if wanted.year_to is not None and (work.year is None or work.year > wanted.year_to):
        return False
    return wanted.types is None or work.type in wanted.types


class HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=HasId)


def paginate(rows: list[PageRow[R]], request: PageRequest) -> Page[R]:
    """Cut one page out of all of an owner's (filtered) rows; used by the memory
    store, and the behaviour the Neo4j store's Cypher reproduces."""
    after = request.after
    following = rows if after is None else [r for r in rows if (r.key, r.record.id) > after]
    # The page and one more (is there a next?), not every row sorted: a top-level
    # listing has an owner's thousands.
    first = heapq.nsmallest(request.limit + 1, following, key=lambda r: (r.key, r.record.id))
    return Page(rows=first[: request.limit], total=len(rows), has_next=len(first) > request.limit)
