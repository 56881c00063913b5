"""The per-request context every resolver receives."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from researchgraph.graphstore.instrumented import CountingStore
from researchgraph.loaders import Loaders
from researchgraph.resolvers.budget import CostBudget


@dataclass
class Context:
    request: Request | None
    response: Response | None
    store: CountingStore
    loaders: Loaders
    request_id: str
    viewer_id: str | None = None  # the signed-in user (the token's subject); None: anonymous
    # The per-client cost budget (None: unlimited) and who is charged: the user when
    # signed in, else the client's address.
    budget: CostBudget | None = None
    client: str = "anonymous"
    # The operation's name as metrics and logs label it (set once it is known).
    operation: str = "anonymous"
    extra: dict[str, object] = field(default_factory=dict)
    # Whether roots plan their reads (`resolvers.planning`).
    plan_reads: bool = True
    # The request's clock: rules over time windows read the same instant throughout.
    started_ms: int = field(default_factory=lambda: int(time.time() * 1000))
