"""Facets: buckets over everything a connection of works selects, or over a
researcher's co-authors; `first` checked before any store call."""

from __future__ import annotations

from researchgraph.graphstore.facets import (
    FacetBucketRecord,
    FacetRequest,
    InstitutionFacetRequest,
    WorkFacet,
    WorkSelection,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context


async def group_works(
    ctx: Context, selection: WorkSelection, facet: WorkFacet, first: int
) -> list[FacetBucketRecord]:
    request = FacetRequest(selection, facet, limits.first(first))
    return await ctx.loaders.work_facets.load(request)


async def collaborators_by_institution(
    ctx: Context, researcher_id: str, first: int
) -> list[FacetBucketRecord]:
    request = InstitutionFacetRequest(researcher_id, limits.first(first))
    return await ctx.loaders.collaborator_institutions.load(request)
