"""The in-memory store's search: an index of each kind's words, ranked as the Neo4j
store's full-text search ranks (`graphstore.search`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.memory.base import MemoryBase, searched_text
from researchgraph.graphstore.memory.search_index import KindIndex
from researchgraph.graphstore.pages import work_matches
from researchgraph.graphstore.search import (
    SEARCH_WINDOW,
    SearchFilter,
    SearchHitRecord,
    SearchPage,
    SearchRequest,
    completion_length,
    hit_order,
    tokens,
)


class Searching(MemoryBase):
    # --- search
    async def search(self, requests: Sequence[SearchRequest]) -> list[SearchPage]:
        return [self._search(request) for request in requests]

    def _search(self, request: SearchRequest) -> SearchPage:
        hits: list[SearchHitRecord] = []
        total = 0
        shown = request.offset + request.limit  # of each kind, at most, reach the page
        for kind in request.kinds:
            index = self._search_index(kind)
            matches: Iterable[tuple[str, float]]
            if request.prefix_only:  # every term begins a word of the name (Lucene: 1 each)
                begun = sorted(index.begun(request.terms), key=self._label_order)
                matches = ((node_id, float(len(request.terms))) for node_id in begun)
            else:
                matches = index.ranked(request.terms)  # in `hit_order`
            kept = list(
                islice(
                    ((i, s) for i, s in matches if self._passes(kind, i, request.filter)),
                    SEARCH_WINDOW,
                )
            )
            total += len(kept)
            hits += [SearchHitRecord(self._node(i), score) for i, score in kept[:shown]]
        hits.sort(key=lambda hit: hit_order(hit, request.prefix_only))
        return SearchPage(hits[request.offset : shown], total)

    def _label_order(self, node_id: str) -> tuple[int, str]:
        """Type-ahead's order among equal scores, as `hit_order` has it."""
        return completion_length(self._label(node_id)), node_id

    def _passes(self, kind: NodeKind, node_id: str, wanted: SearchFilter | None) -> bool:
        if wanted is None:
            return True
        g = self.graph
        if kind is NodeKind.WORK:
            listing = (a.institution_ids for a in g.authors_of.get(node_id, {}).values())
            return (
                work_matches(g.works[node_id], wanted.works())
                and (wanted.topic_id is None or wanted.topic_id in g.topics_of.get(node_id, {}))
                and (
                    wanted.institution_id is None
                    or any(wanted.institution_id in i for i in listing)
                )
            )
        if kind is NodeKind.RESEARCHER:
            return (
                wanted.topic_id is None or wanted.topic_id in self.derived.topics_of(node_id)
            ) and (
                wanted.institution_id is None
                or wanted.institution_id in g.affiliations_of.get(node_id, {})
            )
        return True

    def _search_index(self, kind: NodeKind) -> KindIndex:
        """The index of `kind`'s words (its name or title, and its other text); built
        on first use after each load, or by `refresh` at the end of an import."""
        if kind not in self._indexes:
            records = self._named(kind)
            self._indexes[kind] = KindIndex(
                (node_id, tokens(label), tokens(*other))
                for node_id in sorted(records)
                for label, other in [searched_text(records[node_id])]
            )
        return self._indexes[kind]
