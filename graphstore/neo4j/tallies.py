"""Lists of works tallied by year and type as works change (`WorkListSpec.tallied`).

A `WorkTally` node per (list, owner, year, type) holds how many of the owner's works
have that year and type, and their citations. A facet by year or type of a topic's
or venue's works, and the total of a list filtered by years and types (the only
filters a list takes), add up an owner's few hundred tallies at most, where a count
read every work of the list (0.6 s for a venue of 100k works).

Tallies are worked out again, for each owner whose list a load may have changed,
when the load's refresh runs (`writes.refresh`): from the list itself, so they cannot
drift from it. The owners are those of the loaded works before the load (a work may
leave a venue or an institution) and after it. A bulk import leaves them to
`migrate` (`migrations.BACKFILLS`), which runs the same statement for every owner.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import MappingProxyType

from researchgraph.graphstore.model import WORK_LISTS, WorkList
from researchgraph.graphstore.neo4j.connection import Connection, Rows
from researchgraph.graphstore.neo4j.patterns import path

LABEL = "WorkTally"
TALLIED: tuple[WorkList, ...] = tuple(works for works, spec in WORK_LISTS.items() if spec.tallied)

INDEX = f"CREATE INDEX work_tally_owner IF NOT EXISTS FOR (t:{LABEL}) ON (t.list, t.owner)"

# Owners per refreshing transaction: a hub topic's tallies read its every work.
REFRESH_BATCH = 50

Owners = Mapping[WorkList, Collection[str]]


def _tallies(works: WorkList, t: str, owner: str) -> str:
    """The node pattern of the tallies `t` of the list of the owner with id `owner`."""
    return f"({t}:{LABEL} {{list: '{works.value}', owner: {owner}}})"


def _owner(works: WorkList, o: str) -> str:
    """The node pattern of a list's owner `o`."""
    return f"({o}:{WORK_LISTS[works].owner})"


# The owners of the tallied lists these works are in, as (list, owner) rows.
OWNERS_OF = "\nUNION\n".join(
    f"UNWIND $works AS id MATCH (n:Work {{id: id}}) "
    f"MATCH {path(WORK_LISTS[works], _owner(works, 'o'), 'n', labelled=False)} "
    f"RETURN '{works.value}' AS list, o.id AS owner"
    for works in TALLIED
)


def _refresh(works: WorkList) -> str:
    """Each owner's tallies worked out from its list: kept where a (year, type) still
    has works, gone where none has. The owner is locked first, so that two refreshes
    of one owner take turns."""
    spec = WORK_LISTS[works]
    key = f"'{works.value}:' + o.id + ':' + coalesce(toString(year), '') + ':' + coalesce(type, '')"
    return f"""
UNWIND $owners AS id
MATCH {_owner(works, "o")} WHERE o.id = id
WITH o ORDER BY o.id
SET o.writeLock = true
REMOVE o.writeLock
WITH o
CALL (o) {{
  OPTIONAL MATCH {path(spec, "(o)", "n")}
  WITH o, n.year AS year, n.type AS type, count(n) AS works,
       coalesce(sum(n.citationCount), 0) AS citations
  WHERE works > 0
  WITH o, {key} AS key, year, type, works, citations
  MERGE (t:{LABEL} {{id: key}})
  SET t.list = '{works.value}', t.owner = o.id, t.year = year, t.type = type,
      t.works = works, t.citations = citations
  RETURN collect(key) AS kept
}}
CALL (o, kept) {{
  MATCH {_tallies(works, "t", "o.id")} WHERE NOT t.id IN kept
  DELETE t
}}
"""


REFRESH: Mapping[WorkList, str] = MappingProxyType({works: _refresh(works) for works in TALLIED})


def owners_of(rows: Rows) -> dict[WorkList, set[str]]:
    """`OWNERS_OF`'s rows, by list."""
    found: dict[WorkList, set[str]] = {}
    for row in rows:
        found.setdefault(WorkList(row["list"]), set()).add(row["owner"])
    return found


async def refresh(connection: Connection, owners: Owners) -> None:
    """The tallies of these owners' lists, a batch of owners per transaction."""
    for works, ids in owners.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), REFRESH_BATCH):
            batch = ordered[start : start + REFRESH_BATCH]
            await connection.write_query(REFRESH[works], owners=batch)


def total(works: WorkList, owner: str, t: str, matches: str) -> str:
    """How many works of the list of the owner with id `owner` the filter admits:
    `matches`, the filter written on the tally `t` (its `year` and `type`)."""
    counts = f"COLLECT {{ MATCH {_tallies(works, t, owner)} WHERE {matches} RETURN {t}.works }}"
    return f"reduce({t}_total = 0, {t}_works IN {counts} | {t}_total + {t}_works)"


def facet_rows(works: WorkList, owner: str, matches: str, key: str) -> str:
    """Rows of `key`, `named` (null: the key is its own label), `count`, `citations`
    from the tallies `t` of the list of the owner with id `owner` that `matches`
    admits, `key` an expression of `t`."""
    return (
        f"MATCH {_tallies(works, 't', owner)} WHERE {matches} "
        f"WITH {key} AS key, sum(t.works) AS count, sum(t.citations) AS citations "
        "RETURN key, null AS named, count, citations"
    )
