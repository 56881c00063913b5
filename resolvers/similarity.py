"""`Work.related` and `Researcher.similar`: `first` checked, one batched store call
that brings the neighbours' records with their scores."""

from __future__ import annotations

from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.graphstore.similarity import Similar, SimilarRequest
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context

MAX_SIMILAR = 50


async def related_works(ctx: Context, work_id: str, first: int) -> list[Similar[WorkRecord]]:
    request = SimilarRequest(work_id, limits.first(first, MAX_SIMILAR))
    return await ctx.loaders.related_works.load(request)


async def similar_researchers(
    ctx: Context, researcher_id: str, first: int
) -> list[Similar[ResearcherRecord]]:
    request = SimilarRequest(researcher_id, limits.first(first, MAX_SIMILAR))
    return await ctx.loaders.similar_researchers.load(request)
