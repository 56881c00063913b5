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


_PROPERTY_NAMES: dict[type[Any], tuple[tuple[str, str], ...]] = {}


def _property_names(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """(field, property) pairs of a record class, worked out once per class."""
    names = _PROPERTY_NAMES.get(cls)
    if names is None:
        names = _PROPERTY_NAMES[cls] = tuple(
            (f.name, camel(f.name)) for f in dataclasses.fields(cls)
        )
    return names


def from_properties(cls: type[R], properties: dict[str, Any]) -> R:
    """Lists come back as tuples, as the records hold them."""
    values = {}
    for name, key in _property_names(cls):
        if key in properties:
            value = properties[key]
            values[name] = tuple(value) if type(value) is list else value
    return cls(**values)
