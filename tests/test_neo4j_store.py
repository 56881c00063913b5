"""What only the Neo4j store has: migrations, and translating an outage."""

from __future__ import annotations

import socket

import pytest

from researchgraph.graphstore import StoreUnavailable
from researchgraph.graphstore.neo4j import Neo4jStore


async def test_migrations_are_idempotent(neo4j_store: Neo4jStore) -> None:
    first = await neo4j_store.migrate()
    second = await neo4j_store.migrate()
    assert first == second
    rows = await neo4j_store.connection.read(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", {}
    )
    assert {"researcher_id", "work_id", "topic_id", "institution_id", "source_id"} <= set(
        rows[0]["names"]
    )


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
