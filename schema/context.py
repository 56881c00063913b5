"""The `Info` type resolvers in this package receive, and the read plans of a root."""

from __future__ import annotations

import strawberry

from researchgraph.resolvers.context import Context
from researchgraph.resolvers.planning import RootPlans

Info = strawberry.Info[Context, None]


def root_plans(info: Info) -> RootPlans | None:
    """Plans from the selection below this field; None when planning is off."""
    if not info.context.plan_reads:
        return None
    # graphql-core's own resolve info: the selection, fragments and coerced variables.
    return RootPlans(info._raw_info, info.context.plans)
