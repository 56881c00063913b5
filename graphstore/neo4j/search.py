"""Search through the full-text indexes (one per kind, created by the migrations):
the matches of each asked kind that pass the filter, the best `SEARCH_WINDOW` of
them, merged, counted and cut to the requested page in the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from researchgraph.graphstore.graph import GraphNodeRecord
from researchgraph.graphstore.ids import NodeKind
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.pages import work_filter
from researchgraph.graphstore.neo4j.patterns import NAMED
from researchgraph.graphstore.search import (
    SEARCH_WINDOW,
    SearchHitRecord,
    SearchPage,
    SearchRequest,
    lucene,
    lucene_prefix,
)

_WORK_FILTER = f"""{work_filter("node", "req.yearFrom", "req.yearTo", "req.types")}
    AND (req.topic IS NULL OR EXISTS {{ (node)-[:ABOUT]->(:Topic {{id: req.topic}}) }})
    AND (req.institution IS NULL
         OR EXISTS {{ (node)<-[a:AUTHORED]-() WHERE req.institution IN a.institutionIds }})"""
_RESEARCHER_FILTER = """(req.topic IS NULL
         OR EXISTS { (node)-[:AUTHORED]->(:Work)-[:ABOUT]->(:Topic {id: req.topic}) })
    AND (req.institution IS NULL
         OR EXISTS { (node)-[:AFFILIATED_WITH]->(:Institution {id: req.institution}) })"""


def _branch(kind: NodeKind, index: str, where: str) -> str:
    # A kind's branch runs only when the request asks for that kind (the WHERE drops
    # the row before the procedure is called); the LIMIT after the filter stops
    # reading matches once the window is full.
    _, label = NAMED[kind]
    return f"""
  WITH req WHERE '{kind.value}' IN req.kinds
  CALL db.index.fulltext.queryNodes('{index}', req.lucene['{kind.value}'])
  YIELD node, score
  WITH req, node, score WHERE {where}
  WITH node, score LIMIT $window
  RETURN node.id AS id, '{kind.value}' AS kind, node.{label} AS label, score"""


_BRANCHES = "\n  UNION ALL".join(
    [
        _branch(NodeKind.RESEARCHER, "researcher_search", _RESEARCHER_FILTER),
        _branch(NodeKind.WORK, "work_search", _WORK_FILTER),
        _branch(NodeKind.TOPIC, "topic_search", "true"),
        _branch(NodeKind.INSTITUTION, "institution_search", "true"),
    ]
)
SEARCH = f"""
UNWIND $requests AS req
CALL (req) {{{_BRANCHES}
}}
WITH req, id, kind, label, score
ORDER BY score DESC, CASE WHEN req.prefixOnly THEN coalesce(size(label), 1073741824) END, id
WITH req, collect([id, kind, label, score]) AS hits
RETURN req.index AS index, size(hits) AS total, hits[req.offset..req.offset + req.limit] AS hits
"""


def _parameters(index: int, request: SearchRequest) -> dict[str, Any]:
    wanted = request.filter
    queries = {
        kind.value: lucene_prefix(request.terms, NAMED[kind][1])
        if request.prefix_only
        else lucene(request.terms)
        for kind in request.kinds
    }
    return {
        "index": index,
        "lucene": queries,
        "kinds": [k.value for k in request.kinds],
        "offset": request.offset,
        "limit": request.limit,
        "prefixOnly": request.prefix_only,
        "yearFrom": wanted.year_from if wanted else None,
        "yearTo": wanted.year_to if wanted else None,
        "types": list(wanted.types) if wanted and wanted.types is not None else None,
        "topic": wanted.topic_id if wanted else None,
        "institution": wanted.institution_id if wanted else None,
    }


async def search(connection: Connection, requests: Sequence[SearchRequest]) -> list[SearchPage]:
    params = [_parameters(i, r) for i, r in enumerate(requests)]
    found: dict[int, SearchPage] = defaultdict(lambda: SearchPage([], 0))
    rows = await connection.read(SEARCH, {"requests": params, "window": SEARCH_WINDOW})
    for row in rows:
        found[row["index"]] = SearchPage(
            [
                SearchHitRecord(GraphNodeRecord(node_id, NodeKind(kind), label), score)
                for node_id, kind, label, score in row["hits"]
            ],
            row["total"],
        )
    return [found[i] for i in range(len(requests))]
