"""Facet buckets in Cypher: one query per store call, a `UNION ALL` branch for each
(list, facet) pair the batch asks for, each branch built from fixed fragments (the
list's pattern, the filter, the facet's pattern) with every value a parameter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from researchgraph.graphstore.facets import (
    NEIGHBOUR_FACET_WORKS,
    NEIGHBOUR_FACETS,
    FacetBucketRecord,
    FacetRequest,
    InstitutionFacetRequest,
    WorkFacet,
)
from researchgraph.graphstore.model import (
    WORK_AUTHORS,
    WORK_INSTITUTIONS,
    WORK_LISTS,
    WORK_TOPICS,
    WORK_VENUE,
    WorkList,
)
from researchgraph.graphstore.neo4j import kept_order, tallies
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.pages import work_filter
from researchgraph.graphstore.neo4j.patterns import owner_node, path, step
from researchgraph.graphstore.neo4j.sort_keys import order_key
from researchgraph.graphstore.pages import WorkOrder, key_range

# A facet by a neighbour: each work `n` with the neighbour `f` whose id keys its
# bucket and whose name labels it.
_NEIGHBOURS = {
    WorkFacet.TOPIC: WORK_TOPICS,
    WorkFacet.VENUE: WORK_VENUE,
    WorkFacet.INSTITUTION: WORK_INSTITUTIONS,
    WorkFacet.AUTHOR: WORK_AUTHORS,
}
# A facet by a value of the work's own: each work `n` with its bucket's `key`, which
# is its label too.
_OWN_VALUES = {
    WorkFacet.YEAR: "WITH n WHERE n.year IS NOT NULL WITH DISTINCT n, toString(n.year) AS key",
    WorkFacet.TYPE: "WITH DISTINCT n, n.type AS key",
}
_TOTALS = "count(n) AS count, sum(n.citationCount) AS citations"

_FILTER = work_filter("n", "req.yearFrom", "req.yearTo", "req.types")


def _list(works: WorkList) -> str:
    """The works `n` of `req.owner`'s list, as declared."""
    spec = WORK_LISTS[works]
    return path(spec, owner_node(spec, "req.owner"), "n")


def _counted(works: WorkList, facet: WorkFacet) -> str:
    """The works `n` a facet counts: every matching one, or the newest for a facet by
    a neighbour (`graphstore.facets`), along the kept order where the list has one."""
    if facet not in NEIGHBOUR_FACETS:
        return f"MATCH {_list(works)} WHERE {_FILTER}"
    if kept_order.is_kept(works):
        bounds = ("req.above", "req.upTo")
        walk = kept_order.page_rows(
            works, WorkOrder.YEAR_DESC, "req.owner", "n", _FILTER, bounds, None, "$counted"
        )
        return f"CALL (req) {{ {walk} }}"
    return (
        f"MATCH {_list(works)} WHERE {_FILTER} "
        f"WITH DISTINCT n ORDER BY {order_key('n', WorkOrder.YEAR_DESC)}, n.id LIMIT $counted"
    )


# A facet a tallied list reads from its tallies (`tallies`): the bucket of a tally `t`.
_TALLIED_FACETS: dict[WorkFacet, tuple[str, str]] = {
    WorkFacet.YEAR: ("toString(t.year)", "t.year IS NOT NULL"),
    WorkFacet.TYPE: ("t.type", "true"),
}


def _rows(works: WorkList, facet: WorkFacet) -> str:
    """Each bucket's `key`, `named` (the neighbour whose name labels it, or null),
    `count` and `citations`, in no order."""
    if WORK_LISTS[works].tallied and facet in _TALLIED_FACETS:
        key, kept = _TALLIED_FACETS[facet]
        matches = work_filter("t", "req.yearFrom", "req.yearTo", "req.types")
        return tallies.facet_rows(works, "req.owner", f"{kept} AND {matches}", key)
    counted = _counted(works, facet)
    if facet in _NEIGHBOURS:
        # Grouped by the neighbour itself: its id is read once a bucket, and its name
        # only for the buckets kept (a topic's 2,000 newest works have ~6,000 authors).
        return (
            f"{counted} MATCH {step(_NEIGHBOURS[facet], 'n', 'f')} WITH DISTINCT n, f "
            f"WITH f, {_TOTALS} RETURN f.id AS key, f AS named, count, citations"
        )
    return (
        f"{counted} {_OWN_VALUES[facet]} "
        f"WITH key, {_TOTALS} RETURN key, null AS named, count, citations"
    )


