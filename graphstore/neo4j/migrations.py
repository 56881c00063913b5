"""Schema migrations: uniqueness constraints on every node's id (which also give the
id lookups their index) and the indexes the reads sort or filter on, then the
backfills of data later versions keep on the graph. Each statement is `IF NOT EXISTS`,
and each backfill runs once per database (a `Migration` node marks it done), so
migrating twice is harmless."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from researchgraph.graphstore.model import WORK_LISTS
from researchgraph.graphstore.neo4j import kept_order, tallies, writes
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.external_ids import HOLDERS
from researchgraph.graphstore.touched import Touched

_LABELS = (
    "Researcher",
    "Work",
    "Topic",
    "Institution",
    "Source",
    "PendingWork",
    "User",
    "Invitation",
    "Migration",
    tallies.LABEL,
)

MIGRATIONS: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in _LABELS
    ),
    # One record per user, enforced by the database under concurrent claims.
    "CREATE CONSTRAINT researcher_claimed_by IF NOT EXISTS "
    "FOR (n:Researcher) REQUIRE n.claimedBy IS UNIQUE",
    "CREATE INDEX researcher_works_count IF NOT EXISTS FOR (n:Researcher) ON (n.worksCount)",
    "CREATE INDEX researcher_citation_count IF NOT EXISTS FOR (n:Researcher) ON (n.citationCount)",
    "CREATE INDEX work_year IF NOT EXISTS FOR (n:Work) ON (n.year)",
    *kept_order.INDEXES,
    kept_order.RESEARCHES_INDEX,
    kept_order.RESEARCHER_TOPICS_INDEX,
    *kept_order.MEMBERSHIP_INDEXES,
    tallies.INDEX,
    # External ids (`graphstore.external_ids`): looked up by equality, never scanned.
    *(
        f"CREATE INDEX {label.lower()}_{prop.lower()} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in HOLDERS.values()
    ),
    "CREATE FULLTEXT INDEX researcher_search IF NOT EXISTS FOR (n:Researcher) ON EACH [n.name]",
    "CREATE FULLTEXT INDEX work_search IF NOT EXISTS FOR (n:Work) ON EACH [n.title, n.abstract]",
    "CREATE FULLTEXT INDEX topic_search IF NOT EXISTS FOR (n:Topic) ON EACH [n.name, n.keywords]",
    "CREATE FULLTEXT INDEX institution_search IF NOT EXISTS FOR (n:Institution) ON EACH [n.name]",
)

AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


async def _refresh_researchers(connection: Connection, ids: list[str]) -> None:
    await writes.refresh(connection, Touched(researchers=set(ids)))


async def _link_work_institutions(connection: Connection, ids: list[str]) -> None:
    await connection.write_query(writes.LINK_WORK_INSTITUTIONS, works=ids)


async def _rank_researches(connection: Connection, ids: list[str]) -> None:
    await connection.write_query(writes.RANK_RESEARCHES, researchers=ids)


async def _link_researcher_venues(connection: Connection, ids: list[str]) -> None:
    await connection.write_query(writes.LINK_RESEARCHER_VENUES, researchers=ids)


async def _restamp_works(connection: Connection, ids: list[str]) -> None:
    await connection.write_query(writes.RESTAMP_WORKS, works=ids)


# Every owner of a tallied list, whatever its label.
TALLIED_OWNERS = " UNION ".join(
    f"MATCH (o:{WORK_LISTS[works].owner}) RETURN o.id AS id" for works in tallies.TALLIED
)


async def _tally(connection: Connection, ids: list[str]) -> None:
    await tallies.refresh(connection, {works: ids for works in tallies.TALLIED})


Apply = Callable[[Connection, list[str]], Awaitable[None]]

# Backfills by name: what a database loaded before the writes kept it must be given,
# as the query for the next page of ids, and what to do with each page (a managed
# transaction per batch, retried, like an import's, on a deadlock).
BACKFILLS: dict[str, tuple[str, Apply]] = {
    "researcher-collaborations": (
        """
MATCH (r:Researcher) WHERE r.id > $after AND EXISTS { (r)-[:AUTHORED]->() }
RETURN r.id AS id ORDER BY id LIMIT $size
""",
        _refresh_researchers,
    ),
    "work-institutions": (
        """
MATCH (w:Work) WHERE w.id > $after AND EXISTS { (w)<-[:AUTHORED]-() }
RETURN w.id AS id ORDER BY id LIMIT $size
""",
        _link_work_institutions,
    ),
    # After the lists of institutions: their relationships are stamped too.
    "kept-orders": (
        """
MATCH (w:Work) WHERE w.id > $after
RETURN w.id AS id ORDER BY id LIMIT $size
""",
        _restamp_works,
    ),
    "topic-researchers": (
        """
MATCH (r:Researcher) WHERE r.id > $after AND EXISTS { (r)-[:RESEARCHES]->() }
RETURN r.id AS id ORDER BY id LIMIT $size
""",
        _rank_researches,
    ),
    "researcher-venues": (
        """
MATCH (r:Researcher) WHERE r.id > $after AND EXISTS { (r)-[:AUTHORED]->() }
RETURN r.id AS id ORDER BY id LIMIT $size
""",
        _link_researcher_venues,
    ),
    # PUBLISHES_IN kept checkable (`kept_order.holds`): linked again, now stamped.
    "researcher-venues-stamped": (
        """
MATCH (r:Researcher) WHERE r.id > $after AND EXISTS { (r)-[:PUBLISHES_IN]->() }
RETURN r.id AS id ORDER BY id LIMIT $size
""",
        _link_researcher_venues,
    ),
    # The one the bulk import leaves to `migrate` (`BULK_LEAVES`): worked out from
    # the graph it built, by the statement every refresh runs.
    "work-tallies": (
        f"""
CALL () {{ {TALLIED_OWNERS} }}
WITH id WHERE id > $after
RETURN id ORDER BY id LIMIT $size
""",
        _tally,
    ),
}
BULK_LEAVES = frozenset({"work-tallies"})
BACKFILL_PAGE = 10_000
BACKFILLED = "MATCH (m:Migration {id: $name}) RETURN count(m) AS done"
MARK_BACKFILLED = "MERGE (:Migration {id: $name})"


async def _backfill(connection: Connection, next_ids: str, apply: Apply) -> None:
    after = ""
    while ids := [
        row["id"]
        for row in await connection.read(next_ids, {"after": after, "size": BACKFILL_PAGE})
    ]:
        await apply(connection, ids)
        after = ids[-1]


async def migrate(connection: Connection) -> list[str]:
    """Apply every migration; returns the statements, in order."""
    for statement in MIGRATIONS:
        await connection.schema(statement)
    await connection.schema(AWAIT_INDEXES)
    for name, (next_ids, apply) in BACKFILLS.items():
        done = await connection.read(BACKFILLED, {"name": name})
        if not done[0]["done"]:
            await _backfill(connection, next_ids, apply)
            await connection.write_query(MARK_BACKFILLED, name=name)
    return list(MIGRATIONS)
