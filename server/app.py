"""The Starlette application: the store lives for the process (opened and closed in
the lifespan); `/graphql` serves queries and GraphiQL; `/health/live` answers while
the process runs, `/health/ready` while the store answers (`/health` = live)."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, request_response

from researchgraph.graphstore import GraphStore
from researchgraph.schema import build_schema
from researchgraph.server import logs, persisted
from researchgraph.server.admission import Admission
from researchgraph.server.auth import Authenticator, AuthMiddleware
from researchgraph.server.browser_pages import EXPLORER, GRAPHIQL
from researchgraph.server.config import Settings
from researchgraph.server.graphql import GraphQLApp
from researchgraph.server.http import GraphQLOverHTTP
from researchgraph.server.readiness import Readiness
from researchgraph.server.stores import open_store
from researchgraph.server.timeouts import RequestTimeout

log = logging.getLogger("researchgraph.server")

# Net allocations between the collector's youngest passes (Python's default: 700);
# measured on the profile page: a third of the collector's time at 5000 (bench/README).
YOUNG_COLLECTION_THRESHOLD = 5000


# Set (by `serve --workers`, or by the operator) when several processes serve: each
# writes its metrics there and /metrics, on any of them, sums them all.
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


def _metrics_registry() -> CollectorRegistry:
    if MULTIPROCESS_DIR not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # unannotated upstream
    return registry


def app_from_env() -> Starlette:
    """The app of one of several worker processes (`serve --workers`), each started
    afresh: settings from the environment, logging set up again."""
    settings = Settings.from_env()
    logs.configure(json_lines=settings.json_logs)
    return create_app(settings)


def create_app(settings: Settings, store: GraphStore | None = None) -> Starlette:
    """`store` given: use it and leave closing it to the caller (tests)."""
    schema = build_schema(settings.introspection, settings.field_suggestions, settings.tracing)
    graphql = GraphQLApp(schema, settings)

    readiness: Readiness | None = None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        nonlocal readiness
        graphql.store = store or await open_store(settings)
        readiness = Readiness(graphql.store, settings)
        readiness.start()
        # Everything built so far (schema, demo graph) lives as long as the process;
        # freezing it keeps the collector from rescanning it on every full collection.
        gc.collect()
        gc.freeze()
        # A request's objects are freed by reference counting when it ends; at the
        # default threshold, the collector's youngest pass instead runs every 700
        # allocations, scanning (and promoting) the objects of requests in flight.
        gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
        try:
            yield
        finally:
            await readiness.stop()
            if store is None:
                await graphql.store.close()
                log.info("store closed")

    kind = "memory" if settings.embedded else "neo4j"
    # GraphiQL needs introspection to know the schema.
    graphiql_on = settings.graphiql and settings.introspection

    async def live(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "store": kind})

    async def ready(request: Request) -> JSONResponse:
        if readiness is not None and await readiness.ready():
            return JSONResponse({"status": "ready", "store": kind})
        return JSONResponse({"status": "unavailable", "store": kind}, status_code=503)

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(_metrics_registry()), media_type=CONTENT_TYPE_LATEST)

    async def root(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    app = Starlette(
        routes=[
            Route("/", root),
            Route("/health", live),
            Route("/health/live", live),
            Route("/health/ready", ready),
            Route("/metrics", metrics),
            Route(
                "/graphql",
                GraphQLOverHTTP(
                    Admission(
                        RequestTimeout(
                            AuthMiddleware(graphql, Authenticator(settings)),
                            settings.request_timeout_s,
                        ),
                        settings.max_running,
                        settings.max_waiting,
                        settings.max_wait_s,
                    ),
                    page=request_response(GRAPHIQL.page) if graphiql_on else None,
                    persisted=persisted.from_settings(settings),
                    cache_max_age_s=settings.cache_max_age_s,
                ),
                methods=["GET", "POST"],
            ),
            *([GRAPHIQL.assets()] if graphiql_on else []),
            # Any researcher, work, topic or institution; the page reads the id itself.
            Route("/explore/{id}", EXPLORER.page),
            EXPLORER.assets(),
        ],
        lifespan=lifespan,
    )
    return app
