"""OpenTelemetry tracing, off unless `RESEARCHGRAPH_TRACING` is on: then every
operation, parse, validation and resolver gets a span (strawberry's extension) and
so does every store round trip, exported over OTLP/HTTP as the standard `OTEL_*`
variables say (endpoint, service name, sampling). Off, nothing here is imported by
the request path and no call is wrapped."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

log = logging.getLogger("researchgraph.server")

StoreSpan = Callable[[str, int | None], AbstractContextManager[object]]


def install_provider() -> None:
    """An OTLP exporting provider, unless the process already has one (a test's, or
    one set up by `opentelemetry-instrument`)."""
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    provider = TracerProvider(resource=Resource.create({"service.name": "researchgraph"}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    log.info("tracing on: spans exported over OTLP")


def store_spans() -> StoreSpan:
    """A span per store call, named for the method, with the batch's key count."""
    tracer = trace.get_tracer("researchgraph.store")

    def span(method: str, keys: int | None) -> AbstractContextManager[object]:
        attributes = {"store.method": method}
        if keys is not None:
            attributes["store.keys"] = str(keys)
        return tracer.start_as_current_span(f"store.{method}", attributes=attributes)

    return span
