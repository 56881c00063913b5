"""Lists kept in order as works change (`graphstore/neo4j/kept_order.py`): every page of
every kept list, in every order, with and without filters, equal to a brute-force sort
on both stores; writes (a newer version of a work, a new link, a citation of a work
that arrives later) show in the next read; a database loaded before the orders were
kept is backfilled; and a page on Neo4j reads as much as the page, not the list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from researchgraph.graphstore.model import OwnerLabel, WorkList
from researchgraph.graphstore.neo4j import pages as neo4j_pages
from researchgraph.graphstore.neo4j import planned
from researchgraph.graphstore.neo4j import similarity as neo4j_similarity
from researchgraph.graphstore.neo4j.store import Neo4jStore
from researchgraph.graphstore.pages import (
    PageRequest,
    WorkFilter,
    WorkOrder,
    WorksPageRequest,
    work_matches,
    work_sort_key,
)
from researchgraph.graphstore.plans import OwnerPlan, WorkPlan, WorksPagePlan
from researchgraph.graphstore.protocol import GraphStore
from researchgraph.graphstore.records import (
    AuthorshipRecord,
    CitationRecord,
    GraphBatch,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.similarity import SimilarRequest

from conftest import StoreFactory, wipe
from graphs import crowded

# Each kept list's owner in `crowded`, and which of its works it holds.
OWNERS: dict[WorkList, tuple[str, Callable[[WorkRecord], bool]]] = {
    WorkList.TOPIC_WORKS: ("T1", lambda _: True),
    WorkList.SOURCE_WORKS: ("S1", lambda _: True),
    WorkList.INSTITUTION_WORKS: ("I1", lambda _: True),
    WorkList.RESEARCHER_WORKS: ("A1", lambda _: True),
    WorkList.WORK_CITATIONS: ("W1", lambda w: w.id != "W1"),
}
FILTERS = (
    None,
    WorkFilter(year_from=2012),
    WorkFilter(year_to=2013, types=("ARTICLE", "DATASET")),
    WorkFilter(year_from=2011, year_to=2014),
)


def keyed(
    batch: GraphBatch, works: WorkList, order: str, wanted: WorkFilter | None = None
) -> list[tuple[int, str]]:
    """(key, id) of the list's works the filter admits, in order, by brute force."""
    _, holds = OWNERS[works]
    found = [w for w in batch.works if holds(w) and work_matches(w, wanted)]
    return sorted((work_sort_key(w, order), w.id) for w in found)


def expected(
    batch: GraphBatch, works: WorkList, order: str, wanted: WorkFilter | None = None
) -> list[str]:
    return [id_ for _, id_ in keyed(batch, works, order, wanted)]


async def walked(
    store: GraphStore, works: WorkList, order: str, wanted: WorkFilter | None, size: int
) -> tuple[list[str], set[int]]:
    """Every page of a list by its cursors: the ids in order, and the totals seen."""
    owner, _ = OWNERS[works]
    ids: list[str] = []
    totals: set[int] = set()
    after: tuple[int, str] | None = None
    while True:
        request = PageRequest(owner, order, size, after, wanted)
        (page,) = await store.work_pages([WorksPageRequest(works, request)])
        ids += [row.record.id for row in page.rows]
        totals.add(page.total)
        if not page.has_next:
            return ids, totals
        last = page.rows[-1]
        after = (last.key, last.record.id)


async def test_every_page_of_every_kept_list_is_in_order(store_factory: StoreFactory) -> None:
    batch = crowded(40)
    store = await store_factory(batch)
    for works in OWNERS:
        for order in WorkOrder:
            for wanted in FILTERS:
                want = expected(batch, works, order, wanted)
                ids, totals = await walked(store, works, order, wanted, size=4)
                assert ids == want, (works, order, wanted)
                assert totals == {len(want)}, (works, order, wanted)


