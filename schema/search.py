"""Search hits, pages of them, and the search filter."""

from __future__ import annotations

from typing import Any, Self

import strawberry

from researchgraph.graphstore.ids import NodeKind as StoreNodeKind
from researchgraph.graphstore.search import SearchFilter as StoreSearchFilter
from researchgraph.graphstore.search import SearchHitRecord, highlights
from researchgraph.resolvers import nodes
from researchgraph.resolvers.cursors import CursorPage
from researchgraph.schema.connections import PageInfo
from researchgraph.schema.context import Info, root_plans
from researchgraph.schema.entities import node_from_record
from researchgraph.schema.enums import SliceKind, WorkType
from researchgraph.schema.nodes import Node


@strawberry.input(
    description=(
        "Conditions on search hits. Years and types describe works; `topic` keeps works "
        "about it and researchers with works on it; `institution` keeps works an author "
        "lists it on and researchers affiliated with it. Kinds a set condition does not "
        "describe are not searched."
    )
)
class SearchFilter:
    year_from: int | None = None
    year_to: int | None = None
    types: list[WorkType] | None = None
    topic: strawberry.ID | None = None
    institution: strawberry.ID | None = None

    def to_store(self) -> StoreSearchFilter:
        return StoreSearchFilter(
            year_from=self.year_from,
            year_to=self.year_to,
            types=tuple(t.value for t in self.types) if self.types is not None else None,
            topic_id=self.topic,
            institution_id=self.institution,
        )


@strawberry.federation.type(
    shareable=True, description="A match, best first; `score` ranks hits within one search."
)
class SearchHit:
    id: strawberry.ID = strawberry.field(description="The node's id, without reading it.")
    kind: SliceKind
    label: str | None = strawberry.field(
        description="The node's name or title; null for a work the source gives no title."
    )
    score: float
    record: strawberry.Private[SearchHitRecord]

    @strawberry.field
    async def node(self, info: Info) -> Node:
        found = await nodes.node(info.context, self.record.node.id, root_plans(info))
        assert found is not None, "search only returns stored nodes"
        return node_from_record(found)

    @classmethod
    def from_record(cls, record: SearchHitRecord, **more: Any) -> Self:
        """`more`: the fields a subtype adds (an edge's cursor and terms)."""
        return cls(
            id=strawberry.ID(record.node.id),
            kind=SliceKind(record.node.kind.value),
            label=record.node.label,
            score=round(record.score, 4),
            record=record,
            **more,
        )


@strawberry.federation.type(shareable=True, description="A search hit in a page of hits.")
class SearchEdge(SearchHit):
    cursor: str
    terms: strawberry.Private[tuple[str, ...]]

    @strawberry.field(
        description=(
            "The words of the name, or of a work's title and abstract, the query matched "
            "(exactly, as a prefix or one edit away), as written, in order of appearance."
        )
    )
    async def highlights(self, info: Info) -> list[str]:
        hit = self.record.node
        if hit.kind is not StoreNodeKind.WORK:
            return highlights(self.terms, hit.label)
        work = await info.context.loaders.work.load(hit.id)
        assert work is not None, "search only returns stored nodes"
        return highlights(self.terms, work.title, work.abstract)


@strawberry.federation.type(shareable=True, description="A page of search hits, best first.")
class SearchConnection:
    edges: list[SearchEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(
        description="Matching nodes, across all pages (at most 1,000 of each kind)."
    )

    @classmethod
    def from_record(
        cls, terms: tuple[str, ...], page: CursorPage[SearchHitRecord]
    ) -> SearchConnection:
        edges = [SearchEdge.from_record(e.node, cursor=e.cursor, terms=terms) for e in page.edges]
        return cls(edges=edges, page_info=PageInfo.from_record(page), total_count=page.total_count)  # type: ignore[arg-type]
