"""Upserts of a `GraphBatch` in one write transaction: `UNWIND` rows, `MERGE` on the
indexed id, `SET +=` known properties only. Relationships link existing nodes only.
Every statement is idempotent, as managed transactions may be retried."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any

import neo4j

from researchgraph.graphstore.graph import NEIGHBOUR_CAP
from researchgraph.graphstore.merge import fill, folded
from researchgraph.graphstore.model import ABOUT, AUTHORED, CITES, LISTS_INSTITUTION, PUBLISHED_IN
from researchgraph.graphstore.neo4j import kept_order, tallies
from researchgraph.graphstore.neo4j.connection import Connection, run
from researchgraph.graphstore.neo4j.properties import to_properties
from researchgraph.graphstore.records import GraphBatch
from researchgraph.graphstore.touched import Touched, changed_works

log = logging.getLogger("researchgraph.import")

# `id` is the MERGE key; `claimed` comes from users, never from a load; a work's
# venue is a PUBLISHED_IN relationship. The bulk import leaves the same fields out.
UNSTORED_ENTITY_FIELDS = frozenset({"id", "claimed"})
UNSTORED_WORK_FIELDS = frozenset({"id", "venue_id"})


# `graphstore.merge`'s rule in Cypher: of two versions of a record (by the source's
# `updated`), the newer one's known properties win; an older one, like a mention, only
# fills what the node lacks. A row's properties are applied, then the node's own that
# it must not overwrite (`held`) restored.
_NEWER = "n.updated IS NULL OR row.props.updated IS NULL OR row.props.updated >= n.updated"
_HELD_UNLESS_NEWER = f"CASE WHEN {_NEWER} THEN {{}} ELSE properties(n) END"
_HELD_ALL = "properties(n)"  # a mention


def _merge(label: str, held: str) -> str:
    return f"""
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
WITH n, row, {held} AS held
SET n += row.props
SET n += held
"""


UPSERT_RESEARCHERS = _merge("Researcher", _HELD_UNLESS_NEWER)
UPSERT_TOPICS = _merge("Topic", _HELD_UNLESS_NEWER)
UPSERT_INSTITUTIONS = _merge("Institution", _HELD_UNLESS_NEWER)
UPSERT_SOURCES = _merge("Source", _HELD_UNLESS_NEWER)
MENTION_RESEARCHERS = _merge("Researcher", _HELD_ALL)
MENTION_TOPICS = _merge("Topic", _HELD_ALL)
MENTION_INSTITUTIONS = _merge("Institution", _HELD_ALL)
MENTION_SOURCES = _merge("Source", _HELD_ALL)
# What a work's keys in the kept orders are made of (`kept_order`): when it changes,
# the work's kept relationships are restamped.
_KEYED = "[coalesce(n.year, -1), coalesce(n.citationCount, -1)]"
UPSERT_WORKS = f"""
UNWIND $rows AS row
MERGE (n:Work {{id: row.id}})
WITH n, row, {_NEWER} AS newer, {_HELD_UNLESS_NEWER} AS held, {_KEYED} AS keyed
SET n += row.props
SET n += held
WITH n, row, newer, keyed
CALL (n, keyed) {{
  WITH n WHERE keyed <> {_KEYED}
  {kept_order.restamp("n")}
}}
WITH n, row WHERE row.venue IS NOT NULL
  AND (newer OR NOT EXISTS {{ (n)-[:PUBLISHED_IN]->(:Source) }})
OPTIONAL MATCH (n)-[old:PUBLISHED_IN]->(other:Source) WHERE other.id <> row.venue
DELETE old
WITH DISTINCT n, row
MATCH (s:Source {{id: row.venue}})
MERGE (n)-[p:PUBLISHED_IN]->(s)
SET {kept_order.stamp(PUBLISHED_IN, "p", "n", "s")}
"""
LINK_AUTHORSHIPS = f"""
UNWIND $rows AS row
MATCH (r:Researcher {{id: row.researcher}})
MATCH (w:Work {{id: row.work}})
MERGE (r)-[a:AUTHORED]->(w)
SET a.position = row.position, a.institutionIds = row.institutions,
    {kept_order.stamp(AUTHORED, "a", "r", "w")}
