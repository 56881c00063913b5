"""Lists tallied by year and type (`graphstore/neo4j/tallies.py`): facets by year and
type and filtered totals of a topic's, venue's and institution's works equal a
brute-force count on both stores; writes (a work moving venue or year, a new link, a
deferred import and its refresh) show in the next read; a database loaded before
the tallies were kept is backfilled; and on Neo4j such a read costs the same at 60
and at 600 works."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pytest
from test_kept_order import FILTERS, _profiled

from researchgraph.graphstore.facets import (
    FacetBucketRecord,
    FacetRequest,
    WorkFacet,
    WorkSelection,
)
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.neo4j import facets as neo4j_facets
from researchgraph.graphstore.neo4j import pages as neo4j_pages
from researchgraph.graphstore.neo4j.store import Neo4jStore
from researchgraph.graphstore.pages import (
    PageRequest,
    WorkFilter,
    WorksPageRequest,
    work_matches,
)
from researchgraph.graphstore.protocol import GraphStore
from researchgraph.graphstore.records import (
    AuthorshipRecord,
    GraphBatch,
    InstitutionRecord,
    SourceRecord,
    WorkRecord,
    WorkTopicRecord,
)
from researchgraph.graphstore.touched import Touched

from conftest import StoreFactory, wipe
from graphs import crowded

TALLIED = {
    WorkList.TOPIC_WORKS: "T1",
    WorkList.SOURCE_WORKS: "S1",
    WorkList.INSTITUTION_WORKS: "I1",
}


def brute_force(
    works: Iterable[WorkRecord], facet: WorkFacet, wanted: WorkFilter | None
) -> list[FacetBucketRecord]:
    """The buckets of a facet by year or type, counted work by work: most works
    first, then by key."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for work in works:
        if not work_matches(work, wanted):
            continue
        key = work.type if facet is WorkFacet.TYPE else work.year
        if key is None:
            continue
        bucket = counts[str(key)]
        bucket[0] += 1
        bucket[1] += work.citation_count
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    return [FacetBucketRecord(key, key, n, cited) for key, (n, cited) in ordered]


async def facets_of(
    store: GraphStore, works: WorkList, owner: str, wanted: WorkFilter | None = None
) -> list[list[FacetBucketRecord]]:
    selection = WorkSelection(works, owner, wanted)
    requests = [FacetRequest(selection, facet, 50) for facet in (WorkFacet.YEAR, WorkFacet.TYPE)]
    return await store.work_facets(requests)


async def total_of(
    store: GraphStore, works: WorkList, owner: str, wanted: WorkFilter | None
) -> int:
    request = PageRequest(owner, "YEAR_DESC", 1, None, wanted)
    (page,) = await store.work_pages([WorksPageRequest(works, request)])
    return page.total


def expected(
    held: Iterable[WorkRecord], wanted: WorkFilter | None
) -> tuple[list[list[FacetBucketRecord]], int]:
    held = list(held)
    buckets = [brute_force(held, facet, wanted) for facet in (WorkFacet.YEAR, WorkFacet.TYPE)]
    return buckets, sum(1 for w in held if work_matches(w, wanted))


async def answered(
    store: GraphStore, works: WorkList, owner: str, wanted: WorkFilter | None
) -> tuple[list[list[FacetBucketRecord]], int]:
    return await facets_of(store, works, owner, wanted), await total_of(store, works, owner, wanted)


async def test_year_and_type_facets_and_totals_are_counts_of_the_list(
    store_factory: StoreFactory,
) -> None:
    batch = crowded(40)
    store = await store_factory(batch)
    for works, owner in TALLIED.items():
        for wanted in (*FILTERS, WorkFilter(types=("DATASET",)), WorkFilter(year_from=2099)):
            got = await answered(store, works, owner, wanted)
            assert got == expected(batch.works, wanted), (works, wanted)


def _held(works: dict[str, WorkRecord], ids: Iterable[str]) -> list[WorkRecord]:
    return [works[i] for i in ids]


