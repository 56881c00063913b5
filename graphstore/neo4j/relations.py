"""A node's relationship lists, many owners per query; Python re-applies the shared
orderings of `graphstore.ordering` so both stores agree on ties."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

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
    STAT_GROUP_OF,
    AffiliationRecord,
    AuthorshipRecord,
    CollaborationRecord,
    CollaboratorsRequest,
    ResearcherStats,
    ResearcherTopicRecord,
    StatGroup,
    StatsRequest,
    TopicsRequest,
    WorkTopicRecord,
)

# AUTHORED joins a researcher to a work, ABOUT a work to a topic, COAUTHOR two
# researchers and RESEARCHES a researcher to a topic, always (writes.py creates them
# so, the last two from the first two): the relationship type says what is at its far
# end, and a label there would be a check Neo4j pays for on every row.
# CALL subqueries, not subquery expressions: Neo4j 5.26 refuses an aggregation inside
# a subquery expression that sits in a map (it takes it for the outer query's own).
# Each imports only `r`, so its local names cannot clash with the caller's.
# Each group of counts (`StatGroup`): the CALL subquery that reads it, if any, and its
# entries in the stats map.
_STAT_PARTS: dict[StatGroup, tuple[str, str]] = {
    # Kept on the researcher by every write to its works (writes.py).
    StatGroup.WORKS: (
        "",
        "works: coalesce({r}.worksCount, 0), citations: coalesce({r}.citationCount, 0)",
    ),
    StatGroup.TOPICS: ("", "topics: COUNT {{ ({r})-[:RESEARCHES]->() }}"),
    StatGroup.NETWORK: (
        """CALL ({r}) {{
    OPTIONAL MATCH ({r})-[e:COAUTHOR]-()
    RETURN count(e) AS collaborators, count(CASE WHEN e.works >= $close THEN 1 END) AS close
  }}""",
        "collaborators: collaborators, close: close",
    ),
    StatGroup.FOLLOWERS: ("", "followers: COUNT {{ ({r})<-[:FOLLOWS]-(:User) }}"),
}


def stats_call(r: str, out: str, groups: frozenset[StatGroup]) -> str:
    """Binds `out` to the counts of `groups` as a map (`stats_record` reads it)."""
    asked = [_STAT_PARTS[g] for g in StatGroup if g in groups]
    calls = "".join(f"{call.format(r=r)}\n  " for call, _ in asked if call)
    entries = ", ".join(entries.format(r=r) for _, entries in asked)
    return f"""CALL ({r}) {{
  {calls}RETURN {{{entries}}} AS {out}
}}"""


def stats_record(found: dict[str, Any]) -> ResearcherStats:
    return ResearcherStats(
        works=found.get("works"),
        citations=found.get("citations"),
        topics=found.get("topics"),
        collaborators=found.get("collaborators"),
        close_collaborators=found.get("close"),
        followers=found.get("followers"),
    )


def topics_call(r: str, limit: str, out: str, topic: str = "t.id", uses: str = "") -> str:
    """Binds `out` to `{total, topics: [[topic, works]]}`, most works first; `topic`
    projects `t`; `uses` names more variables the parameters read (e.g. `req`)."""
    scope = f"{r}, {uses}" if uses else r
    return f"""CALL ({scope}) {{
  OPTIONAL MATCH ({r})-[e:RESEARCHES]->(t)
  WITH {scope}, t, e.works AS works ORDER BY works DESC, t.id
  WITH {scope}, collect(CASE WHEN t IS NULL THEN null ELSE [{topic}, works] END)[0..{limit}]
       AS topics
  RETURN {{total: COUNT {{ ({r})-[:AUTHORED]->() }}, topics: topics}} AS {out}
}}"""


def collaborators_call(
    r: str, min_shared: str, limit: str, out: str, researcher: str = "c.id", uses: str = ""
) -> str:
    """Binds `out` to `[[researcher, shared, firstYear, lastYear]]`, in the shared
    order; `researcher` projects `c`; `uses` as for `topics_call`."""
    scope = f"{r}, {uses}" if uses else r
    return f"""CALL ({scope}) {{
  OPTIONAL MATCH ({r})-[e:COAUTHOR]-(c)
  WITH {scope}, c, e, e.works AS shared
  WHERE c IS NOT NULL AND shared >= {min_shared}
  // Years and ids read only for those that can still make the cut: a prolific
  // researcher has hundreds of co-authors.
  WITH {scope}, c, e, shared ORDER BY shared DESC
  WITH {scope}, collect([c, e, shared]) AS byShared
  WITH {scope}, byShared, byShared[{limit} - 1][2] AS least
  UNWIND byShared AS candidate
  WITH {scope}, candidate[0] AS c, candidate[1] AS e, candidate[2] AS shared, least
  WHERE least IS NULL OR shared >= least
  WITH {scope}, c, shared, e.firstYear AS firstYear, e.lastYear AS lastYear
  ORDER BY shared DESC, coalesce(lastYear, -1) DESC, c.id
  // Cut first, so only the kept co-authors are projected.
  WITH {scope}, collect([c, shared, firstYear, lastYear]) AS ranked
  UNWIND ranked[0..{limit}] AS row
  WITH row[0] AS c, row[1] AS shared, row[2] AS firstYear, row[3] AS lastYear
  RETURN collect([{researcher}, shared, firstYear, lastYear]) AS {out}
}}"""


@cache
def _stats_query(groups: frozenset[StatGroup]) -> str:
    return f"""
