"""Records built from Neo4j rows (`properties.from_row`) are the records their
constructors build: every field set, nothing skipped that a constructor would do."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from researchgraph.graphstore import graph, records
from researchgraph.graphstore.neo4j.properties import from_row

RECORD_CLASSES = [
    cls
    for module in (records, graph)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
]


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
def test_rows_build_the_records_constructors_build(cls: type) -> None:
    # `from_row` sets slots directly: a record must not check or derive anything.
    assert "__slots__" in vars(cls) and not hasattr(cls, "__post_init__")
    fields = dataclasses.fields(cls)
    # A list in the graph is a tuple in a record.
    row = [[f.name] if "tuple" in str(f.type) else f"value of {f.name}" for f in fields]
    values = [tuple(v) if isinstance(v, list) else v for v in row]
    built = from_row(cls, row)
    assert built == cls(*values)
    assert [getattr(built, f.name) for f in fields] == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, fields[0].name, None)
