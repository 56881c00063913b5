"""The Strawberry internals the planner and the fast completion use
(`resolvers/strawberry_internals.py`), each checked on a schema of its own: when an
upgrade changes one, this fails, not a profile page."""

from __future__ import annotations

import enum
from typing import Any

import strawberry
from graphql.execution.executor import Executor

from researchgraph.resolvers.strawberry_internals import (
    ExecutionContext,
    converted_arguments,
    definition,
    metadata,
    method,
    raw_info,
    strawberry_info,
)


@strawberry.enum
class Order(enum.Enum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"


@strawberry.input
class Window:
    since: int | None = None


seen: dict[str, Any] = {}


@strawberry.type
class Query:
    plain: str = "as is"

    @strawberry.field(metadata={"marker": 42})
    def greeting(self, info: strawberry.Info, order: Order = Order.NEWEST) -> str:
        seen["info"] = info
        return f"hello {order.value}"

    @strawberry.field
    def windowed(self, window: Window) -> int:
        return window.since or 0


SCHEMA = strawberry.Schema(query=Query)
FIELDS = SCHEMA._schema.query_type.fields  # type: ignore[union-attr]


def test_definition_and_metadata() -> None:
    greeting = definition(FIELDS["greeting"])
    assert greeting.python_name == "greeting" and greeting.base_resolver is not None
    assert definition(FIELDS["plain"]).base_resolver is None
    assert metadata(FIELDS["greeting"]) == {"marker": 42}
    assert metadata(FIELDS["plain"]) == {}


def test_method_is_the_function_called_with_the_source() -> None:
    function = method(definition(FIELDS["greeting"]))
    assert function(Query(), info=None, order=Order.OLDEST) == "hello OLDEST"


def test_arguments_are_converted_as_strawberry_converts_them() -> None:
    converted = converted_arguments(
        SCHEMA._schema, definition(FIELDS["windowed"]), {"window": {"since": 2015}}
    )
    assert isinstance(converted["window"], Window) and converted["window"].since == 2015
    by_enum = converted_arguments(
        SCHEMA._schema, definition(FIELDS["greeting"]), {"order": Order.OLDEST}
    )
    assert by_enum == {"order": Order.OLDEST}


def test_infos_convert_both_ways() -> None:
    assert SCHEMA.execute_sync("{ greeting }").data == {"greeting": "hello NEWEST"}
    raw = raw_info(seen["info"])
    # graphql-core's info (a NamedTuple Strawberry extends): what planning reads of it.
    assert raw.field_name == "greeting" and raw.parent_type.name == "Query"
    assert raw.operation is not None and raw.fragments == {} and raw.field_nodes
    again = strawberry_info(raw, definition(FIELDS["greeting"]))
    assert again.field_name == "greeting" and raw_info(again) is raw


def test_the_execution_context_is_graphql_cores() -> None:
    """`schema.execution` overrides `execute_field` and calls these of graphql-core's."""
    assert issubclass(ExecutionContext, Executor)
    for name in ("execute_field", "build_resolve_info", "collect_subfields"):
        assert callable(getattr(ExecutionContext, name))
