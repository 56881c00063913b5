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
from researchgraph.graphstore.pages import HIGHEST_KEY, LOWEST_KEY, WorkOrder
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
    owner, work = _ends(HOPS[relationship.type], start, end)  # the swap undoes itself
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


def first_rows(works: WorkList, order: str, owner: str, n: str, limit: str) -> str:
    """The first `limit` works `n` of a list (no filter, no cursor) with their `key`,
    in order: `page_rows` over every key."""
    bounds = (str(LOWEST_KEY - 1), str(HIGHEST_KEY))
    return page_rows(works, order, owner, n, "true", bounds, None, limit)


def count(works: WorkList, owner: str, n: str, matches: str, low: str, high: str) -> str:
    """How many works of the list `matches` admits, walking the newest-first index
    between the keys `low` and `high` (the filter's years, `pages.key_range`)."""
    prop = KEYS[WorkOrder.YEAR_DESC]
    r = f"{n}_kept"
    where = f"{r}.{prop} >= {low} AND {r}.{prop} <= {high} AND {r}.{WORK_ID} IS NOT NULL"
    return f"COUNT {{ {_walk(works, prop, owner, n, r, where)} AND {matches} }}"


# A topic's researchers, ranked by their works on it: RESEARCHES (refreshed with each
# researcher, `writes.REFRESH_RESEARCHERS`) carries the topic's id, the researcher's
# and the ranking's key, so a topic's leading researchers are an index walk, not a
# sort of every researcher of a hub topic.
RESEARCHER_ID = "listResearcher"
WORKS_KEY = "worksDescKey"
RESEARCHES_COLUMNS = (OWNER, RESEARCHER_ID, f"{WORKS_KEY}:long")
RESEARCHES_INDEX = (
    f"CREATE RANGE INDEX researches_{WORKS_KEY} IF NOT EXISTS "
    f"FOR ()-[r:RESEARCHES]-() ON (r.{OWNER}, r.{WORKS_KEY}, r.{RESEARCHER_ID})"
)
# And a researcher's topics, ranked the same way: a prolific one researches most of
# the graph's topics (190 of 200 at `medium`), which a slice sorted for each.
RESEARCHER_TOPICS_INDEX = (
    f"CREATE RANGE INDEX researcher_topics_{WORKS_KEY} IF NOT EXISTS "
    f"FOR ()-[r:RESEARCHES]-() ON (r.{RESEARCHER_ID}, r.{WORKS_KEY}, r.{OWNER})"
)


def rank_researches(e: str, researcher: str, topic: str, works: str) -> str:
    """SET items ranking the RESEARCHES `e` by the `works` on its topic."""
    return (
        f"{e}.{OWNER} = {topic}.id, {e}.{RESEARCHER_ID} = {researcher}.id, "
        f"{e}.{WORKS_KEY} = -{works}"
    )


def researches_values(topic: str, researcher: str, works: int) -> list[object]:
    """What `rank_researches` sets, in `RESEARCHES_COLUMNS`' order."""
    return [topic, researcher, -works]


def leading_topics(researcher: str, e: str, limit: str) -> str:
    """The RESEARCHES `e` of the `limit` topics the researcher with id `researcher`
    has most works on, then by id: a walk of `RESEARCHER_TOPICS_INDEX`."""
    return (
        f"MATCH ()-[{e}:RESEARCHES]->() "
        f"USING INDEX SEEK {e}:RESEARCHES({RESEARCHER_ID}, {WORKS_KEY}, {OWNER}) "
        f"WHERE {e}.{RESEARCHER_ID} = {researcher} AND {e}.{WORKS_KEY} < 0 "
        f"AND {e}.{OWNER} IS NOT NULL "
        f"WITH {e} ORDER BY {e}.{RESEARCHER_ID}, {e}.{WORKS_KEY}, {e}.{OWNER} "
        f"LIMIT {limit} RETURN {e}"
    )


def leading_researchers(topic: str, o: str, limit: str) -> str:
    """The `limit` researchers `o` with most works on the topic with id `topic`, then
    by id."""
    e = f"{o}_kept"
    return (
        f"MATCH ({o})-[{e}:RESEARCHES]->() "
        f"USING INDEX SEEK {e}:RESEARCHES({OWNER}, {WORKS_KEY}, {RESEARCHER_ID}) "
        f"WHERE {e}.{OWNER} = {topic} AND {e}.{WORKS_KEY} < 0 "
        f"AND {e}.{RESEARCHER_ID} IS NOT NULL "
        f"WITH {o}, {e} ORDER BY {e}.{OWNER}, {e}.{WORKS_KEY}, {e}.{RESEARCHER_ID} "
        f"LIMIT {limit} RETURN {o}"
    )


# Whether a researcher researches a topic or publishes in a venue: RESEARCHES and
# PUBLISHES_IN carry both ends' ids under an index on (researcher, other), so the
# check is one index seek. Between two bound nodes Neo4j expands one of them: a
# prolific researcher's hundreds of venues, for each check (`similar` made 123k
# database hits of them at `medium`).
MEMBERSHIPS = ("RESEARCHES", "PUBLISHES_IN")
MEMBERSHIP_COLUMNS = (OWNER, RESEARCHER_ID)
MEMBERSHIP_INDEXES: tuple[str, ...] = tuple(
    f"CREATE RANGE INDEX {kind.lower()}_membership IF NOT EXISTS "
    f"FOR ()-[r:{kind}]-() ON (r.{RESEARCHER_ID}, r.{OWNER})"
    for kind in MEMBERSHIPS
)


def stamp_membership(e: str, researcher: str, other: str) -> str:
    """SET items keeping the PUBLISHES_IN `e` from `researcher` to `other` checkable."""
    return f"{e}.{OWNER} = {other}.id, {e}.{RESEARCHER_ID} = {researcher}.id"


def membership_values(researcher: str, other: str) -> list[object]:
    """What `stamp_membership` sets, in `MEMBERSHIP_COLUMNS`' order."""
    return [other, researcher]


def holds(kind: str, researcher: str, other: str) -> str:
    """Whether the researcher with id `researcher` has a `kind` relationship to the
    node with id `other`: an index seek."""
    assert kind in MEMBERSHIPS
    e = f"{kind.lower()}_held"
    return (
        f"EXISTS {{ MATCH ()-[{e}:{kind}]->() "
        f"USING INDEX SEEK {e}:{kind}({RESEARCHER_ID}, {OWNER}) "
        f"WHERE {e}.{RESEARCHER_ID} = {researcher} AND {e}.{OWNER} = {other} }}"
    )
