"""Topics, institutions and sources: lookups and the lists that hang off them."""

from __future__ import annotations

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import ResearcherOrder, WorkFilter, WorkOrder
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, paged


async def topic(ctx: Context, topic_id: str) -> TopicRecord | None:
    limits.node_id(topic_id, NodeKind.TOPIC)
    return await ctx.loaders.topic.load(topic_id)


async def institution(ctx: Context, institution_id: str) -> InstitutionRecord | None:
    limits.node_id(institution_id, NodeKind.INSTITUTION)
    return await ctx.loaders.institution.load(institution_id)


async def source(ctx: Context, source_id: str) -> SourceRecord | None:
    limits.node_id(source_id, NodeKind.SOURCE)
    return await ctx.loaders.source.load(source_id)


async def topic_works(
    ctx: Context,
    topic_id: str,
    first: int,
    after: str | None,
    order: WorkOrder,
    wanted: WorkFilter | None,
) -> CursorPage[WorkRecord]:
    return await paged(
        ctx.loaders.topic_works, topic_id, NodeKind.WORK, first, after, order, wanted
    )


async def institution_researchers(
    ctx: Context, institution_id: str, first: int, after: str | None, order: ResearcherOrder
) -> CursorPage[ResearcherRecord]:
    return await paged(
        ctx.loaders.institution_researchers,
        institution_id,
        NodeKind.RESEARCHER,
        first,
        after,
        order,
    )
