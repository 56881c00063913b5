"""`Work.related` and `Researcher.similar`: `first` checked, one batched store call,
then the neighbours' records in one more."""

from __future__ import annotations

from typing import TypeVar

from aiodataloader import DataLoader

from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.graphstore.similarity import SimilarRecord, SimilarRequest
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context

MAX_SIMILAR = 50
R = TypeVar("R")


async def _neighbours(
    found_by: DataLoader[SimilarRequest, list[SimilarRecord]],
    records: DataLoader[str, R | None],
    node_id: str,
    first: int,
) -> list[tuple[SimilarRecord, R]]:
    found = await found_by.load(SimilarRequest(node_id, limits.first(first, MAX_SIMILAR)))
    read = await records.load_many([s.id for s in found])
    return [(s, r) for s, r in zip(found, read, strict=True) if r is not None]


async def related_works(
    ctx: Context, work_id: str, first: int
) -> list[tuple[SimilarRecord, WorkRecord]]:
    return await _neighbours(ctx.loaders.related_works, ctx.loaders.work, work_id, first)


async def similar_researchers(
    ctx: Context, researcher_id: str, first: int
) -> list[tuple[SimilarRecord, ResearcherRecord]]:
    return await _neighbours(
        ctx.loaders.similar_researchers, ctx.loaders.researcher, researcher_id, first
    )
