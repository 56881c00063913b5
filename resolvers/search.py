"""`search`, `searchConnection` and `autocomplete`: checked and bounded, then one
batched store call (the matches of every asked kind, filtered, merged and paged by
the store)."""

from __future__ import annotations

from researchgraph.graphstore.graph import SLICE_KINDS
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.search import (
    SearchFilter,
    SearchHitRecord,
    SearchPage,
    SearchRequest,
    terms,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, after_offset, checked_filter, offset_page
from researchgraph.resolvers.errors import BadUserInput

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
MAX_COMPLETIONS = 10


def _words(query: str) -> tuple[str, ...]:
    if len(query) > MAX_QUERY_LENGTH:
        raise BadUserInput(
            f"`query` is longer than {MAX_QUERY_LENGTH} characters.", argument="query"
        )
    words = terms(query)
    if not words:
        raise BadUserInput("`query` has no words to search for.", argument="query")
    return words


def _checked(wanted: SearchFilter | None) -> SearchFilter | None:
    if wanted is None:
        return None
    checked_filter(wanted.works())
    if wanted.topic_id is not None:
        limits.node_id(wanted.topic_id, NodeKind.TOPIC, argument="filter.topic")
    if wanted.institution_id is not None:
        limits.node_id(wanted.institution_id, NodeKind.INSTITUTION, argument="filter.institution")
    return wanted


def _kinds(kinds: list[NodeKind] | None, wanted: SearchFilter | None) -> tuple[NodeKind, ...]:
    """The asked kinds (all by default) that the filter can describe."""
    allowed = wanted.kinds() if wanted else frozenset(SLICE_KINDS)
    return tuple(k for k in SLICE_KINDS if (kinds is None or k in kinds) and k in allowed)


async def _page(ctx: Context, request: SearchRequest) -> SearchPage:
    if not request.kinds:
        return SearchPage([], 0)
    return await ctx.loaders.search.load(request)


async def search(
    ctx: Context,
    query: str,
    kinds: list[NodeKind] | None,
    first: int,
    wanted: SearchFilter | None = None,
) -> list[SearchHitRecord]:
    words = _words(query)
    limit = limits.bounded("first", first, 1, MAX_RESULTS)
    wanted = _checked(wanted)
    return (await _page(ctx, SearchRequest(words, _kinds(kinds, wanted), limit, 0, wanted))).hits


async def search_page(
    ctx: Context,
    query: str,
    kinds: list[NodeKind] | None,
    wanted: SearchFilter | None,
    first: int,
    after: str | None,
) -> tuple[tuple[str, ...], CursorPage[SearchHitRecord]]:
    """The query's terms (for highlights) and one page of its hits."""
    words = _words(query)
    limit = limits.bounded("first", first, 0, MAX_RESULTS)
    offset = after_offset(after, "search")
    wanted = _checked(wanted)
    found = await _page(ctx, SearchRequest(words, _kinds(kinds, wanted), limit, offset, wanted))
    return words, offset_page(found.hits, "search", offset, found.total)


async def autocomplete(
    ctx: Context, query: str, kinds: list[NodeKind] | None, first: int
) -> list[SearchHitRecord]:
    words = _words(query)
    limit = limits.bounded("first", first, 1, MAX_COMPLETIONS)
    request = SearchRequest(words, _kinds(kinds, None), limit, prefix_only=True)
    return (await _page(ctx, request)).hits
