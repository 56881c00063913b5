"""Work fields: the record, its venue, authors and topics; pages of any declared list of
works (a researcher's, a topic's, a work's references, …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.pages import WorkFilter, WorkOrder, WorksPageRequest
from researchgraph.graphstore.records import (
    AuthorshipRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, cursor_page, page_request
from researchgraph.resolvers.external_ids import internal_id
from researchgraph.resolvers.researchers import researcher_records

if TYPE_CHECKING:
    from researchgraph.resolvers.planning import RootPlans


async def work(ctx: Context, work_id: str, plans: RootPlans | None = None) -> WorkRecord | None:
    """With `plans`, what the selection reads around it comes in the same store call."""
    found_id = await internal_id(ctx, work_id, NodeKind.WORK)
    if found_id is None:
        return None
    work_id = found_id
    if plans is None:
        return await ctx.loaders.work.load(work_id)
    return await ctx.loaders.planned_works.load((work_id, plans.work()))


async def venue(ctx: Context, record: WorkRecord) -> SourceRecord | None:
    return await ctx.loaders.source.load(record.venue_id) if record.venue_id else None


async def authorships(
    ctx: Context, work_id: str, fields: frozenset[str] | None = None
) -> list[tuple[AuthorshipRecord, ResearcherRecord]]:
    """With each author's record (of at least `fields`), so the schema needs no await
    per author."""
    found = await ctx.loaders.authorships.load(work_id)
    people = await researcher_records(ctx, [a.researcher_id for a in found], fields)
    return [(a, p) for a, p in zip(found, people, strict=True) if p is not None]


async def topics(ctx: Context, work_id: str) -> list[tuple[WorkTopicRecord, TopicRecord]]:
    """With each topic's record."""
    found = await ctx.loaders.work_topics.load(work_id)
    topics = await ctx.loaders.topic.load_many([t.topic_id for t in found])
    return [(t, topic) for t, topic in zip(found, topics, strict=True) if topic is not None]


async def works_page(
    ctx: Context,
    works: WorkList,
    owner_id: str,
    first: int,
    after: str | None,
    order: WorkOrder,
    wanted: WorkFilter | None = None,
    fields: frozenset[str] | None = None,
) -> CursorPage[WorkRecord]:
    """A page of `owner_id`'s declared list `works` (`graphstore.model`), arguments
    checked before any store call; with `fields`, of those record fields only."""
    request = page_request(owner_id, NodeKind.WORK, first, after, order, wanted, fields)
    page = await ctx.loaders.work_pages.load(WorksPageRequest(works, request))
    return cursor_page(page, order.value, after)
