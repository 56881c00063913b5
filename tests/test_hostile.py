"""Hostile requests: each gets a coded 4xx-class answer fast, and the store is never asked."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from conftest import Api, ApiFactory, StoreFactory
from graphs import small_graph


def _deep(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"works {{ edges {{ node {{ authors {{ researcher {{ {inner} }} }} }} }} }}"
    return f'{{ researcher(id: "A1") {{ {inner} }} }}'


CORPUS: dict[str, tuple[str, dict[str, object] | None, str]] = {
    "two unnamed choices": (
        "query A { __typename } query B { __typename }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    "deep nesting": (_deep(6), None, "QUERY_TOO_DEEP"),
    "alias bomb": (
        "{ " + " ".join(f"a{i}: __typename" for i in range(3000)) + " }",
        None,
        "TOO_MANY_TOKENS",
    ),
    "aliases over the limit": (
        "{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }",
        None,
        "TOO_MANY_ALIASES",
    ),
    "directives over the limit": (
        "{ " + "__typename @include(if: true) " * 60 + "}",
        None,
        "TOO_MANY_DIRECTIVES",
    ),
    "giant string": (
        'query { search(query: "' + "x" * 60_000 + '") { label } }',
        None,
        "BAD_USER_INPUT",
    ),
    "fragment cycle": (
        "{ researchers { ...A } } fragment A on ResearcherConnection { ...B } "
        "fragment B on ResearcherConnection { ...A }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
    ),
    "fragment fan-out": (
        "{ researchers(first: 100) { ...R } } fragment R on ResearcherConnection { edges { node { "
        "works(first: 100) { edges { node { citedBy(first: 100) { totalCount } } } } } } }",
        None,
        "QUERY_TOO_COMPLEX",
    ),
    "huge first": (
        '{ researcher(id: "A1") { works(first: 1000000) { totalCount } } }',
        None,
        "BAD_USER_INPUT",
    ),
    "directive flood": (
        '{ researcher(id: "A1") { id ' + "@include(if: true) " * 2000 + "} }",
        None,
        "TOO_MANY_TOKENS",
    ),
    "unknown variable type": (
        "query($x: Nope) { __typename }",
        {"x": 1},
        "GRAPHQL_VALIDATION_FAILED",
    ),
    "wrong variable type": (
        "query($id: ID!) { researcher(id: $id) { id } }",
        {"id": {"a": 1}},
        "BAD_USER_INPUT",
    ),
    "many operations": (
        " ".join(f"query Q{i} {{ __typename }}" for i in range(500)),
        None,
        "TOO_MANY_OPERATIONS",
    ),
}


async def _timed(
    api: Api, payload: bytes, content_type: str = "application/json"
) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await api.client.post(
        "/graphql", content=payload, headers={"content-type": content_type}
    )
    return response, time.monotonic() - started


@pytest.mark.parametrize("case", sorted(CORPUS))
async def test_hostile_documents(
    store_factory: StoreFactory, api_for: ApiFactory, case: str
) -> None:
    query, variables, code = CORPUS[case]
    api = await api_for(await store_factory(small_graph()))
    response, seconds = await _timed(
        api, json.dumps({"query": query, "variables": variables}).encode()
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == code, body["errors"][0]
    assert response.status_code < 500 and seconds < 1.0
    assert body["extensions"]["storeCalls"] == 0


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        (b'{"query": ', 400, "BAD_REQUEST"),
        (b'[{"query": "{ __typename }"}, {"query": "{ __typename }"}]', 400, "BAD_REQUEST"),
        (b'{"query": 42}', 400, "BAD_REQUEST"),
        (b'{"query": "{ __typename }", "variables": "x"}', 400, "BAD_REQUEST"),
        (
            b'{"query": "query A { __typename }", "operationName": "B"}',
            400,
            "OPERATION_RESOLUTION_FAILURE",
        ),
        (
            json.dumps({"query": '{ search(query: "' + "x" * 200_000 + '") { label } }'}).encode(),
            413,
            "REQUEST_TOO_LARGE",
        ),
    ],
)
async def test_malformed_requests(
    memory_factory: StoreFactory, api_for: ApiFactory, payload: bytes, status: int, code: str
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    response, seconds = await _timed(api, payload)
    assert response.status_code == status and seconds < 1.0
    assert response.json()["errors"][0]["extensions"]["code"] == code


async def test_fragments_spread_into_fragments_are_priced_in_linear_time(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    """2^60 paths if each spread were expanded; execution merges them, and so must the
    pricing."""
    api = await api_for(await memory_factory(small_graph()))
    spreads = " ".join(
        f"fragment F{i} on ResearcherConnection {{ ...F{i + 1} ...F{i + 1} }}" for i in range(60)
    )
    query = f"{{ researchers {{ ...F0 }} }} {spreads} fragment F60 on ResearcherConnection {{ totalCount }}"
    started = time.monotonic()
    data = await api.data(query)
    assert time.monotonic() - started < 1.0
    assert data["researchers"] == {"totalCount": 4}
