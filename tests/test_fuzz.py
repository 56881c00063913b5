"""Property-based fuzzing of the schema (hypothesis-graphql): thousands of generated
queries and mutations, valid and invalid, posted over HTTP to both stores. None may
answer 5xx or with an unmasked error; every error carries a code; every invalid
document is a request error (400, no data) under `application/graphql-response+json`.

`RESEARCHGRAPH_FUZZ_EXAMPLES` sets the examples per property (default 1000)."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import graphql
import httpx
import pytest
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.schema import build_schema
from researchgraph.server.app import create_app
from researchgraph.server.config import Settings

from conftest import NEO4J_PARAM, token, wipe
from graphs import small_graph

EXAMPLES = int(os.environ.get("RESEARCHGRAPH_FUZZ_EXAMPLES", "1000"))
SCHEMA = build_schema()._schema
KNOWN_IDS = ["A1", "A2", "A3", "W1", "W2", "T1", "I1", "S1"]
# Codes of errors that are the client's or the data's, never the server's.
SERVER_FAULTS = {"INTERNAL_SERVER_ERROR"}

# Federation's `_Any`: an entity representation, sometimes of a real node.
_REPRESENTATIONS = st.builds(
    lambda typename, id_: nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value="__typename"), value=typename),
            graphql.ObjectFieldNode(name=graphql.NameNode(value="id"), value=id_),
        ]
    ),
    st.sampled_from(["Researcher", "Work", "Topic", "Institution", "Source", "Nope"]).map(
        nodes.String
    ),
    st.one_of(st.sampled_from(KNOWN_IDS), st.text(max_size=20)).map(nodes.String),
)


@dataclass
class Target:
    loop: asyncio.AbstractEventLoop
    client: httpx.AsyncClient
    unplanned: httpx.AsyncClient  # the same store, roots not planning their reads

    def post(self, query: str, user: str | None, planned: bool = True) -> httpx.Response:
        note(f"as {user or 'anonymous'}: {query}")  # shown with a failing example
        headers = {"accept": "application/graphql-response+json"}
        if user:
            headers["authorization"] = f"Bearer {token(user)}"
        client = self.client if planned else self.unplanned
        return self.loop.run_until_complete(
            client.post("/graphql", json={"query": query}, headers=headers)
        )


def _serve(neo4j: Settings | None) -> Iterator[Target]:
    """An app on a store loaded with the small graph, run on a loop of its own (the
    properties are synchronous: hypothesis drives them)."""
    loop = asyncio.new_event_loop()

    async def open_store() -> GraphStore:
        if neo4j is None:
            memory = MemoryStore()
            await memory.load(small_graph())
            return memory
        assert neo4j.neo4j_uri
        store = Neo4jStore.connect(neo4j.neo4j_uri, neo4j.neo4j_user, neo4j.neo4j_password)
        await store.migrate()
        await wipe(store)
        await store.load(small_graph())
        return store

    store = loop.run_until_complete(open_store())
    apps = [
        create_app(Settings(graphiql=False, plan_reads=planned), store=store)
        for planned in (True, False)
    ]
    lifespans = [app.router.lifespan_context(app) for app in apps]
    for lifespan in lifespans:
        loop.run_until_complete(lifespan.__aenter__())
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
        for app in apps
    ]
    try:
        yield Target(loop, *clients)
    finally:
        for client in clients:
            loop.run_until_complete(client.aclose())
        for lifespan in lifespans:
            loop.run_until_complete(lifespan.__aexit__(None, None, None))
        loop.run_until_complete(store.close())
        loop.close()


@pytest.fixture(scope="module", params=["memory", NEO4J_PARAM])
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    neo4j = request.getfixturevalue("neo4j_settings") if request.param == NEO4J_PARAM else None
    yield from _serve(neo4j)


def _assert_no_server_fault(response: httpx.Response) -> dict[str, object]:
    assert response.status_code < 500, response.text
    body: dict[str, object] = response.json()
    for error in body.get("errors") or []:  # type: ignore[attr-defined]
        code = error.get("extensions", {}).get("code")
        assert code and code not in SERVER_FAULTS, error
        # Quoted input aside: generated text may well be "NEO4J".
        said = re.sub(r"`[^`]*`|\"[^\"]*\"", "", error["message"])
        assert "Traceback" not in said and "neo4j" not in said.lower()
    return body


_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_USERS = st.sampled_from([None, "fuzz-1", "fuzz-2"])


@_SETTINGS
@given(
    query=from_schema(SCHEMA, custom_scalars={"_Any": _REPRESENTATIONS}, allow_x00=True),
    user=_USERS,
)
@example(query='{ work(id: "NEO4J") { citationCount } }', user=None)
def test_valid_operations_never_fault(target: Target, query: str, user: str | None) -> None:
    _assert_no_server_fault(target.post(query, user))


@_SETTINGS
@given(
    query=from_schema(SCHEMA, custom_scalars={"_Any": _REPRESENTATIONS}, mode=Mode.NEGATIVE),
    user=_USERS,
)
@example(
    query='{ researcher(id: "A1") { collaborators(first: "NEO4J") { sharedWorks } } }', user=None
)
def test_invalid_operations_are_request_errors(
    target: Target, query: str, user: str | None
) -> None:
    response = target.post(query, user)
    body = _assert_no_server_fault(response)
    assert response.status_code == 400 and "data" not in body and body["errors"], body


def _at_known_nodes(document: graphql.DocumentNode) -> str:
    """Generated ids are random text: point each at a node of the graph (chosen by
    the text, so examples still shrink), so reads around real roots get compared."""

    class Retarget(graphql.Visitor):
        def enter_argument(self, node: graphql.ArgumentNode, *_: object) -> object:
            if node.name.value in {"id", "center"} and isinstance(
                node.value, graphql.StringValueNode | graphql.IntValueNode
            ):
                chosen = KNOWN_IDS[sum(map(ord, node.value.value)) % len(KNOWN_IDS)]
                return graphql.ArgumentNode(
                    name=node.name, value=graphql.StringValueNode(value=chosen)
                )
            return None

    return graphql.print_ast(graphql.visit(document, Retarget()))


# Roots that plan their reads, and one whose items do (search hits' nodes).
_PLANNED_ROOTS = ["researcher", "work", "node", "_entities", "search"]


@_SETTINGS
@given(
    query=from_schema(
        SCHEMA,
        fields=_PLANNED_ROOTS,
        custom_scalars={"_Any": _REPRESENTATIONS},
        print_ast=_at_known_nodes,
    ),
    user=_USERS,
)
# Two errors: the second nulls `node`, inside which the first already nulled an object.
@example(
    query="""{
  node(id: "A1") {
    ... on Researcher {
      affiliation { researchers(first: 0, after: "", orderBy: WORKS_DESC) { totalCount } }
      collaborators(first: 0, minSharedWorks: 0) { lastYear }
    }
  }
}""",
    user=None,
)
def test_planned_reads_answer_as_unplanned(target: Target, query: str, user: str | None) -> None:
    planned = target.post(query, user)
    unplanned = target.post(query, user, planned=False)
    assert planned.status_code == unplanned.status_code
    with_plan, without = planned.json(), unplanned.json()
    with_plan.pop("extensions", None)
    without.pop("extensions", None)
    _assert_same_answer(with_plan, without)


def _assert_same_answer(with_plan: dict[str, Any], without: dict[str, Any]) -> None:
    """Equal, except that the unplanned answer may lack errors inside an object that
    another error nulled: graphql-core cancels the pending fields of an object once
    one of its non-null fields fails, so it reports only the errors raised before."""
    assert with_plan.get("data") == without.get("data")
    planned_errors, unplanned_errors = with_plan.get("errors", []), without.get("errors", [])
    assert [e for e in planned_errors if e in unplanned_errors] == unplanned_errors
    for extra in (e for e in planned_errors if e not in unplanned_errors):
        assert _nulled_by(with_plan["data"], extra["path"], unplanned_errors), extra


def _nulled_by(data: Any, path: list[str | int], errors: list[dict[str, Any]]) -> bool:
    """Whether an object above `path` is null, and one of `errors` lies inside it."""
    value = data
    for depth, step in enumerate(path):
        if value is None:
            return any(e["path"][:depth] == path[:depth] for e in errors)
        value = value[step]
    return False
