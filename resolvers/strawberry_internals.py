"""The one seam to Strawberry's internals: planned reads (`resolvers.planning`) and the
fast completion of planned roots (`schema.execution`) need a few things Strawberry
has no public API for, and each is named here and nowhere else. An upgrade of
Strawberry or graphql-core is known-safe when `tests/test_strawberry_internals.py`
passes; verified with strawberry-graphql 0.341 and graphql-core 3.3."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import strawberry
from graphql import GraphQLField, GraphQLResolveInfo, GraphQLSchema
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments
from strawberry.types.field import StrawberryField

# graphql-core's execution context as Strawberry subclasses it; ours extends it.
ExecutionContext = StrawberryGraphQLCoreExecutionContext


def definition(field: GraphQLField) -> StrawberryField:
    """The Strawberry field a graphql-core field was built from."""
    found: StrawberryField = field.extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
    return found


def metadata(field: GraphQLField) -> Mapping[str, Any]:
    """What the field declared with `strawberry.field(metadata=…)`; nothing for a
    field Strawberry did not build (introspection's)."""
    declared = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return declared.metadata if declared is not None else {}


def method(field: StrawberryField) -> Callable[..., Any]:
    """The function a resolver method wraps, to call with the source as `self`."""
    resolver = field.base_resolver
    assert resolver is not None and callable(resolver.wrapped_func)
    return resolver.wrapped_func


def converted_arguments(
    schema: GraphQLSchema, field: StrawberryField, raw: dict[str, Any]
) -> dict[str, Any]:
    """Arguments coerced by graphql-core, converted as Strawberry hands them to a
    resolver (inputs as their classes, enums as members)."""
    strawberry_schema = schema._strawberry_schema  # type: ignore[attr-defined]
    return convert_arguments(
        raw,
        field.arguments,
        scalar_registry=strawberry_schema.schema_converter.scalar_registry,
        config=strawberry_schema.config,
    )


def raw_info(info: strawberry.Info[Any, Any]) -> GraphQLResolveInfo[Any]:
    """graphql-core's own resolve info behind Strawberry's."""
    return info._raw_info


def strawberry_info(
    raw: GraphQLResolveInfo[Any], field: StrawberryField
) -> strawberry.Info[Any, Any]:
    """Strawberry's `Info` for a resolver called outside Strawberry's own execution."""
    return strawberry.Info(_raw_info=raw, _field=field)
