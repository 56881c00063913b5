"""The `Info` type resolvers in this package receive."""

from __future__ import annotations

import strawberry

from researchgraph.resolvers.context import Context

Info = strawberry.Info[Context, None]
