"""The graph primitives behind slices: strongest neighbours per kind, and the
edges among a set of nodes. Each is one query for the whole batch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from researchgraph.graphstore.graph import (
    NEIGHBOUR_CAP,
    SLICE_COAUTHOR_EDGES,
    EdgeKind,
    EdgeRecord,
    EdgesRequest,
    GraphNodeRecord,
    NeighbourRecord,
)
from researchgraph.graphstore.ids import NodeKind, kind_of
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.neo4j import kept_order
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.properties import builder
from researchgraph.graphstore.ordering import edge_order, neighbour_order
from researchgraph.graphstore.pages import WorkOrder

# Labels only where a node is looked up by id: AUTHORED, ABOUT and CITES say what
# their far ends are, and a label check there costs a database hit per row (a topic's
# works number thousands).
# Every branch returns one row per center: `center`, and `found`, a list of
# [id, kind, label, source, target, edge kind, edge weight, strength]. Lists, not a
# row per neighbour: the driver's cost is per record, and a slice has hundreds.
# A researcher's most cited works and strongest co-authors are read from the lists
# kept ranked on it (writes.py), not ranked here: a prolific one has hundreds.
# A popular work's citing works and a topic's works are many: the most cited of them
# are walks along their kept orders (`kept_order`), as long as the slice's cap. A
# work's references are the source's short list, read whole.
_MOST_CITED_CITING = kept_order.first_rows(
    WorkList.WORK_CITATIONS, WorkOrder.CITATIONS_DESC, "center", "o", "$perKind"
)
_MOST_CITED_ON_TOPIC = kept_order.first_rows(
    WorkList.TOPIC_WORKS, WorkOrder.CITATIONS_DESC, "center", "w", "$perKind"
)
_LEADING_TOPICS = kept_order.leading_topics("center", "e", "$perKind")
# Each center kind's branches: a query holds only the kinds it asks about, as
# Neo4j's planning time grows with the text (all nine took seconds on a cold server).
_BRANCHES: dict[NodeKind, tuple[str, ...]] = {
    NodeKind.RESEARCHER: (
        """
  UNWIND $researchers AS center
  MATCH (r:Researcher {id: center})
  UNWIND coalesce(r.strongestWorks, [])[0..$perKind] AS work
  MATCH (w:Work {id: work})
  WITH center, collect(w) AS top
  RETURN center, [w IN top | [w.id, 'WORK', w.title, center, w.id, 'AUTHORED', null,
                              toFloat(w.citationCount)]] AS found
""",
        """
  UNWIND $researchers AS center
  MATCH (r:Researcher {id: center})
  UNWIND range(0, size(coalesce(r.strongestCoauthors, [])[0..$perKind]) - 1) AS rank
  MATCH (c:Researcher {id: r.strongestCoauthors[rank]})
  WITH center, c, toFloat(r.strongestCoauthorWorks[rank]) AS shared
  WITH center, collect({c: c, shared: shared}) AS top
  RETURN center, [f IN top | [f.c.id, 'RESEARCHER', f.c.name,
                              CASE WHEN center < f.c.id THEN center ELSE f.c.id END,
                              CASE WHEN center < f.c.id THEN f.c.id ELSE center END,
                              'COAUTHOR', f.shared, f.shared]] AS found
""",
        f"""
  UNWIND $researchers AS center
  CALL (center) {{ {_LEADING_TOPICS} }}
  MATCH ()-[e]->(t)
  WITH center, t, toFloat(e.works) AS works
  WITH center, collect({{t: t, works: works}}) AS top
  RETURN center, [f IN top | [f.t.id, 'TOPIC', f.t.name, center, f.t.id, 'RESEARCHES',
                              f.works, f.works]] AS found
""",
        """
  UNWIND $researchers AS center
  MATCH (:Researcher {id: center})-[a:AFFILIATED_WITH]->(i:Institution)
  WITH center, i, toFloat(size(coalesce(a.years, []))) AS years ORDER BY years DESC, i.id
  WITH center, collect({i: i, years: years})[0..$perKind] AS top
  RETURN center, [f IN top | [f.i.id, 'INSTITUTION', f.i.name, center, f.i.id,
                              'AFFILIATED_WITH', f.years, f.years]] AS found
