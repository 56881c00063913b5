"""Values as the CSV of Neo4j's offline importer: a header naming each property with
its type (`name:long[]`), fields quoted as it reads them, one file per label or type."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from researchgraph.graphstore.neo4j.properties import camel

# Between the elements of a list property: the unit separator, which no text the
# graph holds contains (a comma or semicolon would split keywords and names).
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"


def property_type(annotation: str) -> str:
    """The importer's type for a record field's annotation (strings need none)."""
    for python, neo4j in (
        ("tuple[int", ":long[]"),
        ("tuple[str", ":string[]"),
        ("bool", ":boolean"),
        ("int", ":long"),
        ("float", ":double"),
    ):
        if python in annotation:
            return neo4j
    return ""


def record_columns(cls: type[Any], skip: frozenset[str]) -> list[tuple[str, str]]:
    """(field, header column) of each stored field of a record class."""
    return [
        (f.name, camel(f.name) + property_type(str(f.type)))
        for f in dataclasses.fields(cls)
        if f.name not in skip
    ]


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def field(value: Any) -> str:
    """One CSV field: nothing for None (no property) or an empty list (which the
    importer cannot store; reads take a missing list as empty)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return _text(ARRAY_DELIMITER.join(map(str, value))) if value else ""
    return str(value)


class CsvFile:
    """One importer input file with its header; notes whether any text spans lines
    (the importer then needs `--multiline-fields`, which reads more slowly)."""

    def __init__(self, path: Path, header: Iterable[str]) -> None:
        self.path = path
        self.rows = 0
        self.multiline = False
        self._file = path.open("w", encoding="utf-8", newline="")
        self._file.write(",".join(header) + "\n")

    def write(self, values: Sequence[Any]) -> None:
        line = ",".join(map(field, values))
        if "\n" in line or "\r" in line:
            self.multiline = True
        self._file.write(line + "\n")
        self.rows += 1

    def __enter__(self) -> CsvFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._file.close()
