"""`search`, `searchConnection` and `autocomplete`: checked and bounded, then one
batched store call (the matches of every asked kind, filtered, merged and paged by
the store)."""

from __future__ import annotations

import base64
import binascii

from researchgraph.graphstore.graph import SLICE_KINDS
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.search import (
    SEARCH_WINDOW,
    SearchFilter,
    SearchHitRecord,
    SearchPage,
    SearchRequest,
    terms,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, Edge, checked_filter
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


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"search:{offset}".encode()).decode().rstrip("=")


def _offset(after: str | None) -> int:
    """The position after the cursor's hit: where the next page starts."""
    if after is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode()
        tag, offset = text.split(":")
        if tag != "search" or not 0 <= int(offset) < len(SLICE_KINDS) * SEARCH_WINDOW:
            raise ValueError(text)
        return int(offset) + 1
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BadUserInput("`after` is not a cursor of a search.", argument="after") from None


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
    offset = _offset(after)
    wanted = _checked(wanted)
    found = await _page(ctx, SearchRequest(words, _kinds(kinds, wanted), limit, offset, wanted))
    edges = [Edge(_cursor(offset + i), hit) for i, hit in enumerate(found.hits)]
    return words, CursorPage(
        edges=edges,
        total_count=found.total,
        has_next_page=offset + len(edges) < found.total,
        has_previous_page=offset > 0,
    )


async def autocomplete(
    ctx: Context, query: str, kinds: list[NodeKind] | None, first: int
) -> list[SearchHitRecord]:
    words = _words(query)
    limit = limits.bounded("first", first, 1, MAX_COMPLETIONS)
    request = SearchRequest(words, _kinds(kinds, None), limit, prefix_only=True)
    return (await _page(ctx, request)).hits