""",
    ),
    NodeKind.WORK: (
        """
  UNWIND $works AS center
  MATCH (r)-[a:AUTHORED]->(:Work {id: center})
  WITH center, r, 1.0 / (1 + a.position) AS strength ORDER BY strength DESC, r.id
  WITH center, collect({r: r, strength: strength})[0..$perKind] AS top
  RETURN center, [f IN top | [f.r.id, 'RESEARCHER', f.r.name, f.r.id, center, 'AUTHORED',
                              null, f.strength]] AS found
""",
        """
  UNWIND $works AS center
  MATCH (:Work {id: center})-[a:ABOUT]->(t)
  WITH center, t, a.score AS score ORDER BY coalesce(score, 0.0) DESC, t.id
  WITH center, collect({t: t, score: score})[0..$perKind] AS top
  RETURN center, [f IN top | [f.t.id, 'TOPIC', f.t.name, center, f.t.id, 'ABOUT',
                              toFloat(f.score), toFloat(coalesce(f.score, 0.0))]] AS found
""",
        f"""
  UNWIND $works AS center
  MATCH (w:Work {{id: center}})
  CALL (w, center) {{
    MATCH (w)-[:CITES]->(o) WHERE o <> w
    RETURN o, true AS outgoing
    UNION ALL
    CALL (center) {{ {_MOST_CITED_CITING} }}
    WITH w, o WHERE o <> w
    RETURN o, false AS outgoing
  }}
  WITH center, o, outgoing ORDER BY o.citationCount DESC, o.id
  WITH center, collect({{o: o, outgoing: outgoing}})[0..$perKind] AS top
  RETURN center, [f IN top | [f.o.id, 'WORK', f.o.title,
                              CASE WHEN f.outgoing THEN center ELSE f.o.id END,
                              CASE WHEN f.outgoing THEN f.o.id ELSE center END,
                              'CITES', null, toFloat(f.o.citationCount)]] AS found
""",
    ),
    NodeKind.TOPIC: (
        f"""
  UNWIND $topics AS center
  CALL (center) {{ {_MOST_CITED_ON_TOPIC} }}
  MATCH (w)-[a:ABOUT]->(:Topic {{id: center}})
  WITH center, w, a.score AS score ORDER BY w.citationCount DESC, w.id
  WITH center, collect({{w: w, score: score}})[0..$perKind] AS top
  RETURN center, [f IN top | [f.w.id, 'WORK', f.w.title, f.w.id, center, 'ABOUT',
                              toFloat(f.score), toFloat(f.w.citationCount)]] AS found
""",
    ),
    NodeKind.INSTITUTION: (
        """
  UNWIND $institutions AS center
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(:Institution {id: center})
  WITH center, r, toFloat(size(coalesce(a.years, []))) AS years ORDER BY years DESC, r.id
  WITH center, collect({r: r, years: years})[0..$perKind] AS top
  RETURN center, [f IN top | [f.r.id, 'RESEARCHER', f.r.name, f.r.id, center,
                              'AFFILIATED_WITH', f.years, f.years]] AS found