UNWIND $ids AS id
MATCH (r:Researcher {{id: id}})
{stats_call("r", "stats", groups)}
RETURN id, stats
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

RESEARCHER_TOPICS = f"""
UNWIND $requests AS req
MATCH (r:Researcher {{id: req.id}})
{topics_call("r", "req.limit", "found", uses="req")}
RETURN req.index AS index, found
"""

COLLABORATORS = f"""
UNWIND $requests AS req
MATCH (r:Researcher {{id: req.id}})
{collaborators_call("r", "req.minShared", "req.limit", "found", uses="req")}
RETURN req.index AS index, found
"""


def _unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


async def researcher_stats(
    connection: Connection, requests: Sequence[StatsRequest]
) -> list[ResearcherStats]:
    """One query for the union of the groups asked; each answer cut to its own."""
    groups = frozenset(g for r in requests for g in r.groups)
    rows = await connection.read(
        _stats_query(groups),
        {
            "ids": _unique([r.researcher_id for r in requests]),
            "close": CLOSE_COLLABORATOR_MIN_SHARED,
        },
    )
    found = {row["id"]: stats_record(row["stats"]) for row in rows}
    unknown = ResearcherStats(**{name: 0 for name in STAT_GROUP_OF})
    return [found.get(r.researcher_id, unknown).only(r.groups) for r in requests]


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
        row["index"]: topic_records(row["found"], str)
        for row in await connection.read(RESEARCHER_TOPICS, {"requests": params})
    }
    return [found.get(i, []) for i in range(len(requests))]


def topic_records(
    found: dict[str, Any], topic_id: Callable[[Any], str]
) -> list[ResearcherTopicRecord]:
    """From what `topics_call` binds, `topic_id` reading each projected topic."""
    return sorted(
        (
            ResearcherTopicRecord(topic_id(topic), works, share=works / found["total"])
            for topic, works in found["topics"]
        ),
        key=researcher_topic_order,
    )


async def collaborators(
    connection: Connection, requests: Sequence[CollaboratorsRequest]
) -> list[list[CollaborationRecord]]:
    params = [
        {"index": i, "id": r.researcher_id, "minShared": r.min_shared, "limit": r.limit}
        for i, r in enumerate(requests)
    ]
    found = {
        row["index"]: collaboration_records(row["found"], str)
        for row in await connection.read(COLLABORATORS, {"requests": params})
    }
    return [found.get(i, []) for i in range(len(requests))]


def collaboration_records(
    found: list[list[Any]], researcher_id: Callable[[Any], str]
) -> list[CollaborationRecord]:
    """From what `collaborators_call` binds, `researcher_id` reading each projected
    co-author."""
    return sorted(
        (
            CollaborationRecord(researcher_id(other), shared, first, last)
            for other, shared, first, last in found
        ),
        key=collaboration_order,
    )


COAUTHORS = """
UNWIND $ids AS id
MATCH (r:Researcher {id: id})
RETURN id, [(r)-[:COAUTHOR]-(c) | c.id] AS found
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
        row["id"]: sorted(row["found"])[:COAUTHOR_CAP]
        for row in await connection.read(COAUTHORS, {"ids": _unique(ids)})
    }
    return [found.get(i, []) for i in ids]


async def shared_works(connection: Connection, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
    params = {"pairs": [list(p) for p in pairs], "shown": SHARED_WORKS_SHOWN}
    found = {row["index"]: row["works"] for row in await connection.read(SHARED_WORKS, params)}
    return [found.get(i, []) for i in range(len(pairs))]
