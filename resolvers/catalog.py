"""Topics, institutions and sources: lookups and the lists that hang off them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiodataloader import DataLoader

from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.model import OwnerLabel
from researchgraph.graphstore.pages import ResearcherOrder
from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
)
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.cursors import CursorPage, paged
from researchgraph.resolvers.external_ids import internal_id

if TYPE_CHECKING:
    from researchgraph.resolvers.planning import RootPlans


async def _owner(
    ctx: Context,
    given_id: str,
    kind: NodeKind,
    label: OwnerLabel,
    by_id: DataLoader[str, Any],
    plans: RootPlans | None,
) -> Any:
    """The entity `given_id` names; with `plans`, the pages its selection reads come
    in the same store call."""
    found_id = await internal_id(ctx, given_id, kind)
    if found_id is None:
        return None
    if plans is None:
        return await by_id.load(found_id)
    return await ctx.loaders.planned_owners.load((found_id, plans.owner(label)))


async def topic(ctx: Context, topic_id: str, plans: RootPlans | None = None) -> TopicRecord | None:
    """By our id or an OpenAlex URL."""
    found: TopicRecord | None = await _owner(
        ctx, topic_id, NodeKind.TOPIC, OwnerLabel.TOPIC, ctx.loaders.topic, plans
    )
    return found


async def institution(
    ctx: Context, institution_id: str, plans: RootPlans | None = None
) -> InstitutionRecord | None:
    """By our id, an OpenAlex URL or a ROR id."""
    found: InstitutionRecord | None = await _owner(
        ctx,
        institution_id,
        NodeKind.INSTITUTION,
        OwnerLabel.INSTITUTION,
        ctx.loaders.institution,
        plans,
    )
    return found


async def source(
    ctx: Context, source_id: str, plans: RootPlans | None = None
) -> SourceRecord | None:
    """By our id or an OpenAlex URL."""
    found: SourceRecord | None = await _owner(
        ctx, source_id, NodeKind.SOURCE, OwnerLabel.SOURCE, ctx.loaders.source, plans
    )
    return found


async def institution_researchers(
    ctx: Context, institution_id: str, first: int, after: str | None, order: ResearcherOrder
) -> CursorPage[ResearcherRecord]:
    return await paged(
        ctx.loaders.institution_researchers,
        institution_id,
        NodeKind.RESEARCHER,
        first,
        after,
        order,
    )
