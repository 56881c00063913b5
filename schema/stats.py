"""Reports a response's store round trips in `extensions.storeCalls`, when the
server is configured to (tests and benchmarks read it to see batching hold)."""

from typing import Any

from strawberry.extensions import SchemaExtension

from researchgraph.resolvers.context import Context


class StoreCallStats(SchemaExtension):
    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if isinstance(context, Context) and context.extra.get("expose_store_calls"):
            return {"storeCalls": context.store.total}
        return {}
