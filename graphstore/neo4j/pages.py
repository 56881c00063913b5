"""Keyset pages of works and researchers. Many owners' pages per query: each
request carries its own order, cursor, filter and limit as parameters; the patterns
and sort expressions are fixed text chosen by the store method, never by input."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

from researchgraph.graphstore.model import WORK_LISTS, WORK_VENUE, WorkList
from researchgraph.graphstore.neo4j import kept_order, tallies
from researchgraph.graphstore.neo4j.connection import Connection
from researchgraph.graphstore.neo4j.patterns import degree, owner_node, path, step
from researchgraph.graphstore.neo4j.properties import from_row, row_projection
from researchgraph.graphstore.neo4j.sort_keys import work_key
from researchgraph.graphstore.pages import (
    Page,
    PageRequest,
    PageRow,
    WorkOrder,
    WorksPageRequest,
    key_range,
    walk_bounds,
)
from researchgraph.graphstore.records import ResearcherRecord, WorkRecord

R = TypeVar("R")


def work_filter(n: str, year_from: str, year_to: str, types: str) -> str:
    return f"""({year_from} IS NULL OR {n}.year >= {year_from})
    AND ({year_to} IS NULL OR {n}.year <= {year_to})
    AND ({types} IS NULL OR {n}.type IN {types})"""


def work_projection(n: str, fields: frozenset[str] | None = None) -> str:
    """A `WorkRecord` as a row (`properties.from_row`), of `fields` only if given."""
    venue = f"head([{step(WORK_VENUE, n, 's')} | s.id])"
    return row_projection(WorkRecord, n, {"venue_id": venue}, fields)


def researcher_projection(n: str, fields: frozenset[str] | None = None) -> str:
    """A `ResearcherRecord` as a row, of `fields` only if given; only users claim (a
    degree check, no walk)."""
    claimed = f"EXISTS {{ ({n})<-[:CLAIMED]-() }}"
    return row_projection(ResearcherRecord, n, {"claimed": claimed}, fields)


_WORK_KEY = work_key("n", "req.order")
RESEARCHER_KEY = """CASE req.order
      WHEN 'CITATIONS_DESC' THEN -coalesce(n.citationCount, 0)
      ELSE -coalesce(n.worksCount, 0) END"""
_WANTED = ("req.yearFrom", "req.yearTo", "req.types")
_WORK_FILTER = work_filter("n", *_WANTED)
_WORK_PROJECTION = work_projection("n")
RESEARCHER_PROJECTION = researcher_projection("n")


def owned_pages_query(
    pattern: str, where: str, key: str, projection: str, requests: str = "$requests"
) -> str:
    # Pages are cut from the owner's sorted list in the database; the list is as long
    # as the owner's degree, which is what bounds this query's cost.
    return f"""
UNWIND {requests} AS req
CALL (req) {{
  MATCH {pattern}
  WHERE {where}
  WITH DISTINCT n
  WITH n, {key} AS key
  ORDER BY key, n.id
  WITH collect({{key: key, n: n}}) AS rows
  WITH size(rows) AS total, [row IN rows WHERE req.afterKey IS NULL OR row.key > req.afterKey
       OR (row.key = req.afterKey AND row.n.id > req.afterId)][0..req.limit + 1] AS page
  UNWIND (CASE page WHEN [] THEN [null] ELSE page END) AS row
  WITH total, row, row.n AS n
  RETURN total, collect(CASE WHEN n IS NULL THEN null ELSE {{key: row.key, n: {projection}}} END) AS page
}}
RETURN req.index AS index, total, page
"""


def _works_branch(works: WorkList) -> str:
    """The pages of one declared list, its requests in the parameter named after it."""
    spec = WORK_LISTS[works]
    pattern = path(spec, owner_node(spec, "req.owner"), "n")
    return owned_pages_query(pattern, _WORK_FILTER, _WORK_KEY, _WORK_PROJECTION, f"${works.value}")


def filtered_total(
    works: WorkList, owner: str, n: str, wanted: tuple[str, str, str], low: str, high: str
) -> str:
    """How many works of a list kept in order the filter `wanted` (its first and last
    year and types) admits: from the tallies where the list is tallied, else a walk
    of the filter's years (between the keys `low` and `high`) reading each work `n`."""
    if WORK_LISTS[works].tallied:
        t = f"{n}_tally"
        return tallies.total(works, owner, t, work_filter(t, *wanted))
    return kept_order.count(works, owner, n, work_filter(n, *wanted), low, high)


_UNFILTERED = "req.yearFrom IS NULL AND req.yearTo IS NULL AND req.types IS NULL"


def _kept_branch(works: WorkList, order: WorkOrder) -> str:
    """The pages in one order of a list kept in order (`kept_order`): a walk along
    the order's index per request, its total the owner's degree, or a walk of the
    filter's years. Requests in `$<list>_<order>`, the longest page in `…_limit`."""
    spec = WORK_LISTS[works]
    group = _group(works, order)
    rows = kept_order.page_rows(
        works,
        order,
        "req.owner",
        "n",
        _WORK_FILTER,
        ("req.above", "req.upTo"),
        ("req.afterKey", "req.afterId"),  # null past the first page: no ties
        f"${group}_limit",
    )
    counted = filtered_total(works, "req.owner", "n", _WANTED, "req.low", "req.high")
    return f"""
UNWIND ${group} AS req
CALL (req) {{
  OPTIONAL MATCH (owner:{spec.owner} {{id: req.owner}})
  RETURN CASE WHEN owner IS NULL THEN 0 WHEN {_UNFILTERED} THEN {degree(spec, "owner")}
         ELSE {counted} END AS total
}}
CALL (req) {{
  CALL (req) {{ {rows} }}
  WITH n, key ORDER BY key, n.id LIMIT ${group}_limit
  RETURN collect({{key: key, n: {_WORK_PROJECTION}}}) AS page
}}
RETURN req.index AS index, total, page
"""


