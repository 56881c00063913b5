"""Read-your-own-writes across replicas: a mutation's response carries the database's
bookmark (header and `extensions`); a request sending it back reads after that write;
a header that is not a bookmark is refused with a code and reads nothing."""

from __future__ import annotations

import httpx
import pytest

from researchgraph.graphstore.causal import HEADER, MAX_BOOKMARKS

from conftest import ApiFactory, StoreFactory, token
from graphs import small_graph

FOLLOW = 'mutation { followResearcher(id: "A1") { id } }'
IS_FOLLOWING = '{ researcher(id: "A1") { viewerIsFollowing } }'


async def _post(
    client: httpx.AsyncClient, query: str, user: str = "ann", bookmark: str | None = None
) -> httpx.Response:
    headers = {"authorization": f"Bearer {token(user)}"}
    if bookmark is not None:
        headers[HEADER] = bookmark
    return await client.post("/graphql", json={"query": query}, headers=headers)


async def test_a_write_returns_its_bookmark_and_a_read_with_it_sees_the_write(
    neo4j_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await neo4j_factory(small_graph()))
    written = await _post(api.client, FOLLOW)
    body = written.json()
    assert "errors" not in body, body
    bookmark = written.headers[HEADER]
    assert bookmark and body["extensions"]["bookmark"] == bookmark

    read = await _post(api.client, IS_FOLLOWING, bookmark=bookmark)
    assert read.json()["data"] == {"researcher": {"viewerIsFollowing": True}}
    assert HEADER not in read.headers  # a read writes nothing, so has no bookmark to give

    # A later write's bookmark supersedes: sending both is accepted too.
    again = await _post(api.client, 'mutation { followResearcher(id: "A2") { id } }', "bo")
    both = f"{bookmark},{again.headers[HEADER]}"
    assert (await _post(api.client, IS_FOLLOWING, bookmark=both)).status_code == 200


async def test_a_bookmark_the_database_does_not_know_is_a_coded_error(
    neo4j_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await neo4j_factory(small_graph()))
    answer = (await _post(api.client, IS_FOLLOWING, bookmark="FB:notabookmark")).json()
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_BOOKMARK", answer


@pytest.mark.parametrize(
    "header",
    ["not a bookmark", "FB:a;DROP", ",".join(["FB:a"] * (MAX_BOOKMARKS + 1)), "FB:a,,FB:b"],
)
async def test_a_malformed_bookmark_is_refused_before_any_read(
    store_factory: StoreFactory, api_for: ApiFactory, header: str
) -> None:
    api = await api_for(await store_factory(small_graph()))
    refused = await _post(api.client, IS_FOLLOWING, bookmark=header)
    assert refused.status_code == 400
    body = refused.json()
    assert body["errors"][0]["extensions"]["code"] == "INVALID_BOOKMARK"
    assert "data" not in body or body["data"] is None


async def test_the_memory_store_accepts_a_bookmark_and_gives_none(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    written = await _post(api.client, FOLLOW, bookmark="FB:from-another-replica")
    assert "errors" not in written.json() and HEADER not in written.headers
