"""GraphQL over HTTP: negotiation, methods, media types and request-error statuses."""

from __future__ import annotations

import httpx
import pytest

from researchgraph.graphstore.memory import MemoryStore
from researchgraph.server.app import create_app
from researchgraph.server.config import Settings

from graphs import small_graph

PLUS_JSON = "application/graphql-response+json"


@pytest.fixture
async def client() -> httpx.AsyncClient:  # type: ignore[misc]
    store = MemoryStore()
    await store.load(small_graph())
    app = create_app(Settings(), store=store)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http,
    ):
        yield http


async def test_negotiates_the_response_type(client: httpx.AsyncClient) -> None:
    query = {"query": "{ __typename }"}
    plus = await client.post(
        "/graphql", json=query, headers={"accept": f"{PLUS_JSON}, application/json;q=0.9"}
    )
    assert plus.status_code == 200 and plus.headers["content-type"].startswith(PLUS_JSON)
    plain = await client.post("/graphql", json=query, headers={"accept": "application/json"})
    assert plain.headers["content-type"].startswith("application/json")
    anything = await client.post("/graphql", json=query, headers={"accept": "*/*"})
    assert anything.json()["data"] == {"__typename": "Query"}
    refused = await client.post("/graphql", json=query, headers={"accept": "text/plain"})
    assert refused.status_code == 406


async def test_request_errors_have_no_data_and_400_under_plus_json(
    client: httpx.AsyncClient,
) -> None:
    broken = {"query": "{ researcher(id: "}
    plus = await client.post("/graphql", json=broken, headers={"accept": PLUS_JSON})
    assert plus.status_code == 400 and "data" not in plus.json()
    assert plus.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    legacy = await client.post("/graphql", json=broken, headers={"accept": "application/json"})
    assert legacy.status_code == 200 and "data" not in legacy.json()
    invalid = await client.post(
        "/graphql", json={"query": "{ nope }"}, headers={"accept": PLUS_JSON}
    )
    assert invalid.status_code == 400
    # A field error is not a request error: data stays, and so does 200.
    field = await client.post(
        "/graphql",
        json={"query": '{ researcher(id: "bad") { id } }'},
        headers={"accept": PLUS_JSON},
    )
    assert field.status_code == 200 and field.json()["data"] == {"researcher": None}


async def test_methods_and_media_types(client: httpx.AsyncClient) -> None:
    got = await client.get("/graphql", params={"query": "{ __typename }"})
    assert got.status_code == 200 and got.json()["data"] == {"__typename": "Query"}
    mutation = await client.get("/graphql", params={"query": "mutation { releaseClaim { id } }"})
    assert mutation.status_code == 405 and mutation.headers["allow"] == "POST"
    text = await client.post(
        "/graphql", content=b"{ __typename }", headers={"content-type": "text/plain"}
    )
    assert text.status_code == 415
    malformed = await client.post(
        "/graphql", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 400
    utf8 = await client.post(
        "/graphql", json={"query": '{ search(query: "Ädä Éxample") { label } }'}
    )
    assert utf8.status_code == 200 and utf8.json()["data"]["search"][0]["label"] == "Ada Example"
