"""`node(id:)`: the id's prefix names its kind, so dispatch needs no lookup."""

from __future__ import annotations

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

AnyRecord = ResearcherRecord | WorkRecord | TopicRecord | InstitutionRecord | SourceRecord


async def node(ctx: Context, node_id: str) -> AnyRecord | None:
    match limits.node_id(node_id):
        case NodeKind.RESEARCHER:
            return await ctx.loaders.researcher.load(node_id)
        case NodeKind.WORK:
            return await ctx.loaders.work.load(node_id)
        case NodeKind.TOPIC:
            return await ctx.loaders.topic.load(node_id)
        case NodeKind.INSTITUTION:
            return await ctx.loaders.institution.load(node_id)
        case NodeKind.SOURCE:
            return await ctx.loaders.source.load(node_id)
        case NodeKind.INVITATION:
            return None  # private to its two parties: see `viewer`