@pytest.mark.parametrize("deferred", [False, True])
async def test_tallies_follow_writes(store_factory: StoreFactory, deferred: bool) -> None:
    """A work moving to another venue and year, a work joining a topic by a link
    alone, an authorship listing a second institution: each list's facets and
    filtered totals are the new counts at the next read, whether the batch
    refreshes itself or an import refreshes once at its end."""
    batch = crowded(12)
    store = await store_factory(batch)
    works = {w.id: w for w in batch.works}
    moved = WorkRecord("W3", "Work 3", type="DATASET", year=2030, citation_count=9, venue_id="S2")
    joined = WorkRecord("W20", "Joined", type="ARTICLE", year=2012, citation_count=4)
    changes = GraphBatch(
        works=[moved, joined],
        sources=[SourceRecord("S2", "Elsewhere")],
        institutions=[InstitutionRecord("I2", "Second place")],
        work_topics=[WorkTopicRecord("W20", "T1", 0.3)],
        authorships=[AuthorshipRecord("W5", "A1", 0, ("I1", "I2"))],
    )
    if deferred:
        touched = Touched()
        await store.load(changes, deferred=touched)
        await store.refresh(touched)
    else:
        await store.load(changes)
    works.update({"W3": moved, "W20": joined})
    now = {
        (WorkList.SOURCE_WORKS, "S1"): [w for w in works.values() if w.venue_id == "S1"],
        (WorkList.SOURCE_WORKS, "S2"): [moved],
        (WorkList.TOPIC_WORKS, "T1"): list(works.values()),
        (WorkList.INSTITUTION_WORKS, "I1"): _held(works, (f"W{i}" for i in range(1, 13))),
        (WorkList.INSTITUTION_WORKS, "I2"): [works["W5"]],
    }
    for (kind, owner), held in now.items():
        for wanted in (None, WorkFilter(year_from=2013), WorkFilter(types=("DATASET",))):
            assert await answered(store, kind, owner, wanted) == expected(held, wanted), (
                kind,
                owner,
                wanted,
            )


@pytest.mark.neo4j
async def test_a_database_loaded_before_the_tallies_were_kept_is_backfilled(
    neo4j_store: Neo4jStore,
) -> None:
    await wipe(neo4j_store)
    batch = crowded(20)
    await neo4j_store.load(batch)
    await neo4j_store.connection.write_query(
        "MATCH (t:WorkTally) DELETE t WITH count(*) AS _ "
        "MATCH (m:Migration {id: 'work-tallies'}) DELETE m"
    )
    assert (await facets_of(neo4j_store, WorkList.TOPIC_WORKS, "T1"))[0] == []
    await neo4j_store.migrate()
    for works, owner in TALLIED.items():
        got = await answered(neo4j_store, works, owner, WorkFilter(year_from=2012))
        assert got == expected(batch.works, WorkFilter(year_from=2012))


@pytest.mark.neo4j
async def test_a_facet_and_a_filtered_total_read_the_tallies_not_the_list(
    neo4j_store: Neo4jStore,
) -> None:
    """The database hits of a venue's facets by year and type and of a filtered
    page's total at 60 and at 600 works: the same within a few rows' worth (a count
    read every work, ten times as many at ten times the size). In `crowded` a year
    holds one type: the filter admits the newest year's, so that the page's walk
    is as short at both sizes."""
    wanted = WorkFilter(year_from=2012, types=("ARTICLE", "PREPRINT"))
    selection = WorkSelection(WorkList.SOURCE_WORKS, "S1", wanted)
    facets = [FacetRequest(selection, facet, 10) for facet in (WorkFacet.YEAR, WorkFacet.TYPE)]
    page = WorksPageRequest(WorkList.SOURCE_WORKS, PageRequest("S1", "YEAR_DESC", 10, None, wanted))
    hits: dict[int, list[int]] = {}
    for size in (60, 600):
        await wipe(neo4j_store)
        await neo4j_store.load(crowded(size))
        queries: list[tuple[str, dict[str, Any]]] = [
            neo4j_facets.work_facets_query(facets),
            neo4j_pages.work_pages_query([page]),
        ]
        hits[size] = [await _profiled(neo4j_store, *query) for query in queries]
    for small, large in zip(hits[60], hits[600], strict=True):
        assert large <= small + 60, hits
