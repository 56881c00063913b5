"""What works imply (`graphstore.derived`), defined once: the definition equals what
walking each researcher's works answers, and the Neo4j refresh and the bulk
derivations keep exactly the definition, on the same generated dataset."""

from __future__ import annotations

import asyncio
import csv
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from researchgraph.graphstore.derived import Derived, derive
from researchgraph.graphstore.ingest.bulk.columns import CsvFile
from researchgraph.graphstore.ingest.bulk.derived import Derivations
from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.synthetic import Scale, write
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.records import GraphBatch, SourceRecord

from conftest import wipe
from graphs import small_graph


def test_the_definition_equals_a_walk_of_every_researchers_works(tmp_path: Path) -> None:
    write(Scale(researchers=300, works=900), seed=5, out=tmp_path)
    store = MemoryStore()
    asyncio.run(import_files(store, [tmp_path]))
    g = store.graph
    implied = derive(g.work_facts())
    for researcher_id in g.researchers:
        works = g.works_of.get(researcher_id, set())
        shared: dict[str, list[int | None]] = {}
        for work_id in works:
            for other in g.authors_of[work_id]:
                if other != researcher_id:
                    shared.setdefault(other, []).append(g.works[work_id].year)
        found = {
            other: (s.works, s.first_year, s.last_year)
            for other, s in implied.coauthors_of(researcher_id).items()
        }
        assert found == {
            other: (
                len(years),
                min((y for y in years if y is not None), default=None),
                max((y for y in years if y is not None), default=None),
            )
            for other, years in shared.items()
        }
        assert implied.citations[researcher_id] == sum(g.works[w].citation_count for w in works)
        topics = Counter(t for w in works for t in g.topics_of.get(w, {}))
        assert implied.topics_of(researcher_id) == topics
        for topic_id, count in topics.items():
            assert implied.researchers_on(topic_id)[researcher_id] == count
    assert sum(len(c) for c in implied.on_topic.values()) == sum(
        len(c) for c in implied.topics.values()
    )
    assert any(len(c) > 1 for c in implied.coauthors.values())  # the data has co-authors


# The derived data as the Neo4j store keeps it on the graph.
_COAUTHORS = "MATCH (a:Researcher)-[e:COAUTHOR]->(b) RETURN a.id AS a, b.id AS b, e AS e"
_RESEARCHES = "MATCH (r:Researcher)-[e:RESEARCHES]->(t) RETURN r.id AS r, t.id AS t, e.works AS n"
_FIGURES = "MATCH (r:Researcher) RETURN r AS r"
_PUBLISHES_IN = (
    "MATCH (r:Researcher)-[e:PUBLISHES_IN]->(s) RETURN r.id AS r, s.id AS s, e.works AS n"
)


def published_in(store: MemoryStore) -> Counter[tuple[str, str]]:
    """Each researcher's works in each venue, by walking every work."""
    return Counter(
        (author, work.venue_id)
        for work in store.graph.works.values()
        if work.venue_id
        for author in store.graph.authors_of.get(work.id, {})
    )


async def generated(folder: Path) -> tuple[MemoryStore, Derived]:
    """A generated dataset in memory, and what its works imply by the definition."""
    write(Scale(researchers=300, works=900), seed=5, out=folder)
    store = MemoryStore()
    await import_files(store, [folder])
    return store, derive(store.graph.work_facts(), keep_cited=True)