async def test_one_batch_mixing_lists_orders_and_cursors(store_factory: StoreFactory) -> None:
    batch = crowded(30)
    store = await store_factory(batch)
    requests = [
        WorksPageRequest(WorkList.TOPIC_WORKS, PageRequest("T1", "YEAR_DESC", 3)),
        WorksPageRequest(WorkList.TOPIC_WORKS, PageRequest("T1", "YEAR_ASC", 5, (2011, "W13"))),
        WorksPageRequest(WorkList.SOURCE_WORKS, PageRequest("S1", "CITATIONS_DESC", 2)),
        WorksPageRequest(WorkList.TOPIC_WORKS, PageRequest("T404", "YEAR_DESC", 3)),
        WorksPageRequest(WorkList.WORK_REFERENCES, PageRequest("W5", "YEAR_DESC", 3)),
    ]
    newest, oldest, cited, missing, references = await store.work_pages(requests)
    assert _ids(newest) == expected(batch, WorkList.TOPIC_WORKS, "YEAR_DESC")[:3]
    past = [
        i for key, i in keyed(batch, WorkList.TOPIC_WORKS, "YEAR_ASC") if (key, i) > (2011, "W13")
    ]
    assert _ids(oldest) == past[:5] and oldest.has_next
    assert _ids(cited) == expected(batch, WorkList.SOURCE_WORKS, "CITATIONS_DESC")[:2]
    assert (missing.rows, missing.total, missing.has_next) == ([], 0, False)
    assert _ids(references) == ["W1"]


def _ids(page: Any) -> list[str]:
    return [row.record.id for row in page.rows]


async def _first(store: GraphStore, works: WorkList, owner: str, order: str) -> list[str]:
    (page,) = await store.work_pages([WorksPageRequest(works, PageRequest(owner, order, 50))])
    return _ids(page)


async def test_writes_keep_the_order(store_factory: StoreFactory) -> None:
    batch = crowded(12)
    store = await store_factory(batch)
    assert (await _first(store, WorkList.TOPIC_WORKS, "T1", "YEAR_DESC"))[0] == "W6"

    # A newer version of a work with a later year and more citations moves it in
    # every list that holds it.
    moved = WorkRecord("W3", "Work 3", type="ARTICLE", year=2030, citation_count=99, venue_id="S1")
    await store.load(GraphBatch(works=[moved]))
    for works, (owner, _) in OWNERS.items():
        assert (await _first(store, works, owner, "YEAR_DESC"))[0] == "W3"
        assert (await _first(store, works, owner, "CITATIONS_DESC"))[0] == "W3"
        assert (await _first(store, works, owner, "YEAR_ASC"))[-1] == "W12"  # no year

    # New links are in order at once; a citation of a work not loaded yet counts
    # when the work arrives.
    late = WorkRecord("W50", "Late", year=2031, citation_count=1)
    await store.load(
        GraphBatch(
            works=[late, WorkRecord("W51", "Citing", year=2000)],
            topics=[TopicRecord("T2", "Other")],
            work_topics=[WorkTopicRecord("W50", "T1", 0.1), WorkTopicRecord("W50", "T2", 0.2)],
            authorships=[AuthorshipRecord("W50", "A1", 0, ("I1",))],
            citations=[CitationRecord("W51", "W60")],
        )
    )
    assert (await _first(store, WorkList.TOPIC_WORKS, "T1", "YEAR_DESC"))[0] == "W50"
    assert await _first(store, WorkList.TOPIC_WORKS, "T2", "YEAR_DESC") == ["W50"]
    assert (await _first(store, WorkList.INSTITUTION_WORKS, "I1", "YEAR_DESC"))[0] == "W50"
    assert (await _first(store, WorkList.RESEARCHER_WORKS, "A1", "YEAR_DESC"))[0] == "W50"
    await store.load(GraphBatch(works=[WorkRecord("W60", "Cited later", year=2001)]))
    assert await _first(store, WorkList.WORK_CITATIONS, "W60", "YEAR_DESC") == ["W51"]


