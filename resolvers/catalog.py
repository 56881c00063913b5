"""Topics, institutions and sources: lookups and the lists that hang off them."""

from __future__ import annotations

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import ResearcherOrder
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
)
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, paged
from researchgraph.resolvers.external_ids import internal_id


async def topic(ctx: Context, topic_id: str) -> TopicRecord | None:
    """By our id or an OpenAlex URL."""
    found_id = await internal_id(ctx, topic_id, NodeKind.TOPIC)
    return await ctx.loaders.topic.load(found_id) if found_id else None


async def institution(ctx: Context, institution_id: str) -> InstitutionRecord | None:
    """By our id, an OpenAlex URL or a ROR id."""
    found_id = await internal_id(ctx, institution_id, NodeKind.INSTITUTION)
    return await ctx.loaders.institution.load(found_id) if found_id else None


async def source(ctx: Context, source_id: str) -> SourceRecord | None:
    """By our id or an OpenAlex URL."""
    found_id = await internal_id(ctx, source_id, NodeKind.SOURCE)
    return await ctx.loaders.source.load(found_id) if found_id else None


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
