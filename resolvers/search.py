"""`search`: checked, bounded, then one batched store call."""

from __future__ import annotations

from researchgraph.graphstore.graph import SLICE_KINDS
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.search import SearchHitRecord, SearchRequest, terms
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.errors import BadUserInput

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50


async def search(
    ctx: Context, query: str, kinds: list[NodeKind] | None, first: int
) -> list[SearchHitRecord]:
    if len(query) > MAX_QUERY_LENGTH:
        raise BadUserInput(
            f"`query` is longer than {MAX_QUERY_LENGTH} characters.", argument="query"
        )
    words = terms(query)
    if not words:
        raise BadUserInput("`query` has no words to search for.", argument="query")
    limit = limits.bounded("first", first, 1, MAX_RESULTS)
    wanted = tuple(k for k in SLICE_KINDS if kinds is None or k in kinds)
    return await ctx.loaders.search.load(SearchRequest(words, wanted, limit))
