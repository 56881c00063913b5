"""The whole state of a store, as comparable plain data (for import tests)."""

from __future__ import annotations

from typing import Any

from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore

NODES = """
MATCH (n)
RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props
ORDER BY label, id
"""
RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY type, source, target
"""


async def snapshot(store: object) -> dict[str, Any]:
    if isinstance(store, MemoryStore):
        g = store.graph
        return {
            "entities": [g.researchers, g.works, g.topics, g.institutions, g.sources],
            "authors": {w: a for w, a in g.authors_of.items() if a},
            "topics": {w: t for w, t in g.topics_of.items() if t},
            "cites": {w: r for w, r in g.references_of.items() if r},
            "pending": {w: c for w, c in g.pending_citations.items() if c},
            "affiliations": {r: a for r, a in g.affiliations_of.items() if a},
        }
    assert isinstance(store, Neo4jStore)
    # Straight through the driver: a whole graph of thousands of nodes may take longer
    # than the store's per-request timeout on a busy machine.
    driver = store.connection.driver
    nodes, _, _ = await driver.execute_query(NODES, database_=store.connection.database)
    relationships, _, _ = await driver.execute_query(
        RELATIONSHIPS, database_=store.connection.database
    )
    return {
        "nodes": [record.data() for record in nodes],
        "relationships": [record.data() for record in relationships],
    }
