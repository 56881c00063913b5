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
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

from graphql import (
    FragmentDefinitionNode,
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationType,
    get_named_type,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined
from graphql.type.scalars import serialize_boolean, serialize_id, serialize_string
from prometheus_client import Counter

from researchgraph.resolvers.document_memo import ByValues, NodeMemo, variables_below
from researchgraph.resolvers.strawberry_internals import (
    ExecutionContext,
    converted_arguments,
    definition,
    metadata,
    method,
    strawberry_info,
)

# Roots completed here: those whose resolvers plan their reads, and the graph slice,
# whose hundreds of nodes and edges are plain attributes once its resolver is done.
SHAPED_ROOTS = frozenset(
    {"researcher", "work", "topic", "source", "institution", "node", "graphSlice"}
)

SHAPED = Counter(
    "researchgraph_shaped_roots_total",
    "Planned roots completed from their prefetched data (shaped) or by ordinary "
    "execution (fallback).",
    ["outcome"],
)


# Field metadata of a field no read plan covers whose store read batches across a page
# (neighbours by similarity, facets, followers): below a root it is never probed.
UNPLANNED = "unplanned"


class _Fallback(Exception):
    """The prefetched data cannot complete this value: execute it normally."""


def _finished(value: Any) -> Any:
    """A resolver's result when it needs no waiting, else `_Fallback`."""
    if type(value) is not asyncio.Future and not asyncio.iscoroutine(value):
        return value
    if isinstance(value, asyncio.Future):
        if not value.done() or value.cancelled():
            raise _Fallback
        return value.result()
    try:
        value.send(None)
    except StopIteration as finished:
        return finished.value
    value.close()  # it waits on a load that was not primed
    raise _Fallback


class _Details(list[FieldDetails]):
    """A selected field's details, holding the selections below it by object type and
    its arguments as its resolver takes them: kept with the selection (and across
    requests with it, for the values of the variables it reads), so a page's hundreds
    of objects look their fields up once, not once each."""

    def __init__(self, details: list[FieldDetails]) -> None:
        super().__init__(details)
        self.below: dict[GraphQLObjectType, list[Selected]] = {}
        self.arguments: dict[str, Any] | None = None


# How a field's value is read: (executor, source, field details, path) -> value.
Resolve = Callable[["PlannedExecutionContext", Any, _Details, Path], Any]
# How a value of a type is completed: (executor, value, field details, path) -> JSON.
Complete = Callable[["PlannedExecutionContext", Any, _Details, Path], Any]
# A selected field: response key, field (None: __typename), its details, read,
# complete, and, for a plain attribute of a leaf type (most of a page's fields), the
# attribute's name and the type whose values it returns as they are: such a field is
# read and, mostly, completed in line, with no Path and no call.
Selected = tuple[
    str, GraphQLField | None, _Details, Resolve | None, Complete | None, str | None, type | None
]

# Built once per type and field of a schema: they depend on nothing else. Keyed by
# identity (graphql-core's types compare by value), holding the key's object so that
# its id is never reused.
_COMPLETERS: dict[int, tuple[GraphQLOutputType, Complete]] = {}
_RESOLVERS: dict[int, tuple[GraphQLField, Resolve]] = {}
_CALLERS: dict[int, tuple[GraphQLField, Resolve]] = {}
# Selections by object type and field nodes, then by the variables below them.
_SELECTED: NodeMemo[ByValues[list[Selected]]] = NodeMemo()


def _completer(type_: GraphQLOutputType) -> Complete:
    """graphql-core's `complete_value` for `type_`, for values needing no waiting."""
    found = _COMPLETERS.get(id(type_))
    if found is not None:
        return found[1]
    complete: Complete
    if isinstance(type_, GraphQLNonNull):
        inner = _completer(type_.of_type)

        def complete(ex: Any, value: Any, details: _Details, path: Path) -> Any:
            completed = inner(ex, value, details, path)
            if completed is None:
                raise _Fallback  # graphql-core reports the non-null violation
            return completed

    elif isinstance(type_, GraphQLList):
        item = _completer(type_.of_type)

        def complete(ex: Any, value: Any, details: _Details, path: Path) -> Any:
            if value is None:
                return None
            return [item(ex, v, details, path.add_key(i)) for i, v in enumerate(value)]

    elif isinstance(type_, GraphQLEnumType):
        leaf = _leaf(type_)
        # Strawberry's enum serializer scans the enum's values for each one; members
        # are few and immutable, so each is looked up once.
        names: dict[tuple[type, Any], Any] = {}

        def complete(ex: Any, value: Any, details: _Details, path: Path) -> Any:
            if not isinstance(value, Enum):
                return leaf(ex, value, details, path)
            key = (type(value), value)
            name = names.get(key)
            if name is None:
                name = names[key] = leaf(ex, value, details, path)
            return name

    elif isinstance(type_, GraphQLLeafType):
        complete = _leaf(type_)

    else:
        assert isinstance(type_, GraphQLObjectType | GraphQLAbstractType)
        declared = type_

        def complete(ex: Any, value: Any, details: _Details, path: Path) -> Any:
            if value is None:
                return None
            runtime = ex.runtime_type(declared, value)
            result: dict[str, Any] = {}
            for key, field, field_details, resolve, complete_field, attribute, as_is in ex.below(
                runtime, details
            ):
                if attribute is not None:
                    found = getattr(value, attribute)
                    result[key] = (
                        found
                        if type(found) is as_is
                        else complete_field(ex, found, field_details, path)
                    )
                elif field is None:
                    result[key] = runtime.name
                else:
                    field_path = path.add_key(key, runtime.name)
                    found = resolve(ex, value, field_details, field_path)
                    result[key] = complete_field(ex, found, field_details, field_path)
            return result

    _COMPLETERS[id(type_)] = (type_, complete)
    return complete


# Serializers that return a value of exactly this type as it is: most of a page's
# leaves are strings, spared the call.
_AS_IS: dict[Callable[[Any], Any], type] = {
    serialize_string: str,
    serialize_id: str,
    serialize_boolean: bool,
}


def _leaf(type_: GraphQLLeafType) -> Complete:
    serialize = type_.serialize
    as_is = _AS_IS.get(serialize)

    def complete(ex: Any, value: Any, details: _Details, path: Path) -> Any:
        if type(value) is as_is or value is None:
            return value
        serialized = serialize(value)
        if serialized is Undefined or serialized is None:
            raise _Fallback
        return serialized

    return complete


def _attribute(field: GraphQLField) -> str | None:
    """The attribute of its object a field reads, when it has no resolver of its own."""
    declared = definition(field)
    return declared.python_name if declared.base_resolver is None else None


def _resolver(field: GraphQLField) -> Resolve:
    """How to read `field` from a Strawberry object, as execution would, when the
    value needs no waiting."""
    found = _RESOLVERS.get(id(field))
    if found is not None:
        return found[1]
    call = _caller(field)
    resolve: Resolve
    if _attribute(field) is not None:
        resolve = call  # an attribute is never awaited
    elif metadata(field).get(UNPLANNED):

        def resolve(ex: Any, source: Any, details: _Details, path: Path) -> Any:
            # Probing it would queue its load alone, and ordinary execution would then
            # batch the rest of the page without it: one more round trip.
            raise _Fallback

    else:

        def resolve(ex: Any, source: Any, details: _Details, path: Path) -> Any:
            return _finished(call(ex, source, details, path))

    _RESOLVERS[id(field)] = (field, resolve)
    return resolve


def _caller(field: GraphQLField) -> Resolve:
    """What Strawberry's resolver for `field` returns, perhaps an awaitable."""
    found = _CALLERS.get(id(field))
    if found is not None:
        return found[1]
    declared = definition(field)
    resolver = declared.base_resolver
    name = _attribute(field)
    call: Resolve
    if name is not None:

        def call(ex: Any, source: Any, details: _Details, path: Path) -> Any:
            return getattr(source, name)

    elif (
        resolver is not None
        and not declared.extensions
        and resolver.self_parameter
        and not resolver.parent_parameter
        and not resolver.root_parameter
    ):
        # A method: called as Strawberry calls it (`get_arguments`), minus the handler
        # lookup, and with its arguments converted once per selection, not per object.
        function = method(declared)
        info_name = resolver.info_parameter.name if resolver.info_parameter else None

        def call(ex: Any, source: Any, details: _Details, path: Path) -> Any:
            if ex.resolve_hooks:  # schema extensions' resolve hooks (tracing)
                return ex.resolve_field(field, source, details, path)
            kwargs = ex.arguments(field, declared, details) if declared.arguments else {}
            if info_name is not None:
                nodes = [d.node for d in details]
                raw = ex.build_resolve_info(field, nodes, ex.parent_of(path), path)
                kwargs = {**kwargs, info_name: strawberry_info(raw, declared)}
            return function(source, **kwargs)

    else:

        def call(ex: Any, source: Any, details: _Details, path: Path) -> Any:
            return ex.resolve_field(field, source, details, path)

    _CALLERS[id(field)] = (field, call)
    return call


class PlannedExecutionContext(ExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Strawberry hands every request a middleware manager, most with no middleware.
        self.resolve_hooks = bool(self.middleware_manager and self.middleware_manager.middlewares)

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
            or field_details_list[0].node.name.value not in SHAPED_ROOTS
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
            value = self.resolve_field(field, source, field_details_list, path, parent_type)
            if isinstance(value, Awaitable):
                value = await value
            root = _Details(field_details_list)
            shaped = await self._complete_root(field.type, value, root, path)
        except Exception:
            SHAPED.labels("fallback").inc()
            completed = super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
            return await completed if isinstance(completed, Awaitable) else completed
        SHAPED.labels("shaped").inc()
        return shaped

    async def _complete_root(
        self, type_: GraphQLOutputType, value: Any, details: _Details, path: Path
    ) -> Any:
        """As `_completer`, except that the root's own fields are awaited: one may read
        what no plan covers (a graph slice reads the edges among the nodes it chose);
        what they return is completed from the primed loaders."""
        inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if value is None or not isinstance(inner, GraphQLObjectType | GraphQLAbstractType):
            return _completer(type_)(self, value, details, path)
        runtime = self.runtime_type(inner, value)
        result: dict[str, Any] = {}
        for key, field, field_details, _, complete, _, _ in self.below(runtime, details):
            field_path = path.add_key(key, runtime.name)
            if field is None:
                result[key] = runtime.name
                continue
            assert complete is not None
            found = _caller(field)(self, value, field_details, field_path)
            if isinstance(found, Awaitable):
                found = await found
            result[key] = complete(self, found, field_details, field_path)
        return result

    def runtime_type(
        self, type_: GraphQLObjectType | GraphQLAbstractType, value: Any
    ) -> GraphQLObjectType:
        if isinstance(type_, GraphQLObjectType):
            return type_
        definition = getattr(value, "__strawberry_definition__", None)
        runtime = self.schema.get_type(definition.name) if definition else None
        if not isinstance(runtime, GraphQLObjectType):
            raise _Fallback
        return runtime

    def below(self, type_: GraphQLObjectType, details: _Details) -> list[Selected]:
        """The fields selected on an object of `type_` below a field, kept with the
        field's details."""
        found = details.below.get(type_)
        if found is None:
            found = details.below[type_] = self.selected(type_, details)
        return found

    def selected(self, type_: GraphQLObjectType, details: _Details) -> list[Selected]:
        """The fields selected on an object, as execution collects them, with how to
        read and complete each; kept across requests per field nodes and the values of
        the variables below them (`@skip`/`@include`): a UI sends the same document
        again and again."""
        if any(d.defer_usage or d.fragment_variable_values for d in details):
            return self._collected(type_, details)
        nodes = [d.node for d in details]
        return _SELECTED.get(
            type_, nodes, lambda: ByValues(variables_below(nodes, self._fragment_definitions()))
        ).get(self.variable_values.coerced, lambda: self._collected(type_, details))

    def _fragment_definitions(self) -> dict[str, FragmentDefinitionNode]:
        return {name: fragment.definition for name, fragment in self.fragments.items()}

    def _collected(self, type_: GraphQLObjectType, details: list[FieldDetails]) -> list[Selected]:
        collected = self.collect_subfields(type_, details)
        if collected.new_defer_usages:
            raise _Fallback
        fields: list[Selected] = []
        for response_key, grouped in collected.grouped_field_set.items():
            field_details = _Details(grouped)
            name = field_details[0].node.name.value
            if name == "__typename":
                fields.append((response_key, None, field_details, None, None, None, None))
                continue
            field = type_.fields[name]
            leaf = get_named_type(field.type)
            attribute = _attribute(field) if isinstance(leaf, GraphQLLeafType) else None
            fields.append(
                (
                    response_key,
                    field,
                    field_details,
                    _resolver(field),
                    _completer(field.type),
                    attribute,
                    _AS_IS.get(leaf.serialize) if attribute is not None else None,
                )
            )
        return fields

    def arguments(self, field: GraphQLField, declared: Any, details: _Details) -> dict[str, Any]:
        """A selection's arguments as the resolver takes them: coerced by graphql-core,
        converted by Strawberry; the same for every object the selection is read on,
        and, since a selection is kept per the values of the variables below it, in
        every request that reuses it."""
        if details.arguments is None:
            first = details[0]
            raw = get_argument_values(
                field,
                first.node,
                self.variable_values,
                first.fragment_variable_values,
                self.hide_suggestions,
            )
            details.arguments = converted_arguments(self.schema, declared, raw)
        return details.arguments

    def parent_of(self, path: Path) -> GraphQLObjectType:
        parent = self.schema.get_type(path.typename or "")
        assert isinstance(parent, GraphQLObjectType)
        return parent

    def resolve_field(
        self,
        field: GraphQLField,
        source: Any,
        details: list[FieldDetails],
        path: Path,
        parent: GraphQLObjectType | None = None,
    ) -> Any:
        """What Strawberry's resolver for `field` returns, called as `execute_field`
        calls it (arguments coerced, extensions' resolve hooks applied)."""
        nodes = [d.node for d in details]
        info = self.build_resolve_info(field, nodes, parent or self.parent_of(path), path)
        first = details[0]
        args = (
            get_argument_values(
                field,
                first.node,
                self.variable_values,
                first.fragment_variable_values,
                self.hide_suggestions,
            )
            if field.args or first.node.arguments
            else {}
        )
        resolve = field.resolve
        assert resolve is not None
        if self.resolve_hooks:
            assert self.middleware_manager is not None
            resolve = self.middleware_manager.get_field_resolver(resolve)
        return resolve(source, info, **args)
