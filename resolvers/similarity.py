"""`Work.related` and `Researcher.similar`: `first` checked, one batched store call,
then the neighbours' records in one more."""

from __future__ import annotations

from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.graphstore.similarity import SimilarRecord, SimilarRequest
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context

MAX_SIMILAR = 50


async def related_works(
    ctx: Context, work_id: str, first: int
) -> list[tuple[SimilarRecord, WorkRecord]]:
    request = SimilarRequest(work_id, limits.first(first, MAX_SIMILAR))
    found = await ctx.loaders.related_works.load(request)
    records = await ctx.loaders.work.load_many([s.id for s in found])
    return [(s, r) for s, r in zip(found, records, strict=True) if r is not None]


async def similar_researchers(
    ctx: Context, researcher_id: str, first: int
) -> list[tuple[SimilarRecord, ResearcherRecord]]:
    request = SimilarRequest(researcher_id, limits.first(first, MAX_SIMILAR))
    found = await ctx.loaders.similar_researchers.load(request)
    records = await ctx.loaders.researcher.load_many([s.id for s in found])
    return [(s, r) for s, r in zip(found, records, strict=True) if r is not None]
