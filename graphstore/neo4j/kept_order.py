"""Lists of works kept in order as works change (`WorkListSpec.kept_order`).

Each relationship of such a list carries its owner's id, its work's id and the work's
key in every order (`pages.order_key`), under one range index per order on (owner,
key, work). A page is then a walk along one index from its cursor: as long as the
page, whatever the size of the list (a sort of the owner's every work took 0.3 s on a
topic of 100k works). Writes stamp a relationship as they link it and restamp a
work's when its year or citation count change; the bulk import writes the same values
(`stamp_values`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from researchgraph.graphstore.model import (
    WORK_LISTS,
    Direction,
    Hop,
    Relationship,
    WorkList,
)
from researchgraph.graphstore.neo4j.sort_keys import order_key
from researchgraph.graphstore.pages import WorkOrder
from researchgraph.graphstore.pages import order_key as key_value

OWNER = "listOwner"
WORK_ID = "listWork"
# The relationship property holding a work's key in each order.
KEYS: Mapping[WorkOrder, str] = MappingProxyType(
    {
        WorkOrder.YEAR_DESC: "yearDescKey",
        WorkOrder.YEAR_ASC: "yearAscKey",
        WorkOrder.CITATIONS_DESC: "citationsDescKey",
    }
)

# Each kept list's one hop, by its relationship's type (`model.check`: one per type).
HOPS: Mapping[str, Hop] = MappingProxyType(
    {
        spec.hops[0].relationship.type: spec.hops[0]
        for spec in WORK_LISTS.values()
        if spec.kept_order
    }
)


def is_kept(works: WorkList) -> bool:
    return WORK_LISTS[works].kept_order


def order_of(order: str) -> WorkOrder:
    """A request's order; an unknown one is newest first, as `pages.order_key`."""
    return WorkOrder(order) if order in WorkOrder.__members__ else WorkOrder.YEAR_DESC


def key_property(order: str) -> str:
    return KEYS[order_of(order)]


def _ends(hop: Hop, owner: str, work: str) -> tuple[str, str]:
    """(start, end) of the hop's relationship, given its owner's and work's names."""
    return (owner, work) if hop.direction is Direction.OUT else (work, owner)


def stamp(relationship: Relationship, r: str, start: str, end: str) -> str:
    """SET items keeping `r`, from the node `start` to `end`, in its list's order."""
    hop = HOPS[relationship.type]
    owner, work = (start, end) if hop.direction is Direction.OUT else (end, start)
    keys = (f"{r}.{prop} = {order_key(work, order)}" for order, prop in KEYS.items())
    return ", ".join((f"{r}.{OWNER} = {owner}.id", f"{r}.{WORK_ID} = {work}.id", *keys))


def stamp_values(owner: str, work: str, year: int | None, citations: int) -> list[object]:
    """What `stamp` sets, in `STAMP_COLUMNS`' order: for the bulk import's files."""
    return [owner, work, *(key_value(year, citations, order) for order in KEYS)]


STAMP_COLUMNS = (OWNER, WORK_ID, *(f"{prop}:long" for prop in KEYS.values()))


def restamp(n: str) -> str:
    """Unit subqueries restamping every kept relationship of the work `n`."""
    calls = []
    for kind, hop in HOPS.items():
        start, end = _ends(hop, "owner", n)
        pattern = f"({start})-[kept:{kind}]->({end})"
        relationship = hop.relationship
        calls.append(
            f"CALL ({n}) {{ MATCH {pattern} SET {stamp(relationship, 'kept', start, end)} }}"
        )
    return "\n".join(calls)


INDEXES: tuple[str, ...] = tuple(
    f"CREATE RANGE INDEX {kind.lower()}_{prop} IF NOT EXISTS "
    f"FOR ()-[r:{kind}]-() ON (r.{OWNER}, r.{prop}, r.{WORK_ID})"
    for kind in HOPS
    for prop in KEYS.values()
)


def _walk(works: WorkList, prop: str, owner: str, n: str, r: str, where: str) -> str:
    """The kept relationships of the list of the owner with id `owner`, from the work
    end `n`, through `prop`'s index, meeting `where`, in index order."""
    hop = WORK_LISTS[works].hops[0]
    start, end = _ends(hop, "", n)
    kind = hop.relationship.type
    return (
        f"MATCH ({start})-[{r}:{kind}]->({end}) "
        f"USING INDEX SEEK {r}:{kind}({OWNER}, {prop}, {WORK_ID}) "
        f"WHERE {r}.{OWNER} = {owner} AND {where}"
    )


def page_rows(
    works: WorkList,
    order: str,
    owner: str,
    n: str,
    matches: str,
    bounds: tuple[str, str],
    after: tuple[str, str] | None,
    limit: str,
    pair: bool = False,
) -> str:
    """Walks returning `n, key` in order (as one `[n, key]` if `pair`, for a
    COLLECT), at most `limit` each: with a cursor `after` (its key and id), the ties
    of its key past its id, then the keys within `bounds` (the exclusive lower key,
    past the cursor, and the inclusive upper one). `matches` is the filter on `n`."""
    prop = key_property(order)
    r = f"{n}_kept"
    in_order = f"WITH {n}, {r} ORDER BY {r}.{OWNER}, {r}.{prop}, {r}.{WORK_ID} LIMIT {limit}"
    returned = f"RETURN [{n}, {r}.{prop}]" if pair else f"RETURN {n}, {r}.{prop} AS key"
    above, up_to = bounds
    walks = [
        f"{r}.{prop} > {above} AND {r}.{prop} <= {up_to} AND {r}.{WORK_ID} IS NOT NULL",
    ]
    if after is not None:
        after_key, after_id = after
        walks.insert(0, f"{r}.{prop} = {after_key} AND {r}.{WORK_ID} > {after_id}")
    return " UNION ALL ".join(
        f"{_walk(works, prop, owner, n, r, where)} AND {matches} {in_order} {returned}"
        for where in walks
    )


def count(works: WorkList, owner: str, n: str, matches: str, low: str, high: str) -> str:
    """How many works of the list `matches` admits, walking the newest-first index
    between the keys `low` and `high` (the filter's years, `pages.key_range`)."""
    prop = KEYS[WorkOrder.YEAR_DESC]
    r = f"{n}_kept"
    where = f"{r}.{prop} >= {low} AND {r}.{prop} <= {high} AND {r}.{WORK_ID} IS NOT NULL"
    return f"COUNT {{ {_walk(works, prop, owner, n, r, where)} AND {matches} }}"