""",
    ),
}


@cache
def neighbours_query(kinds: frozenset[NodeKind]) -> str:
    """The strongest neighbours of centers of these kinds, each kind's centers in its
    parameter (`$researchers`, `$works`, `$topics`, `$institutions`)."""
    branches = [b for kind in NodeKind if kind in kinds for b in _BRANCHES.get(kind, ())]
    return "CALL () {\n" + "  UNION ALL\n".join(branches) + "\n}\nRETURN center, found\n"


# Every branch returns: group, source, target, kind, weight. Both ends of AUTHORED are
# sought by id, then joined (expand-into): walking from the researcher instead reads
# every work of a prolific one. COAUTHOR reads the ranking kept on each researcher
# (`graph.SLICE_COAUTHOR_EDGES`), not their every co-author. CITES is walked from the
# citing end: a reference list is short, a popular work's citations are not.
EDGES_AMONG = """
UNWIND range(0, size($groups) - 1) AS group
WITH group, $groups[group].center AS center, $groups[group].ids AS ids
CALL (center, ids) {
  MATCH (r:Researcher)-[:AUTHORED]->(w:Work)
  USING INDEX r:Researcher(id) USING INDEX w:Work(id)
  WHERE r.id IN ids AND w.id IN ids
  RETURN r.id AS source, w.id AS target, 'AUTHORED' AS kind, null AS weight
  UNION ALL
  MATCH (w:Work)-[a:ABOUT]->(t:Topic)
  WHERE w.id IN ids AND t.id IN ids
  RETURN w.id AS source, t.id AS target, 'ABOUT' AS kind, toFloat(a.score) AS weight
  UNION ALL
  MATCH (a:Work)-[:CITES]->(b)
  USING INDEX a:Work(id)
  WHERE a.id IN ids AND b.id IN ids AND a <> b
  RETURN a.id AS source, b.id AS target, 'CITES' AS kind, null AS weight
  UNION ALL
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(i:Institution)
  WHERE r.id IN ids AND i.id IN ids
  RETURN r.id AS source, i.id AS target, 'AFFILIATED_WITH' AS kind,
         toFloat(size(coalesce(a.years, []))) AS weight
  UNION ALL
  MATCH (a:Researcher) WHERE a.id IN ids
  WITH a, coalesce(a.strongestCoauthors, []) AS ranked
  UNWIND [rank IN range(0, size(ranked) - 1) WHERE ranked[rank] IN ids][0..$coauthorEdges]
         AS rank
  WITH a.id AS one, ranked[rank] AS other, a.strongestCoauthorWorks[rank] AS works
  RETURN DISTINCT CASE WHEN one < other THEN one ELSE other END AS source,
         CASE WHEN one < other THEN other ELSE one END AS target, 'COAUTHOR' AS kind,
         toFloat(works) AS weight
  UNION ALL
  MATCH (r:Researcher {id: center})-[e:RESEARCHES]->(t)
  WHERE t.id IN ids
  RETURN r.id AS source, t.id AS target, 'RESEARCHES' AS kind, toFloat(e.works) AS weight
}
RETURN group, collect([source, target, kind, weight]) AS edges
"""


# Enum members by value: a slice reads thousands of rows, and `EdgeKind(value)` costs
# ten times a dictionary lookup.
_NODE_KINDS = {kind.value: kind for kind in NodeKind}
_EDGE_KINDS = {kind.value: kind for kind in EdgeKind}


_new_node = builder(GraphNodeRecord)
_new_edge = builder(EdgeRecord)
_new_neighbour = builder(NeighbourRecord)


def _neighbour(found: list[Any]) -> NeighbourRecord:
    node_id, kind, label, source, target, edge, weight, strength = found
    return _new_neighbour(  # type: ignore[no-any-return]
        [
            _new_node([node_id, _NODE_KINDS[kind], label]),
            _new_edge([source, target, _EDGE_KINDS[edge], weight]),
            strength,
        ]
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
    grouped: dict[str, list[list[Any]]] = defaultdict(list)
    for row in await connection.read(neighbours_query(frozenset(by_kind)), params):
        grouped[row["center"]].extend(row["found"])
    return [ring(grouped.get(i, [])) for i in ids]


def ring(found: list[list[Any]]) -> list[NeighbourRecord]:
    """One center's neighbours from the rows of `neighbours_query`, in the shared order."""
    return sorted((_neighbour(f) for f in found), key=neighbour_order)


async def edges_among(
    connection: Connection, requests: Sequence[EdgesRequest]
) -> list[list[EdgeRecord]]:
    found: dict[int, list[EdgeRecord]] = defaultdict(list)
    groups = [{"center": r.center, "ids": list(r.ids)} for r in requests]
    params = {"groups": groups, "coauthorEdges": SLICE_COAUTHOR_EDGES}
    rows = await connection.read(EDGES_AMONG, params)
    for row in rows:
        found[row["group"]] = [
            _new_edge([source, target, _EDGE_KINDS[kind], weight])
            for source, target, kind, weight in row["edges"]
        ]
    return [sorted(found.get(i, []), key=edge_order) for i in range(len(requests))]
