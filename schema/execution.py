"""Shaping planned roots without the per-field machinery of execution.

A planned root (`researcher`, `work`, `node`) resolves as usual: its resolver reads the
whole selection's data in one store call and primes the request's loaders. What is
left is putting that data in the response's shape, and graphql-core spends most of a
profile page's CPU doing so: an awaitable, a task switch, a path and an info object
per field. Here the root's value is completed synchronously instead: plain fields are
attributes of the Strawberry objects, and resolver fields are the same Strawberry
resolvers, whose loads all hit done futures, so their coroutines finish without
suspending. Fields are collected, arguments coerced and leaves serialized by
graphql-core's own functions, so the result is what execution would give.

Whenever that is not so (a load not primed, an error, a null in a non-null field,
`@defer`), the root is executed the ordinary way, on the loaders already primed: the
same answer, never another store call for what was read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterator
from typing import Any

from graphql import (
    GraphQLAbstractType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationType,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined
from prometheus_client import Counter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

# Roots whose resolvers plan their reads.
PLANNED_ROOTS = frozenset({"researcher", "work", "node"})

SHAPED = Counter(
    "researchgraph_shaped_roots_total",
    "Planned roots completed from their prefetched data (shaped) or by ordinary "
    "execution (fallback).",
    ["outcome"],
)


class _Fallback(Exception):
    """The prefetched data cannot complete this value: execute it normally."""


def _finished(value: Any) -> Any:
    """The value of a resolver's result when it needs no waiting, else `_Fallback`."""
    if isinstance(value, asyncio.Future):
        if not value.done() or value.cancelled():
            raise _Fallback
        return value.result()
    if asyncio.iscoroutine(value):
        try:
            value.send(None)
        except StopIteration as finished:
            return finished.value
        value.close()  # it waits on a load that was not primed
        raise _Fallback
    return value


class PlannedExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: list[FieldDetails],
        path: Path,
        position_context: Any,
    ) -> Any:
        if (
            path.prev is not None
            or self.operation.operation is not OperationType.QUERY
            or field_details_list[0].node.name.value not in PLANNED_ROOTS
            or not getattr(self.context_value, "plan_reads", False)
        ):
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
        return self._shaped_root(parent_type, source, field_details_list, path, position_context)

    async def _shaped_root(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: list[FieldDetails],
        path: Path,
        position_context: Any,
    ) -> Any:
        field = parent_type.fields[field_details_list[0].node.name.value]
        try:
            value = self._resolve(parent_type, field, source, field_details_list, path)
            if isinstance(value, Awaitable):
                value = await value
            shaped = await self._complete_root(field.type, value, field_details_list, path)
        except Exception:
            SHAPED.labels("fallback").inc()
            completed = super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
            return await completed if isinstance(completed, Awaitable) else completed
        SHAPED.labels("shaped").inc()
        return shaped

    def _arguments(self, field: GraphQLField, details: list[FieldDetails]) -> dict[str, Any]:
        """As `execute_field` coerces them."""
        first = details[0]
        if not (field.args or first.node.arguments):
            return {}
        return get_argument_values(
            field,
            first.node,
            self.variable_values,
            first.fragment_variable_values,
            self.hide_suggestions,
        )

    async def _complete_root(
        self, type_: GraphQLOutputType, value: Any, details: list[FieldDetails], path: Path
    ) -> Any:
        """As `_complete`, except that the root's own fields may wait (a graph slice
        reads the edges among the nodes it chose): such a field is resolved again and
        awaited, and its value completed from the primed loaders."""
        inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if value is None or not isinstance(inner, GraphQLObjectType | GraphQLAbstractType):
            return self._complete(type_, value, details, path)
        runtime = self._runtime_type(inner, value)
        result: dict[str, Any] = {}
        for key, field, field_details, field_path in self._fields(runtime, details, path):
            if field is None:
                result[key] = runtime.name
                continue
            try:
                found = _finished(self._resolve(runtime, field, value, field_details, field_path))
            except _Fallback:
                found = self._resolve(runtime, field, value, field_details, field_path)
                if isinstance(found, Awaitable):
                    found = await found
            result[key] = self._complete(field.type, found, field_details, field_path)
        return result

    def _complete(
        self, type_: GraphQLOutputType, value: Any, details: list[FieldDetails], path: Path
    ) -> Any:
        """graphql-core's `complete_value`, for values needing no waiting."""
        if isinstance(type_, GraphQLNonNull):
            completed = self._complete(type_.of_type, value, details, path)
            if completed is None:
                raise _Fallback  # graphql-core reports the non-null violation
            return completed
        value = _finished(value)
        if value is None:
            return None
        if isinstance(type_, GraphQLList):
            return [
                self._complete(type_.of_type, item, details, path.add_key(index))
                for index, item in enumerate(value)
            ]
        if isinstance(type_, GraphQLLeafType):
            serialized = type_.serialize(value)
            if serialized is Undefined or serialized is None:
                raise _Fallback
            return serialized
        assert isinstance(type_, GraphQLObjectType | GraphQLAbstractType)
        runtime = self._runtime_type(type_, value)
        result: dict[str, Any] = {}
        for key, field, field_details, field_path in self._fields(runtime, details, path):
            if field is None:
                result[key] = runtime.name
            else:
                found = self._resolve(runtime, field, value, field_details, field_path)
                result[key] = self._complete(field.type, found, field_details, field_path)
        return result

    def _runtime_type(
        self, type_: GraphQLObjectType | GraphQLAbstractType, value: Any
    ) -> GraphQLObjectType:
        if isinstance(type_, GraphQLObjectType):
            return type_
        definition = getattr(value, "__strawberry_definition__", None)
        runtime = self.schema.get_type(definition.name) if definition else None
        if not isinstance(runtime, GraphQLObjectType):
            raise _Fallback
        return runtime

    def _fields(
        self, type_: GraphQLObjectType, details: list[FieldDetails], path: Path
    ) -> Iterator[tuple[str, GraphQLField | None, list[FieldDetails], Path]]:
        """Each selected field of an object (None for `__typename`), as execution
        collects them."""
        collected = self.collect_subfields(type_, details)
        if collected.new_defer_usages:
            raise _Fallback
        for key, field_details in collected.grouped_field_set.items():
            name = field_details[0].node.name.value
            field = None if name == "__typename" else type_.fields[name]
            yield key, field, field_details, path.add_key(key, type_.name)

    def _resolve(
        self,
        type_: GraphQLObjectType,
        field: GraphQLField,
        source: Any,
        details: list[FieldDetails],
        path: Path,
    ) -> Any:
        """A plain field's attribute, or what its Strawberry resolver returns."""
        definition = field.extensions[GraphQLCoreConverter.DEFINITION_BACKREF]
        if definition.base_resolver is None:
            return getattr(source, definition.python_name)
        info = self.build_resolve_info(field, [d.node for d in details], type_, path)
        resolve = field.resolve
        if self.middleware_manager:  # schema extensions' resolve hooks (tracing)
            resolve = self.middleware_manager.get_field_resolver(resolve)  # type: ignore[arg-type]
        return resolve(source, info, **self._arguments(field, details))  # type: ignore[misc]