"""
# Each work's LISTS_INSTITUTION, one per loaded institution its authorships list now
# (`model.LISTS_INSTITUTION`): those no longer listed go, the rest are merged, so a
# repeated load changes nothing.
LINK_WORK_INSTITUTIONS = f"""
UNWIND $works AS id
MATCH (w:Work {{id: id}})
CALL (w) {{
  OPTIONAL MATCH (:Researcher)-[a:AUTHORED]->(w)
  RETURN reduce(ids = [], listed IN collect(coalesce(a.institutionIds, [])) | ids + listed)
         AS listed
}}
CALL (w, listed) {{
  MATCH (w)-[old:LISTS_INSTITUTION]->(i:Institution) WHERE NOT i.id IN listed
  DELETE old
}}
CALL (w, listed) {{
  UNWIND listed AS iid
  WITH DISTINCT iid
  MATCH (i:Institution {{id: iid}})
  MERGE (w)-[x:LISTS_INSTITUTION]->(i)
  SET {kept_order.stamp(LISTS_INSTITUTION, "x", "w", "i")}
}}
"""
LINK_WORK_TOPICS = f"""
UNWIND $rows AS row
MATCH (w:Work {{id: row.work}})
MATCH (t:Topic {{id: row.topic}})
MERGE (w)-[a:ABOUT]->(t)
SET a.score = row.score, {kept_order.stamp(ABOUT, "a", "w", "t")}
"""
# A citation of a work not loaded yet points at a PendingWork placeholder until the
# work arrives (RESOLVE_PENDING_CITATIONS), so load order does not matter.
LINK_CITATIONS = f"""
UNWIND $rows AS row
MATCH (a:Work {{id: row.citing}})
WHERE row.citing <> row.cited
OPTIONAL MATCH (b:Work {{id: row.cited}})
FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END |
  MERGE (a)-[c:CITES]->(b)
  SET {kept_order.stamp(CITES, "c", "a", "b")})
FOREACH (_ IN CASE WHEN b IS NULL THEN [1] ELSE [] END |
  MERGE (p:PendingWork {{id: row.cited}})
  MERGE (a)-[:CITES_PENDING]->(p))
"""
RESOLVE_PENDING_CITATIONS = f"""
UNWIND $ids AS id
MATCH (p:PendingWork {{id: id}})
MATCH (w:Work {{id: id}})
CALL (p, w) {{
  MATCH (c:Work)-[:CITES_PENDING]->(p)
  MERGE (c)-[x:CITES]->(w)
  SET {kept_order.stamp(CITES, "x", "c", "w")}
}}
DETACH DELETE p
"""
# These researchers' RESEARCHES ranked (`kept_order.rank_researches`): for a database
# loaded before they were.
RANK_RESEARCHES = f"""
UNWIND $researchers AS id
MATCH (r:Researcher {{id: id}})-[e:RESEARCHES]->(t:Topic)
SET {kept_order.rank_researches("e", "r", "t", "e.works")}
"""
# Every kept relationship of these works stamped (`kept_order`): for a database
# loaded before the orders were kept (`migrations.BACKFILLS`).
RESTAMP_WORKS = f"""
UNWIND $works AS id
MATCH (n:Work {{id: id}})
{kept_order.restamp("n")}
"""
LINK_AFFILIATIONS = """
UNWIND $rows AS row
MATCH (r:Researcher {id: row.researcher})
MATCH (i:Institution {id: row.institution})
MERGE (r)-[a:AFFILIATED_WITH]->(i)
SET a.years = row.years, a.current = row.current
"""
# A PUBLISHES_IN relationship from a researcher to each venue of their works, with
# the works in it: whether two researchers share a venue is then a check between two
# nodes (`similarity`), not a walk of every work of a prolific one. A work's venue can
# change, so those no longer published in go.
_PUBLISHES_IN = f"""
CALL (r) {{
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)-[:PUBLISHED_IN]->(s:Source)
  WITH s, count(w) AS works
  RETURN collect(CASE WHEN s IS NOT NULL THEN [s, works] END) AS venues
}}
CALL (r, venues) {{
  UNWIND venues AS venue
  WITH venue[0] AS s, venue[1] AS works
  MERGE (r)-[e:PUBLISHES_IN]->(s)
  SET e.works = works, {kept_order.stamp_membership("e", "r", "s")}
}}
CALL (r, venues) {{
  MATCH (r)-[e:PUBLISHES_IN]->(s) WHERE NOT s IN [venue IN venues | venue[0]]
  DELETE e
}}"""
LINK_RESEARCHER_VENUES = f"""
UNWIND $researchers AS id
MATCH (r:Researcher {{id: id}})
{_PUBLISHES_IN}
"""
# What each researcher's works imply, kept on the graph so that reads need not walk
# every work of a prolific author: the counts behind the top-level ordering, a COAUTHOR
# relationship (lower id to higher) per pair with the works they share and the span of
# their years, a RESEARCHES relationship per topic with the works on it, and a
# PUBLISHES_IN per venue. AUTHORED
# and ABOUT are only ever added, so a refresh only adds and updates. The most cited
# works and the strongest co-authors (by shared works), then by id, as many as a slice
# reads, are kept on the researcher too: a slice ranks none of a prolific author's
# hundreds.
# An empty list is not stored (reads take a missing one as empty), as Neo4j's offline
# importer cannot store one: the bulk import builds the same graph (`ingest/bulk`).
# Refreshed for every researcher whose works, or whose works' citation counts, years
# or topics, a batch may have changed (`Touched`, and `AUTHORS_OF` its works). Each is
# locked before it is read: a concurrent batch sharing one then waits, and reads what
# that one committed.
REFRESH_RESEARCHERS = f"""
UNWIND $researchers AS id
MATCH (r:Researcher {{id: id}})
WITH r ORDER BY r.id
SET r.writeLock = true
REMOVE r.writeLock
WITH r
CALL (r) {{
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)
  WITH w ORDER BY w.citationCount DESC, w.id
  RETURN count(w) AS works, coalesce(sum(w.citationCount), 0) AS citations,
         collect(w.id)[0..$strongest] AS strongestWorks
}}
SET r.worksCount = works, r.citationCount = citations,
    r.strongestWorks = CASE WHEN works > 0 THEN strongestWorks END
