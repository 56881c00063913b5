"""Search hits."""

import strawberry

from researchgraph.graphstore.search import SearchHitRecord
from researchgraph.resolvers import nodes
from researchgraph.schema.context import Info, root_plans
from researchgraph.schema.entities import node_from_record
from researchgraph.schema.enums import NodeKind
from researchgraph.schema.nodes import Node


@strawberry.type(description="A match, best first; `score` ranks hits within one search.")
class SearchHit:
    kind: NodeKind
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
    def from_record(cls, record: SearchHitRecord) -> "SearchHit":
        return cls(
            kind=NodeKind(record.node.kind.value),
            label=record.node.label,
            score=round(record.score, 4),
            record=record,
        )
