"""Planned reads: a root's selection read in one store call answers exactly what the
per-relationship loaders answer, on both stores, in a constant number of round trips.

The compiled Neo4j query is compared with the reference answer (`read_plan`: the
batch methods, one call per relationship) on the same database, and with the memory
store; documents are compared over HTTP with planning on and off."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from prometheus_client import REGISTRY

from researchgraph.graphstore.ingest.demo import DEMO_RESEARCHER_ID, demo_batch
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.neo4j import planned as planned_queries
from researchgraph.graphstore.pages import WorkFilter
from researchgraph.graphstore.plans import (
    CollaboratorsPlan,
    Prefetched,
    ResearcherPlan,
    WorkPlan,
    WorksPagePlan,
    read_plan,
    read_work_plan,
)
from researchgraph.graphstore.records import GraphBatch, StatGroup

from conftest import ApiFactory, StoreFactory
from graphs import merged, prolific_graph, small_graph
from queries import CORE_PROFILE, PROFILE, WALK

AUTHORS = ResearcherPlan(affiliations=True)
# People read with some fields only (as a selection of authors or co-authors asks).
NAMED = ResearcherPlan(fields=frozenset({"id", "name", "claimed"}))
WORK = WorkPlan(venue=True, authors=AUTHORS, author_institutions=True, topics=True)
# Pages whose works are read with some fields only (as a selection asks for them).
SLIM = frozenset({"id", "title", "year"})
AUTHORED = WorkList.RESEARCHER_WORKS
NESTED_PAGE = WorksPagePlan(AUTHORED, "YEAR_DESC", 2, work=WorkPlan(fields=SLIM, topics=True))
PLANS = [
    ResearcherPlan(),
    ResearcherPlan(
        stats=(frozenset(StatGroup), frozenset({StatGroup.WORKS})),
        affiliations=True,
        pages=(WorksPagePlan(AUTHORED, "YEAR_DESC", 20, work=WORK),),
        topics=(10,),
        collaborators=(CollaboratorsPlan(2, 10, NAMED), CollaboratorsPlan(1, 3, AUTHORS)),
        neighbours=100,
    ),
    ResearcherPlan(
        pages=(
            WorksPagePlan(
                AUTHORED, "CITATIONS_DESC", 2, after=(-5, "W2"), work=WorkPlan(fields=SLIM)
            ),
            WorksPagePlan(
                AUTHORED, "YEAR_ASC", 3, filter=WorkFilter(2019, 2021, ("ARTICLE", "DATASET"))
            ),
            WorksPagePlan(
                AUTHORED,
                "YEAR_DESC",
                1,
                work=WorkPlan(
                    authors=replace(NAMED, pages=(NESTED_PAGE,)),
                    pages=(
                        WorksPagePlan(
                            WorkList.WORK_REFERENCES,
                            "YEAR_DESC",
                            5,
                            work=replace(WORK, fields=frozenset({"id", "venue_id"})),
                        ),
                        WorksPagePlan(WorkList.WORK_CITATIONS, "YEAR_ASC", 1),
                    ),
                ),
            ),
        ),
        topics=(1, 50),
        neighbours=2,
    ),
]
WORK_PLANS = [
    WorkPlan(),
    WORK,
    WorkPlan(
        pages=(
            WorksPagePlan(WorkList.WORK_REFERENCES, "YEAR_DESC", 1, work=WORK),
            WorksPagePlan(WorkList.WORK_CITATIONS, "CITATIONS_DESC", 10, work=WORK),
        ),
    ),
]


def _graph() -> GraphBatch:
    return merged(small_graph(), prolific_graph(30, 4, "A100", base=1000))


def _assert_same(planned: Prefetched, reference: Prefetched) -> None:
    for each in fields(Prefetched):
        assert getattr(planned, each.name) == getattr(reference, each.name), each.name


@pytest.mark.parametrize("plan", PLANS, ids=["bare", "profile", "pages"])
async def test_a_researcher_plan_answers_as_the_batch_reads(
    store_factory: StoreFactory, plan: ResearcherPlan
) -> None:
    store = await store_factory(_graph())
    ids = ["A1", "A2", "A4", "A100", "A404"]  # A4 wrote nothing, A404 does not exist
    planned = await store.prefetch_researchers(ids, plan)
    _assert_same(planned, await read_plan(store, ids, plan))
    assert planned.researchers["A404"] is None


def test_the_pages_of_people_below_a_root_are_read_once_each() -> None:
    """An author on every work of a page has one page of their own in the query, not
    one per work: the people's pages are a shared read over the distinct people, and
    the answer above shows they land where the batch reads put them."""
    author = replace(NAMED, pages=(NESTED_PAGE,))
    plan = ResearcherPlan(
        pages=(WorksPagePlan(AUTHORED, "YEAR_DESC", 5, work=WorkPlan(authors=author)),)
    )
    compiled = planned_queries.researchers_query(plan)
    assert compiled.deferred == (author,)
    assert compiled.query.count("WITH DISTINCT") == 1 and "AS shared0" in compiled.query
    assert planned_queries.researchers_query(ResearcherPlan(pages=(NESTED_PAGE,))).deferred == ()


@pytest.mark.parametrize("plan", WORK_PLANS, ids=["bare", "work", "pages"])
async def test_a_work_plan_answers_as_the_batch_reads(
    store_factory: StoreFactory, plan: WorkPlan
) -> None:
    store = await store_factory(_graph())
    ids = ["W1", "W3", "W1010", "W404"]
    _assert_same(await store.prefetch_works(ids, plan), await read_work_plan(store, ids, plan))


async def test_both_stores_answer_a_plan_alike(
    memory_factory: StoreFactory, neo4j_factory: StoreFactory
) -> None:
    memory, neo4j = await memory_factory(_graph()), await neo4j_factory(_graph())
    for plan in PLANS:
        ids = ["A1", "A100"]
        _assert_same(
            await neo4j.prefetch_researchers(ids, plan),
            await memory.prefetch_researchers(ids, plan),
        )


# --- over HTTP: round trips, and the same answers with planning on and off

ENTITIES = """
query Entities($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Researcher { id name works(first: 2) { edges { node { id title venue { name } } } } }
  ... on Work { id title authors { position researcher { id name } } } } }
