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
    NeighbourRecord,
    SliceDrawing,
    SliceRequest,
)
from researchgraph.graphstore.ids import NodeKind, kind_of
from researchgraph.graphstore.model import WorkList
from researchgraph.graphstore.neo4j import kept_order
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.patterns import NAMED
from researchgraph.graphstore.neo4j.properties import builder
from researchgraph.graphstore.ordering import edge_order, neighbour_order
from researchgraph.graphstore.pages import WorkOrder

# Labels only where a node is looked up by id: AUTHORED, ABOUT and CITES say what
# their far ends are, and a label check there costs a database hit per row (a topic's
# works number thousands).
# Each branch binds `center` and `top`, its strongest neighbours as maps {id,
# strength}, strongest first; `_branch` adds the row it returns.
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
# Each center kind's branches, by the kind of neighbour each finds: a query holds
# only the kinds it asks about, as Neo4j's planning time grows with the text (all
# nine took seconds on a cold server).
_BRANCHES: dict[NodeKind, tuple[tuple[NodeKind, str], ...]] = {
    NodeKind.RESEARCHER: (
        (
            NodeKind.WORK,
            """
  UNWIND $researchers AS center
  MATCH (r:Researcher {id: center})
  UNWIND coalesce(r.strongestWorks, [])[0..$perKind] AS work
  MATCH (w:Work {id: work})
  WITH center, collect({id: w.id, strength: toFloat(w.citationCount)}) AS top""",
        ),
        (
            NodeKind.RESEARCHER,
            """
  UNWIND $researchers AS center
  MATCH (r:Researcher {id: center})
  UNWIND range(0, size(coalesce(r.strongestCoauthors, [])[0..$perKind]) - 1) AS rank
  WITH center, r.strongestCoauthors[rank] AS coauthor,
       toFloat(r.strongestCoauthorWorks[rank]) AS shared
  WITH center, collect({id: coauthor, strength: shared}) AS top""",
        ),
        (
            NodeKind.TOPIC,
            f"""
  UNWIND $researchers AS center
  CALL (center) {{ {_LEADING_TOPICS} }}
  MATCH ()-[e]->(t)
  WITH center, collect({{id: t.id, strength: toFloat(e.works)}}) AS top""",
        ),
        (
            NodeKind.INSTITUTION,
            """
  UNWIND $researchers AS center
  MATCH (:Researcher {id: center})-[a:AFFILIATED_WITH]->(i:Institution)
  WITH center, i, toFloat(size(coalesce(a.years, []))) AS years ORDER BY years DESC, i.id
  WITH center, collect({id: i.id, strength: years})[0..$perKind] AS top""",
        ),
    ),
    NodeKind.WORK: (
        (
            NodeKind.RESEARCHER,
            """
  UNWIND $works AS center
  MATCH (r)-[a:AUTHORED]->(:Work {id: center})
  WITH center, r, 1.0 / (1 + a.position) AS strength ORDER BY strength DESC, r.id
  WITH center, collect({id: r.id, strength: strength})[0..$perKind] AS top""",
        ),
        (
            NodeKind.TOPIC,
            """
  UNWIND $works AS center
  MATCH (:Work {id: center})-[a:ABOUT]->(t)
  WITH center, t, toFloat(coalesce(a.score, 0.0)) AS score ORDER BY score DESC, t.id
  WITH center, collect({id: t.id, strength: score})[0..$perKind] AS top""",
        ),
        (
            NodeKind.WORK,
            f"""
  UNWIND $works AS center
  MATCH (w:Work {{id: center}})
  CALL (w, center) {{
    MATCH (w)-[:CITES]->(o) WHERE o <> w
    RETURN o
    UNION ALL
    CALL (center) {{ {_MOST_CITED_CITING} }}
    WITH w, o WHERE o <> w
    RETURN o
  }}
  WITH center, o ORDER BY o.citationCount DESC, o.id
  WITH center, collect(DISTINCT {{id: o.id, strength: toFloat(o.citationCount)}})[0..$perKind]
       AS top""",
        ),
    ),
    NodeKind.TOPIC: (
        (
            NodeKind.WORK,
            f"""
  UNWIND $topics AS center
  CALL (center) {{ {_MOST_CITED_ON_TOPIC} }}
  WITH center, w ORDER BY w.citationCount DESC, w.id
  WITH center, collect({{id: w.id, strength: toFloat(w.citationCount)}})[0..$perKind] AS top""",
        ),
    ),
    NodeKind.INSTITUTION: (
        (
            NodeKind.RESEARCHER,
            """
  UNWIND $institutions AS center
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(:Institution {id: center})
  WITH center, r, toFloat(size(coalesce(a.years, []))) AS years ORDER BY years DESC, r.id
  WITH center, collect({id: r.id, strength: years})[0..$perKind] AS top""",
        ),
    ),
}


def _branch(kind: NodeKind, ranked: str) -> str:
    return f"{ranked}\n  RETURN center, '{kind.value}' AS kind, [f IN top | [f.id, f.strength]] AS found\n"