@pytest.mark.neo4j
async def test_a_database_loaded_before_the_orders_were_kept_is_backfilled(
    neo4j_store: Neo4jStore,
) -> None:
    await wipe(neo4j_store)
    batch = crowded(20)
    await neo4j_store.load(batch)
    await neo4j_store.connection.write_query(
        "MATCH ()-[r:AUTHORED|ABOUT|PUBLISHED_IN|LISTS_INSTITUTION|CITES]->() "
        "REMOVE r.listOwner, r.listWork, r.yearDescKey, r.yearAscKey, r.citationsDescKey"
    )
    await neo4j_store.connection.write_query(
        "MATCH ()-[e:RESEARCHES|PUBLISHES_IN]->() "
        "REMOVE e.listOwner, e.listResearcher, e.worksDescKey"
    )
    await neo4j_store.connection.write_query(
        "MATCH (m:Migration) WHERE m.id IN "
        "['kept-orders', 'topic-researchers', 'researcher-venues-stamped'] DELETE m"
    )
    assert await _first(neo4j_store, WorkList.TOPIC_WORKS, "T1", "YEAR_DESC") == []
    await neo4j_store.migrate()
    unranked = await neo4j_store.connection.read(
        "MATCH (r)-[e:RESEARCHES]->(t) WHERE e.listOwner IS NULL OR e.listOwner <> t.id "
        "OR e.listResearcher <> r.id OR e.worksDescKey <> -e.works RETURN count(e) AS n",
        {},
    )
    assert unranked == [{"n": 0}]
    venues = await neo4j_store.connection.read(
        "MATCH (r)-[e:PUBLISHES_IN]->(s) RETURN count(e) AS all, "
        "count(CASE WHEN e.listOwner = s.id AND e.listResearcher = r.id THEN e END) AS stamped",
        {},
    )
    assert venues == [{"all": 1, "stamped": 1}]
    for works, (owner, _) in OWNERS.items():
        for order in WorkOrder:
            assert await _first(neo4j_store, works, owner, order) == expected(
                batch, works, order, None
            )


def _hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_hits(child) for child in plan.get("children", []))


async def _profiled(store: Neo4jStore, query: str, params: dict[str, Any]) -> int:
    async with store.connection.driver.session() as session:
        result = await session.run(f"PROFILE {query}", params)
        summary = await result.consume()
    assert summary.profile is not None
    return _hits(summary.profile)


@pytest.mark.neo4j
@pytest.mark.parametrize("order", list(WorkOrder))
async def test_a_page_reads_as_much_as_the_page_not_the_list(
    neo4j_store: Neo4jStore, order: WorkOrder
) -> None:
    """The database hits of a topic's first and a later page, batch and planned, at
    60 and at 600 works: the same within a few rows' worth (a sort of the list read
    every work, ten times as many at ten times the size). A filtered total still
    counts the filter's years (`kept_order.count`), so these pages are unfiltered."""
    hits: dict[int, list[int]] = {}
    for size in (60, 600):
        await wipe(neo4j_store)
        await neo4j_store.load(crowded(size))
        first = PageRequest("T1", order, 10)
        (page,) = await neo4j_store.work_pages([WorksPageRequest(WorkList.TOPIC_WORKS, first)])
        cursor = (page.rows[-1].key, page.rows[-1].record.id)
        later = PageRequest("T1", order, 10, cursor)
        counts = [
            await _profiled(
                neo4j_store,
                *neo4j_pages.work_pages_query([WorksPageRequest(WorkList.TOPIC_WORKS, request)]),
            )
            for request in (first, later)
        ]
        plan = OwnerPlan(
            OwnerLabel.TOPIC,
            pages=(WorksPagePlan(WorkList.TOPIC_WORKS, order, 10, work=WorkPlan(venue=True)),),
        )
        compiled = planned.owners_query(plan)
        counts.append(
            await _profiled(neo4j_store, compiled.query, {**compiled.params, "ids": ["T1"]})
        )
        hits[size] = counts
    for small, large in zip(hits[60], hits[600], strict=True):
        assert large <= small + 40, hits


