"""Neighbours by similarity: `Work.related` and `Researcher.similar`, the same on
both stores, explained by their reasons, one batched store call per field."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from researchgraph.graphstore.ingest.demo import DEMO_RESEARCHER_ID, demo_batch
from researchgraph.graphstore.records import (
    AuthorshipRecord,
    GraphBatch,
    ResearcherRecord,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.similarity import (
    Reason,
    ReasonKind,
    Similar,
    SimilarRequest,
)

from conftest import ApiFactory, StoreFactory
from graphs import small_graph

REFS, COCITED, TOPICS, VENUES = (
    ReasonKind.SHARED_REFERENCES,
    ReasonKind.CO_CITED,
    ReasonKind.SHARED_TOPICS,
    ReasonKind.SHARED_VENUES,
)


def graph() -> GraphBatch:
    """The small graph and Ed (A5), who wrote W5 alone: on Graphs (T1), in arXiv (S1)."""
    batch = small_graph()
    return dataclasses.replace(
        batch,
        researchers=[*batch.researchers, ResearcherRecord("A5", "Ed Example")],
        works=[
            *batch.works,
            WorkRecord("W5", "Fifth", year=2021, citation_count=1, venue_id="S1"),
        ],
        authorships=[*batch.authorships, AuthorshipRecord("W5", "A5", 0)],
        work_topics=[*batch.work_topics, WorkTopicRecord("W5", "T1", 0.6)],
    )


Brief = tuple[str, int, tuple[Reason, ...]]


def s(node_id: str, score: int, *reasons: tuple[ReasonKind, int, tuple[str, ...]]) -> Brief:
    return (node_id, score, tuple(Reason(*r) for r in reasons))


def brief(found: list[list[Similar[Any]]]) -> list[list[Brief]]:
    return [[(x.record.id, x.score, x.reasons) for x in each] for each in found]


async def test_related_works(store_factory: StoreFactory) -> None:
    store = await store_factory(graph())
    found = await store.related_works(
        [SimilarRequest("W1", 10), SimilarRequest("W3", 10), SimilarRequest("W9", 10)]
    )
    # Each neighbour comes with its record, as the store reads it by id.
    assert [x.record for x in found[0]] == await store.works([x.record.id for x in found[0]])
    assert brief(found) == [
        # W3 cites W1 and W2 (co-cited); W2 and W5 are on Graphs with W1, W3 on Databases.
        [
            s("W2", 3, (COCITED, 1, ("W3",)), (TOPICS, 1, ("T1",))),
            s("W3", 1, (TOPICS, 1, ("T2",))),
            s("W5", 1, (TOPICS, 1, ("T1",))),
        ],
        # W3 and W4 both cite W1; W1 is on Databases with W3.
        [s("W4", 2, (REFS, 1, ("W1",))), s("W1", 1, (TOPICS, 1, ("T2",)))],
        [],
    ]
    assert await store.related_works([SimilarRequest("W1", 1)]) == [found[0][:1]]


async def test_similar_researchers_leave_out_coauthors(store_factory: StoreFactory) -> None:
    store = await store_factory(graph())
    found = await store.similar_researchers(
        [SimilarRequest("A1", 10), SimilarRequest("A3", 10), SimilarRequest("A4", 10)]
    )
    assert [x.record for x in found[0]] == await store.researchers(["A5"])
    await store.claim("U1", "A5")  # a claimed record says so wherever it is read
    ((similar,),) = await store.similar_researchers([SimilarRequest("A1", 10)])
    assert similar.record.claimed
    assert brief(found) == [
        # Bo and Cy share Ada's topics too, but have written with her.
        [s("A5", 2, (TOPICS, 1, ("T1",)), (VENUES, 1, ("S1",)))],
        [s("A5", 1, (TOPICS, 1, ("T1",)))],
        [],  # Di wrote nothing: no topics to share
    ]


RELATED = """
{
  researcher(id: "A1") {
    similar { score researcher { name } reasons { kind count examples } }
    works(first: 3) { edges { node { id related(first: 2) { score work { id title } reasons { kind count } } } } }
  }
}
"""


async def test_related_and_similar_over_http(
    store_factory: StoreFactory, api_for: ApiFactory
) -> None:
    api = await api_for(await store_factory(graph()))
    body = await api.post(RELATED)
    assert "errors" not in body, body
    researcher = body["data"]["researcher"]  # type: ignore[index]
    assert researcher["similar"] == [
        {
            "score": 2,
            "researcher": {"name": "Ed Example"},
            "reasons": [
                {"kind": "SHARED_TOPICS", "count": 1, "examples": ["T1"]},
                {"kind": "SHARED_VENUES", "count": 1, "examples": ["S1"]},
            ],
        }
    ]
    related = {e["node"]["id"]: e["node"]["related"] for e in researcher["works"]["edges"]}
    assert related["W1"] == [
        {
            "score": 3,
            "work": {"id": "W2", "title": "Second"},
            "reasons": [{"kind": "CO_CITED", "count": 1}, {"kind": "SHARED_TOPICS", "count": 1}],
        },
        {
            "score": 1,
            "work": {"id": "W3", "title": "Third"},
            "reasons": [{"kind": "SHARED_TOPICS", "count": 1}],
        },
    ]
    # The planned page, similar researchers with their records, related works of the
    # whole page with theirs (one call for three works).
    assert body["extensions"]["storeCalls"] == 3  # type: ignore[index]


async def test_first_is_bounded(store_factory: StoreFactory, api_for: ApiFactory) -> None:
    api = await api_for(await store_factory(graph()))
    body = await api.post('{ work(id: "W1") { related(first: 51) { score } } }')
    [error] = body["errors"]  # type: ignore[misc]
    assert (error["extensions"]["code"], error["extensions"]["argument"]) == (
        "BAD_USER_INPUT",
        "first",
    )


@pytest.mark.parametrize("researcher_id", [DEMO_RESEARCHER_ID, "A9000000050"])
async def test_identical_on_both_stores_on_the_demo(
    memory_factory: StoreFactory, neo4j_factory: StoreFactory, researcher_id: str
) -> None:
    demo = demo_batch()
    memory, neo4j = await memory_factory(demo), await neo4j_factory(demo)
    works = [w.id for w in demo.works[:40]]
    for store_a, store_b in ((memory, neo4j),):
        asked = [SimilarRequest(w, 20) for w in works]
        assert await store_a.related_works(asked) == await store_b.related_works(asked)
        people = [SimilarRequest(researcher_id, 20)]
        similar = await store_a.similar_researchers(people)
        assert similar == await store_b.similar_researchers(people)
        assert similar[0], "the demo's researchers have similar ones"
