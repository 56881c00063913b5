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
_NO_YEAR_ASC = 10_000
_NO_YEAR_DESC = 0


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


def work_sort_key(work: WorkRecord, order: str) -> int:
    if order == WorkOrder.YEAR_ASC:
        return work.year if work.year is not None else _NO_YEAR_ASC
    if order == WorkOrder.CITATIONS_DESC:
        return -work.citation_count
    return -(work.year if work.year is not None else _NO_YEAR_DESC)


def researcher_sort_key(works: int, citations: int, order: str) -> int:
    return -citations if order == ResearcherOrder.CITATIONS_DESC else -works


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
