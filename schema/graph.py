"""The graph-slice types."""

import strawberry

from researchgraph.graphstore.graph import NEIGHBOUR_CAP, SLICE_COAUTHOR_EDGES, EdgeRecord
from researchgraph.resolvers.slices import SliceNode, SliceResult
from researchgraph.schema.enums import EdgeKind, SliceKind


@strawberry.federation.type(shareable=True)
class GraphNode:
    id: strawberry.ID
    kind: SliceKind
    label: str | None = strawberry.field(
        description="The node's name or title; null for a work the source gives no title."
    )
    weight: float | None = strawberry.field(description="Relevance within its kind, 0-1.")

    @classmethod
    def from_record(cls, node: SliceNode) -> "GraphNode":
        return cls(
            id=strawberry.ID(node.id),
            kind=SliceKind(node.kind.value),
            label=node.label,
            weight=node.weight,
        )


@strawberry.federation.type(shareable=True)
class GraphEdge:
    source: strawberry.ID
    target: strawberry.ID
    kind: EdgeKind
    weight: float | None

    @classmethod
    def from_record(cls, edge: EdgeRecord) -> "GraphEdge":
        return cls(
            source=strawberry.ID(edge.source),
            target=strawberry.ID(edge.target),
            kind=edge.kind,
            weight=edge.weight,
        )


@strawberry.federation.type(
    shareable=True, description="A bounded neighbourhood: at most `limit` nodes, then truncated."
)
class GraphSlice:
    center: strawberry.ID
    nodes: list[GraphNode]
    edges: list[GraphEdge] = strawberry.field(
        description=(
            "The edges among the nodes: every one of each kind, except RESEARCHES, drawn "
            "from the center only, and COAUTHOR, each researcher's "
            f"{SLICE_COAUTHOR_EDGES} strongest co-authorships with others in the slice "
            f"(most shared works, then by id), found among their {NEIGHBOUR_CAP} strongest "
            "co-authors."
        )
    )
    truncated: bool

    @classmethod
    def from_record(cls, found: SliceResult) -> "GraphSlice":
        return cls(
            center=strawberry.ID(found.center),
            nodes=[GraphNode.from_record(n) for n in found.nodes],
            edges=[GraphEdge.from_record(e) for e in found.edges],
            truncated=found.truncated,
        )
