"""Folds repeats of one entity within a batch into one row, as a sequential load
would: one `UNWIND` statement may read every row before writing any (an eager plan),
so two rows for one node must not rely on seeing each other's writes."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from researchgraph.graphstore.records import (
    InstitutionRecord,
    ResearcherRecord,
    SourceRecord,
    TopicRecord,
    WorkRecord,
)

E = TypeVar("E", ResearcherRecord, WorkRecord, TopicRecord, InstitutionRecord, SourceRecord)


def newest(records: list[E]) -> list[E]:
    """One record per id: the newest version (by `updated`; on a tie, the later one),
    with fields it leaves unknown taken from the versions it replaces."""
    kept: dict[str, E] = {}
    for record in records:
        old = kept.get(record.id)
        if old is None:
            kept[record.id] = record
        elif (
            record.updated is not None and old.updated is not None and record.updated < old.updated
        ):
            kept[record.id] = _fill(old, record)
        else:
            kept[record.id] = _fill(record, old)
    return list(kept.values())


def first_mentions(records: list[E]) -> list[E]:
    """One mention per id: each field from the first mention that states it."""
    kept: dict[str, E] = {}
    for record in records:
        old = kept.get(record.id)
        kept[record.id] = record if old is None else _fill(old, record)
    return list(kept.values())


def _fill(record: E, source: E) -> E:
    """`record`, with its unknown (None) fields taken from `source`."""
    missing: dict[str, Any] = {
        f.name: getattr(source, f.name)
        for f in dataclasses.fields(record)
        if getattr(record, f.name) is None and getattr(source, f.name) is not None
    }
    return dataclasses.replace(record, **missing) if missing else record