@pytest.mark.neo4j
async def test_the_neo4j_refresh_keeps_the_definition(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    memory, expected = await generated(tmp_path)
    await wipe(neo4j_store)
    await import_files(neo4j_store, [tmp_path])
    driver, database = neo4j_store.connection.driver, neo4j_store.connection.database
    pairs, _, _ = await driver.execute_query(_COAUTHORS, database_=database)
    assert {
        (row["a"], row["b"]): (
            row["e"]["works"],
            row["e"].get("firstYear"),
            row["e"].get("lastYear"),
        )
        for row in pairs
    } == {
        (a, b): (s.works, s.first_year, s.last_year)
        for a, others in expected.coauthors.items()
        for b, s in others.items()
        if a < b
    }
    topics, _, _ = await driver.execute_query(_RESEARCHES, database_=database)
    assert {(row["r"], row["t"]): row["n"] for row in topics} == {
        (r, t): n for r, counts in expected.topics.items() for t, n in counts.items()
    }
    venues, _, _ = await driver.execute_query(_PUBLISHES_IN, database_=database)
    assert {(row["r"], row["s"]): row["n"] for row in venues} == published_in(memory)
    figures, _, _ = await driver.execute_query(_FIGURES, database_=database)
    assert len(figures) > 100
    for row in figures:
        node, researcher = row["r"], row["r"]["id"]
        assert node["worksCount"] == expected.works[researcher]
        assert node["citationCount"] == expected.citations[researcher]
        assert list(node.get("strongestWorks") or []) == expected.strongest_works(researcher)
        strongest = expected.strongest_coauthors(researcher)
        assert list(node.get("strongestCoauthors") or []) == [c for c, _ in strongest]
        assert list(node.get("strongestCoauthorWorks") or []) == [n for _, n in strongest]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as lines:
        return list(csv.reader(lines))[1:]


async def test_the_bulk_derivations_keep_the_definition(tmp_path: Path) -> None:
    store, expected = await generated(tmp_path / "data")
    derivations = Derivations(tmp_path)
    for work in store.graph.work_facts():
        year = "" if work.year is None else str(work.year)
        venue = store.graph.works[work.id].venue_id or ""
        derivations.add_work(
            work.id, year, work.citations, list(work.authors), list(work.topics), venue
        )
    with (
        CsvFile(tmp_path / "coauthor.csv", ["a", "b", "works", "first", "last"]) as coauthor,
        CsvFile(tmp_path / "researches.csv", ["r", "t", "works"]) as researches,
        CsvFile(tmp_path / "publishes.csv", ["r", "s", "works"]) as publishes,
    ):
        derivations.write_relationships(coauthor, researches, publishes)
    assert {
        (a, b): (int(n), int(first) if first else None, int(last) if last else None)
        for a, b, n, first, last in _rows(tmp_path / "coauthor.csv")
    } == {
        (a, b): (s.works, s.first_year, s.last_year)
        for a, others in expected.coauthors.items()
        for b, s in others.items()
        if a < b
    }
    researches_rows = _rows(tmp_path / "researches.csv")
    assert {(r, t): int(n) for r, t, n, *_ in researches_rows} == {
        (r, t): n for r, counts in expected.topics.items() for t, n in counts.items()
    }
    publishes_rows = _rows(tmp_path / "publishes.csv")
    assert {(r, s): int(n) for r, s, n, *_ in publishes_rows} == published_in(store)
    # Each checkable by an index seek (`kept_order.holds`).
    assert all(stamped == [s, r] for r, s, _, *stamped in publishes_rows)
    # Each ranked on its topic (`kept_order.rank_researches`).
    assert all(ranked == [t, r, str(-int(n))] for r, t, n, *ranked in researches_rows)
    figures = dict(derivations.works())
    assert {r: (f.works, f.citations, f.strongest_works) for r, f in figures.items()} == {
        r: (n, expected.citations[r], expected.strongest_works(r))
        for r, n in expected.works.items()
    }
    assert {
        r: list(zip(s.coauthors, s.shared_works, strict=True)) for r, s in derivations.strongest()
    } == {r: expected.strongest_coauthors(r) for r in expected.coauthors}


@pytest.mark.neo4j
async def test_a_work_moved_to_another_venue_moves_its_authors(neo4j_store: Neo4jStore) -> None:
    """PUBLISHES_IN follows a newer version's venue: the old one goes when no work of
    the author is left in it."""
    await wipe(neo4j_store)
    await neo4j_store.load(small_graph())
    moved = replace(
        next(w for w in small_graph().works if w.id == "W1"), venue_id="S2", updated="2099-01-01"
    )
    await neo4j_store.load(GraphBatch(sources=[SourceRecord("S2", "Other")], works=[moved]))
    driver, database = neo4j_store.connection.driver, neo4j_store.connection.database
    venues, _, _ = await driver.execute_query(_PUBLISHES_IN, database_=database)
    assert {(row["r"], row["s"]): row["n"] for row in venues} == {("A1", "S2"): 1, ("A2", "S2"): 1}