WITH r
CALL (r) {{
  MATCH (r)-[:AUTHORED]->(w)<-[:AUTHORED]-(c)
  WHERE c <> r
  WITH r, c, count(w) AS works, min(w.year) AS firstYear, max(w.year) AS lastYear
  WITH CASE WHEN r.id < c.id THEN r ELSE c END AS lower,
       CASE WHEN r.id < c.id THEN c ELSE r END AS higher, works, firstYear, lastYear
  MERGE (lower)-[e:COAUTHOR]->(higher)
  SET e.works = works, e.firstYear = firstYear, e.lastYear = lastYear
}}
CALL (r) {{
  MATCH (r)-[:AUTHORED]->(w)-[:ABOUT]->(t)
  WITH r, t, count(w) AS works
  MERGE (r)-[e:RESEARCHES]->(t)
  SET e.works = works, {kept_order.rank_researches("e", "r", "t", "works")}
}}
{_PUBLISHES_IN}
CALL (r) {{
  OPTIONAL MATCH (r)-[e:COAUTHOR]-(c)
  WITH r, c, e.works AS works ORDER BY works DESC, c.id
  WITH r, collect(CASE WHEN c IS NULL THEN null ELSE [c.id, works] END)[0..$strongest]
       AS strongest
  SET r.strongestCoauthors = CASE WHEN size(strongest) > 0 THEN [s IN strongest | s[0]] END,
      r.strongestCoauthorWorks = CASE WHEN size(strongest) > 0 THEN [s IN strongest | s[1]] END
}}
"""


def _entity_rows(records: Sequence[object]) -> list[dict[str, Any]]:
    return [
        {"id": r.id, "props": to_properties(r, UNSTORED_ENTITY_FIELDS)}  # type: ignore[attr-defined]
        for r in records
    ]


async def load(
    tx: neo4j.AsyncManagedTransaction, batch: GraphBatch, deferred: Touched | None = None
) -> None:
    """The batch, and what its works imply refreshed, unless `deferred` (see
    `GraphStore.load`). Repeats of an entity within the batch are folded into one row
    first, as merging them one by one would: one `UNWIND` statement may read every
    row before writing any (an eager plan), so two rows for one node must not rely on
    seeing each other's writes."""
    touched = deferred if deferred is not None else Touched()
    changed = sorted(changed_works(batch))
    if changed:  # the tallied lists these works leave must be tallied again too
        touched.add_owners(tallies.owners_of(await run(tx, tallies.OWNERS_OF, works=changed)))
    for query, records in (
        (UPSERT_RESEARCHERS, folded(batch.researchers)),
        (UPSERT_TOPICS, folded(batch.topics)),
        (UPSERT_INSTITUTIONS, folded(batch.institutions)),
        (UPSERT_SOURCES, folded(batch.sources)),
        (MENTION_RESEARCHERS, folded(batch.researcher_mentions, fill)),
        (MENTION_TOPICS, folded(batch.topic_mentions, fill)),
        (MENTION_INSTITUTIONS, folded(batch.institution_mentions, fill)),
        (MENTION_SOURCES, folded(batch.source_mentions, fill)),
    ):
        if records:
            await run(tx, query, rows=_entity_rows(records))
    if batch.works:
        works = [
            {"id": w.id, "props": to_properties(w, UNSTORED_WORK_FIELDS), "venue": w.venue_id}
            for w in folded(batch.works)
        ]
        await run(tx, UPSERT_WORKS, rows=works)
        await run(tx, RESOLVE_PENDING_CITATIONS, ids=[w.id for w in batch.works])
    links: tuple[tuple[str, list[dict[str, Any]]], ...] = (
        (
            LINK_AUTHORSHIPS,
            [
                {
                    "researcher": a.researcher_id,
                    "work": a.work_id,
                    "position": a.position,
                    "institutions": list(a.institution_ids) or None,  # see REFRESH_RESEARCHERS
                }
                for a in batch.authorships
            ],
        ),
        (
            LINK_WORK_TOPICS,
            [{"work": t.work_id, "topic": t.topic_id, "score": t.score} for t in batch.work_topics],
        ),
        (LINK_CITATIONS, [{"citing": c.citing_id, "cited": c.cited_id} for c in batch.citations]),
        (
            LINK_AFFILIATIONS,
            [
                {
                    "researcher": a.researcher_id,
                    "institution": a.institution_id,
                    "years": list(a.years) or None,
                    "current": a.current,
                }
                for a in batch.affiliations
            ],
        ),
    )
    for query, rows in links:
        if rows:
            await run(tx, query, rows=rows)
    if batch.authorships:
        authored = sorted({a.work_id for a in batch.authorships})
        await run(tx, LINK_WORK_INSTITUTIONS, works=authored)
    touched.add(batch)
    if deferred is None:
        authors = await run(tx, AUTHORS_OF, works=sorted(touched.works)) if touched.works else []
        researchers = touched.researchers | {row["id"] for row in authors}
        if researchers:
            await run(tx, REFRESH_RESEARCHERS, **_refresh_params(researchers))
        if changed:
            touched.add_owners(tallies.owners_of(await run(tx, tallies.OWNERS_OF, works=changed)))
        for tallied, owners in touched.owners.items():
            await run(tx, tallies.REFRESH[tallied], owners=sorted(owners))


