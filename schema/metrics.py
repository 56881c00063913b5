"""Request metrics in Prometheus form, recorded once per GraphQL operation: requests
by operation name and outcome, latency, store round trips and the size of every
loader batch. One set per process (the registry is global), exposed by the server at
`/metrics`; errors by code are counted where they get their code (the server)."""

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
BATCH_SIZE = Histogram(
    "researchgraph_loader_batch_size",
    "Keys per store batch (one DataLoader dispatch), by store method.",
    ["method"],
    buckets=(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000),
)
MAX_OPERATION_NAMES = 200


class OperationNames:
    """Operation names come from clients: past `limit` distinct ones (or a very long
    one), the rest share the series `other`, so no client can grow the registry."""

    def __init__(self, limit: int = MAX_OPERATION_NAMES) -> None:
        self.limit = limit
        self.seen: set[str] = set()

    def label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if name in self.seen:
            return name
        if len(self.seen) >= self.limit or len(name) > 64:
            return "other"
        self.seen.add(name)
        return name


_names = OperationNames()


class Metrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        name = _names.label(context.operation_name)
        errors = (context.result.errors if context.result else None) or []
        REQUESTS.labels(name, "error" if errors else "ok").inc()
        LATENCY.labels(name).observe(time.perf_counter() - started)
        if isinstance(context.context, Context):
            context.context.operation = name
            STORE_CALLS.labels(name).observe(context.context.store.total)
            for method, keys in context.context.store.batches:
                BATCH_SIZE.labels(method).observe(keys)
