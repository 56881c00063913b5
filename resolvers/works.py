"""Work fields: the record, its venue, authors, topics, references and citations."""

from __future__ import annotations

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import PageRequest, WorkFilter, WorkOrder
from researchgraph.graphstore.records import (
    AuthorshipRecord,
    SourceRecord,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.loaders.pages import CitationsByWorkLoader, ReferencesByWorkLoader
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import Connection, connection, decode
from researchgraph.resolvers.errors import BadUserInput

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


async def work(ctx: Context, work_id: str) -> WorkRecord | None:
    limits.node_id(work_id, NodeKind.WORK)
    return await ctx.loaders.work.load(work_id)


async def venue(ctx: Context, record: WorkRecord) -> SourceRecord | None:
    return await ctx.loaders.source.load(record.venue_id) if record.venue_id else None


async def authorships(ctx: Context, work_id: str) -> list[AuthorshipRecord]:
    return await ctx.loaders.authorships.load(work_id)


async def topics(ctx: Context, work_id: str) -> list[WorkTopicRecord]:
    return await ctx.loaders.work_topics.load(work_id)


async def _cited(
    loader: ReferencesByWorkLoader | CitationsByWorkLoader,
    work_id: str,
    first: int,
    after: str | None,
    order: WorkOrder,
) -> Connection[WorkRecord]:
    request = PageRequest(
        owner=work_id,
        order=order.value,
        limit=limits.first(first),
        after=decode(after, order.value, NodeKind.WORK),
    )
    return connection(await loader.load(request), order.value, after)


async def references(
    ctx: Context, work_id: str, first: int, after: str | None, order: WorkOrder
) -> Connection[WorkRecord]:
    """Works this one cites (those in the graph)."""
    return await _cited(ctx.loaders.references, work_id, first, after, order)


async def cited_by(
    ctx: Context, work_id: str, first: int, after: str | None, order: WorkOrder
) -> Connection[WorkRecord]:
    """Works in the graph that cite this one."""
    return await _cited(ctx.loaders.citations, work_id, first, after, order)