@cache
def neighbours_query(kinds: frozenset[NodeKind]) -> str:
    """The strongest neighbours of centers of these kinds, each kind's centers in its
    parameter (`$researchers`, `$works`, `$topics`, `$institutions`): one record,
    `rings`, a list of [center, kind, [[id, strength], ...]]. One record, not one per
    center and kind: the driver's cost is per record (a depth-2 slice's second ring
    was 688 records, half its read). Ids and strengths only: the slice keeps a few
    hundred of the thousands, and reads their labels then (`node_labels`)."""
    branches = [
        _branch(found, ranked)
        for kind in NodeKind
        if kind in kinds
        for found, ranked in _BRANCHES.get(kind, ())
    ]
    return (
        "CALL () {"
        + "  UNION ALL".join(branches)
        + "}\nRETURN collect([center, kind, found]) AS rings\n"
    )


def _ids_of(kind: NodeKind) -> str:
    """The parameter holding the ids of a kind: `researchers`, `works`, ..."""
    return f"{kind.value.lower()}s"


def _by_kind(ids: Sequence[str]) -> dict[str, list[str]]:
    """`ids` (each once, in order) under the parameter of their kind."""
    found: dict[str, list[str]] = {_ids_of(kind): [] for kind in NAMED}
    for node_id in dict.fromkeys(ids):
        found[_ids_of(kind_of(node_id))].append(node_id)
    return found


# A group's labels: its ids looked up by kind, each under its label.
_LABELS = "    UNION ALL".join(
    f"""
    UNWIND g.{_ids_of(kind)} AS id
    MATCH (n:{label} {{id: id}})
    RETURN id, n.{name} AS label
"""
    for kind, (label, name) in NAMED.items()
)
# A group's edges; every branch returns source, target, kind, weight. Both ends of
# AUTHORED are sought by id, then joined (expand-into): walking from the researcher
# instead reads every work of a prolific one. COAUTHOR reads the ranking kept on
# each researcher (`graph.SLICE_COAUTHOR_EDGES`), not their every co-author. CITES is
# walked from the citing end: a reference list is short, a popular work's citations
# are not.
_EDGES = """
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
"""
# One row per group: its labels and its edges, each aggregated inside its call (a
# group without edges keeps its row). One round trip: the labels ride with the edges.
DRAW_SLICES = f"""
UNWIND range(0, size($groups) - 1) AS group
WITH group, $groups[group] AS g
CALL (g) {{
  CALL (g) {{{_LABELS}  }}
  RETURN collect([id, label]) AS labels
}}
WITH group, labels, g.center AS center, g.ids AS ids
CALL (center, ids) {{
  CALL (center, ids) {{{_EDGES}  }}
  RETURN collect([source, target, kind, weight]) AS edges
}}
RETURN group, labels, edges
"""


# Enum members by value: a slice reads thousands of rows, and `EdgeKind(value)` costs
# ten times a dictionary lookup.
_NODE_KINDS = {kind.value: kind for kind in NodeKind}
_EDGE_KINDS = {kind.value: kind for kind in EdgeKind}


_new_edge = builder(EdgeRecord)
_new_neighbour = builder(NeighbourRecord)


async def neighbours(
    connection: Connection, ids: Sequence[str], per_kind: int
) -> list[list[NeighbourRecord]]:
    by_kind = _by_kind(ids)
    params = {**by_kind, "perKind": min(per_kind, NEIGHBOUR_CAP)}
    asked = frozenset(kind for kind in NAMED if by_kind[_ids_of(kind)])
    (row,) = await connection.read(neighbours_query(asked), params)
    return rings(row["rings"], ids)


def rings(found: list[list[Any]], centers: Sequence[str]) -> list[list[NeighbourRecord]]:
    """Each center's neighbours from the `rings` of `neighbours_query`, in the shared
    order; `[]` for a center with none."""
    grouped: dict[str, list[NeighbourRecord]] = defaultdict(list)
    for center, kind, ring in found:
        node_kind = _NODE_KINDS[kind]
        grouped[center] += [_new_neighbour([i, node_kind, strength]) for i, strength in ring]
    return [sorted(grouped.get(c, ()), key=neighbour_order) for c in centers]


async def draw_slices(
    connection: Connection, requests: Sequence[SliceRequest]
) -> list[SliceDrawing]:
    groups = [{"center": r.center, "ids": list(r.ids), **_by_kind(r.ids)} for r in requests]
    params = {"groups": groups, "coauthorEdges": SLICE_COAUTHOR_EDGES}
    drawings = [SliceDrawing(dict.fromkeys(r.ids), []) for r in requests]
    for row in await connection.read(DRAW_SLICES, params):
        edges = [
            _new_edge([source, target, _EDGE_KINDS[kind], weight])
            for source, target, kind, weight in row["edges"]
        ]
        drawing = drawings[row["group"]]
        drawing.labels.update(row["labels"])
        drawing.edges.extend(sorted(edges, key=edge_order))
    return drawings