def _refresh_params(researchers: Iterable[str]) -> dict[str, Any]:
    return {"researchers": sorted(researchers), "strongest": NEIGHBOUR_CAP}


AUTHORS_OF = """
UNWIND $works AS id
MATCH (r:Researcher)-[:AUTHORED]->(:Work {id: id})
RETURN DISTINCT r.id AS id
"""
# Works whose authors one read looks up; researchers per transaction of a refresh (a
# prolific one's reads hundreds of works and their authors).
AUTHORS_BATCH = 5000
REFRESH_BATCH = 200
REFRESH_LOG_EVERY_S = 10.0


async def refresh(connection: Connection, touched: Touched) -> None:
    """`REFRESH_RESEARCHERS` once for each researcher `touched`, works' authors
    included, a batch per transaction."""
    researchers = set(touched.researchers)
    works = sorted(touched.works)
    owners = Touched(owners={works: set(ids) for works, ids in touched.owners.items()})
    for start in range(0, len(works), AUTHORS_BATCH):
        chunk = {"works": works[start : start + AUTHORS_BATCH]}
        researchers.update(row["id"] for row in await connection.read(AUTHORS_OF, chunk))
        owners.add_owners(tallies.owners_of(await connection.read(tallies.OWNERS_OF, chunk)))
    ids = sorted(researchers)
    # Minutes at the end of a large import: said, so that it does not look stalled.
    log.info("refreshing what the works imply for %d researchers", len(ids))
    started = last_said = time.monotonic()
    for start in range(0, len(ids), REFRESH_BATCH):
        params = _refresh_params(ids[start : start + REFRESH_BATCH])
        await connection.write_query(REFRESH_RESEARCHERS, **params)
        if time.monotonic() - last_said >= REFRESH_LOG_EVERY_S:
            last_said = time.monotonic()
            log.info("refreshed %d of %d researchers", start + REFRESH_BATCH, len(ids))
    log.info("refreshed %d researchers in %.1fs", len(ids), time.monotonic() - started)
    await tallies.refresh(connection, owners.owners)