"""
NODE = """
query Node($id: ID!) { node(id: $id) { id ...Person ... on Work { title topics { score topic { name } } } } }
fragment Person on Researcher { name counts { works } topics(first: 2) { works topic { id } } }
"""
ALIASES = """
query Aliases($id: ID!, $skipTopics: Boolean!, $after: String) { researcher(id: $id) {
  newest: works(first: 2) { edges { cursor node { id year } } pageInfo { hasNextPage endCursor } }
  cited: works(first: 3, orderBy: CITATIONS_DESC, after: $after) { totalCount edges { node { id } } }
  old: works(first: 5, filter: {yearTo: 2020, types: [ARTICLE, PREPRINT]}) { totalCount edges { node { id
    references(first: 2) { edges { node { id authors { researcher { name } institutions { name } } } } }
    citedBy(first: 2) { edges { node { id } } } } } }
  collaborators(first: 2) { sharedWorks researcher { id affiliation { name } } }
  closeCollaborators { sharedWorks researcher { id } }
  topics(first: 3) @skip(if: $skipTopics) { share topic { name } }
  small: graph(limit: 3) { nodes { id kind } edges { source target kind } }
  trust { score }
} }
"""
BAD = """
query Bad($id: ID!) { researcher(id: $id) { name works(first: 500) { totalCount }
  cited: works(after: "bm9wZQ") { totalCount } topics(first: -1) { works }
  graph(depth: 3) { truncated } } }
