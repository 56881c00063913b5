"""Search: names, titles, abstracts; ranking; typos and prefixes; bad queries."""

from __future__ import annotations

import pytest

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

SEARCH = """
query($q: String!, $kinds: [SliceKind!], $first: Int! = 10, $filter: SearchFilter) {
  search(query: $q, kinds: $kinds, first: $first, filter: $filter) {
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


PAGED = """
query($q: String!, $kinds: [SliceKind!], $filter: SearchFilter, $first: Int!, $after: String) {
  searchConnection(query: $q, kinds: $kinds, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor score kind label highlights node { id } }
  }
}
"""


async def _paged(api: object, query: str, **variables: object) -> dict[str, object]:
    data = await api.data(PAGED, {"q": query, "first": 10, **variables})  # type: ignore[attr-defined]
    found: dict[str, object] = data["searchConnection"]
    return found


def _page_ids(page: dict[str, object]) -> list[str]:
    return [edge["node"]["id"] for edge in page["edges"]]  # type: ignore[attr-defined, index]


async def test_search_pages_with_cursors(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    whole = await _paged(api, "example", kinds=["RESEARCHER"])
    assert whole["totalCount"] == 4 and len(_page_ids(whole)) == 4
    first = await _paged(api, "example", kinds=["RESEARCHER"], first=3)
    assert first["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "endCursor": first["edges"][-1]["cursor"],  # type: ignore[index]
    }
    end = first["pageInfo"]["endCursor"]  # type: ignore[index]
    rest = await _paged(api, "example", kinds=["RESEARCHER"], first=3, after=end)
    assert rest["totalCount"] == 4
    assert rest["pageInfo"]["hasNextPage"] is False  # type: ignore[index]
    assert rest["pageInfo"]["hasPreviousPage"] is True  # type: ignore[index]
    assert _page_ids(first) + _page_ids(rest) == _page_ids(whole)


async def test_search_filters(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(small_graph()))
    words = "example first second third fourth institute graphs databases"

    async def ids(**wanted: object) -> set[str]:
        return set(_page_ids(await _paged(api, words, filter=wanted, first=50)))

    assert await ids(types=["ARTICLE"]) == {"W2", "W3"}  # years and types: works only
    assert await ids(yearFrom=2020, yearTo=2021) == {"W1", "W2"}
    # A topic: works about it, researchers with works on it (not Di, who has none).
    assert await ids(topic="T1") == {"W1", "W2", "A1", "A2", "A3"}
    # An institution: works an author lists it on, researchers affiliated with it.
    assert await ids(institution="I2") == {"W1", "A1", "A2"}
    assert await ids(topic="T2", types=["PREPRINT"]) == {"W1"}
    counted = await _paged(api, words, filter={"topic": "T1"}, first=1)
    assert counted["totalCount"] == 5


async def test_highlights_are_the_matched_words(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    [work] = (await _paged(api, "graphs", kinds=["WORK"]))["edges"]  # type: ignore[misc]
    assert (work["node"]["id"], work["highlights"]) == ("W1", ["graphs"])  # from the abstract
    typo = await _paged(api, "Exampel ada", kinds=["RESEARCHER"])
    first = typo["edges"][0]  # type: ignore[index]
    assert (first["node"]["id"], first["highlights"]) == ("A1", ["Ada", "Example"])


AUTOCOMPLETE = """
query($q: String!, $kinds: [SliceKind!], $first: Int! = 5) {
  autocomplete(query: $q, kinds: $kinds, first: $first) { id kind label }
}
"""


async def test_autocomplete_completes_names_and_titles(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))

    async def ids(query: str, kinds: list[str] | None = None, first: int = 5) -> list[str]:
        body = await api.post(AUTOCOMPLETE, {"q": query, "kinds": kinds, "first": first})
        assert "errors" not in body, body
        assert body["extensions"]["storeCalls"] == 1  # type: ignore[index]  # one call
        return [hit["id"] for hit in body["data"]["autocomplete"]]  # type: ignore[index]

    # Shortest names first (the closest completions), then by id.
    assert await ids("ex", ["RESEARCHER"]) == ["A2", "A3", "A4", "A1"]
    assert await ids("exa ad") == ["A1"]  # every word begins a word of the name
    assert await ids("sec") == ["W2"]
    assert await ids("abo") == []  # an abstract's words are not completed
    assert await ids("exampel") == []  # no typos in a prefix
    assert await ids("inst", first=1) == ["I1"]


@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        (AUTOCOMPLETE, {"q": "ada", "first": 11}, "first"),
        (PAGED, {"q": "ada", "first": 51}, "first"),
        (PAGED, {"q": "ada", "first": 5, "after": "bm90LWEtY3Vyc29y"}, "after"),
        (PAGED, {"q": "ada", "first": 5, "filter": {"yearFrom": 2022, "yearTo": 2020}}, "filter"),
        (PAGED, {"q": "ada", "first": 5, "filter": {"topic": "W1"}}, "filter.topic"),
        (PAGED, {"q": "ada", "first": 5, "filter": {"institution": "x"}}, "filter.institution"),
        (SEARCH, {"q": "ada", "first": 5, "filter": {"yearFrom": 99}}, "filter.yearFrom"),
    ],
)
async def test_bad_search_arguments_are_refused(
    store_factory: StoreFactory,
    api_for: ApiFactory,
    query: str,
    variables: dict[str, object],
    argument: str,
) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(query, variables)
    [error] = body["errors"]  # type: ignore[misc]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"]["argument"] == argument
    assert body["extensions"]["storeCalls"] == 0  # type: ignore[index]
