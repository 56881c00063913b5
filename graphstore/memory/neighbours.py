"""The in-memory store's graph primitives: each node's strongest neighbours of each kind
and the edges among a slice's nodes."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

from researchgraph.graphstore.graph import (
    NEIGHBOUR_CAP,
    SLICE_COAUTHOR_EDGES,
    EdgeKind,
    EdgeRecord,
    NeighbourRecord,
    SliceDrawing,
    SliceRequest,
)
from researchgraph.graphstore.ids import NodeKind, kind_of
from researchgraph.graphstore.memory.base import MemoryBase
from researchgraph.graphstore.ordering import (
    edge_order,
    neighbour_order,
)


class Neighbours(MemoryBase):
    async def neighbours(self, ids: Sequence[str], per_kind: int) -> list[list[NeighbourRecord]]:
        limit = min(per_kind, NEIGHBOUR_CAP)
        return [self._neighbours(node_id, limit) for node_id in ids]

    def _neighbours(self, node_id: str, limit: int) -> list[NeighbourRecord]:
        """The strongest `limit` of each kind, in `neighbour_order`; only those are
        built (a prolific author has thousands)."""
        chosen = [
            NeighbourRecord(other, kind, float(strength))
            for kind, candidates in self._candidates(node_id)
            for other, strength in heapq.nsmallest(limit, candidates, key=_strongest_first)
        ]
        return sorted(chosen, key=neighbour_order)

    def _candidates(self, node_id: str) -> list[tuple[NodeKind, list[_Candidate]]]:
        """A node's neighbours by kind, each with its strength."""
        g = self.graph
        works = g.works
        match kind_of(node_id):
            case NodeKind.RESEARCHER if node_id in g.researchers:
                affiliations = g.affiliations_of.get(node_id, {})
                return [
                    (
                        NodeKind.WORK,
                        [(w, works[w].citation_count) for w in g.works_of.get(node_id, ())],
                    ),
                    (
                        NodeKind.RESEARCHER,
                        [(c, s.works) for c, s in self.derived.coauthors_of(node_id).items()],
                    ),
                    (NodeKind.TOPIC, list(self.derived.topics_of(node_id).items())),
                    (NodeKind.INSTITUTION, [(i, len(a.years)) for i, a in affiliations.items()]),
                ]
            case NodeKind.WORK if node_id in g.works:
                # A work both citing and cited by this one is one neighbour.
                cites = g.references_of.get(node_id, set()) | g.citations_of.get(node_id, set())
                return [
                    (
                        NodeKind.RESEARCHER,
                        [
                            (r, 1.0 / (1 + a.position))
                            for r, a in g.authors_of.get(node_id, {}).items()
                        ],
                    ),
                    (
                        NodeKind.TOPIC,
                        [(t, a.score or 0.0) for t, a in g.topics_of.get(node_id, {}).items()],
                    ),
                    (
                        NodeKind.WORK,
                        [(w, works[w].citation_count) for w in cites if w != node_id],
                    ),
                ]
            case NodeKind.TOPIC if node_id in g.topics:
                return [
                    (
                        NodeKind.WORK,
                        [(w, works[w].citation_count) for w in g.works_about.get(node_id, ())],
                    )
                ]
            case NodeKind.INSTITUTION if node_id in g.institutions:
                return [
                    (
                        NodeKind.RESEARCHER,
                        [
                            (r, len(g.affiliations_of[r][node_id].years))
                            for r in g.members_of.get(node_id, ())
                        ],
                    )
                ]
        return []

    async def draw_slices(self, requests: Sequence[SliceRequest]) -> list[SliceDrawing]:
        return [
            SliceDrawing(
                {i: self._label(i) if i in self._named(kind_of(i)) else None for i in r.ids},
                self._edges_among(r.center, set(r.ids)),
            )
            for r in requests
        ]

    def _edges_among(self, center: str, group: set[str]) -> list[EdgeRecord]:
        g = self.graph
        edges: list[EdgeRecord] = []
        for node_id in group:
            kind = kind_of(node_id)
            if kind is NodeKind.WORK:
                for topic_id, about in g.topics_of.get(node_id, {}).items():
                    if topic_id in group:
                        edges.append(EdgeRecord(node_id, topic_id, EdgeKind.ABOUT, about.score))
                edges += [
                    EdgeRecord(node_id, cited, EdgeKind.CITES)
                    for cited in g.references_of.get(node_id, set()) & group
                    if cited != node_id
                ]
            elif kind is NodeKind.RESEARCHER:
                edges += self._researcher_edges(node_id, group, node_id == center)
        # A co-authorship both researchers rank among their strongest comes twice.
        return sorted(set(edges), key=edge_order)

    def _researcher_edges(
        self, researcher_id: str, group: set[str], is_center: bool
    ) -> list[EdgeRecord]:
        g = self.graph
        works = g.works_of.get(researcher_id, set())
        strongest = self.derived.strongest_coauthors(researcher_id)
        shared = [(c, n) for c, n in strongest if c in group][:SLICE_COAUTHOR_EDGES]
        topics = self.derived.topics_of(researcher_id) if is_center else Counter()
        return [
            *(EdgeRecord(researcher_id, w, EdgeKind.AUTHORED) for w in works & group),
            *(
                EdgeRecord(researcher_id, i, EdgeKind.AFFILIATED_WITH, float(len(a.years)))
                for i, a in g.affiliations_of.get(researcher_id, {}).items()
                if i in group
            ),
            *(
                EdgeRecord(
                    min(researcher_id, c), max(researcher_id, c), EdgeKind.COAUTHOR, float(n)
                )
                for c, n in shared
            ),
            *(
                EdgeRecord(researcher_id, t, EdgeKind.RESEARCHES, float(n))
                for t, n in topics.items()
                if t in group
            ),
        ]


# A neighbour not built yet: its id and strength.
_Candidate = tuple[str, float]


def _strongest_first(candidate: _Candidate) -> tuple[float, str]:
    return -candidate[1], candidate[0]
