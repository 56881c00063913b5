"""`node(id:)`: the id's prefix names its kind, so dispatch needs no lookup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)
from researchgraph.resolvers import limits
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.researchers import researcher
from researchgraph.resolvers.works import work

AnyRecord = ResearcherRecord | WorkRecord | TopicRecord | InstitutionRecord | SourceRecord

if TYPE_CHECKING:
    from researchgraph.resolvers.planning import RootPlans


async def node(ctx: Context, node_id: str, plans: RootPlans | None = None) -> AnyRecord | None:
    """With `plans`, a researcher's or work's reads come in the same store call."""
    match limits.node_id(node_id):
        case NodeKind.RESEARCHER:
            return await researcher(ctx, node_id, plans)
        case NodeKind.WORK:
            return await work(ctx, node_id, plans)
        case NodeKind.TOPIC:
            return await ctx.loaders.topic.load(node_id)
        case NodeKind.INSTITUTION:
            return await ctx.loaders.institution.load(node_id)
        case NodeKind.SOURCE:
            return await ctx.loaders.source.load(node_id)
        case NodeKind.INVITATION:
            return None  # private to its two parties: see `viewer`
