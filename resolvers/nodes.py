"""`node(id:)` and `nodes(ids:)`: our id's prefix names its kind, so dispatch needs no
lookup once an id people hold (`external_ids`) is turned into ours."""

from __future__ import annotations

import asyncio
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
from researchgraph.resolvers.catalog import institution, source, topic
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.external_ids import internal_id, internal_ids
from researchgraph.resolvers.researchers import researcher
from researchgraph.resolvers.works import work

AnyRecord = ResearcherRecord | WorkRecord | TopicRecord | InstitutionRecord | SourceRecord

if TYPE_CHECKING:
    from researchgraph.resolvers.planning import RootPlans


async def node(ctx: Context, text: str, plans: RootPlans | None = None) -> AnyRecord | None:
    """By our id or one people already hold (`external_ids`). With `plans`, what the
    selection reads around it comes in the same store call."""
    node_id = await internal_id(ctx, text)
    return await known_node(ctx, node_id, plans) if node_id else None


async def nodes(
    ctx: Context, texts: list[str], plans: RootPlans | None = None
) -> list[AnyRecord | None]:
    """In the order asked, None for an id no node has; every id checked first."""
    limits.bounded("ids", len(texts), 0, limits.MAX_NODES)
    found_ids = await internal_ids(ctx, texts, "ids")
    records = iter(await asyncio.gather(*(known_node(ctx, i, plans) for i in found_ids if i)))
    return [next(records) if i else None for i in found_ids]


async def known_node(
    ctx: Context, node_id: str, plans: RootPlans | None = None
) -> AnyRecord | None:
    match limits.node_id(node_id):
        case NodeKind.RESEARCHER:
            return await researcher(ctx, node_id, plans)
        case NodeKind.WORK:
            return await work(ctx, node_id, plans)
        case NodeKind.TOPIC:
            return await topic(ctx, node_id, plans)
        case NodeKind.INSTITUTION:
            return await institution(ctx, node_id, plans)
        case NodeKind.SOURCE:
            return await source(ctx, node_id, plans)
        case NodeKind.INVITATION:
            return None  # private to its two parties: see `viewer`
