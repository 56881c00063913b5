"""Researcher fields: the profile header, counts, trust, and the lists around it."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.pages import ResearcherOrder
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    STAT_GROUP_OF,
    AffiliationRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    InstitutionRecord,
    ResearcherRecord,
    ResearcherTopicRecord,
    StatGroup,
    StatsRequest,
    TopicRecord,
    TopicsRequest,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, paged
from researchgraph.resolvers.external_ids import internal_id
from researchgraph.resolvers.trust import TrustResult, trust_snapshot

if TYPE_CHECKING:
    from researchgraph.resolvers.planning import RootPlans


def researcher_records(
    ctx: Context, ids: list[str], fields: frozenset[str] | None
) -> Awaitable[list[ResearcherRecord | None]]:
    """Records of `ids` with at least `fields` (None: whole records)."""
    if fields is None:
        return ctx.loaders.researcher.load_many(ids)
    return ctx.loaders.researcher_view.load_many([(i, fields) for i in ids])


async def researcher(
    ctx: Context, researcher_id: str, plans: RootPlans | None = None
) -> ResearcherRecord | None:
    """With `plans`, what the selection reads around it comes in the same store call."""
    found_id = await internal_id(ctx, researcher_id, NodeKind.RESEARCHER)
    if found_id is None:
        return None
    researcher_id = found_id
    if plans is None:
        return await ctx.loaders.researcher.load(researcher_id)
    return await ctx.loaders.planned_researchers.load((researcher_id, plans.researcher()))


async def researchers(
    ctx: Context, first: int, after: str | None, order: ResearcherOrder
) -> CursorPage[ResearcherRecord]:
    return await paged(ctx.loaders.researchers_page, None, NodeKind.RESEARCHER, first, after, order)


# What the trust snapshot reads: works, citations, close collaborators, followers.
TRUST_STATS = frozenset({StatGroup.WORKS, StatGroup.NETWORK, StatGroup.FOLLOWERS})


async def count(ctx: Context, researcher_id: str, name: str) -> int:
    """The count `name` (a `ResearcherStats` field), read with its group alone."""
    group = STAT_GROUP_OF[name]
    stats = await ctx.loaders.stats.load(StatsRequest(researcher_id, frozenset({group})))
    value: int | None = getattr(stats, name)
    assert value is not None  # its group was asked for
    return value


async def trust(ctx: Context, record: ResearcherRecord) -> TrustResult:
    return trust_snapshot(
        record, await ctx.loaders.stats.load(StatsRequest(record.id, TRUST_STATS))
    )


async def affiliations(
    ctx: Context, researcher_id: str
) -> list[tuple[AffiliationRecord, InstitutionRecord]]:
    """With each institution's record."""
    found = await ctx.loaders.affiliations.load(researcher_id)
    places = await ctx.loaders.institution.load_many([a.institution_id for a in found])
    return [(a, p) for a, p in zip(found, places, strict=True) if p is not None]


async def current_affiliation(ctx: Context, researcher_id: str) -> InstitutionRecord | None:
    """The current institution; None when no current affiliation was imported."""
    found = await ctx.loaders.affiliations.load(researcher_id)
    if not found or not found[0].current:
        return None
    return await ctx.loaders.institution.load(found[0].institution_id)


async def topics(
    ctx: Context, researcher_id: str, first: int
) -> list[tuple[ResearcherTopicRecord, TopicRecord]]:
    request = TopicsRequest(researcher_id, topics_limit(first))
    found = await ctx.loaders.researcher_topics.load(request)
    topics = await ctx.loaders.topic.load_many([t.topic_id for t in found])
    return [(t, topic) for t, topic in zip(found, topics, strict=True) if topic is not None]


def topics_limit(first: int) -> int:
    return limits.first(first, limits.MAX_TOPICS)


def collaborators_bounds(min_shared: int, first: int) -> tuple[int, int]:
    """(min_shared, limit), checked."""
    return (
        limits.bounded("minSharedWorks", min_shared, 1, limits.MAX_MIN_SHARED),
        limits.first(first, limits.MAX_COLLABORATORS),
    )


async def collaborators(
    ctx: Context,
    researcher_id: str,
    first: int,
    min_shared: int,
    fields: frozenset[str] | None = None,
) -> list[tuple[CollaborationRecord, ResearcherRecord]]:
    """With each co-author's record (of at least `fields`)."""
    request = CollaboratorsRequest(researcher_id, *collaborators_bounds(min_shared, first))
    found = await ctx.loaders.collaborators.load(request)
    people = await researcher_records(ctx, [c.researcher_id for c in found], fields)
    return [(c, p) for c, p in zip(found, people, strict=True) if p is not None]


async def close_collaborators(
    ctx: Context, researcher_id: str, first: int, fields: frozenset[str] | None = None
) -> list[tuple[CollaborationRecord, ResearcherRecord]]:
    """Co-authors sharing at least `CLOSE_COLLABORATOR_MIN_SHARED` works."""
    return await collaborators(ctx, researcher_id, first, CLOSE_COLLABORATOR_MIN_SHARED, fields)
