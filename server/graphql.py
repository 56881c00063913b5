"""The GraphQL endpoint: builds the per-request context (a call-counting view of the
store and fresh loaders) and answers with orjson."""

from __future__ import annotations

import uuid

import orjson
import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.instrumented import CountingStore
from researchgraph.loaders import build_loaders
from researchgraph.resolvers.context import Context
from researchgraph.server.config import Settings

REQUEST_ID_HEADER = "x-request-id"


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, schema: strawberry.federation.Schema, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.settings = settings
        self.store: GraphStore | None = None

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert self.store is not None, "the store is opened in the app's lifespan"
        counting = CountingStore(self.store)
        request_id = request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        return Context(
            request=request if isinstance(request, Request) else None,
            response=response if isinstance(response, Response) else None,
            store=counting,
            loaders=build_loaders(counting.as_store()),
            request_id=request_id[:64],
            extra={"expose_store_calls": self.settings.expose_store_calls},
        )

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)