@pytest.mark.neo4j
async def test_walks_along_kept_orders_answer_as_the_memory_store(
    neo4j_factory: StoreFactory, memory_factory: StoreFactory
) -> None:
    """A slice's neighbours of a topic and of a much cited work, `related` and
    `similar`, read their capped candidates along kept orders on Neo4j and by a walk
    of every relationship in memory: the same answers on lists longer than the caps."""
    batch = _with_co_authors(crowded(120))
    stores = [await factory(batch) for factory in (memory_factory, neo4j_factory)]
    answers = []
    for store in stores:
        answers.append(
            (
                await store.neighbours(["T1", "W1", "W7"], 5),
                await store.related_works([SimilarRequest("W7", 10), SimilarRequest("W1", 10)]),
                await store.similar_researchers([SimilarRequest("A3", 10)]),
            )
        )
    memory, neo4j = answers
    assert neo4j == memory
    topic_ring, cited_ring, _ = memory[0]
    assert len([n for n in topic_ring if n.kind == "WORK"]) == 5
    assert len([n for n in cited_ring if n.kind == "WORK"]) == 5
    assert memory[2][0]  # someone is similar to A3


def _with_co_authors(batch: GraphBatch) -> GraphBatch:
    """A2..A5 each on a share of the works (not together), so `similar` has people
    sharing topics and venues who are not co-authors."""
    people = [ResearcherRecord(f"A{i}", f"Person {i}") for i in range(2, 6)]
    extra = [AuthorshipRecord(w.id, f"A{2 + n % 4}", 1, ("I1",)) for n, w in enumerate(batch.works)]
    return replace(
        batch,
        researchers=[*batch.researchers, *people],
        authorships=[*batch.authorships, *extra],
    )


def _prolific_peers(spread: int) -> GraphBatch:
    """A1 with one work on topic T1 in venue S1; A2..A6, each with `spread` works on
    T1 and as many other topics and venues of their own (prolific candidates)."""
    topics = [TopicRecord(f"T{i}", f"Topic {i}") for i in range(1, spread + 2)]
    sources = [SourceRecord(f"S{i}", f"Venue {i}") for i in range(1, spread + 2)]
    works = [WorkRecord("W1", "Mine", year=2020, venue_id="S1")]
    authorships = [AuthorshipRecord("W1", "A1", 0)]
    work_topics = [WorkTopicRecord("W1", "T1", 0.9)]
    for peer in range(2, 7):
        for n in range(spread):
            work_id = f"W{peer}-{n}"
            works.append(WorkRecord(work_id, "Theirs", year=2020, venue_id=f"S{n + 2}"))
            authorships.append(AuthorshipRecord(work_id, f"A{peer}", 0))
            work_topics += [WorkTopicRecord(work_id, "T1", 0.5)]
            work_topics += [WorkTopicRecord(work_id, f"T{n + 2}", 0.5)]
        works.append(WorkRecord(f"W{peer}-s1", "In my venue", year=2020, venue_id="S1"))
        authorships.append(AuthorshipRecord(f"W{peer}-s1", f"A{peer}", 0))
    return GraphBatch(
        researchers=[ResearcherRecord(f"A{i}", f"Person {i}") for i in range(1, 7)],
        topics=topics,
        sources=sources,
        works=works,
        authorships=authorships,
        work_topics=work_topics,
    )


@pytest.mark.neo4j
async def test_similar_checks_topics_and_venues_by_index_not_by_walking_candidates(
    neo4j_store: Neo4jStore,
) -> None:
    """`similar` for A1, whose candidates research 10 and then 100 topics and
    publish in as many venues: the same database hits within a few rows' worth
    (each shared topic or venue is an index seek, `kept_order.holds`; walking a
    candidate's topics and venues read ten times as many)."""
    hits: dict[int, int] = {}
    for spread in (10, 100):
        await wipe(neo4j_store)
        await neo4j_store.load(_prolific_peers(spread))
        (found,) = await neo4j_store.similar_researchers([SimilarRequest("A1", 10)])
        assert [s.record.id for s in found] == ["A2", "A3", "A4", "A5", "A6"]
        params = {
            "requests": [{"index": 0, "id": "A1", "limit": 10}],
            **neo4j_similarity._BOUNDS,
        }
        hits[spread] = await _profiled(neo4j_store, neo4j_similarity.SIMILAR_RESEARCHERS, params)
    assert hits[100] <= hits[10] + 60, hits
