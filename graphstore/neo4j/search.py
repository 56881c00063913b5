"""Search through the full-text indexes (one per kind, created by the migrations)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from researchgraph.graphstore.graph import GraphNodeRecord
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.search import SearchHitRecord, SearchRequest, lucene

# A kind's branch runs only when the request asks for that kind (the WHERE drops
# the row before the procedure is called).
SEARCH = """
UNWIND $requests AS req
CALL (req) {
  WITH req WHERE 'RESEARCHER' IN req.kinds
  CALL db.index.fulltext.queryNodes('researcher_search', req.lucene, {limit: req.limit})
  YIELD node, score
  RETURN node.id AS id, 'RESEARCHER' AS kind, node.name AS label, score
  UNION ALL
  WITH req WHERE 'WORK' IN req.kinds
  CALL db.index.fulltext.queryNodes('work_search', req.lucene, {limit: req.limit})
  YIELD node, score
  RETURN node.id AS id, 'WORK' AS kind, node.title AS label, score
  UNION ALL
  WITH req WHERE 'TOPIC' IN req.kinds
  CALL db.index.fulltext.queryNodes('topic_search', req.lucene, {limit: req.limit})
  YIELD node, score
  RETURN node.id AS id, 'TOPIC' AS kind, node.name AS label, score
  UNION ALL
  WITH req WHERE 'INSTITUTION' IN req.kinds
  CALL db.index.fulltext.queryNodes('institution_search', req.lucene, {limit: req.limit})
  YIELD node, score
  RETURN node.id AS id, 'INSTITUTION' AS kind, node.name AS label, score
}
WITH req, id, kind, label, score ORDER BY score DESC, id
WITH req, collect([id, kind, label, score]) AS hits
RETURN req.index AS index, hits[0..req.limit] AS hits
"""


async def search(
    connection: Connection, requests: Sequence[SearchRequest]
) -> list[list[SearchHitRecord]]:
    params = [
        {
            "index": i,
            "lucene": lucene(r.terms),
            "kinds": [k.value for k in r.kinds],
            "limit": r.limit,
        }
        for i, r in enumerate(requests)
    ]
    found: dict[int, list[SearchHitRecord]] = defaultdict(list)
    for row in await connection.read(SEARCH, {"requests": params}):
        found[row["index"]] = [
            SearchHitRecord(GraphNodeRecord(node_id, NodeKind(kind), label), score)
            for node_id, kind, label, score in row["hits"]
        ]
    return [found.get(i, []) for i in range(len(requests))]
