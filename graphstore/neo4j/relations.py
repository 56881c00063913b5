"""A node's relationship lists, many owners per query; Python re-applies the shared
orderings of `graphstore.ordering` so both stores agree on ties."""

from __future__ import annotations

from collections.abc import Sequence

from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.ordering import (
    affiliation_order,
    authorship_order,
    collaboration_order,
    researcher_topic_order,
    work_topic_order,
)
from researchgraph.graphstore.records import (
    CLOSE_COLLABORATOR_MIN_SHARED,
    COAUTHOR_CAP,
    SHARED_WORKS_SHOWN,
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    ResearcherStats,
    ResearcherTopicRecord,
    TopicsRequest,
    WorkTopicRecord,
)

STATS = """
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)
  RETURN count(w) AS works, coalesce(sum(w.citationCount), 0) AS citations
}
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(:Work)-[:ABOUT]->(t:Topic)
  RETURN count(DISTINCT t) AS topics
}
CALL (r) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(w) AS shared
  RETURN count(c) AS collaborators,
         count(CASE WHEN c IS NOT NULL AND shared >= $close THEN 1 END) AS close
}
RETURN id, works, citations, topics, collaborators, close,
       COUNT { (r)<-[:FOLLOWS]-(:User) } AS followers
"""

# One row per owner with a list, not a row per relationship: the driver's cost is
# per record, and a page of works has hundreds of authorships.
AFFILIATIONS = """
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN id, [(r)-[a:AFFILIATED_WITH]->(i:Institution) |
            [i.id, coalesce(a.years, []), coalesce(a.current, false)]] AS found
"""

AUTHORSHIPS = """
UNWIND $ids AS id
MATCH (w:Work {id: id})
RETURN id, [(r:Researcher)-[a:AUTHORED]->(w) |
            [r.id, a.position, coalesce(a.institutionIds, [])]] AS found
"""

WORK_TOPICS = """
UNWIND $ids AS id
MATCH (w:Work {id: id})
RETURN id, [(w)-[a:ABOUT]->(t:Topic) | [t.id, a.score]] AS found
"""

RESEARCHER_TOPICS = """
UNWIND $requests AS req
MATCH (r:Researcher {id: req.id})
CALL (r, req) {
  MATCH (r)-[:AUTHORED]->(w:Work)-[:ABOUT]->(t:Topic)
  WITH t, count(w) AS works
  ORDER BY works DESC, t.id
  WITH collect({topic: t.id, works: works}) AS topics
  RETURN topics[0..req.limit] AS topics
}
RETURN req.index AS index, COUNT { (r)-[:AUTHORED]->(:Work) } AS total, topics
"""

COLLABORATORS = """
UNWIND $requests AS req
MATCH (r:Researcher {id: req.id})
CALL (r, req) {
  MATCH (r)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(w) AS shared, min(w.year) AS firstYear, max(w.year) AS lastYear
  WHERE shared >= req.minShared
  ORDER BY shared DESC, coalesce(lastYear, -1) DESC, c.id
  WITH collect({id: c.id, shared: shared, firstYear: firstYear, lastYear: lastYear}) AS found
  RETURN found[0..req.limit] AS found
}
RETURN req.index AS index, found
"""


def _unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


async def researcher_stats(connection: Connection, ids: Sequence[str]) -> list[ResearcherStats]:
    rows = await connection.read(
        STATS, {"ids": _unique(ids), "close": CLOSE_COLLABORATOR_MIN_SHARED}
    )
    found = {
        row["id"]: ResearcherStats(
            works=row["works"],
            citations=row["citations"],
            topics=row["topics"],
            collaborators=row["collaborators"],
            close_collaborators=row["close"],
            followers=row["followers"],
        )
        for row in rows
    }
    return [found.get(i, ResearcherStats()) for i in ids]


async def affiliations(connection: Connection, ids: Sequence[str]) -> list[list[AffiliationRecord]]:
    found = {
        row["id"]: [
            AffiliationRecord(row["id"], institution, tuple(years), current)
            for institution, years, current in row["found"]
        ]
        for row in await connection.read(AFFILIATIONS, {"ids": _unique(ids)})
    }
    return [sorted(found.get(i, []), key=affiliation_order) for i in ids]


async def authorships(connection: Connection, ids: Sequence[str]) -> list[list[AuthorshipRecord]]:
    found = {
        row["id"]: [
            AuthorshipRecord(row["id"], researcher, position, tuple(institutions))
            for researcher, position, institutions in row["found"]
        ]
        for row in await connection.read(AUTHORSHIPS, {"ids": _unique(ids)})
    }
    return [sorted(found.get(i, []), key=authorship_order) for i in ids]


async def work_topics(connection: Connection, ids: Sequence[str]) -> list[list[WorkTopicRecord]]:
    found = {
        row["id"]: [WorkTopicRecord(row["id"], topic, score) for topic, score in row["found"]]
        for row in await connection.read(WORK_TOPICS, {"ids": _unique(ids)})
    }
    return [sorted(found.get(i, []), key=work_topic_order) for i in ids]


async def researcher_topics(
    connection: Connection, requests: Sequence[TopicsRequest]
) -> list[list[ResearcherTopicRecord]]:
    params = [{"index": i, "id": r.researcher_id, "limit": r.limit} for i, r in enumerate(requests)]
    found = {
        row["index"]: [
            ResearcherTopicRecord(t["topic"], t["works"], share=t["works"] / row["total"])
            for t in row["topics"]
        ]
        for row in await connection.read(RESEARCHER_TOPICS, {"requests": params})
    }
    return [sorted(found.get(i, []), key=researcher_topic_order) for i in range(len(requests))]


async def collaborators(
    connection: Connection, requests: Sequence[CollaboratorsRequest]
) -> list[list[CollaborationRecord]]:
    params = [
        {"index": i, "id": r.researcher_id, "minShared": r.min_shared, "limit": r.limit}
        for i, r in enumerate(requests)
    ]
    found = {
        row["index"]: [
            CollaborationRecord(c["id"], c["shared"], c["firstYear"], c["lastYear"])
            for c in row["found"]
        ]
        for row in await connection.read(COLLABORATORS, {"requests": params})
    }
    return [sorted(found.get(i, []), key=collaboration_order) for i in range(len(requests))]


COAUTHORS = """
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN id, [(r)-[:AUTHORED]->(:Work)<-[:AUTHORED]-(c:Researcher) WHERE c <> r | c.id] AS found
"""

SHARED_WORKS = """
UNWIND range(0, size($pairs) - 1) AS index
MATCH (:Researcher {id: $pairs[index][0]})-[:AUTHORED]->(w:Work)
      <-[:AUTHORED]-(:Researcher {id: $pairs[index][1]})
WITH index, w ORDER BY coalesce(w.year, -1) DESC, w.id
WITH index, collect(w.id) AS works
RETURN index, works[0..$shown] AS works
"""


async def coauthors(connection: Connection, ids: Sequence[str]) -> list[list[str]]:
    found = {
        row["id"]: sorted(set(row["found"]))[:COAUTHOR_CAP]
        for row in await connection.read(COAUTHORS, {"ids": _unique(ids)})
    }
    return [found.get(i, []) for i in ids]


async def shared_works(connection: Connection, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    params = {"pairs": [list(p) for p in pairs], "shown": SHARED_WORKS_SHOWN}
    found = {row["index"]: row["works"] for row in await connection.read(SHARED_WORKS, params)}
    return [found.get(i, []) for i in range(len(pairs))]
