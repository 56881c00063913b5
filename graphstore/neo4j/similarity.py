"""Related works and similar researchers: one bounded query per batch (the rules and
bounds are `graphstore.similarity`'s), scored and cut to `limit` in the database, with
the shared ids of the kept neighbours returned for their reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.neo4j import kept_order
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.pages import researcher_projection, work_projection
from researchgraph.graphstore.neo4j.properties import from_row
from researchgraph.graphstore.pages import WorkOrder
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord
from researchgraph.graphstore.similarity import (
    CITERS_READ,
    COMMON_REFERENCE_CAP,
    TOPIC_CANDIDATES,
    TOPICS_READ,
    WEIGHTS,
    ReasonKind,
    Similar,
    SimilarRequest,
    similar,
)

# Walks along kept orders (`kept_order`), as long as their caps on any list: the
# newest citing works, each topic's most cited works and its leading researchers.
_NEWEST_CITERS = kept_order.first_rows(
    WorkList.WORK_CITATIONS, WorkOrder.YEAR_DESC, "w.id", "c", "$citersRead"
)
_MOST_CITED_ON_TOPIC = kept_order.first_rows(
    WorkList.TOPIC_WORKS, WorkOrder.CITATIONS_DESC, "t.id", "o", "$topicCandidates"
)
_LEADING_ON_TOPIC = kept_order.leading_researchers("t.id", "o", "$topicCandidates")
_RESEARCHES_TOPIC = kept_order.holds("RESEARCHES", "o.id", "t")
_PUBLISHES_IN_VENUE = kept_order.holds("PUBLISHES_IN", "o.id", "s")
RELATED_WORKS = f"""
UNWIND $requests AS req
CALL (req) {{
  MATCH (w:Work {{id: req.id}})
  CALL (w) {{
    MATCH (w)-[:CITES]->(r:Work) WHERE COUNT {{ (r)<-[:CITES]-() }} <= $commonCap
    MATCH (r)<-[:CITES]-(o:Work) WHERE o <> w
    RETURN o, 'SHARED_REFERENCES' AS kind, r.id AS via
    UNION ALL
    CALL (w) {{ {_NEWEST_CITERS} }}
    MATCH (c)-[:CITES]->(o:Work) WHERE o <> w
    RETURN o, 'CO_CITED' AS kind, c.id AS via
    UNION ALL
    MATCH (w)-[:ABOUT]->(t:Topic)
    CALL (t) {{ {_MOST_CITED_ON_TOPIC} }}
    WITH w, o WHERE o <> w
    RETURN o, null AS kind, null AS via
  }}
  WITH w, o,
       collect(DISTINCT CASE kind WHEN 'SHARED_REFERENCES' THEN via END) AS refs,
       collect(DISTINCT CASE kind WHEN 'CO_CITED' THEN via END) AS citers
  WITH w, o, refs, citers, [(w)-[:ABOUT]->(t:Topic) | t.id] AS mine
  // From the candidate's side: a hub topic's other works are not walked.
  WITH o, refs, citers, [(o)-[:ABOUT]->(t:Topic) WHERE t.id IN mine | t.id] AS topics
  WITH o, refs, citers, topics,
       {WEIGHTS[ReasonKind.SHARED_REFERENCES]} * size(refs)
       + {WEIGHTS[ReasonKind.CO_CITED]} * size(citers)
       + {WEIGHTS[ReasonKind.SHARED_TOPICS]} * size(topics) AS score
  WHERE score > 0
  ORDER BY score DESC, o.id
  WITH collect([o, refs, citers, topics]) AS found
  // The kept neighbours' records: in order (nothing reorders the rows).
  UNWIND found[0..req.limit] AS f
  WITH f[0] AS o, f[1] AS refs, f[2] AS citers, f[3] AS topics
  RETURN collect([{work_projection("o")}, refs, citers, topics]) AS found
}}
RETURN req.index AS index, found
"""

SIMILAR_RESEARCHERS = f"""
UNWIND $requests AS req
CALL (req) {{
  MATCH (r:Researcher {{id: req.id}})
  // Their co-authors once: checked per candidate, the COAUTHOR edges of prolific
  // candidates were walked (half the query's database hits at `medium`).
  WITH r, [(r)-[:COAUTHOR]-(c) | c] AS coauthors
  CALL (r) {{
    MATCH (r)-[e:RESEARCHES]->(t:Topic)
    WITH t ORDER BY e.works DESC, t.id LIMIT $topicsRead
    CALL (t) {{ {_LEADING_ON_TOPIC} }}
    RETURN DISTINCT o
  }}
  WITH r, coauthors, o WHERE o <> r AND NOT o IN coauthors
  WITH r, collect(o) AS candidates
  WITH r, candidates, [(r)-[:PUBLISHES_IN]->(s:Source) | s.id] AS venues,
       [(r)-[:RESEARCHES]->(t:Topic) | t.id] AS mine
  UNWIND candidates AS o
  // An index seek per (candidate, topic or venue of r): neither a hub topic's other
  // researchers nor a prolific candidate's topics and venues are walked.
  WITH o, [t IN mine WHERE {_RESEARCHES_TOPIC}] AS topics,
       [s IN venues WHERE {_PUBLISHES_IN_VENUE}] AS shared
  WITH o, topics, shared,
       {WEIGHTS[ReasonKind.SHARED_TOPICS]} * size(topics)
       + {WEIGHTS[ReasonKind.SHARED_VENUES]} * size(shared) AS score
  WHERE score > 0
  ORDER BY score DESC, o.id
  WITH collect([o, topics, shared]) AS found
  UNWIND found[0..req.limit] AS f
  WITH f[0] AS o, f[1] AS topics, f[2] AS shared
  RETURN collect([{researcher_projection("o")}, topics, shared]) AS found
}}
RETURN req.index AS index, found
"""

_BOUNDS = {
    "commonCap": COMMON_REFERENCE_CAP,
    "citersRead": CITERS_READ,
    "topicCandidates": TOPIC_CANDIDATES,
    "topicsRead": TOPICS_READ,
}


async def _read(
    connection: Connection, query: str, requests: Sequence[SimilarRequest]
) -> list[list[Any]]:
    params = [{"index": i, "id": r.node_id, "limit": r.limit} for i, r in enumerate(requests)]
    rows = await connection.read(query, {"requests": params, **_BOUNDS})
    found = {row["index"]: row["found"] for row in rows}
    return [found.get(i, []) for i in range(len(requests))]


async def related_works(
    connection: Connection, requests: Sequence[SimilarRequest]
) -> list[list[Similar[WorkRecord]]]:
    return [
        [
            similar(
                from_row(WorkRecord, work),
                {
                    ReasonKind.SHARED_REFERENCES: set(refs),
                    ReasonKind.CO_CITED: set(citers),
                    ReasonKind.SHARED_TOPICS: set(topics),
                },
            )
            for work, refs, citers, topics in found
        ]
        for found in await _read(connection, RELATED_WORKS, requests)
    ]


async def similar_researchers(
    connection: Connection, requests: Sequence[SimilarRequest]
) -> list[list[Similar[ResearcherRecord]]]:
    return [
        [
            similar(
                from_row(ResearcherRecord, researcher),
                {ReasonKind.SHARED_TOPICS: set(topics), ReasonKind.SHARED_VENUES: set(venues)},
            )
            for researcher, topics, venues in found
        ]
        for found in await _read(connection, SIMILAR_RESEARCHERS, requests)
    ]
