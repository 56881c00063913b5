"""How versions of one entity's record combine, the same for both stores and for
versions met in one batch or across loads:

- of two versions (by the source's `updated`; an unknown `updated` is never older),
  the newer one's known fields win, and the older one fills what the newer leaves
  unknown: no load loses a value the source gave;
- a mention (an entity named inside another's record, e.g. a work's author) only fills
  fields nothing stated yet.

The memory store applies these to what it holds; the Neo4j store folds each batch with
them and writes with the same comparison in Cypher (`neo4j/writes.py`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)

E = TypeVar("E", ResearcherRecord, WorkRecord, TopicRecord, InstitutionRecord, SourceRecord)
Rule = Callable[[E, E], E]


def older(record: E, than: E) -> bool:
    return record.updated is not None and than.updated is not None and record.updated < than.updated


# `dataclasses.fields` rebuilds its tuple on every call (5% of an embedded load).
_FIELD_NAMES = {
    kind: tuple(f.name for f in dataclasses.fields(kind))
    for kind in (ResearcherRecord, WorkRecord, TopicRecord, InstitutionRecord, SourceRecord)
}


def fill(record: E, source: E) -> E:
    """`record`, with its unknown (None) fields taken from `source`."""
    missing: dict[str, Any] = {
        name: found
        for name in _FIELD_NAMES[type(record)]
        if getattr(record, name) is None and (found := getattr(source, name)) is not None
    }
    return dataclasses.replace(record, **missing) if missing else record


def combined(held: E, arriving: E) -> E:
    """One entity's record once `arriving` meets the `held` one."""
    return fill(held, arriving) if older(arriving, held) else fill(arriving, held)


def merge_into(table: dict[str, E], records: Iterable[E], rule: Rule[E] = combined) -> None:
    """`records` into `table` (by id), one by one: `combined` for an entity's own
    records, `fill` for mentions."""
    for record in records:
        held = table.get(record.id)
        table[record.id] = record if held is None else rule(held, record)


def folded(records: Iterable[E], rule: Rule[E] = combined) -> list[E]:
    """One record per id, as merging `records` one by one leaves them."""
    kept: dict[str, E] = {}
    merge_into(kept, records, rule)
    return list(kept.values())
