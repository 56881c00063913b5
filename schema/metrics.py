"""Request metrics in Prometheus form, recorded once per GraphQL operation: requests
by operation name and outcome, latency, store round trips and estimated cost. One
set per process (the registry is global), exposed by the server at `/metrics`."""

import time
from collections.abc import Iterator

from prometheus_client import Counter, Histogram
from strawberry.extensions import SchemaExtension

from researchgraph.resolvers.context import Context

REQUESTS = Counter(
    "researchgraph_requests_total",
    "GraphQL operations by name and outcome (ok, error: a result with errors).",
    ["operation", "outcome"],
)
LATENCY = Histogram(
    "researchgraph_request_seconds",
    "GraphQL operation time, parse to result.",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
STORE_CALLS = Histogram(
    "researchgraph_store_calls",
    "Store round trips per operation (one per loader batch or write).",
    ["operation"],
    buckets=(0, 1, 2, 4, 8, 12, 16, 24, 32, 64),
)
ERRORS = Counter("researchgraph_errors_total", "Errors returned, by extensions.code.", ["code"])


class Metrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        # Unnamed documents share one series, so names cannot blow up cardinality.
        name = context.operation_name or "anonymous"
        if len(name) > 64:
            name = "long-name"
        errors = (context.result.errors if context.result else None) or []
        REQUESTS.labels(name, "error" if errors else "ok").inc()
        LATENCY.labels(name).observe(time.perf_counter() - started)
        if isinstance(context.context, Context):
            STORE_CALLS.labels(name).observe(context.context.store.total)
        for error in errors:
            ERRORS.labels(str((error.extensions or {}).get("code", "UNCLASSIFIED"))).inc()
