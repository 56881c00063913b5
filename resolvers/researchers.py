"""Researcher fields: the profile header, counts, trust, and the lists around it."""

from __future__ import annotations

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import ResearcherOrder, WorkFilter, WorkOrder
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    AffiliationRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    InstitutionRecord,
    ResearcherRecord,
    ResearcherStats,
    ResearcherTopicRecord,
    TopicsRequest,
    WorkRecord,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.pages import Connection, paged
from researchgraph.resolvers.trust import TrustResult, trust_snapshot


async def researcher(ctx: Context, researcher_id: str) -> ResearcherRecord | None:
    limits.node_id(researcher_id, NodeKind.RESEARCHER)
    return await ctx.loaders.researcher.load(researcher_id)


async def researchers(
    ctx: Context, first: int, after: str | None, order: ResearcherOrder
) -> Connection[ResearcherRecord]:
    return await paged(ctx.loaders.researchers_page, None, NodeKind.RESEARCHER, first, after, order)


async def stats(ctx: Context, researcher_id: str) -> ResearcherStats:
    return await ctx.loaders.stats.load(researcher_id)


async def trust(ctx: Context, record: ResearcherRecord) -> TrustResult:
    return trust_snapshot(record, await ctx.loaders.stats.load(record.id))


async def affiliations(ctx: Context, researcher_id: str) -> list[AffiliationRecord]:
    return await ctx.loaders.affiliations.load(researcher_id)


async def current_affiliation(ctx: Context, researcher_id: str) -> InstitutionRecord | None:
    """The current institution; None when no current affiliation was imported."""
    found = await ctx.loaders.affiliations.load(researcher_id)
    if not found or not found[0].current:
        return None
    return await ctx.loaders.institution.load(found[0].institution_id)


async def works(
    ctx: Context,
    researcher_id: str,
    first: int,
    after: str | None,
    order: WorkOrder,
    wanted: WorkFilter | None,
) -> Connection[WorkRecord]:
    return await paged(
        ctx.loaders.researcher_works, researcher_id, NodeKind.WORK, first, after, order, wanted
    )


async def topics(ctx: Context, researcher_id: str, first: int) -> list[ResearcherTopicRecord]:
    request = TopicsRequest(researcher_id, limits.first(first, limits.MAX_TOPICS))
    return await ctx.loaders.researcher_topics.load(request)


async def collaborators(
    ctx: Context, researcher_id: str, first: int, min_shared: int
) -> list[CollaborationRecord]:
    request = CollaboratorsRequest(
        researcher_id,
        limits.bounded("minSharedWorks", min_shared, 1, limits.MAX_MIN_SHARED),
        limits.first(first, limits.MAX_COLLABORATORS),
    )
    return await ctx.loaders.collaborators.load(request)


async def close_collaborators(
    ctx: Context, researcher_id: str, first: int
) -> list[CollaborationRecord]:
    """Co-authors sharing at least `CLOSE_COLLABORATOR_MIN_SHARED` works."""
    return await collaborators(ctx, researcher_id, first, CLOSE_COLLABORATOR_MIN_SHARED)
