"""The `Info` type resolvers in this package receive, and what planning decides from
it: the read plans of a root, the record fields of a page of works."""

from __future__ import annotations

import strawberry

from researchgraph.resolvers import planning
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.planning import RootPlans
from researchgraph.resolvers.strawberry_internals import raw_info

Info = strawberry.Info[Context, None]

# The federation `@tag` of fields whose answer depends on the signed-in viewer: a
# supergraph contract without it is one whose answers any cache may share.
PERSONAL = "personal"


def page_fields(info: Info) -> frozenset[str] | None:
    """What the works of this connection read of their records; None (all) when
    planning is off."""
    if not info.context.plan_reads:
        return None
    return planning.page_fields(raw_info(info))


def person_fields(info: Info) -> frozenset[str] | None:
    """What the people of this list (of authorships, collaborations) read of their
    records; None (all) when planning is off."""
    if not info.context.plan_reads:
        return None
    return planning.person_fields(raw_info(info))


def root_plans(info: Info) -> RootPlans | None:
    """Plans from the selection below this field; None when planning is off."""
    if not info.context.plan_reads:
        return None
    return RootPlans(raw_info(info))