def _group(works: WorkList, order: WorkOrder) -> str:
    return f"{works.value}_{order.value}"


WORKS_BRANCHES: Mapping[WorkList, str] = MappingProxyType(
    {works: _works_branch(works) for works in WorkList if not kept_order.is_kept(works)}
)
KEPT_BRANCHES: Mapping[tuple[WorkList, WorkOrder], str] = MappingProxyType(
    {
        (works, order): _kept_branch(works, order)
        for works in WorkList
        if kept_order.is_kept(works)
        for order in WorkOrder
    }
)
INSTITUTION_RESEARCHERS = owned_pages_query(
    "(n:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: req.owner})",
    "true",
    RESEARCHER_KEY,
    RESEARCHER_PROJECTION,
)

# The top-level list has no owner to bound it, so it sorts with a LIMIT instead.
ALL_RESEARCHERS = f"""
CALL () {{ MATCH (n:Researcher) RETURN count(n) AS total }}
CALL () {{
  MATCH (n:Researcher)
  WITH n, {RESEARCHER_KEY.replace("req.", "$")} AS key
  WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
  WITH n, key
  ORDER BY key, n.id
  LIMIT $limit
  RETURN collect({{key: key, n: {RESEARCHER_PROJECTION}}}) AS page
}}
RETURN total, page
"""


def _parameters(index: int, request: PageRequest) -> dict[str, Any]:
    wanted = request.filter
    above, up_to = walk_bounds(request.order, wanted, request.after)
    counted_low, counted_high = key_range(WorkOrder.YEAR_DESC, wanted)
    return {
        # Bounds of a walk in key order (`kept_order`): past the cursor, within the
        # filter's years; and of the count of the filter's years.
        "above": above,
        "upTo": up_to,
        "low": counted_low,
        "high": counted_high,
        "index": index,
        "owner": request.owner,
        "order": request.order,
        "limit": request.limit,
        "afterKey": request.after[0] if request.after else None,
        "afterId": request.after[1] if request.after else None,
        "yearFrom": wanted.year_from if wanted else None,
        "yearTo": wanted.year_to if wanted else None,
        "types": list(wanted.types) if wanted and wanted.types is not None else None,
    }


def _page(cls: type[R], row: dict[str, Any] | None, limit: int) -> Page[R]:
    if row is None:
        return Page(rows=[], total=0, has_next=False)
    found = [PageRow(item["key"], from_row(cls, item["n"])) for item in row["page"]]
    return Page(rows=found[:limit], total=row["total"], has_next=len(found) > limit)


async def owned_pages(
    connection: Connection, query: str, cls: type[R], requests: Sequence[PageRequest]
) -> list[Page[R]]:
    params = [_parameters(i, r) for i, r in enumerate(requests)]
    rows = {row["index"]: row for row in await connection.read(query, {"requests": params})}
    return [_page(cls, rows.get(i), r.limit) for i, r in enumerate(requests)]


def work_pages_query(requests: Sequence[WorksPageRequest]) -> tuple[str, dict[str, Any]]:
    """One query for pages of any declared lists: a branch per list (and per order,
    for a list kept in order) asked for, each request's row keyed by its index."""
    sorted_groups: dict[WorkList, list[dict[str, Any]]] = {}
    kept_groups: dict[tuple[WorkList, WorkOrder], list[dict[str, Any]]] = {}
    for index, request in enumerate(requests):
        row = _parameters(index, request.page)
        if kept_order.is_kept(request.works):
            order = kept_order.order_of(request.page.order)
            kept_groups.setdefault((request.works, order), []).append(row)
        else:
            sorted_groups.setdefault(request.works, []).append(row)
    branches = [WORKS_BRANCHES[works] for works in sorted_groups]
    branches += [KEPT_BRANCHES[group] for group in kept_groups]
    params: dict[str, Any] = {works.value: rows for works, rows in sorted_groups.items()}
    for (works, order), group in kept_groups.items():
        params[_group(works, order)] = group
        params[f"{_group(works, order)}_limit"] = max(row["limit"] for row in group) + 1
    return "\nUNION ALL\n".join(branches), params


async def work_pages(
    connection: Connection, requests: Sequence[WorksPageRequest]
) -> list[Page[WorkRecord]]:
    """Pages of any declared lists in one round trip."""
    if not requests:
        return []
    found = {row["index"]: row for row in await connection.read(*work_pages_query(requests))}
    return [_page(WorkRecord, found.get(i), r.page.limit) for i, r in enumerate(requests)]


async def institution_researchers(
    connection: Connection, requests: Sequence[PageRequest]
) -> list[Page[ResearcherRecord]]:
    return await owned_pages(connection, INSTITUTION_RESEARCHERS, ResearcherRecord, requests)


async def all_researchers(connection: Connection, request: PageRequest) -> Page[ResearcherRecord]:
    params = _parameters(0, request)
    params["limit"] = request.limit + 1
    rows = await connection.read(ALL_RESEARCHERS, params)
    return _page(ResearcherRecord, rows[0], request.limit)