def _branch(works: WorkList, facet: WorkFacet) -> str:
    label = "b.named.name" if facet in _NEIGHBOURS else "b.key"
    return f"""
UNWIND ${works.value}_{facet.value} AS req
CALL (req) {{
  CALL (req) {{ {_rows(works, facet)} }}
  WITH key, named, count, citations
  ORDER BY count DESC, key
  WITH collect({{key: key, named: named, count: count, citations: citations}}) AS buckets
  RETURN [b IN buckets[0..req.limit] |
          {{key: b.key, label: {label}, count: b.count, citations: b.citations}}] AS buckets
}}
RETURN req.index AS index, buckets"""


def _parameters(index: int, request: FacetRequest) -> dict[str, Any]:
    wanted = request.selection.filter
    low, high = key_range(WorkOrder.YEAR_DESC, wanted)
    return {
        "above": low - 1,
        "upTo": high,
        "index": index,
        "owner": request.selection.owner,
        "limit": request.limit,
        "yearFrom": wanted.year_from if wanted else None,
        "yearTo": wanted.year_to if wanted else None,
        "types": list(wanted.types) if wanted and wanted.types is not None else None,
    }


def _buckets(found: list[dict[str, Any]]) -> list[FacetBucketRecord]:
    return [FacetBucketRecord(b["key"], b["label"], b["count"], b["citations"] or 0) for b in found]


def work_facets_query(requests: Sequence[FacetRequest]) -> tuple[str, dict[str, Any]]:
    """One query for any facets of any lists: a branch per (list, facet) asked for,
    each request's row keyed by its index."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    branches: dict[str, str] = {}
    for index, request in enumerate(requests):
        works = request.selection.works
        name = f"{works.value}_{request.facet.value}"
        groups[name].append(_parameters(index, request))
        branches.setdefault(name, _branch(works, request.facet))
    params: dict[str, Any] = {**groups, "counted": NEIGHBOUR_FACET_WORKS}
    return "\nUNION ALL\n".join(branches.values()), params


async def work_facets(
    connection: Connection, requests: Sequence[FacetRequest]
) -> list[list[FacetBucketRecord]]:
    if not requests:
        return []
    rows = await connection.read(*work_facets_query(requests))
    found = {row["index"]: _buckets(row["buckets"]) for row in rows}
    return [found.get(i, []) for i in range(len(requests))]


COLLABORATOR_INSTITUTIONS = """
UNWIND $requests AS req
CALL (req) {
  MATCH (r:Researcher {id: req.owner})-[:AUTHORED]->(w:Work)<-[:AUTHORED]-(c:Researcher)
        -[:AFFILIATED_WITH]->(f:Institution)
  WHERE c <> r
  WITH f, collect(DISTINCT c.id) AS people, collect(DISTINCT w) AS works
  WITH f.id AS key, f.name AS label, size(people) AS count,
       reduce(total = 0, w IN works | total + coalesce(w.citationCount, 0)) AS citations
  ORDER BY count DESC, key
  WITH collect({key: key, label: label, count: count, citations: citations}) AS buckets
  RETURN buckets[0..req.limit] AS buckets
}
RETURN req.index AS index, buckets
"""


async def collaborator_institutions(
    connection: Connection, requests: Sequence[InstitutionFacetRequest]
) -> list[list[FacetBucketRecord]]:
    params = [
        {"index": i, "owner": r.researcher_id, "limit": r.limit} for i, r in enumerate(requests)
    ]
    rows = await connection.read(COLLABORATOR_INSTITUTIONS, {"requests": params})
    found = {row["index"]: _buckets(row["buckets"]) for row in rows}
    return [found.get(i, []) for i in range(len(requests))]
