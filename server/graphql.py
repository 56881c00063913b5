"""The GraphQL endpoint: builds the per-request context (a call-counting view of the
store and fresh loaders), gives every error its code, and answers with orjson."""

from __future__ import annotations

import time
import uuid

import orjson
import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from researchgraph.graphstore import GraphStore, causal
from researchgraph.graphstore.instrumented import CountingStore, SpanFactory
from researchgraph.loaders import build_loaders
from researchgraph.resolvers.budget import CostBudget
from researchgraph.resolvers.context import Context
from researchgraph.schema.errors import classify, error_order
from researchgraph.server import http_cache, request_log
from researchgraph.server.config import Settings

REQUEST_ID_HEADER = "x-request-id"
# Where a request keeps its context (`request.state`, which is `scope["state"]`).
CONTEXT = "context"


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, schema: strawberry.federation.Schema, settings: Settings) -> None:
        # GraphiQL is served from our own files (`server.browser_pages`), not a CDN page.
        super().__init__(schema, graphql_ide=None)
        self.settings = settings
        self.store: GraphStore | None = None
        self.store_span = self._store_spans() if settings.tracing else None
        self.budget = (
            CostBudget(settings.rate_limit, settings.rate_limit_restore_per_s)
            if settings.rate_limit > 0
            else None
        )

    @staticmethod
    def _store_spans() -> SpanFactory:
        from researchgraph.server import tracing  # OpenTelemetry: only when tracing

        tracing.install_provider()
        return tracing.store_spans()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # The request and its context refer to each other: once answered, the
            # context is let go and its loaders released, so what the request read
            # is freed at once rather than by the cycle collector.
            context = scope.get("state", {}).pop(CONTEXT, None)
            if context is not None:
                context.loaders.release()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert self.store is not None, "the store is opened in the app's lifespan"
        counting = CountingStore(self.store, self.store_span)
        # The client's id when it sent one (tracing across services), else ours; it is
        # returned in the same header and in masked error messages, and logged.
        request_id = (request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex)[:64]
        if isinstance(response, Response):
            response.headers[REQUEST_ID_HEADER] = request_id
        viewer_id = request.scope.get("state", {}).get("viewer_id")
        address = request.client.host if request.client else "unknown"
        context = Context(
            request=request if isinstance(request, Request) else None,
            response=response if isinstance(response, Response) else None,
            store=counting,
            loaders=build_loaders(counting.as_store()),
            request_id=request_id,
            viewer_id=viewer_id,
            budget=self.budget,
            client=f"user:{viewer_id}" if viewer_id else f"ip:{address}",
            extra={"expose_store_calls": self.settings.expose_store_calls},
            plan_reads=self.settings.plan_reads,
        )
        setattr(request.state, CONTEXT, context)
        request.state.started = time.perf_counter()
        return context

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Every error leaves here with an `extensions.code`, whichever stage raised it.
        context: Context = getattr(request.state, CONTEXT)
        if result.errors:
            result.errors = sorted(
                (classify(error, context.request_id) for error in result.errors), key=error_order
            )
        request_log.record(context, result, time.perf_counter() - request.state.started)
        if (
            request.method == "GET"
            and context.viewer_id is None
            and not result.errors
            and context.response is not None
        ):
            context.response.headers["etag"] = http_cache.etag(result.data)
        if (causality := causal.current()) is not None and causality.written:
            # The bookmark of this request's writes, for the client's next reads.
            bookmark = causal.render(causality.written)
            result.extensions = {**(result.extensions or {}), "bookmark": bookmark}
            if context.response is not None:
                context.response.headers[causal.HEADER] = bookmark
        return process_result(result)

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)
