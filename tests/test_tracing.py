"""OpenTelemetry: with tracing on, resolver and store spans in one trace; off (the
default), no span at all."""

from __future__ import annotations

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from conftest import ApiFactory, StoreFactory
from graphs import small_graph
from queries import PROFILE


@pytest.fixture(scope="module")
def exporter() -> InMemorySpanExporter:
    """The process's provider (set once), recording in memory; the server keeps a
    provider it finds instead of installing its OTLP one."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return exporter


async def test_spans_cover_the_operation_resolvers_and_store_calls(
    exporter: InMemorySpanExporter, store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()), tracing=True)
    exporter.clear()
    body = await api.post(PROFILE, {"id": "A1"})
    assert "errors" not in body
    spans = exporter.get_finished_spans()
    names = [s.name for s in spans]
    assert "GraphQL Query: Profile" in names
    store = [s for s in spans if s.name.startswith("store.")]
    # One span per store round trip, each under the operation's trace.
    assert len(store) == body["extensions"]["storeCalls"]  # type: ignore[index]
    (operation,) = [s for s in spans if s.name == "GraphQL Query: Profile"]
    assert {s.context.trace_id for s in store} == {operation.context.trace_id}
    researchers = next(s for s in store if s.name == "store.prefetch_researchers")
    assert researchers.attributes is not None and researchers.attributes["store.keys"] == "1"
    assert any(s.name.startswith("GraphQL Resolving: researcher") for s in spans)


async def test_off_by_default_records_nothing(
    exporter: InMemorySpanExporter, memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    exporter.clear()
    await api.data(PROFILE, {"id": "A1"})
    assert exporter.get_finished_spans() == ()
