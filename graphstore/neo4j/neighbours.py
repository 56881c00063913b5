"""The graph primitives behind slices: strongest neighbours per kind, and the
edges among a set of nodes. Each is one query for the whole batch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from researchgraph.graphstore.graph import (
    NEIGHBOUR_CAP,
    EdgeKind,
    EdgeRecord,
    GraphNodeRecord,
    NeighbourRecord,
)
from researchgraph.graphstore.ids import NodeKind, kind_of
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.ordering import edge_order, neighbour_order

# Every branch returns: center, id, kind, label, source, target, edge, weight, strength.
NEIGHBOURS = """
CALL () {
  UNWIND $researchers AS center
  MATCH (r:Researcher {id: center})-[:AUTHORED]->(w:Work)
  WITH center, w ORDER BY w.citationCount DESC, w.id
  WITH center, collect(w)[0..$perKind] AS found
  UNWIND found AS w
  RETURN center, w.id AS id, 'WORK' AS kind, w.title AS label, center AS source, w.id AS target,
         'AUTHORED' AS edge, null AS weight, toFloat(w.citationCount) AS strength
  UNION ALL
  UNWIND $researchers AS center
  MATCH (r:Researcher {id: center})-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH center, c, count(w) AS shared ORDER BY shared DESC, c.id
  WITH center, collect({c: c, shared: shared})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.c AS c, f.shared AS shared
  RETURN center, c.id AS id, 'RESEARCHER' AS kind, c.name AS label,
         CASE WHEN center < c.id THEN center ELSE c.id END AS source,
         CASE WHEN center < c.id THEN c.id ELSE center END AS target,
         'COAUTHOR' AS edge, toFloat(shared) AS weight, toFloat(shared) AS strength
  UNION ALL
  UNWIND $researchers AS center
  MATCH (:Researcher {id: center})-[:AUTHORED]->(w:Work)-[:ABOUT]->(t:Topic)
  WITH center, t, count(w) AS works ORDER BY works DESC, t.id
  WITH center, collect({t: t, works: works})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.t AS t, f.works AS works
  RETURN center, t.id AS id, 'TOPIC' AS kind, t.name AS label, center AS source, t.id AS target,
         'RESEARCHES' AS edge, toFloat(works) AS weight, toFloat(works) AS strength
  UNION ALL
  UNWIND $researchers AS center
  MATCH (:Researcher {id: center})-[a:AFFILIATED_WITH]->(i:Institution)
  WITH center, i, toFloat(size(coalesce(a.years, []))) AS years ORDER BY years DESC, i.id
  WITH center, collect({i: i, years: years})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.i AS i, f.years AS years
  RETURN center, i.id AS id, 'INSTITUTION' AS kind, i.name AS label, center AS source,
         i.id AS target, 'AFFILIATED_WITH' AS edge, years AS weight, years AS strength
  UNION ALL
  UNWIND $works AS center
  MATCH (r:Researcher)-[a:AUTHORED]->(:Work {id: center})
  WITH center, r, 1.0 / (1 + a.position) AS strength ORDER BY strength DESC, r.id
  WITH center, collect({r: r, strength: strength})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.r AS r, f.strength AS strength
  RETURN center, r.id AS id, 'RESEARCHER' AS kind, r.name AS label, r.id AS source,
         center AS target, 'AUTHORED' AS edge, null AS weight, strength
  UNION ALL
  UNWIND $works AS center
  MATCH (:Work {id: center})-[a:ABOUT]->(t:Topic)
  WITH center, t, a.score AS score ORDER BY coalesce(score, 0.0) DESC, t.id
  WITH center, collect({t: t, score: score})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.t AS t, f.score AS score
  RETURN center, t.id AS id, 'TOPIC' AS kind, t.name AS label, center AS source, t.id AS target,
         'ABOUT' AS edge, toFloat(score) AS weight, toFloat(coalesce(score, 0.0)) AS strength
  UNION ALL
  UNWIND $works AS center
  MATCH (w:Work {id: center})-[c:CITES]-(o:Work)
  WHERE o <> w
  WITH center, o, startNode(c) = w AS outgoing ORDER BY o.citationCount DESC, o.id
  WITH center, collect({o: o, outgoing: outgoing})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.o AS o, f.outgoing AS outgoing
  RETURN center, o.id AS id, 'WORK' AS kind, o.title AS label,
         CASE WHEN outgoing THEN center ELSE o.id END AS source,
         CASE WHEN outgoing THEN o.id ELSE center END AS target,
         'CITES' AS edge, null AS weight, toFloat(o.citationCount) AS strength
  UNION ALL
  UNWIND $topics AS center
  MATCH (w:Work)-[a:ABOUT]->(:Topic {id: center})
  WITH center, w, a.score AS score ORDER BY w.citationCount DESC, w.id
  WITH center, collect({w: w, score: score})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.w AS w, f.score AS score
  RETURN center, w.id AS id, 'WORK' AS kind, w.title AS label, w.id AS source, center AS target,
         'ABOUT' AS edge, toFloat(score) AS weight, toFloat(w.citationCount) AS strength
  UNION ALL
  UNWIND $institutions AS center
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(:Institution {id: center})
  WITH center, r, toFloat(size(coalesce(a.years, []))) AS years ORDER BY years DESC, r.id
  WITH center, collect({r: r, years: years})[0..$perKind] AS found
  UNWIND found AS f
  WITH center, f.r AS r, f.years AS years
  RETURN center, r.id AS id, 'RESEARCHER' AS kind, r.name AS label, r.id AS source,
         center AS target, 'AFFILIATED_WITH' AS edge, years AS weight, years AS strength
}
RETURN center, id, kind, label, source, target, edge, weight, strength
"""

# Every branch returns: group, source, target, kind, weight.
EDGES_AMONG = """
UNWIND range(0, size($groups) - 1) AS group
WITH group, $groups[group] AS ids
CALL (ids) {
  MATCH (r:Researcher)-[:AUTHORED]->(w:Work)
  WHERE r.id IN ids AND w.id IN ids
  RETURN r.id AS source, w.id AS target, 'AUTHORED' AS kind, null AS weight
  UNION ALL
  MATCH (w:Work)-[a:ABOUT]->(t:Topic)
  WHERE w.id IN ids AND t.id IN ids
  RETURN w.id AS source, t.id AS target, 'ABOUT' AS kind, toFloat(a.score) AS weight
  UNION ALL
  MATCH (a:Work)-[:CITES]->(b:Work)
  WHERE a.id IN ids AND b.id IN ids AND a <> b
  RETURN a.id AS source, b.id AS target, 'CITES' AS kind, null AS weight
  UNION ALL
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(i:Institution)
  WHERE r.id IN ids AND i.id IN ids
  RETURN r.id AS source, i.id AS target, 'AFFILIATED_WITH' AS kind,
         toFloat(size(coalesce(a.years, []))) AS weight
  UNION ALL
  MATCH (a:Researcher)-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(b:Researcher)
  WHERE a.id IN ids AND b.id IN ids AND a.id < b.id
  WITH a, b, count(w) AS shared
  RETURN a.id AS source, b.id AS target, 'COAUTHOR' AS kind, toFloat(shared) AS weight
  UNION ALL
  MATCH (r:Researcher)-[:AUTHORED]->(w:Work)-[:ABOUT]->(t:Topic)
  WHERE r.id IN ids AND t.id IN ids
  WITH r, t, count(w) AS works
  RETURN r.id AS source, t.id AS target, 'RESEARCHES' AS kind, toFloat(works) AS weight
}
RETURN group, source, target, kind, weight
"""


def _neighbour(row: dict[str, Any]) -> NeighbourRecord:
    return NeighbourRecord(
        node=GraphNodeRecord(row["id"], NodeKind(row["kind"]), row["label"]),
        edge=EdgeRecord(row["source"], row["target"], EdgeKind(row["edge"]), row["weight"]),
        strength=row["strength"],
    )


async def neighbours(
    connection: Connection, ids: Sequence[str], per_kind: int
) -> list[list[NeighbourRecord]]:
    by_kind: dict[NodeKind, list[str]] = defaultdict(list)
    for node_id in dict.fromkeys(ids):
        by_kind[kind_of(node_id)].append(node_id)
    params = {
        "researchers": by_kind[NodeKind.RESEARCHER],
        "works": by_kind[NodeKind.WORK],
        "topics": by_kind[NodeKind.TOPIC],
        "institutions": by_kind[NodeKind.INSTITUTION],
        "perKind": min(per_kind, NEIGHBOUR_CAP),
    }
    grouped: dict[str, list[NeighbourRecord]] = defaultdict(list)
    for row in await connection.read(NEIGHBOURS, params):
        grouped[row["center"]].append(_neighbour(row))
    return [sorted(grouped.get(i, []), key=neighbour_order) for i in ids]


async def edges_among(
    connection: Connection, groups: Sequence[Sequence[str]]
) -> list[list[EdgeRecord]]:
    found: dict[int, list[EdgeRecord]] = defaultdict(list)
    rows = await connection.read(EDGES_AMONG, {"groups": [list(g) for g in groups]})
    for row in rows:
        edge = EdgeRecord(row["source"], row["target"], EdgeKind(row["kind"]), row["weight"])
        found[row["group"]].append(edge)
    return [sorted(found.get(i, []), key=edge_order) for i in range(len(groups))]