"""
# A failed non-null field cancels its siblings; they share loader values with fields
# that go on (a cancelled sibling once cancelled the shared value: a crash).
CANCELLED = """
query Cancelled($id: ID!) {
  _entities(representations: [{__typename: "Researcher", id: $id}]) {
    ... on Researcher { counts { collaborators } trust { claimed } } }
  node(id: $id) { ... on Researcher { trust { claimed } collaborators(minSharedWorks: 0) { lastYear } } }
}
"""
# Slices are shaped roots too: hundreds of nodes and edges completed without
# graphql-core's per-field machinery (the center's edges come from its first ring).
SLICES = """
query Slices($id: ID!) {
  graphSlice(center: $id, depth: 2, limit: 100) { center truncated
    nodes { id kind label weight __typename } edges { source target kind weight } }
  works: graphSlice(center: $id, kinds: [WORK, TOPIC], limit: 5) { nodes { kind id } }
}
"""
# (document, variables, store calls with planning, on the demo data)
DOCUMENTS = [
    (CORE_PROFILE, {"id": DEMO_RESEARCHER_ID}, 1),
    (PROFILE, {"id": DEMO_RESEARCHER_ID}, 2),
    (WALK, {"id": DEMO_RESEARCHER_ID}, 1),
    (PROFILE, {"id": "A9000000400"}, 2),
    (PROFILE, {"id": "A1"}, 1),  # no such researcher: one look
    (
        ENTITIES,
        {
            "representations": [
                {"__typename": "Researcher", "id": DEMO_RESEARCHER_ID},
                {"__typename": "Researcher", "id": "A9000000002"},
                {"__typename": "Work", "id": "W9000000001"},
            ]
        },
        2,  # one per entity type
    ),
    (NODE, {"id": DEMO_RESEARCHER_ID}, 1),
    (NODE, {"id": "W9000000003"}, 1),
    (ALIASES, {"id": "A9000000002", "skipTopics": False, "after": None}, 2),
    (
        ALIASES,
        {
            "id": "A9000000050",
            "skipTopics": True,
            "after": "Q0lUQVRJT05TX0RFU0M6LTU6VzkwMDAwMDAwMDE",
        },
        2,
    ),
    (SLICES, {"id": DEMO_RESEARCHER_ID}, 3),  # center, first ring (room for no more), edges
    # center; both first rings; the second ring, while the shallow slice reads its
    # edges; the deep slice's edges
    (SLICES, {"id": "A9000000300"}, 5),
    (BAD, {"id": DEMO_RESEARCHER_ID}, None),
    (CANCELLED, {"id": DEMO_RESEARCHER_ID}, None),
]


@pytest.fixture(scope="module")
def demo() -> GraphBatch:
    return demo_batch()


async def test_planned_documents_answer_as_unplanned_in_fewer_round_trips(
    demo: GraphBatch, store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    store = await store_factory(demo)
    planned, unplanned = await api_for(store), await api_for(store, plan_reads=False)
    for document, variables, calls in DOCUMENTS:
        with_plan = await planned.post(document, variables)
        without = await unplanned.post(document, variables)
        extensions = with_plan.pop("extensions"), without.pop("extensions")
        assert with_plan == without, document
        if calls is not None:
            assert "errors" not in with_plan, with_plan
            assert extensions[0]["storeCalls"] == calls, document  # type: ignore[index]
            assert extensions[1]["storeCalls"] >= calls, document  # type: ignore[index]
        else:
            assert with_plan["errors"], document


# One fragment in two operations: its `researcher` merges with another selection in
# one of them only. Plans are kept across requests per document node; that must not
# let one operation's plan answer the other's.
SHARED = """
query Titles($id: ID!) { ...Page }
query Abstracts($id: ID!) { ...Page researcher(id: $id) { works(first: 2) { edges { node { abstract } } } } }
fragment Page on Query { researcher(id: $id) { works(first: 2) { edges { node { id title } } } } }
"""


async def test_plans_kept_across_requests_follow_the_operation(
    demo: GraphBatch, store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    store = await store_factory(demo)
    planned, unplanned = await api_for(store), await api_for(store, plan_reads=False)
    for operation in ("Titles", "Abstracts", "Titles", "Abstracts"):
        body = {
            "query": SHARED,
            "variables": {"id": DEMO_RESEARCHER_ID},
            "operationName": operation,
        }
        with_plan = (await planned.client.post("/graphql", json=body)).json()
        without = (await unplanned.client.post("/graphql", json=body)).json()
        with_plan.pop("extensions"), without.pop("extensions")
        assert with_plan == without, operation
        works = with_plan["data"]["researcher"]["works"]["edges"]
        assert all(("abstract" in w["node"]) == (operation == "Abstracts") for w in works)
        assert any(w["node"].get("abstract") for w in works) or operation == "Titles"


async def test_roots_are_shaped_without_falling_back(
    demo: GraphBatch, store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    planned = await api_for(await store_factory(demo))
    before = {o: _shaped(o) for o in ("shaped", "fallback")}
    await planned.data(CORE_PROFILE, {"id": DEMO_RESEARCHER_ID})
    await planned.data(SLICES, {"id": "A9000000300"})
    assert _shaped("shaped") - before["shaped"] == 3  # one profile, two slices
    assert _shaped("fallback") == before["fallback"]


def _shaped(outcome: str) -> float:
    return REGISTRY.get_sample_value("researchgraph_shaped_roots_total", {"outcome": outcome}) or 0
