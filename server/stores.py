"""Opens the store the settings name: Neo4j, or the in-memory demo store."""

from __future__ import annotations

import logging

from researchgraph.graphstore import GraphStore
from researchgraph.graphstore.ingest.demo import demo_batch
from researchgraph.graphstore.ingest.importer import import_files
from researchgraph.graphstore.ingest.progress import LogProgress
from researchgraph.graphstore.memory import MemoryStore
from researchgraph.graphstore.neo4j import Neo4jStore
from researchgraph.graphstore.touched import Touched
from researchgraph.server.config import Settings

log = logging.getLogger("researchgraph.server")

LOAD_PROGRESS_EVERY_S = 2.0


async def open_store(settings: Settings) -> GraphStore:
    if settings.neo4j_uri is None:
        store = MemoryStore()
        if settings.data:
            log.info("loading %s into memory", ", ".join(map(str, settings.data)))
            progress = LogProgress(every=LOAD_PROGRESS_EVERY_S)
            report = await import_files(store, settings.data, progress=progress)
            log.info(
                "serving %d imported records from memory (loaded in %.1fs)",
                report.total,
                report.seconds,
            )
        else:
            await store.load(demo_batch())
            await store.refresh(Touched())  # its index and the rest, before any request
            log.info("serving the in-memory store with the bundled demo dataset")
        return store
    # Connecting is lazy: the server starts even while the database is down, and
    # `Readiness` reports when it answers.
    return connect_neo4j(settings, settings.neo4j_timeout_s)


def connect_neo4j(settings: Settings, timeout_s: float) -> Neo4jStore:
    """A Neo4j store on the configured database (`NEO4J_URI` must be set)."""
    assert settings.neo4j_uri is not None
    return Neo4jStore.connect(
        settings.neo4j_uri,
        settings.neo4j_user,
        settings.neo4j_password,
        settings.neo4j_database,
        timeout_s,
    )


async def prepare(store: GraphStore, settings: Settings) -> None:
    """Raises `StoreUnavailable` until the database answers; then migrates (once)."""
    if isinstance(store, Neo4jStore):
        await store.verify()
        if settings.migrate_on_start:
            await store.migrate()
        log.info("serving Neo4j at %s", settings.neo4j_uri)
