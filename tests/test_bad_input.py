"""Bad input gets a clear, coded error and never reaches the store."""

from __future__ import annotations

import pytest
from graphql import GraphQLError, GraphQLSyntaxError, Source

from researchgraph.resolvers.errors import ErrorCode
from researchgraph.schema.cost import MAX_ALIASES, MAX_DEPTH
from researchgraph.schema.errors import classify

from conftest import ApiFactory, StoreFactory
from graphs import small_graph
from queries import PROFILE


async def _error(
    api: object, query: str, variables: dict[str, object] | None = None
) -> dict[str, object]:
    body = await api.post(query, variables)  # type: ignore[attr-defined]
    assert body.get("errors"), body
    (error,) = body["errors"]
    ErrorCode(error["extensions"]["code"])  # one of the API's codes, or ValueError
    return {
        "code": error["extensions"]["code"],
        "message": error["message"],
        "calls": body.get("extensions", {}).get("storeCalls"),
        "data": body.get("data"),
        "extensions": error["extensions"],
    }


async def test_unknown_ids_are_null_without_error(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    body = await api.post(
        """{ researcher(id: "A999") { id } work(id: "W999") { id } topic(id: "T999") { id }
             institution(id: "I999") { id } node(id: "S999") { id } }"""
    )
    assert body["data"] == {
        "researcher": None,
        "work": None,
        "topic": None,
        "institution": None,
        "node": None,
    }
    assert "errors" not in body


@pytest.mark.parametrize(
    ("query", "variables", "code", "fragment"),
    [
        (PROFILE, {"id": "A1' OR 1=1"}, "BAD_USER_INPUT", "not a node id"),
        (PROFILE, {"id": "W1"}, "BAD_USER_INPUT", "not a researcher id"),
        ('{ node(id: "") { id } }', None, "BAD_USER_INPUT", "not a node id"),
        (
            '{ researcher(id: "A1") { works(first: 100000) { totalCount } } }',
            None,
            "BAD_USER_INPUT",
            "`first` must be between 0 and 100",
        ),
        (
            '{ researcher(id: "A1") { works(first: -1) { totalCount } } }',
            None,
            "BAD_USER_INPUT",
            "`first` must be between",
        ),
        ("{ researchers(first: 101) { totalCount } }", None, "BAD_USER_INPUT", "`first`"),
        (
            '{ researcher(id: "A1") { topics(first: 51) { works } } }',
            None,
            "BAD_USER_INPUT",
            "`first`",
        ),
        (
            '{ researcher(id: "A1") { collaborators(minSharedWorks: 0) { sharedWorks } } }',
            None,
            "BAD_USER_INPUT",
            "minSharedWorks",
        ),
        (
            '{ researcher(id: "A1") { graph(depth: 3) { center } } }',
            None,
            "BAD_USER_INPUT",
            "`depth`",
        ),
        ('{ graphSlice(center: "A1", limit: 501) { center } }', None, "BAD_USER_INPUT", "`limit`"),
        (
            '{ graphSlice(center: "S1") { center } }',
            None,
            "BAD_USER_INPUT",
            "not a researcher or work or topic or institution id",
        ),
        (
            '{ researcher(id: "A1") { works(after: "bm9wZQ") { totalCount } } }',
            None,
            "BAD_USER_INPUT",
            "`after`",
        ),
        (
            '{ researcher(id: "A1") { works(filter: {yearFrom: 2022, yearTo: 2020}) { totalCount } } }',
            None,
            "BAD_USER_INPUT",
            "yearFrom",
        ),
        ("{ researcher(id: ", None, "GRAPHQL_PARSE_FAILED", "Syntax Error"),
        ('{ researcher(id: "A1") { nope } }', None, "GRAPHQL_VALIDATION_FAILED", "nope"),
        ("query($id: ID!) { researcher(id: $id) { id } }", {}, "BAD_USER_INPUT", "$id"),
    ],
)
async def test_bad_input_is_refused_before_the_store(
    store_factory: StoreFactory,
    api_for: ApiFactory,
    query: str,
    variables: dict[str, object] | None,
    code: str,
    fragment: str,
) -> None:
    api = await api_for(await store_factory(small_graph()))
    error = await _error(api, query, variables)
    assert error["code"] == code
    assert fragment in str(error["message"])
    assert error["calls"] in (None, 0, 1)  # at most the parent lookup, never the bad list


def test_parse_failures_are_told_by_their_type_not_their_wording() -> None:
    syntax = GraphQLSyntaxError(Source("{ researcher(id: "), 17, "Expected value.")
    lookalike = GraphQLError("Syntax Error: a message that only reads like one")
    assert classify(syntax, "r1").extensions == {"code": ErrorCode.GRAPHQL_PARSE_FAILED}
    assert classify(lookalike, "r1").extensions == {"code": ErrorCode.GRAPHQL_VALIDATION_FAILED}


async def test_cursor_from_another_ordering_is_refused(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    data = await api.data('{ researcher(id: "A1") { works(first: 1) { pageInfo { endCursor } } } }')
    cursor = data["researcher"]["works"]["pageInfo"]["endCursor"]  # type: ignore[index]
    error = await _error(
        api,
        'query($c: String) { researcher(id: "A1") { works(after: $c, orderBy: CITATIONS_DESC) { totalCount } } }',
        {"c": cursor},
    )
    assert error["code"] == "BAD_USER_INPUT"


async def test_unknown_graph_center_is_not_found(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(small_graph()))
    error = await _error(api, '{ graphSlice(center: "W999") { center } }')
    assert error["code"] == "NOT_FOUND" and error["data"] is None


async def test_deep_and_wide_documents_are_refused(
    memory_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await memory_factory(small_graph()))
    nested = "authors { researcher { works { edges { node { " * 3 + "id" + " } } } } }" * 3
    deep = await _error(
        api, '{ researcher(id: "A1") { works { edges { node { ' + nested + " } } } } }"
    )
    assert deep["code"] == "QUERY_TOO_DEEP" and deep["calls"] in (None, 0)
    assert deep["extensions"] == {"code": "QUERY_TOO_DEEP", "depth": 20, "limit": MAX_DEPTH}
    aliases = " ".join(f'a{i}: researcher(id: "A1") {{ id }}' for i in range(40))
    wide = await _error(api, "{ " + aliases + " }")
    assert wide["code"] == "TOO_MANY_ALIASES" and wide["calls"] in (None, 0)
    assert wide["extensions"] == {"code": "TOO_MANY_ALIASES", "aliases": 40, "limit": MAX_ALIASES}
