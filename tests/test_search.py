"""Search: names, titles, abstracts; ranking; typos and prefixes; bad queries."""

from __future__ import annotations

import pytest

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

SEARCH = """
query($q: String!, $kinds: [NodeKind!], $first: Int! = 10) {
  search(query: $q, kinds: $kinds, first: $first) {
    kind label score node { id ... on Researcher { name } ... on Work { title } }
  }
}
"""


async def _ids(api: object, query: str, kinds: list[str] | None = None) -> list[str]:
    data = await api.data(SEARCH, {"q": query, "kinds": kinds})  # type: ignore[attr-defined]
    return [hit["node"]["id"] for hit in data["search"]]


async def test_finds_each_kind_by_its_text(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    assert (await _ids(api, "Ada", ["RESEARCHER"]))[0] == "A1"
    assert await _ids(api, "second", ["WORK"]) == ["W2"]
    assert await _ids(api, "about graphs", ["WORK"]) == ["W1"]  # abstract
    assert (await _ids(api, "graph", ["TOPIC"])) == ["T1"]  # a prefix
    assert sorted(await _ids(api, "institute", ["INSTITUTION"])) == ["I1", "I2"]


async def test_ranks_better_matches_first(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(SEARCH, {"q": "Ada Example"})
    hits = data["search"]
    assert hits[0]["node"] == {"id": "A1", "name": "Ada Example"}
    assert hits[0]["kind"] == "RESEARCHER" and hits[0]["label"] == "Ada Example"
    assert {h["node"]["id"] for h in hits} >= {"A1", "A2", "A3", "A4"}  # "Example" alone matches
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1]


async def test_tolerates_a_typo(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    assert "A1" in await _ids(api, "Exampel", ["RESEARCHER"])
    assert await _ids(api, "Databses", ["TOPIC"]) == ["T2"]


async def test_query_syntax_is_never_interpreted(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    assert (await _ids(api, 'name:(Ada) AND "Bo OR *', ["RESEARCHER"]))[0] == "A1"
    assert await _ids(api, "zzzzqqq") == []


async def test_first_bounds_the_hits(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    data = await api.data(SEARCH, {"q": "example", "first": 2})
    assert len(data["search"]) == 2


@pytest.mark.parametrize(
    ("query", "first", "fragment"),
    [
        ("", 10, "no words"),
        ("  !!! ", 10, "no words"),
        ("x" * 201, 10, "longer than 200"),
        ("ada", 51, "`first`"),
        ("ada", 0, "`first`"),
    ],
)
async def test_bad_queries_are_refused(
    store_factory: StoreFactory, api_for: ApiFactory, query: str, first: int, fragment: str
) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(SEARCH, {"q": query, "first": first})
    (error,) = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and fragment in error["message"]
    assert body["extensions"]["storeCalls"] == 0  # type: ignore[index]
