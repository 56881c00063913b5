"""Cost accounting around each operation, all before the store is asked:

- refuse a document over the limits of `cost.check` (operations, `first`, cost);
- with a per-client budget configured, charge the estimate (`RATE_LIMITED`, HTTP 429
  and `Retry-After` when the client has not got it), then settle at the actual cost,
  and tell the client where it stands in `x-ratelimit-*` headers;
- report `extensions.cost`: estimated, actual, the limit, and the budget's state."""

import math
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from prometheus_client import Counter
from strawberry.extensions import SchemaExtension

from researchgraph.resolvers.budget import Charge
from researchgraph.resolvers.context import Context
from researchgraph.resolvers.errors import RateLimited
from researchgraph.schema.cost import MAX_COST, actual_cost, check

RATE_LIMITED = Counter(
    "researchgraph_rate_limited_total", "Requests refused because the client's budget was spent."
)


def _headers(charge: Charge, used: int) -> dict[str, str]:
    return {
        "x-ratelimit-limit": str(charge.capacity),
        "x-ratelimit-remaining": str(charge.remaining),
        "x-ratelimit-used": str(used),
        "x-ratelimit-reset": str(math.ceil(charge.reset_s)),
    }


def _refusal(charge: Charge) -> RateLimited:
    wait = math.ceil(charge.retry_after_s)
    return RateLimited(
        f"Rate limited: this query costs {charge.cost} points and {charge.remaining} of "
        f"{charge.capacity} are left; they refill at {charge.restore_per_s:g} per second. "
        f"Retry in {wait} s.",
        cost=charge.cost,
        remaining=charge.remaining,
        retryAfter=wait,
    )


class CostControl(SchemaExtension):
    estimated: int | None = None
    actual: int | None = None
    charge: Charge | None = None

    def _request_context(self) -> Context | None:
        context = self.execution_context.context
        return context if isinstance(context, Context) else None

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.pre_execution_errors == [] and context.graphql_document is not None:
            # The name the client sent: strawberry's `operation_name` falls back to the
            # first operation, which the spec forbids for a document with several.
            sent_name = getattr(context, "_provided_operation_name", context.operation_name)
            self.estimated, refused = check(
                context.schema._schema, context.graphql_document, sent_name, context.variables or {}
            )
            if refused is None:
                refused = self._spend(self.estimated)
            if refused is not None:
                context.pre_execution_errors = [refused]
        yield

    def _spend(self, cost: int) -> GraphQLError | None:
        request = self._request_context()
        if request is None or request.budget is None:
            return None
        self.charge = request.budget.spend(request.client, cost)
        response = request.response
        if not self.charge.allowed:
            RATE_LIMITED.inc()
            if response is not None:
                response.status_code = 429
                response.headers.update(_headers(self.charge, 0))
                response.headers["retry-after"] = str(math.ceil(self.charge.retry_after_s))
            return _refusal(self.charge)
        return None

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        self.actual = actual_cost(result.data if result is not None else None)
        request = self._request_context()
        if self.charge is None or request is None or request.budget is None:
            return
        # Charged the estimate up front; the result's real cost is what counts.
        self.charge = request.budget.settle(request.client, self.charge.cost, self.actual)
        if request.response is not None:
            request.response.headers.update(_headers(self.charge, self.actual))

    def get_results(self) -> dict[str, Any]:
        if self.estimated is None:
            return {}
        report: dict[str, Any] = {"estimated": self.estimated, "limit": MAX_COST}
        if self.actual is not None:
            report["actual"] = self.actual
        if self.charge is not None:
            report["budget"] = {
                "capacity": self.charge.capacity,
                "remaining": self.charge.remaining,
                "restorePerSecond": self.charge.restore_per_s,
            }
        return {"cost": report}
