"""The HTTP edge: health, GraphiQL, error masking, and per-request state that must
not outlive the request."""

from __future__ import annotations

import gc

import httpx
import pytest
from graphql import DocumentNode
from strawberry.schema.schema import validate_document

from researchgraph.graphstore.memory import MemoryStore
from researchgraph.schema import validation_cache
from researchgraph.server.app import create_app
from researchgraph.server.config import Settings

from conftest import ApiFactory, StoreFactory
from graphs import small_graph
from queries import PROFILE


async def test_health_and_graphiql() -> None:
    store = MemoryStore()
    app = create_app(Settings(), store=store)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        assert (await client.get("/health")).json() == {"status": "ok", "store": "memory"}
        page = await client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200 and "graphiql" in page.text.lower()


async def test_repeated_documents_are_parsed_and_kept_once(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    await api.data(PROFILE, {"id": "A1"})
    gc.collect()
    before = sum(isinstance(o, DocumentNode) for o in gc.get_objects())
    for _ in range(20):
        await api.data(PROFILE, {"id": "A2"})
    gc.collect()
    assert sum(isinstance(o, DocumentNode) for o in gc.get_objects()) == before


async def test_a_request_leaves_nothing_it_read_to_the_cycle_collector(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    """Answered, what a request read is freed by reference counting: the loaders
    are released (the context, in cycles of the libraries' own, may not be)."""
    api = await api_for(await store_factory(small_graph()))
    await api.data(PROFILE, {"id": "A1"})
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        await api.data(PROFILE, {"id": "A2"})
        gc.collect()
        left = {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    read = {"Future", "Researcher", "ResearcherRecord", "Work", "WorkRecord"}
    assert not left & read, left & read


async def test_each_document_is_validated_once(
    memory_factory: StoreFactory, api_for: ApiFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[DocumentNode] = []

    def counting(schema: object, document: DocumentNode, rules: object) -> object:
        validated.append(document)
        return validate_document(schema, document, rules)

    monkeypatch.setattr(validation_cache, "validate_document", counting)
    api = await api_for(await memory_factory(small_graph()))
    # Text of its own, so no other test's entry answers it.
    invalid = '{ researcher(id: "A1") { id doesNotExist } } # each-document-validated-once'
    valid = '{ researcher(id: "A1") { id name } } # each-document-validated-once'
    for _ in range(3):
        refused = await api.post(invalid)
        assert refused["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert (await api.data(valid))["researcher"]["name"] == "Ada Example"
    assert len(validated) == 2


async def test_unexpected_errors_are_masked_with_the_request_id(
    memory_factory: StoreFactory, api_for: ApiFactory, monkeypatch: object
) -> None:
    store = await memory_factory(small_graph())

    async def broken(ids: list[str]) -> list[object]:
        raise RuntimeError("secret detail")

    store.researchers = broken  # type: ignore[method-assign]
    api = await api_for(store)
    response = await api.client.post(
        "/graphql",
        json={"query": '{ researcher(id: "A1") { id } }'},
        headers={"x-request-id": "req-42"},
    )
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "req-42" in error["message"] and "secret" not in error["message"]


async def test_metrics_count_operations_outcomes_and_store_calls(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    await api.post('query MetricsProbe { researcher(id: "A1") { id name } }')
    await api.post('query MetricsProbe { researcher(id: "bad id") { id } }')
    text = (await api.client.get("/metrics")).text
    assert 'researchgraph_requests_total{operation="MetricsProbe",outcome="ok"}' in text
    assert 'researchgraph_requests_total{operation="MetricsProbe",outcome="error"}' in text
    assert 'researchgraph_store_calls_count{operation="MetricsProbe"}' in text
    assert 'researchgraph_errors_total{code="BAD_USER_INPUT"}' in text
    assert 'researchgraph_request_seconds_bucket{le="0.005",operation="MetricsProbe"}' in text
