"""What only the Neo4j store has: migrations, and translating an outage."""

from __future__ import annotations

import socket

import pytest

from researchgraph.graphstore import StoreUnavailable
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.pages import PageRequest, WorksPageRequest
from researchgraph.graphstore.records import CollaboratorsRequest, StatGroup, StatsRequest

from conftest import StoreFactory
from graphs import small_graph


async def test_migrations_are_idempotent(neo4j_store: Neo4jStore) -> None:
    async def schema() -> tuple[list[str], list[str]]:
        read = neo4j_store.connection.read
        constraints = await read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", {})
        indexes = await read("SHOW INDEXES YIELD name RETURN collect(name) AS names", {})
        return sorted(constraints[0]["names"]), sorted(indexes[0]["names"])

    await neo4j_store.migrate()
    first = await schema()
    await neo4j_store.migrate()  # raises if a statement is not idempotent
    assert await schema() == first
    assert {"researcher_id", "work_id", "topic_id", "institution_id", "source_id"} <= set(first[0])


async def test_migrating_backfills_what_works_imply(neo4j_factory: StoreFactory) -> None:
    """A database loaded before co-authorship, topics and the institutions works list
    were kept on the graph gets them when migrated, once."""
    store = await neo4j_factory(small_graph())
    assert isinstance(store, Neo4jStore)
    ids = ["A1", "A2", "A3", "A4"]

    async def implied() -> tuple[object, ...]:
        return (
            await store.collaborators([CollaboratorsRequest(i, 1, 10) for i in ids]),
            await store.researcher_stats([StatsRequest(i, frozenset(StatGroup)) for i in ids]),
            await store.neighbours(ids, 10),
            await store.work_pages(
                [
                    WorksPageRequest(WorkList.INSTITUTION_WORKS, PageRequest(i, "YEAR_DESC", 10))
                    for i in ("I1", "I2")
                ]
            ),
        )

    loaded = await implied()
    await store.connection.driver.execute_query(
        "MATCH ()-[e:COAUTHOR|RESEARCHES|LISTS_INSTITUTION]->() DELETE e WITH count(*) AS _ "
        "MATCH (m:Migration) DELETE m"
    )
    assert await implied() != loaded
    await store.migrate()
    assert await implied() == loaded


async def test_unreachable_database_is_store_unavailable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nothing listens once closed
    store = Neo4jStore.connect(f"bolt://127.0.0.1:{port}", "neo4j", "x")
    try:
        with pytest.raises(StoreUnavailable):
            await store.verify()
    finally:
        await store.close()
