"""Persisted queries (Apollo's APQ and the allow-list mode) and what HTTP caches may
keep of a GET answer (Cache-Control, ETag, 304)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from researchgraph.server.config import ConfigError, Settings
from researchgraph.server.persisted import (
    KEPT_DOCUMENTS,
    AllowListError,
    PersistedQueries,
    load_allow_list,
)

from conftest import ApiFactory, StoreFactory, token
from graphs import small_graph

PROFILE = 'query Profile { researcher(id: "A1") { name counts { works } } }'
OTHER = '{ researcher(id: "A2") { name } }'
FOLLOW = 'mutation { followResearcher(id: "A2") { researcher { id } } }'
GRAPHQL_RESPONSE = "application/graphql-response+json"


def sha(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def persisted(document: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha(document)}}


async def post(client: httpx.AsyncClient, body: dict[str, Any], **headers: str) -> httpx.Response:
    return await client.post("/graphql", json=body, headers=headers)


async def get(client: httpx.AsyncClient, params: dict[str, Any], **headers: str) -> httpx.Response:
    encoded = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return await client.get("/graphql", params=encoded, headers=headers)


def code(response: httpx.Response) -> str:
    [error] = response.json()["errors"]
    return str(error["extensions"]["code"])


async def test_apq_over_post(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    client = (await api_for(await store_factory(small_graph()))).client
    unknown = await post(client, {"extensions": persisted(PROFILE)})
    assert (unknown.status_code, code(unknown)) == (200, "PERSISTED_QUERY_NOT_FOUND")
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown.headers["cache-control"] == "no-store"
    # Under the GraphQL media type, a request error is a 400.
    strict = await post(client, {"extensions": persisted(PROFILE)}, accept=GRAPHQL_RESPONSE)
    assert (strict.status_code, code(strict)) == (400, "PERSISTED_QUERY_NOT_FOUND")

    mismatch = await post(client, {"query": OTHER, "extensions": persisted(PROFILE)})
    assert code(mismatch) == "BAD_REQUEST"
    still_unknown = await post(client, {"extensions": persisted(PROFILE)})
    assert code(still_unknown) == "PERSISTED_QUERY_NOT_FOUND"  # a mismatch registers nothing

    registered = await post(client, {"query": PROFILE, "extensions": persisted(PROFILE)})
    expected = {"researcher": {"name": "Ada Example", "counts": {"works": 3}}}
    assert registered.json()["data"] == expected
    by_hash = await post(client, {"extensions": persisted(PROFILE), "operationName": "Profile"})
    assert by_hash.json()["data"] == expected
    upper = {"persistedQuery": {"version": 1, "sha256Hash": sha(PROFILE).upper()}}
    assert (await post(client, {"extensions": upper})).json()["data"] == expected

    bad_version = {"persistedQuery": {"version": 2, "sha256Hash": sha(PROFILE)}}
    assert code(await post(client, {"extensions": bad_version})) == "BAD_REQUEST"


async def test_apq_over_get_is_cacheable(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    client = (await api_for(await store_factory(small_graph()))).client
    unknown = await get(client, {"extensions": persisted(PROFILE)})
    assert code(unknown) == "PERSISTED_QUERY_NOT_FOUND"
    registered = await get(client, {"query": PROFILE, "extensions": persisted(PROFILE)})
    assert registered.status_code == 200
    answer = await get(client, {"extensions": persisted(PROFILE)})
    assert answer.json()["data"]["researcher"]["name"] == "Ada Example"
    assert answer.headers["cache-control"] == "public, max-age=60"
    assert answer.headers["vary"] == "Accept, Authorization"
    tag = answer.headers["etag"]
    assert tag == registered.headers["etag"]  # the same data, though extensions differ

    again = await get(client, {"extensions": persisted(PROFILE)}, **{"if-none-match": tag})
    assert (again.status_code, again.content) == (304, b"")
    assert again.headers["etag"] == tag
    weak = await get(client, {"extensions": persisted(PROFILE)}, **{"if-none-match": f"W/{tag}"})
    assert weak.status_code == 304
    stale = await get(client, {"extensions": persisted(PROFILE)}, **{"if-none-match": '"old"'})
    assert stale.status_code == 200

    other = await get(client, {"query": OTHER})
    assert other.headers["etag"] != tag

    # A mutation's hash over GET is still refused: GET stays safe to cache.
    await post(client, {"query": FOLLOW, "extensions": persisted(FOLLOW)})  # registers it
    mutation = await get(client, {"extensions": persisted(FOLLOW)})
    assert (mutation.status_code, code(mutation)) == (405, "METHOD_NOT_ALLOWED")


async def test_answers_never_stored(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    client = (await api_for(await store_factory(small_graph()))).client
    signed_in = await get(client, {"query": PROFILE}, authorization=f"Bearer {token('alice')}")
    assert signed_in.json()["data"]["researcher"]["name"] == "Ada Example"
    assert signed_in.headers["cache-control"] == "no-store"
    assert "etag" not in signed_in.headers
    failed = await get(client, {"query": '{ researcher(id: "nonsense") { name } }'})
    assert failed.headers["cache-control"] == "no-store"
    assert "etag" not in failed.headers
    posted = await post(client, {"query": PROFILE})
    assert "etag" not in posted.headers and "cache-control" not in posted.headers


async def test_max_age_is_configurable(api_for: ApiFactory, store_factory: StoreFactory) -> None:
    store = await store_factory(small_graph())
    revalidate = (await api_for(store, cache_max_age_s=0)).client
    assert (await get(revalidate, {"query": PROFILE})).headers["cache-control"] == (
        "public, no-cache"
    )
    longer = (await api_for(store, cache_max_age_s=600)).client
    assert (await get(longer, {"query": PROFILE})).headers["cache-control"] == (
        "public, max-age=600"
    )


@pytest.fixture
def allow_list(tmp_path: Path) -> Path:
    (tmp_path / "profile.graphql").write_text(PROFILE)
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "other.graphql").write_text(OTHER)
    return tmp_path


async def test_allow_list_runs_only_its_documents(
    store_factory: StoreFactory, api_for: ApiFactory, allow_list: Path
) -> None:
    api = await api_for(
        await store_factory(small_graph()), persisted_queries_dir=allow_list, persisted_only=True
    )
    by_hash = await post(api.client, {"extensions": persisted(PROFILE)})
    assert by_hash.json()["data"]["researcher"]["name"] == "Ada Example"
    nested = await get(api.client, {"extensions": persisted(OTHER)})
    assert nested.json()["data"] == {"researcher": {"name": "Bo Example"}}
    in_full = await post(api.client, {"query": PROFILE})
    assert in_full.json()["data"]["researcher"]["name"] == "Ada Example"

    ad_hoc = '{ researcher(id: "A3") { name } }'
    refused = await post(api.client, {"query": ad_hoc})
    assert (refused.status_code, code(refused)) == (200, "PERSISTED_QUERY_NOT_ALLOWED")
    assert "data" not in refused.json()
    registering = await post(api.client, {"query": ad_hoc, "extensions": persisted(ad_hoc)})
    assert code(registering) == "PERSISTED_QUERY_NOT_ALLOWED"
    assert code(await get(api.client, {"query": ad_hoc})) == "PERSISTED_QUERY_NOT_ALLOWED"
    assert code(await post(api.client, {"extensions": persisted(ad_hoc)})) == (
        "PERSISTED_QUERY_NOT_FOUND"
    )
    # Refused before GraphQL: no store call, and nothing charged.
    assert "extensions" not in refused.json()


def test_allow_list_settings_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RESEARCHGRAPH_PERSISTED_QUERIES_DIR"):
        Settings.from_env({"RESEARCHGRAPH_PERSISTED_ONLY": "1"})
    with pytest.raises(AllowListError, match=r"no \*\.graphql documents"):
        load_allow_list(tmp_path)
    (tmp_path / "broken.graphql").write_text("{ researcher(")
    with pytest.raises(AllowListError, match=r"broken\.graphql: not a GraphQL document"):
        load_allow_list(tmp_path)
    with pytest.raises(AllowListError, match="not a directory"):
        load_allow_list(tmp_path / "missing")
    settings = Settings.from_env(
        {
            "RESEARCHGRAPH_PERSISTED_ONLY": "1",
            "RESEARCHGRAPH_PERSISTED_QUERIES_DIR": str(tmp_path),
            "RESEARCHGRAPH_CACHE_MAX_AGE_S": "5",
        }
    )
    assert (settings.persisted_only, settings.cache_max_age_s) == (True, 5)


def test_registered_documents_are_bounded() -> None:
    queries = PersistedQueries()
    documents = [f'{{ researcher(id: "A{i}") {{ name }} }}' for i in range(KEPT_DOCUMENTS + 1)]
    for document in documents:
        queries.document(document, persisted(document))
    assert len(queries.registered) == KEPT_DOCUMENTS
    assert sha(documents[0]) not in queries.registered  # the least recently used went
    assert queries.document(None, persisted(documents[-1])) == documents[-1]
