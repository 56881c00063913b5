"""Schema migrations: uniqueness constraints on every node's id (which also give the
id lookups their index) and the indexes the reads sort or filter on. Each statement
is `IF NOT EXISTS`, so migrating twice is harmless."""

from __future__ import annotations

from researchgraph.graphstore.neo4j.connection import Connection

_LABELS = (
    "Researcher",
    "Work",
    "Topic",
    "Institution",
    "Source",
    "PendingWork",
    "User",
    "Invitation",
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
    "CREATE FULLTEXT INDEX researcher_search IF NOT EXISTS FOR (n:Researcher) ON EACH [n.name]",
    "CREATE FULLTEXT INDEX work_search IF NOT EXISTS FOR (n:Work) ON EACH [n.title, n.abstract]",
    "CREATE FULLTEXT INDEX topic_search IF NOT EXISTS FOR (n:Topic) ON EACH [n.name, n.keywords]",
    "CREATE FULLTEXT INDEX institution_search IF NOT EXISTS FOR (n:Institution) ON EACH [n.name]",
)

AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


async def migrate(connection: Connection) -> list[str]:
    """Apply every migration; returns the statements run, in order."""
    for statement in MIGRATIONS:
        await connection.driver.execute_query(statement, database_=connection.database)
    await connection.driver.execute_query(AWAIT_INDEXES, database_=connection.database)
    return list(MIGRATIONS)
