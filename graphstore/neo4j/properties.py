"""Record fields <-> node properties: snake_case in Python, camelCase in the graph."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

R = TypeVar("R")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def to_properties(record: object, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Known (non-None) fields only: `SET n += props` then never erases a value."""
    return {
        camel(f.name): value
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.name not in skip and (value := getattr(record, f.name)) is not None
    }


def from_properties(cls: type[R], properties: dict[str, Any]) -> R:
    """Lists come back as tuples, as the records hold them."""
    values = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if (key := camel(f.name)) in properties:
            value = properties[key]
            values[f.name] = tuple(value) if isinstance(value, list) else value
    return cls(**values)
